"""Tests of the table-of-contents rules (TC): synthetic gazettes, hits and look-alikes."""

from __future__ import annotations

from pathlib import Path

from gazette_checks.checks.toc import (
    describe_diff,
    heading_carried_titles,
    norm_title,
    quoted_titles,
)
from gazette_checks.config import Config
from tests.rule_helpers import checked

MASTHEAD = """
江北市人民政府公报

(月刊)

第3期 总第40期

江北市人民政府办公室主办

2023年3月31日
"""


def notice(heading: str, number: str, quote: str, attached: str, body: str = "为规范管理，制定本办法。",
           organ: str = "江北市人民政府", date: str = "2023年2月10日") -> str:
    """A 印发 notice carrying one text, in the layout of the gazettes."""
    number_block = f"\n{number}\n" if number else ""
    return f"""
{heading}
{number_block}
各区人民政府，市政府各直属单位：

{quote}

{organ}

{date}

{attached}

{body}

第二条 本办法自印发之日起施行。
"""


def appointment(heading: str, number: str) -> str:
    return f"""
{heading}

{number}

市政府各有关直属单位：

市政府决定：

张三任江北市发展和改革委员会副主任，任职时间2023年2月1日。

江北市人民政府

2023年2月20日
"""


def gazette(toc: list[str], docs: list[str]) -> str:
    lines = [MASTHEAD, "目 录", "", "● 市政府文件", ""]
    for k, t in enumerate(toc, 1):
        lines += [f"- {t} ({k * 5})", ""]
    return "\n".join(lines) + "\n".join(docs)


DOC_A = notice("江北市人民政府关于印发江北市数字经济发展规划的通知", "江政规〔2023〕2号",
               "现将《江北市数字经济发展规划》印发给你们，请认真贯彻执行。", "江北市数字经济发展规划",
               body="为加快数字经济发展，制定本规划。")
DOC_B = notice("江北市人民政府关于印发江北市公共资源交易管理办法（试行）的通知", "江政规〔2023〕3号",
               "现将《江北市公共资源交易管理办法（试行）》印发给你们，请认真贯彻执行。",
               "江北市公共资源交易管理办法（试行）")
DOC_C = appointment("江北市人民政府关于张三等任免职的通知", "江政干〔2023〕1号")
TOC_A = "江北市人民政府关于印发江北市数字经济发展规划的通知"
TOC_B = "江北市人民政府关于印发江北市公共资源交易管理办法(试行)的通知"
TOC_C = "江北市人民政府关于张三等任免职的通知"


def run(text: str, select: str) -> list:
    return checked(text, Config(select=[select]), "g.txt")


# ------------------------------------------------------------------ helpers


def test_norm_title_folds_width_quotes_and_spaces():
    assert norm_title("关于印发《某某办法（试行）》的 通知") == norm_title("关于印发某某办法(试行)的通知")
    assert norm_title("“十四五”规划") == norm_title("十四五规划")


def test_describe_diff_names_inserted_characters():
    words, edits = describe_diff("优化营商环境规划", "优化营商环境环境规划", "目录", "正文标题")
    assert "多出“环境”" in words
    assert edits[0]["op"] == "insert"


def test_heading_carried_titles():
    assert heading_carried_titles("关于印发《甲办法》等文件的通知") == ["甲办法"]
    assert heading_carried_titles("某市人民政府关于印发某市乙方案的通知") == ["某市乙方案"]
    assert heading_carried_titles("某市人民政府办公室印发关于丙的实施办法的通知") == ["关于丙的实施办法"]
    assert heading_carried_titles("某市人民政府关于张三等任免职的通知") == []


def test_quoted_titles_skip_citations_and_short_names():
    line = ("根据《某省条例》（某政发〔2021〕3号），现将《某市老旧小区改造实施方案》"
            "（以下简称《实施方案》）印发给你们。")
    assert quoted_titles(line) == ["某市老旧小区改造实施方案"]


# ------------------------------------------------------------------ TC01-TC05


