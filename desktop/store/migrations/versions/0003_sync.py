"""sync state, inbox and conflicts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 20:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("parked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_sync_inbox")),
    )
    op.create_index(op.f("ix_sync_inbox_dossier_id"), "sync_inbox", ["dossier_id"])
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=60), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    # the pusher reads "not yet sent, not dead, in order" all day long
    op.create_index("ix_outbox_pending", "outbox", ["acked_at", "dead", "seq"])
    op.create_index("ix_dossiers_counter", "dossiers", ["counter", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_counter", table_name="dossiers")
    op.drop_index("ix_outbox_pending", table_name="outbox")
    op.drop_table("sync_conflicts")
    op.drop_index(op.f("ix_sync_inbox_dossier_id"), table_name="sync_inbox")
    op.drop_table("sync_inbox")
    op.drop_table("sync_state")
