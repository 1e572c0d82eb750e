"""The one way replylint writes a file (atomic replace), and the per-user key that signs what it caches."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path

KEY_NAME = "cache-key"
_KEY_BYTES = 32


def atomic_write(
    target: Path,
    data: bytes | str,
    *,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write via a temporary file in the same folder, fsync, then rename: readers never see half a file.

    `mode` sets the permissions (default: the process umask's), `owner` the (uid, gid) where this process may;
    `before_replace` runs right before the rename and may raise to abandon the write (the target is untouched).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".replylint")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        if owner is not None and (os.geteuid() == 0 or owner[0] == os.geteuid()):
            with contextlib.suppress(OSError):
                os.chown(temporary, *owner)  # a group this user is not in stays as it is
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def user_cache_dir() -> Path | None:
    """$REPLYLINT_CACHE_HOME, else $XDG_CACHE_HOME/replylint, else ~/.cache/replylint; None to disable."""
    if os.environ.get("REPLYLINT_NO_PACK_CACHE"):
        return None
    base = os.environ.get("REPLYLINT_CACHE_HOME")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "replylint" if xdg else Path.home() / ".cache" / "replylint"


def signing_key() -> bytes | None:
    """This user's secret for signing cache entries, made on first use (0600); None when it cannot be kept.

    It lives in the user's cache folder, never in a working tree, so a cache committed to a repository (or
    crafted by anyone else) does not verify and is never trusted.
    """
    folder = user_cache_dir()
    if folder is None:
        return None
    path = folder / KEY_NAME
    with contextlib.suppress(OSError):
        key = path.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process made it first (or it is damaged): use theirs if it is whole.
        with contextlib.suppress(OSError):
            key = path.read_bytes()
            return key if len(key) == _KEY_BYTES else None
        return None
    except OSError:
        return None
    key = secrets.token_bytes(_KEY_BYTES)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(key)
    return key


def sign(key: bytes, payload: bytes) -> str:
    """The HMAC-SHA256 of a payload, hex."""
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def verified(key: bytes, payload: bytes, mac: object) -> bool:
    """Whether `mac` is the payload's signature under this key (constant-time)."""
    return isinstance(mac, str) and hmac.compare_digest(sign(key, payload), mac)
