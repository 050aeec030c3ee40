"""The feedback register synced (issue 20 item 3): each entry pushed once to the provincial
server (``POST /feedback``), every other counter of the agency pulling it (``feedback`` feed
kind), the server idempotent and agency-checked, and a refused entry marked and passed over
without holding the others back."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID, uuid4

from sqlalchemy import select, update

from desktop.domain.feedback import Channel
from desktop.domain.reception import parse_form
from desktop.store.feedback.reads import list_feedback
from desktop.store.feedback.records import FeedbackRecords
from desktop.store.models import FeedbackEntryRow, SyncConflict
from desktop.store.sync.local import DeviceCredentials
from sync.client import ServerClient, encode_feedback
from sync.protocol import FeedbackEntry
from tests.conftest import minimal_form
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter

TEXT = "Cán bộ hướng dẫn chưa rõ ràng, phải đi lại hai lần"


def _add(c: SyncCounter, dossier: str | None = None, text: str = TEXT) -> str:
    view = FeedbackRecords(c.db, c.ctx).add(
        OFFICER.username,
        text=text,
        from_name="Phạm Văn Đức",
        channel=Channel.PHONE,
        phone="0912345678",
        dossier=dossier,
    )
    return view.id


def _items(c: SyncCounter) -> dict[str, dict[str, object]]:
    from desktop.store.clock import local_now

    with c.db.read() as s:
        return {v.id: v.as_json() for v in list_feedback(s, c.ctx.calendar, local_now())}


def test_feedback_reaches_every_counter_of_the_agency_and_no_other(
    server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, server.url, "Q01")
    q2 = make_counter(tmp_path, server.url, "Q02")
    other = make_counter(tmp_path, server.url, "Q09", agency="000.00.12.H02")
    receipt = q1.service.receive(parse_form(minimal_form()), OFFICER)
    fid = _add(q1, dossier=receipt.code)
    assert _items(q1)[fid]["sync"] == "pending"
    report = q1.sync()
    assert (report.feedback_pushed, report.feedback_rejected) == (1, 0)
    assert _items(q1)[fid]["sync"] == "sent"
    q2.sync()
    other.sync()
    seen = _items(q2)[fid]
    assert seen["dossier"] == receipt.code and seen["from_name"] == "Phạm Văn Đức"
    assert seen["counter"] == "Q01" and seen["state"] == "open" and seen["sync"] == "sent"
    assert _items(other) == {}, "another agency's counter"
    # the answer given at Q02 reaches Q01; nothing comes back to the counter that wrote it
    FeedbackRecords(q2.db, q2.ctx).answer(fid, OFFICER.username, "Đã hướng dẫn lại, xin lỗi")
    assert q2.sync().feedback_pushed == 1
    report = q1.sync()
    assert report.feedback_pushed == 0
    mine = _items(q1)[fid]
    assert mine["state"] == "answered" and mine["answer"] == "Đã hướng dẫn lại, xin lỗi"
    assert q2.sync().applied == 0, "its own answer is not fed back to it"
    with q1.db.read() as s:
        assert not list(s.scalars(select(SyncConflict)))


def _client(c: SyncCounter) -> ServerClient:
    return ServerClient(c.ctx.server_url or "", DeviceCredentials(c.db, c.ctx))


def _entry(**fields: object) -> FeedbackEntry:
    base: dict[str, object] = {
        "id": str(uuid4()),
        "feedback_id": str(uuid4()),
        "kind": "received",
        "at": "2026-05-04T09:00:00",
        "officer": "tiepnhan",
        "text": TEXT,
        "channel": "letter",
        "from_name": "Phạm Văn Đức",
    }
    base.update(fields)
    return FeedbackEntry.model_validate(base)


def _push(client: ServerClient, *entries: FeedbackEntry) -> list[tuple[str, str | None]]:
    answer = client.push_feedback(
        [e.id for e in entries], encode_feedback([e.model_dump_json().encode() for e in entries])
    )
    return [(r.outcome, r.code) for r in answer.results]


def test_the_server_is_idempotent_and_checks_the_agency(
    server: ServerProcess, tmp_path: Path
) -> None:
    """On PostgreSQL too: a duplicate is told by comparing the stored JSON."""
    q1 = make_counter(tmp_path, server.url, "Q01")
    other = make_counter(tmp_path, server.url, "Q09", agency="000.00.12.H02")
    theirs = other.service.receive(parse_form(minimal_form()), OFFICER)
    other.sync()
    first = _entry()
    with _client(q1) as c1, _client(other) as c9:
        assert _push(c1, first) == [("applied", None)]
        assert _push(c1, first) == [("duplicate", None)], "the same entry again"
        changed = first.model_copy(update={"text": "Nội dung khác"})
        assert _push(c1, changed) == [("rejected", "id_conflict")]
        again = _entry(feedback_id=str(first.feedback_id))
        assert _push(c1, again) == [("rejected", "id_conflict")], "the item's id is taken"
        # another agency's dossier, and another agency's item: one answer as for "none"
        assert _push(c1, _entry(dossier_id=theirs.id, dossier_code=theirs.code)) == [
            ("rejected", "unknown_dossier")
        ]
        progress = _entry(
            kind="progress", feedback_id=str(first.feedback_id), channel=None, from_name=None
        )
        assert _push(c9, progress) == [("rejected", "unknown_feedback")]

        # the register's order: publish needs the answer, an answer comes once
        def step(kind: str, text: str | None = "x") -> FeedbackEntry:
            return _entry(
                kind=kind, feedback_id=str(first.feedback_id), channel=None, from_name=None,
                text=text,
            )  # fmt: skip

        assert _push(c1, step("published", None)) == [("rejected", "bad_transition")]
        assert _push(c1, progress, step("answered"), step("answered"), step("progress")) == [
            ("applied", None),
            ("applied", None),
            ("rejected", "bad_transition"),
            ("rejected", "bad_transition"),
        ]
        assert _push(c1, step("published", None)) == [("applied", None)]


def test_a_refused_entry_is_marked_and_never_holds_the_others_back(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    ids = [_add(q1, text=f"Phản ánh số {n}") for n in range(5)]
    with q1.db.write() as s:
        rows = {r.feedback_id: r for r in s.scalars(select(FeedbackEntryRow))}
        # one names a dossier the server never saw (its own answer: rejected)…
        wire = json.loads(rows[ids[1]].wire or b"")
        wire["dossier_id"] = str(uuid4())
        rows[ids[1]].wire = json.dumps(wire).encode()
        # …and one the server cannot read at all (the whole batch refused: halved down to it)
        wire = json.loads(rows[ids[3]].wire or b"")
        wire["text"] = "x" * 5000
        rows[ids[3]].wire = json.dumps(wire).encode()
    report = q1.sync()
    assert (report.feedback_pushed, report.feedback_rejected) == (3, 2)
    items = _items(q1)
    assert items[ids[1]]["sync"] == "refused"
    assert str(items[ids[1]]["refused"]).startswith("unknown_dossier")
    assert items[ids[3]]["sync"] == "refused"
    assert str(items[ids[3]]["refused"]).startswith("invalid_request")
    assert [items[i]["sync"] for i in (ids[0], ids[2], ids[4])] == ["sent"] * 3
    # a refused entry is not sent again; a later one goes
    later = _add(q1)
    report = q1.sync()
    assert (report.feedback_pushed, report.feedback_rejected) == (1, 0)
    assert _items(q1)[later]["sync"] == "sent"
    # an entry marked sent whose answer was lost is sent again: the server says duplicate
    with q1.db.write() as s:
        s.execute(update(FeedbackEntryRow).where(FeedbackEntryRow.refused.is_(None)).values(
            sent_at=None
        ))  # fmt: skip
    assert q1.sync().feedback_pushed == 4
    assert all(UUID(i) for i in ids)


def test_two_counters_answering_offline_the_first_to_reach_the_server_stands(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    fid = _add(q1)
    q1.sync()
    q2.sync()
    FeedbackRecords(q1.db, q1.ctx).answer(fid, OFFICER.username, "Trả lời của Q01")
    FeedbackRecords(q2.db, q2.ctx).answer(fid, OFFICER.username, "Trả lời của Q02")
    assert q2.sync().feedback_pushed == 1
    report = q1.sync()
    assert (report.feedback_pushed, report.feedback_rejected, report.conflicts) == (0, 1, 1)
    mine = _items(q1)[fid]
    assert mine["sync"] == "refused" and str(mine["refused"]).startswith("bad_transition")
    with q1.db.read() as s:
        (seen,) = s.scalars(select(SyncConflict))
    assert seen.kind == "feedback" and "Q02" in seen.message
