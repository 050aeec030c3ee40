"""the feedback register's entries (issue 20 item 3)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 00:30:00

Feedback (phản ánh, kiến nghị) entered at the counters and pushed to ``POST /feedback``: one row
per entry (received, progress, answer, published), carried to the agency's counters by the feed.
A new table: nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("feedback_id", sa.String(length=36), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("feed_id", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_feedback_entries_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_entries")),
    )
    op.create_index(
        "ix_feedback_entries_agency_feed", "feedback_entries", ["agency", "feed_id"], unique=False
    )
    op.create_index(
        op.f("ix_feedback_entries_feedback_id"), "feedback_entries", ["feedback_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_feedback_entries_feedback_id"), table_name="feedback_entries")
    op.drop_index("ix_feedback_entries_agency_feed", table_name="feedback_entries")
    op.drop_table("feedback_entries")
