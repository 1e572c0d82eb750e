"""Inline suppressions: `replylint: disable=RULE -- reason` in a comment, for the next line, a block or a draft."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The directive lives in a comment that is not prose: HTML/Markdown <!-- -->, Jinja {# #}, Handlebars {{!-- --}}.
_COMMENT = re.compile(r"<!--(?P<html>.{0,500}?)-->|\{#(?P<jinja>.{0,500}?)#\}|\{\{!--(?P<hbs>.{0,500}?)--\}\}",
                      re.DOTALL)
_DIRECTIVE = re.compile(
    r"^\s*replylint:\s*(?P<verb>disable-next-line|disable|enable)"
    r"(?:\s*=\s*(?P<rules>[\w.\-]+(?:\s*,\s*[\w.\-]+)*))?\s*(?:--\s*(?P<reason>.*?))?\s*$",
    re.DOTALL,
)
UNUSED_RULE = "suppressions.unused"


@dataclass(frozen=True, slots=True)
class Suppression:
    """Rules (id prefixes; empty = every rule) silenced over draft offsets [start, end)."""

    rules: tuple[str, ...]
    start: int
    end: int
    comment: tuple[int, int]
    reason: str

    def covers(self, rule: str, start: int) -> bool:
        """Whether a hit of `rule` starting at `start` is silenced."""
        if not self.start <= start < self.end:
            return False
        return not self.rules or any(rule == p or rule.startswith(p.rstrip(".") + ".") for p in self.rules)


def whole_draft(rules: tuple[str, ...], length: int) -> Suppression:
    """A suppression for a whole draft (a collection entry's `replylint-disable` key)."""
    return Suppression(rules, 0, length + 1, (0, 0), "")


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the directive comments, which are not prose and are blanked before analysis."""
    return [(m.start(), m.end()) for m in _COMMENT.finditer(text)
            if _DIRECTIVE.match(m.group("html") or m.group("jinja") or m.group("hbs") or "")]


def parse(text: str) -> list[Suppression]:
    """Every suppression directive in a draft, with the range each covers."""
    found: list[Suppression] = []
    open_blocks: list[tuple[tuple[str, ...], int, tuple[int, int], str]] = []
    for comment in _COMMENT.finditer(text):
        body = comment.group("html") or comment.group("jinja") or comment.group("hbs") or ""
        directive = _DIRECTIVE.match(body)
        if directive is None:
            continue
        rules = tuple(r.strip() for r in (directive.group("rules") or "").split(",") if r.strip() and
                      r.strip() != "all")
        reason = (directive.group("reason") or "").strip()
        span = (comment.start(), comment.end())
        verb = directive.group("verb")
        if verb == "disable-next-line":
            line_start = text.find("\n", comment.end())
            if line_start == -1:
                continue
            line_end = text.find("\n", line_start + 1)
            found.append(Suppression(rules, line_start + 1, len(text) if line_end == -1 else line_end, span,
                                     reason))
        elif verb == "disable":
            open_blocks.append((rules, comment.end(), span, reason))
        else:
            # `enable` closes the open blocks it names (all of them when it names none).
            still_open = []
            for block in open_blocks:
                if not rules or set(block[0]) <= set(rules):
                    found.append(Suppression(block[0], block[1], comment.start(), block[2], block[3]))
                else:
                    still_open.append(block)
            open_blocks = still_open
    found.extend(Suppression(r, start, len(text) + 1, span, reason) for r, start, span, reason in open_blocks)
    return found
