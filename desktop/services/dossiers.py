"""Acting on dossiers and finding them, in the signed-in officer's name: what the command line
asks of the counter (receive, refuse, supplements, appointments, results, returns, withdrawals,
attachments, look-up, checking a receipt's QR). Each method checks the action's role in the one
table (:mod:`desktop.domain.roles`) before it touches the store; the change itself is audited by
the store in its own transaction (``dossier.<event>``, sync/journal.py), what is only read is
audited here by kind and count, never by what was asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from desktop.domain.procedures import Limit
from desktop.domain.qr_token import QrRejected, QrToken, verify
from desktop.domain.reception import ReceptionForm
from desktop.store.catalog import get_procedure
from desktop.store.dossiers.attachments import MAX_ATTACHMENT as MAX_ATTACHMENT
from desktop.store.dossiers.attachments import attach
from desktop.store.dossiers.lookup import dossier_json, lookup, query_kind
from desktop.store.dossiers.service import ActionError, DossierService, Receipt
from desktop.store.sync.device_keys import trusted_keys

from .state import DeskState


class DossierDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    @property
    def _service(self) -> DossierService:
        return DossierService(self.state.db, self.state.ctx)

    def _check_procedures(self, forms: Sequence[ReceptionForm]) -> None:
        """Refuse the whole batch before writing anything if one procedure is unknown."""
        with self.state.db.read() as s:
            for i, f in enumerate(forms, 1):
                try:
                    get_procedure(s, f.procedure)
                except LookupError as exc:
                    where = f"Hồ sơ thứ {i}: " if len(forms) > 1 else ""
                    raise ActionError(f"{where}{exc}") from None

    # -- reception -------------------------------------------------------------------------------

    def receive_many(self, forms: Sequence[ReceptionForm]) -> list[Receipt]:
        """All or nothing, in one transaction; an item with a ``request_id`` received before
        answers with the dossier received the first time."""
        officer = self.state.session.require("dossier.receive")
        self._check_procedures(forms)
        return self._service.receive_many(forms, officer)

    def refuse_many(
        self,
        forms: Sequence[ReceptionForm],
        reason: str,
        *,
        supplement: bool,
        missing: Sequence[str] = (),
    ) -> list[Receipt]:
        """Mẫu 03 (refused) or Mẫu 02 (supplement asked before reception), all or nothing."""
        action = "dossier.supplement" if supplement else "dossier.refuse"
        officer = self.state.session.require(action)
        self._check_procedures(forms)
        return self._service.refuse_many(
            forms, officer, reason, supplement=supplement, missing=missing
        )

    # -- a dossier being processed ---------------------------------------------------------------

    def request_supplement(self, code: str, reason: str, missing: Sequence[str] = ()) -> Receipt:
        officer = self.state.session.require("dossier.supplement")
        return self._service.request_supplement(code, officer, reason, missing)

    def receive_supplement(self, code: str) -> Receipt:
        officer = self.state.session.require("dossier.supplement")
        return self._service.receive_supplement(code, officer)

    def reschedule(
        self,
        code: str,
        reason: str,
        *,
        new_due_at: datetime | None = None,
        extra: Limit | None = None,
    ) -> Receipt:
        officer = self.state.session.require("dossier.reschedule")
        return self._service.reschedule(code, officer, reason, new_due_at=new_due_at, extra=extra)

    def result_ready(self, code: str) -> Receipt:
        officer = self.state.session.require("dossier.result_ready")
        return self._service.result_ready(code, officer)

    def return_result(
        self, code: str | None, qr: str | None, receiver_name: str, receiver_id: str
    ) -> Receipt:
        """Hand the result over, to the holder of a genuine receipt when ``qr`` is given (its
        signature is checked before anything is handed over, DESIGN.md §8)."""
        officer = self.state.session.require("dossier.return")
        if qr is not None:
            with self.state.db.read() as s:
                keys = trusted_keys(s)
            code = verify(qr, keys).code
        if code is None:
            raise ActionError("Cho biết mã hồ sơ hoặc mã QR")
        return self._service.return_result(code, officer, receiver_name, receiver_id)

    def withdraw(self, code: str, reason: str) -> Receipt:
        officer = self.state.session.require("dossier.withdraw")
        return self._service.withdraw(code, officer, reason)

    def attach(
        self, code: str, document: str, filename: str, data: bytes, pages: int | None
    ) -> Receipt:
        officer = self.state.session.require("dossier.attach")
        state = self.state
        return attach(state.db, state.ctx, code, officer, document, filename, data, pages)

    # -- reading ---------------------------------------------------------------------------------

    def lookup(self, query: str) -> list[dict[str, Any]]:
        """Dossiers by code, ID number, name or phone, each with its history. The query is
        personal data (a name, an ID number): the audit keeps only its kind and the count."""
        self.state.session.require("dossier.lookup")
        with self.state.db.read() as s:
            found = [dossier_json(r) for r in lookup(s, query)]
        self.state.session.note("lookup", "", {"kind": query_kind(query), "hits": len(found)})
        return found

    def verify_receipt(self, payload: str) -> QrToken:
        """A receipt's QR checked against the keys this counter trusts: the dossier it names,
        or :class:`~desktop.domain.qr_token.QrRejected`. Either way it is audited, without the
        payload (it is the citizen's proof of a dossier)."""
        self.state.session.require("receipt.verify")
        with self.state.db.read() as s:
            keys = trusted_keys(s)
        try:
            token = verify(payload, keys, self.state.ctx.code_format)
        except QrRejected:
            self.state.session.note("receipt.verified", "", {"genuine": False})
            raise
        self.state.session.note("receipt.verified", token.code, {"genuine": True})
        return token
