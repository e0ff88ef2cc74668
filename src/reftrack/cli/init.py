"""`reftrack init`: the first run: who you are, how you sign, your week and a first goal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from reftrack.cli.context import interactive, runtime
from reftrack.cli.options import Json, emit

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def init(ctx: typer.Context, json: Json = False) -> None:
    """Set your name, signature, ideal customer, time zone, working days and a first goal.

    On a terminal it asks, each question with its default; elsewhere (or with --json) it asks
    nothing and shows the `reftrack config set` commands that do the same.
    """
    from reftrack import config
    from reftrack.render.first_run import init_document, print_init_commands

    values = config.show_values()
    current = {key: value for key, value, _source in values}
    named = {key for key, _value, source in values if source == "file"}
    if json or not interactive():
        emit(
            json,
            lambda: init_document(current, named),
            lambda: print_init_commands(current, named),
        )
        return
    _ask_settings(ctx, current, named)
    _ask_goal(ctx)


def _answer(out: Console, key: str, shown: Text, default: str) -> None:
    """Ask until the answer is accepted by the config key table, then store it."""
    from rich.prompt import Prompt

    from reftrack import config
    from reftrack.errors import UsageProblem
    from reftrack.render.first_run import print_refused

    while True:
        typed = Prompt.ask(shown, console=out, default=default, show_default=False).strip()
        if not typed and not default:
            return
        try:
            config.set_value(key, typed)
        except UsageProblem as problem:
            print_refused(out, problem)
            continue
        return


def _ask_settings(ctx: typer.Context, current: dict[str, str], named: set[str]) -> None:
    """Ask each setting, its value now as the default; store each answer at once."""
    from reftrack import config
    from reftrack.render.first_run import INIT_QUESTIONS, print_init_intro, print_rep_kept, question
    from reftrack.render.output import console
    from reftrack.services.contacts import count_contacts

    out = console(stderr=True)
    print_init_intro(out)
    with runtime(ctx) as rt:
        contacts = count_contacts(rt)
    for key in INIT_QUESTIONS:
        if key == "rep" and contacts:
            # A new rep name would hide every contact kept under the present one.
            print_rep_kept(out, current["rep"], contacts)
            continue
        default = current[key]
        if key == "signature" and not default and "rep" in named:
            # The name just given (or chosen before); never the login name as a guess.
            default = config.get_value("rep")
        _answer(out, key, question(key, default), default)
        if key == "rep":
            named.add("rep")


def _ask_goal(ctx: typer.Context) -> None:
    """A first referral goal per month, from today; none when the answer is blank or 0."""
    from rich.prompt import Prompt

    from reftrack.domain.numbers import TARGET, whole_number
    from reftrack.errors import UsageProblem
    from reftrack.kinds import Period
    from reftrack.render.first_run import goal_question, print_init_done, print_refused
    from reftrack.render.goals import print_goal
    from reftrack.render.output import console
    from reftrack.services.goals import set_goal

    out = console(stderr=True)
    while True:
        typed = Prompt.ask(goal_question(), console=out, default="", show_default=False).strip()
        try:
            target = whole_number(typed, "referrals", TARGET) if typed else 0
        except UsageProblem as problem:
            print_refused(out, problem)
            continue
        break
    if target:
        with runtime(ctx) as rt:
            status, week = set_goal(rt, target, Period.month, None, rt.today)
        print_goal(status, week, None, None, verb="Goal set")
    print_init_done()
