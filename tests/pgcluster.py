"""A throw-away PostgreSQL server for tests.

The reference server is tested on PostgreSQL as well as SQLite. CI and developers run
`make test` on a machine where nothing has been started for them (and the machine's own
cluster may be down or belong to someone else), so the tests start a private cluster of
their own: a fresh data directory under the temp dir, listening only on 127.0.0.1 on a
free port, with its unix socket inside that directory, all removed again at the end.

One cluster per test session, one empty database per test:

    with throwaway_cluster() as admin_url:          # ~1 s
        url = fresh_database(admin_url, "t_sync_1")  # ~50 ms
        engine = create_engine(url)
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

if sys.platform != "win32":  # the module must import on Windows too, where tests skip
    import pwd

# initdb's bootstrap superuser; the user in every URL handed out.
SUPERUSER = "postgres"
DEFAULT_DATABASE = "motcua_test"
# The system user that owns the server processes when the tests run as root:
# PostgreSQL refuses to run as root, and Debian's package creates this user.
SYSTEM_USER = "postgres"

# Every wait is bounded (seconds) so a broken PostgreSQL fails the run instead of hanging CI.
INITDB_TIMEOUT = 120.0
START_TIMEOUT = 30.0
STOP_TIMEOUT = 30.0
SQL_TIMEOUT = 60  # the server's statement_timeout for our own admin statements
PORT_ATTEMPTS = 3  # the free port we picked can be taken before the server binds it

_DIR_PREFIX = "motcua-pg-"
_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Debian puts the server binaries here, one directory per major version, not on PATH.
_DEBIAN_ROOT = Path("/usr/lib/postgresql")

# Tests only need speed: a crash loses a throw-away cluster, never real data.
_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "32MB",
    "max_wal_size": "256MB",
    "logging_collector": "off",
}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server is not installed (or cannot be run) here: skip, don't fail."""


class PostgresStartError(RuntimeError):
    """PostgreSQL is installed but the throw-away cluster did not come up: a real failure."""


@dataclass(frozen=True)
class ServerBinaries:
    bindir: Path

    @property
    def initdb(self) -> str:
        return str(self.bindir / "initdb")

    @property
    def postgres(self) -> str:
        return str(self.bindir / "postgres")


def _has_server(bindir: Path) -> bool:
    return all(os.access(bindir / name, os.X_OK) for name in ("initdb", "postgres"))


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name)) or (0,)


def find_server_binaries() -> ServerBinaries:
    """The newest installed server: Debian's versioned directories first, then PATH."""
    if _DEBIAN_ROOT.is_dir():
        candidates = [
            d for d in _DEBIAN_ROOT.iterdir() if d.name[:1].isdigit() and _has_server(d / "bin")
        ]
        if candidates:
            newest = max(candidates, key=lambda d: _version_key(d.name))
            return ServerBinaries(newest / "bin")
    on_path = shutil.which("initdb")
    if on_path:
        # initdb runs the `postgres` found next to its real location, so follow symlinks
        # and use the pair from the same directory.
        bindir = Path(os.path.realpath(on_path)).parent
        if _has_server(bindir):
            return ServerBinaries(bindir)
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, postgres) not found in "
        f"{_DEBIAN_ROOT}/<version>/bin or on PATH; install the Debian package `postgresql`"
    )


