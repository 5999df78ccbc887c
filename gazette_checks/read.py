"""Reading input: paths → decoded text with a 1-based line map."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import InputError

#: Share of control characters above which a file is taken as binary.
_BINARY_CONTROL_SHARE = 0.05


@dataclass
class Source:
    """One decoded input file.

    `name` is the path as the user gave it (the ``file`` of every record);
    `lines[i]` is line ``i + 1`` of the original, without its line ending.
    """

    name: str
    text: str
    encoding: str = "utf-8"
    lines: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = self.text.split("\n")

    def line(self, number: int) -> str:
        """Text of 1-based line `number` ('' when out of range)."""
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    @property
    def size(self) -> int:
        """Length of the text in UTF-8 bytes."""
        return len(self.text.encode("utf-8"))


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode gazette bytes: UTF-8 (with or without BOM), UTF-16 with BOM,
    else GB18030 (a superset of GBK and GB2312).

    Returns ``(text, encoding)`` with line endings normalised to ``\\n``.
    Raises InputError for empty, binary or undecodable data.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: looks like a binary file (NUL bytes), not gazette text")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: cannot decode as UTF-8 or GB18030 (byte {exc.start}); is it a text file?"
                ) from None
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f") + sample.count("\ufffd")
    if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise InputError(f"{name}: looks like a binary file, not gazette text")
    # a form feed (page break) stays in its line, so line numbers keep to the file; the text stage reads it
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text, enc


def read_source(path: str | os.PathLike[str], name: str | None = None) -> Source:
    """Read and decode one file; `name` defaults to `path` as given."""
    display = name if name is not None else os.fspath(path)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{display}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{display}: is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{display}: cannot read: {exc.strerror or exc}") from None
    text, enc = decode(data, display)
    return Source(name=display, text=text, encoding=enc)


def source_from_string(text: str, name: str = "<string>") -> Source:
    """A Source from text already in memory."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(name=name, text=text)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Yield files: each path as given, directories expanded to their ``*.txt``
    files (sorted, recursively). Missing paths are yielded as given so the
    reader reports them."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.txt") if q.is_file())
            if not found:
                yield os.fspath(raw)  # reported as "no .txt files"
            for q in found:
                yield os.path.join(os.fspath(raw), os.path.relpath(q, p))
        else:
            yield os.fspath(raw)


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Source], list[InputError]]:
    """Read every file under `paths`; errors are collected, not raised."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for item in expand_paths(paths):
        if Path(item).is_dir():
            errors.append(InputError(f"{item}: directory holds no .txt files"))
            continue
        try:
            sources.append(read_source(item))
        except InputError as exc:
            errors.append(exc)
    return sources, errors
