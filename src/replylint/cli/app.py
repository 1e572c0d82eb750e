"""The Typer application and its root options (--version)."""

from __future__ import annotations

from typing import Annotated

import typer

from replylint import __version__

app = typer.Typer(
    name="replylint",
    help="Lint customer-service reply drafts for what breaks trust: blame, snark, promotion, politics and "
    "religion, and replies that never acknowledge the reader.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"replylint {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """Lint customer-service reply drafts for what breaks trust."""
