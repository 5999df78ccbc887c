"""Parse rules (PA): what the parser could not read is reported, never taken as a pass."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..records import row_dicts
from .base import RuleContext, rule

_WHY = "无法解析的内容不能视为通过检查：解析失败的部分未经任何规则检查，需要人工核对或修正原文。"


def _problems(ctx: RuleContext, *kinds: str) -> Iterator[dict]:
    df = ctx.records.problems
    if len(df):
        yield from row_dicts(df[df["kind"].isin(kinds)])


@rule(
    "PA01", "parse.toc_entry_without_page", "parse", "warning",
    "目录条目缺少页码", "Table-of-contents entry without a page number",
    "目录条目应标注页码，缺页码的条目无法核对目录与正文的对应关系。" + _WHY,
    fix="在目录条目末尾补上页码，如“……（12）”。",
    example_bad="- 某市人民政府关于做好甲工作的通知",
    example_good="- 某市人民政府关于做好甲工作的通知 ……（3）",
)
def toc_entry_without_page(ctx: RuleContext) -> Iterator[Finding]:
    """Reports table-of-contents entries the parser found without a page number."""
    for p in _problems(ctx, "toc_no_page"):
        yield ctx.finding(p["file"], p["line"], "目录条目没有页码，无法核对其在正文中的位置。",
                          data={"kind": p["kind"], "detail": p["message"]})


@rule(
    "PA02", "parse.document_without_date", "parse", "error",
    "未找到成文日期", "Document without a readable 成文日期",
    "《党政机关公文处理工作条例》第九条规定公文一般包括成文日期；GB/T 9704-2012 §7.3.5.1 规定成文日期"
    "署会议通过或发文机关负责人签发的日期。未找到成文日期的文件，日期类规则无法检查。",
    fix="核对原文落款下方是否有成文日期（如“2024年5月8日”），或是否被截断。",
    example_bad="某市人民政府（落款下没有日期，文件结束）",
    example_good="某市人民政府\n2024年5月8日",
)
def document_without_date(ctx: RuleContext) -> Iterator[Finding]:
    """Reports documents for which the parser found no 成文日期.

    ## Known problems

    A date the parser could not find may be a tool limit (an unusual layout) rather than a gazette error;
    the date rules skip such documents.
    """
    for p in _problems(ctx, "document_no_date"):
        yield ctx.finding(p["file"], p["line"], "未找到该文件的成文日期（落款日期），可能缺失或文本被截断。",
                          document=p["document"])


@rule(
    "PA03", "parse.unreadable_date", "parse", "error",
    "日期无法识别为真实日期", "A masthead or signing date that is not a real date",
    "成文日期和出版日期必须是真实存在的日期（GB/T 9704-2012 §7.3.5.1）；无法识别的日期无法参与日期核对。",
    fix="改正日期（例如“2月30日”不存在）。",
    example_bad="2024年2月30日",
    example_good="2024年2月29日",
)
def unreadable_date(ctx: RuleContext) -> Iterator[Finding]:
    """Reports masthead or signing dates that are not real dates."""
    for p in _problems(ctx, "document_bad_date", "masthead_date"):
        yield ctx.finding(p["file"], p["line"], "日期无法识别：" + p["message"], document=p["document"] or "")


@rule(
    "PA04", "parse.nothing_recognised", "parse", "error",
    "未识别出任何期刊信息或文件", "Nothing recognised in the file",
    "文件中既没有识别出期刊刊头、目录，也没有识别出任何公文，检查结果不能视为通过。",
    fix="确认输入是公报正文的文本（不是扫描图像或其他文件），必要时重新导出文本。",
    example_bad="（一份扫描件转出的文本，全是乱码或只有图片说明）",
    example_good="某市人民政府公报 …… 目录 …… 某市人民政府关于……的通知",
)
def nothing_recognised(ctx: RuleContext) -> Iterator[Finding]:
    """Reports files in which the parser recognised no masthead, TOC or document."""
    for p in _problems(ctx, "no_content"):
        yield ctx.finding(p["file"], p["line"], "未识别出期刊刊头、目录或任何公文，本文件未被检查。")


@rule(
    "PA05", "parse.truncated_issue", "parse", "warning",
    "期刊文本在文件中途结束", "Issue text ends in the middle of a document",
    "最后一篇文件没有落款和成文日期，且目录中列出的文件多于正文，文本可能被截断；截断部分未被检查。",
    fix="核对源文件是否完整导出。",
    example_bad="目录列出5篇文件，正文第5篇没有落款和成文日期就结束了",
    example_good="目录列出5篇文件，正文5篇都有落款和成文日期",
)
def truncated_issue(ctx: RuleContext) -> Iterator[Finding]:
    """Reports an issue whose text ends in the middle of a document."""
    for p in _problems(ctx, "truncated"):
        yield ctx.finding(p["file"], p["line"], p["message"], document=p["document"] or "")


@rule(
    "PA06", "parse.rule_failed", "parse", "error",
    "有规则未能运行完毕", "A rule stopped with an internal error",
    "某条规则在检查这些文本时出错中止，它负责的问题没有查完；结果不完整，不能视为通过。这是本工具的缺陷，不是公报的问题。",
    fix="把这条提示和所用文本报告给 gazette-checks 的维护者；在修复前，可用 --ignore 暂时跳过出错的规则。",
    example_bad="规则 TB07 运行出错（ZeroDivisionError），它负责的检查没有完成。",
    example_good="所有规则都运行完毕。",
)
def rule_failed(ctx: RuleContext) -> Iterator[Finding]:
    """Reports a rule that stopped with an internal error, so that an incomplete run never passes.

    ## Known problems

    Its findings are made by the engine (see ``rule_failure``) when another rule raises; the command line
    then exits with 2.
    """
    return iter(())


def rule_failure(ctx: RuleContext, failed: str, exc: BaseException) -> Finding:
    """The PA06 finding for rule `failed`, which raised `exc`: at the first line of the first file."""
    files = ctx.records.files
    file = files[0] if files else ""
    return ctx.finding(
        file, 1, f"规则 {failed} 运行出错（{type(exc).__name__}: {exc}），它负责的检查没有完成。",
        data={"rule": failed, "error": type(exc).__name__, "detail": str(exc)[:200]},
    )


_LIMIT = "这是本工具的限制，不是公报的问题，不计入检查结论；相关部分需要人工核对。"


@rule(
    "PA07", "parse.date_not_placed", "parse", "info",
    "成文日期未能确定（工具限制）", "Signing date present but not placed by the parser",
    "文末有日期但未能确定哪一个是成文日期，或文本本身不印成文日期而只在导出信息中给出日期（网页、数据库导出）。"
    "这些文件的日期类规则未运行。" + _LIMIT,
    fix="人工核对该文件的成文日期；如系版式特殊，请把样例报告给 gazette-checks 的维护者。",
    example_bad="网页导出的通知正文末尾只有“特此通知。”，成文日期只在页面信息“发布日期：2024-05-10”中",
    example_good="落款下方印有成文日期“2024年5月8日”",
)
def date_not_placed(ctx: RuleContext) -> Iterator[Finding]:
    """Reports, once per document and outside the verdict, a 成文日期 the parser could not place.

    ## Known problems
    A date printed inside the last sentence (`本通知自2024年5月8日起施行`) is not a
    成文日期; a document that ends so and prints no date line is reported here when
    its text is an export, and by PA02 otherwise.
    """
    for p in _problems(ctx, "document_date_unread", "document_date_export"):
        if p["kind"] == "document_date_export":
            msg = "正文没有印成文日期（网页或数据库导出的文本常把日期放在页面信息里），日期类规则未检查本文件。"
        else:
            msg = "文末有日期，但未能确定它是成文日期，日期类规则未检查本文件。"
        yield ctx.finding(p["file"], p["line"], msg, document=p["document"] or "",
                          data={"kind": p["kind"], "detail": p["message"], "limit": True})


@rule(
    "PA08", "parse.text_not_checked", "parse", "info",
    "文字无法可靠识别，未检查", "Text that cannot be read reliably was not checked",
    "扫描识别（OCR）错乱的段落或表格中，字符和数字都不可信；在其中报告“错字”“跳号”只会是误报，"
    "所以各规则不检查这些部分。" + _LIMIT,
    fix="对照印刷版或PDF人工校对这部分，或重新识别文字后再检查。",
    example_bad="序号\t单位\t完成时限 / 3\t市财政屆\t6月2O日前 / l\t市民政▓局\t5月1O日前",
    example_good="序号\t单位\t完成时限 / 1\t市财政局\t6月20日前 / 2\t市民政局\t5月10日前",
)
def text_not_checked(ctx: RuleContext) -> Iterator[Finding]:
    """Reports once each region of text the tool cannot read reliably, which no rule checked.

    ## Known problems
    Recognition errors that leave valid characters (a wrong but real character, a
    plausible digit) are not detected; the rules then read them as the gazette's text.
    """
    for p in _problems(ctx, "low_confidence"):
        yield ctx.finding(p["file"], p["line"], p["message"].split("（")[0] + "，本工具未检查这部分。",
                          data={"kind": p["kind"], "detail": p["message"], "limit": True})
