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
