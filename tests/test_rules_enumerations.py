"""TB10: a count stated before a 一是/二是 list against the items listed (synthetic texts)."""

from __future__ import annotations

import pytest

from gazette_checks.config import Config
from tests.rule_helpers import checked
from tests.test_rules_proofreading import issue


def found(body: str) -> list:
    return [f for f in checked(issue(body), Config(select=["TB10"])) if f.rule == "TB10"]


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    ("three stated, two listed", 1, "重点抓好三个方面工作：一是完善工作制度；二是加强督促检查。"),
    ("three stated, four listed", 1, "明确三大目标。一是覆盖率达到90%。二是处理能力明显提升。三是回收体系基本建成。四是群众满意度提高。"),
    ("共N条 at the end of the line", 1, "主要措施共4条：\n\n一是加大财政投入。\n\n二是优化审批流程。\n\n三是强化人才支撑。"),
    ("list cut short by a heading", 1, "明确三大目标。一是覆盖率达到90%。二是处理能力明显提升。\n\n（二）保障措施。一是加强组织领导。"),
    ("arabic count", 1, "推出3项便民措施，一是延时服务，二是预约服务，三是上门服务，四是代办服务。"),
    ("items sort the counted things", 0, "确定10个重点项目。一是工业项目3个；二是民生项目7个。"),
    ("three and three", 0, "重点抓好三个方面工作：一是完善工作制度；二是加强督促检查；三是严格考核问责。"),
    ("list goes on in the next paragraph", 0, "明确三大目标。一是覆盖率达到90%。二是处理能力明显提升。\n\n三是回收体系基本建成。"),
    ("共N条 matches", 0, "主要措施共3条：\n\n一是加大财政投入。\n\n二是优化审批流程。\n\n三是强化人才支撑。"),
    ("a duration, not a count", 0, "用3个月时间，一是全面排查，二是集中整治。"),
    ("a list inside an item", 0, "做好两个方面工作：一是加强领导，重点抓好三项：一是压实责任，二是细化分工，三是定期调度；二是强化保障。"),
    ("no count before the list", 0, "各地要抓好落实：一是完善工作制度；二是加强督促检查。"),
    ("outline items, not 一是", 0, "主要任务有三项：\n\n（一）完善制度。\n\n（二）加强督查。"),
    ("当前 is not a span of time", 1, "做好当前三个方面工作：一是完善工作制度；二是加强督促检查。"),
    ("即： before the list", 1, "重点做好三项工作，即：一是完善制度；二是加强督查。"),
    # issue #15: a list inside a later item, counts of other things, items that split the count
    ("a list inside the last item's paragraph", 0, "重点做好三个方面工作：\n\n一是完善工作制度。\n\n二是加强督促检查。"
     "\n\n三是严格考核问责，重点抓好两项：一是压实主体责任，二是强化结果运用。"),
    ("goals already named", 0, "为确保实现上述两个目标，一是加强组织领导，二是加大资金投入，三是强化考核督导。"),
    ("a span of quarters", 0, "今年前三个季度，一是工业生产稳中有升，二是固定资产投资保持增长，三是消费市场持续回暖，四是对外贸易稳中向好。"),
    ("working days", 0, "办理时限压缩至3个工作日，一是精简申报材料，二是推行并联审批。"),
    ("hours", 0, "将办理时间压缩至2个小时，一是推行容缺受理，二是实行并联审批，三是开展帮办代办。"),
    ("items that split the count", 0, "全市已建成4个测试避难场所。一是中心城区2个；二是县城2个。"),
    ("a slogan in quotes", 0, "按照“三个一批”的要求，一是加强督促检查，二是强化结果运用。"),
    pytest.param("第一，第二 items", 1, "做好三个方面工作：第一，完善工作制度；第二，加强督促检查。",
                 marks=xfail("Items marked otherwise (``第一，``, ``首先``, ``（1）``) are not counted here")),
]


@pytest.mark.parametrize(("label", "expected", "body"), CASES)
def test_tb10_cases(label, expected, body):
    assert bool(found(body)) == bool(expected), label


def test_tb10_finding_carries_both_counts():
    f = found("重点抓好三个方面工作：一是完善工作制度；二是加强督促检查。")[0]
    assert f.data["stated"] == 3 and f.data["computed"] == 2
    assert f.excerpt[f.span[0]:f.span[1]] == "三个方面工作" and "二是" in f.message
