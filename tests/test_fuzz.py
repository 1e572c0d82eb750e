"""Fuzzing: random text, random unicode and random YAML shapes never raise anything but the documented errors."""

from __future__ import annotations

import string
from dataclasses import replace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.engine.kinds import compile_rules
from replylint.engine.linter import lint
from replylint.engine.reading import STRAIGHTEN
from replylint.inputs.drafts import InputError, draft_from_text
from replylint.inputs.files import decode
from replylint.packs.loading import load_pack, load_packs, shipped_pack_paths
from replylint.packs.records import PackError

FUZZ = settings(
    max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["phrase", "pattern", "require", "metric", "error", "lower", "lemma", "you", "LOWER", "IN"]),
)
shapes = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "pack",
                    "rules",
                    "id",
                    "kind",
                    "phrases",
                    "patterns",
                    "message",
                    "why",
                    "suggest",
                    "description",
                    "severity",
                    "examples",
                    "fail",
                    "pass",
                    "LOWER",
                    "IN",
                    "OP",
                    "max",
                    "metric",
                    "lexicons",
                    "x",
                ]
            )
            | st.text(max_size=8),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def shipped(pipeline):
    rules = [r for p in load_packs(shipped_pack_paths()) for r in p.rules]
    return compile_rules(rules, pipeline)


@FUZZ
@given(shape=shapes)
def test_random_yaml_shapes_load_or_fail_with_a_pack_error(tmp_path, shape):
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(shape, allow_unicode=True), encoding="utf-8")
    try:
        load_pack(path)
    except PackError as exc:
        assert str(exc).startswith(f"{path}:")


@FUZZ
@given(text=st.text(alphabet=string.printable + "{}[]:-&*!|>'\"%@`#", max_size=200))
def test_random_yaml_text_loads_or_fails_with_a_pack_error(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_pack(path)
    except PackError as exc:
        assert str(exc).startswith(f"{path}:")


@FUZZ
@given(text=st.text(max_size=300))
def test_random_unicode_lints_with_positions_inside_the_draft(pipeline, shipped, text):
    draft = draft_from_text("fuzz.txt", text)
    ((_, findings),) = list(lint([draft], shipped, pipeline))
    lines = text.splitlines() or [""]
    for finding in findings:
        assert 1 <= finding.line <= finding.end_line <= len(lines) + 1
        assert finding.column >= 1
        assert finding.end_column >= 1


@FUZZ
@given(
    words=st.lists(
        st.sampled_from(
            [
                "you",
                "your",
                "fault",
                "not",
                "sorry",
                "thanks",
                "!!!",
                "?",
                "GOD",
                "vote",
                "code",
                "50%",
                "off",
                "😀",
                "\u200b",
                "\r\n",
                "\n",
                "> ",
                "policy",
                "we",
                "can't",
                "please",
                "{{ name }}",
                "[Agent Name]",
                "<!--",
                "-->",
                "replylint: disable=blame",
                "https://x.example/a",
                "#deal",
                "@brand",
            ]
        ),
        max_size=40,
    )
)
def test_random_reply_like_text_lints(pipeline, shipped, words):
    text = " ".join(words)
    ((_, findings),) = list(lint([draft_from_text("fuzz.txt", text)], shipped, pipeline))
    assert all(f.path == "fuzz.txt" for f in findings)


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes_decode_or_fail_with_an_input_error(data):
    try:
        decode(data)
    except InputError as exc:
        assert str(exc)


PAIR_WORDS = [
    "I", "already", "restarted", "restart", "the", "router", "order", "55123", "#88112", "still", "not", "THIRD",
    "TIME", "why", "is", "my", "parcel", "late", "?", "!", ".", ",", "\n", "Thanks,", "Priya", "- Tomasz", "Hi",
    "Sarah", "please", "send", "us", "your", "number", "screenshot", "attached", "ana@example.com", "0161 496 0732",
    "tried", "clear", "cache", "can", "you", "'", '"', "“", "’", "\u200b", "  ", "my name is", "Dear", "Hello",
]  # fmt: skip
pair_texts = st.lists(st.sampled_from(PAIR_WORDS), max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reply=pair_texts, customer=pair_texts)
def test_random_pairs_lint_and_every_context_finding_quotes_the_customer(pipeline, shipped, reply, customer):
    draft = replace(draft_from_text("fuzz.txt", reply), context=customer)
    ((_, findings),) = list(lint([draft], shipped, pipeline))
    said = " ".join(customer.translate(STRAIGHTEN).split())
    for finding in (f for f in findings if f.rule.startswith("context.")):
        quoted = finding.message.split("('", 1)[1].split("')", 1)[0] if "('" in finding.message else ""
        assert quoted.removesuffix("…") in said, (finding.message, customer)
        assert finding.in_reply_to == customer
