"""Count-against-list rules (TB08, TB09): ``三个配套文件：《A》、《B》、《C》、《D》``, ``N个专班：A、B…``
and ``下设N个工作组：`` followed by one outline item per group.

TB04 compares ``以下N项`` with the outline items that follow and ``N家成员单位：`` with the organs
listed; these rules read the lists of quoted titles and of 专班/工作组 names in one sentence
(``mentions`` kind ``count_list``) and the ``N个工作组：`` heads (kind ``count_head``) the parser
finds (:mod:`gazette_checks.extract.lists`).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule


@rule(
    "TB08", "totals.count_differs_from_titles", "totals", "warning",
    "所述文件或专班数量与所列不符", "A stated number of documents or groups differs from those listed",
    "“三个配套文件：《A》、《B》、《C》、《D》”“设立3个工作专班：……”所说的数量应与随后列出的"
    "书名号标题或专班名称一致；不符说明漏列、多列或数字未随清单修改。",
    fix="核对所列文件（专班）和数量，改正其中错误的一处。",
    example_bad="制定了三个配套文件：《某甲办法》、《某乙细则》、《某丙规程》、《某丁指南》。",
    example_good="制定了四个配套文件：《某甲办法》、《某乙细则》、《某丙规程》、《某丁指南》。",
)
def count_differs_from_titles(ctx: RuleContext) -> Iterator[Finding]:
    """A count of documents or 专班 against the 《titles》 or group names listed with it in one line.

    Titles are counted where they follow ``N个文件：`` (or 分别是/即/包括) or come just before
    ``N个文件``; group names where every item of the list after ``N个专班：`` ends in 专班/组.
    After ``等`` a shorter list is normal; only a longer one is reported. Titles separated by a
    comma are not one list (``…《丙》，《丁》同步修订`` starts a new clause).

    ## Known problems
    - A list that continues on the next line (a title broken by a page) is counted short
      and therefore not judged when the stated count is larger; lists longer than the
      count are always reported.
    - A list whose items without 书名号 are not counted (``三个配套文件：甲办法、乙细则、丙规程``).
    """
    for d, m in ctx.mentions("count_list"):
        if m["role"] == "organs":
            continue  # TB04
        lst = m["data"]
        stated, items = lst["stated"], lst["items"]
        if stated is None or len(items) < 2:
            continue
        if len(items) == stated or (lst["etc"] and len(items) < stated):
            continue
        if len(items) < stated and lst["open"]:
            continue  # the list goes on after a line break
        shown = "、".join(f"《{x}》" if lst["quoted"] else x for x in items)
        yield ctx.finding(
            d["file"], int(m["line"]),
            f"此处说“{lst['needle']}”，但列出 {len(items)} 个：{shown}。",
            needle=lst["needle"], document=ctx.records.document_label(d["doc_id"]),
            data={"stated": stated, "computed": len(items), "parts": items, "unit": lst["what"]},
        )


_GROUP_ITEM = re.compile(r"^[\p{Han}“”]{2,16}?(?:工作专班|专班|工作组|小组|组)(?=$|[。：:，,（(\s])")


def _outline_items(ctx: RuleContext) -> dict[str, list[dict]]:
    o = ctx.records.outline
    out: dict[str, list[dict]] = {}
    if not len(o):
        return out
    for row in o.sort_values(["file", "line"]).to_dict("records"):
        if isinstance(row["doc_id"], str):
            out.setdefault(row["doc_id"], []).append(row)
    return out


def item_run(after: list[dict]) -> list[dict]:
    """The items of the list opening `after` (outline rows after a stated count, in line order).

    The list is the first row, numbered 1, and the rows of its kind under the same parent numbered
    2, 3… without a gap; deeper rows (a sub-list inside an item) are passed over; a row at the same
    or a shallower level of another kind or parent (a new heading) or out of sequence ends it.
    [] when the first row is not numbered 1. TB04 and TB09 count with it.
    """
    if not after or as_int(after[0]["number"]) != 1:
        return []
    first = after[0]
    level, parent = as_int(first["level"]), as_int(first["parent_line"])
    run = [first]
    for r in after[1:]:
        lv = as_int(r["level"])
        if lv is not None and level is not None and lv > level:
            continue
        if r["kind"] != first["kind"] or as_int(r["parent_line"]) != parent or as_int(r["number"]) != len(run) + 1:
            break
        run.append(r)
    return run


@rule(
    "TB09", "totals.group_count_differs_from_items", "totals", "warning",
    "所述专班、工作组数量与其后各条不符", "A stated number of groups differs from the group items that follow",
    "“下设6个工作组：”之后逐条列出各组（“（一）综合协调组。……”），所列组数应与所说数量一致；"
    "不符说明漏列、多列或数字未随分工调整。",
    fix="核对所列专班（工作组）和数量，改正其中错误的一处。",
    example_bad="下设3个工作组：（一）综合协调组……（二）项目推进组……（三）督导考核组……（四）宣传报道组……",
    example_good="下设4个工作组：（一）综合协调组……（二）项目推进组……（三）督导考核组……（四）宣传报道组……",
)
def group_count_differs_from_items(ctx: RuleContext) -> Iterator[Finding]:
    """``N个工作组：`` at the end of a line against the outline items that follow it.

    The items counted are the run of outline items right after the line, at one level and
    numbered 1, 2, … without a gap, each beginning with a group name (``综合协调组``,
    ``项目推进专班``). A run where any item does not begin with a group name is not judged.

    ## Known problems
    - Groups listed in a table, or in prose without outline numbers, are not counted here
      (TB08 reads ``N个专班：A专班、B专班`` in one line).
    """
    heads = [(d, head) for d, head in ctx.mentions("count_head") if head["role"] == "groups"]  # 以下N项： is TB04's
    items_of = _outline_items(ctx) if heads else {}
    for d, head in heads:
        m, line = head["data"], int(head["line"])
        after = [r for r in items_of.get(d["doc_id"], []) if as_int(r["line"]) is not None and r["line"] > line]
        run = item_run(after)
        names = [_GROUP_ITEM.match(P.squash(P.strip_markup(str(r["text"] or "")))) for r in run]
        if len(run) < 2 or not all(names):
            continue
        stated = m["stated"]
        if stated is None or stated == len(run):
            continue
        listed = [x.group(0) for x in names if x]
        yield ctx.finding(
            d["file"], line,
            f"此处说“{m['n']}个{m['what']}”，但其后列出 {len(run)} 个：{'、'.join(listed)}。",
            needle=head["text"], document=ctx.records.document_label(d["doc_id"]),
            related=[ctx.location(d["file"], int(run[-1]["line"]))],
            data={"stated": stated, "computed": len(run), "parts": listed, "unit": m["what"]},
        )
