"""Shares stated in the text with the two amounts they relate (kind ``share``):
``投资2.11亿元……已经到位0.61亿元，约占楼本体投资29%``.

The part is the amount just before 占; the whole is an amount in the same unit earlier in
the paragraph, recorded only where it is beyond doubt (see the rule TB07 for what is left
alone). Text: the share as written; value: the share (``p`` as written, ``approx`` when 约),
and the part and whole (``text``, the number ``n`` as written, ``mag`` 万/亿, ``base`` unit).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from . import DocText, Mention, extractor
from .prose import col, pack, prose

_MAG = {"": 1.0, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_COUNTED = frozenset("人次 人 户 家 个 项 所 座 套 件 辆 台 张 名 间 处 条 册".split())
_BASE = r"元|人次|人|户|家|个|项|吨|亩|公顷|平方米|平方公里|公里|千瓦|兆瓦|所|座|套|件|辆|台|张|名|间|处|条|册"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(r"(?<![\d.,，])(?P<n>" + _NUMBER + r")(?P<mag>万亿|千|万|亿)?(?P<base>" + _BASE + r")(?![\d])")
_SHARE = re.compile(
    r"(?P<lead>[，,]?(?:约|大约|仅|共|合计)?)占(?P<whole>[^，,。；;%％\d]{0,24}?)(?:的)?"
    r"(?:比重|比例|份额|总数|总量|总额|比)?(?P<verb>为|达|达到|到|约|约为|超过|不到|不足|近|不低于|不少于|不高于|不超过|"
    r"至少|至多|最多|控制在|保持在|高于|低于)?"
    r"(?P<p>\d+(?:\.\d+)?)[%％](?P<after>以上|以下|以内|左右|多|上下|及以上|及以下|[（(]含[）)]|\s*[—–\-~～至到])?"
)
_BOUND_VERBS = frozenset("超过 不到 不足 近 不低于 不少于 不高于 不超过 至少 至多 最多 控制在 保持在 高于 低于".split())
_PAREN = re.compile(r"（[^（）]*）|\([^()]*\)")
_PAREN_SHARE = re.compile(r"[（(](?P<s>(?:约|大约)?占[^（）()]{0,30}?\d+(?:\.\d+)?[%％])[）)]")
#: Before an amount: it is a bound, a range end or an estimate, not a figure to divide by.
_VAGUE_BEFORE = re.compile(r"(?:超过|不到|不足|近|以上|以下|多于|少于|大于|小于|逾|约|约有|大约|突破|不低于|不少于|不高于|"
                           r"不超过|至少|力争|争取|[—–\-~～至到])$")
_VAGUE_AFTER = re.compile(r"^(?:以上|以下|左右|多|余|上下|[—–\-~～])")
#: Names that put the whole outside the paragraph's own figures.
_OTHER_SCOPE = re.compile(r"省|自治区|全国|国家|全球|世界|中央|上级|地区(?!生产总值)|全区|全州|全盟|全县|东北|华北|华东|华南|华中|西北|西南")
#: A share that compares or changes rather than divides.
_CHANGE_INTRO = re.compile(r"增加|减少|增长|净增|下降|比上年|比年初|较上年|较年初|同期|上年|去年|新增")
_CHANGE = re.compile(r"较|同比|比上年|比去年|上年|提高|下降|增长|增加|减少|上升|回落|分别|新增|增量")
#: Names of measures that a count of things (家, 个, 人…) cannot be a share of.
_MEASURE = re.compile(r"产值|总值|增加值|面积|床位|产量|收入|支出|投资|资金|GDP|规模|用地|营业额|销售额|税收|容量|里程|能耗|排放")
_COUNT_NAME = re.compile(r"数量|家数|个数|人数|户数|总数")
_YEAR = re.compile(r"(?:19|20)\d{2}年")
_GENERIC = frozenset({"全市", "本市", "总量", "总数", "总额", "比重", "比例", "全部"})


def _base(m: re.Match) -> str:
    return "人" if m["base"] == "名" else m["base"]


def _value(m: re.Match) -> float:
    return float(m["n"].replace(",", "")) * _MAG[m["mag"] or ""]


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} - _GENERIC


def _flatten(paragraph: str) -> str:
    """The paragraph without parentheses, except that ``（占50%）`` becomes ``，占50%``."""
    text = _PAREN_SHARE.sub(lambda m: "，" + m["s"], paragraph)
    while True:
        flat = _PAREN.sub("", text)
        if flat == text:
            return text
        text = flat


def _sentence_start(text: str, i: int) -> int:
    return max(text.rfind("。", 0, i), text.rfind("；", 0, i), text.rfind(";", 0, i)) + 1


def _intro(text: str, w: re.Match, floor: int) -> str:
    """The words that introduce amount `w`: back to the previous amount or clause mark (at most 20 characters)."""
    start = max(floor, w.start() - 20)
    for mark in "，,：:。；;、":
        start = max(start, text.rfind(mark, 0, w.start()) + 1)
    prev = [a for a in _AMOUNT.finditer(text, start, w.start())]
    if prev:
        start = prev[-1].end()
    return text[start: w.start()]


def _vague(text: str, m: re.Match) -> bool:
    return bool(_VAGUE_BEFORE.search(text[: m.start()]) or _VAGUE_AFTER.match(text[m.end(): m.end() + 2]))


def shares(paragraph: str) -> Iterator[tuple[re.Match, re.Match, re.Match, str]]:
    """(share, part, whole, flattened text) of each checkable share of one paragraph (squashed text)."""
    text = _flatten(paragraph)
    for m in _SHARE.finditer(text):
        if m["after"] or (m["verb"] in _BOUND_VERBS) or _CHANGE.search(m["whole"]):
            continue
        if re.match(r"\s*[、，,]\s*\d+(?:\.\d+)?[%％]", text[m.end():]):
            continue  # 占50%、30%: a list of shares
        before = text[: m.start()]
        start = _sentence_start(text, m.start())
        parts = list(_AMOUNT.finditer(before, start))
        if not parts or parts[-1].end() != len(before):
            continue  # the share must follow its part directly: `0.61亿元，约占…`
        pm = parts[-1]
        if _vague(text, pm) or re.search(r"(?:分别为?|分别是|增加|减少|新增|增长)$", text[max(start, pm.start() - 4): pm.start()]):
            continue
        name = re.sub(r"^(?:全市|本市|本地|本)", "", m["whole"])
        if _OTHER_SCOPE.search(name):
            continue  # 占全省…, 占黑龙江省…, 占东北地区…: a whole outside the paragraph's figures
        if _base(pm) not in _COUNTED and _COUNT_NAME.search(name):
            continue
        whole = _whole(text, m, pm, name)
        if whole is None:
            continue
        if _base(pm) in _COUNTED:
            said = _intro(text, pm, 0) + _intro(text, whole, 0)
            if any(w not in said for w in _MEASURE.findall(name)):
                continue  # 48家，占床位总数的55%: a share of beds, not of the 家 counted
        yield m, pm, whole, text


def _whole(text: str, m: re.Match, pm: re.Match, name: str) -> re.Match | None:
    """The one amount the share is of, or None when it cannot be told apart."""
    para_years = set(_YEAR.findall(text[_sentence_start(text, m.start()): m.end()]))
    cands = []
    for w in _AMOUNT.finditer(text, 0, pm.start()):
        if _base(w) != _base(pm) or _value(w) <= 0 or _vague(text, w):
            continue
        intro = _intro(text, w, 0)
        if re.search(r"约|大约|近|左右", intro) or _CHANGE_INTRO.search(intro):
            continue  # an estimate, or a change (比上年增加3亿元) rather than a total
        years = set(_YEAR.findall(text[_sentence_start(text, w.start()): w.start()]))
        if para_years and years and not para_years & years:
            continue  # a figure of another year
        cands.append(w)
    if not cands:
        return None
    core = re.sub(r"(?:总数|总量|总额|总和|总计|合计)$", "", name)
    core = re.sub(r"^总", "", core)
    if core:
        # words of the name that introduce the whole but not the part itself (投资 in 固定资产投资
        # and 产业投资 tells nothing); the whole must be introduced with the name's last word
        # (支出, 收入, 人口…)
        grams = _bigrams(core) - _bigrams(_intro(text, pm, 0))
        head = core[-2:]
        scored = [(len(grams & _bigrams(_intro(text, w, 0))), w) for w in cands
                  if len(core) < 2 or head in _GENERIC or head in _intro(text, w, 0)]
        if not scored:
            return None
        best = max(sc for sc, _ in scored)
        top = [w for sc, w in scored if sc == best]
        if best > 0 and len(top) == 1:
            return top[0]
    # the amount the part is taken from, `X，其中…part，占N%`, if the name (if any) is how X was
    # introduced and no other amount in the unit stands between them
    start = text.rfind("。", 0, pm.start()) + 1
    taken = [w for w in cands if w.start() >= start
             and re.match(r"[，,：:；;]?其中", text[w.end(): w.end() + 4])]
    if len(taken) != 1:
        return None
    w = taken[0]
    between = [a for a in _AMOUNT.finditer(text, w.end(), pm.start()) if _base(a) == _base(pm)]
    if between or core not in _intro(text, w, 0):
        return None
    return w


def _amount(m: re.Match) -> dict:
    return {"text": m.group(0), "n": m["n"], "mag": m["mag"] or "", "base": m["base"]}


@extractor("shares", kinds=("share",))
def share_mentions(doc: DocText) -> Iterator[Mention]:
    """One ``share`` row per checkable share."""
    for i, text, sq in prose(doc):
        if "占" in sq and ("%" in sq or "％" in sq):
            for m, pm, wm, flat in shares(sq):
                share = m.group(0).lstrip("，,")
                at = sq.find(share)
                yield Mention(i, "share", "share", share,
                              pack(p=m["p"], approx="约" in flat[m.start(): m.start("p")],
                                   part=_amount(pm), whole=_amount(wm)), col(text, max(at, 0)))
