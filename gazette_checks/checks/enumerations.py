"""Counts against ``一是……二是……`` lists (TB10): ``明确三大目标。一是……二是……`` with two items.

TB04 counts the outline items after ``以下N项：``; this rule reads the ``enum_list`` mentions
(``extract/enumerations.py``): a count stated right before a list of ``一是``, ``二是``… markers.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..records import row_dicts
from .base import RuleContext, rule

#: Larger differences are read as items that sort the counted things rather than list them.
_MAX_GAP = 2


@rule(
    "TB10", "totals.count_differs_from_enumeration", "totals", "warning",
    "所述数量与“一是、二是……”所列不符", "A stated count differs from the 一是/二是 items that follow",
    "“做好三个方面工作：一是……二是……三是……”所说的数量应与随后“一是、二是……”列出的条数一致；"
    "不符说明漏列、多列，或数字未随内容修改。",
    fix="核对所列各条和数量，改正其中错误的一处。",
    example_bad="重点抓好三个方面工作：一是完善制度；二是加强督查。",
    example_good="重点抓好两个方面工作：一是完善制度；二是加强督查。",
)
def count_differs_from_enumeration(ctx: RuleContext) -> Iterator[Finding]:
    """A count (``三个方面``, ``3项措施``, ``三大目标``, ``共5条``) directly followed by a list of
    ``一是``, ``二是``… items whose number differs.

    The items are counted in the same paragraph and the paragraphs after it, up to the next
    outline heading or the next stated count. A list whose markers restart at ``一是`` or skip
    one is not judged (a list inside an item cannot be told from the end of this one).

    A count that differs from the items by more than two is not reported: the items then sort
    the counted things (``确定10个重点项目。一是工业项目……二是民生项目……``) rather than list them;
    nor are items that each hold a number of the counted unit (``4个场所。一是城区2个；二是县城
    2个``). A list inside a later item (``三是……，重点抓好两项：一是……``) ends this one. Counts of
    time (``3个工作日``, ``前三个季度``), of things already named (``上述两个目标``), after 至
    and inside quotes (``“三个一批”``) are not read.

    ## Known problems
    - A slip of more than two items (``三个方面`` before six items) is not reported.
    - Items marked otherwise (``第一，``, ``首先``, ``（1）``) are not counted here (TB04 counts
      outline items after ``以下N项：``).
    - A list whose last items run on past the next outline heading is counted short.
    - A count of other things before a list of measures (``围绕两个目标，一是……二是……三是……``)
      is reported unless a word such as 上述 marks it.
    """
    m = ctx.records.mentions
    if not len(m):
        return
    for row in row_dicts(m[m["kind"] == "enum_list"]):
        counted, stated = str(row["role"]), int(row["value"])
        if not counted.isdigit() or int(counted) < 2 or int(counted) == stated:
            continue
        if abs(int(counted) - stated) > _MAX_GAP:
            continue  # 确定10个重点项目。一是工业项目……二是民生项目……: the items sort, not list
        k = int(counted)
        yield ctx.finding(
            row["file"], int(row["line"]),
            f"此处说“{row['text']}”，但其后“一是”至“{_cn(k)}是”列出 {k} 条。",
            needle=row["text"], document=ctx.records.document_label(row["doc_id"]) if row["doc_id"] else "",
            data={"stated": stated, "computed": k, "unit": row["text"]},
        )


def _cn(k: int) -> str:
    digits = "零一二三四五六七八九"
    if k < 10:
        return digits[k]
    return ("" if k < 20 else digits[k // 10]) + "十" + (digits[k % 10] if k % 10 else "")
