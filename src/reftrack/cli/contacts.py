"""`reftrack contact …`: the people the rep asks, thanks and refers."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import complete_contact, runtime
from reftrack.cli.options import Json, emit
from reftrack.kinds import ContactKind

app = typer.Typer(
    add_completion=False, help="Add, list, show, edit and archive contacts.", no_args_is_help=True
)

NameArgument = Annotated[
    str,
    typer.Argument(
        help="The contact's name (a unique prefix will do).", autocompletion=complete_contact
    ),
]
Company = Annotated[str | None, typer.Option(help="Their company.")]
Email = Annotated[str | None, typer.Option(help="Their e-mail address.")]
Phone = Annotated[str | None, typer.Option(help="Their phone number.")]
Birthday = Annotated[
    str | None, typer.Option(help="Birthday as MM-DD (or YYYY-MM-DD).", metavar="MM-DD")
]
DateOption = Annotated[
    list[str] | None,
    typer.Option(
        "--date",
        help="Another yearly date to remember, as LABEL=MM-DD (repeatable).",
        metavar="LABEL=MM-DD",
    ),
]
Note = Annotated[str | None, typer.Option(help="A note about them.")]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The contact's full name.")],
    company: Company = None,
    email: Email = None,
    phone: Phone = None,
    kind: Annotated[ContactKind, typer.Option(help="What they are to you.")] = ContactKind.customer,
    birthday: Birthday = None,
    date: DateOption = None,
    note: Note = None,
    json: Json = False,
) -> None:
    """Add a contact."""
    from reftrack.render.contacts import contact_document, print_contact_card
    from reftrack.services.contacts import ContactDraft, add_contact

    draft = ContactDraft(name, company, email, phone, kind, birthday, date or [], [], note)
    with runtime(ctx) as rt:
        card = add_contact(rt, draft)
    emit(json, lambda: contact_document(card), lambda: print_contact_card(card, verb="Added"))


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[ContactKind | None, typer.Option(help="Only contacts of this kind.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include archived contacts.")] = False,
    json: Json = False,
) -> None:
    """List contacts by name."""
    from reftrack.render.contacts import contact_document, print_contact_list
    from reftrack.services.contacts import list_contacts

    with runtime(ctx, must_exist=True) as rt:
        cards = list_contacts(rt, kind, include_archived=all_)
    emit(
        json, lambda: [contact_document(card) for card in cards], lambda: print_contact_list(cards)
    )


@app.command("show")
def show(ctx: typer.Context, name: NameArgument, json: Json = False) -> None:
    """Show one contact and the whole relationship: closes, asks, referrals, thanks, balance."""
    from reftrack.render.record import print_record, record_document
    from reftrack.services.record import contact_record

    with runtime(ctx, must_exist=True) as rt:
        record = contact_record(rt, name)
    emit(json, lambda: record_document(record), lambda: print_record(record))


@app.command("edit")
def edit(
    ctx: typer.Context,
    name: NameArgument,
    new_name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    company: Company = None,
    email: Email = None,
    phone: Phone = None,
    kind: Annotated[ContactKind | None, typer.Option(help="What they are to you.")] = None,
    birthday: Birthday = None,
    date: DateOption = None,
    remove_date: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-date", help="Forget a date by its label (repeatable).", metavar="LABEL"
        ),
    ] = None,
    note: Note = None,
    json: Json = False,
) -> None:
    """Change a contact's details; an empty value (--email '') clears one."""
    from reftrack.render.contacts import contact_document, print_contact_card
    from reftrack.services.contacts import ContactDraft, edit_contact

    draft = ContactDraft(
        new_name, company, email, phone, kind, birthday, date or [], remove_date or [], note
    )
    with runtime(ctx) as rt:
        card = edit_contact(rt, name, draft)
    emit(json, lambda: contact_document(card), lambda: print_contact_card(card, verb="Updated"))


@app.command("archive")
def archive(
    ctx: typer.Context,
    name: NameArgument,
    restore: Annotated[
        bool, typer.Option("--restore", help="Bring an archived contact back.")
    ] = False,
    json: Json = False,
) -> None:
    """Archive a contact: out of lists and reminders, history kept."""
    from reftrack.render.contacts import contact_document, print_contact_card
    from reftrack.services.contacts import archive_contact

    with runtime(ctx) as rt:
        card = archive_contact(rt, name, restore=restore)
    verb = "Restored" if restore else "Archived"
    emit(json, lambda: contact_document(card), lambda: print_contact_card(card, verb=verb))
