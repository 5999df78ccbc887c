"""Documents of other provinces and a municipality's web site are read whole.

The expected values were read off the texts by hand (../shared/corpus-docs/README.md
lists them); the web documents carry their index's 文号, issuer and date in a
front matter, an oracle for the parser.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gazette_checks import patterns as P
from gazette_checks.engine import check_records
from gazette_checks.parse import parse_source
from gazette_checks.read import read_source

SHARED = Path(__file__).resolve().parents[2] / "shared"
DOCS = SHARED / "corpus-docs"
WEB = SHARED / "corpus-web"

EXPECTED = {
    "anhui-doc-wanzhengbanmi-2021-82.txt": ("皖政办秘〔2021〕82号", "安徽省人民政府办公厅", "2021-09-02", "通知"),
    "guangdong-ling-290-2021.txt": ("广东省人民政府令第290号", "广东省人民政府", "2021-10-18", "令"),
    "neimenggu-baotou-doc-baofubanfa-2022-43.txt": ("包府办发〔2022〕43号", "包头市人民政府办公室", "2022-04-14", "通知"),
    "sichuan-aba-doc-afubanfa-2021-21.txt": ("阿府办发〔2021〕21号", "阿坝州人民政府办公室", "2021-10-11", "通知"),
}


def _docs_dir() -> Path:
    if not DOCS.is_dir() or not list(DOCS.glob("*.txt")):
        pytest.skip("../shared/corpus-docs is not present")
    return DOCS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_other_province_document_is_read(name):
    records = parse_source(read_source(_docs_dir() / name))
    assert len(records.documents) == 1
    d = records.documents.iloc[0]
    number, issuer, date, kind = EXPECTED[name]
    assert (d["doc_number"], d["issuer"], d["date"], d["doc_type"]) == (number, issuer, date, kind)
    assert len(d["title"]) >= 8 and not d["title"].startswith(("【", "原文链接"))
    assert not len(records.problems)


def test_decree_title_signatory_and_articles():
    records = parse_source(read_source(_docs_dir() / "guangdong-ling-290-2021.txt"))
    d = records.documents.iloc[0]
    assert d["title"].endswith("管理办法") and d["signer"].startswith("省长")
    articles = records.outline[records.outline["kind"] == "article"]["number"].tolist()
    assert articles == list(range(1, len(articles) + 1)) and len(articles) > 50


def test_chapter_and_first_article_on_one_line_are_both_read():
    records = parse_source(read_source(_docs_dir() / "sichuan-aba-doc-afubanfa-2021-21.txt"))
    o = records.outline
    articles = o[o["kind"] == "article"]["number"].tolist()
    assert articles == list(range(1, len(articles) + 1))
    assert len(o[o["kind"] == "chapter"]) >= 5


def test_other_province_findings_are_few_and_real():
    """Every finding is one an editor acts on: no parse failures, no skipped-article noise."""
    from gazette_checks.engine import parse_sources

    records = parse_sources([read_source(p) for p in sorted(_docs_dir().glob("*.txt"))])
    rules = {f.rule for f in check_records(records)}
    assert not rules & {"PA02", "PA04", "PA05", "NM03", "SC01", "DP04"}, rules


def _front_matter(text: str) -> dict[str, str]:
    head = text.split("---")[1]
    return dict(re.findall(r"^(\S+?): (.*)$", head, re.M))


def test_web_documents_agree_with_their_index():
    if not WEB.is_dir():
        pytest.skip("../shared/corpus-web is not present")
    files = [p for p in sorted(WEB.glob("*.md")) if p.name != "README.md"]
    assert files
    agree = {"number": 0, "date": 0, "title": 0}
    numbered = 0
    for p in files:
        text = p.read_text(encoding="utf-8")
        fm = _front_matter(text)
        records = parse_source(read_source(p))
        assert len(records.documents) == 1, p.name
        d = records.documents.iloc[0]
        if fm.get("文号", "-") != "-":
            numbered += 1
            agree["number"] += P.fold(str(d["doc_number"])) == P.fold(fm["文号"])
        published = fm["发布日期"] if len(fm["发布日期"]) > 7 else fm["发布日期"] + "-28"
        if d["date"]:
            gap = (dt.date.fromisoformat(published) - dt.date.fromisoformat(d["date"])).days
            agree["date"] += -1 <= gap <= 200
        title, index_title = P.fold(str(d["title"])), P.fold(fm["标题"])
        agree["title"] += title in index_title or index_title in title
    assert agree["number"] == numbered
    assert agree["date"] >= 0.9 * len(files)
    assert agree["title"] >= 0.95 * len(files)
