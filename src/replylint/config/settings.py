"""The frozen Config a run uses, its records and vocabularies, and per-file lookups."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.config.globs import any_match
from replylint.findings import Severity, under
from replylint.inputs.layouts import LAYOUTS
from replylint.inputs.placeholders import SYNTAXES
from replylint.inputs.sizes import DEFAULT_MAX_INPUT

if TYPE_CHECKING:
    from collections.abc import Iterable


CONFIG_NAME = "replylint.toml"
PYPROJECT = "pyproject.toml"
PLACEHOLDER_SYNTAXES = tuple(SYNTAXES)
LAYOUT_NAMES = LAYOUTS
# One source for each vocabulary: channels are the packs' (a rule names them), severities the findings'.
SEVERITIES = tuple(severity.value for severity in reversed(Severity))  # most serious first
# Mirrors inputs.files.WALKED_SUFFIXES (a test keeps them equal); not imported so config stays free of readers.
DEFAULT_INCLUDE = (
    *("**/*.txt", "**/*.md", "**/*.markdown", "**/*.text", "**/*.html", "**/*.htm"),
    *("**/*.json", "**/*.json5", "**/*.jsonl", "**/*.ndjson", "**/*.yaml", "**/*.yml", "**/*.csv"),
    *("**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsonp"),
)
_DEFAULT_SUFFIXES = tuple(glob.removeprefix("**/*") for glob in DEFAULT_INCLUDE)
_UNFILES = ("-", "<stdin>", "<text>")
_KEYS = (
    "packs",
    "select",
    "ignore",
    "severity",
    "fail-on",
    "include",
    "exclude",
    "collections",
    "placeholders",
    "model",
    "channel",
    "unfilled-placeholders",
    "cache",
    "cache-dir",
    "per-file",
    "max-input-size",
    "respect-ignore-files",
    "default-excludes",
)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class CollectionSetting:
    """How the files matching `glob` are read: their layout, and the JSON/YAML paths, keys or CSV columns of replies."""

    glob: str
    fields: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    layout: str | None = None
    context: tuple[str, ...] = ()  # keys or columns of the customer's message each reply answers


@dataclass(frozen=True, slots=True)
class PerFileSetting:
    """Settings for the files matching `glob`, applied on top of the rest by Config.for_file."""

    glob: str
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting of a run. Globs are relative to `root`; a glob matching a directory covers its files.

    `include` picks the files taken from a directory walk; `exclude` drops files, named ones included.
    """

    path: Path | None
    root: Path
    packs: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: Severity = Severity.WARNING
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    collections: tuple[CollectionSetting, ...] = ()
    placeholder_syntaxes: tuple[str, ...] | None = None
    placeholder_custom: tuple[str, ...] = ()
    model: str = "blank:en"
    channel: str | None = None
    unfilled_placeholders: bool | None = None
    cache: bool = True
    cache_dir: str | None = None
    per_file: tuple[PerFileSetting, ...] = ()
    # Every rule selector of the file and the flags, with where it was written, so one naming no rule is an
    # error that points there: (("blame.customer-fault", "replylint.toml: severity"), ("snark", "--ignore")).
    named: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    max_input_size: int = DEFAULT_MAX_INPUT
    respect_ignore_files: bool = True  # walks leave out what .gitignore and .ignore files name
    default_excludes: bool = True  # walks leave out VCS, build and vendor folders, project documents, manifests

    @property
    def label(self) -> str:
        """The config file as skip reasons name it."""
        return self.path.name if self.path is not None else "the defaults"

    @property
    def looked_for(self) -> str:
        """What a walk takes, for the error about a folder without drafts."""
        if self.include == DEFAULT_INCLUDE and not self.collections:
            return f"{', '.join(_DEFAULT_SUFFIXES)} files"
        return f"files matching 'include' in {self.label}"

    def names(self, name: str) -> bool:
        """Whether an include or collection glob the file writes names `name`, taking a default exclude back."""
        globs = (*(() if self.include == DEFAULT_INCLUDE else self.include), *(c.glob for c in self.collections))
        lower = name.lower()
        return any(lower in glob.lower().split("/") for glob in globs)

    def severity_for(self, rule_id: str, default: Severity, *, aliases: Iterable[str] = ()) -> Severity | None:
        """The rule's severity (None when "off"): the longest matching prefix of its id or aliases wins."""
        names = (rule_id, *aliases)
        best, chosen = -1, None
        for prefix, level in self.severity:
            size = len(prefix.rstrip("."))
            # `>=`: on equal prefixes the later entry wins, so flags and per-file entries override the file.
            if size >= best and any(under(name, prefix) for name in names):
                best, chosen = size, level
        if chosen is None:
            return default
        return None if chosen == "off" else Severity(chosen)

    def is_excluded(self, path: Path | str) -> bool:
        """Whether an exclude glob matches the path or one of its directories."""
        return bool(self.exclude) and any_match(self.exclude, self._relative(path))

    def is_included(self, path: Path | str) -> bool:
        """Whether an include or collection glob matches the path (for files found by walking a directory)."""
        if self.include == DEFAULT_INCLUDE and not self.collections:
            # The common case, checked without paths or globs: it runs for every file of a large walk.
            return str(path).lower().endswith(_DEFAULT_SUFFIXES)
        relative = self._relative(path)
        return any_match(self.include, relative) or any_match((c.glob for c in self.collections), relative)

    def collection_for(self, path: Path | str) -> CollectionSetting | None:
        """The first collection setting whose glob matches the path."""
        relative = self._relative(path)
        return next((c for c in self.collections if any_match((c.glob,), relative)), None)

    def for_file(self, path: Path | str) -> Config:
        """This config with the matching per-file entries applied in order (ignore and severity extend)."""
        relative = self._relative(path)
        config = self
        for entry in self.per_file:
            if any_match((entry.glob,), relative):
                config = replace(
                    config,
                    ignore=(*config.ignore, *entry.ignore),
                    severity=(*config.severity, *entry.severity),
                    channel=entry.channel or config.channel,
                )
        return config

    def wants_unfilled(self, path: str) -> bool:
        """Whether to report unfilled placeholders: as configured, else only for stdin and --text."""
        return path in _UNFILES if self.unfilled_placeholders is None else self.unfilled_placeholders

    def _relative(self, path: Path | str) -> str | None:
        text = str(path)
        if text in _UNFILES:
            return None
        # String operations, not pathlib: this runs for every file of a 10,000-file walk.
        absolute = os.path.normpath(os.path.join(os.getcwd(), text))
        root = str(self.root)
        for resolve in (False, True):
            # Symlinks are resolved only when the plain path is outside the root (realpath costs syscalls).
            candidate, base = (os.path.realpath(absolute), os.path.realpath(root)) if resolve else (absolute, root)
            if candidate == base:
                return ""
            prefix = base.rstrip(os.sep) + os.sep
            if candidate.startswith(prefix):
                return candidate[len(prefix) :].replace(os.sep, "/")
        # Outside the root only "**/..." globs can match: the anchor is dropped, the rest is kept.
        return absolute.replace(os.sep, "/").lstrip("/")
