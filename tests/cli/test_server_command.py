"""`replylint server` is registered and its help loads neither pygls nor spaCy."""

from __future__ import annotations

import subprocess
import sys


def test_the_server_command_is_listed_and_its_help_loads_no_pygls():
    code = (
        "import sys\nfrom replylint.cli import main\nsys.argv = ['replylint', 'server', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pygls', 'lsprotocol', 'spacy') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stderr.strip().splitlines()[-1] == "[]"
    assert "--stdio" in result.stdout
