"""Organ names in running text (kind ``organ``, role ``text``): ``市财政局``, ``某某市生态环境局``.

The names that begin with 市 or a city name (:func:`gazette_checks.organs.organs_in_text`), in
every line of the document, table rows included; ``text`` is the name as written, without spaces.
Names with a 区/县/旗 level prefix opening a phrase (``区发改局``) have role ``level_text``
(:func:`gazette_checks.organs.level_organs_in_text`).
The other ``organ`` rows (责任单位 lists, signatures, addressees) come from the parser itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..organs import level_organs_in_text, organs_in_text
from . import DocText, Mention, extractor
from .squashed import squashed


@extractor("organs", kinds=("organ",))
def organs(doc: DocText) -> Iterator[Mention]:
    """Every 市… organ name of the document's lines, and every 区…/县…/旗… one opening a phrase."""
    for i, line in doc.lines:
        city = "市" in line
        level = "区" in line or "县" in line or "旗" in line
        if not city and not level:
            continue
        sq = squashed(line)
        if city:
            for name, col in organs_in_text(sq.text):
                yield Mention(i, "organ", "text", name, None, sq.col(col))
        if level:
            for name, col in level_organs_in_text(sq.text):
                yield Mention(i, "organ", "level_text", name, None, sq.col(col))
