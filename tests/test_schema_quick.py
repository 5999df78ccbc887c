"""The fast pass before pandera: it may only say "valid" where pandera agrees."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors as pe
import pandera.pandas as pa
import pytest

from gazette_checks.api import parse
from gazette_checks.records import frame
from gazette_checks.schemas import SCHEMAS
from gazette_checks.schemas.quick import surely_valid
from tests.conftest import FIXTURES


def _pandera_accepts(schema, df) -> bool:
    try:
        schema.validate(df, lazy=True)
    except pe.SchemaErrors:
        return False
    return True


@pytest.fixture(scope="module")
def records():
    return parse((FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8"), "m.txt")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_parsed_records_pass_quickly(records, name):
    df = getattr(records, name)
    assert len(df)
    assert surely_valid(SCHEMAS[name], df)
    assert _pandera_accepts(SCHEMAS[name], df)


def _doc(**over):
    row = {"file": "x.txt", "line": 3, "doc_id": "x.txt#1", "title": "某市人民政府关于某事项的通知",
           "doc_number": "某政发〔2024〕3号", "date": "2024-01-05", "number_year": 2024, "serial": 3}
    row.update(over)
    return row


BROKEN = {
    "bad doc_number": ("documents", [_doc(doc_number="某政发2024年3号")]),
    "line 0": ("documents", [_doc(line=0)]),
    "short title": ("documents", [_doc(title="通知")]),
    "no title": ("documents", [_doc(title=None)]),
    "duplicate doc_id": ("documents", [_doc(), _doc(line=40)]),
    "year out of range": ("documents", [_doc(number_year=1800)]),
    "date not ISO": ("documents", [_doc(date="2024年1月5日")]),
    "serial 0": ("documents", [_doc(serial=0)]),
    "unknown outline kind": ("outline", [{"file": "x.txt", "line": 5, "doc_id": "x.txt#1", "part": 0,
                                          "kind": "roman", "number": 1, "level": 1}]),
    "issue number 61": ("issues", [{"file": "x.txt", "line": 4, "name": "某市人民政府公报", "number": 61}]),
    "issue without number": ("issues", [{"file": "x.txt", "line": 4, "name": "某市人民政府公报"}]),
    "outline line missing": ("outline", [{"file": "x.txt", "line": None, "doc_id": "x.txt#1", "part": 0,
                                          "kind": "cn", "number": 1, "level": 1}]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_tables_go_to_pandera(case):
    kind, rows = BROKEN[case]
    df = frame(kind, rows)
    assert not _pandera_accepts(SCHEMAS[kind], df), case
    assert not surely_valid(SCHEMAS[kind], df)


def test_values_or_dtypes_it_does_not_know_go_to_pandera():
    df = frame("documents", [_doc()])
    assert surely_valid(SCHEMAS["documents"], df)
    odd = df.copy()
    odd["title"] = pd.Series([12345678], dtype=object)  # a number in a text column
    assert not surely_valid(SCHEMAS["documents"], odd)
    floats = df.copy()
    floats["line"] = np.array([3.5])  # would be coerced (and fail) by pandera
    assert not surely_valid(SCHEMAS["documents"], floats)
    assert not surely_valid(SCHEMAS["documents"], df.drop(columns=["title"]))


def test_unknown_checks_go_to_pandera():
    custom = pa.DataFrameSchema({"file": pa.Column(str, pa.Check(lambda s: s.str.len() > 1))})
    df = pd.DataFrame({"file": pd.Series(["x.txt"], dtype=object)})
    assert _pandera_accepts(custom, df)
    assert not surely_valid(custom, df)


def test_stored_specs_are_those_of_the_schemas():
    import json

    from gazette_checks.quickcheck import SPEC_FILE, stored_specs
    from gazette_checks.schemas.quick import stored_spec_data

    assert json.loads(SPEC_FILE.read_text(encoding="utf-8")) == stored_spec_data(), (
        "gazette_checks/data/schema_spec.json is stale: run `python -m gazette_checks.schemas.quick`")
    assert stored_specs() is not None and set(stored_specs()) == set(SCHEMAS)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_schema_failures_same_with_stored_or_read_specs(case, monkeypatch):
    from gazette_checks import quickcheck
    from gazette_checks.checks.schema import schema_failures
    from gazette_checks.records_io import from_frames

    kind, rows = BROKEN[case]
    recs = from_frames(**{kind: frame(kind, rows)})
    stored = schema_failures(recs)
    assert stored, case
    monkeypatch.setattr(quickcheck, "_STORED", [None])  # as if the file were stale
    assert repr(schema_failures(recs)) == repr(stored)  # repr: a NaN value equals itself


def test_a_valid_issue_is_checked_without_importing_pandera():
    import json
    import subprocess
    import sys

    code = ("import sys, json; from gazette_checks import api; "
            f"fs = api.check(api.parse(open({str(FIXTURES / 'monthly-issue.txt')!r}, encoding='utf-8').read(), 'm.txt')); "
            "print(json.dumps(['pandera' in sys.modules, sorted({f.rule for f in fs})]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, rules = json.loads(out.stdout.strip().splitlines()[-1])
    assert not imported and "SC01" not in rules
