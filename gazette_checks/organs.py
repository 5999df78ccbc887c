"""Registry of organ names (机构名称): load the data, normalise a name, find near misses.

The dated renames of ``data/renames.toml`` (the 2023 financial-regulator and 人民银行 branch
reforms, the 2018 ones before them) are read by :func:`renames`.

The built-in registry ``data/organs_national.toml`` lists the standard municipal
organs after the 2018–2019 institutional reform, written with the generic prefix
``市`` (``市发展和改革委员会``), with their accepted short forms, and the names the
reform retired (with the date and the successor).

A per-city file (``organs_file`` in the configuration) uses the same TOML format
and adds local organs or short forms::

    format_version = 1
    city = "某某市"                # optional: the city's own name

    [[organ]]
    name = "市经济合作促进局"       # full name, city name replaced by 市
    aliases = ["市经合局"]          # accepted short forms

    [[retired]]
    name = "市招商局"
    aliases = []
    retired = "2019-12-31"
    successor = "市经济合作促进局"

Names are compared after :func:`normalise`: whitespace and markup removed, width
folded, a leading ``中共`` dropped and the city's own name (``某某市``) replaced by
``市``. The city names come from the text (the gazette masthead, the signers
``某某市人民政府``), never from the code.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex as re

from . import patterns as P
from .exceptions import ConfigError

#: Ends of an organ name, longest first within each alternative.
ORGAN_END = r"(?:委员会办公室|领导小组办公室|委员会|办公室|管委会|联合会|局|委|办(?![法理事])|部(?![门署分])|支队|中心)"
#: An organ named in running text: 市 + 1-14 characters + an organ ending (shortest match).
ORGAN_IN_TEXT = re.compile(r"(?<![城都超门股夜集])市[\p{Han}]{1,14}?" + ORGAN_END)
_GOV_END = r"(?:人民政府(?:办公室|办公厅)?|政府)$"
_LIST_SEP = re.compile(r"[、，,\s]+")
_ALIAS = re.compile(r"^(?P<main>[^（(]+)[（(](?P<inner>[^）)]+)[）)]?$")


@dataclass(frozen=True)
class Organ:
    """One organ: its full name and accepted short forms (all with the 市 prefix)."""

    name: str
    aliases: tuple[str, ...] = ()
    local: bool = False


@dataclass(frozen=True)
class RetiredName:
    """A name retired by an institutional reform."""

    name: str
    aliases: tuple[str, ...]
    retired: _dt.date
    successor: str


@dataclass
class Registry:
    """Known organ names: lookup by any written form."""

    organs: list[Organ] = field(default_factory=list)
    retired: list[RetiredName] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self.by_form: dict[str, Organ] = {}
        for o in self.organs:
            for form in (o.name, *o.aliases):
                self.by_form.setdefault(form, o)
        for o in self.organs:  # the usual short form drops 和: 市人力资源社会保障局, 市文化旅游局
            for form in (o.name, *o.aliases):
                if "和" in form[1:-1]:
                    self.by_form.setdefault(form.replace("和", ""), o)
        self.retired_by_form: dict[str, RetiredName] = {}
        for r in self.retired:
            for form in (r.name, *r.aliases):
                if form not in self.by_form:
                    self.retired_by_form.setdefault(form, r)

    def extend(self, other: Registry) -> None:
        """Add the organs, retired names and cities of `other` (a city file)."""
        self.organs.extend(other.organs)
        self.retired.extend(other.retired)
        self.cities.extend(c for c in other.cities if c not in self.cities)
        self._index()

    def lookup(self, form: str) -> Organ | None:
        """The organ written `form` (already normalised), or None."""
        return self.by_form.get(form)

    def is_full_name(self, form: str) -> bool:
        """True when `form` is the full name of a known organ."""
        o = self.by_form.get(form)
        return o is not None and o.name == form

    def retired_name(self, form: str) -> RetiredName | None:
        """The retired name written `form`, or None."""
        return self.retired_by_form.get(form)

    def known(self, form: str) -> bool:
        """True for a current or retired known form."""
        return form in self.by_form or form in self.retired_by_form

    def all_forms(self) -> list[str]:
        """Every current written form."""
        return list(self.by_form)


def _parse(data: dict, origin: str) -> Registry:
    try:
        organs = [Organ(str(o["name"]), tuple(str(a) for a in o.get("aliases", [])), bool(o.get("local", False)))
                  for o in data.get("organ", [])]
        retired = [RetiredName(str(r["name"]), tuple(str(a) for a in r.get("aliases", [])),
                               _dt.date.fromisoformat(str(r["retired"])), str(r.get("successor", "")))
                   for r in data.get("retired", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: bad organ registry entry: {exc}") from exc
    cities = [str(data["city"])] if data.get("city") else []
    return Registry(organs, retired, cities)


@lru_cache(maxsize=1)
def _national_data() -> dict:
    text = resources.files("gazette_checks").joinpath("data/organs_national.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_registry(organs_file: str | Path | None = None) -> Registry:
    """The national registry, extended by the per-city file `organs_file` if given."""
    reg = _parse(_national_data(), "organs_national.toml")
    if organs_file:
        p = Path(organs_file)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{p}: cannot read organ registry: {exc}") from exc
        reg.extend(_parse(data, str(p)))
    return reg


# ------------------------------------------------------------------ levels
@dataclass(frozen=True)
class Level:
    """An administrative level (``data/levels.toml``): how its places end, the generic prefix of its
    organs, the name of its government's general office (办公厅 or 办公室), its rank (1 = province)."""

    key: str
    name: str
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]
    office: str
    rank: int
    canonical: str = "市"


