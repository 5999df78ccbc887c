"""Record tables as row dicts, built once per records and shared by the rules that read them.

:func:`table_rows` gives a whole table; :func:`mention_rows` the ``mentions`` of one kind.
:meth:`RuleContext.mentions <gazette_checks.checks.base.RuleContext.mentions>` gives the mentions of
the checked documents, each with its document row. These helpers give every row of the table (a
mention outside any document too), as :func:`~gazette_checks.records.row_dicts` gives them, in the
order a rule that filtered and sorted the table itself would see them. The rows are shared: read
them, do not change them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..records import row_dicts

if TYPE_CHECKING:
    from .base import RuleContext


def is_missing(value: Any) -> bool:
    """``pd.isna`` of one row value (None, NaN, pd.NA), without the call for the usual str or int."""
    return value is None or not isinstance(value, (str, int)) and pd.isna(value)


def table_rows(ctx: RuleContext, name: str) -> list[dict]:
    """``row_dicts`` of record table `name` (``documents``, ``issues``...), in table order."""
    return ctx.shared(("table_rows", name), lambda: row_dicts(getattr(ctx.records, name)))


def mention_rows(ctx: RuleContext, kind: str) -> list[dict]:
    """The rows of kind `kind`, in table order: ``row_dicts(m[m["kind"] == kind])``."""
    return [row for _, row in _by_kind(ctx).get(kind, [])]


def sorted_mention_rows(ctx: RuleContext, *kinds: str) -> list[dict]:
    """The rows of `kinds` in file, line and column order (a missing column last, ties in table
    order): ``row_dicts(m[m["kind"].isin(kinds)].sort_values(["file", "line", "col"]))``."""
    by_kind = _by_kind(ctx)
    rows = [x for kind in dict.fromkeys(kinds) for x in by_kind.get(kind, [])]
    rows.sort(key=_file_line_col)
    return [row for _, row in rows]


def _file_line_col(x: tuple[int, dict]) -> tuple:
    pos, row = x
    col = row["col"]
    return row["file"], row["line"], col is None, col or 0, pos


def _by_kind(ctx: RuleContext) -> dict[str, list[tuple[int, dict]]]:
    """kind → (position in the table, row) of each row of that kind, in table order."""
    def build() -> dict[str, list[tuple[int, dict]]]:
        out: dict[str, list[tuple[int, dict]]] = {}
        m = ctx.records.mentions
        if len(m):
            for pos, row in enumerate(row_dicts(m)):
                out.setdefault(row["kind"], []).append((pos, row))
        return out

    return ctx.shared(("mention_rows_by_kind",), build)
