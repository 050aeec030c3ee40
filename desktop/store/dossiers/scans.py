"""Attaching a scanned document (one PDF) to a dossier.

The scan itself happens in desktop.devices; this is the transaction side. The checks that can
fail (role, dossier, document name) run *before* the officer feeds any paper, and again inside
``attach()``, so a refused scan leaves nothing behind: no blob file, no row, no event.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from desktop.store.accounts.officers import OfficerInfo
from desktop.store.counter import CounterContext
from desktop.store.db import Database
from desktop.store.dossiers.attachments import attach
from desktop.store.dossiers.service import ActionError, Receipt, find_dossier

MAX_DOCUMENT_NAME = 300


@dataclass(frozen=True)
class AttachedScan:
    receipt: Receipt
    document: str
    filename: str
    sha256: str
    size: int
    pages: int

    def as_json(self) -> dict[str, Any]:
        return {
            **self.receipt.as_json(),
            "document": self.document,
            "filename": self.filename,
            "sha256": self.sha256,
            "size": self.size,
            "pages": self.pages,
            "mime": "application/pdf",
        }


def clean_document_name(document: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(document.split()))
    if not name:
        raise ActionError("Cần tên giấy tờ (ví dụ: Bản sao giấy khai sinh)")
    if len(name) > MAX_DOCUMENT_NAME:
        raise ActionError(f"Tên giấy tờ quá dài (tối đa {MAX_DOCUMENT_NAME} ký tự)")
    return name


def check_can_attach(db: Database, code: str, officer: OfficerInfo, document: str) -> str:
    """Refuse before scanning what attach() would refuse after; the dossier's code. The role
    is the service layer's to check (desktop/services/scanning.py, "dossier.attach")."""
    clean_document_name(document)
    with db.read() as s:
        row = find_dossier(s, code)
        return row.code or row.id


def attach_scan(
    db: Database,
    ctx: CounterContext,
    code: str,
    officer: OfficerInfo,
    document: str,
    filename: str,
    pdf: bytes,
    pages: int,
) -> AttachedScan:
    name = clean_document_name(document)
    check_can_attach(db, code, officer, name)
    receipt = attach(db, ctx, code, officer, name, filename, pdf, pages=pages)
    return AttachedScan(receipt, name, filename, hashlib.sha256(pdf).hexdigest(), len(pdf), pages)
