"""Date rules (DT): synthetic gazette snippets that must and must not be flagged."""

from __future__ import annotations

import pytest

from gazette_checks.api import check, parse
from gazette_checks.config import Config
from tests.rule_helpers import rule_hits


def gazette(body: str = "现将有关事项通知如下。", *, signed: str = "2024年6月3日", number: str = "某政发〔2024〕5号",
            freq: str = "(双月刊)", issue: str = "第3期 总第18期", published: str = "2024年6月30日",
            front: str = "", masthead: bool = True) -> str:
    """A one-document issue in the layout of the city gazettes."""
    head = ""
    if masthead:
        head = f"""某某市人民政府公报

{freq}

{front}{issue}

某某市人民政府办公室主办

{published}

目 录

● 市政府文件

- 某某市人民政府关于做好测试工作的通知..... (1)

"""
    return head + f"""某某市人民政府
关于做好测试工作的通知

{number}

各县（市）、区人民政府，市政府各直属单位：

{body}

某某市人民政府

{signed}
"""


def hits(text: str, code: str) -> list:
    return rule_hits(text, code)


# ---------------------------------------------------------------- DT01
def test_dt01_signed_after_publication():
    found = hits(gazette(signed="2024年7月2日"), "DT01")
    assert len(found) == 1
    f = found[0]
    assert f.severity.value == "error"
    assert f.excerpt == "2024年7月2日" and f.span == (0, len("2024年7月2日"))
    assert f.related and "2024年6月30日" in f.related[0].excerpt
    assert f.document == "某政发〔2024〕5号"
    assert f.data["days"] == 2


@pytest.mark.parametrize("signed", ["2024年6月30日", "2024年5月3日", "2023年12月30日"])
def test_dt01_not_flagged_on_or_before(signed):
    assert hits(gazette(signed=signed, number="某政发〔2024〕5号"), "DT01") == []


def test_dt01_no_masthead_no_finding():
    assert hits(gazette(signed="2030年1月2日", masthead=False), "DT01") == []


# ---------------------------------------------------------------- DT02
def test_dt02_number_year_differs():
    found = hits(gazette(number="某政发〔2023〕5号", signed="2024年6月3日"), "DT02")
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert "2023" in found[0].excerpt and found[0].data["number_year"] == 2023


def test_dt02_future_number_year():
    assert len(hits(gazette(number="某政发〔2025〕5号", signed="2024年12月20日", published="2024年12月30日",
                            issue="第6期 总第21期"), "DT02")) == 1


@pytest.mark.parametrize("number, signed", [
    ("某政发〔2024〕5号", "2024年6月3日"),     # same year
    ("某政发〔2023〕58号", "2024年1月3日"),    # last year's number, first days of January
    ("某政发 〔2024〕 5 号", "2024年6月3日"),  # spaces from extraction
])
def test_dt02_lookalikes(number, signed):
    assert hits(gazette(number=number, signed=signed, published="2024年6月30日"), "DT02") == []


def test_dt02_january_grace_is_configurable():
    text = gazette(number="某政发〔2023〕58号", signed="2024年1月3日")
    cfg = Config(select=["DT02"], options={"DT02": {"grace_days": 0}})
    assert [f.rule for f in check(parse(text, "t.txt"), cfg)] == ["DT02"]


def test_dt02_late_january_flagged():
    assert len(hits(gazette(number="某政发〔2023〕58号", signed="2024年1月25日"), "DT02")) == 1


# ---------------------------------------------------------------- DT03
def test_dt03_impossible_date_in_text():
    found = hits(gazette(body="请于2024年2月30日前报送材料。"), "DT03")
    assert len(found) == 1 and "2024年2月30日" in found[0].message
    assert found[0].span is not None


@pytest.mark.parametrize("body", ["请于2024年2月29日前报送材料。", "请于2023年4月30日前报送材料。",
                                  "请于 年 月 日前报送材料。", "2月30个工作日内完成。"])
def test_dt03_lookalikes(body):
    assert hits(gazette(body=body), "DT03") == []


def test_dt03_signing_date_left_to_parse_rule():
    # an impossible 成文日期 is PA03's finding, not DT03's
    assert hits(gazette(signed="2024年2月30日"), "DT03") == []


# ---------------------------------------------------------------- DT04
@pytest.mark.parametrize("signed, good", [("2024年06月03日", "2024年6月3日"), ("2024年6月03日", "2024年6月3日"),
                                          ("二〇二四年六月三日", "2024年6月3日")])
def test_dt04_signing_date_format(signed, good):
    found = hits(gazette(signed=signed), "DT04")
    assert len(found) == 1 and found[0].suggestion == good


@pytest.mark.parametrize("signed", ["2024年6月3日", "2024 年 6 月 13 日", "2024年10月30日"])
def test_dt04_lookalikes(signed):
    assert hits(gazette(signed=signed), "DT04") == []


def test_dt04_chinese_numerals_before_2012_not_flagged():
    text = gazette(signed="二〇一一年五月三日", number="某政发〔2011〕5号", published="2011年6月30日")
    assert hits(text, "DT04") == []


