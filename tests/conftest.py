"""One throw-away rep for every test: their own HOME, database, config and clock."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from reftrack.cli import app

PINNED_NOW = "2026-11-25T09:00:00"


@dataclass
class Rep:
    """A salesperson at a terminal-less shell, with paths to their private files."""

    home: Path
    db: Path
    config: Path
    env: dict[str, str]
    runner: CliRunner
    engine: str = "sqlite"

    def run(self, args: str | list[str], input: str | None = None, **env: str) -> Result:
        """Run `reftrack ARGS` as this rep would, without catching our own bugs."""
        argv = shlex.split(args) if isinstance(args, str) else args
        return self.runner.invoke(
            app, argv, input=input, env={**self.env, **env}, catch_exceptions=False
        )

    def ok(self, args: str | list[str], **env: str) -> Result:
        """Run a command that must succeed, and return its result."""
        result = self.run(args, **env)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result


@pytest.fixture(scope="session", autouse=True)
def no_real_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test reaches the real HOME: the whole session runs in a throw-away one."""
    home = tmp_path_factory.mktemp("session-home")
    patch = pytest.MonkeyPatch()
    patch.setenv("HOME", str(home))
    patch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    patch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    patch.delenv("REFTRACK_DB", raising=False)
    patch.delenv("REFTRACK_CONFIG", raising=False)
    # The suite runs from a source checkout's .venv; cron's warning about that is tested alone.
    patch.setattr("reftrack.services.cron.installed_from_checkout", lambda: None)
    yield home
    patch.undo()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to the newest schema, copied for each test instead of migrating."""
    from reftrack.store import db

    path = tmp_path_factory.mktemp("template") / "reftrack.db"
    engine = db.open_engine(str(path))
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """One PostgreSQL database migrated to the newest schema, copied for each test."""
    from tests.postgres import migrated_template

    with migrated_template() as name:
        yield name


ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test marked `both_engines` twice: on a SQLite file and on PostgreSQL."""
    if metafunc.definition.get_closest_marker("both_engines") and "rep" in metafunc.fixturenames:
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The database engine the test's rep records in: SQLite unless marked `both_engines`."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def rep(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    migrated_database: Path,
    engine: str,
) -> Iterator[Rep]:
    """A rep with a fresh HOME, database and config, and the clock pinned.

    The database starts as a copy of a migrated one (0700 directory, 0600 file, as reftrack
    makes them); a test marked `no_database` starts with none, to see reftrack create it.
    With the engine `postgresql` (tests marked `both_engines`) it is a fresh PostgreSQL
    database of the test's own instead, dropped afterwards (skipped where no server answers).
    """
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "REFTRACK_DB": str(tmp_path / "data" / "reftrack.db"),
        "REFTRACK_CONFIG": str(tmp_path / "config" / "config.toml"),
        "REFTRACK_NOW": PINNED_NOW,
        "TZ": "UTC",
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("REFTRACK_DEBUG", raising=False)
    made = Rep(
        home=home,
        db=Path(env["REFTRACK_DB"]),
        config=Path(env["REFTRACK_CONFIG"]),
        env=env,
        runner=CliRunner(),
        engine=engine,
    )
    if engine == "postgresql":
        from tests.postgres import fresh_database

        fresh = request.node.get_closest_marker("no_database") is not None
        template = None if fresh else request.getfixturevalue("pg_template")
        with fresh_database(template) as url:
            env["REFTRACK_DB"] = url
            monkeypatch.setenv("REFTRACK_DB", url)
            yield made
        return
    if request.node.get_closest_marker("no_database") is None:
        target = Path(env["REFTRACK_DB"])
        target.parent.mkdir(mode=0o700)
        shutil.copyfile(migrated_database, target)
        os.chmod(target, 0o600)
    yield made
