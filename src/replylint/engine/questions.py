"""context.unanswered-question: the customer asked something and no sentence of the reply could answer it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.engine.dialogue import find_all, hit
from replylint.findings import Severity

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Span

    from replylint.engine.dialogue import Message, Reply
    from replylint.engine.hits import Hit
    from replylint.packs.records import Rule

# A reply this short that leaves the question open is a warning, not a suggestion: it had room for nothing else.
SHORT_REPLY_WORDS = 12
# A direct question opens with an inverted auxiliary ("is there", "can you") or a wh-word and one ("how do I",
# "when will it"); a wh-word and a subject alone is a clause ("when you board a plane ..."), unless a '?' ends it.
_AUXILIARIES = r"(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have)"
_SUBJECTS = r"(?:i|you|we|it|there|my|the|this|that|they|your|anyone|u|ur)"
_WH = r"(?:how|what|when|where|why|which|who)"
_OPENS_QUESTION = re.compile(rf"^(?:{_WH}\s+)?{_AUXILIARIES}\s+{_SUBJECTS}\b", re.I)
_OPENS_WITH_WH = re.compile(rf"^{_WH}\s+{_SUBJECTS}\b", re.I)
# A wh-word opening a sentence that a '?' closes asks, whatever follows it ("what time does ...?", "which charger
# works ...?", "how long does ...?"); three words at least, so "what now?" is not judged.
_WH_ASKED = re.compile(rf"^{_WH}(?:['\u2019]s)?(?:\s+[\w'\u2019-]+){{2,}}", re.I)
# A question mark alone does not make a direct question ("I'm sorry, what?", "and now this?"); one of these does.
_ASKS = re.compile(
    r"\b(?:(?:can|could|will|would) (?:you|u|someone|anyone)|how (?:do|can|should|would) i|is there|are there"
    r"|any chance|when (?:will|is|are|can|do|does)|where (?:is|are|can|do)|what (?:is|are|should|can|do)"
    r"|why (?:is|are|does|did|do|can't|won't|isn't)|which (?:is|one))\b",
    re.I,
)
_HANDLES = re.compile(r"^(?:\s*[@#]\w+)+")
# Words before the question proper: "hey, how do I ...", "so when will ...".
_LEAD_IN = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|so|also|and|but|um|hmm|guys|folks|quick question)\b[\s,:!-]*)+", re.I
)
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
# Words that carry no topic: an answer need not repeat them.
_FUNCTION_WORDS = frozenset(
    [
        "about", "above", "after", "again", "all", "also", "and", "any", "anyone", "anything", "are", "aren't",
        "because", "been", "before", "being", "but", "can", "can't", "cannot", "could", "couldn't", "did",
        "didn't", "does", "doesn't", "doing", "don't", "for", "from", "get", "gets", "getting", "got", "had",
        "has", "hasn't", "have", "haven't", "having", "her", "here", "hers", "him", "his", "how", "i'm", "i've",
        "into", "is", "isn't", "it's", "its", "just", "know", "let", "like", "made", "make", "many", "may",
        "might", "more", "most", "much", "must", "need", "not", "now", "off", "once", "one", "only", "onto",
        "other", "our", "out", "over", "own", "please", "really", "same", "she", "should", "shouldn't", "some",
        "still", "such", "than", "thank", "thanks", "that", "that's", "the", "their", "them", "then", "there",
        "there's", "these", "they", "this", "those", "through", "too", "under", "until", "very", "was",
        "wasn't", "way", "well", "were", "weren't", "what", "what's", "when", "where", "which", "while", "who",
        "whom", "whose", "why", "will", "with", "won't", "would", "wouldn't", "yes", "yet", "you", "you're",
        "your", "yours", "able", "ever", "even", "want", "wanted", "going", "gonna", "help", "hey", "hello",
        "guys", "someone", "something", "tell", "told", "say", "said", "see", "use", "used",
    ]
)  # fmt: skip


def check(rule: Rule, reply: Reply, found: list[Span], message: Message) -> Iterator[Hit]:
    """A document-level finding quoting the first question of the customer's that the reply leaves open."""
    if find_all(rule.cue("answers"), reply.text):
        return  # the reply answers in a form that shares no word with the question ("Yes, ...", a link)
    words = _stems(reply.text)
    for start, end in _questions(rule, message):
        asked = _stems(message.text[start:end])
        if len(asked) >= 2 and not asked & words:  # one topic word ("sorry, what?") is too little to judge
            severity = Severity.WARNING if reply.words() < SHORT_REPLY_WORDS else None
            yield hit(rule, (reply.start, reply.start), message.quote(start, end), severity=severity)
            return


def _questions(rule: Rule, message: Message) -> Iterator[tuple[int, int]]:
    """The customer's direct questions, rhetorical ones ("are you kidding me?") left out."""
    for start, end in message.sentences:
        sentence = message.text[start:end]
        handles = _HANDLES.match(sentence)
        bare = _LEAD_IN.sub("", sentence[handles.end() if handles else 0 :].strip())
        opens = _OPENS_QUESTION.match(bare) is not None and not bare.endswith("!")
        asks = (_ASKS.search(bare), _OPENS_WITH_WH.match(bare), _WH_ASKED.match(bare))
        marked = bare.endswith("?") and any(found is not None for found in asks)
        asked = opens or marked
        if asked and not find_all(rule.cue("rhetorical"), sentence):
            yield start + (handles.end() if handles else 0), end


def _stems(text: str) -> set[str]:
    """The topic words of a text, cut to five letters so "refund" meets "refunded" and "delivery" "delivered"
    (a final s dropped first, so "come" meets "comes")."""
    words = _HANDLES.sub("", text.lower())
    found = _WORD.findall(words)
    return {_stem(w) for w in found if w not in _FUNCTION_WORDS and not w.startswith("http")}


def _stem(word: str) -> str:
    return (word[:-1] if len(word) > 3 and word.endswith("s") else word)[:5]