def _as_server_user() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs a program as the server's owner, and that owner
    (None: ourselves)."""
    if os.geteuid() != 0:
        return [], None
    try:
        owner = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root and there is no `{SYSTEM_USER}` system user to run PostgreSQL"
        ) from None
    # setpriv execs the program in place, so the postmaster stays our own child: we wait
    # for it ourselves and no zombie is left for init to reap. runuser forks and waits.
    setpriv = shutil.which("setpriv")
    if setpriv:
        uid, gid = owner.pw_uid, owner.pw_gid
        return [setpriv, f"--reuid={uid}", f"--regid={gid}", "--init-groups"], owner
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", SYSTEM_USER, "--"], owner
    raise PostgresUnavailable("running as root and neither setpriv nor runuser is available")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _server_env() -> dict[str, str]:
    # A developer's PG* variables (PGDATA, PGPORT, PGHOST...) must not steer the private
    # cluster towards another one.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    # The C locale always exists (initdb fails on a LANG that is not generated) and sorts
    # by bytes, like SQLite's default collation.
    env["LC_ALL"] = "C"
    return env


def _run(cmd: Sequence[str], *, cwd: Path, timeout: float) -> None:
    try:
        proc = subprocess.run(
            list(cmd),
            cwd=cwd,  # the server user may not be allowed into the caller's cwd
            env=_server_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PostgresStartError(f"timed out after {timeout}s: {' '.join(cmd)}") from exc
    if proc.returncode != 0:
        raise PostgresStartError(
            f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}{proc.stderr}"
        )


def _traversable_by_others(path: Path) -> bool:
    """Whether another user (the server user) can reach into path through its parents."""
    for d in [path, *path.parents]:
        try:
            if not d.stat().st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


def _make_base_dir(owner: pwd.struct_passwd | None) -> Path:
    parent = Path(tempfile.gettempdir())
    if owner is not None and not _traversable_by_others(parent):
        # e.g. TMPDIR under /root: the postgres user could not open its own data dir.
        parent = Path("/tmp")
    base = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX, dir=parent)).resolve()
    # Lets a later run tell a cluster whose test process died (see _reap_stale).
    (base / "owner.pid").write_text(f"{os.getpid()}\n")
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    return base


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text().splitlines()[0])
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: int) -> bool:
    """Whether pid is a running process; a zombie is dead (only its parent can reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        pass
    else:
        # The state follows the command name, which is in parentheses and may hold spaces.
        return stat.rpartition(")")[2].split()[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _shutdown(proc: subprocess.Popen[bytes], data: Path) -> None:
    """Immediate shutdown of the server we started; returns once it has exited.

    SIGQUIT is PostgreSQL's immediate shutdown: nothing in a throw-away cluster is worth a
    checkpoint. The postmaster kills its backends and reaps them before it exits.
    """
    if proc.poll() is not None:
        return
    # Under runuser, proc is runuser and the postmaster its child: signal the postmaster.
    pid = _postmaster_pid(data) or proc.pid
    _signal(pid, signal.SIGQUIT)
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        _signal(pid, signal.SIGKILL)
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT)


def _reap_stale() -> None:
    """Stop and remove clusters left by earlier runs whose test process was killed hard
    (SIGKILL, a CI timeout), when no `finally` could run."""
    for parent in {Path(tempfile.gettempdir()), Path("/tmp")}:
        with contextlib.suppress(OSError):
            for base in parent.glob(f"{_DIR_PREFIX}*"):
                try:
                    owner_pid = int((base / "owner.pid").read_text().strip())
                    mine = os.geteuid() in (0, base.stat().st_uid)
                except (OSError, ValueError):
                    continue
                if not mine or _alive(owner_pid):
                    continue
                data = base / "data"
                pid = _postmaster_pid(data)
                # Check the pid is still that cluster's postmaster before signalling it.
                if pid is not None and _alive(pid) and str(data) in _cmdline(pid):
                    _signal(pid, signal.SIGQUIT)
                    deadline = time.monotonic() + STOP_TIMEOUT
                    while _alive(pid) and time.monotonic() < deadline:
                        time.sleep(0.05)
                    if _alive(pid):
                        _signal(pid, signal.SIGKILL)
                shutil.rmtree(base, ignore_errors=True)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _conf_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _url(port: int, database: str) -> str:
    return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{database}"


def _spawn(
    binaries: ServerBinaries, prefix: list[str], base: Path, port: int
) -> subprocess.Popen[bytes]:
    # The postmaster runs in the foreground as our child (not daemonised by pg_ctl), so we
    # always know its process and can wait for it.
    with (base / "server.log").open("ab") as log:
        return subprocess.Popen(
            [*prefix, binaries.postgres, "-D", str(base / "data"), "-p", str(port)],
            cwd=base,
            env=_server_env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _postmaster_ready(data: Path, port: int) -> bool:
    """Whether postmaster.pid says the server is up on port, as `pg_ctl -w` checks it.

    Asking the pid file first keeps us from connecting to whatever else may be listening
    on the port while our server is still starting, or failing to bind it.
    """
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
    except OSError:
        return False
    # Line 4 is the port, line 8 the status (PostgreSQL 10 and later).
    return len(lines) >= 8 and lines[3].strip() == str(port) and lines[7].strip() == "ready"


def _wait_ready(proc: subprocess.Popen[bytes], data: Path, port: int) -> bool:
    """True once the server accepts connections; False if it exited first."""
    deadline = time.monotonic() + START_TIMEOUT
    engine = sa.create_engine(
        _url(port, "postgres"), poolclass=sa.pool.NullPool, connect_args={"connect_timeout": 2}
    )
    try:
        while proc.poll() is None:
            if time.monotonic() > deadline:
                raise PostgresStartError(f"server not ready after {START_TIMEOUT}s")
            if not _postmaster_ready(data, port):
                time.sleep(0.02)
                continue
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text("SELECT 1"))
                return True
            except sa.exc.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise PostgresStartError(f"server refuses connections: {exc}") from exc
                time.sleep(0.05)
        return False
    finally:
        engine.dispose()


@contextlib.contextmanager
def throwaway_cluster(database: str = DEFAULT_DATABASE) -> Iterator[str]:
    """Start a private PostgreSQL cluster; yield a SQLAlchemy URL to the empty `database`.

    The URL's user is the cluster's superuser, so fresh_database() can be called with it.
    Raises PostgresUnavailable when the server is not installed (callers skip), and
    PostgresStartError when it is installed but does not start (callers fail). The server
    is stopped and its directory removed on exit, also when the body raised.
    """
    _check_name(database)
    if os.name != "posix":
        raise PostgresUnavailable("the throw-away cluster is written for POSIX systems")
    binaries = find_server_binaries()
    prefix, owner = _as_server_user()
    _reap_stale()
    base = _make_base_dir(owner)
    data = base / "data"
    proc: subprocess.Popen[bytes] | None = None
    try:
        _run(
            [
                *prefix,
                binaries.initdb,
                *("-D", str(data), "-U", SUPERUSER, "-A", "trust"),
                *("--encoding=UTF8", "--locale=C", "--no-sync"),
            ],
            cwd=base,
            timeout=INITDB_TIMEOUT,
        )
        # The socket goes into our directory: /var/run/postgresql may not exist or be
        # writable, and a system server's socket there must not be touched.
        settings = {**_SETTINGS, "unix_socket_directories": str(base)}
        with (data / "postgresql.conf").open("a") as conf:
            conf.write("\n# throw-away test cluster (tests/pgcluster.py)\n")
            conf.writelines(f"{key} = {_conf_value(value)}\n" for key, value in settings.items())

        for attempt in range(1, PORT_ATTEMPTS + 1):
            port = _free_port()
            proc = _spawn(binaries, prefix, base, port)
            if _wait_ready(proc, data, port):
                break
            log = (base / "server.log").read_text(errors="replace")
            if attempt < PORT_ATTEMPTS and "could not bind" in log:
                continue
            raise PostgresStartError(
                f"postgres exited with {proc.returncode}:\n--- server.log ---\n{log[-4000:]}"
            )
        yield fresh_database(_url(port, "postgres"), database)
    finally:
        try:
            if proc is not None:
                _shutdown(proc, data)
        finally:
            shutil.rmtree(base, ignore_errors=True)


def _check_name(name: str) -> None:
    # Database names go into SQL unquoted by any driver, so only plain identifiers.
    if not _DB_NAME.match(name):
        raise ValueError(f"database name {name!r}: use [a-z_][a-z0-9_]*, at most 63 characters")


def fresh_database(admin_url: str, name: str, *, template: str | None = None) -> str:
    """Create the empty database `name` on the cluster behind admin_url; return its URL.
    With `template`, a copy of that database of the cluster instead of an empty one.

    One cluster per test session, one database per test: creating a database from the
    empty template takes some 50 ms, starting a cluster about a second.
    """
    _check_name(name)
    if template is not None:
        _check_name(template)
    url = make_url(admin_url)
    # Connect to the maintenance database: admin_url may point at a database in use.
    engine = sa.create_engine(
        url.set(database="postgres"),
        isolation_level="AUTOCOMMIT",  # CREATE DATABASE cannot run in a transaction
        poolclass=sa.pool.NullPool,
        connect_args={"connect_timeout": 10, "options": f"-c statement_timeout={SQL_TIMEOUT}s"},
    )
    try:
        with engine.connect() as conn:
            copy = f' TEMPLATE "{template}"' if template is not None else ""
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    finally:
        engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)
