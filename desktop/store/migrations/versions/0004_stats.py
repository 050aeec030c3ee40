"""indexes for supervisor statistics

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00

A period's statistics read the dossiers finished since its start, those not finished, and those
returned inside it (desktop/store/stats/sql.py); each part has its own index so a quarter of a
centre with a million dossiers reads tens of thousands of rows, not all of them. The partial
index on events finds the few dossiers that got a new appointment with an apology (Mẫu 04).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_dossiers_finished", "dossiers", ["finished_at", "received_at"])
    op.create_index(
        "ix_dossiers_unfinished",
        "dossiers",
        ["received_at", "status", "updated_at"],
        sqlite_where=sa.text("finished_at IS NULL"),
    )
    op.create_index("ix_dossiers_returned", "dossiers", ["returned_at", "finished_at"])
    op.create_index(
        "ix_events_rescheduled",
        "events",
        ["dossier_id", "seq"],
        sqlite_where=sa.text("type = 'rescheduled'"),
    )


def downgrade() -> None:
    op.drop_index("ix_events_rescheduled", table_name="events")
    op.drop_index("ix_dossiers_returned", table_name="dossiers")
    op.drop_index("ix_dossiers_unfinished", table_name="dossiers")
    op.drop_index("ix_dossiers_finished", table_name="dossiers")
