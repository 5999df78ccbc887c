"""The HTML report: self-contained, escaped, bilingual, grouped, printable."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from factories import XSS_IMG, XSS_SCRIPT, make_finding, sample_findings, sample_report

from gazette_checks.findings import Location
from gazette_checks.renderers import html_report
from gazette_checks.renderers.html_report import Segment, diff_segments, highlight, json_script
from gazette_checks.report import IssueInfo

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """A minimal DOM node, enough to query the report."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def iter(self, tag: str | None = None):
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        out = []
        for n in self.iter(tag):
            if cls and cls not in (n.attrs.get("class") or "").split():
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html: str) -> Node:
    b = TreeBuilder()
    b.feed(html)
    b.close()
    assert b.cur is b.root, f"unclosed <{b.cur.tag}>"
    return b.root


def visible_text(root: Node) -> str:
    """Text outside <script>, <style> and <head>, as a reader would see it."""
    parts: list[str] = []

    def walk(n: Node):
        for c in n.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag not in ("script", "style", "head", "title"):
                walk(c)

    walk(root)
    return "".join(parts)


@pytest.fixture(scope="module")
def html() -> str:
    return html_report.render(sample_report())


@pytest.fixture(scope="module")
def dom(html) -> Node:
    return parse(html)


# -- self-contained ---------------------------------------------------------


def test_self_contained(html, dom):
    for node in dom.iter():
        for attr in ("src", "href", "action", "data", "poster", "srcset", "xlink:href"):
            value = (node.attrs.get(attr) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (node.tag, attr, value)
            if value and attr in ("src", "href"):
                assert value.startswith(("#", "data:")), (node.tag, attr, value)
        assert not (node.tag == "link" and node.attrs.get("rel") == "stylesheet")
        assert not (node.tag == "script" and node.attrs.get("src"))
    style = dom.find("style").text
    assert "@import" not in style
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", style)
    assert "@font-face" not in style
    assert not re.search(r"https?://", html)


def test_content_security_policy_allows_only_our_code(dom):
    csp = dom.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in csp

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    style = dom.find("style").text
    script = next(s for s in dom.find_all("script") if not s.attrs.get("type"))
    assert f"style-src {digest(style)}" in csp
    assert f"script-src {digest(script.text)}" in csp


def test_print_css(dom):
    style = dom.find("style").text
    assert "@media print" in style
    printing = style[style.index("@media print"):]
    assert ".toolbar" in printing and "break-inside: avoid" in printing


# -- escaping ---------------------------------------------------------------


def xss_report():
    evil = XSS_SCRIPT + XSS_IMG
    findings = [
        make_finding(message=evil, excerpt=evil, span=(0, len(XSS_SCRIPT)), document=evil, suggestion=evil),
        make_finding(
            rule=XSS_IMG,
            category="crossdoc",
            excerpt=evil,
            related=[Location(evil, 3, evil, evil)],
            data={"text_a": evil, "text_b": evil + "x", "stated": evil, "computed": 3, "parts": [[evil, 1]], "row": evil},
        ),
    ]
    return sample_report(
        findings=findings,
        input_errors=[evil],
        stale_baseline=[{"rule": evil, "document": evil, "message": evil, "excerpt": evil, "file": evil}],
        issues=[IssueInfo(evil, evil, 1, None, 2022, evil)],
        rules={"DT01": {"title_zh": evil, "reason": evil, "fix": evil}},
        files=[evil],
    )


def test_input_is_escaped():
    html = html_report.render(xss_report())
    dom = parse(html)
    scripts = dom.find_all("script")
    assert [(s.attrs.get("type"), s.attrs.get("id")) for s in scripts] == [
        ("application/json", "gc-ui"), ("application/json", "gc-export"), (None, None)]
    assert "alert(1)" not in scripts[-1].text
    assert not any(ch in s.text for s in scripts[:2] for ch in "<>&")  # the data is inert JSON
    assert dom.find_all("img") == []
    for node in dom.iter():
        assert not any(a.startswith("on") for a in node.attrs), (node.tag, node.attrs)
        assert "x" not in node.attrs or node.tag != "img"
    text = visible_text(dom)
    assert text.count(XSS_SCRIPT) >= 10
    assert XSS_IMG in text
    # The attacker's markup appears only escaped in the source.
    assert "<script>alert" not in html
    assert "<img" not in html


def test_json_script_is_inert():
    out = json_script({"a": "</script><script>alert(1)</script>&<!--", "b": "\u2028"})
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out)["a"] == "</script><script>alert(1)</script>&<!--"


