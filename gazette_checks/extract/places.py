"""Place names in a document's text (``place`` mentions): listed names and their one-character slips.

Each line is scanned where a level word (省 市 区 县 旗 州 盟) ends a listed name
(:mod:`gazette_checks.placenames`) or one of its slip forms. Rows:

- role ``listed``: a listed name of three characters or more (text = the name);
- role ``doubled`` / ``dropped``: a form of a listed name with one character doubled or dropped
  (text = the form as written, value = the listed name(s) it is a slip of, ``|``-separated);
  a county, district or city whose level word is doubled before 人民政府 (``某某区区人民政府``,
  ``某某市市人民政府``) too, unless a list ends there (``甲区、乙区区人民政府``).

A slip form is not recorded where a longer listed name covers it (``齐哈尔市`` inside
``齐齐哈尔市``) or follows a province's short name (``广西自治区``), where its level word starts a
common word (``牡丹市场`` is not ``牡丹市`` + 场; ``区段``), nor where its last two characters are a
word of their own (``新城城区``: the urban area of 新城; ``奇石景区``, ``和地区``, ``东西区``,
``门市部``, ``集市``) unless a government organ follows (``东城城区人民政府``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex as re

from .. import placenames as PN
from . import DocText, Mention, extractor

#: Characters that make a common word with the level word before them (市场, 区域, 县城).
_WORD_AFTER = {"市": "场民容值面井况政", "区": "域间划块别位段", "县": "城域", "州": "", "省": "份", "旗": "帜",
               "盟": "友员约"}
#: Two-character words ending in a level word: a slip form ending in one is ambiguous.
_COMMON = frozenset({
    "城区", "市区", "县区", "新区", "郊区", "矿区", "景区", "园区", "社区", "街区", "片区", "辖区", "山区", "湖区",
    "林区", "牧区", "港区", "校区", "厂区", "营区", "库区", "灾区", "老区", "城市", "县市", "州市", "都市", "省市",
    "区县", "市县", "州县", "地区", "东区", "西区", "南区", "北区", "中区", "门市", "集市", "夜市", "超市", "早市",
    "街市", "上市", "开市", "股市",
})
_LEVEL = re.compile("[" + "".join(sorted(PN.LEVEL_ENDS)) + "]")
_ORGAN_AFTER = ("人民政府", "政府", "委员会", "人大", "政协", "党委", "区委", "县委", "市委")


@lru_cache(maxsize=1)
def _province_heads() -> frozenset[str]:
    """The first two and three characters of the provinces' names (广西, 内蒙古)."""
    out: set[str] = set()
    for n, codes in PN.places().items():
        if any(c.endswith("0000") for c in codes):
            out |= {n[:2], n[:3]}
    return frozenset(out)


def _after_province(text: str, start: int) -> bool:
    """The form's first character ends a province's short name (广西自治区 is not 西藏自治区 less 藏)."""
    heads = _province_heads()
    return text[max(0, start - 1):start + 1] in heads or text[max(0, start - 2):start + 1] in heads


def _covered(text: str, start: int, end: int, names: dict) -> bool:
    """A listed name longer than text[start:end] and ending at `end` or holding the span."""
    for a in range(max(0, start - 6), start + 1):
        for b in range(end, min(len(text), end + 6) + 1):
            if (a, b) != (start, end) and text[a:b] in names:
                return True
    return False


@extractor("places", kinds=("place",))
def place_names(doc: DocText) -> Iterator[Mention]:
    names, slips, tails = PN.places(), PN.slips(), PN.lengths_by_tail()
    for i, text in doc.lines:
        for lm in _LEVEL.finditer(text):
            end = lm.end()
            ch = lm.group(0)
            ks = tails.get(text[end - 2:end])
            if not ks:
                continue
            found_listed = False
            for k in ks:
                if k > end:
                    continue
                s = text[end - k:end]
                if s in names:
                    if not found_listed:
                        yield Mention(i, "place", "listed", s, s, end - k)
                        found_listed = True
                        if (text.startswith(ch + "人民政府", end) and ch in "区县旗市" and s + ch not in names
                                and text[end - k - 1:end - k] not in ("、", "和", "及", "与")):
                            # 某某区区人民政府 (not 甲区、乙区区人民政府: 区人民政府 shared by a list)
                            yield Mention(i, "place", "doubled", s + ch, s, end - k)
                    continue
                if s not in slips or found_listed:
                    continue
                start = end - k
                after = text[end:end + 4]
                if after[:1] and after[0] in _WORD_AFTER.get(ch, ""):
                    continue  # 牡丹市场: 市 starts 市场
                if s[-2:] in _COMMON and not after.startswith(_ORGAN_AFTER):
                    continue  # 新城城区, 奇石景区: a word of its own, unless an organ follows
                if _covered(text, start, end, names) or _after_province(text, start):
                    continue
                forms = slips[s]
                yield Mention(i, "place", forms[0].how, s, "|".join(sorted({f.name for f in forms})), start)
                break
