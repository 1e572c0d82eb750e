"""replylint server end to end: a pytest-lsp client talks to the real `replylint server` process over stdio."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

PACK = """
pack: tone
rules:
  - id: kindly
    kind: substitution
    fix: true
    severity: warning
    description: "Kindly sounds stiff."
    message: "'{match}' sounds stiff; say '{suggestion}'."
    why: "Stiff words put distance between you and the reader."
    suggest: "Write as you would speak: 'please'."
    replacements: {"kindly": "please"}
  - id: fault
    kind: phrase
    severity: error
    description: "Blame."
    message: "'{match}' blames the reader."
    why: "Blame turns a question into a fight."
    suggest: "Say what happens next instead."
    phrases: ["your fault"]
"""
CONFIG = 'packs = ["tone.yaml"]\nselect = ["tone", "suppressions"]\n'
WAIT = 20  # seconds: the first draft also loads the pipeline


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / ".git").mkdir()  # the config search stops here
    (root / "tone.yaml").write_text(textwrap.dedent(PACK).lstrip(), encoding="utf-8")
    (root / "replylint.toml").write_text(CONFIG, encoding="utf-8")
    return root


async def started(workspace: Path, cache: Path, capabilities: types.ClientCapabilities, options=None) -> LanguageClient:
    env = {**os.environ, "REPLYLINT_CACHE_HOME": str(cache)}
    config = ClientServerConfig(server_command=[sys.executable, "-m", "replylint", "server"], server_env=env)
    lsp_client = await config.start()
    params = types.InitializeParams(
        capabilities=capabilities, root_uri=workspace.as_uri(), initialization_options=options
    )
    await lsp_client.initialize_session(params)
    return lsp_client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(workspace: Path, tmp_path_factory: pytest.TempPathFactory):
    # Capabilities without pull diagnostics: the server pushes them.
    lsp_client = await started(workspace, tmp_path_factory.mktemp("pack-cache"), types.ClientCapabilities())
    yield lsp_client
    await lsp_client.shutdown_session()
    await lsp_client.stop()


async def published(client: LanguageClient, uri: str) -> None:
    """Wait for diagnostics to be pushed for `uri` (call it right after the message that causes them).

    The client stores each push as a new list under its uri. Waiting for "the next notification" instead can miss
    this document's push when several arrive in one read (a refresh republishes every open document).
    """
    before = client.diagnostics.get(uri)

    async def arrival() -> None:
        while client.diagnostics.get(uri) is before:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(arrival(), WAIT)


async def open_document(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    await published(client, uri)
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    whole = types.TextDocumentContentChangeWholeDocument(text=text)
    document = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
    client.text_document_did_change(types.DidChangeTextDocumentParams(text_document=document, content_changes=[whole]))


async def pull(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    report = await client.text_document_diagnostic_async(params)
    return list(report.items)


def spans(diagnostics) -> list[tuple[str, int, int, int, int]]:
    return [
        (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
    ]


def applied(text: str, edits: list[types.TextEdit]) -> str:
    """The text with the edits applied (positions in UTF-16 units, lines split at \\n)."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line].encode("utf-16-le") if position.line < len(lines) else b""
        return before + len(line[: position.character * 2].decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def actions(client: LanguageClient, uri: str, line: int, character: int) -> dict[str, types.CodeAction]:
    where = types.Range(types.Position(line, character), types.Position(line, character))
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=where,
        context=types.CodeActionContext(diagnostics=[]),
    )
    return {action.title: action for action in await client.text_document_code_action_async(params)}


async def test_open_pushes_diagnostics_at_the_findings_positions(client, workspace):
    # The emoji is two UTF-16 units: the default position encoding counts it so.
    uri = await open_document(client, workspace / "open.md", "Hello there.\n\nKindly 😀 wait; it is your fault.\n")
    found = client.diagnostics[uri]
    assert spans(found) == [("tone.kindly", 2, 0, 2, 6), ("tone.fault", 2, 22, 2, 32)]
    kindly, fault = found
    assert (kindly.severity, fault.severity, fault.source) == (
        types.DiagnosticSeverity.Warning,
        types.DiagnosticSeverity.Error,
        "replylint",
    )
    assert fault.message == "'your fault' blames the reader.\nBlame turns a question into a fight."
    assert fault.code_description.href == f"{(workspace / 'tone.yaml').as_uri()}#L12"


