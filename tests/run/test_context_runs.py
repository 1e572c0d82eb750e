"""A collection of reply/customer-message pairs through a whole run: config key, output formats, the cache."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

PAIRS = """\
- title: "Router"
  body: "Thanks for writing in. Please restart the router and tell us what the light does."
  question: "I restarted the router three times already and the light stays orange."
- title: "Opening hours"
  body: "Thanks for asking! We open at nine on weekdays."
"""
CUSTOMER = "I restarted the router three times already and the light stays orange."


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "replylint.toml").write_text('[[collections]]\nglob = "*.yaml"\ncontext = ["question"]\n')
    (tmp_path / "pairs.yaml").write_text(PAIRS, encoding="utf-8")
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--select", "context", *args, "pairs.yaml"])


def test_the_configured_context_key_pairs_each_reply_with_its_message_in_json(workdir):
    result = check("--no-cache", "--format", "json")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["match"], f["entry"]["name"], f["in_reply_to"]) for f in findings] == [
        ("context.repeats-failed-step", "restart", "Router", CUSTOMER)
    ]
    assert result.exit_code == 1


def test_sarif_carries_the_customer_message_and_pretty_shows_it_above_the_reply(workdir):
    sarif = json.loads(check("--no-cache", "--format", "sarif").stdout)
    assert [r["properties"]["inReplyTo"] for r in sarif["runs"][0]["results"]] == [CUSTOMER]
    pretty = check("--no-cache", "--format", "pretty").stdout.splitlines()
    assert pretty[1:3] == ["  #1 Router", f"  in reply to: {CUSTOMER}"]


def test_a_run_answered_from_the_cache_keeps_the_customer_message(workdir):
    first = check("--format", "json").stdout
    second = check("--format", "json").stdout
    assert first == second
    assert json.loads(second)["files"][0]["findings"][0]["in_reply_to"] == CUSTOMER


def test_text_and_github_lines_say_what_the_reply_answers_as_the_other_formats_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    customer = "Order 55123 came with a cracked lid.\nCould you replace it?"
    (tmp_path / "reply.txt").write_text("Sorry! Could you send us your order number?\n")
    (tmp_path / "customer.txt").write_text(customer)
    shown = {}
    for name in ("text", "github", "json", "pretty"):
        args = ["check", "--no-cache", "--select", "context.asks-for-given-info", "--format", name, "reply.txt"]
        shown[name] = CliRunner().invoke(app, [*args, "--in-reply-to", "customer.txt"]).stdout
    message = (
        "'send us your order number' asks for what the customer already gave ('Order 55123'): use it, and ask only"
        " for what is missing."
    )
    words = "Order 55123 came with a cracked lid. Could you replace it?"
    assert (
        shown["text"] == f'reply.txt:1:18: warning [context.asks-for-given-info] {message} (in reply to: "{words}")\n'
    )
    assert shown["github"].endswith(f"::{message}%0A%0AIn reply to: {words}\n")
    assert json.loads(shown["json"])["files"][0]["findings"][0]["in_reply_to"] == customer
    assert f"in reply to: {words}" in shown["pretty"]


def test_a_long_customer_message_is_cut_alike_in_text_github_and_pretty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    customer = "I already rebooted the modem twice. " + "It keeps dropping every hour, day and night. " * 10
    (tmp_path / "reply.txt").write_text("Sorry about that! Please reboot the modem and let us know.\n")
    (tmp_path / "customer.txt").write_text(customer)
    shown = {}
    for name in ("text", "github", "pretty"):
        args = ["check", "--no-cache", "--select", "context.repeats-failed-step", "--format", name, "reply.txt"]
        shown[name] = CliRunner().invoke(app, [*args, "--in-reply-to", "customer.txt"]).stdout
    cut = " ".join(customer.split())[:299] + "…"
    assert shown["text"].rstrip("\n").endswith(f'(in reply to: "{cut}")')
    assert shown["github"].rstrip("\n").endswith(f"In reply to: {cut}")
    assert f"in reply to: {cut}" in " ".join(shown["pretty"].split())
