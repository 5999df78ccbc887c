"""Records.rows / mention_rows: the rows rules read without pandas, and the order of text_order."""

import pandas as pd

import gazette_checks as gc
from gazette_checks.records import text_order, tuples

TEXT = """某市人民政府办公室关于做好测试工作的通知

某政办发〔2024〕12号

各县（市）、区人民政府，市政府各直属单位：

一、明确目标。〔责任单位：市财政局、市统计局〕

二、加强领导。由市发展改革委牵头，市财政局配合。

某市人民政府办公室

2024年6月3日
"""


def test_rows_are_the_tables_rows_and_are_rebuilt_when_the_table_is_replaced():
    r = gc.parse(TEXT, "a.txt")
    assert r.rows("mentions") == list(tuples(r.mentions))
    assert r.rows("mentions") is r.rows("mentions")  # built once
    organs = r.mention_rows("organ")
    assert organs and all(m.kind == "organ" for m in organs)
    assert organs == [m for m in tuples(r.mentions) if m.kind == "organ"]
    r.mentions = r.mentions[r.mentions["kind"] != "organ"].reset_index(drop=True)
    assert r.mention_rows("organ") == []
    assert r.mention_rows("no such kind") == []


def test_text_order_matches_pandas_sort_with_missing_columns_last():
    df = pd.DataFrame({"file": ["b", "a", "a", "a", "a"], "line": [1, 3, 2, 2, 2],
                       "col": pd.array([0, 5, None, 4, 1], dtype="Int64"), "k": range(5)})
    want = df.sort_values(["file", "line", "col"], kind="stable")["k"].tolist()
    assert [r.k for r in sorted(tuples(df), key=text_order)] == want
    assert [d["k"] for d in sorted(df.to_dict("records"), key=text_order)] == want
