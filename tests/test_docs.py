"""Every `$ reftrack …` example in the docs runs, and prints what the page says it prints.

Each page of docs/ (and README.md) is one story: its ```console blocks run in
order against a fresh throw-away rep, with the clock pinned. Invisible HTML
comments outside the code blocks tell the story what a reader does not need to see:

    <!-- now: 2026-11-16T09:00 -->              REFTRACK_NOW from here on
    <!-- setup: reftrack contact add "Jane" --> run quietly (must succeed)
    <!-- config: rep = ana -->                  `reftrack config set rep ana`, quietly
    <!-- check: runs -->                        the next block runs, output not compared
    <!-- exit: 1 -->                            the next block's last command exits 1
    <!-- save: saturday -->                     keep the database and settings as they are
    <!-- restore: saturday -->                  and go back to them, for a page that
                                                shows an earlier day after a later one

`check: runs` before a ```sh block runs each of its lines (all reftrack commands) as a
setup.

One comment may hold several of these, one per line, and they apply in order.
Output is compared line by line after dropping trailing whitespace; a block whose
output ends with a line `…` shows only the start of it. `$ reftrack … | jq …` pipes
stdout through the real jq (not compared where jq is missing). Other lines of a
comment are prose, except one that looks like `word:` and is no directive: a typo
fails. docs/reference.md is generated and has its own test.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reftrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "reference.md")
PAGES += [ROOT / "README.md"]
START_OF_DAY = "2026-11-25T09:00"
# How the docs name the rep's home and this reftrack, whatever the test's tmp_path is.
SHOWN_HOME = "/home/ann"
SHOWN_PROGRAM = "/home/ann/.local/bin/reftrack"

FAKE_CRONTAB = """#!{python}
import sys
from pathlib import Path

table = Path(__file__).resolve().parent.parent / "table"
args = sys.argv[1:]
if args[:1] == ["-u"]:
    args = args[2:]
if args == ["-l"]:
    if not table.exists():
        sys.stderr.write("no crontab for ann\\n")
        sys.exit(1)
    sys.stdout.write(table.read_text())
    sys.exit(0)
text = sys.stdin.read() if args == ["-"] else Path(args[0]).read_text()
table.write_text(text)
"""

DIRECTIVE = re.compile(r"^\s*(now|setup|config|check|exit|save|restore):\s*(.*?)\s*$")
# A code fence as CommonMark has it: three backticks or more, an info string without any.
FENCE = re.compile(r"^(`{3,})([^`]*)$")
# A line in a comment that looks like a directive but is none: a typo, not prose.
LOOKS_LIKE_DIRECTIVE = re.compile(r"^\s*[a-z_-]+:(\s|$)")


@dataclass
class Command:
    """One `$ reftrack …` line of a console block, with what the page shows after it."""

    line: int
    text: str
    expected: list[str] = field(default_factory=list)
    exit_code: int = 0
    compare: bool = True


@dataclass
class Step:
    """What the story does next: set the clock, run quietly, or run and compare."""

    line: int
    kind: str  # "now", "setup", "save", "restore" or "show"
    value: str = ""
    command: Command | None = None


def read_story(page: Path) -> list[Step]:
    """The page's directives and console commands, in the order a reader meets them."""
    steps: list[Step] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    pending: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = FENCE.match(line)
        if opening:
            fence, info = opening[1], opening[2].strip()
            body_start = index + 1
            index += 1
            while index < len(lines) and not re.fullmatch(fence + "`*\\s*", lines[index]):
                index += 1
            if info == "console":
                commands = console_commands(lines[body_start:index], body_start + 1)
                apply_block_directives(commands, pending, page, body_start)
                steps += [Step(c.line, "show", command=c) for c in commands]
            elif info == "sh" and pending == {"check": "runs"}:
                # A block of commands the reader is shown without output: run each as setup.
                for number, text in enumerate(lines[body_start:index], start=body_start + 1):
                    if text.strip() and not text.lstrip().startswith("#"):
                        steps.append(Step(number, "setup", text))
            elif pending:
                where = f"{page.name}:{body_start}"
                pytest.fail(f"{where}: {sorted(pending)} stands before a non-console block")
            pending = {}
        elif line.lstrip().startswith("<!--"):
            start = index
            text = line
            while "-->" not in text and index + 1 < len(lines):
                index += 1
                text += "\n" + lines[index]
            body = text.split("<!--", 1)[1].rsplit("-->", 1)[0]
            for offset, entry in enumerate(body.splitlines()):
                match = DIRECTIVE.match(entry)
                if not match:
                    if LOOKS_LIKE_DIRECTIVE.match(entry):
                        pytest.fail(f"{page.name}:{start + offset + 1}: unknown {entry.strip()!r}")
                    continue
                key, value = match.groups()
                if key in ("check", "exit"):
                    pending[key] = value
                elif key == "config":
                    name, _, setting = value.partition("=")
                    setup = f"reftrack config set {name.strip()} {shlex.quote(setting.strip())}"
                    steps.append(Step(start + offset + 1, "setup", setup))
                else:
                    steps.append(Step(start + offset + 1, key, value))
        index += 1
    return steps


def console_commands(body: list[str], first_line: int) -> list[Command]:
    """Split a console block into commands and the output shown under each."""
    commands: list[Command] = []
    for number, text in enumerate(body, start=first_line):
        if text.startswith("$ "):
            commands.append(Command(number, text[2:]))
        elif commands:
            commands[-1].expected.append(text)
    return commands


