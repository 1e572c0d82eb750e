"""Run replylint as `python -m replylint`."""

from __future__ import annotations

from replylint.cli import main

if __name__ == "__main__":
    main()
