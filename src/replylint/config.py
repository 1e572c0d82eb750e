"""Find and read replylint.toml or [tool.replylint]; defaults < file < flags, validated into a Config."""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint import regexes
from replylint.findings import Severity, under
from replylint.globs import any_match, compile_glob
from replylint.placeholders import SYNTAXES
from replylint.sizes import DEFAULT_MAX_INPUT, parse_size

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

CONFIG_NAME = "replylint.toml"
PYPROJECT = "pyproject.toml"
CHANNELS = ("public", "dm", "email", "sms", "chat")
PLACEHOLDER_SYNTAXES = tuple(SYNTAXES)
SEVERITIES = ("error", "warning", "suggestion")
# Mirrors sources.DRAFT_SUFFIXES (a test keeps them equal); not imported so config stays free of reader code.
DEFAULT_INCLUDE = ("**/*.txt", "**/*.md", "**/*.markdown", "**/*.text", "**/*.html", "**/*.htm")
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
)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class CollectionSetting:
    """Which parts of the files matching `glob` hold replies: JSON/YAML paths, mapping keys, CSV columns."""

    glob: str
    fields: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()


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


def find_config(start: Path) -> Path | None:
    """The nearest replylint.toml, or pyproject.toml with [tool.replylint], from `start` upward."""
    found = _locate(_absolute(start))
    return found[0] if found else None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The config in `explicit` (--config), else the one found from `start` (default: cwd), else defaults."""
    base = _absolute(start if start is not None else Path.cwd())
    if explicit is not None:
        path = _absolute(explicit)
        label = str(explicit)
        data = _parse(label, _read(label, path))
    else:
        found = _locate(base)
        if found is None:
            return Config(path=None, root=base)
        path, data = found
        label = _display(path)
    if path.name == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "replylint" not in tool:
            raise ConfigError(f"{label}: no [tool.replylint] table")
        if not isinstance(tool["replylint"], dict):
            raise ConfigError(f"{label}: tool.replylint must be a table, not {_describe(tool['replylint'])}")
        return _build(path, _Table(label, "tool.replylint", tool["replylint"]))
    if isinstance(data.get("tool"), dict) and "replylint" in data["tool"]:
        raise ConfigError(
            f"{label}: unknown key 'tool' ({path.name} takes its settings at the top level, without [tool.replylint])"
        )
    return _build(path, _Table(label, "", data))


def merge_flags(config: Config, **flags: Any) -> Config:
    """Lay command-line flags over the config; a flag given as None was not passed and changes nothing.

    `packs`, `ignore`, `exclude`, `severity`, `placeholder_custom` and `per_file` extend the file's lists
    (later severity entries win ties); every other flag, `select` included, replaces the file's value.
    """
    known = {f.name for f in fields(Config)} - {"path", "root"}
    changes: dict[str, Any] = {}
    for name, given in flags.items():
        if name not in known:
            raise TypeError(f"merge_flags() got an unknown flag {name!r}")
        if given is None:
            continue
        value = given
        if name == "fail_on":
            value = _flag_choice("--fail-on", given, SEVERITIES, Severity)
        elif name == "channel":
            value = _flag_choice("--channel", given, CHANNELS, str)
        elif name == "packs":
            value = tuple(Path(p) for p in given)
        elif name == "max_input_size":
            value = _flag_size(given)
        elif isinstance(given, list | tuple):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in given)
        if name in _EXTEND:
            value = tuple(dict.fromkeys((*getattr(config, name), *value)))
        changes[name] = value
    named = [(selector, f"--{name}") for name in ("select", "ignore") for selector in flags.get(name) or () if selector]
    if named:
        changes["named"] = (*config.named, *named)
    return replace(config, **changes) if changes else config


_EXTEND = frozenset({"packs", "ignore", "exclude", "severity", "placeholder_custom", "per_file"})


def _flag_size(value: Any) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ConfigError(f"--max-input-size {exc}") from None


def _flag_choice(flag: str, value: Any, choices: tuple[str, ...], kind: Any) -> Any:
    text = getattr(value, "value", value)
    if text not in choices:
        raise ConfigError(f"{flag} must be one of {', '.join(choices)}, not {_describe(text)}")
    return kind(text)


# The search stops at the first directory that configures replylint, like ruff and yamllint. A pyproject.toml
# without [tool.replylint] is passed over (most projects have one for other tools). The search also stops at
# the repository root (the directory holding .git), so a file above the project never applies by surprise.
def _locate(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start, *start.parents):
        own = folder / CONFIG_NAME
        if own.is_file():
            return own, _parse(_display(own), _read(_display(own), own))
        project = folder / PYPROJECT
        if project.is_file():
            raw = _read(_display(project), project)
            # Parsing only pyproject files that mention replylint keeps the search cheap.
            if b"replylint" in raw:
                data = _parse(_display(project), raw)
                tool = data.get("tool")
                if isinstance(tool, dict) and "replylint" in tool:
                    return project, data
        if (folder / ".git").exists():
            return None
    return None


def _absolute(path: Path | str) -> Path:
    # Not resolve(): symlinked directories keep the names the user sees, and ".." is collapsed lexically.
    return Path(os.path.normpath(Path(path).absolute()))


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# A configuration file is a few kilobytes; a FIFO or /dev/zero given as --config must not hang or fill memory.
MAX_CONFIG_BYTES = 1_000_000


def _read(label: str, path: Path) -> bytes:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ConfigError(f"{label}: a configuration file must be a regular file (not a device, FIFO or folder)")
        with path.open("rb") as stream:
            data = stream.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{label}: larger than {MAX_CONFIG_BYTES // 1_000_000} MB; not a configuration file")
    return data


def _parse(label: str, raw: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{label}: not valid UTF-8 at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message ends with "(at line L, column C)".
        raise ConfigError(f"{label}: invalid TOML: {exc}") from None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return repr(value)
    return {list: "a list", dict: "a table"}.get(type(value), f"a {type(value).__name__}")


class _Table:
    """One TOML table under validation; it knows its file and section so errors can name both."""

    def __init__(self, file: str, name: str, data: dict[str, Any], section: str | None = None) -> None:
        self.file, self.name, self.data = file, name, data
        self.section = section if section is not None else (f"[{name}]" if name else "")

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.file}: {self.section + ' ' if self.section else ''}{key} {problem}")

    def reject_unknown(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                where = f" in {self.section}" if self.section else ""
                close = difflib.get_close_matches(key.replace("_", "-").lower(), known, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ConfigError(f"{self.file}: unknown key {key!r}{where}{hint}")

    def text(self, key: str, choices: tuple[str, ...] = ()) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if choices and value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}, not {_describe(value)}")
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"must be a non-empty string, not {_describe(value)}")
        return value

    def texts(self, key: str, choices: tuple[str, ...] = ()) -> tuple[str, ...] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            hint = f" (write [{json.dumps(value)}])" if isinstance(value, str) else ""
            raise self.error(key, f"must be a list of strings, not {_describe(value)}{hint}")
        for number, item in enumerate(value, 1):
            if not isinstance(item, str) or not item.strip():
                raise self.error(key, f"must be a list of non-empty strings, but item {number} is {_describe(item)}")
            if choices and item not in choices:
                raise self.error(key, f"items must be one of {', '.join(choices)}, not {_describe(item)}")
        return tuple(value)

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_describe(value)}")
        return value

    def table(self, key: str) -> _Table | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table, not {_describe(value)}")
        return _Table(self.file, f"{self.name}.{key}" if self.name else key, value)

    def entries(self, key: str, known: tuple[str, ...]) -> list[_Table]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(key, f"must be an array of tables ([[{key}]]), not {_describe(value)}")
        name = f"{self.name}.{key}" if self.name else key
        tables = [_Table(self.file, name, item, f"[[{name}]] #{n}") for n, item in enumerate(value, 1)]
        for entry in tables:
            entry.reject_unknown(known)
            if "glob" not in entry.data:
                raise entry.error("glob", "is missing")
        return tables

    def glob(self, key: str) -> str | None:
        pattern = self.text(key)
        if pattern is not None:
            self._check_glob(key, pattern)
        return pattern

    def globs(self, key: str) -> tuple[str, ...] | None:
        patterns = self.texts(key)
        for pattern in patterns or ():
            self._check_glob(key, pattern)
        return patterns

    def _check_glob(self, key: str, pattern: str) -> None:
        if ".." in pattern.split("/"):
            raise self.error(key, f"globs are relative to the config's directory and cannot use '..', not {pattern!r}")
        try:
            compile_glob(pattern)
        except re.error as exc:
            raise self.error(key, f"has an invalid glob {pattern!r}: {exc}") from None

    def severities(self, key: str) -> tuple[tuple[str, str], ...] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table of rule id = severity, not {_describe(value)}")
        # A bare dotted key (blame.customer-fault = "off") is a nested table in TOML: flatten it back.
        pairs = tuple(_flatten(value))
        for prefix, level in pairs:
            if not prefix.strip("."):
                raise self.error(key, f"keys must be rule ids or pack names, not {prefix!r}")
            if level not in (*SEVERITIES, "off"):
                raise self.error(
                    f"{key}.{prefix}", f"must be one of {', '.join(SEVERITIES)}, off, not {_describe(level)}"
                )
        return pairs


def _flatten(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _build(path: Path, top: _Table) -> Config:
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
        )
        for entry in top.entries("collections", ("glob", "fields", "keys", "columns"))
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
    paths = tuple(_absolute(root / Path(name).expanduser()) for name in names)
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
