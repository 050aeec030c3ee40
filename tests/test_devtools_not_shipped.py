"""Development tools stay out of the product, checked without building it (tests/test_build.py
checks the built bundle under `make check-all`).

devtools/ (the virtual ESC/POS printer and its decoder) is for tests and the demo. The product is
what the wheel ships (setuptools' include list) and what PyInstaller collects from
desktop/__main__.py (build.spec): neither may carry devtools, and no product module may import it
or start it (a frozen counter has no `python -m devtools…` to run)."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from setuptools import find_namespace_packages, find_packages

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("desktop", "sync", "printing")
DEVTOOLS = re.compile(r"^devtools(\.|$)")


def test_devtools_is_where_the_checks_look() -> None:
    # the checks below would pass vacuously if the tools had wandered back into the product
    assert (ROOT / "devtools" / "virtual_printer.py").is_file()
    assert (ROOT / "devtools" / "escpos_decode.py").is_file()
    for pkg in PRODUCT:
        names = {p.stem for p in (ROOT / pkg).rglob("*.py")}
        assert not names & {"virtual_printer", "escpos_decode"}, pkg


def test_the_wheel_leaves_devtools_out() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    find = config["tool"]["setuptools"]["packages"]["find"]
    # what setuptools does with that table (pyproject's default finds namespace packages too)
    finder = find_namespace_packages if find.get("namespaces", True) else find_packages
    shipped = finder(str(ROOT), include=find["include"], exclude=find.get("exclude", ()))
    assert {"desktop", "sync", "printing", "resources"} <= set(shipped)
    assert [p for p in shipped if DEVTOOLS.match(p)] == []
    assert [p for p in shipped if p.split(".")[0] in ("tests", "bench")] == []


def _spec_lists(tree: ast.Module) -> dict[str, ast.List]:
    """The spec's module-level names bound to a list literal (QT_UNUSED, NOT_SHIPPED…)."""
    lists: dict[str, ast.List] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.List)
        ):
            lists[node.targets[0].id] = node.value
    return lists


def _names(expr: ast.expr, lists: dict[str, ast.List]) -> list[ast.Constant]:
    """The string literals an expression such as `QT_UNUSED + NOT_SHIPPED + ["tkinter"]` adds up
    to (the nodes, so the test knows which literals of the spec are exclusions)."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _names(expr.left, lists) + _names(expr.right, lists)
    if isinstance(expr, ast.Name) and expr.id in lists:
        return _names(lists[expr.id], lists)
    if isinstance(expr, ast.List):
        return [e for e in expr.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    raise AssertionError(f"build.spec: excludes reads {ast.unparse(expr)!r}, not lists of names")


def test_the_pyinstaller_spec_excludes_devtools_and_never_collects_it() -> None:
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Analysis"
    ]
    assert len(calls) == 1
    keywords = {k.arg: k.value for k in calls[0].keywords}
    excluded = _names(keywords["excludes"], _spec_lists(tree))
    assert "devtools" in [c.value for c in excluded]
    # and nowhere else does the spec name the tools: no collect_submodules("devtools"), no hidden
    # import of one of their modules, no data folder of theirs
    elsewhere = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and not any(node is c for c in excluded)
    ]
    tools = ("devtools", "virtual_printer", "escpos_decode")
    assert [s for s in elsewhere if any(t in s for t in tools)] == []


def _devtools_references(path: Path) -> list[str]:
    """Imports of devtools in one file, and strings naming it (`-m devtools.virtual_printer`,
    `importlib.import_module("devtools…")`): either would fail in the frozen counter."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if DEVTOOLS.match(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module] if DEVTOOLS.match(node.module) else []
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [repr(node.value)] if DEVTOOLS.match(node.value) else []
    return found


def test_no_product_module_imports_or_starts_devtools() -> None:
    files = [p for pkg in PRODUCT for p in sorted((ROOT / pkg).rglob("*.py"))]
    assert len(files) > 100  # the walk saw the product, not an empty folder
    offenders = [
        f"{path.relative_to(ROOT)}: {ref}" for path in files for ref in _devtools_references(path)
    ]
    assert offenders == []


def test_the_reference_check_sees_an_import(tmp_path: Path) -> None:
    # the walk above must recognise every form, or its empty answer means nothing
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import devtools.virtual_printer\n"
        "from devtools import escpos_decode\n"
        "ARGS = ['-m', 'devtools.virtual_printer']\n"
        "import devtoolsx  # another package whose name only starts alike\n"
        "from . import devtools  # a sibling module of that name, not the top-level package\n",
        encoding="utf-8",
    )
    assert sorted(_devtools_references(sample)) == [
        "'devtools.virtual_printer'",
        "devtools",
        "devtools.virtual_printer",
    ]
