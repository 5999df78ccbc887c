"""Cross-document rules (XD): synthetic issues that must and must not be flagged, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field

from gazette_checks import align
from gazette_checks.api import parse
from gazette_checks.archive import Archive
from gazette_checks.checks.crossdoc import number_key, title_key, titles_compatible
from gazette_checks.config import Config
from gazette_checks.engine import check_records
from gazette_checks.records import Records
from tests.rule_helpers import checked

PLAN_BODY = [
    "一、总体要求",
    "坚持生态优先，推进城乡污水处理设施建设，到2025年城市污水处理率达到95%。",
    "二、主要任务",
    "（一）加强中俄边境地区生态环境保护，开展跨境河流联合监测。",
    "（二）推进联片联供供水工程，提升农村供水保障水平。",
]


@dataclass
class Doc:
    """One synthetic document in the layout of the city gazettes."""

    title: str = "关于印发某某市生态保护规划的通知"
    number: str | None = "某政规〔2024〕4号"
    organ: str = "某某市人民政府"
    date: str = "2024年5月8日"
    body: list[str] = field(default_factory=lambda: list(PLAN_BODY))
    colophon: bool = False

    def text(self) -> str:
        head = f"{self.organ}\n\n{self.title}\n\n"
        if self.number:
            head += f"{self.number}\n\n"
        lines = [head + "各县（市）、区人民政府，市政府各直属单位：",
                 "现将有关事项通知如下，请认真贯彻执行。", *self.body, self.organ, self.date]
        if self.colophon:
            lines += ["抄送：市委各部门，市人大常委会办公室。", "某某市人民政府办公室", "2024年5月9日印发"]
        return "\n\n".join(lines) + "\n"


def issue(docs: list[Doc], number: int = 3, total: int | None = 18, published: str = "2024年6月30日",
          name: str = "某某市人民政府公报") -> str:
    """A gazette issue holding `docs`."""
    tot = f" 总第{total}期" if total is not None else ""
    toc = "\n".join(f"- {d.organ}{d.title}..... ({k + 1})" for k, d in enumerate(docs))
    head = (f"{name}\n\n(双月刊)\n\n第{number}期{tot}\n\n某某市人民政府办公室主办\n\n{published}\n\n目 录\n\n"
            f"● 市政府文件\n\n{toc}\n\n")
    return head + "\n".join(d.text() for d in docs)


def records_of(**texts: str) -> Records:
    return Records.concat([parse(t, name) for name, t in texts.items()])


def run(records: Records, code: str, **options) -> list:
    cfg = Config(select=[code], options={code: options} if options else {})
    return checked(records, cfg)


def appointment(k: int, number: str, date: str) -> Doc:
    return Doc(title=f"关于张{k}等任免职的通知", number=number, date=date,
               body=["市政府决定：", f"张{k}任某某市某某局局长。"])


# --------------------------------------------------------------------------- helpers
def test_number_key_canonical_forms():
    assert number_key("某政办综(2024)第23 号") == "某政办综〔2024〕23号"
    assert number_key("某政办综〔2024〕23号") == "某政办综〔2024〕23号"
    assert number_key("国务院令第738号") == number_key("国务院令738号")
    assert number_key("没有文号") is None


def test_titles_compatible_folds_width_and_abbreviations():
    a = title_key("某某市人民政府关于印发《某某市规划（试行）》的通知")
    assert titles_compatible(a, title_key("某某市人民政府关于印发某某市规划(试行)的通知"))
    assert titles_compatible(title_key("某某市规划（试行）"), a)
    assert not titles_compatible(title_key("某某市交通规划"), title_key("某某市水利规划"))


# --------------------------------------------------------------------------- issues
def test_issue_total_out_of_step_is_flagged():
    recs = records_of(a=issue([appointment(1, "某政干〔2024〕1号", "2024年5月8日")], 3, 18),
                      b=issue([appointment(2, "某政干〔2024〕2号", "2024年7月8日")], 5, 21, "2024年10月30日"))
    found = run(recs, "XD01")
    assert [(f.file, f.data["issues_apart"], f.data["totals_apart"]) for f in found] == [("b", 2, 3)]
    assert found[0].related[0].file == "a"
    assert found[0].suggestion == "总第20期"


def test_issue_gap_is_info_and_consistent_totals_pass():
    recs = records_of(a=issue([appointment(1, "某政干〔2024〕1号", "2024年5月8日")], 3, 18),
                      b=issue([appointment(2, "某政干〔2024〕2号", "2024年7月8日")], 5, 20, "2024年10月30日"))
    assert run(recs, "XD01") == []
    gaps = run(recs, "XD03")
    assert len(gaps) == 1 and gaps[0].severity.value == "info" and gaps[0].data["missing"] == ["第4期"]


def test_issue_number_reset_in_january_is_not_flagged():
    recs = records_of(a=issue([appointment(1, "某政干〔2023〕9号", "2023年12月8日")], 6, 21, "2023年12月30日"),
                      b=issue([appointment(2, "某政干〔2024〕1号", "2024年1月8日")], 1, 22, "2024年2月28日"))
    assert run(recs, "XD01") == [] and run(recs, "XD03") == [] and run(recs, "XD02") == []


def test_issue_total_wrong_across_years_is_flagged():
    recs = records_of(a=issue([appointment(1, "某政干〔2023〕9号", "2023年12月8日")], 6, 21, "2023年12月30日"),
                      b=issue([appointment(2, "某政干〔2024〕1号", "2024年1月8日")], 1, 23, "2024年2月28日"))
    assert [f.file for f in run(recs, "XD01")] == ["b"]


def test_issue_number_used_twice_is_an_error_at_both():
    recs = records_of(a=issue([appointment(1, "某政干〔2024〕1号", "2024年5月8日")], 5, 20),
                      b=issue([appointment(2, "某政干〔2024〕2号", "2024年6月8日")], 5, 21, "2024年8月30日"))
    found = run(recs, "XD02")
    assert sorted(f.file for f in found) == ["a", "b"]
    assert all(f.severity.value == "error" for f in found)


# --------------------------------------------------------------------------- documents
def test_same_number_different_title_is_an_error_at_both_places():
    recs = records_of(a=issue([Doc(title="关于印发某某市交通规划的通知")]),
                      b=issue([Doc(title="关于印发某某市水利规划的通知")], 4, 19, "2024年8月30日"))
    found = run(recs, "XD04")
    assert sorted(f.file for f in found) == ["a", "b"]
    assert found[0].data["fields"] == ["title"] and found[0].related


def test_same_number_different_date_is_flagged_with_date_line():
    recs = records_of(a=issue([Doc()]), b=issue([Doc(date="2024年5月18日")], 4, 19, "2024年8月30日"))
    found = run(recs, "XD04")
    assert len(found) == 2 and all(f.data["fields"] == ["date"] for f in found)
    assert all("2024年5月" in f.excerpt for f in found)


def test_reprint_is_not_a_number_conflict():
    recs = records_of(a=issue([Doc()]), b=Doc(colophon=True).text())
    assert run(recs, "XD04") == [] and run(recs, "XD05") == []


def test_same_title_under_two_numbers():
    recs = records_of(a=issue([Doc(number="某政规〔2024〕4号")]),
                      b=issue([Doc(number="某政规〔2024〕7号", date="2024年7月1日")], 4, 19, "2024年8月30日"))
    found = run(recs, "XD05")
    assert sorted(f.file for f in found) == ["a", "b"]
    assert "误抄" in found[0].message


def test_same_title_in_different_years_is_not_flagged():
    recs = records_of(a=issue([Doc(number="某政规〔2023〕4号", date="2023年5月8日")]),
                      b=issue([Doc(number="某政规〔2024〕7号")], 4, 19, "2024年8月30日"))
    assert run(recs, "XD05") == []


def test_serial_date_inversion_reports_both_places():
    recs = records_of(a=issue([appointment(1, "某政办综〔2024〕23号", "2024年10月31日")]),
                      b=issue([appointment(2, "某政办综〔2024〕24号", "2024年10月25日")], 4, 19, "2024年12月30日"))
    found = run(recs, "XD06")
    assert sorted(f.file for f in found) == ["a", "b"]
    assert all(f.data["days"] == 6 for f in found)
    assert {f.related[0].file for f in found} == {"a", "b"}


def test_serial_date_inversion_within_tolerance_is_not_flagged():
    recs = records_of(a=issue([appointment(1, "某政办综〔2024〕23号", "2024年10月27日"),
                               appointment(2, "某政办综〔2024〕24号", "2024年10月25日"),
                               appointment(3, "某政办综〔2024〕30号", "2024年11月25日")]))
    assert run(recs, "XD06") == []
    recs = records_of(a=issue([appointment(1, "某政办综〔2024〕23号", "2024年10月31日"),
                               appointment(2, "某政办综〔2024〕24号", "2024年10月25日")]))
    assert run(recs, "XD06", tolerance_days=10) == []
    assert len(run(recs, "XD06")) == 2


def test_serial_order_uses_adjacent_pairs_only():
    # one wrong date among many documents gives one pair, not one per earlier document
    docs = [appointment(k, f"某政办综〔2024〕{k}号", f"2024年{k + 1}月10日") for k in range(1, 9)]
    docs.append(appointment(9, "某政办综〔2024〕9号", "2024年1月2日"))
    found = run(records_of(a=issue(docs)), "XD06")
    assert len(found) == 2


# --------------------------------------------------------------------------- reprints
def test_reprint_word_difference_is_reported_at_the_gazette_copy():
    body = list(PLAN_BODY)
    body[3] = "（一）加强中边境地区生态环境保护，开展跨境河流联合监测。"
    recs = records_of(gazette=issue([Doc(body=body)]), original=Doc(colophon=True).text())
    found = run(recs, "XD07")
    assert len(found) == 1
    f = found[0]
    assert f.file == "gazette" and f.related[0].file == "original"
    assert "俄" in f.message and f.data["b"] == "俄" and f.data["a"] == ""
    assert "中边境" in f.data["text_a"] and "中俄边境" in f.data["text_b"]
    assert recs.line_text("gazette", f.line).find("中边境") >= 0
    # the aligned edit, placed in each context, with the sides named by role
    sa, sb = f.data["span_a"], f.data["span_b"]
    assert sa[0] == sa[1] and f.data["text_a"][sa[0] - 1:sa[0] + 1] == "中边"
    assert f.data["text_b"][sb[0]:sb[1]] == "俄"
    assert (f.data["role_a"], f.data["role_b"]) == ("转载", "原件")
    assert f.message.startswith("转载缺少“俄”，原件（original 第")


def test_reprint_marks_are_the_edit_even_where_contexts_are_cut_differently():
    body = list(PLAN_BODY)
    body[1] = "坚持生态优先，推进城乡污水治理设施建设，到2025年城市污水处理率达到95%。"
    recs = records_of(gazette=issue([Doc(body=body)]), original=Doc().text())
    (f,) = run(recs, "XD07")
    a, b = f.data["text_a"], f.data["text_b"]
    assert (a[slice(*f.data["span_a"])], b[slice(*f.data["span_b"])]) == ("治", "处")


def test_reprint_number_change_is_reported():
    body = list(PLAN_BODY)
    body[1] = "坚持生态优先，推进城乡污水处理设施建设，到2025年城市污水处理率达到59%。"
    recs = records_of(gazette=issue([Doc(body=body)]), original=Doc().text())
    found = run(recs, "XD07")
    assert len(found) == 1 and found[0].data["number_changed"] and "数字" in found[0].message


def test_reprint_differing_only_in_layout_is_not_flagged():
    original = Doc(colophon=True, body=[
        "一、总体要求",
        "坚持生态优先，推进城乡污水处理设施建设，到2025年城市",
        "",
        "污水处理率达到95%。",  # a page-break split
        "**二、主要任务**",
        "- (一) 加强中俄边境地区生态环境保护,开展跨境河流联合监测。",
        "（二）推进联片联供供水工程，提升农村供水保障水平。",
        "表1 指标",
        "序号\t指标\t目标",
        "1\t污水处理率 (%)\t95",
        "序号\t指标\t目标",  # header repeated after a page break
        "2\tPM$_{2.5}$ 浓度 ($\\mu\\text{g}/\\text{m}^3$)\t30—35",
    ])
    gazette = Doc(body=[
        "一、总 体 要 求",
        "坚持生态优先，推进城乡污水处理设施建设，到２０２５年城市污水处理率达到95%。",
        "二、主要任务",
        "（一）加强中俄边境地区生态环境保护，开展跨境河流联合监测。",
        "（二）推进联片联供供水工程，提升农村供水保障水平。",
        "**表 1 指标**",
        "<p>序号</p>\t<p>指标</p>\t<p>目标</p>",
        "1\t污水处理率（%）\t95",
        "2\tPM_{2.5} 浓度 (μg/m³)\t30-35",
    ])
    recs = records_of(gazette=issue([gazette]), original=original.text())
    assert run(recs, "XD07") == []


def test_re_added_file_is_not_compared_with_itself(tmp_path):
    text = issue([Doc()])
    arc = Archive(tmp_path / "a.sqlite")
    arc.add(parse(text, "issue.txt"))
    own = parse(text, "issue.txt")
    assert check_records(own, Config(select=["XD"]), context=arc.load_for(own)) == []
    # the same text under another name is recognised by its content
    own2 = parse(text, "copy-of-issue.txt")
    assert check_records(own2, Config(select=["XD"]), context=arc.load_for(own2)) == []


def test_too_many_differences_give_one_summary():
    other = Doc(body=[f"第{k}项内容完全不同的段落文字{k * 7}。" for k in range(30)])
    recs = records_of(gazette=issue([Doc()]), original=other.text())
    found = run(recs, "XD07")
    assert len(found) == 1 and found[0].data["changed_chars"] > 100


def test_align_normalise_steps():
    assert align.normalise("**加强**　中俄 边境—地区（%）") == "加强中俄边境-地区%"
    assert align.normalise("$\\mu\\text{g}/\\text{m}^3$") == align.normalise("μg/m³")
    assert align.normalise("Ⅲ类") == "III类"


# --------------------------------------------------------------------------- citations
def _citing(cited_title: str, number: str = "某政规〔2024〕4号", date: str = "2024年7月1日") -> Doc:
    return Doc(title="关于做好生态保护工作的通知", number="某政发〔2024〕9号", date=date,
               body=[f"根据《{cited_title}》（{number}），现就有关工作通知如下。", "一、工作要求"])


def test_citation_of_another_title_is_flagged():
    recs = records_of(a=issue([Doc(), _citing("某某市交通发展规划")]))
    found = run(recs, "XD08")
    assert len(found) == 1 and found[0].related and "某政规〔2024〕4号" in found[0].message


def test_citation_of_the_carried_text_or_short_title_is_not_flagged():
    for cited in ("某某市人民政府关于印发某某市生态保护规划的通知", "关于印发某某市生态保护规划的通知"):
        recs = records_of(a=issue([Doc(), _citing(cited)]))
        assert run(recs, "XD08") == [], cited


def test_same_number_cited_with_two_titles():
    a = _citing("省政府关于甲事项的意见", number="省政发〔2023〕5号")
    b = _citing("省政府关于乙事项的意见", number="省政发〔2023〕5号")
    b.number = "某政发〔2024〕10号"
    found = run(records_of(a=issue([a]), b=issue([b], 4, 19, "2024年8月30日")), "XD08")
    assert sorted(f.file for f in found) == ["a", "b"]


def test_citing_a_later_document_is_flagged():
    recs = records_of(a=issue([Doc(date="2024年8月8日"), _citing("某某市生态保护规划", date="2024年7月1日")]))
    found = run(recs, "XD09")
    assert len(found) == 1 and found[0].data["cited_date"] == "2024-08-08"
    recs = records_of(a=issue([Doc(date="2024年6月8日"), _citing("某某市生态保护规划", date="2024年7月1日")]))
    assert run(recs, "XD09") == []


# --------------------------------------------------------------------------- corpus
def _keys(findings) -> set:
    return {(f.rule, f.file, f.line, tuple((r.file, r.line) for r in f.related)) for f in findings}


def test_corpus_crossdoc_findings(corpus_records):
    found = check_records(corpus_records, Config(select=["XD"]))
    by_rule: dict[str, list] = {}
    for f in found:
        by_rule.setdefault(f.rule, []).append(f)
    assert set(by_rule) <= {"XD03", "XD06", "XD07"}
    assert len(by_rule["XD03"]) == 1 and by_rule["XD03"][0].data["missing"] == ["第4期"]
    assert sorted(f.line for f in by_rule["XD06"]) == [498, 1542]
    reprint = by_rule["XD07"]
    assert all(f.file.endswith("000_01544bc314009b20.txt") for f in reprint)
    assert all(f.related[0].file.endswith("003_dfa5be97218d6ef9.txt") for f in reprint)
    lines = {f.line for f in reprint}
    assert {689, 781, 880, 1175} <= lines  # 115/15, 中(俄)边境, 穆稜河/穆棱河, (市)本级
    assert 18 <= len(reprint) <= 26


def test_archive_check_equals_checking_together(tmp_path, corpus_files, corpus_records):
    from gazette_checks.engine import parse_paths

    together = _keys(check_records(corpus_records, Config(select=["XD"])))
    arc = Archive(tmp_path / "corpus.sqlite")
    arc.add(corpus_records)
    apart: set = set()
    for path in corpus_files:
        own = parse_paths([str(path)])[0]
        apart |= _keys(check_records(own, Config(select=["XD"]), context=arc.load_for(own)))
    assert apart == together
