"""Find template placeholders ({{ name }}, [Agent Name], %ORDER_ID% ...) and template comments in a reply."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from replylint.packs import regexes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from replylint.inputs.drafts import Draft

Span = tuple[int, int]

# Two to four Title Case words, lower-case joiners ("Date of Purchase") and acronyms ("ID"); one word alone
# ("[Solved]", "[Update]") is too often prose, so single words must be known field names.
_TITLE = r"(?:[A-Z][a-z]+(?:'s)?|[A-Z][A-Z0-9]+)"
_TITLE_WORDS = rf"{_TITLE}(?: (?:{_TITLE}|of|the|and|or|for|to|on|in)){{1,3}}"
# snake_case, UPPER_SNAKE or dotted fields: at least one '_' or '.', each part a word.
_FIELD = r"[A-Za-z][A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+"
# Single words that name a field, in any case; none is an HTML element, so <name> is never a tag.
_WORDS = (
    "(?i:name|first ?name|last ?name|full ?name|user ?name|customer|agent|email|phone|company|date"
    "|signature|amount|product|order|order ?number)"
)

# Every pattern is linear: bounded repeats over negated classes or disjoint alternatives, no nested
# unbounded quantifiers, so a hostile draft ("{{{{..." or "[Aa Aa Aa ...") cannot make them backtrack.
SYNTAXES: dict[str, str] = {
    # Jinja, Liquid, Twig, Zendesk: {{ expression }} and {% tag %}; text between {% if %} tags stays prose.
    "jinja": r"\{\{(?!!)[^{}]{1,300}\}\}|\{%(?s:.{1,300}?)%\}",
    # Handlebars / Mustache: {{{raw}}}, {{#if x}}, {{/if}}, {{else}}, {{> partial}}, {{name}}.
    "handlebars": r"\{\{\{[^{}]{1,300}\}\}\}|\{\{[#/^>&]?[^{}!][^{}]{0,299}\}\}",
    # Python str.format and many help desks: {name}, {order.id}, {0}.
    "braces": r"(?<![{$])\{(?:[A-Za-z_][\w.]{0,63}|\d{1,2})\}(?!\})",
    # %ORDER_ID%: upper case only, so "50% off, now 20%" is prose.
    "percent": r"(?<![\w%])%[A-Z][A-Z0-9_]{0,63}%(?![\w%])",
    # [Agent Name], [ORDER_ID], [customer.name]; not [sic], [link], [x] or a Markdown link [text](url).
    "brackets": rf"\[(?:{_TITLE_WORDS}|{_FIELD}|{_WORDS})\](?![(\[:])",
    # <first_name>, <Agent Name>, <name>; never <b>, <br>, <a href=...>.
    "angle": rf"<(?:{_FIELD}|{_TITLE}(?: {_TITLE}){{1,3}}|{_WORDS})>",
    # ${name} and $NAME$ (not prices: the name starts with a letter).
    "dollar": r"\$\{[A-Za-z_][\w.\-]{0,63}\}|(?<![\w$])\$[A-Za-z_][\w.]{0,63}\$(?![\w$])",
}
DEFAULT_SYNTAXES: tuple[str, ...] = tuple(SYNTAXES)
# Template comments are not prose and not placeholders: they are ignored like code. Found with str.find, not
# a lazy regex, so a file full of unclosed "{#" costs one pass.
_COMMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "jinja": (("{#", "#}"),),
    "handlebars": (("{{!--", "--}}"), ("{{!", "}}")),
}
# Template statements rather than fields: {% tag %}, {{#block}}, {{/block}}, {{^inverse}}, {{else}}.
_LOGIC = re.compile(r"\{%|\{\{[#/^]|\{\{~?\s*else\b")
# Every named syntax (and every template comment) opens with one of these: most replies hold none, and one
# scan for them spares the whole alternation.
_OPENERS = re.compile(r"[{\[<%$]")


def check_syntaxes(syntaxes: Iterable[str], custom: Iterable[str] = ()) -> None:
    """Raise ValueError naming the first unknown syntax name or invalid custom regular expression."""
    for name in syntaxes:
        if name not in SYNTAXES:
            raise ValueError(f"unknown placeholder syntax {name!r} (known: {', '.join(SYNTAXES)})")
    for pattern in custom:
        if why := regexes.problem(pattern):
            raise ValueError(f"placeholder pattern {pattern!r}: {why}")


@lru_cache(maxsize=32)
def _compiled(syntaxes: tuple[str, ...], custom: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    check_syntaxes(syntaxes, custom)
    # The named syntaxes share one alternation (one pass per draft); custom patterns are compiled alone so
    # their groups, flags and back-references mean what their author wrote.
    named = "|".join(SYNTAXES[name] for name in syntaxes)
    return (*((re.compile(named),) if named else ()), *(re.compile(p) for p in custom))


def find_comments(text: str, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES) -> tuple[Span, ...]:
    """Spans of template comments ({# ... #}, {{! ... }}, {{!-- ... --}})."""
    spans: list[Span] = []
    for opener, closer in (pair for name in syntaxes for pair in _COMMENTS.get(name, ())):
        position = 0
        while (start := text.find(opener, position)) >= 0:
            if opener == "{#" and start and text[start - 1] == "{":
                position = start + 1  # "{{#if x}}" is a Handlebars block, not a Jinja comment
                continue
            end = text.find(closer, start + len(opener))
            if end < 0:
                break
            spans.append((start, end + len(closer)))
            position = end + len(closer)
    return merge_spans(spans)


def find_placeholders(
    text: str, syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES, custom: tuple[str, ...] = ()
) -> tuple[Span, ...]:
    """Sorted, merged spans of template placeholders; ValueError for an unknown syntax or a bad pattern."""
    patterns = _compiled(tuple(syntaxes), tuple(custom))
    if not custom and not _OPENERS.search(text):
        return ()
    comments = find_comments(text, syntaxes)
    found = (m.span() for pattern in patterns for m in pattern.finditer(text))
    return merge_spans(s for s in found if not inside(s, comments))


def mark_templates(
    draft: Draft,
    syntaxes: tuple[str, ...] = DEFAULT_SYNTAXES,
    custom: tuple[str, ...] = (),
    neutral: tuple[Span, ...] = (),
) -> Draft:
    """The draft with template comments ignored and placeholders (plus `neutral` spans) marked.

    Placeholders inside ignored spans (a {{ url }} in an HTML attribute, a field in quoted customer text) are
    dropped: they are not prose, and the whole span is blanked already. Logic tags are ignored, not marked.
    """
    before = merge_spans(draft.ignored)
    found = [s for s in find_placeholders(draft.text, syntaxes, custom) if not inside(s, before)]
    # Logic tags ({% if vip %}, {{#if}}, {{/if}}) are blanked rather than made a word: the prose they wrap
    # often touches them ("{% if vip %}Thanks!{% endif %}") and would be glued into one neutral token.
    logic = {s for s in found if _LOGIC.match(draft.text, s[0])}
    ignored = merge_spans((*before, *find_comments(draft.text, syntaxes), *logic))
    fields = (s for s in found if s not in logic)
    return replace(draft, ignored=ignored, placeholders=merge_spans((*draft.placeholders, *fields, *neutral)))


def inside(span: Span, spans: tuple[Span, ...]) -> bool:
    """Whether `span` lies within one of `spans` (sorted and merged, as merge_spans returns them)."""
    index = bisect_right(spans, (span[0], float("inf"))) - 1
    return index >= 0 and spans[index][1] >= span[1]


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sort spans and merge overlapping ones; empty spans are dropped."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
