"""Synthetic findings and reports for renderer and baseline tests."""

from __future__ import annotations

from typing import Any

from gazette_checks.findings import Finding, Location, Severity
from gazette_checks.report import DocumentInfo, IssueInfo, Report

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'

#: Rule metadata as ``Rule.to_dict`` gives it, for the codes used below.
RULES: dict[str, dict[str, Any]] = {
    "DT01": {
        "code": "DT01",
        "name": "dates.published_before_signed",
        "category": "dates",
        "severity": "error",
        "title_zh": "发布日期早于成文日期",
        "title_en": "Published before it was signed",
        "reason": "公文应在成文后发布；发布日期早于成文日期，说明其中一个日期有误。",
        "fix": "核对原件，改正成文日期或发布日期。",
    },
    "NM02": {
        "code": "NM02",
        "name": "numbering.doc_number_gap",
        "category": "numbering",
        "severity": "warning",
        "title_zh": "发文字号序号不连续",
        "title_en": "Gap in document numbers",
        "reason": "同一机关同年发文字号应连续编号，缺号可能意味着漏登或录入错误。",
        "fix": "核对当年发文登记簿。",
    },
    "DP01": {
        "code": "DP01",
        "name": "departments.unknown_department",
        "category": "departments",
        "severity": "warning",
        "title_zh": "机构名称不规范",
        "title_en": "Department name not recognised",
        "reason": "机构名称应使用全称或规范化简称（《党政机关公文处理工作条例》第十条）。",
        "fix": "改用机构的规范名称。",
    },
    "TB01": {
        "code": "TB01",
        "name": "totals.total_mismatch",
        "category": "totals",
        "severity": "error",
        "title_zh": "合计数与各项之和不符",
        "title_en": "Total does not equal the sum of its parts",
        "reason": "表格中的合计数必须等于各分项之和，否则数据不可信。",
        "fix": "重新核算各分项与合计。",
    },
    "DL01": {
        "code": "DL01",
        "name": "deadlines.deadline_before_publication",
        "category": "deadlines",
        "severity": "warning",
        "title_zh": "办理时限早于发布日期",
        "title_en": "Deadline before publication",
        "reason": "时限在公报出版前已过，读者无法按期办理。",
        "fix": "核对时限，必要时加注说明。",
    },
    "TC01": {
        "code": "TC01",
        "name": "toc.page_mismatch",
        "category": "toc",
        "severity": "info",
        "title_zh": "目录页码与正文不符",
        "title_en": "Table of contents page differs from the text",
        "reason": "目录页码错误会让读者找不到文件。",
        "fix": "按正文实际页码更新目录。",
    },
    "XD01": {
        "code": "XD01",
        "name": "crossdoc.reprint_differs",
        "category": "crossdoc",
        "severity": "error",
        "title_zh": "转载文本与原文不一致",
        "title_en": "Reprint differs from the original",
        "reason": "同一文件在不同期次刊登时文字应完全一致。",
        "fix": "以原件为准，统一两处文字。",
    },
    "XD02": {
        "code": "XD02",
        "name": "crossdoc.cited_title_differs",
        "category": "crossdoc",
        "severity": "warning",
        "title_zh": "引用标题与原文件不符",
        "title_en": "Cited title differs from the cited document",
        "reason": "引用公文应先引标题、后引发文字号，标题须与原文件一致。",
        "fix": "按原文件标题改正引文。",
    },
    "PS01": {
        "code": "PS01",
        "name": "parse.unrecognised_block",
        "category": "parse",
        "severity": "info",
        "title_zh": "无法识别的版块",
        "title_en": "Unrecognised block",
        "reason": "解析器未能识别此段内容，其中的问题不会被检查到。",
        "fix": "",
    },
}


def make_finding(**kw: Any) -> Finding:
    """A finding with sensible defaults; keywords override any field."""
    defaults: dict[str, Any] = {
        "rule": "DT01",
        "category": "dates",
        "severity": Severity.ERROR,
        "file": "gazette/2022-05.txt",
        "line": 12,
        "message": "发布日期 2022年3月1日 早于成文日期 2022年3月5日",
        "excerpt": "2022年3月5日　　　　牡丹江市人民政府办公室 2022年3月1日印发",
        "document": "牡政办发〔2022〕3号",
        "suggestion": "核对原件中的成文日期与印发日期。",
    }
    defaults.update(kw)
    if "span" not in kw and defaults["excerpt"]:
        i = defaults["excerpt"].find("2022年3月1日")
        defaults["span"] = (i, i + len("2022年3月1日")) if i >= 0 else None
    return Finding(**defaults)