# -- language ---------------------------------------------------------------


def test_chinese_by_default(dom):
    assert dom.find("html").attrs["lang"] == "zh-CN"
    text = visible_text(dom)
    for word in ("公报核查报告", "概况", "问题明细", "日期", "机构名称", "合计数", "跨文件", "未能检查的内容", "2022-05.txt 第12行"):
        assert word in text, word
    assert "牡丹江市人民政府公报" in text and "2022年第5期（总第20期）" in text
    assert "Findings" not in text


def test_english():
    dom = parse(html_report.render(sample_report(lang="en")))
    assert dom.find("html").attrs["lang"] == "en"
    text = visible_text(dom)
    for word in ("Gazette check report", "Summary", "Findings", "Dates", "Department names", "2022-05.txt line 12", "Not checked"):
        assert word in text, word
    assert "Published before it was signed" in text
    assert "概况" not in text


def test_unknown_language_falls_back_to_chinese():
    dom = parse(html_report.render(sample_report(lang="fr")))
    assert dom.find("html").attrs["lang"] == "zh-CN"


# -- summary ----------------------------------------------------------------


def test_summary(dom):
    summary = dom.find("section", id="summary")
    text = summary.text
    # the verdict and the counts are made of gazette findings only (the parse finding is a tool limit)
    assert "未通过：有 4 处问题达到“错误”级别" in visible_text(dom)
    cards = {c.find("span", "lbl").text: c.find("span", "num").text for c in summary.find_all("a", "card")}
    assert cards == {"问题总数": "10", "错误": "4", "警告": "5", "提示": "1"}
    assert [c.attrs["href"] for c in summary.find_all("a", "card")] == ["#", "#sev=error", "#sev=warning", "#sev=info"]
    limits = dom.find("div", id="limits")
    assert "gazette/2022-06.pdf: 不是文本文件" in limits.text
    assert "无法识别的版块，未做检查" in limits.text  # the tool limit, with its place
    assert "2022-05.txt 第150行" in limits.text
    assert dom.find_all("article", data_rule="PS01") == []
    assert "按基线忽略了 2 处已知问题" in text
    assert "牡政发〔2021〕30号" in text  # stale entry
    svg = summary.find("svg")
    labels = [t.text for t in svg.find_all("text", "chart-label")]
    assert labels == ["日期", "编号", "机构名称", "合计数", "时限", "目录与标题", "跨文件"]
    assert [a.attrs["href"] for a in svg.find_all("a")][:2] == ["#cat=dates", "#cat=numbering"]
    assert len(svg.find_all("rect")) == 8  # 跨文件 has an error and a warning segment
    crossdoc = next(g for g in svg.find_all("g") if g.find("text", "chart-label").text == "跨文件")
    assert [r.attrs["class"] for r in crossdoc.find_all("rect")] == ["bar-error", "bar-warning"]


def test_limits_alone_do_not_fail_the_verdict():
    """A limit of the tool (marked data.limit, as PA07/PA08 are) is listed, not counted: verdict and exit agree."""
    f = make_finding(rule="PS01", category="parse", severity="info", message="未找到成文日期", document="",
                     data={"limit": True})
    report = sample_report(findings=[f], input_errors=[])
    dom = parse(html_report.render(report))
    text = visible_text(dom)
    assert "通过：没有达到“错误”级别的问题" in text and not report.failed
    assert "另有 1 项未能检查的内容" in text
    assert "未找到成文日期" in dom.find("div", id="limits").text
    assert dom.find_all("article") == []


