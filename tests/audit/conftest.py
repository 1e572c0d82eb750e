"""Fixtures of the audit tests: replies written for them."""

from __future__ import annotations

import random

import pytest

# Sentences written for these tests: some break trust in ways the shipped packs look for, most do not.
SENTENCES = (
    "Thanks for writing in about the late parcel.",
    "That is not our fault, you should have read the policy.",
    "Sorry for the wait, I have refunded the order today.",
    "As per our policy we cannot help with that.",
    "You must have entered the wrong address.",
    "We apologize for any inconvenience this may have caused.",
    "Please be advised that the store closes at six.",
    "Calm down, it is only a delay.",
    "Upgrade to Premium now and save 20% on every order!",
    "I will personally guarantee it never happens again.",
    "Your parcel left our warehouse this morning.",
    "Could you send me the order number so I can look?",
    "Kindly note that refunds take five days.",
    "Obviously the app works, you just need to restart it.",
    "We're sorry you feel that way.",
    "That's the carrier's problem, not ours.",
    "Have a lovely weekend!",
    "DM us your email address and phone number.",
    "Check out our new summer range at the link below.",
    "Thank you for your patience while we fixed the login page.",
)
JOINERS = (" ", "\n", "\n\n", " 😊 ", ", and ")


def drafts(count: int, seed: int = 16) -> list[str]:
    """Replies of one to four sentences in a fixed random order, some with emoji or several lines."""
    chooser = random.Random(seed)
    made = []
    for _ in range(count):
        parts = chooser.sample(SENTENCES, chooser.randint(1, 4))
        text = parts[0]
        for part in parts[1:]:
            text += chooser.choice(JOINERS) + part
        made.append(("@someone " if chooser.random() < 0.2 else "") + text)
    return made


@pytest.fixture(name="drafts", scope="session")
def _drafts():
    """drafts(count, seed): replies made of the sentences above."""
    return drafts
