"""Numbering rules (NM): synthetic gazette snippets that must and must not be flagged."""

from __future__ import annotations

import pytest

from gazette_checks.api import check
from gazette_checks.checks.numbering import number_form_problems
from gazette_checks.config import Config
from tests.rule_helpers import rule_hits

TOC = """某某市人民政府公报

(月刊)

第5期 总第65期

某某市人民政府办公室主办

2024年5月31日

目 录

● 市政府文件

{entries}

"""


def notice(body: str = "现将有关事项通知如下。", *, number: str = "某政发〔2024〕5号", after: str = "",
           title: str = "关于做好测试工作的通知") -> str:
    """A document: heading, 发文字号, 主送, `body`, 落款, then `after` (the attached text)."""
    return f"""某某市人民政府
{title}

{number}

各县（市）、区人民政府，市政府各直属单位：

{body}

某某市人民政府

2024年5月8日

{after}
"""


def hits(text: str, code: str) -> list:
    return rule_hits(text, code)


# ---------------------------------------------------------------- NM01
@pytest.mark.parametrize("number, good", [
    ("某政发[2024]5号", "某政发〔2024〕5号"),
    ("某政发【2024】5号", "某政发〔2024〕5号"),
    ("某政发(2024)5号", "某政发〔2024〕5号"),
    ("某政发〔2024]5号", "某政发〔2024〕5号"),
    ("某政发〔2024〕第5号", "某政发〔2024〕5号"),
    ("某政发〔2024〕05号", "某政发〔2024〕5号"),
])
def test_nm01_doc_number_form(number, good):
    found = hits(notice(number=number), "NM01")
    assert len(found) == 1
    assert found[0].suggestion == good
    assert found[0].span is not None


@pytest.mark.parametrize("number", ["某政发〔2024〕5号", "某政发 〔2024〕 5 号", "某政办发〔2024〕105号"])
def test_nm01_lookalikes(number):
    assert hits(notice(number=number), "NM01") == []


def test_number_form_problems_helper():
    assert number_form_problems("不是文号") is None
    assert number_form_problems("某政发〔2024〕23 号") == ([], "某政发〔2024〕23号")
    problems, good = number_form_problems("某政发〔2024]第05号")
    assert len(problems) == 3 and good == "某政发〔2024〕5号"


# ---------------------------------------------------------------- NM02
@pytest.mark.parametrize("body", [
    "根据《某某省人民政府关于加强测试工作的意见》（某政发[2021]15号）精神，制定本方案。",
    "根据《某某省测试办法》（某政办规〔2021〕第3号）的规定，制定本方案。",
    "根据《某某省测试办法》（某政办规〔2021〕03号）和《某某市测试规定》，制定本方案。",
])
def test_nm02_cited_number_form(body):
    found = hits(notice(body=body), "NM02")
    assert len(found) == 1 and found[0].suggestion.endswith("号")
    assert "〔" in found[0].suggestion


def test_nm02_two_numbers_in_one_bracket():
    body = "根据《某某省测试意见》（某政发〔2021〕15号、某政办发(2022)3号）精神，制定本方案。"
    found = hits(notice(body=body), "NM02")
    assert [f.suggestion for f in found] == ["某政办发〔2022〕3号"]


@pytest.mark.parametrize("body", [
    "根据《某某省测试意见》（某政发〔2021〕15 号）精神，制定本方案。",
    "根据《测试条例》（国务院令第738号）的规定，制定本方案。",
    "报送《测试情况表》（2021年）。",
    "按照(2021)年度计划开展第5号工作。",
])
def test_nm02_lookalikes(body):
    assert hits(notice(body=body), "NM02") == []


# ---------------------------------------------------------------- NM03 / NM04
PLAN = """某某市测试工作方案

一、总体要求

（一）指导思想

{items}

（二）工作目标

1. 第一项任务

2. 第二项任务

二、重点任务

（一）加强组织

（二）落实责任
"""


@pytest.mark.parametrize("items, line_label, fault", [
    ("1. 甲\n\n2. 乙\n\n3. 丙\n\n2. 丁", "2.", "order"),
    ("1. 甲\n\n2. 乙\n\n4. 丙", "4.", "gap"),
    ("1. 甲\n\n2. 乙\n\n2. 丙", "2.", "repeat"),
])
def test_nm03_outline_faults(items, line_label, fault):
    found = hits(notice(after=PLAN.format(items=items)), "NM03")
    assert [f.data["fault"] for f in found] == [fault]
    assert found[0].excerpt.startswith(line_label)
    assert found[0].related


