"""`replylint server`: the language server for editors (LSP over standard input and output)."""

from __future__ import annotations

from typing import Annotated

import typer


def server(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio",
            help="Speak over standard input and output: the only transport, accepted because editor clients pass it.",
        ),
    ] = False,
) -> None:
    """Run the language server: diagnostics, quick fixes and hovers in any editor with an LSP client."""
    # Imported here so `replylint --help` does not load pygls.
    from replylint.server.lsp import serve

    serve()
