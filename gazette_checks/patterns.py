"""Regular expressions and small text helpers shared by the parser and the rules."""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex as re

# --------------------------------------------------------------------------
# Characters and numerals
CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "０": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = r"[〇○零一二三四五六七八九十百两]"
CN_YEAR_DIGIT = r"[〇○零Ｏ０0一二三四五六七八九]"  # `二０二一`: a full-width zero among Chinese numerals
_FW = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(text: str) -> int | None:
    """Convert a Chinese numeral (一, 十二, 二十三, 一百零五) or Arabic digits to int."""
    s = text.strip().translate(_FW)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, section, num = 0, 0, 0
    seen = False
    for ch in s:
        if ch in CN_DIGITS:
            num = CN_DIGITS[ch]
            seen = True
        elif ch == "十":
            section += (num or 1) * 10
            num = 0
            seen = True
        elif ch == "百":
            section += (num or 1) * 100
            num = 0
            seen = True
        elif ch == "千":
            section += (num or 1) * 1000
            num = 0
            seen = True
        else:
            return None
    total += section + num
    return total if seen else None


def cn_year_to_int(text: str) -> int | None:
    """二〇二二 → 2022 (digit by digit); Arabic years pass through."""
    s = text.strip().translate(_FW)
    if s.isdigit():
        return int(s)
    if all(ch in CN_DIGITS for ch in s) and len(s) == 4:
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    return None


@lru_cache(maxsize=1 << 14)
def squash(text: str) -> str:
    """Remove all whitespace and markdown emphasis: the form titles are compared in.

    Memoised: rules squash the same cleaned lines over and over.
    """
    text = text.replace("**", "").replace("__", "")
    return "".join(text.split())


def fold(text: str) -> str:
    """NFKC width folding + squash + unify quotes/dashes: for fuzzy title comparison."""
    t = unicodedata.normalize("NFKC", squash(text))
    t = t.translate(_QUOTES)
    return t


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]",
                         "【": "[", "】": "]", "—": "-", "–": "-", "－": "-", "〈": "<", "〉": ">"})

#: An HTML tag (`<p>`, `</td>`, `<br/>`), not a title in ASCII angle brackets (`<某某条例>`).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_LATEX = re.compile(r"\$([^$]{1,120})\$")


@lru_cache(maxsize=1 << 14)
def strip_markup(text: str) -> str:
    """Drop HTML tags, markdown bold and simple inline LaTeX noise from one line.

    Memoised: rules strip the same cleaned lines over and over.
    """
    if "<" not in text and "*" not in text and "$" not in text:
        return text
    t = _TAG.sub(" ", text)
    t = t.replace("**", "")
    t = _LATEX.sub(lambda m: _latex_plain(m.group(1)), t)
    return t


def _latex_plain(s: str) -> str:
    s = re.sub(r"\\text\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\mu", "μ", s)
    s = s.replace("^3", "³").replace("^2", "²").replace("{", "").replace("}", "").replace("\\", "")
    return s


def is_table_row(raw: str) -> bool:
    """Whether cleaned line `raw` is a table row: tab-separated cells or HTML cells (``<p>``,
    ``<p style=…>``, ``<td>``, ``<tr>``, ``<table>``). The one test the parser and the rules share."""
    return "\t" in raw or "<p" in raw or "<td" in raw or "<tr" in raw or "<table" in raw


def clean_line(text: str) -> str:
    """One line with markup removed and runs of spaces collapsed."""
    t = strip_markup(text)
    return " ".join(t.split())


