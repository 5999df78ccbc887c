"""Department-name rules (DP): organ names checked against a registry and against each other.

Organ names come from the records: the 责任单位/牵头单位 lists, signatures and addressees
and the names beginning with 市 anywhere in the text (``mentions`` kind ``organ``; role
``text`` for the last, :mod:`gazette_checks.extract.organs`), and the organ columns of task tables. They are compared after
:func:`gazette_checks.organs.normalise` (city name → 市), with the registry of
:mod:`gazette_checks.organs` (national list plus the optional per-city file).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pandas as pd
import regex as re

from .. import organs as O
from ..findings import Finding
from ..records import tuples
from .base import RuleContext, rule
from .shared_rows import sorted_mention_rows

_LIST_ROLES = ("责任单位", "牵头单位", "配合单位", "参与单位", "主责单位", "协办单位", "牵头部门",
               "责任部门", "配合部门", "table")
_ROLE_PREFIX = re.compile(r"^(?:[\p{Han}]{2,4}(?:单位|部门))[：:]")
_ORGAN_COLUMN = re.compile(r"单位|部门")
_CELL_NAMES = re.compile(r"[、，,；;\s]+")
_ENDS_LIKE_ORGAN = re.compile(O.ORGAN_END + "$")
_GOV_AGENCY = re.compile(r"政[发规综函复干调令]?$")


@dataclass(frozen=True)
class _Name:
    file: str
    line: int
    doc_id: str | None
    role: str
    raw: str
    form: str


def _registry(ctx: RuleContext) -> O.Registry:
    return ctx.shared(("organ_registry", ctx.config.organs_file), lambda: O.load_registry(ctx.config.organs_file))


def _city_names(ctx: RuleContext) -> Callable[[str], list[str]]:
    """The city names of a file (:func:`_cities`), computed once for DP01–DP04."""
    reg = _registry(ctx)
    cities = ctx.shared(("organ_cities", ctx.config.organs_file), lambda: _cities(ctx, reg))
    return lambda file: cities.get(file, reg.cities)


def _names(ctx: RuleContext) -> list[_Name]:
    """Every organ name of the records (lists first, then text), computed once for DP01–DP03."""
    cities = _city_names(ctx)
    return ctx.shared(("organ_names", ctx.config.organs_file),
                      lambda: _listed_names(ctx, cities) + _text_names(ctx, cities))


def _cities(ctx: RuleContext, reg: O.Registry) -> dict[str, list[str]]:
    """The city names of each file: the registry's, the masthead's, those of the signers and issuers.

    Each file's own, so that a file's organ names read the same alone and among other cities' files.
    """
    rec = ctx.records
    found: dict[str, list[str]] = {}
    if len(rec.issues):
        for f, c in zip(rec.issues["file"], rec.issues["city"], strict=True):
            if isinstance(c, str) and c:
                found.setdefault(f, []).append(c)
    names: dict[str, list[str]] = {}
    if len(rec.documents):
        docs = rec.documents
        for col in ("signer", "issuer"):
            for f, v in zip(docs["file"], docs[col], strict=True):
                if v is not None and v == v:
                    names.setdefault(f, []).append(v)
    out: dict[str, list[str]] = {}
    for f in dict.fromkeys([*found, *names]):
        mine = out[f] = []
        for c in [*reg.cities, *found.get(f, []), *O.cities_from(names.get(f, []))]:
            if c not in mine:
                mine.append(c)
    return out


def _listed_names(ctx: RuleContext, cities: Callable[[str], list[str]]) -> list[_Name]:
    """Organ names from responsibility lists, signatures, addressees and organ table columns."""
    out: list[_Name] = []
    for r in ctx.records.mention_rows("organ"):
        if r.role in ("text", "level_text"):
            continue
        for part in O.split_alias(_ROLE_PREFIX.sub("", str(r.text))):
            form = O.normalise(part, cities(r.file))
            if form.startswith("市") and 3 <= len(form) <= 20:
                out.append(_Name(r.file, int(r.line), r.doc_id, str(r.role), part, form))
    cells = ctx.records.rows("tables")
    keys = {(r.table_id, r.col) for r in cells
            if r.is_header and isinstance(r.text, str) and _ORGAN_COLUMN.search(r.text)}
    if keys:
        for r in cells:
            if r.is_header or (r.table_id, r.col) not in keys or not isinstance(r.text, str):
                continue
            for part in _CELL_NAMES.split(r.text):
                for p2 in O.split_alias(part):
                    form = O.normalise(p2, cities(r.file))
                    if form.startswith("市") and 3 <= len(form) <= 20 and _ENDS_LIKE_ORGAN.search(form):
                        out.append(_Name(r.file, int(r.line), r.doc_id, "table", p2, form))
    return out


def _text_names(ctx: RuleContext, cities: Callable[[str], list[str]]) -> list[_Name]:
    """Names beginning with 市 in the running text of the documents being checked."""
    own = set(ctx.records.own_files)
    return [_Name(r.file, int(r.line), r.doc_id, "text", r.text, O.normalise(r.text, cities(r.file)))
            for r in sorted_mention_rows(ctx, "organ") if r.role == "text" and r.file in own]


def _level_names(ctx: RuleContext) -> list[_Name]:
    """Names with a 区/县/旗 level prefix (``区发改局``) in the lists and the running text of the
    documents being checked (DP01 compares them with each other, never with 市 names)."""
    own = set(ctx.records.own_files)
    out = []
    for r in sorted_mention_rows(ctx, "organ"):
        if r.file not in own or r.role == "text" or not isinstance(r.text, str):
            continue
        for part in O.split_alias(_ROLE_PREFIX.sub("", r.text)) if r.role != "level_text" else [r.text]:
            form = O.normalise(part)
            if form[:1] in "区县旗" and 4 <= len(form) <= 20 and _ENDS_LIKE_ORGAN.search(form):
                out.append(_Name(r.file, int(r.line), r.doc_id, str(r.role), part, form))
    return out


def _doc_dates(ctx: RuleContext) -> dict[str, _dt.date]:
    out = {}
    for d in tuples(ctx.records.documents):
        if isinstance(d.date, str) and d.date:
            out[d.doc_id] = _dt.date.fromisoformat(d.date)
    return out


def _label(ctx: RuleContext, doc_id: str | None) -> str:
    return ctx.records.document_label(doc_id) if isinstance(doc_id, str) else ""


# --------------------------------------------------------------------------- DP01
@rule(
    "DP01", "departments.misspelt_organ_name", "departments", "warning",
    "机构名称疑似错字", "Organ name one character away from a known organ",
    "《党政机关公文处理工作条例》第九条要求发文机关署名、主送机关使用全称或者规范化简称；"
    "机构名称写错一个字（错字、多字、重字）会使责任主体不明确，也会给检索和归档带来困难。",
    fix="核对机构的规范名称（全称或规范化简称）并改正。",
    options={"min_known_uses": 3},
    example_bad="牵头单位：市生态环镜局", example_good="牵头单位：市生态环境局",
)
def misspelt_organ_name(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for organ names one character away from a known organ or from a name used often in the same issue.

    ## Known problems

    Names shorter than four characters are not compared, and a form used at least ``min_known_uses`` times
    in one issue is taken as a real local organ, not a slip. A one-off form one character away from two
    forms the issue uses is named only when one of them is used at least twice as often as the other.

    Names written with a 区/县/旗 level prefix (``区发政局`` once, ``区发改局`` four times) are judged
    only on the issue's own evidence: against forms of the same prefix used at least ``min_known_uses``
    times, and only when the registry does not know the form read at city level (``区民政局`` is
    a real organ, though one character away from ``区财政局``). Such names are read where they
    open a phrase or follow 由, 会同, 和, 及… (``责任单位：区发改局``, ``由区财政局牵头``).
    A slip after other characters is not read (``督促区发政局``). A city gazette carrying documents of two counties whose
    organs are named differently (``县文旅局`` in one, ``县文广局`` in the other) may be reported.

    ## Options

    - ``min_known_uses``: a name used this many times or more in one issue counts as attested: it is
      never reported and other names of that issue are compared with it
    """
    reg, names = _registry(ctx), _names(ctx)
    uses: dict[str, Counter] = {}
    for n in {(n.file, n.line, n.form): n for n in names}.values():
        uses.setdefault(n.file, Counter())[n.form] += 1
    min_uses = int(ctx.option("min_known_uses"))
    registry_forms = set(reg.all_forms()) | set(reg.retired_by_form)
    attested_in = {
        file: {f for f, k in c.items() if k >= min_uses} for file, c in uses.items()
    }
    near_registry: dict[str, list[str]] = {}
    seen: set[tuple[str, str]] = set()
    level_names = _level_names(ctx)
    for n in {(n.file, n.line, n.form): n for n in level_names}.values():
        uses.setdefault(n.file, Counter())[n.form] += 1
        if uses[n.file][n.form] == min_uses:
            attested_in.setdefault(n.file, set()).add(n.form)
    for n in names + level_names:
        level = n.form[0] != "市"
        if reg.known(O.as_city_level(n.form)) or (n.file, n.form) in seen or len(n.form) < 4:
            continue
        if uses[n.file][n.form] >= min_uses:
            continue  # used consistently in this issue: a local organ, not a slip
        # forms written at least min_uses times in this issue, registry forms included: a short
        # form (市财政局) used many times is evidence against a one-off 市材政局; a 区/县/旗 form is
        # compared only with forms of its own level prefix
        attested = [f for f in attested_in.get(n.file, ()) if f[0] == n.form[0]]
        local = O.near_misses(n.form, attested, strict=False)
        if len(local) > 1:
            # one character away from two organs the issue uses: only a clear favourite (twice the uses) is named
            counts = sorted(((uses[n.file][f], f) for f in local), reverse=True)
            if counts[0][0] < 2 * counts[1][0]:
                continue
            local = [counts[0][1]]
        hits = local
        if not hits and not level:  # a 区/县/旗 form is judged on this issue's evidence only
            if n.form not in near_registry:
                near_registry[n.form] = O.near_misses(n.form, registry_forms)
            hits = near_registry[n.form]
        if not hits:
            continue
        seen.add((n.file, n.form))
        line = n.line
        target = hits[0]
        shown = n.raw if n.raw else n.form
        fixed = O.with_place(target, shown, n.form)
        if hits[0] in attested:
            why = f"本期中“{target}”出现 {uses[n.file][target]} 次"
        else:
            why = "与规范机构名称只差一个字"
        yield ctx.finding(
            n.file, line,
            f"机构名称“{shown}”疑似写错，{why}，可能应为“{fixed}”。",
            needle=shown, document=_label(ctx, n.doc_id), suggestion=fixed,
            data={"found": shown, "normalised": n.form, "likely": target, "candidates": hits},
        )


