"""Shares stated in the text against the numbers they relate (TB07).

``投资2.11亿元……已经到位0.61亿元，约占楼本体投资29%``: the parser records each share with the
two amounts it relates (``mentions`` kind ``share``, :mod:`gazette_checks.extract.shares`), and
the rule judges the ratio. The part (0.61亿元) is
the amount just before 占; the whole is an amount in the same unit earlier in
the paragraph. A share is checked only where the whole is beyond doubt:

- the name after 占 (``楼本体投资``) shares words with the few characters that
  introduce exactly one earlier amount (``楼本体改造项目。投资2.11亿元``), or
- nothing is named (``占25%``) and the whole is the amount the part is taken
  from: ``共有企业120家，其中规模以上企业30家，占25%``.

It is left alone where the share may be of something else: a whole named with
全省/全国/省/国家, a name that measures something other than the part (家 against
产值, 面积, 床位…), a whole in a sentence about another year, changes in a share
(``占比较上年提高1.5%``), ``分别``, ranges and bounds (``不低于40%``, ``30%以上``,
``20%—30%``, ``约有1200家``, ``不低于8亿元``). Parentheses are read past, except
a parenthesis that is itself the share (``80亿元（占50%）``); 万/亿 are converted.

The tolerance comes from the precision shown. The part and the whole stand
for ranges of half a unit of their last digit (a whole count such as 30家 is
exact), which gives a range of ratios. The share stands for half a unit of
its own last digit, or one whole unit when it is marked 约. A share is wrong
only when the two ranges do not meet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding
from .base import RuleContext, rule
from .totals import _fmt, _label, decimals, tolerance

_MAG = {"": 1.0, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_COUNTED = frozenset("人次 人 户 家 个 项 所 座 套 件 辆 台 张 名 间 处 条 册".split())


@dataclass(frozen=True)
class Share:
    """A share sentence and what it was checked against."""

    share_text: str
    stated: float
    part_text: str
    part: float
    whole_text: str
    whole: float
    low: float
    high: float
    ok: bool


def _value(a: dict) -> float:
    return float(a["n"].replace(",", "")) * _MAG[a["mag"]]


def _spread(a: dict) -> float:
    """How far amount `a` as written may be from the true value: nothing for a whole count
    of things (30家), half a unit of the last digit shown otherwise (0.61亿元, 5万人)."""
    if not a["mag"] and "." not in a["n"] and a["base"] in _COUNTED:
        return 0.0
    return tolerance(a["n"]) * _MAG[a["mag"]]


def verdict(text: str, share: dict) -> Share:
    """Share `text` (a ``share`` mention's value `share`) checked against its part and whole."""
    pm, wm = share["part"], share["whole"]
    part, whole = _value(pm), _value(wm)
    tp, tw = _spread(pm), _spread(wm)
    low = 100 * max(part - tp, 0) / (whole + tw)
    high = 100 * (part + tp) / max(whole - tw, 1e-12)
    stated = float(share["p"])
    tol_share = 10 ** (-decimals(share["p"])) if share["approx"] else tolerance(share["p"])
    ok = stated + tol_share >= low and stated - tol_share <= high
    return Share(text, stated, pm["text"], part, wm["text"], whole, low, high, ok)


@rule(
    "TB07", "totals.share_mismatch", "totals", "warning",
    "所述占比与相关数字不符", "A stated share differs from the numbers it relates",
    "“A，约占B的N%”中的百分比应等于A除以B（在所示精度内）；不符说明百分比或其所依据的数字有误"
    "（公文内容应准确，见《党政机关公文处理工作条例》第十九条）。",
    fix="用所引数字重新计算百分比，改正有误的数字。",
    example_bad="总投资2.11亿元，已到位0.61亿元，约占总投资39%",
    example_good="总投资2.11亿元，已到位0.61亿元，约占总投资29%",
)
def share_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a stated share (占…%) equals the ratio of the numbers it relates.

    ## Known problems

    Cases deliberately left alone (tests/test_rules_totals_cases.py, strict xfails):

    - the part must stand right before 占; 同比增长20% between them is not read past
    - a whole written after 占 (占全市规上企业400家的40%) is not read
    - 分别占 lists several shares and is skipped
    - the whole is named 地区生产总值（GDP） and the share 占GDP: abbreviations are not matched
    - 占比超40% is read as a bound
    - a share inside a parenthesis with its own part is not read
    """
    for d, mention in ctx.mentions("share"):
        line = ctx.records.start_line(d["file"], int(mention["line"]))
        s = verdict(mention["text"], mention["data"])
        if s.ok:
            continue
        computed = 100 * s.part / s.whole
        yield ctx.finding(
            d["file"], line,
            f"“{s.share_text}”：按 {s.part_text} ÷ {s.whole_text} 计算为 {_fmt(round(computed, 2))}%"
            f"（按所示精度可在 {s.low:.1f}%–{s.high:.1f}% 之间），与所述 {_fmt(s.stated)}% 不符。",
            needle=s.share_text, document=_label(ctx, d["doc_id"]),
            suggestion=f"{computed:.{decimals(s.share_text)}f}%",
            data={"stated": s.stated, "computed": round(computed, 2), "unit": "%", "part": s.part,
                  "whole": s.whole, "part_text": s.part_text, "whole_text": s.whole_text},
        )
