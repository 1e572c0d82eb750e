"""The robotic, overpromise and argument packs end to end through the CLI: rule ids, positions, suggestions, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app
from replylint.packs.loading import load_packs, shipped_pack_paths

TONE_PACKS = ("robotic", "overpromise", "argument")


def check(*args: str) -> tuple[int, list[tuple[str, int, int, str, str | None]]]:
    """Run `replylint check ... --format json`; the exit code and each finding as (rule, line, column, match, suggestion)."""
    result = CliRunner().invoke(app, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    (file,) = report["files"]
    return result.exit_code, [
        (f["rule"], f["line"], f["column"], f["match"], f.get("suggestion")) for f in file["findings"]
    ]


# --- robotic -------------------------------------------------------------------------------------------------------


def test_robotic_flags_a_form_letter_line_by_line():
    draft = (
        "Dear customer,\n"
        "Please be advised that your refund was issued.\n"
        "We apologize for any inconvenience this may have caused.\n"
    )
    assert check("--select", "robotic", "--text", draft) == (
        1,
        [
            ("robotic.form-letter-greeting", 1, 1, "Dear customer", None),
            # A deleted lead-in: the suggestion is empty, and "your" keeps its lower case.
            ("robotic.please-be-advised", 2, 1, "Please be advised that", ""),
            (
                "robotic.any-inconvenience",
                3,
                14,
                "for any inconvenience this may have caused",
                "for the trouble this caused",
            ),
        ],
    )


def test_robotic_substitutions_keep_the_capital_of_a_sentence_start():
    draft = "We regret to inform you that the show is cancelled. Sorry, we regret to inform you that it rained."
    assert check("--select", "robotic.regret-to-inform", "--text", draft) == (
        1,
        [
            ("robotic.regret-to-inform", 1, 1, "We regret to inform you that", "We're sorry to say that"),
            ("robotic.regret-to-inform", 1, 60, "we regret to inform you that", "we're sorry to say that"),
        ],
    )


def test_robotic_suggestions_alone_do_not_fail_the_run_unless_asked():
    draft = "Thanks, Sam! Moved as per your request."
    found = [("robotic.officialese", 1, 20, "as per your request", "as you asked")]
    assert check("--select", "robotic", "--text", draft) == (0, found)
    assert check("--select", "robotic", "--fail-on", "suggestion", "--text", draft) == (1, found)


def test_robotic_leaves_a_plain_warm_reply_alone():
    draft = "Hi Sam, sorry your parcel is late. I've asked the courier to trace it and I'll update you tomorrow."
    assert check("--select", "robotic", "--text", draft) == (0, [])


def test_robotic_lead_in_split_by_a_double_space_is_matched_whole(tmp_path):
    # Whitespace runs read as one space, so the whole lead-in matches and --fix deletes all of it.
    assert check("--select", "robotic", "--text", "Please be advised  that we close at 5.") == (
        1,
        [("robotic.please-be-advised", 1, 1, "Please be advised  that", "")],
    )
    draft = tmp_path / "reply.txt"
    draft.write_text("Please be advised  that we close at 5.\n", encoding="utf-8")
    CliRunner().invoke(app, ["check", "--no-cache", "--select", "robotic", "--fix", str(draft)])
    assert draft.read_text(encoding="utf-8") == "We close at 5.\n"


def test_robotic_fixes_read_correctly_in_place(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text(
        "Hi Sam,\n\n"
        "Please be advised that your refund was issued. We apologize for any inconvenience caused by the outage.\n"
        "We regret to inform you that the show is cancelled. Sorry but please be informed that we close at 5.\n"
        "Moved as per your request. Should you have any further questions, please do not hesitate to reply.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", "--no-cache", "--select", "robotic", "--fix", str(draft)])
    assert result.exit_code == 0, result.output
    assert draft.read_text(encoding="utf-8") == (
        "Hi Sam,\n\n"
        "Your refund was issued. We apologize for the trouble caused by the outage.\n"
        "We're sorry to say that the show is cancelled. Sorry but we close at 5.\n"
        "Moved as you asked. If you have any other questions, please reply.\n"
    )
    # Nothing left to fix: a second run changes nothing.
    again = CliRunner().invoke(app, ["check", "--no-cache", "--select", "robotic", "--fix", str(draft)])
    assert again.exit_code == 0 and "fixed" not in again.stderr


def test_robotic_reports_but_never_fixes_the_unswappable_rules(tmp_path):
    draft = tmp_path / "reply.txt"
    text = "Dear customer, your call is important to us. Sorry for the inconvenience.\n"
    draft.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--no-cache", "--select", "robotic", "--fix", "--format", "text", str(draft)]
    )
    assert result.exit_code == 1
    assert [line.split(" [")[1].split("]")[0] for line in result.stdout.splitlines()] == [
        "robotic.form-letter-greeting",
        "robotic.important-to-us",
        "robotic.stock-inconvenience",
    ]
    assert draft.read_text(encoding="utf-8") == text


# --- overpromise ---------------------------------------------------------------------------------------------------


def test_overpromise_flags_never_again_and_a_firm_deadline():
    draft = "So sorry, Sam. It won't happen again.\nYour refund will reach your card within 24 hours."
    assert check("--select", "overpromise", "--text", draft) == (
        1,
        [
            ("overpromise.never-again", 1, 16, "It won't happen again", None),
            ("overpromise.firm-deadline", 2, 13, "will reach your card within 24 hours", None),
        ],
    )


def test_overpromise_flags_a_promise_and_an_instant_fix_in_one_sentence():
    assert check("--select", "overpromise", "--text", "I promise it'll be fixed immediately.") == (
        1,
        [
            ("overpromise.i-promise", 1, 1, "I promise", None),
            ("overpromise.instant-outcome", 1, 13, "'ll be fixed immediately", None),
        ],
    )


@pytest.mark.parametrize(
    "draft",
    [
        "Refunds usually reach your card within 5 days, and we hope it won't happen again.",
        "I'll call you back within the hour.",
        "We can't guarantee a date, but I've marked the order urgent.",
        "You'll need to cancel within 24 hours to get a full refund.",
        "Hopefully it'll be fixed by tomorrow; I'll keep an eye on it.",
    ],
)
def test_overpromise_accepts_hedged_and_own_commitments(draft):
    assert check("--select", "overpromise", "--text", draft) == (0, [])


# --- argument ------------------------------------------------------------------------------------------------------


def test_argument_flags_contradiction_denial_and_squaring_up():
    draft = "You're wrong. That's simply not true, and let me be clear: the fee stands."
    assert check("--select", "argument", "--text", draft) == (
        1,
        [
            ("argument.you-are-wrong", 1, 1, "You're wrong", None),
            ("argument.flat-denial", 1, 15, "That's simply not true", None),
            ("argument.let-me-be-clear", 1, 43, "let me be clear", None),
        ],
    )


def test_argument_severity_decides_the_exit_code():
    draft = "Sorry, but that never happened."
    found = [("argument.flat-denial", 1, 12, "that never happened", None)]
    assert check("--select", "argument", "--text", draft) == (1, found)
    assert check("--select", "argument", "--fail-on", "error", "--text", draft) == (0, found)
    assert check("--select", "argument", "--fail-on", "error", "--text", "You are mistaken.")[0] == 1


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ((), []),
        (("--channel", "email"), []),
        (("--channel", "dm"), []),
        (("--channel", "public"), [("argument.public-rebuttal", 1, 1, "For anyone reading", None)]),
    ],
)
def test_argument_public_rebuttal_only_runs_on_the_public_channel(channel, expected):
    draft = "For anyone reading, we refunded the order in full."
    assert check("--select", "argument", *channel, "--text", draft) == (1 if expected else 0, expected)


@pytest.mark.parametrize(
    "draft",
    [
        "You're not wrong, and that's on us.",
        "If that's not the case, let us know and we'll dig deeper.",
        "Actually, you were right: we've refunded the fee.",
        "We won't disagree, the new menu is great!",
    ],
)
def test_argument_leaves_agreement_and_conditions_alone(draft):
    assert check("--select", "argument", "--channel", "public", "--text", draft) == (0, [])


# --- the packs as shipped ------------------------------------------------------------------------------------------

PACKS = {pack.name: pack for pack in load_packs(shipped_pack_paths()) if pack.name in TONE_PACKS}
CHANNEL_RULES = [rule for pack in PACKS.values() for rule in pack.rules if rule.channels]


def test_the_tone_packs_are_shipped_with_several_rules_each():
    assert set(PACKS) == set(TONE_PACKS)
    assert all(len(pack.rules) >= 5 for pack in PACKS.values())


@pytest.mark.parametrize("rule", CHANNEL_RULES, ids=lambda r: r.qualified_id)
def test_channel_rules_pass_their_own_examples_on_their_channel(rule):
    # `replylint test-rules` compiles without a channel and skips these rules, so check them here.
    for channel in rule.channels:
        for example in rule.fail:
            _, found = check("--select", rule.qualified_id, "--channel", channel, "--text", example.text)
            spans = [(column - 1, column - 1 + len(match)) for _, _, column, match, _ in found]
            assert spans == sorted(example.spans), example.text
        for example in rule.passes:
            assert check("--select", rule.qualified_id, "--channel", channel, "--text", example.text) == (0, []), (
                example.text
            )


def test_rules_lists_every_tone_rule():
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    for pack in PACKS.values():
        for rule in pack.rules:
            assert rule.qualified_id in result.stdout


@pytest.mark.parametrize(
    "rule_id", ["robotic.please-be-advised", "overpromise.firm-deadline", "argument.public-rebuttal"]
)
def test_explain_shows_why_and_what_to_write(rule_id):
    result = CliRunner().invoke(app, ["explain", rule_id])
    assert result.exit_code == 0
    assert "Why it matters" in result.stdout and "Instead" in result.stdout and "Flags" in result.stdout
