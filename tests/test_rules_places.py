"""DP08: place names one doubled or dropped character away from the province's list.

The province is read from the masthead, issuers and signers, so the texts name a real city
(扬州市, 北京市, 鸡西市); every sentence is synthetic.
"""

from __future__ import annotations

import pytest

from gazette_checks import placenames as PN
from gazette_checks.api import parse
from gazette_checks.config import Config
from tests.rule_helpers import checked


def issue(body: str, city: str = "扬州市") -> str:
    """A one-document issue of `city`'s gazette (synthetic)."""
    return f"""{city}人民政府公报

(双月刊)

第4期 总第19期

{city}人民政府办公室主办

2024年8月30日

{city}人民政府
关于做好测试工作的通知

某政发〔2024〕9号

各县（市、区）人民政府，市政府各部门：

{body}

{city}人民政府

2024年6月23日
"""


def found(body: str, city: str = "扬州市") -> list:
    return [f for f in checked(issue(body, city), Config(select=["DP08"])) if f.rule == "DP08"]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    ("doubled in a district", "扬州市", 1, "广陵陵区人民政府负责组织实施。"),
    ("doubled in a county-level city", "扬州市", 1, "由高邮邮市、宝应县分别组织验收。"),
    ("doubled before 区长", "扬州市", 1, "联系人：邗江江区区长办公室。"),
    ("dropped in another city of the province", "扬州市", 1, "会同张港市开展对口协作。"),
    ("dropped inside a longer name", "鸡西市", 1, "与齐哈尔市签订合作协议。"),
    ("城区 form with an organ after", "北京市", 1, "东城城区人民政府负责辖区内的组织实施。"),
    ("level word doubled before 人民政府", "扬州市", 1, "宝应县县人民政府负责组织实施。"),
    ("区政府 after the name", "扬州市", 0, "广陵区区委、区政府负责组织实施。"),
    ("correct names", "扬州市", 0, "广陵区、邗江区、江都区、宝应县、仪征市、高邮市人民政府负责组织实施。"),
    ("区区长 is 区 + 区长", "扬州市", 0, "广陵区区长、邗江区区委书记参加会议。"),
    ("another province's slip", "扬州市", 0, "学习借鉴朝阳阳区的经验做法。"),
    ("covered by a longer name", "鸡西市", 0, "与齐齐哈尔市签订合作协议。"),
    ("市场 after a dropped form", "扬州市", 0, "规范张家市场管理秩序。"),
    ("城区 as a word", "北京市", 0, "东城城区范围内的老旧小区全部纳入改造。"),
    ("景区 as a word", "北京市", 0, "提升奇石景区服务水平。"),
    ("no city read from the text", "某某市", 0, "广陵陵区人民政府负责组织实施。"),
    ("a city's level word doubled", "扬州市", 1, "高邮市市人民政府负责组织实施。"),
    ("a county's gazette", "宝应县", 1, "广陵陵区人民政府负责组织实施。"),
    # issue #15: words that look like a dropped or doubled character
    ("和地区 is 和 + 地区", "乌鲁木齐市", 0, "各县（市）要对重点行业和地区开展专项排查。"),
    ("广西自治区 is not 西藏自治区 less 藏", "拉萨市", 0, "与广西自治区有关部门建立协作机制。"),
    ("区段", "鸡西市", 0, "对护城河区段开展清淤整治。"),
    ("东西区", "武汉市", 0, "测试产业园分为东西区两个组团。"),
    ("门市部", "福州市", 0, "厦门门市部统一执行新价格。"),
    ("集市", "石家庄市", 0, "规范辛集集市贸易秩序。"),
    ("区人民政府 shared by a list", "南京市", 0, "鼓楼区、玄武区区人民政府负责本辖区组织实施。"),
    ("a county-level city's own 市人民政府", "常德市", 0, "津市市人民政府负责组织实施。"),
    pytest.param("a town doubled", "扬州市", 1, "仙女女镇人民政府负责组织实施。",
                 marks=xfail("towns (镇、乡) and streets (街道) are not checked here")),
    pytest.param("a character replaced", "扬州市", 1, "广陵区、邗山区人民政府负责组织实施。",
                 marks=xfail("A character replaced by another (``东安区``/``东宁区``) is not judged")),
]


@pytest.mark.parametrize(("label", "city", "expected", "body"), CASES)
def test_dp08_cases(label, city, expected, body):
    assert bool(found(body, city)) == bool(expected), label


def test_dp08_finding_names_the_listed_name_and_its_uses():
    f = found("广陵区人民政府、广陵区教育局负责。\n\n广陵陵区人民政府负责组织实施。")[0]
    assert f.suggestion == "广陵区" and f.data["uses"] == 2 and f.data["province"] == "32"
    assert "江苏省" in f.message and "多写了一个字" in f.message and f.line == 20


def test_dp08_repeats_are_one_finding():
    fs = found("广陵陵区人民政府负责。\n\n广陵陵区教育局配合。")
    assert len(fs) == 1 and fs[0].data["count"] == 2


def test_place_mentions_point_at_the_text():
    recs = parse(issue("由高邮邮市、宝应县分别组织验收。"), "t.txt")
    m = recs.mentions[recs.mentions["kind"] == "place"]
    slip = m[m["role"] == "doubled"].iloc[0]
    assert slip["text"] == "高邮邮市" and slip["value"] == "高邮市" and int(slip["line"]) == 18
    assert set(m[m["role"] == "listed"]["text"]) >= {"扬州市", "宝应县"}


def test_slip_forms_are_never_listed_names():
    listed = PN.places()
    assert not set(PN.slips()) & set(listed)
    assert PN.provinces_of("扬州市") == {"32"} and PN.names_in("扬州市人民政府办公室") == ["扬州市"]


def test_extractor_rows_fit_the_mentions_schema():
    """place, tenure and enum_list rows pass SC01 (the schema lists every extractor's kind)."""
    body = ("广陵陵区人民政府负责。重点抓好三个方面工作：一是完善工作制度；二是加强督促检查。\n\n"
            "甲某任市测试局副局长，免去其市测试中心主任职务，任职时间2024年5月6日；")
    recs = parse(issue(body).replace("关于做好测试工作的通知", "关于甲某等任免职的通知"), "t.txt")
    kinds = set(recs.mentions["kind"])
    assert {"place", "tenure", "enum_list"} <= kinds
    assert [f for f in checked(recs, Config(select=["SC01"])) if f.rule == "SC01"] == []


def test_dp08_uses_leave_out_the_slip_itself():
    """宝应县县人民政府 holds 宝应县: that is not another use of the right name (issue #15)."""
    f = found("宝应县县人民政府负责组织实施。")[0]
    assert f.data["uses"] == 0 and "另出现" not in f.message
    f = found("宝应县教育局配合。\n\n宝应县县人民政府负责组织实施。")[0]
    assert f.data["uses"] == 1