def test_a_text_that_was_not_read_is_never_a_pass():
    """Nothing recognised (an unmarked parse error) fails the verdict as it fails the exit code."""
    f = make_finding(rule="PA04", category="parse", severity="error", message="未识别出任何公文", document="")
    report = sample_report(findings=[f], input_errors=[])
    text = visible_text(parse(html_report.render(report)))
    assert report.failed and "未通过" in text and "通过：没有" not in text


def test_overview_table_and_fix_first(dom):
    rows = dom.find("table", id="overview").find("tbody").find_all("tr")
    keys = [r.attrs["data-doc"] for r in rows]
    assert keys[:4] == ["牡政办发〔2022〕3号", "牡政发〔2022〕7号", "牡政办发〔2022〕9号", "牡政发〔2022〕2号"]
    seven = rows[1]
    assert (seven.attrs["data-error"], seven.attrs["data-warning"], seven.attrs["data-total"]) == ("1", "2", "3")
    assert seven.find("a").attrs["href"].startswith("#doc=")
    first = dom.find("div", id="fix-first").find_all("li")
    assert len(first) == 4  # the errors
    assert all(li.find("a").attrs["href"].startswith("#f-") for li in first)


def test_coverage_names_what_passed():
    report = sample_report()
    report.run = {"rules": ["DT01", "NM02", "DP01", "TB01", "DL01", "TC01", "XD01", "XD02"]}
    dom = parse(html_report.render(report))
    lines = [li.text for li in dom.find("ul", "coverage").find_all("li")]
    assert any(line.startswith("日期：4 件中 2 件未发现问题") for line in lines)
    assert any(line.startswith("目录与标题：4 件中 3 件未发现问题") for line in lines)


def test_run_metadata_is_shown():
    report = sample_report()
    report.run = {"time": "2024-05-01 08:00:00 UTC", "inputs": [{"file": "/abs/path/gazette/2022-05.txt", "sha256": "ab" * 32, "lines": 10}],
                  "config": {"select": ["ALL"]}, "rules": ["DT01", "NM02"]}
    run = parse(html_report.render(report)).find("details", id="run")
    assert "2024-05-01 08:00:00 UTC" in run.text
    assert "2022-05.txt" in run.text and "/abs/path" not in run.text
    assert "ab" * 32 in run.text and "DT01 NM02" in run.text and '"select": ["ALL"]' in run.text


def test_passing_report():
    report = sample_report(findings=[], input_errors=[], suppressed=0, stale_baseline=[])
    dom = parse(html_report.render(report))
    text = visible_text(dom)
    assert "通过：没有达到“错误”级别的问题" in text
    assert "没有发现问题" in text
    assert "未使用基线" in text
    assert dom.find_all("article") == []
    assert dom.find_all("svg") == []


# -- findings ---------------------------------------------------------------


def test_grouped_by_document_then_rule(dom):
    docs = dom.find_all("details", "doc")
    keys = [d.attrs["data-doc"] for d in docs]
    assert keys[:4] == ["牡政办发〔2022〕3号", "牡政发〔2022〕7号", "牡政办发〔2022〕9号", "牡政发〔2022〕2号"]
    assert all("open" in d.attrs for d in docs)  # few findings: documents open
    assert docs[1].find("span", "doc-title").text == "牡丹江市人民政府关于2021年度财政预算执行情况的报告"
    # Most serious rule first within a document.
    assert [g.attrs["data-rule"] for g in docs[1].find_all("section", "rule-group")] == ["TB01", "NM02", "DP01"]
    for d in docs:
        for article in d.find_all("article"):
            assert article.attrs["data-doc"] == d.attrs["data-doc"]
    articles = dom.find_all("article", "finding")
    assert len(articles) == len(sample_findings()) - 1  # the tool limit is not a card
    assert len({a.attrs["id"] for a in articles}) == len(articles)


