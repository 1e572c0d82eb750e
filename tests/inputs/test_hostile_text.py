"""Hostile text through the CLI: invalid bytes, lone surrogates, deep folders, floods that are slow to tokenise."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")


def check(*args: str):
    return CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", DEMO, "--no-cache", "--format", "json", *args]
    )


def files(result) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def found(result) -> dict[str, list[tuple[str, int, int, str]]]:
    return {
        name: [(x["rule"], x["line"], x["column"], x["match"]) for x in entry.get("findings", [])]
        for name, entry in files(result).items()
    }


def test_invalid_bytes_in_text_are_reported_like_a_files(tmp_path):
    # Python hands argv bytes that are not UTF-8 over as surrogate escapes: b"caf\xe9" arrives as "caf\udce9".
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 sorry")
    result = check("--text", "caf\udce9 sorry", str(tmp_path / "bad.txt"))
    assert result.exit_code == 2
    assert files(result)["<text>"]["error"] == files(result)["bad.txt"]["error"]
    assert files(result)["<text>"]["error"] == "not valid UTF-8 at byte 3 (use --encoding to read another encoding)"


def test_encoding_applies_to_the_bytes_of_text():
    result = check("--encoding", "latin-1", "--text", "Thanks, caf\udce9: your fault")
    assert (result.exit_code, found(result)) == (1, {"<text>": [("demo.fault", 1, 15, "your fault")]})


def test_a_lone_surrogate_in_text_is_an_input_error():
    result = check("--text", "hi \ud800 your fault")
    assert result.exit_code == 2
    assert files(result)["<text>"]["error"] == "not valid text at character 3 (a lone surrogate)"


def test_invalid_bytes_on_stdin_are_reported_like_a_files():
    result = CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", DEMO, "--format", "json", "-"], input=b"caf\xe9 sorry"
    )
    assert result.exit_code == 2
    assert [f["error"] for f in json.loads(result.stdout)["files"]] == [
        "not valid UTF-8 at byte 3 (use --encoding to read another encoding)"
    ]


def test_a_lone_surrogate_escape_in_json_is_a_file_line_error(tmp_path):
    (tmp_path / "macros.json").write_text('[{"body": "fine"},\n {"body": "Thanks. \\ud800 your fault"}]')
    (tmp_path / "ok.txt").write_text("Thanks. your fault\n")
    result = check(str(tmp_path / "macros.json"), str(tmp_path / "ok.txt"))
    assert result.exit_code == 2
    assert files(result)["macros.json"]["error"].endswith(
        "macros.json:2: \\ud800 is half a surrogate pair, not a character"
    )
    assert found(result)["ok.txt"] == [("demo.fault", 1, 9, "your fault")]


def test_a_surrogate_pair_escape_in_json_is_one_character(tmp_path):
    (tmp_path / "macros.json").write_text('[{"body": "Thanks \\ud83d\\ude00 your fault"}]')
    result = check(str(tmp_path / "macros.json"))
    assert (result.exit_code, found(result)) == (1, {"macros.json": [("demo.fault", 1, 32, "your fault")]})


def test_folders_nested_deeper_than_the_recursion_limit_are_walked(tmp_path):
    # The recursion limit is lowered to just above this test's stack instead of nesting 1,500 folders: the
    # walk is shown not to recurse, and pytest's own clean-up (which does recurse) still copes with the tree.
    depth = len(traceback.extract_stack())
    folder = tmp_path / "top"
    folder.mkdir()
    (folder / "shallow.txt").write_text("Thanks.\n")
    for _ in range(400):
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text("Thanks. your fault\n")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 300)
    try:
        result = check(str(tmp_path / "top"))
    finally:
        sys.setrecursionlimit(limit)
    assert (result.exit_code, found(result)) == (
        1,
        {"deep.txt": [("demo.fault", 1, 9, "your fault")], "shallow.txt": []},
    )


def longest_run(text: str) -> int:
    return max((len(run) for run in text.split()), default=0)


def test_long_runs_without_spaces_are_cut_before_tokenising(pipeline):
    from replylint.engine.reading import MAX_TOKEN, SYMBOL_RUN, reading

    for flood, longest in ((".," * 2000, SYMBOL_RUN), ("😀" * 2000, SYMBOL_RUN), ("ab" * 2000, MAX_TOKEN)):
        text, index = reading(f"Hi {flood} your fault")
        doc = pipeline.nlp(text)
        assert longest_run(text) == longest
        assert max(len(token) for token in doc) <= longest
        # Every character but the inserted spaces maps back onto itself.
        original = f"Hi {flood} your fault"
        assert "".join(c for i, c in enumerate(text) if original[index[i]] == c) == original


def test_a_cut_never_separates_a_combining_mark_from_its_letter():
    from replylint.engine.reading import reading

    text, _ = reading("e\u0301" * 300)
    assert all(not run.startswith("\u0301") for run in text.split())


def test_findings_after_floods_keep_their_columns(tmp_path):
    (tmp_path / "dots.txt").write_text("Thanks. " + ".," * 5000 + " your fault\n")
    (tmp_path / "emoji.txt").write_text("Thanks. " + "😀" * 5000 + "your fault\n")
    (tmp_path / "word.txt").write_text("Thanks. " + "x" * 5000 + " your fault\n")
    (tmp_path / "brackets.md").write_text("Thanks. " + "[" * 20000 + " your fault\n")
    result = check(*(str(tmp_path / name) for name in ("dots.txt", "emoji.txt", "word.txt", "brackets.md")))
    assert (result.exit_code, found(result)) == (
        1,
        {
            "brackets.md": [("demo.fault", 1, 20010, "your fault")],
            "dots.txt": [("demo.fault", 1, 10010, "your fault")],
            "emoji.txt": [("demo.fault", 1, 5009, "your fault")],
            "word.txt": [("demo.fault", 1, 5010, "your fault")],
        },
    )


def test_unclosed_tags_are_not_rescanned_for_each_angle_bracket(tmp_path, monkeypatch):
    from html.parser import HTMLParser

    calls = []
    real = HTMLParser.parse_starttag
    monkeypatch.setattr(HTMLParser, "parse_starttag", lambda self, i: calls.append(i) or real(self, i))
    (tmp_path / "reply.html").write_text("<p>Thanks. your fault</p>" + "<p " * 3000 + " your fault")
    (tmp_path / "macros.json").write_text(json.dumps([{"body": "<p>Thanks. your fault</p>" + "<p " * 3000}]))
    result = check(str(tmp_path / "reply.html"), str(tmp_path / "macros.json"))
    assert (result.exit_code, found(result)) == (
        1,
        {
            "macros.json": [("demo.fault", 1, 23, "your fault")],
            "reply.html": [("demo.fault", 1, 12, "your fault"), ("demo.fault", 1, 9027, "your fault")],
        },
    )
    assert len(calls) == 2  # the two <p> that open a tag; none of the 6,000 that cannot


def test_html_with_a_complete_last_tag_parses_as_before():
    from replylint.inputs.html import html_spans

    text = "<p a='<b>'>Hi &amp; <i>you</i></p><script>x<y</script>"
    assert html_spans(text) == (((0, 11), (15, 19), (20, 23), (26, 30), (30, 34), (34, 42), (42, 45), (45, 54)), ())


PACK = """\
pack: house
rules:
  - id: odd
    kind: pattern
    severity: warning
    description: "d"
    message: "m"
    why: "w"
    suggest: "s"
    patterns:
      - [{LOWER: "hi"},
         {TOKEN}]
    examples:
      fail: ["[[hi x]]"]
