"""Record rows several rules read, built once per records: tables as row dicts, mentions in text order.

:meth:`Records.rows <gazette_checks.records.Records.rows>` and :meth:`Records.mention_rows
<gazette_checks.records.Records.mention_rows>` give rows as named tuples (Int64 values as numpy
ints, pd.NA where missing). :func:`table_rows` gives the row dicts of
:func:`~gazette_checks.records.row_dicts` (None where an int is missing), for rules written
against dicts. The rows are shared: read them, do not change them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import is_missing, row_dicts, text_order

if TYPE_CHECKING:
    from .base import RuleContext

__all__ = ["is_missing", "sorted_mention_rows", "table_rows"]


def table_rows(ctx: RuleContext, name: str) -> list[dict]:
    """``row_dicts`` of record table `name` (``documents``, ``outline``...), in table order."""
    return ctx.shared(("table_rows", name), lambda: row_dicts(getattr(ctx.records, name)))


def sorted_mention_rows(ctx: RuleContext, *kinds: str) -> list[tuple]:
    """The ``mentions`` rows of `kinds` (named tuples) in file, line and column order, a missing
    column last and ties in table order: what ``m[m["kind"].isin(kinds)].sort_values(["file",
    "line", "col"])`` gave."""
    if len(kinds) == 1:
        rows = ctx.records.mention_rows(kinds[0])
    else:
        rows = [r for r in ctx.records.rows("mentions") if r.kind in kinds]
    return sorted(rows, key=text_order)
