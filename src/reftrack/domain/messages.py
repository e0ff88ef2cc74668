"""What the rep says: phrasings for the ask and ready-to-send messages.

The phrasings follow the advice the spec builds on: ask about people facing
the problem you just solved (not "who else wants my product?"), ask lost
prospects too, make it easy for the referrer, and always thank.
"""

from __future__ import annotations

from dataclasses import dataclass

from reftrack.kinds import ScriptSituation

SCRIPTS: dict[ScriptSituation, tuple[str, ...]] = {
    ScriptSituation.won: (
        "I'm glad we could sort out your problem. Is there someone else, in your company "
        "or that you know, who is facing the same kind of issue we just solved?",
        "Most of the people I work with come through customers like you. Who do you know who "
        "is wrestling with what you were wrestling with three months ago?",
        "Would you be comfortable introducing me to one or two people who might benefit the "
        "way you have? I can send you a short note you can forward, so it takes you a minute.",
    ),
    ScriptSituation.lost: (
        "Thank you for the time you gave us, even though we were not the right fit this time. "
        "Is there someone you know for whom what we do might be a better match?",
        "You saw how we work from the inside of a buying process. If a colleague faced the "
        "problem we talked about, would you feel able to mention us?",
        "I'd value your honest view on where we fell short. And if someone you know is facing "
        "the issue we discussed, I'd be grateful for an introduction.",
    ),
    ScriptSituation.partner: (
        "Our customers overlap more than they compete. Which of your accounts are wrestling "
        "with the problems I solve right now? I'll keep an eye out for the ones that need you.",
        "I've got a customer who could use what you sell; shall I introduce you? And if any "
        "of yours look like {ideal_customer}, I'd appreciate the same.",
        "Could we trade a short list each quarter: the two or three accounts each of us "
        "thinks the other should meet?",
    ),
    ScriptSituation.network: (
        "I'm looking to meet {ideal_customer}. Does anyone come to mind?",
        "If you hear someone complaining about the problems I solve, would you think of me? "
        "I'll send you a two-line description you can pass along.",
        "Who is the most connected person you know in your industry? I'd love an introduction, "
        "and I'm happy to return the favour: who would you like to meet?",
    ),
}

MAKE_IT_EASY = (
    "Make it easy: offer to send a short note they can forward "
    "(reftrack template email NAME), and follow up in a few days if they promised to think."
)


def phrasings(situation: ScriptSituation, ideal_customer: str) -> list[str]:
    """The phrasings for a situation, with the rep's ideal customer filled in."""
    return [text.format(ideal_customer=ideal_customer) for text in SCRIPTS[situation]]


# Where a message names or signs the rep before they have told reftrack their name.
UNNAMED = "[your name]"


@dataclass(frozen=True)
class Message:
    """A ready-to-send message: a subject line and a body; `signed` when the rep's name is known."""

    subject: str
    body: str
    signed: bool = True

    @property
    def text(self) -> str:
        """The whole message as plain text."""
        return f"Subject: {self.subject}\n\n{self.body}"


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def intro_email(contact: str, ideal_customer: str, signature: str | None) -> Message:
    """A note the contact can forward to the people they have in mind."""
    rep = signature or UNNAMED
    body = (
        f"Hi {_first_name(contact)},\n\n"
        "Thank you again for offering to pass my name along. To make it easy, here is a "
        "short note you can forward as it is:\n\n"
        "---\n"
        f"I'd like to introduce {rep}. {rep} works with {ideal_customer}. "
        "I've found them easy to work with and worth a conversation; I think you would too. "
        "Would you be open to a short call?\n"
        "---\n\n"
        "Copy me in when you send it and I'll take it from there, and I'll let you know how "
        "it goes.\n\n"
        f"Thank you,\n{rep}"
    )
    return Message(subject=f"An introduction to {rep}", body=body, signed=bool(signature))


def _and(names: list[str]) -> str:
    """Names joined the way people write them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def thank_you_note(contact: str, prospects: list[str], signature: str | None) -> Message:
    """A thank-you note for referrals, naming each of them."""
    if prospects:
        opening = f"Thank you for introducing me to {_and(prospects)}."
        middle = "I'll keep you posted on how it goes. "
    else:
        opening = "Thank you for thinking of me and passing my name along."
        middle = ""
    body = (
        f"Hi {_first_name(contact)},\n\n"
        f"{opening} Introductions like yours are how most of my best work begins, and "
        f"I don't take them for granted. {middle}If there is ever someone I can introduce "
        "you to, please tell me.\n\n"
        f"With thanks,\n{signature or UNNAMED}"
    )
    return Message(subject="Thank you", body=body, signed=bool(signature))


def given_intro(contact: str, prospect: str, company: str | None, signature: str | None) -> Message:
    """An introduction the rep gives: the contact meets a prospect of their own."""
    who = f"{prospect} of {company}" if company else prospect
    body = (
        f"Hi {_first_name(contact)} and {_first_name(prospect)},\n\n"
        f"{_first_name(contact)}, meet {who}. {_first_name(prospect)}, meet "
        f"{contact}.\n\n"
        "I think you two should talk: each of you is working on something the other knows "
        "well. I'll let you take it from here.\n\n"
        f"Best,\n{signature or UNNAMED}"
    )
    return Message(
        subject=f"Introduction: {contact} and {prospect}", body=body, signed=bool(signature)
    )
