"""Màn hình cho người dân — the second window, facing the citizen (issue 20, item 1).

A second monitor or a tablet-sized window shows, in large type, what the citizen needs while
the officer works: the centre and how to follow a dossier (idle), the procedure and the
documents as the officer ticks them, then the dossier's code with the receipt's own look-up QR,
the appointment and the fee with its VietQR; during a return the code, the procedure and the
citizen's name masked; and at the end of a reception or a return five big buttons to rate the
service (:mod:`desktop.domain.satisfaction`), an optional comment, a thank-you, and back to
idle after a while.

The citizen reads Vietnamese: nothing here goes through ``tr()``, whatever language the
officer's window speaks. There are no officer controls: the only buttons are the citizen's
(rate, send, skip). The officer's window drives this window through
:class:`~desktop.ui.citizen_screen.CitizenScreen` and never waits for it: reads (the receipt's
QR codes) and the rating itself run on the database worker (:class:`DeskOp`).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fees import Fees
from desktop.domain.procedures import Procedure
from desktop.domain.refusal import refusal_code
from desktop.domain.satisfaction import LEVELS_BEST_FIRST, MAX_RATING_COMMENT, Level, Stage
from desktop.services.desk import Desk, DossierView, Receipt

from .citizen_content import (
    ReceiptFacts,
    document_line,
    dong,
    lookup_lines,
    mask_name,
    receipt_facts,
    when,
)
from .operations import DeskOp
from .tasks import Tasks
from .widgets import named

THANKS_SECONDS = 8  # the thank-you stays this long, then the idle screen
BASE_HEIGHT = 800  # the type sizes below are for a 1280×800 tablet; larger screens scale up
QR_SIZE = 300  # px at BASE_HEIGHT: a phone camera reads it from 1–2 m
STARS = {Level(n): "★" * n for n in range(1, 6)}
# a colour per level, white text on each (contrast ≥ 4.5:1), best green to worst red
LEVEL_COLOURS = {
    Level.RAT_HAI_LONG: "#1b6e35",
    Level.HAI_LONG: "#3d7a1f",
    Level.BINH_THUONG: "#6d5d00",
    Level.KHONG_HAI_LONG: "#a8430f",
    Level.RAT_KHONG_HAI_LONG: "#a01919",
}
# "ông/bà" kept on one line (a line break after the slash reads badly): U+2060 WORD JOINER
OB = "ông\u2060/\u2060bà"
RATING_TWICE = "rating_twice"
COMMENT_CODES = {"forbidden_character", "text_too_long"}


def _style(scale: float) -> str:
    def px(n: float) -> str:
        return f"{round(n * scale)}px"

    levels = "\n".join(
        f"QPushButton#rate{int(level)} {{ background: {colour}; }}"
        for level, colour in LEVEL_COLOURS.items()
    )
    return f"""
