"""The extractor hook: what a registered extractor yields becomes `mentions` rows."""

from gazette_checks import api
from gazette_checks.extract import EXTRACTORS, KINDS, Mention, extractor, registered

TEXT = """某市人民政府关于做好某项工作的通知
某政发〔2024〕3号

各区人民政府，市政府各部门：
　　请于2024年6月30日前报送材料，
由市财政局负责。

某市人民政府
2024年5月10日
"""


def test_registered_extractor_rows_point_at_original_lines():
    @extractor("_test_fin", kinds=("_test",))
    def fin(doc):
        for i, text in doc.lines:
            col = text.find("财政局")
            if col >= 0:
                yield Mention(i, "_test", "organ", "市财政局", col=col - 1)

    try:
        recs = api.parse(TEXT, "t.txt")
    finally:
        EXTRACTORS.pop("_test_fin")
        KINDS.pop("_test_fin")
    rows = recs.mentions[recs.mentions["kind"] == "_test"]
    assert len(rows) == 1
    row = rows.iloc[0]
    # The wrapped paragraph is one cleaned line; the row points at the original line 6.
    assert int(row["line"]) == 6
    assert TEXT.splitlines()[5][int(row["col"]):].startswith("市财政局")
    assert row["doc_id"] is not None


def test_names_are_unique():
    @extractor("_test_once", kinds=("_test",))
    def once(doc):
        return []

    try:
        import pytest

        with pytest.raises(ValueError):
            extractor("_test_once", kinds=("_test",))(once)
    finally:
        EXTRACTORS.pop("_test_once")
        KINDS.pop("_test_once")


def test_every_declared_kind_is_in_the_contract():
    from gazette_checks.contract import MENTION_KINDS

    registered()
    declared = {k for name, kinds in KINDS.items() if not name.startswith("_test") for k in kinds}
    assert declared <= set(MENTION_KINDS), sorted(declared - set(MENTION_KINDS))


def test_extractors_yield_only_their_declared_kinds(corpus_files):
    """On the real issues, each extractor's rows are of the kinds it declared."""
    from gazette_checks import extract

    seen: dict[str, set[str]] = {}
    originals = registered()

    def spy(name, func):
        def run(doc):
            for m in func(doc):
                seen.setdefault(name, set()).add(m.kind)
                yield m
        return run

    try:
        for name, func in originals.items():
            extract.EXTRACTORS[name] = spy(name, func)
        api.parse_paths(corpus_files)
    finally:
        extract.EXTRACTORS.update(originals)
    assert seen, "no extractor found anything in the corpus"
    for name, kinds in seen.items():
        assert kinds <= KINDS[name], (name, sorted(kinds - KINDS[name]))
