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
