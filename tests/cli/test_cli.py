"""End-to-end behaviour of the installed command: output, exit codes and bad input, through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint import __version__
from replylint.cli.app import app

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")
ONLY_DEMO = ["--no-default-packs", "--pack", DEMO]


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, stdin: str | bytes | None = None):
        return runner.invoke(app, list(args), input=stdin)

    return invoke


def test_text_output_lists_findings_and_exits_1(cli):
    result = cli("check", *ONLY_DEMO, "--text", "Thanks. That is your fault.", "--format", "text")
    assert result.stdout == "<text>:1:17: error [demo.fault] 'your fault' blames.\n"
    assert result.exit_code == 1


def test_a_clean_draft_exits_0(cli):
    result = cli("check", *ONLY_DEMO, "--text", "Thanks, we will fix it.", "--format", "text")
    assert (result.stdout, result.exit_code) == ("", 0)


def test_fail_on_decides_which_severities_fail(cli):
    args = ("check", *ONLY_DEMO, "--text", "You forgot it. Thanks.", "--format", "text")
    assert cli(*args).exit_code == 1
    assert cli(*args, "--fail-on", "error").exit_code == 0
    assert cli(*args, "--fail-on", "suggestion").exit_code == 1


def test_stdin_is_read_with_dash(cli):
    result = cli("check", *ONLY_DEMO, "-", "--format", "text", stdin="Thanks!\nBlame UPS.\n")
    assert result.stdout == "<stdin>:2:1: warning [demo.forgot] 'Blame UPS'\n"


def test_json_lists_every_file_even_clean_ones(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Thanks! All good.\n")
    (tmp_path / "b.md").write_text("Hello\n\nthat is your fault\n")
    report = json.loads(cli("check", *ONLY_DEMO, str(tmp_path), "--format", "json").stdout)
    assert report["version"] == 1
    assert report["tool"] == {"name": "replylint", "version": __version__}
    assert [f["path"] for f in report["files"]] == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    assert report["files"][0]["findings"] == []
    assert report["files"][1]["findings"] == [
        {
            "rule": "demo.thanks",
            "severity": "warning",
            "message": "never thanks",
            "match": "",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 1,
            "suggestion": None,
        },
        {
            "rule": "demo.fault",
            "severity": "error",
            "message": "'your fault' blames.",
            "match": "your fault",
            "line": 3,
            "column": 9,
            "end_line": 3,
            "end_column": 19,
            "suggestion": None,
        },
    ]
    assert report["summary"]["files"] == 2
    assert report["summary"]["findings"] == 2
    assert report["summary"]["by_severity"] == {"error": 1, "warning": 1, "suggestion": 0}


def test_bad_inputs_are_reported_and_the_rest_still_linted(cli, tmp_path):
    (tmp_path / "good.txt").write_text("Thanks. your fault\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 thanks\n")
    missing = tmp_path / "missing.txt"
    result = cli("check", *ONLY_DEMO, str(tmp_path), str(missing), "--format", "text")
    assert result.exit_code == 2
    assert f"{tmp_path / 'good.txt'}:1:9: error [demo.fault]" in result.stdout
    # Found in a walk, a binary file is skipped and counted; named, it is an error.
    assert "binary.txt" not in result.stdout
    assert result.stderr == (
        "replylint: 1 reply in 1 file (1 skipped: 1 binary file), 1 finding (1 error, 0 warnings, 0 suggestions), "
        "2 could not be read\n"
    )
    named = cli("check", *ONLY_DEMO, str(tmp_path / "binary.txt"), "--format", "text")
    assert named.stdout == f"{tmp_path / 'binary.txt'}: error: binary file (contains NUL bytes), skipped\n"
    assert f"{tmp_path / 'latin.txt'}: error: not valid UTF-8 at byte 3" in result.stdout
    assert f"{missing}: error: no such file or directory" in result.stdout
    assert "Traceback" not in result.output
    as_json = cli("check", *ONLY_DEMO, str(missing), "--format", "json")
    assert as_json.stderr == (
        f"replylint: error: {missing}: no such file or directory\n"
        "replylint: 0 replies in 0 files, no findings, 1 could not be read\n"
    )


def test_encoding_flag_reads_other_encodings(cli, tmp_path):
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 thanks, your fault\n")
    result = cli("check", *ONLY_DEMO, str(tmp_path / "latin.txt"), "--encoding", "latin-1", "--format", "text")
    assert result.stdout == f"{tmp_path / 'latin.txt'}:1:14: error [demo.fault] 'your fault' blames.\n"


def test_a_malformed_pack_exits_2_naming_file_and_line(cli, tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: bad\nrules:\n  - id: x\n    kind: telepathy\n")
    result = cli("check", "--pack", str(pack), "--text", "hi")
    assert result.exit_code == 2
    assert result.stderr == (
        f"replylint: error: {pack}:4: 'kind' must be one of phrase, pattern, substitution, "
        "require, metric, classifier, context, not 'telepathy'\n"
    )


def test_an_invalid_spacy_pattern_exits_2(cli, tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        'pack: bad\nrules:\n  - id: x\n    kind: pattern\n    description: "d"\n    message: "m"\n'
        '    why: "w"\n    suggest: "s"\n    patterns: [[{LOWER: {FUZZY9: 3}}]]\n'
    )
    result = cli("check", "--no-default-packs", "--pack", str(pack), "--text", "hi")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"replylint: error: {pack}:3: invalid spaCy pattern in rule 'x'")


def test_nothing_to_check_is_a_usage_error(cli):
    result = cli("check")
    assert result.exit_code == 2
    assert "nothing to check" in result.stderr


def test_an_unknown_model_is_a_clear_error(cli):
    result = cli("check", *ONLY_DEMO, "--model", "no_such_pipeline_xyz", "--text", "hi")
    assert result.exit_code == 2
    assert result.stderr.startswith("replylint: error: cannot load spaCy pipeline 'no_such_pipeline_xyz'")


def test_select_and_ignore_choose_rules_by_prefix(cli):
    text = ("--text", "You forgot. your fault", "--format", "text")
    only_fault = cli("check", *ONLY_DEMO, "--select", "demo.fault", *text).stdout
    assert only_fault == "<text>:1:13: error [demo.fault] 'your fault' blames.\n"
    ignored = cli("check", *ONLY_DEMO, "--ignore", "demo.fault", "--ignore", "demo.thanks", *text).stdout
    assert ignored == "<text>:1:1: warning [demo.forgot] 'You forgot'\n"


def test_rules_lists_every_rule(cli):
    result = cli("rules", *ONLY_DEMO)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rule", "severity", "kind", "description"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["demo.fault", "error", "phrase"],
        ["demo.forgot", "warning", "pattern"],
        ["demo.apol", "warning", "phrase"],
        ["demo.advised", "warning", "substitution"],
        ["demo.thanks", "warning", "require"],
        ["demo.bangs", "warning", "metric"],
        ["suppressions.unused", "warning", "builtin"],
        ["suppressions.unknown-rule", "warning", "builtin"],
        ["placeholders.unfilled", "error", "builtin"],
        ["text.invisible-characters", "warning", "builtin"],
        ["language.not-english", "suggestion", "builtin"],
    ]


def test_explain_shows_why_instead_and_examples(cli):
    result = cli("explain", *ONLY_DEMO, "demo.fault")
    assert result.exit_code == 0
    for expected in (
        "demo.fault  (error, phrase)",
        "Why it matters\nDemo why.",
        "Instead\nDemo suggestion.",
        "Flags\n  That is your fault.",
        "Does not flag\n  It's not your fault.",
    ):
        assert expected in result.stdout


def test_explain_unknown_rule_exits_2(cli):
    result = cli("explain", *ONLY_DEMO, "demo.nope")
    assert result.exit_code == 2
    assert "unknown rule 'demo.nope'" in result.stderr


def test_test_rules_passes_a_good_pack(cli):
    result = cli("test-rules", DEMO)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "12 passed, 0 failed (6 rules in 1 packs)"


def test_test_rules_runs_the_builtins_with_the_shipped_packs(cli):
    from replylint.packs.builtin import BUILTIN_RULES

    result = cli("test-rules")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith(f"and {len(BUILTIN_RULES)} built-ins)")


def test_test_rules_fails_a_wrong_example(cli, tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(Path(DEMO).read_text().replace('"That is [[your fault]]."', '"[[That]] is your fault."'))
    result = cli("test-rules", str(pack))
    assert result.exit_code == 1
    assert f"FAIL demo.fault[fail-0] ({pack}:16): expected [[That]], found [[your fault]]" in result.stdout


def test_version_flag_and_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "replylint", "--version"], capture_output=True, text=True, check=False)
    assert (proc.stdout, proc.returncode) == (f"replylint {__version__}\n", 0)


def test_the_readme_example_is_flagged_by_the_shipped_packs(cli):
    result = cli("check", "--text", "That's not our fault, you should have read the policy.", "--format", "json")
    rules = {f["rule"].split(".")[0] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert "blame" in rules
    assert result.exit_code == 1


def test_explain_lists_replacements_and_built_in_origin(cli):
    substitution = cli("explain", *ONLY_DEMO, "demo.advised")
    assert "Replacements\n  please be advised that -> (delete)\n  kindly -> please\n" in substitution.stdout
    assert f"Defined in {DEMO}:" in substitution.stdout
    assert cli("explain", "placeholders.unfilled").stdout.rstrip().endswith("Built into replylint")
