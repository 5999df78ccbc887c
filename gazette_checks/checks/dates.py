"""Date rules (DT): 成文日期, dates quoted in the text and the masthead's publication date."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

import pandas as pd
import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int as _int
from ..records import row_dicts, tuples
from .base import RuleContext, rule
from .shared_rows import is_missing as _is_missing
from .shared_rows import table_rows

_GB_DATE = "GB/T 9704-2012 §7.3.5.1 规定成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即1不编为01）。"

#: Issue numbers per year and the months an issue of number N covers, by 刊期.
_PER_YEAR = {"双月刊": 6, "月刊": 12, "半月刊": 24, "季刊": 4, "旬刊": 36, "年刊": 1}


def _months(freq: str, n: int) -> tuple[int, ...]:
    """Months in which issue `n` of a `freq` gazette may be dated."""
    if freq == "双月刊":
        return (2 * n - 1, 2 * n)
    if freq == "月刊":
        return (n,)
    if freq == "半月刊":
        return ((n + 1) // 2,)
    if freq == "季刊":
        return (3 * n - 2, 3 * n - 1, 3 * n)
    if freq == "旬刊":
        return ((n + 2) // 3,)
    return ()


def _date(value) -> _dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None



# ----------------------------------------------------------------------------- DT01
@rule(
    "DT01", "dates.signed_after_publication", "dates", "error",
    "成文日期晚于本期出版日期", "A document is dated after the issue it appears in",
    "公报刊登的是已经印发的公文，成文日期（GB/T 9704-2012 §7.3.5.1：会议通过或发文机关负责人签发的日期）"
    "不可能晚于刊登它的那一期的出版日期。成文日期或出版日期至少有一处有误。",
    fix="核对该文件的成文日期和本期刊头的出版日期，改正错误的一处；若文件确实晚于出版日期，应移到下一期刊登。",
    example_bad="刊头：2024年5月31日 …… 文件落款：2024年6月3日",
    example_good="刊头：2024年5月31日 …… 文件落款：2024年5月20日",
)
def signed_after_publication(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for documents signed after the publication date of the issue that prints them."""
    issues, docs = ctx.records.issues, ctx.records.documents
    if not len(issues) or not len(docs):
        return
    masthead = _masthead_dates(issues)
    cols = ["file", "doc_id", "date", "date_line", "date_raw"]
    for file, doc_id, date, date_line, date_raw in tuples(docs[cols]):
        issue = masthead.get(file)
        if issue is None:
            continue
        signed, published = _date(date), _date(issue["date"])
        if signed is None or published is None or signed <= published:
            continue
        days = (signed - published).days
        yield ctx.finding(
            file, date_line,
            f"成文日期 {P.cn_date(signed)} 晚于本期出版日期 {P.cn_date(published)}（晚 {days} 天）。",
            needle=date_raw or "",
            document=ctx.records.document_label(doc_id),
            related=[_date_location(ctx, issue)],
            data={"signed": signed.isoformat(), "published": published.isoformat(), "days": days},
        )


def _masthead_dates(issues: pd.DataFrame) -> dict[str, dict]:
    """file → {file, line, date, date_raw} of the first ``issues`` row of the file that has a date."""
    out: dict[str, dict] = {}
    for file, line, date, date_raw in tuples(issues[["file", "line", "date", "date_raw"]]):
        if file not in out and not pd.isna(date):
            out[file] = {"file": file, "line": line, "date": date, "date_raw": date_raw}
    return out


