"""Name rules read in running text (DP05, DP06): dated renames, doubled or dropped characters.

DP01–DP03 judge organ names that begin with 市 against the municipal registry. These rules
read names anywhere in a document:

- DP05 judges names retired by a dated rename (``data/renames.toml``: the 2023 financial
  regulator and 人民银行 branch reforms, the 2018 ones before them) in documents dated after
  the rename; the parser finds them (``mentions`` kind ``rename``,
  :mod:`gazette_checks.extract.renames`);
- DP06 finds a name the issue uses several times written once with a character doubled or
  dropped (``东城城区`` among many ``东城区``), the counts being the evidence.
"""

from __future__ import annotations

import datetime as _dt
import re as std_re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from os.path import commonprefix

import regex as re

from .. import organs as O
from .. import patterns as P
from ..findings import Finding
from ..organs import Rename, renames
from ..records import tuples
from .base import RuleContext, rule


def _place_stems(ctx: RuleContext) -> list[str]:
    """City names of the records and their stems (某某市 → 某某), to start a matched name at its place."""
    names = ctx.records.documents["signer"].dropna().tolist() if len(ctx.records.documents) else []
    cities = O.cities_from(names)
    if len(ctx.records.issues):
        cities += [c for c in ctx.records.issues["city"].dropna().astype(str) if c]
    return sorted({x for c in cities for x in (c, c[:-1]) if len(x) >= 2}, key=len, reverse=True)


def _trim(name: str, stems: list[str]) -> str:
    """`name` from the first place stem in it (唐伟某某银保监分局 → 某某银保监分局); a name that
    opens with the national organ (中国银保监会某某监管分局, 人民银行某某中心支行) is kept whole."""
    if re.match(r"中国|人民银行|人行|国家", name):
        return name
    hits = [name.find(s) for s in stems if s in name]
    return name[min(hits):] if hits else name


def _date_of(d: dict) -> _dt.date | None:
    s = d.get("date")
    return _dt.date.fromisoformat(s) if isinstance(s, str) and s else None


# --------------------------------------------------------------------------- DP05
@rule(
    "DP05", "departments.renamed_organ", "departments", "warning",
    "使用已更名的机构名称", "An organ named as it was before a dated rename",
    "机构改革后，银保监会及其派出机构、人民银行地市中心支行等已更名或撤销（如2023年组建国家金融监督管理总局）。"
    "成文日期在更名之后的公文仍用旧称，责任主体指向已不存在的机构，不符合《党政机关公文处理工作条例》"
    "第九条关于使用机构全称或者规范化简称的要求；同一文件新旧名称混用，更易使人误以为是两个机构。",
    fix="改用现行名称；确指更名前的机构时，加“原”字。",
    example_bad="（2024年8月成文）责任单位：某某银保监分局",
    example_good="（2024年8月成文）责任单位：国家金融监督管理总局某某监管分局",
)
def renamed_organ(ctx: RuleContext) -> Iterator[Finding]:
    """A retired name (``data/renames.toml``) in a document dated after its rename.

    A name inside a quoted title or quotation, after 原/时任, or in a sentence that names a
    year up to the rename's year is history and is left alone. Where the document also uses
    the new name, the finding says so (both forms in one document).

    ## Known problems
    - Dates in the data are the latest by which each rename had taken effect everywhere; a
      document of the months between a local office's renaming and that date is not judged.
    - A document without a readable 成文日期 is not judged.
    """
    by_old = {r.old: r for r in renames()}
    stems = _place_stems(ctx)
    m = ctx.records.mentions
    if not len(m):
        return
    m = m[(m["kind"] == "rename") & m["file"].isin(ctx.records.own_files)]
    docs = {d["doc_id"]: d for _file, d, _start, _end in ctx.document_spans()}
    found: list[tuple[dict, int, str, Rename]] = []
    new_seen: dict[tuple[str, str], int] = {}
    for row in tuples(m):
        d, r = docs.get(row.doc_id), by_old.get(row.value)
        signed = _date_of(d) if d is not None else None
        if r is None or signed is None or signed <= r.date:
            continue
        if row.role == "new":
            new_seen.setdefault((row.doc_id, r.old), int(row.line))
        else:
            found.append((d, int(row.line), _trim(row.text, stems), r))
    seen: set[tuple[str, int, str]] = set()
    for d, line, name, r in found:
        if (d["doc_id"], line, r.old) in seen:
            continue
        seen.add((d["doc_id"], line, r.old))
        signed = _date_of(d)
        both = new_seen.get((d["doc_id"], r.old))
        also = f"；本文第 {both} 行已用新名称" if both else ""
        yield ctx.finding(
            d["file"], line,
            f"“{name}”是{r.date.year}年{r.date.month}月前已更名的机构（{r.old}→{r.new}），"
            f"本文成文日期 {signed.isoformat()} 仍用旧称{also}。",
            needle=name, document=ctx.records.document_label(d["doc_id"]), suggestion=r.new,
            related=[ctx.location(d["file"], both)] if both else [],
            data={"name": name, "old": r.old, "new": r.new, "renamed_by": r.date.isoformat(),
                  "both_forms": bool(both), "pattern": r.old},
        )


