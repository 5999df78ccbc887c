"""Total rules (TB): stated totals (合计 rows and columns, 共N…其中, heading counts) against their parts.

Tables come from the ``tables`` records; totals, counts and lists stated in the text from the
``mentions`` the parser records (kinds ``prose_total``, ``bracket_count``, ``investment``,
``count_list`` and ``count_head``: :mod:`gazette_checks.extract.totals` and ``extract.lists``).

A total is compared with the sum of its parts with a tolerance taken from the
precision it is written in: half a unit of its last digit (1250 covers parts
summing to 1249.6; 3420 does not cover 3421). Ranges and bounds (``0-6``,
``≥42``, ``不少于14学分``) are constraints, not numbers: a column or sentence
holding one is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import regex as re

from .. import patterns as P
from ..extract.totals import stated_totals
from ..findings import Finding
from ..records import as_int, row_dicts, tuples
from ..records import na_last as _na_last
from .base import RuleContext, rule
from .enumerations import _MAX_GAP, _cn
from .grid import TOTAL_LABEL as _TOTAL_LABEL
from .grid import grid_of as _grid_of
from .grid import tables_by_id as _tables_by_id
from .listcounts import _outline_items, item_run

_SUBTOTAL = re.compile(r"小计")
_BLANK = re.compile(r"^(?:|[-—–－/／\\]+|无)$")


def decimals(text: str) -> int:
    """Digits after the decimal point in the number written in `text`."""
    m = re.search(r"\d+(?:\.(\d+))?", text or "")
    return len(m[1]) if m and m[1] else 0


def tolerance(text: str) -> float:
    """Half a unit of the last digit of the number written in `text`."""
    return 0.5 * 10 ** (-decimals(text)) + 1e-9


def _fmt(x: float) -> str:
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s if s else "0"


def _label(ctx: RuleContext, doc_id) -> str:
    return ctx.records.document_label(doc_id) if isinstance(doc_id, str) else ""


# --------------------------------------------------------------------------- TB01
def _is_num(cell: dict) -> bool:
    return cell["number"] is not None and cell["number"] == cell["number"]


def _header_rows(rows: dict[int, list[dict]]) -> list[int]:
    """Row 0 and any following rows without numbers that open with a blank cell (sub-headers)."""
    heads = [min(rows)]
    for r in sorted(rows)[1:3]:
        cells = rows[r]
        if not any(_is_num(c) for c in cells) and cells and not P.squash(cells[0]["text"]):
            heads.append(r)
        else:
            break
    return heads


def table_totals(t: pd.DataFrame) -> Iterator[dict]:
    """Every checkable total of one table, as dicts (row/column, stated, computed, parts...).

    Yields one dict per total cell compared, with ``ok`` telling whether it adds up.
    """
    return _grid_totals(_grid_of(row_dicts(t)))


def _row_label(cells: list[dict]) -> str:
    label_cells = [c for c in cells[:2] if P.squash(c["text"])]
    return P.squash(label_cells[0]["text"]) if label_cells else ""


def _grid_totals(rows: dict[int, list[dict]]) -> Iterator[dict]:
    if len(rows) < 3:
        return
    heads = _header_rows(rows)
    body = [r for r in sorted(rows) if r not in heads]
    # ---- total rows
    start = 0
    sub_rows: list[int] = []
    for k, r in enumerate(body):
        cells = rows[r]
        label = _row_label(cells)
        if not _TOTAL_LABEL.match(label):
            continue
        is_sub = bool(_SUBTOTAL.search(label))
        if not is_sub and sub_rows:
            part_rows = sub_rows
        elif k == 0 and not is_sub:
            part_rows = _parts_below(rows, body[1:])  # a 合计 printed above its parts
        else:
            part_rows = body[start:k]
        if is_sub:
            sub_rows.append(r)
        else:
            sub_rows = []
        start = k + 1
        width = len(cells)
        if not part_rows or any(len(rows[p]) != width for p in part_rows):
            continue  # merged or misaligned rows: columns cannot be matched reliably
        for c in cells:
            col = int(c["col"])
            tot = _total(c, [(rows[p][col], P.squash(rows[p][0]["text"]) or str(p)) for p in part_rows], "row", label)
            if tot is not None:
                head = rows[heads[0]]
                tot["header"] = P.squash(head[col]["text"]) if len(head) == width else ""
                yield tot
    # ---- total columns
    top = rows[heads[0]]
    group, last = [], ""
    for c in top:
        txt = P.squash(c["text"])
        last = txt or last
        group.append(last)
    sub = [P.squash(c["text"]) for c in rows[heads[1]]] if len(heads) > 1 else []
    width = len(top)
    total_cols = [i for i, g in enumerate(group) if _TOTAL_LABEL.match(g)]
    if not total_cols:
        return
    for r in body:
        cells = rows[r]
        if len(cells) != width:
            continue
        rlabel = P.squash(cells[0]["text"])
        for tc in total_cols:
            key = sub[tc] if tc < len(sub) else ""
            cols = [j for j in range(1, width) if j not in total_cols and (sub[j] if j < len(sub) else "") == key]
            tot = _total(cells[tc], [(cells[j], group[j] + (key and f"/{key}")) for j in cols], "column", rlabel)
            if tot is not None:
                tot["header"] = group[tc] + (key and f"/{key}")
                yield tot


def grand_total_rows(rows: dict[int, list[dict]]) -> tuple[list[int], list[int]]:
    """The header rows of a table (as TB01 reads them) and its 合计/总计 rows (小计 rows left out),
    found with the same labels TB01 checks."""
    if not rows:
        return [], []
    heads = _header_rows(rows)
    totals = [r for r in sorted(rows) if r not in heads
              and _TOTAL_LABEL.match(label := _row_label(rows[r])) and not _SUBTOTAL.search(label)]
    return heads, totals


_NOT_FLAT = re.compile(r"^(?:其中|含|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）])")


def _parts_below(rows: dict[int, list[dict]], below: list[int]) -> list[int]:
    """The rows under a total printed first, when they are plain parts: no other total row and no
    row that opens a level (其中, 一、, （一）) — otherwise [] (the parts cannot be told apart)."""
    for r in below:
        label = next((P.squash(c["text"]) for c in rows[r][:2] if P.squash(c["text"])), "")
        if _TOTAL_LABEL.match(label) or _NOT_FLAT.match(label):
            return []
    return below


def _total(c: dict, candidates: list[tuple[dict, str]], axis: str, label: str) -> dict | None:
    """Total cell `c` against its part cells (each with its label), or None when it cannot be compared:
    `c` is not a number or a percentage, fewer than two parts, or a part that is text or in another unit."""
    if not _is_num(c) or c["unit"] == "%":
        return None
    parts, labels = [], []
    for pc, plabel in candidates:
        if _BLANK.match(P.squash(pc["text"])):
            continue
        if not _is_num(pc) or (pc["unit"] or None) != (c["unit"] or None):
            return None
        parts.append(float(pc["number"]))
        labels.append(plabel)
    if len(parts) < 2:
        return None
    computed = sum(parts)
    return {"file": c["file"], "line": int(c["line"]), "doc_id": c["doc_id"], "table_id": c["table_id"],
            "axis": axis, "label": label, "text": c["text"], "stated": float(c["number"]),
            "computed": computed, "parts": parts, "labels": labels, "unit": c["unit"],
            "ok": abs(computed - float(c["number"])) <= tolerance(c["text"])}


@rule(
    "TB01", "totals.table_total_mismatch", "totals", "error",
    "表格合计与分项之和不符", "A 合计/小计 cell differs from the sum of its parts",
    "表格中的合计、小计应等于各分项之和（在合计所示精度内）；不符说明分项或合计有误，公文数据不准确会影响"
    "决策和执行（《党政机关公文处理工作条例》第十九条要求审核公文内容准确）。",
    fix="重新核算各分项与合计，改正有误的数字。",
    example_bad="合计\t3420（分项 1200、1021、1200，和为 3421）",
    example_good="合计\t3421",
    options={"tolerance": 0.0},
)
def table_total_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that each 合计/小计 cell of a table equals the sum of its parts, row- and column-wise.

    ## Known problems

    A total is compared only when at least two parts are numbers in its own unit; a part that is text or in
    another unit leaves it alone. Percentages are not summed.

    ## Options

    - ``tolerance``: difference accepted between a total and the sum of its parts, in the table's unit,
      beyond the rounding of the total's printed precision (0: rounding only)
    """
    t = ctx.records.tables
    if not len(t):
        return
    slack = float(ctx.option("tolerance"))
    for cells in ctx.shared(("tables_by_id",), lambda: _tables_by_id(t)).values():
        for tot in _grid_totals(_grid_of(cells)):
            if tot["ok"] or abs(tot["computed"] - tot["stated"]) <= slack + 1e-9:
                continue
            unit = tot["unit"] or ""
            where = "行" if tot["axis"] == "row" else "列"
            yield ctx.finding(
                tot["file"], tot["line"],
                f"“{tot['label'] or '合计'}”{where}的合计写作 {tot['text']}，但 {len(tot['parts'])} 个分项之和为 "
                f"{_fmt(tot['computed'])}{unit}。",
                needle=tot["text"], document=_label(ctx, tot["doc_id"]),
                suggestion=_fmt(tot["computed"]) + unit,
                data={"stated": tot["stated"], "computed": tot["computed"], "parts": tot["parts"],
                      "labels": tot["labels"], "unit": unit, "axis": tot["axis"],
                      # where the total sits: its column header and its row label
                      "header": tot.get("header", ""), "row": tot["label"]},
            )