def test_clean_gazette_has_no_toc_findings():
    text = gazette([TOC_A, TOC_B, TOC_C], [DOC_A, DOC_B, DOC_C])
    assert run(text, "TC") == []


def test_tc01_entry_without_document():
    text = gazette([TOC_A, "江北市人民政府关于印发江北市河湖长制工作规则的通知", TOC_B], [DOC_A, DOC_B])
    found = run(text, "TC01")
    assert len(found) == 1
    assert "河湖长制" in found[0].message
    assert found[0].line == text.splitlines().index(
        "- 江北市人民政府关于印发江北市河湖长制工作规则的通知 (10)") + 1


def test_tc02_document_missing_from_toc():
    text = gazette([TOC_A, TOC_B], [DOC_A, DOC_B, DOC_C])
    found = run(text, "TC02")
    assert len(found) == 1
    assert "任免职" in found[0].message
    assert found[0].document == "江政干〔2023〕1号"


def test_tc02_not_run_without_toc():
    text = MASTHEAD + DOC_A + DOC_B
    assert run(text, "TC") == []


def test_tc03_duplicate_entry():
    text = gazette([TOC_A, TOC_B, TOC_B], [DOC_A, DOC_B])
    found = run(text, "TC")
    assert [f.rule for f in found] == ["TC03"]


def test_tc03_same_title_twice_in_body_is_not_duplicate():
    doc_c2 = appointment("江北市人民政府关于张三等任免职的通知", "江政干〔2023〕2号")
    text = gazette([TOC_C, TOC_C], [DOC_C, doc_c2])
    assert run(text, "TC") == []


def test_tc04_order_differs():
    text = gazette([TOC_B, TOC_A, TOC_C], [DOC_A, DOC_B, DOC_C])
    found = run(text, "TC04")
    assert len(found) == 1
    assert found[0].data["toc_position"] in (1, 2)


def test_tc05_title_differs_by_a_doubled_word():
    doc = notice("江北市人民政府关于印发江北市数字经济经济发展规划的通知", "江政规〔2023〕2号",
                 "现将《江北市数字经济发展规划》印发给你们，请认真贯彻执行。", "江北市数字经济发展规划")
    text = gazette([TOC_A, TOC_B], [doc, DOC_B])
    found = run(text, "TC05")
    tc05 = [f for f in found if f.rule == "TC05"]
    assert len(tc05) == 1
    f = tc05[0]
    assert "多出“经济”" in f.message
    assert f.data["text_a"] == TOC_A
    assert "经济经济" in f.data["text_b"]
    assert f.related and "经济经济" in f.related[0].excerpt
    # paired despite the difference: not reported as missing on either side
    assert not [x for x in run(text, "TC") if x.rule in ("TC01", "TC02")]


def test_one_mistyped_heading_is_one_finding():
    """TC05 (TOC against heading) and TC06 (heading against the attached text) see the same slip:
    the report shows it once, at the heading, with the TOC line as a related place."""
    doc = notice("江北市人民政府关于印发江北市数字经济经济发展规划的通知", "江政规〔2023〕2号",
                 "现将《江北市数字经济发展规划》印发给你们，请认真贯彻执行。", "江北市数字经济发展规划")
    text = gazette([TOC_A, TOC_B], [doc, DOC_B])
    found = [f for f in run(text, "TC") if f.rule in ("TC05", "TC06")]
    assert len(found) == 1
    f = found[0]
    assert f.rule == "TC06" and f.data["also"] == ["TC05"]
    assert "经济经济" in f.excerpt
    assert any(TOC_A[:8] in r.excerpt for r in f.related)


def test_tc05_width_and_spacing_are_not_differences():
    doc = notice("江北市人民政府关于印发江北市公共资源 交易管理办法(试行)的通知", "江政规〔2023〕3号",
                 "现将《江北市公共资源交易管理办法（试行）》印发给你们，请认真贯彻执行。",
                 "江北市公共资源交易管理办法（试行）")
    text = gazette(["江北市人民政府关于印发江北市公共资源交易管理办法（试行）的通知"], [doc])
    assert run(text, "TC05") == []


