"""Find and read replylint.toml or [tool.replylint]; defaults < file < flags, validated into a Config."""

from __future__ import annotations

import stat
import tomllib
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from replylint.config.building import absolute, build
from replylint.config.settings import (
    CONFIG_NAME,
    PYPROJECT,
    SEVERITIES,
    Config,
    ConfigError,
)
from replylint.config.table import _describe, _Table
from replylint.findings import Severity
from replylint.inputs.sizes import parse_size
from replylint.packs.records import CHANNELS


def find_config(start: Path) -> Path | None:
    """The nearest replylint.toml, or pyproject.toml with [tool.replylint], from `start` upward."""
    found = _locate(absolute(start))
    return found[0] if found else None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The config in `explicit` (--config), else the one found from `start` (default: cwd), else defaults."""
    base = absolute(start if start is not None else Path.cwd())
    if explicit is not None:
        path = absolute(explicit)
        return read_config(path, _parse(str(explicit), _read(str(explicit), path)), str(explicit))
    found = _locate(base)
    if found is None:
        return Config(path=None, root=base)
    return read_config(found[0], found[1], display_path(found[0]))


def read_config(path: Path, data: dict[str, Any], label: str) -> Config:
    """The Config of one parsed file: [tool.replylint] of a pyproject.toml, or a replylint.toml's top level."""
    if path.name == PYPROJECT:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "replylint" not in tool:
            raise ConfigError(f"{label}: no [tool.replylint] table")
        if not isinstance(tool["replylint"], dict):
            raise ConfigError(f"{label}: tool.replylint must be a table, not {_describe(tool['replylint'])}")
        return build(path, _Table(label, "tool.replylint", tool["replylint"]))
    if isinstance(data.get("tool"), dict) and "replylint" in data["tool"]:
        raise ConfigError(
            f"{label}: unknown key 'tool' ({path.name} takes its settings at the top level, without [tool.replylint])"
        )
    return build(path, _Table(label, "", data))


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
        found = config_in(folder)
        if found is not None:
            return found
        if is_repository_root(folder):
            return None
    return None


def config_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The config file directly in `folder`, parsed: replylint.toml, or a pyproject.toml with [tool.replylint]."""
    own = folder / CONFIG_NAME
    if own.is_file():
        return own, _parse(display_path(own), _read(display_path(own), own))
    project = folder / PYPROJECT
    if project.is_file():
        raw = _read(display_path(project), project)
        # Parsing only pyproject files that mention replylint keeps the search cheap.
        if b"replylint" in raw:
            data = _parse(display_path(project), raw)
            tool = data.get("tool")
            if isinstance(tool, dict) and "replylint" in tool:
                return project, data
    return None


def is_repository_root(folder: Path) -> bool:
    """Whether `folder` holds .git: the config search goes no further up."""
    return (folder / ".git").exists()


def display_path(path: Path) -> str:
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
