"""Department-name rules (DP): synthetic gazette snippets that must and must not be flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_checks.api import check, parse
from gazette_checks.config import Config
from gazette_checks.records import Records
from tests.rule_helpers import rule_hits


def gazette(body: str = "现将有关事项通知如下。", *, signed: str = "2024年6月3日", number: str = "某政发〔2024〕5号",
            signer: str = "某某市人民政府", heading: str = "某某市人民政府\n关于做好测试工作的通知",
            published: str = "2024年6月30日") -> str:
    """A one-document issue in the layout of the city gazettes (synthetic)."""
    return f"""某某市人民政府公报

(双月刊)

第3期 总第18期

某某市人民政府办公室主办

{published}

{heading}

{number}

各县（市）、区人民政府，市政府各直属单位：

{body}

{signer}

{signed}
"""


def hits(text: str, code: str, config: Config | None = None) -> list:
    return rule_hits(text, code, config)


# ---------------------------------------------------------------- DP01
def test_dp01_misspelt_names():
    body = ("（一）加强生态保护。〔责任单位：市生态环镜局〕\n\n（二）加强城市管理。〔责任单位：市市城管局、市市场监管局〕\n\n"
            "（三）组织协调。〔牵头单位：市委组织委〕")
    found = hits(gazette(body), "DP01")
    assert [f.suggestion for f in found] == ["市生态环境局", "市城管局", "市委组织部"]
    assert all(f.severity.value == "warning" for f in found)
    assert found[0].excerpt[found[0].span[0]:found[0].span[1]] == "市生态环镜局"
    assert found[0].data["likely"] == "市生态环境局"


def test_dp01_doubled_city_in_signature_uses_city_prefix():
    text = gazette("请遵照执行。", signer="某某市公安局\n某某市市城市管理综合执法局\n某某市市场监督管理局",
                   heading="关于印发测试意见的通知", number="某公联〔2024〕2号")
    found = hits(text, "DP01")
    assert len(found) == 1
    assert found[0].suggestion == "某某市城市管理综合执法局"
    assert found[0].excerpt == "某某市市城市管理综合执法局"


def test_dp01_local_short_form_with_slip_is_found_from_its_other_uses():
    body = "\n\n".join([f"（{n}）招商工作。〔牵头部门：市经合局〕" for n in "一二三"] + ["（四）招商引资。〔牵头部门：市经管局〕"])
    found = hits(gazette(body), "DP01")
    assert len(found) == 1 and found[0].suggestion == "市经合局"


def test_dp01_lookalikes_not_flagged():
    body = ("（一）文物保护。〔责任单位：市文物局、市地震局、市市场监督管理局、市财政局（市国资办）〕\n\n"
            "（二）各县（市）市场监督管理局和市直有关部门、市财政部门、市住建部门配合。\n\n"
            "（三）城市管理局负责。〔责任单位：市煤管局〕")
    assert hits(gazette(body), "DP01") == []


def test_dp01_same_findings_alone_and_in_a_batch():
    """A slip used once per issue stays a slip when three issues with it are checked together."""
    body = "（一）加强生态保护。〔责任单位：市生态环镜局〕"
    texts = {f"issue{k}.txt": gazette(body, number=f"某政发〔2024〕{k}号") for k in (1, 2, 3)}
    cfg = Config(select=["DP01"])
    alone = [f for name, text in texts.items() for f in check(parse(text, name), cfg)]
    batch = check(Records.concat([parse(text, name) for name, text in texts.items()]), cfg)
    assert [(f.file, f.line, f.suggestion) for f in alone] == [(f"issue{k}.txt", 18, "市生态环境局") for k in (1, 2, 3)]
    assert [(f.file, f.line, f.message) for f in batch] == [(f.file, f.line, f.message) for f in alone]


def test_dp01_form_used_three_times_in_one_issue_is_local():
    body = "\n\n".join(f"（{n}）加强生态保护。〔责任单位：市生态环镜局〕" for n in "一二三")
    assert hits(gazette(body), "DP01") == []


# ---------------------------------------------------------------- DP02
def test_dp02_two_short_forms_in_one_document():
    body = "（一）医疗服务。〔责任单位：市卫健委〕\n\n（二）公共卫生。〔责任单位：市卫生健康委、市财政局〕"
    found = hits(gazette(body), "DP02")
    assert len(found) == 1
    f = found[0]
    assert "市卫健委" in f.message and "市卫生健康委" in f.message
    assert f.related and f.related[0].line != f.line


def test_dp02_short_forms_in_running_text_are_info():
    body = "（一）由市卫健委牵头，市财政局配合。\n\n（二）市卫生健康委负责培训。"
    found = hits(gazette(body), "DP02")
    assert len(found) == 1 and found[0].severity.value == "info"


def test_dp02_full_name_and_one_short_form_not_flagged():
    body = "（一）医疗服务。〔责任单位：市卫健委〕\n\n（二）公共卫生。〔责任单位：市卫生健康委员会〕"
    assert hits(gazette(body), "DP02") == []
    body = "（一）医疗服务。〔责任单位：市卫健委〕\n\n（二）公共卫生。〔责任单位：市卫健委、市教育局〕"
    assert hits(gazette(body), "DP02") == []


# ---------------------------------------------------------------- DP03
def test_dp03_retired_name_after_reform():
    found = hits(gazette("（一）治污。〔责任单位：市环保局、市国土资源局〕"), "DP03")
    assert sorted(f.suggestion for f in found) == ["市生态环境局", "市自然资源局"]


def test_dp03_retired_name_before_reform_or_marked_as_former_not_flagged():
    assert hits(gazette("（一）治污。〔责任单位：市环保局〕", signed="2017年6月3日", published="2017年6月30日"), "DP03") == []
    assert hits(gazette("原市环保局承担的职责由市生态环境局承担。"), "DP03") == []


# ---------------------------------------------------------------- DP04
def test_dp04_office_code_on_a_government_document():
    found = hits(gazette(number="某政办发〔2024〕5号"), "DP04")
    assert len(found) == 1 and "政府办公室" in found[0].message


def test_dp04_government_code_on_an_office_document():
    text = gazette(number="某政发〔2024〕5号", signer="某某市人民政府办公室",
                   heading="某某市人民政府办公室\n关于做好测试工作的通知")
    found = hits(text, "DP04")
    assert len(found) == 1


def test_dp04_heading_issuer_differs_from_signature():
    text = gazette(number="某政发〔2024〕5号", signer="某某市人民政府",
                   heading="某某市教育局\n关于做好测试工作的通知")
    assert len(hits(text, "DP04")) == 1


def test_dp04_matching_issuers_not_flagged():
    assert hits(gazette(), "DP04") == []
    text = gazette(number="某政办发〔2024〕5号", signer="某某市人民政府办公室",
                   heading="某某市人民政府办公室\n关于做好测试工作的通知")
    assert hits(text, "DP04") == []


# ---------------------------------------------------------------- corpus
@pytest.fixture(scope="module")
def corpus_findings(corpus_records):
    import gazette_checks as g

    recs = corpus_records
    return g.check(recs, Config(select=["DP01", "DP02", "DP03", "DP04"]))  # DP05–DP07: test_rules_proofreading.py


def test_corpus_department_findings(corpus_findings):
    dp01 = {(Path(f.file).name[:3], f.suggestion) for f in corpus_findings if f.rule == "DP01"}
    assert ("000", "牡丹江市城市管理综合执法局") in dp01
    assert ("002", "市经合局") in dp01
    others = [f for f in corpus_findings if f.rule != "DP01"]
    assert all(f.rule == "DP02" and f.severity.value == "info" for f in others)
    assert len(corpus_findings) <= 5
