"""The extractor hook: what a registered extractor yields becomes `mentions` rows."""

from gazette_checks import api
from gazette_checks.extract import EXTRACTORS, Mention, extractor

TEXT = """某市人民政府关于做好某项工作的通知
某政发〔2024〕3号

各区人民政府，市政府各部门：
　　请于2024年6月30日前报送材料，
由市财政局负责。

某市人民政府
2024年5月10日
"""


def test_registered_extractor_rows_point_at_original_lines():
    @extractor("_test_fin")
    def fin(doc):
        for i, text in doc.lines:
            col = text.find("财政局")
            if col >= 0:
                yield Mention(i, "_test", "organ", "市财政局", col=col - 1)

    try:
        recs = api.parse(TEXT, "t.txt")
    finally:
        EXTRACTORS.pop("_test_fin")
    rows = recs.mentions[recs.mentions["kind"] == "_test"]
    assert len(rows) == 1
    row = rows.iloc[0]
    # The wrapped paragraph is one cleaned line; the row points at the original line 6.
    assert int(row["line"]) == 6
    assert TEXT.splitlines()[5][int(row["col"]):].startswith("市财政局")
    assert row["doc_id"] is not None


def test_names_are_unique():
    @extractor("_test_once")
    def once(doc):
        return []

    try:
        import pytest

        with pytest.raises(ValueError):
            extractor("_test_once")(once)
    finally:
        EXTRACTORS.pop("_test_once")
