"""Cleaning steps for what an export or a web page adds around a document.

Database exports (``【法宝引证码】``, ``原文链接：``, ``【发文字号】…``), web pages
(``来源：… 发布日期：…``, ``【打印本页】``), Markdown front matter and headings.
What such a header says about the document (title, 文号, issuer, date) is kept
in ``CleanText.meta``: the parser uses it where the text itself does not print it.
"""

from __future__ import annotations

import re as stdre

import regex as re

from .. import patterns as P
from .clean import CleanText, step

#: Patterns used inline below, compiled once (the `regex` cache is slow on hot paths).
_LINK_REST = re.compile(r"[A-Za-z0-9./_%#?=&:+-]{1,120}")
_DOC_HEAD = re.compile(r"^[\p{Han}]{2,30}(?:令|文件)$")

#: Header keys → meta keys. Keys a page shows about a document, not part of its text.
_KEYS: dict[str, str | None] = {
    "标题": "title", "名称": "title", "文件名称": "title",
    "文号": "doc_number", "发文字号": "doc_number", "字号": "doc_number",
    "发布单位": "issuer", "发布部门": "issuer", "发文机关": "issuer", "发布机构": "issuer", "发文单位": "issuer",
    "发布日期": "published", "公布日期": "published", "成文日期": "date", "印发日期": "date",
    "实施日期": "effective", "施行日期": "effective",
    "法宝引证码": None, "原文链接": None, "官方链接": None, "链接": None, "来源": None, "信息来源": None,
    "索引号": None, "主题分类": None, "主题词": None, "分类": None, "类型": None, "层级": None, "状态": None,
    "时效性": None, "有效性": None, "效力级别": None, "法规类别": None, "浏览次数": None, "点击数": None,
    "访问量": None, "作者": None, "体裁分类": None, "公文种类": None, "有效期": None,
    "文件编号": "doc_number", "发文日期": "date", "发布时间": "published", "生成日期": None,
    "索取号": None, "信息索取号": None, "载体类型": None, "记录形式": None, "公开类别": None, "公开方式": None,
    "公开范围": None, "公开时限": None, "关键词": None, "内容描述": None, "所属机构": None, "组配分类": None,
}
_KEY = "|".join(sorted(map(re.escape, _KEYS), key=len, reverse=True))
#: ``【发文字号】皖政办〔2021〕8号`` or ``发布日期：2024-01-02`` (several on one line allowed).
_PAIR = re.compile(rf"(?:【\s*(?P<k1>{_KEY})\s*】|(?<![\p{{Han}}])(?P<k2>{_KEY})\s*[：:])\s*(?P<v>.*?)\s*(?=(?:【\s*(?:{_KEY})\s*】|(?<![\p{{Han}}])(?:{_KEY})\s*[：:])|$)")
_FRONT_KEY = re.compile(r"^\s*(?P<k>[^:：\s][^:：]{0,20}?)\s*[:：]\s*(?P<v>.*?)\s*$")
_WEB_FOOTER = re.compile(
    r"^[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏|分享到[：:]?.*|扫一扫在手机打开当前页|"
    r"相关链接|上一篇[：:].*|下一篇[：:].*)[】\]]?(?:\s*[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏)[】\]]?)*$"
)
_MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?=\S)")


_CONTROL = stdre.compile(r"[\f\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f]")


@step("control_chars")
def control_chars(ct: CleanText) -> bool:
    """Form feeds (a page break), zero-width and control characters removed; no-break spaces made spaces."""
    whole = "\n".join(ln.text for ln in ct.lines)  # \n is not one of them
    if not _CONTROL.search(whole) and "\xa0" not in whole:
        return False  # the usual text: one search, not one a line
    changed = False
    for i, ln in enumerate(ct.lines):
        t = ln.text
        if not _CONTROL.search(t) and "\xa0" not in t:
            continue
        out = ln
        for m in reversed(list(_CONTROL.finditer(t))):
            out = out.delete(m.start(), m.end())
        if "\xa0" in out.text:
            out = type(out)(out.text.replace("\xa0", " "), out.segs)
        if out.text != t:
            ct.lines[i] = out
            changed = True
    return changed


def _first_content(ct: CleanText, start: int = 0) -> int | None:
    return next((i for i in range(start, len(ct.lines)) if ct.lines[i].text.strip()), None)


def _keep_meta(ct: CleanText, key: str, value: str) -> None:
    field = _KEYS.get(key)
    value = value.strip()
    if field and value and value not in {"-", "—", "无", "/"} and field not in ct.meta:
        ct.meta[field] = value


