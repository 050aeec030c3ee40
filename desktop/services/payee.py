"""The office's receiving account for fees (VietQR): anyone at the counter may see it (it is
printed on every receipt with a fee), only an administrator may change it, and the change is
audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.store.payee import Payee, load_payee, save_payee

if TYPE_CHECKING:
    from .state import DeskState

__all__ = ["Payee", "PayeeDesk"]


class PayeeDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def current(self) -> Payee | None:
        with self.state.db.read() as s:
            return load_payee(s)

    def set(self, bank_bin: str, account: str, name: str) -> Payee:
        """Store the account (checked: a bad BIN or number is a refusal, nothing stored)."""
        officer = self.state.session.require("settings.change")
        with self.state.db.write() as s:
            payee = save_payee(s, bank_bin, account, name, source="counter", by=officer.username)
        # the office's own account, not a citizen's: the audit may name it
        self.state.session.note(
            "payee.changed",
            payee.bank_bin,
            {"bank_bin": payee.bank_bin, "account": payee.account, "name": payee.name},
        )
        return payee