def test_tc05_quoted_title_marks_are_not_differences():
    text = gazette(["江北市人民政府关于印发《江北市数字经济发展规划》的通知"], [DOC_A])
    assert run(text, "TC05") == []


# ------------------------------------------------------------------ TC06


def test_tc06_attached_heading_with_extra_characters():
    doc = notice("江北市人民政府关于印发江北市社区服务体系建设规划的通知", "江政规〔2023〕4号",
                 "现将《江北市社区服务体系建设规划》印发给你们，请认真贯彻执行。",
                 "江北市社区服务体系规划建设规划")
    found = run(MASTHEAD + doc, "TC06")
    assert len(found) == 1
    f = found[0]
    assert "所附文本标题" in f.message and "多出“规划”" in f.message
    assert f.data["text_b"] == "江北市社区服务体系规划建设规划"
    assert f.suggestion == "江北市社区服务体系建设规划"
    assert len(f.related) == 2


def test_tc06_heading_with_missing_character():
    doc = notice("江北市人民政府关于印发江北市社区服务体系建规划的通知", "江政规〔2023〕4号",
                 "现将《江北市社区服务体系建设规划》印发给你们，请认真贯彻执行。",
                 "江北市社区服务体系建设规划")
    found = run(MASTHEAD + doc, "TC06")
    assert len(found) == 1
    assert "正文标题" in found[0].message and "缺少“设”" in found[0].message


def test_tc06_quote_is_an_abbreviation():
    doc = notice("江北市人民政府办公室关于印发江北市老旧小区改造实施方案的通知", "江政办发〔2023〕5号",
                 "现将《实施方案》印发给你们，请认真贯彻执行。", "江北市老旧小区改造实施方案")
    assert run(MASTHEAD + doc, "TC06") == []


def test_tc06_short_name_after_full_quote():
    doc = notice("江北市人民政府办公室关于印发江北市老旧小区改造实施方案的通知", "江政办发〔2023〕5号",
                 "现将《江北市老旧小区改造实施方案》（以下简称《实施方案》）印发给你们。",
                 "江北市老旧小区改造实施方案")
    assert run(MASTHEAD + doc, "TC06") == []


def test_tc06_notice_carrying_several_texts():
    doc = notice("关于印发《江北市普通高中选课指导意见（试行）》等文件的通知", "江教发〔2023〕2号",
                 "依据《某省教育厅关于印发课程方案的通知》（某教发〔2021〕9号）要求，制定了"
                 "《江北市普通高中选课指导意见（试行）》《江北市普通高中学分认定指导意见（试行）》等文件，"
                 "现印发给你们。", "江北市普通高中选课指导意见（试行）", organ="江北市教育局")
    assert run(MASTHEAD + doc, "TC06") == []


def test_tc06_width_of_brackets_ignored():
    doc = notice("江北市人民政府关于印发江北市产业振兴实施方案(2023-2027年)的通知", "江政发〔2023〕6号",
                 "现将《江北市产业振兴实施方案（2023-2027年）》印发给你们。",
                 "江北市产业振兴实施方案(2023-2027年)")
    assert run(MASTHEAD + doc, "TC06") == []


# ------------------------------------------------------------------ corpus


def test_corpus_toc_findings(corpus_records):
    import gazette_checks as g

    recs = corpus_records
    found = g.check(recs, Config(select=["TC"]))
    got = {(f.rule, Path(f.file).name[:3], f.line) for f in found}
    # 优化营商环境 环境规划 in the body heading: TC06 at the heading, TC05's TOC line merged into it
    assert ("TC06", "000", 137) in got
    assert ("TC06", "000", 1690) in got        # 服务体系规划建设规划
    assert len(found) == 2
    merged = next(f for f in found if f.line == 137)
    assert merged.data["also"] == ["TC05"] and any(r.line == 21 for r in merged.related)
