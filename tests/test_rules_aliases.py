"""DP10: a group with a defined short name (以下简称) called by yet another name (synthetic texts)."""

from __future__ import annotations

import pytest

from gazette_checks.config import Config
from tests.rule_helpers import checked
from tests.test_rules_proofreading import issue

DEFINE = "为发挥某某市测试工作督办考核专班（以下简称督办专班）作用，制定本方案。\n\n"


def found(body: str) -> list:
    return [f for f in checked(issue(body), Config(select=["DP10"])) if f.rule == "DP10"]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    ("third name in prose", 1, DEFINE + "测试督办考核专班负责组织实施。"),
    ("third name in a table cell", 1, DEFINE + "序号\t任务\t责任单位\n1\t建立台账\t督办考核专班\n2\t定期通报\t督办专班"),
    ("工作组 shortened", 1, "成立某某市测试项目联合推进工作组（以下简称推进组）。\n\n联合推进工作组每月召开一次会议。"),
    ("the short name", 0, DEFINE + "督办专班负责组织实施，市督办专班办公室设在市测试局。"),
    ("the full name again", 0, DEFINE + "某某市测试工作督办考核专班负责组织实施。"),
    ("the full name with 市", 0, DEFINE + "市测试工作督办考核专班负责组织实施。"),
    ("the full name without the city", 0, DEFINE + "测试工作督办考核专班负责组织实施。"),
    ("generic 各工作专班", 0, DEFINE + "督办专班每月深入各工作专班一次。"),
    ("another group", 0, DEFINE + "测试项目推进专班负责项目建设。"),
    ("before the definition", 0, "督办考核专班的职责如下。\n\n" + DEFINE),
    ("no short name defined", 0, "某某市测试工作督办考核专班负责。督办考核专班每月通报。"),
    ("（简称…）", 1, "成立某某市测试督导考核工作专班（简称督导专班）。\n\n测试督导考核专班每月召开一次调度会。"),
    ("（下称…）", 1, "成立某某市测试督导考核工作专班（下称督导专班）。\n\n测试督导考核专班每月召开一次调度会。"),
    # issue #15: look-alike names of other groups
    ("two groups, one name inside the other", 0,
     "成立某某市城市测试工作专班（以下简称城测专班）和某某市城市测试执法工作专班（以下简称执法专班）。\n\n"
     "城市测试工作专班负责统筹协调。"),
    ("the parent group of the defined one", 0,
     "成立某某市测试环境督查工作专班（以下简称督查专班）。\n\n市测试环境工作专班统筹督查专班的日常工作。"),
    ("工作小组 is not the 领导小组", 0,
     "成立某某市测试振兴工作领导小组（以下简称领导小组）。\n\n测试振兴工作小组由各镇分管负责同志组成。"),
    ("working groups under the 领导小组", 0,
     "成立某某市测试创建工作领导小组（以下简称市创建领导小组），下设综合协调、宣传发动、测试创建工作小组。"),
    ("the full name with 县", 0,
     "成立某某县测试督导工作专班（以下简称督导专班）。\n\n县测试督导工作专班办公室设在县测试局。"),
    ("a lead word inside the name", 0,
     "市政府决定成立某某市对口测试工作专班（以下简称测试专班）。\n\n某某市对口测试工作专班由分管副市长任组长。"),
    pytest.param("words added", 1, DEFINE + "市测试专项行动督办考核专班负责组织实施。",
                 marks=xfail("A name that adds or swaps words")),
]


@pytest.mark.parametrize(("label", "expected", "body"), CASES)
def test_dp10_cases(label, expected, body):
    assert bool(found(body)) == bool(expected), label


def test_dp10_one_finding_per_name_with_its_uses():
    fs = found(DEFINE + "督办考核专班负责。\n\n督办考核专班每月通报。")
    assert len(fs) == 1
    f = fs[0]
    assert f.data == {"name": "督办考核专班", "short": "督办专班", "uses": 2} and f.suggestion == "督办专班"
    assert f.line == 20 and [r.line for r in f.related] == [18, 22]


