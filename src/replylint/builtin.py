"""Rules the engine itself reports (unused suppressions, unfilled placeholders): listed and selected like any."""

from __future__ import annotations

from replylint.findings import Severity
from replylint.packs import Example, Rule

UNUSED_SUPPRESSION = Rule(
    pack="suppressions",
    id="unused",
    kind="builtin",
    severity=Severity.WARNING,
    description="A replylint: disable comment that silences nothing.",
    message="This suppression silences nothing{detail}; remove it.",
    why="A stale suppression hides the next real problem in that spot: the draft changed, the exemption stayed.",
    suggest="Delete the comment, or narrow it to the rule that still fires there.",
    source="<built-in>",
    line=0,
    fail=(Example.parse("[[<!-- replylint: disable=snark -->]]\nThanks, all sorted.", 0),),
)
UNKNOWN_SUPPRESSION = Rule(
    pack="suppressions",
    id="unknown-rule",
    kind="builtin",
    severity=Severity.WARNING,
    description="A replylint: disable comment naming a rule that does not exist.",
    message="This suppression names no rule: {detail}.",
    why="A misspelt rule id silences nothing, so the exemption someone meant to write is not there.",
    suggest="Correct the rule id (`replylint rules` lists them), or delete the comment.",
    source="<built-in>",
    line=0,
    fail=(Example.parse("[[<!-- replylint: disable=snark.insults -->]]\nThanks, all sorted.", 0),),
)
UNFILLED_PLACEHOLDER = Rule(
    pack="placeholders",
    id="unfilled",
    kind="builtin",
    severity=Severity.ERROR,
    description="A template placeholder left in a draft that is about to be sent.",
    message="'{match}' is a template placeholder: fill it in before sending.",
    why="A reply that greets '[Customer Name]' tells the customer they got a form letter nobody read.",
    suggest="Replace the placeholder with the real value, e.g. the customer's first name.",
    source="<built-in>",
    line=0,
    fail=(Example.parse("Hi [[[Customer Name]]], thanks for writing in.", 0),),
)
INVISIBLE_CHARACTERS = Rule(
    pack="text",
    id="invisible-characters",
    kind="builtin",
    severity=Severity.WARNING,
    description="Invisible characters (zero-width, bidi controls, soft hyphens) hidden in a reply.",
    message="Invisible characters here ({codes}); a reader cannot see them.",
    why="Hidden characters break search and copy-paste for the customer, can reorder text on screen, and can "
    "slip a phrase past review; replies should contain only what the reader sees.",
    suggest="Delete the invisible characters; retype the word if it was pasted from elsewhere.",
    source="<built-in>",
    line=0,
    fail=(Example.parse("Thanks for the fe[[\u200b]]edback.".encode().decode("unicode_escape"), 0),),
)
BUILTIN_RULES = (UNUSED_SUPPRESSION, UNKNOWN_SUPPRESSION, UNFILLED_PLACEHOLDER, INVISIBLE_CHARACTERS)
# Pack names the engine's own rules use: a user pack may not take them (it would take over their ids).
BUILTIN_PACKS = frozenset(rule.pack for rule in BUILTIN_RULES)
