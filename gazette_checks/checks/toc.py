"""Table-of-contents rules (TC): the TOC against the body, and one title per document.

The TOC entries of a file are paired with the documents of its body by order
and title similarity (not only by exact equality), so a title that differs by
a character is still paired with its document and reported as a difference
instead of as a missing document. Titles are compared after removing
extraction noise: whitespace, markdown emphasis, character width (``(试行)``
equals ``（试行）``) and quote marks.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

import regex as re

from .. import patterns as P
from ..extract.quotes import quoted_titles  # noqa: F401  (re-exported: the reading of a notice line)
from ..findings import Finding
from ..records import as_int as _int
from ..records import row_dicts
from .base import RuleContext, rule
from .shared_rows import table_rows

_WHY_TOC = ("目录是读者查找文件的依据，目录条目应与正文所载文件一一对应、顺序一致、标题相同；"
            "公文标题由发文机关名称、事由和文种组成（GB/T 9704-2012 §7.3.1），刊载时不得改动。")
_WHY_TITLE = ("同一文件的标题在正文标题、通知中“现将《……》印发给你们”的引述和所附文本标题中必须一字不差；"
              "标题是公文的必备要素（《党政机关公文处理工作条例》第九条、GB/T 9704-2012 §7.3.1），"
              "多字、少字会使文件被错误引用和检索。")

#: Marks removed before titles are compared (quotes and book-title marks).
_NOISE = str.maketrans("", "", "\"'“”‘’「」『』《》〈〉<>")


def norm_title(text: Any) -> str:
    """The comparison form of a title: no spaces/markup, width folded, no quote marks."""
    if not isinstance(text, str):
        return ""
    return P.fold(P.strip_markup(text)).translate(_NOISE)


def similarity(a: str, b: str) -> float:
    """Ratio of matching characters of two normalised titles (0..1)."""
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def describe_diff(a: str, b: str, name_a: str, name_b: str) -> tuple[str, list[dict[str, str]]]:
    """Plain words for how `b` differs from `a` ("B 在“…”后多出“X”"), and the edit list.

    Each edit is {"op": "insert"|"delete"|"replace", "a": ..., "b": ..., "context": ...}.
    """
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[str] = []
    edits: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ctx_before = a[max(0, i1 - 4):i1]
        where = f"在“{ctx_before}”后" if ctx_before else "开头"
        if op == "insert":
            parts.append(f"{name_b}{where}多出“{b[j1:j2]}”")
        elif op == "delete":
            parts.append(f"{name_b}{where}缺少“{a[i1:i2]}”")
        else:
            parts.append(f"{name_a}作“{a[i1:i2]}”，{name_b}作“{b[j1:j2]}”")
        edits.append({"op": op, "a": a[i1:i2], "b": b[j1:j2], "context": ctx_before})
    return "；".join(parts[:4]) + ("等" if len(parts) > 4 else ""), edits


def _needle(raw_line: str, inserted: str) -> str:
    """`inserted` if it occurs literally in the raw line, else ''."""
    return inserted if inserted and inserted in raw_line else ""


def _locate(ctx: RuleContext, file: str, line: int, edits: list[dict[str, str]], span: int = 4) -> tuple[int, str]:
    """The line of a (possibly wrapped) title holding the first edit, and the needle to mark there.

    Looks at `line` and the next `span` lines for the edit's context + changed text.
    """
    e = next((x for x in edits if x["b"] or x["a"]), None)
    if e is None:
        return line, ""
    changed = e["b"] or e["a"]
    probe = P.fold(e["context"][-2:] + changed)
    fallback = None
    for k in range(line, line + span + 1):
        raw = ctx.line_text(file, k)
        folded = P.fold(P.strip_markup(raw))
        if probe and probe in folded:
            return k, _needle(raw, changed)
        if fallback is None and P.fold(changed) in folded:
            fallback = k
    if fallback is not None:
        return fallback, _needle(ctx.line_text(file, fallback), changed)
    return line, ""


def _strip_issuer(title: str, issuers: list[str]) -> str:
    for org in sorted(issuers, key=len, reverse=True):
        o = norm_title(org)
        if o and title.startswith(o) and len(title) > len(o) + 4:
            return title[len(o):]
    return title


# --------------------------------------------------------------------------
# Pairing TOC entries with documents


def _pair(toc: list[dict], docs: list[dict], min_sim: float) -> dict[int, int]:
    """Map TOC index → document index: best-similarity pairs first, order as tie-breaker.

    Exact (normalised) equality wins; otherwise pairs of similarity ≥ `min_sim`
    are taken greedily from the most similar down.
    """
    cands: list[tuple[float, int, int]] = []
    for i, t in enumerate(toc):
        for j, d in enumerate(docs):
            if t["key"] == d["key"]:
                s = 2.0
            elif t["key"] and d["key"]:
                sm = difflib.SequenceMatcher(None, t["key"], d["key"], autojunk=False)
                # quick_ratio() bounds ratio() from above: a pair that cannot reach min_sim is skipped
                if sm.real_quick_ratio() < min_sim or sm.quick_ratio() < min_sim:
                    continue
                s = sm.ratio()
            else:
                s = similarity(t["key"], d["key"])
            if s >= min_sim:
                cands.append((s - 0.001 * abs(i - j), i, j))
    cands.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in cands:
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def _file_frames(ctx: RuleContext) -> Iterator[tuple[str, list[dict], list[dict]]]:
    """(file, TOC entries, documents) for every own file that has a TOC."""
    recs = ctx.records
    if not len(recs.toc):
        return
    own = set(recs.own_files)
    docs_all = recs.documents
    docs_of = dict(iter(docs_all.groupby("file", sort=False))) if len(docs_all) else {}
    for file, toc in recs.toc.groupby("file", sort=False):
        if file not in own:
            continue
        t_rows = row_dicts(toc.sort_values("position"))
        d_rows = row_dicts(docs_of[file].sort_values("position")) if file in docs_of else []
        issuers = sorted({o for d in d_rows if isinstance(d.get("issuer"), str)
                          for o in d["issuer"].split("、") if o})
        for t in t_rows:
            t["key"] = _strip_issuer(norm_title(t["title"]), issuers)
        for d in d_rows:
            d["key"] = _strip_issuer(norm_title(d["title"]), issuers)
        yield file, t_rows, d_rows


def _truncated(ctx: RuleContext, file: str) -> bool:
    pr = ctx.records.problems
    return bool(len(pr)) and bool(((pr["file"] == file) & (pr["kind"] == "truncated")).any())


def _duplicates(toc: list[dict], docs: list[dict]) -> set[int]:
    """TOC indexes that repeat an earlier entry more often than the body has that title."""
    body_count: dict[str, int] = {}
    for d in docs:
        body_count[d["key"]] = body_count.get(d["key"], 0) + 1
    seen: dict[str, int] = {}
    dup: set[int] = set()
    for i, t in enumerate(toc):
        k = t["key"]
        seen[k] = seen.get(k, 0) + 1
        if k and seen[k] > max(1, body_count.get(k, 0)):
            dup.add(i)
    return dup


def _analyse(ctx: RuleContext) -> list[tuple[str, list[dict], list[dict], dict[int, int], set[int]]]:
    """(file, TOC entries, documents, TOC index → document index, duplicate TOC indexes) of each
    own file with a TOC; computed once per records for TC01–TC06 (read it, do not change it)."""
    min_sim = float(ctx.option("min_similarity"))

    def build() -> list[tuple[str, list[dict], list[dict], dict[int, int], set[int]]]:
        out = []
        for file, toc, docs in _file_frames(ctx):
            dup = _duplicates(toc, docs)
            keep = [i for i in range(len(toc)) if i not in dup]
            sub = _pair([toc[i] for i in keep], docs, min_sim)
            out.append((file, toc, docs, {keep[i]: j for i, j in sub.items()}, dup))
        return out

    return ctx.shared(("toc_pairs", min_sim), build)


_OPTS = {"min_similarity": 0.6}


@rule(
    "TC01", "toc.entry_without_document", "toc", "error",
    "目录条目在正文中找不到对应文件", "TOC entry with no document in the body",
    _WHY_TOC + "目录列出而正文没有的文件，可能是漏排、被截断，或标题改动过大。",
    fix="核对正文是否漏排该文件；若文件已撤下，删去目录条目。",
    options=_OPTS,
    example_bad="目录：- 某市人民政府关于印发某某办法的通知 (12)；正文中没有这篇文件。",
    example_good="目录中的每一条都能在正文中找到标题相同的文件。",
)
def entry_without_document(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that every table-of-contents entry has a document in the body.

    ## Options

    - ``min_similarity``: how alike (0–1, after normalising width, brackets and spaces) a TOC title and a
      body heading must be to be paired
    """
    for file, toc, docs, pairs, dup in _analyse(ctx):
        if not docs:
            continue
        truncated = _truncated(ctx, file)
        last_paired = max(pairs) if pairs else -1
        for i, t in enumerate(toc):
            if i in pairs or i in dup:
                continue
            if truncated and i > last_paired:
                continue  # PA05 reports the truncated text; these entries were never in it
            yield ctx.finding(
                file, t["line"], f"目录条目“{P.squash(t['title'])}”在正文中找不到对应的文件。",
                needle=t["title"] if isinstance(t["title"], str) else "",
                data={"toc_title": t["title"], "page": t.get("page")},
            )


