"""The supervisor's statistics as the command line asks for them: the figures of a period (all
of it, or split by day, officer, procedure, field or channel), the files made from them (CSV,
Biểu 06a as XLSX or PDF), the dossiers behind one number, and the centre's figures as the
server last sent them. Each call checks its action's role (:mod:`desktop.domain.roles`) and is
audited by kind and count: a drill-down lists citizens' dossiers, an export leaves the counter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.stats.metrics import Grouping
from desktop.domain.stats.results import Cell, DossierRef, Split, Summary
from desktop.domain.stats.tables import StatTable, split_table, summary_table
from desktop.store.clock import local_now as local_now  # the counter's clock: "today"
from desktop.store.stats.centre import KIND_LABELS_VI as KIND_LABELS_VI
from desktop.store.stats.centre import CentreSnapshot as CentreSnapshot
from desktop.store.stats.centre import centre_snapshot
from desktop.store.stats.centre import counts_json as counts_json
from desktop.store.stats.exports import write_csv
from desktop.store.stats.reports import write_report_pdf, write_report_xlsx
from desktop.store.stats.service import StatsQuery as StatsQuery
from desktop.store.stats.service import StatsService

from .state import DeskState


@dataclass
class Figures:
    """What ``motcua stats`` shows: the summary or the split, its table, the files written."""

    summary: Summary | None
    split: Split | None
    table: StatTable
    files: list[Path] = field(default_factory=list)


class StatsDesk:
    def __init__(self, state: DeskState) -> None:
        self.state = state

    def _service(self) -> StatsService:
        return StatsService(self.state.db, self.state.ctx)

    def figures(
        self,
        query: StatsQuery,
        grouping: Grouping | None,
        *,
        csv: Path | None = None,
        xlsx: Path | None = None,
        pdf: Path | None = None,
    ) -> Figures:
        """The period's figures and, when asked, the files: the table shown to CSV, Biểu 06a
        (with the split's sheet) to XLSX, Biểu 06a to PDF."""
        session = self.state.session
        session.require("stats.read")
        formats = ",".join(n for n, p in (("csv", csv), ("xlsx", xlsx), ("pdf", pdf)) if p)
        if formats:
            session.require("stats.export")
        service = self._service()
        if grouping is None:
            summary = service.summary(query)
            out = Figures(summary, None, summary_table(summary))
        else:
            split = service.split(query, grouping)
            out = Figures(None, split, split_table(split))
        if csv is not None:  # the table shown, with the fee money's lines or columns
            if out.summary is not None:
                write_csv(summary_table(out.summary, money=True), csv)
            elif out.split is not None:
                write_csv(split_table(out.split, money=True), csv)
            out.files.append(csv)
        if xlsx is not None:
            write_report_xlsx(service, query, xlsx, [grouping] if grouping else [])
            out.files.append(xlsx)
        if pdf is not None:
            write_report_pdf(service, query, pdf)
            out.files.append(pdf)
        kind = grouping.value if grouping else "summary"
        if formats:
            detail: dict[str, str | int] = {
                "kind": kind,
                "formats": formats,
                "count": len(out.table.rows),
            }
            session.note("stats.exported", query.period.kind.value, detail)
        else:
            session.note("stats.viewed", query.period.kind.value, {"kind": kind})
        return out

    def drill(self, query: StatsQuery, cell: Cell) -> list[DossierRef]:
        """The dossiers behind one number: audited by the metric and how many were listed."""
        self.state.session.require("stats.drill")
        refs = self._service().drill(query, cell)
        detail = {"kind": cell.metric.value, "by": cell.grouping.value if cell.grouping else None}
        self.state.session.note(
            "stats.drilled", query.period.kind.value, {**detail, "count": len(refs)}
        )
        return refs

    def centre(self) -> CentreSnapshot | None:
        """The centre's figures as the server last sent them (None before the first)."""
        self.state.session.require("stats.centre")
        snap = centre_snapshot(self.state.db)
        self.state.session.note("stats.centre_viewed", "", {"found": snap is not None})
        return snap
