"""Asking on a terminal: the walk-through of a bare `reftrack ask`, with name completion."""

from __future__ import annotations

from collections.abc import Callable

import typer

from reftrack.cli.context import runtime
from reftrack.kinds import CloseResult, ContactKind, Outcome, ScriptSituation


def prompt_ask(
    ctx: typer.Context, name: str | None, won: bool, lost: bool
) -> tuple[str, Outcome, list[str]]:
    """Walk the rep through an ask on a terminal: who, a phrasing, what came of it, names."""
    from rich.prompt import Prompt

    from reftrack.render.loop import print_phrasing
    from reftrack.render.output import console
    from reftrack.services.asks import ask_context

    out = console(stderr=True)
    if name is None:
        names = _contact_names(ctx)
        with _completion(names):
            name = Prompt.ask("Whom did you ask?", console=out).strip()
        if not name:
            raise typer.BadParameter("a name is needed", param_hint="NAME")
    with runtime(ctx) as rt:
        context = ask_context(rt, name)
    situation = (
        ScriptSituation.won
        if won
        else ScriptSituation.lost
        if lost
        else ScriptSituation.partner
        if context.kind == ContactKind.partner
        else ScriptSituation.network
        if context.kind == ContactKind.network
        else ScriptSituation(context.last_close or CloseResult.won)
    )
    print_phrasing(out, context.contact.label, situation, rt.settings.ideal_customer)
    outcome = Outcome(
        Prompt.ask("What came of it?", console=out, choices=[o.value for o in Outcome])
    )
    given_names: list[str] = []
    if outcome == Outcome.referred:
        out.print("Names they gave, one a line (Name or Name@Company); an empty line ends.")
        while True:
            given = Prompt.ask("  name", console=out, default="", show_default=False).strip()
            if not given:
                break
            given_names.append(given)
        if not given_names:
            outcome = Outcome.promised
            out.print("No names yet: recorded as promised, with a follow-up.")
    return context.contact.label, outcome, given_names


def _contact_names(ctx: typer.Context) -> list[str]:
    from reftrack.services.contacts import complete_names

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
