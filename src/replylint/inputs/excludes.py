"""The default excludes of a directory walk: folders and files that never hold replies, each with its reason."""

from __future__ import annotations

VCS_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs"})
# Installed, built or generated trees: thousands of third-party files that only slow a run and flood it.
BUILD_FOLDERS = frozenset(
    {
        "node_modules",
        "bower_components",
        "vendor",
        "build",
        "_build",
        "dist",
        "__pycache__",
        "__pypackages__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".eggs",
        "site-packages",
    }
)
# Project documents, matched by the name before the first dot in any case: README.md, LICENSE.txt, changelog.
PROJECT_DOCUMENTS = frozenset(
    {
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "changelog",
        "changes",
        "history",
        "contributing",
        "code_of_conduct",
        "security",
        "authors",
    }
)
# Manifests, lockfiles and tool settings that share a collection suffix (JSON, YAML) but hold no replies.
DATA_FILES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "pnpm-lock.yaml",
        "pnpm-workspace.yaml",
        "tsconfig.json",
        "jsconfig.json",
        "composer.json",
        "deno.json",
        "lerna.json",
        "nx.json",
        "angular.json",
        "vercel.json",
        "firebase.json",
        "renovate.json",
        "manifest.json",
        "app.json",
        "pubspec.yaml",
        "environment.yml",
        "environment.yaml",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "mkdocs.yml",
        "mkdocs.yaml",
        "_config.yml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "compose.yml",
        "compose.yaml",
        "dependabot.yml",
        "dependabot.yaml",
        "funding.yml",
        "codecov.yml",
        ".gitlab-ci.yml",
        ".travis.yml",
        "appveyor.yml",
        ".readthedocs.yml",
        ".readthedocs.yaml",
        ".eslintrc.json",
        ".eslintrc.yml",
        ".eslintrc.yaml",
        ".prettierrc.json",
        ".stylelintrc.json",
        ".markdownlint.json",
        ".yamllint.yml",
        ".yamllint.yaml",
        ".golangci.yml",
        ".goreleaser.yml",
    }
)
# Folders of .github/ that hold CI and contributor forms, not replies (saved replies kept there are read).
GITHUB_FOLDERS = frozenset({"workflows", "issue_template", "discussion_template", "pull_request_template"})


def default_exclude(name: str, parent: str, *, folder: bool) -> str | None:
    """Why a walk leaves out the entry `name` in the folder named `parent` by default, or None to take it."""
    lower = name.lower()
    if name in VCS_FOLDERS:  # .git is a file in a worktree or submodule checkout
        return "default exclude: version-control folder"
    if folder:
        if name in BUILD_FOLDERS or lower.endswith(".egg-info"):
            return "default exclude: build, vendor or environment folder"
        if parent == ".github" and lower in GITHUB_FOLDERS:
            return "default exclude: GitHub workflow or template folder"
    elif lower.split(".", 1)[0].replace("-", "_") in PROJECT_DOCUMENTS:
        return "default exclude: project document (README, LICENSE, CHANGELOG and the like)"
    elif lower in DATA_FILES or (parent == ".github" and lower.startswith("pull_request_template.")):
        return "default exclude: manifest, lockfile or tool settings"
    if name.startswith(".") and name != ".github":
        return "default exclude: hidden (name starts with '.')"
    return None