"""


@pytest.mark.parametrize(
    ("token", "why"),
    [
        (r'{TEXT: {REGEX: "(?:a|a)*c"}}', "a repeated alternation whose branches can match the same text"),
        (r'{LOWER: {REGEX: "\\w*\\w*\\w*\\w*c"}}', "repeats in a row that can match the same characters"),
        (r'{TEXT: {REGEX: "\\w+\\s?\\w+!"}}', "repeats in a row that can match the same characters"),
        (r'{TEXT: {REGEX: "(a{1,30}){1,30}c"}}', "nested repetition"),
        (r'{TEXT: {REGEX: "(?:a?){40}a{40}"}}', "nested repetition"),
        (r'{TEXT: {REGEX: "(a)?(?(1)b+|c+)+d"}}', "nested repetition"),
        (r'{_: {mood: {REGEX: "(a|aa)*c"}}}', "nested repetition"),
    ],
)
def test_catastrophic_token_regexes_are_refused_with_file_and_line(tmp_path, token, why):
    (tmp_path / "pack.yaml").write_text(PACK.replace("{TOKEN}", token))
    result = CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", str(tmp_path / "pack.yaml"), "--text", "hi"]
    )
    assert result.exit_code == 2
    assert f"pack.yaml:12: {token.split(':')[0].strip('{')} REGEX " in result.stderr
    assert why in result.stderr


@pytest.mark.parametrize(
    "regex",
    [r"^\\d{4}(?:[- ]?\\d{4}){3}$", r"(\\d{1,3}\\.){3}\\d+", r"^(?:[a-z]+-)*[a-z]+$", r"\\w+\\s+\\w+", r"(ab?)+c"],
)
def test_regexes_without_those_shapes_load(tmp_path, regex):
    (tmp_path / "pack.yaml").write_text(PACK.replace("{TOKEN}", f'{{TEXT: {{REGEX: "{regex}"}}}}'))
    result = CliRunner().invoke(app, ["rules", "--no-default-packs", "--pack", str(tmp_path / "pack.yaml")])
    assert result.exit_code == 0
    assert "house.odd" in result.stdout.split()


def test_config_placeholder_patterns_get_the_same_safety_check(tmp_path):
    (tmp_path / "replylint.toml").write_text("[placeholders]\ncustom = ['<<[A-Z]+>>', '(x+x+)+y']\n")
    result = CliRunner().invoke(app, ["check", "--config", str(tmp_path / "replylint.toml"), "--text", "hi"])
    assert result.exit_code == 2
    assert result.stderr.startswith("replylint: error: ")
    assert "replylint.toml: [placeholders] custom item 2 '(x+x+)+y': nested repetition" in result.stderr


OVER_LIMIT = "file is 2,019 bytes, over the 2,000-byte limit for an input (max-input-size; raise it in the config or with --max-input-size)"


def test_an_input_over_the_size_limit_is_refused_and_the_rest_linted(tmp_path):
    (tmp_path / "big.txt").write_text("Thanks. your fault\n" + "x" * 2000)
    (tmp_path / "small.txt").write_text("Thanks. your fault\n")
    result = check("--max-input-size", "2KB", str(tmp_path / "big.txt"), str(tmp_path / "small.txt"))
    assert result.exit_code == 2
    assert files(result)["big.txt"]["error"] == OVER_LIMIT
    assert found(result)["small.txt"] == [("demo.fault", 1, 9, "your fault")]


def test_the_size_limit_applies_to_stdin_and_text_and_comes_from_the_config(tmp_path):
    (tmp_path / "replylint.toml").write_text('max-input-size = "2KB"\n')
    big = "Thanks. your fault\n" + "x" * 2000
    result = CliRunner().invoke(
        app,
        ["check", "--config", str(tmp_path / "replylint.toml"), "--format", "json", "--text", big, "-"],
        input=big.encode(),
    )
    assert result.exit_code == 2
    assert [f["error"] for f in json.loads(result.stdout)["files"]] == [
        OVER_LIMIT.replace("2,019 bytes", "over 2,000 bytes"),  # standard input is read only that far
        OVER_LIMIT,
    ]


def test_an_input_at_the_size_limit_is_linted(tmp_path):
    (tmp_path / "a.txt").write_text("Thanks. your fault\n" + "x" * 1981)
    result = check("--max-input-size", "2000", str(tmp_path / "a.txt"))
    assert (result.exit_code, found(result)) == (1, {"a.txt": [("demo.fault", 1, 9, "your fault")]})


def test_the_default_size_limit_is_five_megabytes():
    from replylint.config.settings import Config

    assert Config(path=None, root=Path()).max_input_size == 5_000_000


def test_a_bad_size_limit_is_a_usage_error(tmp_path):
    (tmp_path / "replylint.toml").write_text("max-input-size = -1\n")
    result = CliRunner().invoke(app, ["check", "--config", str(tmp_path / "replylint.toml"), "--text", "hi"])
    assert result.exit_code == 2
    assert "replylint.toml: max-input-size must be a positive size such as 5MB" in result.stderr
    result = CliRunner().invoke(app, ["check", "--max-input-size", "lots", "--text", "hi"])
    assert result.exit_code == 2
    assert "--max-input-size must be a positive size such as 5MB, 500KB or 2000000 (bytes), not 'lots'" in result.stderr


def test_a_long_emoji_run_is_reported_in_bounded_pieces():
    # An open-ended tail (OP "*") would make the Matcher build a match per start and end: quadratic in the run.
    from replylint.engine.kinds import compile_rules
    from replylint.engine.nlp import load
    from replylint.packs.loading import load_pack, shipped_pack_paths

    (spam,) = [p for p in shipped_pack_paths() if p.name == "spam.yaml"]
    rules = [r for r in load_pack(spam).rules if r.id == "emoji-pile"]
    for pattern in rules[0].patterns:
        assert pattern[-1].get("OP") not in ("*", "+")
    pipeline = load()
    doc = pipeline.nlp("Thanks " + "\U0001f389" * 300)
    hits = compile_rules(rules, pipeline).find(doc)
    assert hits and max(h.end - h.start for h in hits) <= 12  # at most 12 emoji in one finding
