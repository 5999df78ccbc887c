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


# ------------------------------------------------- gaps left by the last review (synthetic)
def _articles(text: str) -> list[int]:
    o = gc.parse(text, "x.txt").outline
    return o[o["kind"] == "article"]["number"].tolist()


def _regulation(body: str) -> str:
    return f"滨江市河道管理办法\n\n{body}\n\n滨江市人民政府\n\n2024年3月8日\n"


@pytest.mark.parametrize("body", [
    "第一章　总则\n\n第一条　为了加强河道管理，制定本办法。第二条　本办法适用于本市行政区域。\n\n"
    "第三条　市水务局负责本办法的实施。第四条　各区人民政府做好配合。第五条　本办法自2024年5月1日起施行。",
    "第一条为了加强河道管理，制定本办法。第二条本办法适用于本市行政区域。\n\n第三条市水务局负责本办法的实施。\n\n"
    "第四条各区人民政府做好配合。第五条本办法自2024年5月1日起施行。",
])
def test_two_articles_on_one_line_are_split(body):
    assert _articles(_regulation(body)) == [1, 2, 3, 4, 5]
    assert rule_hits_nm(_regulation(body)) == []


def rule_hits_nm(text: str) -> list:
    return [f for f in checked(gc.parse(text, "x.txt"), Config(select=["NM"])) if f.rule.startswith("NM")]


def test_an_article_cited_after_a_sentence_end_is_not_split():
    body = ("第一条　为了加强河道管理，制定本办法。\n\n第二条　违反本办法的，依法处理。第四条规定的情形除外。\n\n"
            "第三条　本办法自2024年5月1日起施行。")
    assert _articles(_regulation(body)) == [1, 2, 3]
    ct = clean_text(body)
    assert "第二条　违反本办法的，依法处理。第四条规定的情形除外。" in [ln.text for ln in ct.lines]


@pytest.mark.parametrize("sep", ["", "　", "　　"])
def test_chapter_heading_run_into_its_first_article(sep):
    body = ("第一章　总则\n\n第一条　为了加强河道管理，制定本办法。\n\n第二条　本办法适用于本市行政区域。\n\n"
            f"第二章管理职责{sep}第三条市水务局负责本办法的实施。\n\n第四条　各区人民政府做好配合。")
    text = _regulation(body)
    o = gc.parse(text, "x.txt").outline
    assert o[o["kind"] == "chapter"]["number"].tolist() == [1, 2]
    assert _articles(text) == [1, 2, 3, 4]
    assert rule_hits_nm(text) == []


def test_a_sentence_beginning_with_a_chapter_is_not_split():
    ct = clean_text("第二章规定的第五条情形，依照有关规定执行。")
    assert [ln.text for ln in ct.lines] == ["第二章规定的第五条情形，依照有关规定执行。"]


@pytest.mark.parametrize("head", [
    "滨江市人民政府公报\n\n二〇二四年第三期（总第八十七期）\n\n二〇二四年三月三十一日",
    "滨江市人民政府公报\n\n二○二四年第三期\n\n总第八十七期\n\n2024年3月31日",
    "滨江市人民政府公报\n\n二零二四年　第三期　总第〇八七期\n\n2024年3月31日",
    "滨江市人民政府公报　2024年第3期（总第87期）　2024年3月31日出版",
    "滨江市人民政府公报　　二〇二四年第三期（总第八十七期）　　2024年3月31日出版",
])
def test_masthead_in_chinese_numerals_or_on_one_line(head):
    text = f"{head}\n\n目　录\n\n滨江市人民政府关于同意设立北湖街道的批复 (2)\n"
    row = gc.parse(text, "x.txt").issues.iloc[0]
    assert (row["name"], row["year"], row["number"], row["total_number"], row["date"]) == \
        ("滨江市人民政府公报", 2024, 3, 87, "2024-03-31")


