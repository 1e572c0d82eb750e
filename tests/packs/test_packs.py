"""Pack loading: valid packs become Rules, and every malformed pack names file, line and what is wrong."""

from __future__ import annotations

import pytest

from replylint.findings import Severity
from replylint.packs.loading import load_pack, load_packs, shipped_pack_paths
from replylint.packs.records import Example, PackError

GOOD = """
    pack: demo
    description: "A demo pack."
    lexicons:
      carriers: ["UPS", "fedex"]
    rules:
      - id: fault
        kind: phrase
        severity: error
        description: "Blames the customer."
        message: "'{match}' blames."
        why: "Blame hurts."
        suggest: "Own it."
        phrases: ["your fault", "@carriers"]
        unless_negated: true
        examples:
          fail: ["It is [[your fault]]."]
          pass: ["It is not your fault."]
"""


def test_a_valid_pack_loads_into_rules(write_pack):
    pack = load_pack(write_pack(GOOD))
    (rule,) = pack.rules
    assert (pack.name, rule.qualified_id, rule.kind, rule.severity) == ("demo", "demo.fault", "phrase", Severity.ERROR)
    assert rule.phrases == ("your fault", "UPS", "fedex")
    assert rule.unless_negated is True
    assert rule.unless_quoted is False
    assert rule.fail == (Example("It is your fault.", ((6, 16),), 16),)
    assert rule.line == 6


def test_examples_parse_marked_spans():
    example = Example.parse("[[One]] and [[two words]].", 3)
    assert example == Example("One and two words.", ((0, 3), (8, 17)), 3)


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("kind: phrase", "kind: regex"), 7, "'kind' must be one of phrase, pattern, substitution, require, metric"),
        (('        why: "Blame hurts."\n', ""), 6, "missing field 'why'"),
        (('phrases: ["your fault", "@carriers"]', "phrases: [yes]"), 13, "'phrases' must hold only non-empty strings"),
        (('phrases: ["your fault", "@carriers"]', 'phrases: ["@nope"]'), 13, "unknown lexicon '@nope'"),
        (("severity: error", "severity: fatal"), 8, "'severity' must be one of suggestion, warning, error"),
        (("unless_negated: true", "unless_negated: maybe"), 14, "'unless_negated' must be true or false"),
        (("unless_negated: true", "colour: red"), 14, "unknown field 'colour'"),
        (("unless_negated: true", "unless_quoted: often"), 14, "'unless_quoted' must be true or false"),
        (("id: fault", "id: Fault!"), 6, "'id' must be lower-case letters, digits and dashes"),
        (
            ('pass: ["It is not your fault."]', 'pass: ["It is not [[your fault]]."]'),
            17,
            "a 'pass' example must not contain [[marks]]",
        ),
        (("message: \"'{match}' blames.\"", "message: [unclosed"), 11, "YAML error"),
    ],
)
def test_malformed_packs_name_the_line_and_the_problem(write_pack, change, line, message):
    path = write_pack(GOOD.replace(*change))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert caught.value.line == line
    assert message in caught.value.detail
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_python_tags_are_refused_not_executed(write_pack):
    path = write_pack("pack: !!python/object/apply:os.system ['echo pwned']\nrules: []\n")
    with pytest.raises(PackError, match=r"pack.yaml:1: YAML error: .*python/object"):
        load_pack(path)


def test_alias_bombs_are_refused(write_pack):
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 8):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    with pytest.raises(PackError, match="alias bomb"):
        load_pack(write_pack("\n".join(lines) + "\n"))


def test_recursive_aliases_are_refused(write_pack):
    with pytest.raises(PackError, match="recursive"):
        load_pack(write_pack("pack: &x [*x]\n"))


def test_a_rule_without_its_kind_fields_is_refused(write_pack):
    path = write_pack(GOOD.replace('phrases: ["your fault", "@carriers"]', 'patterns: [[{LOWER: "x"}]]'))
    with pytest.raises(PackError, match=r":13: unknown field 'patterns' in rule 'fault' of kind 'phrase'"):
        load_pack(path)


