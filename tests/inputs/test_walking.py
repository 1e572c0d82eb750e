"""Directory walks: ignore files like git, default excludes, and a recorded reason for every entry left out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from replylint.config.settings import Config
from replylint.inputs.excludes import default_exclude
from replylint.inputs.files import discover
from replylint.inputs.reasons import skipped_summary, tally
from replylint.inputs.skips import Skip


def tree(root: Path, *files: str) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Thanks for writing.\n", encoding="utf-8")


def walked(root: Path, chooser=None) -> tuple[list[str], dict[str, str]]:
    found = discover([str(root)], chooser)
    relative = [os.path.relpath(f, root) for f in found.files]
    return relative, {
        os.path.relpath(s.path, root) + ("/" if s.path.endswith("/") else ""): s.reason for s in found.skipped
    }


def test_nested_gitignore_files_apply_below_their_folder_and_negations_take_files_back(tmp_path):
    (tmp_path / ".git").mkdir()
    tree(tmp_path, "a.md", "drafts/old.md", "drafts/keep.md", "sub/notes.md", "sub/deep/x.md", "other/notes.md")
    (tmp_path / ".gitignore").write_text("# drafts of drafts\ndrafts/*\n!drafts/keep.md\n", encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("notes.md\ndeep/\n", encoding="utf-8")
    files, skipped = walked(tmp_path)
    assert files == ["a.md", "drafts/keep.md", "other/notes.md"]
    # Ignore files are named as the walk names paths: here below the absolute folder given.
    assert skipped["drafts/old.md"] == f"ignored by .gitignore ({tmp_path / '.gitignore'} line 2: drafts/*)"
    assert skipped["sub/notes.md"] == f"ignored by .gitignore ({tmp_path / 'sub' / '.gitignore'} line 1: notes.md)"
    assert skipped["sub/deep/"].startswith("ignored by .gitignore (")


def test_a_deeper_ignore_file_overrides_one_above_and_dot_ignore_is_honoured(tmp_path):
    tree(tmp_path, "a/x.md", "a/y.md", "b.md")
    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    (tmp_path / "a" / ".gitignore").write_text("!x.md\n", encoding="utf-8")
    (tmp_path / "a" / ".ignore").write_text("y.md\n", encoding="utf-8")
    files, skipped = walked(tmp_path)
    assert files == ["a/x.md"]
    assert skipped["a/y.md"].startswith("ignored by .ignore (")
    assert skipped["b.md"].startswith("ignored by .gitignore (")


def test_ignore_files_above_the_walked_folder_apply_up_to_the_repository_root(tmp_path):
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("private.md\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("replies/generated/\n", encoding="utf-8")
    tree(tmp_path, "replies/a.md", "replies/generated/b.md", "replies/private.md")
    files, skipped = walked(tmp_path / "replies")
    assert files == ["a.md"]
    assert sorted(skipped) == ["generated/", "private.md"]
    assert skipped["private.md"] == "ignored by .gitignore (.git/info/exclude line 1: private.md)"


def test_a_folder_named_on_the_command_line_is_walked_even_if_an_ignore_file_above_names_it(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    tree(tmp_path, "build/replies/a.md", "build/replies/b.md")
    (tmp_path / "build" / "replies" / ".gitignore").write_text("b.md\n", encoding="utf-8")
    assert walked(tmp_path / "build" / "replies")[0] == ["a.md"]
    assert walked(tmp_path)[1]["build/"] == "default exclude: build, vendor or environment folder"


def test_outside_a_repository_an_ignore_file_above_the_walk_does_not_apply(tmp_path):
    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    tree(tmp_path, "replies/a.md")
    assert walked(tmp_path / "replies")[0] == ["a.md"]


def test_the_respect_ignore_files_setting_turns_ignore_files_off(tmp_path):
    tree(tmp_path, "a.md", "b.md")
    (tmp_path / ".gitignore").write_text("b.md\n", encoding="utf-8")
    assert walked(tmp_path, Config(path=None, root=tmp_path, respect_ignore_files=False))[0] == ["a.md", "b.md"]


def test_a_file_named_on_the_command_line_is_read_even_when_ignored_or_default_excluded(tmp_path):
    tree(tmp_path, "b.md", "README.md")
    (tmp_path / ".gitignore").write_text("b.md\n", encoding="utf-8")
    named = [str(tmp_path / "b.md"), str(tmp_path / "README.md")]
    assert discover(named).files == named


def test_default_excludes_leave_out_vcs_build_vendor_folders_documents_and_manifests(tmp_path):
    tree(
        tmp_path,
        "replies/a.md",
        "node_modules/pkg/readme.md",
        "vendor/x.md",
        "build/out.md",
        "pkg.egg-info/PKG-INFO.txt",
        ".venv/lib/site.md",
        ".hg/store.txt",
        "README.md",
        "docs/LICENSE.txt",
        "changelog.md",
        "Code-Of-Conduct.md",
        "package.json",
        "tsconfig.json",
        "mkdocs.yml",
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yml",
        ".github/dependabot.yml",
        ".github/saved-replies.yml",
        "replies/macros.json",
    )
    files, skipped = walked(tmp_path)
    assert files == [".github/saved-replies.yml", "replies/a.md", "replies/macros.json"]
    assert skipped == {
        ".github/dependabot.yml": "default exclude: manifest, lockfile or tool settings",
        ".github/workflows/": "default exclude: GitHub workflow or template folder",
        ".hg/": "default exclude: version-control folder",
        ".pre-commit-config.yaml": "default exclude: manifest, lockfile or tool settings",
        ".venv/": "default exclude: build, vendor or environment folder",
        "Code-Of-Conduct.md": "default exclude: project document (README, LICENSE, CHANGELOG and the like)",
        "README.md": "default exclude: project document (README, LICENSE, CHANGELOG and the like)",
        "build/": "default exclude: build, vendor or environment folder",
        "changelog.md": "default exclude: project document (README, LICENSE, CHANGELOG and the like)",
        "docs/LICENSE.txt": "default exclude: project document (README, LICENSE, CHANGELOG and the like)",
        "mkdocs.yml": "default exclude: manifest, lockfile or tool settings",
        "node_modules/": "default exclude: build, vendor or environment folder",
        "package.json": "default exclude: manifest, lockfile or tool settings",
        "pkg.egg-info/": "default exclude: build, vendor or environment folder",
        "tsconfig.json": "default exclude: manifest, lockfile or tool settings",
        "vendor/": "default exclude: build, vendor or environment folder",
    }


def test_default_excludes_can_be_turned_off_or_taken_back_by_an_include_that_names_them(tmp_path):
    tree(tmp_path, "README.md", "vendor/replies/a.md", "vendor/other.md", "b.md")
    off = Config(path=None, root=tmp_path, default_excludes=False)
    assert walked(tmp_path, off)[0] == ["README.md", "b.md", "vendor/other.md", "vendor/replies/a.md"]
    named = Config(path=None, root=tmp_path, include=("README.md", "vendor/replies/**", "*.md"))
    files, skipped = walked(tmp_path, named)
    assert files == ["README.md", "b.md", "vendor/replies/a.md"]
    # "*.md" matches vendor/other.md by wildcard only: the folder is entered because a glob names it.
    assert skipped["vendor/other.md"] == "not matching 'include' in the defaults"


def test_every_file_left_out_has_a_reason(tmp_path):
    tree(tmp_path, "a.md", "script.py", "Makefile", "data.toml")
    config = Config(path=tmp_path / "replylint.toml", root=tmp_path, exclude=("data.toml",))
    files, skipped = walked(tmp_path, config)
    assert files == ["a.md"]
    assert skipped == {
        "Makefile": "not a reply format (no suffix)",
        "data.toml": "excluded by 'exclude' in replylint.toml",
        "script.py": "not a reply format (.py)",
    }


@pytest.mark.parametrize("follow", [True, False])
def test_symlinks_not_followed_are_recorded(tmp_path, follow):
    tree(tmp_path, "target/a.md")
    (tmp_path / "walk").mkdir()
    (tmp_path / "walk" / "link.md").symlink_to(tmp_path / "target" / "a.md")
    found = discover([str(tmp_path / "walk")], follow_links=follow)
    assert found.linked == [str(tmp_path / "walk" / "link.md")]
    assert [s.reason for s in found.skipped] == ([] if follow else ["symlink not followed (--no-follow-links)"])


def test_a_folder_with_only_skipped_files_says_what_was_skipped(tmp_path):
    tree(tmp_path, "README.md", "package.json", "x.py")
    found = discover([str(tmp_path)])
    assert found.errors == [
        (
            str(tmp_path),
            "no drafts found (looked for .txt, .md, .markdown, .text, .html, .htm, .json, .json5, .jsonl, .ndjson, .yaml, .yml, .csv, "
            ".js, .mjs, .cjs, .jsonp files; 3 skipped: 2 default excludes, 1 not a reply format; --verbose lists them)",
        )
    ]


def test_skip_reasons_are_counted_by_kind():
    skips = [
        Skip("a", "ignored by .gitignore (.gitignore line 1: a)"),
        Skip("b", "default exclude: hidden (name starts with '.')"),
        Skip("c", "default exclude: project document (README, LICENSE, CHANGELOG and the like)"),
        Skip("d", "holds no replies: a package manifest"),
    ]
    assert tally(skips) == "2 default excludes, 1 holds no replies, 1 ignored by .gitignore"
    assert skipped_summary(skips[:1]) == "1 skipped: 1 ignored by .gitignore"
    assert skipped_summary([]) == ""


@pytest.mark.parametrize(
    ("name", "parent", "folder", "excluded"),
    [
        ("LICENCE", "x", False, True),
        ("readme-first.md", "x", False, False),  # only the name before the first dot counts
        ("CONTRIBUTING.rst", "x", False, True),
        ("workflows", ".github", True, True),
        ("workflows", "docs", True, False),
        (".github", "x", True, False),
        ("replies.json", "x", False, False),
    ],
)
def test_default_exclude_names(name, parent, folder, excluded):
    assert (default_exclude(name, parent, folder=folder) is not None) is excluded
