"""Helpers the extractors share: the prose lines of a document, squashed, and the way back.

Grammars written for squashed text (:func:`gazette_checks.patterns.squash`: no spaces,
no ``**``) run on :func:`prose`'s lines; :func:`col` (from :mod:`.squashed`, the one mapping) turns a
position in a squashed line into the column of the cleaned line, which the parser maps to the
original file.
What an extractor finds beyond (kind, role, text) goes in ``value`` as JSON (:func:`pack`).
"""

from __future__ import annotations

import json
from typing import Any

from .. import patterns as P
from . import DocText
from .squashed import col

__all__ = ["col", "pack", "prose", "squashed_lines"]

_LAST: list = [None, (), ()]  # the document last squashed, its lines, its prose lines


def squashed_lines(doc: DocText) -> tuple[tuple[int, str, str], ...]:
    """(index, cleaned text, squashed text) of each line of `doc`, tables included (squashed once
    per document, whichever extractor asks first)."""
    if _LAST[0] is not doc:
        rows = tuple((i, text, P.squash(text)) for i, text in doc.lines)
        _LAST[:] = [doc, rows, tuple(r for r in rows if r[0] not in doc.table_lines)]
    return _LAST[1]


def prose(doc: DocText) -> tuple[tuple[int, str, str], ...]:
    """(index, cleaned text, squashed text) of each line of `doc` that is not a table row."""
    squashed_lines(doc)
    return _LAST[2]


def pack(**values: Any) -> str:
    """`values` as the JSON a mention's ``value`` holds (read back with :func:`gazette_checks.checks.base.unpack`)."""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))
