"""The one door for packs: read a file safely, answer from the pack cache or parse and validate it."""

from __future__ import annotations

import stat
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.packs import yamlnodes
from replylint.packs.records import MAX_PACK_BYTES, Pack, PackError, Rule

if TYPE_CHECKING:
    from replylint.packs.yamlnodes import Located


def shipped_pack_paths() -> list[Path]:
    """The YAML packs installed with replylint, in name order."""
    folder = resources.files("replylint.rules")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_packs(paths: list[Path]) -> list[Pack]:
    """Load several packs; rule ids must be unique across them."""
    packs = [load_pack(p) for p in paths]
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            for name in (rule.qualified_id, *(f"{rule.pack}.{a}" for a in rule.aliases)):
                if name in seen:
                    raise PackError(
                        rule.source,
                        rule.line,
                        f"duplicate rule id {name!r} (also in {seen[name].source}:{seen[name].line})",
                    )
                seen[name] = rule
    return packs


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file."""
    where = str(path)
    try:
        data = read_pack_bytes(path)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(where, 1, f"not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise PackError(where, 1, f"cannot read pack: {exc.strerror or exc}") from None
    from replylint.packs import cache as packcache

    cached = packcache.get(data, where)
    if cached is not None:
        return cached
    try:
        root = yamlnodes.load(text)
    except yamlnodes.YamlError as exc:
        raise PackError(where, exc.line, f"YAML error: {exc.message}") from None
    pack = parse_pack(root, where)
    packcache.put(data, pack)
    return pack


def read_pack_bytes(path: Path) -> bytes:
    """A pack file's bytes: regular files only (a FIFO would hang, /dev/zero fill memory), at most 5 MB.

    Raises PackError, and OSError for the caller to word.
    """
    where = str(path)
    if not stat.S_ISREG(path.stat().st_mode):
        raise PackError(where, 1, "a pack must be a regular file (not a device, FIFO or folder)")
    with path.open("rb") as stream:
        data = stream.read(MAX_PACK_BYTES + 1)  # bounded even if the file grows after stat()
    if len(data) > MAX_PACK_BYTES:
        raise PackError(where, 1, f"pack is larger than {MAX_PACK_BYTES // 1_000_000} MB")
    return data


def parse_pack(root: Located | None, where: str) -> Pack:
    """Validate a loaded YAML document as a pack."""
    # Imported here: schema builds these records, so it imports this module.
    from replylint.packs.schema import parse

    return parse(root, where)
