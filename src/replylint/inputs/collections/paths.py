"""Simple reply paths ("macros[*].actions[*].value"): parse them, match a place against them, print a place."""

from __future__ import annotations

import re

_PATH_STEP = re.compile(r"(\*|[^.\[\]*]+)?((?:\[(?:\*|\d+)\])*)")


def parse_path(path: str) -> tuple[str | int, ...]:
    """Steps of a simple path: key names, "*" for any key, indexes, -1 for [*]; ValueError if malformed."""
    steps: list[str | int] = []
    for part in path.split("."):
        match = _PATH_STEP.fullmatch(part)
        if not part or match is None or not (match.group(1) or match.group(2)):
            raise ValueError(f"invalid path {path!r}: write keys and [*] or [N] indexes, e.g. macros[*].body")
        if match.group(1):
            steps.append(match.group(1))
        indexes = re.findall(r"\[(\*|\d+)\]", match.group(2))
        steps.extend(-1 if index == "*" else int(index) for index in indexes)
    return tuple(steps)


def matches(pattern: tuple[str | int, ...], path: tuple[str | int, ...]) -> bool:
    if len(pattern) != len(path):
        return False
    for want, have in zip(pattern, path, strict=True):
        if isinstance(want, int) != isinstance(have, int):
            return False
        if want not in ("*", -1, have):
            return False
    return True


def format_path(path: tuple[str | int, ...]) -> str:
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.startswith("---"):
            text += step + " "
        elif re.fullmatch(r"[A-Za-z_][\w\-]*", step):
            text += f".{step}" if text and not text.endswith(" ") else step
        else:
            text += '["' + step.replace("\\", "\\\\").replace('"', '\\"') + '"]'
    return text
