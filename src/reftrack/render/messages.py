"""Help asking well: the phrasings of `script` and the messages of `template`."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reftrack.domain.messages import MAKE_IT_EASY, UNNAMED, Message, phrasings
from reftrack.kinds import MessageKind, ScriptSituation
from reftrack.render.output import console

HEADINGS = {
    ScriptSituation.won: "Right after a win",
    ScriptSituation.lost: "After a loss (ask anyway: they saw how you work)",
    ScriptSituation.partner: "To a partner rep",
    ScriptSituation.network: "To your network",
}


def script_document(situation: ScriptSituation, ideal_customer: str) -> dict[str, Any]:
    """`script --json`: the situation, its phrasings and the make-it-easy advice."""
    return {
        "for": situation,
        "phrasings": phrasings(situation, ideal_customer),
        "make_it_easy": MAKE_IT_EASY,
    }


def print_script(situation: ScriptSituation, ideal_customer: str) -> None:
    """Every phrasing for a situation, and the make-it-easy advice."""
    out = console()
    out.print(Text(HEADINGS[situation], style="bold"))
    for number, text in enumerate(phrasings(situation, ideal_customer), start=1):
        out.print(Text(f"{number}. {text}"))
    out.print(Text(MAKE_IT_EASY, style="dim"))


def message_document(kind: MessageKind, message: Message) -> dict[str, Any]:
    """`template --json`: which message, its subject and its body."""
    return {
        "kind": kind,
        "subject": message.subject,
        "body": message.body,
        "signed": message.signed,
    }


SET_YOUR_NAME = (
    f"Set your name for templates (shown as {UNNAMED} until then): "
    "reftrack config set signature '<your name>'"
)


def print_set_your_name(message: Message) -> None:
    """On stderr, for a message signed with the placeholder: how to sign it with your name."""
    if not message.signed:
        console(stderr=True).print(Text(SET_YOUR_NAME), soft_wrap=True)


def print_message(message: Message) -> None:
    """A message ready to copy into mail, as plain text."""
    console().print(Text(message.text), soft_wrap=True)
