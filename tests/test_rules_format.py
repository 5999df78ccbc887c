"""Tests of the text-format rules (FM): synthetic gazette snippets, hits and look-alikes."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_checks.checks.textformat import paragraphs, title_type, traditional_table
from gazette_checks.config import Config
from tests.rule_helpers import checked


def doc(body: str, *, heading: str = "江北市人民政府关于印发江北市营商环境提升实施方案的通知",
        number: str = "江政发〔2023〕7号", attached: str = "江北市营商环境提升实施方案",
        quote: str = "现将《江北市营商环境提升实施方案》印发给你们，请认真贯彻执行。",
        organ: str = "江北市人民政府") -> str:
    number_block = f"\n{number}\n" if number else ""
    return f"""
{heading}
{number_block}
各区人民政府，市政府各直属单位：

{quote}

{organ}

2023年2月10日

{attached}

{body}
"""


def run(text: str, select: str) -> list:
    return checked(text, Config(select=[select]), "g.txt")


def lines_of(found) -> list[int]:
    return [f.line for f in found]


# ------------------------------------------------------------------ paragraphs


def test_paragraphs_join_page_broken_lines_but_not_outline_items():
    lines = ["（一）加强统筹。推进（牵头", "", "单位：市发改委）落实。", "", "（二）强化保障。"]
    units = list(paragraphs(lines, 1))
    assert [u[0] for u in units] == [[1, 3], [5]]



@pytest.mark.parametrize("item", [
    "第三条 本办法所称项目，", "二、主要任务", "（三）强化保障", "(4)加强监管", "1、5万元以下的项目，", "2. 优化服务",
    "**3．完善机制**", "- 4.推进落实", "专栏2 重点工程", "附件1", "附件：", "表2 主要指标", "（表3）重点任务",
    "续表1", "①明确标准",
])
def test_paragraphs_stop_before_an_item_in_the_parsers_grammar(item):
    assert [u[0] for u in paragraphs(["推进各项工作（牵头单位：市发改委", item], 1)] == [[1], [2]]


@pytest.mark.parametrize("prose", ["2024年底前完成。", "表格式样由市财政局另行制定。", "第三条规定的情形除外。",
                                   "12345热线受理的诉求。", "市场主体。"])
def test_paragraphs_join_prose_that_begins_like_a_label(prose):
    assert [u[0] for u in paragraphs(["推进各项工作（牵头单位：市发改委）和", prose], 1)] == [[1, 2]]


# ------------------------------------------------------------------ FM01


def test_fm01_wrong_partner_across_a_wrapped_line():
    text = doc("8. **强化防雷安全监管。**落实监管责任。〔责任单位：市气象局、市应急局、\n\n市住建局，各区人民政府]\n")
    found = run(text, "FM01")
    assert len(found) == 1
    f = found[0]
    assert f.severity.value == "error"
    assert "〔" in f.message and "]" in f.message and "〕" in f.message
    # the text stage rejoins the paragraph cut by the page break: one excerpt shows both brackets
    assert "〔责任单位" in f.excerpt and f.excerpt.endswith("各区人民政府]")
    assert f.excerpt[f.span[0]] == "〔" and f.line == 16
    assert f.suggestion.endswith("〕")


def test_fm01_unclosed_quote():
    text = doc("一、公示制度。一是“改造项目效果图（平面图）；二是改造内容。\n")
    found = run(text, "FM01")
    assert len(found) == 1 and "“" in found[0].message


def test_fm01_inner_book_mark_closed_by_outer_partner():
    text = doc("相关要求按《〈某省若干政策措施（试行）》实施细则》执行。\n")
    found = run(text, "FM01")
    assert len(found) == 1 and "〈" in found[0].message


def test_fm01_closer_without_opener():
    text = doc("二、工作目标。按照某省条例》的规定执行。\n")
    found = run(text, "FM01")
    assert len(found) == 1 and "》" in found[0].message


def test_fm01_look_alikes_are_not_flagged():
    body = "\n\n".join([
        "（一）加强统筹。推进试点（牵头",            # bracket broken by a page break
        "单位：市发改委）落实。",
        "1）建立台账；2）按月调度。",                 # list markers
        "(1) 完善制度。(2) 强化考核（试行)。",         # half-width markers, width noise
        "**（三）指导思想。**以《〈某省条例〉实施细则》为依据，推进“放管服”改革。",
        "引进 China’s leading firms 的研发中心。",     # English apostrophe
        "序号\t工作任务（分\t责任单位",                 # table cells wrap over rows
        "\t阶段推进）\t市发改委",
    ])
    assert run(doc(body + "\n"), "FM01") == []


def test_fm01_table_cell_with_wrong_partner():
    text = doc("序号\t工作任务\t责任单位\n1\t推进〔试点]工作\t市发改委\n")
    found = run(text, "FM01")
    assert len(found) == 1 and found[0].data["kind"] == "mismatch"


# ------------------------------------------------------------------ FM02


def _roles(brackets: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"（{i}）推进第{i}项工作。{o}牵头部门：市发改委，责任部门：市直相关部门{c}"
                       for i, (o, c) in enumerate(brackets, 1))


def test_fm02_minority_bracket_style():
    body = _roles([("〔", "〕"), ("〔", "〕"), ("[", "]"), ("〔", "〕")])
    found = run(doc(body + "\n"), "FM02")
    assert len(found) == 1
    f = found[0]
    assert "[]" in f.message and "〔〕" in f.message
    assert f.suggestion.startswith("〔牵头部门")
    assert f.related


def test_fm02_consistent_or_tied_styles_not_flagged():
    assert run(doc(_roles([("〔", "〕")] * 4) + "\n"), "FM02") == []
    assert run(doc(_roles([("〔", "〕"), ("[", "]"), ("〔", "〕"), ("[", "]")]) + "\n"), "FM02") == []


def test_fm02_counts_per_document():
    one = doc(_roles([("〔", "〕")] * 3) + "\n")
    two = doc(_roles([("[", "]")] * 3) + "\n", heading="江北市人民政府关于印发江北市物流发展实施方案的通知",
              number="江政发〔2023〕8号", attached="江北市物流发展实施方案",
              quote="现将《江北市物流发展实施方案》印发给你们。")
    assert run(one + two, "FM02") == []


# ------------------------------------------------------------------ FM03


def test_fm03_table_loads_and_allows_names():
    table, names = traditional_table()
    assert table["辦"] == "办" and table["員"] == "员"
    assert "稜" in names and "稜" not in table


def test_fm03_traditional_characters():
    body = "第三条 完善大厅运行管理辦法。\n\n食品安全管理人員情况登记表\n\n姓名\t戶籍登記住址\t联系电话\n"
    found = run(doc(body), "FM03")
    assert len(found) == 3
    assert found[0].suggestion.endswith("办法") or "办法" in found[0].suggestion
    assert found[2].data["characters"] == ["戶", "記"]


def test_fm03_look_alikes_not_flagged():
    body = "加强穆稜河流域治理，显著提升水质。\n\n著力推进瞭望塔建设。\n"
    assert run(doc(body), "FM03") == []


# ------------------------------------------------------------------ FM04


def test_fm04_decree_without_di():
    body = "按照《某某处分条例》（国务院令 427 号）处理。依据《某某办法》（某某总局令15号）执行。\n"
    found = run(doc(body), "FM04")
    assert len(found) == 2
    assert found[0].suggestion == "国务院令第427号"
    assert found[1].suggestion == "某某总局令第15号"


def test_fm04_look_alikes():
    body = "依据《甲条例》（国务院令第588号）、《乙条例》（国务院令 第738号）和下达的指令 5 号文件执行。\n"
    assert run(doc(body), "FM04") == []


# ------------------------------------------------------------------ FM05


def test_title_type():
    assert title_type("某市火灾事故调查处理规定") == "规定"
    assert title_type("某市产业振兴实施方案(2022-2026年)") == "方案"
    assert title_type("某市公物仓管理办法（试行）") == "办法"
    assert title_type("某市任免职名单") is None


def test_fm05_self_reference_of_another_type():
    text = doc("第一条 为规范火灾事故调查，制定本规定。\n\n第二十条 本办法自印发之日起施行。\n",
               heading="江北市人民政府办公室关于印发江北市火灾事故调查处理规定的通知",
               attached="江北市火灾事故调查处理规定", quote="现将《江北市火灾事故调查处理规定》印发给你们。",
               organ="江北市人民政府办公室")
    found = run(text, "FM05")
    assert len(found) == 1
    assert "本办法" in found[0].message and found[0].suggestion == "本规定"


def test_fm05_look_alikes():
    body = "\n\n".join([
        "第一条 为规范管理，制定本办法。",
        "第二条 符合《某省食品安全条例》规定的，从事本条例第七十三条禁止以外的经营。",  # quoted 条例
        "第三条 基本规定如下：开设校本课程。",                                      # 基本/校本
        "第四条 本办法自印发之日起施行。",
        "附件 2",
        "江北市备案工作方案",
        "本方案适用于备案工作。",                                                  # inside an attachment
    ])
    text = doc(body + "\n", heading="江北市人民政府关于印发江北市食品经营备案管理办法的通知",
               attached="江北市食品经营备案管理办法", quote="现将《江北市食品经营备案管理办法》印发给你们。")
    assert run(text, "FM05") == []


def test_fm05_notice_of_several_texts_allows_each_type():
    text = doc("第一条 本意见适用于全市。\n\n第二条 本办法由市教育局负责解释。\n",
               heading="关于印发《江北市课程设置指导意见（试行）》等文件的通知", number="江教发〔2023〕2号",
               attached="江北市课程设置指导意见（试行）",
               quote="制定了《江北市课程设置指导意见（试行）》《江北市学分认定管理办法（试行）》等文件，现印发给你们。",
               organ="江北市教育局")
    assert run(text, "FM05") == []


# ------------------------------------------------------------------ FM06


def test_fm06_missing_number_where_issuer_has_others():
    a = doc("一、总体要求。\n", heading="江北市市场监督管理局关于印发《江北市食品抽检办法》的通知",
            number="江市监规〔2023〕1号", attached="江北市食品抽检办法",
            quote="现将《江北市食品抽检办法》印发给你们。", organ="江北市市场监督管理局")
    b = doc("一、总体要求。\n", heading="江北市市场监督管理局关于印发《江北市商标品牌工作方案》的通知",
            number="", attached="江北市商标品牌工作方案",
            quote="现将《江北市商标品牌工作方案》印发给你们。", organ="江北市市场监督管理局")
    found = run(a + b, "FM06")
    assert len(found) == 1
    assert found[0].severity.value == "info"
    assert "江市监规〔2023〕1号" in found[0].message


def test_fm06_no_peer_no_finding():
    b = doc("一、总体要求。\n", number="")
    assert run(b, "FM06") == []


# ------------------------------------------------------------------ FM07


def test_fm07_stray_and():
    found = run(doc("促进民营企业 and 民营企业家茁壮成长。\n推动规则and标准衔接。\n"), "FM07")
    # the two stray words of one document are one card with both places
    assert len(found) == 1
    f = found[0]
    assert f.suggestion == "营企业和民营企"
    assert "and" in f.excerpt[slice(*f.span)]
    assert f.data["count"] == 2
    assert [r.line for r in f.related] == [f.line + 1]
    assert "and" in f.related[0].excerpt


def test_fm07_english_text_not_flagged():
    body = "设立 research and development 中心，开展 Q and A 活动，访问 www.land.gov.cn 网站。\n"
    assert run(doc(body), "FM07") == []


# ------------------------------------------------------------------ corpus


def test_corpus_format_findings(corpus_records):
    import gazette_checks as g

    recs = corpus_records
    found = g.check(recs, Config(select=["FM"]))
    # grouped repeats count with every place (data["places"])
    got = {(f.rule, Path(file).name[:3], line) for f in found
           for file, line in f.data.get("places", [[f.file, f.line]])}
    assert ("FM01", "002", 428) in got                       # 〔…] across a page break: where 〔 opens
    assert {("FM02", "002", n) for n in (361, 363, 365)} <= got
    assert {("FM03", "000", 458), ("FM03", "002", 1117)} <= got
    assert ("FM04", "000", 1522) in got
    assert ("FM06", "002", 1305) in got
    assert sum(1 for r, *_ in got if r == "FM07") == 10
    assert not any(r == "FM05" for r, *_ in got)
