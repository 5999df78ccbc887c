"""The time word of each line of a 任免 notice (``tenure`` mentions): which acts the line holds and
which acts its date is said to be for.

In a notice whose title says 任免, 任职 or 免职, a line such as
``甲某任市某局副局长，免去其市某中心主任职务，任免时间2024年5月6日；`` holds an appointment (任)
and a removal (免), and its time word names both. One row per line that has a time word:

- role: the acts the line holds, ``任``, ``免`` or ``任免``;
- text: the time word as written (``任职时间``, ``免职时间``, ``任免时间``, ``任免职时间``);
- value: the person the line is about;
- col: where the time word starts.

Only the two usual forms are read: ``某某任……`` (with ``免去其……职务`` after it) and
``免去某某的……职务``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor

_TITLE = re.compile(r"任免|任职|免职")
_NAME = r"[\p{Han}·]{2,4}?"
#: 某某（列某某后）任… at the start of a line.
_APPOINT = re.compile(r"^(?P<name>" + _NAME + r")(?:[（(][^（）()]{0,30}[)）])?任(?!职|免|务|期)")
#: A removal inside an appointment line: 免去其…职务, 不再担任…职务, 原职务自然免除.
_REMOVE_OWN = re.compile(r"免去|不再担任|免除|解聘")
_REMOVE = re.compile(r"^免去(?P<name>" + _NAME + r")(?:同志)?的")
_TIME = re.compile(r"(?P<word>任免职?时间|任职时间|免职时间)")


@extractor("tenure")
def tenure_lines(doc: DocText) -> Iterator[Mention]:
    title = P.squash(str(doc.fields.get("title") or ""))
    if not _TITLE.search(title):
        return
    for i, raw in doc.lines:
        text = P.squash(raw)
        words = {m["word"] for m in _TIME.finditer(text)}
        if len(words) != 1:
            continue  # no time word, or one for each act (任职时间…，免职时间…)
        a = _APPOINT.match(text)
        r = _REMOVE.match(text)
        if a:
            acts, person = ("任免" if _REMOVE_OWN.search(text[a.end():]) else "任"), a["name"]
        elif r:
            acts, person = "免", r["name"]
        else:
            continue
        word = words.pop()
        col = raw.find(word) if word in raw else 0
        yield Mention(i, "tenure", acts, word, person, col)
