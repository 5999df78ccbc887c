"""A line squashed as rules used to read it (:func:`gazette_checks.patterns.squash`), with the way back.

Grammars written for squashed text (no spaces, no ``**``/``__``) run on
:class:`Squashed`; :meth:`Squashed.col` turns a position in it into the column of the
cleaned line the extractor was given, which the parser maps to the original file.
"""

from __future__ import annotations

from functools import cached_property

import regex as re

#: What str.split() splits on (regex \s lacks the separators \x1c-\x1f).
_SPACE = re.compile(r"[\s\x1c-\x1f]")


class Squashed:
    """`line` squashed (`text`), and the way from a position in it back to a column of `line`
    (worked out only when a column is asked for)."""

    __slots__ = ("__dict__", "line", "text")

    def __init__(self, line: str) -> None:
        self.line = line
        self.text = "".join(line.replace("**", "").replace("__", "").split())

    @cached_property
    def _removed(self) -> list[int]:
        """The columns of `line` that squashing drops, in order."""
        line = self.line
        if "**" not in line and "__" not in line and "*_" not in line and "_*" not in line:
            return [m.start() for m in _SPACE.finditer(line)]
        kept = list(enumerate(line))
        for pair in ("**", "__"):  # as patterns.squash: str.replace of each pair in turn, then whitespace
            out, k = [], 0
            while k < len(kept):
                if kept[k][1] == pair[0] and k + 1 < len(kept) and kept[k + 1][1] == pair[1]:
                    k += 2
                    continue
                out.append(kept[k])
                k += 1
            kept = out
        keep = {c for c, ch in kept if not ch.isspace()}
        return [c for c in range(len(line)) if c not in keep]

    @property
    def cols(self) -> tuple[int, ...]:
        """For each character of `text`, its column in `line`."""
        return tuple(self.col(k) for k in range(len(self.text)))

    def col(self, k: int) -> int:
        """The column of `line` where position `k` of `text` stands (past the end: after the last)."""
        if k >= len(self.text):
            return self.col(len(self.text) - 1) + 1 if self.text else 0
        c = k
        for r in self._removed:
            if r <= c:
                c += 1
            else:
                break
        return c


def squashed(line: str) -> Squashed:
    """`line` without whitespace and ``**``/``__`` (exactly :func:`patterns.squash`), with columns.

    >>> s = squashed("自 2023年 3月")
    >>> s.text, s.col(s.text.find("3月"))
    ('自2023年3月', 8)
    """
    return Squashed(line)


def col(line: str, k: int) -> int:
    """The column of `line` where character `k` of ``squash(line)`` stands (past the end: after
    the last).

    >>> col("共 6部，**其中**", 4)
    7
    """
    return Squashed(line).col(k)
