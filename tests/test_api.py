"""The public API: parse, check, render; records from DataFrames and CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import gazette_checks as gc
from gazette_checks.config import Config
from gazette_checks.records import COLUMNS, TABLE_NAMES, Records
from gazette_checks.records_io import conform, from_csv_dir, from_frames, to_csv_dir

ISSUE = """柳溪市人民政府公报

(月刊)

第3期 总第27期

柳溪市人民政府办公室主办

2023年3月31日

目 录

● 市政府文件

- 柳溪市人民政府关于做好春季植树造林工作的通知 (1)

柳溪市人民政府

关于做好春季植树造林工作的通知

柳政发〔2023〕5号

各区、县人民政府，市政府各直属单位：

为做好今年春季植树造林工作，现将有关事项通知如下。

一、提高认识

各地要高度重视植树造林工作。

柳溪市人民政府

{signed}
"""
LATE = ISSUE.format(signed="2023年4月2日")
ON_TIME = ISSUE.format(signed="2023年3月20日")


def test_public_names_resolve():
    for name in gc.__all__:
        assert getattr(gc, name) is not None, name
    assert set(dir(gc)) >= {"parse", "check", "render_findings", "from_frames", "validate_doc_number"}
    with pytest.raises(AttributeError):
        gc.no_such_thing  # noqa: B018


def test_parse_text_and_path(tmp_path: Path):
    recs = gc.parse(LATE, "issue.txt")
    assert isinstance(recs, Records)
    assert recs.documents["doc_number"].tolist() == ["柳政发〔2023〕5号"]
    assert recs.issues["date"].tolist() == ["2023-03-31"]
    p = tmp_path / "issue.txt"
    p.write_text(LATE, encoding="utf-8")
    by_path = gc.parse(p)
    assert by_path.documents["title"].tolist() == recs.documents["title"].tolist()
    assert gc.parse_paths(tmp_path).documents["doc_number"].tolist() == ["柳政发〔2023〕5号"]


def test_check_and_render():
    findings = gc.check(LATE, Config(select=["DT01"]))
    assert [f.rule for f in findings] == ["DT01"]
    assert gc.check(ON_TIME, Config(select=["DT01"])) == []
    recs = gc.parse(LATE, "issue.txt")
    for fmt in gc.formats():
        out = gc.render_findings(gc.check(recs, Config(select=["DT01"])), fmt, recs)
        assert isinstance(out, str) and out
    doc = json.loads(gc.render_findings(findings, "json"))
    assert doc["findings"][0]["rule"] == "DT01"
    with pytest.raises(ValueError):
        gc.render_findings(findings, "docx")


# ---------------------------------------------------------------- records from frames


def _frames(signed: str = "2023-04-02"):
    issues = pd.DataFrame([{"file": "2023-03.txt", "line": 1, "name": "柳溪市人民政府公报", "frequency": "月刊",
                            "year": 2023, "number": 3, "date": "2023-03-31"}])
    documents = pd.DataFrame([
        {"file": "2023-03.txt", "line": 10, "doc_id": "2023-03.txt#1", "title": "关于做好春季植树造林工作的通知",
         "doc_number": "柳政发〔2023〕5号", "agency": "柳政发", "number_year": 2023, "serial": 5,
         "date": signed, "date_line": 20},
        {"file": "2023-03.txt", "line": 30, "doc_id": "2023-03.txt#2", "title": "关于加强农村公路养护的通知",
         "doc_number": "柳政发〔2023〕6号", "agency": "柳政发", "number_year": 2023, "serial": 6,
         "date": "2023-03-15", "date_line": 40},
    ])
    return documents, issues


def test_from_frames_fills_missing_columns():
    documents, issues = _frames()
    recs = from_frames(documents=documents, issues=issues)
    for name in TABLE_NAMES:
        assert list(getattr(recs, name).columns) == list(COLUMNS[name])
    assert recs.documents["signer"].isna().all()
    assert recs.own_files == ["2023-03.txt"]
    assert recs.sources == {}
    assert recs.line_text("2023-03.txt", 10) == ""


def test_date_rule_fires_on_frames():
    documents, issues = _frames(signed="2023-04-02")
    findings = gc.check(from_frames(documents=documents, issues=issues), Config(select=["DT01"]))
    assert [(f.rule, f.file, f.document, f.excerpt) for f in findings] == [
        ("DT01", "2023-03.txt", "柳政发〔2023〕5号", "")]
    documents, issues = _frames(signed="2023-03-20")
    assert gc.check_frames(documents=documents, issues=issues, config=Config(select=["DT01"])) == []


def test_dates_as_datetimes_are_accepted():
    documents, issues = _frames(signed="2023-04-02")
    documents["date"] = pd.to_datetime(documents["date"])
    recs = from_frames(documents=documents, issues=issues)
    assert recs.documents["date"].tolist() == ["2023-04-02", "2023-03-15"]


def test_every_rule_runs_without_text():
    """Records without sources (no excerpts) must not crash any rule."""
    documents, issues = _frames()
    toc = pd.DataFrame([{"file": "2023-03.txt", "line": 5, "position": 1, "title": "关于做好春季植树造林工作的通知",
                         "page": 1}])
    tables = pd.DataFrame([
        {"file": "2023-03.txt", "line": 50 + i, "doc_id": "2023-03.txt#2", "table_id": "2023-03.txt#T1",
         "row": i, "col": j, "text": t, "number": n}
        for i, row in enumerate([[("项目", None), ("里程", None)], [("甲", None), ("3", 3)],
                                 [("乙", None), ("4", 4)], [("合计", None), ("8", 8)]])
        for j, (t, n) in enumerate(row)
    ])
    recs = from_frames(documents=documents, toc=toc, issues=issues, tables=tables)
    findings = gc.check(recs, Config(select=["ALL"]))
    assert all(f.excerpt == "" or f.excerpt is not None for f in findings)
    assert all(f.file == "2023-03.txt" for f in findings)


def test_from_frames_rejects_unknown_tables():
    with pytest.raises(ValueError):
        from_frames(chapters=pd.DataFrame())
    with pytest.raises(ValueError):
        conform("chapters", pd.DataFrame())


def test_csv_round_trip(tmp_path: Path):
    recs = gc.parse(LATE, "issue.txt")
    to_csv_dir(recs, tmp_path)
    back = from_csv_dir(tmp_path)
    assert back.documents["doc_number"].tolist() == recs.documents["doc_number"].tolist()
    assert back.issues["number"].tolist() == [3]
    assert back.documents["line"].dtype.kind == "i"
    findings = gc.check(back, Config(select=["DT01"]))
    assert [(f.rule, f.line) for f in findings] == [(f.rule, f.line) for f in gc.check(recs, Config(select=["DT01"]))]


def test_csv_dir_with_only_documents(tmp_path: Path):
    documents, issues = _frames()
    documents.to_csv(tmp_path / "documents.csv", index=False)
    issues.to_csv(tmp_path / "issues.csv", index=False)
    recs = from_csv_dir(tmp_path)
    assert len(recs.toc) == 0 and len(recs.documents) == 2
    assert [f.rule for f in gc.check(recs, Config(select=["DT01"]))] == ["DT01"]


def test_csv_dir_errors(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        from_csv_dir(tmp_path / "missing")
    with pytest.raises(FileNotFoundError):
        from_csv_dir(tmp_path)


def test_corpus_frames_match_text_records(corpus_records, tmp_path: Path):
    """A CSV round trip of the corpus records gives the same findings when the text is there."""
    to_csv_dir(corpus_records, tmp_path)
    back = from_csv_dir(tmp_path)
    back.sources = corpus_records.sources
    key = lambda fs: sorted((f.rule, f.file, f.line, f.message) for f in fs)  # noqa: E731
    assert key(gc.check(back)) == key(gc.check(corpus_records))


def test_findings_of_one_defect_are_merged():
    from gazette_checks.engine import merge_same_defect
    from gazette_checks.findings import Finding

    def f(rule, line, sev, **data):
        return Finding(rule=rule, category="numbering", severity=sev, file="a.txt", line=line,
                       message=rule, excerpt=f"第{line}行", data=data)

    a = f("NM05", 30, "warning", defect="attachment:a.txt:D1:3", defect_rank=1)
    b = f("NM06", 10, "error", defect="attachment:a.txt:D1:3", defect_rank=0)
    c = f("NM06", 12, "error", defect="attachment:a.txt:D1:4", defect_rank=0)
    d = f("NM03", 30, "warning")
    out = merge_same_defect([a, b, c, d])
    assert [x.rule + str(x.line) for x in out] == ["NM0610", "NM0612", "NM0330"]
    assert out[0].data["also"] == ["NM05"] and [(r.line, r.excerpt) for r in out[0].related] == [(30, "第30行")]
    assert "also" not in out[1].data


@pytest.mark.rule_failure_expected
def test_a_failing_rule_is_reported_not_raised(monkeypatch, example_path):
    """A defect in one rule costs its own findings, not the report: PA06 says which rule failed."""
    import dataclasses

    import gazette_checks as gc
    from gazette_checks.checks import base
    from gazette_checks.config import Config

    def boom(ctx):
        yield from ()
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setitem(base._DEFINED, "TB07", dataclasses.replace(base._DEFINED["TB07"], func=boom))
    records = gc.parse(example_path)
    found = gc.check(records, Config(select=["TB07", "DT01"]))
    failed = [f for f in found if f.rule == "PA06"]
    assert len(failed) == 1 and failed[0].severity.value == "error"
    assert "TB07" in failed[0].message and failed[0].data["error"] == "ZeroDivisionError"
    assert any(f.rule == "DT01" for f in found)  # the other rules still ran
    assert not [f for f in gc.check(records, Config(select=["TB07"], ignore=["PA06"])) if f.rule == "PA06"]