# --------------------------------------------------------------------------- TB02
def prose_totals(text: str) -> Iterator[dict]:
    """``共6部，其中A5部、B1部`` in one line (squashed): the stated total and its parts, with ``ok``
    when they agree within the total's precision (see :func:`gazette_checks.extract.totals.stated_totals`)."""
    for _, tot in stated_totals(text):
        yield _prose_verdict(tot)


def _prose_verdict(tot: dict) -> dict:
    stated, computed = float(tot["n"]), sum(tot["parts"])
    return {**tot, "stated": stated, "computed": computed, "ok": abs(stated - computed) <= tolerance(tot["n"])}


@rule(
    "TB02", "totals.prose_total_mismatch", "totals", "warning",
    "正文中总数与分项之和不符", "A total in the text differs from the sum of the parts listed after 其中",
    "“共N项，其中……”列出的分项之和应等于总数；分项之和大于总数必有一处数字错误，小于总数则可能漏列分项"
    "（公文内容应准确，见《党政机关公文处理工作条例》第十九条）。",
    fix="核对总数和各分项数字。",
    example_bad="共6部，其中地方性法规4部、政府规章1部", example_good="共6部，其中地方性法规5部、政府规章1部",
)
def prose_total_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a total in the text equals the sum of the parts listed after 其中."""
    for d, m in ctx.mentions("prose_total"):
        tot = _prose_verdict(m["data"])
        if tot["ok"]:
            continue
        more = tot["computed"] > tot["stated"]
        if not more and not tot["exhaustive"]:
            continue  # `N个，其中…` may list only some of them
        yield ctx.finding(
            d["file"], ctx.records.start_line(d["file"], int(m["line"])),
            f"“{tot['number_text']}”与其后所列分项之和 {_fmt(tot['computed'])}{tot['unit']} 不符"
            + ("（分项之和大于总数）。" if more else "（分项之和小于总数，可能漏列）。"),
            needle=tot["number_text"], document=_label(ctx, d["doc_id"]),
            severity=None if more else "info",
            data={"stated": tot["stated"], "computed": tot["computed"], "parts": tot["parts"],
                  "unit": tot["unit"]},
        )


# --------------------------------------------------------------------------- TB03
@rule(
    "TB03", "totals.heading_count_mismatch", "totals", "warning",
    "标题所注数量与下级条目不符", "A count in a heading differs from its sub-items",
    "标题中注明的数量（如“（5部）”）应等于下级标题所注数量之和，或等于所列条目数；不符说明漏列、多列或数字有误。",
    fix="核对标题所注数量与所列条目。",
    example_bad="一、法规项目（5部）（一）审议项目（2部）（二）调研项目（2部）",
    example_good="一、法规项目（4部）（一）审议项目（2部）（二）调研项目（2部）",
)
def heading_count_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a count in a heading (（5部）) equals the number or sum of its sub-items."""
    ol = ctx.records.outline
    if not len(ol):
        return
    counts = {(d["file"], ctx.records.start_line(d["file"], int(m["line"]))): m["data"]
              for d, m in ctx.mentions("bracket_count")}  # (file, line) → the count closing that line
    if not counts:
        return
    ol = ol.assign(count=[counts.get((f, int(n))) for f, n in zip(ol["file"], ol["line"], strict=False)])
    sub = ol[ol["parent_line"].notna()]
    children: dict[tuple, list[int]] = {}  # (file, doc_id, parent_line) → positions in `sub`
    for i, key in enumerate(zip(sub["file"], sub["doc_id"], sub["parent_line"], strict=True)):
        if not any(pd.isna(v) for v in key):
            children.setdefault(key, []).append(i)
    for r in tuples(ol):
        m = r.count
        if not m:
            continue
        pos = children.get((r.file, r.doc_id, float(r.line)))
        if pos is None:
            pos = children.get((r.file, r.doc_id, int(r.line)))
        if pos is None:
            continue
        kids = sub.iloc[pos]
        kind = kids["kind"].iloc[0]
        kids = kids[kids["kind"] == kind]
        counts = kids["count"].tolist()
        stated = int(m["n"])
        if all(c is not None and c["unit"] == m["unit"] for c in counts) and len(counts) >= 2:
            computed = sum(int(c["n"]) for c in counts)
            how = f"下级标题所注数量之和为 {computed}{m['unit']}"
            parts = [int(c["n"]) for c in counts]
        elif not any(counts) and (kids["number"].astype(int).tolist() == list(range(1, len(kids) + 1))):
            computed = len(kids)
            how = f"其下列出 {computed} 条"
            parts = [1] * computed
        else:
            continue
        if computed == stated:
            continue
        yield ctx.finding(
            r.file, int(r.line),
            f"标题注明“{m['n']}{m['unit']}”，但{how}。",
            needle=m["n"], document=_label(ctx, r.doc_id),
            related=[ctx.location(r.file, int(x)) for x in kids["line"].tolist()[:1]],
            data={"stated": stated, "computed": computed, "parts": parts, "unit": m["unit"]},
        )


