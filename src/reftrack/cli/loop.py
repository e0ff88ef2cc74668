"""The ask loop on the command line: close, ask, referral, thank, give, share, score."""

from __future__ import annotations

from typing import Annotated

import typer

from reftrack.cli.context import complete_contact, complete_referral, runtime
from reftrack.cli.options import (
    AddByDefault,
    Json,
    Name,
    Note,
    On,
    Value,
    amount,
    emit,
)
from reftrack.kinds import (
    CloseResult,
    ReferralStatus,
    ThankKind,
)

referral_app = typer.Typer(
    add_completion=False,
    help="Referrals received: add, list, update their status, inform the referrer.",
    no_args_is_help=True,
)


def close(
    ctx: typer.Context,
    name: Name,
    deal: Annotated[str | None, typer.Option(help="The deal's title.")] = None,
    value: Value = None,
    won: Annotated[bool, typer.Option("--won", help="The deal was won (the default).")] = False,
    lost: Annotated[bool, typer.Option("--lost", help="The deal was lost (default: won).")] = False,
    crm_id: Annotated[str | None, typer.Option(help="The deal's id in your CRM.")] = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Record a won (or --lost) deal; then ask for referrals."""
    from reftrack.render.loop import close_document, print_close
    from reftrack.services.asks import record_close

    if won and lost:
        raise typer.BadParameter("a deal is either --won or --lost", param_hint="--won/--lost")
    with runtime(ctx) as rt:
        result = CloseResult.lost if lost else CloseResult.won
        view = record_close(rt, name, rt.date(on, "--on"), result, deal, amount(value), crm_id)
    emit(json, lambda: close_document(view), lambda: print_close(view))


@referral_app.command("add")
def referral_add(
    ctx: typer.Context,
    prospect: Annotated[str, typer.Argument(help="The person you were referred to.")],
    referrer: Annotated[
        str, typer.Option("--from", help="Who referred them.", autocompletion=complete_contact)
    ],
    company: Annotated[str | None, typer.Option(help="The prospect's company.")] = None,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Record a referral that came without an ask (a partner, a networking contact)."""
    from reftrack.render.loop import print_referral_added, referral_document
    from reftrack.services.referrals import add_referral

    with runtime(ctx) as rt:
        view, created, earlier = add_referral(
            rt, referrer, prospect, rt.date(on, "--on"), company, note
        )
    emit(
        json,
        lambda: referral_document(view, earlier),
        lambda: print_referral_added(view, created, earlier),
    )


@referral_app.command("list")
def referral_list(
    ctx: typer.Context,
    status: Annotated[ReferralStatus | None, typer.Option(help="Only this status.")] = None,
    referrer: Annotated[
        str | None,
        typer.Option("--from", help="Only from this referrer.", autocompletion=complete_contact),
    ] = None,
    open_: Annotated[bool, typer.Option("--open", help="Only those not yet won or lost.")] = False,
    json: Json = False,
) -> None:
    """List referrals, newest first."""
    from reftrack.render.loop import print_referrals, referral_document
    from reftrack.services.referrals import list_referrals

    with runtime(ctx, must_exist=True) as rt:
        views = list_referrals(rt, status, referrer, open_)
    emit(json, lambda: [referral_document(v) for v in views], lambda: print_referrals(views))


Which = Annotated[
    str,
    typer.Argument(
        help="The prospect's name, or the referral's number (#12).",
        autocompletion=complete_referral,
    ),
]


@referral_app.command("update")
def referral_update(
    ctx: typer.Context,
    which: Which,
    status: Annotated[ReferralStatus, typer.Option(help="Where it stands now.")],
    value: Value = None,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Move a referral along: contacted, meeting, proposal, won or lost."""
    from reftrack.render.loop import print_referral_moved, referral_document
    from reftrack.services.referrals import update_referral

    with runtime(ctx) as rt:
        view = update_referral(rt, which, status, rt.date(on, "--on"), amount(value), note)
    emit(json, lambda: referral_document(view), lambda: print_referral_moved(view))


@referral_app.command("inform")
def referral_inform(
    ctx: typer.Context,
    which: Annotated[
        list[str],
        typer.Argument(
            help="The referrals you reported on: numbers (#12) or prospects' names, "
            "one or several.",
            autocompletion=complete_referral,
        ),
    ],
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Record that you told the referrer how their referral is going (several at once too)."""
    from reftrack.render.loop import print_referrer_informed, referral_document
    from reftrack.services.referrals import inform_referrer

    with runtime(ctx) as rt:
        views = inform_referrer(rt, which, rt.date(on, "--on"), note)
    # One referral gives one document, as it always has; several give a list.
    emit(
        json,
        lambda: (
            referral_document(views[0])
            if len(which) == 1
            else [referral_document(v) for v in views]
        ),
        lambda: print_referrer_informed(views),
    )


def thank(
    ctx: typer.Context,
    name: Name,
    for_: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="The referral (prospect or #number) this thanks them for.",
            autocompletion=complete_referral,
        ),
    ] = None,
    gift: Annotated[str | None, typer.Option(help="A gift you sent.")] = None,
    call: Annotated[bool, typer.Option("--call", help="You thanked them by phone.")] = False,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Thank a contact: a note (default), a --gift or a --call."""
    from reftrack.render.loop import print_thanks, thanks_document
    from reftrack.services.thanks import record_thanks

    if gift and call:
        raise typer.BadParameter(
            "a thank-you is a --gift or a --call, not both", param_hint="--gift/--call"
        )
    kind = ThankKind.gift if gift else ThankKind.call if call else ThankKind.note
    with runtime(ctx) as rt:
        view = record_thanks(rt, name, rt.date(on, "--on"), for_, kind, gift, note)
    emit(json, lambda: thanks_document(view), lambda: print_thanks(view))


def give(
    ctx: typer.Context,
    name: Name,
    to: Annotated[str, typer.Option("--to", help="Whom you introduced them to.")],
    company: Annotated[str | None, typer.Option(help="That person's company.")] = None,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Record an introduction you gave a contact: give to get."""
    from reftrack.render.loop import given_document, print_given
    from reftrack.services.relationships import record_given

    with runtime(ctx) as rt:
        view, count = record_given(rt, name, to, rt.date(on, "--on"), company, note)
    emit(json, lambda: given_document(view, count), lambda: print_given(view, count))


share_app = typer.Typer(
    add_completion=False,
    cls=AddByDefault,
    help="Log content sent to contacts as a soft referral; `share list` lists them.",
    no_args_is_help=True,
)


@share_app.command("add")
def share_add(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(help="Whom you sent it to.", autocompletion=complete_contact),
    ],
    content: Annotated[str | None, typer.Option(help="The content's title.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it lives.")] = None,
    forwarded: Annotated[
        bool, typer.Option("--forwarded", help="They passed it on (marks an earlier share).")
    ] = False,
    on: On = None,
    json: Json = False,
) -> None:
    """Log content sent to contacts (the default: `share NAME…` is `share add NAME…`)."""
    from reftrack.render.loop import print_shares, share_document
    from reftrack.services.relationships import record_share

    if content is None and not forwarded:
        raise typer.BadParameter("say what you shared: --content TITLE", param_hint="--content")
    with runtime(ctx) as rt:
        views = record_share(rt, names, content, rt.date(on, "--on"), url, forwarded)
    emit(json, lambda: [share_document(v) for v in views], lambda: print_shares(views, False))


