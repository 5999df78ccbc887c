"""The titles a notice quotes on the line that carries its text (kind ``quoted_title``):
``现将《某市老旧小区改造实施方案》印发给你们`` — each 《title》 of the document's quoted line
(the ``quoted_line`` of its record) that is not followed by a 文号 (a citation) and is not a 简称."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor

_SHORT_NAME = re.compile(r"(?:以下|下)?简称\s*$")


def quoted_titles(line: str) -> list[str]:
    """Titles quoted on the notice line: 《…》 not followed by a 文号 and not a 简称."""
    return [t for _, t in _quoted(line)]


def _quoted(line: str) -> Iterator[tuple[int, str]]:
    for m in P.QUOTED_TITLE.finditer(line):
        before = line[max(0, m.start() - 8):m.start()]
        after = line[m.end():m.end() + 50]
        if _SHORT_NAME.search(before) or P.CITED_AFTER.search(after):
            continue
        yield m.start(), P.squash(m["title"])


@extractor("quotes", kinds=("quoted_title",))
def quotes(doc: DocText) -> Iterator[Mention]:
    """One ``quoted_title`` row per title quoted on the document's quoted line."""
    q = doc.fields.get("quoted_line")
    if not isinstance(q, int):
        return
    for i, text in doc.lines:
        if i == q - 1:
            for at, title in _quoted(text):
                if title:
                    yield Mention(i, "quoted_title", "carried", title, None, at)
            return
