"""Fixing mistakes: `edit ID` and `delete ID` for any entry `log` shows (and goals, days off)."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import complete_contact
from reftrack.cli.options import Json, emit

EntryId = Annotated[
    str,
    typer.Argument(
        help="The entry's id, as `reftrack log` shows it: c12, a34, r5, e7, t3, i2, s4, k1, "
        "o2 (`off list`), g1 (`goal show`).",
        metavar="ID",
    ),
]


def edit(
    ctx: typer.Context,
    entry: EntryId,
    on: Annotated[
        str | None,
        typer.Option(help="Its date (a goal's: the day it takes effect).", metavar="DATE"),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            help="The contact it is with (a referral's: the prospect).",
            autocompletion=complete_contact,
        ),
    ] = None,
    referrer: Annotated[
        str | None,
        typer.Option("--from", help="A referral's referrer.", autocompletion=complete_contact),
    ] = None,
    outcome: Annotated[
        str | None, typer.Option(help="A close's won|lost; an ask's outcome.", metavar="OUTCOME")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="A referral's (or a step's) status.", metavar="STATUS")
    ] = None,
    deal: Annotated[str | None, typer.Option(help="A close's deal title.")] = None,
    value: Annotated[
        str | None, typer.Option(help="A close's or won referral's value.", metavar="AMOUNT")
    ] = None,
    crm_id: Annotated[str | None, typer.Option(help="A close's CRM id.")] = None,
    channel: Annotated[
        str | None, typer.Option(help="How an ask was made.", metavar="CHANNEL")
    ] = None,
    follow_up: Annotated[
        str | None, typer.Option(help="An ask's follow-up date.", metavar="DATE")
    ] = None,
    gift: Annotated[str | None, typer.Option(help="A thank-you's gift.")] = None,
    to: Annotated[str | None, typer.Option(help="Whom an introduction was to.")] = None,
    company: Annotated[str | None, typer.Option(help="That person's company.")] = None,
    content: Annotated[str | None, typer.Option(help="A share's title.")] = None,
    url: Annotated[str | None, typer.Option(help="A share's link.")] = None,
    forwarded: Annotated[
        bool | None,
        typer.Option("--forwarded/--not-forwarded", help="Whether a share was passed on."),
    ] = None,
    liking: Annotated[str | None, typer.Option(help="A score, 1-5.", metavar="N")] = None,
    reciprocity: Annotated[str | None, typer.Option(help="A score, 1-5.", metavar="N")] = None,
    credibility: Annotated[str | None, typer.Option(help="A score, 1-5.", metavar="N")] = None,
    commitment: Annotated[str | None, typer.Option(help="A score, 1-5.", metavar="N")] = None,
    referrals: Annotated[str | None, typer.Option(help="A goal's target.", metavar="N")] = None,
    per: Annotated[str | None, typer.Option(help="A goal's period.", metavar="PERIOD")] = None,
    rate: Annotated[str | None, typer.Option(help="A goal's fixed rate.", metavar="RATE")] = None,
    note: Annotated[str | None, typer.Option(help="Its note ('' clears it).")] = None,
    json: Json = False,
) -> None:
    """Change a recorded entry: each kind takes the options that make sense for it.

    Prints each field that changed, before → after. Ids are in `reftrack log`.
    """
    from reftrack.cli.context import runtime
    from reftrack.render.entries import edited_document, print_edited
    from reftrack.services.edit import edit_entry

    typed = {
        "--on": on,
        "--name": name,
        "--from": referrer,
        "--outcome": outcome,
        "--status": status,
        "--deal": deal,
        "--value": value,
        "--crm-id": crm_id,
        "--channel": channel,
        "--follow-up": follow_up,
        "--gift": gift,
        "--to": to,
        "--company": company,
        "--content": content,
        "--url": url,
        "--forwarded": forwarded,
        "--liking": liking,
        "--reciprocity": reciprocity,
        "--credibility": credibility,
        "--commitment": commitment,
        "--referrals": referrals,
        "--per": per,
        "--rate": rate,
        "--note": note,
    }
    given = {option: v for option, v in typed.items() if v is not None}
    with runtime(ctx) as rt:
        edited = edit_entry(rt, entry, given)
    emit(json, lambda: edited_document(edited), lambda: print_edited(edited))


def delete(
    ctx: typer.Context,
    entry: EntryId,
    cascade: Annotated[
        bool,
        typer.Option("--cascade", help="Delete what hangs on it too (an ask's referrals…)."),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask for confirmation on a terminal.")
    ] = False,
    json: Json = False,
) -> None:
    """Delete a recorded entry; one others hang on needs --cascade, which lists them."""
    from reftrack.cli import context
    from reftrack.render.entries import confirm_text, deleted_document, print_deleted
    from reftrack.services.delete import delete_entry, preview_delete

    with context.runtime(ctx) as rt:
        if not yes and not json and context.interactive():
            from rich.prompt import Confirm

            from reftrack.render.output import console

            planned = preview_delete(rt, entry, cascade)
            if not Confirm.ask(confirm_text(planned), console=console(stderr=True)):
                console(stderr=True).print("Nothing deleted.")
                raise typer.Exit(1)
        deleted = delete_entry(rt, entry, cascade)
    emit(json, lambda: deleted_document(deleted), lambda: print_deleted(deleted))
