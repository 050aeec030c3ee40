"""`make run`'s demo counter prints to the virtual printer of that run: the development tool
writes the printer setting a real counter changes only with `printer set --user ADMIN`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store.printing.printouts import load_printer
from devtools.demo_printer import main


def test_the_demo_counter_is_pointed_at_the_virtual_printer(tmp_path: Path) -> None:
    assert load_printer(tmp_path) is None
    assert main([str(tmp_path), "tcp://127.0.0.1:9100"]) == 0
    printer = load_printer(tmp_path)
    assert printer is not None and printer.uri == "tcp://127.0.0.1:9100"
    assert printer.dots == 576 and printer.name == "Máy in ảo"


def test_a_bad_address_is_refused(tmp_path: Path) -> None:
    from printing.connections import PrinterConfigError

    with pytest.raises(PrinterConfigError):
        main([str(tmp_path), "tcp://"])
    assert load_printer(tmp_path) is None
