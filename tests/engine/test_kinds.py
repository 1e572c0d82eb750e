"""Every rule kind, negation, questions, exceptions and quoted text, checked through the linter on real spans."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from replylint.engine.kinds import compile_rules
from replylint.engine.linter import lint
from replylint.inputs.drafts import draft_from_text
from replylint.packs.loading import load_pack

DEMO = Path(__file__).parents[1] / "data" / "demo.yaml"


@pytest.fixture(scope="module")
def demo_rules():
    return load_pack(DEMO).rules


def run(text, rules, pipeline):
    compiled = compile_rules(rules, pipeline)
    ((_, findings),) = list(lint([draft_from_text("d.txt", text)], compiled, pipeline))
    return [(f.rule, f.match, f.line, f.column, f.end_column, f.suggestion) for f in findings]


def only(rules, rule_id):
    return [r for r in rules if r.id == rule_id]


def test_phrase_rules_match_case_insensitively(demo_rules, pipeline):
    assert run("Honestly, YOUR FAULT.", only(demo_rules, "fault"), pipeline) == [
        ("demo.fault", "YOUR FAULT", 1, 11, 21, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It's not your fault.",
        "It is never your fault.",
        "That isn't your fault.",
        "It’s not your fault.",
        "It´s not your fault.",
    ],
)
def test_negation_in_the_clause_cancels_a_hit(demo_rules, pipeline, text):
    assert run(text, only(demo_rules, "fault"), pipeline) == []


def test_negation_behind_a_clause_break_does_not_cancel(demo_rules, pipeline):
    assert run("We did nothing, it's your fault.", only(demo_rules, "fault"), pipeline) == [
        ("demo.fault", "your fault", 1, 22, 32, None)
    ]


def test_a_no_that_answers_does_not_negate(demo_rules, pipeline):
    assert run("No I think it is your fault.", only(demo_rules, "fault"), pipeline) == [
        ("demo.fault", "your fault", 1, 18, 28, None)
    ]
    assert run("It is no longer your fault.", only(demo_rules, "fault"), pipeline) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('You replied "your fault" and closed it.', []),
        ("You replied \u201cyour fault\u201d and closed it.", []),
        ('"Fine," he said. Your fault.', [("demo.fault", "Your fault", 1, 18, 28, None)]),
        ('It is "obviously" your fault.', [("demo.fault", "your fault", 1, 19, 29, None)]),
    ],
)
def test_unless_quoted_skips_a_match_between_quotation_marks(demo_rules, pipeline, text, found):
    rules = [replace(r, unless_quoted=True) for r in only(demo_rules, "fault")]
    assert run(text, rules, pipeline) == found


def test_a_quoted_match_counts_without_unless_quoted(demo_rules, pipeline):
    assert run('You replied "your fault".', only(demo_rules, "fault"), pipeline) == [
        ("demo.fault", "your fault", 1, 14, 24, None)
    ]


def test_lemma_phrases_match_inflections_in_any_case(demo_rules, pipeline):
    assert run("We APOLOGISED for the inconvenience.", only(demo_rules, "apol"), pipeline) == []
    assert run("We Apologized for the inconveniences.", only(demo_rules, "apol"), pipeline) == [
        ("demo.apol", "Apologized for the inconveniences", 1, 4, 37, None)
    ]


def test_token_patterns_use_lemmas_and_lexicons(demo_rules, pipeline):
    assert run("You neglected it. Blame FedEx.", only(demo_rules, "forgot"), pipeline) == [
        ("demo.forgot", "You neglected", 1, 1, 14, None),
        ("demo.forgot", "Blame FedEx", 1, 19, 30, None),
    ]


def test_substitutions_suggest_the_replacement_and_keep_capitals(demo_rules, pipeline):
    assert run("Please be advised that we close. kindly wait.", only(demo_rules, "advised"), pipeline) == [
        ("demo.advised", "Please be advised that", 1, 1, 23, ""),
        ("demo.advised", "kindly", 1, 34, 40, "please"),
    ]


def test_require_reports_once_at_the_start_of_the_draft(demo_rules, pipeline):
    assert run("\n  DM us your order.", only(demo_rules, "thanks"), pipeline) == [("demo.thanks", "", 2, 3, 3, None)]
    assert run("Sorry! DM us.", only(demo_rules, "thanks"), pipeline) == []


def test_require_ignores_empty_drafts(demo_rules, pipeline):
    assert run("   \n", only(demo_rules, "thanks"), pipeline) == []


def test_metric_points_at_the_item_over_the_threshold(demo_rules, pipeline):
    assert run("Hi! Yes!\nNow!", only(demo_rules, "bangs"), pipeline) == [("demo.bangs", "!", 2, 4, 5, None)]
    assert run("Hi! Yes!", only(demo_rules, "bangs"), pipeline) == []


def test_quoted_customer_text_is_not_linted(demo_rules, pipeline):
    text = "Hello,\n> it is your fault, thanks\nWe will fix it.\n\nOn Mon, 3 Jun, Ana <a@b.c> wrote:\nthanks\n"
    assert run(text, [*only(demo_rules, "fault"), *only(demo_rules, "thanks")], pipeline) == [
        ("demo.thanks", "", 1, 1, 1, None)
    ]


def test_positions_survive_crlf_and_emoji(demo_rules, pipeline):
    text = "Hi 😀\r\nOops 😀😀 your fault\r\n"
    assert run(text, only(demo_rules, "fault"), pipeline) == [("demo.fault", "your fault", 2, 9, 19, None)]


def test_positions_survive_lone_cr(demo_rules, pipeline):
    assert run("Hi\rA\ryour fault", only(demo_rules, "fault"), pipeline) == [
        ("demo.fault", "your fault", 3, 1, 11, None)
    ]


def test_exceptions_cancel_overlapping_hits(write_pack, pipeline):
    pack = load_pack(
        write_pack("""
        pack: x
        rules:
          - id: wrong
            kind: phrase
            description: "d"
            message: "m"
            why: "w"
            suggest: "s"
            phrases: ["you entered it wrong"]
            exceptions: ["if you entered it wrong"]
    """)
    )
    assert run("If you entered it wrong, no worries.", pack.rules, pipeline) == []
    assert run("Sadly you entered it wrong.", pack.rules, pipeline) == [
        ("x.wrong", "you entered it wrong", 1, 7, 27, None)
    ]


def question_pack(phrase: str, mode: str) -> str:
    """A pack of one phrase rule with the given `questions` mode, for the tests of what a question is."""
    return f"""
    pack: x
    rules:
      - id: even
        kind: phrase
        description: "d"
        message: "m"
        why: "w"
        suggest: "s"
        phrases: ["{phrase}"]
        questions: {mode}
    """


@pytest.mark.parametrize(("mode", "question", "statement"), [("only", 1, 0), ("skip", 0, 1)])
def test_question_modes(write_pack, pipeline, mode, question, statement):
    pack = load_pack(write_pack(question_pack("did you even", mode)))
    assert len(run("Hm. Did you even restart it?", pack.rules, pipeline)) == question
    assert len(run("I wonder what did you even mean. Fine.", pack.rules, pipeline)) == statement


@pytest.mark.parametrize(
    "text",
    [
        "Did you even restart it?!",
        "did you even restart it",
        "I tried that.\nDid you even restart it\nIt says so on page one.",
        "Why did you even restart it, honestly",
    ],
)
def test_a_line_asks_when_a_question_mark_closes_it_or_it_opens_as_a_question(write_pack, pipeline, text):
    pack = load_pack(write_pack(question_pack("you even restart", "only")))
    assert [f[1] for f in run(text, pack.rules, pipeline)] == ["you even restart"]


@pytest.mark.parametrize(
    "text", ["So you even restart it then.", "Then you even restart it, and it works", "Once you even restart it"]
)
def test_an_unpunctuated_line_that_opens_as_a_statement_is_not_a_question(write_pack, pipeline, text):
    pack = load_pack(write_pack(question_pack("you even restart", "only")))
    assert run(text, pack.rules, pipeline) == []


def test_overlapping_matches_of_one_rule_collapse_to_the_longest(write_pack, pipeline):
    pack = load_pack(
        write_pack("""
        pack: x
        rules:
          - id: p
            kind: phrase
            description: "d"
            message: "m"
            why: "w"
            suggest: "s"
            phrases: ["not our", "not our problem", "our problem"]
    """)
    )
    assert run("That is not our problem.", pack.rules, pipeline) == [("x.p", "not our problem", 1, 9, 24, None)]


def test_model_only_attributes_are_skipped_under_the_blank_pipeline(write_pack, pipeline):
    pack = load_pack(
        write_pack("""
        pack: x
        rules:
          - id: pos
            kind: pattern
            description: "d"
            message: "m"
            why: "w"
            suggest: "s"
            patterns: [[{POS: "PRON"}, {LEMMA: "fail"}]]
    """)
    )
    compiled = compile_rules(pack.rules, pipeline)
    assert compiled.rules == ()
    assert compiled.skipped[0][1] == "needs POS, which pipeline 'blank:en' does not set"


def test_neighbouring_words_cancel_a_hit(write_pack, pipeline):
    pack = load_pack(
        write_pack("""
        pack: x
        rules:
          - id: deal
            kind: phrase
            description: "d"
            message: "m"
            why: "w"
            suggest: "s"
            phrases: ["deal with it"]
            unless_preceded_by: ["we'll", "we will"]
            unless_followed_by: ["for you"]
    """)
    )
    assert run("Deal with it.", pack.rules, pipeline) == [("x.deal", "Deal with it", 1, 1, 13, None)]
    assert run("We’ll deal with it.", pack.rules, pipeline) == []
    assert run("We will  deal with it today.", pack.rules, pipeline) == []
    assert run("I can deal with it for you.", pack.rules, pipeline) == []


RULE = """
    pack: x
    rules:
      - id: r
        description: "d"
        message: "{match}"
        why: "w"
        suggest: "s"
