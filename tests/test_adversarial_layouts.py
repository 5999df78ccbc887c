"""Layouts an adversarial reader wrote to break the text stage (synthetic), kept as regression tests."""

from __future__ import annotations

import pytest

import gazette_checks as gc
from gazette_checks.config import Config
from gazette_checks.text import clean_text
from tests.rule_helpers import checked


def docs(text: str) -> list[tuple]:
    d = gc.parse(text, "x.txt").documents
    return [tuple(r) for r in d[["doc_number", "issuer", "date"]].itertuples(index=False)]


WRAPPED_22 = """滨江市人民政府令
第12号
《滨江市城市绿化管理办法》已经市人民政府第31
次常务会议通过，现予公布，自2024年5月1日起
施行。
市长　周明远
2024年3月1日
滨江市城市绿化管理办法
第一条　为了加强城市绿化管理，改善生态环境，
根据有关法律法规，结合本市实际，制定本办法。
第二条　本办法适用于本市城市规划区内的城市绿
化规划、建设、保护和管理。
第三条　本办法自2024年5月1日起施行。
滨江市人民政府关于印发滨江市老旧小区改造实施
方案的通知
滨政发〔2024〕5号
各区人民政府：
现将《滨江市老旧小区改造实施方案》印发给你们
，请认真贯彻执行。
滨江市人民政府
2024年2月26日
"""


def test_a_full_line_ending_a_sentence_does_not_swallow_the_next_title():
    assert docs(WRAPPED_22) == [("滨江市人民政府令第12号", "滨江市人民政府", "2024-03-01"),
                                ("滨政发〔2024〕5号", "滨江市人民政府", "2024-02-26")]


@pytest.mark.parametrize("head", ["滨江市人民政府令　第12号", "滨江市人民政府令（第12号）", "滨江市人民政府令\n\n第十二号"])
def test_decree_number_on_the_heading_line_or_in_chinese_numerals(head):
    text = (f"{head}\n\n《滨江市城市绿化管理办法》已经市人民政府常务会议通过，现予公布。\n\n市长　周明远\n\n"
            "2024年3月1日\n\n滨江市城市绿化管理办法\n\n第一条　为了加强城市绿化管理，制定本办法。\n")
    assert docs(text) == [("滨江市人民政府令第12号", "滨江市人民政府", "2024-03-01")]


def test_numbered_attachment_list_alone_does_not_crash_the_numbering_rules():
    text = "关于下达计划的通知\n滨政发〔2024〕5号\n各区：\n附件：1.项目清单\n2.资金安排表\n滨江市人民政府\n2024年2月26日\n附件1\n附件2\n"
    checked(gc.parse(text, "x.txt"), Config(select=["NM"]))  # fails on any PA06


def test_date_before_organ_on_one_line_signs_its_own_document():
    text = ("滨江市人民政府关于同意设立北湖街道的批复\n\n滨政复〔2024〕3号\n\n东湖区人民政府：\n\n你区请示收悉。经研究，同意设立。\n\n"
            "2024年3月8日　　滨江市人民政府\n\n滨江市财政局关于做好救助资金管理工作的通知\n\n滨财社〔2024〕9号\n\n各区财政局：\n\n"
            "请于每季度结束后10日内报送使用情况。\n\n滨江市财政局\n\n2024年3月15日\n")
    d = gc.parse(text, "x.txt").documents
    assert d["issuer"].tolist() == ["滨江市人民政府", "滨江市财政局"]
    assert d["signer"].tolist() == ["滨江市人民政府", "滨江市财政局"]


@pytest.mark.parametrize("line, parts", [
    ("滨江市财政局　　　　滨江市民政局　　　　2024年3月15日", ["滨江市财政局", "滨江市民政局", "2024年3月15日"]),
    ("市长　周明远　　2024年3月1日", ["市长\u3000周明远", "2024年3月1日"]),
    ("滨财社〔2024〕9号　　　　签发人：王某某", ["滨财社〔2024〕9号", "签发人：王某某"]),
    ("滨江市人民政府办公室文件　　　　滨政办发〔2024〕8号", ["滨江市人民政府办公室文件", "滨政办发〔2024〕8号"]),
    ("二、关于第（一）类项目的申报要求", ["二、关于第（一）类项目的申报要求"]),
    ("三、落实（一）号令", ["三、落实（一）号令"]),
    ("一、东湖区（一）期工程", ["一、东湖区（一）期工程"]),
])
def test_more_lines_holding_two_elements(line, parts):
    assert [ln.text for ln in clean_text(line).lines] == parts


@pytest.mark.parametrize("rule_line", ["————————————", "★", "────────", "____", "-----"])
def test_rule_line_under_a_masthead_mark_is_furniture(rule_line):
    text = (f"滨江市人民政府文件\n\n滨政发〔2024〕5号\n\n{rule_line}\n\n滨江市人民政府关于做好防汛工作的通知\n\n"
            "各区人民政府：\n\n请做好防汛工作。\n\n滨江市人民政府\n\n2024年3月8日\n")
    d = gc.parse(text, "x.txt").documents.iloc[0]
    assert d["title"] == "滨江市人民政府关于做好防汛工作的通知" and d["doc_number"] == "滨政发〔2024〕5号"


@pytest.mark.parametrize("mark", ["Page 3 of 9", "- 3/9 -"])
def test_more_page_number_forms(mark):
    ct = clean_text(f"正文，未完\n{mark}\n续文。")
    assert mark not in [ln.text for ln in ct.lines] and ct.pages == [(2, 3)]


