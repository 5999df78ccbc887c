"""Cleaned lines that remember where each character came from.

A :class:`Line` is text plus a list of segments ``(start, line, col)``: the
characters from ``start`` up to the next segment's start were copied from the
original file beginning at 1-based ``line``, 0-based ``col``. Cleaning steps
slice, join and edit lines; the segments follow, so every record and finding
can point back at the original (as eyecite's ``SpanUpdater`` does for spans).

>>> a = Line.original("某市人民政府  2024年5月10日", 7)
>>> organ, date = a.slice(0, 6), a.slice(8)
>>> date.text, date.origin(0)
('2024年5月10日', (7, 8))
>>> joined = Line.original("有关单", 3).join(Line.original("位和个人", 4))
>>> joined.text, joined.origin(3), joined.last_line
('有关单位和个人', (4, 0), 4)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

Segment = tuple[int, int, int]  # (start in text, original line (1-based), original column (0-based))


@dataclass(slots=True)
class Line:
    """One cleaned line and the map of its characters back to the original."""

    text: str
    segs: list[Segment]

    @classmethod
    def original(cls, text: str, line: int, col: int = 0) -> Line:
        """Original line `line` (1-based), unchanged."""
        return cls(text, [(0, line, col)])

    # ------------------------------------------------------------ positions
    @property
    def first_line(self) -> int:
        """Original line of the first character."""
        return self.segs[0][1]

    @property
    def last_line(self) -> int:
        """Original line of the last character."""
        return self.origin(max(0, len(self.text) - 1))[0]

    @property
    def lines(self) -> list[int]:
        """Every original line this line draws on, in order."""
        return list(dict.fromkeys(s[1] for s in self.segs))

    def origin(self, col: int) -> tuple[int, int]:
        """Original ``(line, col)`` of character `col` of this line."""
        k = bisect_right(self.segs, (col, 1 << 60, 0)) - 1
        start, line, ocol = self.segs[max(k, 0)]
        return line, ocol + max(0, col - start)

    # ------------------------------------------------------------- editing
    def slice(self, start: int, end: int | None = None) -> Line:
        """Characters ``start:end`` with their origins."""
        n = len(self.text)
        end = n if end is None else max(start, min(end, n))
        start = max(0, min(start, n))
        line, col = self.origin(start)
        segs: list[Segment] = [(0, line, col)]
        for s, ln, c in self.segs:
            if start < s < end:
                segs.append((s - start, ln, c))
        return Line(self.text[start:end], segs)

    def join(self, other: Line, sep: str = "") -> Line:
        """This line, `sep`, then `other` (the separator maps to this line's end)."""
        if not self.text and not sep:
            return Line(other.text, list(other.segs))
        base = len(self.text) + len(sep)
        segs = list(self.segs)
        if other.text or not self.text:
            segs.extend((s + base, ln, c) for s, ln, c in other.segs)
        return Line(self.text + sep + other.text, segs)

    def delete(self, start: int, end: int) -> Line:
        """This line without characters ``start:end``."""
        return self.slice(0, start).join(self.slice(end))

    def strip(self, chars: str | None = None) -> Line:
        """Leading and trailing `chars` (default white space) removed."""
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        if left == 0 and right == len(self.text):
            return self
        return self.slice(left, max(left, right))

    def __len__(self) -> int:
        return len(self.text)