def test_rule_explained_once(dom):
    group = dom.find("section", "rule-group", data_rule="TB01")
    assert "合计数与各项之和不符" in group.find("h4").text
    assert group.find("a", "rule-doc-link").attrs["href"] == "#rule-TB01"
    assert group.find_all("dl") == []
    helps = dom.find("section", "rule-docs").find_all("details", "rule-doc")
    assert [h.attrs["id"] for h in helps].count("rule-DT01") == 1  # DT01 has cards in two documents
    tb = dom.find("details", id="rule-TB01")
    assert "表格中的合计数必须等于各分项之和" in tb.text and "重新核算各分项与合计" in tb.text
    assert "合计数与各项之和不符" in group.find("article").find("span", "rule-ref").text


def test_finding_shows_place_message_suggestion_and_mark(dom):
    article = dom.find("section", "rule-group", data_rule="DT01").find("article")
    assert article.attrs["data-sev"] == "error"
    assert article.attrs["data-cat"] == "dates"
    assert article.attrs["data-rule"] == "DT01"
    assert article.find("span", "where").text == "牡政办发〔2022〕3号"
    assert article.find("span", "loc").text == "2022-05.txt 第12行"
    assert article.find("p", "message").text.startswith("发布日期 2022年3月1日")
    assert article.find("mark").text == "2022年3月1日"
    assert "核对原件中的成文日期与印发日期" in article.find("p", "suggestion").text
    # the search also sees the document's title
    assert "关于做好2022年春季森林防火工作的通知" in article.attrs["data-search"]
    # triage controls and the toolbar show only with JavaScript (made from a template)
    assert article.find_all("div", "triage") == []
    assert dom.find("template", id="triage-tpl").find("button", "t-ignore")
    assert "hidden" in dom.find("form", id="toolbar").attrs


def test_editor_locations_are_used_when_known():
    from gazette_checks.locations import EditorLocation

    report = sample_report()
    report.locations = {("gazette/2022-05.txt", 12): EditorLocation("2022年第5期", 3, True, "牡政办发〔2022〕3号", "2022-05.txt", 12)}
    article = parse(html_report.render(report)).find("section", "rule-group", data_rule="DT01").find("article")
    assert article.find("span", "where").text == "2022年第5期 · 约第3页 · 牡政办发〔2022〕3号"
    assert article.find("span", "where").attrs["title"] == "页码为按目录估算"


def test_cross_document_places_named(dom):
    article = dom.find("section", "rule-group", data_rule="XD01").find("article")
    places = article.find("div", "places").find_all("div", "place")
    assert len(places) == 2
    assert [p.find("span", "place-label").text for p in places] == ["本处", "另一处"]
    assert places[1].find("span", "loc").text == "2022-04.txt 第77行"


def test_difference_in_place_is_neutral_without_a_known_right_side(dom):
    """The two copies side by side, the differences marked alike in each."""
    article = dom.find("section", "rule-group", data_rule="XD01").find("article")
    here, there = article.find("div", "places").find_all("div", "place")
    assert [m.text for m in here.find_all("mark", "neutral")] == ["委办局"]
    assert [m.text for m in there.find_all("mark", "neutral")] == ["直属单位", "，请认真执行"]
    assert here.find_all("del") == [] and there.find_all("ins") == []
    assert article.find_all("div", "diff") == []  # not shown a second time
    assert "无法判断哪一方正确" in article.find("p", "diff-note").text


