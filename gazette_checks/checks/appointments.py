"""任免 notices (DP07): one notice that names a person or a post in two ways.

A 任免 notice (``关于某某等任免职的通知``) lists lines such as ``甲某任市某某局副局长，任职时间…``
and ``免去乙某的市某某局副局长职务，免职时间…``. The parser records each (person, 任 or 免, post)
and the person the title names (``mentions`` kind ``appointment``,
:mod:`gazette_checks.extract.appointments`); the rule compares them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule


@dataclass(frozen=True)
class _Act:
    line: int
    person: str
    action: str  # 任 or 免
    post: str


def _bare(post: str) -> str:
    """`post` without the 市 prefix (市场监督管理局 has none; 市市场监督管理局 has one)."""
    return post[1:] if post.startswith("市") and not post.startswith("市场") else post


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
    own = set(ctx.records.own_files)
    rows: dict[str, list] = {}
    for r in ctx.records.mention_rows("appointment"):
        if r.file in own:
            rows.setdefault(r.doc_id, []).append(r)
    for file, d, start, _end in ctx.document_spans():
        if d["doc_id"] not in rows:
            continue
        label = ctx.records.document_label(d["doc_id"])
        acts = [_Act(int(r.line), r.value, r.role, r.text) for r in rows[d["doc_id"]] if r.role in ("任", "免")]
        for t in (r for r in rows[d["doc_id"]] if r.role == "title" and r.value == "absent"):
            people = list(dict.fromkeys(a.person for a in acts))
            yield ctx.finding(
                file, as_int(d.get("title_line")) or start,
                f"标题中的“{t.text}”在正文的任免名单中没有出现（正文依次为：{'、'.join(people[:4])}…）。",
                needle=t.text, document=label, suggestion=people[0],
                data={"title_person": t.text, "people": people},
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
