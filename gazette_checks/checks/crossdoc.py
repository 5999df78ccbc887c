"""Cross-document rules (XD): issues and documents compared with each other and with the archive.

All comparisons are joins and groupings on the record tables (by gazette name,
by 发文字号, by normalised title, by 机关代字 and year); no rule compares every
pair of documents.

Where two places disagree and either could be the wrong one (two documents
with one 发文字号, a serial/date inversion, one title under two numbers), the
finding is reported at *each* place, naming the other in ``related``; when the
place to fix is clear (the later issue's masthead, the citing sentence, the
gazette copy of a reprint) it is reported there only. This way checking one
issue against the archive reports the same findings for that issue as checking
all issues together.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import pandas as pd
import regex as re

from .. import align
from .. import patterns as P
from ..findings import Finding, Location
from ..records import as_int as _i
from .base import RuleContext, rule

#: Issues per year by 刊期, for numbering across a year boundary.
ISSUES_PER_YEAR = {"月刊": 12, "双月刊": 6, "季刊": 4, "半月刊": 24, "旬刊": 36, "年刊": 1}
_MAX_RELATED = 3


# --------------------------------------------------------------------------
# helpers
def _s(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _date(v: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(v) if isinstance(v, str) and v else None
    except ValueError:
        return None


def number_key(text: Any) -> str | None:
    """The canonical form of a 发文字号 (or 令 number) for joining: 机关代字〔年〕序号号.

    >>> number_key("牡政办综(2022)第23 号")
    '牡政办综〔2022〕23号'
    """
    if not isinstance(text, str) or not text.strip():
        return None
    parts = P.parse_doc_number(text)
    if parts:
        return P.canonical_doc_number(parts["agency"], parts["year"], parts["serial"])
    m = P.DECREE_NUMBER.search(P.squash(text))
    if m:
        return f"{m['agency']}第{int(m['serial'])}号"
    return None


_TITLE_DROP = re.compile(r"[《》<>〈〉\"'“”‘’「」『』]")


def title_key(text: Any) -> str:
    """A title folded for comparison: width, spaces, markup, quotes and book-title marks removed."""
    if not isinstance(text, str):
        return ""
    t = P.fold(P.strip_markup(text))
    return _TITLE_DROP.sub("", t)


def titles_compatible(a: str, b: str) -> bool:
    """True when folded titles `a` and `b` name the same document (equal, or one abbreviates the other)."""
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


# --------------------------------------------------------------------------
# join keys: what a store indexes, and what the rules below ask it for
def document_keys(row: dict) -> dict[str, Any]:
    """Join keys of one document row, as a store indexes them.

    ``number_key`` canonical 发文字号 (XD04, XD08, XD09); ``title_key`` folded
    title (XD05); ``fingerprint`` the reprint key of :func:`reprint_groups`
    (the 发文字号, else folded title and issuer); ``series`` 机关代字|year and
    ``serial`` with ``series_date`` for XD06, set only when XD06 can use the row.
    """
    key = number_key(row.get("doc_number"))
    tkey = title_key(row.get("title"))
    ikey = title_key(row.get("issuer")) if isinstance(row.get("issuer"), str) else ""
    fingerprint = key or (f"T:{tkey}|{ikey}" if len(tkey) >= 10 and ikey else None)
    serial, agency, d = _i(row.get("serial")), row.get("agency"), _date(row.get("date"))
    in_series = bool(key and serial is not None and isinstance(agency, str) and d)
    return {
        "number_key": key, "title_key": tkey or None, "fingerprint": fingerprint,
        "series": f"{agency}|{_i(row.get('number_year'))}" if in_series else None,
        "serial": serial if in_series else None,
        "series_date": d.isoformat() if in_series and d else None,
    }


def issue_keys(row: dict) -> dict[str, Any] | None:
    """Join keys of one masthead row (XD01–XD03): gazette, year, 第N期, 总第N期; None when unnumbered."""
    n = _i(row.get("number"))
    y = _i(row.get("year"))
    if y is None and _date(row.get("date")):
        y = _date(row.get("date")).year
    if n is None or y is None:
        return None
    name = row.get("name")
    gazette = name if isinstance(name, str) else _s(row.get("city"))
    return {"gazette": gazette, "year": y, "number": n, "total": _i(row.get("total_number"))}


def citation_key(row: dict[str, Any]) -> str | None:
    """Join key of one citation row: the canonical 发文字号 it cites."""
    return number_key(row.get("doc_number"))


@dataclass
class Wants:
    """What the XD rules join the records being checked with, asked of a store.

    A store answers with every archived row sharing one of these keys (and
    the nearest neighbours of each issue and 发文字号 series); the rules then
    run over the records plus those candidates, never over the whole archive.
    """

    #: 发文字号 and reprint fingerprints of the documents (same 文号, likely originals of a reprint).
    fingerprints: set[str] = field(default_factory=set)
    #: 发文字号 the documents carry or cite (the cited document; other citations of it).
    numbers: set[str] = field(default_factory=set)
    #: folded titles of documents with a 发文字号 (one title under two numbers).
    titles: set[str] = field(default_factory=set)
    #: (机关代字|year, serial): neighbours in a 发文字号 series.
    series: set[tuple[str, int]] = field(default_factory=set)
    #: (gazette, year, 第N期, 总第N期): neighbours in an issue series.
    issues: set[tuple[str, int, int, int | None]] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.fingerprints or self.numbers or self.titles or self.series or self.issues)


def wanted(records) -> Wants:
    """The join keys of `records` that the XD rules compare with other issues."""
    w = Wants()
    for r in records.documents.to_dict("records"):
        k = document_keys(r)
        if k["fingerprint"]:
            w.fingerprints.add(k["fingerprint"])
        if k["number_key"]:
            w.numbers.add(k["number_key"])
            if k["title_key"]:
                w.titles.add(k["title_key"])
        if k["series"]:
            w.series.add((k["series"], k["serial"]))
    for r in records.citations.to_dict("records"):
        key = citation_key(r)
        if key:
            w.numbers.add(key)
    for r in records.issues.to_dict("records"):
        k = issue_keys(r)
        if k:
            w.issues.add((k["gazette"], k["year"], k["number"], k["total"]))
    return w


def _file_order(records) -> dict[str, tuple]:
    """Sort key of each file: standalone copies first, then gazette issues by publication date."""
    dates = {}
    for r in records.issues.to_dict("records"):
        dates.setdefault(r["file"], _s(r["date"]) or "0000")
    return {f: (f in dates, dates.get(f, ""), f) for f in records.files}


def _docs(records) -> pd.DataFrame:
    """Documents with join keys: ``key`` (canonical 发文字号), ``tkey`` (folded title)."""
    docs = records.documents
    if not len(docs):
        return docs.assign(key=pd.Series(dtype=object), tkey=pd.Series(dtype=object))
    out = docs.copy()
    out["key"] = out["doc_number"].map(number_key)
    out["tkey"] = out["title"].map(title_key)
    out["ikey"] = out["issuer"].map(lambda v: title_key(v) if isinstance(v, str) else "")
    return out


def _label(row: dict) -> str:
    return _s(row.get("doc_number")) or _s(row.get("title"))


def _line(row: dict, col: str) -> int:
    return _i(row.get(col)) or _i(row.get("line")) or 1


def _where(row: dict, col: str = "line") -> str:
    return f"{_name(row['file'])} 第{_line(row, col)}行"


def _name(file: str) -> str:
    """The file name without its folders: messages never carry paths."""
    return str(file).replace("\\", "/").rsplit("/", 1)[-1]


# --------------------------------------------------------------------------
# issues
_WHY_ISSUE = ("期刊的期号（第N期，每年从第1期起）和总期号（总第N期，创刊起连续编排）每出一期各加一；"
              "两者不同步、重复或倒退，说明刊头印错了期号或总期号，读者和档案据此检索会出错。")


def _issues(records) -> pd.DataFrame:
    iss = records.issues
    if not len(iss):
        return iss
    iss = iss[iss["number"].notna()].copy()
    iss["gazette"] = iss["name"].where(iss["name"].notna(), iss["city"]).fillna("")
    # plain ints or None (object columns): a float column would print 2024.0 and hide a missing total
    years = [_i(y) if _i(y) is not None else (_date(d).year if _date(d) else None)
             for y, d in zip(iss["year"], iss["date"], strict=True)]
    iss["y"] = pd.Series(years, index=iss.index, dtype=object)
    iss["n"] = pd.Series([_i(v) for v in iss["number"]], index=iss.index, dtype=object)
    iss["t"] = pd.Series([_i(v) for v in iss["total_number"]], index=iss.index, dtype=object)
    return iss[iss["y"].notna()]


def _issue_pairs(records) -> Iterator[tuple[dict, dict]]:
    """Adjacent issues of one gazette after sorting by year and 第N期 (one row per number)."""
    iss = _issues(records)
    if not len(iss):
        return
    for _, grp in iss.groupby("gazette", sort=False):
        grp = grp.sort_values(["y", "n", "file"]).drop_duplicates(["y", "n"])
        rows = grp.to_dict("records")
        yield from pairwise(rows)


def _issue_label(r: dict) -> str:
    t = f"（总第{r['t']}期）" if r.get("t") is not None else ""
    return f"{r['y']}年第{r['n']}期{t}"


@rule(
    "XD01", "crossdoc.issue_numbers_out_of_step", "crossdoc", "warning",
    "期号与总期号不同步", "Issue number and running total do not advance together",
    _WHY_ISSUE + "本规则按刊名把本次检查和存档中的各期排序，比较相邻两期：同一年内第N期相差几期，"
    "总第N期也应相差几期；跨年时按刊期（月刊12期、双月刊6期……）推算；出版日期也不应倒退。",
    fix="核对刊头的“第N期”“总第N期”和出版日期，改正印错的一项。",
    example_bad="2022年第3期（总第18期）之后是 2022年第5期（总第21期）",
    example_good="2022年第3期（总第18期）之后是 2022年第5期（总第20期）",
)
def issue_numbers_out_of_step(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the issue number and the running total advance together from one issue to the next."""
    for p, q in _issue_pairs(ctx.records):
        def related(p=p) -> list[Location]:  # read the other issue's line only for a finding
            return [ctx.location(p["file"], int(p["line"]), f"第{p['n']}期")]

        d = q["n"] - p["n"]
        expected = None
        if q["y"] == p["y"]:
            expected = d
        else:
            per_year = ISSUES_PER_YEAR.get(_s(q.get("frequency")) or _s(p.get("frequency")))
            if per_year:
                expected = (per_year - p["n"]) + q["n"] + per_year * (q["y"] - p["y"] - 1)
        if p["t"] is not None and q["t"] is not None:
            t = q["t"] - p["t"]
            if t <= 0 or (expected is not None and t != expected):
                sugg = f"总第{p['t'] + expected}期" if expected is not None and expected > 0 else ""
                yield ctx.finding(
                    q["file"], int(q["line"]),
                    f"{_issue_label(q)}与{_issue_label(p)}（{_name(p['file'])}）相比：期号相差{expected if expected is not None else d}期，"
                    f"总期号却相差{t}期。",
                    needle=f"总第{q['t']}期" if f"总第{q['t']}期" in ctx.line_text(q["file"], int(q["line"])) else "",
                    related=related(), suggestion=sugg,
                    data={"previous": _issue_label(p), "current": _issue_label(q), "issues_apart": expected,
                          "totals_apart": t},
                )
        dp, dq = _date(p.get("date")), _date(q.get("date"))
        if dp and dq and dq < dp:
            yield ctx.finding(
                q["file"], int(q["line"]),
                f"{_issue_label(q)}的出版日期 {dq.isoformat()} 早于前一期 {_issue_label(p)} 的出版日期 {dp.isoformat()}。",
                related=related(),
                data={"previous_date": dp.isoformat(), "current_date": dq.isoformat()},
            )