SPACE_TABLE = """滨江市人民政府关于下达2024年重点项目计划的通知
滨政发〔2024〕6号
各区人民政府：
现将2024年重点项目投资计划下达如下，请认真组织实施。
表1  2024年重点项目投资计划
序号    项目名称            责任单位          投资（万元）
1       滨河路改造工程      市住房城乡建设局  1200
2       北湖公园建设        市园林局          800
3       老旧小区改造        各区人民政府      1500
        合计                                  {total}
滨江市人民政府
2024年5月8日
"""


def test_a_table_aligned_with_spaces_is_read_as_cells():
    r = gc.parse(SPACE_TABLE.format(total=3500), "x.txt")
    t = r.tables
    assert t["row"].nunique() == 5 and t["col"].nunique() == 4
    assert t[(t["row"] == 1) & (t["col"] == 2)]["text"].tolist() == ["市住房城乡建设局"]
    assert t[t["row"] == 4]["text"].tolist() == ["", "合计", "", "3500"]
    assert t["caption"].iloc[0] == "表1 2024年重点项目投资计划"
    lines = SPACE_TABLE.split("\n")
    assert lines[int(t[t["text"] == "北湖公园建设"]["line"].iloc[0]) - 1].startswith("2       北湖公园建设")
    assert [f.rule for f in gc.check(gc.parse(SPACE_TABLE.format(total=3600), "x.txt"))] == ["TB01"]
    assert gc.check(r) == []


def test_a_table_aligned_in_display_width_with_full_width_spaces():
    rows = ["指标名称　　　　单位　　2023年　　2024年", "地区生产总值　　亿元　　1200　　　1300",
            "固定资产投资　　亿元　　　800　　　 860", "社会消费品零售总额　亿元　600　　　 650"]
    ct = clean_text("\n".join(rows))
    assert all("\t" in ln.text for ln in ct.lines[:3])


@pytest.mark.parametrize("lines", [
    ["滨江市人民政府关于同意设立北湖街道的批复        2", "滨江市财政局关于做好救助资金管理工作的通知    5",
     "滨江市教育局关于做好2024年招生工作的通知      9"],                        # a table of contents
    ["一、总体要求。  全面贯彻落实有关部署。", "二、主要任务。  加强组织领导。", "三、保障措施。  强化监督检查。"],  # prose
    ["滨江市财政局", "滨江市民政局"],
])
def test_space_aligned_look_alikes_are_not_tables(lines):
    ct = clean_text("\n".join(lines))
    assert not any("\t" in ln.text for ln in ct.lines)


def _side_by_side(left: list[str], right: list[str], width: int = 34) -> str:
    rows = []
    for a, b in zip(left, right + [""] * (len(left) - len(right)), strict=True):
        rows.append(a if not b else (" " * width + b if not a else a + " " * (width - len(a)) + b))
    return "\n".join(rows)


def test_two_columns_with_short_right_hand_parts_and_a_longer_left_column():
    left = ["第一条　为了规范管理，根据有关", "法律法规，结合本市实际，制定本", "办法。", "第二条　本办法适用于本市行政",
            "区域内的有关管理活动和监督工作", "。", "第三条　市人民政府负责组织实施", "本办法。"]
    right = ["第四条　各区人民政府应当加强组", "织领导，建立健全工作协调机制。", "第五条　有关部门按照职责分工",
             "做好相关工作。", "第六条　本办法自2024年5月1日", "起施行。"]
    text = _side_by_side(left, right)
    ct = clean_text(text, steps=["two_columns"])
    assert [ln.text for ln in ct.lines] == left + right
    assert _articles(_regulation(text)) == [1, 2, 3, 4, 5, 6]


