"""Deadline phrases (完成时限) read as dates: ``6月20日前``, ``2022年底前``, phases, recurring ones.

Kinds of :class:`Deadline`:

- ``date``: a task due by a day (``6月20日前``, ``6月底前`` → 6-30, ``6月下旬前`` → 6-30,
  ``2022年底前`` → 12-31, a bare ``12月31日`` in a 完成时限 table column);
- ``range``: a phase ``（6月20日-10月31日）`` with `begin` and `due`;
- ``recurring``: ``每月28日前``, ``每季度``, ``每年1月31日前`` and lists of months
  (``6、9、12月5日前``) — no single date;
- ``open``: ``长期坚持``, ``持续推进``.

**Year rule.** A phrase without a year takes it from its context: the nearest
preceding explicit year *of a date or deadline* (``2022年6月``, ``2022年底``) in
the same text (the paragraph, list item or table row passed in); else the year
of the document's 成文日期 (``year_source = "document"``). A year taken from
the 成文日期 rolls over to the next year when the date would otherwise fall more
than `rollover_days` (default 92) before the 成文日期: a plan signed in
December with a ``3月底前`` task means March of the next year. Years mentioned
for other things (``2023年度项目``) are not used.

A phrase followed by ``已``/``已经`` (``2020年底前已完成``) or preceded by
``截至``/``截止`` describes the past, not a deadline: `past` is True.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re as stdre
from dataclasses import dataclass

import regex as re

_S = r"\s*"
_Y = r"(?:(?P<{n}>(?:19|20)\d{{2}})\s*年\s*)"
_PHRASE = re.compile(
    "|".join([
        # phase: 6月20日-10月31日
        rf"(?P<range>{_Y.format(n='ry1')}?(?P<rm1>\d{{1,2}}){_S}月{_S}(?P<rd1>\d{{1,2}}){_S}日{_S}"
        rf"[-—–－~～至到]{_S}{_Y.format(n='ry2')}?(?P<rm2>\d{{1,2}}){_S}月{_S}(?P<rd2>\d{{1,2}}){_S}日)",
        # 6月20日前 / 6月底前 / 6月下旬前
        rf"(?P<md>{_Y.format(n='y')}?(?P<m>\d{{1,2}}){_S}月{_S}(?:(?P<d>\d{{1,2}}){_S}日|(?P<end>底|末)|"
        rf"(?P<xun>上旬|中旬|下旬)){_S}(?:前|之前|以前))",
        # 2022年底前 / 年底前 / 明年年底前
        rf"(?P<ye>(?:(?P<ey>(?:19|20)\d{{2}}){_S}年|(?P<rel>今年|明年|本年)?{_S}年){_S}(?:底|末){_S}(?:前|之前|以前))",
        # recurring
        r"(?P<rec>每(?:个)?(?:月|季度|半年|年|周)(?:\d{1,2}\s*日|底|末)?\s*(?:前|之前)?)",
        r"(?P<open>长期坚持|持续推进|长期推进)",
    ])
)
_RANGE_DASH = stdre.compile(r"[-—–－~～至到]")


def _may_hold_phrase(text: str) -> bool:
    """Whether `text` holds the words some alternative of `_PHRASE` needs (a cheap first test):
    每 (recurring), 推进 or 长期坚持 (open), 前 with 月 or 年 (6月底前, 年底前), or 月 and 日 with a
    dash or 至/到 between two dates (a range)."""
    if "每" in text or "推进" in text or "长期坚持" in text:
        return True
    if "前" in text and ("月" in text or "年" in text):
        return True
    return "月" in text and "日" in text and _RANGE_DASH.search(text) is not None
_BARE_DATE = re.compile(rf"^{_Y.format(n='y')}?(?P<m>\d{{1,2}}){_S}月{_S}(?P<d>\d{{1,2}}){_S}日{_S}(?:前|之前|以前)?$")
#: Table header cells naming the deadline column.
DEADLINE_COLUMN = re.compile(r"完成时限|时间节点|完成时间|时限要求|时限|进度安排")
_CONTEXT_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?=\d{1,2}\s*月|底|末|上半年|下半年)")
_PAST_AFTER = re.compile(r"^[\s，,]*(?:已|已经|均已|全部已|基本已)")
_PAST_BEFORE = re.compile(r"(?:截至|截止|截止到)\s*$")
_RECURRING_BEFORE = re.compile(r"(?:每年|每月|每季度|每半年|每个月|每周|\d{1,2}\s*、\s*)\s*$")


@dataclass(frozen=True)
class Deadline:
    """One deadline phrase in a text, read as dates where possible."""

    text: str
    start: int
    end: int
    kind: str  # date | range | recurring | open
    due: _dt.date | None = None
    begin: _dt.date | None = None
    year_source: str | None = None  # explicit | context | document | None
    past: bool = False


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _date(y: int | None, m: int, d: int) -> _dt.date | None:
    if y is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


@dataclass(frozen=True)
class Phrase:
    """A deadline phrase as the text writes it, before the document's date fills in a missing year.

    `year` is the phrase's own year (`year_source` ``explicit``) or the year of its context
    (``context``, see the module docstring), else None; for a range it is the year of the first
    date and `year2` the second date's own year. `day` is the day written, or 10/20/31 for
    上旬/中旬/下旬, 底 and 末 (`cap`: the month's last day at most). `next_year`: 明年年底前.
    """

    text: str
    start: int
    end: int
    kind: str  # date | range | recurring | open
    past: bool = False
    form: str | None = None  # md | range | ye (for kind date/range)
    year: int | None = None
    year_source: str | None = None  # explicit | context | None
    month: int | None = None
    day: int | None = None
    cap: bool = False
    month2: int | None = None
    day2: int | None = None
    year2: int | None = None
    next_year: bool = False

    def value(self) -> str:
        """The phrase as a ``key=value;…`` string (the `value` of a ``deadline`` mention)."""
        parts = [f"kind={self.kind}"]
        for k in ("form", "year", "year_source", "month", "day", "month2", "day2", "year2"):
            v = getattr(self, k)
            if v is not None:
                parts.append(f"{k}={v}")
        parts += [k for k in ("past", "cap", "next_year") if getattr(self, k)]
        return ";".join(parts)

    @classmethod
    def from_value(cls, text: str, value: str, start: int = 0) -> Phrase:
        """The phrase `text` whose :meth:`value` is `value`."""
        kw: dict = {}
        for part in value.split(";"):
            k, _, v = part.partition("=")
            if not _:
                kw[k] = True
            elif k in ("kind", "form", "year_source"):
                kw[k] = v
            else:
                kw[k] = int(v)
        return cls(text, start, start + len(text), **kw)


def find_phrases(text: str) -> list[Phrase]:
    """Every deadline phrase in `text` (one paragraph, item or table row), with its year where the
    text gives one (see the module docstring); :func:`resolve` reads it as dates."""
    out: list[Phrase] = []
    if not _may_hold_phrase(text):
        return out
    for m in _PHRASE.finditer(text):
        phrase = "".join(m.group(0).split())
        before = text[: m.start()]
        after = text[m.end():]
        past = bool(_PAST_AFTER.match(after) or _PAST_BEFORE.search(before))
        if m["open"]:
            out.append(Phrase(phrase, m.start(), m.end(), "open"))
            continue
        if m["rec"] or _RECURRING_BEFORE.search(before):
            out.append(Phrase(phrase, m.start(), m.end(), "recurring"))
            continue
        explicit = m["ry1"] or m["y"] or m["ey"]
        if explicit:
            year, src = int(explicit), "explicit"
        else:
            ctx = list(_CONTEXT_YEAR.finditer(before))
            year, src = (int(ctx[-1]["y"]), "context") if ctx else (None, None)
        if m["range"]:
            out.append(Phrase(phrase, m.start(), m.end(), "range", past, "range", year, src,
                              int(m["rm1"]), int(m["rd1"]), False, int(m["rm2"]), int(m["rd2"]),
                              int(m["ry2"]) if m["ry2"] else None))
        elif m["md"]:
            month = int(m["m"])
            if not 1 <= month <= 12:
                continue
            if m["d"]:
                day = int(m["d"])
            elif m["end"]:
                day = 31
            else:
                day = {"上旬": 10, "中旬": 20}.get(m["xun"], 31)
            out.append(Phrase(phrase, m.start(), m.end(), "date", past, "md", year, src, month, day,
                              bool(m["end"] or m["xun"] == "下旬")))
        elif m["ye"]:
            out.append(Phrase(phrase, m.start(), m.end(), "date", past, "ye", year, src, 12, 31,
                              next_year=not m["ey"] and m["rel"] == "明年"))
    return out


def resolve(p: Phrase, doc_date: _dt.date | None = None, *, rollover_days: int = 92) -> Deadline:
    """`p` read as dates: a missing year taken from `doc_date` (the 成文日期; see the module docstring)."""
    if p.kind in ("open", "recurring"):
        return Deadline(p.text, p.start, p.end, p.kind)
    month, day = p.month or 12, p.day or 31
    y, src = p.year, p.year_source
    if p.form == "ye":
        if p.next_year and doc_date is not None:
            y, src = doc_date.year + 1, "document"
        elif y is None and doc_date is not None:
            y, src = doc_date.year, "document"
        return Deadline(p.text, p.start, p.end, "date", _date(y, 12, 31), None, src, p.past)
    if y is None and doc_date is not None:
        y, src = doc_date.year, "document"
        cand = _date(y, month, min(day, _last_day(y, month)))
        if cand is not None and (doc_date - cand).days > rollover_days:
            y += 1
    if p.form == "range":
        m2, d2 = p.month2 or 12, p.day2 or 31
        y2 = p.year2 if p.year2 else (y + 1 if y is not None and (m2, d2) < (month, day) else y)
        return Deadline(p.text, p.start, p.end, "range", _date(y2, m2, d2), _date(y, month, day), src, p.past)
    if y is not None and p.cap:
        day = min(day, _last_day(y, month))
    return Deadline(p.text, p.start, p.end, "date", _date(y, month, day), None, src, p.past)


def parse_deadlines(
    text: str,
    doc_date: _dt.date | None = None,
    *,
    rollover_days: int = 92,
) -> list[Deadline]:
    """Every deadline phrase in `text` (one paragraph, item or table row), read as dates.

    `doc_date` is the 成文日期 of the document, the fallback for the year (see
    the module docstring).
    """
    return [resolve(p, doc_date, rollover_days=rollover_days) for p in find_phrases(text)]


def parse_cell(text: str, doc_date: _dt.date | None = None, *, rollover_days: int = 92) -> list[Deadline]:
    """Deadlines in a 完成时限 table cell, where a bare date (``12月31日``) is a deadline too."""
    t = "".join((text or "").split())
    m = _BARE_DATE.match(t)
    if m:
        return parse_deadlines(t if t.endswith("前") else t + "前", doc_date, rollover_days=rollover_days)
    return parse_deadlines(t, doc_date, rollover_days=rollover_days)


def plan_period(title: str) -> tuple[int, int] | None:
    """The years a plan covers, from its title: “十四五” → (2021, 2025); (2022-2026年) → (2022, 2026)."""
    t = "".join((title or "").split())
    m = re.search(r"[（(]\s*((?:19|20)\d{2})\s*[-—–－至~]\s*((?:19|20)\d{2})\s*年?\s*[)）]", t)
    if m:
        return int(m[1]), int(m[2])
    fy = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035)}
    for k, v in fy.items():
        if k in t:
            return v
    return None
