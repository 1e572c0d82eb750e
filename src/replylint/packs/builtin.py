"""Rules the engine itself reports (unused suppressions, unfilled placeholders): listed and selected like any."""

from __future__ import annotations

from replylint.findings import Severity
from replylint.packs.records import Example, Rule

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
    fail=(
        Example.parse("[[<!-- replylint: disable=snark -->]]\nThanks, all sorted.", 0),
        Example.parse("[[<!-- replylint: disable-next-line=blame -->]]\nThanks for waiting; the fix ships today.", 0),
        Example.parse("[[{# replylint: disable=promotion -- quoting them #}]]\nThanks for the kind words!", 0),
    ),
    passes=(
        Example.parse("Thanks, all sorted.", 0),
        Example.parse("Thanks! To silence a rule, write replylint: disable=snark in an HTML comment.", 0),
        Example.parse("<!-- replylint: disable-next-line=blame -->\nThanks for asking; this is user error.", 0),
    ),
)
UNKNOWN_RULE = Rule(
    pack="suppressions",
    id="unknown-rule",
    kind="builtin",
    severity=Severity.WARNING,
    description="A replylint: disable comment naming a rule that does not exist.",
    message="This suppression names {detail}, which is no rule{hint}; it silences nothing.",
    why="A mistyped rule id in a suppression silences nothing, so the writer believes a finding is excused "
    "while the gate still fails, or believes a rule is off that is not.",
    suggest="Use the rule's id as `replylint rules` lists it, or its pack name.",
    source="<built-in>",
    line=0,
    fail=(
        Example.parse("[[<!-- replylint: disable=snrak -->]]\nThanks, all sorted.", 0),
        Example.parse("[[<!-- replylint: disable-next-line=blam -->]]\nThanks for waiting.", 0),
        Example.parse("[[{# replylint: disable=snark.sarcasmm -- old name #}]]\nThanks for the report.", 0),
    ),
    passes=(
        Example.parse("<!-- replylint: disable=snark -->\nThanks, all sorted.", 0),
        Example.parse("<!-- replylint: disable-next-line=blame.customer-fault -->\nThanks for waiting.", 0),
        Example.parse("<!-- note: snrak is the team's cat -->\nThanks for the report.", 0),
    ),
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
    fail=(
        Example.parse("Hi [[<Customer Name>]], thanks for writing in.", 0),
        Example.parse("Thanks for your order [[{{ order_id }}]]; it ships today.", 0),
        Example.parse("Hello [[{first_name}]], sorry for the wait.", 0),
    ),
    passes=(
        Example.parse("Hi Dana, thanks for writing in.", 0),
        Example.parse("Thanks! Section [2] of the guide covers refunds.", 0),
        Example.parse("Thanks for the report [sic] and the screenshot.", 0),
    ),
)
NOT_ENGLISH = Rule(
    pack="language",
    id="not-english",
    kind="builtin",
    severity=Severity.SUGGESTION,
    description="A draft not in English, which the English packs do not judge.",
    message="This draft reads as {language}: rules for English ({packs}) were not applied to it.",
    why="English phrase rules misread other languages (an apology in Spanish is not 'missing thanks'); a draft in "
    "another language needs a reviewer or a pack for that language.",
    suggest="Have someone who reads the language review it, or add a pack that declares that language.",
    source="<built-in>",
    line=0,
    fail=(
        Example.parse("Lo sentimos mucho por el retraso; hoy mismo te enviamos el reembolso.", 0),
        Example.parse("Merci pour votre patience : nous avons remboursé votre commande aujourd'hui.", 0),
        Example.parse("Vielen Dank für Ihre Geduld, wir haben die Bestellung heute erstattet.", 0),
    ),
    passes=(
        Example.parse("Sorry for the wait; we are sending the refund today.", 0),
        Example.parse("Gracias! Thanks for your patience, we refunded the order this morning.", 0),
        Example.parse("Thanks for the photo of the café; the croissant recipe is on our site.", 0),
    ),
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
    fail=(
        Example.parse("Thanks for the fe[[\u200b]]edback.", 0),
        Example.parse("Thanks; your code is [[\u202e]]4321, valid today.", 0),
        Example.parse("Thanks, we re[[\u00ad]]funded it.", 0),
    ),
    passes=(
        Example.parse("Thanks for the feedback.", 0),
        Example.parse("Thanks, great work \U0001f469\u200d\U0001f4bb!", 0),
        Example.parse("Thanks; the naïve café fix ships today.", 0),
    ),
)
BUILTIN_RULES = (UNUSED_SUPPRESSION, UNKNOWN_RULE, UNFILLED_PLACEHOLDER, INVISIBLE_CHARACTERS, NOT_ENGLISH)