# --------------------------------------------------------------------------- TB04
@rule(
    "TB04", "totals.list_count_mismatch", "totals", "warning",
    "所述条目数与所列条目不符", "A stated count differs from the list that follows",
    "“以下N项……：”“重点抓好N项工作：”“共N条：”之后所列条目数应为N；不符说明漏列、多列或数字有误。",
    fix="核对条目数量。",
    example_bad="重点做好以下3项工作：1.… 2.…", example_good="重点做好以下2项工作：1.… 2.…",
)
def list_count_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a stated count (以下3项工作, 重点抓好3项工作：, 共5条：) equals the length of the list
    that follows, and that ``N家成员单位：`` equals the organs listed with it.

    The items counted are the outline items right after the count (``1.``, ``（一）``, ``一、``): the
    first numbered 1 and its siblings 2, 3… (:func:`gazette_checks.checks.listcounts.item_run`); a
    sub-list inside an item is passed over and a new heading ends the list. A count led by a verb
    (``重点抓好3项工作：``, ``包括四个方面：``, ``共5条：``) is read only when the next line is item 1,
    and not when it differs from the items by more than two (the items then sort the things counted:
    ``确定10个重点项目：1.工业项目 2.民生项目``). Counts of work done (``完成3项工作任务的80%``), of time
    (``5个工作日``), of groups (TB09), before ``一是`` (TB10) and in a heading (TB03) are not read
    here. ``本办法共N条`` in the closing article is compared with the document's articles.

    ## Known problems
    - A list with a table inside it is not judged (its items cannot be counted from the outline).
    - A count followed by a line of prose before its items (``重点抓好3项工作：`` / ``要坚持问题导向……``
      / ``1.……``) is not judged when led by a verb: the count may name other things.
    - ``本办法共N条`` is compared with the articles only when the parser found them numbered 第一条 to
      the article that holds the sentence without a gap or repeat; otherwise it is not judged.
    """
    said = [x for x in ctx.mentions("count_list") if x[1]["role"] == "organs"]
    said += [x for x in ctx.mentions("count_head") if x[1]["role"] in ("items", "articles")]
    said.sort(key=lambda x: (x[1]["file"], int(x[1]["line"]), x[1]["kind"] == "count_head", int(x[1]["col"])))
    heads = any(m["kind"] == "count_head" for _, m in said)
    items_of = _outline_items(ctx) if heads else {}
    table_lines: dict[str, list[int]] = {}
    if heads and len(ctx.records.tables):
        for f, x in zip(ctx.records.tables["file"], ctx.records.tables["line"], strict=True):
            table_lines.setdefault(f, []).append(int(x))
    for d, m in said:
        line = ctx.records.start_line(d["file"], int(m["line"]))
        if m["kind"] == "count_list":
            lst = m["data"]
            names, stated = lst["items"], lst["stated"]
            if (len(names) <= stated) if lst["etc"] else (len(names) == stated):
                continue  # after 等 a shorter list is normal
            yield ctx.finding(
                d["file"], line,
                f"此处说“{lst['needle']}”，但列出 {len(names)} 个：{'、'.join(names)}。",
                needle=lst["needle"], document=_label(ctx, d["doc_id"]),
                data={"stated": stated, "computed": len(names), "parts": names, "unit": lst["what"]},
            )
            continue
        head = m["data"]
        if m["role"] == "articles":
            yield from _own_articles(ctx, d, m, line, items_of.get(d["doc_id"], []))
            continue
        lead = head.get("lead")
        if lead is not None and not head.get("first"):
            continue  # 重点抓好3项工作： not followed at once by item 1: the count names no list
        after = [r for r in items_of.get(d["doc_id"], []) if as_int(r["line"]) is not None and r["line"] > line]
        run = item_run(after)
        if not run:
            continue
        k, stated = len(run), head["stated"]
        if stated is None or k == stated:
            continue
        if lead is not None and (k < 2 or abs(k - stated) > _MAX_GAP):
            continue  # 确定10个项目：1.工业项目 2.民生项目: the items sort the things counted
        level = as_int(run[0]["level"]) or 0
        ends = [r["line"] for r in after if r["line"] > run[-1]["line"] and (as_int(r["level"]) or 0) <= level]
        if _table_between(table_lines.get(d["file"], ()), line, ends[0] if ends else float("inf")):
            continue  # a table inside the list: its items cannot be counted from the outline
        said = f"以下{head['n']}{head['what']}" if lead is None else m["text"]
        yield ctx.finding(
            d["file"], line,
            f"此处说“{said}”，但其后列出 {k} 条。",
            needle=m["text"], document=_label(ctx, d["doc_id"]),
            related=[ctx.location(d["file"], int(run[0]["line"]))],
            data={"stated": stated, "computed": k, "parts": [int(r["number"]) for r in run], "unit": head["what"]},
        )


def _own_articles(ctx: RuleContext, d: dict, m: dict, line: int, items: list[dict]) -> Iterator[Finding]:
    """``本办法共N条`` in the last article against the articles of its part: 第一条 to 第M条 without a gap."""
    before = [r for r in items if r["kind"] == "article" and as_int(r["line"]) is not None and r["line"] <= line]
    if not before:
        return  # the parser knows no articles here: silence
    part = before[-1]["part"]
    arts = [r for r in items if r["kind"] == "article" and r["part"] == part]
    nums = [as_int(r["number"]) for r in arts]
    if nums != list(range(1, len(nums) + 1)) or arts[-1]["line"] > line:
        return  # a gap, a repeat or an article after the sentence: the articles cannot be counted
    stated = m["data"]["stated"]
    if stated is None or stated == len(nums):
        return
    yield ctx.finding(
        d["file"], line,
        f"此处说“{m['text']}”，但本文件条文为第一条至第{_cn(len(nums))}条，共 {len(nums)} 条。",
        needle=m["text"], document=_label(ctx, d["doc_id"]),
        related=[ctx.location(d["file"], int(arts[-1]["line"]))],
        data={"stated": stated, "computed": len(nums), "unit": "条"},
    )


def _table_between(lines, start: int, end: float) -> bool:
    return any(start < x < end for x in lines)


# --------------------------------------------------------------------------- TB05
@rule(
    "TB05", "totals.amount_breakdown_mismatch", "totals", "warning",
    "总投资与分项投资之和不符", "A total investment differs from the items listed under it",
    "段落给出总投资（如“投资4.43亿元”），其下各分项列出的投资之和应与之相符；分项之和大于总额必有数字错误，"
    "小于总额则可能漏列分项（公文内容应准确，见《党政机关公文处理工作条例》第十九条）。",
    fix="核对总投资与各分项投资。",
    example_bad="（一）资金保障\n总投资4.43亿元。\n1. 甲项目。投资2.32亿元。\n2. 乙项目。投资2.21亿元。",
    example_good="（一）资金保障\n总投资4.43亿元。\n1. 甲项目。投资2.32亿元。\n2. 乙项目。投资2.11亿元。",
)
def amount_breakdown_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a total investment equals the sum of the items listed under it."""
    ol = ctx.records.outline
    if not len(ol):
        return
    amounts: dict[tuple, list[dict]] = {}  # (file, first line of the paragraph) → its 投资N亿元, in order
    for d, m in ctx.mentions("investment"):
        amounts.setdefault((d["file"], ctx.records.start_line(d["file"], int(m["line"]))), []).append(m)
    if not amounts:
        return
    # one pass over the outline: (file, doc_id) → items (line, parent_line, kind), in frame order
    docs: dict[tuple, list[tuple]] = {}
    for file, doc_id, line, parent, kind in zip(
        ol["file"], ol["doc_id"], ol["line"], ol["parent_line"], ol["kind"], strict=True
    ):
        if pd.isna(file) or pd.isna(doc_id):
            continue
        docs.setdefault((file, doc_id), []).append((line, parent, kind))
    for (file, doc_id), items in docs.items():
        items.sort(key=lambda x: _na_last(x[0]))
        kids_of: dict = {}
        for it in items:
            if not pd.isna(it[1]):
                kids_of.setdefault(it[1], []).append(it)
        for p_line, _parent, _kind in items:
            kids = kids_of.get(p_line)
            if kids is None or len(kids) < 2:
                continue
            kids = [k for k in kids if k[2] == kids[0][2]]
            first = int(kids[0][0])
            totals = [(ln, m) for ln in range(int(p_line), first) for m in amounts.get((file, ln), ())]
            if len(totals) != 1:
                continue
            tline, tm = totals[0]
            t_n, t_u = tm["data"]["n"], tm["data"]["unit"]
            parts = []
            for k_line, _kp, _kk in kids:  # the amount in the first 40 characters of each item
                pm = [m for m in amounts.get((file, int(k_line)), ()) if m["data"]["end"] <= 40 and m["data"]["unit"] == t_u]
                if len(pm) == 1:
                    parts.append(float(pm[0]["data"]["n"]))
            if len(parts) < 2:
                continue
            stated, computed = float(t_n), sum(parts)
            if abs(stated - computed) <= tolerance(t_n):
                continue
            more = computed > stated
            yield ctx.finding(
                file, tline,
                f"投资 {t_n}{t_u} 与其下 {len(parts)} 个分项的投资之和 {_fmt(computed)}{t_u} 不符"
                + ("（分项之和大于总额）。" if more else "（分项之和小于总额，可能另有未列分项）。"),
                needle=tm["text"], document=_label(ctx, doc_id), severity=None if more else "info",
                related=[ctx.location(file, first)],
                data={"stated": stated, "computed": computed, "parts": parts, "unit": t_u},
            )
