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
)
def toc_entry_without_page(ctx: RuleContext) -> Iterator[Finding]:
    for p in _problems(ctx, "toc_no_page"):
        yield ctx.finding(p["file"], p["line"], "目录条目没有页码，无法核对其在正文中的位置。",
                          data={"kind": p["kind"], "detail": p["message"]})


@rule(
    "PA02", "parse.document_without_date", "parse", "error",
    "未找到成文日期", "Document without a readable 成文日期",
    "《党政机关公文处理工作条例》第九条规定公文一般包括成文日期；GB/T 9704-2012 §7.3.5.1 规定成文日期"
    "署会议通过或发文机关负责人签发的日期。未找到成文日期的文件，日期类规则无法检查。",
    fix="核对原文落款下方是否有成文日期（如“2024年5月8日”），或是否被截断。",
)
def document_without_date(ctx: RuleContext) -> Iterator[Finding]:
    for p in _problems(ctx, "document_no_date"):
        yield ctx.finding(p["file"], p["line"], "未找到该文件的成文日期（落款日期），可能缺失或文本被截断。",
                          document=p["document"])


@rule(
    "PA03", "parse.unreadable_date", "parse", "error",
    "日期无法识别为真实日期", "A masthead or signing date that is not a real date",
    "成文日期和出版日期必须是真实存在的日期（GB/T 9704-2012 §7.3.5.1）；无法识别的日期无法参与日期核对。",
    fix="改正日期（例如“2月30日”不存在）。",
)
def unreadable_date(ctx: RuleContext) -> Iterator[Finding]:
    for p in _problems(ctx, "document_bad_date", "masthead_date"):
        yield ctx.finding(p["file"], p["line"], "日期无法识别：" + p["message"], document=p["document"] or "")


@rule(
    "PA04", "parse.nothing_recognised", "parse", "error",
    "未识别出任何期刊信息或文件", "Nothing recognised in the file",
    "文件中既没有识别出期刊刊头、目录，也没有识别出任何公文，检查结果不能视为通过。",
    fix="确认输入是公报正文的文本（不是扫描图像或其他文件），必要时重新导出文本。",
)
def nothing_recognised(ctx: RuleContext) -> Iterator[Finding]:
    for p in _problems(ctx, "no_content"):
        yield ctx.finding(p["file"], p["line"], "未识别出期刊刊头、目录或任何公文，本文件未被检查。")


@rule(
    "PA05", "parse.truncated_issue", "parse", "warning",
    "期刊文本在文件中途结束", "Issue text ends in the middle of a document",
    "最后一篇文件没有落款和成文日期，且目录中列出的文件多于正文，文本可能被截断；截断部分未被检查。",
    fix="核对源文件是否完整导出。",
)
def truncated_issue(ctx: RuleContext) -> Iterator[Finding]:
    for p in _problems(ctx, "truncated"):
        yield ctx.finding(p["file"], p["line"], p["message"], document=p["document"] or "")


@rule(
    "PA06", "parse.rule_failed", "parse", "error",
    "有规则未能运行完毕", "A rule stopped with an internal error",
    "某条规则在检查这些文本时出错中止，它负责的问题没有查完；结果不完整，不能视为通过。这是本工具的缺陷，不是公报的问题。",
    fix="把这条提示和所用文本报告给 gazette-checks 的维护者；在修复前，可用 --ignore 暂时跳过出错的规则。",
)
def rule_failed(ctx: RuleContext) -> Iterator[Finding]:
    """Findings of this rule are made by :func:`rule_failure` when another rule raises."""
    return iter(())


def rule_failure(ctx: RuleContext, failed: str, exc: BaseException) -> Finding:
    """The PA06 finding for rule `failed`, which raised `exc`: at the first line of the first file."""
    files = ctx.records.files
    file = files[0] if files else ""
    return ctx.finding(
        file, 1, f"规则 {failed} 运行出错（{type(exc).__name__}: {exc}），它负责的检查没有完成。",
        data={"rule": failed, "error": type(exc).__name__, "detail": str(exc)[:200]},
    )
