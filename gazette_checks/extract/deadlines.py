"""Deadline phrases (完成时限) in a document's text and table rows (kind ``deadline``).

One grammar for every deadline: :func:`gazette_checks.deadline_parse.find_phrases`. Each
phrase becomes a row with ``role`` ``text`` or ``table``, ``text`` the phrase without spaces and
``value`` what the text says of it (:func:`encode`): the phrase's own or its context's year,
month and day, whether it describes the past, and where it stands (the paragraph, the
sentence in it, inside brackets or not). The 成文日期 fills in a missing year only when a rule
reads the row (:func:`decode`, then :func:`gazette_checks.deadline_parse.resolve` with the
rule's ``rollover_days``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex as re

from ..deadline_parse import Phrase, find_phrases
from ..patterns import squash
from . import DocText, Mention, extractor

_SENTENCE = re.compile(r"[^。；;！？]+[。；;！？]?")


class Found(NamedTuple):
    """A ``deadline`` row read back: the phrase, its paragraph and sentence, and whether it stands
    in brackets (``（6月1日-6月30日）``, how a work plan dates its phases)."""

    phrase: Phrase
    para: int  # the paragraph (cleaned line) of the file, 0-based
    sentence: int  # the sentence in the paragraph (0 for a table row)
    bracketed: bool


def encode(p: Phrase, para: int, sentence: int, bracketed: bool) -> str:
    """The ``value`` of a ``deadline`` row."""
    return f"{p.value()};para={para};sentence={sentence}" + (";bracketed" if bracketed else "")


def decode(text: str, value: str) -> Found:
    """A ``deadline`` row's `text` and `value` read back (see :func:`encode`)."""
    keep, para, sentence, bracketed = [], 0, 0, False
    for part in value.split(";"):
        if part.startswith("para="):
            para = int(part[5:])
        elif part.startswith("sentence="):
            sentence = int(part[9:])
        elif part == "bracketed":
            bracketed = True
        else:
            keep.append(part)
    return Found(Phrase.from_value(text, ";".join(keep)), para, sentence, bracketed)


@extractor("deadlines", kinds=("deadline",))
def deadlines(doc: DocText) -> Iterator[Mention]:
    """Every deadline phrase of the document, with the sentence it stands in."""
    for i, line in doc.lines:
        phrases = find_phrases(line)
        if not phrases:
            continue
        table = i in doc.table_lines
        if table:
            for p in phrases:
                yield Mention(i, "deadline", "table", p.text, encode(p, i, 0, False), p.start)
            continue
        ends = [m.end() for m in _SENTENCE.finditer(line)]
        sq = squash(line)
        k = 0
        for p in phrases:
            while k < len(ends) - 1 and p.start >= ends[k]:
                k += 1
            bracketed = re.search(r"[（(][^（()）]*" + re.escape(p.text[:3]), sq) is not None
            yield Mention(i, "deadline", "text", p.text, encode(p, i, k, bracketed), p.start)