def test_running_head_with_a_page_word_near_the_top_is_furniture():
    ct = clean_text("滨江市人民政府公报\n\n2024年第3期\n\n目　录\n\n滨江市人民政府关于做好第1项工作的通知 (1)\n\n"
                    "滨江市人民政府公报　第1页\n\n滨江市财政局关于做好第2项工作的通知 (3)\n")
    assert "滨江市人民政府公报　第1页" not in [ln.text for ln in ct.lines] and ct.pages == [(9, 1)]


def test_title_naming_a_gazette_after_a_page_number_is_kept():
    ct = clean_text("滨江市财政局\n\n2024年3月15日\n\n- 9 -\n\n滨江市统计局关于发布2023年统计公报的公告\n\n滨统〔2024〕3号\n")
    assert "滨江市统计局关于发布2023年统计公报的公告" in [ln.text for ln in ct.lines]


@pytest.mark.parametrize("gap", ["          1", "\t1", "　　第1页"])
def test_toc_page_after_a_gap(gap):
    text = (f"滨江市人民政府公报\n\n2024年第3期\n\n2024年3月31日\n\n目　录\n\n滨江市人民政府关于做好防汛抗旱工作的通知{gap}\n\n"
            "滨江市人民政府关于做好防汛抗旱工作的通知\n\n滨政发〔2024〕5号\n\n各区人民政府：\n\n请做好防汛工作。\n\n"
            "滨江市人民政府\n\n2024年3月8日\n")
    toc = gc.parse(text, "x.txt").toc
    assert toc[["title", "page"]].values.tolist() == [["滨江市人民政府关于做好防汛抗旱工作的通知", 1]]


def test_a_table_flattened_one_cell_per_line_keeps_its_numbers():
    rows = "\n\n".join(f"{n}\n\n{area}\n\n社区食堂\n\n{k}" for n, area, k in
                       [(1, "东湖区", 12), (2, "西山区", 8), (3, "南岸区", 15), (4, "北湖街道", 6)])
    ct = clean_text("附件\n\n2024年民生项目表\n\n序号\n\n区\n\n项目\n\n数量\n\n" + rows)
    assert not ct.pages and {"1", "2", "3", "4"} <= {ln.text for ln in ct.lines}


def test_a_toc_entry_at_the_wrap_width_is_not_joined_to_the_next_line():
    toc = ["滨江市人民政府公报", "2024年第3期", "目 录", "【市政府文件】",
           "滨江市人民政府关于同意设立滨江市北湖街道的批复 (9)", "【部门文件】",
           "滨江市财政局关于做好困难群众救助资金管理工作的通知 (11)"]
    body = ["滨江市人民政府关于同意设立滨江市北湖街道的批复", "滨政复〔2024〕3号", "东湖区人民政府：",
            "你区《关于设立北湖街道的请示》收悉。经研究，同意设立北湖", "街道，辖区面积18.6平方公里，请按照有关规定做好街道设立的",
            "各项工作，确保平稳有序。街道设立后，东湖区要及时调整有关", "机构设置，妥善安排人员，保障群众办事不受影响。", "此复。",
            "滨江市人民政府", "2024年3月8日",
            "滨江市财政局关于做好困难群众救助资金管理工作的通知", "滨财社〔2024〕9号", "各区财政局：",
            "为规范困难群众救助资金管理，提高资金使用效益，现就有关事", "项通知如下：各区应于每季度结束后10日内报送使用情况，市财",
            "政局每年组织一次专项检查，检查结果在全市通报，问题突出的", "予以约谈。", "滨江市财政局", "2024年3月15日"]
    records = gc.parse("\n".join(toc + body), "x.txt")
    assert records.toc["page"].tolist() == [9, 11]
    assert records.documents["issuer"].tolist() == ["滨江市人民政府", "滨江市财政局"]


def test_articles_printed_without_a_space_are_read_in_order():
    body = "\n\n".join(f"第{n}条本办法的第{k}项规定，按照有关要求执行。" for n, k in
                       zip("一二三四五六", range(1, 7), strict=True))
    text = f"某区水利工程管理办法\n\n{body}\n\n某区人民政府\n\n2024年3月8日\n"
    o = gc.parse(text, "x.txt").outline
    assert o[o["kind"] == "article"]["number"].tolist() == [1, 2, 3, 4, 5, 6]


def test_a_list_citing_another_regulations_articles_is_not_an_outline():
    body = "\n\n".join(f"第二十条第{k}款：违反规定的，责令改正。" for k in "一五二五三")
    text = f"关于印发某某清单的通知\n\n各单位：\n\n现将清单印发给你们。\n\n{body}\n\n某市城管局\n\n2024年3月8日\n"
    o = gc.parse(text, "x.txt").outline
    assert o[o["kind"] == "article"].empty
    checked(gc.parse(text, "x.txt"), Config(select=["NM03"]))
    assert not [f for f in gc.check(gc.parse(text, "x.txt"), Config(select=["NM03"]))]


def test_dated_lines_inside_the_body_are_not_the_signing_date():
    text = ("滨江市人民政府办公室关于报送2024年工作总结的通知\n\n滨政办函〔2024〕15号\n\n各区人民政府，市政府各部门：\n\n"
            "请各单位按下列时间报送工作总结：\n\n滨江市财政局　　2024年11月10日\n\n滨江市民政局　　2024年11月20日\n\n"
            "逾期未报送的，予以通报。\n\n滨江市人民政府办公室\n\n2024年10月8日\n")
    d = gc.parse(text, "x.txt").documents.iloc[0]
    assert (d["date"], d["signer"]) == ("2024-10-08", "滨江市人民政府办公室")
