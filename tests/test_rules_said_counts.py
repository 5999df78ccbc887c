"""TB04 on counts led by a verb (issue #15): ``重点抓好3项工作：``, ``包括三个方面：``, ``共5条：``
followed at once by numbered items, and the look-alikes it must leave alone (synthetic text)."""

from __future__ import annotations

import pytest

from tests.rule_helpers import rule_hits
from tests.test_rules_totals import gazette

ITEMS3 = "1. 摸底调查。全面排查辖区内重点企业。\n\n2. 制定方案。明确目标任务和责任分工。\n\n3. 督促落实。定期通报工作进展。"
CASES = [
    # (label, expected, text)
    ("抓好 3 vs 2", 1, "重点抓好3项工作：\n\n1. 摸底调查。全面排查辖区内重点企业。\n\n2. 制定方案。明确目标任务和责任分工。\n\n二、保障措施"),
    ("包括 四个方面 vs 3 （一）", 1, "一、主要任务\n\n全年工作包括四个方面：\n\n（一）优化营商环境。持续深化改革。\n\n（二）扩大有效投资。加快项目建设。\n\n（三）促进消费升级。培育新型消费。\n\n二、保障措施\n\n加强组织领导。"),
    ("共N条 2 vs 3", 1, "本次修订的主要内容共2条：\n\n" + ITEMS3 + "\n\n二、保障措施"),
    ("抓好 3 = 3", 0, "重点抓好3项工作：\n\n" + ITEMS3 + "\n\n二、保障措施"),
    ("以下 as before", 1, "重点做好以下3项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n二、保障措施"),
    # look-alikes
    ("完成 share of work", 0, "上半年完成3项工作任务的80%，具体如下：\n\n1. 摸底调查。全面排查。\n\n2. 制定方案。明确分工。\n\n二、保障措施"),
    ("count not before the list", 0, "重点抓好3项工作：\n\n要坚持问题导向，统筹推进各项任务。\n\n1. 摸底调查。全面排查。\n\n2. 制定方案。明确分工。\n\n二、保障措施"),
    ("nested sub-list counted once", 0, "重点抓好3项工作：\n\n1. 摸底调查。\n\n（1）排查企业。\n\n（2）排查项目。\n\n（3）排查园区。\n\n（4）排查楼宇。\n\n2. 制定方案。\n\n3. 督促落实。\n\n二、保障措施"),
    ("new heading ends the list", 0, "一、主要任务\n\n（一）基础工作\n\n重点抓好3项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n3. 督促落实。\n\n（二）提升工作\n\n4. 完善制度。\n\n二、保障措施"),
    ("table inside the list", 0, "重点抓好3项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n序号\t任务\t责任单位\n1\t督促落实\t市发展改革委\n2\t考核评估\t市财政局\n\n二、保障措施"),
    ("本办法共N条： not a list", 0, "第一条 为规范管理，制定本办法。\n\n第二条 本办法适用于本市行政区域。\n\n第三条 本办法自2024年9月1日起施行。本办法共3条：\n\n1. 附则一。\n\n2. 附则二。"),
    ("主要有以下四个方面 vs 3", 1, "主要有以下四个方面：\n\n（一）优化营商环境。\n\n（二）扩大有效投资。\n\n（三）促进消费升级。\n\n二、保障措施"),
    ("（1） items 2 vs 3", 1, "包括2个方面：\n\n（1）排查企业。\n\n（2）排查项目。\n\n（3）排查园区。\n\n二、保障措施"),
    ("items sort the count", 0, "今年确定10个重点项目：\n\n1. 工业项目。\n\n2. 民生项目。\n\n二、保障措施"),
    ("time unit", 0, "办理时限压缩为5个工作日：\n\n1. 受理。\n\n2. 审核。\n\n二、保障措施"),
    ("groups are TB09's", 0, "包括3个工作组：\n\n1. 综合协调组。\n\n2. 项目推进组。\n\n二、保障措施"),
]


@pytest.mark.parametrize(("label", "expected", "text"), CASES)
def test_said_counts(label, expected, text):
    assert bool(rule_hits(gazette(text), "TB04")) == bool(expected), label


def test_one_slip_one_finding():
    """A count before 一是/二是 is TB10's; TB04 stays silent on it."""
    text = "重点抓好三个方面工作：\n\n一是完善制度。\n\n二是加强督查。\n\n二、保障措施"
    assert not rule_hits(gazette(text), "TB04")
    assert rule_hits(gazette(text), "TB10")


def _measures(n: int, closing: str) -> str:
    arts = [f"第{'一二三四五六七八九十'[k]}条 某某事项{k + 1}按照有关规定办理。" for k in range(n - 1)]
    return "\n\n".join([*arts, f"第{'一二三四五六七八九十'[n - 1]}条 {closing}"])


ARTICLES = [
    ("共5条, 4 articles", 1, _measures(4, "本办法自2024年9月1日起施行。本办法共5条。")),
    ("共四条, 4 articles", 0, _measures(4, "本办法自2024年9月1日起施行。本办法共四条。")),
    ("gap in the articles", 0, _measures(4, "本办法共5条。").replace("第二条", "第八条")),
    ("no articles known", 0, "一、总体要求\n\n本办法共5条，自2024年9月1日起施行。\n\n二、保障措施"),
]


@pytest.mark.parametrize(("label", "expected", "text"), ARTICLES)
def test_own_article_count(label, expected, text):
    assert bool(rule_hits(gazette(text), "TB04")) == bool(expected), label


@pytest.mark.xfail(strict=True, reason="A list with a table inside it is not judged")
def test_tb04_slip_in_a_list_with_a_table():
    text = ("重点抓好3项工作：\n\n1. 摸底调查。\n\n序号\t任务\t责任单位\n1\t排查企业\t市发展改革委\n2\t排查项目\t市财政局\n\n"
            "2. 制定方案。\n\n3. 督促落实。\n\n4. 考核评估。\n\n二、保障措施")
    assert rule_hits(gazette(text), "TB04")
