"""the citizen's ratings and results by post on dossiers; a ratings table

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 22:30:00

Issue 20: ``rated`` events (once per stage) fold into ``rating_reception`` and
``rating_return``; ``sent_by_post`` and ``post_delivered`` into the S10 item number and the two
times the 24-hour clock runs between. Nullable columns: existing dossiers were never rated nor
posted, and nothing has to be back-filled. ``ratings`` lists each rating (stage, level, the
officer rated) for the statistics, as ``payments`` does the money.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_COLUMNS = ("post_delivered_at", "posted_at", "post_tracking", "rating_return", "rating_reception")


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("rating_reception", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("rating_return", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("post_tracking", sa.String(length=13), nullable=True))
        batch.add_column(sa.Column("posted_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("post_delivered_at", sa.DateTime(), nullable=True))
    op.create_index("ix_dossiers_posted_at", "dossiers", ["posted_at"])
    op.create_table(
        "ratings",
        sa.Column("event_id", sa.String(length=36), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("dossier_id", sa.String(length=36), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("served_by", sa.String(length=60), nullable=False),
        sa.Column("officer", sa.String(length=60), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_ratings_dossier_id", "ratings", ["dossier_id"])
    op.create_index("ix_ratings_at", "ratings", ["at"])


def downgrade() -> None:
    op.drop_index("ix_ratings_at", "ratings")
    op.drop_index("ix_ratings_dossier_id", "ratings")
    op.drop_table("ratings")
    op.drop_index("ix_dossiers_posted_at", "dossiers")
    # ALTER TABLE … DROP COLUMN, not a batch copy: other tables point at ``dossiers``
    for column in _COLUMNS:
        op.execute(f"ALTER TABLE dossiers DROP COLUMN {column}")
