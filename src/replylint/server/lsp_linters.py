"""The language server's linters: one api.Linter per config file, re-read when that file or a pack changes."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from replylint.api import SETUP_ERRORS, Linter, config_file_for


class SettingsError(ValueError):
    """Workspace settings of the wrong shape."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the editor may set (initializationOptions, or the `replylint` section of workspace/configuration)."""

    channel: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: object, root: Path | None = None) -> Settings:
        """Settings from the editor's JSON; relative pack paths are taken from the workspace root."""
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise SettingsError(f"replylint settings must be an object, not {type(raw).__name__}")
        unknown = sorted(set(raw) - {"channel", "select", "ignore", "packs"})
        if unknown:
            raise SettingsError(f"unknown replylint setting {unknown[0]!r} (known: channel, select, ignore, packs)")
        channel = raw.get("channel")
        if channel is not None and not isinstance(channel, str):
            raise SettingsError("replylint setting 'channel' must be a string")
        packs = tuple(str((root or Path.cwd()) / Path(p).expanduser()) for p in _strings(raw, "packs"))
        return cls(channel or None, _strings(raw, "select"), _strings(raw, "ignore"), packs)


def _strings(raw: dict, key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"replylint setting {key!r} must be a list of strings")
    return tuple(value)


# A file's identity for "has it changed": modification time and size (None when it is gone).
Stamp = tuple[tuple[str, int | None, int | None], ...]


def stamp(paths: list[str]) -> Stamp:
    """Modification time and size of each file, so an edit (or a file coming or going) is noticed."""
    marks = []
    for path in paths:
        try:
            status = os.stat(path)
            marks.append((path, status.st_mtime_ns, status.st_size))
        except OSError:
            marks.append((path, None, None))
    return tuple(marks)


@dataclass
class _Entry:
    """The linter for one config file (None when it is broken and none was ever good) and what it depends on."""

    linter: Linter | None
    watched: list[str]
    stamp: Stamp
    error: str | None = None


@dataclass
class Linters:
    """Linters by config file, loaded on first use and rebuilt when a watched file changes.

    A broken config or pack is reported once through `report` and the last good linter keeps serving; with
    none, `for_document` raises SetupFailed carrying the message, for a diagnostic on the document.
    """

    report: Callable[[str], None]
    settings: Settings = field(default_factory=Settings)
    _configs: dict[Path, Path | None] = field(default_factory=dict)
    _entries: dict[Path | None, _Entry] = field(default_factory=dict)
    _stale: set[Path] = field(default_factory=set)
    _reported: set[str] = field(default_factory=set)

    def for_document(self, path: str) -> Linter:
        """The linter for the config that governs this document (checked for changes on every call)."""
        folder = Path(path).parent
        config = self._config_for(folder, path)
        entry = self._entries.get(config)
        if entry is None or stamp(entry.watched) != entry.stamp:
            entry = self._load(config, folder, entry.linter if entry else None)
            self._entries[config] = entry
        if entry.linter is None:
            raise SetupFailed(entry.error or "no rules")
        return entry.linter

    def forget(self) -> None:
        """Search for config files again (one may have appeared or gone); unchanged linters are kept."""
        self._stale = set(self._configs)

    def reconfigure(self, settings: Settings) -> None:
        """New workspace settings: every linter is rebuilt with them on next use (the last good kept for errors)."""
        self.settings = settings
        self.forget()
        self._entries = {key: _Entry(e.linter, e.watched, ()) for key, e in self._entries.items()}

    def _config_for(self, folder: Path, path: str) -> Path | None:
        """The folder's config, searched once (and again after forget); the search itself parses TOML."""
        if folder in self._configs and folder not in self._stale:
            return self._configs[folder]
        try:
            self._configs[folder] = config_file_for(path)
        except SETUP_ERRORS as exc:
            if folder not in self._configs:
                # Nothing good before: say so once, and search again next time (the file may be fixed by then).
                message = f"replylint: {exc}; its documents are not linted until fixed"
                if message not in self._reported:
                    self._reported.add(message)
                    self.report(message)
                raise SetupFailed(message) from None
            # The config known before stays: loading it again reports the error once and keeps the last rules.
        self._stale.discard(folder)
        return self._configs[folder]

    def _load(self, config: Path | None, folder: Path, last: Linter | None) -> _Entry:
        settings = self.settings
        watched = [*([str(config)] if config else []), *settings.packs]
        marks = stamp(watched)  # taken before reading, so an edit made while loading is seen next time
        try:
            linter = Linter.from_config(
                config,
                packs=settings.packs,
                select=settings.select,
                ignore=settings.ignore,
                channel=settings.channel,
                start=folder,
            )
        except SETUP_ERRORS as exc:
            failing = getattr(exc, "path", None)  # a PackError names its pack: watch it to retry once it is fixed
            if isinstance(failing, str) and failing not in watched:
                watched.append(failing)
            kept = "; still using the rules loaded before it" if last else "; its documents are not linted until fixed"
            message = f"replylint: {exc}{kept}"
            self.report(message)
            return _Entry(last, watched, (*marks, *stamp(watched[len(marks) :])), message)
        watched.extend(str(p) for p in linter.config.packs if str(p) not in watched)
        return _Entry(linter, watched, (*marks, *stamp(watched[len(marks) :])))


class SetupFailed(Exception):
    """No linter for a document: its config or a pack is broken and nothing good was loaded before."""
