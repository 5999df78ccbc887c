"""Totals the text states with the parts it lists.

- ``prose_total``: ``共6部，其中地方性法规5部、政府规章1部`` in one line (text: ``6部``; value: the
  total ``n`` as written, the parts, the unit and ``exhaustive`` when 共/合计 says all parts follow).
- ``bracket_count``: a count in brackets closing a line, ``一、法规项目（5部）`` (value: n, unit).
- ``investment``: ``投资4.43亿元`` (value: n as written, unit, ``end``: where the match ends in the
  squashed line; role ``table`` on a table row, else ``text``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import col, pack, prose

_COUNT_UNIT = r"(?:部|项|家|个|条|件|座|所|户|栋|人|名|周|学分|万元|亿元|元|公里|套|处|批|类)"
_BOUND = re.compile(r"不少于|不低于|至少|不超过|不高于|以上|以下|超过|低于|大于|小于|约|近|左右|多|余|≥|≤|>|<")
_NUM = r"(?P<n>\d+(?:\.\d+)?)"
_PROSE_TOTAL = re.compile(
    r"(?P<pre>(?:共|共计|合计|总计|总共)?)\s*" + _NUM + r"\s*(?P<u>" + _COUNT_UNIT + r")"
    r"[^。；;，,：:]{0,8}?[，,：:]\s*其中[，,：:]?"
)
_PART = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>" + _COUNT_UNIT + r")")
_BRACKET_COUNT = re.compile(r"[（(]\s*(?:共\s*)?(?P<n>\d{1,4})\s*(?P<u>部|项|个|条|件|家|类|方面)\s*[)）]\s*$")
_AMOUNT = re.compile(r"(?<!新增|超过|不超过|不足|约|近)投资\s*(?:总额|共|合计)?\s*(?:为)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>亿元|万元)")


def stated_totals(text: str) -> Iterator[tuple[int, dict]]:
    """(start, total) for each ``共6部，其中A5部、B1部`` of squashed `text`: the total as written,
    its parts in the same unit, and whether it claims to be exhaustive."""
    for m in _PROSE_TOTAL.finditer(text):
        before = text[max(0, m.start() - 8): m.start("n")]
        end = len(text)
        for stop in "。；;":
            k = text.find(stop, m.end())
            if k >= 0:
                end = min(end, k)
        tail = text[m.end(): end]
        if _BOUND.search(before) or _BOUND.search(tail) or re.search(r"分别|每|各", tail):
            continue
        parts = [float(pm["n"]) for pm in _PART.finditer(tail) if pm["u"] == m["u"]]
        if len(parts) < 2:
            continue
        clause = re.split(r"[，,。；;：:]", text[max(0, m.start("n") - 14): m.start("n")])[-1]
        yield m.start("n"), {"text": m.group(0), "number_text": m["n"] + m["u"], "n": m["n"], "parts": parts,
                             "unit": m["u"], "exhaustive": bool(m["pre"] or re.search(r"共|合计|总计", clause))}


@extractor("totals", kinds=("bracket_count", "investment", "prose_total"))
def totals(doc: DocText) -> Iterator[Mention]:
    """``prose_total``, ``bracket_count`` and ``investment`` rows of one document."""
    for i, text, sq in prose(doc):
        if "其中" in sq:
            for at, tot in stated_totals(sq):
                yield Mention(i, "prose_total", "total", tot["number_text"], pack(**tot), col(text, at))
        if sq.endswith((")", "）")) and (m := _BRACKET_COUNT.search(sq)) is not None:  # it ends the line
            yield Mention(i, "bracket_count", m["u"], m.group(0), pack(n=m["n"], unit=m["u"]), col(text, m.start()))
    for i, text in doc.lines:
        if "投资" in text:
            sq = P.squash(text)
            role = "table" if i in doc.table_lines else "text"
            for m in _AMOUNT.finditer(sq):
                yield Mention(i, "investment", role, m.group(0), pack(n=m["n"], unit=m["u"], end=m.end()),
                              col(text, m.start()))
