"""Great Expectations suites: built from the schemas, run on records, turned into findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.gx
pytest.importorskip("great_expectations")

import pandera.errors as pe  # noqa: E402

from gazette_checks import gx  # noqa: E402
from gazette_checks.config import Config  # noqa: E402
from gazette_checks.records import Records  # noqa: E402
from gazette_checks.records_io import from_frames  # noqa: E402
from gazette_checks.schemas import SCHEMAS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _pandera_failures(records: Records) -> set[tuple[str, str, str]]:
    """(table, column, check name) of every failing pandera check."""
    out = set()
    for table, schema in SCHEMAS.items():
        df = getattr(records, table)
        if not len(df):
            continue
        try:
            schema.validate(df, lazy=True)
        except pe.SchemaErrors as exc:
            for case in exc.failure_cases.to_dict("records"):
                check = str(case["check"]).split("(")[0]
                column = case["failure_case"] if check == "column_in_dataframe" else case["column"]
                out.add((table, str(column), check))
    return out


def _comparable(records: Records) -> tuple[dict, set]:
    """GX outcome and pandera pass/fail for every expectation that mirrors a schema check."""
    specs = gx.expectation_specs(cross_field=False)
    outcomes = gx.validate(records, specs)
    failing = _pandera_failures(records)
    gx_result = {(o.spec.table, o.spec.column, o.spec.meta["check"]): o.success for o in outcomes}
    pandera_result = {k: k not in failing for k in gx_result}
    return gx_result, pandera_result


def _corrupt(records: Records) -> Records:
    frames = {name: df.copy() for name, df in records.frames().items()}
    i, d, t, o, m = (frames[k] for k in ("issues", "documents", "toc", "outline", "mentions"))
    i.loc[0, "frequency"] = "年报"
    i.loc[0, "number"] = 99
    d.loc[1, "doc_number"] = "第三号文件"
    d.loc[2, "date"] = "2022/9/1"
    d.loc[3, "title"] = "短"
    d.loc[5, "doc_id"] = d.loc[4, "doc_id"]
    d.loc[6, "title"] = None
    t.loc[0, "position"] = 0
    o.loc[0, "kind"] = "bullet"
    m.loc[0, "text"] = ""
    frames["tables"].loc[0, "row"] = -1
    return from_frames(**frames)


def test_specs_cover_the_schemas():
    specs = gx.expectation_specs()
    tables = {s.table for s in specs}
    assert set(SCHEMAS) <= tables and "documents_in_issue" in tables
    checks = {(s.table, s.column, s.meta["check"]) for s in specs}
    assert ("documents", "doc_id", "field_uniqueness") in checks
    assert ("issues", "frequency", "isin") in checks
    assert ("documents", "doc_number", "str_matches") in checks
    assert ("toc", "title", "not_nullable") in checks
    assert ("issues", "name", "not_nullable") not in checks  # nullable in the schema
    assert len({s.meta["id"] for s in specs}) == len(specs)


def test_write_suites(tmp_path: Path):
    files = gx.write_suites(tmp_path)
    names = sorted(f.name for f in files)
    assert "gazette_checks.documents.json" in names
    doc = json.loads((tmp_path / "gazette_checks.documents.json").read_text(encoding="utf-8"))
    assert doc["name"] == "gazette_checks.documents"
    types = {e["type"] for e in doc["expectations"]}
    assert {"expect_column_to_exist", "expect_column_values_to_be_unique",
            "expect_column_values_to_match_regex"} <= types
    # A team's own GX project can load the file back.
    import great_expectations as gxl

    suite = gxl.ExpectationSuite(**{k: v for k, v in doc.items() if k in ("name", "expectations")})
    assert len(suite.expectations) == len(doc["expectations"])


def test_gx_agrees_with_pandera_on_the_corpus(corpus_records):
    gx_result, pandera_result = _comparable(corpus_records)
    assert gx_result == pandera_result
    assert all(gx_result.values())  # the corpus parses cleanly


def test_gx_agrees_with_pandera_on_broken_records(corpus_records):
    broken = _corrupt(corpus_records)
    gx_result, pandera_result = _comparable(broken)
    assert gx_result == pandera_result
    failed = {k for k, ok in gx_result.items() if not ok}
    assert failed == {
        ("issues", "frequency", "isin"), ("issues", "number", "less_than_or_equal_to"),
        ("documents", "doc_number", "str_matches"), ("documents", "date", "str_matches"),
        ("documents", "title", "str_length"), ("documents", "doc_id", "field_uniqueness"),
        ("documents", "title", "not_nullable"), ("toc", "position", "greater_than_or_equal_to"),
        ("outline", "kind", "isin"), ("mentions", "text", "str_length"),
        ("tables", "row", "greater_than_or_equal_to"),
    }


def test_missing_column_agrees():
    docs = pd.DataFrame([{"file": "a.txt", "line": 3, "doc_id": "a#1", "title": "关于做好防汛工作的通知"}])
    recs = from_frames(documents=docs)
    recs.documents = recs.documents.drop(columns=["title"])
    outcomes = {(o.spec.column, o.spec.meta["check"]): o.success
                for o in gx.validate(recs, [s for s in gx.expectation_specs(cross_field=False)
                                            if s.table == "documents"])}
    assert outcomes[("title", "column_in_dataframe")] is False
    assert ("documents", "title", "column_in_dataframe") in _pandera_failures(recs)


def _frames(signed: str) -> Records:
    issues = pd.DataFrame([{"file": "2023-03.txt", "line": 1, "name": "柳溪市人民政府公报", "frequency": "月刊",
                            "number": 3, "date": "2023-03-31"}])
    docs = pd.DataFrame([{"file": "2023-03.txt", "line": 10, "end_line": 30, "doc_id": "2023-03.txt#1",
                          "position": 1, "title": "关于做好春季植树造林工作的通知",
                          "doc_number": "柳政发〔2023〕5号", "date": signed, "date_line": 28}])
    return from_frames(documents=docs, issues=issues)


def test_cross_field_date_expectation_becomes_a_finding():
    findings = gx.findings(_frames("2023-04-02"))
    assert [(f.rule, f.category, f.line, f.document) for f in findings] == [
        ("SC02", "schema", 28, "柳政发〔2023〕5号")]
    assert findings[0].data["expectation"] == "ExpectColumnPairValuesAToBeGreaterThanB"
    assert "2023-04-02" in findings[0].message
    assert gx.findings(_frames("2023-03-20")) == []


def test_cross_field_agrees_with_dt01(corpus_records):
    from gazette_checks.api import check

    dt01 = {(f.file, f.line) for f in check(corpus_records, Config(select=["DT01"]))}
    sc02 = {(f.file, f.line) for f in gx.findings(corpus_records) if f.data["table"] == "documents_in_issue"}
    assert sc02 == dt01


def test_rule_is_registered_but_off_by_default():
    from gazette_checks.api import check
    from gazette_checks.checks import get_rule

    r = get_rule("SC02")
    assert r.category == "schema" and not r.default_enabled
    recs = _frames("2023-04-02")
    assert not [f for f in check(recs) if f.rule == "SC02"]
    assert [f.rule for f in check(recs, Config(select=["SC02"]))] == ["SC02"]


def test_importing_gx_module_does_not_import_great_expectations():
    code = ("import sys, gazette_checks.gx, gazette_checks.checks; "
            "gazette_checks.checks.all_rules(); print('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
