"""Tables as grids: the cells of one table by row, each row in column order."""

from __future__ import annotations

import pandas as pd
import regex as re

from ..records import na_last, row_dicts
from .shared_rows import is_missing

#: A cell that labels a total row or column (合计, 小计, 全市合计, 总计（万元）…).
TOTAL_LABEL = re.compile(r"^(?:全市|全区|全县|总)?(?:合计|总计|小计|总数|共计|总量|累计)(?:[（(].{0,10}[)）])?$")

#: The header of a 序号 column.
SERIAL_HEAD = re.compile(r"^(?:序号|序|编号|No\.?)$", re.IGNORECASE)


def grid_of(cells: list[dict]) -> dict[int, list[dict]]:
    """Cells (in table order) by row, each row sorted by column (a stable sort, like ``sort_values(["row", "col"])``)."""
    rows: dict[int, list[dict]] = {}
    for r in sorted(cells, key=lambda r: (na_last(r["row"]), na_last(r["col"]))):
        rows.setdefault(int(r["row"]), []).append(r)
    return rows


def tables_by_id(t: pd.DataFrame) -> dict:
    """table_id → its cells as dicts in frame order (one ``to_dict`` for the whole frame)."""
    out: dict = {}
    for r in row_dicts(t):
        if is_missing(r["table_id"]):
            continue
        out.setdefault(r["table_id"], []).append(r)
    return out
