"""`reftrack ask`: record an ask for referrals, walked through on a terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import complete_contact, interactive, runtime
from reftrack.cli.options import Json, Note, On, Value, amount, emit
from reftrack.cli.prompts import AskAnswers, prompt_ask
from reftrack.invocation import reftrack
from reftrack.kinds import Channel, CloseResult, ContactKind, Outcome


def ask(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="Whom you asked (prompted for on a terminal).", autocompletion=complete_contact
        ),
    ] = None,
    won: Annotated[bool, typer.Option("--won", help="Record a won deal with it.")] = False,
    lost: Annotated[bool, typer.Option("--lost", help="Record a lost deal with it.")] = False,
    deal: Annotated[str | None, typer.Option(help="The deal's title (with --won/--lost).")] = None,
    value: Value = None,
    outcome: Annotated[
        Outcome | None,
        typer.Option(
            help="What came of it (default: referred when names are given, "
            "else pending; asked for on a terminal)."
        ),
    ] = None,
    referral: Annotated[
        list[str] | None,
        typer.Option(
            "--referral",
            help="A name they gave, NAME or NAME@COMPANY (repeatable).",
            metavar="NAME[@COMPANY]",
        ),
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option(
            help="When to follow up a promised or pending ask (default: follow_up_days later).",
            metavar="DATE",
        ),
    ] = None,
    channel: Annotated[Channel | None, typer.Option(help="How you asked.")] = None,
    note: Note = None,
    on: On = None,
    add: Annotated[
        bool,
        typer.Option(
            "--add",
            help="Add NAME as a new contact if there is no contact of exactly that name "
            "(and --company).",
        ),
    ] = False,
    company: Annotated[
        str | None, typer.Option(help="The new contact's company (with --add).")
    ] = None,
    kind: Annotated[
        ContactKind | None,
        typer.Option(help="What the new contact is to you (with --add; default: customer)."),
    ] = None,
    json: Json = False,
) -> None:
    """Record an ask for referrals, right after a close (--won/--lost records the close too)."""
    from reftrack.render.loop import ask_document, print_ask
    from reftrack.services.asks import AskDraft, record_ask

    if won and lost:
        raise typer.BadParameter("a deal is either --won or --lost", param_hint="--won/--lost")
    if (deal or value) and not (won or lost):
        given = "--deal" if deal else "--value"
        raise typer.BadParameter(f"{given} goes with --won or --lost", param_hint=given)
    if (company is not None or kind is not None) and not add:
        given = "--company" if company is not None else "--kind"
        raise typer.BadParameter(f"{given} goes with --add", param_hint=given)
    answers = AskAnswers(
        name or "",
        outcome,
        list(referral or []),
        add,
        company,
        kind,
        CloseResult.won if won else CloseResult.lost if lost else None,
        deal,
        value,
    )
    if interactive():
        answers = prompt_ask(ctx, answers, on)
    elif name is None:
        raise typer.BadParameter(f"say whom you asked: {reftrack()} ask NAME", param_hint="NAME")
    with runtime(ctx) as rt:
        draft = AskDraft(
            name=answers.name,
            on=rt.date(on, "--on"),
            outcome=answers.outcome,
            referrals=answers.names,
            follow_up_on=rt.date(follow_up, "--follow-up") if follow_up else None,
            channel=channel,
            note=note,
            close_result=answers.close_result,
            deal=answers.deal,
            value_cents=amount(answers.value),
            add=answers.add,
            company=answers.company,
            kind=answers.kind,
        )
        recorded = record_ask(rt, draft)
    emit(json, lambda: ask_document(recorded), lambda: print_ask(recorded))
