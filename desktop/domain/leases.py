"""Accounting of dossier-code sequence numbers, so that no two dossiers ever share a code.

The daily sequence belongs to the agency, not the counter (DESIGN.md §2). The counter draws
only from blocks it owns for that day, in this order:

1. ``self``: a counter with no server is its own authority and numbers the day from 1;
2. ``lease``: blocks the server leased to this counter in advance;
3. ``emergency``: the range the server reserved for this counter, used when leases run out
   offline;
4. ``provisional``: codes visibly marked TAM-…, replaced at the next sync.

Blocks of one day never overlap; each block hands out its numbers once, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from desktop.domain.refusal import Refusal


class BlockKind(StrEnum):
    SELF = "self"
    LEASE = "lease"
    EMERGENCY = "emergency"
    PROVISIONAL = "provisional"


_ORDER = {BlockKind.SELF: 0, BlockKind.LEASE: 1, BlockKind.EMERGENCY: 2, BlockKind.PROVISIONAL: 3}
PROVISIONAL_MAX = 999


class LeaseError(Refusal, ValueError):
    code = "lease_invalid"


@dataclass(frozen=True)
class CodeBlock:
    day: date
    start: int
    end: int  # inclusive
    kind: BlockKind
    next: int

    @classmethod
    def new(cls, day: date, start: int, end: int, kind: BlockKind) -> CodeBlock:
        if start < 1 or end < start:
            raise LeaseError(f"Khối số thứ tự {start}–{end} không hợp lệ")
        return cls(day, start, end, kind, start)

    @property
    def remaining(self) -> int:
        return self.end - self.next + 1

    def overlaps(self, other: CodeBlock) -> bool:
        real = {BlockKind.SELF, BlockKind.LEASE, BlockKind.EMERGENCY}
        same_space = (self.kind in real) == (other.kind in real)
        return (
            self.day == other.day
            and same_space
            and self.start <= other.end
            and other.start <= self.end
        )


def check_new_block(existing: Sequence[CodeBlock], new: CodeBlock, max_seq: int) -> None:
    """Refuse a block that would let a number be handed out twice (e.g. a repeated lease)."""
    if new.end > (PROVISIONAL_MAX if new.kind is BlockKind.PROVISIONAL else max_seq):
        raise LeaseError(f"Khối {new.start}–{new.end} vượt quá số thứ tự lớn nhất {max_seq}")
    for b in existing:
        if b.overlaps(new):
            raise LeaseError(
                f"Khối {new.start}–{new.end} ngày {new.day:%d/%m/%Y} chồng lên khối "
                f"{b.start}–{b.end} đã có"
            )


def pick(blocks: Sequence[CodeBlock], day: date) -> int | None:
    """Index of the block the next code of ``day`` comes from, or None when all are spent."""
    best: tuple[int, int, int] | None = None
    for i, b in enumerate(blocks):
        if b.day != day or b.remaining <= 0:
            continue
        key = (_ORDER[b.kind], b.start, i)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def spend(block: CodeBlock) -> tuple[int, CodeBlock]:
    if block.remaining <= 0:
        raise LeaseError("Khối số thứ tự đã dùng hết")
    return block.next, replace(block, next=block.next + 1)
