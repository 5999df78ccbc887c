"""Total rules (TB): synthetic tables and sentences whose totals must and must not be flagged."""

from __future__ import annotations

import pytest

from gazette_checks.api import check, parse
from gazette_checks.checks.totals import prose_totals, tolerance
from gazette_checks.config import Config


def gazette(body: str) -> str:
    """A one-document issue in the layout of the city gazettes (synthetic)."""
    return f"""某某市人民政府公报

(双月刊)

第4期 总第19期

某某市人民政府办公室主办

2024年8月30日

某某市人民政府
关于印发某某市测试工作方案的通知

某政发〔2024〕9号

各县（市）、区人民政府，市政府各直属单位：

{body}

某某市人民政府

2024年6月23日
"""


def hits(text: str, code: str) -> list:
    return [f for f in check(parse(text, "t.txt"), Config(select=[code])) if f.rule == code]


def test_tolerance_follows_the_precision_shown():
    assert tolerance("1250") == pytest.approx(0.5, abs=1e-6)
    assert tolerance("4.43亿元") == pytest.approx(0.005, abs=1e-6)


# ---------------------------------------------------------------- TB01
def test_tb01_total_row_mismatch():
    table = ("表1 投资情况\n\n项目\t数量\t投资（万元）\n甲区\t3\t1200\n乙区\t4\t1021\n丙区\t5\t1200\n"
             "合计\t12\t3420\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1
    f = found[0]
    assert f.data["stated"] == 3420 and f.data["computed"] == 3421
    assert f.data["parts"] == [1200, 1021, 1200]
    assert f.excerpt[f.span[0]:f.span[1]] == "3420" and f.suggestion == "3421"


def test_tb01_rounded_total_within_precision_and_ranges_left_alone():
    table = ("表1 学分\n\n科目\t必修\t选修\n语文\t8\t0-6\n数学\t8.3\t≥4\n外语\t6.3\t—\n"
             "合计\t23\t≥14\n")
    assert hits(gazette(table), "TB01") == []


def test_tb01_blank_and_dash_cells_and_units():
    table = ("表2 资金\n\n项目\t金额\n甲\t1.20亿元\n乙\t—\n丙\t\n丁\t2.11亿元\n合计\t3.41亿元\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1 and found[0].data["unit"] == "亿元"
    ok = table.replace("3.41亿元", "3.31亿元")
    assert hits(gazette(ok), "TB01") == []


def test_tb01_subtotals_then_grand_total():
    table = ("表3 分项\n\n类别\t数量\n甲\t2\n乙\t3\n小计\t5\n丙\t4\n丁\t1\n小计\t5\n总计\t11\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1 and found[0].data["stated"] == 11 and found[0].data["computed"] == 10


def test_tb01_total_columns_with_a_two_row_header():
    table = ("表4 分年度计划\n\n区域\t2023年\t\t2024年\t\t合计\t\n\t数量\t投资\t数量\t投资\t数量\t投资\n"
             "甲区\t2\t100\t3\t150\t5\t250\n乙区\t1\t80\t2\t90\t3\t171\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1
    assert found[0].data["axis"] == "column" and found[0].data["parts"] == [80, 90]


# ---------------------------------------------------------------- TB02
def test_tb02_parts_exceed_the_total():
    found = hits(gazette("今年共安排立法项目6部，其中地方性法规5部、政府规章2部。"), "TB02")
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert found[0].data == {"stated": 6, "computed": 7, "parts": [5, 2], "unit": "部"}


def test_tb02_parts_below_a_stated_total_are_info():
    found = hits(gazette("今年共安排立法项目6部，其中地方性法规4部、政府规章1部。"), "TB02")
    assert len(found) == 1 and found[0].severity.value == "info"


def test_tb02_lookalikes_not_flagged():
    body = ("学年52周，其中教学40周，社会实践1周，假期11周。\n\n"
            "建成项目30个，其中工业项目12个、服务业项目10个。\n\n"
            "至少修满144学分，其中必修88学分，选择性必修不少于42学分。\n\n"
            "共8学分，其中研究性学习6学分，社会实践2学分。")
    assert hits(gazette(body), "TB02") == []


def test_prose_totals_reads_parts_with_the_same_unit():
    (t,) = list(prose_totals("共6部，其中地方性法规5部（含修改2项）、规章1部。"))
    assert t["parts"] == [5.0, 1.0] and t["ok"]


# ---------------------------------------------------------------- TB03
def test_tb03_heading_count_against_sub_headings_and_items():
    body = ("一、地方性法规项目（5部）\n\n（一）审议项目（2部）\n\n1. 甲条例\n\n2. 乙条例\n\n"
            "（二）调研项目（2部）\n\n1. 丙条例\n\n2. 丁条例\n\n3. 戊条例")
    found = hits(gazette(body), "TB03")
    assert sorted((f.data["stated"], f.data["computed"]) for f in found) == [(2, 3), (5, 4)]


def test_tb03_correct_counts_not_flagged():
    body = ("一、地方性法规项目（5部）\n\n（一）审议项目（2部）\n\n1. 甲条例\n\n2. 乙条例\n\n"
            "(二) 调研项目 (3部)\n\n1. 丙条例\n\n2. 丁条例\n\n3. 戊条例\n\n二、政府规章项目（1部）\n\n调研项目（1部）")
    assert hits(gazette(body), "TB03") == []


# ---------------------------------------------------------------- TB04
def test_tb04_stated_count_against_the_list():
    body = "重点做好以下3项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n二、保障措施"
    found = hits(gazette(body), "TB04")
    assert len(found) == 1 and found[0].data["stated"] == 3 and found[0].data["computed"] == 2


def test_tb04_matching_list_not_flagged():
    body = "重点做好以下两项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n二、保障措施"
    assert hits(gazette(body), "TB04") == []


# ---------------------------------------------------------------- corpus
@pytest.fixture(scope="module")
def corpus_findings(corpus_records):
    import gazette_checks as g

    recs = corpus_records
    return recs, g.check(recs, Config(select=["TB"]))


def test_corpus_totals_all_add_up(corpus_findings):
    from gazette_checks.checks.totals import table_totals

    recs, findings = corpus_findings
    assert findings == []
    totals = [t for _, g in recs.tables.groupby("table_id") for t in table_totals(g)]
    assert any(t["stated"] == 88 and t["ok"] for t in totals)


# ---------------------------------------------------------------- TB05
def test_tb05_investment_breakdown():
    body = ("五、保障措施\n\n（一）资金保障\n\n今年改造投资4.43亿元，多渠道筹集。\n\n1. 庭院项目。投资 2.32 亿元，由专项资金解决。\n\n"
            "2. 楼体项目。投资 2.21 亿元，由补助资金解决。\n\n3. 其他事项。新增投资超过 500 万元的须报批。")
    found = hits(gazette(body), "TB05")
    assert len(found) == 1 and found[0].data["parts"] == [2.32, 2.21]
    ok = body.replace("2.21", "2.11")
    assert hits(gazette(ok), "TB05") == []
