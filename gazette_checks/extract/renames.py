"""Names of a dated rename (kind ``rename``): ``某某银保监分局`` and ``国家金融监督管理总局某某监管分局``.

For each rename of ``data/renames.toml`` (:func:`gazette_checks.organs.renames`), the old name
where the text uses it for the organ acting now (role ``old``) and the new name (role ``new``),
in every line of the document, table rows included. ``value`` is the rename's key (its ``old``).
An old name spoken of as history is not recorded: inside 《》 or quotes, after 原/前/时任, in a
sentence about the reform itself (撤销, 更名, 组建…) or in one that names a year up to the
rename's. ``text`` is the name as matched (from the place name on; the rule trims it to the
city).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ..organs import renames
from . import DocText, Mention, extractor
from .squashed import squashed

_CLAUSE = re.compile(r"(?<=[。；;])")
#: Every old and new name of data/renames.toml holds one of these (a cheap filter before the patterns).
RENAME_HINT = re.compile(r"监|中心支行|分行|银行业|保险")
_CHANGE = re.compile(r"撤销|更名|改为|改名|合并|划入|组建|挂牌|不再保留")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
#: Words that mark a name as history, not as the organ acting now.
_HISTORY = re.compile(r"(?:原|前|时任|原属|原为|更名|改为|撤销|组建|划入|合并)\s*$")


def historical(clause: str, start: int, end: int, year: int) -> bool:
    """True when the name at clause[start:end] speaks of the past: inside 《》 or quotes, after 原,
    or in a sentence that names a year up to `year` (the rename's)."""
    before = clause[:start]
    if before.count("《") > before.count("》") or before.count("“") > before.count("”"):
        return True
    if _HISTORY.search(before[-6:]) or re.match(r"原|前|时任", clause[start:end]) or re.match(r"^\s*[（(]?\s*原", clause[end:]):
        return True
    if "原" in before[-12:] or _CHANGE.search(clause):
        return True  # 原银监会、保监会 …; 银保监会撤销后 …: the sentence is about the reform itself
    return any(int(y) <= year for y in _YEAR.findall(clause))


@extractor("renames", kinds=("rename",))
def renamed(doc: DocText) -> Iterator[Mention]:
    """Old names used for the acting organ, and new names, of every dated rename."""
    table = renames()
    for i, line in doc.lines:
        if "监" not in line and "保" not in line and not (
                "行" in line and ("支" in line or "分" in line or "银" in line)):
            continue  # every hint holds 监, 保, or 行 with 支 (中心支行), 分 (分行) or 银 (银行业)
        sq = squashed(line)
        text = sq.text
        if not RENAME_HINT.search(text):
            continue
        here = [r for r in table if r.anchor is None or r.anchor.search(text)]
        if not here:
            continue
        at = 0
        for clause in _CLAUSE.split(text):
            for r in here:
                if m := r.new_pattern.search(clause):
                    yield Mention(i, "rename", "new", m.group(0), r.old, sq.col(at + m.start()))
                for m in r.pattern.finditer(clause):
                    if not historical(clause, m.start(), m.end(), r.date.year):
                        yield Mention(i, "rename", "old", m.group(0), r.old, sq.col(at + m.start()))
            at += len(clause)
