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
    assert [(s.attrs.get("type"), s.attrs.get("id")) for s in scripts] == [("application/json", "gc-ui"), (None, None)]
    assert "alert(1)" not in "".join(s.text for s in scripts)
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
    for word in ("公报核查报告", "概况", "问题明细", "日期", "机构名称", "合计数", "跨文件", "解析", "第 12 行", "（未归属文件）"):
        assert word in text, word
    assert "牡丹江市人民政府公报" in text and "2022年第5期（总第20期）" in text
    assert "Findings" not in text


def test_english():
    dom = parse(html_report.render(sample_report(lang="en")))
    assert dom.find("html").attrs["lang"] == "en"
    text = visible_text(dom)
    for word in ("Gazette check report", "Summary", "Findings", "Dates", "Department names", "line 12", "(no document)"):
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
    assert "未通过：有 4 处问题达到“错误”级别" in visible_text(dom)
    cards = {c.find("span", "lbl").text: c.find("span", "num").text for c in summary.find_all("div", "card")}
    assert cards == {"问题总数": "11", "错误": "4", "警告": "5", "提示": "2"}
    assert "gazette/2022-06.pdf: 不是文本文件" in text
    assert "无法识别的版块，未做检查" in text  # parse finding listed
    assert "按基线忽略了 2 处已知问题" in text
    assert "牡政发〔2021〕30号" in text  # stale entry
    svg = summary.find("svg")
    labels = [t.text for t in svg.find_all("text", "chart-label")]
    assert labels == ["日期", "编号", "机构名称", "合计数", "时限", "目录", "跨文件", "解析"]
    assert len(svg.find_all("rect")) == 9  # 跨文件 has an error and a warning segment
    crossdoc = next(g for g in svg.find_all("g") if g.find("text", "chart-label").text == "跨文件")
    assert [r.attrs["class"] for r in crossdoc.find_all("rect")] == ["bar-error", "bar-warning"]


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
    docs = dom.find_all("section", "doc")
    keys = [d.attrs["data-doc"] for d in docs]
    assert keys[:4] == ["牡政办发〔2022〕3号", "牡政发〔2022〕7号", "牡政办发〔2022〕9号", "牡政发〔2022〕2号"]
    assert keys[-1] == "-"
    assert docs[-1].find("span", "doc-label").text == "（未归属文件）"
    assert docs[1].find("span", "doc-title").text == "牡丹江市人民政府关于2021年度财政预算执行情况的报告"
    # Most serious rule first within a document.
    assert [g.attrs["data-rule"] for g in docs[1].find_all("section", "rule-group")] == ["TB01", "NM02", "DP01"]
    for d in docs:
        for article in d.find_all("article"):
            assert article.attrs["data-doc"] == d.attrs["data-doc"]
    articles = dom.find_all("article", "finding")
    assert len(articles) == len(sample_findings())
    assert len({a.attrs["id"] for a in articles}) == len(articles)


def test_rule_title_and_reason_shown(dom):
    group = dom.find("section", "rule-group", data_rule="TB01")
    assert "合计数与各项之和不符" in group.find("h4").text
    assert "表格中的合计数必须等于各分项之和" in group.find("dl").text
    assert "重新核算各分项与合计" in group.find("dl").text
    article = group.find("article")
    assert "合计数与各项之和不符" in article.find("span", "rule-ref").text


def test_finding_shows_place_message_suggestion_and_mark(dom):
    article = dom.find("section", "rule-group", data_rule="DT01").find("article")
    assert article.attrs["data-sev"] == "error"
    assert article.attrs["data-cat"] == "dates"
    assert article.find("span", "loc").text == "gazette/2022-05.txt · 第 12 行"
    assert article.find("p", "message").text.startswith("发布日期 2022年3月1日")
    assert article.find("mark").text == "2022年3月1日"
    assert "核对原件中的成文日期与印发日期" in article.find("p", "suggestion").text


def test_cross_document_side_by_side(dom):
    article = dom.find("section", "rule-group", data_rule="XD01").find("article")
    places = article.find("div", "places").find_all("div", "place")
    assert len(places) == 2
    # Here: the file is in the finding's header, so only the line is repeated.
    assert places[0].find("span", "loc").text == "第 130 行"
    assert places[1].find("span", "loc").text == "gazette/2022-04.txt · 第 77 行"


def test_reprint_difference_in_place(dom):
    """The two copies side by side, the differences marked in each."""
    article = dom.find("section", "rule-group", data_rule="XD01").find("article")
    here, there = article.find("div", "places").find_all("div", "place")
    assert [d.text for d in here.find_all("del")] == ["委办局"]
    assert [i.text for i in there.find_all("ins")] == ["直属单位", "，请认真执行"]
    assert here.find("blockquote").text == "各县（市）区人民政府，市政府各委办局：现将《实施方案》印发给你们。"
    assert article.find_all("div", "diff") == []  # not shown a second time
    assert article.find("p", "diff-note")


def test_text_difference_apart_from_places(dom):
    """Texts that are not the excerpts (a cited title) get their own block."""
    article = dom.find("section", "rule-group", data_rule="XD02").find("article")
    assert article.find("div", "places").find("mark").text == "牡丹江市老旧小区改造实施方案"
    diff = article.find("div", "diff")
    assert [i.text for i in diff.find_all("ins")] == ["工作"]
    assert diff.find_all("del") == []
    assert [x.text for x in diff.find_all("span", "diff-label")] == ["文本一", "文本二"]


def test_table_total(dom):
    table = dom.find("table", "total")
    cells = {tr.find("th").text: tr.find("td").text for tr in table.find_all("tr")}
    assert table.find("caption").text == "合计行"
    assert cells["所写"] == "1250万元"
    assert cells["核算"] == "1240万元"
    assert cells["差额（核算减所写）"] == "-10万元"
    assert cells["各项"] == "东安区320 + 爱民区410 + 西安区510"
    assert [p.find("span", "part-label").text for p in table.find_all("span", "part")] == ["东安区", "爱民区", "西安区"]


def test_total_parts_that_do_not_add_up_are_listed():
    f = make_finding(rule="TB04", category="totals", data={"stated": 3, "computed": 2, "parts": [1, 2], "unit": "项"})
    dom = parse(html_report.render(sample_report(findings=[f])))
    cells = {tr.find("th").text: tr.find("td").text for tr in dom.find("table", "total").find_all("tr")}
    assert cells["各项"] == "1、2"
    assert cells["差额（核算减所写）"] == "-1项"


def test_filters_offer_what_is_there(dom):
    cats = [o.attrs["value"] for o in dom.find("select", id="cat-filter").find_all("option")]
    assert cats == ["", "dates", "numbering", "departments", "totals", "deadlines", "toc", "crossdoc", "parse"]
    docs = [o.attrs["value"] for o in dom.find("select", id="doc-filter").find_all("option")]
    assert docs[0] == "" and docs[-1] == "-"
    assert [b.attrs["data-sev"] for b in dom.find_all("button", "sev-toggle")] == ["error", "warning", "info"]
    assert dom.find("input", id="search")


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
