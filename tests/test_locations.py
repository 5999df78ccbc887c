"""Editor locations: 期号, printed or estimated page, 发文字号, file name and line."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from gazette_checks.engine import parse_paths
from gazette_checks.locations import EditorLocation, Locator, file_name, short_title

EXAMPLE = Path(__file__).resolve().parent.parent / "gazette_checks" / "examples" / "example-issue.txt"


def _records():
    records, errors = parse_paths([str(EXAMPLE)])
    assert errors == []
    return records


def _with_pages(records, pages: pd.DataFrame):
    """`records` as the locator reads them, with these printed pages (the text stage's table)."""
    return SimpleNamespace(issues=records.issues, documents=records.documents, toc=records.toc, pages=pages)


def _doc(records, number: str) -> dict:
    docs = records.documents
    return docs[docs["doc_number"] == number].iloc[0].to_dict()


def test_issue_document_and_estimated_page_from_the_toc():
    records = _records()
    loc = Locator(records)
    first = _doc(records, "青政发〔2024〕6号")
    at = loc.locate(str(EXAMPLE), int(first["line"]) + 2)
    assert at.issue == "2024年第5期"
    assert at.document == "青政发〔2024〕6号"
    # the TOC says the first document starts on page 1 and the next on page 9
    assert at.page is not None and 1 <= at.page < 9 and at.page_estimated
    assert at.label().startswith("2024年第5期 · 约第")
    assert at.detail() == f"example-issue.txt 第{int(first['line']) + 2}行"
    assert "/" not in at.label() + at.detail()
    # the last line of the document is estimated further into it than the first
    last = loc.locate(str(EXAMPLE), int(first["end_line"]))
    assert last.page >= at.page


def test_printed_page_numbers_win_over_the_estimate():
    records = _records()
    first = _doc(records, "青政发〔2024〕6号")
    line = int(first["line"]) + 2
    pages = pd.DataFrame({"file": [str(EXAMPLE), str(EXAMPLE)], "line": [1, line - 1], "page": [1, 3]})
    at = Locator(_with_pages(records, pages)).locate(str(EXAMPLE), line)
    assert (at.page, at.page_estimated) == (3, False)
    assert at.page_label() == "第3页"


def test_empty_pages_table_falls_back_to_the_toc():
    records = _records()
    first = _doc(records, "青政发〔2024〕6号")
    locator = Locator(_with_pages(records, pd.DataFrame(columns=["file", "line", "page"])))
    at = locator.locate(str(EXAMPLE), int(first["line"]) + 2)
    assert at.page is not None and at.page_estimated
    # where the table of contents says the document starts, the page is not an estimate
    start = locator.locate(str(EXAMPLE), int(first["line"]))
    assert (start.page, start.page_estimated) == (1, False)


def test_outside_any_document_there_is_no_page_and_no_document():
    at = Locator(_records()).locate(str(EXAMPLE), 2)
    assert at.page is None and at.document == ""
    assert at.label() == "2024年第5期"


def test_labels():
    assert EditorLocation("2022年第5期", 12, True, "某政发〔2022〕7号").label() == "2022年第5期 · 约第12页 · 某政发〔2022〕7号"
    assert EditorLocation(page=12).page_label("en") == "p. 12"
    assert file_name("../a/b/c.txt") == "c.txt" and file_name("c:\\x\\d.txt") == "d.txt"
    assert short_title("某市人民政府关于印发某市城乡供水设施改造三年行动方案的通知") == "某市城乡供水设施改造三年行动方案"
    assert short_title("短标题") == "短标题"