# --------------------------------------------------------------------------- DP06
_NAME_END = re.compile(
    r"(?:" + O.ORGAN_END[3:-1] + r"|省|市|州|盟|区|县|旗|镇|乡|街道|社区|村|分局|支行|分行|监管局|政府|厅|院|所|站|馆|队)$"
)
#: Characters whose drop gives an accepted variant (市住房和城乡建设局 → 市住房城乡建设局).
_DROPPABLE = set("和与及的之暨")
_LEVELS = set("省市州盟区县旗镇乡村")
#: Last characters of a name that no correct word starts with when doubled (某县人民政府府).
_LAST_DOUBLED = set("府心")
#: Words a place name may be followed by in correct text (东城 + 城区, 某某 + 市区).
_WORDS = {"城区", "市区", "区域", "县城", "县区", "区县", "镇区", "市场", "市民", "乡镇", "街道", "区划",
          "市级", "区级", "县级", "镇级", "省级", "城市", "城乡", "江北", "江南", "河东", "河西"}
#: Words that make a piece a phrase of prose rather than a name (费用按市, 由区).
_ROLE = re.compile(r"^(?:责任单位|牵头单位|配合单位|参与单位|主责单位|牵头部门|责任部门|配合部门)")
_HAN_ONLY = re.compile(r"\p{Han}+")
_PROSE = re.compile(r"[按由对向在从于将把被给以各要应可是的为]|有关|负责|承担|所属|所在")


def _names(text: str) -> list[str]:
    """Name-like items of one squashed line (no whitespace): pieces between separators that end
    like an organ or a place."""
    out = []
    for piece in _ITEM_SPLIT.split(text):
        if len(piece) < 3:
            continue  # removing a role word only shortens it
        if piece.startswith(_ROLE_WORDS):
            piece = _ROLE.sub("", piece)
        if 3 <= len(piece) <= 20 and _ends_like_name(piece) and _HAN_ONLY.fullmatch(piece) and not _PROSE.search(piece):
            out.append(piece)
    return out


#: Separators between list items. A plain character class: the standard library's engine splits
#: on it in two thirds of the time the ``regex`` module takes.
_ITEM_SPLIT = std_re.compile(r"[、，,；;：:（）()〔〕\[\]【】“”\"《》\s。]+")
_ROLE_WORDS = tuple(_ROLE.pattern[4:-1].split("|"))
#: Whether a piece ends like a name depends only on its last characters (the longest ending).
_END_SPAN = 8
_ENDS: dict[str, bool] = {}


def _ends_like_name(piece: str) -> bool:
    """``_NAME_END.search(piece)``, remembered by the piece's last :data:`_END_SPAN` characters."""
    tail = piece[-_END_SPAN:]
    hit = _ENDS.get(tail)
    if hit is None:
        if len(_ENDS) > 50_000:
            _ENDS.clear()
        hit = _ENDS[tail] = _NAME_END.search(tail) is not None
    return hit


