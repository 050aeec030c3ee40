"""A dossier's fee in the signed-in officer's name (issue 19): take a payment (cash, bank
transfer by QR, card), pay back a fee the agency could not deliver the service for (a
supervisor's decision), exempt it. Each is an event, audited by the store with it; an attempt
the counter refuses (a double payment, an amount over what is owed, a closed dossier) changes
nothing and is audited here too, with the refusal's code — money is where attempts matter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop.domain.fees import Method
from desktop.domain.refusal import is_refusal, refusal_code
from desktop.store.dossiers.payments import PaymentDone, Payments

from .state import DeskState

__all__ = ["Method", "PaymentDesk", "PaymentDone"]

T = TypeVar("T")


class PaymentDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def _payments(self) -> Payments:
        return Payments(self.state.db, self.state.ctx)

    def _attempt(self, action: str, code: str, do: Callable[[], T]) -> T:
        try:
            return do()
        except Exception as exc:
            if is_refusal(exc):
                detail = {"action": action, "refused": refusal_code(exc) or "refused"}
                self.state.session.note("fee.refused", code[:60], detail)
            raise

    def pay(
        self, code: str, method: Method, amount: int | None = None, reference: str | None = None
    ) -> PaymentDone:
        officer = self.state.session.require("fee.collect")
        payments = self._payments()
        return self._attempt(
            "pay", code, lambda: payments.pay(code, officer, method, amount, reference)
        )

    def refund(self, code: str, amount: int, reason: str) -> PaymentDone:
        officer = self.state.session.require("fee.refund")
        payments = self._payments()
        return self._attempt("refund", code, lambda: payments.refund(code, officer, amount, reason))

    def exempt(self, code: str, reason: str) -> PaymentDone:
        officer = self.state.session.require("fee.exempt")
        payments = self._payments()
        return self._attempt("exempt", code, lambda: payments.exempt(code, officer, reason))
