"""`reftrack --help` and `--version` answered before Typer is imported (issue 12), unchanged.

reftrack.launch prints the root help rendered ahead (reftrack.help_text) and the version
itself; every other command line, a narrow terminal and a completion request go to the
Typer app. Each case here runs the program both ways and compares the bytes.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_fast_reads import last_line, probe

APP = "import sys\nfrom reftrack.cli import main\nsys.argv[0] = 'reftrack'\nmain()"


def both_ways(args: list[str], **env: str) -> tuple[subprocess.CompletedProcess[str], ...]:
    """The program as installed (`python -m reftrack`), and the Typer app itself."""
    environment = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | env
    launched = subprocess.run(
        [sys.executable, "-m", "reftrack", *args], env=environment, capture_output=True, text=True
    )
    app = subprocess.run(
        [sys.executable, "-c", APP, *args], env=environment, capture_output=True, text=True
    )
    return launched, app


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]])
@pytest.mark.parametrize("columns", ["", "80", "81", "132", "79", "60", "0", "wide"])
def test_help_and_version_read_as_the_app_prints_them(args: list[str], columns: str) -> None:
    launched, app = both_ways(args, **({"COLUMNS": columns} if columns else {}))
    assert (launched.returncode, launched.stdout, launched.stderr) == (
        app.returncode,
        app.stdout,
        app.stderr,
    )
    assert launched.returncode == 0 and launched.stdout.startswith(("Usage:", "reftrack "))


@pytest.mark.parametrize(
    "args", [["--help", "today"], ["today", "--help"], ["--versions"], ["--db", "x", "--help"]]
)
def test_any_other_command_line_goes_to_the_app(args: list[str]) -> None:
    launched, app = both_ways(args)
    assert (launched.returncode, launched.stdout, launched.stderr) == (
        app.returncode,
        app.stdout,
        app.stderr,
    )


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"]])
def test_help_and_version_import_no_typer(args: list[str]) -> None:
    code = probe(args, ("typer", "rich", "sqlalchemy", "pendulum"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert last_line(done.stdout) == "exit 0 loaded []", (done.stdout, done.stderr)


def test_a_reader_that_goes_away_ends_help_quietly() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "reftrack", "--help"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # `| head -0`: nobody reads
    assert child.wait() == 0
    assert child.stderr.read() == b""


def test_help_to_a_stdout_that_cannot_take_its_dashes_is_left_to_the_app() -> None:
    """An ASCII stdout: Click mends what it cannot encode; the launcher must not fail."""
    launched, app = both_ways(["--help"], PYTHONIOENCODING="ascii")
    assert launched.returncode == app.returncode == 0
    assert launched.stdout == app.stdout and launched.stderr == app.stderr == ""


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["--db", "x.db", "--help"], ["contact", "--help"]]
)
def test_output_that_cannot_be_written_is_one_line_not_a_traceback(
    args: list[str], tmp_path: Path
) -> None:
    env = {**os.environ, "REFTRACK_DB": str(tmp_path / "r.db")}
    for shell in ("exec >/dev/full; ", "exec >&-; "):
        done = subprocess.run(
            ["/bin/sh", "-c", shell + shlex.join([sys.executable, "-m", "reftrack", *args])],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, (shell, done.stderr)
        assert done.stderr.startswith("reftrack: could not write the output: "), done.stderr
        assert done.stderr.count("\n") == 1, done.stderr


def test_a_command_with_stdout_closed_is_refused_before_it_writes(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    env = {**os.environ, "REFTRACK_DB": str(db), "REFTRACK_CONFIG": str(tmp_path / "c.toml")}
    command = shlex.join([sys.executable, "-m", "reftrack", "contact", "add", "Jane Doe"])
    done = subprocess.run(
        ["/bin/sh", "-c", "exec >&-; " + command], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr == "reftrack: could not write the output: stdout is closed\n"
    assert not db.exists()
