"""Output that input cannot drive: control characters, bidi controls and workflow commands made visible."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from replylint.findings import Finding
    from replylint.packs.records import Rule

_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROLS_BUT_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates reorder what a terminal or a review page shows ("Trojan Source").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible(value: str, *, keep_breaks: bool = False) -> str:
    """Control and bidi characters swapped one for one for visible stand-ins, so input cannot drive a terminal.

    `keep_breaks` leaves CR and LF for a format that encodes them itself (GitHub's %0D and %0A).
    """
    controls = _CONTROLS_BUT_BREAKS if keep_breaks else _CONTROLS
    return _BIDI.sub("\ufffd", controls.sub(_stand_in, value))


def one_line(value: str) -> str:
    """The value on a single line: line breaks become spaces, other control characters visible."""
    return visible(_BREAKS.sub(" ", value))


# The customer's message shown beside a reply's findings, cut to this in every format that shows it cut.
MESSAGE_CHARS = 300


def customer_words(message: str) -> str:
    """The customer's message a reply answers on one line, white space runs as one space, cut to MESSAGE_CHARS."""
    words = " ".join(one_line(message).split())
    return words if len(words) <= MESSAGE_CHARS else words[: MESSAGE_CHARS - 1] + "…"


def in_reply_to(finding: Finding, rules: Mapping[str, Rule]) -> str | None:
    """The customer's message for a context finding (judged against it, so read beside it); None for others,
    and for one whose message already quotes it whole (a one-sentence message), which would say it twice."""
    rule = rules.get(finding.rule)
    if finding.in_reply_to is None or rule is None or rule.kind != "context":
        return None
    words = customer_words(finding.in_reply_to)
    return None if f"'{words}'" in finding.message else words


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␀ ... ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def printable_path(path: str) -> str:
    """A path as text any output can hold: bytes that were not UTF-8 (surrogate escapes) as \\xNN."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def shown_path(path: str) -> str:
    """A path for a line-oriented report: printable, on one line, never starting a workflow command."""
    shown = one_line(printable_path(path))
    # GitHub Actions reads a line that starts with '::' as a command, whatever the step printed.
    return "\u2236\u2236" + shown[2:] if shown.startswith("::") else shown


def located_error(path: str, error: str) -> tuple[str, str]:
    """An input's error split into where (the path, with its line when the reader gave one) and what.

    Readers name the file and line themselves ("m.json:3: expected a value"); the path is not said twice.
    """
    if error.startswith(path + ":"):
        place, _, message = error[len(path) + 1 :].partition(": ")
        if place.isdigit() and message:
            return f"{path}:{place}", message
        return path, error[len(path) + 1 :].lstrip()
    return path, error
