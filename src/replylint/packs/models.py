"""Where a classifier rule's model lives and a digest of its files, so caches notice a retrained model."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from replylint.packs.records import PackError

if TYPE_CHECKING:
    from pathlib import Path

    from replylint.packs.records import Rule

# The one file every saved spaCy pipeline holds: its absence means the folder is no model.
CONFIG_FILE = "config.cfg"


def model_folder(rule: Rule) -> Path:
    """A classifier rule's model folder; PackError naming the pack line and the folder when it is not one."""
    folder = rule.model_path
    if folder is None:
        raise PackError(rule.source, rule.line, f"rule {rule.id!r} names no model")
    if not folder.is_dir():
        raise PackError(
            rule.source,
            rule.line,
            f"classifier model {folder} of rule {rule.id!r} is missing (train one with `replylint train`)",
        )
    if not (folder / CONFIG_FILE).is_file():
        raise PackError(
            rule.source, rule.line, f"classifier model {folder} of rule {rule.id!r} has no {CONFIG_FILE}: not a model"
        )
    return folder


def model_digest(folder: Path) -> str:
    """A hash of every file's relative path and bytes under a model folder ('' when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return ""
    return digest.hexdigest()


def model_digests(rules: list[Rule]) -> list[str]:
    """The digests of the models the classifier rules among `rules` use, in order (for a cache key)."""
    return [
        f"{rule.qualified_id}={model_digest(rule.model_path)}"
        for rule in rules
        if rule.kind == "classifier" and rule.model_path is not None
    ]
