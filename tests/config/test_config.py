"""Config: the upward search, every key, defaults < file < flags, exact errors, globs, and the starter."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from replylint.config.loading import find_config, load_config, merge_flags
from replylint.config.settings import DEFAULT_INCLUDE, CollectionSetting, Config, ConfigError, PerFileSetting
from replylint.config.starter import STARTER, write_starter
from replylint.findings import Severity
from replylint.inputs.files import WALKED_SUFFIXES

DATA = Path(__file__).parents[1] / "data" / "config"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A repository root (it holds .git, so the search stops there) as the cwd; returns a file writer."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


def load_text(project, text: str, name: str = "replylint.toml") -> Config:
    return load_config(explicit=Path(project(name, text).name))


# The upward search


def test_search_finds_replylint_toml_in_a_parent_directory(project, tmp_path):
    config = project("replylint.toml", "select = ['blame']")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") == config
    assert load_config(start=tmp_path / "a" / "b").select == ("blame",)


def test_search_passes_over_a_pyproject_without_the_table(project, tmp_path):
    config = project("replylint.toml", "select = ['blame']")
    project("sub/pyproject.toml", "[project]\nname = 'x'\n[tool.black]\nline-length = 88\n")
    assert find_config(tmp_path / "sub") == config


def test_search_passes_over_a_pyproject_that_only_mentions_replylint(project, tmp_path):
    config = project("replylint.toml", "")
    project("sub/pyproject.toml", "[project]\ndependencies = ['replylint>=0.1']\n")
    assert find_config(tmp_path / "sub") == config


def test_search_stops_at_a_pyproject_with_the_table(project, tmp_path):
    project("replylint.toml", "select = ['blame']")
    nearer = project("sub/pyproject.toml", "[tool.replylint]\nselect = ['snark']\n")
    assert find_config(tmp_path / "sub") == nearer
    config = load_config(start=tmp_path / "sub")
    assert (config.path, config.root, config.select) == (nearer, tmp_path / "sub", ("snark",))


def test_replylint_toml_wins_over_pyproject_in_the_same_directory(project, tmp_path):
    own = project("replylint.toml", "")
    project("pyproject.toml", "[tool.replylint]\n")
    assert find_config(tmp_path) == own


def test_search_stops_at_the_repository_root(project, tmp_path):
    project("replylint.toml", "")
    (tmp_path / "vendored" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "vendored") is None


def test_without_a_config_the_defaults_apply_rooted_at_the_start(project, tmp_path):
    (tmp_path / "drafts").mkdir()
    assert load_config(start=tmp_path / "drafts") == Config(path=None, root=tmp_path / "drafts")
    assert load_config() == Config(path=None, root=tmp_path)


def test_an_explicit_file_wins_over_the_search(project, tmp_path):
    project("replylint.toml", "select = ['blame']")
    other = project("ci/strict.toml", "fail-on = 'suggestion'")
    config = load_config(explicit=Path("ci/strict.toml"))
    assert (config.path, config.root, config.select, config.fail_on) == (
        other,
        tmp_path / "ci",
        (),
        Severity.SUGGESTION,
    )


def test_an_explicit_pyproject_reads_its_table(project):
    project("pyproject.toml", "[tool.replylint]\nmodel = 'en_core_web_sm'\n")
    assert load_config(explicit=Path("pyproject.toml")).model == "en_core_web_sm"


# Every key


def test_every_key_loads_into_the_config(project, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text("pack: house\n", encoding="utf-8")
    config = load_text(
        project,
        """
        packs = ["rules/house.yaml"]
        select = ["blame", "snark.insult"]
        ignore = ["promotion"]
        fail-on = "error"
        include = ["drafts/**/*.txt"]
        exclude = ["vendor/**"]
        model = "en_core_web_sm"
        channel = "email"
        unfilled-placeholders = true
        cache = false
        cache-dir = ".cache/replylint"

        [severity]
        "promotion" = "suggestion"
        "blame.customer-fault" = "off"

        [placeholders]
        syntaxes = ["jinja", "brackets"]
        custom = ["<<[A-Z_]+>>"]

        [[collections]]
        glob = "macros/*.json"
        fields = ["macros[*].actions[*].value"]

        [[collections]]
        glob = "replies/*.csv"
        columns = ["body"]
        keys = ["reply"]

        [[per-file]]
        glob = "templates/**"
        ignore = ["acknowledgement"]
        severity = { "snark" = "error" }
        channel = "chat"
    """,
    )
    assert config == Config(
        path=tmp_path / "replylint.toml",
        root=tmp_path,
        packs=(tmp_path / "rules" / "house.yaml",),
        select=("blame", "snark.insult"),
        ignore=("promotion",),
        severity=(("promotion", "suggestion"), ("blame.customer-fault", "off")),
        fail_on=Severity.ERROR,
        include=("drafts/**/*.txt",),
        exclude=("vendor/**",),
        collections=(
            CollectionSetting("macros/*.json", fields=("macros[*].actions[*].value",)),
            CollectionSetting("replies/*.csv", keys=("reply",), columns=("body",)),
        ),
        placeholder_syntaxes=("jinja", "brackets"),
        placeholder_custom=("<<[A-Z_]+>>",),
        model="en_core_web_sm",
        channel="email",
        unfilled_placeholders=True,
        cache=False,
        cache_dir=str(tmp_path / ".cache" / "replylint"),
        per_file=(PerFileSetting("templates/**", ("acknowledgement",), (("snark", "error"),), "chat"),),
    )


def test_packs_resolve_against_the_config_directory_not_the_cwd(project, tmp_path, monkeypatch):
    project("team/packs/house.yaml", "pack: house\n")
    project("team/replylint.toml", "packs = ['packs/house.yaml']")
    monkeypatch.chdir(tmp_path / "team" / "packs")
    assert load_config().packs == (tmp_path / "team" / "packs" / "house.yaml",)


def test_bare_dotted_severity_keys_mean_the_same_as_quoted_ones(project):
    config = load_text(project, "[severity]\nblame = 'error'\nsnark.insult = 'off'\n")
    assert config.severity == (("blame", "error"), ("snark.insult", "off"))


def test_an_empty_syntaxes_list_turns_the_built_in_placeholders_off(project):
    assert load_text(project, "[placeholders]\nsyntaxes = []\n").placeholder_syntaxes == ()
    assert load_text(project, "[placeholders]\n").placeholder_syntaxes is None


# Severity prefixes


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        ("blame.customer-fault", None),  # the rule's own entry beats its pack's
        ("blame.third-party", Severity.ERROR),  # the pack entry
        ("snark.insult", Severity.SUGGESTION),
        ("snark.insulting", Severity.WARNING),  # "snark.insult" is not a prefix of another id
        ("promotion.upsell", Severity.WARNING),  # no entry: the rule's own severity
    ],
)
def test_the_most_specific_severity_prefix_wins(rule_id, expected):
    config = Config(
        path=None,
        root=Path("/"),
        severity=(("blame.customer-fault", "off"), ("blame", "error"), ("snark.insult", "suggestion")),
    )
    assert config.severity_for(rule_id, Severity.WARNING) == expected


def test_a_later_entry_for_the_same_prefix_wins():
    config = Config(path=None, root=Path("/"), severity=(("blame", "off"), ("blame", "suggestion")))
    assert config.severity_for("blame.x", Severity.ERROR) == Severity.SUGGESTION


def test_a_severity_written_for_an_old_rule_id_applies_through_its_alias():
    config = Config(path=None, root=Path("/"), severity=(("blame.old-name", "off"),))
    assert config.severity_for("blame.new-name", Severity.ERROR, aliases=("blame.old-name",)) is None


# Globs


@pytest.mark.parametrize(
    ("pattern", "path", "excluded"),
    [
        ("vendor/**", "vendor/a.txt", True),
        ("vendor/**", "vendor/deep/er/a.txt", True),
        ("vendor/**", "vendor", True),  # the directory itself, so a walk can prune it
        ("vendor/**", "src/vendor/a.txt", False),  # globs are anchored at the config directory
        ("**/vendor/**", "src/vendor/a.txt", True),
        ("**/*.md", "README.md", True),  # ** matches no directory too
        ("*.md", "docs/guide.md", False),  # * stays within one directory
        ("docs/*.md", "docs/guide.md", True),
        ("docs/**/draft-?.txt", "docs/a/b/draft-1.txt", True),
        ("docs/**/draft-?.txt", "docs/draft-12.txt", False),
        ("drafts-old", "drafts-old/x/y.txt", True),  # a pattern matching a directory covers its files
        ("[!a]*.txt", "b.txt", True),
        ("[!a]*.txt", "a.txt", False),
    ],
)
def test_exclude_globs(tmp_path, pattern, path, excluded):
    config = Config(path=None, root=tmp_path, exclude=(pattern,))
    assert config.is_excluded(tmp_path / path) is excluded


def test_relative_paths_are_taken_from_the_cwd_and_matched_from_the_root(project, tmp_path, monkeypatch):
    config = load_text(project, "exclude = ['drafts/vendor/**']")
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")
    assert (config.is_excluded("vendor/a.txt"), config.is_excluded("own/a.txt")) == (True, False)


def test_outside_the_root_only_any_depth_globs_match(tmp_path):
    config = Config(path=None, root=tmp_path / "project", exclude=("**/vendor/**", "vendor/**"))
    assert config.is_excluded(tmp_path / "elsewhere" / "vendor" / "a.txt") is True
    assert (
        Config(path=None, root=tmp_path / "project", exclude=("vendor/**",)).is_excluded(tmp_path / "vendor" / "a.txt")
        is False
    )


def test_standard_input_and_text_are_never_excluded(tmp_path):
    config = Config(path=None, root=tmp_path, exclude=("**",))
    assert [config.is_excluded(p) for p in ("-", "<stdin>", "<text>")] == [False, False, False]


def test_default_include_takes_the_draft_and_collection_suffixes(tmp_path):
    config = Config(path=None, root=tmp_path)
    assert tuple(f"**/*{suffix}" for suffix in WALKED_SUFFIXES) == DEFAULT_INCLUDE
    assert [config.is_included(tmp_path / p) for p in ("a.txt", "x/y/b.md", "c.json", "d.py")] == [
        True,
        True,
        True,
        False,
    ]


def test_the_first_matching_collection_applies(tmp_path):
    macros, anything = CollectionSetting("macros/*.json", ("value",)), CollectionSetting("**/*.json", ("x",))
    config = Config(path=None, root=tmp_path, collections=(macros, anything))
    assert config.collection_for(tmp_path / "macros" / "m.json") == macros
    assert config.collection_for(tmp_path / "other" / "m.json") == anything
    assert config.collection_for(tmp_path / "m.csv") is None


def test_per_file_entries_extend_ignore_and_severity_and_set_the_channel(tmp_path):
    config = Config(
        path=None,
        root=tmp_path,
        ignore=("promotion",),
        channel="email",
        per_file=(
            PerFileSetting("templates/**", ignore=("acknowledgement",), severity=(("snark", "error"),)),
            PerFileSetting("templates/sms/**", channel="sms"),
        ),
    )
    sms = config.for_file(tmp_path / "templates" / "sms" / "a.txt")
    assert (sms.ignore, sms.severity, sms.channel) == (("promotion", "acknowledgement"), (("snark", "error"),), "sms")
    assert config.for_file(tmp_path / "replies" / "a.txt") is config


def test_unfilled_placeholders_default_to_on_for_stdin_and_text_only(tmp_path):
    auto = Config(path=None, root=tmp_path)
    assert [auto.wants_unfilled(p) for p in ("<stdin>", "<text>", "a.txt")] == [True, True, False]
    assert Config(path=None, root=tmp_path, unfilled_placeholders=True).wants_unfilled("a.txt") is True


# Precedence: defaults < file < flags


def test_the_file_overrides_the_defaults_and_flags_override_the_file(project, tmp_path):
    config = load_text(project, "fail-on = 'error'\nmodel = 'en_core_web_sm'\nchannel = 'dm'\n")
    assert Config(path=None, root=tmp_path).fail_on == Severity.WARNING
    merged = merge_flags(config, fail_on=Severity.SUGGESTION, model=None, channel="sms")
    assert (merged.fail_on, merged.model, merged.channel) == (Severity.SUGGESTION, "en_core_web_sm", "sms")


def test_flags_not_given_change_nothing(tmp_path):
    config = Config(path=None, root=tmp_path, select=("blame",))
    assert merge_flags(config, select=None, ignore=None, packs=None) is config


def test_flag_select_replaces_the_file_and_ignore_and_packs_extend_it(tmp_path):
    config = Config(path=None, root=tmp_path, select=("blame",), ignore=("promotion",), packs=(tmp_path / "a.yaml",))
    merged = merge_flags(config, select=["snark"], ignore=["politics-religion", "promotion"], packs=[Path("b.yaml")])
    assert (merged.select, merged.ignore, merged.packs) == (
        ("snark",),
        ("promotion", "politics-religion"),
        (tmp_path / "a.yaml", Path("b.yaml")),
    )


def test_flag_severity_entries_win_over_the_file_for_the_same_prefix(tmp_path):
    config = Config(path=None, root=tmp_path, severity=(("blame", "off"),))
    merged = merge_flags(config, severity=[("blame", "error")])
    assert merged.severity_for("blame.x", Severity.WARNING) == Severity.ERROR


def test_flag_values_are_checked():
    config = Config(path=None, root=Path("/"))
    with pytest.raises(
        ConfigError, match=re.escape("--fail-on must be one of error, warning, suggestion, not 'fatal'")
    ):
        merge_flags(config, fail_on="fatal")
    with pytest.raises(TypeError, match="unknown flag 'colour'"):
        merge_flags(config, colour="always")


# Errors name the file and the key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selcet = ['blame']", "replylint.toml: unknown key 'selcet' (did you mean 'select'?)"),
        ("fail_on = 'error'", "replylint.toml: unknown key 'fail_on' (did you mean 'fail-on'?)"),
        ("colour = 'red'", "replylint.toml: unknown key 'colour'"),
        ("select = 'blame'", """replylint.toml: select must be a list of strings, not 'blame' (write ["blame"])"""),
        ("ignore = ['blame', 3]", "replylint.toml: ignore must be a list of non-empty strings, but item 2 is 3"),
        ("packs = ['']", "replylint.toml: packs must be a list of non-empty strings, but item 1 is ''"),
        (
            "packs = ['missing.yaml']",
            "replylint.toml: packs names 'missing.yaml', which does not exist (looked for {root}/missing.yaml)",
        ),
        ("fail-on = 'fatal'", "replylint.toml: fail-on must be one of error, warning, suggestion, not 'fatal'"),
        ("fail-on = 2", "replylint.toml: fail-on must be one of error, warning, suggestion, not 2"),
        ("model = ''", "replylint.toml: model must be a non-empty string, not ''"),
        ("model = ['a']", "replylint.toml: model must be a non-empty string, not a list"),
        ("channel = 'fax'", "replylint.toml: channel must be one of public, forum, dm, email, sms, chat, not 'fax'"),
        ("cache = 'yes'", "replylint.toml: cache must be true or false, not 'yes'"),
        ("unfilled-placeholders = 1", "replylint.toml: unfilled-placeholders must be true or false, not 1"),
        ("cache-dir = false", "replylint.toml: cache-dir must be a non-empty string, not false"),
        (
            "include = ['../shared/**']",
            "replylint.toml: include globs are relative to the config's directory "
            "and cannot use '..', not '../shared/**'",
        ),
        (
            "exclude = ['[z-a]']",
            "replylint.toml: exclude has an invalid glob '[z-a]': bad character range z-a at position 1",
        ),
        ("severity = 'error'", "replylint.toml: severity must be a table of rule id = severity, not 'error'"),
        (
            "[severity]\nblame = 'fatal'",
            "replylint.toml: severity.blame must be one of error, warning, suggestion, off, not 'fatal'",
        ),
        (
            "[severity]\nsnark.insult = true",
            "replylint.toml: severity.snark.insult must be one of error, warning, suggestion, off, not true",
        ),
        ("placeholders = ['jinja']", "replylint.toml: placeholders must be a table, not a list"),
        (
            "[placeholders]\nsyntax = []",
            "replylint.toml: unknown key 'syntax' in [placeholders] (did you mean 'syntaxes'?)",
        ),
        (
            "[placeholders]\nsyntaxes = ['mustache']",
            "replylint.toml: [placeholders] syntaxes items must be one "
            "of jinja, handlebars, braces, percent, brackets, angle, dollar, "
            "not 'mustache'",
        ),
        (
            "[placeholders]\ncustom = ['{{(']",
            "replylint.toml: [placeholders] custom item 1 is not a valid "
            "regular expression: missing ), unterminated subpattern at "
            "position 2",
        ),
        (
            "collections = {glob = 'x'}",
            "replylint.toml: collections must be an array of tables ([[collections]]), not a table",
        ),
        ("[[collections]]\nfields = ['a']", "replylint.toml: [[collections]] #1 glob is missing"),
        (
            "[[collections]]\nglob = 'a'\n[[collections]]\nglob = 'b'\nfeilds = []",
            "replylint.toml: unknown key 'feilds' in [[collections]] #2 (did you mean 'fields'?)",
        ),
        (
            "[[collections]]\nglob = 'a'\ncolumns = 'body'",
            """replylint.toml: [[collections]] #1 columns must be a list of strings, not 'body' (write ["body"])""",
        ),
        (
            "[[per-file]]\nglob = 'a'\nchannel = 'fax'",
            "replylint.toml: [[per-file]] #1 channel must be one of public, forum, dm, email, sms, chat, not 'fax'",
        ),
        (
            "[[per-file]]\nglob = 'a'\nseverity = { snark = 'loud' }",
            "replylint.toml: [[per-file]] #1 severity.snark must be one of error, warning, suggestion, off, not 'loud'",
        ),
        ("[[per-file]]\nglob = 'a'\nselect = []", "replylint.toml: unknown key 'select' in [[per-file]] #1"),
        (
            "[tool.replylint]\nselect = []",
            "replylint.toml: unknown key 'tool' (replylint.toml takes its settings "
            "at the top level, without [tool.replylint])",
        ),
    ],
)
def test_config_errors_name_the_file_and_the_key(project, tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_text(project, text)
    assert str(caught.value) == message.format(root=tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[tool.replylint]\nselcet = []",
            "pyproject.toml: unknown key 'selcet' in [tool.replylint] (did you mean 'select'?)",
        ),
        (
            "[tool.replylint]\nfail-on = 'fatal'",
            "pyproject.toml: [tool.replylint] fail-on must be one of error, warning, suggestion, not 'fatal'",
        ),
        (
            "[tool.replylint.placeholders]\ncustom = 'x'",
            "pyproject.toml: [tool.replylint.placeholders] custom must be a list of strings, not 'x' "
            """(write ["x"])""",
        ),
        (
            "[[tool.replylint.collections]]\nglob = 3",
            "pyproject.toml: [[tool.replylint.collections]] #1 glob must be a non-empty string, not 3",
        ),
        ("[tool]\nreplylint = 'strict'", "pyproject.toml: tool.replylint must be a table, not 'strict'"),
    ],
)
def test_pyproject_errors_name_the_table(project, text, message):
    project("pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config()
    assert str(caught.value) == message


def test_an_explicit_pyproject_without_the_table_is_an_error(project):
    project("pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: no \[tool.replylint\] table$"):
        load_config(explicit=Path("pyproject.toml"))


def test_a_toml_syntax_error_gives_the_file_line_and_column(project):
    project("replylint.toml", "fail-on = 'error'\nselect = ['blame'\nignore = []\n")
    with pytest.raises(ConfigError) as caught:
        load_config()
    assert str(caught.value) == "replylint.toml: invalid TOML: Unclosed array (at line 3, column 1)"


def test_a_syntax_error_in_a_pyproject_naming_replylint_is_reported_by_the_search(project, tmp_path):
    project("pyproject.toml", "[tool.replylint]\nselect = \n")
    (tmp_path / "sub").mkdir()
    with pytest.raises(ConfigError, match=r"^pyproject.toml: invalid TOML: .*\(at line 2, column 10\)$"):
        find_config(tmp_path / "sub")


def test_a_config_that_is_not_utf8_is_an_error(project, tmp_path):
    (tmp_path / "replylint.toml").write_bytes(b"model = '\xff'\n")
    with pytest.raises(ConfigError, match=r"^replylint.toml: not valid UTF-8 at byte 9$"):
        load_config()


def test_a_missing_explicit_file_is_an_error(project):
    with pytest.raises(ConfigError, match=r"^nope.toml: cannot read: No such file or directory$"):
        load_config(explicit=Path("nope.toml"))


def test_a_fixture_config_outside_the_cwd_is_named_by_its_path(project):
    with pytest.raises(ConfigError) as caught:
        load_config(explicit=DATA / "bad-severity.toml")
    assert str(caught.value) == (
        f"{DATA / 'bad-severity.toml'}: severity.snark.sarcasm must be one of "
        "error, warning, suggestion, off, not 'loud'"
    )


# `replylint init`


def test_the_starter_loads_to_the_defaults(tmp_path):
    written = write_starter(tmp_path, force=False)
    assert written == tmp_path / "replylint.toml"
    assert written.read_text(encoding="utf-8") == STARTER
    assert load_config(explicit=written) == Config(path=written, root=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["replylint.toml"]  # no temporary file left


def _uncomment_examples(text: str) -> str:
    """Turn "#key = ..." lines into settings, each replacing the same key's default line in its table."""
    lines: list[str] = []
    table_start = 0
    for raw in text.splitlines():
        line = raw[1:] if re.match(r"#[\[\w\"]", raw) else raw
        if line.startswith("["):
            table_start = len(lines)
        elif re.match(r"[\w\"]", line):
            key = line.split("=")[0].strip()
            lines[table_start:] = [kept for kept in lines[table_start:] if kept.split("=")[0].strip() != key]
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_the_starter_shows_every_key_as_a_working_example(tmp_path):
    uncommented = _uncomment_examples(STARTER)
    assert set(re.findall(r"(?m)^\[*([\w-]+)", uncommented)) == {
        "packs",
        "select",
        "ignore",
        "fail-on",
        "include",
        "exclude",
        "model",
        "channel",
        "cache",
        "cache-dir",
        "unfilled-placeholders",
        "severity",
        "placeholders",
        "syntaxes",
        "custom",
        "collections",
        "glob",
        "fields",
        "columns",
        "keys",
        "per-file",
        "respect-ignore-files",
        "default-excludes",
    }
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house-style.yaml").write_text("pack: house\n", encoding="utf-8")
    (tmp_path / "replylint.toml").write_text(uncommented, encoding="utf-8")
    config = load_config(explicit=tmp_path / "replylint.toml")
    assert (config.channel, config.unfilled_placeholders, config.cache_dir) == (
        "email",
        True,
        str(tmp_path / ".replylint_cache"),
    )
    assert config.severity == (("promotion", "suggestion"), ("blame.customer-fault", "error"))
    assert [c.glob for c in config.collections] == ["macros/*.json", "replies/*.csv", "snippets/**/*.yaml"]
    assert config.per_file == (PerFileSetting("templates/**", ("acknowledgement",), (("snark", "error"),), "email"),)
    assert (config.placeholder_syntaxes, config.placeholder_custom) == (("jinja", "brackets"), ("<<[A-Z_]+>>",))
    assert (config.packs, config.ignore, config.exclude) == (
        (tmp_path / "rules" / "house-style.yaml",),
        ("promotion",),
        ("vendor/**", "**/drafts-old"),
    )


def test_init_refuses_to_overwrite_an_existing_config(tmp_path):
    (tmp_path / "replylint.toml").write_text("select = ['blame']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        write_starter(tmp_path, force=False)
    assert str(caught.value) == f"{tmp_path / 'replylint.toml'} already exists (use --force to overwrite it)"
    assert (tmp_path / "replylint.toml").read_text(encoding="utf-8") == "select = ['blame']\n"


def test_init_with_force_replaces_an_existing_config(tmp_path):
    (tmp_path / "replylint.toml").write_text("select = ['blame']\n", encoding="utf-8")
    write_starter(tmp_path, force=True)
    assert (tmp_path / "replylint.toml").read_text(encoding="utf-8") == STARTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["replylint.toml"]


def test_init_into_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match=r"not a directory$"):
        write_starter(tmp_path / "nope", force=False)
