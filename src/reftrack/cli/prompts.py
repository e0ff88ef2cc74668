"""Asking on a terminal: the walk-through of a bare `reftrack ask`, with name completion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from reftrack.cli.context import runtime
from reftrack.errors import ReftrackError
from reftrack.invocation import reftrack
from reftrack.kinds import CloseResult, ContactKind, Outcome, ScriptSituation

if TYPE_CHECKING:
    from rich.console import Console

# rich.prompt is imported where a prompt is asked: every cli module is read for --help,
# which must stay as light as `import typer` (ARCHITECTURE rule 2).

# The answer for "no close": not a close result, so not in kinds.py.
NO_CLOSE = "none"


@dataclass
class AskAnswers:
    """What the rep said about an ask, on the command line or at the prompts."""

    name: str
    outcome: Outcome | None = None
    names: list[str] = field(default_factory=list)
    add: bool = False
    company: str | None = None
    kind: ContactKind | None = None
    close_result: CloseResult | None = None
    deal: str | None = None
    value: str | None = None


# Partners and network contacts pass business along; they have no deals of their own to ask about.
_DEALS_WITH = (ContactKind.customer, ContactKind.prospect)


def prompt_ask(ctx: typer.Context, answers: AskAnswers, on: str | None) -> AskAnswers:
    """Walk the rep through an ask on a terminal: who (added if new), the close, what came of it.

    Only what the command line left open is asked; a name nobody answers to is offered as a
    new contact.
    """
    from rich.prompt import Prompt

    from reftrack.render.loop import print_phrasing
    from reftrack.render.output import console
    from reftrack.services.asks import AskDraft, ask_context

    out = console(stderr=True)
    walk = not answers.name or (answers.outcome is None and not answers.names)
    if not answers.name:
        names = _contact_names(ctx)
        with _completion(names):
            answers.name = Prompt.ask("Whom did you ask?", console=out).strip()
        if not answers.name:
            raise typer.BadParameter("a name is needed", param_hint="NAME")
    with runtime(ctx) as rt:
        draft = AskDraft(answers.name, rt.date(on, "--on"), add=answers.add)
        draft.company, draft.kind = answers.company, answers.kind
        context = ask_context(rt, draft)
        ideal_customer = rt.settings.ideal_customer
    if context is None and not answers.add:
        _offer_to_add(out, answers)
    elif context is not None and not answers.add:
        answers.name = context.contact.label
    if not walk:
        return answers
    kind = context.kind if context else answers.kind or ContactKind.customer
    if (
        answers.close_result is None
        and kind in _DEALS_WITH
        and not (context and context.open_close)
    ):
        _ask_about_the_close(out, answers)
    situation = (
        ScriptSituation(answers.close_result)
        if answers.close_result
        else ScriptSituation.partner
        if kind == ContactKind.partner
        else ScriptSituation.network
        if kind == ContactKind.network
        else ScriptSituation((context and context.last_close) or CloseResult.won)
    )
    label = context.contact.label if context else answers.name
    print_phrasing(out, label, situation, ideal_customer)
    outcomes = [o.value for o in Outcome]
    answers.outcome = Outcome(choose(out, "What came of it?", outcomes, Outcome.pending.value))
    if answers.outcome == Outcome.referred:
        out.print("Names they gave, one a line (Name or Name@Company); an empty line ends.")
        while True:
            given = Prompt.ask("  name", console=out, default="", show_default=False).strip()
            if not given:
                break
            answers.names.append(given)
        if not answers.names:
            answers.outcome = Outcome.promised
            out.print("No names yet: recorded as promised, with a follow-up.")
    return answers


def _offer_to_add(out: Console, answers: AskAnswers) -> None:
    """Offer to add someone reftrack does not know yet: their company and kind."""
    from rich.prompt import Confirm, Prompt
    from rich.text import Text

    if not Confirm.ask(Text(f"No contact '{answers.name}'. Add them?"), console=out, default=True):
        raise ReftrackError(
            f"no contact '{answers.name}': nothing recorded",
            f"see `{reftrack()} contact list`, or add them with `{reftrack()} contact add`",
        )
    company = Prompt.ask("  company", console=out, default="", show_default=False).strip()
    kinds = [k.value for k in ContactKind]
    answers.add = True
    answers.company = company or None
    answers.kind = ContactKind(choose(out, "  kind", kinds, ContactKind.customer.value))


def _ask_about_the_close(out: Console, answers: AskAnswers) -> None:
    """No close waits for this ask: was there one? Its deal and value go in with the ask."""
    from rich.prompt import Prompt
    from rich.text import Text

    from reftrack.domain.records import parse_amount
    from reftrack.errors import UsageProblem

    results = [r.value for r in CloseResult]
    said = choose(out, "Was there a close?", [*results, NO_CLOSE], NO_CLOSE)
    if said == NO_CLOSE:
        return
    answers.close_result = CloseResult(said)
    answers.deal = Prompt.ask("  deal", console=out, default="", show_default=False).strip() or None
    while True:
        value = Prompt.ask("  value", console=out, default="", show_default=False).strip()
        try:
            parse_amount(value) if value else None
        except UsageProblem as problem:
            out.print(Text(str(problem)))
            continue
        answers.value = value or None
        return


def choose(out: Console, question: str, choices: list[str], default: str) -> str:
    """One of `choices`, typed whole or as a unique prefix; an empty answer takes the default."""
    from rich.prompt import Prompt
    from rich.text import Text

    shown = Text(f"{question} {'/'.join(choices)} [{default}]")
    while True:
        typed = Prompt.ask(shown, console=out, default=default, show_default=False)
        wanted = typed.strip().casefold()
        matches = [c for c in choices if c.casefold().startswith(wanted)]
        exact = [c for c in choices if c.casefold() == wanted]
        if exact or len(matches) == 1:
            return (exact or matches)[0]
        out.print(Text(f"Type one of {', '.join(choices)} (a unique start will do)."))


def _contact_names(ctx: typer.Context) -> list[str]:
    from reftrack.services.completion import complete_names

    with runtime(ctx) as rt:
        return complete_names(rt, "")


class _completion:
    """Tab completes contact names at the "whom did you ask?" prompt, where readline exists."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.previous: Callable[[str, int], str | None] | None = None

    def __enter__(self) -> None:
        try:
            import readline
        except ImportError:
            return
        self.previous = readline.get_completer()

        def complete(text: str, state: int) -> str | None:
            matches = [n for n in self.names if n.casefold().startswith(text.casefold())]
            return matches[state] if state < len(matches) else None

        readline.set_completer_delims("")
        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")

    def __exit__(self, *exc: object) -> None:
        try:
            import readline
        except ImportError:
            return
        readline.set_completer(self.previous)
