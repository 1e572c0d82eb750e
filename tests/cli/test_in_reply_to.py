"""`check --in-reply-to FILE|-` and `--in-reply-to-text`: one draft linted against the customer's message."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

CONTEXT_ONLY = ["check", "--select", "context", "--no-cache", "--format", "text"]
CUSTOMER = "I already rebooted the modem twice this morning and it still drops every hour."
REPLY = "Thanks for the report. Please reboot the modem and tell us if it helps."


def lint(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, [*CONTEXT_ONLY, *args], input=stdin)


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_customer_message_from_a_file_runs_the_context_rules(workdir):
    (workdir / "customer.txt").write_text(CUSTOMER, encoding="utf-8")
    result = lint("--text", REPLY, "--in-reply-to", "customer.txt")
    assert result.stdout == (
        "<text>:1:31: warning [context.repeats-failed-step] The customer already tried this ('I already rebooted the "
        "modem twice this morning and it still drops every hour.'): 'reboot' sends them round again; offer the "
        "next step.\n"
    )
    assert result.exit_code == 1


def test_the_customer_message_as_text_or_on_stdin_gives_the_same_finding(workdir):
    (workdir / "reply.txt").write_text(REPLY, encoding="utf-8")
    as_text = lint("reply.txt", "--in-reply-to-text", CUSTOMER)
    on_stdin = lint("reply.txt", "--in-reply-to", "-", stdin=CUSTOMER)
    assert as_text.stdout == on_stdin.stdout
    assert as_text.stdout.startswith("reply.txt:1:31: warning [context.repeats-failed-step]")


def test_without_a_customer_message_the_context_rules_do_not_run(workdir):
    result = lint("--text", REPLY)
    assert (result.stdout, result.exit_code) == ("", 0)


@pytest.mark.parametrize(
    ("args", "stdin", "error"),
    [
        (["--text", REPLY, "--in-reply-to", "missing.txt"], None, "missing.txt: "),
        (["--text", REPLY, "--in-reply-to-text", "  "], None, "--in-reply-to-text: the customer's message is empty"),
        (["-", "--in-reply-to", "-"], REPLY, "standard input cannot be both the draft and --in-reply-to"),
        (["a.txt", "b.txt", "--in-reply-to-text", CUSTOMER], None, "--in-reply-to answers one draft"),
        (["--text", REPLY, "--in-reply-to", "x", "--in-reply-to-text", "y"], None, "not both"),
    ],
)
def test_a_bad_customer_message_is_a_usage_error(workdir, args, stdin, error):
    result = lint(*args, stdin=stdin)
    assert result.exit_code == 2
    assert error in result.stderr
    assert "Traceback" not in result.stderr


def test_explain_shows_a_context_rule_example_as_the_pair_it_is(workdir):
    result = CliRunner().invoke(app, ["explain", "context.repeats-failed-step"])
    lines = result.stdout.splitlines()
    start = lines.index("Flags")
    assert lines[start + 1 : start + 3] == [
        "  customer: I've already restarted the router twice and the light is still red.",
        "  reply:    Sorry about that! Please restart the router and let us know.",
    ]


def test_the_cache_never_answers_a_run_with_a_customer_message_from_one_without(workdir):
    (workdir / "reply.txt").write_text(REPLY, encoding="utf-8")
    cached = ["check", "--select", "context", "--format", "text", "reply.txt"]
    first = CliRunner().invoke(app, cached)
    with_message = CliRunner().invoke(app, [*cached, "--in-reply-to-text", CUSTOMER])
    again = CliRunner().invoke(app, cached)
    assert (first.stdout, again.stdout) == ("", "")
    assert with_message.stdout.startswith("reply.txt:1:31: warning [context.repeats-failed-step]")
