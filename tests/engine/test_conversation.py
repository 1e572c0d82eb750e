"""The context checks: pairs of a customer message and a reply, through the API as a run reads them."""

from __future__ import annotations

import pytest

from replylint.api import Linter
from replylint.engine.conversation import CHECKS
from replylint.engine.given import KINDS
from replylint.findings import Severity
from replylint.packs.loading import load_pack
from replylint.packs.records import CONTEXT_CHECKS, CONTEXT_CUES, PackError


@pytest.fixture(scope="module")
def linter():
    return Linter.from_config(select=["context", "acknowledgement.missing-acknowledgement"])


def found(linter, reply: str, customer: str | None) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity.value, f.match) for f in linter.lint(reply, in_reply_to=customer)]


def test_every_check_a_pack_may_name_has_a_finder_and_every_detail_kind_a_detector():
    assert set(CHECKS) == set(CONTEXT_CHECKS)
    assert set(KINDS) == set(CONTEXT_CUES["given-info"])


def test_no_empathy_for_distress_replaces_the_generic_missing_acknowledgement(linter):
    reply = "Our store opens at nine tomorrow morning."
    assert found(linter, reply, None) == [("acknowledgement.missing-acknowledgement", "warning", "")]
    assert found(linter, reply, "Still no refund after FOUR WEEKS, this is ridiculous.") == [
        ("context.no-empathy-for-distress", "warning", "")
    ]


def test_a_calm_customer_leaves_the_generic_rule_in_place(linter):
    reply = "Our store opens at nine tomorrow morning."
    assert found(linter, reply, "Do you sell gift cards in the store?") == [
        ("acknowledgement.missing-acknowledgement", "warning", "")
    ]


def test_an_unanswered_question_is_a_warning_only_in_a_very_short_reply(linter):
    customer = "Can I bring my dog into the cafe on the terrace?"
    short = "Thanks so much for the lovely photo!"
    long = (
        "Thanks so much for the lovely photo! Our team shared it around the office and everybody agreed it is one "
        "of the nicest pictures of the garden this spring."
    )
    assert found(linter, short, customer) == [("context.unanswered-question", "warning", "")]
    assert found(linter, long, customer) == [("context.unanswered-question", "suggestion", "")]


def test_each_finding_quotes_the_customer_and_says_what_to_write(linter):
    (finding,) = linter.lint("Thanks, Ola! Please reinstall the app.", in_reply_to="Reinstalled it twice, same crash.")
    assert finding.severity == Severity.WARNING
    assert finding.message == (
        "The customer already tried this ('Reinstalled it twice, same crash.'): 'reinstall' sends them round again; "
        "offer the next step."
    )


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        # The customer wrote the details in a question, not as the answer: nothing was given.
        ("Do I need my order number to return a jumper?", "Thanks! Yes, please send us your order number."),
        # The reply names the step the customer tried only to rule it out.
        (
            "I reset my password already, still locked out.",
            "Thanks! Since you reset your password already, we'll unlock it.",
        ),
        # A clause that opens with a wh-word is no question: "when you ..." memes ask nothing.
        ("when you finally get the last seat by the window", "Thanks for flying with us, enjoy the view!"),
        # Asking about a step is not having tried it.
        ("Do I have to restart the router again?", "Thanks! Yes, please restart the router once."),
        # A negated sign of distress is none.
        (
            "I'm not upset, and it isn't frustrating, just curious: when do you open?",
            "Thanks for asking! We open at nine.",
        ),
        # A greeting the customer's own message used.
        ("Hi, it's Kasia writing for my dad.\n\n- Jan", "Hi Kasia, thanks for writing in for your dad!"),
    ],
)
def test_pairs_that_look_alike_but_are_fine_pass(linter, customer, reply):
    assert found(linter, reply, customer) == []


CONTEXT_RULE = """
pack: listening
rules:
  - id: step
    kind: context
    check: repeated-step
    description: "d"
    message: "m"
    why: "w"
    suggest: "s"
    cues:
      restart: ["restart"]
"""


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("    check: repeated-step\n", ""), 3, "missing field 'check'"),
        (("check: repeated-step", "check: mind-reading"), 5, "'check' must be one of given-info"),
        (("check: repeated-step", "check: distress"), 11, "unknown cue 'restart' for check 'distress'"),
        (('message: "m"', 'message: "{count}"'), 7, "message placeholder {count} is unknown for a context rule"),
        (('      restart: ["restart"]\n', ""), 10, "a 'repeated-step' rule needs 'cues'"),
        (('suggest: "s"', 'suggest: "s"\n    replaces: ["Missing Thanks"]'), 10, "'replaces' takes rule ids"),
    ],
)
def test_a_malformed_context_rule_names_the_line(write_pack, change, line, message):
    path = write_pack(CONTEXT_RULE.replace(*change))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert (caught.value.line, message in caught.value.detail) == (line, True), caught.value.detail


