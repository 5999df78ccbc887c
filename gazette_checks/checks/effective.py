"""Effective-period rule (DT10): 自2019年秋季学期起施行 / 自2022年7月起施行 before the document's own date.

DT06 compares a full 施行日期 (年月日) with the 成文日期; this rule reads the coarser forms a
document may use for the same clause (a month, a school term, a half-year, a year) and reports
one only when the whole period ended before the document was signed.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterator

import regex as re

from .. import patterns as P
from ..findings import Finding
from .base import RuleContext, rule

_Y = r"(?P<y>(?:19|20)\d{2})\s*年\s*"
#: 自 + a period without a day + 起施行 / 起生效 (施行 is the word for legal effect).
_PERIOD = re.compile(
    r"(?P<self>本[\p{Han}]{1,6}?)?自\s*" + _Y
    + r"(?:(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)(?:份)?|(?P<term>春季学期|秋季学期|春季学年|秋季学年|上半年|下半年|度))?"
    r"\s*(?:起|开始)\s*(?:正式)?(?P<verb>施行|生效)"
)


def _period_end(m: re.Match) -> tuple[_dt.date, str]:
    """The last day of the period `m` names, and the period as written."""
    y = int(m["y"])
    if m["m"]:
        mo = int(m["m"])
        return _dt.date(y, mo, calendar.monthrange(y, mo)[1]), f"{y}年{mo}月"
    term = m["term"] or ""
    if term.startswith("春季"):  # spring term: February to July
        return _dt.date(y, 7, 31), f"{y}年{term}"
    if term.startswith("秋季"):  # autumn term: September to the next January
        return _dt.date(y + 1, 1, 31), f"{y}年{term}"
    if term == "上半年":
        return _dt.date(y, 6, 30), f"{y}年上半年"
    return _dt.date(y, 12, 31), f"{y}年{term}"


@rule(
    "DT10", "dates.effective_period_before_signing", "dates", "warning",
    "以月份或学期表述的施行时间早于成文日期", "An entry into force given as a month or term that ended before signing",
    "“自2022年7月起施行”“自2019年秋季学期起施行”所指的时段在成文日期之前已经结束，文件等于溯及既往"
    "生效，多是沿用旧稿未改年份或月份；确需溯及的，应在文中说明。",
    fix="核对施行时间和成文日期，改正其中错误的一处。",
    example_bad="本办法自2023年3月起施行。…… 落款 2024年5月6日",
    example_good="本办法自2024年6月起施行。…… 落款 2024年5月6日",
)
def effective_period_before_signing(ctx: RuleContext) -> Iterator[Finding]:
    """A 施行/生效 period without a day whose last day is before the 成文日期.

    Periods: a month (``自2022年7月起施行``), a school term (spring: February–July, autumn:
    September–January), a half-year or a whole year (``自2020年起施行``, ``自2020年度起施行``).
    Only 施行 and 生效 are read: ``自2020年起执行``/``实施`` often start a standard or a subsidy
    on purpose from an earlier date.

    ## Known problems
    - A period that started before signing but had not ended (``自2019年秋季学期起施行`` in a
      document of October 2019) is left alone: a policy may take effect within the term.
    - Only clauses that begin with 本… (``本办法自…起施行``) or with 自 are read: a period said of
      another text (``某条例修订后自2023年1月起施行``) is not the document's own.
    """
    for d, line, raw in ctx.document_lines():
        signed_s = d.get("date")
        if not isinstance(signed_s, str) or not signed_s:
            continue
        signed = _dt.date.fromisoformat(signed_s)
        text = P.squash(P.strip_markup(raw))
        for m in _PERIOD.finditer(text):
            clause = re.split(r"[。；;]", text[:m.start()])[-1]
            if not m["self"] and clause.strip() and not re.match(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?本", clause):
                continue  # the period of something else (某条例修订后自…起施行): only 本X / a bare 自… clause
            if "《" in clause or "原" in clause[-4:]:
                continue
            end, shown = _period_end(m)
            if end >= signed:
                continue
            yield ctx.finding(
                d["file"], line,
                f"施行时间“{shown}”在成文日期 {signed.year}年{signed.month}月{signed.day}日 之前已经结束。",
                needle=m.group(0), document=ctx.records.document_label(d["doc_id"]),
                data={"period": shown, "period_end": end.isoformat(), "signed": signed.isoformat()},
            )
