"""Reading input: paths → decoded text with a 1-based line map."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import InputError

#: Share of control characters above which a file is taken as binary.
_BINARY_CONTROL_SHARE = 0.05
#: Largest input read, in bytes (a whole year of a gazette is a few MB).
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: The path that means standard input, and the name its records get.
STDIN, STDIN_NAME = "-", "<stdin>"
#: File name endings a directory is searched for.
TEXT_SUFFIXES = (".txt", ".md")
#: Project files a directory search skips (``README.md`` next to the texts is not a gazette).
NOT_TEXTS = frozenset({"README", "CHANGELOG", "CHANGES", "LICENSE", "CONTRIBUTING"})


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
    warnings: list[str] = field(default_factory=list)

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


def decode(data: bytes, name: str = "<bytes>", warnings: list[str] | None = None) -> tuple[str, str]:
    """Decode gazette bytes: UTF-8 (with or without BOM), UTF-16 with BOM,
    else GB18030 (a superset of GBK and GB2312).

    Returns ``(text, encoding)`` with line endings normalised to ``\\n``; a form
    feed (page break) stays in its line, so line numbers stay those of the file
    and the text stage can read the page break. A
    UTF-8 text cut inside its last character loses that character, and a
    line saying so is appended to `warnings`.
    Raises InputError for empty, binary or undecodable data.

    >>> decode("第一行\\r\\n\\f第二行".encode())
    ('第一行\\n\\x0c第二行', 'utf-8')
    >>> notes = []
    >>> decode("公报".encode()[:-1], "x.txt", notes)
    ('公', 'utf-8')
    >>> notes
    ['x.txt: the last character is cut off (2 of its bytes at byte 3); it was dropped']
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _utf8(data[len(codecs.BOM_UTF8):], name, warnings, len(codecs.BOM_UTF8)), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: cannot decode as UTF-16 (byte {exc.start})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: looks like a binary file (NUL bytes), not gazette text")
        try:
            text, enc = _utf8(data, name, warnings), "utf-8"
        except InputError as utf8_error:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise utf8_error from None
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f") + sample.count("\ufffd")
    if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise InputError(f"{name}: looks like a binary file, not gazette text")
    # a form feed (page break) stays in its line, so line numbers keep to the file; the text stage reads it
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return text, enc


def _utf8(data: bytes, name: str, warnings: list[str] | None, offset: int = 0) -> str:
    """`data` as UTF-8; a character cut off at the very end is dropped with a warning.
    The InputError of other bad bytes names the first one (offset in the file and line)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            if warnings is not None:
                warnings.append(f"{name}: the last character is cut off ({len(data) - exc.start} of its bytes "
                                f"at byte {exc.start + offset}); it was dropped")
            return data[: exc.start].decode("utf-8")
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name}: cannot decode as UTF-8 (bad byte 0x{data[exc.start]:02x} at byte {exc.start + offset}, "
            f"line {line}) or as GB18030; is it a text file?"
        ) from None


def read_source(path: str | os.PathLike[str], name: str | None = None,
                max_bytes: int = MAX_INPUT_BYTES) -> Source:
    """Read and decode one file; `name` defaults to `path` as given; ``-`` reads standard input.

    Only regular files are read: a FIFO, socket or device is refused (it could
    block forever or never end; pipe it to ``-`` instead), and so is anything
    over `max_bytes`.
    """
    display = name if name is not None else os.fspath(path)
    if os.fspath(path) == STDIN:
        display = name if name is not None else STDIN_NAME
        return _source(_read_capped(sys.stdin.buffer, display, max_bytes), display)
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{display}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{display}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{display}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{display}: not a regular file (a FIFO, socket or device); "
                         f"to check a stream, pipe it in as `-`")
    if st.st_size > max_bytes:
        raise InputError(f"{display}: {st.st_size} bytes, more than the {max_bytes} this tool reads")
    try:
        with open(p, "rb") as fh:
            data = _read_capped(fh, display, max_bytes)
    except OSError as exc:
        raise InputError(f"{display}: cannot read: {exc.strerror or exc}") from None
    return _source(data, display)


def _read_capped(fh, display: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{display}: more than the {max_bytes} bytes this tool reads")
    return data


def _source(data: bytes, display: str) -> Source:
    warnings: list[str] = []
    text, enc = decode(data, display, warnings)
    return Source(name=display, text=text, encoding=enc, warnings=warnings)


def source_from_string(text: str, name: str = "<string>") -> Source:
    """A Source from text already in memory."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(name=name, text=text)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Yield files: each path as given, directories expanded to their ``*.txt``
    and ``*.md`` files (sorted, recursively; ``README.md`` and the like left out).
    Missing paths are yielded as given so the reader reports them."""
    for raw in paths:
        p = Path(raw)
        if os.fspath(raw) != STDIN and p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix.lower() in TEXT_SUFFIXES
                           and q.stem.upper() not in NOT_TEXTS and q.is_file())
            if not found:
                yield os.fspath(raw)  # reported as "no .txt files"
            for q in found:
                yield os.path.join(os.fspath(raw), os.path.relpath(q, p))
        else:
            yield os.fspath(raw)


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Source], list[InputError]]:
    """Read every file under `paths`; errors are collected, not raised.

    A file reached twice (``x.txt`` and ``./x.txt``, a directory and a file in
    it, a symlink and its target) is read once, under the first name.
    """
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for item in expand_paths(paths):
        key = item if item == STDIN else os.path.realpath(item)
        if key in seen:
            continue
        seen.add(key)
        if item != STDIN and Path(item).is_dir():
            errors.append(InputError(f"{item}: directory holds no .txt or .md files"))
            continue
        try:
            sources.append(read_source(item))
        except InputError as exc:
            errors.append(exc)
    return sources, errors


def input_realpaths(paths: Iterable[str | os.PathLike[str]]) -> set[str]:
    """Real paths of the existing files under `paths` (what an output must never replace)."""
    out = set()
    for item in expand_paths(paths):
        if item != STDIN and os.path.exists(item):
            out.add(os.path.realpath(item))
    return out
