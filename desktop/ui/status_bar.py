"""Always visible: online or offline and why, events waiting to sync, the last sync, a progress
bar while syncing, the print queue; and the banner that tells the officer, when the server is
away, that the counter keeps working."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from .widgets import named

if TYPE_CHECKING:
    from desktop.services.desk import SyncStatus
    from desktop.services.incidents import IncidentView
    from sync.connectivity import Connectivity

# by the values of sync.connectivity.Cause (a StrEnum, so its members find them too), which
# is not imported here: the status bar is built with the window, before the sync stack loads
_CAUSES = {
    "dns": QT_TRANSLATE_NOOP("SyncStatusBar", "không tìm thấy tên máy chủ (DNS)"),
    "tcp": QT_TRANSLATE_NOOP("SyncStatusBar", "không kết nối được (mạng hoặc máy chủ tắt)"),
    "tls": QT_TRANSLATE_NOOP("SyncStatusBar", "lỗi chứng chỉ bảo mật (TLS)"),
    "http": QT_TRANSLATE_NOOP("SyncStatusBar", "máy chủ báo lỗi"),
    "timeout": QT_TRANSLATE_NOOP("SyncStatusBar", "máy chủ không trả lời kịp"),
    "protocol": QT_TRANSLATE_NOOP("SyncStatusBar", "máy chủ trả lời không đúng giao thức"),
}


def local_hm(moment: datetime | None) -> str:
    from zoneinfo import ZoneInfo

    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M %d/%m")


class SyncStatusBar(QObject):
    """The sync part of the window's status bar, plus the offline banner above the screens."""

    def __init__(self, bar: QStatusBar, banner: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self.banner = banner
        self.state = named(QLabel(""), "syncState")
        self.pending = named(QLabel(""), "syncPending")
        self.last = named(QLabel(""), "syncLast")
        self.prints = named(QLabel(""), "printQueue")
        self.incident = named(QLabel(""), "incidentState")
        self.incident_kind = ""  # the last of "opened" | "closed" | "caught_up" shown
        self.incidents_ended: set[int] = set()
        self.progress = named(QProgressBar(), "syncProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        for w in (self.incident, self.state, self.pending, self.last, self.prints):
            bar.addPermanentWidget(w)
        bar.addPermanentWidget(self.progress)
        self.configured = True
        self.offline = False

    def show_status(self, st: SyncStatus, queued_prints: int) -> None:
        self.configured = st.configured
        if not st.configured:
            self.state.setText(self.tr("Không nối máy chủ tỉnh (quầy tự cấp mã)"))
            self.pending.setText("")
            self.last.setText("")
        else:
            self.pending.setText(
                self.tr("Chờ gửi: {0}").format(st.pending)
                + (self.tr(" · lỗi: {0}").format(st.dead) if st.dead else "")
            )
            when = st.last_sync_at.replace("T", " ")[:16] if st.last_sync_at else self.tr("chưa")
            self.last.setText(self.tr("Đồng bộ lần cuối: {0}").format(when))
            if st.online is not None:
                self._online(bool(st.online), st.cause, st.detail, st.since)
        self.prints.setText(self.tr("Chờ in: {0}").format(queued_prints) if queued_prints else "")

    def show_connectivity(self, c: Connectivity) -> None:
        since = c.since.isoformat() if c.since else None
        self._online(bool(c.online), c.cause.value if c.cause else None, c.detail, since)

    def _online(self, online: bool, cause: str | None, detail: str, since: str | None) -> None:
        self.offline = not online
        if online:
            self.state.setText(self.tr("● Trực tuyến"))
            self.state.setStyleSheet("color: #1b5e20; font-weight: 600;")
            self.banner.hide()
            return
        known = _CAUSES.get(cause or "")
        why = self.tr(str(known)) if known is not None else detail
        start = local_hm(datetime.fromisoformat(since)) if since else ""
        self.state.setText(self.tr("● Mất kết nối"))
        self.state.setStyleSheet("color: #b00020; font-weight: 600;")
        self.state.setToolTip(f"{cause}: {detail}")
        self.banner.setText(
            self.tr(
                "Mất kết nối tới máy chủ tỉnh{0}: {1}. Quầy vẫn tiếp nhận, tra cứu và trả kết "
                "quả bình thường; dữ liệu tự đồng bộ khi có mạng trở lại."
            ).format(self.tr(" từ {0}").format(start) if start else "", why)
        )
        self.banner.show()

    def show_incident(self, kind: str, incident: IncidentView) -> None:
        """An outage outlasted the grace, ended, or was caught up: a line that stays visible
        (the banner comes and goes with connectivity) pointing to the incident screen."""
        if kind == "opened":
            text = self.tr("Sự cố số {0} từ {1}: xem màn hình Sự cố (F9)").format(
                incident.id,
                incident.started_at.strftime("%H:%M %d/%m"),  # local wall clock
            )
        elif kind == "closed":
            text = self.tr("Sự cố số {0} đã kết thúc; đang gửi bù dữ liệu").format(incident.id)
        else:
            text = self.tr("Sự cố số {0}: đã gửi bù xong, có báo cáo sau sự cố").format(incident.id)
        self.incident_kind = kind
        if kind != "opened":
            self.incidents_ended.add(incident.id)
        self.incident.setText(text)
        self.incident.setStyleSheet(
            "color: #b00020; font-weight: 600;" if kind == "opened" else "color: #37474f;"
        )

    def show_open_incident(self, incident: IncidentView | None) -> None:
        """From the periodic status read: an incident open since before this window started
        shows too; one that has ended stops showing as open. A read that started before sync
        closed the incident arrives after the news of its closing, and is ignored."""
        if incident is not None and incident.id in self.incidents_ended:
            return  # read before sync closed it: the signal that followed is the newer news
        if incident is not None:
            if self.incident_kind != "opened":
                self.show_incident("opened", incident)
        elif self.incident_kind == "opened":
            self.incident_kind = ""
            self.incident.setText("")

    def show_progress(self, phase: str, done: int, total: int) -> None:
        labels = {
            "push": self.tr("Đang gửi"),
            "pull": self.tr("Đang nhận"),
            "blobs": self.tr("Đang gửi tệp"),
        }
        self.progress.show()
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setFormat(
            f"{labels.get(phase, phase)} {done}" + (f"/{total}" if total else "")
        )

    def cycle_done(self) -> None:
        self.progress.hide()
