"""A document's period of validity (DT11): ``自2024年1月1日起施行，有效期5年，至2028年6月30日止``.

Reads the ``validity`` mentions (``extract/validity.py``): the start (a date, or the day of
signing for ``自印发之日起施行``), the number of years and the last day, stated in one sentence,
and the document's 成文日期.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import row_dicts
from .base import RuleContext, rule

#: Days a stated last day may differ from start + N years − 1 day (a period counted from the
#: first of a month, or to the end of one).
_SLACK = 31
#: Titles of notices that prolong or keep in force an earlier text (which they may reprint).
_PROLONGS = re.compile(r"延长|继续(?:施行|有效|执行|实施|适用)")


def _date(v) -> _dt.date | None:
    return _dt.date.fromisoformat(v) if isinstance(v, str) and v else None


def _add_years(d: _dt.date, n: int) -> _dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 2月29日
        return d.replace(year=d.year + n, day=28)


@rule(
    "DT11", "dates.validity_period_inconsistent", "dates", "warning",
    "有效期与施行日期、截止日期或成文日期不符", "A period of validity that contradicts its start, its end or the signing date",
    "规范性文件应写明施行日期和有效期（有效期一般不超过5年）。“自X起施行，有效期N年”与所写截止日期"
    "“至Y止”应相互吻合；截止日期早于施行日期或成文日期，文件一经印发即已失效。不符的，多是年份、"
    "月份或年限录入有误。",
    fix="核对施行日期、有效期年限和截止日期，改正其中错误的一处。",
    example_bad="本办法自2024年7月1日起施行，有效期5年，至2028年6月30日止。",
    example_good="本办法自2024年7月1日起施行，有效期5年，至2029年6月30日止。",
)
def validity_period_inconsistent(ctx: RuleContext) -> Iterator[Finding]:
    """In one sentence of a document about its own validity: a last day before the start or
    before the 成文日期; a number of years that does not lead from the start to the last day
    (start + N years − 1 day, within a month); an extended period (``有效期延长至``) that ends
    before the extending notice was signed.

    ``自印发之日起施行`` (发布, 公布…) starts on the 成文日期. In a notice that prolongs or keeps
    in force an earlier text (``关于延长《X》有效期的通知``), only the new last day is judged: the
    text it reprints keeps its own dates.

    ## Known problems
    - A period given in months or days (``有效期18个月``) is not read.
    - A start and an end in two sentences (``本办法自…起施行。有效期至…``) are compared only
      when the sentence with the end also names the start.
    - Only a sentence that begins with the document (``本办法``, ``本通知``…), with ``自`` or with
      ``有效期`` is read, and only a 至 after 有效期 in its clause or at the start of a clause
      (``，至…止``): ``此通知有效期…``, ``以上政策有效期…`` and ``过渡期至…`` are not read, and
      an ``有效期延长至`` in a sentence that says the text has lapsed or is repealed is history.
    """
    m = ctx.records.mentions
    if not len(m):
        return
    rows = m[m["kind"] == "validity"]
    if not len(rows):
        return
    docs = ctx.records.documents
    signed_of = dict(zip(docs["doc_id"], docs["date"], strict=True)) if len(docs) else {}
    title_of = dict(zip(docs["doc_id"], docs["title"], strict=True)) if len(docs) else {}
    groups: dict[tuple, dict[str, dict]] = {}
    for r in row_dicts(rows):
        groups.setdefault((r["file"], r["line"], r["col"], r["doc_id"]), {}).setdefault(r["role"], r)
    for (file, line, _col, doc_id), g in groups.items():
        signed = _date(signed_of.get(doc_id))
        label = ctx.records.document_label(doc_id) if doc_id else ""
        ext = g.get("extended_to")
        if ext is not None:
            end = _date(ext["value"])
            if signed and end and end < signed:
                yield ctx.finding(
                    file, int(line), f"有效期延长至{P.cn_date(end)}，早于本通知的成文日期 {P.cn_date(signed)}。",
                    needle=ext["text"], document=label,
                    data={"end": end.isoformat(), "signed": signed.isoformat()},
                )
            continue
        if _PROLONGS.search(str(title_of.get(doc_id) or "")):
            continue  # the text a 延长有效期 notice carries keeps its own, earlier dates
        start = _date(g["start"]["value"]) if "start" in g else (signed if "start_on_signing" in g else None)
        start_row = g.get("start") or g.get("start_on_signing")
        end = _date(g["end"]["value"]) if "end" in g else None
        if end is None:
            continue
        if start and end <= start:
            yield ctx.finding(
                file, int(line), f"有效期截止日期 {P.cn_date(end)} 不晚于施行日期 {P.cn_date(start)}。",
                needle=g["end"]["text"], document=label,
                data={"start": start.isoformat(), "end": end.isoformat()},
            )
            continue
        if signed and end < signed:
            yield ctx.finding(
                file, int(line), f"有效期截止日期 {P.cn_date(end)} 早于成文日期 {P.cn_date(signed)}，文件印发时已失效。",
                needle=g["end"]["text"], document=label,
                data={"end": end.isoformat(), "signed": signed.isoformat()},
            )
            continue
        if start and "years" in g:
            n = int(g["years"]["value"])
            expected = _add_years(start, n) - _dt.timedelta(days=1)
            if abs((end - expected).days) > _SLACK:
                yield ctx.finding(
                    file, int(line),
                    f"“{g['years']['text']}”与施行日期、截止日期不符：自{P.cn_date(start)}起{n}年应至 {P.cn_date(expected)}，"
                    f"此处写至 {P.cn_date(end)}。",
                    needle=g["end"]["text"], document=label,
                    related=[ctx.location(file, int(line), start_row["text"])] if start_row else [],
                    data={"start": start.isoformat(), "years": n, "end": end.isoformat(),
                          "expected_end": expected.isoformat()},
                )
