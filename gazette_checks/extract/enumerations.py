"""Counts stated before a ``一是……二是……`` list (``enum_list`` mentions): ``明确三大目标。一是……``.

A count (``三个方面``, ``3项措施``, ``三大目标``, ``共5条``) followed by ``：``, ``。`` or ``，`` and
then ``一是`` starts a list whose items are the markers ``一是``, ``二是``… that follow, in order,
in the same paragraph and the paragraphs after it up to the next outline heading (``（二）``,
``2.``, ``第五条``…) or the next such count. A count that ends its line with ``：`` is read the
same way when the next paragraph starts with ``一是``. One row per list:

- text: the count as written (``三大目标``); value: the number stated;
- role: the number of items counted, or ``?`` when the markers restart at ``一是`` or skip one
  (a list inside an item, or a list the tool cannot delimit), or when the items each hold a
  number of the counted unit (``4个场所。一是城区2个；二是县城2个``: they split the count).

A paragraph of the list that states a count of its own (``三是……，重点抓好两项：一是……``) ends
the list after its items before that count. A count of something else is not read: of time
(``3个工作日``, ``前三个季度``, ``2个小时``), one already named (``上述两个目标``), one after
至 (``压缩至3个``), one inside quotes (``“三个一批”``). ``三项工作，即：一是……`` is read.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor

_N = r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})"
#: The count, what it counts (at most 10 characters, no punctuation) and the mark before the list.
_STATED = re.compile(r"(?<![\d第])(?:共\s*)?" + _N + r"\s*(?P<u>个|项|条|大|类|种|点|方面)(?P<what>[\p{Han}“”]{0,10}?)"
                     r"(?:[，,]\s*即\s*)?(?P<mark>[：:。，,])\s*(?=一是)")
_STATED_END = re.compile(r"(?<![\d第])(?:共\s*)?" + _N + r"\s*(?P<u>个|项|条|大|类|种|点|方面)(?P<what>[\p{Han}“”]{0,10}?)[：:]\s*$")
#: 一是, 二是… after the start of a paragraph or a mark.
_ITEM = re.compile(r"(?:^|(?<=[：:；;，,。\s]))(?P<k>[一二三四五六七八九十]{1,3})是(?=[\p{Han}“《（(])")
_NOT_A_COUNT = re.compile(r"^(?:年|月|日|时|分|倍|成|万|亿|千|百|工作日|小时|季度|星期|周|学期|批)")
#: Words before a count of something else than the items: a goal already named (上述两个目标), a
#: span of time (前三个季度), a limit (压缩至3个工作日).
_OTHER_THING = re.compile(r"(?:上述|以上|前述|(?<![当目此以之提])前|(?<![最接附])近|至)\s*(?:共\s*)?$")
#: A number of the counted unit inside an item (一是中心城区2个): the items split the count.
_SPLIT = "(?:\\d+|[一二两三四五六七八九十]{{1,3}})\\s*{u}"


def _heading(text: str) -> bool:
    return any(rx.match(text) for kind, rx in P.OUTLINE_PATTERNS if kind not in ("attachment",))


def _count(first: str, rest: list[str], unit: str = "") -> str:
    """The number of items of the list that starts in `first` and may go on in `rest`, or '?'.

    A paragraph that states a count of its own ends the list there: its items before that count
    are counted (``三是严格考核，重点抓好两项：一是……``: the two are another list). Items that each
    hold a number of the counted unit (``4个场所。一是城区2个；二是县城2个``) split the count:
    '?'."""
    want = 1
    split = re.compile(_SPLIT.format(u=re.escape(unit))) if unit and unit not in "大方面" else None
    for n, text in enumerate([first, *rest]):
        if n and _heading(text):
            break
        inner = _STATED.search(text) or _STATED_END.search(text)
        if n and inner:
            text = text[: inner.start()]
        items = list(_ITEM.finditer(text))
        for j, m in enumerate(items):
            k = P.cn_to_int(m["k"])
            if k == want:
                want += 1
            else:
                return "?"  # a restart (a list inside an item) or a skipped item: not this rule's to judge
            body = text[m.end(): items[j + 1].start() if j + 1 < len(items) else len(text)]
            if split and split.search(body):
                return "?"
        if n and inner:
            break
    return str(want - 1)


def _another_thing(text: str, m: re.Match) -> bool:
    """The count is of something else than the items that follow it."""
    if _NOT_A_COUNT.match(m["what"] or "") or _OTHER_THING.search(text[: m.start()]):
        return True
    before = text[: m.start()]
    return before.count("“") > before.count("”")  # inside quotes: a slogan (“三个一批”)


@extractor("enumerations", kinds=("enum_list",))
def enumerated_lists(doc: DocText) -> Iterator[Mention]:
    texts = [t for _, t in doc.lines]
    for j, (i, text) in enumerate(doc.lines):
        if i in doc.table_lines or ("一是" not in text and not text.rstrip().endswith(("：", ":"))):
            continue
        for m in _STATED.finditer(text):
            if _another_thing(text, m):
                continue
            stated = P.cn_to_int(m["n"])
            if stated is None or stated < 2:
                continue
            yield Mention(i, "enum_list", _count(text[m.end():], texts[j + 1:], m["u"]),
                          text[m.start():m.end("what")], str(stated), m.start())
        e = _STATED_END.search(text)
        if e and j + 1 < len(texts) and texts[j + 1].lstrip().startswith("一是") and not _another_thing(text, e):
            stated = P.cn_to_int(e["n"])
            if stated is not None and stated >= 2:
                yield Mention(i, "enum_list", _count("", texts[j + 1:], e["u"]), text[e.start():e.end("what")],
                              str(stated), e.start())
