"""What `reftrack init` says: its questions, and the commands that do the same in a script."""

from __future__ import annotations

from shlex import quote
from typing import Any

from rich.console import Console
from rich.text import Text

from reftrack.render.output import console

# The settings init asks about, in the order it asks, with the question for each.
INIT_QUESTIONS = {
    "rep": "Your name, as your records are kept",
    "signature": "How you sign your e-mails",
    "ideal_customer": "Your ideal customer, in a phrase",
    "timezone": "Your time zone",
    "workdays": "Your working days",
}
GOAL_QUESTION = "A first goal: referrals per month (blank for none)"
# Shown off a terminal for a name no one has set: never the computer's login name.
YOUR_NAME = "<your name>"
SAMPLE_GOAL = "reftrack goal set --referrals 4 --per month"
NEW_HERE = "New here? reftrack init sets your name, signature and first goal."


def question(key: str, default: str) -> Text:
    """One question with its default in brackets."""
    return Text(f"{INIT_QUESTIONS[key]} [{default}]")


def goal_question() -> Text:
    """The question for the first goal."""
    return Text(f"{GOAL_QUESTION} []")


def print_init_intro(out: Console) -> None:
    """What init is about to ask."""
    out.print("A few questions; Enter keeps the value in brackets.")
    out.print(Text("Change any later with `reftrack config set KEY VALUE`."))


def print_rep_kept(out: Console, rep: str, contacts: int) -> None:
    """Why init leaves the rep name alone when records are kept under it."""
    out.print(
        Text(
            f"Your {contacts} contact(s) are kept under the rep name '{rep}'; init leaves it "
            "as it is (another name would start an empty record)."
        )
    )


def print_refused(out: Console, problem: Exception) -> None:
    """An answer that was not accepted, before the question is asked again."""
    out.print(Text(str(problem)))


def init_commands(current: dict[str, str], named: set[str]) -> list[str]:
    """The commands that set what init asks about; a name no one chose shows as a sample."""
    commands = []
    for key in INIT_QUESTIONS:
        value = current[key]
        if key in ("rep", "signature") and key not in named:
            value = YOUR_NAME
        commands.append(f"reftrack config set {key} {quote(value)}")
    return [*commands, SAMPLE_GOAL]


def init_document(current: dict[str, str], named: set[str]) -> dict[str, Any]:
    """`init --json`: the settings init asks about, as they are now, and the commands."""
    return {
        "settings": {key: current[key] for key in INIT_QUESTIONS},
        "commands": init_commands(current, named),
    }


def print_init_commands(current: dict[str, str], named: set[str]) -> None:
    """Off a terminal: the commands that set what init would ask about."""
    out = console()
    out.print("reftrack init asks its questions on a terminal only. In a script, run:")
    for command in init_commands(current, named):
        out.print(Text(f"  {command}"), soft_wrap=True)


def print_init_done() -> None:
    """The end of init: what to run next."""
    console().print(
        "All set. Each morning: reftrack today. Right after a close: reftrack ask NAME."
    )


def print_new_here() -> None:
    """The first interactive run on an empty database: where to start."""
    console(stderr=True).print(NEW_HERE, style="dim")
