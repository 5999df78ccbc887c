"""Groups named inconsistently: a third way after ``以下简称`` (DP10), two spellings of one name (DP11).

DP10: ``某某测试工作专班（以下简称测试专班）`` and later ``某某测试专班``; DP11: ``某某和营商环境数据工作专班``
in the text and ``某某和营商数据工作专班`` in an attachment's table header.

Reads the ``short_name`` and ``group_name`` mentions (``extract/aliases.py``). After a document
defines a short name for a 专班/工作组/小组/指挥部, it should use that short name or the full
name; another shortening of the full name (in the text, in a table of an attachment) makes the
reader wonder whether a second group is meant.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ..findings import Finding
from .base import RuleContext, rule
from .shared_rows import sorted_mention_rows

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


_LEADS = re.compile(r"成立|设立|组建|建立|发挥|依托|下设|牵头|负责|组织|由|在|为|将|对")


def _known_forms(before: str, short: str) -> set[str]:
    """The names that are this group's own: the short name, and the characters before the bracket
    from any word that may introduce the name (成立, 由… -- a lead word may also be part of the
    name: 对口支援), each with or without its place (某某市 → 市 or nothing)."""
    forms = {short, before}
    starts = [0] + [m.end() for m in _LEADS.finditer(before)]
    for a in starts:
        c = before[a:]
        forms.add(c)
        for k in range(1, min(8, len(c))):
            if c[k - 1] in _PLACE_END:
                forms.add(c[k:])
                forms.add(c[k - 1:])
    return forms


def _head(name: str) -> str:
    """`name` without its ending and without a leading place word (市创建领导小组 → 创建领导)."""
    core = name[: len(name) - len(_ending(name))] if _ending(name) else name
    return core[1:] if core[:1] in _PLACE_END else core


def _other_shortening(name: str, full: str, short: str) -> bool:
    """`name` shortens `full` in another way than `short` does: its characters are `full`'s in
    order, it keeps the words of `short` (a name without them is a parent or a sibling group:
    ``市某某工作专班`` next to ``某某督查工作专班（以下简称督查专班）``), it keeps at least four
    characters of `full` before the ending, it ends as `full` does (``工作小组`` is not
    ``领导小组``), and it is neither the full name (with or without its place, 某某市 → 市 or
    nothing) nor the short name."""
    if name == short or name.endswith(short) or name == full:
        return False
    if full.endswith(name) and full[: len(full) - len(name)].endswith(_PLACE_END):
        return False  # 测试工作专班 for 某某市测试工作专班
    if name[:1] in _PLACE_END and full.endswith(name[1:]) and full[: len(full) - len(name) + 1].endswith(_PLACE_END):
        return False  # 市测试工作专班, 县测试工作专班
    end = _ending(name)
    if not end or _ending(full) != end and not full.endswith(end[-2:]):
        return False
    if end == "小组" and name[-4:-2] != full[-4:-2] and (name[-4:-2] + full[-4:-2]).count("领导") == 1:
        return False  # 某某工作小组 is not 某某工作领导小组
    head = name[: -len(end)]
    if len(head) < 4 or head.startswith(_GENERIC):
        return False
    if not _subsequence(_head(short), name):
        return False  # 市优化营商环境工作专班 next to 督查专班: another group
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

    ``（简称X）`` and ``（下称X）`` define a short name too. A name is not judged when it is a
    defined group's own (its full name after any word that may introduce it, with or without
    its place: ``县某某工作专班``), when it lacks the words of the short name (``市某某工作专班``
    next to ``某某督查工作专班（以下简称督查专班）`` is the parent group), or when it is a
    ``工作小组`` and the group a ``领导小组`` (or the other way round).

    Each such name is reported once per document, at its first use, with the number of uses.

    ## Known problems
    - A name that adds or swaps words (``市某某专项行动督导工作专班`` for ``市某某督导工作专班``)
      is not a shortening and is not judged: it may be another group.
    - A short name that is not defined in brackets (``以下简称``, ``简称``, ``下称``) is not known;
      two undefined forms of one group are not compared.
    - A name is read as the whole run of Chinese characters before its ending, so a name after a
      verb (``各单位要支持督办考核专班开展工作``) is not compared.
    """
    defs: dict[str, list[tuple]] = {}
    names: dict[str, list[tuple]] = {}
    for r in sorted_mention_rows(ctx, "short_name", "group_name"):
        (defs if r.kind == "short_name" else names).setdefault(r.doc_id, []).append(r)
    for doc_id, ds in defs.items():
        seen: dict[str, list[tuple]] = {}
        known = set().union(*(_known_forms(str(d.value), str(d.text)) for d in ds))
        for n in names.get(doc_id, []):
            if n.text in known:
                continue  # one of the defined groups by its own name (两个专班, 一个套在另一个里)
            for d in ds:
                after = (n.line, n.col) > (d.line, d.col)
                if after and n.role != "quoted" and _other_shortening(n.text, _full_name(str(d.value)), str(d.text)):
                    seen.setdefault(n.text, []).append((n, d))
                    break
        for name, uses in seen.items():
            first, d = uses[0]
            yield ctx.finding(
                first.file, int(first.line),
                f"本文已规定简称“{d.text}”（第 {int(d.line)} 行），此处又作“{name}”"
                f"（本文共 {len(uses)} 处）。",
                needle=name, document=ctx.records.document_label(doc_id) if doc_id else "",
                suggestion=str(d.text),
                related=[ctx.location(d.file, int(d.line), str(d.text))]
                + [ctx.location(u.file, int(u.line), name) for u, _ in uses[1:6]],
                data={"name": name, "short": d.text, "uses": len(uses)},
            )


