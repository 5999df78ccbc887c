"""Shares stated in the text against the numbers they relate (TB07).

``投资2.11亿元……已经到位0.61亿元，约占楼本体投资29%``: the part (0.61亿元) is
the amount just before 占, the whole an amount in the same unit earlier in the
paragraph. The share is checked only when the whole can be told apart: it is
the only such amount, or the only one whose context shares words with the
name after 占 (``楼本体投资``). Parentheses are read past, and 万/亿 are
converted (5000万元 is 0.5亿元).

The tolerance comes from the precision shown. The part and the whole stand
for ranges of half a unit of their last digit (a whole count such as 30家 is
exact), which gives a range of ratios.
The share stands for half a unit of its own last digit, or one whole unit
when it is marked 约. A share is wrong only when the two ranges do not meet.
Bounds (``超过30%``, ``30%以上``) are not shares and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from .. import patterns as P
from ..findings import Finding
from .base import RuleContext, rule
from .totals import _fmt, _label, decimals, tolerance

_MAG = {"": 1.0, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_BASE = r"元|人次|人|户|家|个|项|吨|亩|公顷|平方米|平方公里|公里|千瓦|兆瓦|所|座|套|件|辆|台|张|名|间|处|条|册"
_COUNTED = frozenset("人次 人 户 家 个 项 所 座 套 件 辆 台 张 名 间 处 条 册".split())
_AMOUNT = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)(?P<mag>万亿|千|万|亿)?(?P<base>" + _BASE + r")(?![\d])")
_SHARE = re.compile(
    r"(?P<lead>[，,]?(?:约|大约|仅|共|合计|分别)?)占(?P<whole>[^，,。；;%％\d]{0,24}?)(?:的)?"
    r"(?:比重|比例|份额|总数|总量|总额)?(?:为|达|达到|约|约为|超过|不到|不足|近)?"
    r"(?P<p>\d+(?:\.\d+)?)[%％](?P<after>以上|以下|左右|多|上下)?"
)
_PAREN = re.compile(r"（[^（）]*）|\([^()]*\)")
_BOUND_BEFORE = re.compile(r"(?:超过|不到|不足|近|以上|以下|多于|少于|大于|小于|逾)$")


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


def _amount(m: re.Match) -> tuple[float, str]:
    return float(m["n"]) * _MAG[m["mag"] or ""], m["base"]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def shares(paragraph: str) -> Iterator[Share]:
    """The checkable shares of one paragraph (squashed text), with their verdicts."""
    text = paragraph
    while True:
        flat = _PAREN.sub("", text)
        if flat == text:
            break
        text = flat
    for m in _SHARE.finditer(text):
        if m["after"] or m["lead"].lstrip("，,") in ("分别",):
            continue
        if re.search(r"(?:超过|不到|不足|近)$", text[: m.start("p")]):
            continue
        before = text[: m.start()]
        sentence_start = max(before.rfind("。"), before.rfind("；"), before.rfind(";")) + 1
        parts = list(_AMOUNT.finditer(before, sentence_start))
        if not parts or parts[-1].end() != len(before):
            continue  # the share must follow its part directly: `0.61亿元，约占…`
        pm = parts[-1]
        if _BOUND_BEFORE.search(before[: pm.start()]):
            continue
        part, base = _amount(pm)
        name = re.sub(r"^(?:全市|全省|全国|全区|全县|本市|本地|本)", "", m["whole"])
        wholes = [w for w in _AMOUNT.finditer(text, 0, pm.start())
                  if _amount(w)[1] == base and _amount(w)[0] > part
                  and not _BOUND_BEFORE.search(text[: w.start()])
                  and not re.match(r"以上|以下|左右|多", text[w.end(): w.end() + 2])]
        if not wholes:
            continue
        stated = float(m["p"])
        approx = "约" in text[m.start(): m.start("p")]
        tol_share = 10 ** (-decimals(m["p"])) if approx else tolerance(m["p"])
        checked = [_verdict(m, pm, w, stated, tol_share) for w in wholes]
        if any(s.ok for s in checked):
            continue
        if len(wholes) > 1:
            grams = _bigrams(name)
            scored = [(len(grams & _bigrams(text[max(0, w.start() - 20): w.start()])), s)
                      for w, s in zip(wholes, checked, strict=True)]
            best = max(sc for sc, _ in scored)
            top = [s for sc, s in scored if sc == best]
            if best == 0 or len(top) != 1:
                continue
            checked = top
        yield checked[-1]


def _spread(m: re.Match) -> float:
    """How far the amount written in `m` may be from the true value: nothing for a whole count
    of things (30家), half a unit of the last digit shown otherwise (0.61亿元, 5万人)."""
    if not m["mag"] and "." not in m["n"] and m["base"] in _COUNTED:
        return 0.0
    return tolerance(m["n"]) * _MAG[m["mag"] or ""]


def _verdict(m: re.Match, pm: re.Match, wm: re.Match, stated: float, tol_share: float) -> Share:
    part, _ = _amount(pm)
    whole, _ = _amount(wm)
    tp, tw = _spread(pm), _spread(wm)
    low = 100 * max(part - tp, 0) / (whole + tw)
    high = 100 * (part + tp) / max(whole - tw, 1e-12)
    ok = stated + tol_share >= low and stated - tol_share <= high
    return Share(m.group(0).lstrip("，,"), stated, pm.group(0), part, wm.group(0), whole, low, high, ok)


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
    for d in ctx.records.documents.itertuples(index=False):
        if d.line != d.line or d.end_line != d.end_line:
            continue
        for line in range(int(d.line), int(d.end_line) + 1):
            raw = ctx.line_text(d.file, line)
            if "占" not in raw or "\t" in raw or not ("%" in raw or "％" in raw):
                continue
            for s in shares(P.squash(P.strip_markup(raw))):
                computed = 100 * s.part / s.whole
                yield ctx.finding(
                    d.file, line,
                    f"“{s.share_text}”：按 {s.part_text} ÷ {s.whole_text} 计算为 {_fmt(round(computed, 2))}%"
                    f"（按所示精度可在 {s.low:.1f}%–{s.high:.1f}% 之间），与所述 {_fmt(s.stated)}% 不符。",
                    needle=s.share_text, document=_label(ctx, d.doc_id),
                    suggestion=f"{computed:.{decimals(s.share_text)}f}%",
                    data={"stated": s.stated, "computed": round(computed, 2), "unit": "%", "part": s.part,
                          "whole": s.whole, "part_text": s.part_text, "whole_text": s.whole_text},
                )
