"""What file names and drafts cannot do to a report: drive a terminal, forge a workflow command, crash a format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app

DEMO = str(Path(__file__).parents[1] / "data" / "demo.yaml")
ONLY_DEMO = ("--no-default-packs", "--pack", DEMO)
BLAME = "Thanks. That is your fault.\n"


def check(*args: str):
    return CliRunner().invoke(app, ["check", *ONLY_DEMO, "--no-cache", *args])


def replylint(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    code = "import sys; from replylint.cli import main; sys.argv = ['replylint', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, check=False, **kwargs)


def test_a_file_name_cannot_start_a_github_workflow_command_in_text_output():
    Path("::error title=x::forged").write_text(BLAME)
    result = check("--format", "text", "--", "::error title=x::forged")
    assert result.exit_code == 1
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert result.stdout.startswith("\u2236\u2236error title=x::forged:1:17: error [demo.fault]")


@pytest.mark.parametrize("output_format", ["text", "github", "pretty"])
def test_escape_and_bidi_characters_in_a_file_name_are_made_visible(output_format):
    name = "a\x1b]8;;x\x07b\u202ec.txt"
    Path(name).write_text(BLAME)
    result = check("--format", output_format, "--color", "never", "--", name)
    assert result.exit_code == 1
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in result.stdout


def test_github_output_makes_controls_in_messages_visible(tmp_path):
    pack = Path(DEMO).read_text().replace('"your fault", "user error"', '"your fault", "user error"', 1)
    Path("p.yaml").write_text(pack)
    Path("a.txt").write_text("Thanks. That is your fault.\x1b[31m\n")
    result = CliRunner().invoke(app, ["check", "--no-default-packs", "--pack", "p.yaml", "--format", "github", "a.txt"])
    assert "\x1b" not in result.stdout


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_a_file_name_that_is_not_utf8_is_escaped_and_the_rest_reported(output_format):
    os.mkdir("drafts")
    with open(os.fsencode("drafts/caf\xe9.txt".encode("latin-1")), "w") as stream:
        stream.write(BLAME)
    Path("drafts/ok.txt").write_text(BLAME)
    result = replylint("check", *ONLY_DEMO, "--no-cache", "--format", output_format, "drafts")
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode("utf-8")
    assert "ok.txt" in out
    shown = {"sarif": "caf%E9.txt", "json": "caf\\\\xe9.txt"}.get(output_format, "caf\\xe9.txt")
    assert shown in out
    if output_format in ("json", "sarif"):
        json.loads(out)


def test_a_baseline_records_a_name_that_is_not_utf8():
    with open("caf\xe9.txt".encode("latin-1"), "w") as stream:
        stream.write(BLAME)
    result = replylint(
        "check", *ONLY_DEMO, "--no-cache", "--format", "text", ".", "--baseline", "b.json", "--update-baseline"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(Path("b.json").read_text())["findings"][0]["path"] == "caf\\xe9.txt"


def test_a_sarif_path_outside_the_root_is_an_absolute_uri():
    os.mkdir("inner")
    Path("outer.txt").write_text(BLAME)
    result = replylint("check", *ONLY_DEMO, "--no-cache", "--format", "sarif", "../outer.txt", cwd="inner")
    location = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file://" + str(Path("outer.txt").resolve())}


def test_a_reader_that_leaves_ends_the_run_quietly():
    Path("big.txt").write_text("Thanks. " + "That is your fault. " * 3000 + "\n")
    code = "import sys; from replylint.cli import main; sys.argv = ['replylint', *sys.argv[1:]]; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "check", *ONLY_DEMO, "--no-cache", "--format", "text", "big.txt"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().startswith(b"big.txt:1:")
    process.stdout.close()  # as `| head -n1` does
    _, errors = process.communicate(timeout=120)
    assert (process.returncode, errors) == (141, b"")


def test_a_full_disk_on_stdout_is_a_clear_error():
    Path("a.txt").write_text(BLAME)
    code = "import sys; from replylint.cli import main; sys.argv = ['replylint', *sys.argv[1:]]; main()"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-c", code, "check", *ONLY_DEMO, "--no-cache", "--format", "text", "a.txt"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == b"replylint: error: cannot write the report to standard output: No space left on device\n"


def test_a_closed_stdout_is_a_clear_error():
    Path("a.txt").write_text(BLAME)
    code = "import sys; from replylint.cli import main; sys.argv = ['replylint', *sys.argv[1:]]; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "check", *ONLY_DEMO, "a.txt"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert (result.returncode, result.stderr) == (2, b"replylint: error: standard output or standard error is closed\n")


def test_a_closed_stdin_is_a_clear_error():
    code = "import sys; from replylint.cli import main; sys.argv = ['replylint', *sys.argv[1:]]; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "check", *ONLY_DEMO, "--format", "text", "-"],
        capture_output=True,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert result.returncode == 2
    assert result.stdout == b"-: error: standard input is closed\n"
