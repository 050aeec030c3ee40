"""Codes never repeat, whatever the sequence of leases, offline spending, exhaustion and
restarts (DESIGN.md §2). Runs against a real SQLite file through the reception service."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from desktop.domain.codes import CodeFormat, is_provisional
from desktop.domain.leases import BlockKind, CodeBlock, LeaseError, check_new_block, pick, spend
from desktop.domain.reception import parse_form
from desktop.store.counter import set_emergency_range
from desktop.store.dossiers.codes import add_block
from desktop.store.models import CodeBlockRow, Dossier
from tests.budget import examples
from tests.conftest import DESIGN_CHECK_NOW, RECEPTION, Counter, minimal_form

DAYS = (date(2023, 10, 26), date(2023, 10, 27))
EMERGENCY = (990, 992)


class CodeLedger(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="motcua-leases-"))
        self.c = Counter(
            self.tmp / "data", "an-giang", "000.00.12.H01", "https://motcua.example.invalid"
        )
        with self.c.db.write() as s:
            set_emergency_range(s, *EMERGENCY)
        self.c.reopen()
        self.server_next = dict.fromkeys(DAYS, 1)  # the server's cursor per day
        self.issued: list[tuple[str, date, bool]] = []
        self.fmt = CodeFormat(self.c.ctx.profile.code_format.template)

    def teardown(self) -> None:
        self.c.db.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    @rule(day=st.sampled_from(DAYS), size=st.integers(1, 4))
    def lease(self, day: date, size: int) -> None:
        start = self.server_next[day]
        end = min(start + size - 1, EMERGENCY[0] - 1)
        if start > end:
            return
        self.server_next[day] = end + 1
        with self.c.db.write() as s:
            add_block(s, self.c.ctx, day, start, end, BlockKind.LEASE)

    @rule(day=st.sampled_from(DAYS), minute=st.integers(0, 59))
    def receive_offline(self, day: date, minute: int) -> None:
        self.c.now = datetime.combine(day, time(16, 0))
        form = parse_form({**minimal_form(), "received_at": f"{day}T09:{minute:02d}"})
        receipt = self.c.service.receive(form, RECEPTION)
        assert receipt.code is not None
        self.issued.append((receipt.code, day, receipt.provisional))

    @rule()
    def restart(self) -> None:
        self.c.reopen()

    @precondition(lambda self: len(self.issued) > 0)
    @rule(day=st.sampled_from(DAYS))
    def repeated_lease_is_refused(self, day: date) -> None:
        with self.c.db.read() as s:
            rows = list(
                s.scalars(
                    select(CodeBlockRow).where(
                        CodeBlockRow.day == day, CodeBlockRow.kind == "lease"
                    )
                )
            )
        if rows:
            with pytest.raises(LeaseError), self.c.db.write() as s:
                add_block(s, self.c.ctx, day, rows[0].start, rows[0].end, BlockKind.LEASE)

    @invariant()
    def codes_unique_owned_and_in_order(self) -> None:
        codes = [c for c, _d, _p in self.issued]
        assert len(codes) == len(set(codes))
        with self.c.db.read() as s:
            blocks = list(s.scalars(select(CodeBlockRow)))
            stored = list(s.scalars(select(Dossier.code)))
        assert sorted(stored) == sorted(codes)  # nothing issued was lost by a restart
        for day in DAYS:
            real = [c for c, d, p in self.issued if d == day and not p]
            per_block: dict[int, list[int]] = {}
            for code in real:
                parsed = self.fmt.parse(code)
                assert parsed is not None and parsed[1] == day
                seq = parsed[2]
                owner = [
                    b
                    for b in blocks
                    if b.day == day and b.kind in ("lease", "emergency") and b.start <= seq <= b.end
                ]
                assert len(owner) == 1, f"{code} is not from a block this counter owns"
                per_block.setdefault(owner[0].id, []).append(seq)
            for block_id, seqs in per_block.items():
                start = next(b.start for b in blocks if b.id == block_id)
                assert seqs == list(range(start, start + len(seqs))), "a block is spent in order"
            provisional = [c for c, d, p in self.issued if d == day and p]
            for code in provisional:
                assert is_provisional(code) and code.startswith("TAM-000.00.12.H01-Q01-")
            if provisional:
                first = next(i for i, (_c, d, p) in enumerate(self.issued) if d == day and p)
                spent_before = [c for c, d, p in self.issued[:first] if d == day and not p]
                # provisional codes only once every lease and the emergency range were spent
                assert len(spent_before) >= EMERGENCY[1] - EMERGENCY[0] + 1


CodeLedger.TestCase.settings = settings(
    max_examples=examples(0.15),
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCodeLedger = CodeLedger.TestCase


def test_self_authority_numbers_each_day_from_one(counter: Counter) -> None:
    counter.now = DESIGN_CHECK_NOW
    for minute in range(3):
        receipt = counter.service.receive(
            parse_form({**minimal_form(), "received_at": f"2023-10-27T10:0{minute}"}), RECEPTION
        )
        assert receipt.code == f"000.00.12.H01271023{minute + 1:03d}"
        assert not receipt.provisional


def test_block_arithmetic() -> None:
    day = DAYS[0]
    a = CodeBlock.new(day, 1, 3, BlockKind.LEASE)
    e = CodeBlock.new(day, 990, 999, BlockKind.EMERGENCY)
    with pytest.raises(LeaseError):
        check_new_block([a], CodeBlock.new(day, 3, 5, BlockKind.LEASE), 999)
    with pytest.raises(LeaseError):
        check_new_block([a], CodeBlock.new(day, 998, 1000, BlockKind.LEASE), 999)
    check_new_block([a, e], CodeBlock.new(DAYS[1], 1, 3, BlockKind.LEASE), 999)
    blocks = [e, a]
    assert pick(blocks, day) == 1  # leases before the emergency range
    seq, blocks[1] = spend(blocks[1])
    assert seq == 1 and blocks[1].next == 2
    assert pick(blocks, DAYS[1]) is None


def test_offline_exhaustion_goes_lease_then_emergency_then_provisional(tmp_path: Path) -> None:
    c = Counter(tmp_path / "data", "an-giang", "000.00.12.H01", "https://motcua.example.invalid")
    try:
        with c.db.write() as s:
            set_emergency_range(s, *EMERGENCY)
        c.reopen()
        day = DAYS[1]
        with c.db.write() as s:
            add_block(s, c.ctx, day, 11, 12, BlockKind.LEASE)
        c.now = datetime.combine(day, time(16, 0))
        form = parse_form({**minimal_form(), "received_at": f"{day}T09:00"})
        got = []
        for _ in range(7):
            r = c.service.receive(form, RECEPTION)
            got.append((r.code, r.provisional))
            if len(got) == 3:
                c.reopen()  # a restart in the middle changes nothing
        assert got == [
            ("000.00.12.H01271023011", False),
            ("000.00.12.H01271023012", False),
            ("000.00.12.H01271023990", False),
            ("000.00.12.H01271023991", False),
            ("000.00.12.H01271023992", False),
            ("TAM-000.00.12.H01-Q01-231027-001", True),
            ("TAM-000.00.12.H01-Q01-231027-002", True),
        ]
    finally:
        c.db.close()
