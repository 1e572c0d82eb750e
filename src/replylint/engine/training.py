"""Train a spaCy text categorizer on labelled drafts: fixed seed, CPU only, read the way the linter reads."""

from __future__ import annotations

import random
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.engine.reading import STRAIGHTEN, reading

if TYPE_CHECKING:
    from collections.abc import Sequence

    from replylint.engine.nlp import Pipeline

ARCHITECTURES = ("bow", "ensemble")
# Bag of words: fast, small (about 2 MB for one label), and what short replies need. The ensemble
# adds a small CNN over word pieces (spaCy's default textcat model): slower, sometimes better on paraphrase.
_BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1, "length": 262144}
_BOW |= {"no_output_layer": False}
BATCH = 16
DROPOUT = 0.2


@dataclass(frozen=True, slots=True)
class Recipe:
    """How to train: the label, the name of its opposite, the seed, the epochs and the model architecture."""

    label: str
    seed: int = 0
    epochs: int = 10
    architecture: str = "bow"

    @property
    def other(self) -> str:
        # An exclusive categorizer needs two classes: the label and everything else.
        return f"not-{self.label}"


def as_read(text: str) -> str:
    """A draft as the linter's rules read it: quotes straightened, whitespace runs collapsed."""
    return reading(text.translate(STRAIGHTEN))[0]


def train(texts: Sequence[str], gold: Sequence[bool], recipe: Recipe) -> Any:
    """A blank English pipeline with one trained `textcat`; the same data and recipe give the same weights."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    from replylint.engine.startup import bind_stand_in

    bind_stand_in(spacy)
    fix_random_seed(recipe.seed)
    nlp = spacy.blank("en")
    config = {"model": _BOW} if recipe.architecture == "bow" else {}
    textcat = nlp.add_pipe("textcat", config=config)
    for name in (recipe.label, recipe.other):
        textcat.add_label(name)
    examples = [
        Example.from_dict(nlp.make_doc(as_read(text)), {"cats": {recipe.label: float(g), recipe.other: float(not g)}})
        for text, g in zip(texts, gold, strict=True)
    ]
    order = random.Random(recipe.seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        optimizer = nlp.initialize(lambda: examples)
        for _ in range(recipe.epochs):
            order.shuffle(examples)
            for batch in minibatch(examples, size=BATCH):
                nlp.update(batch, sgd=optimizer, drop=DROPOUT)
    return _without_training_words(nlp, config)


def _without_training_words(nlp: Any, config: dict[str, Any]) -> Any:
    """The trained categorizer in a fresh pipeline: the model folder then keeps no words of the labelled text.

    The weights are keyed by hashes; only the vocabulary's string table would have listed the training words.
    """
    import spacy

    fresh = spacy.blank("en")
    fresh.add_pipe("textcat", config=config)
    fresh.get_pipe("textcat").from_bytes(nlp.get_pipe("textcat").to_bytes(exclude=["vocab"]), exclude=["vocab"])
    return fresh


def scores(nlp: Any, label: str, texts: Sequence[str], pipeline: Pipeline) -> list[float]:
    """Each draft's score for `label`, computed as a classifier rule computes it while linting."""
    from replylint.engine.classifier import batches, label_scores

    textcat = nlp.get_pipe("textcat")
    column = list(textcat.labels).index(label)
    docs = list(pipeline.nlp.pipe(as_read(t) for t in texts))
    # In the linter's batches, so a validation draft gets the very score `check` gives it.
    found = [s for batch in batches(docs) for s in label_scores(textcat, column, batch)]
    return [score if doc.text.strip() else 0.0 for doc, score in zip(docs, found, strict=True)]


def save(nlp: Any, folder: Path) -> None:
    """Write the pipeline to `folder`, replacing what was there only once the new one is complete."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        nlp.to_disk(staging / "model")
        old = folder.with_name(f".{folder.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if folder.exists():
            folder.rename(old)
        (staging / "model").rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
