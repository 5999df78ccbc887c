"""Effective-period rule (DT10): 自2019年秋季学期起施行 / 自2022年7月起施行 before the document's own date.

DT06 compares a full 施行日期 (年月日) with the 成文日期; this rule reads the coarser forms a
document may use for the same clause (a month, a school term, a half-year, a year), found by the
parser (``mentions`` kind ``effective_period``, :mod:`gazette_checks.extract.effective`), and reports
one only when the whole period ended before the document was signed.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from .. import patterns as P
from ..findings import Finding
from .base import RuleContext, rule


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
    if not len(ctx.records.mentions):
        return
    own = set(ctx.records.own_files)
    periods = [r for r in ctx.records.mention_rows("effective_period") if r.file in own]
    signed_of = {doc_id: _dt.date.fromisoformat(d) for doc_id, d in
                 zip(ctx.records.documents["doc_id"], ctx.records.documents["date"], strict=True)
                 if isinstance(d, str) and d}
    for r in periods:
        signed = signed_of.get(r.doc_id)
        end = _dt.date.fromisoformat(r.value)
        if signed is None or end >= signed:
            continue
        yield ctx.finding(
            r.file, int(r.line),
            f"施行时间“{r.role}”在成文日期 {P.cn_date(signed)} 之前已经结束。",
            needle=r.text, document=ctx.records.document_label(r.doc_id),
            data={"period": r.role, "period_end": end.isoformat(), "signed": signed.isoformat()},
        )