# --------------------------------------------------------------------------- DP02
@rule(
    "DP02", "departments.inconsistent_short_forms", "departments", "warning",
    "同一机构简称不一致", "One organ written in two different short forms",
    "《党政机关公文处理工作条例》第九条要求使用机构全称或者规范化简称；同一文件的责任分工中对同一机构使用"
    "不同简称（如“市卫健委”与“市卫生健康委”），读者难以判断是否为同一单位。",
    fix="在同一文件的责任单位列表中统一使用一种规范化简称。",
    example_bad="〔责任单位：市卫健委〕……〔责任单位：市卫生健康委〕",
    example_good="〔责任单位：市卫健委〕……〔责任单位：市卫健委〕",
)
def inconsistent_short_forms(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for one organ written in two different short forms within one issue."""
    reg, names = _registry(ctx), _names(ctx)
    groups: dict[tuple[str, str], list[_Name]] = {}  # (document, organ) -> its names, in text order
    seen: set[tuple[str, int, str]] = set()
    for n in names:
        if n.role not in (*_LIST_ROLES, "text") or not isinstance(n.doc_id, str):
            continue
        o = reg.lookup(n.form)
        if o is None or n.form == o.name or (n.file, n.line, n.form) in seen:
            continue
        seen.add((n.file, n.line, n.form))
        groups.setdefault((n.doc_id, o.name), []).append(n)
    for (doc_id, organ), g in groups.items():
        forms = _by_use(n.form for n in g)
        if len(forms) < 2:
            continue
        listed = {n.form for n in g if n.role != "text"}
        main = forms[0][0]
        a = next(n for n in g if n.form == main)
        for other, _k in forms[1:]:
            b = next(n for n in g if n.form == other)
            # both forms in 责任单位-type lists: a clear inconsistency; in running text: a hint
            sev = None if {main, other} <= listed else "info"
            yield ctx.finding(
                b.file, b.line,
                f"同一文件中“{organ}”的简称不一致：此处写作“{b.raw}”，别处写作“{a.raw}”"
                f"（{forms[0][1]} 次）。",
                needle=b.raw, document=_label(ctx, doc_id), suggestion=a.raw, severity=sev,
                related=[ctx.location(a.file, a.line, a.raw)],
                data={"organ": organ, "forms": dict(forms)},
            )


def _by_use(forms: Iterable[str]) -> list[tuple[str, int]]:
    """(form, uses), most used first; forms used equally often in the order they first appear."""
    return sorted(Counter(forms).items(), key=lambda fk: -fk[1])


# --------------------------------------------------------------------------- DP03
@rule(
    "DP03", "departments.retired_organ_name", "departments", "warning",
    "使用已撤销的机构名称", "Organ name retired by the institutional reform",
    "2018—2019 年机构改革后，部分机构已撤销或更名（如市环境保护局→市生态环境局）。成文日期在撤销之后的公文"
    "仍使用旧名称，责任主体不存在，违反《党政机关公文处理工作条例》第九条关于使用机构全称或规范化简称的要求。",
    fix="改用现行机构名称；若确指历史机构，请加“原”字。",
    example_bad="（2022年）牵头单位：市环保局", example_good="（2022年）牵头单位：市生态环境局",
)
def retired_organ_name(ctx: RuleContext) -> Iterator[Finding]:
    """Checks for organ names retired by an institutional reform, used in documents dated after the reform."""
    reg, names = _registry(ctx), _names(ctx)
    dates = _doc_dates(ctx)
    seen: set[tuple[str, int, str]] = set()
    for n in names:
        r = reg.retired_name(n.form)
        if r is None or n.doc_id not in dates or dates[n.doc_id] <= r.retired:
            continue
        key = (n.file, n.line, n.form)
        if key in seen:
            continue
        seen.add(key)
        if re.search(r"原\s*" + re.escape(n.raw[:2]), ctx.records.excerpt_text(n.file, n.line)):
            continue
        yield ctx.finding(
            n.file, n.line,
            f"“{n.raw}”已于机构改革中撤销或更名（{r.retired.year} 年前），本文成文日期 {dates[n.doc_id]} 仍使用旧名称；"
            f"现行名称为“{r.successor}”。",
            needle=n.raw, document=_label(ctx, n.doc_id), suggestion=r.successor,
            data={"name": n.raw, "retired": r.retired.isoformat(), "successor": r.successor},
        )


# --------------------------------------------------------------------------- DP04
_GOV_END = re.compile(r"人民政府$|政府$")
_OFFICE_END = re.compile(r"人民政府办公(?:室|厅)$|政府办公(?:室|厅)$")


_UPPER_LEVEL = re.compile(r"^(?:[\p{Han}]{2,7}?)?(?:省|自治区|市)(?=[\p{Han}]{2,9}?(?:区|县|市|旗|州|盟)[\p{Han}]{2,})")


def _organ_key(name: str, cities: list[str]) -> str:
    """An organ name as DP04 compares it: the level above dropped (上海市青浦区… = 青浦区…) and the
    usual short forms allowed (住房城乡建设管理委 = 住房和城乡建设管理委员会)."""
    s = _UPPER_LEVEL.sub("", O.normalise(name, cities))
    return s.replace("委员会", "委").replace("和", "")


@rule(
    "DP04", "departments.issuer_mismatch", "departments", "warning",
    "发文机关与机关代字或落款不一致", "Issuer does not match the 机关代字 or the signature",
    "GB/T 9704-2012 §7.2.5 规定发文字号由发文机关代字、年份、发文顺序号组成，§7.3.5 规定落款署发文机关"
    "署名；发文机关标志（标题中的发文机关）、机关代字和落款应指同一机关。“X政办发”是政府办公室的代字，"
    "由政府署名的文件不应使用，反之亦然。",
    fix="核对发文机关：改正发文字号的机关代字，或改正标题/落款中的机关名称。",
    example_bad="某政办发〔2024〕3号 …… 落款：某某市人民政府",
    example_good="某政发〔2024〕3号 …… 落款：某某市人民政府",
)
def issuer_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Checks that the issuer of a document matches its 机关代字 and its signature."""
    cities = _city_names(ctx)
    for d in tuples(ctx.records.documents):
        signer = d.signer if isinstance(d.signer, str) else ""
        signers = [s for s in signer.split("、") if s]
        label = _label(ctx, d.doc_id)
        agency = d.agency if isinstance(d.agency, str) else ""
        if len(signers) == 1 and agency and pd.notna(d.doc_number_line):
            s = signers[0]
            office = bool(_OFFICE_END.search(s))
            gov = bool(_GOV_END.search(s)) and not office
            line = int(d.doc_number_line)
            if office and "政" in agency and "办" not in agency and _GOV_AGENCY.search(agency):
                yield ctx.finding(
                    d.file, line,
                    f"发文字号“{d.doc_number}”的机关代字“{agency}”是政府的代字，但落款是“{s}”（政府办公室）。",
                    needle=agency, document=label,
                    related=[ctx.location(d.file, int(d.signer_line), s)] if d.signer_line == d.signer_line else [],
                    data={"agency": agency, "signer": s})
            elif gov and "政办" in agency:
                yield ctx.finding(
                    d.file, line,
                    f"发文字号“{d.doc_number}”的机关代字“{agency}”是政府办公室的代字，但落款是“{s}”（政府）。",
                    needle=agency, document=label,
                    related=[ctx.location(d.file, int(d.signer_line), s)] if d.signer_line == d.signer_line else [],
                    data={"agency": agency, "signer": s})
        issuer = d.issuer if isinstance(d.issuer, str) else ""
        title = d.title if isinstance(d.title, str) else ""
        if not issuer or not signers or not title.startswith(issuer.split("、")[0]):
            continue  # the heading names no organ: the issuer was taken from the signature
        a = {_organ_key(x, cities(d.file)) for x in issuer.split("、") if x}
        b = {_organ_key(x, cities(d.file)) for x in signers}
        if a != b:
            yield ctx.finding(
                d.file, int(d.title_line),
                f"标题中的发文机关“{issuer}”与落款“{signer}”不一致。",
                needle=issuer.split("、")[0], document=label,
                related=[ctx.location(d.file, int(d.signer_line), signers[0])] if d.signer_line == d.signer_line else [],
                data={"issuer": issuer, "signer": signer})
