"""VietQR: the bank-transfer QR a citizen scans with any Vietnamese banking app to pay a fee.

The payload is an EMVCo merchant-presented QR (EMVCo QR Code Specification for Payment Systems,
Merchant-Presented Mode, QRCPS-MPM v1.1) in the profile NAPAS publishes as "VietQR" ("QR Code
chuyển nhanh", inter-bank fund transfer 24/7 to an account). Every data object is
``ID (2 digits) · length (2 digits) · value``:

====  ========================================  ==========================================
ID    data object                               value here
====  ========================================  ==========================================
00    Payload Format Indicator                  ``01``
01    Point of Initiation Method                ``12`` with an amount (dynamic), ``11``
                                                without one (static)
38    Merchant Account Information (NAPAS)      00 GUID ``A000000727`` (NAPAS AID);
                                                01 beneficiary organisation: 00 acquirer
                                                (the bank's BIN, 6 digits), 01 the account
                                                number (up to 19 characters);
                                                02 service code ``QRIBFTTA`` (to an account)
53    Transaction Currency (ISO 4217)           ``704`` (đồng)
54    Transaction Amount                        whole đồng, up to 13 characters, only > 0
58    Country Code (ISO 3166-1)                 ``VN``
59    Merchant Name (optional here)             ASCII upper case, up to 25
62    Additional Data Field Template            08 Purpose of Transaction: the dossier code
63    CRC                                       CRC-16/CCITT-FALSE (poly 0x1021, init
                                                0xFFFF) of everything before it *including*
                                                ``6304``, 4 upper-case hex digits
====  ========================================  ==========================================

The generic MPM makes 52 (merchant category) and 59/60 (name, city) mandatory; NAPAS's transfer
profile leaves them out, and a banking app shows the account holder's name from the bank itself.

Purpose of Transaction is ``ans`` (printable ASCII) and at most 25 characters (EMVCo 62-08,
kept by NAPAS). Banking apps write it into the transfer's content, which is how the payment is
matched to the dossier, so it carries the dossier code intact (An Giang's 22 characters,
``000.00.12.H01031226001``, and Kon Tum's 25, ``000.00.23.H34-261204-0001``, both fit); any
note is folded to ASCII and only added when there is room. Some banks turn ``.`` and ``-`` of
a content into spaces: a matcher should compare codes on letters and digits only.

Pure: no I/O; the refusals are :class:`VietQrRefused` with a stable code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop.domain.refusal import Refusal

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
STATIC = "11"
DYNAMIC = "12"

MAX_ACCOUNT = 19
MAX_AMOUNT_DIGITS = 13
MAX_PURPOSE = 25
MAX_MERCHANT_NAME = 25
MAX_HOLDER_NAME = 100

_BIN_RE = re.compile(r"[0-9]{6}")
_ACCOUNT_RE = re.compile(r"[0-9A-Za-z]{1,19}")
# what a dossier code is made of (desktop.domain.codes); anything else would not survive a
# bank's transfer content
_CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]*")
# kept in a note: letters, digits, space, dot and hyphen (what transfer contents keep)
_NOTE_DROP = re.compile(r"[^0-9A-Za-z .\-]+")


# the short names banking apps show, for the slip's "Ngân hàng" line (the State Bank's list of
# BINs, e.g. 970405 Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam); others by number
BANK_NAMES = {
    "970403": "Sacombank",
    "970405": "Agribank",
    "970407": "Techcombank",
    "970415": "VietinBank",
    "970416": "ACB",
    "970418": "BIDV",
    "970422": "MB",
    "970432": "VPBank",
    "970436": "Vietcombank",
}


def bank_label(bank_bin: str) -> str:
    """``Agribank (BIN 970405)``, or ``mã BIN 970999`` for a bank not in the short list."""
    name = BANK_NAMES.get(bank_bin)
    return f"{name} (BIN {bank_bin})" if name else f"mã BIN {bank_bin}"


class VietQrRefused(Refusal, ValueError):
    """A VietQR that cannot be made from these inputs; the message says which, in Vietnamese."""

    code = "vietqr_invalid"


@dataclass(frozen=True)
class VietQr:
    """One transfer request: what the QR carries, and what the slip prints beside it."""

    bank_bin: str
    account: str
    amount: int  # đồng; 0: the payer types the amount
    purpose: str  # the transfer's content: the dossier code (and a note when it fits)
    payload: str


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final
    XOR (the CRC EMVCo names for ID 63); ``b"123456789"`` gives 0x29B1."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def fold_ascii(text: str) -> str:
    """Vietnamese text as ASCII, deterministically: diacritics dropped (đ → d, Đ → D), every
    other character outside letters, digits, space, ``.`` and ``-`` dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOTE_DROP.sub(" ", bare).split())