def test_text_after_a_two_column_block_stays_after_it():
    left = ["第一条　为了规范管理，根据有关", "法律法规，结合本市实际，制定本", "办法。", "第二条　本办法适用于本市行政",
            "区域内的有关管理活动和监督工作", "，以及相关的服务保障工作。"]
    right = ["第三条　各区人民政府应当加强组", "织领导，建立健全工作协调机制。", "第四条　有关部门按照职责分工",
             "做好相关工作，及时报送情况，并", "接受监督。", "第五条　本办法自2024年5月1日起施行。"]
    text = _side_by_side(left, right) + "\n滨江市人民政府\n2024年3月8日"
    ct = clean_text(text, steps=["two_columns"])
    assert [ln.text for ln in ct.lines] == left + right + ["滨江市人民政府", "2024年3月8日"]


# ------------------------------------------- two columns whose lines alternate (synthetic prose)
_PHRASES = ["各区人民政府要加强组织领导", "建立健全工作协调机制", "市直有关部门按照职责分工", "认真做好城乡供水设施改造工作",
            "确保各项任务按期完成", "推进老旧管网更新改造", "提升城乡供水保障能力", "加强资金保障和监督管理",
            "及时报送工作进展情况", "市水务局负责统筹协调", "做好群众宣传和引导工作", "强化工程质量安全监管"]


def _prose(k: int, sentences: int = 6) -> str:
    return "。".join(f"{_PHRASES[(k * 5 + j * 3) % 12]}，{_PHRASES[(k * 7 + j * 5 + 1) % 12]}"
                    for j in range(sentences)) + "。"


def _notice(paragraphs: int = 8) -> str:
    body = "\n\n".join(f"（{'一二三四五六七八九十'[k]}）{_prose(k)}" for k in range(paragraphs))
    return ("滨江市人民政府关于加快城乡供水设施改造的通知\n\n滨政发〔2024〕9号\n\n各区人民政府，市政府各部门：\n\n"
            f"{body}\n\n滨江市人民政府\n\n2024年5月8日\n")


def _outline(text: str) -> list[tuple]:
    o = gc.parse(text, "x.txt").outline
    return list(zip(o["label"], o["text"], strict=True))


def test_two_columns_whose_lines_alternate_are_read_column_by_column():
    from tests.layout.transforms import hard_wrap, two_columns_interleaved

    text = _notice()
    printed = two_columns_interleaved(text, width=24, rows=10)
    assert printed.count("- ") >= 3 and printed != hard_wrap(text, 24)
    ct = clean_text(printed)
    assert "interleaved_columns" in ct.applied and not ct.regions
    assert [ln.text for ln in ct.lines if ln.text.strip()] == \
        [ln.text for ln in clean_text(hard_wrap(text, 24)).lines if ln.text.strip()]
    assert _outline(printed) == _outline(text) and len(_outline(text)) == 8
    assert docs(printed) == docs(text) == [("滨政发〔2024〕9号", "滨江市人民政府", "2024-05-08")]
    assert [f.rule for f in gc.check(gc.parse(printed, "x.txt"))] == [f.rule for f in gc.check(gc.parse(text, "x.txt"))]


def test_the_records_of_a_column_read_page_point_at_their_original_lines():
    from tests.layout.transforms import two_columns_interleaved

    printed = two_columns_interleaved(_notice(), width=24, rows=10)
    lines = printed.split("\n")
    for line, label in zip(gc.parse(printed, "x.txt").outline["line"], "一二三四五六七八", strict=True):
        assert lines[int(line) - 1].startswith(f"（{label}）")


def test_hard_wrapped_prose_in_one_column_is_left_in_order():
    from tests.layout.transforms import hard_wrap

    for width in (20, 24, 30, 36):
        text = hard_wrap(_notice(), width)
        ct = clean_text(text)
        assert "interleaved_columns" not in ct.applied and not ct.regions


def test_alternating_short_and_long_lines_are_not_columns():
    rows = []
    for k in range(12):
        rows += [f"{k + 1}. {_PHRASES[k]}", f"{_PHRASES[(k + 3) % 12]}，{_PHRASES[(k + 5) % 12]}，{_PHRASES[k]}。"]
    ct = clean_text("\n".join(rows))
    assert "interleaved_columns" not in ct.applied and not ct.regions


