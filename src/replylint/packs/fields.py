"""Field validators for pack YAML: each checks one value and raises PackError with its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from replylint.packs.records import PackError

if TYPE_CHECKING:
    from replylint.packs.yamlnodes import Located

# Pack names, rule ids, aliases and lexicon names.
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Checker:
    """Field validators that raise PackError with the file and the line of the offending value."""

    where: str

    def _fail(self, node: Located, message: str) -> PackError:
        return PackError(self.where, node.line, message)

    def keys(self, node: Located, allowed: set[str], what: str) -> None:
        for key, child in node.items():
            if key not in allowed:
                raise self._fail(child, f"unknown field {key!r} in {what} (allowed: {', '.join(sorted(allowed))})")

    def string(self, node: Located, key: str, *, required: bool = True) -> str | None:
        child = node.get(key)
        if child is None:
            if required:
                raise self._fail(node, f"missing field {key!r}")
            return None
        if not isinstance(child.value, str) or not child.value.strip():
            raise self._fail(child, f"{key!r} must be a non-empty string (quote it in YAML)")
        return child.value

    def name(self, node: Located, key: str) -> str:
        value = self.string(node, key)
        if not NAME.match(value):
            raise self._fail(node.get(key), f"{key!r} must be lower-case letters, digits and dashes: {value!r}")
        return value

    def choice(self, node: Located, key: str, options: tuple[str, ...], default: str | None = "") -> Any:
        child = node.get(key)
        if child is None:
            if default == "":
                raise self._fail(node, f"missing field {key!r} (one of: {', '.join(options)})")
            return default
        if child.value not in options:
            raise self._fail(child, f"{key!r} must be one of {', '.join(options)}, not {child.value!r}")
        return child.value

    def boolean(self, node: Located, key: str) -> bool:
        child = node.get(key)
        if child is None:
            return False
        if not isinstance(child.value, bool):
            raise self._fail(child, f"{key!r} must be true or false")
        return child.value

    def integer(self, node: Located, key: str, *, required: bool) -> int | None:
        child = node.get(key)
        if child is None:
            if required:
                raise self._fail(node, f"missing field {key!r}")
            return None
        if not isinstance(child.value, int) or isinstance(child.value, bool) or child.value < 0:
            raise self._fail(child, f"{key!r} must be a whole number >= 0")
        return child.value

    def fraction(self, node: Located, key: str, *, required: bool) -> float | None:
        """A number from 0 to 1 (a score threshold)."""
        child = node.get(key)
        if child is None:
            if required:
                raise self._fail(node, f"missing field {key!r} (a number from 0 to 1)")
            return None
        value = child.value
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            raise self._fail(child, f"{key!r} must be a number from 0 to 1, not {value!r}")
        return float(value)

    def relative_path(self, node: Located, key: str, *, required: bool) -> str | None:
        """A path inside the pack's folder, as written: not absolute and never climbing out with '..'."""
        value = self.string(node, key, required=required)
        if value is None:
            return None
        parts = PurePosixPath(value.replace("\\", "/")).parts
        if value.startswith(("/", "\\", "~")) or (parts and ":" in parts[0]) or ".." in parts:
            raise self._fail(
                node.get(key), f"{key!r} must be a path relative to the pack file, inside its folder: {value!r}"
            )
        return value

    def string_list(self, node: Located, what: str) -> tuple[str, ...]:
        if not isinstance(node.value, list):
            raise self._fail(node, f"{what} must be a list of strings")
        for element in node.elements():
            if not isinstance(element.value, str) or not element.value.strip():
                raise self._fail(
                    element, f"{what} must hold only non-empty strings (quote each in YAML), got {element.value!r}"
                )
        return tuple(node.value)

    def strings(self, node: Located, key: str, lexicons: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """A list of phrases in which an entry '@name' stands for a whole lexicon."""
        child = node.get(key)
        if child is None:
            return ()
        out: list[str] = []
        for element, value in zip(child.elements(), self.string_list(child, repr(key)), strict=True):
            if value.startswith("@") and len(value) > 1 and " " not in value:
                if value[1:] not in lexicons:
                    raise self._fail(element, f"unknown lexicon {value!r}")
                out.extend(lexicons[value[1:]])
            else:
                out.append(value)
        return tuple(dict.fromkeys(out))

    def name_list(self, node: Located, key: str) -> list[str]:
        child = node.get(key)
        if child is None:
            return []
        values = self.string_list(child, repr(key))
        for element, value in zip(child.elements(), values, strict=True):
            if not NAME.match(value):
                raise self._fail(element, f"{value!r} must be lower-case letters, digits and dashes")
        return list(values)
