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
  non-blank cells are counted;
- amounts (``总投资52.3亿元（详见附表1）``, ``安排资金3,450万元，具体见表2``, and counts ending the
  words, ``共有规上企业120家（表2）``): the one 合计 row of the table (found as TB01 finds it, above
  or below its parts) and the one column of that row holding money (or a count in the same unit,
  个/项/家), its unit read from the cell, the column header (``总投资（亿元）``) or the caption
  (``（单位：万元）``); compared in 元 within the precision either is written in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from .. import patterns as P
from ..findings import Finding
from .base import RuleContext, rule
from .grid import SERIAL_HEAD, TOTAL_LABEL, grid_of, tables_by_id
from .totals import _fmt, _label, grand_total_rows, tolerance

#: 元 per unit of an amount; counts are compared only with counts in their own unit.
_YUAN = {"元": 1.0, "万元": 1e4, "亿元": 1e8, "个": 1.0, "项": 1.0, "家": 1.0}
_FAMILY = {"元": "元", "万元": "元", "亿元": "元", "个": "个", "项": "项", "家": "家"}
#: A unit of money written in a header or caption: ``总投资（亿元）``, ``单位：万元``.
_HEAD_UNIT = re.compile(r"(?:[（(]\s*(?:单位\s*[：:]\s*)?|单位\s*[：:]\s*)(?P<u>亿元|万元|元|个|项|家)\s*(?:[)）]|$)")
#: A year's share (``2024年计划投资``, ``年度投资``) rather than a whole.
_YEAR_SHARE = re.compile(r"(?:19|20)\d{2}\s*年|年度|当年|今年|本年|明年")
#: Words naming which money an amount is (completed, paid, from which level or source): an amount
#: and a column are compared only when they name the same ones (完成投资 is not 总投资).
_MONEY_KIND = re.compile(r"完成|到位|拨付|支出|使用|争取|申请|中央|省级|市级|县级|区级|自筹|债券|贷款|社会|补助|奖补|配套|累计")

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
    "正文概述表格内容时（如“共计24项指标（表2）”“12项任务中2项未完成（表3）”），所述数量应与表格所列一致，"
    "所述金额（如“总投资52.3亿元（详见附表1）”）应与表格合计行一致；不符说明表格漏列、多列或正文数字有误（公文内容应准确，见《党政机关公文处理工作条例》第十九条）。",
    fix="核对正文数字与所引表格的行数或合计。",
    example_bad="共计24项指标（表2）……表2列出23项", example_good="共计23项指标（表2）",
)
def cited_table_count_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a count in the text equals the rows of the table it cites, and that an amount
    (元/万元/亿元) stated before a table citation equals the table's 合计 row.

    ## Known problems

    An amount is compared only when all of these hold, otherwise the rule stays silent:
    the sentence cites exactly one table, of this document, by its label (``表2``, ``附表1``; a table
    of another document, ``《某某规划》表2``, is not read); the amount is the last one before the
    citation with only filler after it (``，具体``), not approximate or a bound (约, 近, 超过, 以上,
    不少于…) and not a part (其中, 每, 各, 分别, 新增…); the table has exactly one 合计/总计 row
    (小计 rows aside) and exactly one column of that row holds money (a table with 计划投资 and
    已完成投资 in the same unit is not judged); a year's amount (``2024年计划投资``) is not compared
    with a column that names no year (``总投资``), nor the reverse; nor an amount and a column that
    name different kinds of money (``累计完成投资`` against ``总投资``, ``中央资金`` against ``资金``:
    完成, 到位, 拨付, 中央, 省级, 自筹, 债券, 配套, 累计…). A unit written on its own line
    between the caption and the table (``单位：万元``) is not read: such a column has no unit and is not
    judged. A count is compared with the 合计 row only when it ends the words (``共有企业120家（表2）``)
    and a column of that row is in the same unit (个, 项 or 家, never one for another); ``共计24项指标``
    is counted against the table's rows instead.
    """
    t = ctx.records.tables
    if not len(t):
        return
    tables = None  # built at the first citation of a table, shared with TB01
    counted: dict[str, TableCounts] = {}
    for d, m in ctx.mentions("table_count"):
        what, needle, claim = m["role"], m["text"], m["data"]
        if what == "amount":
            if tables is None:
                tables = ctx.shared(("tables_by_id",), lambda: tables_by_id(t))
            yield from _amount_against_total(ctx, tables, d, m)
            continue
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


def total_amount(cells: list[dict], family: str = "元") -> tuple[float, str, str, str] | None:
    """(the amount in 元 -- or the count --, the cell as written, its unit, its column header) of the
    one column of the one 合计 row of a table that holds money (`family` 元) or a count in `family`
    (个, 项, 家); None when the table has no such row, more than one, or its 合计 row holds such numbers
    in more than one column (计划投资 and 已完成投资) or in none."""
    rows = grid_of(cells)
    heads, totals = grand_total_rows(rows)
    if len(totals) != 1:
        return None
    caption = P.squash(cells[0].get("caption") or "")
    by_caption = _HEAD_UNIT.search(caption)
    found = []
    for c in rows[totals[0]]:
        if c["number"] is None or c["number"] != c["number"]:
            continue
        col = int(c["col"])
        head = "".join(P.squash(x["text"] or "") for h in heads for x in rows[h] if int(x["col"]) == col)
        if c["unit"]:
            unit = c["unit"]
        elif u := _HEAD_UNIT.search(head):
            unit = u["u"]
        elif SERIAL_HEAD.match(head) or re.search(r"[（(][^)）]*[)）]", head):
            continue  # a 序号 column, or a header naming another unit (个, 万平方米)
        else:
            unit = by_caption["u"] if by_caption else None
        if _FAMILY.get(unit) == family:
            found.append((float(c["number"]) * _YUAN[unit], P.squash(c["text"]), unit, head))
    return found[0] if len(found) == 1 else None


def _amount_against_total(ctx: RuleContext, tables: dict, d: dict, m: dict) -> Iterator[Finding]:
    """An amount stated before a table citation against the 合计 row of that table."""
    claim = m["data"]
    k, annex = claim["table"], claim["annex"]
    name = ("附表" if annex else "表") + k
    line = ctx.records.start_line(d["file"], int(m["line"]))
    cells = _cited_table(tables, d["file"], d["doc_id"], line, k, annex)
    if cells is None:
        return
    total = total_amount(cells, _FAMILY[claim["unit"]])
    if total is None:
        return
    actual, written, unit, head = total
    if bool(_YEAR_SHARE.search(claim["clause"])) != bool(_YEAR_SHARE.search(head)):
        return  # a year's amount against a total over years (or the reverse)
    if set(_MONEY_KIND.findall(claim["clause"])) != set(_MONEY_KIND.findall(head)):
        return  # 累计完成投资 against 总投资, 中央资金 against 资金: other money
    stated = claim["stated"] * _YUAN[claim["unit"]]
    slack = max(tolerance(claim["written"]) * _YUAN[claim["unit"]], tolerance(written) * _YUAN[unit])
    if abs(stated - actual) <= slack:
        return
    shown = _fmt(actual / _YUAN[claim["unit"]]) + claim["unit"]
    yield ctx.finding(
        d["file"], line,
        f"正文说“{m['text']}”（{name}），但{name}合计行的“{head or '合计'}”为 {_fmt(actual / _YUAN[unit])}{unit}"
        + ("" if unit == claim["unit"] else f"（即 {shown}）") + "。",
        needle=m["text"], document=_label(ctx, d["doc_id"]),
        related=[ctx.location(d["file"], int(cells[0]["line"]), document=_label(ctx, d["doc_id"]))],
        data={"stated": claim["stated"], "computed": actual / _YUAN[claim["unit"]], "unit": claim["unit"],
              "table": name, "what": "amount", "header": head},
    )
