"""Help asking well on the command line: script (phrasings) and template (messages to send)."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import runtime
from reftrack.cli.options import Json, Name, emit
from reftrack.kinds import MessageKind, ScriptSituation


def script(
    ctx: typer.Context,
    for_: Annotated[
        ScriptSituation, typer.Option("--for", help="Whom you are about to ask.")
    ] = ScriptSituation.won,
    json: Json = False,
) -> None:
    """Good ways to ask for a referral, for the situation you are in."""
    from reftrack.config import load_settings
    from reftrack.render.messages import print_script, script_document

    ideal = load_settings().ideal_customer
    emit(json, lambda: script_document(for_, ideal), lambda: print_script(for_, ideal))


def template(
    ctx: typer.Context,
    kind: Annotated[
        MessageKind, typer.Argument(help="email, thanks or intro.", metavar="email|thanks|intro")
    ],
    name: Name,
    for_: Annotated[
        str | None,
        typer.Option("--for", help="thanks: the referral (prospect); intro: whom you introduce."),
    ] = None,
    company: Annotated[str | None, typer.Option(help="intro: that person's company.")] = None,
    json: Json = False,
) -> None:
    """A ready-to-send message: a forwardable intro email, a thank-you note, an introduction."""
    from reftrack.render.messages import message_document, print_message, print_set_your_name
    from reftrack.services.messages import compose

    if kind == MessageKind.intro and not for_:
        raise typer.BadParameter("say whom you introduce: --for NAME", param_hint="--for")
    with runtime(ctx, must_exist=True) as rt:
        message = compose(rt, kind, name, for_, company)
    print_set_your_name(message)
    emit(json, lambda: message_document(kind, message), lambda: print_message(message))
