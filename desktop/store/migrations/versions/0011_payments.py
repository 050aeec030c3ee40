"""fees and payments: the paid amount and exemption on dossiers, a payments table

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 19:55:00

Issue 19: a dossier's fee is paid (cash, QR transfer, card, a transfer the bank confirmed),
refunded or exempted by events; ``fee_paid`` and ``fee_exempt_reason`` are their fold, and
``payments`` lists each payment and refund with its fee receipt number for the day close.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("fee_paid", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("fee_exempt_reason", sa.Text(), nullable=True))
    op.create_table(
        "payments",
        sa.Column("event_id", sa.String(length=36), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("dossier_id", sa.String(length=36), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(length=40), nullable=True, unique=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("officer", sa.String(length=60), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_payments_dossier_id", "payments", ["dossier_id"])
    op.create_index("ix_payments_at", "payments", ["at"])


def downgrade() -> None:
    op.drop_index("ix_payments_at", "payments")
    op.drop_index("ix_payments_dossier_id", "payments")
    op.drop_table("payments")
    # ALTER TABLE … DROP COLUMN, not a batch copy: other tables point at ``dossiers``
    op.execute("ALTER TABLE dossiers DROP COLUMN fee_exempt_reason")
    op.execute("ALTER TABLE dossiers DROP COLUMN fee_paid")
