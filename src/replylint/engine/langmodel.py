"""py3langid's model cut to the languages replylint asks about, kept in the user cache and memory-mapped from there.

py3langid ships its model compressed: every process that needs it spends about 0.6 s CPU decompressing it and
holds a transient 100 MB (the 40 MB state table twice, the 97-language feature table), though replylint keeps only
29 languages. The first load writes the part replylint uses, uncompressed and signed with the user's cache key;
later loads verify it and map it, so a process pays only for the pages its drafts walk through.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.storage import atomic_write, signing_key, user_cache_dir

if TYPE_CHECKING:
    from collections.abc import Sequence

_CHUNK = 1 << 20


def load(languages: Sequence[str]) -> Any:
    """A py3langid LanguageIdentifier restricted to `languages`: from the signed cache, else built and cached."""
    paths = _paths(languages)
    key = signing_key()
    if paths is not None and key is not None:
        with contextlib.suppress(OSError, ValueError, KeyError):
            cached = _from_cache(*paths, key, languages)
            if cached is not None:
                return cached
    identifier = _from_package(languages)
    if paths is not None and key is not None:
        with contextlib.suppress(OSError):
            _store(identifier, *paths, key)
    return identifier


def _paths(languages: Sequence[str]) -> tuple[Path, Path, Path] | None:
    folder = user_cache_dir()
    if folder is None:
        return None
    from importlib.metadata import version

    # A new py3langid release (a retrained model) or another language list is another file.
    digest = hashlib.sha256(f"{version('py3langid')}\0{','.join(languages)}".encode()).hexdigest()[:16]
    # The state table is its own .npy file, since only a plain .npy can be memory-mapped (an .npz member is read).
    tables = folder / f"langid-{digest}.npz"
    return tables, tables.with_suffix(".npy"), tables.with_suffix(".sig")


def _from_package(languages: Sequence[str]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    # The identifier keeps the model of all 97 languages (about 20 MB) to allow set_languages again; replylint
    # never does, so only the asked languages' part is kept. Older releases without the attribute are left alone.
    if hasattr(identifier, "_full_model"):
        identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    return identifier


def _from_cache(tables: Path, states: Path, signature: Path, key: bytes, languages: Sequence[str]) -> Any:
    """The identifier mapped from the cached model, or None when a file is missing, altered or another model's."""
    if not (tables.is_file() and states.is_file()):
        return None
    if not hmac.compare_digest(_files_mac((tables, states), key), signature.read_text(encoding="ascii")):
        return None
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    with np.load(tables, allow_pickle=False) as data:
        classes = [str(code) for code in data["classes"]]
        if sorted(classes) != sorted(languages):
            return None
        ptc, pc, row, output = (np.asarray(data[name]) for name in ("ptc", "pc", "row", "output"))
    return LanguageIdentifier(
        ptc,
        pc,
        classes,
        np.load(states, mmap_mode="r", allow_pickle=False),  # only the pages of the states a draft visits are read
        output.tolist(),
        norm_probs=True,
        tk_row=row.tolist(),
    )


def _store(identifier: Any, tables: Path, states: Path, signature: Path, key: bytes) -> None:
    import numpy as np

    small, table = io.BytesIO(), io.BytesIO()
    np.savez(
        small,
        ptc=np.ascontiguousarray(identifier.nb_ptc),
        pc=np.asarray(identifier.nb_pc),
        classes=np.asarray(identifier.nb_classes),
        row=np.asarray(identifier.tk_row, dtype=np.uint32),
        output=np.asarray(identifier.tk_output, dtype=np.int32),
    )
    np.save(table, np.asarray(identifier.tk_nextmove, dtype=np.uint32))
    tables.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(tables, small.getvalue(), mode=0o600)
    atomic_write(states, table.getvalue(), mode=0o600)
    atomic_write(signature, _files_mac((tables, states), key), mode=0o600)


def _files_mac(paths: Sequence[Path], key: bytes) -> str:
    """The HMAC of the files' bytes one after the other, read in chunks, never held whole."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for path in paths:
        mac.update(f"{path.name}\0".encode())
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                mac.update(chunk)
    return mac.hexdigest()
