"""`replylint init`: write a starter configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from replylint.cli.options import _die


def init(
    directory: Annotated[Path, typer.Argument(help="Where to write replylint.toml.", file_okay=False)] = Path(),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing replylint.toml.")] = False,
) -> None:
    """Write a commented starter replylint.toml that shows every setting."""
    from replylint.config.settings import ConfigError
    from replylint.config.starter import write_starter

    try:
        written = write_starter(directory, force=force)
    except ConfigError as exc:
        raise _die(str(exc)) from None
    except OSError as exc:
        raise _die(f"cannot write in {directory}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {written}")
