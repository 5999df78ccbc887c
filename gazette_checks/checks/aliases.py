"""A group named a third way (DP10): ``某某测试工作专班（以下简称测试专班）`` and later ``某某测试专班``.

Reads the ``short_name`` and ``group_name`` mentions (``extract/aliases.py``). After a document
defines a short name for a 专班/工作组/小组/指挥部, it should use that short name or the full
name; another shortening of the full name (in the text, in a table of an attachment) makes the
reader wonder whether a second group is meant.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ..findings import Finding
from ..records import row_dicts
from .base import RuleContext, rule

_ENDS = ("工作专班", "专班", "工作组", "小组", "指挥部")
#: Words that make a name stand for several groups or none in particular.
_GENERIC = ("各", "有关", "相关", "该", "本", "其他", "每个", "各个")


def _subsequence(short: str, full: str) -> bool:
    """Every character of `short` appears in `full`, in order."""
    it = iter(full)
    return all(ch in it for ch in short)


def _ending(name: str) -> str:
    return next((e for e in _ENDS if name.endswith(e)), "")


#: Words before a name in the sentence that defines it (为发挥某某专班…, 成立某某工作组…).
_LEAD = re.compile(r".*(?:成立|设立|组建|建立|发挥|依托|下设|牵头|负责|组织|由|在|为|将|对)")
_PLACE_END = tuple("省市区县镇乡")


def _full_name(before: str) -> str:
    """The full name from the characters before ``（以下简称`` (the words that introduce it dropped)."""
    m = _LEAD.match(before)
    rest = before[m.end():] if m else before
    return rest if len(rest) >= len(_ending(rest)) + 4 else before


def _other_shortening(name: str, full: str, short: str) -> bool:
    """`name` shortens `full` in another way than `short` does: its characters are `full`'s in
    order, it keeps at least four characters of `full` before the ending, and it is neither
    the full name (with or without its place, 某某市 → 市 or nothing) nor the short name."""
    if name == short or name.endswith(short) or name == full:
        return False
    if full.endswith(name) and full[: len(full) - len(name)].endswith(_PLACE_END):
        return False  # 测试工作专班 for 某某市测试工作专班
    if name.startswith("市") and full.endswith(name[1:]) and full[: len(full) - len(name) + 1].endswith(_PLACE_END):
        return False  # 市测试工作专班
    end = _ending(name)
    if not end or _ending(full) != end and not full.endswith(end[-2:]):
        return False
    head = name[: -len(end)]
    if len(head) < 4 or head.startswith(_GENERIC):
        return False
    return _subsequence(name, full)


@rule(
    "DP10", "departments.group_named_a_third_way", "departments", "warning",
    "已规定简称的专班、工作组又用另一种简称", "A group with a defined short name called by yet another name",
    "文件以“（以下简称……）”规定了专班、工作组的简称，后文（包括附件表格）就应统一使用该简称或全称；"
    "另写一种简称，读者无法确定所指是否为同一机构，也违反《党政机关公文处理工作条例》第九条关于使用"
    "全称或者规范化简称的要求。",
    fix="改用文件规定的简称或全称。",
    example_bad="某某市测试工作督办考核专班（以下简称督办专班）……（附件表格）责任单位：督办考核专班",
    example_good="某某市测试工作督办考核专班（以下简称督办专班）……（附件表格）责任单位：督办专班",
)
def group_named_a_third_way(ctx: RuleContext) -> Iterator[Finding]:
    """After ``全称（以下简称X）``, a name of the same document that shortens the full name in
    another way than X (its characters are the full name's, in order, with the same ending:
    专班, 工作组, 小组, 指挥部), neither the full name (with or without the city) nor X.

    Each such name is reported once per document, at its first use, with the number of uses.

    ## Known problems
    - A name that adds or swaps words (``市某某专项行动督导工作专班`` for ``市某某督导工作专班``)
      is not a shortening and is not judged: it may be another group.
    - A short name that is not defined with ``以下简称`` is not known; two undefined forms of one
      group are not compared.
    """
    m = ctx.records.mentions
    if not len(m):
        return
    rows = m[m["kind"].isin(["short_name", "group_name"])]
    if not len(rows):
        return
    defs: dict[str, list[dict]] = {}
    names: dict[str, list[dict]] = {}
    for r in row_dicts(rows.sort_values(["file", "line", "col"])):
        (defs if r["kind"] == "short_name" else names).setdefault(r["doc_id"], []).append(r)
    for doc_id, ds in defs.items():
        seen: dict[str, list[dict]] = {}
        for n in names.get(doc_id, []):
            for d in ds:
                after = (n["line"], n["col"]) > (d["line"], d["col"])
                if after and n["role"] != "quoted" and _other_shortening(n["text"], _full_name(str(d["value"])), str(d["text"])):
                    seen.setdefault(n["text"], []).append(n | {"def": d})
                    break
        for name, uses in seen.items():
            first, d = uses[0], uses[0]["def"]
            yield ctx.finding(
                first["file"], int(first["line"]),
                f"本文已规定简称“{d['text']}”（第 {int(d['line'])} 行），此处又作“{name}”"
                f"（本文共 {len(uses)} 处）。",
                needle=name, document=ctx.records.document_label(doc_id) if doc_id else "",
                suggestion=str(d["text"]),
                related=[ctx.location(d["file"], int(d["line"]), str(d["text"]))]
                + [ctx.location(u["file"], int(u["line"]), name) for u in uses[1:6]],
                data={"name": name, "short": d["text"], "uses": len(uses)},
            )
