"""User text is data, never markup and never terminal codes (issue 11 items 2 and 3).

A history where every user-text field of every record holds Rich markup, terminal escape
sequences (clear screen, a window title ended by BEL), backspace, a C1 control, DEL and bidi
overrides is shown by every view, as a terminal gets it and as a pipe or cron mail gets it.
No raw control or bidi character may come out (besides Rich's own colour codes, newlines
and tabs), the markup must print as typed, and `--json` must carry the exact stored text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import Rep

HOSTILE = "[bold red]x [/] \x1b[2J\x1b[H \x1b]0;title\x07 \x08\x9b\x7f \u202e\u2066\u200f"
# Settings refuse C0 controls as they are set; the rest can still reach them.
SETTING = "[bold red]x [/] \x9b\x7f \u202e\u2066\u200f"

# Each field typed in full, so `--json` can be checked against exactly these strings.
TEXT = {
    "name": f"Jane {HOSTILE}",
    "company": f"Acme {HOSTILE}",
    "phone": f"555 {HOSTILE}",
    "contact note": f"first line {HOSTILE}\nsecond line {HOSTILE}",
    "label": f"{HOSTILE} day",
    "prospect": f"Bob {HOSTILE}",
    "prospect company": f"Initech {HOSTILE}",
    "deal": f"Fleet {HOSTILE}",
    "crm id": f"CRM-{HOSTILE}",
    "ask note": f"asked {HOSTILE}",
    "referral": f"Dan {HOSTILE}",
    "referral company": f"Dco {HOSTILE}",
    "referral note": f"met at {HOSTILE}",
    "status note": f"moved {HOSTILE}",
    "inform note": f"told {HOSTILE}",
    "gift": f"Wine {HOSTILE}",
    "thank note": f"thanks {HOSTILE}",
    "given": f"Eve {HOSTILE}",
    "given company": f"Eco {HOSTILE}",
    "give note": f"gave {HOSTILE}",
    "content": f"Benchmark {HOSTILE}",
    "url": f"https://example.test/{HOSTILE}",
    "score note": f"scored {HOSTILE}",
    "day off note": f"holiday {HOSTILE}",
    "ideal customer": f"ideal {SETTING}",
    "signature": f"Sig {SETTING}",
}

SETUP = [
    ["config", "unset", "timezone"],
    ["config", "set", "ideal_customer", TEXT["ideal customer"]],
    ["config", "set", "signature", TEXT["signature"]],
    ["contact", "add", TEXT["name"], "--company", TEXT["company"], "--phone", TEXT["phone"]],
    ["contact", "edit", "jane", "--note", TEXT["contact note"], "--email", "jane@acme.test"],
    ["contact", "edit", "jane", "--date", f"{TEXT['label']}=11-27", "--birthday", "11-28"],
    ["contact", "add", TEXT["prospect"], "--company", TEXT["prospect company"]],
    ["close", "jane", "--deal", TEXT["deal"], "--value", "12k", "--crm-id", TEXT["crm id"]],
    ["ask", "jane", "--outcome", "referred", "--note", TEXT["ask note"],
     "--referral", f"{TEXT['referral']}@{TEXT['referral company']}"],
    ["ask", "bob", "--outcome", "promised", "--on", "2026-11-20", "--follow-up", "2026-11-24"],
    ["ask", f"Mia {HOSTILE}", "--add", "--company", TEXT["company"], "--outcome", "declined"],
    ["referral", "add", f"Carla {HOSTILE}", "--from", "bob", "--note", TEXT["referral note"]],
    ["referral", "update", "dan", "--status", "meeting", "--note", TEXT["status note"]],
    ["referral", "update", "carla", "--status", "contacted"],
    ["referral", "inform", "dan", "--note", TEXT["inform note"]],
    ["thank", "jane", "--gift", TEXT["gift"], "--note", TEXT["thank note"], "--for", "dan"],
    ["give", "bob", "--to", TEXT["given"], "--company", TEXT["given company"],
     "--note", TEXT["give note"]],
    ["share", "add", "jane", "--content", TEXT["content"], "--url", TEXT["url"]],
    ["score", "add", "jane", "--liking", "5", "--reciprocity", "4", "--credibility", "5",
     "--commitment", "1", "--note", TEXT["score note"]],
    ["off", "add", "2026-12-24", "--note", TEXT["day off note"]],
    ["off", "add", "2026-12-28", "--note", TEXT["day off note"]],
    ["off", "rm", "2026-12-28"],
    ["contact", "add", f"Old {HOSTILE}", "--company", TEXT["company"]],
    ["contact", "archive", "old"],
    # Bob's follow-up (ask #2) put off, dismissed, brought back and put off again.
    ["snooze", "follow-a2", "--days", "3"],
    ["done", "follow-a2"],
    ["unsnooze", "follow-a2"],
    ["snooze", "follow-a2", "--until", "2026-11-30"],
    ["goal", "set", "--referrals", "8", "--per", "month"],
    ["edit", "c1", "--crm-id", TEXT["crm id"] + " 2", "--deal", TEXT["deal"] + " 2"],
    ["edit", "c1", "--crm-id", TEXT["crm id"], "--deal", TEXT["deal"]],
    ["close", "jane", "--deal", TEXT["deal"], "--on", "2026-11-01"],
    ["delete", "c2"],
    ["goal", "set", "--referrals", "4", "--per", "week", "--from", "2027-01-04"],
    ["goal", "rm", "2027-01-04"],
]  # fmt: skip

# Every view that shows data, each with the user text it must show (as typed, markup too).
VIEWS = [
    "today --all",
    "today --on 2026-11-26",
    "contact list",
    "contact list --all",
    "contact show jane",
    "contact show bob",
    "contact show dan",
    "contact show carla",
    "log",
    "referral list",
    "share list",
    "score list",
    "off list",
    "snooze --list",
    "goal show",
    "stats --weeks 4",
    "summary --week this",
    "summary --week this --format markdown",
    "script",
    "script --for partner",
    "script --for network",
    "template email jane",
    "template thanks jane --for dan",
    "template intro bob --for eve",
    "config show",
    "config get ideal_customer",
    "config get signature",
    "config path",
    "cron show",
    "init",
    "undo --list",
]

NO_USER_TEXT = ("goal show", "script", "config path", "cron show")
# Commands that write outside the database or show generated data only.
NOT_HERE = {"cron install", "cron remove", "demo"}

# Errors that quote what was typed, on stderr: unknown names, near misses, bad values.
ERRORS = {
    "unknown contact": ["contact", "show", f"Zed {HOSTILE}"],
    "did you mean": ["contact", "show", f"Jame {HOSTILE}"],
    "unknown referral": ["referral", "update", f"nobody {HOSTILE}", "--status", "won"],
    "bad referral number": ["thank", "jane", "--for", f"#x{HOSTILE}"],
    "bad date": ["close", "jane", "--on", f"tomorrow{HOSTILE}"],
    "bad choice": ["ask", "jane", "--channel", f"fax{HOSTILE}"],
    "bad e-mail": ["contact", "add", "Ann", "--email", f"ann{HOSTILE}@acme.test"],
    "bad labelled date": ["contact", "add", "Ann", "--date", f"{HOSTILE}"],
    "unknown command": [f"frobnicate{HOSTILE}"],
    "bad calendar days": ["calendar", "--days", f"3{HOSTILE}"],
    "unwritable backup": ["backup", f"/dev/null/{HOSTILE}.db"],
    "missing backup": ["restore", f"/nonexistent/{HOSTILE}.db"],
    "no file to import": ["import", f"/nonexistent/{HOSTILE}.csv"],
    "bad export kind": ["export", "--kind", f"x{HOSTILE}"],
    "bad entry id": ["delete", f"c1{HOSTILE}"],
    "bad edit value": ["edit", "c1", "--outcome", f"won{HOSTILE}"],
    "bad team role": ["team", "add", f"x{HOSTILE}"],
    "bad rep": ["--rep", f"x{HOSTILE}", "today"],
    "team week": ["team", "--week", f"w{HOSTILE}"],
}

JSON_VIEWS = [
    "export",
    "contact list --all --json",
    "contact show jane --json",
    "contact show bob --json",
    "contact show dan --json",
    "log --json",
    "referral list --json",
    "share list --json",
    "score list --json",
    "off list --json",
    "snooze --list --json",
    "today --all --json",
    "summary --week this --format json",
    "config get ideal_customer --json",
    "config get signature --json",
    "undo --list --json",
]

SGR = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def raw_characters(text: str) -> list[str]:
    """The control and bidi characters in `text` that are not Rich's colour codes."""
    return FORBIDDEN.findall(SGR.sub("", text))