def sample_findings() -> list[Finding]:
    """Eleven realistic findings across categories and severities."""
    return [
        make_finding(),
        make_finding(
            rule="NM02",
            category="numbering",
            severity="warning",
            line=40,
            message="发文字号 牡政发〔2022〕7号 之前缺少第 6 号",
            excerpt="牡政发〔2022〕7号",
            span=(9, 11),
            document="牡政发〔2022〕7号",
            suggestion="确认第 6 号是否漏登。",
        ),
        make_finding(
            rule="DP01",
            category="departments",
            severity="warning",
            line=55,
            message="“市人社局”不是规范的机构名称",
            excerpt="由市人社局会同市财政局负责解释。",
            span=(1, 5),
            document="牡政发〔2022〕7号",
            suggestion="改为“市人力资源和社会保障局”。",
        ),
        make_finding(
            rule="TB01",
            category="totals",
            severity="error",
            line=88,
            message="“合计”行的合计写作 1,250，但 3 个分项之和为 1240。",
            excerpt="合计　　1,250　　　　320　　410　　510",
            span=(4, 9),
            document="牡政发〔2022〕7号",
            suggestion="1240",
            data={"stated": 1250.0, "computed": 1240.0, "parts": [320.0, 410.0, 510.0], "labels": ["东安区", "爱民区", "西安区"], "unit": "万元", "axis": "row"},
        ),
        make_finding(
            rule="DL01",
            category="deadlines",
            severity="warning",
            line=102,
            message="申报截止日期 2022年4月30日 早于本期出版日期 2022年5月10日",
            excerpt="请于2022年4月30日前报市政府办公室。",
            span=(2, 12),
            document="牡政办发〔2022〕9号",
            suggestion="",
        ),
        make_finding(
            rule="TC01",
            category="toc",
            severity="info",
            line=8,
            message="目录所列页码为 12，正文实际起始于第 14 页",
            excerpt="关于印发牡丹江市老旧小区改造实施方案的通知……………12",
            span=None,
            document="牡政办发〔2022〕9号",
            suggestion="将目录页码改为 14。",
        ),
        make_finding(
            rule="XD01",
            category="crossdoc",
            severity="error",
            line=130,
            message="与另一份（gazette/2022-04.txt 第77行）文字不一致：此处为“委办局”，另一份为“直属单位”。",
            excerpt="各县（市）区人民政府，市政府各委办局：现将《实施方案》印发给你们。",
            span=(15, 18),
            document="牡政发〔2022〕2号",
            related=[
                Location("gazette/2022-04.txt", 77, "各县（市）区人民政府，市政府各直属单位：现将《实施方案》印发给你们，请认真执行。", "牡政发〔2022〕2号"),
            ],
            data={
                "text_a": "各县（市）区人民政府，市政府各委办局：现将《实施方案》印发给你们。",
                "text_b": "各县（市）区人民政府，市政府各直属单位：现将《实施方案》印发给你们，请认真执行。",
                "kind": "replace",
            },
            suggestion="以原件为准统一两处文字。",
        ),
        make_finding(
            rule="XD02",
            category="crossdoc",
            severity="warning",
            line=140,
            message="引用的《牡丹江市老旧小区改造实施方案》与该字号的文件标题“牡丹江市老旧小区改造工作实施方案”不符：标题可能有错字。",
            excerpt="根据《牡丹江市老旧小区改造实施方案》（牡政办发〔2022〕9号）要求，",
            span=(3, 17),
            document="牡政发〔2022〕2号",
            related=[Location("gazette/2022-05.txt", 95, "关于印发牡丹江市老旧小区改造工作实施方案的通知", "牡政办发〔2022〕9号")],
            data={"text_a": "牡丹江市老旧小区改造实施方案", "text_b": "牡丹江市老旧小区改造工作实施方案", "doc_number": "牡政办发〔2022〕9号"},
            suggestion="《牡丹江市老旧小区改造工作实施方案》",
        ),
        make_finding(
            rule="PS01",
            category="parse",
            severity="info",
            line=150,
            message="无法识别的版块，未做检查",
            excerpt="■■■ 附件 3 扫描件 ■■■",
            span=None,
            document="",
            suggestion="",
        ),
        make_finding(
            rule="DP01",
            category="departments",
            severity="warning",
            line=161,
            message=f"机构名称 {XSS_SCRIPT} 无法识别",
            excerpt=f"抄送：{XSS_SCRIPT}{XSS_IMG}",
            span=(3, 3 + len(XSS_SCRIPT)),
            document=f"牡政函〔2022〕1号{XSS_IMG}",
            suggestion=f"删去 {XSS_IMG}",
        ),
        make_finding(
            rule="DT01",
            line=170,
            message="成文日期 2022年13月1日 不是有效日期",
            excerpt="二〇二二年十三月一日",
            span=(5, 8),
            document="牡政发〔2022〕2号",
            suggestion="核对月份。",
        ),
    ]


def sample_report(**kw: Any) -> Report:
    """A report over two gazette files with the sample findings."""
    defaults: dict[str, Any] = {
        "files": ["gazette/2022-04.txt", "gazette/2022-05.txt"],
        "findings": sample_findings(),
        "rules": {code: dict(meta) for code, meta in RULES.items()},
        "issues": [
            IssueInfo("gazette/2022-04.txt", "牡丹江市人民政府公报", 4, 19, 2022, "2022-04-10"),
            IssueInfo("gazette/2022-05.txt", "牡丹江市人民政府公报", 5, 20, 2022, "2022-05-10"),
        ],
        "documents": [
            DocumentInfo("gazette/2022-05.txt", 10, "牡政办发〔2022〕3号", "关于做好2022年春季森林防火工作的通知", "牡政办发〔2022〕3号", "2022-03-05"),
            DocumentInfo("gazette/2022-05.txt", 30, "牡政发〔2022〕7号", "牡丹江市人民政府关于2021年度财政预算执行情况的报告", "牡政发〔2022〕7号"),
            DocumentInfo("gazette/2022-05.txt", 95, "牡政办发〔2022〕9号", "关于印发牡丹江市老旧小区改造实施方案的通知", "牡政办发〔2022〕9号"),
            DocumentInfo("gazette/2022-05.txt", 125, "牡政发〔2022〕2号", "关于印发《实施方案》的通知", "牡政发〔2022〕2号"),
        ],
        "input_errors": ["gazette/2022-06.pdf: 不是文本文件（二进制内容），已跳过"],
        "suppressed": 2,
        "stale_baseline": [
            {"rule": "NM01", "document": "牡政发〔2021〕30号", "fingerprint": "0123456789abcdef", "excerpt": "牡政发〔2021〕30号", "message": "发文字号重复", "file": "gazette/2021-12.txt"},
        ],
        "tool_version": "0.1.0",
    }
    defaults.update(kw)
    return Report(**defaults)