@pytest.mark.parametrize("items", [
    "1. 甲\n\n2. 乙\n\n3. 丙",
    "1. 甲\n\n(1) 乙\n\n2. 丙",                      # other kinds in between
    "1. 甲\n\n2. 乙\n\n（1）子项\n\n（2）子项\n\n3. 丙",  # children restart
    "- 1. 甲\n\n- 2. 乙",                            # markdown bullets
    "1. 甲\n\n2.乙（无空格）\n\n3．丙（全角点）",
    "序号\t任务\n1\t甲\n3\t乙",                       # table cells are not outline items
])
def test_nm03_lookalikes(items):
    assert hits(notice(after=PLAN.format(items=items)), "NM03") == []


def test_nm03_mixed_width_parens_are_one_list():
    plan = "测试方案\n\n一、总体要求\n\n（一）甲\n\n(二) 乙\n\n- (三) 丙\n\n（四）丁\n"
    assert hits(notice(after=plan), "NM03") == []
    plan_bad = "测试方案\n\n一、总体要求\n\n（一）甲\n\n(二) 乙\n\n- (四) 丙\n"
    assert len(hits(notice(after=plan_bad), "NM03")) == 1


def test_nm03_continuous_numbering_across_parents_is_accepted():
    plan = "测试方案\n\n一、总体要求\n\n（一）甲\n\n（二）乙\n\n二、重点任务\n\n（三）丙\n\n（四）丁\n"
    assert hits(notice(after=plan), "NM03") == []
    plan_gap = "测试方案\n\n一、总体要求\n\n（一）甲\n\n（二）乙\n\n二、重点任务\n\n（四）丙\n"
    assert [f.data["fault"] for f in hits(notice(after=plan_gap), "NM03")] == ["gap"]


def test_nm03_articles_run_through_chapters():
    rules = ("某某市测试管理办法\n\n第一章 总 则\n\n第一条 为了规范测试工作，制定本办法。\n\n第二条 本办法适用于本市。\n\n"
             "第二章 管 理\n\n第三条 测试应当公开。\n\n第四条 本办法自印发之日起施行。\n")
    assert hits(notice(after=rules), "NM03") == []
    bad = rules.replace("第三条", "第一条", 1)
    found = hits(notice(after=bad), "NM03")
    assert len(found) == 1 and found[0].data["expected"] == 3


def test_nm03_columns_run_through_document():
    plan = "测试规划\n\n一、现状\n\n专栏1 甲\n\n二、任务\n\n专栏2 乙\n\n专栏4 丙\n"
    found = hits(notice(after=plan), "NM03")
    assert [f.data["fault"] for f in found] == ["gap"]


def test_nm03_attachment_list_items_are_not_outline():
    body = "现将方案印发给你们。\n\n附件：1. 测试任务分工表\n\n2. 测试进度表\n\n3. 测试名单"
    assert hits(notice(body=body), "NM03") == []


def test_nm03_attachment_restarts_numbering():
    after = "测试方案\n\n一、甲\n\n二、乙\n\n附件2\n\n测试名单\n\n一、丙\n\n二、丁\n"
    assert hits(notice(after=after), "NM03") == []


def test_nm04_lone_subitem():
    plan = "测试方案\n\n一、总体要求\n\n（一）甲\n\n1. 唯一的子项\n\n（二）乙\n\n1. 子项\n\n2. 子项\n"
    found = hits(notice(after=plan), "NM04")
    assert len(found) == 1 and found[0].severity.value == "info"
    assert found[0].excerpt.startswith("1. 唯一")


# ---------------------------------------------------------------- NM05 / NM06
def test_nm05_attachment_label_gap():
    after = "测试方案\n\n一、甲\n\n附件 1:\n\n甲表\n\n附件 2:\n\n乙表\n\n附件 4：\n\n丁表\n"
    found = hits(notice(after=after), "NM05")
    assert len(found) == 1 and found[0].data["missing"] == [3]


def test_nm05_unlabelled_first_attachments_ok():
    after = "测试方案\n\n一、甲\n\n附件 3\n\n丙表\n\n附件 4\n\n丁表\n"
    assert hits(notice(after=after), "NM05") == []


def test_nm06_listed_attachments_missing():
    body = ("第六条 申请人应当填写《测试申请表》（附件1）。\n\n附件：1. 测试申请表（样式）\n\n2. 不予受理告知书（样式）\n\n"
            "3. 测试结果表（样式）\n\n测试结果表（样式）\n\n姓 名\t\n性 别\t")
    found = hits(notice(body=body), "NM06")
    assert len(found) == 1
    assert found[0].data["missing"] == [1, 2]


def test_nm06_listed_attachments_present_unlabelled_or_reworded():
    body = "现将方案印发给你们。\n\n- 附件：1. 测试工作组织机构及各部门职责\n2. 《测试实施意见（试行）》"
    after = ("测试方案\n\n一、甲\n\n测试工作组织机构 各部门职责\n\n一、领导小组\n\n附件 2\n\n测试实施意见\n\n(试行)\n\n一、乙\n")
    assert hits(notice(body=body, after=after), "NM06") == []


