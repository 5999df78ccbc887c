"""Record tables built fast must equal what pandas builds the slow way."""

from __future__ import annotations

import pandas as pd
import pytest

from gazette_checks.api import parse
from gazette_checks.records import (
    COLUMNS,
    TABLE_NAMES,
    Records,
    empty_frame,
    frame,
    normalise_dtypes,
    row_dicts,
    tuples,
)
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def records() -> Records:
    return parse((FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8"), "m.txt")


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if a is None or a is pd.NA:
        return a is b
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


@pytest.mark.parametrize("kind", [*TABLE_NAMES, "problems"])
def test_frame_matches_the_generic_dtype_conversion(records, kind):
    df = getattr(records, kind)
    assert list(df.columns) == list(COLUMNS[kind])
    pd.testing.assert_frame_equal(df, normalise_dtypes(kind, df.astype(object)))


def test_frame_converts_odd_values_like_normalise_dtypes():
    rows = [{"file": "x.txt", "line": "12", "row": 1.0, "col": None, "text": float("nan"), "number": "3.5",
             "is_header": None, "table_id": "x.txt#T1"},
            {"file": "x.txt", "line": 13, "row": 2, "col": 0, "text": "合计", "number": 7, "is_header": True,
             "table_id": "x.txt#T1"}]
    df = frame("tables", rows)
    expected = normalise_dtypes("tables", pd.DataFrame.from_records(rows).reindex(columns=COLUMNS["tables"]))
    pd.testing.assert_frame_equal(df, expected)
    assert df["text"].tolist() == [None, "合计"] and df["line"].tolist() == [12, 13]


def test_empty_frames_are_copies(records):
    a = empty_frame("documents")
    a["extra"] = 1
    assert "extra" not in empty_frame("documents").columns
    assert list(Records().documents.columns) == list(COLUMNS["documents"])


@pytest.mark.parametrize("kind", [*TABLE_NAMES, "problems"])
def test_row_dicts_and_tuples_equal_pandas(records, kind):
    df = getattr(records, kind)
    for sub in (df, df.iloc[::2], df.head(0)):
        fast, slow = row_dicts(sub), sub.to_dict("records")
        assert len(fast) == len(slow)
        assert all(list(a) == list(b) and all(_same(a[k], b[k]) for k in a) for a, b in zip(fast, slow, strict=True))
        fast_t, slow_t = list(tuples(sub)), list(sub.itertuples(index=False))
        assert len(fast_t) == len(slow_t)
        assert all(a._fields == b._fields and all(_same(x, y) for x, y in zip(a, b, strict=True))
                   for a, b in zip(fast_t, slow_t, strict=True))


def test_by_file_gives_each_file_as_parsed_alone(example_path):
    texts = {"a.txt": (FIXTURES / "monthly-issue.txt").read_text(encoding="utf-8"),
             "b.txt": example_path.read_text(encoding="utf-8")}
    alone = {name: parse(text, name) for name, text in texts.items()}
    parts = Records.concat(list(alone.values())).by_file()
    assert list(parts) == ["a.txt", "b.txt"]
    for name, part in parts.items():
        assert list(part.sources) == [name]
        for kind in (*TABLE_NAMES, "problems"):
            pd.testing.assert_frame_equal(getattr(part, kind), getattr(alone[name], kind))


def test_records_pickle_without_rule_caches(records):
    import pickle

    from gazette_checks.api import check
    from gazette_checks.checks import run_rules
    from gazette_checks.config import Config

    list(run_rules(records, Config()))  # rules leave their shared intermediate data on the records
    assert any(k.startswith("_") for k in vars(records))
    back = pickle.loads(pickle.dumps(records))
    assert not any(k.startswith("_") for k in vars(back))
    pd.testing.assert_frame_equal(back.documents, records.documents)
    assert check(back) == check(records)


def test_row_dicts_box_odd_columns_as_pandas_does():
    import numpy as np

    df = pd.DataFrame({
        "n": pd.array([1, None, 3], dtype="Int64"),
        "x": [1.5, float("nan"), 2.0],
        "flag": [True, False, True],
        "text": pd.Series(["某市", None, pd.NA], dtype=object),
        "mixed": [np.int64(4), "五", np.float64(6.5)],
        "s": pd.array(["甲", None, "丙"], dtype="string"),
    })
    for sub in (df, df.iloc[[2, 0]], df.head(0)):
        fast, slow = row_dicts(sub), sub.to_dict("records")
        assert len(fast) == len(slow)
        for a, b in zip(fast, slow, strict=True):
            assert list(a) == list(b) and all(_same(a[k], b[k]) for k in a), (a, b)
        for a, b in zip(tuples(sub), sub.itertuples(index=False), strict=True):
            assert a._fields == b._fields and all(_same(x, y) for x, y in zip(a, b, strict=True)), (a, b)
    first = row_dicts(df)[0]
    assert type(first["n"]) is int and type(first["x"]) is float and type(first["mixed"]) is int
    assert row_dicts(df)[1]["n"] is None and row_dicts(df)[2]["text"] is None


def test_document_lines_are_the_line_texts_of_each_document(records):
    from gazette_checks.checks import get_rule
    from gazette_checks.checks.base import RuleContext
    from gazette_checks.config import Config

    ctx = RuleContext(get_rule("FM01"), records, Config())
    expected = [(d["doc_id"], k, records.line_text(f, k))
                for f, d, a, b in ctx.document_spans() for k in range(a, b + 1)]
    assert expected
    assert [(d["doc_id"], k, t) for d, k, t in ctx.document_lines(tables=True)] == expected
    assert [(d["doc_id"], k, t) for d, k, t in ctx.document_lines()] == [e for e in expected if "\t" not in e[2]]
    again = RuleContext(get_rule("FM02"), records, Config())
    assert list(again.document_lines()) == list(ctx.document_lines())  # shared by every rule


def test_line_text_takes_any_integer_line(records):
    import numpy as np

    f = records.documents["file"].iloc[0]
    k = int(records.documents["line"].iloc[0])
    assert records.line_text(f, k) and records.line_text(f, np.int64(k)) == records.line_text(f, k)
    assert records.line_text(f, records.documents["line"].iloc[0]) == records.line_text(f, k)
    assert records.line_text("no-such-file.txt", k) == ""


def test_memoised_text_helpers_give_what_they_computed_before():
    from gazette_checks import patterns as P

    assert P.strip_markup("某市**人民政府**<br/>通知") == "某市人民政府 通知"
    assert P.strip_markup("浓度$10\\mu g/m^3$以下") == "浓度10μ g/m³以下"
    assert P.strip_markup("某市人民政府") == "某市人民政府"
    assert P.squash(" 某市 **人民** 政府\t__通知__ ") == "某市人民政府通知"
    assert P.squash("某市　人民政府") == "某市人民政府"  # ideographic space
