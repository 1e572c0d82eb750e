"""spaCy is imported without its command line, and anything that asks for the command line still gets it."""

from __future__ import annotations

import os
import subprocess
import sys

from replylint.engine.startup import OPT_OUT, lighten_spacy_import


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != OPT_OUT} | env
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False)


def test_linting_never_loads_spacys_command_line():
    result = _python(
        "import sys\n"
        "from replylint.engine import nlp\n"
        "from replylint.api import Linter\n"
        "assert Linter.from_config().lint('You should have read the manual.')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('spacy.cli.', 'weasel'))))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['spacy.cli.info']"


def test_the_command_line_loads_when_asked_for():
    result = _python(
        "import replylint.engine.kinds\n"
        "import spacy\n"
        "from replylint.engine import nlp\n"
        "nlp.load()\n"
        "assert callable(spacy.cli.download)\n"
        "import spacy.cli.info\n"
        "assert isinstance(spacy.info(), dict)\n"
        "print(type(spacy.cli).__name__, 'spacy.cli.download' in __import__('sys').modules)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["module", "True"]


def test_the_opt_out_imports_spacy_as_it_ships():
    result = _python(
        "import sys, replylint.engine.kinds\nprint('spacy.cli.download' in sys.modules)\n", **{OPT_OUT: "1"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_nothing_is_installed_once_spacy_is_loaded():
    import spacy  # noqa: F401  (the test process has it already; a second install must not happen)

    assert lighten_spacy_import() is False
