"""The commented starter replylint.toml that `replylint init` writes, and its atomic, no-clobber write."""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

from replylint.config.settings import CONFIG_NAME, ConfigError

if TYPE_CHECKING:
    from pathlib import Path

STARTER = """\
# replylint configuration. replylint uses the nearest replylint.toml (or pyproject.toml with a
# [tool.replylint] table) from the current directory up to the repository root; --config names one.
# Paths and globs are relative to this file's directory. Command-line flags override these settings.
# Settings shown as "#key = ..." are examples: remove the "#" to use them.

# Rule packs (YAML) to load besides the shipped ones.
packs = []
#packs = ["rules/house-style.yaml"]

# Run only the rules whose id starts with one of these: a pack ("blame") or a rule ("snark.insult").
# Empty runs every rule.
select = []

# Skip the rules whose id starts with one of these.
ignore = []
#ignore = ["promotion"]

# The lowest severity that makes `replylint check` exit with 1: "error", "warning" or "suggestion".
fail-on = "warning"

# Which files to lint inside a directory given on the command line: drafts and reply collections. "*" stays
# within a directory, "**" spans any number of them; a glob that matches a directory covers everything in it.
include = [
    "**/*.txt", "**/*.md", "**/*.markdown", "**/*.text", "**/*.html", "**/*.htm",
    "**/*.json", "**/*.json5", "**/*.jsonl", "**/*.ndjson", "**/*.yaml", "**/*.yml", "**/*.csv",
    "**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsonp",
]

# Files and directories never to lint.
exclude = []
#exclude = ["vendor/**", "**/drafts-old"]

# Directory walks leave out what .gitignore and .ignore files name (--no-ignore-files reads it all).
respect-ignore-files = true

# Directory walks leave out VCS, build, vendor and hidden folders, README/LICENSE/CHANGELOG-like files and
# manifests such as package.json (--no-default-excludes reads them); an include glob naming one takes it back.
default-excludes = true

# The spaCy pipeline: "blank:en" needs no download; a trained model such as "en_core_web_sm" also
# enables rules that need part-of-speech tags or dependencies.
model = "blank:en"

# Where the replies are posted, for channel-specific rules: "public", "forum", "dm", "email", "sms" or "chat".
#channel = "email"

# Report template placeholders left unfilled ({{ first_name }}, [Customer name]). Unset: on for
# standard input and --text, off for files (which are usually templates).
#unfilled-placeholders = true

# Remember the findings for unchanged files, so a re-run only analyses what changed.
cache = true
#cache-dir = ".replylint_cache"

# Change the severity of a pack or a rule: "error", "warning", "suggestion" or "off".
# The longest matching id wins, so a rule's setting overrides its pack's.
[severity]
#"promotion" = "suggestion"
#"blame.customer-fault" = "error"

# Template placeholders never match a rule. Built-in syntaxes: jinja ({{ x }}, {% x %}), handlebars
# ({{#if x}}), braces ({x}), percent (%X%), brackets ([Agent Name]), angle (<first_name>), dollar (${x});
# unset means all of them.
[placeholders]
#syntaxes = ["jinja", "brackets"]
# Your own placeholder syntaxes, as regular expressions.
custom = []
#custom = ["<<[A-Z_]+>>"]

# Replies stored inside structured files: for the files matching `glob`, `fields` are JSON/YAML paths,
# `keys` mapping keys (at any depth) and `columns` CSV columns whose values are replies.
#[[collections]]
#glob = "macros/*.json"
#fields = ["macros[*].actions[*].value"]
#[[collections]]
#glob = "replies/*.csv"
#columns = ["body"]
#[[collections]]
#glob = "snippets/**/*.yaml"
#keys = ["reply"]

# Settings for some files only, applied in order on top of the ones above.
#[[per-file]]
#glob = "templates/**"
#ignore = ["acknowledgement"]
#severity = { "snark" = "error" }
#channel = "email"
"""


def write_starter(directory: Path, *, force: bool) -> Path:
    """Write STARTER to directory/replylint.toml atomically; refuse to overwrite unless `force`."""
    target = directory / CONFIG_NAME
    if not directory.is_dir():
        raise ConfigError(f"{directory}: not a directory")
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists (use --force to overwrite it)")
    temporary = directory / f".{CONFIG_NAME}.{secrets.token_hex(4)}.tmp"
    try:
        # os.open with mode 0o666 lets the umask decide permissions, as for any file the user creates.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(STARTER.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            temporary.replace(target)
        else:
            _publish_new(temporary, target)
    except FileExistsError:
        raise ConfigError(f"{target} already exists (use --force to overwrite it)") from None
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _publish_new(temporary: Path, target: Path) -> None:
    # A hard link fails if the target appeared since the exists() check, so nothing is ever overwritten;
    # where the file system has no hard links, fall back to os.replace after that check.
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        temporary.replace(target)