# --------------------------------------------------------------------------- DP11
#: Characters whose difference makes two groups (第一组/第二组, 市级/区级, 东片/西片).
_DISTINCT = set("一二三四五六七八九十百甲乙丙丁戊省市区县镇乡村街东西南北中上下前后第0123456789")
_MIN_SHARED_END = 5  # characters both names end with, the ending (专班…) included
_MAX_DIFF = 3


#: Words a sentence puts before a name (由某某专班负责, 负责督导联系某某专班, 成立某某工作组).
_BEFORE = re.compile(r"^(?:由|负责|督导|联系|成立|设立|组建|牵头|配合|会同|协调|在|向|对|经|报|将|请|与|和|及|为|按照|根据|通过)+")


def _core(name: str) -> str:
    """`name` without the words a sentence puts before it."""
    core = _BEFORE.sub("", name)
    return core if len(core) >= 4 else name


def _spelling_pair(a: str, b: str) -> tuple[str, str, str, str] | None:
    """(a, b, a's part, b's part) where two names of one group (without the words before them,
    :func:`_core`) differ, or None when they are not two spellings of one name: both end alike
    over at least five characters and begin alike, and differ in at most three characters between
    (营商环境数据/营商数据, 用水用电用气/用水用电和气), not in numbers, levels or directions
    (第一组/第二组, 市级/区级). A name that ends with the other is the same name with words before
    it (负责督导联系某某专班)."""
    if a[:1] != b[:1] or a[-_MIN_SHARED_END:] != b[-_MIN_SHARED_END:]:
        return None  # the quick test of what the loops below require: same first character and same last _MIN_SHARED_END characters
    if a == b or a.endswith(b) or b.endswith(a) or not _ending(a) or _ending(a)[-2:] != _ending(b)[-2:]:
        return None
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    da, db = a[p:len(a) - s], b[p:len(b) - s]
    if p < 1 or s < _MIN_SHARED_END or max(len(da), len(db)) > _MAX_DIFF:
        return None
    if set(da + db) & _DISTINCT:
        return None
    if not _slip(da, db):
        return None
    return a, b, da, db


#: Words of a place's level that name the same body (市级/市政府/市人民政府…专班).
_LEVEL_WORDS = frozenset({"级", "政府", "人民政府"})


def _slip(da: str, db: str) -> bool:
    """`da` and `db` (where two names differ) read as a slip: characters left out, added or put
    in another order (营商环境数据/营商数据, 立体交通/立交, 用热和/和热), one character for another
    (用气/和气), or one level word for another (市级/市政府). Two different words
    (工业/农业 is one character, but 大气/水, 高新/经开, 城关/新集 are words) name two groups."""
    short, long_ = sorted((da, db), key=len)
    if not short or len(long_) == 1:
        return True
    if {da, db} <= _LEVEL_WORDS:
        return True
    rest = list(long_)
    for ch in short:
        if ch not in rest:
            return False
        rest.remove(ch)
    return True


