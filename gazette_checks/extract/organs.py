"""Organ names in running text (kind ``organ``, role ``text``): ``市财政局``, ``某某市生态环境局``.

The names that begin with 市 or a city name (:func:`gazette_checks.organs.organs_in_text`), in
every line of the document, table rows included; ``text`` is the name as written, without spaces.
The other ``organ`` rows (责任单位 lists, signatures, addressees) come from the parser itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..organs import organs_in_text
from . import DocText, Mention, extractor
from .squashed import squashed


@extractor("organs", kinds=("organ",))
def organs(doc: DocText) -> Iterator[Mention]:
    """Every 市… organ name of the document's lines."""
    for i, line in doc.lines:
        if "市" not in line:
            continue
        sq = squashed(line)
        for name, col in organs_in_text(sq.text):
            yield Mention(i, "organ", "text", name, None, sq.col(col))
