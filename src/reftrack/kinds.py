"""The named choices of reftrack; kept import-light so the CLI can declare options with them."""

from enum import StrEnum


class ContactKind(StrEnum):
    """What a contact is to the rep."""

    customer = "customer"
    prospect = "prospect"
    partner = "partner"
    network = "network"


class CloseResult(StrEnum):
    """How a deal ended."""

    won = "won"
    lost = "lost"


class Outcome(StrEnum):
    """What came of an ask."""

    referred = "referred"
    promised = "promised"
    declined = "declined"
    pending = "pending"


class Channel(StrEnum):
    """How an ask was made."""

    in_person = "in-person"
    call = "call"
    email = "email"
    video = "video"


class ReferralStatus(StrEnum):
    """Where a referral stands in the pipeline."""

    new = "new"
    contacted = "contacted"
    meeting = "meeting"
    proposal = "proposal"
    won = "won"
    lost = "lost"


class ReferralEventKind(StrEnum):
    """What happened to a referral: its status moved, or its referrer was told."""

    status = "status"
    inform = "inform"


class LogKind(StrEnum):
    """The kinds of entry `log` lists."""

    close = "close"
    ask = "ask"
    referral = "referral"
    status = "status"
    inform = "inform"
    thank = "thank"
    give = "give"
    share = "share"
    score = "score"


class EntryKind(StrEnum):
    """The kinds of entry `edit` and `delete` address by id (`c12`, `a34`, …)."""

    close = "close"
    ask = "ask"
    referral = "referral"
    event = "event"
    thank = "thank"
    give = "give"
    share = "share"
    score = "score"
    day_off = "day_off"
    goal = "goal"


class ThankKind(StrEnum):
    """The form a thank-you took."""

    note = "note"
    gift = "gift"
    call = "call"


class Period(StrEnum):
    """The span a referral goal covers."""

    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


class ScriptSituation(StrEnum):
    """Whom the rep is about to ask, for choosing a phrasing."""

    won = "won"
    lost = "lost"
    partner = "partner"
    network = "network"


class MessageKind(StrEnum):
    """The ready-to-send messages `template` writes."""

    email = "email"
    thanks = "thanks"
    intro = "intro"


class ReminderKind(StrEnum):
    """The kinds of item `today` lists."""

    ask_close = "ask_close"
    follow_up = "follow_up"
    contact_referral = "contact_referral"
    inform_referrer = "inform_referrer"
    thank = "thank"
    date = "date"
    give_back = "give_back"
    stay_in_touch = "stay_in_touch"
    commitment = "commitment"


class ChangeKind(StrEnum):
    """What a command did to one row, as the operation journal keeps it."""

    insert = "insert"
    update = "update"
    delete = "delete"


# A referral is closed once won or lost; open while still in the pipeline.
CLOSED_STATUSES = frozenset({ReferralStatus.won, ReferralStatus.lost})
OPEN_STATUSES = frozenset(ReferralStatus) - CLOSED_STATUSES


class ImportFormat(StrEnum):
    """Where a file to import comes from."""

    hubspot = "hubspot"
    salesforce = "salesforce"
    pipedrive = "pipedrive"
    csv = "csv"
    vcard = "vcard"
    reftrack = "reftrack"


class ImportField(StrEnum):
    """What a column of an imported CSV file holds (`--map COLUMN=FIELD`)."""

    name = "name"
    first_name = "first_name"
    last_name = "last_name"
    email = "email"
    company = "company"
    phone = "phone"
    kind = "kind"
    note = "note"
    birthday = "birthday"
    deal = "deal"
    closed_on = "closed_on"
    value = "value"
    stage = "stage"
    crm_id = "crm_id"


class ExportFormat(StrEnum):
    """How `export` writes the rep's record."""

    json = "json"
    csv = "csv"


class ExportKind(StrEnum):
    """The kinds of record an export holds, one list (or CSV file) each."""

    contacts = "contacts"
    dates = "dates"
    closes = "closes"
    asks = "asks"
    referrals = "referrals"
    referral_events = "referral_events"
    thank_yous = "thank_yous"
    given = "given"
    shares = "shares"
    scores = "scores"
    goals = "goals"
    days_off = "days_off"
    put_offs = "put_offs"


class ImportAction(StrEnum):
    """What an import did (or, in a dry run, would do) with a record."""

    added = "added"
    matched = "matched"
    skipped = "skipped"
    bad = "bad"
