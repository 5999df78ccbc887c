"""The cheap tests some rules run before their real work never skip a case the real work would report.

Each test draws many random synthetic strings (fixed seed) and checks the claim a shortcut rests on.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import gazette_checks as gc
from gazette_checks import patterns as P
from gazette_checks.checks import RuleContext, aliases, get_rule, numbering, repeats, textformat
from gazette_checks.checks.shared_rows import is_missing, sorted_mention_rows
from gazette_checks.config import Config
from gazette_checks.records import tuples

_MARKS = "".join(textformat._PAIRS) + "".join(textformat._CLOSERS)


def _strings(alphabet: str, n: int = 3000, most: int = 12, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, most))) for _ in range(n)]


def test_nesting_marks_have_no_pairing_problem():
    """FM01: marks that nest with their exact partners give _scan nothing to report."""
    texts = _strings(_MARKS + "某市a1 ", most=10) + _strings("《》（）〔〕“”某 ", most=14, seed=8)
    nesting = [t for t in texts if textformat._each_line_nests([t])]
    assert len(nesting) > 100  # the draw holds enough nesting cases to mean something
    for t in nesting:
        assert textformat._scan([(1, t)]) is None, t


def test_nesting_row_has_no_mismatched_cell():
    """FM01: when a table row's marks nest as one run, no cell (a part of the run) has a mismatch."""
    rng = random.Random(3)
    checked = 0
    for t in _strings("《》（）〔〕[]()“”某", n=4000, most=12, seed=9):
        cuts = sorted(rng.sample(range(len(t) + 1), k=min(2, len(t) + 1)))
        cells = [t[: cuts[0]], *(t[a:b] for a, b in zip(cuts, cuts[1:], strict=False)), t[cuts[-1]:]]
        if not textformat._each_line_nests(["".join(cells)]):
            continue
        checked += 1
        for c in cells:
            p = textformat._scan([(1, c)])
            assert p is None or p["kind"] != "mismatch", (cells, c)
    assert checked > 100


def test_apostrophes_are_not_taken_as_nesting():
    assert not textformat._each_line_nests(["某某’s"])
    assert textformat._each_line_nests(["《某某》（一）", "“某”"])
    assert not textformat._each_line_nests(["《某某", "》"])  # line by line, not across lines


@pytest.mark.parametrize("first", ["某", "关", "a", "—", "●", "【", "〔", "《", "“"])
def test_item_first_character_screen(first):
    """FM01: a stripped line whose first character is outside _ITEM_FIRST (not a digit, not ①…⑳)
    starts no item."""
    for tail in ["", "、某某", "一、总体要求", "1. 某某", "表1 某某", "条 某某", "章"]:
        s = first + tail
        assert not any(p.match(s) for _, p in P.OUTLINE_PATTERNS)
        assert P.table_label(s) is None


def test_item_first_character_screen_keeps_items():
    for line in ["第三条 某某", "一、总体要求", "（二）某某", "3. 某某", "３．某某", "专栏2 某某", "附件1",
                 "表3 某某", "续表1", "__表2__", "**（一）某某**", "① 某某", "- 二、某某"]:
        assert textformat._starts_item(line), line


def test_item_screen_leaves_characters_beyond_the_bmp_to_the_patterns():
    """The regex module's digits include characters beyond U+FFFF that str.isdecimal does not know
    on this Python; those lines go to the full patterns, as outline_label does."""
    for k in range(0x10D40, 0x10D4A):
        line = chr(k) + "、办法》执行。"
        full = (any(p.match(line) for _, p in P.OUTLINE_PATTERNS) or P.table_label(line) is not None)
        assert textformat._starts_item(line) == full


def test_serial_header_screen():
    """NM07: a cell without 序, 编, N or n is never a 序号 header."""
    for text in _strings("序号编Nno. 某*_", n=4000, most=6):
        if not numbering._may_head_serials(text):
            assert not numbering._SERIAL_HEAD.match(P.squash(text)), text
    assert numbering._may_head_serials("序 号") and numbering._may_head_serials("No.")


def test_plain_sentence_key():
    """FM08: without whitespace or markup, a sentence's key is the sentence without trailing marks."""
    for text in _strings("某市。；，!?,重复", n=3000, most=10):
        assert repeats._key(text) == text.rstrip(repeats._TRAIL)


def test_doubled_sentence_found_with_and_without_spaces():
    twice = "各单位要加强组织领导，明确责任分工。"
    assert repeats._doubled_sentence(twice * 2) == twice
    assert repeats._doubled_sentence(twice + " " + twice) == twice
    assert repeats._doubled_sentence("（某某。）" + twice) is None
    assert repeats._doubled_sentence(twice) is None


def test_spelling_pair_screen():
    """DP11: names that differ in their first or last five characters are never a spelling pair."""
    names = ["某某审批和营商环境数据工作专班", "某某审批和营商数据工作专班", "某某审批和营商环境工作专班",
             "甲某审批和营商数据工作专班", "某某审批和营商数据工作小组", "某某和营商数据领导小组"]
    for a in names:
        for b in names:
            if a[:1] != b[:1] or a[-5:] != b[-5:]:
                assert aliases._spelling_pair(a, b) is None
    assert aliases._spelling_pair(names[0], names[1]) is not None


def test_sorted_mention_rows_is_the_pandas_sort():
    rows = [
        {"file": "b.txt", "line": 3, "doc_id": "b#1", "kind": "group_name", "role": None, "text": "甲", "value": None, "col": 4},
        {"file": "a.txt", "line": 9, "doc_id": "a#1", "kind": "short_name", "role": None, "text": "乙", "value": "x", "col": None},
        {"file": "a.txt", "line": 9, "doc_id": "a#1", "kind": "group_name", "role": None, "text": "丙", "value": None, "col": 2},
        {"file": "a.txt", "line": 9, "doc_id": "a#1", "kind": "organ", "role": None, "text": "丁", "value": None, "col": 1},
        {"file": "a.txt", "line": 2, "doc_id": "a#1", "kind": "group_name", "role": None, "text": "戊", "value": None, "col": 2},
        {"file": "a.txt", "line": 9, "doc_id": "a#1", "kind": "short_name", "role": None, "text": "己", "value": None, "col": 2},
    ]
    recs = gc.parse("某市人民政府关于某某的通知", "a.txt")
    recs.mentions = pd.DataFrame(rows).astype({"line": "Int64", "col": "Int64"})
    ctx = RuleContext(get_rule("DP10"), recs, Config())
    for kinds in (("short_name", "group_name"), ("group_name",)):
        want = list(tuples(recs.mentions[recs.mentions["kind"].isin(kinds)].sort_values(["file", "line", "col"])))
        assert sorted_mention_rows(ctx, *kinds) == want


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_is_missing(value):
    assert is_missing(value)


@pytest.mark.parametrize("value", ["", "某", 0, 3, 2.5, True])
def test_is_not_missing(value):
    assert not is_missing(value)
