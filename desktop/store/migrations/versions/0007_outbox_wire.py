"""the outbox keeps each event as it goes on the wire

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-05 09:00:00

Each queued event is encoded once, when it is recorded, with the dossier as it stood right after
it, so a sync batch is read and sent without folding histories again (DESIGN.md §5). Rows queued
before this revision keep NULL and are encoded when they are sent, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("wire", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("wire")
