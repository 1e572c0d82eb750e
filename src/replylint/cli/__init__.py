"""The replylint command line: the app with its commands registered, and main(), the only place that exits."""

from __future__ import annotations

import os
import sys

from replylint.cli import audit, authoring, check, init, mcp, rules, server, train
from replylint.cli.app import app
from replylint.cli.options import _reader_left

__all__ = ["app", "main"]

# One place registers the commands, in the order `replylint --help` lists them.
app.command()(check.check)
app.command("rules")(rules.list_rules)
app.command()(rules.explain)
app.command("test-rules")(authoring.test_rules)
app.command("eval")(authoring.evaluate_packs)
app.command()(train.train)
app.command()(init.init)
app.command()(server.server)
app.command()(mcp.mcp)
app.command()(audit.audit)


def main() -> None:
    """Console-script entry point."""
    # A console that cannot encode a character in a draft must not crash the run.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if sys.stdout is None or sys.stderr is None:
        # Started with a closed descriptor (`replylint check . >&-`): say so where we still can.
        os.write(2, b"replylint: error: standard output or standard error is closed\n")
        sys.exit(2)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(_reader_left())
    except Exception as exc:
        if os.environ.get("REPLYLINT_DEBUG"):
            raise
        sys.stderr.write(
            f"replylint: internal error: {type(exc).__name__}: {exc}\n"
            "replylint: please report this; REPLYLINT_DEBUG=1 shows the traceback\n"
        )
        sys.exit(3)