# ---------------------------------------------------------------- DP11 one group spelt two ways
def found11(body: str) -> list:
    return [f for f in checked(issue(body), Config(select=["DP11"])) if f.rule == "DP11"]


TABLE = "附件2\n\n工作专班进度表\n\n项目\t{a}\t{b}\n已完成\t3\t4\n"
SPELLINGS = [
    ("text and table header", 1, "负责联系测试审批和营商环境数据工作专班、测试调度工作专班。\n\n"
     + TABLE.format(a="测试审批和营商数据工作专班", b="测试调度工作专班")),
    ("words dropped", 1, "由便企利民政策落实工作专班负责。\n\n便民政策落实工作专班每月报送进度。"),
    ("characters swapped", 1, "由用水用电用气保障工作专班负责。\n\n用水用电和气保障工作专班每月报送进度。"),
    ("the same spelling", 0, "由测试审批服务工作专班负责。\n\n测试审批服务工作专班每月报送进度。"),
    ("words before the name", 0, "负责督导联系测试审批服务工作专班。\n\n测试审批服务工作专班每月报送进度。"),
    ("numbered groups", 0, "第一督导联系工作组负责甲区。\n\n第二督导联系工作组负责乙区。"),
    ("levels", 0, "由市级项目推进工作专班统筹，区级项目推进工作专班具体实施。"),
    ("directions", 0, "东片区项目推进工作专班、西片区项目推进工作专班分别负责。"),
    ("short shared ending", 0, "由招商引资工作专班、招商引智工作专班分别负责。"),
    ("a quoted title", 0, "印发《测试审批和营商环境数据工作专班工作规则》。\n\n测试审批和营商数据工作专班负责。"),
    ("a level word for another", 1, "成立市级测试改造工作领导小组。\n\n附件\n\n成立市政府测试改造工作领导小组，负责统筹。"),
    ("characters left out in a table", 1, "由测试建筑许可和综合立体交通指数工作专班负责。\n\n"
     + TABLE.format(a="测试建筑许可和综合立交指数工作专班", b="测试调度工作专班")),
    # issue #15: groups named side by side, or whole words swapped, are several groups
    ("a list of sector groups", 0, "市工业项目推进工作专班、市农业项目推进工作专班分别负责本领域项目调度。"),
    ("a list, a word for a character", 0, "市大气污染测试工作专班、市水污染测试工作专班、市土壤污染测试工作专班要按月报送进展。"),
    ("a list of town groups", 0, "由县城关镇测试拆迁工作专班、县新集镇测试拆迁工作专班分别负责。"),
    ("a list of leaders' groups", 0, "市领导张明包联测试项目工作专班、市领导李华包联测试项目工作专班分别负责。"),
    ("a list of 工作组", 0, "市城区测试督导工作组、市郊区测试督导工作组分别负责。"),
    ("a list of seasons", 0, "市春季测试防火督导工作组、市秋季测试防火督导工作组分别开展督导。"),
    ("parallel paragraphs, words swapped", 0,
     "市高新区测试推进工作专班负责高新区内项目。\n\n市经开区测试推进工作专班负责经开区内项目。"),
    ("parallel paragraphs, one character swapped", 0,
     "市城区测试督导工作组负责城区。\n\n市郊区测试督导工作组负责郊区。"),
]


@pytest.mark.parametrize(("label", "expected", "body"), SPELLINGS)
def test_dp11_cases(label, expected, body):
    assert bool(found11(body)) == bool(expected), label


def test_dp11_names_both_spellings_once():
    fs = found11("由便企利民政策落实工作专班负责。\n\n便民政策落实工作专班每月报送进度。\n\n便民政策落实工作专班年底总结。")
    assert len(fs) == 1
    f = fs[0]
    assert f.data["name"] == "便民政策落实工作专班" and f.data["other"] == "便企利民政策落实工作专班"
    assert f.data["uses"] == 2 and f.line == 20 and f.related[0].line == 18
