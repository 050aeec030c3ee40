"""The command line starts at once (issue 16): CPU time (user + system) of `motcua --version`,
`motcua --help`, `motcua calendar due …` and `motcua-server --help`, each a fresh process, as a
ratio to `python -c pass` measured in the same run. CPU time rather than wall time: on a
shared machine the wait for a CPU is not the command's doing. The runs of all commands
alternate, so the machine's load falls on each alike; the figure is the best run of each (the
median is printed beside it).

Goal: `motcua --version` ≤ 8× `python -c pass` (it was 65× when every command's module was
imported to build the parser)."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_VERSION = 8.0

BASELINE = "python -c pass"
COMMANDS: list[tuple[str, list[str]]] = [
    (BASELINE, ["-c", "pass"]),
    (f"motcua --version CPU (goal ≤ {GOAL_VERSION:g}×)", ["-m", "desktop.cli", "--version"]),
    (f"motcua --help CPU (goal ≤ {GOAL_VERSION:g}×)", ["-m", "desktop.cli", "--help"]),
    (
        "motcua calendar due CPU",
        [
            "-m",
            "desktop.cli",
            "calendar",
            "due",
            "--province",
            "an-giang",
            "--received",
            "2023-10-27T09:32",
            "--limit",
            "5d",
        ],
    ),
    ("motcua-server --help CPU", ["-m", "sync.server.cli", "--help"]),
]


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _cpu_of(args: list[str]) -> float:
    """CPU seconds of one fresh ``python ARGS`` (the child is reaped before this returns)."""
    before = _children_cpu()
    subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    return _children_cpu() - before


def measure(runs: int = 9) -> dict[str, list[float]]:
    """CPU seconds of every run of each command, the commands taking turns."""
    samples: dict[str, list[float]] = {what: [] for what, _args in COMMANDS}
    for _what, args in COMMANDS:  # warm the page cache and .pyc files outside the measurement
        _cpu_of(args)
    for _ in range(runs):
        for what, args in COMMANDS:
            samples[what].append(_cpu_of(args))
    return samples


def main() -> None:
    from bench.common import report

    samples = measure()
    base = samples[BASELINE]
    rows = [(what, min(s), min(base), BASELINE) for what, s in samples.items() if what != BASELINE]
    report(rows)
    best, median = min(base) * 1000, statistics.median(base) * 1000
    print(f"\n{BASELINE}: best {best:.1f} ms CPU, median {median:.1f} ms")
    for what, s in samples.items():
        if what != BASELINE:
            ratio = statistics.median(s) / statistics.median(base)
            print(f"{what}: median {ratio:.2f}x")
    version = min(samples[COMMANDS[1][0]]) / min(base)
    verdict = "met" if version <= GOAL_VERSION else "NOT met"
    print(f"goal: motcua --version ≤ {GOAL_VERSION:g}× python -c pass: {verdict} ({version:.2f}×)")


if __name__ == "__main__":
    main()
