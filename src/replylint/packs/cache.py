"""Parsed packs kept as JSON in the user's cache folder, keyed by content: YAML is parsed once per change."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict
from typing import Any

from replylint import __version__
from replylint.findings import Severity
from replylint.packs.records import Example, Pack, Rule
from replylint.storage import atomic_write, sign, signing_key, user_cache_dir, verified

_FORMAT = 5  # 4: classifier rules; 5: context rules (check, cues, replaces) and examples with a customer message
_TUPLES = (
    "phrases",
    "exceptions",
    "unless_preceded_by",
    "unless_followed_by",
    "unless_draft_has",
    "channels",
    "aliases",
    "languages",
    "replaces",
)


def key(data: bytes) -> str:
    return hashlib.sha256(f"replylint {__version__} packs {_FORMAT}\0".encode() + data).hexdigest()


def get(data: bytes, where: str) -> Pack | None:
    """The pack parsed earlier from these exact bytes, or None (a damaged or unsigned entry counts as none)."""
    folder, secret = user_cache_dir(), signing_key()
    if folder is None or secret is None:
        return None
    try:
        document = json.loads((folder / f"pack-{key(data)}.json").read_bytes())
        payload = document["pack"]
        if not (isinstance(payload, str) and verified(secret, payload.encode(), document.get("mac"))):
            return None
        stored = json.loads(payload)
        rules = tuple(_rule(r, where) for r in stored["rules"])
        if not rules:
            return None  # a pack always has rules: an empty list is not one replylint wrote
        return Pack(stored["name"], stored["description"], where, rules)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def put(data: bytes, pack: Pack) -> None:
    """Remember a parsed pack; a read-only or missing home costs speed, never a run."""
    folder, secret = user_cache_dir(), signing_key()
    if folder is None or secret is None:
        return
    stored = {"name": pack.name, "description": pack.description, "rules": [asdict(rule) for rule in pack.rules]}
    payload = json.dumps(stored, ensure_ascii=False)
    document = {"format": _FORMAT, "mac": sign(secret, payload.encode()), "pack": payload}
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / f"pack-{key(data)}.json", json.dumps(document, ensure_ascii=False))


def _rule(stored: dict[str, Any], where: str) -> Rule:
    values = dict(stored)
    values["severity"] = Severity(values["severity"])
    values["source"] = where  # the pack may have moved since: report the path it was loaded from now
    for name in _TUPLES:
        values[name] = tuple(values[name])
    values["patterns"] = tuple(tuple(token for token in pattern) for pattern in values["patterns"])
    values["replacements"] = tuple(tuple(pair) for pair in values["replacements"])
    values["cues"] = tuple((name, tuple(phrases)) for name, phrases in values["cues"])
    for name in ("fail", "passes"):
        values[name] = tuple(
            Example(e["text"], tuple(tuple(s) for s in e["spans"]), e["line"], e["context"]) for e in values[name]
        )
    return Rule(**values)