@dataclass(frozen=True)
class Levels:
    """Every level, and the 直辖市 (named in the data: they end in 市 but rank as provinces)."""

    levels: tuple[Level, ...]
    municipalities: frozenset[str]

    def get(self, key: str) -> Level:
        """The level named `key` (``province``, ``municipality``, ``prefecture``, ``county``, ``district``)."""
        return next(lv for lv in self.levels if lv.key == key)

    def of_place(self, place: str) -> Level | None:
        """The level of place name `place` (``某某省``, ``某某县``…), or None when its ending names none."""
        p = P.squash(place or "")
        if p in self.municipalities:
            return self.get("municipality")
        best = max(((len(suf), lv) for lv in self.levels for suf in lv.suffixes if p.endswith(suf) and len(p) > len(suf)),
                   key=lambda x: x[0], default=None)
        return best[1] if best else None


@lru_cache(maxsize=1)
def levels() -> Levels:
    """The administrative levels of ``data/levels.toml``."""
    data = tomllib.loads(resources.files("gazette_checks").joinpath("data/levels.toml").read_text("utf-8"))
    out = tuple(Level(str(x["key"]), str(x["name"]), tuple(x.get("suffixes", [])), tuple(x.get("prefix", [])),
                      str(x["office"]), int(x["rank"]), str(x.get("canonical", "市"))) for x in data["level"])
    return Levels(out, frozenset(data.get("municipalities", [])))


def place_level(place: str) -> Level | None:
    """The administrative level of `place`, read from its name.

    >>> place_level("某某省").office, place_level("某某县").office
    ('办公厅', '办公室')
    """
    return levels().of_place(place)


def office_name(place: str) -> str | None:
    """The general office of `place`'s people's government: ``办公厅`` (province, autonomous region,
    直辖市) or ``办公室`` (prefecture city, county, district); None for a place of unknown level."""
    lv = place_level(place)
    return lv.office if lv else None


@lru_cache(maxsize=1)
def _gov_pattern() -> re.Pattern:
    sufs = sorted({s for lv in levels().levels for s in lv.suffixes} | {"市"}, key=len, reverse=True)
    return re.compile(rf"^(?P<city>[\p{{Han}}]{{2,8}}?(?:{'|'.join(sufs)})){_GOV_END}")


def cities_from(names: Iterable[str]) -> list[str]:
    """Place names (``某某市``, ``某某县``, ``某某省``) taken from government names such as ``某某市人民政府``.

    The endings a place may have are those of ``data/levels.toml``.
    """
    out: list[str] = []
    gov = _gov_pattern()
    for n in names:
        if not isinstance(n, str):
            continue
        for part in _LIST_SEP.split(n):
            m = gov.match(P.squash(part))
            if m and m["city"] not in out:
                out.append(m["city"])
    return out


def normalise(name: str, cities: Iterable[str] = ()) -> str:
    """The comparable form of an organ name: the place's name → its level's prefix, 中共 dropped,
    width folded.

    `cities` are the places of the text (masthead, signatures, configuration), its own place
    first. A place's name is replaced by the canonical prefix of its level (``data/levels.toml``):
    ``市`` for the levels the registry (written with 市) describes, cities, 直辖市, counties and
    districts; ``省`` for provinces. So is the generic prefix of the own place's level, so that
    ``县发展和改革局`` and ``某某县发展和改革局`` read the same in a county's text, and
    ``省人民政府办公厅`` and ``某某省人民政府办公厅`` in a province's.

    >>> normalise("某某市发展和改革委员会", ["某某市"])
    '市发展和改革委员会'
    >>> normalise("中共某某市委组织部", ["某某市"])
    '市委组织部'
    >>> normalise("县发展和改革局", ["某某县"]), normalise("某某县发展和改革局", ["某某县"])
    ('市发展和改革局', '市发展和改革局')
    >>> normalise("某某省财政厅", ["某某省"]), normalise("自治区财政厅", ["某某自治区"])
    ('省财政厅', '省财政厅')
    >>> normalise("县发展和改革局", ["某某市"])
    '县发展和改革局'
    """
    return _normalise(name or "", cities if isinstance(cities, tuple) else tuple(cities))