def _variants(name: str) -> Iterator[tuple[str, str]]:
    """('doubled'|'dropped', variant) forms of `name` with an inner character doubled or dropped.

    The first character and level words (市, 区, 县…) are never doubled (市市场监管局,
    某某区区政府 are correct text), the last one only where no word starts with it (某县人民
    政府府, not 东城区区长), nor one that starts a word a place name is often followed by when
    the name ends there (东城城区范围内). A doubled pair (市生态环境环境局) counts too. A
    variant with a dropped character must end where a name ends (市卫生健康委会议 is 市卫生健康委
    + 会议). Only names of five characters or more lose one character, never
    one of the first two (河东区 holds 东区), a conjunction (和, 与, 及) whose absence is an
    accepted variant, nor a level word (省, 市, 区…).
    """
    for i in range(1, len(name)):
        if name[i] in _LEVELS:
            continue  # 某某区区政府, 某某县县委 are correct text
        if i == len(name) - 1 and name[i] not in _LAST_DOUBLED:
            continue  # 东城区区长, 某局局长, 某支行行长: the last character starts the next word
        if name[i:i + 2] in _WORDS and len(name) - i - 2 < 2:
            continue  # 东城 + 城区 (东城城区范围内) is correct text unless the name goes on (东城城区政府)
        yield "doubled", name[:i + 1] + name[i] + name[i + 1:]
    for i in range(1, len(name) - 2):  # a doubled pair of characters: 市生态环境环境局
        pair = name[i:i + 2]
        if not set(pair) & _LEVELS:
            yield "doubled", name[:i + 2] + pair + name[i + 2:]
    if len(name) >= 5:
        for i in range(2, len(name) - 1):  # the first two characters anchor the name (河东区 holds 东区)
            if name[i] not in _DROPPABLE | _LEVELS and name[i] != name[i - 1] and name[i] != name[i + 1]:
                yield "dropped", name[:i] + name[i + 1:]


@rule(
    "DP06", "departments.name_with_doubled_or_dropped_character", "departments", "warning",
    "地名、机构名重字或漏字", "A place or organ name written once with a character doubled or dropped",
    "同一期公报多次使用的地名、机构名（如“东城区”“市生态环境局”），个别地方多写或漏写一个字"
    "（“东城城区”“市生态境局”），是录入、校对中的常见疏漏；名称写错使主体指向不明，"
    "违反《党政机关公文处理工作条例》第九条关于使用全称或者规范化简称的要求。",
    fix="按本期其他地方的写法改正。",
    options={"min_uses": 3},
    example_bad="（本期多处写“东城区”）东城城区人民政府负责组织实施。",
    example_good="东城区人民政府负责组织实施。",
)
def name_with_doubled_or_dropped_character(ctx: RuleContext) -> Iterator[Finding]:
    """A name used at least ``min_uses`` times in an issue, written once with an inner
    character doubled or dropped.

    Names are the list items of the issue's documents (pieces between 、，；：and brackets)
    that end like an organ or a place (局, 委, 办, 中心, 区, 县, 镇, 街道, 支行…), plus the
    city names of the masthead and signatures. Each variant is looked for in the running
    text of the same issue; a variant that is itself used more than once is taken as a
    name in its own right. The city's name with one or two inner characters dropped is
    reported where the same phrase is written elsewhere in the issue with the full name.

    ## Known problems
    - A character replaced by another (``东城区``/``东域区``) is not judged here: two real
      places often differ by one character (东安区/西安区); DP01 judges 市 organs that way.
    - Two characters dropped together are found only in the issue's own city name
      (``人民银行某市中心支行`` where the issue also writes ``人民银行某某江市中心支行``), and
      only inside a phrase the issue also writes with the full name.
    - The province's place-name list is not consulted: only names the issue itself uses
      several times count as evidence.
    - In running text a dropped character is judged only where the name ends (a name cut
      inside a longer phrase is left alone): a dropped character is judged only where the name ends.

    ## Options
    - ``min_uses``: how many times a name must be written correctly in the issue before a
      variant of it is reported.
    """
    min_uses = int(ctx.option("min_uses"))
    lines_of: dict[str, list[tuple[dict, int, str]]] = {}
    for d, line, raw in ctx.document_lines(tables=True):
        lines_of.setdefault(d["file"], []).append((d, line, P.squash(P.strip_markup(raw))))
    cities = []
    if len(ctx.records.issues):
        cities = [c for c in ctx.records.issues["city"].dropna().astype(str) if len(c) >= 3]
    all_cities = list(dict.fromkeys(cities + O.cities_from(ctx.records.documents["signer"].dropna().tolist()
                                                           if len(ctx.records.documents) else [])))
    for file, rows in lines_of.items():
        counts: Counter[str] = Counter()
        for _d, _line, text in rows:
            counts.update(_names(text))
        full = "\n".join(t for _, _, t in rows)
        row_starts = list(accumulate((len(t) + 1 for _, _, t in rows[:-1]), initial=0))
        known = {n for n, k in counts.items() if k >= min_uses}
        own_cities = [c for c in all_cities if full.count(c) >= min_uses]
        known.update(own_cities)
        reported: set[str] = set()
        for c in own_cities:
            yield from _truncated_city(ctx, file, rows, full, c)
        for name in sorted(known, key=len, reverse=True):
            uses = full.count(name)
            variants = [(how, v) for how, v in _variants(name)
                        if v not in reported and v not in known and len(v) >= 4]
            written = _counts(full, commonprefix([name, *(v for _, v in variants)]), {v for _, v in variants})
            for how, variant in variants:
                if variant in reported:
                    continue
                k = written.get(variant, 0)
                if k == 0 or k > 1 or any(variant in other for other in known if other != name and len(other) > len(variant)):
                    continue
                at = bisect_right(row_starts, full.find(variant)) - 1  # the one row that holds it
                for d, line, text in rows[at:at + 1]:
                    if variant not in text:
                        continue
                    if how == "dropped" and not re.search(re.escape(variant) + r"(?!\p{Han})", text):
                        continue  # 市卫生健康委会议: a dropped variant must end where the text's name ends
                    reported.add(variant)
                    extra = "一个字" if abs(len(variant) - len(name)) == 1 else "两个字"
                    what = ("多写了" if how == "doubled" else "漏写了") + extra
                    yield ctx.finding(
                        file, line,
                        f"“{variant}”疑似{what}：本期“{name}”出现 {uses} 次，此处只出现 1 次。",
                        needle=variant, document=ctx.records.document_label(d["doc_id"]), suggestion=name,
                        data={"found": variant, "likely": name, "uses": uses, "kind": how},
                    )
                    break


