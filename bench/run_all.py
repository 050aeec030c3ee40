"""`make bench`: run every benchmark module in bench/ and print its ratio table."""

from __future__ import annotations

import importlib
import pkgutil

import bench


def main() -> None:
    from bench.common import ALL

    for mod in sorted(m.name for m in pkgutil.iter_modules(bench.__path__)):
        if not mod.startswith("bench_"):
            continue
        print(f"\n== {mod} ==", flush=True)
        importlib.import_module(f"bench.{mod}").main()
    # one table of every figure, each a ratio to its own baseline measured in the same run
    width = max(len(what) for what, _r, _b in ALL)
    print(f"\n== all figures ==\n{'measure':<{width}}  ratio    baseline")
    for what, ratio, base in ALL:
        print(f"{what:<{width}}  {ratio:7.2f}x  {base}")


if __name__ == "__main__":
    main()
