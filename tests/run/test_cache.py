"""The result cache answers unchanged inputs and never returns stale findings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replylint.cli.app import app
from replylint.findings import Finding, Severity
from replylint.run import cache as cache_module
from replylint.run.cache import ResultCache

DEMO = Path(__file__).parents[1] / "data" / "demo.yaml"
KEY = b"k" * 32


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("Thanks. That is your fault.\n")
    (tmp_path / "drafts" / "b.txt").write_text("Thanks, all fixed.\n")
    pack = tmp_path / "demo.yaml"
    pack.write_text(DEMO.read_text())
    return tmp_path


def run(*args: str) -> list[tuple[str, str, int]]:
    result = CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", "demo.yaml", "drafts", "--format", "json", *args]
    )
    # CliRunner reports an uncaught exception as exit 1, the code for findings: rule it out.
    assert result.exit_code in (0, 1) and not isinstance(result.exception, Exception), result.output
    report = json.loads(result.stdout)
    return [(Path(f["path"]).name, x["rule"], x["line"]) for f in report["files"] for x in f["findings"]]


def lint_calls(monkeypatch) -> list[int]:
    """Count how many drafts reach the linter (a cache hit never does)."""
    from replylint.run import group as runner

    calls: list[int] = []
    original = runner.lint_pending

    def counting(pending, *args, **kwargs):
        calls.append(len(pending))
        return original(pending, *args, **kwargs)

    monkeypatch.setattr(runner, "lint_pending", counting)
    return calls


def test_a_second_run_is_answered_from_the_cache(project, monkeypatch):
    calls = lint_calls(monkeypatch)
    first = run()
    assert first == [("a.txt", "demo.fault", 1)]
    assert run() == first
    assert calls == [2]
    assert (project / ".replylint_cache" / ".gitignore").read_text().endswith("*\n")


def test_a_run_from_the_cache_counts_the_same_replies(project, monkeypatch):
    (project / "drafts" / "m.json").write_text('[{"body": "Thanks, done."}, {"body": "Thanks, sent."}]\n')
    calls = lint_calls(monkeypatch)

    def summary() -> dict:
        args = ["check", "--no-default-packs", "--pack", "demo.yaml", "drafts", "--format", "json"]
        return json.loads(CliRunner().invoke(app, args).stdout)["summary"]

    assert summary()["replies"] == summary()["replies"] == 4
    assert calls == [3]


def test_a_changed_draft_is_linted_again(project, monkeypatch):
    calls = lint_calls(monkeypatch)
    run()
    (project / "drafts" / "b.txt").write_text("Thanks. Blame UPS.\n")
    assert run() == [("a.txt", "demo.fault", 1), ("b.txt", "demo.forgot", 1)]
    assert calls == [2, 1]


def test_a_changed_pack_invalidates_everything(project, monkeypatch):
    calls = lint_calls(monkeypatch)
    run()
    pack = project / "demo.yaml"
    pack.write_text(pack.read_text().replace('"your fault", ', ""))
    assert run() == []
    assert calls == [2, 2]


def test_changed_selection_or_config_invalidates(project, monkeypatch):
    calls = lint_calls(monkeypatch)
    run()
    assert run("--ignore", "demo.fault") == []
    (project / "replylint.toml").write_text('ignore = ["demo.fault"]\n')
    assert run() == []  # the file says what the flag said: same rules, so the cache answers
    (project / "replylint.toml").write_text('select = ["demo.forgot"]\n')
    assert run() == []
    assert calls == [2, 2, 2]


def test_severity_changes_apply_to_cached_findings(project):
    run()
    (project / "replylint.toml").write_text('[severity]\n"demo.fault" = "suggestion"\n')
    result = CliRunner().invoke(
        app, ["check", "--no-default-packs", "--pack", "demo.yaml", "drafts", "--format", "text"]
    )
    assert result.stdout == "drafts/a.txt:1:17: suggestion [demo.fault] 'your fault' blames.\n"
    assert result.exit_code == 0


def test_a_new_version_does_not_reuse_old_results(project, monkeypatch):
    calls = lint_calls(monkeypatch)
    run()
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    run()
    assert calls == [2, 2]


def test_no_cache_and_cache_dir(project, monkeypatch):
    calls = lint_calls(monkeypatch)
    run("--no-cache")
    assert not (project / ".replylint_cache").exists()
    run("--cache-dir", "elsewhere")
    run("--cache-dir", "elsewhere")
    assert (project / "elsewhere").is_dir()
    assert calls == [2, 2]


def test_a_damaged_cache_file_is_ignored(project, monkeypatch):
    run()
    for file in (project / ".replylint_cache").glob("results-*.json"):
        file.write_text("{not json")
    assert run() == [("a.txt", "demo.fault", 1)]


def test_a_warm_run_does_not_import_spacy(project):
    import subprocess

    command = [
        sys.executable,
        "-c",
        "import sys; from replylint.cli import main; sys.argv = ['replylint', "
        "'check', '--no-default-packs', '--pack', 'demo.yaml', 'drafts', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules)",
    ]
    first = subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)
    second = subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)
    assert first.stdout.strip().endswith("True")
    assert second.stdout.strip().endswith("False")


def test_concurrent_writers_merge_instead_of_clobbering(tmp_path):
    finding = Finding("x", 1, 1, 1, 2, "p.r", Severity.ERROR, "m", "y")
    one, two = ResultCache(tmp_path, "f" * 64, KEY), ResultCache(tmp_path, "f" * 64, KEY)
    one.put("k1", [finding])
    two.put("k2", [])
    one.save()
    two.save()
    reread = ResultCache(tmp_path, "f" * 64, KEY)
    assert reread.get("k1", "a.txt") == (Finding("a.txt", 1, 1, 1, 2, "p.r", Severity.ERROR, "m", "y"),)
    assert reread.get("k2", "b.txt") == ()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".replylint"))] == []


def _cache_files(project: Path) -> list[Path]:
    return sorted((project / ".replylint_cache").glob("results-*.json"))


def _forge(project: Path, rows: object) -> None:
    """Rewrite every entry of the cache as an attacker would who has no key: unsigned, or signed wrongly."""
    for file in _cache_files(project):
        document = json.loads(file.read_text())
        entries = dict.fromkeys(json.loads(document["entries"]), rows)
        document["entries"] = json.dumps(entries)
        file.write_text(json.dumps(document))


def test_a_forged_cache_entry_is_never_trusted(project):
    assert run() == [("a.txt", "demo.fault", 1)]
    _forge(project, [])  # "no findings", as a committed cache could claim
    assert run() == [("a.txt", "demo.fault", 1)]


def test_a_cache_file_copied_from_another_user_is_not_trusted(project, tmp_path_factory, monkeypatch):
    assert run() == [("a.txt", "demo.fault", 1)]
    entries = {k: [] for k in json.loads(json.loads(_cache_files(project)[0].read_text())["entries"])}
    monkeypatch.setenv("REPLYLINT_CACHE_HOME", str(tmp_path_factory.mktemp("someone-else")))
    from replylint.storage import sign, signing_key

    payload = json.dumps(entries)
    forged = {"format": 2, "mac": sign(b"x" * 32, payload.encode()), "entries": payload}
    _cache_files(project)[0].write_text(json.dumps(forged))
    assert signing_key() is not None
    assert run() == [("a.txt", "demo.fault", 1)]


@pytest.mark.parametrize(
    "row",
    [
        ["1", 1, 1, 2, "demo.fault", "error", "m", "x", None],
        [1, 1, 1, 2, "demo.fault", "fatal", "m", "x", None],
        [1, 1, 1, 2, "demo.fault", "error", "m"],
        [0, 1, 1, 2, "demo.fault", "error", "m", "x", 3],
    ],
)
def test_a_damaged_row_is_a_miss_not_a_crash(row):
    cache = ResultCache(Path("c"), "f" * 64, KEY)
    cache.added["k"] = [row]
    assert cache.get("k", "a.txt") is None


def test_the_same_text_under_another_path_is_linted_for_that_path(project):
    (project / "replylint.toml").write_text('[[per-file]]\nglob = "social/**"\nchannel = "public"\n')
    long_reply = "Thanks! " + "We are looking into it today. " * 12 + "\n"
    for folder in ("email", "social"):
        (project / folder).mkdir()
        (project / folder / "r.txt").write_text(long_reply)
    args = ["check", "--pack", "demo.yaml", "--select", "channels", "--format", "json"]
    email = CliRunner().invoke(app, [*args, "email/r.txt"])
    social = CliRunner().invoke(app, [*args, "social/r.txt"])
    assert json.loads(email.stdout)["files"][0]["findings"] == []
    assert [f["rule"] for f in json.loads(social.stdout)["files"][0]["findings"]] != []


def test_fix_never_acts_on_cached_findings(project):
    pack = project / "demo.yaml"
    pack.write_text(pack.read_text().replace('"kindly": "please"}\n', '"kindly": "please"}\n    fix: true\n'))
    (project / "drafts" / "c.txt").write_text("Thanks. Kindly wait, it ships today.\n")
    assert ("c.txt", "demo.advised", 1) in run()
    # A signed entry that lies (as a stale cache could): its suggestion must never be written into the draft.
    from replylint.storage import sign, signing_key

    (file,) = _cache_files(project)
    entries = json.loads(json.loads(file.read_text())["entries"])
    lie = [1, 9, 1, 15, "demo.advised", "warning", "m", "Kindly", "ATTACKER"]
    entries = {key: [lie] for key in entries}
    payload = json.dumps(entries)
    file.write_text(json.dumps({"format": 2, "mac": sign(signing_key(), payload.encode()), "entries": payload}))
    args = ["check", "--no-default-packs", "--pack", "demo.yaml", "drafts/c.txt", "--fix", "--format", "text"]
    CliRunner().invoke(app, args)
    assert (project / "drafts" / "c.txt").read_text() == "Thanks. Please wait, it ships today.\n"
