"""The pandera schemas: importable, valid on parsed records, violations become `schema` findings."""

from __future__ import annotations

import pandera.errors as pe
import pytest

from gazette_checks.api import check, parse
from gazette_checks.config import Config
from gazette_checks.records import Records, frame
from gazette_checks.schemas import SCHEMAS, DocumentSchema
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def records() -> Records:
    return parse((FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8"), "m.txt")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_parsed_records_validate(records, name):
    SCHEMAS[name].validate(getattr(records, name), lazy=True)


def test_schema_catches_a_malformed_doc_number():
    df = frame("documents", [{"file": "x.txt", "line": 3, "doc_id": "x.txt#1", "title": "某市人民政府关于某事项的通知",
                              "doc_number": "某政发2024年3号", "date": "2024-01-05"}])
    with pytest.raises(pe.SchemaErrors) as exc:
        DocumentSchema.validate(df, lazy=True)
    assert set(exc.value.failure_cases["column"]) == {"doc_number"}


def test_violation_becomes_a_schema_finding_with_its_line():
    recs = Records(
        issues=frame("issues", [{"file": "x.txt", "line": 4, "name": "某市人民政府公报", "number": 99,
                                 "total_number": 120, "date": "2024-05-31", "year": 2024}]),
        documents=frame("documents", [{"file": "x.txt", "line": 30, "doc_id": "x.txt#1", "title": "某市人民政府关于某事项的通知",
                                       "doc_number": "某政发〔2024〕3号", "date": "2024-01-05"},
                                      {"file": "x.txt", "line": 60, "doc_id": "x.txt#1", "title": "某市人民政府关于另一事项的通知",
                                       "doc_number": None, "date": "2024-01-09"}]),
    )
    findings = check(recs, Config(select=["SC01"]))
    got = sorted((f.line, f.category, f.data["column"]) for f in findings)
    assert got == [(4, "schema", "number"), (30, "schema", "doc_id"), (60, "schema", "doc_id")]
    assert all(f.severity.value == "error" for f in findings)


def test_clean_records_give_no_schema_finding(records):
    assert check(records, Config(select=["SC01"])) == []
