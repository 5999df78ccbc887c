"""Counts the text states about a table it cites (kind ``table_count``): ``共计24项指标（表2）``,
``21项指标中1项没有达标（表1）``, ``包括A、B等七大类……（表2）``; and amounts (role ``amount``):
``总投资52.3亿元（详见附表1）``, ``安排资金3,450万元，具体见表2``.

Role: what is counted (``items``, ``not_met``, ``classes``); text: the words stating it; value:
the table cited (``table``: its number, ``annex``: 附表) and the count ``stated``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import col, pack, prose

_CN = r"\d{1,4}|[一二两三四五六七八九十百零]{1,5}"
_CITE = re.compile(
    r"[（(]\s*(?:详见|见|参见)?\s*(?P<fu>附)?表\s*(?P<k>\d{1,3})\s*[)）]"
    r"|(?:如|见|详见|参见)(?P<fu>附)?表\s*(?P<k>\d{1,3})(?!\d)(?:所示)?"
)
#: What may stand between a count and the table citation it sums up.
_FILLER = re.compile(r"^[，,：:\s]*(?:具体|详细|完成|进展|落实|分解|分工|责任)?(?:情况|内容|安排|名单|清单|分工)?"
                     r"(?:如下|见下表)?[，,：:\s]*$")
#: Words before a count that make it a count of something else than the table's rows.
_NOT_TOTAL = re.compile(r"(?:每个?|各|分别|新增|调整|增加|减少|删除|保留|其中|有|另有|还有|仅|只)\s*$")
_ITEMS = re.compile(
    r"(?<![\d.第])(?P<pre>共|共计|合计|总计|包括|包含|设置|设立|选取|确定|部署|安排|梳理|列出)?\s*(?P<n>" + _CN + r")"
    r"\s*(?P<u>项|个|条)(?:主要|重点|具体|核心|规划|考核)?(?P<what>指标|任务|目标|项目|措施|工作(?![日组])|事项)"
    r"(?:中\s*(?:有\s*)?(?P<m>" + _CN + r")\s*(?:项|个|条)\s*(?P<neg>没有|没|未|不)\s*(?P<verb>达标|完成|达到|实现)(?:目标|要求|标准|任务)?)?"
)
#: An amount of money, as written (``3,450万元``, ``52.3亿元``).
_MONEY = re.compile(r"(?<![\d.,，])(?P<n>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<u>亿元|万元|元)")
#: A count of things a table may total in its 合计 row (``120家``, ``12个``).
_COUNT = re.compile(r"(?<![\d.,，第])(?P<n>\d+)\s*(?P<u>个|项|家)")
#: Words right before or after an amount that make it approximate or a bound.
_APPROX_BEFORE = re.compile(r"(?:约|近|超过|超|逾|不足|不到|不少于|不低于|不超过|至少|接近|将近|达到约|大约|多于|少于)\s*$")
_APPROX_AFTER = re.compile(r"^(?:以上|以下|以内|左右|上下|多|余)")
#: A table cited in a sentence (to tell sentences citing exactly one).
_ANY_TABLE = re.compile(r"表\s*\d")
_CLASSES = re.compile(r"(?:等|共|分为|包括|涵盖)\s*(?P<n>" + _CN + r")\s*(?P<u>大类|类)(?![型别])")


def claims(sentence: str) -> list[tuple[str, str, int]]:
    """(what, the words, the number) for each count the words before a table citation state.

    A count is read only where it plainly sums up the table: the last count before
    the citation, with nothing but filler (``具体情况如下``) between them, introduced by
    共/设置/确定… or written ``N项指标中M项…`` or standing right before the citation,
    and never one of each place, a change or a part (每/各/分别/新增/调整/其中…).
    Categories (``包括A、B…等七大类``) the same way.
    """
    out: list[tuple[str, str, int]] = []
    items = [m for m in _ITEMS.finditer(sentence) if P.cn_to_int(m["n"]) is not None]
    classes = [m for m in _CLASSES.finditer(sentence) if P.cn_to_int(m["n"]) is not None]
    if items:
        m = items[-1]
        ok = (_FILLER.match(sentence[m.end():]) and not _NOT_TOTAL.search(sentence[: m.start("n")])
              and not _NOT_TOTAL.search(sentence[: m.start()])
              and "其中" not in sentence[m.end():])
        if ok and (m["pre"] or m["m"] or not sentence[m.end():].strip("，,：: ")):
            out.append(("items", sentence[m.start("n"): m.end("what")], P.cn_to_int(m["n"])))
            if m["m"] and (k := P.cn_to_int(m["m"])) is not None:
                out.append(("not_met", m.group(0), k))
    if classes:
        m = classes[-1]
        rest = sentence[m.end():]
        if items and items[-1].start() > m.end():
            rest = rest.replace(items[-1].group(0), "", 1)
        rest = re.sub(r"^[，,]?\s*(?:共计|共|合计)?", "", rest)
        if _FILLER.match(rest):
            out.append(("classes", m.group(0), P.cn_to_int(m["n"])))
    return out


def amount_claim(span: str) -> tuple[str, str, str, str] | None:
    """(the words, the number as written, the unit, the clause holding it) for an amount that sums
    up the table cited right after `span` (money in 元/万元/亿元, or a count in 个/项/家 ending the
    words: ``共有企业120家``): the last amount, with nothing but filler between it and the
    citation, not approximate (约/近/超过/以上…) and not a part (其中/每/各/分别/新增…)."""
    found = list(_MONEY.finditer(span)) + list(_COUNT.finditer(span))
    if not found:
        return None
    m = max(found, key=lambda x: x.start())
    before, after = span[: m.start()], span[m.end():]
    if not _FILLER.match(after) or _APPROX_BEFORE.search(before) or _APPROX_AFTER.match(after):
        return None
    if "其中" in span or _NOT_TOTAL.search(before) or "》" in after:
        return None
    clause = re.split(r"[，,；;：:]", before)[-1]
    if re.search(r"(?:每|各|分别|新增|调整|增加|减少|其中|含|包括)", clause):
        return None
    return clause + m.group(0), m["n"], m["u"], clause


@extractor("table_counts", kinds=("table_count",))
def table_counts(doc: DocText) -> Iterator[Mention]:
    """One ``table_count`` row per count stated before a table citation."""
    for i, text, sq in prose(doc):
        if "表" not in sq:
            continue
        since = 0
        for cite in _CITE.finditer(sq):
            span = re.split(r"[。；;]", sq[since: cite.start()])[-1]  # the words since the last cite
            since = cite.end()
            sentence = re.split(r"[。；;]", sq[: cite.start()])[-1] + re.split(r"[。；;]", sq[cite.start():])[0]
            if (len(_ANY_TABLE.findall(sentence)) == 1 and not span.rstrip("（( ").endswith("》")
                    and (a := amount_claim(span))):
                needle, n, unit, clause = a
                yield Mention(i, "table_count", "amount", needle,
                              pack(table=cite["k"], annex=bool(cite["fu"]), stated=float(n.replace(",", "").replace("，", "")),
                                   written=n, unit=unit, clause=clause), col(text, cite.start()))
            for what, needle, stated in claims(span):
                yield Mention(i, "table_count", what, needle,
                              pack(table=cite["k"], annex=bool(cite["fu"]), stated=stated), col(text, cite.start()))
