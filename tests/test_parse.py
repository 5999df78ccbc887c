"""Parser unit tests on synthetic gazette text (one test per record kind and layout variant)."""

from __future__ import annotations

import pytest

from gazette_checks.api import parse
from gazette_checks.parse import parse_number
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def monthly():
    text = (FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8")
    return parse(text, "monthly.txt")


# ----------------------------------------------------------------- masthead
@pytest.mark.parametrize(
    "masthead, expected",
    [
        ("某某市人民政府公报\n\n(双月刊)\n\n第3期 总第18期\n\n某某市人民政府办公室主办\n\n2022年6月30日\n\n目 录\n",
         {"number": 3, "total_number": 18, "date": "2022-06-30", "year": 2022, "frequency": "双月刊",
          "publisher": "某某市人民政府办公室", "city": "某某市"}),
        ("河阳市人民政府公报\n\n2024 第5期 (总第65期)\n\n月刊\n\n2024年5月31日\n\n目 录\n",
         {"number": 5, "total_number": 65, "date": "2024-05-31", "year": 2024, "frequency": "月刊"}),
        # two-column masthead whose lines interleave
        ("河阳市人民政府公报\n月刊\n第5期 出版日期 总第 65 期 2024 年 5 月 31 日\n\n目 录\n",
         {"number": 5, "total_number": 65, "date": "2024-05-31", "year": 2024}),
    ],
)
def test_masthead_variants(masthead, expected):
    recs = parse(masthead + "● 市政府文件\n\n- 河阳市人民政府关于某事项的通知 (1)\n", "m.txt")
    assert len(recs.issues) == 1
    row = recs.issues.iloc[0].to_dict()
    for key, value in expected.items():
        assert row[key] == value, key


def test_cover_text_before_masthead_prefers_full_masthead_line():
    text = ("内部资料\n\n某某市人民政府公报\n\n2022 第6期\n\n(总第21期)\n\n某某市人民政府公报\n\n(双月刊)\n\n"
            "第6期 总第21期\n\n某某市人民政府办公室主办\n\n2022年12月30日\n\n目 录\n")
    row = parse(text, "c.txt").issues.iloc[0]
    assert (row["number"], row["total_number"], row["line"]) == (6, 21, 13)


def test_monthly_issue_row(monthly):
    row = monthly.issues.iloc[0]
    assert row["name"] == "滨江市人民政府公报" and row["city"] == "滨江市"
    assert (row["year"], row["number"], row["total_number"]) == (2024, 5, 65)
    assert row["publisher"] == "滨江市人民政府办公厅"
    assert row["line"] == 5


# ---------------------------------------------------------------------- toc
def test_toc_forms(monthly):
    toc = monthly.toc.to_dict("records")
    assert [t["page"] for t in toc] == [1, 6, 8, 12]
    assert [t["section"] for t in toc] == ["市政府文件", "市政府文件", "市政府办公厅文件", "市政府办公厅文件"]
    # tab-separated entry
    assert toc[0]["title"] == "滨江市人民政府关于印发滨江市推进数字政府建设实施方案的通知"
    # wrapped over two lines with the page on its own line
    assert toc[1]["title"] == "滨江市人民政府关于同意调整滨江经济开发区四至范围的批复"
    assert (toc[1]["line"], toc[1]["end_line"]) == (19, 21)
    # wrapped over three lines with dot leaders
    assert toc[2]["title"] == "滨江市人民政府办公厅转发市财政局关于进一步规范政府采购管理工作意见的通知"
    assert toc[2]["line"] == 25
    assert toc[3]["title"] == "关于印发《滨江市城市道路占用挖掘管理办法》的通知"


def test_toc_entry_without_page_is_a_problem():
    text = ("某市人民政府公报\n\n第1期 总第1期\n\n2024年1月31日\n\n目 录\n\n● 市政府文件\n\n"
            "- 某市人民政府关于甲事项的通知 (1)\n\n- 某市人民政府关于乙事项的通知\n\n- 某市人民政府关于丙事项的通知 (5)\n\n"
            "某市人民政府\n\n关于甲事项的通知\n\n某政发〔2024〕1号\n\n各区人民政府：\n\n现予通知。\n\n某市人民政府\n\n2024年1月5日\n")
    recs = parse(text, "t.txt")
    assert [t["page"] for t in recs.toc.to_dict("records")] == [1, None, 5]
    probs = recs.problems
    assert probs[probs["kind"] == "toc_no_page"]["line"].tolist() == [13]
    # three entries, one document: the body is reported as possibly truncated
    assert "truncated" in set(probs["kind"])


# ---------------------------------------------------------------- documents
def test_documents_of_monthly_issue(monthly):
    docs = monthly.documents.to_dict("records")
    assert [d["doc_number"] for d in docs] == ["滨政发[2024]3号", "滨政复〔2024〕21号", "滨政办发〔2024〕11号", None]
    assert [d["date"] for d in docs] == ["2024-04-02", "2024-04-20", "2024-05-06", "2024-05-10"]
    # title broken by a space in the heading, organ on its own line
    assert docs[0]["title"] == "滨江市人民政府关于印发滨江市推进数字政府建设实施方案的通知"
    assert docs[0]["issuer"] == "滨江市人民政府" and docs[0]["signer"] == "滨江市人民政府"
    # half-width brackets kept exactly as written, parts parsed
    assert (docs[0]["agency"], docs[0]["number_year"], docs[0]["serial"]) == ("滨政发", 2024, 3)
    assert docs[1]["doc_type"] == "批复" and docs[1]["addressee"] == "滨江经济开发区管委会"
    # organ and title on one line, broken by a space
    assert docs[2]["title"] == "滨江市人民政府办公厅转发市财政局关于进一步规范政府采购管理工作意见的通知"
    assert docs[2]["issuer"] == "滨江市人民政府办公厅"
    # no organ in the heading, no 发文字号, joint signature: issuer from the 落款
    assert docs[3]["issuer"] == "滨江市城市管理局、滨江市公安局、滨江市交通运输局"
    assert docs[3]["signer"] == docs[3]["issuer"]
    assert docs[3]["agency"] is None
    # the carried text belongs to the notice, with its own heading
    assert docs[0]["attached_title"] == "滨江市推进数字政府建设实施方案"
    assert docs[0]["quoted_title"] == "滨江市推进数字政府建设实施方案"
    assert docs[3]["attached_title"] == "滨江市城市道路占用挖掘管理办法"
    assert [d["line"] for d in docs] == [31, 78, 94, 106]
    assert docs[0]["date_line"] == 43 and docs[0]["date_raw"] == "2024年4月2日"


def test_standalone_document_without_masthead():
    text = ("\n\n北城政规〔2023〕2号\n\n**北城市人民政府\n关于印发北城市扬尘污染防治\n办法的通知**\n\n"
            "各区(县)人民政府,市政府各直属单位:\n\n《北城市扬尘污染防治办法》已经市政府第9次常务会议讨论通过,现印发给你们。\n\n"
            "北城市人民政府\n\n2023年3月2日\n\n北城市扬尘污染防治办法\n\n第一条 为防治扬尘污染，制定本办法。\n\n"
            "抄送：市委各部门。\n\n北城市人民政府办公室\n\n2023年3月2日印发\n")
    recs = parse(text, "s.txt")
    assert recs.issues.empty and recs.toc.empty
    (doc,) = recs.documents.to_dict("records")
    assert doc["doc_number"] == "北城政规〔2023〕2号" and doc["line"] == 3 and doc["title_line"] == 5
    assert doc["title"] == "北城市人民政府关于印发北城市扬尘污染防治办法的通知"
    assert doc["issuer"] == "北城市人民政府" and doc["date"] == "2023-03-02"
    assert doc["addressee"] == "各区(县)人民政府,市政府各直属单位"
    assert doc["attached_title"] == "北城市扬尘污染防治办法"


def test_chinese_numeral_date_and_missing_date():
    text = ("某市人民政府\n\n关于甲事项的通知\n\n某政发〔2013〕4号\n\n各区人民政府：\n\n现予通知。\n\n某市人民政府\n\n二〇一三年三月五日\n\n"
            "某市人民政府\n\n关于乙事项的通知\n\n某政发〔2013〕5号\n\n各区人民政府：\n\n现予通知，文本到此为止")
    recs = parse(text, "d.txt")
    docs = recs.documents.to_dict("records")
    assert docs[0]["date"] == "2013-03-05" and docs[0]["date_raw"] == "二〇一三年三月五日"
    assert docs[1]["date"] is None
    assert set(recs.problems["kind"]) == {"document_no_date", "truncated"}


def test_impossible_signing_date_is_a_problem():
    text = "某市人民政府\n\n关于甲事项的通知\n\n某政发〔2023〕4号\n\n各区人民政府：\n\n现予通知。\n\n某市人民政府\n\n2023年2月30日\n"
    recs = parse(text, "d.txt")
    assert recs.documents.iloc[0]["date"] is None
    assert list(recs.problems["kind"]) == ["document_bad_date"]


# ------------------------------------------------------------------ outline
def test_outline_kinds_numbers_and_parents(monthly):
    out = monthly.outline
    plan = out[out["doc_id"] == "monthly.txt#1"]
    assert list(plan["kind"]) == ["cn", "paren_cn", "paren_cn", "cn", "paren_cn", "paren_cn", "arabic", "arabic"]
    assert list(plan["number"]) == [1, 1, 2, 2, 1, 2, 1, 2]
    assert list(plan["parent_line"].fillna(0).astype(int)) == [0, 49, 49, 0, 59, 59, 63, 63]
    assert set(plan["part"]) == {1}
    law = out[out["doc_id"] == "monthly.txt#4"]
    assert list(law["kind"]) == ["chapter", "article", "article"]


@pytest.mark.parametrize(
    "line, kind, number",
    [("第十二章 附则", "chapter", 12), ("第三节 监督", "section", 3), ("第二十一条 本办法由市司法局解释。", "article", 21),
     ("十、其他", "cn", 10), ("(三) 半角括号", "paren_cn", 3), ("（四）全角括号", "paren_cn", 4),
     ("3.条目", "arabic", 3), ("4、条目", "arabic", 4), ("(2) 子项", "paren_arabic", 2), ("（5）子项", "paren_arabic", 5),
     ("专栏 3 重点工程", "column", 3), ("附件2", "attachment", 2)],
)
def test_outline_markers(line, kind, number):
    text = f"某市人民政府\n\n关于甲事项的通知\n\n某政发〔2023〕4号\n\n各区人民政府：\n\n{line}\n\n某市人民政府\n\n2023年2月3日\n"
    out = parse(text, "o.txt").outline
    assert list(zip(out["kind"], out["number"], strict=True)) == [(kind, number)]


def test_decimal_is_not_an_outline_item():
    text = "某市人民政府\n\n关于甲事项的通知\n\n某政发〔2023〕4号\n\n各区人民政府：\n\n1.5亿元用于改造。\n\n某市人民政府\n\n2023年2月3日\n"
    assert parse(text, "o.txt").outline.empty


# ------------------------------------------------------------------- tables
def test_table_cells(monthly):
    t = monthly.tables
    assert t["table_id"].nunique() == 1, "the tab-separated TOC line is not a table"
    assert t.iloc[0]["caption"] == "表1：数字政府建设投资计划表"
    header = t[t["row"] == 0]
    assert list(header["text"]) == ["序号", "项目", "2024年投资（万元）", "2025年投资（万元）"]
    assert header["is_header"].all()
    cell = t[(t["row"] == 2) & (t["col"] == 2)].iloc[0]
    assert (cell["text"], cell["number"]) == ("650", 650.0)  # <p>…</p> cell
    wrapped = t[t["row"] == 3]
    assert list(wrapped["text"]) == ["3", "一网通办升级改造", "420", "—"]  # a row broken inside a cell
    total = t[t["row"] == 4]
    assert list(total["number"].fillna(-1)) == [-1, -1, 2270.0, 1150.0]


@pytest.mark.parametrize(
    "text, expected",
    [("4.43亿元", (4.43, "亿元")), ("98%", (98.0, "%")), ("1,250", (1250.0, None)), ("—", (None, None)),
     ("≥42", (None, None)), ("0-6", (None, None)), (">30 平方米", (None, None)), ("", (None, None)),
     ("-3.5", (-3.5, None)), ("达标", (None, None))],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_p_cell_lines_form_a_table():
    text = ("某市人民政府\n\n关于甲事项的通知\n\n某政发〔2023〕4号\n\n各区人民政府：\n\n任务表\n\n"
            "<p>序号</p>\t<p>任务</p>\t<p>完成时限</p>\n\n<p>1</p>\t<p>开展 摸底</p>\t<p>6 月 20 日前</p>\n\n"
            "\t<p>续行</p>\t\n\n某市人民政府\n\n2023年2月3日\n")
    t = parse(text, "p.txt").tables
    assert t["row"].max() == 2
    assert t[(t["row"] == 1) & (t["col"] == 1)].iloc[0]["text"] == "开展 摸底"
    assert t[(t["row"] == 2) & (t["col"] == 0)].iloc[0]["text"] == ""


# ----------------------------------------------------------------- mentions
def test_mentions_and_citations(monthly):
    m = monthly.mentions
    deadlines = m[m["kind"] == "deadline"]
    assert list(deadlines["text"]) == ["6月底前", "2024年底前"]
    organs = m[(m["kind"] == "organ") & (m["role"] == "责任单位")]
    assert list(organs["text"]) == ["市政务服务数据管理局", "市财政局", "市政务服务数据管理局"]
    eff = m[m["role"] == "effective"]
    assert list(eff["value"]) == ["2024-06-01"]
    c = monthly.citations.iloc[0]
    assert (c["title"], c["doc_number"], c["line"]) == ("国务院关于加强数字政府建设的指导意见", "国发〔2022〕14号", 47)


def test_meeting_date_role():
    text = ("某市人民政府\n\n关于印发某办法的通知\n\n某政规〔2023〕4号\n\n各区人民政府：\n\n"
            "《某办法》已经2023年3月8日市政府第12次常务会议讨论通过，现印发给你们。\n\n某市人民政府\n\n2023年3月10日\n")
    m = parse(text, "m.txt").mentions
    assert m[m["role"] == "meeting"]["value"].tolist() == ["2023-03-08"]


def test_every_row_points_at_a_real_line(monthly):
    lines = monthly.sources["monthly.txt"].lines
    for name, df in monthly.frames().items():
        for row in df.to_dict("records"):
            assert 1 <= row["line"] <= len(lines), name
    for row in monthly.documents.to_dict("records"):
        assert row["doc_number"] is None or row["doc_number"] in lines[row["doc_number_line"] - 1]


def test_outline_first_characters_cover_every_pattern():
    """outline_label tries a pattern only on lines opening with one of its OUTLINE_FIRST characters:
    every BMP character a pattern can open with (a partial match) must be listed (digits: isdecimal)."""
    import regex

    from gazette_checks import patterns as P

    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    for kind, pat in P.OUTLINE_PATTERNS:
        opens = {ch for ch in bmp if pat.match(ch, partial=True)}
        listed = set(P.OUTLINE_FIRST.get(kind, "")) | ({ch for ch in bmp if ch.isdecimal()} if kind == "arabic" else set())
        assert opens <= listed, (kind, sorted(opens - listed)[:10])
    assert all(bool(regex.match(r"\d", ch)) == ch.isdecimal() for ch in bmp)
    assert P.outline_label("一、总体要求")[0] == "cn"
    assert P.outline_label("（二）某某工作")[0] == "paren_cn"
    assert P.outline_label("第三条　某某")[0] == "article"
    assert P.outline_label("3．某某")[0] == "arabic"
    assert P.outline_label("某市人民政府") is None


@pytest.mark.parametrize("text, kind", [
    ("各区要于6月20日-10月31日开展集中整治。", "range"),
    ("请于2024年6月30日前报送市财政局。", "date"),
    ("各单位要在6月底前完成自查。", "date"),
    ("力争明年年底前全面完成。", "date"),
    ("每季度末前报送工作进展。", "recurring"),
    ("长期坚持，久久为功。", "open"),
    ("持续推进老旧小区改造。", "open"),
])
def test_deadline_prefilter_passes_every_kind_of_phrase(text, kind):
    from gazette_checks.deadline_parse import _may_hold_phrase, find_phrases

    assert _may_hold_phrase(text)
    assert [p.kind for p in find_phrases(text)][:1] == [kind]


def test_deadline_prefilter_skips_prose_without_a_phrase():
    from gazette_checks.deadline_parse import _may_hold_phrase, find_phrases

    for text in ("2024年6月3日，某市人民政府印发本通知。", "本办法自发布之日起施行。"):
        assert not _may_hold_phrase(text) and find_phrases(text) == []
