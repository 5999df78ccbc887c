"""What the parser's extractors record for the totals, numbering, title and format rules
(mentions kinds), with look-alike prose that must not be recorded; and those rules giving the
same findings from records alone (CSV) as from text. All texts are synthetic."""

from __future__ import annotations

import json

import pytest

from gazette_checks.api import check, parse
from gazette_checks.config import Config
from gazette_checks.extract.prose import col
from gazette_checks.patterns import is_table_row
from gazette_checks.read import source_from_string
from gazette_checks.records_io import from_csv_dir, to_csv_dir


def doc(body: str, title: str = "某市人民政府关于印发某市测试工作方案的通知") -> str:
    return f"""{title}

某政发〔2024〕9号

各区人民政府，市政府各部门：

{body}

某市人民政府

2024年6月23日
"""


def rows(body: str, kind: str, **kw) -> list[dict]:
    m = parse(doc(body, **kw), "t.txt").mentions
    out = m[m["kind"] == kind].to_dict("records")
    for r in out:
        v = r["value"]
        r["data"] = json.loads(v) if isinstance(v, str) and v.startswith("{") else v
    return out


def test_col_maps_a_squashed_position_back():
    text = "共 6部，**其中** 甲5部"
    sq = "共6部，其中甲5部"
    assert text[col(text, sq.index("其中"))] == "其"
    assert col(text, len(sq)) == len(text)


def test_one_table_row_test():
    assert is_table_row("序号\t名称") and is_table_row("<p>甲</p> <p>乙</p>") and is_table_row('<p style="x">甲</p>')
    assert not is_table_row("市财政局负责，p值不变。")


@pytest.mark.parametrize(("body", "kind", "role", "value"), [
    ("制定了三个配套文件：《某甲办法》、《某乙细则》、《某丙规程》、《某丁指南》。", "count_list", "titles", 3),
    ("设立3个工作专班：项目推进专班、要素保障专班、督导考核专班。", "count_list", "groups", 3),
    ("领导小组由3家成员单位组成，分别是：市发展改革委、市财政局和市住房城乡建设局。", "count_list", "organs", 3),
    ("重点做好以下3项工作：\n\n1. 甲工作。\n\n2. 乙工作。", "count_head", "items", 3),
    ("下设6个工作组：\n\n（一）综合协调组。负责统筹。", "count_head", "groups", 6),
    ("共6部，其中地方性法规5部、政府规章1部。", "prose_total", "total", None),
    ("一、法规项目（5部）\n\n（一）审议项目（2部）", "bracket_count", "部", None),
])
def test_counts_and_lists_are_recorded(body, kind, role, value):
    found = [r for r in rows(body, kind) if r["role"] == role]
    assert found, (kind, role)
    if value is not None:
        assert found[0]["data"]["stated"] == value


@pytest.mark.parametrize(("body", "kind"), [
    ("每个区县各确定3个试点单位。", "count_list"),  # a count without a list
    ("各成员单位要按照以下要求做好工作。", "count_head"),  # no count, no closing colon
    ("全市共有企业120家，比上年增加8家。", "prose_total"),  # no 其中
    ("本项目总投资约为4亿元（含配套资金）。", "bracket_count"),  # the bracket does not count items
])
def test_look_alikes_are_not_recorded(body, kind):
    assert rows(body, kind) == []


def test_citations_labels_and_headings():
    body = ("第一条 为了规范管理，制定本办法。\n\n第二条 违反本办法第二十条规定的，依法处理。\n\n"
            "第三条 依照《某某法》第五条执行，主要指标见表3。\n\n表1 主要指标\n\n详见附件2。")
    cites = {(r["role"], r["value"]) for r in rows(body, "cite")}
    assert ("article", "20") in cites and ("table", "3") in cites and ("attachment", "2") in cites
    assert ("article", "5") not in cites  # 《某某法》第五条 cites another text
    assert ("article", "1") not in cites  # an article's own heading
    assert {(r["role"], r["value"]) for r in rows(body, "label")} == {("table", "1")}
    assert {(r["role"], r["value"]) for r in rows(body, "last_heading")} == {("article", "3")}


