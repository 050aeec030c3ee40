"""The fee account through the service layer: only an administrator sets it, a refusal stores
nothing; the VietQR it puts on the receipt is never accepted where a receipt's QR is (the
returns screen's check, and handing a result over with ``qr=``)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.domain.qr_token import QrRejected, verify
from desktop.domain.reception import parse_form
from desktop.domain.vietqr import VietQrRefused
from desktop.services.desk import Desk
from desktop.store.accounts.officers import PermissionDenied, create_officer
from desktop.store.models import Dossier
from desktop.store.sync.device_keys import trusted_keys
from printing.slip import Qr
from tests.clitools import ADMIN_PASSWORD
from tests.conftest import Counter, minimal_form

NAME = "Trung tâm Phục vụ hành chính công"


def _admin(counter: Counter) -> Desk:
    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    desk.sign_in_for_command("admin", ADMIN_PASSWORD)
    return desk


def test_a_reception_officer_may_not_set_it_and_a_bad_one_stores_nothing(
    counter: Counter,
) -> None:
    with counter.db.write() as s:
        create_officer(s, "cb.tn", "Cán bộ", frozenset({"reception"}), "Quay2026abc",
                       must_change=False, by="admin")  # fmt: skip
    desk = Desk(counter.data_dir, counter.db, counter.ctx)
    desk.sign_in_for_command("cb.tn", "Quay2026abc")
    with pytest.raises(PermissionDenied):
        desk.payee.set("970405", "6380201001234", NAME)
    assert desk.payee.current() is None
    admin = _admin(counter)
    with pytest.raises(VietQrRefused):
        admin.payee.set("9704", "6380201001234", NAME)
    assert admin.payee.current() is None
    set_ = admin.payee.set(" 970405 ", "6380201001234 ", f"  {NAME} ")
    assert (set_.bank_bin, set_.account, set_.name, set_.by) == (
        "970405",
        "6380201001234",
        NAME,
        "admin",
    )
    assert desk.payee.current() == set_


def test_the_receipts_vietqr_is_refused_by_the_returns_checks(counter: Counter) -> None:
    desk = _admin(counter)
    desk.payee.set("970405", "6380201001234", NAME)
    form = minimal_form()
    form["fees"] = [{"name": "Phí chứng thực", "amount": 2000, "quantity": 3}]
    code = desk.dossiers.receive_many([parse_form(form)])[0].code
    assert code is not None
    desk.dossiers.result_ready(code)  # the result is there: only the QR stands in the way
    document, _ = desk.document("receipt", code)
    office, citizen = document.copies
    qrs = [b.payload for b in citizen.blocks if isinstance(b, Qr)]
    assert (
        len(qrs) == 2
        and [b for b in office.blocks if isinstance(b, Qr)]
        == [b for b in citizen.blocks if isinstance(b, Qr)][:1]
    )
    receipt_qr, vietqr = qrs
    assert vietqr.startswith("000201") and code in vietqr
    with counter.db.read() as s:
        keys = trusted_keys(s)
    assert verify(receipt_qr, keys).code == code
    with pytest.raises(QrRejected):
        verify(vietqr, keys)
    with pytest.raises(QrRejected):
        desk.check_receipt(vietqr)
    with pytest.raises(QrRejected):
        desk.dossiers.return_result(None, vietqr, "Nguyễn Văn An", "089085001234")
    with counter.db.read() as s:
        assert s.scalar(select(Dossier.status).where(Dossier.code == code)) == 9
    done = desk.dossiers.return_result(None, receipt_qr, "Nguyễn Văn An", "089085001234")
    assert done.code == code