def test_reprint_sides_by_role_marked_at_the_aligned_edit():
    a = "…实行销号制度。采集各类样品128…"
    b = "…实销号制度。采集各类样品128…"
    f = make_finding(
        rule="XD07", category="crossdoc", severity="warning", line=533, excerpt=a, span=(2, 3),
        message="转载多出“行”，原件（003.txt 第47行）没有。", document="某政规〔2022〕4号",
        related=[Location("gazette/003.txt", 47, b, "某政规〔2022〕4号")],
        data={"text_a": a, "text_b": b, "a": "行", "b": "", "kind": "delete", "span_a": [2, 3], "span_b": [2, 2],
              "role_a": "转载", "role_b": "原件"},
    )
    article = parse(html_report.render(sample_report(findings=[f]))).find("article")
    here, there = article.find("div", "places").find_all("div", "place")
    assert (here.find("span", "place-label").text, there.find("span", "place-label").text) == ("转载", "原件")
    assert [m.text for m in here.find_all("mark", "neutral")] == ["行"]
    assert [m.text for m in there.find_all("mark", "neutral")] == ["‸"]  # where the text is missing


def _reprint_differences(n: int) -> list:
    out = []
    for k in range(n):
        a = f"…第{k}处转载文字整治清单，实行销号制度…"
        b = f"…第{k}处转载文字整治清单，实销号制度…"
        i = a.index("行销")
        out.append(make_finding(
            rule="XD07", category="crossdoc", severity="warning", line=500 + k, excerpt=a, span=(i, i + 1),
            message=f"转载多出“行”，原件（003.txt 第{40 + k}行）没有。", document="某政规〔2022〕4号",
            related=[Location("gazette/003.txt", 40 + k, b, "某政规〔2022〕4号")],
            data={"text_a": a, "text_b": b, "span_a": [i, i + 1], "span_b": [i, i], "role_a": "转载", "role_b": "原件"},
        ))
    return out


def test_many_differences_of_one_reprint_are_rows_of_one_table():
    """One reprint differing from its original in many places: a row per place (each with its
    own id, triage and marks), one note on how to read them, instead of a card each."""
    group = parse(html_report.render(sample_report(findings=_reprint_differences(5)))).find(
        "section", "rule-group", data_rule="XD07")
    rows = group.find_all("article", "compact")
    assert len(rows) == len(group.find_all("article")) == 5
    assert len({r.attrs["id"] for r in rows}) == 5
    assert "5 处" in group.find("p", "compact-intro").text and "“转载”与“原件”" in group.find("p", "compact-intro").text
    first = rows[0]
    assert [s.find("span", "place-label").text for s in first.find_all("div", "row-side")] == ["转载", "原件"]
    assert [m.text for m in first.find_all("mark")] == ["行", "‸"]
    assert "转载多出“行”" in first.find("p", "row-message").text


def test_a_few_differences_stay_cards():
    group = parse(html_report.render(sample_report(findings=_reprint_differences(3)))).find(
        "section", "rule-group", data_rule="XD07")
    assert not group.find_all("article", "compact") and len(group.find_all("article")) == 3


def test_known_right_side_and_suggestion_sides(dom):
    """A cited title against the document's: apart from the places, sides named."""
    article = dom.find("section", "rule-group", data_rule="XD02").find("article")
    assert article.find("div", "places").find("mark").text == "牡丹江市老旧小区改造实施方案"
    diff = article.find("div", "diff")
    assert [x.text for x in diff.find_all("span", "diff-label")] == ["原文", "建议改为"]
    assert [m.text for m in diff.find_all("mark", "good")] == ["工作"]


def test_grouped_card_lists_every_place_with_its_mark():
    places = [("gazette/2022-05.txt", n) for n in (20, 24, 31)]
    f = make_finding(
        rule="DL01", category="deadlines", severity="warning", line=20, excerpt="请于6月20日前完成。", span=(2, 8),
        message="完成时限“6月20日前”早于成文日期。", document="牡政办发〔2022〕3号",
        related=[Location(p[0], p[1], "务必6月20日前上报。", "牡政办发〔2022〕3号") for p in places[1:]],
        data={"pattern": "6月20日前", "count": 3, "places": [list(p) for p in places],
              "marks": [["gazette/2022-05.txt", 24, 2, 8], ["gazette/2022-05.txt", 31, 2, 8]]},
    )
    article = parse(html_report.render(sample_report(findings=[f]))).find("article")
    assert article.find("span", "count").text == "共 3 处"
    ps = article.find("div", "places").find_all("div", "place")
    assert [p.find("span", "place-label").text for p in ps] == ["第 1 处", "第 2 处", "第 3 处"]
    assert [p.find("span", "loc").text for p in ps] == ["2022-05.txt 第20行", "2022-05.txt 第24行", "2022-05.txt 第31行"]
    assert [p.find("mark").text for p in ps] == ["6月20日前"] * 3


