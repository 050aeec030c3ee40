"""The office's receiving account for fees (the payee of its VietQR codes), in the counter's
database: one entry of the ``sync_state`` key-value table, so it needs no migration and travels
with the database's backups. The administrator sets it at the counter (``motcua payee set``,
Settings) or the province sets it for the agency through the server's change feed; the last one
written stands, and the entry says which it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from desktop.domain.vietqr import check_account, check_bin, check_holder_name
from desktop.store.clock import local_now
from desktop.store.models import SyncState

KEY = "payee"
Source = Literal["counter", "server"]


@dataclass(frozen=True)
class Payee:
    bank_bin: str
    account: str
    name: str  # the account holder as the bank knows it, printed beside the QR
    source: Source = "counter"
    by: str = ""  # the administrator at this counter, or "" from the server
    set_at: datetime | None = None


def checked(bank_bin: str, account: str, name: str) -> tuple[str, str, str]:
    """The three fields, trimmed and checked (:class:`~desktop.domain.vietqr.VietQrRefused`)."""
    return check_bin(bank_bin.strip()), check_account(account.strip()), check_holder_name(name)


def load_payee(session: Session) -> Payee | None:
    """The account in force, or None (not set, or an entry this version cannot read)."""
    row = session.get(SyncState, KEY)
    if row is None or not isinstance(row.value, dict):
        return None
    v: dict[str, Any] = row.value
    try:
        bank_bin, account, name = checked(str(v["bank_bin"]), str(v["account"]), str(v["name"]))
        at = datetime.fromisoformat(str(v["set_at"])) if v.get("set_at") else None
    except (KeyError, ValueError):
        return None
    source: Source = "server" if v.get("source") == "server" else "counter"
    return Payee(bank_bin, account, name, source, str(v.get("by", "")), at)


def save_payee(
    session: Session, bank_bin: str, account: str, name: str, *, source: Source, by: str = ""
) -> Payee:
    """Check and store the account; a refusal leaves the stored one untouched."""
    bank_bin, account, name = checked(bank_bin, account, name)
    at = local_now()
    value = {
        "bank_bin": bank_bin,
        "account": account,
        "name": name,
        "source": source,
        "by": by,
        "set_at": at.isoformat(timespec="seconds"),
    }
    row = session.get(SyncState, KEY)
    if row is None:
        session.add(SyncState(key=KEY, value=value))
    else:
        row.value = value
    return Payee(bank_bin, account, name, source, by, at.replace(microsecond=0))