# ----------------------------------------------------------------------------- DT02
@rule(
    "DT02", "dates.number_year_differs_from_date", "dates", "warning",
    "发文字号年份与成文日期年份不一致", "The year in the 发文字号 differs from the signing year",
    "发文字号中的年份（GB/T 9704-2012 §7.2.5）是发文的年度，通常与成文日期的年份相同。"
    "年初签发、沿用上一年文号的文件可能是正常的，因此一月上旬以前的上一年文号不报告；"
    "其他不一致多为文号或日期录入错误。",
    fix="核对发文字号的年份和成文日期，改正错误的一处。",
    options={"grace_days": 10},
    example_bad="某政发〔2023〕5号 …… 2024年6月3日",
    example_good="某政发〔2024〕5号 …… 2024年6月3日",
)
def number_year_differs_from_date(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the year in a 发文字号 is the year of the 成文日期.

    ## Known problems

    Last year's number on a document signed in the first ``grace_days`` days of January is not reported.

    ## Options

    - ``grace_days``: days into January during which a 发文字号 of the previous year is accepted
    """
    grace = int(ctx.option("grace_days"))
    for row in table_rows(ctx, "documents"):
        if _is_missing(row["number_year"]) or _is_missing(row["date"]):
            continue
        signed, year = _date(row["date"]), _int(row["number_year"])
        if signed is None or year is None or year == signed.year:
            continue
        if year == signed.year - 1 and signed.timetuple().tm_yday <= grace:
            continue  # last year's number on a document signed in the first days of January
        yield ctx.finding(
            row["file"], int(row["doc_number_line"] or row["line"]),
            f"发文字号年份 {year} 与成文日期 {P.cn_date(signed)} 的年份不一致。",
            needle=f"{year}",
            document=ctx.records.document_label(row["doc_id"]),
            related=[ctx.location(row["file"], row["date_line"], row["date_raw"] or "")]
            if _int(row["date_line"]) else [],
            data={"number_year": year, "signed": signed.isoformat()},
        )


# ----------------------------------------------------------------------------- DT03
@rule(
    "DT03", "dates.impossible_date", "dates", "error",
    "正文中的日期不存在", "A date in the text that does not exist",
    "公文中的日期必须是真实存在的日期（如不存在“2月30日”“4月31日”“13月”）。"
    "不存在的日期无法执行，通常是录入错误。成文日期和刊头日期由 PA03 报告。",
    fix="核对原始文件，改正月份或日期。",
    example_bad="本办法自2024年2月30日起施行。",
    example_good="本办法自2024年3月1日起施行。",
)
def impossible_date(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for dates in the text that do not exist (2月30日, 13月)."""
    for row in ctx.records.mention_rows("date"):
        if not _is_missing(row.value) or row.role == "signed":
            continue
        yield ctx.finding(
            row.file, row.line, f"日期“{P.squash(row.text)}”不存在。",
            needle=row.text, document=ctx.records.document_label(row.doc_id),
            data={"text": row.text},
        )


# ----------------------------------------------------------------------------- DT04
_CN_CHARS = re.compile(r"[〇○零Ｏ一二三四五六七八九十]")


@rule(
    "DT04", "dates.signing_date_format", "dates", "warning",
    "成文日期写法不规范", "成文日期 not written as GB/T 9704-2012 requires",
    _GB_DATE + "2012年7月1日该标准实施后，成文日期不再用汉字数字（二〇二二年）书写，也不写“09月05日”。",
    fix="改为阿拉伯数字、月日不补零的写法，如“2022年9月5日”。",
    options={"since": "2012-07-01"},
    example_bad="2022年09月05日 / 二〇二二年九月五日",
    example_good="2022年9月5日",
)
def signing_date_format(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a 成文日期 is written with Arabic numerals and without leading zeros, as GB/T 9704-2012 requires.

    ## Known problems

    Documents signed before ``since`` (when the standard took effect) are not checked.

    ## Options

    - ``since``: ISO date from which the GB/T 9704-2012 form is required
    """
    since = _date(str(ctx.option("since"))) or _dt.date(2012, 7, 1)
    for row in table_rows(ctx, "documents"):
        raw = row["date_raw"]
        if _is_missing(raw):
            continue
        m = P.DATE.search(raw)
        if not m:
            continue
        signed = _date(row["date"])
        y, mo, d = (P.squash(m[k]).translate(P._FW) for k in ("y", "m", "d"))
        problems = []
        if _CN_CHARS.search(raw):
            if signed is None or signed < since:
                continue
            problems.append("使用了汉字数字")
        else:
            if len(mo) == 2 and mo.startswith("0") or len(d) == 2 and d.startswith("0"):
                problems.append("月、日编了虚位（补了 0）")
            if re.search(r"[０-９]", raw):
                problems.append("使用了全角数字")
        if not problems:
            continue
        good = P.cn_date(signed) if signed else ""
        yield ctx.finding(
            row["file"], row["date_line"],
            f"成文日期“{P.squash(raw)}”{'、'.join(problems)}，应写作“{good or '阿拉伯数字、不补零的日期'}”。",
            needle=raw, document=ctx.records.document_label(row["doc_id"]), suggestion=good,
            data={"text": raw, "problems": problems},
        )


# ----------------------------------------------------------------------------- DT05 / DT06
def _quoted_vs_signed(ctx: RuleContext, role: str) -> Iterator[tuple[dict, _dt.date, _dt.date]]:
    """(mention row with its document's date, date_raw and date_line, quoted date, signing date) of
    each ``date`` mention of `role` whose document has a 成文日期, in table order."""
    quoted_rows = [r for r in ctx.records.mention_rows("date") if r.role == role]
    if not quoted_rows:
        return
    signing = ctx.shared(("signing_by_doc",), lambda: _signing_by_doc(ctx.records.documents))
    for r in quoted_rows:
        for doc in signing.get(r.doc_id, []):
            quoted, signed = _date(r.value), _date(doc["date"])
            if quoted is not None and signed is not None:
                yield r._asdict() | doc, quoted, signed


def _signing_by_doc(docs: pd.DataFrame) -> dict[str, list[dict]]:
    """doc_id → {date, date_raw, date_line} of the ``documents`` rows with that id."""
    out: dict[str, list[dict]] = {}
    for row in row_dicts(docs[["doc_id", "date", "date_raw", "date_line"]]):
        out.setdefault(row.pop("doc_id"), []).append(row)
    return out


@rule(
    "DT05", "dates.meeting_after_signing", "dates", "error",
    "会议通过日期晚于成文日期", "The meeting that adopted a document is dated after it was signed",
    "GB/T 9704-2012 §7.3.5.1 规定成文日期署会议通过或者发文机关负责人签发的日期；"
    "正文所述“经某年某月某日……会议讨论通过”的日期不可能晚于成文日期。",
    fix="核对会议日期和成文日期，改正错误的一处。",
    example_bad="经2024年3月8日市政府第12次常务会议讨论通过 …… 落款 2024年3月1日",
    example_good="经2024年3月8日市政府第12次常务会议讨论通过 …… 落款 2024年3月12日",
)
def meeting_after_signing(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for documents adopted at a meeting dated after the document was signed."""
    for row, meeting, signed in _quoted_vs_signed(ctx, "meeting"):
        if meeting <= signed:
            continue
        yield ctx.finding(
            row["file"], row["line"],
            f"会议日期 {P.cn_date(meeting)} 晚于成文日期 {P.cn_date(signed)}。",
            needle=row["text"], document=ctx.records.document_label(row["doc_id"]),
            related=[ctx.location(row["file"], row["date_line"], row["date_raw"] or "")]
            if _int(row["date_line"]) else [],
            data={"meeting": meeting.isoformat(), "signed": signed.isoformat()},
        )


@rule(
    "DT06", "dates.effective_before_signing", "dates", "warning",
    "施行日期早于成文日期", "The entry-into-force date is before the signing date",
    "“自某年某月某日起施行”的日期早于成文日期，意味着文件在印发前就已生效（溯及既往），"
    "通常是施行日期或成文日期录入错误；确需溯及的，应在文中说明。",
    fix="核对施行日期和成文日期；施行日期一般不早于成文日期。",
    example_bad="本细则自2024年1月1日起施行。…… 落款 2024年3月1日",
    example_good="本细则自2024年4月1日起施行。…… 落款 2024年3月1日",
)
def effective_before_signing(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for documents that take effect before the date they were signed."""
    for row, effective, signed in _quoted_vs_signed(ctx, "effective"):
        if effective >= signed:
            continue
        yield ctx.finding(
            row["file"], row["line"],
            f"施行日期 {P.cn_date(effective)} 早于成文日期 {P.cn_date(signed)}。",
            needle=row["text"], document=ctx.records.document_label(row["doc_id"]),
            related=[ctx.location(row["file"], row["date_line"], row["date_raw"] or "")]
            if _int(row["date_line"]) else [],
            data={"effective": effective.isoformat(), "signed": signed.isoformat()},
        )


# ----------------------------------------------------------------------------- DT07 / DT08
@rule(
    "DT07", "dates.publication_month_vs_issue_number", "dates", "warning",
    "出版日期与期号不符", "The publication date does not fit the issue number and frequency",
    "期刊按刊期出版：双月刊第N期覆盖第2N-1至2N月（一般在第2N月出版），月刊第N期在第N月，"
    "半月刊第N期在第(N+1)/2月，季刊第N期在第3N-2至3N月。出版日期与期号不符，说明其中一处有误。",
    fix="核对刊头的期号和出版日期。",
    example_bad="（双月刊）第3期 …… 2024年10月30日",
    example_good="（双月刊）第3期 …… 2024年6月30日",
)
def publication_month_vs_issue_number(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the publication month fits the issue number and the frequency (月刊, 双月刊…)."""
    for row in row_dicts(ctx.records.issues):
        freq, n, published = row["frequency"], _int(row["number"]), _date(row["date"])
        if not isinstance(freq, str) or n is None or published is None:
            continue
        months = _months(freq, n)
        if not months or n > _PER_YEAR.get(freq, 99) or published.month in months:
            continue
        span = f"{months[0]}月" if len(months) == 1 else f"{months[0]}—{months[-1]}月"
        yield ctx.finding(
            row["file"], row["line"],
            f"{freq}第{n}期应在{span}出版，刊头出版日期却是 {P.cn_date(published)}。",
            needle=_issue_number_text(ctx, row, n),
            related=[_date_location(ctx, row)],
            data={"frequency": freq, "number": n, "published": published.isoformat(),
                  "expected_months": list(months)},
        )


def _issue_number_text(ctx: RuleContext, row: dict, n: int) -> str:
    """第N期 as the masthead line of issue `row` writes it (the parser's ``front_number`` row), or ''."""
    m = ctx.records.mentions
    if not len(m):
        return ""
    hit = m[(m["kind"] == "front_number") & (m["role"] == "第N期") & (m["file"] == row["file"])
            & (m["line"] == row["line"]) & (m["value"] == str(n))]
    return str(hit["text"].iloc[0]) if len(hit) else ""


def _date_location(ctx: RuleContext, row: dict):
    """Where the masthead date is (searched near the issue line)."""
    raw = row.get("date_raw") or ""
    if raw:
        for k in range(int(row["line"]), int(row["line"]) + 12):
            if raw in ctx.line_text(row["file"], k):
                return ctx.location(row["file"], k, raw)
    return ctx.location(row["file"], row["line"])


@rule(
    "DT08", "dates.issue_number_out_of_range", "dates", "error",
    "期号超出刊期允许的范围", "Issue number impossible for the frequency",
    "双月刊一年最多6期，月刊12期，半月刊24期，季刊4期；超出范围的期号必有错误。",
    fix="核对刊头的期号和刊期。",
    example_bad="（双月刊）第7期",
    example_good="（双月刊）第6期",
)
def issue_number_out_of_range(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for issue numbers impossible for the frequency (第7期 of a 双月刊)."""
    for row in row_dicts(ctx.records.issues):
        freq, n = row["frequency"], _int(row["number"])
        if not isinstance(freq, str) or n is None or freq not in _PER_YEAR:
            continue
        top = _PER_YEAR[freq]
        if 1 <= n <= top:
            continue
        yield ctx.finding(
            row["file"], row["line"], f"{freq}每年最多{top}期，刊头却是第{n}期。",
            needle=_issue_number_text(ctx, row, n),
            data={"frequency": freq, "number": n, "max": top},
        )


# ----------------------------------------------------------------------------- DT09
@rule(
    "DT09", "dates.masthead_numbers_disagree", "dates", "error",
    "同一期刊内期号、总期号不一致", "Issue or total number differs between cover and masthead",
    "封面、刊头等处印的“第N期”“总第N期”和年份必须一致，否则无法确定本期的期号。",
    fix="核对封面和刊头，统一期号、总期号和年份。",
    options={"front_lines": 120},
    example_bad="封面：2024 第6期（总第21期） …… 刊头：第6期 总第22期",
    example_good="封面：2024 第6期（总第21期） …… 刊头：第6期 总第21期",
)
def masthead_numbers_disagree(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the issue number, total number and year agree wherever the front matter prints them.

    ## Options

    - ``front_lines``: how many lines at the start of a file are read as front matter (cover and masthead)
      when no TOC or document starts earlier
    """
    recs = ctx.records
    limit = int(ctx.option("front_lines"))
    if not len(recs.mentions) or not len(recs.issues):
        return
    front = ctx.records.mention_rows("front_number")
    for row in row_dicts(recs.issues):
        file = row["file"]
        end = limit
        for df in (recs.toc, recs.documents):
            first = _first_line(df, file)
            if first is not None:
                end = min(end, int(first) - 1)
        published = _date(row["date"])
        known = {"第N期": _int(row["number"]), "总第N期": _int(row["total_number"]),
                 "年份": published.year if published else _int(row["year"])}
        for r in front:
            if r.file != file or not r.line <= end:
                continue
            k, what, val = int(r.line), r.role, int(r.value)
            want = known[what]
            if want is None or val == want or k == row["line"] and what != "年份":
                continue
            shown = {"第N期": f"第{want}期", "总第N期": f"总第{want}期", "年份": f"{want}年"}[what]
            yield ctx.finding(
                file, k, f"此处的{what.replace('N', str(val)) if what != '年份' else f'{val}年'}与刊头的{shown}不一致。",
                needle=r.text, related=[ctx.location(file, row["line"])],
                data={"field": what, "here": val, "masthead": want},
            )


def _first_line(df: pd.DataFrame, file: str):
    """``df[df["file"] == file]["line"].min()``: the smallest line of `file`'s rows (missing lines
    skipped, NA when every one is missing), or None when `file` has no row."""
    lines = [line for f, line in zip(df["file"], df["line"], strict=True) if f == file] if len(df) else []
    if not lines:
        return None
    present = [line for line in lines if not _is_missing(line)]
    return min(present) if present else pd.NA
