"""--in-reply-to / --in-reply-to-text: the customer's message one draft answers, read and checked for `check`."""

from __future__ import annotations

from replylint.cli.options import _die
from replylint.inputs.drafts import InputError
from replylint.inputs.files import STDIN, check_size, decode, decode_argument, read_bytes

# A customer's message is a message, not an archive: this bounds what one flag can make the run hold.
MAX_MESSAGE_BYTES = 1_000_000


def in_reply_to(request, paths: list[str]) -> str | None:
    """The customer's message from the flags (None when neither is given); a usage error exits 2 naming why."""
    named, text = request.in_reply_to, request.in_reply_to_text
    if named is None and text is None:
        return None
    if named is not None and text is not None:
        raise _die("give the customer's message once: --in-reply-to FILE or --in-reply-to-text TEXT, not both")
    inputs = len(paths) + (request.text is not None)
    if inputs != 1:
        raise _die("--in-reply-to answers one draft: give one file, '-' or --text with it")
    if named == STDIN and STDIN in paths:
        raise _die("standard input cannot be both the draft and --in-reply-to: put one of them in a file")
    where = "--in-reply-to-text" if named is None else ("standard input" if named == STDIN else named)
    try:
        if text is not None:
            message = decode_argument(text, request.encoding, MAX_MESSAGE_BYTES)
        else:
            message = _read(named, request.encoding)
    except InputError as exc:
        raise _die(f"{where}: {exc}") from None
    if not message.strip():
        raise _die(f"{where}: the customer's message is empty")
    return message


def _read(named: str | None, encoding: str | None) -> str:
    """The message file or standard input, decoded as the drafts are (--encoding applies to both)."""
    from replylint.run.group import read_stdin

    if named == STDIN:
        return decode(check_size(read_stdin(MAX_MESSAGE_BYTES + 1), MAX_MESSAGE_BYTES, bounded=True), encoding)
    return decode(read_bytes(named or "", MAX_MESSAGE_BYTES), encoding)
