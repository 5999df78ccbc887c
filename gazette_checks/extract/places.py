"""Place names in a document's text (``place`` mentions): listed names and their one-character slips.

Each line is scanned where a level word (省 市 区 县 旗 州 盟) ends a listed name
(:mod:`gazette_checks.placenames`) or one of its slip forms. Rows:

- role ``listed``: a listed name of three characters or more (text = the name);
- role ``doubled`` / ``dropped``: a form of a listed name with one character doubled or dropped
  (text = the form as written, value = the listed name(s) it is a slip of, ``|``-separated);
  a county or district whose level word is doubled before 人民政府 (``某某区区人民政府``) too.

A slip form is not recorded where a longer listed name covers it (``齐哈尔市`` inside
``齐齐哈尔市``), where its level word starts a common word (``牡丹市场`` is not ``牡丹市`` +
场), nor where its last two characters are a word of their own (``新城城区``: the urban area of
新城; ``奇石景区``) unless a government organ follows (``东城城区人民政府``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import placenames as PN
from . import DocText, Mention, extractor

#: Characters that make a common word with the level word before them (市场, 区域, 县城).
_WORD_AFTER = {"市": "场民容值面井况政", "区": "域间划块别位", "县": "城域", "州": "", "省": "份", "旗": "帜",
               "盟": "友员约"}
#: Two-character words ending in a level word: a slip form ending in one is ambiguous.
_COMMON = frozenset({
    "城区", "市区", "县区", "新区", "郊区", "矿区", "景区", "园区", "社区", "街区", "片区", "辖区", "山区", "湖区",
    "林区", "牧区", "港区", "校区", "厂区", "营区", "库区", "灾区", "老区", "城市", "县市", "州市", "都市", "省市",
    "区县", "市县", "州县",
})
_LEVEL = re.compile("[" + "".join(sorted(PN.LEVEL_ENDS)) + "]")
_ORGAN_AFTER = ("人民政府", "政府", "委员会", "人大", "政协", "党委", "区委", "县委", "市委")


def _covered(text: str, start: int, end: int, names: dict) -> bool:
    """A listed name longer than text[start:end] and ending at `end` or holding the span."""
    for a in range(max(0, start - 6), start + 1):
        for b in range(end, min(len(text), end + 6) + 1):
            if (a, b) != (start, end) and text[a:b] in names:
                return True
    return False


@extractor("places")
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
                        if text.startswith(ch + "人民政府", end) and ch in "区县旗":
                            yield Mention(i, "place", "doubled", s + ch, s, end - k)  # 某某区区人民政府
                    continue
                if s not in slips or found_listed:
                    continue
                start = end - k
                after = text[end:end + 4]
                if after[:1] and after[0] in _WORD_AFTER.get(ch, ""):
                    continue  # 牡丹市场: 市 starts 市场
                if s[-2:] in _COMMON and not after.startswith(_ORGAN_AFTER):
                    continue  # 新城城区, 奇石景区: a word of its own, unless an organ follows
                if _covered(text, start, end, names):
                    continue
                forms = slips[s]
                yield Mention(i, "place", forms[0].how, s, "|".join(sorted({f.name for f in forms})), start)
                break