def _alternate(left: list[str], right: list[str]) -> list[str]:
    out = []
    for k, a in enumerate(left):
        out.append(a)
        if k < len(right):
            out.append(right[k])
    return out


def test_alternating_columns_whose_order_cannot_be_told_are_marked_not_read():
    """The left column stops mid-sentence (the text goes on elsewhere) and the right one opens a new
    item: neither the printed order nor the column order reads, so the page is not checked."""
    def wrap(s: str, w: int = 24) -> list[str]:
        return [s[k:k + w] for k in range(0, len(s), w)]

    left = wrap("（一）" + _prose(0, 8))[:-1]           # cut mid-sentence at the page's end
    right = wrap("（五）" + _prose(4, 8))[: len(left)]
    page = ["- 1 -", *_alternate(left, right), "- 2 -"]
    text = ("滨江市人民政府关于加快城乡供水设施改造的通知\n\n滨政发〔2024〕9号\n\n各区人民政府，市政府各部门：\n\n"
            + "\n".join(page) + "\n\n" + "\n".join(wrap("（六）" + _prose(5))) + "\n\n滨江市人民政府\n\n2024年5月8日\n")
    ct = clean_text(text)
    assert [r.kind for r in ct.regions] == ["interleaved"]
    region = ct.regions[0]
    assert text.split("\n")[region.line - 1] == left[0]
    findings = gc.check(gc.parse(text, "x.txt"))
    pa08 = [f for f in findings if f.rule == "PA08"]
    assert len(pa08) == 1 and "两栏" in pa08[0].data["detail"]
    assert not [f for f in findings if f.rule != "PA08" and region.line <= f.line <= region.end_line]


def _fill(queue: list[str], widths: tuple[int, int], rows: int) -> tuple[list[list[str]], list[str]]:
    """Two columns of `rows` rows filled from the paragraphs `queue` ('' between paragraphs)."""
    queue = list(queue)
    cols = []
    for w in widths:
        col: list[str] = []
        while queue and len(col) < rows:
            text = queue.pop(0)
            col.append(text[:w])
            if text[w:]:
                queue.insert(0, text[w:])
        cols.append(col)
    return cols, queue


def _set_in_columns(paragraphs: list[str], widths: tuple[int, int], rows: int) -> list[str]:
    """`paragraphs` set in two columns of `widths`, `rows` rows a page, the last page balanced, as
    an extractor leaves them: row by row, left then right, a page number before each page."""
    queue = [x for p in paragraphs for x in (p, "")][:-1]
    printed: list[str] = []
    page = 0
    while queue:
        cols, rest = _fill(queue, widths, rows)
        if not rest:  # the last page: the fewest rows that hold the rest (balanced columns)
            cols, rest = next(c for r in range(1, rows + 1) if not (c := _fill(queue, widths, r))[1])
        queue = rest
        page += 1
        printed += [f"- {page} -", *_alternate(*cols)]
    return printed + [f"- {page + 1} -"]


def test_alternating_columns_of_different_widths_are_read_column_by_column():
    paragraphs = [f"（{'一二三四五六七八'[k]}）{_prose(k)}" for k in range(8)]
    printed = _set_in_columns(paragraphs, (26, 20), 12)
    head = "滨江市人民政府关于加快城乡供水设施改造的通知\n\n滨政发〔2024〕9号\n\n各区人民政府，市政府各部门：\n\n"
    tail = "\n\n滨江市人民政府\n\n2024年5月8日\n"
    text = head + "\n".join(printed) + tail
    ct = clean_text(text)
    assert "interleaved_columns" in ct.applied and not ct.regions
    cleaned = [ln.text for ln in ct.lines if ln.text.strip()]
    body = cleaned[cleaned.index(next(x for x in cleaned if x.startswith("（一）"))):-2]
    assert "".join(body) == "".join(paragraphs)  # in reading order (the narrower column's lines
    # stay apart: hard_wraps knows one width per text)
    assert [label for label, _ in _outline(text)] == [label for label, _ in _outline(head + "\n\n".join(paragraphs) + tail)]