async def test_a_change_is_pushed_after_a_pause_and_pulled_at_once(client, workspace):
    uri = await open_document(client, workspace / "change.txt", "Thanks for waiting.")
    assert list(client.diagnostics[uri]) == []
    change(client, uri, "Thanks. 😀 your fault", 2)
    assert spans(await pull(client, uri)) == [("tone.fault", 0, 11, 0, 21)]
    await published(client, uri)
    assert spans(client.diagnostics[uri]) == [("tone.fault", 0, 11, 0, 21)]


async def test_an_unchanged_document_pulls_an_unchanged_report(client, workspace):
    uri = await open_document(client, workspace / "same.txt", "Your fault.")
    first = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    again = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=first.result_id
        )
    )
    assert (first.kind, again.kind, again.result_id) == ("full", "unchanged", first.result_id)


async def test_a_safe_fix_round_trips(client, workspace):
    text = "Thanks. Kindly wait, it is your fault."
    uri = await open_document(client, workspace / "fix.txt", text)
    offered = await actions(client, uri, 0, 10)
    fix = offered["Replace 'Kindly' with 'Please' (tone.kindly)"]
    assert (fix.kind, fix.is_preferred, [d.code for d in fix.diagnostics]) == ("quickfix", True, ["tone.kindly"])
    fixed = applied(text, fix.edit.changes[uri])
    assert fixed == "Thanks. Please wait, it is your fault."
    change(client, uri, fixed, 2)
    assert [d.code for d in await pull(client, uri)] == ["tone.fault"]


async def test_fix_all_applies_every_safe_fix(client, workspace):
    text = "Kindly wait.\nKindly confirm, it is your fault."
    uri = await open_document(client, workspace / "all.md", text)
    everything = (await actions(client, uri, 1, 25))["Apply every safe replylint fix"]
    assert everything.kind == "source.fixAll.replylint"
    fixed = applied(text, everything.edit.changes[uri])
    assert fixed == "Please wait.\nPlease confirm, it is your fault."
    change(client, uri, fixed, 2)
    assert [d.code for d in await pull(client, uri)] == ["tone.fault"]


async def test_a_suppression_comment_round_trips(client, workspace):
    text = "Thanks.\n\n  It is your fault.\n"
    uri = await open_document(client, workspace / "quiet.md", text)
    suppress = (await actions(client, uri, 2, 12))["Disable tone.fault for this line (with a reason)"]
    quiet = applied(text, suppress.edit.changes[uri])
    assert quiet == "Thanks.\n\n  <!-- replylint: disable-next-line=tone.fault -- reason -->\n  It is your fault.\n"
    change(client, uri, quiet, 2)
    assert await pull(client, uri) == []


async def test_hover_explains_the_highlighted_span(client, workspace):
    uri = await open_document(client, workspace / "hover.txt", "Thanks. It is your fault.")
    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 16))
    answer = await client.text_document_hover_async(params)
    assert answer.range == types.Range(types.Position(0, 14), types.Position(0, 24))
    assert answer.contents.value.splitlines()[:5] == [
        "**tone.fault** (error): 'your fault' blames the reader.",
        "",
        "**Why it hurts:** Blame turns a question into a fight.",
        "",
        "**Instead:** Say what happens next instead.",
    ]
    outside = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 2))
    assert await client.text_document_hover_async(outside) is None


async def test_a_malformed_collection_gets_a_diagnostic_and_the_server_goes_on(client, workspace):
    uri = await open_document(client, workspace / "replies.json", '{"replies": [')
    (problem,) = client.diagnostics[uri]
    assert (problem.code, problem.severity) == ("replylint.unreadable", types.DiagnosticSeverity.Error)
    fine = await open_document(client, workspace / "ok.txt", "Your fault.")
    assert [d.code for d in await pull(client, fine)] == ["tone.fault"]