@rule(
    "XD02", "crossdoc.issue_number_reused", "crossdoc", "error",
    "期号或总期号重复", "Two issues carry the same issue number",
    _WHY_ISSUE + "同一刊物同一年的两期不能同为第N期，两期也不能同为总第N期。"
    "同一文件重复存档不算重复（存档按文件内容去重）。",
    fix="核对两期的刊头，改正印错的期号或总期号。",
    example_bad="两个不同的期刊文本都标“2022年第5期”",
    example_good="两个期刊文本分别标“2022年第5期”“2022年第6期”",
)
def issue_number_reused(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for two different issues carrying the same issue number."""
    iss = _issues(ctx.records)
    if not len(iss):
        return
    for cols, what in ((["gazette", "y", "n"], "期号"), (["gazette", "t"], "总期号")):
        sub = iss[iss["t"].notna()] if "t" in cols else iss
        for _, grp in sub.groupby(cols, sort=False):
            if grp["file"].nunique() < 2:
                continue
            rows = grp.sort_values("file").to_dict("records")
            if what == "总期号" and len({(r["y"], r["n"]) for r in rows}) < 2:
                continue  # the same 第N期 twice: reported once, as 期号
            for r in rows:
                others = [o for o in rows if o["file"] != r["file"]]
                yield ctx.finding(
                    r["file"], int(r["line"]),
                    f"{_issue_label(r)}的{what}与另一期（{_name(others[0]['file'])}，{_issue_label(others[0])}）重复。",
                    related=[ctx.location(o["file"], int(o["line"])) for o in others[:_MAX_RELATED]],
                    data={"issue": _issue_label(r), "others": [_issue_label(o) for o in others]},
                )


@rule(
    "XD03", "crossdoc.issue_gap", "crossdoc", "info",
    "期号有缺号（缺少某一期）", "Issues missing between the checked and archived issues",
    "按刊名排序后，相邻两期之间缺少的期次列出供核对：可能只是这一期没有送检或存档，"
    "也可能是期号印错。仅作提示。",
    fix="确认缺少的期次是否已出版；如已出版，可把它加入存档（archive add）以便对照检查。",
    example_bad="存档有2022年第3期和第5期，没有第4期",
    example_good="存档有2022年第3期、第4期和第5期",
)
def issue_gap(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for issues missing between the checked issue and the archived ones."""
    for p, q in _issue_pairs(ctx.records):
        missing: list[str] = []
        if q["y"] == p["y"]:
            missing = [f"第{k}期" for k in range(p["n"] + 1, q["n"])]
        else:
            per_year = ISSUES_PER_YEAR.get(_s(q.get("frequency")) or _s(p.get("frequency")))
            if per_year is None:
                continue
            missing = [f"{p['y']}年第{k}期" for k in range(p["n"] + 1, per_year + 1)]
            missing += [f"{y}年" for y in range(p["y"] + 1, q["y"])]
            missing += [f"{q['y']}年第{k}期" for k in range(1, q["n"])]
        if missing:
            shown = "、".join(missing[:6]) + ("等" if len(missing) > 6 else "")
            yield ctx.finding(
                q["file"], int(q["line"]),
                f"{_issue_label(p)}与{_issue_label(q)}之间缺少{shown}（本次检查和存档中都没有）。",
                related=[ctx.location(p["file"], int(p["line"]))],
                data={"missing": missing},
            )


# --------------------------------------------------------------------------
# documents
def _differing_fields(a: dict, b: dict) -> list[str]:
    out = []
    if not titles_compatible(a["tkey"], b["tkey"]):
        out.append("title")
    if a.get("date") and b.get("date") and a["date"] != b["date"]:
        out.append("date")
    if a.get("ikey") and b.get("ikey") and not titles_compatible(a["ikey"], b["ikey"]):
        out.append("issuer")
    return out


_FIELD_ZH = {"title": "标题", "date": "成文日期", "issuer": "发文机关"}
_FIELD_LINE = {"title": "title_line", "date": "date_line", "issuer": "line"}


@rule(
    "XD04", "crossdoc.doc_number_reused", "crossdoc", "error",
    "同一发文字号对应不同文件", "One 发文字号 used for different documents",
    "发文字号由发文机关代字、年份和发文顺序号组成，一个字号只编给一份公文"
    "（《党政机关公文处理工作条例》第九条；GB/T 9704-2012 §7.2.5）。同一字号在本刊、其他各期或存档中"
    "对应不同的标题、发文机关或成文日期，说明其中一处字号或内容印错。同一文件的转载（字号、标题、日期都相同）"
    "不在此列。两处都可能是错的一方，因此两处各报告一次。",
    fix="核对两处的发文字号、标题和成文日期，改正印错的一处。",
    example_bad="第5期：某政发〔2024〕3号《关于甲的通知》；第6期：某政发〔2024〕3号《关于乙的通知》",
    example_good="两期所载某政发〔2024〕3号的标题、日期一致（转载）",
)
def doc_number_reused(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for one 发文字号 used for different documents."""
    docs = _docs(ctx.records)
    if not len(docs):
        return
    docs = docs[docs["key"].notna() & docs["key"].duplicated(keep=False)]
    groups: dict[str, list[dict]] = {}
    for r in docs.to_dict("records"):
        groups.setdefault(r["key"], []).append(r)
    for key, rows in groups.items():
        for r in rows:
            diffs = [(o, _differing_fields(r, o)) for o in rows if o["doc_id"] != r["doc_id"]]
            diffs = [(o, f) for o, f in diffs if f]
            if not diffs:
                continue
            o, fields = diffs[0]
            parts = "、".join(_FIELD_ZH[f] for f in fields)
            col = _FIELD_LINE[fields[0]]
            shown = {"title": (r["title"], o["title"]), "date": (r.get("date"), o.get("date")),
                     "issuer": (r.get("issuer"), o.get("issuer"))}
            detail = "；".join(f"此处{_FIELD_ZH[f]}为“{shown[f][0]}”，另一处为“{shown[f][1]}”" for f in fields)
            yield ctx.finding(
                r["file"], _line(r, col),
                f"发文字号 {key} 也用于另一份文件（{_where(o)}），两者{parts}不同：{detail}。",
                needle=_s(r.get("date_raw")) if fields[0] == "date" else "",
                document=_label(r),
                related=[ctx.location(x["file"], _line(x, col), document=_label(x)) for x, _ in diffs[:_MAX_RELATED]],
                data={"doc_number": key, "fields": fields,
                      "text_a": f"{r['title']}｜{_s(r.get('date'))}", "text_b": f"{o['title']}｜{_s(o.get('date'))}"},
            )


@rule(
    "XD05", "crossdoc.title_under_two_numbers", "crossdoc", "warning",
    "同一标题出现在两个发文字号下", "One title under two different 发文字号",
    "同一年度内两份公文标题完全相同而发文字号不同：要么是同一份文件的两处转载中有一处字号印错，"
    "要么是标题从另一份文件误抄（GB/T 9704-2012 §7.3.2 标题应准确概括公文主要内容）。"
    "不同年度的同名文件（如年度工作计划）不报告；过短的标题不比较。两处各报告一次。",
    fix="核对两处的标题与发文字号，改正印错的一处。",
    options={"min_title_chars": 10},
    example_bad="某政发〔2024〕3号与某政发〔2024〕9号标题都是《关于甲的通知》",
    example_good="某政发〔2024〕3号为《关于甲的通知》，某政发〔2024〕9号为《关于乙的通知》",
)
def title_under_two_numbers(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for one title printed under two different 发文字号 in the same year.

    ## Known problems

    Documents of different years with the same title (annual plans) are not reported; titles shorter than
    ``min_title_chars`` are not compared.

    ## Options

    - ``min_title_chars``: shortest title, in characters after normalising, that is compared
    """
    docs = _docs(ctx.records)
    if not len(docs):
        return
    min_chars = int(ctx.option("min_title_chars"))
    docs = docs[docs["key"].notna() & (docs["tkey"].str.len() >= min_chars)]
    docs = docs[docs.duplicated(["tkey", "number_year"], keep=False)]
    groups: dict[tuple, list[dict]] = {}
    for r in docs.to_dict("records"):
        groups.setdefault((r["tkey"], r["number_year"]), []).append(r)
    for rows in groups.values():
        if len({r["key"] for r in rows}) < 2:
            continue
        for r in rows:
            others = [o for o in rows if o["key"] != r["key"]]
            o = others[0]
            same = r.get("date") == o.get("date") and r.get("date")
            msg = (f"与 {o['key']}（{_where(o)}）标题、成文日期都相同，但发文字号不同（此处为 {r['key']}）："
                   "同一文件的字号可能有一处印错。" if same else
                   f"与另一份文件 {o['key']}（{_where(o)}）标题完全相同，但发文字号、成文日期不同："
                   "标题可能从另一份文件误抄。")
            yield ctx.finding(
                r["file"], _line(r, "doc_number_line"), msg,
                needle=_s(r.get("doc_number")), document=_label(r),
                related=[ctx.location(x["file"], _line(x, "doc_number_line"), document=_label(x))
                         for x in others[:_MAX_RELATED]],
                data={"title": r["title"], "numbers": sorted({r["key"], *[x["key"] for x in others]})},
            )


@rule(
    "XD06", "crossdoc.serial_date_inversion", "crossdoc", "warning",
    "发文顺序号与成文日期顺序相反", "Higher serial number with an earlier date",
    "同一机关代字、同一年度的发文顺序号按登记先后编排（GB/T 9704-2012 §7.2.5），成文日期一般随序号递增。"
    "序号较大的文件成文日期明显早于序号较小的文件，常见原因是日期或序号有一处印错。"
    "公文在登记时编号、签发可能稍后，相差一两天的倒挂可能是正常的，因此只报告超过容差（默认3天）的倒挂；"
    "只比较按序号排序后相邻的两份文件。两份文件各报告一次。",
    fix="核对两份文件的成文日期和发文字号，改正印错的一处；确属正常的可在配置中调大容差。",
    options={"tolerance_days": 3},
    example_bad="某政办发〔2024〕23号 2024年10月31日；某政办发〔2024〕24号 2024年10月25日",
    example_good="某政办发〔2024〕23号 2024年10月21日；某政办发〔2024〕24号 2024年10月25日",
)
def serial_date_inversion(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for a higher serial number of one 机关代字 and year carrying an earlier 成文日期.

    ## Known problems

    Only neighbours in serial order are compared, and an inversion within ``tolerance_days`` is accepted
    (numbers are given at registration, signing may follow).

    ## Options

    - ``tolerance_days``: days by which a later serial number may be dated earlier without a finding
    """
    docs = _docs(ctx.records)
    if not len(docs):
        return
    tol = int(ctx.option("tolerance_days"))
    docs = docs[docs["key"].notna() & docs["serial"].notna() & docs["agency"].notna() & docs["date"].notna()].copy()
    if not len(docs):
        return
    docs["d"] = docs["date"].map(_date)
    docs = docs[docs["d"].notna()]
    docs["s"] = docs["serial"].astype(int)
    groups: dict[tuple, dict[int, list[dict]]] = {}
    for r in docs.to_dict("records"):
        groups.setdefault((r["agency"], r["number_year"]), {}).setdefault(r["s"], []).append(r)
    for copies in groups.values():
        if len(copies) < 2:
            continue
        reps = [(s, min(c, key=lambda r: (r["d"], r["file"]))) for s, c in sorted(copies.items())]
        for (s1, lo), (s2, hi) in pairwise(reps):
            days = (lo["d"] - hi["d"]).days
            if days <= tol:
                continue
            data = {"lower": lo["key"], "lower_date": lo["date"], "higher": hi["key"], "higher_date": hi["date"],
                    "days": days, "tolerance_days": tol}
            for r in copies[s1]:
                yield ctx.finding(
                    r["file"], _line(r, "date_line"),
                    f"{lo['key']} 的成文日期 {lo['date']} 晚于序号更大的 {hi['key']}（{hi['date']}，{_where(hi, 'date_line')}）"
                    f"{days}天：日期或发文字号可能有一处印错。",
                    needle=_s(r.get("date_raw")), document=_label(r),
                    related=[ctx.location(hi["file"], _line(hi, "date_line"), _s(hi.get("date_raw")), _label(hi))],
                    data=data,
                )
            for r in copies[s2]:
                yield ctx.finding(
                    r["file"], _line(r, "date_line"),
                    f"{hi['key']} 的成文日期 {hi['date']} 早于序号更小的 {lo['key']}（{lo['date']}，{_where(lo, 'date_line')}）"
                    f"{days}天：日期或发文字号可能有一处印错。",
                    needle=_s(r.get("date_raw")), document=_label(r),
                    related=[ctx.location(lo["file"], _line(lo, "date_line"), _s(lo.get("date_raw")), _label(lo))],
                    data=data,
                )


# --------------------------------------------------------------------------
# reprints
def reprint_groups(records) -> list[list[dict]]:
    """Copies of one document in different files, reference copy first.

    Copies share the 发文字号 (or, without one, the folded title and issuer)
    and have compatible titles and the same 成文日期. The reference is the
    standalone copy if there is one, else the copy in the earliest issue.
    """
    docs = _docs(records)
    if not len(docs) or docs["file"].nunique() < 2:
        return []
    order = _file_order(records)
    docs = docs.copy()
    docs["gkey"] = docs["key"].where(docs["key"].notna(), "T:" + docs["tkey"] + "|" + docs["ikey"])
    docs = docs[docs["key"].notna() | ((docs["tkey"].str.len() >= 10) & (docs["ikey"] != ""))]
    docs = docs[docs["gkey"].duplicated(keep=False)]
    groups: dict[str, list[dict]] = {}
    for r in docs.to_dict("records"):
        groups.setdefault(r["gkey"], []).append(r)
    out = []
    for rows in groups.values():
        if len({r["file"] for r in rows}) < 2:
            continue
        rows = sorted(rows, key=lambda r: (order.get(r["file"], (True, "", r["file"])), r["line"]))
        ref = rows[0]
        copies = [ref] + [r for r in rows[1:] if r["file"] != ref["file"]
                          and titles_compatible(r["tkey"], ref["tkey"]) and _s(r.get("date")) == _s(ref.get("date"))]
        if len(copies) > 1:
            out.append(copies)
    return out


def _stream(ctx: RuleContext, row: dict) -> align.Stream:
    start = _i(row.get("body_line")) or int(row["line"])
    end = _i(row.get("end_line")) or start
    return align.build_stream([(n, ctx.line_text(row["file"], n))
                               for n in ctx.records.reading_order(row["file"], start, end)])


@rule(
    "XD07", "crossdoc.reprint_text_differs", "crossdoc", "warning",
    "转载文本与原件不一致", "A reprinted document differs from another copy",
    "公报转载的公文应与原件一致（《党政机关公文处理工作条例》第三十四条：公文的翻印、转载应保持原文不变）。"
    "同一份文件（发文字号相同，或无字号时标题和发文机关相同）出现在两个文本中时，逐段对照正文："
    "先去掉提取噪声（空格、换行、分页断句、全半角、加粗等标记、LaTeX、括号与破折号形式），"
    "再报告每一处增、删、改的字词和数字。版式差异、一方省略的抄送/印发版记、表格中重复的表头不报告；"
    "表格按单元格文字对照。问题报告在期刊所载的一份（尚无期刊时为较晚的一份），另一份列为相关位置。",
    fix="对照原件核对所指字句，改正转载中的错误（或原件有误时说明）。",
    options={"max_differences": 60},
    example_bad="原件“加强甲乙两区交界地带环境治理”，公报转载为“加强甲两区交界地带环境治理”",
    example_good="两份只有空格、换行、全半角或加粗不同",
)
def reprint_text_differs(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a reprinted document says what its other copy says, word for word.

    ## Known problems

    Extraction noise (spaces, line breaks, full/half width, bold marks, bracket and dash forms) is ignored,
    and so are a 版记 left out by one copy and repeated table headers.

    ## Options

    - ``max_differences``: above this many differences (or a fifth of the text changed) the two copies are
      reported once as different texts, not difference by difference
    """
    limit = int(ctx.option("max_differences"))
    issues = _issue_files(ctx.records)
    for copies in reprint_groups(ctx.records):
        ref = copies[0]
        sb = _stream(ctx, ref)
        if not sb.text:
            continue
        for row in copies[1:]:
            sa = _stream(ctx, row)
            if not sa.text:
                continue
            diffs = align.differences(sa, sb)
            label = _label(row)
            changed = sum(max(len(d.text_a), len(d.text_b)) for d in diffs)
            if len(diffs) > limit or changed > 0.2 * min(len(sa.text), len(sb.text)):
                yield ctx.finding(
                    row["file"], _line(row, "title_line"),
                    f"与另一份（{_where(ref)}）的正文有{len(diffs)}处、共约{changed}字不同，"
                    "可能不是同一版本，未逐条列出。",
                    document=label, related=[ctx.location(ref["file"], _line(ref, "title_line"), document=_label(ref))],
                    data={"differences": len(diffs), "changed_chars": changed},
                )
                continue
            for d in diffs:
                yield _reprint_finding(ctx, d, sa, sb, row, ref, label, issues)


def _issue_files(records) -> set[str]:
    """Files that hold a gazette issue (a masthead row), as opposed to standalone copies."""
    return set(records.issues["file"]) if len(records.issues) else set()


def _reprint_finding(ctx, d: align.Difference, sa: align.Stream, sb: align.Stream, row: dict, ref: dict,
                     label: str, issues: set[str]) -> Finding:
    line_a = sa.line_at(d.a[0] if d.kind != "insert" else d.a[0] - 1)
    line_b = sb.line_at(d.b[0] if d.kind != "delete" else d.b[0] - 1)
    ctx_a, ctx_b = sa.context(*d.a), sb.context(*d.b)
    what = "数字" if align.has_number_change(d) else "文字"
    ta, tb = _short(d.text_a), _short(d.text_b)
    role_a, role_b = ("转载" if row["file"] in issues else "此处"), _role(ref, issues)
    where = f"{role_b}（{_name(ref['file'])} 第{line_b}行）"
    if d.kind == "replace":
        msg = f"与{where}{what}不一致：{role_a}为“{ta}”，{role_b}为“{tb}”。"
    elif d.kind == "delete":
        msg = f"{role_a}多出“{ta}”，{where}没有。"
    else:
        msg = f"{role_a}缺少“{tb}”，{where}有。"
    needle = d.text_a if len(d.text_a) <= 40 else ""
    return ctx.finding(
        row["file"], line_a, msg,
        excerpt=ctx_a, needle=needle, document=label,
        related=[Location(ref["file"], line_b, ctx_b, _label(ref))],
        data={"text_a": ctx_a, "text_b": ctx_b, "a": d.text_a, "b": d.text_b, "kind": d.kind,
              "number_changed": what == "数字",
              # the aligned edit inside each context, so renderers mark exactly it
              "span_a": _context_span(sa, *d.a), "span_b": _context_span(sb, *d.b),
              "role_a": role_a, "role_b": role_b},
    )


def _context_span(st: align.Stream, start: int, end: int, width: int = 18, limit: int = 160) -> list[int]:
    """Offsets of ``[start, end)`` inside ``st.context(start, end)`` (same `width`/`limit`)."""
    a = max(0, start - width)
    lead = 1 if a > 0 else 0
    s = lead + start - a
    e = min(lead + end - a, lead + limit)
    return [s, max(s, e)]


def _role(ref: dict, issues: set) -> str:
    """What the compared copy is to an editor: the original, or the copy printed earlier."""
    return "先刊载的一份" if ref["file"] in issues else "原件"


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


# --------------------------------------------------------------------------
# citations
def _citations(records) -> pd.DataFrame:
    cit = records.citations
    if not len(cit):
        return cit
    cit = cit.copy()
    cit["key"] = cit["doc_number"].map(number_key)
    cit["tkey"] = cit["title"].map(title_key)
    return cit[cit["key"].notna()]


def _cited_documents(records) -> pd.DataFrame:
    """Citations joined with the documents of the same 发文字号 (one row per pair)."""
    cit = _citations(records)
    docs = _docs(records)
    if not len(cit) or not len(docs):
        return pd.DataFrame()
    docs = docs[docs["key"].notna()]
    d = docs[["key", "doc_id", "file", "line", "title", "title_line", "attached_title", "quoted_title",
              "date", "doc_number"]].rename(columns=lambda c: c if c == "key" else "cited_" + c)
    m = cit.merge(d, on="key", how="inner")
    return m[m["doc_id"] != m["cited_doc_id"]]


def _title_matches(row: dict) -> bool:
    names = [title_key(row.get(c)) for c in ("cited_title", "cited_attached_title", "cited_quoted_title")]
    return any(titles_compatible(row["tkey"], n) for n in names if n)


@rule(
    "XD08", "crossdoc.citation_title_mismatch", "crossdoc", "warning",
    "引用的标题与文号不符", "A citation's title does not match its 发文字号",
    "引用公文应先引标题、后引发文字号（《党政机关公文处理工作条例》及 GB/T 9704-2012 §7.3.3 对引文的要求），"
    "且标题与字号须对应同一份文件。被引字号在本次检查或存档中是另一标题的文件，或同一字号在不同地方"
    "被引为不同标题，说明标题或字号有一处写错。标题比较前统一全半角、空格和书名号；"
    "只引用印发文件所附文本的标题、或省略发文机关的简称，都视为相符。",
    fix="核对被引文件的标题和发文字号，改正写错的一处。",
    example_bad="《关于乙的通知》（某政发〔2024〕3号），而某政发〔2024〕3号是《关于甲的通知》",
    example_good="《关于甲的通知》（某政发〔2024〕3号），与某政发〔2024〕3号的标题一致",
)
def citation_title_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the title of a cited document matches the document that carries the cited 发文字号."""
    m = _cited_documents(ctx.records)
    matched_keys: set[str] = set()
    if len(m):
        rows = m.to_dict("records")
        by_cit: dict[tuple, list[dict]] = {}
        for r in rows:
            by_cit.setdefault((r["file"], r["line"], r["col"]), []).append(r)
            matched_keys.add(r["key"])
        for group in by_cit.values():
            if any(_title_matches(r) for r in group):
                continue
            r = group[0]
            shown = _s(r["cited_attached_title"]) or _s(r["cited_title"])
            ratio = difflib.SequenceMatcher(None, r["tkey"], title_key(shown)).ratio()
            hint = "标题可能有错字" if ratio >= 0.8 else "字号或标题可能引错"
            yield ctx.finding(
                r["file"], int(r["line"]),
                f"引用的《{r['title']}》（{r['key']}）与该字号的文件（{_name(r['cited_file'])} 第{int(r['cited_line'])}行）"
                f"标题“{r['cited_title']}”不符：{hint}。",
                needle=_s(r["title"]), document=ctx.records.document_label(r["doc_id"]),
                related=[ctx.location(x["cited_file"], _line({"line": x["cited_line"],
                                                              "title_line": x["cited_title_line"]}, "title_line"))
                         for x in group[:_MAX_RELATED]],
                suggestion=f"《{shown}》" if ratio >= 0.8 else "",
                data={"text_a": r["title"], "text_b": _s(r["cited_title"]), "doc_number": r["key"]},
            )
    cit = _citations(ctx.records)
    if not len(cit):
        return
    cit = cit[~cit["key"].isin(matched_keys) & cit["key"].duplicated(keep=False)]
    groups: dict[str, list[dict]] = {}
    for r in cit.to_dict("records"):
        groups.setdefault(r["key"], []).append(r)
    for key, rows in groups.items():
        if len({r["tkey"] for r in rows}) < 2:
            continue
        for r in rows:
            others = [o for o in rows if not titles_compatible(o["tkey"], r["tkey"])]
            if not others:
                continue
            o = others[0]
            yield ctx.finding(
                r["file"], int(r["line"]),
                f"文号 {key} 在此引为《{r['title']}》，在 {_name(o['file'])} 第{int(o['line'])}行引为《{o['title']}》：标题或文号有一处写错。",
                needle=_s(r["title"]), document=ctx.records.document_label(r["doc_id"]),
                related=[ctx.location(x["file"], int(x["line"]), _s(x["title"])) for x in others[:_MAX_RELATED]],
                data={"text_a": r["title"], "text_b": o["title"], "doc_number": key},
            )


@rule(
    "XD09", "crossdoc.cites_later_document", "crossdoc", "warning",
    "引用了成文日期更晚的文件", "A document cites a document dated after it",
    "公文只能引用此前已经印发的文件。被引文件（按字号和标题在本次检查或存档中找到）的成文日期晚于引用它的"
    "公文的成文日期，说明其中一个日期或被引字号写错（GB/T 9704-2012 §7.3.5.1 成文日期）。",
    fix="核对引用文件与被引文件的成文日期和被引字号。",
    example_bad="2024年3月1日的通知引用了2024年5月8日印发的《关于甲的通知》（某政发〔2024〕9号）",
    example_good="2024年6月1日的通知引用了2024年5月8日印发的《关于甲的通知》（某政发〔2024〕9号）",
)
def cites_later_document(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for a document citing another one dated after it."""
    m = _cited_documents(ctx.records)
    if not len(m):
        return
    dates = dict(zip(ctx.records.documents["doc_id"], ctx.records.documents["date"], strict=True))
    for r in m.to_dict("records"):
        if not _title_matches(r):
            continue
        own, cited = _date(dates.get(r["doc_id"])), _date(r["cited_date"])
        if not own or not cited or cited <= own:
            continue
        yield ctx.finding(
            r["file"], int(r["line"]),
            f"本文件成文日期为 {own.isoformat()}，引用的 {r['key']}（{_name(r['cited_file'])} 第{int(r['cited_line'])}行）"
            f"成文日期却是 {cited.isoformat()}，晚了{(cited - own).days}天。",
            needle=_s(r["doc_number"]), document=ctx.records.document_label(r["doc_id"]),
            related=[ctx.location(r["cited_file"], int(r["cited_line"]))],
            data={"citing_date": own.isoformat(), "cited_date": cited.isoformat(), "doc_number": r["key"]},
        )
