"""`reftrack --help` and `--version` answered before Typer is imported (issue 12), unchanged.

reftrack.launch prints the root help rendered ahead (reftrack.help_text) and the version
itself; every other command line, a narrow terminal and a completion request go to the
Typer app. Each case here runs the program both ways and compares the bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys

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