# --------------------------------------------------------------------------
# 发文字号: 机关代字 + 〔year〕 + serial + 号
OPEN_BRACKETS = "〔[【(（［﹝"
CLOSE_BRACKETS = "〕]】)）］﹞"
DOC_NUMBER = re.compile(
    r"(?P<agency>[\p{Han}]{1,12}?)\s*(?P<open>[〔\[【(（［﹝])\s*(?P<year>(?:19|20)\d{2})\s*"
    r"(?P<close>[〕\]】)）］﹞])\s*(?P<di>第)?\s*(?P<serial>\d{1,5})\s*号"
)
#: A line holding only a 发文字号, maybe in parentheses (`（皖政办秘〔2021〕82号）`).
DOC_NUMBER_LINE = re.compile(r"^\s*(?:[（(](?=.*[)）]\s*$))?\s*" + DOC_NUMBER.pattern + r"\s*[)）]?\s*$")
# 国务院令第N号 / 市政府令第N号
DECREE_NUMBER = re.compile(r"(?P<agency>[\p{Han}]{1,12}?令)\s*(?P<di>第)?\s*(?P<serial>\d{1,5})\s*号")
#: The heading of a 政府令 (`某省人民政府令`) and its 令号 line (`（第290号）`, `第290号`).
DECREE_HEAD = re.compile(
    r"^(?P<organ>[\p{Han}]{2,30}?(?:人民政府|政府|委员会|办公厅|办公室|局|厅|部|署))令"
    rf"(?:[（(]?第(?P<serial>\d{{1,5}}|{CN_NUM}{{1,6}})号[)）]?)?$"
)
DECREE_SERIAL_LINE = re.compile(rf"^[（(]?\s*第\s*(?P<serial>\d{{1,5}}|{CN_NUM}{{1,6}})\s*号\s*[)）]?$")
#: A signature by post and name (`省长　某某`), as a 政府令 or a leader's order is signed.
SIGNATORY = re.compile(
    r"^(?P<post>(?:代理?)?(?:[\p{Han}]{0,12}?(?:省长|市长|州长|盟长|县长|区长|旗长|主席|主任|局长|厅长|部长|书记)))"
    r"[\s\u3000]+(?P<name>[\p{Han}·]{2,5})$"
)
#: A 版头 line (`某某委员会文件`, `某市人民政府办公室文件`): the issuer's mark above a document.
MASTHEAD_MARK = re.compile(r"^(?P<organs>[\p{Han}（）()、\s]{2,80}?)文件$")


def parse_doc_number(text: str) -> dict | None:
    """Split a 发文字号 into agency (机关代字), year, serial; None if it is not one.

    >>> parse_doc_number("牡政规〔2022〕4号")["agency"]
    '牡政规'
    """
    m = DOC_NUMBER.search(squash(text) if text else "")
    if not m:
        return None
    return {
        "agency": m["agency"],
        "year": int(m["year"]),
        "serial": int(m["serial"]),
        "open": m["open"],
        "close": m["close"],
        "has_di": bool(m["di"]),
        "serial_text": m["serial"],
        "text": m.group(0),
    }


def canonical_doc_number(agency: str, year: int, serial: int) -> str:
    """The GB/T 9704-2012 §7.2.5 form: 机关代字〔年份〕序号号."""
    return f"{agency}〔{year}〕{serial}号"


# --------------------------------------------------------------------------
# Dates
_D = r"(?:\d|[０-９])"
DATE = re.compile(
    rf"(?P<y>(?:{_D}{{4}})|{CN_YEAR_DIGIT}{{4}})\s*年\s*(?P<m>{_D}{{1,2}}|{CN_NUM}{{1,3}})\s*月\s*"
    rf"(?P<d>{_D}{{1,2}}|{CN_NUM}{{1,4}})\s*日"
)
DATE_LINE = re.compile(r"^\s*(?:\*\*)?\s*" + DATE.pattern + r"\s*(?:\*\*)?\s*$")


