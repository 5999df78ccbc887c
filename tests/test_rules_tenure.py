"""DP09: the time word of each line of a 任免 notice against the acts the line holds (synthetic)."""

from __future__ import annotations

import pytest

from gazette_checks.config import Config
from tests.rule_helpers import checked


def notice(lines: str, title: str = "关于甲某等任免职的通知") -> str:
    return f"""某某市人民政府
{title}

某政干〔2024〕7号

市政府各有关直属单位：

市政府决定：

{lines}

某某市人民政府

2024年5月10日
"""


def found(lines: str, **kw) -> list:
    return [f for f in checked(notice(lines, **kw), Config(select=["DP09"])) if f.rule == "DP09"]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    ("任 and 免 dated 任职", 1, "甲某任市测试局副局长，免去其市测试中心主任职务，任职时间2024年5月6日；"),
    ("任 and 免 dated 免职", 1, "甲某任市测试局副局长，免去其市测试中心主任职务，免职时间2024年5月6日；"),
    ("only 任 dated 任免", 1, "乙某任市测试局副局长，试用期一年，任免时间2024年5月6日；"),
    ("only 免 dated 任职", 1, "免去丙某的市测试局副局长职务，任职时间2024年5月6日；"),
    ("only 免 dated 任免", 1, "免去丙某的市测试局副局长职务，任免时间2024年5月6日。"),
    ("任 and 免 dated 任免", 0, "甲某任市测试局副局长，免去其市测试中心主任职务，任免时间2024年5月6日；"),
    ("任 and 免 dated 任免职", 0, "甲某任市测试局副局长，免去其市测试中心主任职务，任免职时间2024年5月6日；"),
    ("免去其 in brackets", 0, "甲某任市测试局局长（免去其市测试中心主任职务），任免时间2024年5月6日；"),
    ("不再担任", 0, "甲某任市测试局局长，不再担任市测试中心主任职务，任免时间2024年5月6日；"),
    ("only 任", 0, "乙某（列丁某后）任市测试局副局长，试用期一年，任职时间2024年5月6日；"),
    ("only 免", 0, "免去丙某的市测试局副局长职务，免职时间2024年5月6日；"),
    ("one word for each act", 0, "甲某任市测试局副局长，任职时间2024年5月6日，免去其市测试中心主任职务，免职时间2024年5月1日；"),
    ("two posts, one 任", 0, "戊某任市测试局副局长，市测试中心主任，任职时间2024年5月6日；"),
    ("no time word", 0, "甲某任市测试局副局长，免去其市测试中心主任职务。"),
    ("prose about 任职时间", 0, "己某、庚某原职务随机构更名自然免除，任职时间另行通知。"),
    ("任命…为 form", 1, "任命甲某为市测试局副局长，免去其市测试中心主任职务，任职时间2024年5月6日；"),
    ("免去 without 的", 1, "免去申某市测试局副局长职务，任职时间2024年5月6日；"),
    ("不再兼任 dated 任免", 0, "丙某任市测试局局长，不再兼任市测试中心主任，任免时间2024年5月6日；"),
    # issue #15: a 免 that is a condition, a duty or another person's
    ("removal on a condition in brackets", 0,
     "甲某任某县副县长（挂职，挂职期满后所任职务自然免除），任职时间2024年5月6日；"),
    ("removal after a probation in brackets", 0,
     "乙某任市测试局副局长（试用期一年，试用期满考核不称职的，免去其试用职务），任职时间2024年5月6日；"),
    ("解聘 as a duty", 0, "子某任市测试局副局长（分管人员招聘与解聘工作），任职时间2024年5月6日；"),
    ("former post lapses by itself", 0, "己某任市测试局局长，其原任职务自然免除，任职时间2024年5月6日；"),
    ("two persons in one paragraph", 0, "丁某任市测试局副局长，任职时间2024年5月6日；免去戊某的市测试中心主任职务。"),
    pytest.param("a table of appointments", 1, "姓名\t拟任职务\t拟免职务\t时间\n甲某\t市测试局局长\t市测试中心主任\t任职时间2024年5月6日",
                 marks=xfail("Notices written as a table are not read")),
]


@pytest.mark.parametrize(("label", "expected", "line"), CASES)
def test_dp09_cases(label, expected, line):
    assert bool(found(line)) == bool(expected), label


def test_dp09_not_a_tenure_notice():
    line = "甲某任市测试局副局长，免去其市测试中心主任职务，任职时间2024年5月6日；"
    assert not found(line, title="关于做好测试工作的通知")


def test_dp09_finding_suggests_the_word_and_points_at_it():
    lines = ("乙某任市测试局副局长，任职时间2024年5月6日；\n\n"
             "甲某任市测试局局长，免去其市测试中心主任职务，任职时间2024年5月6日；")
    f = found(lines)[0]
    assert f.suggestion == "任免时间" and f.data["person"] == "甲某" and f.line == 12
    assert f.excerpt[f.span[0]:f.span[1]] == "任职时间"


def test_dp09_names_the_person_of_a_任命_line():
    fs = found("决定任命甲某为市测试局局长，免去其市测试中心主任职务，任职时间2024年5月6日；")
    assert len(fs) == 1 and fs[0].data["person"] == "甲某"
