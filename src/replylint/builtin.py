"""Rules the engine itself reports (unused suppressions, unfilled placeholders): listed and selected like any."""

from __future__ import annotations

from replylint.findings import Severity
from replylint.packs import Example, Rule

UNUSED_SUPPRESSION = Rule(
    pack="suppressions", id="unused", kind="builtin", severity=Severity.WARNING,
    description="A replylint: disable comment that silences nothing.",
    message="This suppression silences nothing{detail}; remove it.",
    why="A stale suppression hides the next real problem in that spot: the draft changed, the exemption stayed.",
    suggest="Delete the comment, or narrow it to the rule that still fires there.",
    source="<built-in>", line=0,
    fail=(Example.parse("[[<!-- replylint: disable=snark -->]]\nThanks, all sorted.", 0),),
)
UNFILLED_PLACEHOLDER = Rule(
    pack="placeholders", id="unfilled", kind="builtin", severity=Severity.ERROR,
    description="A template placeholder left in a draft that is about to be sent.",
    message="'{match}' is a template placeholder: fill it in before sending.",
    why="A reply that greets '[Customer Name]' tells the customer they got a form letter nobody read.",
    suggest="Replace the placeholder with the real value, e.g. the customer's first name.",
    source="<built-in>", line=0,
    fail=(Example.parse("Hi [[[Customer Name]]], thanks for writing in.", 0),),
)
BUILTIN_RULES = (UNUSED_SUPPRESSION, UNFILLED_PLACEHOLDER)
