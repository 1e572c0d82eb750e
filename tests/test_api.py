"""replylint.api: a Linter loaded once and reused, with the CLI's findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.api import (
    SETUP_ERRORS,
    AppliedFix,
    InputError,
    Linter,
    config_file_for,
    fix_draft,
    offsets,
    rule_named,
    safe_edits,
)
from replylint.packs.selection import SelectionError

DEMO = str(Path(__file__).parent / "data" / "demo.yaml")
PACK = """
pack: tone
rules:
  - id: advised
    kind: substitution
    fix: true
    description: "d"
    message: "'{match}' -> '{suggestion}'"
    why: "w"
    suggest: "s"
    replacements: {"kindly": "please"}
"""


def demo(**kwargs) -> Linter:
    return Linter.from_config(packs=[DEMO], select=kwargs.pop("select", ["demo"]), **kwargs)


def test_lint_returns_the_findings_the_cli_reports():
    (finding,) = [f for f in demo().lint("Thanks. That is your fault.") if f.rule == "demo.fault"]
    assert (finding.path, finding.line, finding.column, finding.match) == ("<text>", 1, 17, "your fault")


def test_lint_many_keeps_the_order_and_reuses_one_compiled_rule_set():
    linter = demo(select=["demo.fault"])
    results = linter.lint_many(["Thanks, all sorted.", "Thanks. Your fault.", "Thanks. User error."])
    assert [[f.match for f in found] for found in results] == [[], ["Your fault"], ["User error"]]
    assert list(linter._compiled) == [None]
    linter.lint("Thanks. your fault")
    assert len(linter._compiled) == 1


def test_a_path_gives_the_drafts_format():
    found = demo(select=["demo.fault"]).lint("Thanks.\n\n```\nyour fault\n```\n", path="reply.md")
    assert found == []  # code in Markdown is not prose


def test_fix_applies_safe_fixes_and_returns_what_is_left(tmp_path):
    (tmp_path / "tone.yaml").write_text(PACK)
    linter = Linter.from_config(packs=[tmp_path / "tone.yaml"], select=["tone"])
    fixed, left = linter.fix("Kindly wait. Kindly confirm.")
    assert (fixed, left) == ("Please wait. Please confirm.", [])


def test_a_selector_naming_no_rule_is_refused():
    with pytest.raises(SelectionError, match=r"'demo\.falt' names no rule"):
        demo(select=["demo.falt"])


def test_a_config_file_is_read_from_the_given_path(tmp_path):
    (tmp_path / "replylint.toml").write_text('[severity]\n"demo.fault" = "suggestion"\n')
    linter = Linter.from_config(tmp_path / "replylint.toml", packs=[DEMO], select=["demo.fault"])
    assert [f.severity.value for f in linter.lint("Thanks. your fault")] == ["suggestion"]


def test_a_draft_that_cannot_be_read_raises_input_error():
    with pytest.raises(InputError):
        demo().lint('{"replies": [', path="broken.json")


def test_a_text_a_reader_says_holds_no_replies_raises_input_error(monkeypatch):
    from replylint.inputs.skips import NotReplies

    def manifest(path, text, reading):
        raise NotReplies("a package manifest")

    monkeypatch.setattr("replylint.inputs.formats.drafts_for", manifest)
    with pytest.raises(InputError, match=r"^package\.json: holds no replies: a package manifest$"):
        demo().lint('{"name": "x"}', path="package.json")


def test_the_config_search_can_start_from_a_documents_folder(tmp_path):
    (tmp_path / "replylint.toml").write_text('[severity]\n"demo.fault" = "suggestion"\n')
    (tmp_path / "inbox").mkdir()
    linter = Linter.from_config(packs=[DEMO], select=["demo.fault"], start=tmp_path / "inbox")
    assert (linter.config.path, [f.severity.value for f in linter.lint("Thanks. your fault")]) == (
        tmp_path / "replylint.toml",
        ["suggestion"],
    )


def test_config_file_for_finds_the_nearest_config_above_a_document(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "replylint.toml").write_text("")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "pyproject.toml").write_text("[tool.replylint]\n")
    assert config_file_for(tmp_path / "team" / "reply.md") == tmp_path / "team" / "pyproject.toml"
    assert config_file_for(tmp_path / "reply.md") == tmp_path / "replylint.toml"


def test_safe_edits_give_one_edit_per_fixable_finding(tmp_path):
    (tmp_path / "tone.yaml").write_text(PACK)
    linter = Linter.from_config(packs=[tmp_path / "tone.yaml"], select=["tone"])
    text = "Thanks. Kindly wait."
    edits = safe_edits(linter, text, "reply.txt", linter.lint(text, "reply.txt"))
    assert [(e.start, e.end, e.text, e.finding.rule) for e in edits] == [(8, 14, "Please", "tone.advised")]
    assert safe_edits(linter, text, "<stdin>", linter.lint(text)) == ()


def test_setup_errors_cover_a_broken_pack(tmp_path):
    (tmp_path / "bad.yaml").write_text("pack: bad\nrules: 3\n")
    with pytest.raises(SETUP_ERRORS):
        Linter.from_config(packs=[tmp_path / "bad.yaml"])


ALIASED = """
pack: tone
rules:
  - id: kindly
    aliases: ["advised"]
    kind: substitution
    fix: true
    description: "d"
    message: "'{match}' -> '{suggestion}'"
    why: "w"
    suggest: "s"
    replacements: {"kindly": "please"}