def test_unknown_token_attributes_are_refused(write_pack):
    path = write_pack(
        GOOD.replace("kind: phrase", "kind: pattern").replace(
            'phrases: ["your fault", "@carriers"]', 'patterns: [[{LOWERCASE: "x"}]]'
        )
    )
    with pytest.raises(PackError, match=r":13: unknown token attribute 'LOWERCASE'"):
        load_pack(path)


def test_duplicate_rule_ids_across_packs_are_refused(write_pack):
    first = write_pack(GOOD, "a.yaml")
    second = write_pack(GOOD, "b.yaml")
    with pytest.raises(PackError, match=r"b.yaml:6: duplicate rule id 'demo.fault' \(also in .*a.yaml:6\)"):
        load_packs([first, second])


def test_duplicate_rule_ids_in_one_pack_are_refused(write_pack):
    rule = GOOD[GOOD.index("      - id: fault") :]
    with pytest.raises(PackError, match=r":18: duplicate rule id 'fault' \(first at line 6\)"):
        load_pack(write_pack(GOOD + rule))


def test_unreadable_and_non_utf8_packs_are_errors(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(PackError, match=r"missing\.yaml:1: cannot read pack"):
        load_pack(missing)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"pack: caf\xe9\n")
    with pytest.raises(PackError, match=r"latin.yaml:1: not valid UTF-8 \(byte 9\)"):
        load_pack(latin)


def test_an_empty_pack_is_an_error(write_pack):
    with pytest.raises(PackError, match=":1: a pack is a mapping"):
        load_pack(write_pack(""))


def test_lexicons_expand_inside_token_patterns(write_pack):
    path = write_pack(
        GOOD.replace("kind: phrase", "kind: pattern").replace(
            'phrases: ["your fault", "@carriers"]', 'patterns: [[{LOWER: "blame"}, {LOWER: {IN: "@carriers"}}]]'
        )
    )
    (rule,) = load_pack(path).rules
    assert rule.patterns == (({"LOWER": "blame"}, {"LOWER": {"IN": ["fedex", "ups"]}}),)


def test_shipped_packs_are_installed_with_the_package():
    names = {p.stem for p in shipped_pack_paths()}
    assert {"blame", "snark", "promotion", "politics-religion", "acknowledgement"} <= names


@pytest.mark.parametrize("regex", [r"(a+)+$", r"([a-z]+\\s?)+$", r"((ab)*)*"])
def test_catastrophic_regexes_are_refused_at_load(write_pack, regex):
    path = write_pack(
        GOOD.replace("kind: phrase", "kind: pattern").replace(
            'phrases: ["your fault", "@carriers"]', f'patterns: [[{{TEXT: {{REGEX: "{regex}"}}}}]]'
        )
    )
    with pytest.raises(PackError, match=r":13: TEXT REGEX .*nested repetition"):
        load_pack(path)


def test_safe_regexes_load(write_pack):
    path = write_pack(
        GOOD.replace("kind: phrase", "kind: pattern").replace(
            'phrases: ["your fault", "@carriers"]', r'patterns: [[{TEXT: {REGEX: "^\\d{4}(?:[- ]?\\d{4}){3}$"}}]]'
        )
    )
    assert load_pack(path).rules[0].patterns[0][0]["TEXT"]["REGEX"] == r"^\d{4}(?:[- ]?\d{4}){3}$"


def test_a_pack_with_ten_thousand_phrases_loads(write_pack):
    # How fast is the benchmark's job (bench/run.py), not a timed test's.
    phrases = ", ".join(f'"phrase number {i}"' for i in range(10_000))
    path = write_pack(GOOD.replace('["your fault", "@carriers"]', f"[{phrases}]"))
    (rule,) = load_pack(path).rules
    assert rule.phrases[9_999] == "phrase number 9999"


def test_deeply_nested_packs_are_refused_without_crashing(write_pack):
    with pytest.raises(PackError, match=r":1: YAML error: document is recursive or nested too deeply"):
        load_pack(write_pack("pack: " + "[" * 60_000 + "]" * 60_000 + "\n"))
