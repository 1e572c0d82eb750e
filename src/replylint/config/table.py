"""A validating reader of one TOML table: unknown keys and wrong types name the file and key."""

from __future__ import annotations

import difflib
import json
import re
from typing import TYPE_CHECKING, Any

from replylint.config.globs import compile_glob
from replylint.config.settings import SEVERITIES, ConfigError

if TYPE_CHECKING:
    from collections.abc import Iterator


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
