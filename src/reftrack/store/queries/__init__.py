"""The reads services need, grouped by table, each selecting only what it uses (indexed).

Services call them as `queries.NAME`; each lives in the module of the table it reads.
No business rule is decided here: which outcomes or statuses count is the caller's to say.
"""

from reftrack.store.queries.asks import (
    ask_days,
    ask_days_of,
    asks_due,
    asks_of_contact,
    asks_on,
    asks_per_day,
    count_asks,
    latest_ask_ids,
)
from reftrack.store.queries.calendar import (
    all_days_off,
    days_off,
    goals,
)
from reftrack.store.queries.closes import (
    closes_between,
    latest_close,
    latest_close_without_ask,
)
from reftrack.store.queries.contacts import (
    contact_names,
    contact_refs,
    contacts,
    contacts_named,
    count_contacts,
    dates_on,
    important_dates,
    last_touches,
)
from reftrack.store.queries.entries import (
    asks_of_close,
    referrals_of_ask,
    thanks_for_referral,
)
from reftrack.store.queries.everything import (
    follow_ids,
    holds_rows,
    rows_of_rep,
)
from reftrack.store.queries.put_offs import (
    put_off,
    put_offs,
)
from reftrack.store.queries.referrals import (
    count_referrals,
    referral_counts_by_referrer,
    referral_events,
    referrals,
    referrals_by_id,
    referrals_in_status,
    referrals_received_between,
    referrals_untold_since,
    statuses_reached,
)
from reftrack.store.queries.relations import (
    given_count,
    given_counts,
    latest_score,
    latest_scores,
    scores_since,
    share_of,
    shares,
    thank_you_days,
)
from reftrack.store.queries.rows import (
    rows_of_contact,
    since,
)

__all__ = [
    "all_days_off",
    "ask_days",
    "ask_days_of",
    "asks_due",
    "asks_of_close",
    "asks_of_contact",
    "asks_on",
    "asks_per_day",
    "closes_between",
    "contact_names",
    "contact_refs",
    "contacts",
    "contacts_named",
    "count_asks",
    "count_contacts",
    "count_referrals",
    "dates_on",
    "days_off",
    "follow_ids",
    "given_count",
    "given_counts",
    "goals",
    "holds_rows",
    "important_dates",
    "last_touches",
    "latest_ask_ids",
    "latest_close",
    "latest_close_without_ask",
    "latest_score",
    "latest_scores",
    "put_off",
    "put_offs",
    "referral_counts_by_referrer",
    "referral_events",
    "referrals",
    "referrals_by_id",
    "referrals_in_status",
    "referrals_of_ask",
    "referrals_received_between",
    "referrals_untold_since",
    "rows_of_contact",
    "rows_of_rep",
    "scores_since",
    "share_of",
    "shares",
    "since",
    "statuses_reached",
    "thank_you_days",
    "thanks_for_referral",
]
