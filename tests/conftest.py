"""Shared fixtures: real SQLite counters in temporary directories."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.util import LRUCache

# Tests never see a developer's real display, data or keyring: device keys go to a file
# keyring (keyrings.alt, a development dependency) in a throw-away directory, which the counter
# uses only with the explicit opt-in (desktop/store/accounts/keyring_guard.py secure_keyring).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["MOTCUA_ALLOW_INSECURE_KEYRING"] = "1"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="motcua-test-keyring-")

from argon2 import PasswordHasher

import desktop.store.accounts.officers
import sync.server.auth
import tests.budget  # noqa: F401  (loads the hypothesis profile before any test module)
from desktop.devices.sigpipe import keep_sigpipe_ignored, sigpipe_ignored
from desktop.store.accounts.officers import OfficerInfo
from desktop.store.clock import local_now
from desktop.store.counter import CounterContext, init_counter, load_context
from desktop.store.db import DB_NAME, Database
from desktop.store.dossiers.service import DossierService
from tests.clitools import ADMIN_PASSWORD, Cli

# Nor the machine's scanners: SANE sees only its `test` device, from the first scan list
# on (libsane reads its configuration once per process, so this is set before anything runs)
_SANE = Path(tempfile.mkdtemp(prefix="motcua-test-sane-"))
(_SANE / "dll.conf").write_text("test\n", encoding="ascii")
(_SANE / "test.conf").write_text(
    'number_of_devices 2\nmode Gray\ndepth 8\ntest-picture "Grid"\n', encoding="ascii"
)
os.environ["SANE_CONFIG_DIR"] = str(_SANE)


# Argon2id at the library's recommended cost is ~0.2 s of CPU per hash or check, and the suite
# signs in thousands of times. In this process only (counters and in-process commands) the same
# algorithm runs at its cheapest cost; the reference server's processes, and the test that checks
# the production parameters in a fresh process, keep the real ones.
_TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
desktop.store.accounts.officers._hasher = _TEST_HASHER
sync.server.auth._hasher = _TEST_HASHER


# Under pytest-xdist the controller starts the one throw-away PostgreSQL cluster all workers use
# (an empty database per test keeps them apart): one initdb per run instead of one per worker.
PG_ADMIN_URL_ENV = "MOTCUA_TEST_PG_ADMIN_URL"
_shared_cluster = contextlib.ExitStack()


def pytest_configure(config: pytest.Config) -> None:
    is_controller = not hasattr(config, "workerinput") and config.getoption("numprocesses", None)
    if not is_controller or os.environ.get(PG_ADMIN_URL_ENV):
        return
    from tests.pgcluster import PostgresUnavailable, throwaway_cluster

    # without PostgreSQL each worker finds out for itself and skips those tests with the reason
    with contextlib.suppress(PostgresUnavailable):
        os.environ[PG_ADMIN_URL_ENV] = _shared_cluster.enter_context(throwaway_cluster())


def pytest_unconfigure(config: pytest.Config) -> None:
    _shared_cluster.close()


@pytest.fixture(scope="session", autouse=True)
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A new counter database starts as a copy of one migrated once per test process (issue 16:
    running the 15 migrations took three quarters of every counter fixture, ~0.75 s, hundreds of
    times a run). The template is made by the real migrations, and a copy is what they would
    have written; the copy only happens where ``Database.open(create=True)`` would have made a
    new file, and any trouble making it (a full or read-only disk a test simulates) falls back
    to the real path, which then reports the trouble as the product does."""
    base = tmp_path_factory.mktemp("migrated-template")
    Database.open(base, create=True).close()
    template = base / DB_NAME
    real_open = Database.open.__func__  # type: ignore[attr-defined]

    def open_from_template(
        cls: type[Database], data_dir: Path, *, create: bool = False
    ) -> Database:
        path = data_dir / DB_NAME
        if create and not path.exists():
            try:
                data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
                shutil.copyfile(template, path)
            except OSError:
                with contextlib.suppress(OSError):
                    path.unlink()
        return real_open(cls, data_dir, create=create)  # type: ignore[no-any-return]

    patch = pytest.MonkeyPatch()
    patch.setattr(Database, "open", classmethod(open_from_template))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _sigpipe_stays_ignored() -> Iterator[None]:
    # a native library that resets SIGPIPE makes a later write to a closed socket kill the
    # whole test run without a word; name the test that did it instead
    yield
    if sigpipe_ignored() is False:
        keep_sigpipe_ignored()
        pytest.fail("SIGPIPE is no longer ignored after this test (a native library reset it)")


# The design check's day (An Giang, Friday 27/10/2023) is years back now, further than a paper
# receipt may be entered (the profile's reception.backdate_days, issue 17): tests receiving on it
# hold the counter's clock a little later, as if the receipts were entered then.
DESIGN_CHECK_NOW = datetime(2023, 11, 30, 17, 0)


def design_friday(data_dir: Path) -> date:
    """For command-line tests of the design check (received Friday 27/10/2023 09:32): a recent
    Friday at least two weeks back, within the reception bound, that is a working day at this
    counter with the Monday to Thursday after it, as 27/10/2023 was."""
    db = Database.open(data_dir)
    try:
        calendar = load_context(db, data_dir).calendar
    finally:
        db.close()
    d = local_now().date() - timedelta(days=14)
    d -= timedelta(days=(d.weekday() - 4) % 7)
    while not all(calendar.is_working_day(d + timedelta(days=k)) for k in (0, 3, 4, 5, 6)):
        d -= timedelta(days=7)
    return d