@share_app.command("list")
def share_list(ctx: typer.Context, json: Json = False) -> None:
    """Everything you shared, newest first, and whether it was passed on."""
    from reftrack.render.loop import print_shares, share_document
    from reftrack.services.relationships import list_shares

    with runtime(ctx, must_exist=True) as rt:
        views = list_shares(rt)
    emit(json, lambda: [share_document(v) for v in views], lambda: print_shares(views, True))


Factor = Annotated[str | None, typer.Option(help="1 (weak) to 5 (strong).", metavar="N")]


score_app = typer.Typer(
    add_completion=False,
    cls=AddByDefault,
    help="Score a relationship (Liking, Reciprocity, Credibility, Commitment); `score list` ranks.",
    no_args_is_help=True,
)


@score_app.command("add")
def score_add(
    ctx: typer.Context,
    name: Name,
    liking: Factor = None,
    reciprocity: Factor = None,
    credibility: Factor = None,
    commitment: Factor = None,
    note: Note = None,
    on: On = None,
    json: Json = False,
) -> None:
    """Score a relationship (the default: `score NAME` is `score add NAME`)."""
    from reftrack.domain.numbers import SCORE, whole_number
    from reftrack.render.loop import print_scores, score_document
    from reftrack.services.relationships import record_score

    typed = {
        "liking": liking,
        "reciprocity": reciprocity,
        "credibility": credibility,
        "commitment": commitment,
    }
    scores = {
        factor: whole_number(text, f"--{factor}", SCORE) if text is not None else None
        for factor, text in typed.items()
    }
    with runtime(ctx) as rt:
        view = record_score(rt, name, rt.date(on, "--on"), note, **scores)
    emit(json, lambda: [score_document(view)], lambda: print_scores([view], False))


@score_app.command("list")
def score_list(ctx: typer.Context, json: Json = False) -> None:
    """Each contact's latest scorecard, strongest relationship first."""
    from reftrack.render.loop import print_scores, score_document
    from reftrack.services.relationships import list_scores

    with runtime(ctx, must_exist=True) as rt:
        views = list_scores(rt)
    emit(json, lambda: [score_document(v) for v in views], lambda: print_scores(views, True))
