"""`edit ID`: change the fields of one recorded entry, validated as on creation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session

from reftrack.domain.edits import Edited, Value, changes
from reftrack.domain.entries import EntryRef, parse_entry_id
from reftrack.domain.outcomes import ask_outcome, kind_after
from reftrack.domain.reminders import FOLLOWED_UP
from reftrack.errors import ReftrackError, UsageProblem
from reftrack.invocation import reftrack
from reftrack.kinds import (
    EntryKind,
    Outcome,
    ReferralEventKind,
    ReferralStatus,
    ThankKind,
)
from reftrack.services.asks import follow_up_day
from reftrack.services.edit_fields import FIELDS, GIFT, Field, Typed
from reftrack.services.entries import (
    DAY_COLUMN,
    history_of,
    is_arrival,
    load_entry,
    resync_referral,
    summarize,
)
from reftrack.services.runtime import Runtime
from reftrack.services.views import refs_by_id
from reftrack.store import queries
from reftrack.store.models import Close, Contact, Referral

CONTACT_COLUMNS = ("contact_id", "prospect_id", "referrer_id")


def options_of(kind: EntryKind) -> list[str]:
    """The options an entry of this kind takes."""
    return [f.option for f in FIELDS[kind]]


def edit_entry(rt: Runtime, typed: str, given: Mapping[str, Typed]) -> Edited:
    """Change the fields given (option → typed value) of the entry `typed` names."""
    ref = parse_entry_id(typed)
    if not given:
        raise UsageProblem(
            f"say what to change in {ref}", f"it takes {', '.join(options_of(ref.kind))}"
        )
    unknown = [option for option in given if option not in options_of(ref.kind)]
    if unknown:
        raise UsageProblem(
            f"{unknown[0]} does not apply to {ref} ({ref.kind.replace('_', ' ')})",
            f"it takes {', '.join(options_of(ref.kind))}",
        )
    with rt.transaction() as session:
        _edit(session, rt, ref, typed, given, write=False)
    with rt.transaction(write=True) as session:
        # Again under the write lock, on the entry as it is now.
        return _edit(session, rt, ref, typed, given, write=True)


def _edit(
    session: Session,
    rt: Runtime,
    ref: EntryRef,
    typed: str,
    given: Mapping[str, Typed],
    write: bool,
) -> Edited:
    row = load_entry(session, rt, ref, typed)
    fields = [f for f in FIELDS[ref.kind] if f.option in given]
    columns = {f.option: _column(ref.kind, f) for f in FIELDS[ref.kind]}
    new = {columns[f.option]: f.parse(session, rt, f.option, given[f.option]) for f in fields}
    extra = _CHECKS.get(ref.kind, _no_check)(session, rt, ref, row, new)
    names = {columns[f.option]: f.name for f in FIELDS[ref.kind]}
    # What follows from the change (a follow-up day an outcome brings) is shown with it.
    shown = {**new, **{column: v for column, v in extra.items() if column in names}}
    old = {column: getattr(row, column) for column in shown}
    found = changes(_shown(session, old, names), _shown(session, shown, names))
    if write and (found or extra):
        for column, value in {**new, **extra}.items():
            setattr(row, column, value)
        session.add(row)
        session.flush()
        _after(session, ref, row)
    return Edited(summarize(session, ref.kind, row), found)


def _column(kind: EntryKind, field: Field) -> str:
    """The column an option sets: `--on` sets the day column of the kind."""
    return DAY_COLUMN[kind] if field.option == "--on" else field.column


def _shown(session: Session, values: dict[str, Any], names: dict[str, str]) -> dict[str, Value]:
    """Values as the output shows them: a contact by name, a date as a date."""
    ids = [v for c, v in values.items() if c in CONTACT_COLUMNS and v is not None]
    refs = refs_by_id(session, ids)
    return {
        names[c]: refs[v].label if c in CONTACT_COLUMNS and v is not None else v
        for c, v in values.items()
    }


Check = Callable[[Session, Runtime, EntryRef, Any, dict[str, Any]], dict[str, Any]]


def _no_check(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    return {}


def _check_close(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    """A close given to someone else may not leave its asks with the contact it had, nor
    move after the asks that followed it."""
    day = new.get("closed_on", row.closed_on)
    earlier = [a for a in queries.asks_of_close(session, row.id) if a.asked_on < day]
    if earlier:
        first = min(earlier, key=lambda a: a.asked_on)
        raise UsageProblem(
            f"--on: {day} is after ask a{first.id} that followed {ref} ({first.asked_on})",
            f"move the ask first: {reftrack()} edit a{first.id} --on {day}",
        )
    contact = new.get("contact_id", row.contact_id)
    if contact != row.contact_id:
        # Asks already given to the new contact go along; the others would be left behind.
        asks = [
            f"a{a.id}" for a in queries.asks_of_close(session, row.id) if a.contact_id != contact
        ]
        if asks:
            to = refs_by_id(session, [contact])[contact].typed
            raise ReftrackError(
                f"{ref} has asks that followed it: {', '.join(asks)}",
                f"give those to the new contact first: {reftrack()} edit {asks[0]} --name {to}"
                + (", and the same for the others" if len(asks) > 1 else ""),
            )
    return {}


def _check_ask(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    """An ask given to someone else takes the referrals it brought along to them; its
    outcome and follow-up day are held to the rules `ask` holds them to."""
    contact = new.get("contact_id", row.contact_id)
    referrals = queries.referrals_of_ask(session, row.id)
    for referral in referrals:
        if referral.prospect_id == contact:
            raise ReftrackError(f"{ref} brought a referral of that very contact (r{referral.id})")
    outcome = new.get("outcome", row.outcome)
    if referrals and outcome != Outcome.referred:
        raise ReftrackError(
            f"{ref} brought referrals ({', '.join(f'r{r.id}' for r in referrals)}), "
            f"so its outcome is referred, not '{outcome}'",
            "delete those first if no names came of it",
        )
    asked_on = new.get("asked_on", row.asked_on)
    close = session.get(Close, row.close_id) if row.close_id is not None else None
    if close is not None and asked_on < close.closed_on:
        raise UsageProblem(
            f"--on: {asked_on} is before close c{close.id} that {ref} followed ({close.closed_on})",
            "an ask comes on or after the close it follows",
        )
    arrived = [r for r in referrals if r.received_on < asked_on]
    if arrived:
        first = min(arrived, key=lambda r: r.received_on)
        raise UsageProblem(
            f"--on: {asked_on} is after referral r{first.id} that {ref} brought arrived "
            f"({first.received_on})",
            f"move the referral first: {reftrack()} edit r{first.id} --on {asked_on}",
        )
    if outcome not in FOLLOWED_UP:
        # A follow-up day given is refused as on `ask`; one left over is dropped with the
        # outcome that had it, as `ask` would never have stored it.
        ask_outcome(outcome, (), new.get("follow_up_on"), asked_on)
        return {"follow_up_on": None} if row.follow_up_on is not None else {}
    follow_up = new.get("follow_up_on", row.follow_up_on)
    if follow_up is None:
        # Newly followed up: the day `ask` would have given it.
        return {"follow_up_on": follow_up_day(session, rt, asked_on)}
    ask_outcome(outcome, (), follow_up, asked_on)
    return {}


def _check_referral(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    if new.get("referrer_id", row.referrer_id) == new.get("prospect_id", row.prospect_id):
        raise ReftrackError(f"{ref}: a contact cannot refer themselves")
    if "referrer_id" in new and row.ask_id is not None:
        to = refs_by_id(session, [new["referrer_id"]])[new["referrer_id"]].typed
        raise ReftrackError(
            f"{ref} came from ask a{row.ask_id}: its referrer is the contact asked",
            f"change that instead: {reftrack()} edit a{row.ask_id} --name {to}",
        )
    history = history_of(session, row)
    received = new.get("received_on", row.received_on)
    later = [e.happened_on for e in history[1:]]
    if later and received > min(later):
        raise UsageProblem(
            f"--on: {received} is after a later step of {ref} ({min(later)})",
            f"edit or delete that step first (see `{reftrack()} log`)",
        )
    status = new.pop("status", None)
    if status is not None:
        moves = [e for e in history if e.kind == ReferralEventKind.status]
        if len(moves) < 2:
            raise ReftrackError(
                f"{ref} has not moved since it arrived",
                f"move it on: {reftrack()} referral update {row.id} --status {status}",
            )
        _check_step_status(status)
        new["status"] = status
    won = new.get("status", row.status) == ReferralStatus.won
    if new.get("value_cents") is not None and not won:
        raise UsageProblem("--value goes with a won referral", "record the deal value when won")
    return {}


def _check_event(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    referral = session.get(Referral, row.referral_id)
    assert referral is not None
    if is_arrival(row, history_of(session, referral)):
        raise ReftrackError(f"{ref} is referral r{referral.id} arriving", f"edit r{referral.id}")
    if "status" in new:
        if row.kind == ReferralEventKind.inform:
            raise UsageProblem(f"--status: {ref} is a report to the referrer, not a move")
        _check_step_status(new["status"])
    day = new.get("happened_on", row.happened_on)
    if day < referral.received_on:
        raise UsageProblem(f"--on: {day} is before the referral arrived ({referral.received_on})")
    return {}


def _check_step_status(status: ReferralStatus) -> None:
    if status == ReferralStatus.new:
        raise UsageProblem("--status: a referral is new only when it arrives; pick a later status")


def _check_thank(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    referral = session.get(Referral, row.referral_id) if row.referral_id else None
    if referral is not None and new.get("contact_id", row.contact_id) != referral.referrer_id:
        raise ReftrackError(f"{ref} thanks for referral r{referral.id}, which came from another")
    if GIFT.column not in new:
        return {}
    # A gift named makes it a gift; a gift taken away leaves a note.
    if new[GIFT.column] is not None:
        return {"kind": ThankKind.gift}
    return {"kind": ThankKind.note} if row.kind == ThankKind.gift else {}


def _check_day_off(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    day = new.get("day", row.day)
    taken = [d for d in queries.days_off(session, rt.rep, day, day) if d.id != row.id]
    if taken:
        raise ReftrackError(f"{day} is already a day off (o{taken[0].id})")
    return {}


def _check_goal(
    session: Session, rt: Runtime, ref: EntryRef, row: Any, new: dict[str, Any]
) -> dict[str, Any]:
    day = new.get("effective_from", row.effective_from)
    for goal in queries.goals(session, rt.rep):
        if goal.id != row.id and goal.effective_from == day:
            raise ReftrackError(
                f"goal g{goal.id} already takes effect on {day}",
                f"remove it first: {reftrack()} goal rm g{goal.id}",
            )
    return {}


_CHECKS: dict[EntryKind, Check] = {
    EntryKind.close: _check_close,
    EntryKind.ask: _check_ask,
    EntryKind.referral: _check_referral,
    EntryKind.event: _check_event,
    EntryKind.thank: _check_thank,
    EntryKind.day_off: _check_day_off,
    EntryKind.goal: _check_goal,
}


def _move_referrer(session: Session, referral: Referral, referrer_id: int) -> None:
    """A referral given to another referrer, with the thank-yous for it."""
    if referral.referrer_id == referrer_id and referral.id is not None:
        given = queries.thanks_for_referral(session, referral.id)
        if all(t.contact_id == referrer_id for t in given):
            return
    referral.referrer_id = referrer_id
    session.add(referral)
    for thanks in queries.thanks_for_referral(session, referral.id or 0):
        thanks.contact_id = referrer_id
        session.add(thanks)


def _after(session: Session, ref: EntryRef, row: Any) -> None:
    """What follows from an edit: an ask's referrals follow its contact; a referral's state
    follows its steps."""
    if ref.kind == EntryKind.ask:
        for referral in queries.referrals_of_ask(session, row.id):
            _move_referrer(session, referral, row.contact_id)
    elif ref.kind == EntryKind.referral:
        _move_referrer(session, row, row.referrer_id)
        history = history_of(session, row)
        if history:
            arrival = history[0]
            if arrival.happened_on != row.received_on:
                arrival.happened_on = row.received_on
                session.add(arrival)
            # A status corrected on the referral is its latest move, corrected.
            moves = [e for e in history if e.kind == ReferralEventKind.status]
            latest = max(moves[1:], key=lambda e: e.id or 0, default=None)
            if latest is not None and latest.status != row.status:
                latest.status = row.status
                session.add(latest)
            resync_referral(row, history)
            session.add(row)
        _prospect_after(session, row)
    elif ref.kind == EntryKind.event:
        owner = session.get(Referral, row.referral_id)
        assert owner is not None
        resync_referral(owner, history_of(session, owner))
        session.add(owner)
        _prospect_after(session, owner)


def _prospect_after(session: Session, referral: Referral) -> None:
    """A referral corrected to won makes its prospect a customer, as `referral update` does."""
    prospect = session.get(Contact, referral.prospect_id)
    if prospect is not None and kind_after(referral.status, prospect.kind) != prospect.kind:
        prospect.kind = kind_after(referral.status, prospect.kind)
        session.add(prospect)