@pytest.fixture
def hostile(rep: Rep) -> Rep:
    for args in SETUP:
        result = rep.run(args, TTY_COMPATIBLE="1", NO_COLOR="", COLUMNS="100")
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        assert not raw_characters(result.stdout + result.stderr), (args, result.stdout)
    return rep


@pytest.mark.parametrize("terminal", ["colour", "no-colour", "narrow", "pipe"])
def test_every_view_shows_hostile_text_as_typed_and_harmless(hostile: Rep, terminal: str) -> None:
    # Wide enough that no table folds a field, so each shows whole; narrow folds them all.
    env = {
        "colour": {"TTY_COMPATIBLE": "1", "NO_COLOR": "", "COLUMNS": "1000"},
        "no-colour": {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "1000"},
        "narrow": {"TTY_COMPATIBLE": "1", "NO_COLOR": "", "COLUMNS": "60"},
        "pipe": {"NO_COLOR": "", "COLUMNS": "1000"},
    }[terminal]
    for command in VIEWS:
        result = hostile.run(command, **env)
        text = result.stdout + result.stderr
        assert result.exit_code == 0, (command, text)
        assert not raw_characters(text), (command, raw_characters(text), text)
        if terminal == "no-colour":
            assert "\x1b" not in text, (command, text)
        if terminal != "narrow" and command not in NO_USER_TEXT:
            # Markup typed by the user is printed as typed, and the escapes show.
            assert "[bold red]x [/]" in text, (command, text)
            assert "\\x9b\\x7f \\u202e\\u2066\\u200f" in text, (command, text)


