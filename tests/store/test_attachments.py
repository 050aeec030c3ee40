"""The content-addressed attachment store and attaching scans to a dossier."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from desktop.domain.reception import parse_form
from desktop.store.dossiers.attachments import BlobStore, attach
from desktop.store.dossiers.service import ActionError
from desktop.store.models import Attachment, EventRow
from tests.conftest import RECEPTION, Counter, minimal_form

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_blobs_are_named_by_sha256_and_written_once(counter: Counter) -> None:
    store = BlobStore(counter.ctx.attachments_dir)
    digest = store.put(PDF)
    assert digest == hashlib.sha256(PDF).hexdigest()
    assert store.path(digest).read_bytes() == PDF
    assert store.put(PDF) == digest
    assert [p.name for p in store.path(digest).parent.iterdir()] == [digest]  # no temp files
    store.path(digest).write_bytes(b"%PDF-tampered")
    with pytest.raises(OSError, match="bị hỏng"):
        store.read(digest)


def test_attach_records_an_event_and_refuses_bad_files(counter: Counter) -> None:
    code = counter.service.receive(parse_form(minimal_form()), RECEPTION).code
    assert code is not None
    attach(counter.db, counter.ctx, code, RECEPTION, "Giấy khai sinh", "khai-sinh.pdf", PDF, 1)
    for data, message in ((b"", "rỗng"), (b"MZ\x90\x00 not a scan", "không phải PDF")):
        with pytest.raises(ActionError, match=message):
            attach(counter.db, counter.ctx, code, RECEPTION, "Giấy khai sinh", "x.bin", data)
    with counter.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1
        types = list(s.scalars(select(EventRow.type).order_by(EventRow.seq)))
    assert types == ["received", "attached"]
