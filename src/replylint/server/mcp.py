"""`replylint mcp`: a Model Context Protocol server over stdio whose tools lint, fix and explain reply drafts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import anyio
import anyio.to_thread
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

from replylint import __version__
from replylint.api import CHANNELS, SETUP_ERRORS, InputError, Linter, fix_draft, rule_named
from replylint.server.mcp_results import (
    FixResult,
    LintResult,
    RuleExplanation,
    RuleList,
    explanation,
    fix_result,
    lint_result,
    rule_summary,
)

T = TypeVar("T")
# The channel vocabulary has one source (packs.records, through the api); Literal of a tuple spells it out.
Channel = Literal[CHANNELS]  # type: ignore[valid-type]
FormatHint = Literal["text", "markdown", "html"]
# The format decides what is prose: Markdown code and HTML markup are not linted. A path's suffix says which.
_PATHS: dict[str, str | None] = {"text": None, "markdown": "draft.md", "html": "draft.html"}
# A draft up to this size is linted on the event loop (a 300-character draft takes a few ms, and a thread hop
# would add to that); a longer one in a worker thread, so the server still answers pings and cancellations.
INLINE_CHARS = 20_000
_READ_ONLY = ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False)

INSTRUCTIONS = (
    "replylint checks customer-service reply drafts for what breaks trust: blame, snark, promotion, politics "
    "and religion, replies that never acknowledge the reader. Call lint_draft on a draft before sending it; "
    "revise while the verdict is 'revise' (each finding says why it hurts and what to write instead). "
    "Pass the customer's message as in_reply_to when you have it: the reply is then also checked against it. "
    "fix_draft applies the safe word-level fixes; explain_rule tells more about a rule id."
)

TextArg = Annotated[str, Field(description="The reply draft, as it would be sent.")]
InReplyToArg = Annotated[
    str | None,
    Field(
        description="The customer's message the draft answers; turns on the context rules (asked-again details, "
        "unanswered questions, no empathy for an upset customer, the wrong name, a step they already tried)."
    ),
]
ChannelArg = Annotated[
    Channel | None,
    Field(description="Where the reply goes; turns on that channel's rules. Default: the server's channel."),
]


@dataclass
class Linters:
    """One api.Linter per channel, loaded on first use and reused for every call (one at a time)."""

    config: Path | None = None
    packs: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    channel: str | None = None
    model: str | None = None
    lock: anyio.Lock = field(default_factory=anyio.Lock, repr=False)
    _by_channel: dict[str | None, Linter] = field(default_factory=dict, repr=False)

    def start(self) -> Linters:
        """Load the default linter and lint one draft, so the pipeline is warm and a bad setup fails now.

        Raises one of api.SETUP_ERRORS (a bad config, pack, selector or model).
        """
        self.get(None).lint("Thanks for writing in.")
        return self

    def get(self, channel: str | None) -> Linter:
        """The linter for a channel (None = the server's own)."""
        key = channel or self.channel
        if key not in self._by_channel:
            self._by_channel[key] = Linter.from_config(
                self.config, self.packs, self.select, self.ignore, channel=key, model=self.model
            )
        return self._by_channel[key]

    async def answer(self, work: Callable[[], T], size: int = 0) -> T:
        """Run one tool's work, one at a time (a Linter is not shared between threads at once)."""
        async with self.lock:
            if size <= INLINE_CHARS:
                return work()
            return await anyio.to_thread.run_sync(work)


def build_server(linters: Linters) -> MCPServer:
    """The MCP server with its four tools, every one answered by the linters given."""
    server = MCPServer("replylint", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING")

    @server.tool(annotations=_READ_ONLY)
    async def lint_draft(
        text: TextArg, channel: ChannelArg = None, format_hint: FormatHint = "text", in_reply_to: InReplyToArg = None
    ) -> LintResult:
        """Check a reply draft: each finding with its rule, severity, span, why and what to write instead, and
        a verdict ('revise' when a finding is at or above the configured fail-on severity, else 'ok')."""
        work = partial(_lint, linters, text, channel, format_hint, in_reply_to)
        return await linters.answer(work, len(text) + len(in_reply_to or ""))

    # Named after api.fix_draft, which the function's own name would shadow here.
    @server.tool(name="fix_draft", annotations=_READ_ONLY)
    async def fix_tool(text: TextArg, channel: ChannelArg = None, in_reply_to: InReplyToArg = None) -> FixResult:
        """Apply the safe fixes (word substitutions marked safe) to a draft: the new text, the fixes made, and
        lint_draft's result for what is left to revise by hand."""
        return await linters.answer(partial(_fix, linters, text, channel, in_reply_to), len(text))

    @server.tool(annotations=_READ_ONLY)
    async def explain_rule(
        rule_id: Annotated[str, Field(description="A rule id such as 'blame.customer-fault'; old ids work too.")],
    ) -> RuleExplanation:
        """Explain a rule: why it matters, what to write instead, its replacements and its own examples."""
        return await linters.answer(partial(_explain, linters, rule_id))

    @server.tool(annotations=_READ_ONLY)
    async def list_rules(
        pack: Annotated[str | None, Field(description="Only this pack's rules, e.g. 'blame'.")] = None,
    ) -> RuleList:
        """The rules lint_draft checks with: id, severity, kind, what each catches, channels, whether fixable."""
        return await linters.answer(partial(_rules, linters, pack))

    return server


def serve(linters: Linters) -> None:
    """Answer MCP requests on standard input and output until the client closes them."""
    build_server(linters).run("stdio")


def _lint(
    linters: Linters, text: str, channel: str | None, format_hint: str, in_reply_to: str | None = None
) -> LintResult:
    linter = _linter(linters, channel)
    _check_text(linter, text)
    if in_reply_to is not None:
        _check_text(linter, in_reply_to, "the customer's message (in_reply_to)")
    return lint_result(linter, text, _guarded(linter.lint, text, _PATHS[format_hint], in_reply_to))


def _fix(linters: Linters, text: str, channel: str | None, in_reply_to: str | None = None) -> FixResult:
    linter = _linter(linters, channel)
    _check_text(linter, text)
    if in_reply_to is not None:
        _check_text(linter, in_reply_to, "the customer's message (in_reply_to)")
    return fix_result(linter, text, _guarded(fix_draft, linter, text, None, in_reply_to))


def _explain(linters: Linters, rule_id: str) -> RuleExplanation:
    linter = _linter(linters, None)
    try:
        return explanation(linter, rule_named(linter, rule_id))
    except SETUP_ERRORS as exc:
        raise ToolError(str(exc)) from None


def _rules(linters: Linters, pack: str | None) -> RuleList:
    selected = _linter(linters, None).rules.selected
    rules = [r for r in selected if pack is None or r.pack == pack]
    if pack is not None and not rules:
        packs = sorted({r.pack for r in selected})
        raise ToolError(f"no pack {pack!r} among the rules in use{_close(pack, packs)}")
    return RuleList(count=len(rules), rules=[rule_summary(r) for r in rules])


def _linter(linters: Linters, channel: str | None) -> Linter:
    try:
        return linters.get(channel)
    except SETUP_ERRORS as exc:
        raise ToolError(str(exc)) from None


def _check_text(linter: Linter, text: str, what: str = "the draft") -> None:
    """Refuse, as a tool error, a draft the CLI would refuse as a file: over the size limit, or not valid text."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        # JSON can carry "\ud800"; no reply holds half a character, and the result could not be encoded back.
        raise ToolError(f"{what} cannot be linted: a lone surrogate at character {exc.start}") from None
    if size > linter.config.max_input_size:
        raise ToolError(f"{what} is {size:,} bytes, over this server's {linter.config.max_input_size:,}-byte limit")


def _guarded(function, *args):
    """Call a linting function; a draft it cannot read becomes a tool error the agent can act on."""
    try:
        return function(*args)
    except InputError as exc:
        raise ToolError(f"the draft cannot be linted: {exc}") from None


def _close(name: str, names: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else f" (packs: {', '.join(names)})"
