"""任免 notices (kind ``appointment``): who is appointed to or removed from which post.

Read only in a document whose title says 任免/任职/免职, from its body lines:
``甲某任市某某局副局长，…`` gives role ``任`` and ``免去乙某的市某某局副局长职务`` role ``免``
(``免去其…`` is the person of the line's 任), one row per post: ``text`` the post, ``value``
the person. The person the title names (``关于甲某等任免职的通知``) is a row of role ``title``
with ``value`` ``in_body`` when the body names that person anywhere, else ``absent``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .squashed import squashed

_NAME = r"[\p{Han}·]{2,4}?"
_IN_TITLE = re.compile(r"任免|任职|免职")
_TITLE_PERSON = re.compile(r"关于(?:免去)?(?P<name>" + _NAME + r")(?:等|同志)*(?:职务)?(?:任免职?|任职|免职|职务任免)")
_NOT_A_PERSON = re.compile(r"干部|人员|同志|领导|职务|有关|部分|调整|进一步")
_APPOINT = re.compile(r"^(?P<name>" + _NAME + r")(?:[（(][^（）()]{0,30}[)）])?任(?P<posts>[^。；;]+?)(?:[，,](?:试用期|任职时间|任免职?时间|免去其)|[。；;]|$)")
_REMOVE = re.compile(r"免去(?:(?P<name>" + _NAME + r")的|其)(?P<posts>[^。；;]+?)职务")
_PAREN = re.compile(r"[（(][^（）()]*[)）]")
_POST_SEP = re.compile(r"[，,、]")
_POST_END = re.compile(r"(?:长|主任|书记|秘书长|委员|员|师|官|队长|总监|主席|经理)$")


def _at(text: str, post: str, start: int) -> int:
    """Where `post` stands in `text` from `start` (`start` itself when brackets were dropped from it)."""
    k = text.find(post, start)
    return k if k >= 0 else start


def _posts(text: str) -> list[str]:
    """The posts of one appointment or removal (``市甲局副局长，市乙局局长`` → two posts)."""
    out = []
    for p in _POST_SEP.split(_PAREN.sub("", text)):
        p = p.strip()
        if 3 <= len(p) <= 40 and _POST_END.search(p):
            out.append(p)
    return out


@extractor("appointments", kinds=("appointment",))
def appointments(doc: DocText) -> Iterator[Mention]:
    """The 任 and 免 of a 任免 notice, and the person its title names."""
    title = P.squash(P.strip_markup(str(doc.fields.get("title") or "")))
    if not _IN_TITLE.search(title):
        return
    body_line = doc.fields.get("body_line")  # 1-based cleaned line while the parser runs
    first = body_line - 1 if isinstance(body_line, int) else doc.lines[0][0]
    body: list[str] = []
    found = False
    for i, line in doc.lines:
        if i < first:
            continue
        sq = squashed(line)
        text = sq.text
        body.append(text)
        m = _APPOINT.match(text)
        person = m["name"] if m else None
        if m:
            for p in _posts(m["posts"]):
                yield Mention(i, "appointment", "任", p, m["name"], sq.col(_at(text, p, m.start("posts"))))
                found = True
        for r in _REMOVE.finditer(text):
            who = r["name"] or person
            if who:
                for p in _posts(r["posts"]):
                    yield Mention(i, "appointment", "免", p, who, sq.col(_at(text, p, r.start("posts"))))
                    found = True
    t = _TITLE_PERSON.search(title)
    if found and t and not _NOT_A_PERSON.search(t["name"]):
        line = doc.fields.get("title_line")
        at = line - 1 if isinstance(line, int) else doc.lines[0][0]
        yield Mention(at, "appointment", "title", t["name"], "in_body" if t["name"] in "\n".join(body) else "absent")
