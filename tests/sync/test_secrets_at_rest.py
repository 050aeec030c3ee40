"""Secrets live in the OS keyring and nowhere else; the counter's files are its user's alone.

A counter is enrolled, an officer signs in online, a dossier is received, scanned and synced,
and the audit chain is anchored. Every secret the keyring then holds (device key, sync token,
officer token, audit key), in every form it could leak in (as stored, the token inside its JSON,
the raw key bytes and their hex), is searched for in every file under the data dir (database,
WAL, settings, logs, spool, attachments) and in everything the commands printed."""

from __future__ import annotations

import base64
import binascii
import configparser
import json
import stat
from pathlib import Path

from keyrings.alt.file import PlaintextKeyring

from tests.clitools import Cli
from tests.conftest import minimal_form
from tests.synctools import IT_PASSWORD, IT_USER, ServerProcess

COUNTER = "K09"


def _keyring_values() -> dict[str, str]:
    """Every entry of the test session's file keyring, by its (escaped) account name."""
    config = configparser.RawConfigParser()
    config.read(PlaintextKeyring().file_path, encoding="utf-8")
    return {
        option: base64.decodebytes(config.get(section, option).encode()).decode()
        for section in config.sections()
        for option in config.options(section)
    }


def _leak_forms(secret: str) -> set[bytes]:
    pieces = {secret}
    try:
        data = json.loads(secret)
    except ValueError:
        data = None
    if isinstance(data, dict):
        pieces |= {v for v in data.values() if isinstance(v, str) and len(v) >= 16}
    forms: set[bytes] = set()
    for piece in pieces:
        forms.add(piece.encode())
        try:
            raw = base64.b64decode(piece, validate=True)
        except (binascii.Error, ValueError):
            continue
        if len(raw) >= 16:
            forms |= {raw, raw.hex().encode()}
    return {f for f in forms if len(f) >= 16}


def _leaks(forms: set[bytes], blobs: dict[str, bytes]) -> list[str]:
    return sorted(name for name, blob in blobs.items() for f in forms if f in blob)


def test_the_scan_finds_a_planted_secret() -> None:
    key = base64.b64encode(bytes(range(32))).decode()
    forms = _leak_forms(json.dumps({"token": key, "expires_at": "2026-11-24T00:00:00"}))
    assert _leaks(forms, {"a": b"...." + bytes(range(32)) + b"...."}) == ["a"]
    assert _leaks(forms, {"b": bytes(range(32)).hex().encode()}) == ["b"]
    assert _leaks(forms, {"c": key.encode()}) == ["c"]
    assert _leaks(forms, {"d": b"nothing here"}) == []


def test_secrets_are_only_in_the_keyring_and_files_are_private(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    cli = Cli(tmp_path / "data")
    it = {"MOTCUA_PASSWORD": IT_PASSWORD}
    outputs: list[str] = []

    def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> str:
        done = cli.run(*args, env=env, stdin=stdin)
        assert done.returncode == 0, done.stderr
        outputs.extend([done.stdout, done.stderr])
        return done.stdout

    run(
        *("init", "--province", "an-giang", "--agency", "000.00.12.H01"),
        *("--counter", COUNTER, "--server", sqlite_server.url, "--admin-user", "admin"),
    )
    run("enroll", "--user", IT_USER, env=it)
    run("sync", "--once", "--json")
    assert json.loads(run("login", "--user", IT_USER, "--json", env=it))["online"] is True
    got = json.loads(
        run("receive", "--json", "-", "--user", "admin", stdin=json.dumps(minimal_form()))
    )
    run(
        *("scan", "--device", "test:0", "--pages", "1", "--resolution", "75"),
        *("--dossier", got["code"], "--document", "Tờ khai", "--user", "admin"),
    )
    run("sync", "--once", "--json")
    run("audit", "verify", "--online")

    ours = {k: v for k, v in _keyring_values().items() if COUNTER.lower() in k.lower()}
    kinds = {k.split("2f", 1)[0].split("/", 1)[0] for k in ours}
    assert any("device" in k for k in kinds) and any("sync" in k for k in kinds), kinds
    assert any("officer" in k for k in kinds) and any("audit" in k for k in kinds), kinds

    files = [p for p in cli.data_dir.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") or p.suffix == ".db" for p in files)
    blobs = {str(p.relative_to(cli.data_dir)): p.read_bytes() for p in files}
    blobs |= {f"output {i}": text.encode() for i, text in enumerate(outputs)}
    for account, secret in ours.items():
        assert _leaks(_leak_forms(secret), blobs) == [], account

    # Only the counter's OS user may read what it keeps about citizens.
    assert stat.S_IMODE(cli.data_dir.stat().st_mode) == 0o700
    database = [p for p in files if p.name.startswith("motcua.db")]
    assert database and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in database)
    attachments = [p for p in files if "attachments" in p.parts]
    assert attachments and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in attachments)


def test_an_existing_open_data_dir_is_closed_to_others(tmp_path: Path) -> None:
    from desktop.store.db import Database

    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    Database.open(data, create=True).close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "motcua.db").stat().st_mode) == 0o600
