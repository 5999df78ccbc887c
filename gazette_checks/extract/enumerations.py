"""Counts stated before a ``一是……二是……`` list (``enum_list`` mentions): ``明确三大目标。一是……``.

A count (``三个方面``, ``3项措施``, ``三大目标``, ``共5条``) followed by ``：``, ``。`` or ``，`` and
then ``一是`` starts a list whose items are the markers ``一是``, ``二是``… that follow, in order,
in the same paragraph and the paragraphs after it up to the next outline heading (``（二）``,
``2.``, ``第五条``…) or the next such count. A count that ends its line with ``：`` is read the
same way when the next paragraph starts with ``一是``. One row per list:

- text: the count as written (``三大目标``); value: the number stated;
- role: the number of items counted, or ``?`` when the markers restart at ``一是`` or skip one
  (a list inside an item, or a list the tool cannot delimit).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor

_N = r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})"
#: The count, what it counts (at most 10 characters, no punctuation) and the mark before the list.
_STATED = re.compile(r"(?<![\d第])(?:共\s*)?" + _N + r"\s*(?P<u>个|项|条|大|类|种|点|方面)(?P<what>[\p{Han}“”]{0,10}?)"
                     r"(?P<mark>[：:。，,])\s*(?=一是)")
_STATED_END = re.compile(r"(?<![\d第])(?:共\s*)?" + _N + r"\s*(?P<u>个|项|条|大|类|种|点|方面)(?P<what>[\p{Han}“”]{0,10}?)[：:]\s*$")
#: 一是, 二是… after the start of a paragraph or a mark.
_ITEM = re.compile(r"(?:^|(?<=[：:；;，,。\s]))(?P<k>[一二三四五六七八九十]{1,3})是(?=[\p{Han}“《（(])")
_NOT_A_COUNT = re.compile(r"^(?:年|月|日|时|分|倍|成|万|亿|千|百)")


def _heading(text: str) -> bool:
    return any(rx.match(text) for kind, rx in P.OUTLINE_PATTERNS if kind not in ("attachment",))


def _count(first: str, rest: list[str]) -> str:
    """The number of items of the list that starts in `first` and may go on in `rest`, or '?'."""
    want = 1
    for n, text in enumerate([first, *rest]):
        if n and (_heading(text) or _STATED.search(text) or _STATED_END.search(text)):
            break
        for m in _ITEM.finditer(text):
            k = P.cn_to_int(m["k"])
            if k == want:
                want += 1
            else:
                return "?"  # a restart (a list inside an item) or a skipped item: not this rule's to judge
    return str(want - 1)


@extractor("enumerations")
def enumerated_lists(doc: DocText) -> Iterator[Mention]:
    texts = [t for _, t in doc.lines]
    for j, (i, text) in enumerate(doc.lines):
        if i in doc.table_lines or ("一是" not in text and not text.rstrip().endswith(("：", ":"))):
            continue
        for m in _STATED.finditer(text):
            if _NOT_A_COUNT.match(m["what"] or ""):
                continue
            stated = P.cn_to_int(m["n"])
            if stated is None or stated < 2:
                continue
            yield Mention(i, "enum_list", _count(text[m.end():], texts[j + 1:]), text[m.start():m.end("what")],
                          str(stated), m.start())
        e = _STATED_END.search(text)
        if e and j + 1 < len(texts) and texts[j + 1].lstrip().startswith("一是"):
            stated = P.cn_to_int(e["n"])
            if stated is not None and stated >= 2:
                yield Mention(i, "enum_list", _count("", texts[j + 1:]), text[e.start():e.end("what")],
                              str(stated), e.start())
