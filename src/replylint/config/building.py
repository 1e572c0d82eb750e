"""Build the validated Config from one file's [tool.replylint] or replylint.toml table."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.config.settings import (
    _KEYS,
    LAYOUT_NAMES,
    PLACEHOLDER_SYNTAXES,
    SEVERITIES,
    CollectionSetting,
    Config,
    PerFileSetting,
)
from replylint.config.table import _Table
from replylint.findings import Severity
from replylint.inputs.sizes import parse_size
from replylint.packs import regexes
from replylint.packs.records import CHANNELS

if TYPE_CHECKING:
    pass


def build(path: Path, top: _Table) -> Config:
    top.reject_unknown(_KEYS)
    root = path.parent
    settings: dict[str, Any] = {
        "packs": _packs(top, root),
        "select": top.texts("select"),
        "ignore": top.texts("ignore"),
        "severity": top.severities("severity"),
        "include": top.globs("include"),
        "exclude": top.globs("exclude"),
        "model": top.text("model"),
        "channel": top.text("channel", CHANNELS),
        "unfilled_placeholders": top.flag("unfilled-placeholders"),
        "cache": top.flag("cache"),
        "cache_dir": top.text("cache-dir"),
        "respect_ignore_files": top.flag("respect-ignore-files"),
        "default_excludes": top.flag("default-excludes"),
    }
    if settings["cache_dir"] is not None:
        # Like every path in the file, relative to the file (a --cache-dir flag is relative to the cwd).
        settings["cache_dir"] = str(root / settings["cache_dir"])
    if (size := top.data.get("max-input-size")) is not None:
        try:
            settings["max_input_size"] = parse_size(size)
        except ValueError as exc:
            raise top.error("max-input-size", str(exc)) from None
    fail_on = top.text("fail-on", SEVERITIES)
    settings["fail_on"] = Severity(fail_on) if fail_on else None
    placeholders = top.table("placeholders")
    if placeholders is not None:
        placeholders.reject_unknown(("syntaxes", "custom"))
        settings["placeholder_syntaxes"] = placeholders.texts("syntaxes", PLACEHOLDER_SYNTAXES)
        settings["placeholder_custom"] = _regexes(placeholders, "custom")
    settings["collections"] = tuple(
        CollectionSetting(
            entry.glob("glob") or "",
            entry.texts("fields") or (),
            entry.texts("keys") or (),
            entry.texts("columns") or (),
            entry.text("layout", LAYOUT_NAMES),
            entry.texts("context") or (),
        )
        for entry in top.entries("collections", ("glob", "fields", "keys", "columns", "layout", "context"))
    )
    settings["per_file"] = tuple(
        PerFileSetting(
            entry.glob("glob") or "",
            entry.texts("ignore") or (),
            entry.severities("severity") or (),
            entry.text("channel", CHANNELS),
        )
        for entry in top.entries("per-file", ("glob", "ignore", "severity", "channel"))
    )
    settings["named"] = _named(top, settings)
    return Config(path=path, root=root, **{k: v for k, v in settings.items() if v is not None})


def _named(top: _Table, settings: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The file's rule selectors with the key each stands under (checked once the rules are loaded)."""
    where = f"{top.file}: {top.section + ' ' if top.section else ''}"
    named = [(s, f"{where}{key}") for key in ("select", "ignore") for s in settings[key] or ()]
    named.extend((prefix, f"{where}severity") for prefix, _ in settings["severity"] or ())
    for number, entry in enumerate(settings["per_file"], 1):
        named.extend((s, f"{where}[[per-file]] #{number} ignore") for s in entry.ignore)
        named.extend((prefix, f"{where}[[per-file]] #{number} severity") for prefix, _ in entry.severity)
    return tuple(named)


def _packs(top: _Table, root: Path) -> tuple[Path, ...] | None:
    names = top.texts("packs")
    if names is None:
        return None
    paths = tuple(absolute(root / Path(name).expanduser()) for name in names)
    for name, path in zip(names, paths, strict=True):
        if not path.exists():
            raise top.error("packs", f"names {name!r}, which does not exist (looked for {path})")
    return paths


def _regexes(table: _Table, key: str) -> tuple[str, ...] | None:
    patterns = table.texts(key)
    for number, pattern in enumerate(patterns or (), 1):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise table.error(key, f"item {number} is not a valid regular expression: {exc}") from None
        # The same safety check as pack regexes: these run over every draft's whole text.
        if why := regexes.problem(pattern):
            raise table.error(key, f"item {number} {pattern!r}: {why}")
    return patterns


def absolute(path: Path | str) -> Path:
    # Not resolve(): symlinked directories keep the names the user sees, and ".." is collapsed lexically.
    return Path(os.path.normpath(Path(path).absolute()))
