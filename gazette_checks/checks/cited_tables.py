"""Counts in the text against the table the sentence cites (TB06).

``共计24项指标（表2）``, ``21项指标中1项没有达标（表1）`` and ``等七大类……（表2）``
state what a table holds: the parser records these counts as ``mentions`` kind ``table_count``
(:mod:`gazette_checks.extract.table_counts`). The table is found by its number in the caption,
in the same document. A count is only compared where the table can be
counted reliably:

- items: the table has a 序号/编号 column and every data row has a whole
  number in it (repeated header rows after a page break and 合计 rows do not
  count); rows without a number make the table uncountable, not short;
- items not met (``中M项没有达标``): a 达标情况/完成情况 column in which every
  data row says 达标/未达标 (or 完成/未完成);
- categories (``七大类``): a 类别/类型/领域 column whose cells span rows: the
  non-blank cells are counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from .. import patterns as P
from ..findings import Finding
from .base import RuleContext, rule
from .grid import SERIAL_HEAD, TOTAL_LABEL, grid_of, tables_by_id
from .totals import _label

_STATUS_HEAD = re.compile(r"(?:达标|完成)(?:情况|与否|状态)?$")
_CLASS_HEAD = re.compile(r"^(?:类别|领域|分类|指标类别|大类)$")
_STATUS = re.compile(r"^(?P<neg>未|没有|不)?(?P<verb>达标|完成|达到|实现)$")


@dataclass(frozen=True)
class TableCounts:
    """What can be counted reliably in one table (None where it cannot)."""

    items: int | None
    not_met: int | None
    classes: int | None


def table_counts(cells: list[dict]) -> TableCounts:
    """Count the items, the items not met and the categories of one table (its cells, in table order)."""
    rows = grid_of(cells)
    order = sorted(rows)
    if not order:
        return TableCounts(None, None, None)
    header = [P.squash(c["text"] or "") for c in rows[order[0]]]
    data = []
    for r in order[1:]:
        row_cells = [P.squash(c["text"] or "") for c in rows[r]]
        if not any(row_cells) or row_cells == header[: len(row_cells)]:
            continue  # blank rows and headers repeated after a page break
        if any(TOTAL_LABEL.match(t) for t in row_cells[:3]):
            continue
        data.append(row_cells)

    def column(pattern: re.Pattern) -> int | None:
        cols = [i for i, h in enumerate(header) if pattern.search(h)]
        return cols[0] if len(cols) == 1 else None

    items = not_met = classes = None
    c = column(SERIAL_HEAD)
    if c is not None and data and all(len(t) > c and t[c].isdigit() for t in data):
        items = len(data)
    c = column(_STATUS_HEAD)
    if c is not None and data and all(len(t) > c and _STATUS.match(t[c]) for t in data):
        not_met = sum(1 for t in data if _STATUS.match(t[c])["neg"])
    c = column(_CLASS_HEAD)
    if c is not None and data and data[0][c:c + 1] and data[0][c]:
        cells = [t[c] if len(t) > c else "" for t in data]
        if "" in cells:  # categories span rows: a name, then blank cells under it
            classes = len(dict.fromkeys(x for x in cells if x))
    return TableCounts(items, not_met, classes)


def _cited_table(tables: dict, file: str, doc_id, line: int, k: str, appended: bool) -> list[dict] | None:
    """The cells of table `k` (附表 `k` when `appended`) of the document: the first so labelled
    after `line`, else the last before it; with its continuations (``续表k``, ``表k（续）``) appended
    as further rows."""
    found, continued = [], []
    for cells in tables.values():
        first = cells[0]
        if first["file"] != file or first["doc_id"] != doc_id:
            continue
        lab = P.table_label(first["label"] if isinstance(first["label"], str) else None)
        if not lab or str(lab.number) != k:
            continue
        if lab.continues:
            if lab.annex == appended or (lab.continues == "prefix" and not lab.annex):  # 续表1: 表1 or 附表1
                continued.append(cells)
        elif lab.annex == appended:
            found.append(cells)
    if not found:
        return None
    after = [t for t in found if int(t[0]["line"]) > line]
    main = min(after, key=lambda t: int(t[0]["line"])) if after else found[-1]
    start = int(main[0]["line"])
    nxt = min((int(t[0]["line"]) for t in found if int(t[0]["line"]) > start), default=None)
    cells = list(main)
    offset = 1 + max(int(c["row"]) for c in cells)
    for part in sorted(continued, key=lambda t: int(t[0]["line"])):
        at = int(part[0]["line"])
        if at > start and (nxt is None or at < nxt):
            cells += [{**c, "row": int(c["row"]) + offset} for c in part]  # its header row repeats: skipped
            offset += 1 + max(int(c["row"]) for c in part)
    return cells


@rule(
    "TB06", "totals.cited_table_count_mismatch", "totals", "warning",
    "正文所述数量与所引表格不符", "A count in the text differs from the table it cites",
    "正文概述表格内容时（如“共计24项指标（表2）”“12项任务中2项未完成（表3）”），所述数量应与表格所列一致；"
    "不符说明表格漏列、多列或正文数字有误（公文内容应准确，见《党政机关公文处理工作条例》第十九条）。",
    fix="核对正文数字与所引表格的行数。",
    example_bad="共计24项指标（表2）……表2列出23项", example_good="共计23项指标（表2）",
)
def cited_table_count_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a count in the text equals the rows of the table it cites."""
    t = ctx.records.tables
    if not len(t):
        return
    tables = None  # built at the first citation of a table, shared with TB01
    counted: dict[str, TableCounts] = {}
    for d, m in ctx.mentions("table_count"):
        what, needle, claim = m["role"], m["text"], m["data"]
        stated, k, annex = claim["stated"], claim["table"], claim["annex"]
        name = ("附表" if annex else "表") + k
        if tables is None:
            tables = ctx.shared(("tables_by_id",), lambda: tables_by_id(t))
        line = ctx.records.start_line(d["file"], int(m["line"]))
        cells = _cited_table(tables, d["file"], d["doc_id"], line, k, annex)
        if cells is None:
            continue
        tid = cells[0]["table_id"]
        if tid not in counted:
            counted[tid] = table_counts(cells)
        actual = getattr(counted[tid], what)
        if actual is None or actual == stated:
            continue
        noun = {"items": "项（按序号计）", "not_met": "项未达标（按达标情况列计）",
                "classes": "类（按类别列计）"}[what]
        yield ctx.finding(
            d["file"], line,
            f"正文说“{needle}”（{name}），但{name}列出 {actual} {noun}。",
            needle=needle, document=_label(ctx, d["doc_id"]),
            related=[ctx.location(d["file"], int(cells[0]["line"]), document=_label(ctx, d["doc_id"]))],
            data={"stated": stated, "computed": actual, "unit": "类" if what == "classes" else "项",
                  "table": name, "what": what},
        )
