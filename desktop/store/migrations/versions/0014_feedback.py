"""the feedback register

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 23:00:00

Issue 20 item 3: citizens' feedback and complaints (phản ánh, kiến nghị) with their entries
(received, progress, answered, published), synced to the provincial server like events.
New tables only: nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("from_name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("dossier_code", sa.String(length=60), nullable=True),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("officer", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("last_update_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index("ix_feedback_received_at", "feedback", ["received_at"])
    op.create_table(
        "feedback_entries",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("feedback_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=60), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("wire", sa.LargeBinary(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("refused", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_feedback_entries_feedback_id_feedback"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_feedback_entries")),
        sa.UniqueConstraint("id", name=op.f("uq_feedback_entries_id")),
    )
    op.create_index("ix_feedback_entries_feedback_id", "feedback_entries", ["feedback_id"])


def downgrade() -> None:
    op.drop_index("ix_feedback_entries_feedback_id", "feedback_entries")
    op.drop_table("feedback_entries")
    op.drop_index("ix_feedback_received_at", "feedback")
    op.drop_table("feedback")
