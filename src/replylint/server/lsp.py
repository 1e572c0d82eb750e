"""`replylint server`: a language server over stdio (pygls 2) that lints reply drafts as they are written."""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types

from replylint.server import lsp_actions
from replylint.server.lsp_server import ReplyServer

# Saving one of these may change which config governs a document, or what a config or pack says.
SETUP_FILES = ("replylint.toml", "pyproject.toml", ".yaml", ".yml")
WATCHED = ("**/replylint.toml", "**/pyproject.toml", "**/*.{yaml,yml}")
log = logging.getLogger(__name__)


def initialize(ls: ReplyServer, params: types.InitializeParams) -> None:
    """Settings from initializationOptions; diagnostics are pushed unless the client pulls them."""
    document = params.capabilities.text_document
    ls.push = not (document and document.diagnostic)
    ls.apply_settings(_section(params.initialization_options))


async def initialized(ls: ReplyServer, params: types.InitializedParams) -> None:
    """Ask for the `replylint` settings section and watch config and pack files, where the client can."""
    workspace = ls.client_capabilities.workspace
    if workspace and workspace.configuration:
        await _pull_settings(ls)
    if workspace and workspace.did_change_watched_files and workspace.did_change_watched_files.dynamic_registration:
        watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
        registration = types.Registration(
            id="replylint-setup-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception:  # without watchers, saves and the mtime check still notice changed files
            log.warning("the client refused to watch config and pack files", exc_info=True)


async def _pull_settings(ls: ReplyServer) -> None:
    item = types.ConfigurationItem(section="replylint")
    try:
        answer = await ls.workspace_configuration_async(types.ConfigurationParams(items=[item]))
    except Exception as exc:  # a client that fails this request keeps the initializationOptions
        ls.show_error(f"replylint: could not read the workspace settings: {exc}")
        return
    if answer and answer[0] is not None:
        ls.apply_settings(answer[0])


def _section(raw: Any) -> Any:
    """Settings given flat, or under a `replylint` key (as editors that share one options object do)."""
    if isinstance(raw, dict) and isinstance(raw.get("replylint"), dict):
        return raw["replylint"]
    return raw


def did_open(ls: ReplyServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


def did_change(ls: ReplyServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.publish_later(params.text_document.uri)


def did_save(ls: ReplyServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri.endswith(SETUP_FILES):
        ls.refresh()
    ls.publish(uri)


def did_close(ls: ReplyServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    if (timer := ls.timers.pop(uri, None)) is not None:
        timer.cancel()
    ls.analyses.pop(uri, None)
    ls.replying.pop(uri, None)
    if ls.push:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def did_change_watched_files(ls: ReplyServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.refresh()


async def did_change_configuration(ls: ReplyServer, params: types.DidChangeConfigurationParams) -> None:
    """New settings: taken from the notification when it carries them, else asked for."""
    settings = params.settings
    if isinstance(settings, dict) and "replylint" in settings:
        ls.apply_settings(settings["replylint"])
        return
    workspace = ls.client_capabilities.workspace
    if workspace and workspace.configuration:
        await _pull_settings(ls)


def pull(ls: ReplyServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
    """textDocument/diagnostic (LSP 3.17): the findings, or 'unchanged' when the client has them already."""
    analysis = ls.analyse(params.text_document.uri)
    result_id = str(analysis.serial)
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=list(analysis.diagnostics), result_id=result_id)


def code_action(ls: ReplyServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    analysis = ls.analyse(params.text_document.uri)
    positions = ls.positions(analysis.text)
    return lsp_actions.code_actions(analysis, positions, params.range, params.context.only)


def hover(ls: ReplyServer, params: types.HoverParams) -> types.Hover | None:
    analysis = ls.analyse(params.text_document.uri)
    return lsp_actions.hover(analysis, ls.positions(analysis.text), params.position)


# workspace/executeCommand: arguments [document URI, the customer's message or null]; the document is linted
# against the message (the context rules run) until it is closed or the message is cleared with null.
SET_IN_REPLY_TO = "replylint.setInReplyTo"


def set_in_reply_to(ls: ReplyServer, *arguments: Any) -> bool:
    """The customer's message a document answers; a wrong argument is an error the client sees."""
    if not 1 <= len(arguments) <= 2 or not isinstance(arguments[0], str):
        raise ValueError(f"{SET_IN_REPLY_TO} takes [document URI, customer message or null]")
    message = arguments[1] if len(arguments) == 2 else None
    if message is not None and not isinstance(message, str):
        raise ValueError(f"{SET_IN_REPLY_TO}: the customer message must be a string or null")
    ls.reply_to(arguments[0], message)
    return True


def build() -> ReplyServer:
    """A server with every feature registered."""
    ls = ReplyServer()
    features: list[tuple[str, Any, Any]] = [
        (types.INITIALIZE, initialize, None),
        (types.INITIALIZED, initialized, None),
        (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
        (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
        (types.TEXT_DOCUMENT_DID_SAVE, did_save, None),
        (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
        (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, did_change_watched_files, None),
        (types.WORKSPACE_DID_CHANGE_CONFIGURATION, did_change_configuration, None),
        (
            types.TEXT_DOCUMENT_DIAGNOSTIC,
            pull,
            types.DiagnosticOptions(identifier="replylint", inter_file_dependencies=False, workspace_diagnostics=False),
        ),
        (types.TEXT_DOCUMENT_CODE_ACTION, code_action, types.CodeActionOptions(code_action_kinds=lsp_actions.KINDS)),
        (types.TEXT_DOCUMENT_HOVER, hover, None),
    ]
    for method, handler, options in features:
        ls.feature(method, options)(handler)
    ls.command(SET_IN_REPLY_TO)(set_in_reply_to)
    return ls


def serve() -> None:
    """Speak LSP over standard input and output until the client says exit."""
    build().start_io()
