"""A dossier's fee in the signed-in officer's name (issue 19): take a payment (cash, bank
transfer by QR, card), pay back a fee the agency could not deliver the service for (a
supervisor's decision), exempt it. Each is an event, audited by the store with it."""

from __future__ import annotations

from desktop.domain.fees import Method
from desktop.store.dossiers.payments import PaymentDone, Payments

from .state import DeskState

__all__ = ["Method", "PaymentDesk", "PaymentDone"]


class PaymentDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def _payments(self) -> Payments:
        return Payments(self.state.db, self.state.ctx)

    def pay(
        self, code: str, method: Method, amount: int | None = None, reference: str | None = None
    ) -> PaymentDone:
        officer = self.state.session.require("fee.collect")
        return self._payments().pay(code, officer, method, amount, reference)

    def refund(self, code: str, amount: int, reason: str) -> PaymentDone:
        officer = self.state.session.require("fee.refund")
        return self._payments().refund(code, officer, amount, reason)

    def exempt(self, code: str, reason: str) -> PaymentDone:
        officer = self.state.session.require("fee.exempt")
        return self._payments().exempt(code, officer, reason)