@lru_cache(maxsize=65536)
def _normalise(name: str, cities: tuple[str, ...]) -> str:
    s = unicodedata.normalize("NFKC", P.squash(P.strip_markup(name)))
    s = s.replace("(", "（").replace(")", "）").strip("。.，,；;：:")
    if s.startswith("中共") and len(s) > 4:
        s = s[2:]
    for c in _longest_first(cities):
        if c and s.startswith(c) and len(s) > len(c):
            return _canonical(c) + s[len(c):]
    if cities:
        for prefix in _own_prefixes(cities[0]):
            if s.startswith(prefix) and len(s) > len(prefix) + 1:
                return _canonical(cities[0]) + s[len(prefix):]
    return s


@lru_cache(maxsize=256)
def _canonical(place: str) -> str:
    lv = place_level(place)
    return lv.canonical if lv else "市"


def with_place(target: str, written: str, form: str) -> str:
    """Registry form `target` written with the place `written` carries (`form` is `written`
    normalised): the 市 that stands for the text's own level becomes what it replaced.

    >>> with_place("市生态环境局", "某某县生态环镜局", "市生态环镜局")
    '某某县生态环境局'
    >>> with_place("市生态环境局", "县生态环镜局", "市生态环镜局")
    '县生态环境局'
    """
    w = P.squash(written)
    if target.startswith("市") and form.startswith("市") and len(w) >= len(form) and w.endswith(form[1:]):
        return w[: len(w) - len(form) + 1] + target[1:]
    return target


def expected_office(name: str, places: Iterable[str] = ()) -> str | None:
    """The name `name` should have when it calls a people's government's general office by the
    other level's word (``某某县人民政府办公厅`` → ``某某县人民政府办公室``; ``省人民政府办公室`` in a text
    of `places` whose own place is a province → ``省人民政府办公厅``); None when it is right or unknown."""
    s = P.squash(name)
    m = re.match(r"^(?P<head>.*?)(?:人民政府|政府)(?P<office>办公厅|办公室)$", s)
    if not m or not m["head"]:
        return None
    head, places = m["head"], list(places)
    lv = place_level(head)
    own = place_level(places[0]) if places else None
    if lv is None and own is not None and head in own.prefixes:
        lv = own  # 省人民政府办公厅, 县政府办公室: the generic prefix of the text's own level
    if lv is None or lv.office == m["office"]:
        return None
    return s[: m.start("office")] + lv.office


@lru_cache(maxsize=256)
def _own_prefixes(place: str) -> tuple[str, ...]:
    """The generic prefixes organs of `place`'s level are written with, other than its canonical one,
    longest first."""
    lv = place_level(place)
    return tuple(sorted((p for p in lv.prefixes if p != lv.canonical), key=len, reverse=True)) if lv else ()


@lru_cache(maxsize=256)
def _longest_first(cities: tuple[str, ...]) -> list[str]:
    return sorted(cities, key=len, reverse=True)


def split_alias(name: str) -> list[str]:
    """``市财政局（市国资办）`` → [``市财政局``, ``市国资办``]; brackets may be unclosed."""
    m = _ALIAS.match(name)
    if m:
        return [m["main"], m["inner"]]
    return [name]


