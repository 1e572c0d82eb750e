"""What a check run read and left out, on stderr: the skipped files with --verbose, and the summary line."""

from __future__ import annotations

import typer


def print_read(outcome, name: str, *, verbose: bool, quiet: bool = False) -> None:
    """On stderr: each skipped file with --verbose; unreadable files and the summary where the report lacks them."""
    from replylint.reporters.notes import summary
    from replylint.reporters.terminal import located_error, one_line, shown_path

    if verbose:
        for skip in outcome.report.skipped:
            typer.echo(f"replylint: skipped {shown_path(skip.path)}: {one_line(skip.reason)}", err=True)
    human = name in ("pretty", "text")
    if not human or quiet:
        # Human formats show unreadable files, except under --quiet; machine formats bury them in the document.
        for failed in outcome.report.errors:
            where, what = located_error(failed.path, failed.error)
            typer.echo(f"replylint: error: {shown_path(where)}: {what}", err=True)
    if name != "pretty" and not (quiet and human):
        # Pretty output (and --quiet text) ends with this line; elsewhere stdout stays one line per finding or
        # one document.
        typer.echo(f"replylint: {summary(outcome.report).plain}", err=True)


def progress_for(request):
    """A bar on stderr for people at a terminal: never with --quiet, for machine formats or when piped."""
    import sys

    if request.quiet or request.output_format.value not in ("auto", "pretty", "text") or not sys.stderr.isatty():
        return None
    from replylint.reporters.progress import ProgressBar

    return ProgressBar()
