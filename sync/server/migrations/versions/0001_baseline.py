"""the provincial server's schema as it shipped before migrations (issue 23)

Revision ID: 0001
Revises:
Create Date: 2026-12-03 22:40:00

Until this revision the server made its tables with ``create_all`` at every start. This is that
schema, table for table: an empty database is brought to it by ``upgrade``; a database the
server made before (its tables, no ``alembic_version``) is completed the way every start used
to complete it and then stamped with this revision (sync/server/schema.py), so both reach the
same schema and the revisions after this one apply to both alike.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("os_user", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_actions")),
    )
    op.create_index(op.f("ix_admin_actions_at"), "admin_actions", ["at"], unique=False)
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("code_template", sa.String(length=80), nullable=False),
        sa.Column("max_seq", sa.Integer(), nullable=False),
        sa.Column("emergency_size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agencies")),
    )
    op.create_table(
        "auth_nonces",
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_auth_nonces")),
    )
    op.create_index(op.f("ix_auth_nonces_seen_at"), "auth_nonces", ["seen_at"], unique=False)
    op.create_table(
        "bank_receipt_series",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_bank_receipt_series")),
    )
    op.create_table(
        "bank_transactions",
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("receipt_no", sa.String(length=40), nullable=True),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("transaction_id", name=op.f("pk_bank_transactions")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_bank_transactions_receipt_no")),
    )
    op.create_table(
        "blob_refs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "agency", name=op.f("pk_blob_refs")),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blobs")),
    )
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_days")),
    )
    op.create_table(
        "catalogs",
        sa.Column("version", sa.String(length=60), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_catalogs")),
    )
    op.create_table(
        "day_sequences",
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("high", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("agency", "day", name=op.f("pk_day_sequences")),
    )
    op.create_table(
        "feed_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_clock")),
    )
    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("roles", sa.String(length=120), nullable=False),
        sa.Column("verifier", sa.String(length=300), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
        sa.UniqueConstraint("username", name=op.f("uq_officers_username")),
    )
    op.create_table(
        "payment_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("transaction_id", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_notifications")),
    )
    op.create_index(
        op.f("ix_payment_notifications_received_at"),
        "payment_notifications",
        ["received_at"],
        unique=False,
    )
    op.create_table(
        "payment_secrets",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("secret", sa.String(length=256), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_secrets")),
    )
    op.create_table(
        "unmatched_payments",
        sa.Column("transaction_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("outstanding", sa.BigInteger(), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("agency", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("transaction_id", name=op.f("pk_unmatched_payments")),
    )
    op.create_index(
        op.f("ix_unmatched_payments_received_at"),
        "unmatched_payments",
        ["received_at"],
        unique=False,
    )
    op.create_table(
        "counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("install_id", sa.String(length=36), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("emergency_start", sa.Integer(), nullable=True),
        sa.Column("emergency_end", sa.Integer(), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agencies.code"], name=op.f("fk_counters_agency_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counters")),
        sa.UniqueConstraint("agency", "counter", name=op.f("uq_counters_agency")),
    )
    op.create_table(
        "officer_agencies",
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_officer_agencies_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("officer_id", "agency", name=op.f("pk_officer_agencies")),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_sign_in_failures_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("officer_id", "source", name=op.f("pk_sign_in_failures")),
    )
    op.create_table(
        "audit_anchors",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("diverged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_audit_anchors_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("counter_id", name=op.f("pk_audit_anchors")),
    )
    op.create_table(
        "blob_uploads",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_blob_uploads_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("counter_id", "sha256", name=op.f("pk_blob_uploads")),
    )
    op.create_table(
        "changes",
        sa.Column("feed_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=True),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_changes_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("feed_id", name=op.f("pk_changes")),
    )
    op.create_table(
        "counter_controls",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("reset_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_counter_controls_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("counter_id", name=op.f("pk_counter_controls")),
    )
    op.create_table(
        "counter_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_counter_keys_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_counter_keys")),
    )
    op.create_index(
        op.f("ix_counter_keys_counter_id"), "counter_keys", ["counter_id"], unique=False
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("provisional_code", sa.String(length=60), nullable=True),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("status_at", sa.DateTime(), nullable=False),
        sa.Column("procedure", sa.String(length=40), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("channel", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_id", sa.String(length=20), nullable=False),
        sa.Column("applicant_phone", sa.String(length=20), nullable=True),
        sa.Column("applicant_address", sa.String(length=500), nullable=True),
        sa.Column("applicant_email", sa.String(length=200), nullable=True),
        sa.Column("fee_total", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_dossiers_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
        sa.UniqueConstraint("provisional_code", name=op.f("uq_dossiers_provisional_code")),
    )
    op.create_index(
        "ix_dossiers_counter_received", "dossiers", ["counter_id", "received_at"], unique=False
    )
    op.create_table(
        "leases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_leases_counter_id_counters")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leases")),
    )
    op.create_index("ix_leases_agency_day", "leases", ["agency", "day"], unique=False)
    op.create_index(op.f("ix_leases_counter_id"), "leases", ["counter_id"], unique=False)
    op.create_table(
        "retired_audit_anchors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("install_id", sa.String(length=36), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("diverged_at", sa.DateTime(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["counters.id"],
            name=op.f("fk_retired_audit_anchors_counter_id_counters"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retired_audit_anchors")),
    )
    op.create_index(
        op.f("ix_retired_audit_anchors_counter_id"),
        "retired_audit_anchors",
        ["counter_id"],
        unique=False,
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_tokens_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_tokens_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_tokens")),
    )
    op.create_index(op.f("ix_tokens_counter_id"), "tokens", ["counter_id"], unique=False)
    op.create_index(op.f("ix_tokens_expires_at"), "tokens", ["expires_at"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=60), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("blobs", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("feed_id", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_events_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_events_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_agency_feed", "events", ["agency", "feed_id"], unique=False)
    op.create_index("ix_events_dossier", "events", ["dossier_id"], unique=False)
    op.create_table(
        "online_claims",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(length=8), nullable=False),
        sa.Column("officer", sa.String(length=60), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_online_claims_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_online_claims_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_online_claims")),
    )


def downgrade() -> None:
    op.drop_table("online_claims")
    op.drop_index("ix_events_dossier", table_name="events")
    op.drop_index("ix_events_agency_feed", table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_tokens_expires_at"), table_name="tokens")
    op.drop_index(op.f("ix_tokens_counter_id"), table_name="tokens")
    op.drop_table("tokens")
    op.drop_index(op.f("ix_retired_audit_anchors_counter_id"), table_name="retired_audit_anchors")
    op.drop_table("retired_audit_anchors")
    op.drop_index(op.f("ix_leases_counter_id"), table_name="leases")
    op.drop_index("ix_leases_agency_day", table_name="leases")
    op.drop_table("leases")
    op.drop_index("ix_dossiers_counter_received", table_name="dossiers")
    op.drop_table("dossiers")
    op.drop_index(op.f("ix_counter_keys_counter_id"), table_name="counter_keys")
    op.drop_table("counter_keys")
    op.drop_table("counter_controls")
    op.drop_table("changes")
    op.drop_table("blob_uploads")
    op.drop_table("audit_anchors")
    op.drop_table("sign_in_failures")
    op.drop_table("officer_agencies")
    op.drop_table("counters")
    op.drop_index(op.f("ix_unmatched_payments_received_at"), table_name="unmatched_payments")
    op.drop_table("unmatched_payments")
    op.drop_table("payment_secrets")
    op.drop_index(op.f("ix_payment_notifications_received_at"), table_name="payment_notifications")
    op.drop_table("payment_notifications")
    op.drop_table("officers")
    op.drop_table("feed_clock")
    op.drop_table("day_sequences")
    op.drop_table("catalogs")
    op.drop_table("calendar_days")
    op.drop_table("blobs")
    op.drop_table("blob_refs")
    op.drop_table("bank_transactions")
    op.drop_table("bank_receipt_series")
    op.drop_index(op.f("ix_auth_nonces_seen_at"), table_name="auth_nonces")
    op.drop_table("auth_nonces")
    op.drop_table("agencies")
    op.drop_index(op.f("ix_admin_actions_at"), table_name="admin_actions")
    op.drop_table("admin_actions")
