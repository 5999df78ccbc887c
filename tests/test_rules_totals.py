"""Total rules (TB): synthetic tables and sentences whose totals must and must not be flagged."""

from __future__ import annotations

import pytest

from gazette_checks.api import check, parse
from gazette_checks.checks.totals import prose_totals, tolerance
from gazette_checks.config import Config
from tests.rule_helpers import rule_hits


def gazette(body: str) -> str:
    """A one-document issue in the layout of the city gazettes (synthetic)."""
    return f"""某某市人民政府公报

(双月刊)

第4期 总第19期

某某市人民政府办公室主办

2024年8月30日

某某市人民政府
关于印发某某市测试工作方案的通知

某政发〔2024〕9号

各县（市）、区人民政府，市政府各直属单位：

{body}

某某市人民政府

2024年6月23日
"""


def hits(text: str, code: str) -> list:
    return rule_hits(text, code)


def test_tolerance_follows_the_precision_shown():
    assert tolerance("1250") == pytest.approx(0.5, abs=1e-6)
    assert tolerance("4.43亿元") == pytest.approx(0.005, abs=1e-6)


# ---------------------------------------------------------------- TB01
def test_tb01_total_row_mismatch():
    table = ("表1 投资情况\n\n项目\t数量\t投资（万元）\n甲区\t3\t1200\n乙区\t4\t1021\n丙区\t5\t1200\n"
             "合计\t12\t3420\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1
    f = found[0]
    assert f.data["stated"] == 3420 and f.data["computed"] == 3421
    assert f.data["parts"] == [1200, 1021, 1200]
    assert f.excerpt[f.span[0]:f.span[1]] == "3420" and f.suggestion == "3421"
    assert (f.data["header"], f.data["row"]) == ("投资（万元）", "合计")  # where the total sits


def test_tb01_rounded_total_within_precision_and_ranges_left_alone():
    table = ("表1 学分\n\n科目\t必修\t选修\n语文\t8\t0-6\n数学\t8.3\t≥4\n外语\t6.3\t—\n"
             "合计\t23\t≥14\n")
    assert hits(gazette(table), "TB01") == []


def test_tb01_blank_and_dash_cells_and_units():
    table = ("表2 资金\n\n项目\t金额\n甲\t1.20亿元\n乙\t—\n丙\t\n丁\t2.11亿元\n合计\t3.41亿元\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1 and found[0].data["unit"] == "亿元"
    ok = table.replace("3.41亿元", "3.31亿元")
    assert hits(gazette(ok), "TB01") == []


def test_tb01_subtotals_then_grand_total():
    table = ("表3 分项\n\n类别\t数量\n甲\t2\n乙\t3\n小计\t5\n丙\t4\n丁\t1\n小计\t5\n总计\t11\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1 and found[0].data["stated"] == 11 and found[0].data["computed"] == 10


def test_tb01_total_columns_with_a_two_row_header():
    table = ("表4 分年度计划\n\n区域\t2023年\t\t2024年\t\t合计\t\n\t数量\t投资\t数量\t投资\t数量\t投资\n"
             "甲区\t2\t100\t3\t150\t5\t250\n乙区\t1\t80\t2\t90\t3\t171\n")
    found = hits(gazette(table), "TB01")
    assert len(found) == 1
    assert found[0].data["axis"] == "column" and found[0].data["parts"] == [80, 90]
    assert (found[0].data["header"], found[0].data["row"]) == ("合计/投资", "乙区")


# ---------------------------------------------------------------- TB02
def test_tb02_parts_exceed_the_total():
    found = hits(gazette("今年共安排立法项目6部，其中地方性法规5部、政府规章2部。"), "TB02")
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert found[0].data == {"stated": 6, "computed": 7, "parts": [5, 2], "unit": "部"}


def test_tb02_parts_below_a_stated_total_are_info():
    found = hits(gazette("今年共安排立法项目6部，其中地方性法规4部、政府规章1部。"), "TB02")
    assert len(found) == 1 and found[0].severity.value == "info"


def test_tb02_lookalikes_not_flagged():
    body = ("学年52周，其中教学40周，社会实践1周，假期11周。\n\n"
            "建成项目30个，其中工业项目12个、服务业项目10个。\n\n"
            "至少修满144学分，其中必修88学分，选择性必修不少于42学分。\n\n"
            "共8学分，其中研究性学习6学分，社会实践2学分。")
    assert hits(gazette(body), "TB02") == []


def test_prose_totals_reads_parts_with_the_same_unit():
    (t,) = list(prose_totals("共6部，其中地方性法规5部（含修改2项）、规章1部。"))
    assert t["parts"] == [5.0, 1.0] and t["ok"]


# ---------------------------------------------------------------- TB03
def test_tb03_heading_count_against_sub_headings_and_items():
    body = ("一、地方性法规项目（5部）\n\n（一）审议项目（2部）\n\n1. 甲条例\n\n2. 乙条例\n\n"
            "（二）调研项目（2部）\n\n1. 丙条例\n\n2. 丁条例\n\n3. 戊条例")
    found = hits(gazette(body), "TB03")
    assert sorted((f.data["stated"], f.data["computed"]) for f in found) == [(2, 3), (5, 4)]


def test_tb03_correct_counts_not_flagged():
    body = ("一、地方性法规项目（5部）\n\n（一）审议项目（2部）\n\n1. 甲条例\n\n2. 乙条例\n\n"
            "(二) 调研项目 (3部)\n\n1. 丙条例\n\n2. 丁条例\n\n3. 戊条例\n\n二、政府规章项目（1部）\n\n调研项目（1部）")
    assert hits(gazette(body), "TB03") == []


# ---------------------------------------------------------------- TB04
def test_tb04_stated_count_against_the_list():
    body = "重点做好以下3项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n二、保障措施"
    found = hits(gazette(body), "TB04")
    assert len(found) == 1 and found[0].data["stated"] == 3 and found[0].data["computed"] == 2


def test_tb04_matching_list_not_flagged():
    body = "重点做好以下两项工作：\n\n1. 摸底调查。\n\n2. 制定方案。\n\n二、保障措施"
    assert hits(gazette(body), "TB04") == []


# ---------------------------------------------------------------- corpus
@pytest.fixture(scope="module")
def corpus_findings(corpus_records):
    import gazette_checks as g

    recs = corpus_records
    return recs, g.check(recs, Config(select=["TB"]))


def test_corpus_totals_all_add_up(corpus_findings):
    from gazette_checks.checks.totals import table_totals

    recs, findings = corpus_findings
    assert findings == []
    totals = [t for _, g in recs.tables.groupby("table_id") for t in table_totals(g)]
    assert any(t["stated"] == 88 and t["ok"] for t in totals)


# ---------------------------------------------------------------- TB05
def test_tb05_investment_breakdown():
    body = ("五、保障措施\n\n（一）资金保障\n\n今年改造投资4.43亿元，多渠道筹集。\n\n1. 庭院项目。投资 2.32 亿元，由专项资金解决。\n\n"
            "2. 楼体项目。投资 2.21 亿元，由补助资金解决。\n\n3. 其他事项。新增投资超过 500 万元的须报批。")
    found = hits(gazette(body), "TB05")
    assert len(found) == 1 and found[0].data["parts"] == [2.32, 2.21]
    ok = body.replace("2.21", "2.11")
    assert hits(gazette(ok), "TB05") == []


# ---------------------------------------------------------------- TB04 inline lists
def test_tb04_inline_member_list_shorter_than_stated():
    body = "领导小组由4家成员单位组成，分别是：市发展改革委、市财政局、市住房城乡建设局。"
    found = hits(gazette(body), "TB04")
    assert len(found) == 1
    f = found[0]
    assert f.data["stated"] == 4 and f.data["computed"] == 3
    assert f.excerpt[f.span[0]:f.span[1]] == "4家成员单位"


def test_tb04_inline_lists_lookalikes():
    ok = [
        "领导小组由3家成员单位组成，分别是：市发展改革委、市财政局和市住房城乡建设局。",
        "由市住房城乡建设局等12家单位为成员，负责统筹推进。",  # 等: a shorter list is normal
        "领导小组有5个成员单位：市发展改革委、市财政局、各县（市）区人民政府。",  # 各…: several organs
        "市住建局等37家单位为成员，各成员单位主要领导作为第一责任人。",
    ]
    for body in ok:
        assert hits(gazette(body), "TB04") == [], body
    too_many = "由市发展改革委、市财政局、市住房城乡建设局等2家单位组成。"
    assert [f.data["computed"] for f in hits(gazette(too_many), "TB04")] == [3]


# ---------------------------------------------------------------- TB06
TABLE_1 = (
    "规划确定的目标基本实现，{n}项指标中{m}项没有达标（表1）。\n\n"
    "**表1 《某某市环境保护规划》\n规划目标达标情况**\n\n"
    "序号\t类别\t指标\t2020年值\t达标情况\n"
    "1\t环境质量\t空气质量优良天数比例达到88%\t92.1%\t达标\n"
    "2\t\t地表水质量达到或好于Ⅲ类比例达到70%\t75%\t达标\n"
    "3\t污染防治\t城市污水集中处理率达到90(%)\t95%\t达标\n"
    "\n"
    "4\t\t工业固体废物处置利用率达到95(%)\t44.46%\t未达标\n"
    "5\t生态保护\t森林覆盖率达到65%\t65%\t达标\n"
)


def test_tb06_counts_against_the_cited_table():
    assert hits(gazette(TABLE_1.format(n=5, m=1)), "TB06") == []
    found = hits(gazette(TABLE_1.format(n=6, m=2)), "TB06")
    assert sorted((f.data["what"], f.data["stated"], f.data["computed"]) for f in found) == [
        ("items", 6, 5), ("not_met", 2, 1)]
    items = next(f for f in found if f.data["what"] == "items")
    assert items.excerpt[items.span[0]:items.span[1]] == "6项指标"
    assert items.related and "序号" not in items.related[0].excerpt or items.related[0].line > items.line


def test_tb06_categories_spanning_rows():
    body = ("指标体系包括环境质量、污染防治、生态保护等{k}大类，共计5项指标（表1）。\n\n"
            + TABLE_1.split("\n\n", 1)[1])
    assert hits(gazette(body.format(k="三")), "TB06") == []
    found = hits(gazette(body.format(k="四")), "TB06")
    assert [(f.data["what"], f.data["computed"]) for f in found] == [("classes", 3)]


def test_tb06_uncountable_tables_and_uncited_counts_left_alone():
    no_serial = TABLE_1.replace("序号\t", "").replace("\n1\t", "\n").replace("\n2\t", "\n").replace(
        "\n3\t", "\n").replace("\n4\t", "\n").replace("\n5\t", "\n")
    assert hits(gazette(no_serial.format(n=9, m=1)), "TB06") == []  # no 序号 column: rows not counted
    gap = TABLE_1.replace("4\t\t工业", "\t\t工业")  # a row without its number: uncountable, not short
    assert hits(gazette(gap.format(n=5, m=1)), "TB06") == []
    uncited = TABLE_1.replace("（表1）", "")
    assert hits(gazette(uncited.format(n=9, m=3)), "TB06") == []
    other = TABLE_1.replace("（表1）", "（表2）")  # cites a table the document does not have
    assert hits(gazette(other.format(n=9, m=3)), "TB06") == []


@pytest.mark.parametrize(("caption", "label"), [
    ("表1 《某某市环境保护规划》", "表1"), ("（表2）主要指标", "表2"), ("表3（续）", "表3（续）"),
    ("续表1", "续表1"), ("附表2 2024年重点项目", "附表2"), ("附表2（续）", "附表2（续）"),
    ("表1.1 分区指标", None), ("表1．主要指标", "表1"), ("表格说明", None), ("重点任务分工表", None), (None, None),
])
def test_one_reader_of_a_table_label(caption, label):
    from gazette_checks.patterns import table_label

    lab = table_label(caption)
    assert (lab.text if lab else None) == label
    assert lab is None or table_label(lab.text) == lab  # the written form reads back


def test_parser_records_the_label_and_rules_read_it():
    recs = parse(gazette(TABLE_1.format(n=5, m=1)), "t.txt")
    assert set(recs.tables["label"]) == {"表1"}
    sub = TABLE_1.replace("**表1 ", "**表1.1 ")  # a sub-table: not 表1
    assert set(parse(gazette(sub.format(n=6, m=2)), "t.txt").tables["label"].dropna()) == set()
    assert hits(gazette(sub.format(n=6, m=2)), "TB06") == []
    bracketed = TABLE_1.replace("**表1 《某某市环境保护规划》\n", "**（表1）《某某市环境保护规划》")
    assert len(hits(gazette(bracketed.format(n=6, m=2)), "TB06")) == 2


def test_tb06_counts_a_continued_table_with_its_first_part():
    head, rows = TABLE_1.split("4\t\t工业", 1)
    cont = head.rstrip("\n") + "\n\n表1（续）\n\n序号\t类别\t指标\t2020年值\t达标情况\n4\t\t工业" + rows
    recs = parse(gazette(cont.format(n=5, m=1)), "t.txt")
    assert "表1（续）" in set(recs.tables["label"])
    assert hits(gazette(cont.format(n=5, m=1)), "TB06") == []
    assert [f.data["computed"] for f in hits(gazette(cont.format(n=6, m=1)), "TB06")] == [5]


def test_table_caption_broken_over_two_lines_is_joined():
    recs = parse(gazette(TABLE_1.format(n=5, m=1)), "t.txt")
    assert recs.tables["caption"].iloc[0] == "表1 《某某市环境保护规划》规划目标达标情况"


# ---------------------------------------------------------------- TB07
def test_tb07_share_against_part_and_whole():
    body = ("楼本体改造项目。投资 2.11 亿元，资金来源包括补助资金和地方配套资金。目前，补助资金已经到位 0.61 亿元"
            "（补助资金要统筹考虑相关资金安排，重点支持基础性改造项目），约占楼本体投资 {p}%。")
    assert hits(gazette(body.format(p=29)), "TB07") == []
    found = hits(gazette(body.format(p=39)), "TB07")
    assert len(found) == 1
    f = found[0]
    assert f.data["part"] == pytest.approx(0.61e8) and f.data["whole"] == pytest.approx(2.11e8)
    assert f.excerpt[f.span[0]:f.span[1]] == "约占楼本体投资 39%" and f.suggestion == "29%"


def test_tb07_tolerance_from_the_precision_shown():
    body = "全市共有企业120家，其中规模以上企业30家，占{p}%。"
    assert hits(gazette(body.format(p="25")), "TB07") == []
    assert hits(gazette(body.format(p="25.0")), "TB07") == []
    assert len(hits(gazette(body.format(p="26")), "TB07")) == 1  # counts of firms are exact: 30/120 is 25%
    assert len(hits(gazette(body.format(p="25.6")), "TB07")) == 1
    mixed = "总投资5亿元，其中中央资金5000万元，占{p}%。"  # 万 and 亿 converted
    assert hits(gazette(mixed.format(p=10)), "TB07") == []
    assert len(hits(gazette(mixed.format(p=20)), "TB07")) == 1


def test_tb07_lookalikes_not_flagged():
    ok = [
        "全市共有企业120家，其中规模以上企业30家，占比超过20%。",  # a bound, not a share
        "全市共有企业120家，其中规模以上企业30家，占30%以上。",
        "志愿者人数382179，占本地居民比例达到16%。",  # no whole in the text
        "到2025年，二产占GDP比重达到26%以上。",
        "全市城镇新建建筑中绿色建筑面积占比达到70%。",
        "全市人口100万人，城镇人口60万人，农村人口40万人，占30%。",  # two possible wholes, none named
        "全市共有企业120家。规模以上企业30家，增长10%，占全市企业总数25%。",
    ]
    for body in ok:
        assert hits(gazette(body), "TB07") == [], body


def test_tb07_named_whole_chosen_among_several():
    body = "全市总投资10亿元，其中楼本体改造投资2.4亿元，已到位资金0.6亿元，约占楼本体改造投资{p}%。"
    assert hits(gazette(body.format(p=25)), "TB07") == []
    found = hits(gazette(body.format(p=35)), "TB07")
    assert len(found) == 1 and found[0].data["whole"] == pytest.approx(2.4e8)


# ---------------------------------------------------------------- TB06/TB07 on real text
def _mutated(corpus_dir, name_prefix: str, old: str, new: str):
    path = next(corpus_dir.glob(name_prefix + "*.txt"), None)
    if path is None:
        pytest.skip(f"{name_prefix}*.txt not in the corpus")
    text = path.read_text(encoding="utf-8")
    if old not in text:
        pytest.skip(f"{old!r} not in {path.name}")
    return parse(text.replace(old, new, 1), path.name)


@pytest.mark.parametrize(("prefix", "old", "new", "code", "what"), [
    ("000_", "21 项指标中 1 项没有达标", "21 项指标中 2 项没有达标", "TB06", "not_met"),
    ("000_", "共计 24 项指标", "共计 25 项指标", "TB06", "items"),
    ("000_", "等七大类", "等六大类", "TB06", "classes"),
    ("003_", "21项指标中1项", "20项指标中1项", "TB06", "items"),
    ("001_", "约占楼本体投资 29%", "约占楼本体投资 31%", "TB07", None),
])
def test_corpus_counts_and_shares_changed_are_caught(corpus_dir, prefix, old, new, code, what):
    found = [f for f in check(_mutated(corpus_dir, prefix, old, new), Config(select=["TB"])) if f.rule != "TB01"]
    assert [f.rule for f in found] == [code]
    if what:
        assert found[0].data["what"] == what


# ------------------------------------------------------ 合计 above its parts, year headers
BUDGET = "表1 2024年预算安排表（单位：万元）\n\n项目\t2024年\t2025年\n合计\t{a}\t{b}\n教育\t100\t200\n卫生\t150\t200\n"


def test_total_row_printed_above_its_parts_is_checked():
    assert hits(gazette(BUDGET.format(a=250, b=400)), "TB01") == []
    found = hits(gazette(BUDGET.format(a=300, b=400)), "TB01")
    assert len(found) == 1 and "300" in found[0].message and "250" in found[0].message


def test_total_above_misaligned_parts_is_not_judged():
    table = "项目\t金额\t备注\n合计\t999\t\n教育\t100\n卫生\t150\n"
    assert hits(gazette(table), "TB01") == []  # rows of another width: columns cannot be matched


def test_year_column_headers_are_not_numbers():
    records = parse(gazette(BUDGET.format(a=250, b=400)), "t.txt")
    head = records.tables[records.tables["row"] == 0]
    assert head["number"].isna().all()
