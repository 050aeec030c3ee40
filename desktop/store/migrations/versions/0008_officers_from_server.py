"""officers remember whether the provincial server manages them

Revision ID: 0008
Revises: 0007
Create Date: 2027-01-12 09:00:00

An account that came from the server (through the feed or an online sign-in) is the server's to
refuse: while the server answers, its "wrong password" or "disabled" stands and the counter's
copy is blocked (issue 17). Accounts made at this counter (its administrator from init) are
checked here. Rows from before this revision are left as this counter's own until the server
next sends them; nothing tells them apart reliably.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.add_column(
            sa.Column("from_server", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.drop_column("from_server")