def _counts(text: str, head: str, words: set[str]) -> dict[str, int]:
    """``text.count(w)`` for each of `words` that occurs, all of which begin with `head`: one
    scan for `head` instead of one scan of the text per word."""
    if not head:
        return {w: text.count(w) for w in words}
    lengths = sorted({len(w) for w in words})
    found: dict[str, int] = {}
    ends: dict[str, int] = {}  # where the last counted occurrence ends: str.count does not overlap
    at = text.find(head)
    while at >= 0:
        for n in lengths:
            w = text[at:at + n]
            if w in words and at >= ends.get(w, 0):
                found[w] = found.get(w, 0) + 1
                ends[w] = at + n
        at = text.find(head, at + 1)
    return found


_CONTEXT = 2  # Chinese characters on each side that must match a full-name use elsewhere


def _truncated_city(ctx: RuleContext, file: str, rows: list[tuple[dict, int, str]], full: str,
                    city: str) -> Iterator[Finding]:
    """The issue's city name with one or two inner characters dropped (某某江市 → 某市) inside a
    phrase the same issue also writes with the full name (人民银行某市中心支行 / 人民银行某某江市中心支行)."""
    if len(city) < 3:
        return
    cuts = {city[:i] + city[j:] for i in range(1, len(city) - 1) for j in range(i + 1, min(i + 2, len(city) - 1) + 1)}
    for cut in sorted(cuts, key=len):
        if cut == city or len(cut) < 2:
            continue
        for d, line, text in rows:
            at = text.find(cut)
            while at >= 0:
                start, end = at, at + len(cut)
                at = text.find(cut, at + 1)
                pre, post = text[max(0, start - _CONTEXT):start], text[end:end + _CONTEXT + 2]
                if len(pre) < _CONTEXT or len(post) < _CONTEXT + 2 or not _HAN_ONLY.fullmatch(pre + post):
                    continue
                if text.startswith(city, start) or (pre + city + post) not in full:
                    continue
                yield ctx.finding(
                    file, line,
                    f"“{cut}”疑似漏写了字：本期同一名称写作“{pre}{city}{post}…”，城市名为“{city}”。",
                    needle=pre + cut + post, document=ctx.records.document_label(d["doc_id"]), suggestion=city,
                    data={"found": cut, "likely": city, "kind": "dropped", "context": pre + city + post},
                )
