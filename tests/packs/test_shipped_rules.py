"""Every example of every shipped rule, one test each (ids like `blame.customer-fault[fail-0]`), and pack standards."""

from __future__ import annotations

import pytest

from replylint.authoring.examples import check_rule
from replylint.engine import nlp
from replylint.packs.builtin import BUILTIN_RULES
from replylint.packs.loading import load_packs, shipped_pack_paths

PACKS = load_packs(shipped_pack_paths())
RULES = [rule for pack in PACKS for rule in pack.rules]
CORE = {"blame", "snark", "promotion", "politics-religion", "acknowledgement"}


def _cases():
    pipeline = nlp.load()
    for rule in RULES:
        for result in check_rule(rule, pipeline):
            yield pytest.param(result, id=result.case)
    # The built-ins report on other rules, so their examples run among the shipped ones (as test-rules does).
    for rule in BUILTIN_RULES:
        for result in check_rule(rule, pipeline, context=RULES):
            yield pytest.param(result, id=result.case)


@pytest.mark.parametrize("result", list(_cases()))
def test_shipped_example(result):
    assert result.ok, f"{result.rule.source}:{result.example.line}: {result.detail}"


def test_the_core_packs_are_shipped():
    assert {pack.name for pack in PACKS} >= CORE


@pytest.mark.parametrize("rule", [*RULES, *BUILTIN_RULES], ids=lambda r: r.qualified_id)
def test_every_rule_has_enough_examples(rule):
    assert len(rule.fail) >= 3, "at least 3 fail examples"
    assert len(rule.passes) >= 3, "at least 3 near-miss pass examples"
    assert rule.why.strip() and rule.suggest.strip() and rule.description.strip()


@pytest.mark.parametrize("pack", [p for p in PACKS if p.name in CORE], ids=lambda p: p.name)
def test_core_packs_have_several_rules(pack):
    assert len(pack.rules) >= 2