def date_parts(m: re.Match) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a DATE match, any of them None when unreadable."""
    return cn_year_to_int(m["y"]), cn_to_int(m["m"]), cn_to_int(m["d"])


def cn_date(d: _dt.date) -> str:
    """A date as the text writes it: ``2024年5月6日`` (no leading zeros).

    >>> cn_date(_dt.date(2024, 5, 6))
    '2024年5月6日'
    """
    return f"{d.year}年{d.month}月{d.day}日"


def to_date(y: int | None, mo: int | None, d: int | None) -> _dt.date | None:
    """A date, or None when the parts make an impossible date (2月30日)."""
    if y is None or mo is None or d is None:
        return None
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


def parse_cn_date(text: str) -> _dt.date | None:
    """Parse the first Chinese date in `text` (Arabic or Chinese numerals).

    >>> parse_cn_date("二〇二二年九月二十九日")
    datetime.date(2022, 9, 29)
    """
    m = DATE.search(text or "")
    return to_date(*date_parts(m)) if m else None


# --------------------------------------------------------------------------
# Headings, 文种, organs
DOC_TYPES = (
    "实施方案", "工作方案", "实施意见", "指导意见", "实施细则", "实施办法", "管理办法", "暂行办法",
    "通知", "通报", "批复", "意见", "办法", "决定", "命令", "公告", "通告", "报告", "请示",
    "函", "纪要", "议案", "决议", "规定", "方案", "规划", "细则", "规则", "规程", "计划",
    "公报", "令", "条例", "措施", "要点", "标准", "指引", "清单",
)
# The 文种 proper of the 条例 (15 kinds) plus the kinds that gazettes print as titles.
DOC_TYPE_END = re.compile(
    r"(?:的)?(?P<type>通知|通报|批复|意见|办法|决定|命令|公告|通告|报告|请示|函|纪要|议案|决议|规定|"
    r"方案|规划|细则|规则|规程|计划|条例|措施|要点|清单|指引)"
    r"(?:[（(](?:试行|暂行|修订|草案|征求意见稿|\d{4}[-—–－至]\d{4}年?|\d{4}年)[)）])*$"
)
ORGAN_SUFFIX = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|委员会办公室|委员会|领导小组办公室|领导小组|工作专班|"
    r"办公室|办公厅|管理局|监督管理局|局|厅|委|办|署|院|中心|部|部队|分公司|公司|法院|检察院|"
    r"联合会|协会|商会|总工会|工会|团委|妇联|科协|侨联|残联|管委会|分局|支队|大队|所|站|馆|社|行|集团)"
)
ORGAN_ONLY = re.compile(r"^(?:中共)?[\p{Han}（）()]{2,30}?" + ORGAN_SUFFIX + r"$")
ADDRESSEE = re.compile(r"^[\p{Han}\dA-Za-z（）()、，,·\s]{2,200}[：:]$")

OUTLINE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("chapter", re.compile(rf"^第\s*(?P<n>{CN_NUM}+|\d+)\s*章(?:\s+|$)(?P<text>.*)$")),
    ("section", re.compile(rf"^第\s*(?P<n>{CN_NUM}+|\d+)\s*节(?:\s+|$)(?P<text>.*)$")),
    ("article", re.compile(rf"^第\s*(?P<n>{CN_NUM}+|\d+)\s*条(?:\s+|$|(?=[（(【]))(?P<text>.*)$")),
    ("column", re.compile(r"^专栏\s*(?P<n>\d+|[一二三四五六七八九十]+)(?:[：:\s]\s*|$)(?P<text>.*)$")),
    ("attachment", re.compile(r"^附件\s*(?P<n>\d+)(?:[：:\s.、．]\s*|$)(?P<text>.*)$")),
    ("cn", re.compile(rf"^(?P<n>{CN_NUM}{{1,3}})\s*、\s*(?P<text>.*)$")),
    ("paren_cn", re.compile(rf"^[（(]\s*(?P<n>{CN_NUM}{{1,3}})\s*[)）]\s*(?P<text>.*)$")),
    ("arabic", re.compile(r"^(?P<n>\d{1,2})\s*(?:[.．](?!\d)|、)\s*(?P<text>.*)$")),
    ("paren_arabic", re.compile(r"^[（(]\s*(?P<n>\d{1,2})\s*[)）]\s*(?P<text>.*)$")),
)
#: The characters each outline label can open with (``arabic``: a digit, any str.isdecimal
#: character); tests/test_parse.py checks them against :data:`OUTLINE_PATTERNS`.
OUTLINE_FIRST: dict[str, str] = {
    "chapter": "第", "section": "第", "article": "第", "column": "专", "attachment": "附",
    "cn": CN_NUM.strip("[]"), "paren_cn": "（(", "paren_arabic": "（(",
}
#: The patterns a line opening with a given character can match, in the order of OUTLINE_PATTERNS.
_OUTLINE_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern], ...]] = {}
for _kind, _pat in OUTLINE_PATTERNS:
    for _ch in OUTLINE_FIRST.get(_kind, ""):
        _OUTLINE_BY_FIRST[_ch] = (*_OUTLINE_BY_FIRST.get(_ch, ()), (_kind, _pat))
_OUTLINE_DIGIT = tuple((k, p) for k, p in OUTLINE_PATTERNS if k == "arabic")


def outline_label(s: str) -> tuple[str, re.Match] | None:
    """(kind, match) of the first of :data:`OUTLINE_PATTERNS` that `s` matches, or None.

    Only the patterns that can open with the first character of `s` are tried (most lines
    open with none of them). The `regex` module's ``\\d`` is str.isdecimal on the BMP; a
    character beyond it is tried against every pattern.
    """
    head = s[:1]
    if head > "\uffff":
        candidates = OUTLINE_PATTERNS
    elif head.isdecimal():
        candidates = _OUTLINE_DIGIT
    else:
        candidates = _OUTLINE_BY_FIRST.get(head, ())
    for kind, pat in candidates:
        if m := pat.match(s):
            return kind, m
    return None


#: Outline kinds by depth; a kind's parent is the nearest item of a smaller rank.
OUTLINE_RANK = {"chapter": 0, "section": 1, "article": 2, "cn": 3, "paren_cn": 4,
                "arabic": 5, "paren_arabic": 6, "column": 10, "attachment": -1}

# --------------------------------------------------------------------------
# Table labels
#: The label that begins a table caption: ``表3``, ``附表2``, ``（表2）``, ``续表1``, ``表3（续）``
#: (not ``表1.1``, a sub-table). The one grammar of a table's number: the parser records it as
#: the ``label`` column of ``tables`` and the rules read that.
TABLE_LABEL = re.compile(
    r"^[（(]?\s*(?P<cont>续)?\s*(?P<fu>附)?表\s*(?P<k>\d{1,3})(?!\d|[.．]\d)"
    r"(?:\s*[)）])?(?P<tail>\s*[（(]\s*续\s*[)）])?"
)


@dataclass(frozen=True)
class TableLabel:
    """A table's label: `annex` (附表), its `number`, and whether it continues a table printed
    before: `continues` is ``"prefix"`` (``续表1``: 表1 or 附表1), ``"suffix"`` (``表1（续）``) or ``""``."""

    annex: bool
    number: int
    continues: str = ""

    @property
    def kind(self) -> str:
        """``table`` or ``annex_table``."""
        return "annex_table" if self.annex else "table"

    @property
    def text(self) -> str:
        """The label in one written form (``表3``, ``附表2``, ``续表1``, ``表3（续）``), which
        :func:`table_label` reads back."""
        name = ("附表" if self.annex else "表") + str(self.number)
        return {"prefix": "续" + name, "suffix": name + "（续）"}.get(self.continues, name)


def table_label(caption: str | None) -> TableLabel | None:
    """The label `caption` begins with (markup dropped, spaces kept: ``附表1 2024年`` is 附表1),
    or None."""
    if not caption:
        return None
    m = TABLE_LABEL.match(" ".join(caption.replace("**", "").replace("__", "").split()))
    if not m:
        return None
    cont = "prefix" if m["cont"] else "suffix" if m["tail"] else ""
    return TableLabel(bool(m["fu"]), int(m["k"]), cont)


# --------------------------------------------------------------------------
# Mentions
CITATION = re.compile(
    r"《(?P<title>[^《》\n]{2,120})》\s*[（(]\s*(?P<number>[^（）()\n]{0,30}?(?:"
    r"[〔\[【(（［﹝]\s*(?:19|20)\d{2}\s*[〕\]】)）］﹞]\s*第?\s*\d{1,5}\s*号|令\s*第?\s*\d{1,5}\s*号))\s*[)）]"
)
QUOTED_TITLE = re.compile(r"《(?P<title>[^《》\n]{2,120})》")
MEETING = re.compile(r"经[^。；]{0,30}?" + DATE.pattern + r"[^。；]{0,40}?会议")
EFFECTIVE = re.compile(r"(?:自|于)\s*" + DATE.pattern + r"\s*(?:起)?\s*(?:施行|实施|开始实施|起施行|生效|执行)")
_ROLES = r"(?:责任单位|牵头单位|配合单位|参与单位|主责单位|协办单位|牵头部门|责任部门|配合部门)"
#: `责任单位：A、B` — names stop at the next role label (`〔牵头部门：A，责任部门：B〕`) or a closing bracket.
RESPONSIBLE = re.compile(
    r"(?P<role>" + _ROLES + r")\s*[：:]\s*"
    r"(?P<names>(?:(?!" + _ROLES + r"\s*[：:])[^〕\]】）)\n]){2,400})"
)
SELF_REFERENCE = re.compile(r"本(?P<type>办法|规定|方案|规划|意见|通知|细则|规则|决定|计划|条例|措施|规程)")


#: What follows a 《title》 that cites another document: its 文号 or 令 in brackets (``》（黑政规〔2021〕11号）``).
CITED_AFTER = re.compile(r"^\s*[（(][^（）()]{0,40}?(?:〔|\[|［|【|\(|（)\s*(?:19|20)\d{2}|^\s*[（(][^（）()]{0,30}令")
