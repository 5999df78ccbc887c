"""What the topic extractors (gazette_checks/extract/*.py) record as `mentions` rows.

Rules read these rows instead of scanning lines: each test checks the rows a synthetic
document gives, that they point at the original line and column, and that look-alike
prose gives none.
"""

from __future__ import annotations

from gazette_checks import api
from gazette_checks.extract.squashed import squashed
from gazette_checks.patterns import squash

HEAD = "某市人民政府关于印发某市测试办法的通知\n某政发〔2024〕3号\n\n各区人民政府，市政府各部门：\n"
TAIL = "\n\n某市人民政府\n2024年5月10日\n"


def _rows(body: str, kind: str):
    text = HEAD + body + TAIL
    recs = api.parse(text, "t.txt")
    m = recs.mentions
    return text.splitlines(), m[m["kind"] == kind].to_dict("records")


def test_squashed_matches_patterns_squash_and_keeps_columns():
    for s in ["自 2023年 3月", "a**b** c", "_**_", "***", "__x__", "　本办法　自"]:
        q = squashed(s)
        assert q.text == squash(s)
        assert all(s[c] == ch for c, ch in zip(q.cols, q.text, strict=True))


def test_effective_period_rows_point_at_the_clause():
    lines, rows = _rows("　　一、总则。\n　　二、本办法自 2023年3月起施行。\n", "effective_period")
    assert [(r["role"], r["value"], r["text"]) for r in rows] == [("2023年3月", "2023-03-31", "本办法自2023年3月起施行")]
    r = rows[0]
    assert lines[r["line"] - 1][r["col"]:].startswith("本办法自 2023年3月")


def test_effective_period_terms_and_years():
    _, rows = _rows("　　本办法自2022年秋季学期起施行。本规定自2023年度起生效。\n", "effective_period")
    assert [(r["role"], r["value"]) for r in rows] == [("2022年秋季学期", "2023-01-31"), ("2023年度", "2023-12-31")]


def test_effective_period_of_other_texts_is_not_recorded():
    body = ("　　原《某某市测试办法》自2015年3月起施行，现予废止。\n"
            "　　2023年某某条例修订后自2023年1月起施行。\n"
            "　　补助标准自2023年1月起执行。\n"
            "　　本办法自2023年3月1日起施行。\n")
    assert _rows(body, "effective_period")[1] == []


# ---------------------------------------------------------------- deadlines (extract/deadlines.py)
def test_deadline_rows_keep_the_text_year_and_leave_the_signing_year_to_the_rules():
    import datetime as dt

    from gazette_checks.deadline_parse import resolve
    from gazette_checks.extract.deadlines import decode

    body = ("　　一、2023年6月20日前，完成布设；6月30日前，完成排查。\n"
            "　　二、3月底前完成验收，2020年底前已完成改造。\n")
    lines, rows = _rows(body, "deadline")
    assert [r["text"] for r in rows] == ["2023年6月20日前", "6月30日前", "3月底前", "2020年底前"]
    found = [decode(r["text"], r["value"]) for r in rows]
    assert [(f.phrase.year, f.phrase.year_source) for f in found] == [
        (2023, "explicit"), (2023, "context"), (None, None), (2020, "explicit")]
    assert [f.sentence for f in found] == [0, 1, 0, 0]
    assert found[3].phrase.past and not found[2].phrase.past
    # the 成文日期 and the rule's rollover fill in the missing year
    assert resolve(found[2].phrase, dt.date(2024, 12, 10)).due == dt.date(2025, 3, 31)
    assert resolve(found[2].phrase, dt.date(2024, 12, 10), rollover_days=400).due == dt.date(2024, 3, 31)
    for r in rows:
        assert "".join(lines[r["line"] - 1][r["col"]:].split()).startswith(r["text"])


def test_deadline_phases_in_brackets_and_table_rows():
    from gazette_checks.extract.deadlines import decode

    body = ("　　（一）准备阶段（6月1日-6月30日）\n"
            "　　各单位要在6月30日前报送。\n"
            "序号\t任务\t完成时限\n1\t开展摸底\t6月20日前\n")
    _, rows = _rows(body, "deadline")
    got = [(r["role"], r["text"], decode(r["text"], r["value"]).bracketed) for r in rows]
    assert got == [("text", "6月1日-6月30日", True), ("text", "6月30日前", False), ("table", "6月20日前", False)]


