"""incidents and day closures

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 09:00:00

Outages become incident records (seed 000 Điều 13; DESIGN.md §6) kept across restarts of the
sync process, with their error samples and catch-up report; closing a day's register is recorded
with the events still waiting and, for a supervisor's override, the reason.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(), nullable=False),
        sa.Column("cause", sa.String(length=12), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("samples", sa.JSON(), nullable=False),
        sa.Column("seq_mark", sa.Integer(), nullable=False),
        sa.Column("report_to", sa.Text(), nullable=False),
        sa.Column("answer_within_hours", sa.Float(), nullable=True),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("reported_by", sa.String(length=60), nullable=True),
        sa.Column("form", sa.JSON(), nullable=False),
        sa.Column("catchup", sa.JSON(), nullable=True),
        sa.Column("catchup_done_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index(op.f("ix_incidents_state"), "incidents", ["state"])
    op.create_table(
        "day_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=60), nullable=False),
        sa.Column("pending", sa.Integer(), nullable=False),
        sa.Column("dead", sa.Integer(), nullable=False),
        sa.Column("dossiers", sa.Integer(), nullable=False),
        sa.Column("override", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_day_closures_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_closures")),
    )
    op.create_index(op.f("ix_day_closures_day"), "day_closures", ["day"])


def downgrade() -> None:
    op.drop_index(op.f("ix_day_closures_day"), table_name="day_closures")
    op.drop_table("day_closures")
    op.drop_index(op.f("ix_incidents_state"), table_name="incidents")
    op.drop_table("incidents")
