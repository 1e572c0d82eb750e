"""A gate never passes by accident: selectors naming no rule, runs with nothing to check, a missing baseline."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli import app

DEMO = str(Path(__file__).parent / "data" / "demo.yaml")
# A renamed rule: `blunt.rude` was called `blunt.harsh`; the old id must keep working everywhere.
RENAMED = """
pack: blunt
rules:
  - id: rude
    aliases: ["harsh"]
    kind: phrase
    severity: error
    description: "d"
    message: "'{match}' is rude."
    why: "w"
    suggest: "s"
    phrases: ["shut up"]
"""


def run(*args: str):
    return CliRunner().invoke(app, ["check", "--no-cache", "--format", "text", *args])


def demo(*args: str):
    return run("--no-default-packs", "--pack", DEMO, *args)


def renamed(*args: str):
    Path("blunt.yaml").write_text(RENAMED.lstrip())
    return run("--no-default-packs", "--pack", "blunt.yaml", *args)


def write(name: str, text: str) -> None:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(textwrap.dedent(text).lstrip())


# Selectors naming no rule


def test_an_unknown_select_flag_is_an_error_with_the_closest_id():
    result = demo("--select", "demo.fualt", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: --select 'demo.fualt' names no rule (did you mean 'demo.fault'?)\n",
    )


def test_an_unknown_ignore_flag_is_an_error():
    result = demo("--ignore", "dmeo", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: --ignore 'dmeo' names no rule (did you mean 'demo'?)\n",
    )


def test_a_selector_far_from_every_id_points_at_the_rules_command():
    result = demo("--select", "zzzzzz", "--text", "Thanks.")
    assert result.stderr == "replylint: error: --select 'zzzzzz' names no rule (see `replylint rules`)\n"


def test_a_prefix_that_is_not_a_whole_pack_name_names_no_rule():
    result = demo("--select", "dem", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: --select 'dem' names no rule (did you mean 'demo'?)\n",
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('select = ["demo.thank"]', "replylint.toml: select 'demo.thank' names no rule (did you mean 'demo.thanks'?)"),
        ('ignore = ["demo.bang"]', "replylint.toml: ignore 'demo.bang' names no rule (did you mean 'demo.bangs'?)"),
        (
            '[severity]\n"demo.advise" = "off"',
            "replylint.toml: [severity] 'demo.advise' names no rule (did you mean 'demo.advised'?)",
        ),
        (
            '[[per-file]]\nglob = "x/**"\nignore = ["demo.forgt"]',
            "replylint.toml: [[per-file]] #1 ignore 'demo.forgt' names no rule (did you mean 'demo.forgot'?)",
        ),
        (
            '[[per-file]]\nglob = "x/**"\n[[per-file]]\nglob = "y/**"\nseverity = {"demo.apology" = "error"}',
            "replylint.toml: [[per-file]] #2 severity 'demo.apology' names no rule (did you mean 'demo.apol'?)",
        ),
    ],
)
def test_an_unknown_selector_in_the_config_names_the_file_and_key(toml, message):
    write("replylint.toml", toml)
    result = demo("--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (2, f"replylint: error: {message}\n")


def test_an_unknown_severity_key_in_pyproject_names_the_tool_table():
    write("pyproject.toml", '[tool.replylint.severity]\n"demo.fualt" = "off"\n')
    result = demo("--text", "Thanks.")
    assert result.stderr == (
        "replylint: error: pyproject.toml: [tool.replylint.severity] 'demo.fualt' names no rule "
        "(did you mean 'demo.fault'?)\n"
    )


def test_a_flag_is_blamed_before_the_config_for_the_same_selector():
    write("replylint.toml", 'ignore = ["demo.nope"]')
    result = demo("--ignore", "demo.nope", "--text", "Thanks.")
    assert result.stderr.startswith("replylint: error: --ignore 'demo.nope' names no rule")


# Suppressions naming no rule


def test_a_suppression_naming_no_rule_is_a_finding_with_the_closest_id():
    write("a.md", "<!-- replylint: disable=demo.fualt -->\nThanks. That is your fault.\n")
    result = demo("a.md")
    assert result.exit_code == 1
    assert result.stdout == (
        "a.md:1:1: warning [suppressions.unknown-rule] This suppression names no rule: 'demo.fualt' "
        "(did you mean 'demo.fault'?).\n"
        "a.md:2:17: error [demo.fault] 'your fault' blames.\n"
    )


def test_an_unknown_rule_beside_a_known_one_is_reported_and_the_known_one_still_silences():
    write("a.md", "<!-- replylint: disable-next-line=demo.fault,nosuch -->\nThanks. That is your fault.\n")
    result = demo("a.md")
    assert result.stdout == (
        "a.md:1:1: warning [suppressions.unknown-rule] This suppression names no rule: 'nosuch' "
        "(see `replylint rules`).\n"
    )


def test_an_unknown_rule_in_a_collection_entry_key_is_a_finding():
    write("m.json", '{"replies": [{"body": "Thanks, all good.", "replylint-disable": "demo.fualts"}]}\n')
    result = demo("m.json")
    assert result.stdout == (
        "m.json:1:24: warning [suppressions.unknown-rule] This suppression names no rule: 'demo.fualts' "
        "(did you mean 'demo.fault'?) (the entry's replylint-disable key).\n"
    )


def test_unknown_rule_findings_can_be_ignored_like_any_rule():
    write("a.md", "<!-- replylint: disable=demo.fualt -->\nThanks, all good.\n")
    assert (demo("a.md", "--ignore", "suppressions.unknown-rule").stdout, demo("a.md").exit_code) == ("", 1)


# A renamed rule's old id works wherever a rule is named


def test_the_old_id_selects_the_renamed_rule():
    assert renamed("--select", "blunt.harsh", "--text", "Thanks. Shut up.").exit_code == 1


def test_a_severity_for_the_old_id_applies_to_the_renamed_rule():
    write("replylint.toml", '[severity]\n"blunt.harsh" = "off"\n')
    result = renamed("--text", "Thanks. Shut up.")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_per_file_ignore_of_the_old_id_applies_to_the_renamed_rule():
    write("replylint.toml", '[[per-file]]\nglob = "social/**"\nignore = ["blunt.harsh"]\n')
    write("social/a.txt", "Thanks. Shut up.\n")
    result = renamed("social/a.txt")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_suppression_of_the_old_id_silences_the_renamed_rule():
    write("a.md", "<!-- replylint: disable-next-line=blunt.harsh -->\nThanks. Shut up.\n")
    result = renamed("a.md")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_baseline_entry_under_the_old_id_hides_the_renamed_rule():
    write("a.txt", "Thanks. Shut up.\n")
    entry = {"path": "a.txt", "rule": "blunt.harsh", "match": "Shut up", "count": 1}
    Path("b.json").write_text(json.dumps({"version": 1, "findings": [entry]}))
    result = renamed("a.txt", "--baseline", "b.json")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_baseline_entry_naming_no_rule_is_an_error():
    write("a.txt", "Thanks.\n")
    entry = {"path": "a.txt", "rule": "demo.fualt", "match": "your fault", "count": 1}
    Path("b.json").write_text(json.dumps({"version": 1, "findings": [entry]}))
    result = demo("a.txt", "--baseline", "b.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: b.json: entry 1 names rule 'demo.fualt', which no loaded rule has "
        "(did you mean 'demo.fault'?); rewrite the baseline with --update-baseline\n",
    )
    assert demo("a.txt", "--baseline", "b.json", "--update-baseline").exit_code == 0


# Runs that would check nothing


def test_no_default_packs_without_a_pack_is_an_error_unless_allowed():
    result = run("--no-default-packs", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: no rule packs: --no-default-packs needs --pack FILE or 'packs' in the config "
        "(--allow-empty runs the built-in rules alone)\n",
    )
    assert run("--no-default-packs", "--allow-empty", "--text", "Thanks.").exit_code == 0


def test_a_selection_that_leaves_no_rule_is_an_error_unless_allowed():
    result = demo("--select", "demo.fault", "--ignore", "demo", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: no rules to run: the select and ignore settings leave none (--allow-empty runs anyway)\n",
    )
    assert demo("--select", "demo.fault", "--ignore", "demo", "--allow-empty", "--text", "x").exit_code == 0


def test_selecting_only_channel_rules_without_their_channel_is_an_error():
    result = run("--select", "channels.public-too-long", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: no rules to run: the selected rules run only on channel public, "
        "and no --channel (or 'channel' in the config) names one\n",
    )
    assert run("--select", "channels.public-too-long", "--channel", "public", "--text", "Thanks.").exit_code == 0


def test_a_collection_without_reply_text_is_an_error_unless_allowed():
    write("m.json", '{"settings": {"retries": 3}}\n')
    result = demo("m.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: nothing to check: no reply text in m.json (a collection needs reply fields: see "
        "[[collections]]); --allow-empty passes such a run\n",
    )
    assert demo("m.json", "--allow-empty").exit_code == 0


def test_an_empty_collection_is_not_cached_into_a_pass():
    write("m.json", "[]\n")
    first = CliRunner().invoke(app, ["check", "--no-default-packs", "--pack", DEMO, "--format", "text", "m.json"])
    second = CliRunner().invoke(app, ["check", "--no-default-packs", "--pack", DEMO, "--format", "text", "m.json"])
    assert (first.exit_code, second.exit_code) == (2, 2)


def test_an_empty_collection_beside_a_draft_is_fine():
    write("m.json", "[]\n")
    write("a.txt", "Thanks, all good.\n")
    assert demo("m.json", "a.txt").exit_code == 0


def test_a_directory_without_drafts_passes_only_with_allow_empty():
    Path("empty").mkdir()
    assert demo("empty").exit_code == 2
    result = demo("empty", "--allow-empty")
    assert (result.exit_code, result.stderr) == (
        0,
        "replylint: warning: empty: no drafts found (looked for files matching 'include')\n",
    )


def test_named_files_all_excluded_by_the_config_pass_with_a_notice():
    # What a pre-commit hook does when every staged file is one the repository excludes: not a failure.
    write("replylint.toml", 'exclude = ["vendor/**"]\n')
    write("vendor/a.txt", "That is your fault.\n")
    result = demo("vendor/a.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "replylint: warning: nothing to check: every file named is excluded by 'exclude' in replylint.toml\n",
    )


# Baselines


def test_a_missing_baseline_is_an_error_and_is_not_created():
    write("a.txt", "Thanks. That is your fault.\n")
    result = demo("a.txt", "--baseline", "b.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: b.json: no such baseline file (create it with --update-baseline)\n",
    )
    assert not Path("b.json").exists()


def test_update_baseline_creates_a_missing_baseline():
    write("a.txt", "Thanks. That is your fault.\n")
    result = demo("a.txt", "--baseline", "b.json", "--update-baseline")
    assert (result.exit_code, result.stderr) == (0, "replylint: baseline: recorded 1 findings in b.json\n")


# Packs: message placeholders and built-in pack names

KIND_FIELDS = {
    "phrase": 'phrases: ["your fault"]',
    "pattern": 'patterns: [[{LOWER: "your"}, {LOWER: "fault"}]]',
    "substitution": 'replacements: {"your fault": "our mistake"}',
    "require": 'phrases: ["sorry"]',
    "metric": "metric: exclamations\n    max: 0",
}


def pack(kind: str, message: str, name: str = "mine") -> str:
    return (
        f"pack: {name}\nrules:\n  - id: r\n    kind: {kind}\n    description: d\n    message: {json.dumps(message)}\n"
        f"    why: w\n    suggest: s\n    {KIND_FIELDS[kind]}\n"
    )


@pytest.mark.parametrize(
    ("kind", "message", "problem"),
    [
        ("metric", "{cout} marks", "{cout} (a metric rule's message can use {match}, {count}, {max})"),
        ("phrase", "try {suggestion}", "{suggestion} (a phrase rule's message can use {match})"),
        ("substitution", "'{ match }'", "{ match } (a substitution rule's message can use {match}, {suggestion})"),
    ],
)
def test_a_message_naming_an_unknown_placeholder_is_a_pack_error(kind, message, problem):
    Path("p.yaml").write_text(pack(kind, message))
    result = run("--pack", "p.yaml", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        f"replylint: error: p.yaml:6: message names unknown placeholder {problem}\n",
    )


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_every_placeholder_a_kind_allows_is_filled(kind):
    from replylint.messages import FILLED

    Path("p.yaml").write_text(pack(kind, " ".join(f"<{{{name}}}>" for name in FILLED[kind])))
    result = run("--no-default-packs", "--pack", "p.yaml", "--format", "json", "--text", "Hi! That is your fault!")
    messages = [f["message"] for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    assert messages
    assert not [m for m in messages if "{" in m or "None" in m]


@pytest.mark.parametrize("name", ["placeholders", "suppressions", "text"])
def test_a_user_pack_cannot_take_a_built_in_pack_name(name):
    Path("p.yaml").write_text(pack("phrase", "'{match}'", name=name))
    result = run("--pack", "p.yaml", "--text", "Thanks.")
    assert (result.exit_code, result.stderr) == (
        2,
        f"replylint: error: p.yaml:1: pack name {name!r} is reserved for replylint's built-in rules\n",
    )
