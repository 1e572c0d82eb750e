"""`replylint mcp`: serve lint_draft, fix_draft, explain_rule and list_rules to AI agents over MCP (stdio)."""

from __future__ import annotations

from replylint.cli.flags import ChannelFlag, IgnoreFlag, ModelFlag, SelectFlag
from replylint.cli.options import ConfigOption, PackOption, _die


def mcp(
    config_file: ConfigOption = None,
    pack: PackOption = None,
    select: SelectFlag = None,
    ignore: IgnoreFlag = None,
    channel: ChannelFlag = None,
    model: ModelFlag = None,
) -> None:
    """Run a Model Context Protocol server on stdin/stdout for AI agents that draft replies. Exit 2 on a bad setup."""
    # Imported here so `--help` stays fast: the SDK (and spaCy, loaded at start) cost about a second.
    try:
        from replylint.server.mcp import Linters, serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in {"mcp", "mcp_types", "pydantic"}:
            raise
        raise _die("`replylint mcp` needs the MCP Python SDK: pip install 'replylint[mcp]'") from None
    from replylint.api import SETUP_ERRORS

    linters = Linters(config_file, tuple(pack or ()), tuple(select or ()), tuple(ignore or ()), channel, model)
    try:
        linters.start()
    except SETUP_ERRORS as exc:
        raise _die(str(exc)) from None
    serve(linters)
