"""The limits of what the sync protocol carries — one set for what a counter records and the
server accepts (issue 17) — without the protocol's models, so that a command needing a limit
(a province profile's back-dating bound) does not build every model of the protocol first.
``sync.protocol`` re-exports them."""

from __future__ import annotations

import re
from datetime import datetime

API_PREFIX = "/api/v1"
PROTOCOL_VERSION = 1

MAX_BATCH_EVENTS = 500
MAX_EVENT_PAYLOAD_BYTES = 64 * 1024
MAX_REQUEST_BYTES = 8 * 1024 * 1024
MAX_CHANGES_PAGE = 1000
CHUNK_BYTES = 1024 * 1024
MAX_BLOB_BYTES = 200 * 1024 * 1024
MAX_LEASE_DAYS = 10
MAX_LEASE_COUNT = 500

# -- one set of limits for what a counter records and the server accepts (issue 17) ------------
# The counter checks a dossier against these before it writes or prints anything, and the server
# re-checks them, so a receipt is never printed for a dossier the server will refuse.
MAX_INT = 2**62  # any count, sequence or amount: far below the databases' 64-bit integers
MAX_PERSON_NAME = 120
MAX_ORGANISATION_NAME = 300
MAX_ID_NUMBER = 20
MAX_PHONE = 20
MAX_ADDRESS = 300
MAX_EMAIL = 200  # the server's column; RFC 5321 allows 254, no citizen's address comes near
MAX_PROCEDURE_NAME = 1000
MAX_DOCUMENTS = 50
MAX_DOCUMENT_NAME = 300
MAX_FEE_LINES = 20
MAX_FEE_NAME = 300
MAX_NOTE = 1000
MAX_FEE_TOTAL = 10**15  # VND; a fee line is at most 10^9 × 10^4
# the feedback register (issue 20): a citizen's feedback, a progress update or an answer
MAX_FEEDBACK_TEXT = 4000
MAX_FEEDBACK_BATCH = 100
# an office's heading lines (issue 21): the counter's columns, and what the server sends
MAX_OFFICE_LINE = 200  # "ỦY BAN NHÂN DÂN XÃ …", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
MAX_OFFICE_PLACE = 100  # "Mỹ Hòa Hưng" in "Mỹ Hòa Hưng, ngày … tháng … năm …"
MAX_NUMBER_PREFIX = 30  # "TTPVHCC" in "Số: 12/TTPVHCC"
MAX_PAYLOAD_DEPTH = 16  # the counter's deepest payload (applicant › organisation › name) is 3
# Local times the protocol carries: dossier codes hold the day as ddmmyy, so two centuries would
# share codes (1899-12-31 and 1999-12-31 both give 311299); one-stop counters date from 2003
# (QĐ 181/2003/QĐ-TTg), so nothing before 2000 is a real reception.
EARLIEST_LOCAL_TIME = datetime(2000, 1, 1)
LATEST_LOCAL_TIME = datetime(2099, 12, 31, 23, 59, 59)
# How far back a paper receipt may be entered: a province profile chooses (default one year,
# desktop/domain/profile.py); no profile may go beyond this, and the server refuses a reception
# time further before the event that records it.
MAX_BACKDATE_DAYS = 3 * 366

# Characters no field of a dossier needs, refused in every text: C0/C1 control characters (a NUL
# made PostgreSQL fail every batch holding it), bidirectional overrides and isolates (they make a
# name or a code read differently from what it is: "Trojan source", CVE-2021-42574), and
# zero-width or invisible characters (two names that look alike but differ). Tab, line feed and
# carriage return are ordinary white space and stay allowed.
FORBIDDEN_CHARS_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
CURSOR_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
AUTH_MESSAGE = "motcua-auth/v1|{agency}|{counter}|{key_id}|{timestamp}|{nonce}"
