"""Each named choice has one spelling: the enums of kinds.py, from option parsing to the store.

A status, outcome, result or kind typed as a string literal elsewhere is a second home for
the concept (ARCHITECTURE rule 10): a typo in it is silently a different value. This test
reads the source and finds such literals where code decides with them: in comparisons
anywhere, and outside render/ (where words for people are made) in any expression.
"""

from __future__ import annotations

import ast
from pathlib import Path

from reftrack import kinds

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "reftrack"

# The choices a rule or a row is about. Log and reminder kinds are left out: their
# values ("ask", "close", "date") are also command, table and column names.
CHECKED = (
    kinds.Outcome,
    kinds.ReferralStatus,
    kinds.CloseResult,
    kinds.ContactKind,
    kinds.ThankKind,
    kinds.Channel,
    kinds.Period,
    kinds.MessageKind,
)
# Where a word is a column or option name, not a value: schema and CLI declarations.
DECLARATIONS = {"Index", "UniqueConstraint", "Field", "Option", "Argument", "Column"}


def _spelled_values() -> dict[str, str]:
    """Each checked value, and the members spelled so ("CloseResult.won or ...")."""
    names: dict[str, list[str]] = {}
    for enum in CHECKED:
        for member in enum:
            names.setdefault(member.value, []).append(f"{enum.__name__}.{member.name}")
    return {value: " or ".join(spelled) for value, spelled in names.items()}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def literals_in(path: Path) -> list[str]:
    """The enum values spelled as strings where this module decides with them."""
    tree = ast.parse(path.read_text())
    values = _spelled_values()
    ignored: set[int] = set()
    in_comparison: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            ignored.add(id(body[0].value))  # a docstring
        elif isinstance(node, ast.Dict):
            ignored.update(id(key) for key in node.keys if key is not None)  # JSON field names
        elif isinstance(node, ast.JoinedStr):
            ignored.update(id(part) for part in node.values)
        elif isinstance(node, ast.Call) and _call_name(node) in DECLARATIONS:
            ignored.update(id(sub) for sub in ast.walk(node))
        elif isinstance(node, ast.Compare):
            in_comparison.update(id(sub) for sub in ast.walk(node))
    words_allowed = "render" in path.relative_to(SOURCE).parts
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in values
            and id(node) not in ignored
            and (id(node) in in_comparison or not words_allowed)
        ):
            found.append(
                f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r} (use {values[node.value]})"
            )
    return found


def test_no_choice_is_spelled_as_a_string_outside_kinds() -> None:
    offenders = [
        line
        for path in sorted(SOURCE.rglob("*.py"))
        # Migrations and the generated SQL name columns (a column `note`), not choices.
        if path.name not in ("kinds.py", "fastsql.py", "fastrows.py")
        and "migrations" not in path.parts
        for line in literals_in(path)
    ]
    assert offenders == []


def test_the_scan_catches_a_literal(tmp_path: Path) -> None:
    """The check can fail: a comparison with a spelled status is found."""
    module = SOURCE / "services" / "_probe_for_enum_test.py"
    module.write_text('def open_(status: str) -> bool:\n    return status != "won"\n')
    try:
        assert literals_in(module) == [
            "src/reftrack/services/_probe_for_enum_test.py:2: 'won' "
            "(use ReferralStatus.won or CloseResult.won)"
        ]
    finally:
        module.unlink()


def test_rows_read_back_as_enums(tmp_path: Path) -> None:
    """What the store hands back is the enum member, not a look-alike string."""
    from sqlmodel import Session, select

    from reftrack.store import db
    from reftrack.store.models import Contact

    engine = db.open_engine(str(tmp_path / "r.db"))
    try:
        with Session(engine) as session:
            session.add(
                Contact(rep="ann", name="Jo", kind=kinds.ContactKind.partner, recorded_at=_now())
            )
            session.commit()
            stored = session.exec(select(Contact)).one()
        assert type(stored.kind) is kinds.ContactKind
    finally:
        engine.dispose()


def test_a_value_outside_the_enum_never_reaches_the_table(tmp_path: Path) -> None:
    import pytest
    from sqlalchemy.exc import StatementError
    from sqlmodel import Session

    from reftrack.store import db
    from reftrack.store.models import Contact

    engine = db.open_engine(str(tmp_path / "r.db"))
    try:
        with Session(engine) as session, pytest.raises(StatementError):
            session.add(Contact(rep="ann", name="Jo", kind="custmer", recorded_at=_now()))  # type: ignore[arg-type]
            session.commit()
    finally:
        engine.dispose()


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2026, 11, 25, 9, tzinfo=UTC)
