"""No import cycles inside ``desktop`` (issue 24): every module can be read, tested and loaded
on its own, and the layers stay layers. Imports made only for type checking count too — a
cycle hidden behind ``TYPE_CHECKING`` is still two modules that cannot be understood apart."""

from __future__ import annotations

import grimp


def _cycles(package: str) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=False)
    modules = sorted(graph.modules)
    edges = {
        m: sorted(d for d in graph.find_modules_directly_imported_by(m) if d in graph.modules)
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for m in modules:
        if m not in index:
            visit(m)
    return found


def test_desktop_has_no_import_cycles() -> None:
    assert _cycles("desktop") == []


def test_the_check_finds_a_cycle(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The check itself can fail: two modules importing each other are reported."""
    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from cyclepkg import b\n")
    (pkg / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclepkg import a\n"
    )
    (pkg / "c.py").write_text("from cyclepkg import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles("cyclepkg") == [["cyclepkg.a", "cyclepkg.b"]]