def test_same_slip_and_pair_links():
    a = make_finding(rule="NM07", category="numbering", severity="warning", line=40,
                     related=[Location("gazette/2022-04.txt", 9, "原件的一行")],
                     data={"also": ["XD07"], "also_messages": ["转载多出“1”。"],
                           "also_places": [["XD07", "gazette/2022-04.txt", 9]]})
    b = make_finding(rule="XD06", category="crossdoc", severity="warning", line=50, excerpt="甲", span=None,
                     related=[Location("gazette/2022-05.txt", 60)])
    c = make_finding(rule="XD06", category="crossdoc", severity="warning", line=60, excerpt="乙", span=None,
                     related=[Location("gazette/2022-05.txt", 50)])
    b.data["pair"], c.data["pair"] = c.fingerprint, b.fingerprint
    dom = parse(html_report.render(sample_report(findings=[a, b, c])))
    also = dom.find("article", data_rule="NM07").find("div", "also")
    assert "XD07" in also.text and "转载多出“1”。" in also.text
    labels = [x.text for x in dom.find("article", data_rule="NM07").find_all("span", "place-label")]
    assert labels == ["本处", "XD07 所指"]
    arts = {x.find("div", "places").find_all("blockquote")[0].text: x for x in dom.find_all("article", data_rule="XD06")}
    assert arts["甲"].find("p", "pair").find("a").attrs["href"] == "#" + arts["乙"].attrs["id"]
    assert arts["乙"].find("p", "pair").find("a").attrs["href"] == "#" + arts["甲"].attrs["id"]


def test_source_view_marks_the_characters_in_the_original_line():
    lines = ["", "某市人民政府", "  成文日期 2022年3月5日，印发日期 2022年3月1日。", "下一行", ""]
    f = make_finding(line=3, excerpt="成文日期 2022年3月5日，印发日期 2022年3月1日。")
    report = sample_report(findings=[f], sources={"gazette/2022-05.txt": lines})
    src = parse(html_report.render(report)).find("details", "source")
    rows = src.find_all("div", "src")
    assert [r.find("span", "ln").text for r in rows] == ["2", "3", "4"]
    target = src.find("div", "target")
    assert target.find("mark").text == "2022年3月1日"


def test_export_data_is_a_baseline_entry_per_card(dom):
    data = json.loads(dom.find("script", id="gc-export").text)
    article = dom.find("section", "rule-group", data_rule="DT01").find("article")
    entry = data[article.attrs["id"]]
    f = sample_findings()[0]
    assert (entry["rule"], entry["fingerprint"], entry["document"]) == (f.rule, f.fingerprint, f.document)
    assert not any(e["rule"] == "PS01" for e in data.values())


def test_many_findings_start_folded():
    many = [make_finding(line=n, document=f"牡政发〔2022〕{n}号") for n in range(1, html_report.FOLD_ABOVE + 2)]
    dom = parse(html_report.render(sample_report(findings=many)))
    docs = dom.find_all("details", "doc")
    assert docs and not any("open" in d.attrs for d in docs)
    assert "各公文默认折叠" in visible_text(dom)


