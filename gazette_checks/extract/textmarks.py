"""Marks in a document's text that format rules judge.

- ``role_note``: a bracketed 责任单位/牵头部门 note, ``〔责任单位：市财政局〕`` (role: the word;
  value: the opening bracket), on any line, tables included.
- ``decree_number``: a 令号, ``国务院令第588号`` or ``国务院令588号`` (value: the organ, the number
  and ``di`` when 第 is written), on any line.
- ``self_reference``: ``本办法``, ``本规定``… (role: the 文种 named).
- ``quoted``: a 《title》 that names one of those 文种 (``《某某条例》``), for telling 本条例 of a
  cited 条例 from a slip.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import pack

_ROLE_BRACKET = re.compile(
    r"(?P<open>[〔﹝\[［【(（])\s*(?:\*\*)?\s*(?P<role>责任单位|牵头单位|牵头部门|责任部门|配合单位|配合部门|"
    r"主责单位|协办单位|参与单位|责任主体)\s*[：:]"
)
_DECREE = re.compile(
    r"(?P<org>国务院|主席|[\p{Han}]{1,12}?(?:总局|部|委员会|委|人民政府|政府|署|局|银行))令\s*(?P<di>第)?\s*"
    r"(?P<num>\d{1,5})\s*号"
)
_SELF = re.compile(
    r"(?<![基根成资版样日文范剧账课脚标读书蓝副正原选工校藏画话绘抄刻手底摹血老股亏保还够赔折])"
    + P.SELF_REFERENCE.pattern
)
#: The 文种 a document may call itself by (本办法, 本规定…).
SELF_TYPES = tuple(re.findall(r"[\p{Han}]+", P.SELF_REFERENCE.pattern.split("(?P<type>")[1]))


@extractor("textmarks", kinds=("decree_number", "quoted", "role_note", "self_reference"))
def textmarks(doc: DocText) -> Iterator[Mention]:
    """``role_note``, ``decree_number``, ``self_reference`` and ``quoted`` rows of one document."""
    for i, text in doc.lines:
        if "单位" in text or "部门" in text or "责任主体" in text:
            for m in _ROLE_BRACKET.finditer(text):
                yield Mention(i, "role_note", m["role"], m.group(0), m["open"], m.start())
        if "令" in text:
            for m in _DECREE.finditer(text):
                yield Mention(i, "decree_number", "decree", m.group(0),
                              pack(org=m["org"], num=m["num"], di=bool(m["di"])), m.start())
        if "本" in text:
            for m in _SELF.finditer(text):
                yield Mention(i, "self_reference", m["type"], m.group(0), None, m.start())
        if "《" in text:
            for m in P.QUOTED_TITLE.finditer(text):
                if any(t in m.group(0) for t in SELF_TYPES):
                    yield Mention(i, "quoted", "title", m["title"], None, m.start())
