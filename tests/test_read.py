"""Reading input: encodings, line endings, bad files."""

from __future__ import annotations

import codecs

import pytest

from gazette_checks.exceptions import InputError
from gazette_checks.read import decode, read_paths, read_source

TEXT = "某市人民政府公报\n\n第1期 总第1期\n\n2024年1月31日\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "gb18030", "gbk", "utf16-bom"],
)
def test_decodings_give_the_same_lines(data):
    text, _ = decode(data, "x.txt")
    assert text.split("\n") == TEXT.split("\n")


def test_gb18030_is_reported_as_such(tmp_path):
    p = tmp_path / "g.txt"
    p.write_bytes(TEXT.encode("gb18030"))
    assert read_source(p).encoding == "gb18030"


@pytest.mark.parametrize(
    "data, message",
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
     (bytes(range(1, 32)) * 40, "binary")],
)
def test_bad_bytes(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, "bad.txt")


def test_read_paths_collects_errors_and_keeps_going(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources, errors = read_paths([str(good), str(empty), str(tmp_path / "missing.txt")])
    assert [s.name for s in sources] == [str(good)]
    assert len(errors) == 2
    assert all("\n" not in str(e) for e in errors)


def test_directory_expands_to_txt_and_md_files(tmp_path):
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Texts of 某市", encoding="utf-8")
    (tmp_path / "note.html").write_text("x", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    sources, errors = read_paths([str(tmp_path)])
    assert [s.name.rsplit("/", 1)[-1] for s in sources] == ["a.txt", "b.txt", "c.md"] and not errors


def test_line_map_is_one_based_with_crlf(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes("第一行\r\n第二行\r\n".encode())
    src = read_source(p)
    assert src.line(1) == "第一行" and src.line(2) == "第二行" and src.line(99) == ""


def test_input_file_is_not_modified(tmp_path):
    p = tmp_path / "k.txt"
    data = codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8")
    p.write_bytes(data)
    read_source(p)
    assert p.read_bytes() == data
