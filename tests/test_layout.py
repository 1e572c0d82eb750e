"""The package keeps the shape LAYOUT.md gives it: layers that import downward only, small modules and functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "replylint"
MAX_MODULE_LINES = 250
MAX_FUNCTION_LINES = 60
# Each layer may import its own and lower layers, never a higher one (cli | server | audit → api →
# run | authoring → engine | reporters → inputs | packs | config → findings | storage).
LAYERS: dict[str, int] = {
    "__main__": 7,
    "cli": 6,
    "server": 6,
    "audit": 6,
    "api": 5,
    "run": 4,
    "authoring": 4,
    "engine": 2,
    "reporters": 2,
    "inputs": 1,
    "packs": 1,
    "config": 1,
    "findings": 0,
    "storage": 0,
    "": 0,  # the package root: __version__ only
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Modules of the package that one module imports (anywhere in it, lazy imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([base] if base else [])])
            elif base.startswith("replylint"):
                base = base.removeprefix("replylint").lstrip(".")
            else:
                continue
            names = [base, *(f"{base}.{a.name}".strip(".") for a in node.names)]
        else:
            continue
        for imported in names:
            target = imported.removeprefix("replylint").lstrip(".") if imported.startswith("replylint") else imported
            if target in MODULES and target != name:
                targets.add(target)
    return targets


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int:
    return LAYERS[module.split(".", maxsplit=1)[0]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_belongs_to_a_known_layer(module):
    assert module.split(".")[0] in LAYERS


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_layer(module):
    upward = sorted(t for t in GRAPH[module] if t and _layer(t) > _layer(module))
    assert upward == []


def test_no_import_cycle():
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    assert len(MODULES[module].read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("module", sorted(MODULES))
def test_functions_stay_short(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_spacy_is_imported_only_under_engine(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    spacy = any(
        (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "spacy" for a in node.names))
        or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "spacy" and not node.level)
        for node in ast.walk(tree)
    )
    assert not spacy or module.startswith("engine")


def test_help_imports_no_spacy():
    import subprocess
    import sys

    # `--help` is Typer and the command signatures only: no spaCy, and no reader of packs or ignore files.
    heavy = ("spacy", "yaml", "pathspec", "markdown_it")
    code = (
        "import sys\nfrom replylint.cli import main\nsys.argv = ['replylint', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_each_vocabulary_has_one_source():
    from replylint.config import building, loading, settings
    from replylint.findings import Severity
    from replylint.inputs import layouts
    from replylint.packs import records
    from replylint.run import fixes

    assert loading.CHANNELS is records.CHANNELS and building.CHANNELS is records.CHANNELS
    assert set(settings.SEVERITIES) == {s.value for s in Severity}
    assert fixes.COLLECTION_SUFFIXES is layouts.COLLECTION_SUFFIXES
