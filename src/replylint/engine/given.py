"""context.asks-for-given-info: the reply asks for a detail (order number, e-mail, ...) the customer already gave."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.engine.dialogue import find_all, hit

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacy.tokens import Span

    from replylint.engine.dialogue import Message, Reply
    from replylint.engine.hits import Hit
    from replylint.packs.records import Rule

# An e-mail address. Bounded parts, tried only where a local part can start: an unbounded one was retried from
# every letter of a long word with no "@" (quadratic: 50,000 letters took 10 s).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,24}\b", re.I)
# A phone number: 9 to 15 digits with the usual separators, not part of a longer word or number.
# The privacy pack's role addresses: a brand's inbox that customers quote ("I emailed support@ twice").
_ROLE_ADDRESS = re.compile(
    r"(?:support|help|helpdesk|care|customercare|customerservice|service|info|contact|hello|team|feedback|billing"
    r"|sales|orders|returns|refunds|complaints|noreply|no-reply|enquiries|inquiries)[._+-]?[\w.+-]*@",
    re.I,
)
# Words just before a number that make it the customer's: "my number is", "call me on", "mobile:".
_OWN_NUMBER = re.compile(
    r"\b(?:my|me|mine|i'm|i am|reach|call|text|ring|contact|cell|mobile|phone|tel|number|whatsapp)\b\W*"
    r"(?:\w+\W+){0,3}$",
    re.I,
)
_OWNER_REACH = 40
_PHONE = re.compile(r"(?<![\w+/.])\+?\(?\d[\d ().-]{7,18}\d(?![\w/])")
# A record's identifier: at least four digits, maybe letters and dashes ("#55123", "AB-2291734", "1Z999AA1012").
_IDENTIFIER = re.compile(r"#?\s?\b[A-Z]{0,4}-?\d[\dA-Z-]{3,}\b", re.I)
_RECORDS = {
    "order": re.compile(r"\border\b", re.I),
    "tracking": re.compile(r"\b(?:tracking|waybill|consignment|parcel|package|shipment)\b", re.I),
    "account": re.compile(r"\b(?:account|acct|membership|member|customer)\b", re.I),
}
_RECORD_REACH = 40  # the identifier stands this close after the word that names it: "order no. is 55123"
_PICTURE = re.compile(r"\b(?:screen ?shots?|screen ?grabs?|photos?|pictures?|pics?|images?|video)\b", re.I)
_SHOWN = re.compile(r"\b(?:attach\w*|here|below|above|see|included|enclosed|sent|shared|shows?)\b|https?://", re.I)


def check(rule: Rule, reply: Reply, found: list[Span], message: Message) -> Iterator[Hit]:
    """One finding per ask (the rule's patterns) for a kind of detail the customer's message already holds."""
    for span in found:
        kind = next((name for name, words in rule.cues if find_all(words, span.text)), None)
        given = _given(kind, message) if kind is not None else None
        if given is not None:
            yield hit(rule, (span.start_char, span.end_char), message.quote(*given), span.text)


def _given(kind: str, message: Message) -> tuple[int, int] | None:
    detector = _DETECTORS.get(kind)
    return detector(message) if detector is not None else None


def _email(message: Message) -> tuple[int, int] | None:
    """The customer's address: a brand's role address they wrote to (support@, help@) is not theirs."""
    for found in _EMAIL.finditer(message.text):
        if not _ROLE_ADDRESS.match(found.group()):
            return found.span()
    return None


def _phone(message: Message) -> tuple[int, int] | None:
    """A phone number the customer gives as theirs ("my number is", "call me on"), not one they rang."""
    text = message.text
    for found in _PHONE.finditer(text):
        owned = _OWN_NUMBER.search(text[max(0, found.start() - _OWNER_REACH) : found.start()])
        if owned and 9 <= sum(c.isdigit() for c in found.group()) <= 15:
            return found.span()
    return None


def _record(kind: str) -> Callable[[Message], tuple[int, int] | None]:
    def detect(message: Message) -> tuple[int, int] | None:
        text = message.text
        for word in _RECORDS[kind].finditer(text):
            reach = text[word.end() : word.end() + _RECORD_REACH]
            number = _IDENTIFIER.search(reach)
            if (
                number
                and sum(c.isdigit() for c in number.group()) >= 4
                and not _SENTENCE_BREAK.search(reach[: number.start()])
            ):
                return word.start(), word.end() + number.end()
        return None

    return detect


_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _picture(message: Message) -> tuple[int, int] | None:
    for found in _PICTURE.finditer(message.text):
        start, end = message.sentence_at(found.start())
        if _SHOWN.search(message.text, start, end):
            return start, end
    return None


# The detail kinds a `given-info` rule's cues may name, each with its detector in the customer's message.
_DETECTORS: dict[str, Callable[[Message], tuple[int, int] | None]] = {
    "email": _email,
    "phone": _phone,
    "order": _record("order"),
    "tracking": _record("tracking"),
    "account": _record("account"),
    "screenshot": _picture,
}
KINDS = tuple(_DETECTORS)
