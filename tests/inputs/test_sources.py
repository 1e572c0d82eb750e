"""Reading inputs: discovery, decoding, bad files, quoted text and line/column mapping."""

from __future__ import annotations

import os

import pytest

from replylint.inputs.drafts import InputError, Source, quoted_spans
from replylint.inputs.files import decode, discover, read_draft_file


def test_directories_expand_to_sorted_draft_and_collection_files_skipping_hidden(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "notes.csv").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.markdown").write_text("c")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("d")
    found = discover([str(tmp_path)])
    assert [os.path.relpath(f, tmp_path) for f in found.files] == [
        "a.md",
        "b.txt",
        "notes.csv",
        os.path.join("sub", "c.markdown"),
    ]
    assert found.errors == []
    assert [(os.path.relpath(s.path, tmp_path), s.reason) for s in found.skipped] == [
        (".git", "default exclude: version-control folder")
    ]


def test_missing_paths_and_empty_directories_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    found = discover([str(tmp_path / "nope.txt"), str(tmp_path / "empty")])
    assert found.files == []
    assert found.errors == [
        (str(tmp_path / "nope.txt"), "no such file or directory"),
        (
            str(tmp_path / "empty"),
            "no drafts found (looked for .txt, .md, .markdown, .text, .html, .htm, .json, .json5, .jsonl, .ndjson, .yaml, .yml, .csv, "
            ".js, .mjs, .cjs, .jsonp files)",
        ),
    ]


def test_symlink_loops_do_not_hang_the_walk(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "loop").symlink_to(tmp_path)
    found = discover([str(tmp_path)])
    assert found.files == [str(tmp_path / "a.txt")]
    assert [s.path for s in found.skipped] == [str(tmp_path / "loop") + "/"]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfHello", "Hello"),
        ("Héllo".encode("utf-16"), "Héllo"),
        ("Héllo".encode("utf-16-be").join([b"\xfe\xff", b""]), "Héllo"),
        (b"", ""),
    ],
)
def test_boms_are_honoured(data, text):
    assert decode(data) == text


def test_invalid_utf8_reports_the_byte_offset():
    with pytest.raises(InputError, match=r"not valid UTF-8 at byte 3 \(use --encoding"):
        decode(b"abc\xff")
    assert decode(b"caf\xe9", "latin-1") == "café"


def test_binary_files_are_refused():
    with pytest.raises(InputError, match="binary file"):
        decode(b"PK\x03\x04\x00\x00")


def test_fifos_are_not_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_draft_file(str(fifo))


def test_huge_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("replylint.inputs.files.MAX_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("x" * 11)
    with pytest.raises(InputError, match="11 bytes, over the 10-byte limit"):
        read_draft_file(str(big))


def test_quoted_lines_and_wrote_blocks_are_spans():
    text = "Hi\n> their words\nOurs\nOn Tue, Bo <b@c.d> wrote:\nold\n"
    assert [text[a:b] for a, b in quoted_spans(text)] == ["> their words", "On Tue, Bo <b@c.d> wrote:\nold\n"]


def test_outlook_separator_starts_a_quote():
    text = "Ours\n-----Original Message-----\nTheirs"
    assert [text[a:b] for a, b in quoted_spans(text)] == ["-----Original Message-----\nTheirs"]


@pytest.mark.parametrize(
    ("text", "offset", "where"),
    [
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 5, (2, 2)),
        ("ab\rcd", 4, (2, 2)),
        ("a😀b", 2, (1, 3)),
        ("x\n\ny", 3, (3, 1)),
    ],
)
def test_offsets_map_to_lines_and_columns(text, offset, where):
    assert Source("f", text).locate(offset) == where


def test_rule_prefixes_match_whole_dotted_segments():
    from replylint.findings import under

    assert [
        under("blame.customer-fault", p)
        for p in ("blame", "blame.", "blame.customer-fault", "bla", "blame.customer", "snark")
    ] == [True, True, True, False, False, False]
