"""online dossiers and hand-over: submission, check, claim and hand-over columns on dossiers

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 19:20:00

Issue 18: online dossiers arrive from the portal through the server (``submitted_at``), are
answered by one counter only (``claim_*``, ``checked_at``), and received dossiers are handed to
the specialist unit (``handed_over_at``, ``handover_unit``, ``handover_id``). Nullable columns:
every existing dossier was received at a counter and has no hand-over on record.

Hand-overs are tracked from this upgrade on (``sync_state['handover_since']``, only in a
database that already holds dossiers): dossiers
received before it were handed over on paper, with nothing recorded here, and listing them all
as overdue would bury the ones that matter.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("submitted_at", sa.DateTime()),
    ("checked_at", sa.DateTime()),
    ("claim_counter", sa.String(length=8)),
    ("claim_officer", sa.String(length=60)),
    ("claimed_at", sa.DateTime()),
    ("handed_over_at", sa.DateTime()),
    ("handover_unit", sa.String(length=300)),
    ("handover_id", sa.String(length=36)),
)
_INDEXES = ("submitted_at", "handed_over_at", "handover_id")


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        for name, type_ in _COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        for name in _INDEXES:
            batch.create_index(f"ix_dossiers_{name}", [name])
    if not op.get_bind().execute(sa.text("SELECT EXISTS (SELECT 1 FROM dossiers)")).scalar():
        return  # a new counter: everything it receives is tracked
    state = sa.table("sync_state", sa.column("key", sa.String), sa.column("value", sa.JSON))
    # local wall-clock time, as every time the counter stores (desktop/store/clock.py)
    now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None, microsecond=0)
    op.bulk_insert(state, [{"key": "handover_since", "value": {"at": now.isoformat()}}])


def downgrade() -> None:
    op.execute("DELETE FROM sync_state WHERE key = 'handover_since'")
    for name in _INDEXES:
        op.drop_index(f"ix_dossiers_{name}", "dossiers")
    # ALTER TABLE … DROP COLUMN (SQLite 3.35): a batch copy of the table would have to drop
    # ``dossiers``, which events, attachments and aliases point at
    for name, _type in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE dossiers DROP COLUMN {name}")