def test_table_total(dom):
    table = dom.find("table", "total")
    cells = {tr.find("th").text: tr.find("td").text for tr in table.find_all("tr")}
    assert table.find("caption").text == "合计行"
    assert cells["表中合计"] == "1250万元"
    assert cells["各项相加"] == "1240万元"
    assert cells["差额（各项相加减表中合计）"] == "-10万元"
    assert cells["各项"] == "东安区320 + 爱民区410 + 西安区510"
    assert [p.find("span", "part-label").text for p in table.find_all("span", "part")] == ["东安区", "爱民区", "西安区"]


def test_total_names_header_and_row():
    f = make_finding(rule="TB01", category="totals",
                     data={"stated": 10, "computed": 9, "parts": [4, 5], "header": "资金（万元）", "row": "合计"})
    dom = parse(html_report.render(sample_report(findings=[f])))
    assert dom.find("table", "total").find("caption").text == "资金（万元） · 合计"


def test_total_parts_that_do_not_add_up_are_listed():
    f = make_finding(rule="TB04", category="totals", data={"stated": 3, "computed": 2, "parts": [1, 2], "unit": "项"})
    dom = parse(html_report.render(sample_report(findings=[f])))
    cells = {tr.find("th").text: tr.find("td").text for tr in dom.find("table", "total").find_all("tr")}
    assert cells["各项"] == "1、2"
    assert cells["差额（各项相加减表中合计）"] == "-1项"


def test_filters_offer_what_is_there(dom):
    cats = [o.attrs["value"] for o in dom.find("select", id="cat-filter").find_all("option")]
    assert cats == ["", "dates", "numbering", "departments", "totals", "deadlines", "toc", "crossdoc"]
    rules = [o.attrs["value"] for o in dom.find("select", id="rule-filter").find_all("option")]
    assert rules == ["", "DL01", "DP01", "DT01", "NM02", "TB01", "TC01", "XD01", "XD02"]
    docs = [o.attrs["value"] for o in dom.find("select", id="doc-filter").find_all("option")]
    assert docs[0] == "" and "牡政发〔2022〕7号" in docs
    assert [b.attrs["data-sev"] for b in dom.find_all("button", "sev-toggle")] == ["error", "warning", "info"]
    assert dom.find("input", id="search")
    assert dom.find("span", id="shown-count").attrs["aria-live"] == "polite"
    assert dom.find("input", id="keys-on")


# -- helpers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((1, 3), [Segment("a"), Segment("bc", True), Segment("d")]),
        ((0, 4), [Segment("abcd", True)]),
        ((2, 99), [Segment("ab"), Segment("cd", True)]),
        ((3, 3), [Segment("abcd")]),
        ((3, 1), [Segment("abcd")]),
        (None, [Segment("abcd")]),
        ((-5, 1), [Segment("a", True), Segment("bcd")]),
    ],
)
def test_highlight(span, expected):
    assert highlight("abcd", span) == expected


def test_diff_segments():
    a, b = diff_segments("甲乙丙", "甲丁丙")
    assert a == [Segment("甲"), Segment("乙", True), Segment("丙")]
    assert b == [Segment("甲"), Segment("丁", True), Segment("丙")]


def test_many_places_fold_after_the_first_few():
    related = [Location("gazette/2022-05.txt", 30 + n, "务必<p>6月20日前</p>上报。") for n in range(8)]
    f = make_finding(rule="DL01", category="deadlines", severity="warning", line=20, excerpt="**请于6月20日前完成。**",
                     span=(4, 10), related=related, data={"count": 9, "places": [["gazette/2022-05.txt", 20]] +
                                                          [["gazette/2022-05.txt", 30 + n] for n in range(8)]})
    article = parse(html_report.render(sample_report(findings=[f]))).find("article")
    shown = article.find("div", "places").find_all("div", "place")
    assert len(shown) == html_report.PLACES_SHOWN
    more = article.find("details", "more-places")
    assert more.find("summary").text == "其余 3 处"
    assert len(more.find_all("div", "place")) == 3
    # extraction markup is not shown; the mark stays on the words
    assert shown[0].find("mark").text == "6月20日前" and "**" not in shown[0].text
    assert "<p>" not in more.text
