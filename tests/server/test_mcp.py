"""replylint.server.mcp: every tool through the SDK's in-memory client, and `replylint mcp` over stdio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from replylint.api import CHANNELS
from replylint.server.mcp import INLINE_CHARS, Linters, build_server

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")
TONE = """
pack: tone
rules:
  - id: kindly
    aliases: ["old-kindly"]
    kind: substitution
    fix: true
    description: "Stiff courtesy words."
    message: "'{match}' -> '{suggestion}'"
    why: "It reads as a form letter."
    suggest: "Plain words."
    replacements: {"kindly": "please", "please be advised that": ""}
    examples:
      fail: ["[[Kindly]] wait."]
      pass: ["That was kind of you."]
  - id: texting
    kind: phrase
    channels: ["sms"]
    severity: suggestion
    description: "Long sign-offs in a text."
    message: "'{match}' is long for a text."
    why: "Texts are short."
    suggest: "Sign with your name."
    phrases: ["yours sincerely"]
"""


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    path = tmp_path / "tone.yaml"
    path.write_text(TONE, encoding="utf-8")
    return path


def call(linters: Linters, tool: str, **arguments):
    """Call one tool through the in-memory client; the CallToolResult."""

    async def go():
        async with Client(build_server(linters)) as client:
            return await client.call_tool(tool, arguments)

    return anyio.run(go)


def demo() -> Linters:
    return Linters(packs=(Path(DEMO),), select=("demo.fault", "demo.advised")).start()


def test_every_tool_declares_its_input_and_output_schema():
    async def go():
        async with Client(build_server(demo())) as client:
            return {tool.name: tool for tool in (await client.list_tools()).tools}

    tools = anyio.run(go)
    assert sorted(tools) == ["explain_rule", "fix_draft", "lint_draft", "list_rules"]
    lint = tools["lint_draft"]
    assert lint.input_schema["required"] == ["text"]
    assert lint.input_schema["properties"]["channel"]["anyOf"][0]["enum"] == list(CHANNELS)
    assert lint.input_schema["properties"]["format_hint"]["enum"] == ["text", "markdown", "html"]
    assert set(lint.output_schema["required"]) == {"verdict", "fail_on", "counts", "findings"}
    assert tools["explain_rule"].input_schema["required"] == ["rule_id"]
    assert all(tool.output_schema["type"] == "object" for tool in tools.values())
    assert all(tool.annotations.read_only_hint for tool in tools.values())


def test_lint_draft_returns_findings_with_spans_why_and_instead_and_a_verdict():
    text = "Thanks for asking.\nSadly that is your fault."
    result = call(demo(), "lint_draft", text=text)
    assert not result.is_error
    (finding,) = result.structured_content["findings"]
    assert finding == {
        "rule": "demo.fault",
        "severity": "error",
        "message": "'your fault' blames.",
        "match": "your fault",
        "span": {"start": 33, "end": 43, "line": 2, "column": 15, "end_line": 2, "end_column": 25},
        "suggestion": None,
        "fixable": False,
        "why": "Demo why.",
        "instead": "Demo suggestion.",
    }
    assert text[33:43] == "your fault"
    assert result.structured_content["verdict"] == "revise"
    assert result.structured_content["counts"] == {"error": 1, "warning": 0, "suggestion": 0}


def test_a_clean_draft_is_ok():
    result = call(demo(), "lint_draft", text="Thanks for asking, it is on its way.")
    assert result.structured_content == {
        "verdict": "ok",
        "fail_on": "warning",
        "counts": {"error": 0, "warning": 0, "suggestion": 0},
        "findings": [],
    }


def test_the_format_hint_decides_what_is_prose():
    text = "Thanks.\n\n```\nyour fault\n```\n"
    as_text = call(demo(), "lint_draft", text=text)
    as_markdown = call(demo(), "lint_draft", text=text, format_hint="markdown")
    assert [f["match"] for f in as_text.structured_content["findings"]] == ["your fault"]
    assert as_markdown.structured_content["findings"] == []


def test_a_channel_turns_on_its_rules_with_one_linter_kept_per_channel(tone):
    linters = Linters(packs=(tone,), select=("tone",)).start()
    text = "Thanks, on its way. Yours sincerely, Sam"
    plain = call(linters, "lint_draft", text=text)
    sms = call(linters, "lint_draft", text=text, channel="sms")
    again = call(linters, "lint_draft", text=text, channel="sms")
    assert plain.structured_content["findings"] == []
    assert [f["rule"] for f in sms.structured_content["findings"]] == ["tone.texting"]
    assert sms.structured_content["verdict"] == "ok"  # a suggestion is below the default fail-on (warning)
    assert again.structured_content == sms.structured_content
    assert list(linters._by_channel) == [None, "sms"]


def test_an_unknown_channel_is_a_tool_error():
    result = call(demo(), "lint_draft", text="Thanks.", channel="fax")
    assert (result.is_error, result.structured_content) == (True, None)  # refused by the input schema


def test_a_draft_that_cannot_be_linted_is_a_tool_error_and_the_server_keeps_serving():
    async def go():
        async with Client(build_server(demo())) as client:
            broken = await client.call_tool("lint_draft", {"text": "Thanks \ud800 there"})
            after = await client.call_tool("lint_draft", {"text": "Thanks. Your fault."})
            return broken, after

    broken, after = anyio.run(go)
    assert broken.is_error
    assert "lone surrogate at character 7" in broken.content[0].text
    assert after.structured_content["counts"]["error"] == 1


def test_a_draft_over_the_size_limit_is_a_tool_error(tmp_path):
    (tmp_path / "replylint.toml").write_text('max-input-size = "1KB"\n', encoding="utf-8")
    linters = Linters(config=tmp_path / "replylint.toml", packs=(Path(DEMO),), select=("demo",)).start()
    result = call(linters, "lint_draft", text="Thanks. " * 200)
    assert result.is_error
    assert "1,600 bytes, over this server's 1,000-byte limit" in result.content[0].text


def test_fix_draft_applies_safe_fixes_and_lists_them(tone):
    linters = Linters(packs=(tone,), select=("tone",)).start()
    result = call(linters, "fix_draft", text="Thanks. Kindly wait.\nKindly confirm.")
    content = result.structured_content
    assert content["text"] == "Thanks. Please wait.\nPlease confirm."
    assert content["changed"] is True
    assert content["applied"] == [
        {"rule": "tone.kindly", "line": 1, "column": 9, "before": "Kindly", "after": "Please"},
        {"rule": "tone.kindly", "line": 2, "column": 1, "before": "Kindly", "after": "Please"},
    ]
    assert content["remaining"]["verdict"] == "ok"


def test_a_deletion_is_listed_as_the_match_and_an_empty_replacement(tone):
    linters = Linters(packs=(tone,), select=("tone",)).start()
    content = call(linters, "fix_draft", text="Thanks. Please be advised that we close at 5.").structured_content
    assert content["text"] == "Thanks. We close at 5."
    assert content["applied"] == [
        {"rule": "tone.kindly", "line": 1, "column": 9, "before": "Please be advised that", "after": ""}
    ]


def test_fix_draft_leaves_a_draft_without_safe_fixes_alone():
    result = call(demo(), "fix_draft", text="Thanks. Your fault.")
    content = result.structured_content
    assert (content["text"], content["changed"], content["applied"]) == ("Thanks. Your fault.", False, [])
    assert [f["rule"] for f in content["remaining"]["findings"]] == ["demo.fault"]


def test_explain_rule_resolves_an_old_id(tone):
    linters = Linters(packs=(tone,), select=("tone.kindly",)).start()
    content = call(linters, "explain_rule", rule_id="tone.old-kindly").structured_content
    assert (content["id"], content["aliases"], content["why"], content["instead"]) == (
        "tone.kindly",
        ["tone.old-kindly"],
        "It reads as a form letter.",
        "Plain words.",
    )
    assert content["replacements"] == [
        {"phrase": "kindly", "replacement": "please"},
        {"phrase": "please be advised that", "replacement": ""},
    ]
    assert content["flags"] == [{"text": "Kindly wait.", "spans": [[0, 6]], "in_reply_to": None}]
    assert content["does_not_flag"] == [{"text": "That was kind of you.", "spans": [], "in_reply_to": None}]
    assert (content["fixable"], content["enabled"]) == (True, True)


def test_explain_rule_says_whether_lint_draft_checks_the_rule(tone):
    linters = Linters(packs=(tone,), select=("tone.kindly",)).start()
    assert call(linters, "explain_rule", rule_id="tone.texting").structured_content["enabled"] is False


def test_an_unknown_rule_is_a_tool_error_with_did_you_mean():
    result = call(demo(), "explain_rule", rule_id="demo.falt")
    assert result.is_error
    assert "'demo.falt' names no rule (did you mean demo.fault?)" in result.content[0].text


def test_list_rules_lists_the_rules_in_use_and_filters_by_pack(tone):
    linters = Linters(packs=(tone, Path(DEMO)), select=("tone", "demo.fault")).start()
    every = call(linters, "list_rules").structured_content
    tone_only = call(linters, "list_rules", pack="tone").structured_content
    assert [r["id"] for r in every["rules"]] == ["tone.kindly", "tone.texting", "demo.fault"]
    assert tone_only["count"] == 2
    assert tone_only["rules"][1] == {
        "id": "tone.texting",
        "pack": "tone",
        "severity": "suggestion",
        "kind": "phrase",
        "description": "Long sign-offs in a text.",
        "channels": ["sms"],
        "fixable": False,
    }


def test_list_rules_of_an_unknown_pack_is_a_tool_error(tone):
    result = call(Linters(packs=(tone,), select=("tone",)).start(), "list_rules", pack="ton")
    assert result.is_error
    assert "no pack 'ton' among the rules in use (did you mean tone?)" in result.content[0].text


def test_the_config_found_from_the_working_directory_applies(tmp_path, monkeypatch):
    (tmp_path / "replylint.toml").write_text('[severity]\n"demo.fault" = "suggestion"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    content = call(demo(), "lint_draft", text="Thanks. Your fault.").structured_content
    assert (content["verdict"], content["counts"]["suggestion"]) == ("ok", 1)


def test_replylint_mcp_speaks_over_stdio(tmp_path):
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "replylint", "mcp", "--pack", DEMO, "--select", "demo.fault"],
        cwd=tmp_path,
        env={"REPLYLINT_CACHE_HOME": os.environ["REPLYLINT_CACHE_HOME"]},
    )

    async def go():
        async with Client(params) as client:
            names = [tool.name for tool in (await client.list_tools()).tools]
            return names, await client.call_tool("lint_draft", {"text": "Thanks. That is your fault."})

    names, result = anyio.run(go)
    assert sorted(names) == ["explain_rule", "fix_draft", "lint_draft", "list_rules"]
    (finding,) = result.structured_content["findings"]
    assert (finding["rule"], finding["span"]["start"], finding["span"]["end"]) == ("demo.fault", 16, 26)


def test_a_bad_pack_at_start_exits_2_without_a_traceback(tmp_path):
    (tmp_path / "bad.yaml").write_text("pack: [\n", encoding="utf-8")
    command = [sys.executable, "-m", "replylint", "mcp", "--pack", str(tmp_path / "bad.yaml")]
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith(f"replylint: error: {tmp_path / 'bad.yaml'}:2: ")
    assert "Traceback" not in done.stderr


def test_a_long_draft_is_linted_off_the_event_loop_with_the_same_result():
    text = "Thanks for writing in. " * 1000 + "Sadly that is your fault."
    assert len(text) > INLINE_CHARS
    (finding,) = call(demo(), "lint_draft", text=text).structured_content["findings"]
    assert (finding["match"], finding["span"]["start"]) == ("your fault", 23014)


def test_without_the_sdk_the_command_says_how_to_install_it():
    code = (
        "import sys\nsys.modules['mcp'] = None\nfrom replylint.cli import main\nsys.argv = ['replylint', 'mcp']\nmain()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (
        2,
        "replylint: error: `replylint mcp` needs the MCP Python SDK: pip install 'replylint[mcp]'\n",
    )


def test_help_loads_neither_the_sdk_nor_spacy():
    code = (
        "import sys\nfrom replylint.cli import main\nsys.argv = ['replylint', 'mcp', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('mcp', 'spacy') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "--channel" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_lint_draft_checks_the_reply_against_the_customer_message_when_given():
    linters = Linters(select=("context",))
    draft = "Thanks for getting in touch! Could you send us your order number?"
    message = "Order 448812 never arrived and nobody answers the phone."
    without = call(linters, "lint_draft", text=draft)
    with_message = call(linters, "lint_draft", text=draft, in_reply_to=message)
    assert without.structured_content["findings"] == []
    assert [(f["rule"], f["match"]) for f in with_message.structured_content["findings"]] == [
        ("context.asks-for-given-info", "send us your order number")
    ]