@rule(
    "TC02", "toc.document_missing_from_toc", "toc", "error",
    "正文文件未列入目录", "A document of the body is missing from the TOC",
    _WHY_TOC + "正文刊载而目录未列的文件，读者无法从目录找到。",
    fix="在目录相应栏目中补列该文件的标题和页码。",
    options=_OPTS,
    example_bad="正文刊载《某市人民政府关于某某的通知》，目录中没有这一条。",
    example_good="正文的每篇文件都在目录中列出。",
)
def document_missing_from_toc(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that every document of the body is listed in the table of contents.

    ## Options

    - ``min_similarity``: how alike (0–1, after normalising width, brackets and spaces) a TOC title and a
      body heading must be to be paired
    """
    for file, _toc, docs, pairs, _dup in _analyse(ctx):
        paired = set(pairs.values())
        for j, d in enumerate(docs):
            if j in paired:
                continue
            yield ctx.finding(
                file, d["title_line"] if d.get("title_line") == d.get("title_line") and d.get("title_line")
                else d["line"],
                f"正文中的文件“{P.squash(str(d['title']))}”没有列入目录。",
                document=ctx.records.document_label(d["doc_id"]),
                data={"title": d["title"]},
            )


@rule(
    "TC03", "toc.duplicate_entry", "toc", "error",
    "目录条目重复", "TOC entry listed twice",
    _WHY_TOC + "同一文件在目录中列出两次，多出的条目页码无法对应。",
    fix="删去重复的目录条目。",
    options=_OPTS,
    example_bad="目录中“某市人民政府关于某某的通知”出现两次，正文只有一篇。",
    example_good="每篇文件在目录中只列一次。",
)
def duplicate_entry(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for table-of-contents entries listed twice.

    ## Options

    - ``min_similarity``: how alike (0–1, after normalising width, brackets and spaces) a TOC title and a
      body heading must be to be paired
    """
    for file, toc, docs, _pairs, dup in _analyse(ctx):
        for i in sorted(dup):
            t = toc[i]
            first = next(x for x in toc if x["key"] == t["key"])
            yield ctx.finding(
                file, t["line"], f"目录条目“{P.squash(t['title'])}”重复列出（第 {first['line']} 行已列）。",
                needle=t["title"] if isinstance(t["title"], str) else "",
                related=[ctx.location(file, first["line"], first["title"])],
                data={"toc_title": t["title"], "first_line": first["line"]},
            )
        yield from _printed_twice(ctx, file, toc, docs, dup)


def _printed_twice(ctx: RuleContext, file: str, toc: list[dict], docs: list[dict], dup: set[int]) -> Iterator[Finding]:
    """One finding for a document listed twice in the TOC and printed twice in the body (same
    title, same 发文字号 or none): the TOC and the body repeat the same slip."""
    seen: dict[str, dict] = {}
    for i, t in enumerate(toc):
        k = t["key"]
        if not k or i in dup:
            continue
        if k not in seen:
            seen[k] = t
            continue
        same = [d for d in docs if d["key"] == k]
        numbers = {P.squash(str(d.get("doc_number") or "")) for d in same}
        if len(same) < 2 or len(numbers) > 1:
            continue  # two documents that share a title (different 文号) are not a repeat
        first = seen[k]
        yield ctx.finding(
            file, t["line"],
            f"目录条目“{P.squash(t['title'])}”列出两次（第 {first['line']} 行已列），正文也刊载了两次"
            f"（第 {same[0]['line']}、{same[1]['line']} 行），同一文件重复刊载。",
            needle=t["title"] if isinstance(t["title"], str) else "",
            document=ctx.records.document_label(same[1]["doc_id"]),
            related=[ctx.location(file, first["line"], first["title"]),
                     *(ctx.location(file, int(d["line"])) for d in same[:2])],
            data={"toc_title": t["title"], "first_line": first["line"], "body_lines": [int(d["line"]) for d in same],
                  "printed_twice": True},
        )
        seen[k] = t


@rule(
    "TC04", "toc.order_differs", "toc", "warning",
    "目录顺序与正文顺序不一致", "TOC order differs from the order of the body",
    _WHY_TOC + "目录顺序与正文不一致时，页码不再递增，读者难以查找。",
    fix="按正文刊载顺序调整目录条目（或调整正文顺序）。",
    options=_OPTS,
    example_bad="目录先列《关于甲的通知》后列《关于乙的通知》，正文先刊乙后刊甲。",
    example_good="目录与正文顺序相同。",
)
def order_differs(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the table of contents lists the documents in the order of the body.

    ## Options

    - ``min_similarity``: how alike (0–1, after normalising width, brackets and spaces) a TOC title and a
      body heading must be to be paired
    """
    for file, toc, docs, pairs, _dup in _analyse(ctx):
        seq = sorted(pairs.items())  # by TOC order
        doc_order = [j for _, j in seq]
        # entries outside the longest increasing run of body positions are out of order
        keep = _lis(doc_order)
        for k, (i, j) in enumerate(seq):
            if k in keep:
                continue
            t, d = toc[i], docs[j]
            yield ctx.finding(
                file, t["line"],
                f"目录第 {i + 1} 条“{P.squash(t['title'])}”在正文中是第 {j + 1} 篇，顺序与目录不一致。",
                needle=t["title"] if isinstance(t["title"], str) else "",
                related=[ctx.location(file, d["line"])],
                document=ctx.records.document_label(d["doc_id"]),
                data={"toc_position": i + 1, "body_position": j + 1},
            )


def _lis(xs: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `xs`."""
    n = len(xs)
    if not n:
        return set()
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for k in range(i):
            if xs[k] < xs[i] and best[k] + 1 > best[i]:
                best[i], prev[i] = best[k] + 1, k
    i = max(range(n), key=lambda x: best[x])
    out: set[int] = set()
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


@rule(
    "TC05", "toc.title_differs", "toc", "error",
    "目录标题与正文标题不一致", "TOC title differs from the body heading",
    _WHY_TOC + "比较时已忽略空格、全半角和引号差异，剩下的差异是多字、少字或错字。",
    fix="以文件原件为准，改正目录或正文标题中多出、缺少或不同的字。",
    options=_OPTS,
    example_bad="目录：关于印发某市甲事项工作规划的通知；正文：关于印发某市甲事项工作工作规划的通知。",
    example_good="目录与正文标题一字不差（(试行)与（试行）视为相同）。",
)
def title_differs(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that each table-of-contents title is the heading of its document, character for character.

    ## Options

    - ``min_similarity``: how alike (0–1, after normalising width, brackets and spaces) a TOC title and a
      body heading must be to be paired
    """
    for file, toc, docs, pairs, _dup in _analyse(ctx):
        for i, j in sorted(pairs.items()):
            t, d = toc[i], docs[j]
            if t["key"] == d["key"]:
                continue
            words, edits = describe_diff(t["key"], d["key"], "目录", "正文标题")
            note = _agreement_note(d, t["key"])
            line = _int(d.get("title_line")) or int(d["line"])
            body_line, needle = _locate(ctx, file, line, edits)
            yield ctx.finding(
                file, t["line"], f"目录标题与正文标题不一致：{words}。{note}",
                needle=t["title"] if isinstance(t["title"], str) else "",
                related=[ctx.location(file, body_line, needle)],
                document=ctx.records.document_label(d["doc_id"]),
                data={"text_a": t["title"], "text_b": d["title"], "edits": edits,
                      # when the heading is the odd one out, TC06 reports the same slip at the heading
                      **({"defect": f"title:{file}:{body_line}", "defect_rank": 1} if note else {})},
            )


def _agreement_note(doc: dict, toc_key: str) -> str:
    """Which other versions of the title agree with the TOC (helps decide which side to fix)."""
    carried = heading_carried_titles(doc.get("title"))
    others = [norm_title(doc.get("attached_title")), norm_title(doc.get("quoted_title"))]
    others = [o for o in others if o]
    if not carried or not others:
        return ""
    if all(o in toc_key for o in others) and not any(norm_title(c) in toc_key for c in carried):
        return "通知中引述的标题和所附文本标题与目录一致，应改正文标题。"
    return ""


# --------------------------------------------------------------------------
# One document, one title

_CARRY = re.compile(r"(?:印发|下发|转发|颁布|批转|发布|公布)(?P<x>.+?)(?:等文件|等\d*个文件)?的(?:通知|决定|通告|公告|函)$")


def heading_carried_titles(title: Any) -> list[str]:
    """Titles of the texts a 印发/转发 notice carries, read from its heading.

    ``关于印发《X》等文件的通知`` → [X]; ``关于印发X的通知`` → [X]; other headings → [].
    """
    if not isinstance(title, str):
        return []
    t = P.squash(P.strip_markup(title))
    quoted = P.QUOTED_TITLE.findall(t)
    if quoted and re.search(r"(?:印发|下发|转发|颁布|批转|发布|公布)《", t):
        # a `（试行）` printed after the closing 》 belongs to the title it follows
        return [q + (m["s"] if (m := re.match(r"(?P<s>[（(](?:试行|暂行)[)）])", t[t.find(q) + len(q) + 1:])) else "")
                for q in quoted]
    m = _CARRY.search(t)
    if m and len(m["x"]) >= 4:
        x = m["x"]
        # `批转某局修订的《X》`, `印发修订后的《X》（试行）`: the carried text is the quoted one
        q = _QUOTED_CARRY.match(x)
        if q:
            return [(q["t"] or q["t2"]) + (q["suffix"] or q["suffix2"] or "")]
        return [x]
    return []


#: What a heading may put around the quoted title it carries: who drafted it, `修订后的`, `（试行）`.
_QUOTED_CARRY = re.compile(r"^[^《》]{0,40}?的《(?P<t>[^《》]+)》(?P<suffix>[（(](?:试行|暂行|修订)[)）])?$"
                           r"|^《(?P<t2>[^《》]+)》(?P<suffix2>[（(](?:试行|暂行|修订)[)）])$")


def _trivially_different(a: str, b: str) -> bool:
    """Titles that differ only in function words (关于, 的) or in `本区` for the place it names."""
    def loose(t: str) -> str:
        return re.sub(r"^关于|的", "", t)

    la, lb = loose(a), loose(b)
    if la == lb:
        return True
    # 本区/本市/本县… against the place itself (崇明区, 某市)
    for x, y in ((la, lb), (lb, la)):
        m = re.search(r"本(?P<kind>[省市区县镇乡])", x)
        if m and re.fullmatch(re.escape(x[: m.start()]) + r"[\p{Han}]{1,8}" + m["kind"] + re.escape(x[m.end():]), y):
            return True
    return False


def _best(target: str, cands: list[str]) -> tuple[str, float]:
    """The candidate most similar to `target` (normalised), with its similarity."""
    best, score = "", 0.0
    for c in cands:
        s = 1.0 if norm_title(c) == target else similarity(target, norm_title(c))
        if s > score:
            best, score = c, s
    return best, score


def _abbreviation(short: str, full: str) -> bool:
    """True when `short` is a shortened form of `full` (a part of it, clearly shorter)."""
    return bool(short) and short != full and short in full and len(short) <= len(full) - 2


@rule(
    "TC06", "toc.document_title_inconsistent", "toc", "error",
    "同一文件的标题前后不一致", "One document, several titles",
    _WHY_TITLE,
    fix="以文件原件为准，统一正文标题、通知引述的标题和所附文本标题。",
    options={"min_similarity": 0.6},
    example_bad="通知：现将《某市甲事项三年行动方案》印发给你们；所附文本标题：某市甲事项三年行动计划方案。",
    example_good="三处标题一字不差；“现将《实施方案》印发给你们”这样的简称不算不一致。",
)
def document_title_inconsistent(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that a document's heading, the title it quotes and the title of its attached text agree.

    ## Known problems

    A short form quoted in the text (现将《实施方案》印发给你们) is not a disagreement.

    ## Options

    - ``min_similarity``: how alike (0–1) two titles of one document must be to be compared; less alike ones
      are taken as different documents
    """
    min_sim = float(ctx.option("min_similarity"))
    own = set(ctx.records.own_files)
    for d in table_rows(ctx, "documents"):
        if d["file"] in own:
            yield from _check_one_document(ctx, d, min_sim)


def _check_one_document(ctx: RuleContext, d: dict, min_sim: float) -> Iterator[Finding]:
    file = d["file"]
    label = ctx.records.document_label(d["doc_id"])
    title_line = _int(d.get("title_line")) or int(d["line"])
    versions: list[tuple[str, str, int]] = []  # (role, text, line)
    attached = d.get("attached_title") if isinstance(d.get("attached_title"), str) else None
    a_line = _int(d.get("attached_line"))
    carried = heading_carried_titles(d.get("title"))
    q_line = _int(d.get("quoted_line"))
    quotes = [m["text"] for m in ctx.shared(("quoted_titles",), lambda: _quotes_by_doc(ctx)).get(d["doc_id"], [])] \
        if q_line else []
    if not quotes and isinstance(d.get("quoted_title"), str) and not ctx.line_text(file, q_line or 0) \
            and not re.search(r"等(?:\d+个)?文件", P.squash(str(d.get("title") or ""))):
        # no source text (records from CSV): the one quote kept in the records, unless the notice
        # carries several texts and that quote may be any of them
        quotes = [d["quoted_title"]]
    # the anchor: the attached heading, else the heading's carried title
    anchor = norm_title(attached) if attached else ""
    if not anchor and carried:
        anchor = norm_title(carried[0])
    if not anchor:
        return
    if attached and a_line:
        versions.append(("所附文本标题", attached, a_line))
    if carried:
        c, s = _best(anchor, carried)
        if s >= min_sim:
            versions.append(("正文标题", c, title_line))
    if quotes and q_line:
        q, s = _best(anchor, quotes)
        if s >= min_sim or (q and (_abbreviation(norm_title(q), anchor) or _abbreviation(anchor, norm_title(q)))):
            versions.append(("通知引述的标题", q, q_line))
    if len(versions) < 2:
        return
    keys = [norm_title(v[1]) for v in versions]
    if len(set(keys)) == 1:
        return
    # drop abbreviations: a quote that is a short form of the full title is no error
    full = max(keys, key=len)
    kept = [(v, k) for v, k in zip(versions, keys, strict=True)
            if not (v[0] == "通知引述的标题" and _abbreviation(k, full) and _mostly_suffix(k, full))]
    if len({k for _, k in kept}) <= 1:
        return
    if all(_trivially_different(kept[0][1], k) for _, k in kept[1:]):
        return
    # the odd one out is the version that disagrees with the others
    groups: dict[str, list[tuple[str, str, int]]] = {}
    for v, k in kept:
        groups.setdefault(k, []).append(v)
    if len(groups) == 2 and any(len(g) >= 2 for g in groups.values()):
        major_key = max(groups, key=lambda k: len(groups[k]))
        minor_key = next(k for k in groups if k != major_key)
        odd = groups[minor_key][0]
        ref = groups[major_key]
        agree = "、".join(r[0] for r in ref)
    else:
        # two versions, or all differ: report the later place against the first
        ref = [kept[0][0]]
        odd = kept[-1][0]
        major_key, minor_key = kept[0][1], kept[-1][1]
        agree = ref[0][0]
    words, edits = describe_diff(major_key, minor_key, agree, odd[0])
    at, needle = _locate(ctx, file, odd[2], edits)
    yield ctx.finding(
        file, at, f"{odd[0]}与{agree}不一致：{words}。",
        needle=needle,
        document=label,
        related=[ctx.location(file, r[2], _needle(ctx.line_text(file, r[2]), r[1])) for r in ref],
        suggestion=_suggest(d, odd, ref[0][1]) if len(ref) >= 2 else "",
        data={"text_a": ref[0][1], "text_b": odd[1], "role_a": agree, "role_b": odd[0], "edits": edits,
              "defect": f"title:{file}:{at}", "defect_rank": 0},
    )


def _quotes_by_doc(ctx: RuleContext) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for d, m in ctx.mentions("quoted_title"):
        out.setdefault(d["doc_id"], []).append(m)
    return out


def _suggest(d: dict, odd: tuple[str, str, int], right: str) -> str:
    """The corrected text of the odd version: the whole heading when the heading is wrong."""
    if odd[0] == "正文标题" and isinstance(d.get("title"), str):
        heading = P.squash(P.strip_markup(d["title"]))
        if odd[1] in heading:
            return heading.replace(odd[1], right, 1)
    return right


def _mostly_suffix(short: str, full: str) -> bool:
    """A 简称 keeps the end of the title (实施方案 of 某某实施方案) or a leading part of it."""
    return full.endswith(short) or full.startswith(short)
