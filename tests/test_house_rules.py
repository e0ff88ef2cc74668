"""The rules of ARCHITECTURE.md, held by test: lint, format, layers, a current reference."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install '.[test]'")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing_to_lint() -> None:
    result = run(tool("ruff"), "check", "src", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing_to_format() -> None:
    result = run(tool("ruff"), "format", "--check", "src", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts_hold() -> None:
    result = run(tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cli_reference_is_current() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import reference
    finally:
        sys.path.pop(0)
    assert reference.REFERENCE.read_text() == reference.generate(), (
        "docs/reference.md is stale: run `python scripts/reference.py`"
    )
    assert reference.HELP_TEXT.read_text() == reference.root_help(), (
        "src/reftrack/help_text.py is stale: run `python scripts/reference.py`"
    )


def test_no_module_imports_click_directly() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if any(
            line.strip().startswith(("import click", "from click"))
            for line in path.read_text().splitlines()
        )
    ]
    assert offenders == []


def test_the_suite_sees_the_working_tree() -> None:
    """A fault put into src/ must turn the suite red: the package under test is src/'s."""
    import reftrack

    assert Path(reftrack.__file__).resolve().is_relative_to(ROOT / "src" / "reftrack"), (
        f"reftrack is imported from {reftrack.__file__}, not src/: pip install -e '.[test]'"
    )
    program = tool("reftrack")
    result = subprocess.run(
        [sys.executable, "-c", "import reftrack; print(reftrack.__file__)"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert Path(result.stdout.strip()).resolve().is_relative_to(ROOT / "src"), result.stdout
    assert Path(program).exists()


def _import_cycles() -> list[list[str]]:
    """Groups of reftrack modules that import each other, lazy imports included."""
    import grimp

    graph = grimp.build_graph("reftrack", exclude_type_checking_imports=True)
    edges = {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m in graph.modules}
        for module in graph.modules
    }
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        cycles.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return cycles


def test_no_import_cycle_inside_reftrack() -> None:
    assert _import_cycles() == []


def test_mypy_strict_finds_no_error() -> None:
    """Types are checked: `mypy` runs strict over the whole package ([tool.mypy])."""
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


MAX_MODULE_LINES = 400

# The modules scripts/ generate (the compiled SQL, its row shapes, the help text), relative to
# src/reftrack. They are tables of data, not code, so they are exempt from the length rule; they
# are named one by one so that a hand-written module cannot exempt itself by carrying a
# "Generated by scripts/" line in its docstring.
GENERATED = {"store/fastsql.py", "store/fastrows.py", "help_text.py"}


def test_no_module_is_longer_than_four_hundred_lines() -> None:
    """A module that grows past 400 lines holds more than one concept: split it.

    A module scripts/ generate (GENERATED) is a table of data, not code: exempt.
    """
    package = ROOT / "src" / "reftrack"
    assert {name for name in GENERATED if not (package / name).is_file()} == set()
    long = {
        str(path.relative_to(ROOT)): lines
        for path in package.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
        and "migrations" not in path.parts
        and path.relative_to(package).as_posix() not in GENERATED
    }
    assert long == {}


def test_every_module_imports() -> None:
    """A fault at import time in any module, even one no other test reaches, turns this red."""
    import importlib
    import pkgutil

    import reftrack

    names = [
        info.name
        for info in pkgutil.walk_packages(reftrack.__path__, "reftrack.")
        # __main__ runs the program; migrations are loaded by Alembic (test_database.py).
        if ".migrations." not in info.name and not info.name.endswith("__main__")
    ]
    assert len(names) > 50
    for name in names:
        importlib.import_module(name)
