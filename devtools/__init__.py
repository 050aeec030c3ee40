"""Development tools: never shipped.

What the tests, the demo (`make run`) and the benchmarks use to stand in for hardware a developer
does not have on the desk — today the virtual ESC/POS network printer
(:mod:`devtools.virtual_printer`) and the ESC/POS decoder behind it
(:mod:`devtools.escpos_decode`).

The product (``desktop``, ``sync``, ``printing``) never imports this package (an import-linter
contract in pyproject.toml); the wheel leaves it out (setuptools' ``packages.find`` include list)
and so does the PyInstaller bundle (``excludes`` in build.spec), which tests/test_build.py checks
both without building and on the built folder. The demo reaches the virtual printer the way a
counter reaches a real one: it runs as its own process (``python -m devtools.virtual_printer``)
and the counter prints to it over TCP.
"""
