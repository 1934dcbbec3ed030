"""The folder tree is the architecture: packages by domain, imports pointing one way.

Read statically with the standard library's ``ast`` (every import statement at
any depth, ``TYPE_CHECKING`` blocks and imports inside functions included), so
an import that only runs on some path still counts. ``ast`` is enough here: a
dependency such as grimp would add a package to the test extras for one graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.project import ROOT

PACKAGE = ROOT / "companion"
DOMAIN_PACKAGES = ("kit", "pdf", "plan", "sync", "store", "publish", "ui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_files() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The companion modules ``name`` imports, resolved to real module names."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found.update(c for c in candidates if c in modules and c != name)
    # Importing a module also runs its package's __init__, but a module importing
    # its own package is how Python works, not a cycle.
    return {m for m in found if not name.startswith(m + ".")}


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected parts with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def area(module: str) -> str:
    """The top-level package (or loose module) a module belongs to."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_cycle_finder_finds_a_cycle():
    """The check below can fail: a two-module loop and a three-module loop are found."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": {"a"}}
    assert sorted(cycles(graph)) == [["a", "b"], ["c", "d", "e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_between_modules():
    assert cycles(import_graph()) == []


def test_no_import_cycles_between_packages():
    """kit, pdf, plan, sync, store, publish, ui (and the loose modules) form layers."""
    graph: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        graph.setdefault(area(module), set()).update(
            area(t) for t in targets if area(t) != area(module)
        )
    assert cycles(graph) == []


def test_domain_packages_and_few_loose_modules():
    for name in DOMAIN_PACKAGES:
        assert (PACKAGE / name / "__init__.py").is_file(), name
    for name in ("screens", "viewer", "widgets"):
        assert (PACKAGE / "ui" / name / "__init__.py").is_file(), name
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    loose_ui = [p.name for p in (PACKAGE / "ui").glob("*.py") if p.name != "__init__.py"]
    assert len(loose) <= 8, loose
    assert len(loose_ui) <= 10, loose_ui


def test_tests_mirror_the_packages():
    for name in DOMAIN_PACKAGES:
        assert list((ROOT / "tests" / name).glob("test_*.py")), name


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_mupdf_only_in_the_pdf_package_and_the_publisher():
    """PyMuPDF is not thread-safe and holds the GIL: one package owns it."""
    users = {
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if {"pymupdf", "fitz"} & imports_of(path)
    }
    assert users, "the check must see the pdf package's own imports"
    assert {u for u in users if area(u) not in ("companion.pdf", "companion.publish")} == set()


def test_qt_only_in_the_ui_and_no_sql_there():
    """Services stay usable without a window; the window never talks SQL."""
    qt_users = {
        module_name(path) for path in PACKAGE.rglob("*.py") if "PySide6" in imports_of(path)
    }
    assert qt_users and all(u.startswith("companion.ui") for u in qt_users), qt_users
    for path in (PACKAGE / "ui").rglob("*.py"):
        text = path.read_text("utf-8")
        assert "sqlite3" not in imports_of(path), path
        assert ".execute(" not in text, path
