"""Counts stated next to the list they count: ``三个配套文件：《A》、《B》…``, ``《A》、《B》两个文件``,
``N个专班：A专班、B专班…`` (kind ``count_list``) and ``下设N个工作组：`` ending a line, its groups
following as outline items (kind ``count_head``)."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import col, pack, prose

_NUM = r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})"
#: What a list of quoted titles is counted as.
_DOCS = (r"(?P<what>(?:配套|政策|规范性|指导性|支撑)?(?:文件|政策文件|技术规范|规范|标准|办法|制度|方案|实施方案|"
         r"实施细则|细则|意见|措施|政策|指南|清单|规划|专项规划|行动计划|计划))")
#: N个配套文件：《A》、《B》… — the titles follow a colon (or 分别是/即/包括).
_AFTER = re.compile(_NUM + r"\s*(?:个|项|份|部|件|类)" + _DOCS
                    + r"[，,]?(?:(?:分别是|分别为|即|包括)[：:]?|[：:])(?P<list>(?:《[^《》]{2,120}》(?:[（(][^（）()]{1,30}[)）])?[、和及与]{0,2}){2,})")
#: 《A》、《B》两个文件 — the titles come first.
_BEFORE = re.compile(r"(?P<list>(?:《[^《》]{2,120}》(?:[（(][^（）()]{1,30}[)）])?[、和及与]{0,2}){2,})(?P<etc>等)?"
                     + _NUM + r"\s*(?:个|项|份|部|件)" + _DOCS)
#: N个工作专班：A专班、B专班…
_GROUP_WORDS = r"(?P<what>(?:工作)?专班|工作组|专项工作组|专项小组|小组)"
_GROUPS = re.compile(_NUM + r"\s*个" + _GROUP_WORDS + r"[，,]?(?:(?:分别是|分别为|即|包括)[：:]?|[：:])"
                     r"(?P<list>[^。；;：:]+)")
_GROUP_END = re.compile(r"(?:专班|工作组|小组|组)$")
#: ``下设6个工作组：`` ending a line; the groups follow as outline items.
_GROUPS_HEAD = re.compile(_NUM + r"\s*个" + _GROUP_WORDS + r"[，,]?(?:分别是|分别为|即|包括)?[：:]$")


def counted_lists(text: str) -> Iterator[tuple[int, dict]]:
    """(start, what) for each count stated next to a list in squashed `text`: the needle, the
    count, the items listed, the unit, whether 等 closes the list and whether items are 《titles》."""
    for m in _AFTER.finditer(text):
        yield m.start(), {"needle": text[m.start(): m.end("what")], "stated": P.cn_to_int(m["n"]),
                          "items": P.QUOTED_TITLE.findall(m["list"]), "what": m["what"], "etc": False, "quoted": True}
    for m in _BEFORE.finditer(text):
        yield m.start("n"), {"needle": text[m.start("n"): m.end("what")], "stated": P.cn_to_int(m["n"]),
                             "items": P.QUOTED_TITLE.findall(m["list"]), "what": m["what"], "etc": bool(m["etc"]),
                             "quoted": True}
    for m in _GROUPS.finditer(text):
        items = [x.strip() for x in re.split(r"、|[，,](?:以及|和|及)|(?<=组|班)(?:和|及|以及)", m["list"]) if x.strip()]
        if len(items) < 2 or not all(_GROUP_END.search(x) and 2 <= len(x) <= 20 for x in items):
            continue  # the list is not made only of group names: the sentence goes on
        yield m.start(), {"needle": text[m.start(): m.end("what")], "stated": P.cn_to_int(m["n"]),
                          "items": items, "what": m["what"], "etc": False, "quoted": False}


@extractor("lists")
def count_lists(doc: DocText) -> Iterator[Mention]:
    """``count_list`` (value: stated, items, what, etc, quoted, open: the line ends inside the list)
    and ``count_head`` (value: n as written, stated, what)."""
    for i, text, sq in prose(doc):
        if "《" in sq or "个" in sq:
            open_end = sq.endswith(("、", "，", "《"))
            for start, lst in counted_lists(sq):
                yield Mention(i, "count_list", "titles" if lst["quoted"] else "groups", lst["needle"],
                              pack(**lst, open=open_end), col(text, start))
        if m := _GROUPS_HEAD.search(sq):
            yield Mention(i, "count_head", "groups", sq[m.start():m.end("what")],
                          pack(n=m["n"], stated=P.cn_to_int(m["n"]), what=m["what"]), col(text, m.start()))
