"""Extractors: what the parser reads inside one document's text, as `mentions` rows.

Each extractor is a small function registered with :func:`extractor`. The
parser calls every registered extractor once per document with a
:class:`DocText` (the document's cleaned lines) and adds what it yields to the
`mentions` table, with the file, the document and the original line filled in.
A rule that needs something new from the text gets it here, as a new mention
``kind``: rules read records, never lines.

Every yielded row is a :class:`Mention`; ``line`` is the 0-based index of a
cleaned line (``DocText.lines``), ``col`` the column in that line's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple


class Mention(NamedTuple):
    """One thing found in a document's text (becomes a `mentions` row)."""

    line: int
    kind: str
    role: str | None
    text: str
    value: str | None = None
    col: int = 0


@dataclass(frozen=True)
class DocText:
    """The cleaned text of one document, as extractors see it.

    `lines` holds (index, text) for each non-blank cleaned line of the document
    from its first heading line to its last line; `text` has markup stripped.
    `fields` is the document's row (title, doc_type, date, date_line...).
    `table_lines` are the indices of table rows.
    """

    file: str
    doc_id: str
    lines: tuple[tuple[int, str], ...]
    fields: Mapping[str, Any]
    table_lines: frozenset[int] = frozenset()


Extract = Callable[[DocText], Iterable[Mention]]

#: Registered extractors, in the order they run.
EXTRACTORS: dict[str, Extract] = {}
#: The mention kinds each extractor yields (each must be listed in ``contract.MENTION_KINDS``).
KINDS: dict[str, frozenset[str]] = {}


def extractor(name: str, *, kinds: Iterable[str]) -> Callable[[Extract], Extract]:
    """Register the decorated function as extractor `name`, yielding mentions of `kinds`.

    A kind must also be declared in the record contract (``contract.MENTION_KINDS``),
    which the schema checks; ``tests/test_extract.py`` holds the two lists together.
    """
    declared = frozenset(kinds)
    if not declared:
        raise ValueError(f"extractor {name!r} declares no mention kinds")

    def wrap(func: Extract) -> Extract:
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} registered twice")
        EXTRACTORS[name] = func
        KINDS[name] = declared
        return func

    return wrap


def registered() -> dict[str, Extract]:
    """Every extractor, loaded."""
    _load()
    return dict(EXTRACTORS)


def extract_all(doc: DocText) -> Iterator[Mention]:
    """Everything every registered extractor finds in `doc`."""
    _load()
    for func in EXTRACTORS.values():
        yield from func(doc)


_LOADED = False


def _load() -> None:
    """Import the extractor modules (each registers itself). One import line per module."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    # Extractor modules are imported here (each registers itself).
    from . import (  # noqa: F401
        aliases,
        appointments,
        attachments,
        carrying,
        deadlines,
        effective,
        enumerations,
        lists,
        organs,
        places,
        quotes,
        references,
        renames,
        shares,
        table_counts,
        tenure,
        textmarks,
        totals,
        validity,
    )
