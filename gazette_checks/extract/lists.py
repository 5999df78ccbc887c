"""Counts stated next to the list they count.

- ``count_list``: the list is in the same line: ``三个配套文件：《A》、《B》…``, ``《A》、《B》两个文件``
  (role ``titles``), ``N个专班：A专班、B专班…`` (role ``groups``), ``12家成员单位：A、B…``,
  ``由A、B等2家单位组成`` (role ``organs``).
- ``count_head``: a line ends with the count, the items follow as outline items:
  ``以下3项工作：`` (role ``items``), ``下设N个工作组：`` (role ``groups``). A count led by a verb
  (``重点抓好3项工作：``, ``包括三个方面：``, ``共5条：``) is read too (role ``items``, value ``lead``
  the verb): it names its items only when the next line is the first of them (value ``first``:
  the next non-blank line opens with ``1.``, ``（一）``, ``一、``, ``（1）`` or ``第一条``).
- ``count_head`` role ``articles``: ``本办法共N条`` anywhere in a line (value n, stated, what ``条``).
"""

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
#: ``以下3项工作：`` ending a line; the items follow as outline items.
_LIST_COUNT = re.compile(r"(?:以下|如下|下列|下述)\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?P<u>项|个|条|方面|类|件)[^。；：:]{0,20}[：:]$")
#: ``重点抓好3项工作：``, ``包括三个方面：``, ``共5条：`` ending a line (not ``完成``: a share of
#: work done is not a list; not ``本办法共N条``: the articles are counted elsewhere).
_SAID_COUNT = re.compile(r"(?<!本\p{Han}{1,4})(?P<lead>抓好|做好|抓实|落实|推进|实施|开展|采取|提出|明确|突出|包括|"
                         r"包含|涵盖|分为|主要有|重点有|共有|共)\s*(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*"
                         r"(?P<u>项|个|条|方面|类|件|点)(?P<what>\p{Han}{0,6})[：:]$")
_NOT_ITEMS = re.compile(r"^(?:工作日|小时|季度|星期|周|月|年|学期|批|(?:工作)?专班|工作组|专项工作组|专项小组|小组)")
#: ``本办法共二十条`` (in the closing article): the document's own number of articles.
_OWN_ARTICLES = re.compile(r"本(?:实施办法|实施细则|办法|规定|细则|条例|规则|准则)共\s*(?P<n>\d{1,3}|[一二三四五六七八九十百零]{1,6})\s*条")
#: The first item of a list, opening the next line: 1. （一） 一、 （1） 第一条.
_FIRST_ITEM = re.compile(r"^(?:1[.．、](?!\d)|[（(][一1][)）]|一、|第一条)")
_UNIT_NAMES = r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<u>家|个)(?P<what>(?:成员)?(?:单位|部门))"
_LIST = r"(?P<list>[^。；;：:，,]+(?:[，,](?:以及|和|及)[^。；;：:，,]+)?)"
_INLINE_AFTER = re.compile(_UNIT_NAMES + r"(?:组成|参加|参与)?[，,]?(?:(?:分别是|分别为|包括|即)[：:]?|[：:])" + _LIST)
_INLINE_BEFORE = re.compile(r"(?:由|包括|成员单位为|成员单位包括)[：:]?(?P<list>[^。；;：:由，,]+?)(?P<etc>等)?" + _UNIT_NAMES
                            + r"(?:组成|为成员|作为成员)")
#: What every organ list holds: a count of 单位/部门 (a quick test before the list grammars).
_UNIT_COUNT = re.compile(r"[家个](?:成员)?(?:单位|部门)")
_ORGAN_ENDS = r"局|委|办|厅|部|院|会|处|室|站|所|队|司|中心|行|政府|公司|集团|馆|团|校|社|台|组|办公室|支队|大队"
_ORGAN_END = re.compile(r"(?:" + _ORGAN_ENDS + r")$")
_NAME_SPLIT = re.compile(r"、|[，,](?:以及|和|及)|(?<=(?:" + _ORGAN_ENDS + r"))(?:以及|和|及|与|会同)")
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
_COLLECTIVE = re.compile(r"各|有关|相关|其他|其它")
_DIGIT_OR_ETC = re.compile(r"\d|等$")
#: ``下设6个工作组：`` ending a line; the groups follow as outline items.
_GROUPS_HEAD = re.compile(_NUM + r"\s*个" + _GROUP_WORDS + r"[，,]?(?:分别是|分别为|即|包括)?[：:]$")


def counted_lists(text: str) -> Iterator[tuple[int, dict]]:
    """(start, what) for each count stated next to a list in squashed `text`: the needle, the
    count, the items listed, the unit, whether 等 closes the list and whether items are 《titles》."""
    if "《" in text:
        yield from _titled_lists(text)
    if "个" in text and ("班" in text or "组" in text):
        yield from _group_lists(text)


