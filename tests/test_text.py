"""The text stage: each cleaning step on synthetic text, what it changes and what it must leave alone."""

from __future__ import annotations

import pytest

import gazette_checks as gc
from gazette_checks.text import Line, clean_text
from gazette_checks.text.confidence import garble_score


def texts(ct) -> list[str]:
    return [ln.text for ln in ct.lines if ln.text.strip()]


# ---------------------------------------------------------------- the map back
def test_line_map_survives_slice_join_delete():
    a = Line.original("某市财政局　　某市发展和改革委员会", 5)
    right = a.slice(7)
    assert right.text == "某市发展和改革委员会" and right.origin(0) == (5, 7)
    joined = Line.original("有关单 位", 9).delete(3, 4).join(Line.original("和个人", 10))
    assert joined.text == "有关单位和个人"
    assert joined.origin(3) == (9, 4) and joined.origin(4) == (10, 0) and joined.lines == [9, 10]


def test_every_record_line_points_at_the_original():
    text = "\n".join([
        "某市人民政府关于印发某某办法的通知", "某政发〔2024〕6号", "各区人民政府：",
        "现将《某某办法》印发给你们，请认真贯彻执", "行。", "", "— 1 —", "",
        "某市人民政府　　2024年5月8日", "某某办法", "第一条　为了规范管理，制定本办法。",
    ])
    r = gc.parse(text, "x.txt")
    d = r.documents.iloc[0]
    lines = text.split("\n")
    assert lines[int(d["doc_number_line"]) - 1] == "某政发〔2024〕6号"
    assert "2024年5月8日" in lines[int(d["date_line"]) - 1]
    assert d["date"] == "2024-05-08" and d["issuer"] == "某市人民政府"


# ------------------------------------------------------------ export headers
def test_front_matter_and_markdown_heading():
    ct = clean_text("---\n标题: 关于某事的通知\n文号: 某建规〔2024〕3号\n发布日期: 2024-05-10\n---\n\n"
                    "> 本文由脚本提取\n\n# 关于某事的通知\n\n关于某事的通知\n\n各有关单位：\n")
    assert texts(ct) == ["关于某事的通知", "各有关单位："]
    assert ct.meta == {"title": "关于某事的通知", "doc_number": "某建规〔2024〕3号", "published": "2024-05-10"}


def test_database_export_header_and_its_title_line():
    ct = clean_text("    【法宝引证码】 CLI.12.123\n原文链接：https://example.org/a\nb.html\n"
                    "某省人民政府办公厅关于某事的通知\n某省人民政府办公厅关于某事的通知\n\n（某政办〔2021〕8号）\n")
    assert texts(ct) == ["某省人民政府办公厅关于某事的通知", "（某政办〔2021〕8号）"]
    assert ct.meta["title"] == "某省人民政府办公厅关于某事的通知"


def test_metadata_table_one_cell_per_line():
    ct = clean_text("关于某事的通知\n\n索取号\n1234/2020-01\n发布机构\n某某委员会\n\n文件编号\n\n某建规〔2020〕9 号\n"
                    "公开类别\n主动公开\n\n关于某事的通知\n\n各有关单位：\n")
    assert "发布机构" not in texts(ct) and "主动公开" not in texts(ct)
    assert ct.meta["doc_number"] == "某建规〔2020〕9 号" and ct.meta["issuer"] == "某某委员会"


def test_a_lone_key_word_in_the_text_is_kept():
    ct = clean_text("关于某事的通知\n\n各有关单位：\n\n来源\n\n请各单位注明信息来源。\n")
    assert "来源" in texts(ct)


# ------------------------------------------------------------ page furniture
@pytest.mark.parametrize("mark", ["— 12 —", "-12-", "－12－", "第12页", "第 12 页 共 40 页", "·12·"])
def test_page_numbers_in_any_form(mark):
    ct = clean_text(f"第一段，未完\n{mark}\n第二段。")
    assert mark not in texts(ct) and ct.pages == [(2, 12)]


def test_bare_numbers_only_as_a_rising_series():
    body = "\n".join(f"第{k}段文字，内容。\n\n" * 8 + f"{k}" for k in range(3, 7))  # pages of 16+ lines
    ct = clean_text(body)
    assert [p for _, p in ct.pages] == [3, 4, 5, 6]
    lone = clean_text("合计\n\n12\n\n说明文字。")
    assert "12" in texts(lone) and not lone.pages


