"""reception requests: a script's request id per received dossier

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 15:00:00

``motcua receive --json`` items may carry a ``request_id``; running the same file again answers
with the dossier already received for it (issue 17, item 6). A new table, unique per counter.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reception_requests",
        sa.Column("request_id", sa.String(length=64), primary_key=True),
        sa.Column("dossier_id", sa.String(length=36), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("dossier_id"),
    )


def downgrade() -> None:
    op.drop_table("reception_requests")