"""


def test_fix_draft_lists_each_fix_made(tmp_path):
    (tmp_path / "tone.yaml").write_text(PACK)
    linter = Linter.from_config(packs=[tmp_path / "tone.yaml"], select=["tone"])
    fixed = fix_draft(linter, "Kindly wait.\nKindly confirm.")
    assert fixed.text == "Please wait.\nPlease confirm."
    assert fixed.applied == (
        AppliedFix("tone.advised", 1, 1, "Kindly", "Please"),
        AppliedFix("tone.advised", 2, 1, "Kindly", "Please"),
    )
    assert fixed.left == ()


def test_offsets_are_character_offsets_in_the_linted_text():
    text = "Thanks.\r\nIt's all your fault."
    (finding,) = demo(select=["demo.fault"]).lint(text)
    start, end = offsets(text, finding)
    assert (finding.line, finding.column, start, end, text[start:end]) == (2, 10, 18, 28, "your fault")


def test_rule_named_resolves_old_ids_and_suggests_close_ones(tmp_path):
    (tmp_path / "tone.yaml").write_text(ALIASED)
    linter = Linter.from_config(packs=[tmp_path / "tone.yaml"], select=["tone"])
    assert rule_named(linter, "tone.advised").qualified_id == "tone.kindly"
    with pytest.raises(SelectionError, match=r"'tone\.kindlyy' names no rule \(did you mean tone\.kindly\?\)"):
        rule_named(linter, "tone.kindlyy")


def test_setup_errors_cover_a_pack_that_cannot_be_read(tmp_path):
    (tmp_path / "bad.yaml").write_text("pack: [")
    with pytest.raises(SETUP_ERRORS):
        Linter.from_config(packs=[tmp_path / "bad.yaml"])


def test_lint_with_the_customer_message_runs_the_context_rules_and_carries_it():
    linter = Linter.from_config(select=["context"])
    draft = "Hi Marta, thanks for writing. Could you clear your browser cache and try again?"
    message = "I cleared the cache twice and the checkout page still spins.\n\nThanks,\nDorota"
    assert linter.lint(draft) == []
    found = linter.lint(draft, in_reply_to=message)
    assert [(f.rule, f.match, f.in_reply_to) for f in found] == [
        ("context.name-mismatch", "Marta", message),
        ("context.repeats-failed-step", "clear your browser cache", message),
    ]


def test_lint_many_lints_each_text_against_its_own_customer_message():
    linter = Linter.from_config()
    ask = "Could you send us your order number so we can check?"
    found = linter.lint_many([ask, ask], replies_to=["My order 55123 never came.", None])
    assert [f.rule for f in found[0] if f.rule.startswith("context.")] == ["context.asks-for-given-info"]
    assert [f.rule for f in found[1] if f.rule.startswith("context.")] == []
    with pytest.raises(ValueError, match="replies_to holds 1 messages for 2 texts"):
        linter.lint_many([ask, ask], replies_to=[None])