def test_running_heads_dropped_masthead_kept():
    lines = ["某市人民政府公报", "2024年第5期", ""]
    for page in range(1, 5):
        lines += [f"第{page}页的正文，内容。", "", f"某市人民政府公报  2024年第5期  {page + 1}" if page % 2
                  else f"{page + 1}  某市人民政府公报", ""]
    ct = clean_text("\n".join(lines))
    kept = texts(ct)
    assert kept[0] == "某市人民政府公报" and not any("公报" in t for t in kept[2:])
    assert [p for _, p in ct.pages] == [2, 3, 4, 5]


def test_back_cover_of_an_issue_dropped_contact_block_of_a_document_kept():
    issue = "某市人民政府公报\n第5期\n\n正文。\n\n编辑出版：某市人民政府办公室\n地址：某市某路1号\n电话：0000-1234567\n"
    assert texts(clean_text(issue))[-1] == "正文。"
    doc = "关于某事的通知\n\n各单位：\n\n请报名。\n\n地址：某市某路1号\n电话：0000-1234567\n"
    assert texts(clean_text(doc))[-1] == "电话：0000-1234567"


# ------------------------------------------------------ two elements on a line
@pytest.mark.parametrize("line, parts", [
    ("某市人民政府　　2024年5月10日", ["某市人民政府", "2024年5月10日"]),
    ("某县发展和改革局 二〇二四年五月十日", ["某县发展和改革局", "二〇二四年五月十日"]),
    ("2024年5月10日　某市人民政府", ["某市人民政府", "2024年5月10日"]),  # put back in 落款 order
    ("第七章　安全保障　　第三十八条　单位应当建立制度。", ["第七章　安全保障", "第三十八条　单位应当建立制度。"]),
    ("一、总体要求（一）指导思想", ["一、总体要求", "（一）指导思想"]),
    ("某市财政局　　　某市发展和改革委员会", ["某市财政局", "某市发展和改革委员会"]),
])
def test_lines_holding_two_elements_are_split(line, parts):
    assert texts(clean_text(line)) == parts


@pytest.mark.parametrize("line", [
    "经研究，某市人民政府 2024年5月10日决定如下。",        # prose
    "第七章　安全保障",                                  # a chapter alone
    "一、总体要求",
    "（一）指导思想。坚持以人民为中心（一以贯之）。",
])
def test_lines_that_hold_one_element_stay(line):
    assert texts(clean_text(line)) == [line]


# ------------------------------------------------------------------ joins
PARAGRAPHS = [
    "某市人民政府关于印发某某实施方案的通知", "各区人民政府，市政府各部门：",
    "现将《某某实施方案》印发给你们，请结合实际认真贯彻落实。各区要加强组织领导，明确责任分工，细化工作措施，"
    "确保各项任务按期完成。对工作中遇到的问题，要及时向市政府报告。",
    "一、总体要求",
    "到2025年，全市建成较为完善的工作体系，服务能力明显提升，群众满意度持续提高，各项指标达到全省先进水平，"
    "形成一批可复制可推广的经验做法，为全省提供示范。",
    "二、重点任务",
    "（一）完善制度。建立健全议事协调机制，定期研究解决重大问题，推动各项工作落实。〔责任单位：市发展和改革委员会、"
    "市财政局〕",
]
#: The paragraphs above as pdftotext leaves them: cut every 26 characters, no blank lines.
WRAPPED = "\n".join(p[k:k + 26] for p in PARAGRAPHS for k in range(0, len(p), 26))


def test_hard_wrapped_paragraphs_rejoined_elements_kept_apart():
    assert texts(clean_text(WRAPPED)) == PARAGRAPHS


def test_whole_line_paragraphs_are_not_joined():
    text = "\n".join(["一、总体要求", "", "坚持统筹推进。", "", "二、工作任务", "", "加强组织领导，确保落实到位。"])
    assert texts(clean_text(text)) == ["一、总体要求", "坚持统筹推进。", "二、工作任务", "加强组织领导，确保落实到位。"]


