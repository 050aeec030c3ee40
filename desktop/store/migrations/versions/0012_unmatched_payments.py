"""unmatched bank transfers the provincial server lists for the agency's counters

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 20:10:00

Issue 19 item 4: a transfer the bank notified for one of the agency's dossiers but the server
did not apply (short, over, closed dossier) arrives through the feed and is kept here for the
supervisor's day close. A new table: nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unmatched_payments",
        sa.Column("transaction_id", sa.String(length=64), primary_key=True),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("outstanding", sa.Integer(), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_unmatched_payments_dossier_id", "unmatched_payments", ["dossier_id"])
    op.create_index("ix_unmatched_payments_paid_at", "unmatched_payments", ["paid_at"])


def downgrade() -> None:
    op.drop_index("ix_unmatched_payments_paid_at", "unmatched_payments")
    op.drop_index("ix_unmatched_payments_dossier_id", "unmatched_payments")
    op.drop_table("unmatched_payments")
