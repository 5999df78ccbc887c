"""The words a notice carries a text with: ``现印发给你们``, ``现将《X》转发给你们`` (kind ``carry``,
role the verb; value: the 《titles》 named in the words)."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import col, pack, prose

#: The body's own words for carrying the text: 现印发给你们 / 现将《X》转发给你们.
_CARRY = re.compile(r"现(?:将[^。；]{0,160}?)?(?P<verb>印发|转发|批转)给你们")


@extractor("carrying", kinds=("carry",))
def carrying(doc: DocText) -> Iterator[Mention]:
    """The first ``现…印发给你们`` of each line."""
    for i, text, sq in prose(doc):
        if "给你们" in sq and (c := _CARRY.search(sq)):
            yield Mention(i, "carry", c["verb"], c.group(0), pack(titles=P.QUOTED_TITLE.findall(c.group(0))),
                          col(text, c.start()))