"""


def test_unless_draft_has_cancels_the_rule_for_the_whole_draft(write_pack, pipeline):
    pack = load_pack(
        write_pack(
            RULE
            + """
        kind: phrase
        phrases: ["contact your bank"]
        unless_draft_has: ["we'll follow up"]
    """
        )
    )
    assert len(run("Please contact your bank.", pack.rules, pipeline)) == 1
    assert run("Please contact your bank. We'll follow up too.", pack.rules, pipeline) == []


def test_channel_rules_run_only_on_their_channel(write_pack, pipeline):
    pack = load_pack(
        write_pack(
            RULE
            + """
        kind: metric
        metric: characters
        max: 10
        channels: ["public", "sms"]
    """
        )
    )
    compiled_none = compile_rules(pack.rules, pipeline)
    compiled_public = compile_rules(pack.rules, pipeline, "public")
    assert (compiled_none.rules, len(compiled_public.rules)) == ((), 1)
    assert len(compiled_public.measure("This is longer than ten.")) == 1


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("4111 1111 1111 1111", True),
        ("4111-1111-1111-1112", False),
        ("5500 0000 0000 0004", True),
        ("1234", False),
        ("378282246310005", True),
    ],
)
def test_luhn(text, valid):
    from replylint.engine.context import luhn

    assert luhn(text) is valid


def test_luhn_validation_keeps_only_card_numbers(write_pack, pipeline):
    pack = load_pack(
        write_pack(
            RULE
            + """
        kind: pattern
        patterns: [[{TEXT: {REGEX: "^\\\\d{4}$"}, OP: "{4}"}]]
        validate: luhn
    """
        )
    )
    found = run("Card 4111 1111 1111 1111 and order 1234 5678 9012 3456.", pack.rules, pipeline)
    assert [f[1] for f in found] == ["4111 1111 1111 1111"]


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("é" * 160, 1),
        ("ł" * 70, 1),
        ("ł" * 71, 2),
        ("😀" * 35, 1),
        ("😀" * 36, 2),
    ],
)
def test_sms_segments_follow_gsm7_and_ucs2(text, segments):
    from replylint.engine.metrics import sms_segments

    assert sms_segments(text)[0] == segments


def test_invisible_characters_do_not_hide_words_and_are_reported(demo_rules, pipeline):
    from replylint.packs.builtin import INVISIBLE_CHARACTERS

    text = "Thanks. It is your fa\u200bult.\nOk \u202eevil\u202c."
    assert run(text, [*only(demo_rules, "fault"), INVISIBLE_CHARACTERS], pipeline) == [
        ("demo.fault", "your fa\u200bult", 1, 15, 26, None),
        ("text.invisible-characters", "\u200b", 1, 22, 23, None),
        ("text.invisible-characters", "\u202e", 2, 4, 5, None),
        ("text.invisible-characters", "\u202c", 2, 9, 10, None),
    ]


def test_joiners_inside_emoji_are_not_reported(pipeline):
    from replylint.packs.builtin import INVISIBLE_CHARACTERS

    assert run("Family \U0001f468\u200d\U0001f469\u200d\U0001f467 day", [INVISIBLE_CHARACTERS], pipeline) == []


def test_lemmas_come_from_the_lookup_table_by_lower_case(pipeline):
    doc = pipeline.nlp("We APOLOGISED, Apologized and he DOES it; we can't.")
    assert [t.lemma_ for t in doc] == [
        "we",
        "apologise",
        ",",
        "apologize",
        "and",
        "he",
        "do",
        "it",
        ";",
        "we",
        "can",
        "not",
        ".",
    ]


def test_contractions_typed_without_apostrophes_read_as_the_words(pipeline):
    doc = pipeline.nlp("thats it, youre sure, dont go, youve won, youll see, y'all")
    assert [t.lemma_ for t in doc if t.text in {"s", "re", "nt", "ve", "ll", "y'"}] == [
        "be",
        "be",
        "not",
        "have",
        "will",
        "you",
    ]


@pytest.mark.parametrize("text", ["It isnt your fault.", "I dont think it is your fault."])
def test_a_negation_typed_without_its_apostrophe_cancels_a_hit(demo_rules, pipeline, text):
    assert run(text, only(demo_rules, "fault"), pipeline) == []


def test_the_fallback_lemma_table_answers_the_same(monkeypatch):
    from importlib import resources

    from replylint.engine import nlp

    fast = nlp._lemma_table()
    monkeypatch.setattr(resources, "files", lambda name: (_ for _ in ()).throw(ModuleNotFoundError(name)))
    slow = nlp._lemma_table()
    assert [slow.get(w, w) for w in ("apologized", "mice", "better")] == [
        fast.get(w, w) for w in ("apologized", "mice", "better")
    ]
