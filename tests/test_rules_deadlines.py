"""Deadline parsing and deadline rules (DL): synthetic snippets that must and must not be flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gazette_checks.api import check, parse
from gazette_checks.config import Config
from gazette_checks.deadline_parse import parse_cell, parse_deadlines, plan_period
from tests.rule_helpers import rule_hits

SIGNED = dt.date(2024, 6, 23)


def gazette(body: str, *, signed: str = "2024年6月23日", published: str = "2024年8月30日",
            title: str = "关于印发某某市测试工作实施方案的通知") -> str:
    """A one-document issue in the layout of the city gazettes (synthetic)."""
    return f"""某某市人民政府公报

(双月刊)

第4期 总第19期

某某市人民政府办公室主办

{published}

某某市人民政府办公室
{title}

某政办发〔2024〕9号

各县（市）、区人民政府，市政府各直属单位：

{body}

某某市人民政府办公室

{signed}
"""


def hits(text: str, code: str) -> list:
    return rule_hits(text, code)


# ---------------------------------------------------------------- parsing
def test_year_comes_from_the_preceding_dated_phrase():
    ds = parse_deadlines("2023年6月20日前，完成布设；6月30日前，完成排查。", SIGNED)
    assert [(d.due, d.year_source) for d in ds] == [(dt.date(2023, 6, 20), "explicit"), (dt.date(2023, 6, 30), "context")]


def test_year_ignores_years_that_are_not_dates():
    ds = parse_deadlines("将2025年度项目录入平台；6月30日前完成。", SIGNED)
    assert ds[0].due == dt.date(2024, 6, 30) and ds[0].year_source == "document"


def test_year_from_document_rolls_over_for_a_december_plan():
    ds = parse_deadlines("3月底前完成验收。", dt.date(2024, 12, 10))
    assert ds[0].due == dt.date(2025, 3, 31)
    ds = parse_deadlines("5月底前完成验收。", SIGNED)
    assert ds[0].due == dt.date(2024, 5, 31)


@pytest.mark.parametrize(("text", "kind", "due"), [
    ("6月底前", "date", dt.date(2024, 6, 30)),
    ("2025年底前", "date", dt.date(2025, 12, 31)),
    ("年底前", "date", dt.date(2024, 12, 31)),
    ("9月下旬前", "date", dt.date(2024, 9, 30)),
    ("（7月1日-10月31日）", "range", dt.date(2024, 10, 31)),
    ("每月28日前", "recurring", None),
    ("每年1月31日前报送", "recurring", None),
    ("3、6、9月 5日前", "recurring", None),
    ("长期坚持", "open", None),
])
def test_phrase_kinds(text, kind, due):
    ds = parse_deadlines(text, SIGNED)
    assert ds[-1].kind == kind and ds[-1].due == due


def test_month_end_in_a_leap_year():
    assert parse_deadlines("2月底前", dt.date(2024, 2, 1))[0].due == dt.date(2024, 2, 29)


def test_past_achievements_are_not_deadlines():
    assert parse_deadlines("2020年底前已完成全部改造。", SIGNED)[0].past
    assert parse_deadlines("截至2021年底前共建成12座。", SIGNED)[0].past


def test_bare_date_in_a_deadline_cell():
    assert parse_cell("12月31日", SIGNED)[0].due == dt.date(2024, 12, 31)


def test_plan_period():
    assert plan_period("某某市“十四五”生态环境保护规划") == (2021, 2025)
    assert plan_period("加快产业振兴实施方案(2022-2026年)") == (2022, 2026)
    assert plan_period("测试工作方案") is None


# ---------------------------------------------------------------- DL01
def test_dl01_task_due_before_signing():
    body = ("一、工作步骤\n\n（一）前期准备阶段（6月20日前）\n\n1. 制定方案。各区于5月底前完成摸底；7月底前完成设计。\n\n"
            "（二）施工阶段（6月20日-10月31日）")
    found = hits(gazette(body), "DL01")
    assert [f.excerpt for f in found] == ["（一）前期准备阶段（6月20日前）", "1. 制定方案。各区于5月底前完成摸底；7月底前完成设计。"]
    assert "5月底前" in found[1].message and found[1].severity.value == "warning"
    assert found[0].data["signed"] == "2024-06-23"


def test_dl01_table_rows_one_finding_each():
    body = ("附件\n\n任务分解表\n\n序号\t工作任务\t责任单位\t完成时限\n1\t录入平台\t市住建局\t6月20日前\n"
            "2\t完成设计\t各区政府\t6月30日前\n3\t开展动员\t各区政府\t6月10日\n")
    found = hits(gazette(body), "DL01")
    assert len(found) == 2
    assert {f.excerpt.split()[0] for f in found} == {"1", "3"}


def test_dl01_lookalikes_not_flagged():
    body = ("1. 2020年底前已完成改造任务12个。\n\n2. 每月5日前报送进度，每年1月31日前报送年报。\n\n"
            "3. 7月15日前完成排查；2024年6月23日前完成培训。\n\n4. 长期坚持，持续推进。")
    assert hits(gazette(body), "DL01") == []


# ---------------------------------------------------------------- DL02
def test_dl02_phases_overlap_or_out_of_order():
    body = ("四、工作步骤\n\n（一）准备阶段（7月1日-8月31日）\n\n（二）实施阶段（8月1日-10月31日）\n\n"
            "（三）验收阶段（9月1日-9月30日）")
    found = hits(gazette(body), "DL02")
    assert len(found) == 2
    assert "重叠" in found[0].message and "颠倒" in found[1].message
    assert found[0].related


def test_dl02_consecutive_phases_not_flagged():
    body = ("四、工作步骤\n\n（一）准备阶段（7月20日前）\n\n（二）实施阶段（7月20日-10月31日）\n\n"
            "（三）验收阶段（11月1日-12月31日）")
    assert hits(gazette(body), "DL02") == []


# ---------------------------------------------------------------- DL03
def test_dl03_deadline_after_the_plan_period():
    text = gazette("1. 2027年底前建成监测网络。\n\n2. 2025年底前完成整治。",
                   title="关于印发某某市“十四五”测试规划的通知")
    found = hits(text, "DL03")
    assert len(found) == 1 and found[0].severity.value == "info" and "2027" in found[0].message


# ---------------------------------------------------------------- DL04
def test_dl04_is_off_by_default_and_reports_once_per_document():
    text = gazette("1. 7月15日前完成排查；8月10日前完成整改。")
    assert [f for f in check(parse(text, "t.txt"), Config()) if f.rule == "DL04"] == []
    found = hits(text, "DL04")
    assert len(found) == 1 and found[0].data["count"] == 2


# ---------------------------------------------------------------- corpus
@pytest.fixture(scope="module")
def corpus_findings(corpus_records):
    import gazette_checks as g

    recs = corpus_records
    return g.check(recs, Config(select=["DL01", "DL02", "DL03"]))


def test_corpus_overdue_tasks_only_in_the_june_plan(corpus_findings):
    dl01 = [f for f in corpus_findings if f.rule == "DL01"]
    assert dl01 and {Path(f.file).name[:3] for f in dl01} == {"001"}
    assert all("6月20日前" in f.message for f in dl01)
    assert [f for f in corpus_findings if f.rule != "DL01"] == []
