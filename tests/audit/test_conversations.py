"""Conversation figures on a small archive written for this test: unanswered messages, reply times, left after one."""

from __future__ import annotations

import csv

import pytest

from replylint.audit.options import AuditOptions
from replylint.audit.run import run_audit

# (conversation, role, agent, sent, text)
MESSAGES = [
    ("A", "customer", "", "2025-05-02T10:00:00Z", "My parcel never came."),
    ("A", "agent", "ann", "2025-05-02T10:30:00Z", "Sorry about that! I have sent a new one today."),
    ("A", "customer", "", "2025-05-02T11:00:00Z", "Can I get tracking?"),
    ("A", "customer", "", "2025-05-02T11:10:00Z", "Hello?"),
    ("A", "agent", "ann", "2025-05-02T13:00:00Z", "Thanks for waiting, the tracking link is in your inbox."),
    ("A", "agent", "ann", "not a time", "Following up on this."),
    ("B", "customer", "", "2025-05-03T09:00:00Z", "The app logs me out."),
    ("B", "agent", "bo", "2025-05-03T12:00:00Z", "That is not our fault, you should have updated the app."),
    ("B", "customer", "", "2025-05-03T12:30:00Z", "I did update it."),
    ("C", "Customer", "", "2025-05-04T08:00:00Z", "Is anyone there?"),
    ("D", "agent", "ann", "2025-06-01T07:00:00Z", "Thanks for ordering! Your box ships tomorrow."),
    ("D", "customer", "", "2025-06-01T07:20:00Z", "Can it come on Friday?"),
    ("D", "agent", "ann", "2025-06-01T07:50:00Z", "Thanks for asking, Friday it is."),
]


@pytest.fixture(scope="module")
def summary(tmp_path_factory, cluster_address):
    tmp_path = tmp_path_factory.mktemp("conversations")
    path = tmp_path / "conversations.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conversation", "role", "agent", "sent", "text"])
        writer.writerows(MESSAGES)
    options = AuditOptions(
        (str(path),),
        tmp_path / "audit",
        by=("agent",),
        time_column="sent",
        conversation_column="conversation",
        role_column="role",
        scheduler=cluster_address,
    )
    return run_audit(options).summary


def test_customer_messages_are_counted_not_linted(summary):
    assert summary["rows"] == {"read": 13, "linted": 6, "skipped": 0, "customer_messages": 7}


def test_unanswered_messages_reply_times_and_conversations_left_after_one_reply(summary):
    overall = summary["conversations"]["overall"]
    assert summary["conversations"]["messages_without_conversation_or_time"] == 1
    assert {k: overall[k] for k in ("conversations", "customer_messages", "unanswered", "left_after_one")} == {
        "conversations": 4,
        "customer_messages": 7,
        "unanswered": 2,  # B's message after its one reply, and C's only message
        "left_after_one": 1,
    }
    assert overall["first_reply"] == {"n": 2, "median": 6300.0, "p90": 9900.0}  # 30 min (A) and 3 h (B)
    assert overall["later_replies"] == {"n": 2, "median": 4500.0, "p90": 6660.0}  # 2 h (A) and 30 min (D)
    assert overall["left_after_one_rate"]["rows"] == 1


def test_a_conversation_belongs_to_the_group_of_its_first_reply(summary):
    groups = {g["group"]["agent"]: g for g in summary["conversations"]["by_column"]["agent"]}
    assert {name: g["conversations"] for name, g in groups.items()} == {"(missing)": 1, "ann": 2, "bo": 1}
    assert groups["ann"]["first_reply"] == {"n": 1, "median": 1800.0, "p90": 1800.0}
    assert groups["bo"]["left_after_one"] == 1
    assert groups["(missing)"]["unanswered"] == 1
