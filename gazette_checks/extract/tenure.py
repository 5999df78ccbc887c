"""The time word of each line of a 任免 notice (``tenure`` mentions): which acts the line holds and
which acts its date is said to be for.

In a notice whose title says 任免, 任职 or 免职, a line such as
``甲某任市某局副局长，免去其市某中心主任职务，任免时间2024年5月6日；`` holds an appointment (任)
and a removal (免), and its time word names both. One row per line that has a time word:

- role: the acts the line holds, ``任``, ``免`` or ``任免``;
- text: the time word as written (``任职时间``, ``免职时间``, ``任免时间``, ``任免职时间``);
- value: the person the line is about;
- col: where the time word starts.

Only the usual forms are read: ``某某任……`` or ``（决定）任命某某为……`` (with ``免去其……职务``,
``不再担任（兼任）……`` after it) and ``免去某某（的）……职务``. Only the text before the time word
is the line's person's (another person may follow it), and remarks in brackets (``（挂职期满后
自然免除）``, ``（分管招聘与解聘工作）``) are not acts (``（免去其……职务）`` is); a line whose former post ``自然免除`` is
not read (either word is accepted).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor

_TITLE = re.compile(r"任免|任职|免职")
_NAME = r"[\p{Han}·]{2,4}?"
#: 某某（列某某后）任… at the start of a line.
_APPOINT = re.compile(r"^(?:(?:决定)?任命(?P<named>" + _NAME + r")(?:同志)?为|(?P<name>" + _NAME
                      + r")(?:[（(][^（）()]{0,30}[)）])?任(?!职|免|务|期|命))")
#: A removal inside an appointment line: 免去其…职务, 不再担任（兼任）…职务, 解聘.
_REMOVE_OWN = re.compile(r"免去|不再担任|不再兼任|(?<!自然)免除|解聘")
#: A removal that follows by itself (原任职务自然免除): the line may say 任职时间 or 任免时间.
_REMOVE_BY_ITSELF = re.compile(r"自然免除")
#: 免去某某的…职务, or 免去某某市…职务 (the name ends where a place begins).
_REMOVE = re.compile(r"^免去(?P<name>(?!其)" + _NAME + r")(?:同志)?(?:的|(?=[市县区省]))")
#: A remark in brackets (挂职期满后自然免除, 试用期满不称职的免去…, 分管招聘与解聘工作).
_REMARK = re.compile(r"[（(](?!免去|不再担任|不再兼任)[^（）()]*[)）]")
_TIME = re.compile(r"(?P<word>任免职?时间|任职时间|免职时间)")


@extractor("tenure", kinds=("tenure",))
def tenure_lines(doc: DocText) -> Iterator[Mention]:
    title = P.squash(str(doc.fields.get("title") or ""))
    if not _TITLE.search(title):
        return
    for i, raw in doc.lines:
        text = P.squash(raw)
        words = {m["word"] for m in _TIME.finditer(text)}
        if len(words) != 1:
            continue  # no time word, or one for each act (任职时间…，免职时间…)
        word = words.pop()
        # the person's own acts: up to the time word (a second person may follow: ；免去某某的…),
        # without remarks in brackets (conditions, duties)
        own = _REMARK.sub("", text[: text.find(word)])
        a = _APPOINT.match(own)
        r = _REMOVE.match(own)
        if a:
            if _REMOVE_BY_ITSELF.search(own[a.end():]):
                continue  # 其原任职务自然免除: editors accept either word
            acts, person = ("任免" if _REMOVE_OWN.search(own[a.end():]) else "任"), a["name"] or a["named"]
        elif r:
            acts, person = "免", r["name"]
        else:
            continue
        col = raw.find(word) if word in raw else 0
        yield Mention(i, "tenure", acts, word, person, col)