def purpose_text(code: str, note: str = "") -> str:
    """The transfer's content: the dossier code, intact, then the note folded to ASCII when the
    whole fits in 25 characters (words that do not fit are left out, whole)."""
    if not _CODE_RE.fullmatch(code) or len(code) > MAX_PURPOSE:
        raise VietQrRefused(
            f"Mã hồ sơ {code!r} không ghi được vào nội dung chuyển khoản của VietQR "
            f"(chỉ chữ, số, dấu chấm, gạch ngang; tối đa {MAX_PURPOSE} ký tự)",
            code="vietqr_bad_purpose",
            dossier=code,
        )
    text = code
    for word in fold_ascii(note).split():
        if len(text) + 1 + len(word) > MAX_PURPOSE:
            break
        text += " " + word
    return text


def check_bin(bank_bin: str) -> str:
    if not _BIN_RE.fullmatch(bank_bin):
        raise VietQrRefused(
            f"Mã BIN ngân hàng phải đúng 6 chữ số (ví dụ 970405), không phải {bank_bin!r}",
            code="vietqr_bad_bin",
        )
    return bank_bin


def check_account(account: str) -> str:
    if not _ACCOUNT_RE.fullmatch(account):
        raise VietQrRefused(
            f"Số tài khoản phải có 1 đến {MAX_ACCOUNT} chữ số hoặc chữ cái không dấu, "
            "không có khoảng trắng hay dấu",
            code="vietqr_bad_account",
        )
    return account


def check_amount(amount: int) -> int:
    # bool is an int in Python: True đồng is a bug, not an amount
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise VietQrRefused("Số tiền phải là số nguyên đồng", code="vietqr_bad_amount")
    if amount < 0 or len(str(amount)) > MAX_AMOUNT_DIGITS:
        raise VietQrRefused(
            f"Số tiền phải từ 0 đến {MAX_AMOUNT_DIGITS} chữ số đồng, không phải {amount}",
            code="vietqr_bad_amount",
        )
    return amount


def merchant_name(name: str) -> str:
    """Tag 59: the account holder's name in upper-case ASCII without diacritics, ≤ 25."""
    folded = fold_ascii(name).upper()
    if not folded or len(folded) > MAX_MERCHANT_NAME:
        raise VietQrRefused(
            f"Tên trên mã VietQR phải có 1 đến {MAX_MERCHANT_NAME} ký tự (không dấu)",
            code="vietqr_bad_name",
        )
    return folded


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:  # two length digits; the checks above keep every value far below
        raise VietQrRefused("Dữ liệu VietQR quá dài", code="vietqr_too_long")
    return f"{tag}{len(value):02d}{value}"


def build(
    bank_bin: str,
    account: str,
    amount: int,
    code: str,
    *,
    note: str = "",
    name: str | None = None,
) -> VietQr:
    """The VietQR asking for ``amount`` đồng to ``account`` at the bank ``bank_bin``, with
    ``code`` (the dossier) as the transfer's content. ``name``, when given, goes in tag 59."""
    check_bin(bank_bin)
    check_account(account)
    check_amount(amount)
    purpose = purpose_text(code, note)
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
    body = (
        _tlv("00", "01")
        + _tlv("01", DYNAMIC if amount > 0 else STATIC)
        + _tlv("38", merchant)
        + _tlv("53", CURRENCY_VND)
        + (_tlv("54", str(amount)) if amount > 0 else "")
        + _tlv("58", COUNTRY_VN)
        + (_tlv("59", merchant_name(name)) if name is not None else "")
        + _tlv("62", _tlv("08", purpose))
        + "6304"
    )
    payload = body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"
    return VietQr(bank_bin, account, amount, purpose, payload)


def check_holder_name(name: str) -> str:
    """The account holder's name as the office writes it (printed beside the QR, with its
    diacritics): one line, 1 to 100 characters."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text or len(text) > MAX_HOLDER_NAME or not text.isprintable():
        raise VietQrRefused(
            f"Tên tài khoản phải có 1 đến {MAX_HOLDER_NAME} ký tự trên một dòng",
            code="vietqr_bad_name",
        )
    return text