async def test_a_config_change_is_read_again(client, workspace):
    uri = await open_document(client, workspace / "config.txt", "Thanks. Your fault.")
    (workspace / "replylint.toml").write_text(CONFIG + '[severity]\n"tone.fault" = "suggestion"\n', encoding="utf-8")
    event = types.FileEvent(uri=(workspace / "replylint.toml").as_uri(), type=types.FileChangeType.Changed)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[event]))
    await published(client, uri)
    assert [d.severity for d in client.diagnostics[uri]] == [types.DiagnosticSeverity.Information]
    (workspace / "replylint.toml").write_text(CONFIG, encoding="utf-8")
    assert [d.severity for d in await pull(client, uri)] == [types.DiagnosticSeverity.Error]


async def test_a_broken_pack_is_reported_once_and_the_last_rules_keep_serving(client, workspace):
    pack = workspace / "tone.yaml"
    good = pack.read_text(encoding="utf-8")
    uri = await open_document(client, workspace / "broken.txt", "Thanks. Your fault.")
    client.messages.clear()
    pack.write_text(good.replace("kind: phrase", "kind: phrasebook"), encoding="utf-8")
    try:
        assert [d.code for d in await pull(client, uri)] == ["tone.fault"]
        change(client, uri, "Thanks. Your fault, again.", 2)
        assert [d.code for d in await pull(client, uri)] == ["tone.fault"]
        (message,) = client.messages
        assert message.type == types.MessageType.Error
        assert str(pack) in message.message
        assert message.message.endswith("; still using the rules loaded before it")
    finally:
        pack.write_text(good, encoding="utf-8")


async def test_workspace_settings_can_ignore_a_rule(client, workspace):
    uri = await open_document(client, workspace / "settings.txt", "Kindly note: your fault.")
    settings = types.DidChangeConfigurationParams(settings={"replylint": {"ignore": ["tone.fault"]}})
    client.workspace_did_change_configuration(settings)
    try:
        assert [d.code for d in await pull(client, uri)] == ["tone.kindly"]
    finally:
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"replylint": {}}))
    assert [d.code for d in await pull(client, uri)] == ["tone.kindly", "tone.fault"]


async def eventually(client: LanguageClient, uri: str, codes: list[str]) -> list[str]:
    """The codes pulled once the server has caught up (settings arrive as a reply to its own request)."""
    found: list[str] = []
    for _ in range(50):
        found = [d.code for d in await pull(client, uri)]
        if found == codes:
            break
        await asyncio.sleep(0.1)
    return found


async def test_a_client_that_pulls_gets_no_pushes_and_its_settings_apply(workspace, tmp_path):
    pulls = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities()),
        workspace=types.WorkspaceClientCapabilities(configuration=True),
    )
    puller = await started(workspace, tmp_path, pulls, {"replylint": {"ignore": ["tone.fault"]}})
    try:
        uri = (workspace / "pulled.txt").as_uri()
        item = types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="Kindly wait: your fault.")
        puller.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        # The client has no `replylint` section yet: the initializationOptions stay in force.
        assert [d.code for d in await pull(puller, uri)] == ["tone.kindly"]
        await asyncio.sleep(0.5)  # past the debounce: nothing is pushed to a client that pulls
        assert puller.diagnostics == {}
        puller.set_configuration({"ignore": ["tone.kindly"]}, section="replylint")
        puller.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        assert await eventually(puller, uri, ["tone.fault"]) == ["tone.fault"]
    finally:
        await puller.shutdown_session()
        await puller.stop()


async def test_the_customer_message_set_by_command_runs_the_context_rules_until_cleared(client, workspace):
    folder = workspace / "pairs"
    folder.mkdir()
    (folder / "replylint.toml").write_text('select = ["context"]\n', encoding="utf-8")
    uri = await open_document(client, folder / "reply.txt", "Sorry about that. Please restart the router.")
    assert list(client.diagnostics[uri]) == []
    message = "I restarted the router twice already and it still drops."
    done = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="replylint.setInReplyTo", arguments=[uri, message])
    )
    assert done is True
    # The command pushes before it answers; a pull gives the same, whatever the client did with the push.
    assert spans(await pull(client, uri)) == [("context.repeats-failed-step", 0, 25, 0, 32)]
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="replylint.setInReplyTo", arguments=[uri, None])
    )
    assert await pull(client, uri) == []