def edit_distance_one(a: str, b: str) -> bool:
    """True when `a` and `b` differ by exactly one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def near_misses(form: str, known: Iterable[str], *, strict: bool = True) -> list[str]:
    """Known forms one edit away from `form` (which is not itself known).

    With `strict` (the default, for comparison with the registry) only slips
    that rarely make another real organ count: a doubled character
    (``市市城管局``), a changed organ ending (``市委组织委``; not 委/局 or 厅/室, which tell
    levels and cities apart), or any one-character
    change in a name of six characters or more (``市生态环镜局``). Short forms of
    four or five characters differ by one character from other real organs too
    often (``市文物局``/``市文旅局``) to be judged without local evidence.
    """
    out = []
    for k in known:
        if len(k) < 4 or not edit_distance_one(form, k) or _other_level(form, k):
            continue
        if not strict or _plausible_slip(form, k):
            out.append(k)
    return sorted(out)


@lru_cache(maxsize=1)
def _level_pairs() -> tuple[frozenset[str], ...]:
    """One character that tells organs of different levels or kinds apart, each real somewhere: the
    general offices of the levels (``data/levels.toml``: a province or 直辖市 has a 办公厅 where a
    city has a 办公室); 交通委/交通局, 发改委/发改局, 卫健委/卫健局 differ from city to city and level
    to level."""
    offices = {lv.office for lv in levels().levels}
    pairs = [frozenset((a[i], b[i])) for a in offices for b in offices if a < b and len(a) == len(b)
             for i in range(len(a)) if a[i] != b[i]]
    return (*pairs, frozenset("委局"))


def _other_level(form: str, k: str) -> bool:
    """`form` and `k` differ only in a character that names another level or kind of organ."""
    if len(form) != len(k):
        return False
    diff = [(a, b) for a, b in zip(form, k, strict=True) if a != b]
    return len(diff) == 1 and frozenset(diff[0]) in _level_pairs()


_ENDINGS = set("局委办部")


def _plausible_slip(form: str, k: str) -> bool:
    if len(form) == len(k) + 1:
        i = next((j for j in range(len(k)) if form[j] != k[j]), len(k))
        if i > 0 and form[i] == form[i - 1] or i + 1 < len(form) and form[i] == form[i + 1]:
            return True  # 重字
    if len(form) == len(k) and form[:-1] == k[:-1] and form[-1] in _ENDINGS and k[-1] in _ENDINGS:
        return True
    return len(form) >= 6 and len(k) >= 6


def organs_in_text(text: str) -> list[tuple[str, int]]:
    """Organ-like names in one line of running text, as (name, column).

    Only names that begin with 市 (or a city name ending in 市) are found; the
    caller normalises them.
    """
    out: list[tuple[str, int]] = []
    for m in ORGAN_IN_TEXT.finditer(text):
        name = m.group(0)
        if name.startswith("市场"):
            continue
        out.append((name, m.start()))
    return out


#: An organ written with a district, county or banner level prefix (区发改局, 县财政局) opening a
#: phrase or after 由, 会同, 和…: not inside a word (社区居委会, 园区管委会) nor 区域…, 县级…, 区县….
LEVEL_ORGAN_IN_TEXT = re.compile(r"(?:(?<!\p{Han})|(?<=[由同和及与向报经请对交]))[区县旗](?![域级乡县镇区内外])[\p{Han}]{1,12}?" + ORGAN_END)


def level_organs_in_text(text: str) -> list[tuple[str, int]]:
    """Organ names with a 区/县/旗 level prefix in one line of running text, as (name, column)."""
    return [(m.group(0), m.start()) for m in LEVEL_ORGAN_IN_TEXT.finditer(text)]


def as_city_level(form: str) -> str:
    """``区发改局`` → ``市发改局``: a form with a 区/县/旗 level prefix written as the registry writes organs."""
    return "市" + form[1:] if form[:1] in "区县旗" else form


_PLACE = r"[\p{Han}]{2,4}?"


@dataclass(frozen=True)
class Rename:
    """A name retired on `date` and what replaced it (``data/renames.toml``)."""

    old: str
    pattern: re.Pattern
    new: str
    new_pattern: re.Pattern
    date: _dt.date
    source: str
    #: Found wherever `pattern` or `new_pattern` is: both with a leading place dropped (a cheap first test).
    anchor: re.Pattern | None = None


def _anchor(*patterns: str) -> re.Pattern:
    """A pattern found wherever one of `patterns` is found: each with the {place} that opens an
    alternative dropped, so that it starts with a literal and scans fast."""
    parts = [re.sub(r"(^|\||\(\?:)\{place\}", r"\1", p).replace("{place}", _PLACE) for p in patterns]
    return re.compile("|".join(f"(?:{p})" for p in parts))


@lru_cache(maxsize=1)
def renames() -> tuple[Rename, ...]:
    """The dated renames of ``data/renames.toml``."""
    data = tomllib.loads(resources.files("gazette_checks").joinpath("data/renames.toml").read_text("utf-8"))
    return tuple(
        Rename(str(r["old"]), re.compile(str(r["pattern"]).replace("{place}", _PLACE)), str(r["new"]),
               re.compile(str(r["new_pattern"]).replace("{place}", _PLACE)),
               _dt.date.fromisoformat(str(r["date"])), str(r.get("source", "")),
               _anchor(str(r["pattern"]), str(r["new_pattern"])))
        for r in data.get("rename", [])
    )
