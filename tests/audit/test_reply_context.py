"""The audit lints each reply against the customer's message it answers: a named column, or the conversation's."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pandas as pd
import pytest

from replylint.api import Linter
from replylint.audit.frames import lint_frame
from replylint.audit.linters import LinterSetup
from replylint.audit.options import AuditOptions
from replylint.audit.replies import answered_messages
from replylint.audit.run import run_audit

LID = "My order 55123 arrived with a cracked lid."
ASK = "Sorry about the lid! Could you send us your order number so we can check?"
ROUTER = "I already rebooted the router twice this morning."
RESTART = "Sorry about that! Please restart the router and let us know."
# (id, conversation, role, sent, text), written for these tests; the file is not in time order.
MESSAGES = [
    ("f2", "F", "agent", "2025-05-02T11:00:00Z", RESTART),
    ("e1", "E", "customer", "2025-05-02T09:00:00Z", LID),
    ("g1", "G", "customer", "2025-05-02T09:05:00Z", "Does the large tent fit four people?"),
    ("e2", "E", "agent", "2025-05-02T09:30:00Z", ASK),
    ("f1", "F", "customer", "2025-05-02T10:00:00Z", ROUTER),
    ("g2", "G", "agent", "2025-05-02T09:20:00Z", "Yes, it sleeps four adults comfortably."),
    ("e3", "E", "agent", "2025-05-02T09:40:00Z", "Could you send us your order number so we can check?"),
    ("h1", "H", "agent", "2025-05-02T08:00:00Z", "Could you send us your order number so we can check?"),
    ("f0", "F", "customer", "not a time", "Is anyone reading this?"),
]
WANTED = {("e2", "context.asks-for-given-info"), ("f2", "context.repeats-failed-step")}


def _context_findings(out) -> set[tuple[str, str]]:
    found = pd.read_parquet(out / "findings.parquet")
    return set(found[found["pack"] == "context"][["id", "rule"]].itertuples(index=False, name=None))


def test_a_reply_answers_the_customer_messages_since_the_brands_last_reply():
    frame = pd.DataFrame(MESSAGES, columns=["id", "conversation", "role", "sent", "text"])
    customer = frame["role"] == "customer"
    answered = dict(zip(frame["id"], answered_messages(frame, "conversation", "sent", "text", customer), strict=True))
    # e3 follows e2 with no customer message between; h1 opens its conversation; f0 has no readable time.
    assert answered == {
        "f2": ROUTER,
        "e1": None,
        "g1": None,
        "e2": LID,
        "f1": None,
        "g2": "Does the large tent fit four people?",
        "e3": None,
        "h1": None,
        "f0": None,
    }


def test_two_customer_messages_before_a_reply_are_both_answered():
    frame = pd.DataFrame({"c": ["A", "A", "A"], "t": [1, 2, 3], "text": ["First.", "Second.", "Reply."]})
    customer = pd.Series([True, True, False])
    assert answered_messages(frame, "c", "t", "text", customer) == [None, None, "First.\n\nSecond."]


def _conversation_options(folder, scheduler, **extra) -> AuditOptions:
    """An audit of MESSAGES written as a conversation CSV in `folder`, with the conversation columns named."""
    path = folder / "conversations.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "conversation", "role", "sent", "text"])
        writer.writerows(MESSAGES)
    return AuditOptions(
        (str(path),),
        folder / "audit",
        id_column="id",
        time_column="sent",
        conversation_column="conversation",
        role_column="role",
        scheduler=scheduler,
        **extra,
    )


@pytest.fixture(scope="module")
def conversation_audit(tmp_path_factory, cluster_address):
    # Several partitions, so conversations must be brought together to be paired.
    options = _conversation_options(tmp_path_factory.mktemp("reply-context"), cluster_address, partition_size="150B")
    return options, run_audit(options)


def test_conversation_replies_are_linted_against_the_customer_messages_they_answer(conversation_audit):
    _, conversation_audit = conversation_audit
    assert conversation_audit.summary["partitions"]["total"] > 1
    assert _context_findings(conversation_audit.out) == WANTED
    found = pd.read_parquet(conversation_audit.out / "findings.parquet")
    (message,) = found[found["id"] == "e2"].query("pack == 'context'")["message"]
    assert message == (
        "'send us your order number' asks for what the customer already gave ('order 55123'): "
        "use it, and ask only for what is missing."
    )


def test_context_findings_reach_the_summary_and_the_report(conversation_audit):
    _, conversation_audit = conversation_audit
    summary = conversation_audit.summary
    top = {row["rule"] for row in summary["top_rules"]}
    assert {"context.asks-for-given-info", "context.repeats-failed-step"} <= top
    assert "context.repeats-failed-step" in (conversation_audit.out / "report.html").read_text(encoding="utf-8")


def test_with_the_context_rules_ignored_replies_are_linted_alone(tmp_path, cluster_address):
    outcome = run_audit(_conversation_options(tmp_path, cluster_address, setup=LinterSetup(ignore=("context",))))
    assert _context_findings(outcome.out) == set()
    assert outcome.summary["rows"]["linted"] == 5


def test_a_named_column_holds_the_message_each_reply_answers(tmp_path, cluster_address):
    path = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "e2", "reply": ASK, "in_reply_to": LID},
        {"id": "f2", "reply": RESTART, "in_reply_to": ROUTER},
        {"id": "alone", "reply": ASK, "in_reply_to": None},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    options = AuditOptions(
        (str(path),),
        tmp_path / "audit",
        text_column="reply",
        id_column="id",
        in_reply_to_column="in_reply_to",
        scheduler=cluster_address,
    )
    outcome = run_audit(options)
    assert _context_findings(outcome.out) == WANTED


def test_lint_frame_finds_what_the_api_finds_for_each_pair():
    frame = pd.DataFrame({"body": [ASK, RESTART, ASK], "asked": [LID, ROUTER, float("nan")]})
    found = lint_frame(frame, "body", in_reply_to_column="asked")
    linter = Linter.from_config()
    for position, (body, asked) in enumerate(zip(frame["body"], frame["asked"], strict=True)):
        message = asked if isinstance(asked, str) else None
        expected = [f.rule for f in linter.lint(body, in_reply_to=message)]
        assert found[found["row"] == position]["rule"].tolist() == expected
    assert "context.asks-for-given-info" not in found[found["row"] == 2]["rule"].tolist()


def test_a_resumed_conversation_audit_pairs_the_same_replies(conversation_audit):
    options, outcome = conversation_audit
    out = outcome.out
    before = pd.read_parquet(out / "findings.parquet")
    done = sorted((out / "parts").glob("*.done"))
    # As if the run was killed after all but the last partition finished: the shuffle must rebuild the same ones.
    done[-1].unlink()
    again = run_audit(replace(options, resume=True))
    assert again.summary["partitions"]["resumed"] == len(done) - 1
    assert pd.read_parquet(out / "findings.parquet").equals(before)
