"""the sign-in rate limits' buckets, shared by every instance (issue 23 item 4)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 02:45:00

The per-address limits of enrolment and officer sign-in were counted in each process's memory,
so a guesser spreading attempts over several instances (or ``--workers N``) got that many times
the attempts. Their token buckets are now rows here (sync/server/ratelimit.py). A new table:
nothing existing changes, and nothing is carried over (the buckets in memory are gone with the
processes that held them; every source starts full).
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
        "rate_buckets",
        sa.Column("limiter", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("limiter", "source", name=op.f("pk_rate_buckets")),
    )
    op.create_index(
        op.f("ix_rate_buckets_updated_at"), "rate_buckets", ["updated_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_rate_buckets_updated_at"), table_name="rate_buckets")
    op.drop_table("rate_buckets")
