"""The language server's state: one Linter per config file, a linted state per open document, pushes."""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from replylint import __version__
from replylint.api import InputError
from replylint.server.lsp_actions import Analysis
from replylint.server.lsp_diagnostics import SETUP, UNREADABLE, Positions, diagnostic, problem
from replylint.server.lsp_linters import Linters, Settings, SettingsError, SetupFailed

# Pushed diagnostics wait this long after the last keystroke: typing stays smooth, and a pause shows the result.
DEBOUNCE_SECONDS = 0.2
log = logging.getLogger(__name__)


class ReplyServer(LanguageServer):
    """The language server: one Linter per config file, a linted state per open document."""

    def __init__(self) -> None:
        super().__init__("replylint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linters = Linters(report=self.show_error)
        self.analyses: dict[str, Analysis] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.serial = 0
        self.push = True  # turned off when the client pulls diagnostics itself (LSP 3.17)
        self.replying: dict[str, str] = {}  # per document URI: the customer's message it answers

    def show_error(self, message: str) -> None:
        """One clear message in the editor (a broken config, pack or setting); the server keeps serving."""
        log.error("%s", message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def positions(self, text: str) -> Positions:
        return Positions(text, self.workspace.position_codec.client_num_units)

    def document_path(self, uri: str) -> str:
        """The file a URI names; the path's suffix decides the format, as on the command line."""
        path = to_fs_path(uri)  # pygls': drive letters and UNC shares included
        if path is not None:
            return path
        parsed = urlparse(uri)
        # An unsaved buffer (untitled:Untitled-1): its name, in the workspace, for the config search.
        root = self.workspace.root_path or os.getcwd()
        return str(Path(root) / (Path(unquote(parsed.path)).name or "untitled"))

    def analyse(self, uri: str) -> Analysis:
        """The document's findings, linted again only when its text or its linter changed."""
        try:
            text = self.workspace.get_text_document(uri).source
        except (OSError, UnicodeDecodeError):  # a pull for a document not open that cannot be read from disk
            text = ""
        path = self.document_path(uri)
        try:
            linter = self.linters.for_document(path)
        except SetupFailed as exc:
            return self._remember(Analysis(uri, path, text, None, (), (problem(str(exc), SETUP),), self.serial))
        known = self.analyses.get(uri)
        message = self.replying.get(uri)
        if known is not None and known.text == text and known.linter is linter and known.in_reply_to == message:
            return known
        positions = self.positions(text)
        try:
            findings = tuple(linter.lint(text, path, message))
            diagnostics = tuple(diagnostic(f, linter.rules.by_id.get(f.rule), positions) for f in findings)
        except InputError as exc:
            findings, diagnostics = (), (problem(f"replylint: {exc}", UNREADABLE),)
        except Exception as exc:  # a bug must cost one document its diagnostics, never the server
            log.exception("linting %s failed", uri)
            findings, diagnostics = (), (problem(f"replylint: internal error: {type(exc).__name__}: {exc}", SETUP),)
        return self._remember(Analysis(uri, path, text, linter, findings, diagnostics, self.serial, message))

    def _remember(self, analysis: Analysis) -> Analysis:
        self.serial += 1
        analysis = replace(analysis, serial=self.serial)
        self.analyses[analysis.uri] = analysis
        return analysis

    def publish(self, uri: str) -> None:
        """Push a document's diagnostics (unless the client pulls them)."""
        self.timers.pop(uri, None)
        if not self.push or uri not in self.workspace.text_documents:
            return
        analysis = self.analyse(uri)
        version = self.workspace.text_documents[uri].version
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=list(analysis.diagnostics), version=version)
        )

    def reply_to(self, uri: str, message: str | None) -> None:
        """Lint a document against the customer's message it answers from now on (None: against none)."""
        if message is None or not message.strip():
            self.replying.pop(uri, None)
        else:
            self.replying[uri] = message
        if self.push:
            self.publish(uri)
            return
        capabilities = self.client_capabilities.workspace
        if capabilities and capabilities.diagnostics and capabilities.diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)

    def publish_later(self, uri: str) -> None:
        """Publish once typing pauses: each change restarts the wait."""
        if not self.push:
            return
        if (timer := self.timers.pop(uri, None)) is not None:
            timer.cancel()
        self.timers[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, self.publish, uri)

    def refresh(self) -> None:
        """Config, packs or settings changed: every open document is linted again."""
        self.linters.forget()
        if self.push:
            for uri in list(self.workspace.text_documents):
                self.publish(uri)
            return
        capabilities = self.client_capabilities.workspace
        if capabilities and capabilities.diagnostics and capabilities.diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)

    def apply_settings(self, raw: object) -> None:
        """Workspace settings from the editor; wrong ones are reported and the previous ones kept."""
        root = Path(self.workspace.root_path) if self.workspace.root_path else None
        try:
            settings = Settings.parse(raw, root)
        except SettingsError as exc:
            self.show_error(f"replylint: {exc}; keeping the previous settings")
            return
        if settings != self.linters.settings:
            self.linters.reconfigure(settings)
            self.refresh()