@pytest.mark.parametrize(
    ("customer", "greeted"),
    [
        ("The tap still drips after the repair.\n\nCheers,\nZoë", "Chloë"),
        ("Where is my refund? - Joanna", "Anna"),
        ("The tap still drips.\nMy name is Idris and I booked the plumber.", "Imran"),
    ],
)
def test_a_greeting_that_is_not_the_signed_name_is_quoted_against_it(linter, customer, greeted):
    (finding,) = linter.lint(f"Hi {greeted}, thanks for letting us know.", in_reply_to=customer)
    assert (finding.rule, finding.match) == ("context.name-mismatch", greeted)


@pytest.mark.parametrize(
    "customer",
    [
        "The tap still drips after the repair.\nPlease",  # a last line that is no name
        "The tap still drips after the repair. Thanks!",
        "The tap still drips after the repair.\n\nSent from my phone",
    ],
)
def test_no_signed_name_means_no_name_finding(linter, customer):
    assert linter.lint("Hi Chloë, thanks for letting us know.", in_reply_to=customer) == []


@pytest.mark.parametrize(
    ("customer", "expected"),
    [
        ("\n" * 100_000 + "Thanks,\nPriya", [("context.name-mismatch", "error", "Sarah")]),
        ("Thanks" + " " * 100_000 + "Priya", [("context.name-mismatch", "error", "Sarah")]),
        ("- \n" * 50_000, []),
        ("x\nAb\n" * 30_000, [("context.name-mismatch", "error", "Sarah")]),
        # Each step found looks up its sentence: by bisection, not a walk through every sentence before it.
        ("I never restarted it. " * 20_000, []),
        ("I did not restart " * 20_000, []),
        # An e-mail address is looked for only where one can start, in bounded parts.
        ("a" * 50_000, []),
    ],
)
def test_long_runs_in_the_customer_message_read_as_one_space_or_line(linter, customer, expected):
    # Each of these took tens of seconds while a signature pattern scanned every run of white space again from
    # each of its characters; read as one space or line break, a run costs what a character does.
    reply = "Hi Sarah, thanks for the photo of the garden. Please restart the router and send us your e-mail."
    assert found(linter, reply, customer) == expected


@pytest.mark.parametrize(
    ("customer", "ask", "given"),
    [
        ("You can reach me at dana.k@example.org after six.", "What is your email address?", "dana.k@example.org"),
        ("My mobile is 07700 900461, text me there.", "What is your phone number?", "07700 900461"),
        ("Tracking number 1Z999AA10123456784 says delivered.", "Please send us the tracking number.", "Tracking"),
    ],
)
def test_a_detail_the_customer_gave_as_theirs_is_not_asked_for_again(linter, customer, ask, given):
    (finding,) = [f for f in linter.lint(ask, in_reply_to=customer) if f.rule.startswith("context.")]
    assert finding.rule == "context.asks-for-given-info"
    assert f"('{given}" in finding.message


@pytest.mark.parametrize(
    ("customer", "ask"),
    [
        ("I wrote to support@example.com twice and heard nothing.", "What is your email address?"),
        ("I rang 0800 555 0199 three times, nobody picked up.", "What is your phone number?"),
        ("Order 2 of 3 arrived, the other one is missing.", "Could you send us your order number?"),
        ("The tracking link in the e-mail is broken.", "Could you send us the tracking number?"),
    ],
)
def test_a_number_or_address_that_is_not_the_customers_detail_is_no_given_info(linter, customer, ask):
    assert [f.rule for f in linter.lint(ask, in_reply_to=customer) if f.rule.endswith("given-info")] == []


def test_a_dash_signature_is_quoted_from_its_dash(linter):
    (finding,) = linter.lint("Hi Anna, thanks for letting us know.", in_reply_to="Where is my refund? - Joanna")
    assert (
        finding.message == "'Anna' is not the name the customer signed with ('- Joanna'): greet them by their own name."
    )


@pytest.mark.parametrize(
    "customer",
    [
        "What time does the garden centre close on Sundays?",
        "Which adapter fits the Q3 projector?",
        "How long does a passport photo take to print?",
        "What's the weight limit on the roof box?",
    ],
)
def test_a_wh_question_closed_by_a_question_mark_is_left_open_by_a_thank_you(linter, customer):
    found = linter.lint("Thanks for reaching out, we love hearing from you!", in_reply_to=customer)
    assert [(f.rule, f.severity.value) for f in found if f.rule.startswith("context.")] == [
        ("context.unanswered-question", "warning")
    ]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Which colours does the raincoat come in?", "It comes in navy, olive and red."),
        ("What now?", "Thanks for reaching out, we love hearing from you!"),
        ("Who do I talk to about a broken locker?", "Please reach out to our gym staff at the front desk."),
    ],
)
def test_an_answer_a_short_outburst_and_a_redirect_are_not_unanswered(linter, customer, reply):
    assert [f.rule for f in linter.lint(reply, in_reply_to=customer) if f.rule == "context.unanswered-question"] == []