def test_a_last_page_whose_right_column_ends_first_is_read_column_by_column():
    paragraphs = [f"（一）{_prose(0, 8)}", f"（二）{_prose(1, 8)}"]
    queue = [paragraphs[0], "", paragraphs[1]]
    (left, right), rest = _fill(queue, (24, 24), 12)
    assert not rest and len(left) == 12 and 4 <= len(right) <= 9
    head = "滨江市人民政府关于加快城乡供水设施改造的通知\n\n滨政发〔2024〕9号\n\n各区人民政府，市政府各部门：\n\n"
    text = head + "\n".join(["- 1 -", *_alternate(left, right), "- 2 -"]) + "\n\n滨江市人民政府\n\n2024年5月8日\n"
    ct = clean_text(text)
    assert "interleaved_columns" in ct.applied and not ct.regions
    cleaned = [ln.text for ln in ct.lines if ln.text.strip()]
    assert paragraphs[0] in cleaned and paragraphs[1] in cleaned


def test_letter_spaced_headers_stay_one_cell_and_a_member_list_is_not_a_table():
    form = "姓  名    性  别    年  龄\n张某某    男        45\n李某某    女        38\n王某某    男        52"
    assert [ln.text for ln in clean_text(form).lines] == ["姓  名\t性  别\t年  龄", "张某某\t男\t45", "李某某\t女\t38",
                                                          "王某某\t男\t52"]
    members = ("组  长：李某某    市政府副市长\n副组长：王某某    市政府副秘书长\n成  员：赵某某    市发改委主任\n"
               "        钱某某    市财政局局长\n        孙某某    市民政局局长")
    assert not any("\t" in ln.text for ln in clean_text(members).lines)


@pytest.mark.parametrize("width", [20, 30])
def test_real_texts_in_one_column_are_never_read_as_alternating_columns(width):
    """Hard-wrapped real texts with page furniture (one column): no page is re-read or marked."""
    from pathlib import Path

    from tests.layout.transforms import compose, hard_wrap, page_furniture

    shared = Path(__file__).resolve().parents[1].parent / "shared"
    files = sorted((shared / "corpus").glob("*.txt")) + sorted((shared / "corpus-docs").glob("*.txt"))
    if not files:
        pytest.skip("../shared is not present")
    for p in files:
        ct = clean_text(compose(lambda t: hard_wrap(t, width), page_furniture)(p.read_text(encoding="utf-8")))
        assert "interleaved_columns" not in ct.applied, p.name
        assert not [r for r in ct.regions if r.kind == "interleaved"], p.name


def test_front_numbers_in_chinese_numerals_are_recorded_as_numbers():
    """The masthead grammar reads 〇/十 numerals; the front_number mentions (DT09's input) carry the
    same numbers, not a crash on int('三')."""
    from gazette_checks import api

    text = (
        "某市人民政府公报\n二〇二四年第三期（总第八十七期）\n2024年3月31日出版\n\n"
        "某市人民政府关于做好某项工作的通知\n某政发〔2024〕3号\n\n各区人民政府：\n"
        "　　现将有关事项通知如下。\n\n某市人民政府\n2024年3月10日\n"
    )
    recs = api.parse(text, "cn-masthead.txt")
    issue = recs.issues.iloc[0]
    assert (int(issue["year"]), int(issue["number"]), int(issue["total_number"])) == (2024, 3, 87)
    m = recs.mentions[recs.mentions["kind"] == "front_number"]
    assert dict(zip(m["role"], m["value"], strict=True)) == {"总第N期": "87", "第N期": "3", "年份": "2024"}
    assert not [f for f in api.check(recs) if f.rule in ("DT09", "PA06")]
