"""Entry into force given as a period without a day: ``本办法自2023年3月起施行`` (kind ``effective_period``).

One row per 自 + year [+ month | school term | half-year | 度] + 起施行/起生效 clause that
speaks of the document itself (a clause opening with 本…, or a bare 自… clause; not a
《cited》 text's, nor 原…'s). ``role`` is the period as written (``2023年3月``,
``2019年秋季学期``), ``value`` its last day (ISO). Table rows are not read.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterator

import regex as re

from . import DocText, Mention, extractor
from .squashed import squashed

_Y = r"(?P<y>(?:19|20)\d{2})\s*年\s*"
#: 自 + a period without a day + 起施行 / 起生效 (施行 is the word for legal effect).
_PERIOD = re.compile(
    r"(?P<self>本[\p{Han}]{1,6}?)?自\s*" + _Y
    + r"(?:(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)(?:份)?|(?P<term>春季学期|秋季学期|春季学年|秋季学年|上半年|下半年|度))?"
    r"\s*(?:起|开始)\s*(?:正式)?(?P<verb>施行|生效)"
)
_OWN_CLAUSE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?本")


def period_end(m: re.Match) -> tuple[_dt.date, str] | None:
    """The last day of the period `m` names, and the period as written (None for no such month)."""
    y = int(m["y"])
    if m["m"]:
        mo = int(m["m"])
        if not 1 <= mo <= 12:
            return None
        return _dt.date(y, mo, calendar.monthrange(y, mo)[1]), f"{y}年{mo}月"
    term = m["term"] or ""
    if term.startswith("春季"):  # spring term: February to July
        return _dt.date(y, 7, 31), f"{y}年{term}"
    if term.startswith("秋季"):  # autumn term: September to the next January
        return _dt.date(y + 1, 1, 31), f"{y}年{term}"
    if term == "上半年":
        return _dt.date(y, 6, 30), f"{y}年上半年"
    return _dt.date(y, 12, 31), f"{y}年{term}"


@extractor("effective_period", kinds=("effective_period",))
def effective_periods(doc: DocText) -> Iterator[Mention]:
    """Periods of entry into force of the document itself, outside table rows."""
    for i, line in doc.lines:
        if i in doc.table_lines or "自" not in line:
            continue
        sq = squashed(line)
        text = sq.text
        for m in _PERIOD.finditer(text):
            clause = re.split(r"[。；;]", text[:m.start()])[-1]
            if not m["self"] and clause.strip() and not _OWN_CLAUSE.match(clause):
                continue  # the period of something else (某条例修订后自…起施行): only 本X / a bare 自… clause
            if "《" in clause or "原" in clause[-4:]:
                continue
            end = period_end(m)
            if end is None:
                continue
            yield Mention(i, "effective_period", end[1], m.group(0), end[0].isoformat(), sq.col(m.start()))