def test_nm06_single_unnumbered_attachment_present():
    body = "现将方案印发给你们。\n\n附件：测试任务分工"
    after = "测试方案\n\n一、甲\n\n附件\n\n测试任务分工表\n\n序号\t任务\n1\t甲"
    assert hits(notice(body=body, after=after), "NM06") == []


def test_nm06_reference_to_missing_attachment():
    body = "建立任务分解表（附件2），建立进度表（附件3）。"
    after = "测试方案\n\n一、甲\n\n附件 1:\n\n甲表\n\n附件 3:\n\n丙表\n"
    found = hits(notice(body=body, after=after), "NM06")
    assert len(found) == 1 and found[0].data["referenced"] == 2


def test_nm06_reference_beyond_labels_not_judged():
    # attachments after the last label may be unlabelled: no finding
    body = "建立任务分解表（附件1），建立进度表（附件3）。"
    after = "测试方案\n\n一、甲\n\n附件 1:\n\n甲表\n"
    assert hits(notice(body=body, after=after), "NM06") == []


# ---------------------------------------------------------------- NM07
TABLE = "主要指标表\n\n类别\t序号\t指标\n{rows}\n"


def test_nm07_stray_serial_value():
    rows = "水\t1\t甲\n\t2\t乙\n\t3\t丙\n气\t114\t丁\n\t5\t戊\n\t6\t己"
    found = hits(notice(after=TABLE.format(rows=rows)), "NM07")
    assert len(found) == 1
    assert found[0].suggestion == "4" and found[0].data["number"] == 114


def test_nm07_gap_and_repeat():
    rows = "甲\t1\t甲\n乙\t2\t乙\n丙\t4\t丙\n丁\t5\t丁\n戊\t5\t戊"
    found = hits(notice(after=TABLE.format(rows=rows)), "NM07")
    assert [f.data["number"] for f in found] == [4, 5]


def test_nm07_lookalikes():
    rows = ("一\t\t第一组\n甲\t1\t甲\n乙\t2\t乙\n二\t\t第二组\n丙\t1\t丙\n丁\t2\t丁\n\t\t续行\n"
            "类别\t序号\t指标\n戊\t3\t戊")  # groups, restart, blank row, repeated header
    assert hits(notice(after=TABLE.format(rows=rows)), "NM07") == []


def test_nm07_table_without_serial_header_ignored():
    after = "测试表\n\n类别\t数量\t指标\n甲\t1\t甲\n乙\t5\t乙\n丙\t3\t丙"
    assert hits(notice(after=after), "NM07") == []


# ---------------------------------------------------------------- NM08
def _issue(pages: list[int]) -> str:
    titles = [f"关于做好测试{'甲乙丙丁'[i]}工作的通知" for i in range(len(pages))]
    entries = "\n".join(f"- 某某市人民政府{t}..... ({p})" for t, p in zip(titles, pages, strict=True))
    docs = "\n".join(notice(title=t, number=f"某政发〔2024〕{i + 1}号") for i, t in enumerate(titles))
    return TOC.format(entries=entries) + docs


def test_nm08_toc_page_goes_back():
    found = hits(_issue([1, 9, 5, 12]), "NM08")
    assert len(found) == 1 and found[0].data == {"previous": 9, "page": 5, "title": found[0].data["title"]}
    assert found[0].severity.value == "warning"


def test_nm08_same_page_is_info():
    found = hits(_issue([1, 5, 5]), "NM08")
    assert len(found) == 1 and found[0].severity.value == "info"


def test_nm08_increasing_pages_ok():
    assert hits(_issue([1, 4, 9, 30]), "NM08") == []


# ---------------------------------------------------------------- corpus
@pytest.mark.corpus
def test_corpus_numbering(corpus_records):
    found = check(corpus_records, Config(select=["NM"]))
    got = sorted((f.rule, f.file.rsplit("/", 1)[-1][:3], f.line) for f in found)
    assert got == [
        ("NM03", "001", 1365),  # 2. after 3.
        ("NM06", "001", 868),   # 律师 doc lists three attachments, one present
        ("NM06", "001", 1643),  # （附件3） referenced, missing; NM05's 附件 2 → 附件 4 merged into it
        ("NM07", "000", 689),   # 115 instead of 15
    ]
    merged = next(f for f in found if f.line == 1643)
    assert merged.data["also"] == ["NM05"] and any(r.line == 1715 for r in merged.related)
    assert [f.line for f in check(corpus_records, Config(select=["NM05"]))] == [1715]
