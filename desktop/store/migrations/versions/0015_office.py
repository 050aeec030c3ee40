"""the counter's office: place of the date line, number prefix, who set it and when

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 02:30:00

Issue 21 item 1: a counter prints its own office's heading (commune, ward and special-zone
centres since the two-tier reorganisation of 1 July 2025), the place of its date line and the
prefix of its document numbers. ``office_set_at``/``office_source``/``office_set_by`` say which
of the counter's administrator and the province's server set it last (the later one stands).
Nullable columns only: an older database keeps working and falls back to the province's name.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counter_identity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_place", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("office_number_prefix", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("office_set_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("office_source", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("office_set_by", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("counter_identity", schema=None) as batch_op:
        batch_op.drop_column("office_set_by")
        batch_op.drop_column("office_source")
        batch_op.drop_column("office_set_at")
        batch_op.drop_column("office_number_prefix")
        batch_op.drop_column("office_place")
