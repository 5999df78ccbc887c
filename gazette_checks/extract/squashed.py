"""A line squashed as rules used to read it (:func:`gazette_checks.patterns.squash`), with the way back.

Grammars written for squashed text (no spaces, no ``**``/``__``) run on
:class:`Squashed`; :meth:`Squashed.col` turns a position in it into the column of the
cleaned line the extractor was given, which the parser maps to the original file.
"""

from __future__ import annotations

from functools import cached_property


class Squashed:
    """`line` squashed (`text`), and for each of its characters the column it came from (computed
    only when a column is asked for)."""

    __slots__ = ("__dict__", "line", "text")

    def __init__(self, line: str) -> None:
        self.line = line
        self.text = "".join(line.replace("**", "").replace("__", "").split())

    @cached_property
    def cols(self) -> tuple[int, ...]:
        kept = list(enumerate(self.line))
        for pair in ("**", "__"):  # as patterns.squash: str.replace of each pair in turn, then whitespace
            if pair not in "".join(ch for _, ch in kept):
                continue
            out, k = [], 0
            while k < len(kept):
                if kept[k][1] == pair[0] and k + 1 < len(kept) and kept[k + 1][1] == pair[1]:
                    k += 2
                    continue
                out.append(kept[k])
                k += 1
            kept = out
        return tuple(c for c, ch in kept if not ch.isspace())

    def col(self, k: int) -> int:
        """The column of the source line where squashed position `k` stands."""
        cols = self.cols
        if not cols:
            return 0
        return cols[k] if k < len(cols) else cols[-1] + 1


def squashed(line: str) -> Squashed:
    """`line` without whitespace and ``**``/``__`` (exactly :func:`patterns.squash`), with columns.

    >>> s = squashed("自 2023年 3月")
    >>> s.text, s.col(s.text.find("3月"))
    ('自2023年3月', 8)
    """
    return Squashed(line)
