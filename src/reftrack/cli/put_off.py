"""`snooze`, `done` and `unsnooze`: put an item of `today` off, dismiss it, bring it back."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import complete_item_key, complete_put_off_key, runtime
from reftrack.cli.options import Json, emit

Key = Annotated[
    str,
    typer.Argument(
        help="The item's key, as `reftrack today` shows it in brackets (ask-c12, give-9).",
        autocompletion=complete_item_key,
    ),
]


def snooze(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            help="The item's key, as `reftrack today` shows it in brackets (ask-c12, give-9).",
            autocompletion=complete_item_key,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="The day it comes back: YYYY-MM-DD, monday, +1w…", metavar="DATE"),
    ] = None,
    days: Annotated[
        str | None, typer.Option(help="Or: how many days to hide it, 1 to 365.", metavar="N")
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List what is snoozed or dismissed instead.")
    ] = False,
    json: Json = False,
) -> None:
    """Put an item of `today` off until a day (--until DATE or --days N)."""
    from reftrack.domain.numbers import whole_number
    from reftrack.domain.put_off import SNOOZE_DAYS, snooze_until, typed_key
    from reftrack.render.put_off import print_put_off_list, print_snoozed, put_off_document
    from reftrack.services.put_off import put_off_items
    from reftrack.services.put_off import snooze as snooze_item

    if list_:
        if key is not None or until is not None or days is not None:
            raise typer.BadParameter("--list takes no KEY, --until or --days", param_hint="--list")
        with runtime(ctx, must_exist=True) as rt:
            entries = put_off_items(rt)
        emit(
            json,
            lambda: [put_off_document(e) for e in entries],
            lambda: print_put_off_list(entries),
        )
        return
    if key is None:
        raise typer.BadParameter("give the key of an item, as `reftrack today` shows it")
    wanted = typed_key(key)
    count = whole_number(days, "--days", SNOOZE_DAYS) if days is not None else None
    with runtime(ctx) as rt:
        day = rt.date(until, "--until") if until is not None else None
        entry = snooze_item(rt, wanted, snooze_until(rt.today, day, count))
    emit(json, lambda: put_off_document(entry), lambda: print_snoozed(entry))


def done(ctx: typer.Context, key: Key, json: Json = False) -> None:
    """Dismiss an item of `today` that needs no record (a card sent outside reftrack)."""
    from reftrack.domain.put_off import typed_key
    from reftrack.render.put_off import print_dismissed, put_off_document
    from reftrack.services.put_off import dismiss

    wanted = typed_key(key)
    with runtime(ctx) as rt:
        entry = dismiss(rt, wanted)
    emit(json, lambda: put_off_document(entry), lambda: print_dismissed(entry))


def unsnooze(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(
            help="The key of an item snoozed or dismissed (see `reftrack snooze --list`).",
            autocompletion=complete_put_off_key,
        ),
    ],
    json: Json = False,
) -> None:
    """Bring back an item snoozed or dismissed."""
    from reftrack.domain.put_off import typed_key
    from reftrack.render.put_off import print_brought_back, put_off_document
    from reftrack.services.put_off import bring_back

    wanted = typed_key(key)
    with runtime(ctx) as rt:
        entry = bring_back(rt, wanted)
    emit(json, lambda: put_off_document(entry), lambda: print_brought_back(entry))
