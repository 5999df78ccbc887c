"""China's place names (provinces, prefecture cities, counties) and their one-character slips.

The list is ``data/places.tsv`` (made by ``scripts/make_places.py`` from public administrative
division codes). :func:`slips` gives, for every listed name of three characters or more, the
forms it takes with an inner character doubled (``东安安区``) or dropped (``牡江市``) that are
not themselves a listed name; the extractor ``extract/places.py`` looks for them in the text
and the rule DP08 judges them against the province the text is from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: The characters a listed name ends with.
LEVEL_ENDS = frozenset("省市区县旗州盟")
#: Level words inside a name; never doubled or dropped (某某区区政府, 市中区 are correct text).
_LEVELS = frozenset("省市区县旗州盟")


@dataclass(frozen=True)
class Slip:
    """A form of listed name `name` with one character doubled or dropped."""

    text: str
    name: str
    how: str  # "doubled" or "dropped"


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, ...]]:
    """Each listed name and its six-digit codes (a name several places share has several)."""
    text = resources.files("gazette_checks").joinpath("data/places.tsv").read_text("utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name = line.split("\t")
        out.setdefault(name, []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def provinces_of(name: str) -> set[str]:
    """The two-digit province codes of listed name `name` (empty when it is not listed)."""
    return {c[:2] for c in places().get(name, ())}


def _forms(name: str) -> Iterable[tuple[str, str]]:
    """('doubled'|'dropped', form) of `name`: an inner character doubled, or dropped from a name of
    four characters or more. The first character (it may end the word before: 以东东宁市) and the
    level word at the end (东安区区委) are never doubled; level words inside a name never change."""
    last = len(name) - 1
    for i in range(1, last):
        if name[i] not in _LEVELS:
            yield "doubled", name[:i + 1] + name[i:]
    if len(name) >= 4:
        for i in range(1, last):
            if name[i] not in _LEVELS:
                yield "dropped", name[:i] + name[i + 1:]


@lru_cache(maxsize=1)
def slips() -> dict[str, tuple[Slip, ...]]:
    """Every slip form of a listed name (three characters or more), keyed by its text.

    A form that is itself a listed name anywhere in China is left out.
    """
    listed = places()
    out: dict[str, list[Slip]] = {}
    for name in listed:
        if len(name) < 3:
            continue
        for how, form in _forms(name):
            if form in listed or len(form) < 3:
                continue
            out.setdefault(form, []).append(Slip(form, name, how))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def lengths_by_tail() -> dict[str, tuple[int, ...]]:
    """For the last two characters of every listed name and slip form, the lengths (longest first)
    of the names and forms that end with them: a scan looks up only those."""
    out: dict[str, set[int]] = {}
    for k in (*places(), *slips()):
        if len(k) >= 3:
            out.setdefault(k[-2:], set()).add(len(k))
    return {t: tuple(sorted(v, reverse=True)) for t, v in out.items()}


@lru_cache(maxsize=1)
def longest() -> int:
    """The length of the longest listed name or slip form."""
    return max(len(k) for k in (*places(), *slips()))


def names_in(text: str) -> list[str]:
    """The listed names in `text` (longest at each place), in order: ``某某市人民政府`` → [某某市]."""
    listed, top = places(), longest()
    out = []
    for p, ch in enumerate(text):
        if ch in LEVEL_ENDS:
            for k in range(min(top, p + 1), 1, -1):
                if text[p + 1 - k:p + 1] in listed:
                    out.append(text[p + 1 - k:p + 1])
                    break
    return out
