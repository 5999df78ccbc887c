"""One finding per defect: repeats grouped, one slip merged across rules, pairs linked."""

from __future__ import annotations

from gazette_checks.findings import Finding, Location
from gazette_checks.grouping import group_repeats, link_pairs, mark_same_slip, merge_same_defect

LINES = {
    10: "一、准备阶段（6月20日前）：完成调查摸底。",
    11: "二、实施阶段（6月20日前）：完成整改。",
    12: "三、总结阶段（6月20日前）：形成报告。",
    20: "生态 状况\t115\t生态质量指数\t稳中向好",
}


def _text(file: str, line: int) -> str:
    return LINES.get(line, "") if file == "a.txt" else ""


def _f(rule: str, line: int, pattern: str | None = None, document: str = "某政发〔2024〕1号", **kw) -> Finding:
    data = kw.pop("data", {})
    if pattern:
        data["pattern"] = pattern
    return Finding(rule, kw.pop("category", "deadlines"), kw.pop("severity", "warning"), kw.pop("file", "a.txt"),
                   line, kw.pop("message", "完成时限早于成文日期。"), document=document, data=data, **kw)


def test_repeats_of_one_pattern_become_one_finding_with_every_place():
    fs = [_f("DL01", n, "6月20日前", excerpt=LINES[n]) for n in (12, 10, 11)]
    out = group_repeats(fs)
    assert len(out) == 1
    kept = out[0]
    assert kept.line == 10
    assert kept.data["count"] == 3
    assert kept.data["places"] == [["a.txt", 10], ["a.txt", 11], ["a.txt", 12]]
    assert [(r.line, r.excerpt) for r in kept.related] == [(11, LINES[11]), (12, LINES[12])]


def test_repeats_stay_apart_across_patterns_documents_and_rules():
    fs = [
        _f("DL01", 10, "6月20日前"),
        _f("DL01", 11, "7月1日前"),                      # another wording
        _f("DL01", 12, "6月20日前", document="某政发〔2024〕2号"),  # another document
        _f("DL02", 12, "6月20日前"),                     # another rule
        _f("DL01", 13),                                  # no pattern: never grouped
        _f("DL01", 14),
    ]
    out = group_repeats(fs)
    assert len(out) == 6
    assert not any("count" in f.data for f in out)


def test_one_slip_seen_by_two_rules_is_reported_once():
    # a serial-number rule and a reprint comparison both mark the "1" of "115"
    nm = _f("NM07", 20, category="numbering", excerpt=LINES[20], span=(6, 9), message="序号应为 15。")
    xd = _f("XD07", 20, category="crossdoc", excerpt="…摸底。生态状况115生态质量指数…", span=(8, 9),
            message="此处多出“1”。", related=[Location("b.txt", 9)])
    other = _f("FM01", 20, category="format", excerpt=LINES[20], span=(18, 22))  # 稳中向好: elsewhere
    fs = [nm, xd, other]
    mark_same_slip(fs, _text)
    out = merge_same_defect(fs)
    assert [f.rule for f in out] == ["NM07", "FM01"]
    assert out[0].data["also"] == ["XD07"]
    assert out[0].data["also_messages"] == ["此处多出“1”。"]
    assert [(r.file, r.line) for r in out[0].related] == [("b.txt", 9)]
    assert out[0].data["also_places"] == [["XD07", "b.txt", 9]]
    assert "defect" not in out[0].data and "defect" not in out[1].data


def test_same_line_without_overlap_is_not_merged():
    a = _f("FM03", 10, category="format", excerpt=LINES[10], span=(0, 2))
    b = _f("DL01", 10, excerpt=LINES[10], span=(7, 13))
    fs = [a, b]
    mark_same_slip(fs, _text)
    assert len(merge_same_defect(fs)) == 2


def test_pairs_reported_from_both_sides_are_linked():
    lo = _f("XD06", 10, category="crossdoc", excerpt="一", related=[Location("b.txt", 5)])
    hi = _f("XD06", 5, category="crossdoc", file="b.txt", excerpt="二", related=[Location("a.txt", 10)])
    lone = _f("XD06", 11, category="crossdoc", excerpt="三", related=[Location("b.txt", 5)])
    link_pairs([lo, hi, lone])
    assert lo.data["pair"] == hi.fingerprint
    assert hi.data["pair"] == lo.fingerprint
    assert "pair" not in lone.data


def test_json_of_a_checked_issue_reports_grouped_findings():
    from gazette_checks.api import check
    from gazette_checks.config import Config

    doc = (
        "某市人民政府文件\n某政发〔2024〕3号\n某市人民政府关于印发某方案的通知\n各县人民政府：\n"
        "现将方案印发给你们。\n一、推动规则and标准衔接。\n二、完善制度and流程。\n三、加强协作and配合。\n"
        "某市人民政府\n2024年3月1日\n"
    )
    found = [f for f in check(doc, Config(select=["FM07"])) if f.rule == "FM07"]
    assert len(found) == 1
    d = found[0].to_dict()
    assert d["data"]["count"] == 3
    assert [r["line"] for r in d["related"]] == [found[0].line + 1, found[0].line + 2]


def test_sarif_reports_a_grouped_finding_once_with_its_places():
    import json

    from gazette_checks.api import check
    from gazette_checks.config import Config
    from gazette_checks.renderers import render
    from gazette_checks.report import Report

    doc = (
        "某市人民政府文件\n某政发〔2024〕3号\n某市人民政府关于印发某方案的通知\n各县人民政府：\n"
        "一、推动规则and标准衔接。\n二、完善制度and流程。\n某市人民政府\n2024年3月1日\n"
    )
    found = [f for f in check(doc, Config(select=["FM07"])) if f.rule == "FM07"]
    sarif = json.loads(render(Report(files=["<text>"], findings=found), "sarif"))
    results = sarif["runs"][0]["results"]
    assert len(results) == 1
    assert len(results[0]["relatedLocations"]) == 1
