"""任免 notices (DP07): one notice that names a person or a post in two ways.

A 任免 notice (``关于某某等任免职的通知``) lists lines such as ``甲某任市某某局副局长，任职时间…``
and ``免去乙某的市某某局副局长职务，免职时间…``. The lines are read from
``ctx.document_lines()`` (the parser does not record appointments yet; the lead may move this
into the parser as a table of (person, action, post)).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule

_NAME = r"[\p{Han}·]{2,4}?"
_TITLE_PERSON = re.compile(r"关于(?:免去)?(?P<name>" + _NAME + r")(?:等|同志)*(?:职务)?(?:任免职?|任职|免职|职务任免)")
_NOT_A_PERSON = re.compile(r"干部|人员|同志|领导|职务|有关|部分|调整|进一步")
_APPOINT = re.compile(r"^(?P<name>" + _NAME + r")(?:[（(][^（）()]{0,30}[)）])?任(?P<posts>[^。；;]+?)(?:[，,](?:试用期|任职时间|任免职?时间|免去其)|[。；;]|$)")
_REMOVE = re.compile(r"免去(?:(?P<name>" + _NAME + r")的|其)(?P<posts>[^。；;]+?)职务")
_PAREN = re.compile(r"[（(][^（）()]*[)）]")


@dataclass(frozen=True)
class _Act:
    line: int
    person: str
    action: str  # 任 or 免
    post: str


def _posts(text: str) -> list[str]:
    """The posts of one appointment or removal (``市甲局副局长，市乙局局长`` → two posts)."""
    out = []
    for p in re.split(r"[，,、]", _PAREN.sub("", text)):
        p = p.strip()
        if 3 <= len(p) <= 40 and re.search(r"(?:长|主任|书记|秘书长|委员|员|师|官|队长|总监|主席|经理)$", p):
            out.append(p)
    return out


def _bare(post: str) -> str:
    """`post` without the 市 prefix (市场监督管理局 has none; 市市场监督管理局 has one)."""
    return post[1:] if post.startswith("市") and not post.startswith("市场") else post


def _acts(lines: list[tuple[int, str]]) -> list[_Act]:
    acts: list[_Act] = []
    for line, text in lines:
        m = _APPOINT.match(text)
        person = m["name"] if m else None
        if m:
            acts.extend(_Act(line, m["name"], "任", p) for p in _posts(m["posts"]))
        for r in _REMOVE.finditer(text):
            who = r["name"] or person
            if who:
                acts.extend(_Act(line, who, "免", p) for p in _posts(r["posts"]))
    return acts


@rule(
    "DP07", "departments.appointment_notice_inconsistent", "departments", "warning",
    "任免通知前后不一致", "A 任免 notice names a person or a post in two ways",
    "任免通知是干部任职、免职的依据，人名和职务必须准确一致（《党政机关公文处理工作条例》第十九条要求"
    "审核公文内容准确）：标题点到的人在正文里找不到、同一职务有的写“市”有的不写、同一人被任命又被免去"
    "同一职务，都说明其中一处写错。",
    fix="核对人名和职务全称，统一写法。",
    example_bad="标题“关于甲某等任免职的通知”，正文只有乙某、丙某的任免。",
    example_good="标题“关于乙某等任免职的通知”，正文第一位是乙某。",
)
def appointment_notice_inconsistent(ctx: RuleContext) -> Iterator[Finding]:
    """In a notice whose title says 任免/任职/免职: the person the title names is not in the body;
    one post written with and without the 市 prefix; one person appointed to and removed from
    the same post.

    ## Known problems
    - Whether the person the title names is the first of the list is not checked.
    - A 任 line whose paired 免 is missing (a person moving to a new post without leaving the
      old one) cannot be told from a real second post and is not reported.
    - Only lines of the form ``某某任…`` and ``免去某某的…职务`` are read.
    """
    for file, d, start, end in ctx.document_spans():
        title = P.squash(P.strip_markup(str(d.get("title") or "")))
        if not re.search(r"任免|任职|免职", title):
            continue
        label = ctx.records.document_label(d["doc_id"])
        body_from = as_int(d.get("body_line")) or start
        lines = [(k, P.squash(P.strip_markup(ctx.line_text(file, k)))) for k in range(body_from, end + 1)]
        body = "\n".join(t for _, t in lines)
        acts = _acts(lines)
        if not acts:
            continue
        t = _TITLE_PERSON.search(title)
        if t and not _NOT_A_PERSON.search(t["name"]) and t["name"] not in body:
            people = list(dict.fromkeys(a.person for a in acts))
            yield ctx.finding(
                file, as_int(d.get("title_line")) or start,
                f"标题中的“{t['name']}”在正文的任免名单中没有出现（正文依次为：{'、'.join(people[:4])}…）。",
                needle=t["name"], document=label, suggestion=people[0],
                data={"title_person": t["name"], "people": people},
            )
        forms: dict[str, _Act] = {}
        for a in acts:
            bare = _bare(a.post)
            first = forms.setdefault(bare, a)
            if first.post != a.post:
                yield ctx.finding(
                    file, a.line,
                    f"同一职务写法不一：此处作“{a.post}”，第 {first.line} 行作“{first.post}”。",
                    needle=a.post, document=label, suggestion=first.post if len(first.post) > len(a.post) else a.post,
                    related=[ctx.location(file, first.line, first.post)],
                    data={"post": a.post, "other": first.post, "pattern": "post"},
                )
                forms[bare] = a  # report each further variant against the one before it
        done: set[tuple[str, str]] = set()
        for a in acts:
            if a.action != "任" or (a.person, a.post) in done:
                continue
            off = next((b for b in acts if b.action == "免" and b.person == a.person and b.post == a.post), None)
            if off is not None:
                done.add((a.person, a.post))
                yield ctx.finding(
                    file, off.line,
                    f"“{a.person}”在第 {a.line} 行被任命为“{a.post}”，此处又被免去同一职务。",
                    needle=a.person, document=label,
                    related=[ctx.location(file, a.line, a.person)],
                    data={"person": a.person, "post": a.post},
                )
