"""The manners, privacy, spam and channels packs through the CLI, and the channel profiles per --channel."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from replylint.authoring import examples
from replylint.cli.app import app
from replylint.engine import kinds
from replylint.packs.loading import load_packs, shipped_pack_paths

NAMES = {"manners", "privacy", "spam", "channels"}
PACKS = {p.name: p for p in load_packs(shipped_pack_paths()) if p.name in NAMES}


def check(pack: str, text: str, *extra: str) -> tuple[list[tuple[str, int, int, str]], int]:
    """Findings as (rule, line, column, match), and the exit code, of `replylint check --select PACK`."""
    result = CliRunner().invoke(
        app, ["check", "--select", pack, "--no-cache", "--format", "json", "--text", text, *extra]
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    return [(f["rule"], f["line"], f["column"], f["match"]) for f in findings], result.exit_code


def test_the_four_packs_are_shipped_with_several_rules():
    assert set(PACKS) == NAMES
    for pack in PACKS.values():
        assert len(pack.rules) >= 4, pack.name


def test_every_channel_profile_rule_names_its_channels():
    assert all(rule.channels for rule in PACKS["channels"].rules)


@pytest.mark.parametrize(
    "rule", [r for p in PACKS.values() for r in p.rules if r.channels], ids=lambda r: r.qualified_id
)
def test_channel_rules_pass_their_own_examples_on_their_channels(rule, pipeline, monkeypatch):
    # `test-rules` compiles without a channel, which skips channel-limited rules: run them on each of theirs.
    for channel in rule.channels:

        def compile_for(rules, pipe, _channel=None, ch=channel):
            return kinds.compile_rules(rules, pipe, ch)

        monkeypatch.setattr(examples, "compile_rules", compile_for)
        results = examples.check_rule(rule, pipeline)
        assert all(r.ok and "skipped" not in r.case for r in results), [
            (channel, r.case, r.detail) for r in results if not r.ok or "skipped" in r.case
        ]


# --- manners ----------------------------------------------------------------------------------------------


def test_manners_bare_demand_and_exclamations_are_suggestions():
    found, code = check("manners", "Send us your order number.\nWe can't check it otherwise!!!")
    assert found == [
        ("manners.bare-demand", 1, 1, "Send us your order number"),
        ("manners.exclamation-run", 2, 28, "!!!"),
    ]
    assert code == 0
    assert (
        CliRunner()
        .invoke(
            app,
            [
                "check",
                "--select",
                "manners",
                "--no-cache",
                "--fail-on",
                "suggestion",
                "--text",
                "Send us your order number.",
            ],
        )
        .exit_code
        == 1
    )


def test_manners_shouting_and_question_runs_are_warnings():
    found, code = check("manners", "Hi Sam, we DO NOT refund sale items??")
    assert found == [("manners.shouting", 1, 12, "DO NOT"), ("manners.question-run", 1, 36, "??")]
    assert code == 1


@pytest.mark.parametrize(
    "text",
    [
        "Hi Sam, please send us your order number. Thanks!",  # a softened request
        "Send us a DM with your order number and we'll track it.",  # a DM request
        "Log out of the NRC app, then send us the FAQ number from KUL-SIN.",  # acronyms and codes, not shouting
        "Thanks!! We're SO glad it worked.",  # two marks and one word of emphasis
        "Seriously?? We'll sort that out now.",  # snark.rhetorical-interjection's, not reported twice
    ],
)
def test_manners_near_misses_are_clean(text):
    assert check("manners", text) == ([], 0)


def test_manners_text_speak_and_must_command():
    assert check("manners", "Can u DM us ur order number?")[0] == [
        ("manners.text-speak", 1, 5, "u"),
        ("manners.text-speak", 1, 13, "ur"),
    ]
    assert check("manners", "You must send the receipt first.")[0] == [("manners.must-command", 1, 1, "You must send")]
    assert check("manners", "You must be so relieved it arrived.")[0] == []


# --- privacy ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", [[], ["--channel", "email"], ["--channel", "public"]])
def test_a_card_number_is_an_error_in_every_channel(channel):
    found, code = check("privacy", "We charged 4990 6958 4830 4011 on the 3rd.", *channel)
    assert (found, code) == ([("privacy.card-number", 1, 12, "4990 6958 4830 4011")], 1)
    # Not a card: the same digits with a failing Luhn check.
    assert check("privacy", "Your order 4990 6958 4830 4012 ships today.", *channel)[0] == []


def test_asking_for_details_in_public_is_a_finding_only_in_public():
    text = "Reply here with your order number."
    assert check("privacy", text) == ([], 0)
    assert check("privacy", text, "--channel", "dm") == ([], 0)
    assert check("privacy", text, "--channel", "public") == (
        [("privacy.asks-for-details-in-public", 1, 1, "Reply here with your order number")],
        1,
    )
    # The right behaviour: move it to DM.
    assert check("privacy", "Please DM us your order number.", "--channel", "public") == ([], 0)


def test_customer_contact_details_and_record_numbers_in_public():
    text = "Thanks! We sent the label to jane.doe84@gmail.com.\nYour booking AGVZNP is confirmed."
    assert check("privacy", text, "--channel", "public") == (
        [
            ("privacy.contact-details-in-public", 1, 30, "jane.doe84@gmail.com"),
            ("privacy.record-number-in-public", 2, 6, "booking AGVZNP"),
        ],
        1,
    )
    assert check("privacy", text, "--channel", "email") == ([], 0)
    # The brand's own address and help line are not the customer's.
    brand = "Email us at help@example.com or call 1-800-555-0199."
    assert check("privacy", brand, "--channel", "public") == ([], 0)


def test_secrets_are_never_asked_for_or_written_out_in_any_channel():
    assert check("privacy", "Thanks! What's your password?", "--channel", "dm") == (
        [("privacy.asks-for-secrets", 1, 9, "What's your password")],
        1,
    )
    assert check("privacy", "Hi Jo,\nyour code is 482913.")[0] == [
        ("privacy.secret-shared", 2, 1, "your code is 482913")
    ]
    assert check("privacy", "Please never share your password with anyone, including us.")[0] == []


# --- spam -------------------------------------------------------------------------------------------------


def test_link_and_hashtag_limits_are_stricter_in_public():
    text = "Tips: https://a.example https://b.example https://c.example #one #two #three"
    assert check("spam", text) == ([], 0)  # under promotion's general limit of 4
    assert check("spam", text, "--channel", "public") == (
        [("spam.links-in-public", 1, 43, "https://c.example"), ("spam.hashtags-in-public", 1, 71, "#three")],
        0,
    )
    two = "Tips: https://a.example https://b.example #one #two"
    assert check("spam", two, "--channel", "public") == ([], 0)


def test_emoji_walls_bait_and_phishing_lures():
    assert check("spam", "Done! 🎉🎉🎉🎉 RT if you agree.") == (
        [("spam.emoji-pile", 1, 7, "🎉🎉🎉🎉"), ("spam.engagement-bait", 1, 12, "RT if")],
        1,
    )
    assert check("spam", "Urgent action required: click here to verify your card.") == (
        [("spam.phishing-lure", 1, 1, "Urgent action required"), ("spam.phishing-lure", 1, 25, "click here to verify")],
        1,
    )
    # Warning the customer about a phishing message quotes it.
    assert check("spam", "If a text tells you to click here to verify, it's a scam.")[0] == []


# --- channels ---------------------------------------------------------------------------------------------

LONG = (
    "Thanks for your patience while we looked into the missing parcel. The courier confirmed it was "
    "left at the depot on Friday because nobody was home to sign for it. We've asked them to deliver it "
    "again tomorrow between nine and noon, and you'll get a text with a tracking link an hour before "
    "they arrive at your door."
)


def test_public_length_runs_only_under_public():
    assert len(LONG) == 315
    # Without a channel no channel rule runs: a run that checks nothing passes only when asked to.
    assert check("channels", LONG, "--allow-empty") == ([], 0)
    assert check("channels", LONG, "--channel", "public") == ([("channels.public-too-long", 1, 281, "u")], 1)


def test_sms_reports_segments_as_a_suggestion_and_long_texts_as_a_warning():
    found, code = check("channels", LONG, "--channel", "sms")
    assert (found, code) == ([("channels.sms-multi-segment", 1, 154, LONG[153:])], 0)
    four = LONG + " " + LONG[:150]
    found, code = check("channels", four, "--channel", "sms")
    assert [f[:3] for f in found] == [("channels.sms-multi-segment", 1, 154), ("channels.sms-too-long", 1, 460)]
    assert code == 1
    assert check("channels", "Track it at https://bit.ly/3xAbc12 today.", "--channel", "sms") == (
        [("channels.sms-link-shortener", 1, 13, "https://bit.ly/3xAbc12")],
        1,
    )
    own = "Track it at https://acme.example/t/3xAbc12 today."
    assert check("channels", own, "--channel", "sms") == ([], 0)


def test_email_needs_a_greeting_and_a_sign_off():
    bare = "Your refund of 42.50 was sent today and should reach your card within five working days."
    assert check("channels", bare, "--channel", "email") == (
        [("channels.email-missing-greeting", 1, 1, ""), ("channels.email-missing-sign-off", 1, 1, "")],
        1,
    )
    assert check("channels", "Hi Sam,\n\n" + bare, "--channel", "email") == (
        [("channels.email-missing-sign-off", 1, 1, "")],
        0,
    )
    assert check("channels", "Hi Sam,\n\n" + bare + "\n\nBest,\nPriya", "--channel", "email") == ([], 0)
    assert check("channels", bare, "--channel", "public") == ([], 0)


def test_chat_flags_walls_of_text_and_letter_formulas():
    wall = " ".join([LONG] * 3)  # 177 words
    found, code = check("channels", wall, "--channel", "chat")
    assert [f[:2] for f in found] == [("channels.chat-long-message", 1)] and code == 0
    assert check("channels", "Dear Sir or Madam, your parcel arrives tomorrow.", "--channel", "chat") == (
        [("channels.letter-formula", 1, 1, "Dear Sir or Madam")],
        0,
    )
    # In an email a letter formula is at home.
    assert check(
        "channels", "Dear Sir or Madam,\n\nYour parcel arrives tomorrow.\n\nRegards,\nAcme", "--channel", "email"
    ) == ([], 0)
