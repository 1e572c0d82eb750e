"""Inline suppressions: `replylint: disable=RULE -- reason` in a comment, for the next line, a block or a draft."""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint.findings import under

# The directive lives in a comment that is not prose: HTML/Markdown <!-- -->, Jinja {# #}, Handlebars {{!-- --}}.
_COMMENT = re.compile(
    r"<!--(?P<html>.{0,500}?)-->|\{#(?P<jinja>.{0,500}?)#\}|\{\{!--(?P<hbs>.{0,500}?)--\}\}", re.DOTALL
)
_DIRECTIVE = re.compile(
    r"^\s*replylint:\s*(?P<verb>disable-next-line|disable|enable)"
    r"(?:\s*=\s*(?P<rules>[\w.\-]+(?:\s*,\s*[\w.\-]+)*))?\s*(?:--\s*(?P<reason>.*?))?\s*$",
    re.DOTALL,
)
UNUSED_RULE = "suppressions.unused"


@dataclass(frozen=True, slots=True)
class Suppression:
    """Rules (id prefixes; empty = every rule) silenced over draft offsets [start, end).

    `comment` is where the directive stands, reported when it silences nothing; `entry` marks a collection
    entry's replylint-disable key, reported at the start of the reply.
    """

    rules: tuple[str, ...]
    start: int
    end: int
    comment: tuple[int, int]
    reason: str
    entry: bool = False
    # The current ids of the rules `rules` names (aliases resolved), once the loaded rules are known.
    ids: frozenset[str] | None = None

    def covers(self, rule: str, start: int) -> bool:
        """Whether a hit of `rule` starting at `start` is silenced."""
        if not self.start <= start < self.end:
            return False
        if self.ids is not None:
            return rule in self.ids
        return not self.rules or any(under(rule, p) for p in self.rules)


def whole_draft(rules: tuple[str, ...], text: str) -> Suppression:
    """A suppression for a whole draft (a collection entry's `replylint-disable` key)."""
    first = len(text) - len(text.lstrip())
    return Suppression(rules, 0, len(text) + 1, (first, first), "", entry=True)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the directive comments, which are not prose and are blanked before analysis."""
    return [
        (m.start(), m.end())
        for m in _COMMENT.finditer(text)
        if _DIRECTIVE.match(m.group("html") or m.group("jinja") or m.group("hbs") or "")
    ]


def parse(text: str, ignored: tuple[tuple[int, int], ...] = ()) -> list[Suppression]:
    """Every suppression directive in a draft, with the range each covers.

    A directive inside code or quoted text (an ignored span larger than the comment itself) is an example,
    not an instruction, and is skipped.
    """
    found: list[Suppression] = []
    open_blocks: list[tuple[tuple[str, ...], int, tuple[int, int], str]] = []
    for comment in _COMMENT.finditer(text):
        body = comment.group("html") or comment.group("jinja") or comment.group("hbs") or ""
        directive = _DIRECTIVE.match(body)
        if directive is None or _quoted(text, comment.start(), comment.end(), ignored):
            continue
        rules = tuple(
            r.strip() for r in (directive.group("rules") or "").split(",") if r.strip() and r.strip() != "all"
        )
        reason = (directive.group("reason") or "").strip()
        span = (comment.start(), comment.end())
        verb = directive.group("verb")
        if verb == "disable-next-line":
            line_start = text.find("\n", comment.end())
            if line_start == -1:
                # Nothing follows: an empty range, so the directive is reported as silencing nothing.
                found.append(Suppression(rules, len(text) + 1, len(text) + 1, span, reason))
                continue
            line_end = text.find("\n", line_start + 1)
            found.append(Suppression(rules, line_start + 1, len(text) if line_end == -1 else line_end, span, reason))
        elif verb == "disable":
            open_blocks.append((rules, comment.end(), span, reason))
        else:
            open_blocks = _enable(open_blocks, rules, comment.start(), found)
    found.extend(Suppression(r, start, len(text) + 1, span, reason) for r, start, span, reason in open_blocks)
    return found


def _enable(
    blocks: list[tuple[tuple[str, ...], int, tuple[int, int], str]],
    rules: tuple[str, ...],
    at: int,
    found: list[Suppression],
) -> list[tuple[tuple[str, ...], int, tuple[int, int], str]]:
    """Close what `enable=rules` names (everything when it names nothing); the rest of a block stays open."""
    still_open = []
    for names, start, span, reason in blocks:
        if not rules:
            found.append(Suppression(names, start, at, span, reason))
            continue
        # A block that silences every rule cannot be narrowed to "all but these": it stays open.
        closed = tuple(n for n in names if any(under(n, r) for r in rules))
        if closed:
            found.append(Suppression(closed, start, at, span, reason))
        remaining = tuple(n for n in names if n not in closed)
        if remaining or not names:
            still_open.append((remaining, start, span, reason))
    return still_open


def _quoted(text: str, start: int, end: int, ignored: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= start and end <= b and text[a:b].strip() != text[start:end] for a, b in ignored)
