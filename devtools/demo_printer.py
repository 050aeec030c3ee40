"""`make run` only: point a throw-away demo counter at the virtual printer started for this run.

On a real counter the printer changes only through ``motcua printer set --user ADMIN`` (role
``settings.change``, audited; issue 24). The demo data dir has no administrator, and the virtual
printer listens on a new port every run, so the demo script writes the setting here instead.
Never shipped (``devtools/``), and the product never calls it.

    python -m devtools.demo_printer DATA_DIR tcp://127.0.0.1:PORT
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.store.printing.printouts import save_printer
from printing.connections import PAPER_DOTS, PrinterSettings


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data_dir, uri = Path(argv[0]), argv[1]
    settings = PrinterSettings(uri=uri, dots=PAPER_DOTS["80"], name="Máy in ảo")
    save_printer(data_dir, settings)
    print(f"Máy in mặc định của quầy thử: {settings.uri} (giấy 80 mm, {settings.dots} điểm)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
