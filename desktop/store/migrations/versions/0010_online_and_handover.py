"""online dossiers and hand-over: submission, check, claim and hand-over columns on dossiers

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 19:20:00

Issue 18: online dossiers arrive from the portal through the server (``submitted_at``), are
answered by one counter only (``claim_*``, ``checked_at``), and received dossiers are handed to
the specialist unit (``handed_over_at``, ``handover_unit``, ``handover_id``). Nullable columns:
every existing dossier was received at a counter and has no hand-over on record.
"""

from __future__ import annotations

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


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        for name in _INDEXES:
            batch.drop_index(f"ix_dossiers_{name}")
        for name, _type in reversed(_COLUMNS):
            batch.drop_column(name)
