"""A gate never passes by accident: selectors naming no rule, empty runs, renamed ids, option-like file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app
from replylint.packs.builtin import BUILTIN_RULES
from replylint.packs.loading import load_pack
from replylint.packs.records import PackError
from replylint.packs.schema import RESERVED_PACKS

DEMO = Path(__file__).parents[1] / "data" / "demo.yaml"
ONLY_DEMO = ("--no-default-packs", "--pack", str(DEMO))
BLAME = "Thanks. That is your fault.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(BLAME)


def check(*args: str, packs: tuple[str, ...] = ONLY_DEMO):
    return CliRunner().invoke(app, ["check", *packs, "--no-cache", "--format", "text", *args])


def renamed_pack() -> str:
    """The demo pack with demo.fault renamed from its old id demo.blames."""
    text = DEMO.read_text().replace(
        "    unless_negated: true\n", '    unless_negated: true\n    aliases: ["blames"]\n', 1
    )
    Path("renamed.yaml").write_text(text)
    return "renamed.yaml"


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_flag_naming_no_rule_is_an_error_with_the_closest_ids(flag):
    result = check("a.txt", flag, "demo.falt")
    assert result.exit_code == 2
    assert result.stderr == (f"replylint: error: {flag}: 'demo.falt' names no rule (did you mean demo.fault?)\n")


def test_a_prefix_of_a_word_is_not_a_pack():
    result = check("a.txt", "--select", "dem")
    assert result.exit_code == 2
    assert "--select: 'dem' names no rule (did you mean demo?)" in result.stderr


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ('select = ["demo.faul"]\n', "replylint.toml: select"),
        ('ignore = ["demo.faul"]\n', "replylint.toml: ignore"),
        ('[severity]\n"demo.faul" = "suggestion"\n', "replylint.toml: severity"),
        ('[[per-file]]\nglob = "*.txt"\nignore = ["demo.faul"]\n', "replylint.toml: [[per-file]] #1 ignore"),
        (
            '[[per-file]]\nglob = "*.txt"\n[per-file.severity]\n"demo.faul" = "off"\n',
            "replylint.toml: [[per-file]] #1 severity",
        ),
    ],
)
def test_a_config_selector_naming_no_rule_is_an_error_naming_its_key(config, where):
    Path("replylint.toml").write_text(config)
    result = check("a.txt")
    assert result.exit_code == 2
    assert f"{where}: 'demo.faul' names no rule (did you mean demo.fault?)" in result.stderr


def test_a_config_typo_is_caught_even_when_every_file_comes_from_the_cache():
    assert CliRunner().invoke(app, ["check", *ONLY_DEMO, "--format", "text", "a.txt"]).exit_code == 1
    Path("replylint.toml").write_text('[severity]\n"demo.faul" = "off"\n')
    result = CliRunner().invoke(app, ["check", *ONLY_DEMO, "--format", "text", "a.txt"])
    assert result.exit_code == 2


def test_no_packs_is_an_error_unless_allowed():
    result = check("a.txt", packs=("--no-default-packs",))
    assert result.exit_code == 2
    assert "no rule packs to run (--no-default-packs without --pack)" in result.stderr
    assert check("a.txt", "--allow-empty", packs=("--no-default-packs",)).exit_code == 0


def test_a_selection_that_leaves_no_rule_is_an_error_unless_allowed():
    result = check("a.txt", "--select", "demo.fault", "--ignore", "demo")
    assert result.exit_code == 2
    assert "the selection leaves no rule to run" in result.stderr
    assert check("a.txt", "--select", "demo.fault", "--ignore", "demo", "--allow-empty").exit_code == 0


def test_every_named_file_excluded_passes_with_a_warning():
    # What the pre-commit hook sees when every staged file is one the repository excludes: not a failed commit.
    Path("replylint.toml").write_text('exclude = ["a.txt"]\n')
    result = check("a.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "replylint: warning: nothing to check: every file named is excluded by 'exclude' in replylint.toml\n"
        "replylint: 0 replies in 0 files (1 skipped: 1 excluded by 'exclude' in replylint.toml), no findings\n",
    )


def test_a_folder_with_no_drafts_is_an_error():
    Path("empty").mkdir()
    result = check("empty")
    assert result.exit_code == 2
    assert "empty: error: no drafts found" in result.stdout


def test_a_folder_with_no_drafts_passes_with_a_warning_when_allowed():
    Path("empty").mkdir()
    result = check("empty", "--allow-empty")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "replylint: warning: empty: no drafts found (looked for .txt, .md, .markdown, .text, .html, .htm, .json, "
        ".json5, .jsonl, .ndjson, .yaml, .yml, .csv, .js, .mjs, .cjs, .jsonp files)\nreplylint: 0 replies in 0 files, no findings\n",
    )


def test_selecting_only_rules_of_a_channel_not_in_use_is_an_error_unless_allowed():
    args = ("a.txt", "--select", "channels.public-too-long")
    result = check(*args, packs=())
    assert (result.exit_code, result.stderr) == (
        2,
        "replylint: error: the selection leaves no rule to run: its rules need --channel public "
        "(or `channel` in the config); --allow-empty accepts that\n",
    )
    assert check(*args, "--channel", "public", packs=()).exit_code == 0
    assert check(*args, "--allow-empty", packs=()).exit_code == 0


def test_a_collection_without_reply_text_is_an_error_unless_allowed():
    Path("m.json").write_text('{"settings": {"retries": 3}}\n')
    result = check("m.json")
    assert (result.exit_code, result.stdout) == (2, "m.json: error: holds no replies: no text in it\n")
    assert check("m.json", "--allow-empty").exit_code == 0
    # Named next to a real draft it is still an error: a file read for nothing never passes silently.
    Path("b.txt").write_text("Thanks, all sorted.\n")
    mixed = check("m.json", "b.txt")
    assert mixed.exit_code == 2
    assert mixed.stdout.splitlines()[-1] == "m.json: error: holds no replies: no text in it"
    # Found in a walk, a file that plainly holds no replies is a counted skip that --verbose names.
    walked = check(".", "--verbose")
    assert walked.exit_code == 1  # a.txt's finding: m.json does not fail the run
    assert "replylint: skipped m.json: holds no replies: no text in it\n" in walked.stderr
    # A file that looks like replies (named so) but yields none is an error, in a walk too.
    Path("replies.json").write_text('[{"name": "A", "wording": "Thanks for writing in, we are on it."}]\n')
    found = check(".")
    assert found.exit_code == 2
    assert "replies.json: error: no reply text found: none is a known reply key (keys found: wording)" in (found.stdout)


def test_a_collection_without_reply_text_is_never_cached_into_a_pass():
    Path("m.json").write_text("[]\n")
    runs = [CliRunner().invoke(app, ["check", *ONLY_DEMO, "--format", "text", "m.json"]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [2, 2]


def test_names_after_double_dash_are_paths_never_options():
    Path("--output=README.md").write_text(BLAME)
    Path("README.md").write_text("ours\n")
    result = check("--", "--output=README.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("--output=README.md:1:17: error [demo.fault]")
    assert Path("README.md").read_text() == "ours\n"


def hook_entry() -> list[str]:
    hooks = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    entry = next(line for line in hooks.splitlines() if line.startswith("  entry: "))
    return entry.removeprefix("  entry: ").split()


def test_the_pre_commit_hook_ends_its_options():
    assert hook_entry() == ["replylint", "check", "--format", "text", "--"]


def test_the_pre_commit_hook_fails_a_config_whose_selection_leaves_no_rule():
    # The hook must not pass --allow-empty: that would let this config pass every commit, checking nothing.
    Path("replylint.toml").write_text('select = ["demo"]\nignore = ["demo"]\n')
    result = CliRunner().invoke(app, [*hook_entry()[1:4], "--no-cache", *ONLY_DEMO, *hook_entry()[4:], "a.txt"])
    assert result.exit_code == 2
    assert "the selection leaves no rule to run" in result.stderr


def test_a_renamed_rules_old_id_works_in_config_severities():
    Path("replylint.toml").write_text('[severity]\n"demo.blames" = "suggestion"\n')
    result = check("a.txt", "--fail-on", "suggestion", packs=("--no-default-packs", "--pack", renamed_pack()))
    assert result.stdout == "a.txt:1:17: suggestion [demo.fault] 'your fault' blames.\n"


def test_a_renamed_rules_old_id_works_in_per_file_ignores():
    Path("replylint.toml").write_text('[[per-file]]\nglob = "*.txt"\nignore = ["demo.blames"]\n')
    result = check("a.txt", packs=("--no-default-packs", "--pack", renamed_pack()))
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_renamed_rules_old_id_works_in_suppression_comments():
    Path("a.md").write_text("<!-- replylint: disable-next-line=demo.blames -- legal wording -->\n" + BLAME)
    result = check("a.md", packs=("--no-default-packs", "--pack", renamed_pack()))
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_suppression_naming_no_rule_is_a_finding_and_silences_nothing():
    Path("a.md").write_text("<!-- replylint: disable-next-line=demo.falt -->\n" + BLAME)
    result = check("a.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "a.md:1:1: warning [suppressions.unknown-rule] This suppression names 'demo.falt', which is no rule "
        "(did you mean demo.fault?); it silences nothing.",
        "a.md:2:17: error [demo.fault] 'your fault' blames.",
    ]


def test_a_suppression_with_one_unknown_name_still_silences_the_known_one():
    Path("a.md").write_text("<!-- replylint: disable-next-line=demo.fault, snrak -->\n" + BLAME)
    result = check("a.md")
    assert [line.split(" [")[1].split("]")[0] for line in result.stdout.splitlines()] == ["suppressions.unknown-rule"]


def test_a_message_placeholder_the_kind_never_fills_is_a_pack_error(tmp_path):
    Path("p.yaml").write_text(
        DEMO.read_text().replace("message: \"'{match}' blames.\"", 'message: "{matched} blames."')
    )
    with pytest.raises(PackError, match=r"p\.yaml:10: message placeholder \{matched\} is unknown for a phrase rule"):
        load_pack(Path("p.yaml"))
    result = check("a.txt", packs=("--no-default-packs", "--pack", "p.yaml"))
    assert result.exit_code == 2


@pytest.mark.parametrize("name", RESERVED_PACKS)
def test_a_user_pack_cannot_take_a_built_in_packs_name(name):
    Path("p.yaml").write_text(DEMO.read_text().replace("pack: demo", f"pack: {name}", 1))
    with pytest.raises(PackError, match=rf"p\.yaml:1: pack name '{name}' is reserved for replylint's own rules"):
        load_pack(Path("p.yaml"))


def test_reserved_pack_names_are_the_built_in_rules_packs():
    assert {rule.pack for rule in BUILTIN_RULES} == set(RESERVED_PACKS)


def test_the_invisible_characters_example_holds_the_character_it_marks(pipeline):
    from replylint.authoring.examples import check_rules
    from replylint.packs.builtin import INVISIBLE_CHARACTERS

    example = INVISIBLE_CHARACTERS.fail[0]
    start, end = example.spans[0]
    assert example.text[start:end] == "\u200b"
    assert all(result.ok for result in check_rules([INVISIBLE_CHARACTERS], pipeline))
