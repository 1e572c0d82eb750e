"""Gitignore-style globs anchored at a root: * and ? stay within a directory, ** spans any number of them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def any_match(patterns: Iterable[str], relative: str | None) -> bool:
    """Whether a pattern matches the root-relative path or a directory above it; None (stdin) matches none."""
    if relative is None:
        return False
    parts = relative.split("/")
    # The path itself and each directory above it, so "vendor" covers vendor/a.txt as gitignore does.
    candidates = ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]
    return any(compile_glob(p).fullmatch(c) for p in patterns for c in candidates)


@lru_cache(maxsize=256)
def compile_glob(pattern: str) -> re.Pattern[str]:
    """Compile a glob anchored at the root: * and ? stay within a directory, ** spans any number of them."""
    segments: list[str] = []
    for segment in pattern.strip("/").split("/"):
        if segment not in ("", ".") and not (segment == "**" and segments[-1:] == ["**"]):
            segments.append(segment)
    out = ""
    for number, segment in enumerate(segments, 1):
        last = number == len(segments)
        if segment == "**" and not last:
            out += "(?:.*/)?"  # "**/b" matches b at any depth, the top included
        elif segment == "**":
            # "a/**" matches a itself too, so an excluded directory is pruned whole.
            out = out[:-1] + "(?:/.*)?" if out.endswith("/") else out + ".*"
        else:
            out += _segment(segment) + ("" if last else "/")
    return re.compile(out, re.DOTALL)


def _segment(segment: str) -> str:
    out, index = "", 0
    while index < len(segment):
        char = segment[index]
        index += 1
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[" and (close := segment.find("]", index + 1)) != -1:
            body = segment[index:close].replace("\\", "\\\\")
            # Glob negation is "[!...]" (and never matches "/"); a leading "^" is literal, as in fnmatch.
            if body.startswith("!"):
                body = "^/" + body[1:]
            elif body.startswith("^"):
                body = "\\" + body
            out += "[" + body + "]"
            index = close + 1
        else:
            out += re.escape(char)
    return out