#: What may stand before a name that begins its paragraph: a number (``1.``, ``（一）``, ``一是``).
_PARA_LEAD = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）.．、]?\s*|[一二三四五六七八九十]是)?$")
#: Lines within which two names that each begin a paragraph are read as parallel paragraphs.
_PARALLEL_LINES = 8


def _side_by_side(ctx: RuleContext, ra: list[tuple], rb: list[tuple]) -> bool:
    """The two names are used side by side: in one paragraph (``市工业…专班、市农业…专班``), or
    each at the start of nearby paragraphs and followed by the same words (``市城区督导工作组负责…``
    / ``市郊区督导工作组负责…``)."""
    def starts(r: tuple) -> tuple[bool, str]:
        text, col = ctx.line_text(r.file, int(r.line)), int(r.col)
        return bool(_PARA_LEAD.match(text[:col])), text[col + len(str(r.text)):][:2]

    for x in ra:
        for y in rb:
            if x.file != y.file:
                continue
            if x.line == y.line:
                return True
            if abs(int(x.line) - int(y.line)) <= _PARALLEL_LINES:
                (sx, nx), (sy, ny) = starts(x), starts(y)
                if sx and sy and nx == ny:
                    return True
    return False


@rule(
    "DP11", "departments.group_name_spelt_two_ways", "departments", "warning",
    "同一专班、工作组名称前后写法不一", "One 专班 or 工作组 spelt two ways in one document",
    "同一文件（含附件、表格）中同一个专班、工作组的名称应当一字不差；正文写“某某和某某工作专班”，"
    "附件表头写成另一种（少字、多字、换字），读者难以确认是否同一机构，统计、对表时也会对不上"
    "（《党政机关公文处理工作条例》第九条要求使用全称或者规范化简称）。",
    fix="以设立该专班（工作组）的文字为准，统一名称。",
    example_bad="正文：测试审批和营商环境数据工作专班……附件表头：测试审批和营商数据工作专班",
    example_good="正文与附件表头都写“测试审批和营商环境数据工作专班”",
)
def group_name_spelt_two_ways(ctx: RuleContext) -> Iterator[Finding]:
    """Two names of 专班/工作组/小组/指挥部 in one document that begin and end alike (at least five
    characters at the end, ending included) and differ in one to three characters between.

    Differences in numbers, ordinals, levels or directions (第一组/第二组, 市级/区级, 东片/西片)
    mark two groups and are not reported. Only characters left out, added or reordered, one
    character for another, or one level word for another (市级/市政府) read as a slip: a word
    for another word (大气/水, 高新/经开) names another group. Names used side by side -- in
    one paragraph (``市工业…专班、市农业…专班``) or each at the start of nearby paragraphs with
    the same words after them -- are never compared. Each pair is reported once, at the later
    spelling.

    ## Known problems
    - Two names that differ at their first character, or only in the last four characters
      (``招商引资工作专班``/``招商引智工作专班``), are not compared: they are as often two groups.
    - Which spelling is right is not known; the finding names both.
    - A slip inside one paragraph, or in parallel paragraphs, is not reported; nor one of more
      than three characters (``企业服务和营商环境优化``/``企业服务营商优化``).
    """
    by_doc: dict[str, dict[str, list[tuple]]] = {}
    for r in sorted_mention_rows(ctx, "group_name"):
        if r.role == "quoted":
            continue
        by_doc.setdefault(r.doc_id, {}).setdefault(_core(r.text), []).append(r)
    for doc_id, names in by_doc.items():
        order = list(names)
        done: set[frozenset] = set()
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                diff = _spelling_pair(a, b)
                key = frozenset((a, b))
                if diff is None or key in done or _side_by_side(ctx, names[a], names[b]):
                    continue
                done.add(key)
                first, later = names[a][0], names[b][0]
                ca, cb, da, db = diff
                yield ctx.finding(
                    later.file, int(later.line),
                    f"同一名称两种写法：此处作“{cb}”，第 {int(first.line)} 行作“{ca}”"
                    f"（“{db or '（无）'}”与“{da or '（无）'}”之差）。",
                    needle=cb, document=ctx.records.document_label(doc_id) if doc_id else "",
                    related=[ctx.location(first.file, int(first.line), ca)],
                    data={"name": cb, "other": ca, "uses": len(names[b]), "other_uses": len(names[a])},
                )
