"""`make bench`: run every benchmark module in bench/ and print its ratio table."""

from __future__ import annotations

import importlib
import pkgutil

import bench


def main() -> None:
    for mod in sorted(m.name for m in pkgutil.iter_modules(bench.__path__)):
        if not mod.startswith("bench_"):
            continue
        print(f"\n== {mod} ==")
        importlib.import_module(f"bench.{mod}").main()


if __name__ == "__main__":
    main()
