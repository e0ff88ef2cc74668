"""Contacts as the rest of reftrack sees them, and the rules for naming them."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from reftrack.errors import UsageProblem
from reftrack.kinds import ContactKind


@dataclass(frozen=True)
class ContactRef:
    """Just enough of a contact to name it: id, name and company (and whether archived)."""

    id: int
    name: str
    company: str | None = None
    # Not part of who the contact is: the same contact compares equal archived or not.
    archived: bool = field(default=False, compare=False)

    @property
    def label(self) -> str:
        """The name as shown and as typed back: "Jane Doe (Acme)" when there is a company."""
        return f"{self.name} ({self.company})" if self.company else self.name

    @property
    def typed(self) -> str:
        """The label as one shell word, quoted when it needs to be, for a suggested command."""
        return shell_word(self.label)


# Characters a shell reads as themselves, outside quotes.
_BARE = frozenset("-_.,:@+/=%")
# Characters a shell still reads inside double quotes (`!`: history in an interactive bash).
_LIVE_IN_DOUBLE_QUOTES = frozenset('"\\$`!')


def shell_word(text: str) -> str:
    """Text as one word a POSIX shell reads back exactly: bare, "double" or 'single' quoted."""
    import shlex

    if text and all(ch.isalnum() or ch in _BARE for ch in text):
        return text
    if not any(ch in _LIVE_IN_DOUBLE_QUOTES or not ch.isprintable() for ch in text):
        return f'"{text}"'
    return shlex.quote(text)


@dataclass(frozen=True)
class ImportantDay:
    """A yearly date of a contact: a label and a month-day, maybe with the year it began."""

    label: str
    month: int
    day: int
    year: int | None = None
    # The stored row's number, for the key of its reminder; not part of the date itself.
    id: int | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """`MM-DD`, or `YYYY-MM-DD` when the year is known."""
        base = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{base}" if self.year else base


@dataclass(frozen=True)
class ContactCard:
    """A contact with everything stored on it directly."""

    id: int
    name: str
    company: str | None
    email: str | None
    phone: str | None
    kind: ContactKind
    note: str | None
    archived: bool
    dates: tuple[ImportantDay, ...] = field(default_factory=tuple)

    @property
    def ref(self) -> ContactRef:
        """This contact as a reference."""
        return ContactRef(self.id, self.name, self.company, self.archived)

    @property
    def label(self) -> str:
        """The name as shown and as typed back."""
        return self.ref.label

    @property
    def birthday(self) -> ImportantDay | None:
        """The date labelled birthday, if any."""
        return next((d for d in self.dates if d.label == BIRTHDAY), None)


BIRTHDAY = "birthday"


@dataclass(frozen=True)
class NameMatch:
    """What a typed name matched: one contact, several, or none but some close ones."""

    found: ContactRef | None
    candidates: tuple[ContactRef, ...] = ()
    suggestions: tuple[ContactRef, ...] = ()


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _split_company(query: str) -> tuple[str, str | None]:
    """Read "Jane Doe (Acme)" or "Jane Doe@Acme" as a name and a company."""
    bracketed = re.fullmatch(r"\s*(.+?)\s*\(\s*(.+?)\s*\)\s*", query)
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    if "@" in query:
        name, _, company = query.partition("@")
        if name.strip() and company.strip():
            return name.strip(), company.strip()
    return query, None


def match_name(query: str, contacts: list[ContactRef]) -> NameMatch:
    """Find the contact a typed name means: exact, then unique prefix, then close matches.

    Case and extra spaces never matter. A company in brackets or after `@`
    narrows the choice ("Jane Doe (Acme)", "jane@acme").
    """
    wanted = _fold(query)
    if not wanted:
        return NameMatch(None)
    name_part, company_part = _split_company(query)
    pool = contacts
    if company_part is not None:
        company = _fold(company_part)
        pool = [c for c in contacts if c.company and _fold(c.company).startswith(company)]
        wanted_name = _fold(name_part)
    else:
        wanted_name = wanted

    tiers: tuple[Callable[[ContactRef], bool], ...] = (
        # The full label as reftrack prints it names one contact even when its name alone,
        # or its company's start, is shared ("Jane Doe" beside "Jane Doe (Acme)").
        lambda c: _fold(c.label) == wanted,
        lambda c: _fold(c.name) == wanted_name or _fold(c.label) == wanted,
        lambda c: _fold(c.name).startswith(wanted_name) or _fold(c.label).startswith(wanted),
        lambda c: any(word.startswith(wanted_name) for word in _fold(c.name).split()),
    )
    for matches_tier in tiers:
        hits = [c for c in pool if matches_tier(c)]
        if len(hits) == 1:
            return NameMatch(hits[0])
        if hits:
            return NameMatch(None, candidates=tuple(sorted(hits, key=lambda c: _fold(c.label))))

    def likeness(contact: ContactRef) -> float:
        name = _fold(contact.name)
        return max(
            difflib.SequenceMatcher(None, wanted_name, part).ratio()
            for part in (name, *name.split())
        )

    scored = sorted(((likeness(c), c) for c in contacts), key=lambda pair: -pair[0])
    suggestions = tuple(contact for score, contact in scored if score >= 0.6)[:3]
    return NameMatch(None, suggestions=suggestions)


def completions(typed: str, contacts: list[ContactRef]) -> list[str]:
    """What shell completion offers for a typed start of a contact's name.

    Matched as a typed name is (case and extra spaces aside): the name or label starts
    with it, or a word of the name does. A name shared by several contacts is offered
    as each one's label ("Jane Doe (Acme)"), which names one of them.
    """
    wanted = _fold(typed)
    shared: dict[str, int] = {}
    for contact in contacts:
        shared[_fold(contact.name)] = shared.get(_fold(contact.name), 0) + 1
    offered = {
        contact.label if shared[_fold(contact.name)] > 1 else contact.name
        for contact in contacts
        if _fold(contact.label).startswith(wanted)
        or any(word.startswith(wanted) for word in _fold(contact.name).split())
    }
    return sorted(offered, key=lambda text: (_fold(text), text))


def clean_name(text: str, what: str = "name") -> str:
    """A name with its spaces tidied; refused when empty."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UsageProblem(f"the {what} is empty", f"give a {what}")
    if cleaned.startswith("-"):
        raise UsageProblem(f"'{cleaned}' is not a {what}", "names cannot start with '-'")
    return cleaned


def clean_optional(text: str | None) -> str | None:
    """Tidy an optional text; an empty one means none."""
    if text is None:
        return None
    cleaned = text.strip()
    return cleaned or None


def clean_email(text: str | None) -> str | None:
    """An e-mail address, loosely checked: something@somewhere."""
    cleaned = clean_optional(text)
    if cleaned is None:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in cleaned):
        # A control or format character (ESC, a bidi override) is never part of an address.
        raise UsageProblem(
            f"--email: '{cleaned}' holds a control character", "type the address alone"
        )
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", cleaned):
        raise UsageProblem(f"--email: '{cleaned}' is not an e-mail address", "use name@example.com")
    return cleaned


def parse_labelled_date(text: str) -> tuple[str, str]:
    """Split `LABEL=MM-DD` into its label and its date text."""
    label, separator, value = text.partition("=")
    label = " ".join(label.split()).casefold()
    if not separator or not label or not value.strip():
        raise UsageProblem(f"--date: '{text}' is not LABEL=MM-DD", "e.g. --date anniversary=06-14")
    return label, value.strip()