@step("front_matter")
def front_matter(ct: CleanText) -> bool:
    """A YAML-like front matter (``---`` … ``---``) at the top, then ``>`` notice lines."""
    i = _first_content(ct)
    if i is None or ct.lines[i].text.strip() != "---":
        return False
    end = next((j for j in range(i + 1, min(len(ct.lines), i + 60)) if ct.lines[j].text.strip() == "---"), None)
    if end is None:
        return False
    body = [ct.lines[j].text for j in range(i + 1, end) if ct.lines[j].text.strip()]
    pairs = [m for t in body if (m := _FRONT_KEY.match(t))]
    if not body or len(pairs) < len(body) * 0.8:
        return False
    for m in pairs:
        _keep_meta(ct, m["k"].strip(), m["v"])
    drop = set(range(i, end + 1))
    # blockquote notices right after the front matter (`> 本文正文由…`)
    j = end + 1
    while j < len(ct.lines) and (not ct.lines[j].text.strip() or ct.lines[j].text.lstrip().startswith(">")):
        if ct.lines[j].text.strip():
            drop.add(j)
        j += 1
    ct.drop(drop, "front_matter")
    return True


@step("export_header")
def export_header(ct: CleanText) -> bool:
    """Key–value header lines at the top of a database or web export, and the export's title line.

    A ``原文链接`` header is followed by the database's own title line; when the
    document then prints its title again, the export's copy is dropped too.
    """
    drop: set[int] = set()
    i = _first_content(ct)
    link_seen = False
    while i is not None and i < min(len(ct.lines), 80):
        t = ct.lines[i].text.strip()
        pairs = list(_PAIR.finditer(t))
        if drop and not pairs and _LINK_REST.fullmatch(t):
            drop.add(i)  # the rest of a link wrapped onto the next line
            i = _first_content(ct, i + 1)
            continue
        if not pairs or pairs[0].start() > 0 or len(t) > 300:
            break
        for m in pairs:
            key = m["k1"] or m["k2"]
            _keep_meta(ct, key, m["v"])
            link_seen = link_seen or key in {"原文链接", "法宝引证码", "链接"}
        drop.add(i)
        i = _first_content(ct, i + 1)
    drop |= _metadata_table(ct)
    if not drop:
        return False
    if link_seen and i is not None:
        title = P.squash(ct.lines[i].text)
        if _title_like(title):
            nxt = _first_content(ct, i + 1)
            ct.meta.setdefault("title", title)
            # the title printed again by the document, or a line that starts the document itself
            if nxt is not None and (_same_title(title, P.squash(ct.lines[nxt].text)) or _starts_document(ct, nxt)):
                drop.add(i)
    ct.drop(drop, "export_header")
    return True


def _metadata_table(ct: CleanText) -> set[int]:
    """A page's metadata table flattened one cell per line (`发布机构` / `某某局` / `文件编号` / …).

    Taken only where at least three known keys stand alone on their lines near the top.
    """
    keys: list[int] = []
    for i in range(min(len(ct.lines), 80)):
        s = P.squash(ct.lines[i].text).rstrip("：:")
        if s in _KEYS:
            keys.append(i)
    if len(keys) < 3:
        return set()
    drop: set[int] = set()
    for i in keys:
        drop.add(i)
        j = _first_content(ct, i + 1)
        if j is None or j in keys or j - i > 3:
            continue
        value = ct.lines[j].text.strip()
        if len(value) <= 60 and not value.endswith(("。", "：", ":")):
            _keep_meta(ct, P.squash(ct.lines[i].text).rstrip("：:"), value)
            drop.add(j)
    return drop


def _title_like(s: str) -> bool:
    return 4 <= len(s) <= 120 and not s.endswith(("。", "；", "：", ":")) and "。" not in s


def _same_title(a: str, b: str) -> bool:
    fa, fb = P.fold(a), P.fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    from difflib import SequenceMatcher

    return min(len(fa), len(fb)) >= 6 and SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= 0.9


def _starts_document(ct: CleanText, i: int) -> bool:
    """Line `i` opens a document: an organ line, a 政府令 heading, or a 版头 (…文件)."""
    s = P.squash(ct.lines[i].text)
    return bool(P.ORGAN_ONLY.match(s) or _DOC_HEAD.match(s))


@step("web_footer")
def web_footer(ct: CleanText) -> bool:
    """Page widgets at the end of a web page (``【打印本页】【关闭窗口】``)."""
    drop = set()
    n = len(ct.lines)
    for i in range(n - 1, max(-1, n - 25), -1):
        t = ct.lines[i].text.strip()
        if not t:
            continue
        if _WEB_FOOTER.match(P.squash(t)):
            drop.add(i)
            continue
        break
    ct.drop(drop, "web_footer")
    return bool(drop)


@step("markdown_heading")
def markdown_heading(ct: CleanText) -> bool:
    """Markdown heading marks (``# 标题``) removed; a heading the text repeats below is dropped."""
    changed = False
    drop = set()
    for i, ln in enumerate(ct.lines):
        m = _MD_HEADING.match(ln.text) if "#" in ln.text else None
        if not m:
            continue
        ct.lines[i] = ln.slice(m.end())
        changed = True
        nxt = _first_content(ct, i + 1)
        if nxt is not None and nxt - i <= 3 and _same_title(P.squash(ct.lines[i].text), P.squash(ct.lines[nxt].text)):
            drop.add(i)
    ct.drop(drop, "markdown_heading")
    return changed