def test_attachment_list_and_the_lines_after_it():
    body = ("现将有关事项通知如下。\n\n附件：1. 某某申请表\n2. 某某告知书\n\n附件1\n\n某某申请表\n\n"
            "请各单位按时报送。")
    lst = rows(body, "attachment_list")
    assert [(r["role"], r["data"]["n"]) for r in lst] == [("head", 1), ("entry", 2)]
    after = [r["text"] for r in rows(body, "after_list")]
    assert "附件1" in after and "某某申请表" in after
    assert "请各单位按时报送。" not in after  # a sentence is not a heading


def test_shares_carry_their_part_and_whole():
    body = "楼本体改造项目。投资2.11亿元，已经到位0.61亿元，约占楼本体投资29%。"
    (s,) = rows(body, "share")
    assert s["data"]["part"]["text"] == "0.61亿元" and s["data"]["whole"]["text"] == "2.11亿元"
    assert s["data"]["approx"] is True
    assert rows("企业数量占全省总数的30%。", "share") == []  # a whole outside the text's figures


def test_format_marks():
    body = ("〔责任单位：市财政局〕执行《某某条例》（国务院令701号），本办法自印发之日起施行。"
            "基本办法另行制定。")
    assert [r["role"] for r in rows(body, "role_note")] == ["责任单位"]
    (d,) = rows(body, "decree_number")
    assert d["data"] == {"org": "国务院", "num": "701", "di": False}
    assert [r["role"] for r in rows(body, "self_reference")] == ["办法"]  # not 基本办法
    assert [r["text"] for r in rows(body, "quoted")] == ["某某条例"]


def test_carrying_words_and_quoted_titles():
    body = "现将《某市测试工作方案》印发给你们，请认真贯彻执行。"
    (c,) = rows(body, "carry", title="某市人民政府关于《某市测试工作方案》的通知")
    assert c["role"] == "印发" and c["data"]["titles"] == ["某市测试工作方案"]


SLIPS = doc(
    "制定了三个配套文件：《某甲办法》、《某乙细则》、《某丙规程》、《某丁指南》。\n\n"
    "共6部，其中地方性法规4部、政府规章1部。\n\n"
    "〔责任单位：市甲局〕甲事项。\n\n〔责任单位：市乙局〕乙事项。\n\n[责任单位：市丙局]丙事项。\n\n"
    "依据《某某条例》（国务院令701号）执行。"
)


def test_records_alone_give_the_same_findings(tmp_path):
    """The rules read records, not text: loaded from CSV with a blank text of the same length in
    place of the source, they find what they find in the text."""
    cfg = Config(select=["TB08", "TB02", "FM02", "FM04"])
    recs = parse(SLIPS, "t.txt")
    want = sorted((f.rule, f.line) for f in check(recs, cfg))
    assert {r for r, _ in want} == {"TB08", "TB02", "FM02", "FM04"}
    to_csv_dir(recs, tmp_path)
    back = from_csv_dir(tmp_path)
    back.sources = {"t.txt": source_from_string("\n" * SLIPS.count("\n"), "t.txt")}
    got = sorted((f.rule, f.line) for f in check(back, cfg))
    assert got == want


def test_a_needle_printed_with_spaces_points_at_its_line():
    """NM02 names the squashed 文号; the finding points at the wrapped line where it is printed
    with a space, and marks it as printed."""
    from tests.layout.transforms import hard_wrap

    body = ("　　为进一步做好某项工作，切实提高工作质量和效率，根据有关规定并结合本市实际，依据《某市某某管理办法》"
            "（某政办发【2021】 第3号），现就有关事项通知如下，请认真贯彻执行。")
    text = hard_wrap(doc(body), 36)
    (f,) = check(parse(text, "t.txt"), Config(select=["NM02"]))
    assert "某政办发【2021】 第3号" in text.splitlines()[f.line - 1]
    assert f.excerpt[f.span[0]:f.span[1]] == "某政办发【2021】 第3号"
