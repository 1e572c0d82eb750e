"""Options shared by the commands, the error exit, and loading config and rules for a command."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from replylint.packs.records import PackError


class Format(str, Enum):
    AUTO = "auto"
    PRETTY = "pretty"
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


class Color(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack", "-p", help="A rule pack (YAML) to use besides the shipped ones; repeatable.", dir_okay=False
    ),
]
NoDefaultOption = Annotated[bool, typer.Option("--no-default-packs", help="Use only the packs given with --pack.")]


def _die(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"replylint: error: {message}", err=True)
    return typer.Exit(code)


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", "-c", help="Use this replylint.toml or pyproject.toml instead of searching upward.", dir_okay=False
    ),
]


def _config(config_file: Path | None, **flags: object):
    """The configuration file (found upward or given) with the command-line flags laid over it."""
    from replylint.config.loading import load_config, merge_flags
    from replylint.config.settings import ConfigError

    try:
        return merge_flags(load_config(config_file), **flags)
    except ConfigError as exc:
        raise _die(str(exc)) from None


def _configs(config_file: Path | None, **flags: object):
    """The config of each linted path (config.nearest.Configs), with the flags laid over each.

    `.for_path(path)` is the config a file at `path` uses, and what stdin linted as `path` should use too.
    """
    from replylint.config.nearest import Configs
    from replylint.config.settings import ConfigError

    try:
        return Configs(config_file, **flags)
    except ConfigError as exc:
        raise _die(str(exc)) from None


def _load(config_file: Path | None, packs: list[Path] | None, no_default: bool):
    """Every rule of the shipped, configured and --pack packs."""
    from replylint.packs.selection import load_rules
    from replylint.run.check import pack_paths

    config = _config(config_file, packs=packs)
    try:
        return load_rules(pack_paths(config, default_packs=not no_default))
    except PackError as exc:
        raise _die(str(exc)) from None


def _pick_format(chosen: Format, to_terminal: bool) -> str:
    if chosen != Format.AUTO:
        return chosen.value
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "pretty" if to_terminal else "text"


def _reader_left() -> int:
    """`replylint check ... | head`: the reader left. Like a Unix tool ended by SIGPIPE: no message, exit 141,
    and stdout pointed at /dev/null so the interpreter's final flush raises nothing more."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141