#citizenDisplay {{ background: #ffffff; }}
#citizenDisplay QLabel {{ color: #111111; font-size: {px(28)}; }}
#citizenDisplay QWidget#cdHeader {{ background: #0b4f8a; }}
#citizenDisplay QWidget#cdHeader QLabel {{ color: #ffffff; }}
#citizenDisplay QLabel#cdOfficeParent {{ font-size: {px(22)}; }}
#citizenDisplay QLabel#cdOfficeName {{ font-size: {px(32)}; font-weight: 700; }}
#citizenDisplay QLabel#cdCounter {{ font-size: {px(32)}; font-weight: 700; }}
#citizenDisplay QLabel[kind="title"] {{ font-size: {px(40)}; font-weight: 700; color: #0b4f8a; }}
#citizenDisplay QLabel[kind="done"] {{ font-size: {px(40)}; font-weight: 700; color: #1b5e20; }}
#citizenDisplay QLabel[kind="big"] {{ font-size: {px(34)}; font-weight: 700; }}
#citizenDisplay QLabel[kind="proc"] {{ font-size: {px(30)}; font-weight: 600; }}
#citizenDisplay QLabel[kind="code"] {{
    font-size: {px(54)}; font-weight: 700; color: #000000; letter-spacing: 1px;
}}
#citizenDisplay QLabel[kind="small"] {{ font-size: {px(24)}; color: #263238; }}
#citizenDisplay QLabel[kind="caption"] {{ font-size: {px(24)}; font-weight: 700; }}
#citizenDisplay QLabel[kind="note"] {{ font-size: {px(22)}; color: #8a4b00; font-weight: 700; }}
#citizenDisplay QLabel[kind="error"] {{ font-size: {px(26)}; color: #b00020; font-weight: 700; }}
#citizenDisplay QFrame[kind="box"] {{
    border: 2px solid #b0bec5; border-radius: {px(10)}; background: #f7f9fa;
}}
#citizenDisplay QFrame[kind="box"] QLabel {{ background: transparent; }}
#citizenDisplay QScrollArea, #citizenDisplay QScrollArea > QWidget > QWidget {{
    border: none; background: #ffffff;
}}
#citizenDisplay QPushButton {{
    font-size: {px(28)}; font-weight: 700; padding: {px(12)} {px(24)};
    border-radius: {px(10)}; background: #0b4f8a; color: #ffffff; min-height: {px(64)};
}}
#citizenDisplay QPushButton:disabled {{ background: #b0bec5; color: #eceff1; }}
#citizenDisplay QPushButton[kind="quiet"] {{
    background: #eceff1; color: #263238; border: 2px solid #90a4ae;
}}
#citizenDisplay QPushButton[kind="level"] {{
    color: #ffffff; font-size: {px(26)}; min-height: {px(130)}; padding: {px(8)};
    border: {px(6)} solid transparent;
}}
{levels}
#citizenDisplay QPushButton[kind="level"]:checked {{ border: {px(6)} solid #ffc400; }}
#citizenDisplay QLineEdit {{
    font-size: {px(26)}; padding: {px(10)}; border: 2px solid #90a4ae;
    border-radius: {px(8)}; color: #111111; background: #ffffff;
}}
"""


def two_lines(label: str) -> str:
    """A level's name on at most two lines, so that five buttons fit a tablet's width:
    "Rất không hài lòng" → "Rất không\nhài lòng"; short names stay on one line."""
    if len(label) <= 12 or not label.endswith(" hài lòng"):
        return label
    return label.removesuffix(" hài lòng") + "\nhài lòng"


def bullets(lines: list[str], mark: str) -> str:
    """Lines as a rich-text list whose wrapped lines hang under their text, not the mark
    (the text escaped: "<mã hồ sơ>" is text)."""
    rows = "".join(
        f"<tr><td style='padding-right:12px'>{mark}</td>"
        f"<td style='padding-bottom:4px'>{html.escape(line)}</td></tr>"
        for line in lines
    )
    return f"<table>{rows}</table>"


def _label(text: str = "", kind: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # citizens' names and free text: never HTML
    if kind:
        label.setProperty("kind", kind)
    if name:
        label.setObjectName(name)
    return label


def _box() -> QFrame:
    frame = QFrame()
    frame.setProperty("kind", "box")
    return frame


class QrBlock(QWidget):
    """A QR code with its caption under it; drawn again when the window's scale changes."""

    def __init__(self, name: str, caption: str) -> None:
        super().__init__()
        self.payload = ""
        self.target = QR_SIZE  # px across, quiet zone included (about)
        self.image = named(QLabel(), name)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = _label(caption, "caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)

    def set_payload(self, payload: str) -> None:
        self.payload = payload
        self.setVisible(bool(payload))
        self._draw()

    def set_size(self, size: int) -> None:
        if size != self.target:
            self.target = size
            self._draw()

    def _draw(self) -> None:
        if not self.payload:
            self.image.clear()
            return
        from printing.qr import qr_image, qr_modules

        from .preview import to_pixmap

        # whole pixels per module, never below 4: a clean symbol, no resampling blur
        modules = qr_modules(self.payload)
        dots = max(4, self.target // modules)
        pixmap = to_pixmap(qr_image(self.payload, modules * dots, dots))
        self.image.setPixmap(pixmap)
        self.image.setFixedSize(pixmap.size())  # never squeezed: a cropped QR does not read


class CitizenDisplay(QWidget):
    """The citizen's window. Pages: idle, reception, receipt, return, rating, thanks, payment."""

    # the citizen is done touching the screen (rated or skipped): the keyboard goes back to
    # the officer's window, which a tap here may have taken it from
    released = Signal()

    def __init__(self, tasks: Tasks, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("citizenDisplay")
        self.setWindowTitle("Màn hình cho người dân")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # coming up (or back) never takes the keyboard from the officer
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.tasks = tasks
        self.desk = desk
        self.timeout_seconds = 60  # the rating page, untouched, goes back to idle after this
        self.scale = 0.0
        self.generation = 0  # a worker's answer for an earlier citizen is dropped
        self.fee_total = 0
        self.has_fees = False
        self.pending: tuple[str, Stage, str] | None = None  # the rating still to offer
        self.rating: tuple[str, Stage] | None = None  # the rating page is asking for this
        self.level: Level | None = None
        self.before_payment: QWidget | None = None
        self._last_rated: str | None = None  # the code the rating or thank-you page is about
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)

        self.office_parent = _label(name="cdOfficeParent")
        self.office_name = _label(name="cdOfficeName")
        self.counter = _label(name="cdCounter")
        self.counter.setWordWrap(False)
        header = named(QWidget(), "cdHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        head = QHBoxLayout(header)
        head.setContentsMargins(28, 14, 28, 14)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.office_parent)
        names.addWidget(self.office_name)
        head.addLayout(names, 1)
        head.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignVCenter)

        self.stack = named(QStackedWidget(), "cdPages")
        self.idle_page = self._idle_page()
        self.reception_page = self._reception_page()
        self.receipt_page = self._receipt_page()
        self.return_page = self._return_page()
        self.rating_page = self._rating_page()
        self.thanks_page = self._thanks_page()
        self.payment_page = self._payment_page()
        for page in (
            self.idle_page,
            self.reception_page,
            self.receipt_page,
            self.return_page,
            self.rating_page,
            self.thanks_page,
            self.payment_page,
        ):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)
        self._fill_idle()
        self._rescale(1.0)

    # -- pages ---------------------------------------------------------------------------------

    @staticmethod
    def _page(name: str) -> tuple[QWidget, QVBoxLayout]:
        page = named(QWidget(), name)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 18, 40, 18)
        layout.setSpacing(10)
        return page, layout

    def _idle_page(self) -> QWidget:
        page, layout = self._page("idlePage")
        self.welcome = _label(f"Kính chào quý {OB}!", "title", "cdWelcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = _label(f"Mời quý {OB} nộp hồ sơ hoặc nhận kết quả tại quầy này.", "small")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = _box()
        inner = QHBoxLayout(box)
        inner.setContentsMargins(24, 18, 24, 18)
        text = QVBoxLayout()
        text.addWidget(_label("Tra cứu tình trạng hồ sơ", "big"))
        self.lookup_text = _label(name="cdLookupLines")
        self.lookup_text.setTextFormat(Qt.TextFormat.RichText)
        text.addWidget(self.lookup_text)
        text.addStretch(1)
        inner.addLayout(text, 1)
        self.portal_qr = QrBlock("cdPortalQr", "Quét để mở Cổng dịch vụ công")
        self.portal_qr.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        inner.addWidget(self.portal_qr, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addStretch(1)
        layout.addWidget(self.welcome)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(box)
        layout.addStretch(1)
        return page

    def _reception_page(self) -> QWidget:
        page, layout = self._page("receptionPage")
        layout.addWidget(_label("Đang tiếp nhận hồ sơ", "title"))
        self.procedure = _label(kind="proc", name="cdProcedure")
        self.limit = _label(name="cdLimit")
        self.docs_title = _label("Giấy tờ đã nhận", "caption", "cdDocumentsTitle")
        self.documents = _label(name="cdDocuments")
        self.documents.setTextFormat(Qt.TextFormat.RichText)  # a table: wrapped names hang
        self.documents.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.documents)
        self.reception_fee = _label(kind="big", name="cdFee")
        layout.addWidget(self.procedure)
        layout.addWidget(self.limit)
        layout.addWidget(self.docs_title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reception_fee)
        return page

    def _receipt_page(self) -> QWidget:
        page, layout = self._page("receiptPage")
        layout.addWidget(_label("Đã tiếp nhận hồ sơ", "done", "cdReceivedTitle"))
        code_row = QHBoxLayout()
        code_row.addWidget(_label("Mã hồ sơ:", "big"), 0)
        self.code = _label(kind="code", name="cdCode")
        self.code.setWordWrap(False)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        code_row.addWidget(self.code, 1)
        layout.addLayout(code_row)
        self.provisional = _label(
            "Mã tạm: sẽ có mã chính thức khi hệ thống kết nối lại; tra cứu bằng mã tạm vẫn được.",
            "note",
            "cdProvisional",
        )
        layout.addWidget(self.provisional)
        # the look-up QR left; the appointment, the fee and its VietQR right; then the rating
        body = QHBoxLayout()
        body.setSpacing(28)
        left = QVBoxLayout()
        self.lookup_qr = QrBlock("cdLookupQr", "Chụp để tra cứu hồ sơ")
        self.qr_wait = _label("Đang tạo mã QR…", "small", "cdQrWait")
        left.addWidget(self.lookup_qr)
        left.addWidget(self.qr_wait)
        left.addStretch(1)
        body.addLayout(left, 0)
        right = QVBoxLayout()
        self.due = _label(name="cdDue")
        self.receipt_fee = _label(name="cdReceiptFee")
        right.addWidget(self.due)
        right.addWidget(self.receipt_fee)
        self.transfer_box = named(_box(), "cdTransferBox")
        tl = QHBoxLayout(self.transfer_box)
        tl.setContentsMargins(12, 10, 16, 10)
        self.transfer_qr = QrBlock("cdTransferQr", "VietQR")
        tl.addWidget(self.transfer_qr, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.addWidget(_label("Nộp phí bằng chuyển khoản", "caption"))
        self.transfer_facts = _label(kind="small", name="cdTransferFacts")
        facts.addWidget(self.transfer_facts)
        facts.addWidget(_label("Mã này chỉ để nộp phí, không phải mã tra cứu hồ sơ.", "note"), 0)
        facts.addStretch(1)
        tl.addLayout(facts, 1)
        right.addWidget(self.transfer_box)
        right.addStretch(1)
        self.rate_button = named(QPushButton("Đánh giá mức độ hài lòng ›"), "cdRateButton")
        self.rate_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rate_button.clicked.connect(self._rate_now)
        right.addWidget(self.rate_button, 0, Qt.AlignmentFlag.AlignRight)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)
        return page

    def _return_page(self) -> QWidget:
        page, layout = self._page("returnPage")
        layout.addWidget(_label("Trả kết quả", "title"))
        code_row = QHBoxLayout()
        code_row.addWidget(_label("Mã hồ sơ:", "big"), 0)
        self.return_code = _label(kind="code", name="cdReturnCode")
        self.return_code.setWordWrap(False)
        code_row.addWidget(self.return_code, 1)
        layout.addLayout(code_row)
        self.return_procedure = _label(kind="proc", name="cdReturnProcedure")
        self.return_name = _label(name="cdReturnName")
        self.return_state = _label(kind="big", name="cdReturnState")
        self.return_fee = _label(name="cdReturnFee")
        for w in (self.return_procedure, self.return_name, self.return_state, self.return_fee):
            layout.addWidget(w)
        layout.addStretch(1)
        return page

    def _rating_page(self) -> QWidget:
        page, layout = self._page("ratingPage")
        self.rating_context = _label(kind="done", name="cdRatingContext")
        self.rating_question = _label(kind="big", name="cdRatingQuestion")
        layout.addWidget(self.rating_context)
        layout.addWidget(self.rating_question)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.levels = QButtonGroup(self)
        self.level_buttons: dict[Level, QPushButton] = {}
        for level in LEVELS_BEST_FIRST:
            button = named(
                QPushButton(f"{STARS[level]}\n{two_lines(level.label_vi)}"), f"rate{int(level)}"
            )
            button.setProperty("kind", "level")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # five equal buttons whatever their labels' widths
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            button.setAccessibleName(level.label_vi)
            button.clicked.connect(lambda _c=False, lv=level: self.tap(lv))
            self.levels.addButton(button)
            self.level_buttons[level] = button
            row.addWidget(button, 1)
        layout.addLayout(row, 1)
        self.comment = named(QLineEdit(), "cdComment")
        self.comment.setPlaceholderText("Ý kiến thêm (không bắt buộc)")
        self.comment.setMaxLength(MAX_RATING_COMMENT)
        self.comment.textEdited.connect(lambda _t: self._restart_timer())
        layout.addWidget(self.comment)
        self.rating_message = _label(kind="error", name="cdRatingMessage")
        self.rating_message.hide()
        layout.addWidget(self.rating_message)
        buttons = QHBoxLayout()
        self.skip_button = named(QPushButton("Bỏ qua"), "cdSkip")
        self.skip_button.setProperty("kind", "quiet")
        self.send_button = named(QPushButton("Gửi đánh giá"), "cdSend")
        for b in (self.skip_button, self.send_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_button.clicked.connect(self.skip)
        self.send_button.clicked.connect(self.send)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        return page

    def _thanks_page(self) -> QWidget:
        page, layout = self._page("thanksPage")
        self.thanks = _label(kind="title", name="cdThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self.thanks)
        layout.addStretch(1)
        return page

    def _payment_page(self) -> QWidget:
        page, layout = self._page("paymentPage")
        layout.addWidget(_label("Nộp phí, lệ phí bằng chuyển khoản", "title"))
        self.payment_code = _label(kind="big", name="cdPaymentCode")
        layout.addWidget(self.payment_code)
        row = QHBoxLayout()
        row.setSpacing(32)
        self.payment_qr = QrBlock("cdPaymentQr", "VietQR nộp phí")
        row.addWidget(self.payment_qr, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        self.payment_facts = _label(name="cdPaymentFacts")
        facts.addWidget(self.payment_facts)
        facts.addWidget(
            _label(
                "Quét bằng ứng dụng ngân hàng. Mã này chỉ để nộp phí, không phải mã tra cứu hồ sơ.",
                "note",
            )
        )
        facts.addStretch(1)
        row.addLayout(facts, 1)
        layout.addLayout(row, 1)
        return page

    def _fill_idle(self) -> None:
        ctx = self.desk.ctx  # the counter's identity, in memory
        self.office_parent.setText(ctx.office_parent)
        self.office_name.setText(ctx.office_name)
        self.counter.setText(f"Quầy {ctx.counter}")
        lookup = ctx.profile.lookup
        self.lookup_text.setText(bullets(lookup_lines(lookup), "•"))
        self.portal_qr.set_payload(lookup.portal_url or "")

    # -- scale -----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        scale = max(0.8, min(1.8, event.size().height() / BASE_HEIGHT))
        if abs(scale - self.scale) > 0.04:
            self._rescale(scale)

    def _rescale(self, scale: float) -> None:
        self.scale = scale
        self.setStyleSheet(_style(scale))
        self.lookup_qr.set_size(round(QR_SIZE * scale))
        for qr in (self.portal_qr, self.transfer_qr):  # read from close by: a little smaller
            qr.set_size(round(QR_SIZE * 0.8 * scale))
        self.payment_qr.set_size(round(QR_SIZE * 1.3 * scale))

    # -- what the officer's window says (CitizenScreen's signals) ---------------------------

    def _go(self, page: QWidget) -> None:
        self.generation += 1
        self.timer.stop()
        self.stack.setCurrentWidget(page)

    def show_idle(self) -> None:
        self.pending = self.rating = None
        self.level = None
        self.before_payment = None
        self._fill_idle()
        self._go(self.idle_page)

    def show_reception(self, p: Procedure) -> None:
        """A new citizen: a rating the last one did not give is skipped (nothing recorded)."""
        self.pending = self.rating = None
        self.procedure.setText(p.name)
        self.limit.setText(f"Thời hạn giải quyết: {p.parsed_limit().label_vi()}")
        self.has_fees = any(f.amount > 0 for f in p.fees)
        self.show_documents([], 0)
        self._go(self.reception_page)

    def show_documents(self, documents: list[dict[str, Any]], fee_total: int) -> None:
        self.fee_total = fee_total
        self.docs_title.setText(f"Giấy tờ đã nhận ({len(documents)})")
        lines = [document_line(d) for d in documents]
        self.documents.setText(bullets(lines, "✓") if lines else "Chưa có giấy tờ nào.")
        self.reception_fee.setText(
            f"Phí, lệ phí: {dong(fee_total)}" if self.has_fees else "Không thu phí, lệ phí"
        )

    def show_receipt(self, receipt: Receipt) -> None:
        code = receipt.code or receipt.id
        self.pending = (code, Stage.RECEPTION, f"Đã tiếp nhận hồ sơ {code}")
        self.rating = None
        self._show_facts(
            ReceiptFacts(
                code=code,
                due=when(receipt.due_at),
                fee=dong(self.fee_total) if self.has_fees and self.fee_total else "",
            ),
            waiting=True,
        )
        self.provisional.setVisible(receipt.provisional)
        self._go(self.receipt_page)
        generation, desk = self.generation, self.desk
        # the receipt as printed: its look-up QR and VietQR are the paper's, byte for byte
        DeskOp(
            self.tasks,
            lambda: receipt_facts(desk.document("receipt", code)[0]),
            lambda facts: self._receipt_read(generation, facts),
            quiet=True,
            on_failed=lambda _e: self._receipt_unread(generation),
        ).start()

    def _receipt_read(self, generation: int, facts: ReceiptFacts) -> None:
        if generation == self.generation:
            self._show_facts(facts, waiting=False)

    def _receipt_unread(self, generation: int) -> None:
        if generation == self.generation:
            self.qr_wait.hide()  # the code and the appointment stay; the QR is on the paper

    def _show_facts(self, facts: ReceiptFacts, *, waiting: bool) -> None:
        self.code.setText(facts.code)
        self.due.setText(f"Hẹn trả kết quả: {facts.due}" if facts.due else "")
        self.due.setVisible(bool(facts.due))
        self.receipt_fee.setText(f"Phí, lệ phí: {facts.fee}" if facts.fee else "")
        self.receipt_fee.setVisible(bool(facts.fee))
        self.lookup_qr.set_payload(facts.lookup_payload)
        self.qr_wait.setVisible(waiting)
        self.transfer_qr.set_payload(facts.transfer_payload)
        self.transfer_box.setVisible(bool(facts.transfer_payload))
        self.transfer_facts.setText(
            "\n".join(f"{label}: {value}" for label, value in facts.transfer_lines)
        )

    def show_refusal(self, receipt: Receipt, supplement: bool) -> None:
        what = (
            "Cán bộ đã giao phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."
            if supplement
            else "Cán bộ đã giao phiếu từ chối tiếp nhận hồ sơ, có ghi rõ lý do."
        )
        self.ask_rating(receipt.code or receipt.id, Stage.RECEPTION, what)

    def citizen_done(self) -> None:
        """The officer went on (F2): the receipt's rating is asked now; a citizen still rating
        or paying is left alone; anything else gives way to the idle screen."""
        current = self.stack.currentWidget()
        if current is self.receipt_page and self.pending is not None:
            self._rate_now()
        elif current not in (self.rating_page, self.thanks_page, self.payment_page):
            self.show_idle()

    def show_return(self, d: DossierView) -> None:
        code = d.code or d.id
        showing = self.stack.currentWidget()
        if showing in (self.rating_page, self.thanks_page) and code == self._rated_code:
            return  # read again after the return: the citizen is rating it
        self.pending = self.rating = None
        self.return_code.setText(code)
        self.return_procedure.setText(d.procedure_name)
        name = mask_name(d.applicant_name)
        self.return_name.setText(f"Người nộp hồ sơ: {name}" if name else "")
        self.return_state.setProperty("kind", "done" if d.status in (9, 10) else "big")
        if d.status == 9:
            state = f"Kết quả đã có. Cán bộ đang trả kết quả cho quý {OB}."
        elif d.status == 10:
            state = "Đã trả kết quả"
        elif d.status in (2, 4, 6):
            state = f"Hồ sơ đang được giải quyết; hẹn trả kết quả {when(d.due_at)}."
        else:
            state = f"Tình trạng hồ sơ: {d.status_label}."
        self.return_state.setText(state)
        self._repolish(self.return_state)
        owed = Fees(d.fee_total, d.fee_paid, d.fee_exempt_reason).outstanding
        self.return_fee.setText(f"Phí, lệ phí còn phải nộp: {dong(owed)}" if owed > 0 else "")
        self.return_fee.setVisible(owed > 0)
        self._go(self.return_page)

    def show_returned(self, code: str) -> None:
        self.return_state.setText("Đã trả kết quả")
        self.ask_rating(code, Stage.RETURN, f"Đã trả kết quả hồ sơ {code}")

    def show_payment(self, code: str, payload: str, lines: list[tuple[str, str]]) -> None:
        if not payload:
            return
        current = self.stack.currentWidget()
        if current is not self.payment_page:
            self.before_payment = current
        self.payment_code.setText(f"Hồ sơ {code}")
        self.payment_qr.set_payload(payload)
        self.payment_facts.setText("\n".join(f"{label}: {value}" for label, value in lines))
        self.timer.stop()
        self.stack.setCurrentWidget(self.payment_page)

    def close_payment(self) -> None:
        if self.stack.currentWidget() is self.payment_page:
            back = self.before_payment or self.idle_page
            self.before_payment = None
            self.stack.setCurrentWidget(back)
            if back in (self.rating_page, self.thanks_page):
                self._restart_timer()

    # -- rating ------------------------------------------------------------------------------

    @property
    def _rated_code(self) -> str | None:
        return self.rating[0] if self.rating is not None else self._last_rated

    def _rate_now(self) -> None:
        if self.pending is not None:
            code, stage, context = self.pending
            self.ask_rating(code, stage, context)

    def ask_rating(self, code: str, stage: Stage, context: str) -> None:
        self.pending = None
        self.rating = (code, stage)
        self._last_rated = code
        self.level = None
        self.levels.setExclusive(False)  # an exclusive group keeps one button checked
        for button in self.level_buttons.values():
            button.setChecked(False)
            button.setEnabled(True)
        self.levels.setExclusive(True)
        self.comment.clear()
        self.comment.setEnabled(True)
        self.rating_message.clear()
        self.rating_message.hide()
        self.send_button.setEnabled(False)
        self.send_button.setText("Gửi đánh giá")
        self.skip_button.setEnabled(True)
        self.rating_context.setText(context)
        self.rating_question.setText(f"Quý {OB} hài lòng thế nào về việc {stage.label_vi}?")
        self._go(self.rating_page)
        self._restart_timer()

    def tap(self, level: Level) -> None:
        """A level tapped: chosen (the citizen may still change it, add a comment, send)."""
        if self.rating is None:
            return
        self.level = level
        self.level_buttons[level].setChecked(True)
        self.send_button.setEnabled(True)
        self._restart_timer()

    def send(self) -> None:
        if self.rating is None or self.level is None:
            return
        (code, stage), level = self.rating, self.level
        comment = self.comment.text().strip() or None
        self.rating = None  # sent once, whatever the buttons do meanwhile
        self.timer.stop()
        for w in (*self.level_buttons.values(), self.comment, self.send_button, self.skip_button):
            w.setEnabled(False)
        self.send_button.setText("Đang gửi…")
        desk, generation = self.desk, self.generation
        DeskOp(
            self.tasks,
            lambda: desk.ratings.rate(code, level, stage, comment),
            lambda _r: self._rated(generation, f"Cảm ơn quý {OB} đã đánh giá!"),
            quiet=True,
            on_failed=lambda exc: self._not_rated(generation, code, stage, exc),
        ).start()

    def skip(self) -> None:
        """ "Bỏ qua": nothing is recorded."""
        self.show_idle()
        self.released.emit()

    def _rated(self, generation: int, text: str) -> None:
        if generation != self.generation:
            return  # the officer moved on meanwhile; the rating is recorded all the same
        self.thanks.setText(text)
        self._go(self.thanks_page)
        self.timer.start(THANKS_SECONDS * 1000)
        self.released.emit()

    def _not_rated(self, generation: int, code: str, stage: Stage, exc: Exception) -> None:
        why = refusal_code(exc)
        if why == RATING_TWICE:
            self._rated(
                generation,
                f"Quý {OB} đã đánh giá lượt này rồi.\nXin cảm ơn quý {OB}!",
            )
        elif why in COMMENT_CODES and generation == self.generation:
            self.rating = (code, stage)
            for w in (*self.level_buttons.values(), self.comment, self.skip_button):
                w.setEnabled(True)
            self.send_button.setEnabled(True)
            self.send_button.setText("Gửi đánh giá")
            self.rating_message.setText(
                "Ý kiến có ký tự không ghi được hoặc quá dài; xin sửa lại rồi gửi."
            )
            self.rating_message.show()
            self._restart_timer()
        else:
            self._rated(
                generation,
                f"Chưa ghi được đánh giá; xin quý {OB} báo cán bộ tại quầy.\nXin cảm ơn!",
            )

    def _restart_timer(self) -> None:
        self.timer.start(self.timeout_seconds * 1000)

    def _timed_out(self) -> None:
        """Nobody touched the screen for a while. A level already tapped is the citizen's
        answer and is sent; without a tap nothing is recorded (skipping is allowed)."""
        if self.stack.currentWidget() is self.rating_page and self.level is not None:
            self.send()
        elif self.stack.currentWidget() in (self.rating_page, self.thanks_page):
            self.show_idle()

    @staticmethod
    def _repolish(w: QWidget) -> None:
        w.style().unpolish(w)
        w.style().polish(w)

    @property
    def page(self) -> str:
        """The page shown, by name (for the tests and the screenshots)."""
        current = self.stack.currentWidget()
        return current.objectName() if current is not None else ""