def test_no_command_is_forgotten() -> None:
    import typer.main

    from reftrack.cli import COMMANDS, app

    root = typer.main.get_command(app)
    every = set()
    for name in COMMANDS:
        group = getattr(root.get_command(None, name), "commands", None)
        every |= {f"{name} {sub}" for sub in group} if group else {name}
    runs = [*SETUP, *(v.split() for v in VIEWS), *ERRORS.values()]
    covered = {" ".join(args[:2]) for args in runs} | {args[0] for args in runs}
    assert every - NOT_HERE <= covered, sorted(every - NOT_HERE - covered)


def test_the_screen_clearing_name_shows_as_an_escape(hostile: Rep) -> None:
    text = hostile.ok("contact list", TTY_COMPATIBLE="1", NO_COLOR="1", COLUMNS="200").stdout
    assert "Jane [bold red]x [/] \\x1b[2J\\x1b[H \\x1b]0;title" in text
    assert "\\x9b\\x7f \\u202e\\u2066\\u200f" in text


def test_a_multi_line_note_stays_multi_line(hostile: Rep) -> None:
    text = hostile.ok("contact show jane", TTY_COMPATIBLE="1", COLUMNS="200").stdout
    lines = text.splitlines()
    assert any("first line [bold red]x" in line for line in lines)
    assert any("second line [bold red]x" in line for line in lines)


@pytest.mark.parametrize("args", ERRORS.values(), ids=ERRORS.keys())
def test_errors_quote_hostile_text_harmlessly_on_one_line(hostile: Rep, args: list[str]) -> None:
    before = hostile.db.read_bytes()
    result = hostile.run(args, TTY_COMPATIBLE="1", NO_COLOR="", COLUMNS="100")
    assert result.exit_code in (1, 2), (args, result.stdout, result.stderr)
    assert result.stderr.startswith("reftrack: ") or "Did you mean" in result.stderr
    assert not raw_characters(result.stdout + result.stderr), (args, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert hostile.db.read_bytes() == before


def strings(document: Any) -> set[str]:
    """Every string in a JSON document, keys and values."""
    if isinstance(document, str):
        return {document}
    if isinstance(document, dict):
        return {*document.keys(), *(s for v in document.values() for s in strings(v))}
    if isinstance(document, list):
        return {s for v in document for s in strings(v)}
    return set()


def test_json_carries_the_exact_stored_text(hostile: Rep) -> None:
    found: set[str] = set()
    for command in JSON_VIEWS:
        found |= strings(json.loads(hostile.ok(command).stdout))
    # Labels are kept in lower case, as typed otherwise.
    expected = {**TEXT, "label": TEXT["label"].casefold()}
    missing = {field for field, value in expected.items() if value not in found}
    assert not missing, missing
    assert f"Carla {HOSTILE}" in found


def test_markup_in_a_date_label_neither_crashes_nor_styles(rep: Rep) -> None:
    rep.ok(["contact", "add", "Ann Lee", "--date", "[/]=03-14", "--date", "[bold red]x=03-15"])
    for _ in range(2):
        result = rep.ok(["contact", "show", "Ann Lee"], TTY_COMPATIBLE="1", NO_COLOR="")
        assert "[/]" in result.stdout and "[bold red]x" in result.stdout
        assert "\x1b[1;31m" not in result.stdout and "\x1b[31m" not in result.stdout


def test_an_email_with_a_control_character_is_refused(rep: Rep) -> None:
    result = rep.run(["contact", "add", "Ann", "--email", "ann\x1b[2J@acme.test"])
    assert result.exit_code == 2, result.stderr
    assert "control character" in result.stderr and "\\x1b[2J" in result.stderr
    assert rep.ok("contact list --json").stdout.strip() == "[]"


def test_a_real_terminal_gets_no_screen_clearing_sequence(rep: Rep) -> None:
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    rep.ok(["contact", "add", "Clear \x1b[2J\x1b[HX", "--note", "\x1b]0;owned\x07 \u202eevil"])
    rep.ok(["thank", "clear", "--gift", "\x1b[2J\x1b[HX"])
    env = {**os.environ, **rep.env, "COLUMNS": "100", "NO_COLOR": ""}
    for command in (["contact", "list"], ["contact", "show", "clear"], ["log"]):
        child = pexpect.spawn(
            sys.executable, ["-m", "reftrack", *command], env=env, encoding="utf-8", timeout=60
        )
        text = str(child.read()).replace("\r\n", "\n")  # how a pty ends lines
        child.close()
        assert "\\x1b[2J\\x1b[HX" in text, (command, text)
        assert not raw_characters(text), (command, raw_characters(text))