def apply_block_directives(
    commands: list[Command], pending: dict[str, str], page: Path, line: int
) -> None:
    """Hand `check:` and `exit:` to the block they stand before."""
    if not commands:
        pytest.fail(f"{page.name}:{line}: a console block with no `$ ` command")
    if "check" in pending:
        assert pending["check"] == "runs", f"{page.name}:{line}: unknown check {pending['check']}"
        for command in commands:
            command.compare = False
    if "exit" in pending:
        commands[-1].exit_code = int(pending["exit"])


def normalised(lines: list[str]) -> list[str]:
    """Lines without trailing whitespace, and without trailing blank lines."""
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


class Story:
    """One throw-away rep, living through one page."""

    def __init__(self, page: Path, tmp_path: Path) -> None:
        self.page = page
        self.home = tmp_path / "home"
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(parents=True)
        crontab = bin_dir / "crontab"
        crontab.write_text(FAKE_CRONTAB.format(python=sys.executable))
        crontab.chmod(crontab.stat().st_mode | stat.S_IXUSR)
        self.env = {
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "REFTRACK_DB": str(self.home / ".local" / "share" / "reftrack" / "reftrack.db"),
            "REFTRACK_CONFIG": str(self.home / ".config" / "reftrack" / "config.toml"),
            "REFTRACK_NOW": START_OF_DAY,
            "TZ": "UTC",
            "NO_COLOR": "1",
            "COLUMNS": "88",
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "REFTRACK_DEBUG": None,
        }
        self.runner = CliRunner()
        self.problems: list[str] = []
        self.compared = 0

    def where(self, line: int) -> str:
        """The page and line, as an editor takes them."""
        return f"{self.page.relative_to(ROOT)}:{line}"

    def invoke(self, argv: list[str]) -> tuple[int, str, str]:
        """Run reftrack in-process; the exit code, stdout and everything shown."""
        result = self.runner.invoke(app, argv, env=self.env, catch_exceptions=False)
        return result.exit_code, result.stdout, result.output

    def setup(self, step: Step) -> None:
        """Run a command the page assumes but does not show; it must succeed."""
        argv = shlex.split(step.value, comments=True)
        assert argv[:1] == ["reftrack"], f"{self.where(step.line)}: setup is not reftrack"
        code, _, shown = self.invoke(argv[1:])
        assert code == 0, f"{self.where(step.line)}: setup `{step.value}` exited {code}:\n{shown}"

    def keep(self, step: Step) -> None:
        """Save the rep's database and settings under a name, or go back to them."""
        saved = self.home.parent / "saved" / step.value
        here = self.home / ".local" / "share" / "reftrack", self.home / ".config" / "reftrack"
        there = saved / "data", saved / "config"
        if step.kind == "restore":
            assert saved.is_dir(), f"{self.where(step.line)}: nothing saved as {step.value!r}"
            here, there = there, here
        for source, target in zip(here, there, strict=True):
            shutil.rmtree(target, ignore_errors=True)
            if source.exists():
                shutil.copytree(source, target)

    def show(self, command: Command) -> None:
        """Run a command the page shows, and compare what it prints with the page."""
        words = shlex.split(command.text, comments=True)
        assert words[:1] == ["reftrack"], f"{self.where(command.line)}: not a reftrack command"
        pipe = words.index("|") if "|" in words else len(words)
        code, stdout, shown = self.invoke(words[1:pipe])
        where = self.where(command.line)
        if code != command.exit_code:
            self.problems.append(
                f"{where}: `{command.text}` exited {code}, the page expects "
                f"{command.exit_code}:\n{shown}"
            )
            return
        if pipe < len(words):
            program = shutil.which(words[pipe + 1])
            if program is None:
                return
            shown = subprocess.run(
                [program, *words[pipe + 2 :]], input=stdout, capture_output=True, text=True
            ).stdout
        if not command.compare:
            return
        shown = shown.replace(str(Path(sys.executable).parent / "reftrack"), SHOWN_PROGRAM)
        shown = shown.replace(str(self.home), SHOWN_HOME)
        actual = normalised(shown.splitlines())
        expected = normalised(command.expected)
        if expected and expected[-1] == "…":
            expected = expected[:-1]
            actual = actual[: len(expected)]
        self.compared += 1
        if actual != expected:
            diff = difflib.unified_diff(
                expected, actual, f"{where} (the page)", f"{where} (reftrack)", lineterm=""
            )
            self.problems.append(f"{where}: `{command.text}`\n" + "\n".join(diff))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_examples_print_what_the_page_shows(page: Path, tmp_path: Path) -> None:
    """Run the page's story; every shown output matches, every setup succeeds."""
    story = Story(page, tmp_path)
    for step in read_story(page):
        if step.kind == "now":
            story.env["REFTRACK_NOW"] = step.value
        elif step.kind == "setup":
            story.setup(step)
        elif step.kind in ("save", "restore"):
            story.keep(step)
        else:
            assert step.command is not None
            story.show(step.command)
    assert not story.problems, "\n\n".join(story.problems)
    if "$ reftrack cron install" in page.read_text(encoding="utf-8"):
        assert (tmp_path / "table").exists(), "cron install missed the stand-in crontab"


def test_the_docs_have_examples_to_run() -> None:
    """The parser finds the stories: a silent parser would make every page pass."""
    shown = {page.name: sum(step.kind == "show" for step in read_story(page)) for page in PAGES}
    assert shown["after-the-close.md"] >= 25
    assert shown["goals.md"] >= 10
    assert shown["today.md"] >= 3
    assert shown["cron.md"] >= 3
    assert shown["weekly-review.md"] >= 1
    assert shown["index.md"] >= 1