def test_prose_dates_and_words_are_not_deadlines():
    body = ("　　2023年6月20日，市政府召开专题会议。全年完成投资120亿元。\n"
            "　　第3月份数据见附表，同比增长5%。\n")
    assert _rows(body, "deadline")[1] == []


# ---------------------------------------------------------------- organs in running text (extract/organs.py)
def test_organ_names_in_text_are_rows_of_role_text():
    body = "　　由市 财政局会同市生态环境局负责，市场主体自愿参加。\n序号\t任务\t责任单位\n1\t摸底\t市民政局\n"
    lines, rows = _rows(body, "organ")
    text = [(r["role"], r["text"]) for r in rows if r["role"] == "text"]
    assert text == [("text", "市财政局"), ("text", "市生态环境局"), ("text", "市民政局")]
    r = next(r for r in rows if r["text"] == "市财政局" and r["role"] == "text")
    assert lines[r["line"] - 1][r["col"]:].startswith("市 财政局")


# ---------------------------------------------------------------- dated renames (extract/renames.py)
def test_rename_rows_leave_out_history():
    body = ("　　由某某银保监分局负责监督。\n"
            "　　原某某银保监分局的职责划入新机构。\n"
            "　　国家金融监督管理总局某某监管分局负责指导。\n")
    lines, rows = _rows(body, "rename")
    old = [(r["text"], r["value"]) for r in rows if r["role"] == "old"]
    assert old == [("由某某银保监分局", "银保监局、银保监分局")]  # the 原… line is history: no row
    new = {r["text"]: r["value"] for r in rows if r["role"] == "new"}
    assert new["国家金融监督管理总局某某监管分局"] == "银保监局、银保监分局"
    r = rows[0]
    assert lines[r["line"] - 1][r["col"]:].startswith("由某某银保监分局")


# ---------------------------------------------------------------- 任免 (extract/appointments.py)
APPOINT_HEAD = "某市人民政府关于甲某某等任免职的通知\n某政任〔2024〕3号\n\n各区人民政府，市政府各部门：\n"


def _appointments(body: str, head: str = APPOINT_HEAD):
    recs = api.parse(head + body + TAIL, "t.txt")
    m = recs.mentions
    return m[m["kind"] == "appointment"].to_dict("records")


def test_appointment_rows():
    body = ("　　经研究，决定：\n"
            "　　乙某某任市甲局副局长，任职时间自2024年5月起计算；\n"
            "　　免去丙某某的市乙局局长、市丙局副局长职务。\n")
    rows = _appointments(body)
    got = [(r["role"], r["value"], r["text"]) for r in rows]
    assert got == [("任", "乙某某", "市甲局副局长"), ("免", "丙某某", "市乙局局长"), ("免", "丙某某", "市丙局副局长"),
                   ("title", "absent", "甲某某")]


def test_appointments_only_in_appointment_notices():
    body = "　　乙某某任市甲局副局长期间，推动了某项工作。\n"
    assert _appointments(body, HEAD) == []
    assert [r["value"] for r in _appointments("　　甲某某任市甲局副局长。\n") if r["role"] == "title"] == ["in_body"]


def test_deadline_rows_of_an_older_parser_are_passed_over():
    """Archived or CSV records made before the reading was recorded (value None) do not crash DL01."""
    import pandas as pd

    from gazette_checks.config import Config
    from gazette_checks.engine import check_records

    recs = api.parse(HEAD + "　　请于2024年3月20日前完成排查工作。\n" + TAIL, "t.txt")
    m = recs.mentions
    old = m[m["kind"] == "deadline"].copy()
    old["value"] = None
    recs.mentions = pd.concat([m, old], ignore_index=True)
    found = check_records(recs, Config(select=["DL01", "PA06"]))
    assert [f.rule for f in found] == ["DL01"]
