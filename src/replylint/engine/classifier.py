"""The classifier rule kind: a spaCy text categorizer beside the pack, loaded once, scoring drafts and sentences."""

from __future__ import annotations

import configparser
import functools
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.engine.hits import Hit, fill_message
from replylint.packs.models import CONFIG_FILE, model_digest, model_folder
from replylint.packs.records import PackError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from spacy.tokens import Doc

    from replylint.packs.records import Rule

# The components a classifier model may hold. Checked in config.cfg before spaCy reads the folder: a pack from
# someone else's repository must not make replylint build arbitrary registered components.
CATEGORIZERS = frozenset({"textcat", "textcat_multilabel"})
ALLOWED_FACTORIES = CATEGORIZERS | {"tok2vec", "sentencizer"}
# Drafts scored in one call: 4-5x faster than one by one (measured on 600 replies, identical scores).
BATCH = 64


@dataclass(frozen=True, slots=True)
class Classifier:
    """One classifier rule with its loaded text categorizer and the column of its label in the scores."""

    rule: Rule
    textcat: Any  # spacy.pipeline.TextCategorizer (or its multilabel kin)
    column: int

    @property
    def key(self) -> str:
        """Where prescore() leaves this rule's score of a draft in `doc.user_data`."""
        return f"replylint.score.{self.rule.qualified_id}"

    def scores(self, docs: Sequence[Doc]) -> list[float]:
        """The label's score of each doc, from 0 to 1."""
        return label_scores(self.textcat, self.column, docs)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        """A hit on the sentence that scores highest, when the whole draft scores at or above the threshold.

        The draft decides (the model learned from whole labelled drafts, and the threshold was measured on
        them); the sentence only says where to look.
        """
        if not doc.text.strip():
            return
        score = doc.user_data.get(self.key)
        if score is None:
            (score,) = self.scores([doc])
        if score < (self.rule.threshold or 0.0):
            return
        sentences = [s for s in doc.sents if s.text.strip()] if doc.has_annotation("SENT_START") else [doc[:]]
        ranked = self.scores([s.as_doc() for s in sentences]) if len(sentences) > 1 else [score]
        best = sentences[max(range(len(sentences)), key=lambda i: (ranked[i], -i))]
        message = fill_message(self.rule, match=best.text, score=f"{score:.2f}", label=self.rule.label)
        yield Hit(self.rule, best.start_char, best.end_char, message)


def prescore(docs: Iterable[Doc], classifiers: Sequence[Classifier]) -> Iterator[Doc]:
    """The docs, unchanged and in order, each holding every classifier's score of it (scored in batches)."""
    for batch in batches(docs):
        for classifier in classifiers:
            for doc, score in zip(batch, classifier.scores(batch), strict=True):
                doc.user_data[classifier.key] = score
        yield from batch


def batches(docs: Iterable[Doc]) -> Iterator[list[Doc]]:
    """Runs of BATCH docs (the last one shorter)."""
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def label_scores(textcat: Any, column: int, docs: Sequence[Doc]) -> list[float]:
    """One label's score of each doc from a text categorizer, from 0 to 1 (linting and training share it)."""
    if not docs:
        return []
    predicted = textcat.predict(list(docs))
    return [float(row[column]) for row in textcat.model.ops.to_numpy(predicted)]


def compile_classifier(rule: Rule) -> Classifier:
    """Load the rule's model (once per folder and content) and find its label; PackError if it cannot be used."""
    folder = model_folder(rule)
    nlp = _load(str(folder), model_digest(folder), rule.source, rule.line)
    for name, component in nlp.pipeline:
        if nlp.get_pipe_meta(name).factory in CATEGORIZERS and rule.label in component.labels:
            return Classifier(rule, component, list(component.labels).index(rule.label))
    labels = sorted({label for _, c in nlp.pipeline for label in getattr(c, "labels", ())})
    known = f"its labels: {', '.join(labels)}" if labels else "it has no text categorizer"
    raise PackError(rule.source, rule.line, f"classifier model {folder} has no label {rule.label!r} ({known})")


@functools.cache
def _load(folder: str, digest: str, source: str, line: int) -> Any:
    """The spaCy pipeline saved in `folder`; `digest` keys the cache so a retrained model is read again."""
    import spacy

    from replylint.engine.startup import bind_stand_in

    _check_factories(folder, source, line)
    bind_stand_in(spacy)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # version-mismatch warnings: a model that loads is judged by its labels
            return spacy.load(folder)
    # A damaged model fails in many ways (msgpack, thinc shape checks, config errors); each is the same news.
    except Exception as exc:
        detail = " ".join(str(exc).split())[:200]
        raise PackError(source, line, f"classifier model {folder} cannot be loaded: {detail}") from None


def _check_factories(folder: str, source: str, line: int) -> None:
    """Refuse a model whose config builds components other than a text categorizer and what it needs."""
    path = Path(folder) / CONFIG_FILE
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise PackError(source, line, f"classifier model {path} cannot be read: {detail}") from None
    factories = {
        parser[section].get("factory", "").strip('"')
        for section in parser.sections()
        if section.startswith("components.") and section.count(".") == 1
    }
    foreign = sorted(factories - ALLOWED_FACTORIES)
    if foreign or not factories & CATEGORIZERS:
        what = f"components {', '.join(foreign)}" if foreign else "no text categorizer"
        raise PackError(
            source, line, f"classifier model {path} has {what} (allowed: {', '.join(sorted(ALLOWED_FACTORIES))})"
        )