def test_paragraph_cut_by_a_page_break_rejoined_heading_not():
    cut = "（十四）促进品牌建设。大力培育既有特色又有市场需求空间和影\n\n响力的特色品牌，提高产品附加值。"
    assert texts(clean_text(cut)) == ["（十四）促进品牌建设。大力培育既有特色又有市场需求空间和影响力的特色品牌，提高产品附加值。"]
    heading = "一、我市优化营商环境取得的成就及面临的机遇挑战\n\n“十三五”时期，全市围绕优化营商环境作出了部署。"
    assert len(texts(clean_text(heading))) == 2


def test_wrap_space_removed_in_prose_only():
    ct = clean_text("请有关单 位于月底前报送。\n某市财政局 某市民政局\n第一条 为了规范管理，制定本办法。")
    assert texts(ct) == ["请有关单位于月底前报送。", "某市财政局 某市民政局", "第一条 为了规范管理，制定本办法。"]


def test_two_columns_side_by_side_read_column_by_column():
    left = ["左栏第一行文字内容甲乙丙", "左栏第二行文字内容丁戊己", "左栏第三行文字内容庚辛壬",
            "左栏第四行文字内容子丑寅", "左栏第五行文字内容卯辰巳", "左栏第六行文字内容午未申"]
    right = ["右栏第一行文字内容甲乙丙", "右栏第二行文字内容丁戊己", "右栏第三行文字内容庚辛壬",
             "右栏第四行文字内容子丑寅", "右栏第五行文字内容卯辰巳", "右栏第六行文字内容午未申"]
    ct = clean_text("\n".join(f"{a}      {b}" for a, b in zip(left, right, strict=True)))
    assert texts(ct) == left + right


# -------------------------------------------------------------- confidence
def test_garbled_lines_marked_clean_text_not():
    assert garble_score("各县（市）区人民政府要在2024年6月底前完成。") == 0
    assert garble_score("市场监L管局、市财�局▓▓於2O24年") > 0.15
    text = "关于某事的通知\n\n各单位：\n\n一、任务\n序号\t单位\t金额\n1\t市财�局\t2O24\n▓\t市■▓局\t1l5\n�\t�▓\t□▓\n"
    ct = clean_text(text)
    assert len(ct.regions) == 1 and ct.regions[0].line == 6
    assert not clean_text(WRAPPED).regions


def test_plain_line_shortcut_holds_no_character_garble_score_counts():
    from gazette_checks.text.confidence import _SUSPECT, PLAIN_LINE

    plain = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and PLAIN_LINE.fullmatch(chr(c))]
    assert len(plain) > 20000  # the Han block, digits, spaces, punctuation
    assert not [ch for ch in plain if _SUSPECT.search(ch)]
    assert garble_score("某市财政局　2024年6月底前完成（责任单位：某局）。") == 0
    assert garble_score("某市财政局2O24年完成") > 0  # a letter: the full test still runs


def test_rules_silent_inside_a_garbled_region_which_is_reported_once():
    text = "\n".join([
        "某市人民政府关于开展某项工作的通知", "某政发〔2024〕6号", "各区人民政府：",
        "请于2024年6月30日前完成。", "一、任务", "序号\t单位\t完成时限", "3\t市财政屆\t6月2O日前",
        "l\t市民政▓局\t5月1O日前", "�\t▓▓\t□□", "某市人民政府", "2024年6月10日",
    ])
    findings = gc.check(gc.parse(text, "x.txt"))
    rules = [f.rule for f in findings]
    assert rules.count("PA08") == 1
    assert not [f for f in findings if f.rule != "PA08" and 6 <= f.line <= 9]


def test_tool_limits_never_fail_a_run(tmp_path, capsys):
    """A web export without a printed 成文日期 gives PA07 at info, which even --fail-on info does not fail."""
    from gazette_checks.cli import OK, main

    page = tmp_path / "web.md"
    page.write_text("---\n标题: 关于做好某项工作的通知\n文号: 某建规〔2024〕3号\n发布日期: 2024-05-10\n---\n\n"
                    "关于做好某项工作的通知\n\n各有关单位：\n\n请认真做好某项工作，确保按期完成。\n\n特此通知。\n",
                    encoding="utf-8")
    code = main(["check", str(page), "--format", "json", "--fail-on", "info"])
    import json

    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["PA07"]
    assert data["findings"][0]["severity"] == "info" and code == OK
