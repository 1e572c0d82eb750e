"""The example harness judges the built-ins too: among the shipped rules, counting only their own hits."""

from __future__ import annotations

from dataclasses import replace

from replylint.authoring.examples import check_rule, check_rules
from replylint.engine import nlp
from replylint.packs.builtin import INVISIBLE_CHARACTERS, NOT_ENGLISH, UNFILLED_PLACEHOLDER
from replylint.packs.loading import load_packs, shipped_pack_paths
from replylint.packs.records import Example

SHIPPED = [rule for pack in load_packs(shipped_pack_paths()) for rule in pack.rules]


def test_a_wrong_builtin_example_fails():
    wrong = replace(UNFILLED_PLACEHOLDER, fail=(Example.parse("Hi [[Dana]], thanks for {order}.", 0),), passes=())
    (result,) = check_rule(wrong, nlp.load(), context=SHIPPED)
    assert not result.ok
    assert "{order}" in result.detail


def test_a_builtin_pass_example_that_fires_fails():
    wrong = replace(INVISIBLE_CHARACTERS, fail=(), passes=(Example.parse("Thanks for the fe\u200bedback.", 0),))
    (result,) = check_rule(wrong, nlp.load(), context=SHIPPED)
    assert not result.ok


def test_not_english_needs_the_packs_it_reports_on():
    # Alone it has no language-limited pack to speak for; among the shipped packs its examples hold.
    results = check_rule(NOT_ENGLISH, nlp.load(), context=SHIPPED)
    assert results and all(r.ok for r in results)
    alone = check_rule(NOT_ENGLISH, nlp.load())
    assert not all(r.ok for r in alone)


def test_check_rules_runs_builtins_after_the_pack_rules():
    results = check_rules(SHIPPED[:1], nlp.load(), builtins=[UNFILLED_PLACEHOLDER])
    assert {r.rule.qualified_id for r in results} == {SHIPPED[0].qualified_id, UNFILLED_PLACEHOLDER.qualified_id}
    assert all(r.ok for r in results)


def test_other_rules_hits_do_not_count_against_a_builtin():
    # The draft also lacks thanks (acknowledgement fires): only the placeholder finding is compared.
    rule = replace(UNFILLED_PLACEHOLDER, fail=(Example.parse("Your refund for [[{order_id}]] is done.", 0),), passes=())
    (result,) = check_rule(rule, nlp.load(), context=SHIPPED)
    assert result.ok, result.detail
