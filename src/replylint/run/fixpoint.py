"""--fix to a fixpoint: apply the safe fixes, lint what changed again, until a pass fixes nothing (bounded)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from replylint.findings import FileReport
from replylint.inputs.drafts import InputError
from replylint.inputs.files import STDIN
from replylint.run import fixes
from replylint.run.check import CheckOptions, Outcome, check

# A fix can make room for another (a deletion re-capitalises a word that another rule then replaces), so fixing
# runs again on what changed; the bound stops two rules that undo each other.
MAX_PASSES = 10


@dataclass(frozen=True, slots=True)
class Fixed:
    """What --fix did: the findings left, lines for stderr, whether a write failed, and fixed in-memory text."""

    outcome: Outcome
    messages: tuple[str, ...]
    failed: bool = False
    text: str | None = None  # standard input or --text after every fix; None when files were fixed in place


def fix_files(options: CheckOptions, read_stdin: Callable[[int], bytes] | None = None) -> Fixed:
    """Fix the named files in place, pass after pass; a later pass lints only the files the last one changed."""
    first = check(replace(options, use_cache=False), read_stdin)
    files, counts, notes, failed = first.report.files, {}, [], False
    for _ in range(MAX_PASSES):
        changed = []
        for file in files:
            change = fixes.plan(file, first.rules)
            if change is None:
                continue
            try:
                fixes.write(change, options.encoding)
            except fixes.Skipped as exc:
                notes.append(f"skipped: {exc}")
                continue
            except (InputError, OSError) as exc:
                notes.append(f"not fixed: {exc}")
                failed = True
                continue
            counts[file.path] = counts.get(file.path, 0) + len(change.edits)
            changed.append(file.path)
        if not changed:
            break
        files = check(replace(options, paths=tuple(changed), text=None, use_cache=False)).report.files
    else:
        notes.append(f"stopped after {MAX_PASSES} passes of fixes that keep changing: {', '.join(changed)}")
    messages = (*notes, *(f"fixed {count} in {path}" for path, count in counts.items()))
    # What is left, at its new position (files left unchanged come from the cache).
    outcome = check(options, read_stdin) if counts else first
    return Fixed(outcome, messages, failed)


def fix_text(options: CheckOptions, read_stdin: Callable[[int], bytes] | None = None) -> Fixed:
    """Fix standard input or --text in memory: the fixed text is for stdout, nothing is written."""
    outcome = check(replace(options, use_cache=False), read_stdin)
    (file,) = outcome.report.files
    if file.error is not None:
        return Fixed(outcome, ())
    text, total, outcome = _settle(options, outcome.report.files[0], outcome)
    return Fixed(outcome, (f"fixed {total} in {file.path}",) if total else (), text=text)


def diffs(options: CheckOptions, read_stdin: Callable[[int], bytes] | None = None) -> list[str]:
    """The unified diff of everything --fix would change, every pass included; nothing is written."""
    first = check(replace(options, use_cache=False), read_stdin)
    changes = []
    for file in first.report.files:
        if fixes.plan_text(file, first.rules) is None:
            continue
        text, _, _ = _settle(options, file, first)
        changes.append(fixes.FilePlan(file.path, file.text, text, ()).diff())
    return changes


def _settle(options: CheckOptions, file: FileReport, outcome: Outcome) -> tuple[str, int, Outcome]:
    """One input's text after every pass of fixes, how many were applied, and the findings left in it."""
    text, total = file.text, 0
    for _ in range(MAX_PASSES):
        change = fixes.plan_text(file, outcome.rules)
        if change is None:
            break
        text, total = change.after, total + len(change.edits)
        # Linted again as standard input already decoded, under the name it is reported by.
        again = replace(options, paths=(STDIN,), text=None, encoding=None, stdin_filename=file.path, use_cache=False)
        data = text.encode("utf-8")
        outcome = check(again, lambda _size, data=data: data)
        file = outcome.report.files[0]
    return text, total, outcome