# ---------------------------------------------------------------- DT05 / DT06
def test_dt05_meeting_after_signing():
    body = "《某某市测试办法》已经2024年6月8日市政府第12次常务会议讨论通过，现予印发。"
    found = hits(gazette(body=body, signed="2024年6月3日"), "DT05")
    assert len(found) == 1 and "2024年6月8日" in found[0].excerpt
    assert found[0].related


def test_dt05_meeting_before_signing_ok():
    body = "《某某市测试办法》已经2024年5月28日市政府第12次常务会议讨论通过，现予印发。"
    assert hits(gazette(body=body, signed="2024年6月3日"), "DT05") == []


def test_dt06_effective_before_signing():
    found = hits(gazette(body="本办法自2024年5月1日起施行。", signed="2024年6月3日"), "DT06")
    assert len(found) == 1 and found[0].severity.value == "warning"


@pytest.mark.parametrize("body", ["本办法自2024年7月1日起施行。", "本办法于2024年6月3日开始实施。",
                                  "2024年5月1日起，各地开展自查。", "本办法自印发之日起施行。"])
def test_dt06_lookalikes(body):
    assert hits(gazette(body=body, signed="2024年6月3日"), "DT06") == []


# ---------------------------------------------------------------- DT07 / DT08
@pytest.mark.parametrize("freq, issue, published", [
    ("(双月刊)", "第3期 总第18期", "2024年10月30日"),
    ("(月刊)", "第5期 总第65期", "2024年7月31日"),
    ("(季刊)", "第1期 总第9期", "2024年6月30日"),
])
def test_dt07_month_does_not_fit_issue(freq, issue, published):
    found = hits(gazette(freq=freq, issue=issue, published=published, signed="2024年1月8日"), "DT07")
    assert len(found) == 1
    assert found[0].related


@pytest.mark.parametrize("freq, issue, published", [
    ("(双月刊)", "第3期 总第18期", "2024年6月30日"),
    ("(双月刊)", "第3期 总第18期", "2024年5月31日"),
    ("(月刊)", "第5期 总第65期", "2024年5月31日"),
    ("(半月刊)", "第10期 总第210期", "2024年5月31日"),
    ("(季刊)", "第2期 总第10期", "2024年6月30日"),
])
def test_dt07_lookalikes(freq, issue, published):
    assert hits(gazette(freq=freq, issue=issue, published=published, signed="2024年1月8日"), "DT07") == []


def test_dt08_issue_number_out_of_range():
    found = hits(gazette(issue="第7期 总第22期", published="2024年12月30日"), "DT08")
    assert len(found) == 1 and found[0].severity.value == "error"
    assert hits(gazette(freq="(月刊)", issue="第7期 总第22期", published="2024年7月30日"), "DT08") == []


# ---------------------------------------------------------------- DT09
def test_dt09_cover_and_masthead_disagree():
    text = gazette(front="2024 第3期\n\n(总第17期)\n\n")
    found = hits(text, "DT09")
    assert [f.data["field"] for f in found] == ["总第N期"]
    assert found[0].data == {"field": "总第N期", "here": 17, "masthead": 18}


def test_dt09_cover_year_disagrees():
    found = hits(gazette(front="2023 第3期\n\n(总第18期)\n\n"), "DT09")
    assert [f.data["field"] for f in found] == ["年份"]


def test_dt09_agreeing_cover_not_flagged():
    assert hits(gazette(front="2024 第3期\n\n(总第18期)\n\n"), "DT09") == []


def test_dt09_reads_the_parsers_front_numbers():
    """The numbers come from `mentions` kind front_number (one masthead grammar, in the parser);
    a spaced 总 第17期 is a total number, never an issue number."""
    recs = parse(gazette(front="2024 第3期\n\n(总 第17期)\n\n"), "t.txt")
    m = recs.mentions[recs.mentions["kind"] == "front_number"]
    got = [(r["role"], r["value"]) for r in m.to_dict("records")]
    assert ("总第N期", "17") in got and ("第N期", "17") not in got
    assert ("年份", "2024") in got and ("第N期", "3") in got
    assert [f.data["field"] for f in hits(gazette(front="2024 第3期\n\n(总 第17期)\n\n"), "DT09")] == ["总第N期"]
    # a long line of prose that mentions an issue is not front matter
    long = "本刊" + "某" * 60 + "第5期刊登的文件\n\n"
    m = parse(gazette(front=long), "t.txt").mentions
    assert m[(m["kind"] == "front_number") & (m["value"] == "5")].empty


# ---------------------------------------------------------------- corpus
@pytest.mark.corpus
def test_corpus_dates(corpus_records):
    found = check(corpus_records, Config(select=["DT"]))
    got = sorted((f.rule, f.file.rsplit("/", 1)[-1][:3], f.line) for f in found)
    # the one real date inconsistency of the corpus: 000:1542 signed after the issue date
    assert got == [("DT01", "000", 1542)]
