"""Parsed packs kept as JSON in the user's cache folder, keyed by content: YAML is parsed once per change."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from replylint import __version__
from replylint.findings import Severity
from replylint.packs import Example, Pack, Rule

_FORMAT = 1
_TUPLES = (
    "phrases",
    "exceptions",
    "unless_preceded_by",
    "unless_followed_by",
    "unless_draft_has",
    "channels",
    "aliases",
)


def directory() -> Path | None:
    """$REPLYLINT_CACHE_HOME, else $XDG_CACHE_HOME/replylint, else ~/.cache/replylint; None to disable."""
    if os.environ.get("REPLYLINT_NO_PACK_CACHE"):
        return None
    base = os.environ.get("REPLYLINT_CACHE_HOME")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "replylint" if xdg else Path.home() / ".cache" / "replylint"


def key(data: bytes) -> str:
    return hashlib.sha256(f"replylint {__version__} packs {_FORMAT}\0".encode() + data).hexdigest()


def get(data: bytes, where: str) -> Pack | None:
    """The pack parsed earlier from these exact bytes, or None (a damaged entry counts as none)."""
    folder = directory()
    if folder is None:
        return None
    try:
        stored = json.loads((folder / f"pack-{key(data)}.json").read_bytes())
        rules = tuple(_rule(r, where) for r in stored["rules"])
        return Pack(stored["name"], stored["description"], where, rules)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(data: bytes, pack: Pack) -> None:
    """Remember a parsed pack; a read-only or missing home costs speed, never a run."""
    folder = directory()
    if folder is None:
        return
    document = {"name": pack.name, "description": pack.description, "rules": [asdict(rule) for rule in pack.rules]}
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        from replylint.cache import atomic_write

        atomic_write(folder / f"pack-{key(data)}.json", json.dumps(document, ensure_ascii=False))


def _rule(stored: dict[str, Any], where: str) -> Rule:
    values = dict(stored)
    values["severity"] = Severity(values["severity"])
    values["source"] = where  # the pack may have moved since: report the path it was loaded from now
    for name in _TUPLES:
        values[name] = tuple(values[name])
    values["patterns"] = tuple(tuple(token for token in pattern) for pattern in values["patterns"])
    values["replacements"] = tuple(tuple(pair) for pair in values["replacements"])
    for name in ("fail", "passes"):
        values[name] = tuple(Example(e["text"], tuple(tuple(s) for s in e["spans"]), e["line"]) for e in values[name])
    return Rule(**values)
