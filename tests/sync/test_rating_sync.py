"""Ratings travel between counters (issue 20 item 2): a rating given at one counter reaches the
others and the server; the server refuses a second rating of the same stage (two counters
offline, the same citizen rated twice) and a level outside the scale, without stalling the
queue."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import select

from desktop.domain.reception import parse_form
from desktop.domain.satisfaction import Level, Stage
from desktop.store.dossiers.ratings import Ratings
from desktop.store.dossiers.service import find_dossier
from desktop.store.models import Rating
from tests.conftest import minimal_form
from tests.sync.test_engine import _rows_equal_folds
from tests.synctools import OFFICER, ServerProcess, SyncCounter, make_counter


def _returned(c: SyncCounter) -> str:
    code = c.service.receive(parse_form(minimal_form()), OFFICER).code
    assert code is not None
    c.service.result_ready(code, OFFICER)
    c.service.return_result(code, OFFICER, "Nguyễn Văn An", "089085001234")
    return code


def _set_level(c: SyncCounter, level: int) -> None:
    """Put a level outside the scale into the queued rating, as a hostile counter would."""
    with sqlite3.connect(c.data_dir / "motcua.db") as conn:
        (event_id, raw) = conn.execute(
            "SELECT o.event_id, o.wire FROM outbox o JOIN events e ON e.id = o.event_id "
            "WHERE e.type = 'rated' AND o.acked_at IS NULL"
        ).fetchone()
        wire = json.loads(raw)
        wire["payload"]["level"] = level
        conn.execute(
            "UPDATE outbox SET wire = ? WHERE event_id = ?", (json.dumps(wire).encode(), event_id)
        )


def test_a_rating_reaches_the_other_counters_and_is_counted_once(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    code = _returned(q1)
    assert q1.sync().rejected == 0
    q2.sync()
    # both counters offline record a rating of the same return (a paper form typed in twice)
    Ratings(q1.db, q1.ctx).rate(code, OFFICER, Level.RAT_HAI_LONG, Stage.RETURN, "Nhanh, chu đáo")
    Ratings(q2.db, q2.ctx).rate(code, OFFICER, Level.KHONG_HAI_LONG, Stage.RETURN)
    assert q1.sync().rejected == 0
    assert q2.sync().rejected == 1  # the server keeps the first; the second is a dead letter
    q1.sync()
    with q1.db.read() as s:
        (rating,) = s.scalars(select(Rating)).all()
        assert (rating.level, rating.stage, rating.counter) == (5, "return", "Q01")
        assert find_dossier(s, code).rating_return == 5
    _rows_equal_folds(q1)


def test_the_server_refuses_a_level_outside_the_scale_and_the_queue_moves_on(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    q1 = make_counter(tmp_path, sqlite_server.url, "Q01")
    q2 = make_counter(tmp_path, sqlite_server.url, "Q02")
    code = _returned(q1)
    Ratings(q1.db, q1.ctx).rate(code, OFFICER, Level.HAI_LONG, Stage.RECEPTION)
    _set_level(q1, 9)
    later = q1.service.receive(parse_form(minimal_form(name="Trần Thị Bình")), OFFICER).code
    report = q1.sync()
    assert report.rejected == 1 and report.pushed >= 4  # the dossier's events and the next one
    q2.sync()
    with q2.db.read() as s:
        assert find_dossier(s, code).rating_reception is None
        assert find_dossier(s, str(later)).status == 2
        assert s.scalars(select(Rating)).all() == []
    # a good rating from Q01 reaches Q02's statistics, naming the officer who served
    Ratings(q1.db, q1.ctx).rate(code, OFFICER, Level.RAT_HAI_LONG, Stage.RETURN)
    assert q1.sync().rejected == 0
    q2.sync()
    with q2.db.read() as s:
        (rating,) = s.scalars(select(Rating)).all()
        assert (rating.level, rating.stage, rating.served_by) == (5, "return", OFFICER.username)
        assert find_dossier(s, code).rating_return == 5
    _rows_equal_folds(q2)