def _titled_lists(text: str) -> Iterator[tuple[int, dict]]:
    for m in _AFTER.finditer(text):
        yield m.start(), {"needle": text[m.start(): m.end("what")], "stated": P.cn_to_int(m["n"]),
                          "items": P.QUOTED_TITLE.findall(m["list"]), "what": m["what"], "etc": False, "quoted": True}
    for m in _BEFORE.finditer(text):
        yield m.start("n"), {"needle": text[m.start("n"): m.end("what")], "stated": P.cn_to_int(m["n"]),
                             "items": P.QUOTED_TITLE.findall(m["list"]), "what": m["what"], "etc": bool(m["etc"]),
                             "quoted": True}


def _group_lists(text: str) -> Iterator[tuple[int, dict]]:
    for m in _GROUPS.finditer(text):
        items = [x.strip() for x in re.split(r"、|[，,](?:以及|和|及)|(?<=组|班)(?:和|及|以及)", m["list"]) if x.strip()]
        if len(items) < 2 or not all(_GROUP_END.search(x) and 2 <= len(x) <= 20 for x in items):
            continue  # the list is not made only of group names: the sentence goes on
        yield m.start(), {"needle": text[m.start(): m.end("what")], "stated": P.cn_to_int(m["n"]),
                          "items": items, "what": m["what"], "etc": False, "quoted": False}


def organ_lists(text: str) -> Iterator[tuple[int, dict]]:
    """(start, what) for ``12家成员单位：A、B…`` and ``由A、B等2家单位组成`` in squashed `text`:
    the needle, the count stated, the names listed, the unit and whether 等 closes the list.

    A list is only read where every item looks like one organ (2–30 characters
    ending like an organ name: 局, 委, 办, 中心…; not ``各…`` or ``有关…``, which
    stand for several). A list stops at the first comma; 、 inside parentheses
    (``市委宣传部（市新闻出版局、市版权局）``) does not separate.
    """
    for rx in (_INLINE_AFTER, _INLINE_BEFORE):
        for m in rx.finditer(text):
            names = [x.strip() for x in _NAME_SPLIT.split(_PARENS.sub("", m["list"])) if x.strip()]
            if len(names) < 2 or any(not 2 <= len(x) <= 30 or _COLLECTIVE.match(x)
                                     or _DIGIT_OR_ETC.search(x) or not _ORGAN_END.search(x) for x in names):
                continue
            stated = P.cn_to_int(m["n"])
            if stated is None:
                continue
            yield m.start("n"), {"needle": text[m.start("n"): m.end("what")], "stated": stated, "items": names,
                                 "what": m["u"], "etc": rx is _INLINE_BEFORE and bool(m["etc"])}


@extractor("lists", kinds=("count_head", "count_list"))
def count_lists(doc: DocText) -> Iterator[Mention]:
    """``count_list`` (value: needle, stated, items, what, etc; for titles and groups also quoted and
    open: the line ends inside the list) and ``count_head`` (value: n as written, stated, what)."""
    nexts = {a: b for (a, _), (_, b) in zip(doc.lines, doc.lines[1:], strict=False)}
    for i, text, sq in prose(doc):
        if "《" in sq or "个" in sq:
            open_end = sq.endswith(("、", "，", "《"))
            for start, lst in counted_lists(sq):
                yield Mention(i, "count_list", "titles" if lst["quoted"] else "groups", lst["needle"],
                              pack(**lst, open=open_end), col(text, start))
        if ("单位" in sq or "部门" in sq) and _UNIT_COUNT.search(sq):
            for start, lst in organ_lists(sq):
                yield Mention(i, "count_list", "organs", lst["needle"], pack(**lst), col(text, start))
        if "共" in sq and "本" in sq and (m := _OWN_ARTICLES.search(sq)):
            yield Mention(i, "count_head", "articles", m.group(0),
                          pack(n=m["n"], stated=P.cn_to_int(m["n"]), what="条"), col(text, m.start()))
        if not sq.endswith(("：", ":")):
            continue
        if ("下" in sq or "如" in sq) and (m := _LIST_COUNT.search(sq)):
            yield Mention(i, "count_head", "items", m.group(0)[:-1],
                          pack(n=m["n"], stated=P.cn_to_int(m["n"]), what=m["u"]), col(text, m.start()))
        elif (m := _SAID_COUNT.search(sq)) and not _NOT_ITEMS.match(m["what"]):
            yield Mention(i, "count_head", "items", sq[m.start("n"):-1],
                          pack(n=m["n"], stated=P.cn_to_int(m["n"]), what=m["u"], lead=m["lead"],
                               first=bool(_FIRST_ITEM.match(P.squash(nexts.get(i, ""))))),
                          col(text, m.start("n")))
        if "个" in sq and (m := _GROUPS_HEAD.search(sq)):
            yield Mention(i, "count_head", "groups", sq[m.start():m.end("what")],
                          pack(n=m["n"], stated=P.cn_to_int(m["n"]), what=m["what"]), col(text, m.start()))