RECEPTION = OfficerInfo("tiepnhan", "Cán bộ tiếp nhận", frozenset({"reception", "returns"}))


class Counter:
    """A real counter database in a temporary directory."""

    def __init__(self, data_dir: Path, province: str, agency: str, server: str | None) -> None:
        self.data_dir = data_dir
        self.db = Database.open(data_dir, create=True)
        init_counter(
            self.db,
            province=province,
            agency=agency,
            counter="Q01",
            server_url=server,
            admin_user="admin",
            admin_password=ADMIN_PASSWORD,
        )
        self.now: datetime | None = None  # set to freeze the counter's clock
        self.ctx: CounterContext = load_context(self.db, data_dir)
        self.service = DossierService(self.db, self.ctx, self.clock)

    def clock(self) -> datetime:
        return self.now or local_now()

    def reopen(self) -> None:
        """Close and open again, as after a restart of the application."""
        self.db.close()
        self.db = Database.open(self.data_dir)
        self.ctx = load_context(self.db, self.data_dir)
        self.service = DossierService(self.db, self.ctx, self.clock)


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Counter]:
    c = Counter(tmp_path / "data", "an-giang", "000.00.12.H01", None)
    yield c
    c.db.close()


@pytest.fixture
def national_counter(tmp_path: Path) -> Iterator[Counter]:
    c = Counter(tmp_path / "data", "kien-giang", "000.00.06.H56", None)
    yield c
    c.db.close()


def minimal_form(**applicant: str) -> dict[str, object]:
    person = {
        "name": "Nguyễn Văn An",
        "id_number": "089085001234",
        "address": "Số 1 Lê Lợi, Long Xuyên",
        "phone": "0912345678",
    }
    person.update(applicant)
    return {"procedure": "2.000815", "applicant": person}


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """An initialised An Giang counter driven through the real command line."""
    return init_cli(tmp_path / "data")


def init_cli(data_dir: Path) -> Cli:
    """``motcua init`` of the ``cli`` fixture's counter in ``data_dir``."""
    c = Cli(data_dir)
    c.ok(
        "init",
        "--province",
        "an-giang",
        "--agency",
        "000.00.12.H01",
        "--counter",
        "Q01",
        "--admin-user",
        "admin",
        "--admin-name",
        "Lê Thị Hạnh",
    )
    return c


def copy_data_dir(snapshot: Path, data_dir: Path) -> Path:
    """A counter's data directory as ``snapshot`` left it (closed, so its database is one file),
    for a test to change as it likes: a history built once per module and copied costs a file
    copy per test instead of hundreds of writes (issue 16)."""
    shutil.copytree(snapshot, data_dir)
    return data_dir


# The default suite's longest tests (each 10 s or more on 2 CPUs), started first: xdist hands
# out tests in collection order, and one of these started last keeps the run going while the
# other workers sit idle. A name that no longer matches is simply not moved.
LONGEST_FIRST = (
    "tests/incidents/test_outage_end_to_end.py::",
    "tests/ui/test_window_fits.py::",
    "tests/cli/test_sigkill.py::",
    "tests/devices/test_sane_scan.py::test_blank_sheets",
    "tests/ui/test_lazy_start.py::",
    "tests/sync/test_province_faults.py::",
    "tests/incidents/test_sync_process.py::",
    "tests/store/test_audit.py::test_cli_verify",
    "tests/ui/test_live_settings.py::",
    "tests/stats/test_counts.py::",
    "tests/stats/test_centre.py::",
    "tests/incidents/test_day_close.py::",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        for i, prefix in enumerate(LONGEST_FIRST):
            if item.nodeid.startswith(prefix):
                return i
        return len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: everything else keeps its order


@pytest.fixture(scope="session", autouse=True)
def _one_sql_dialect() -> Iterator[None]:
    """Every counter database a test process opens compiles its SQL once for all: SQLAlchemy
    keys its statement cache by the dialect object, and each ``Database`` (each in-process CLI
    command, each window) had a dialect and a cache of its own, so every command compiled its
    statements anew — a sixth of the command-line tests' CPU. A counter process opens one
    database for its life, so this is the test process's concern only. A dialect is shared only
    once a connection has initialised it (SQLite's version and options: the same library for
    every file), and the serializers it carries are the same for every ``Database``."""
    shared: list[Any] = []
    cache: dict[Any, Any] = LRUCache(2000)  # type: ignore[assignment]
    real_init = Database.__init__

    def init_sharing(self: Database, path: Path) -> None:
        real_init(self, path)
        engine = self.engine
        engine._compiled_cache = cache  # type: ignore[attr-defined]
        if shared:
            engine.dialect = shared[0]
            engine.pool._dialect = shared[0]  # type: ignore[attr-defined]
            return

        # "connect" listeners run in order, after the one create_engine added to initialise it
        @event.listens_for(engine, "connect")
        def _initialised(*_: Any) -> None:
            if not shared:
                shared.append(engine.dialect)

    patch = pytest.MonkeyPatch()
    patch.setattr(Database, "__init__", init_sharing)
    yield
    patch.undo()
