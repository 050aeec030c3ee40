"""Issuing dossier codes from the blocks this counter owns, inside the caller's transaction.

The block's ``next`` moves in the same transaction that inserts the dossier, and codes are
unique in the table, so a crash or a second process can never hand out one number twice.
"""

from __future__ import annotations

from collections.abc import Sequence as Seq
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import provisional_code
from desktop.domain.leases import (
    PROVISIONAL_MAX,
    BlockKind,
    CodeBlock,
    LeaseError,
    check_new_block,
    pick,
)
from desktop.store.counter import CounterContext
from desktop.store.models import CodeBlockRow


@dataclass(frozen=True)
class IssuedCode:
    code: str
    seq: int
    provisional: bool
    kind: BlockKind


def _to_block(row: CodeBlockRow) -> CodeBlock:
    return CodeBlock(row.day, row.start, row.end, BlockKind(row.kind), row.next)


def blocks_for(session: Session, day: date) -> list[CodeBlockRow]:
    return list(session.scalars(select(CodeBlockRow).where(CodeBlockRow.day == day)))


def add_block(
    session: Session, ctx: CounterContext, day: date, start: int, end: int, kind: BlockKind
) -> None:
    """Record a lease (or the counter's emergency range) for ``day``; overlaps are refused."""
    new = CodeBlock.new(day, start, end, kind)
    check_new_block([_to_block(r) for r in blocks_for(session, day)], new, ctx.code_format.max_seq)
    session.add(CodeBlockRow(day=day, start=start, end=end, kind=kind.value, next=start))
    session.flush()


def _ensure_implicit_blocks(
    session: Session, ctx: CounterContext, day: date, rows: Seq[CodeBlockRow]
) -> None:
    kinds = {r.kind for r in rows}
    if ctx.self_authority and BlockKind.SELF.value not in kinds:
        add_block(session, ctx, day, 1, ctx.code_format.max_seq, BlockKind.SELF)
    if ctx.emergency and BlockKind.EMERGENCY.value not in kinds:
        add_block(session, ctx, day, ctx.emergency[0], ctx.emergency[1], BlockKind.EMERGENCY)


def issue_code(session: Session, ctx: CounterContext, day: date) -> IssuedCode:
    rows = blocks_for(session, day)
    _ensure_implicit_blocks(session, ctx, day, rows)
    rows = blocks_for(session, day)
    index = pick([_to_block(r) for r in rows], day)
    if index is None:
        if any(r.kind == BlockKind.PROVISIONAL.value for r in rows):
            raise LeaseError(
                f"Đã dùng hết {PROVISIONAL_MAX} mã tạm của ngày {day:%d/%m/%Y}; cần kết nối máy chủ"
            )
        add_block(session, ctx, day, 1, PROVISIONAL_MAX, BlockKind.PROVISIONAL)
        return issue_code(session, ctx, day)
    row = rows[index]
    seq = row.next
    row.next = seq + 1
    kind = BlockKind(row.kind)
    if kind is BlockKind.PROVISIONAL:
        return IssuedCode(provisional_code(ctx.agency, ctx.counter, day, seq), seq, True, kind)
    return IssuedCode(ctx.code_format.format(ctx.agency, day, seq), seq, False, kind)
