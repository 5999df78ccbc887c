"""A document's references to its own parts, and the labels of those parts printed in the text.

- ``cite``: ``本办法第十二条``, a bare ``第五章`` (role ``article`` or ``chapter``; value: the number),
  ``（见表3）``, ``详见附表2``, ``见专栏2`` (role ``table``, ``annex_table`` or ``column``). 第N条 of
  another text (``……法第五条``, ``《…》第五条``) and an article's own heading are not citations.
- ``label``: a line that begins ``表3``/``附表2``/``专栏2`` (role as above; value: the number).
- ``cited_number``: a 发文字号 in the brackets after a cited 《title》 (``《…》（某政发〔2021〕3号）``),
  on any line, tables included (text: the number, squashed).
- ``last_heading``: the highest 第N条 / 第N章 printed as a heading anywhere in a line of the document
  (role ``article`` or ``chapter``; value: the number), recorded by the outline or not.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import col, prose, squashed_lines

_N = r"(?P<n>\d{1,3}|[一二三四五六七八九十百零两]{1,6})"
#: 第N条 / 第N章 in running text, with what may stand before it.
_CITED = re.compile(r"(?P<own>本(?:办法|条例|细则|规定|规则|实施细则|规程|决定|制度|标准|准则))?\s*第\s*" + _N
                    + r"\s*(?P<kind>条|章)(?=[规款项的中所之第至和及或、，。；：:）)和以、]|$)")
#: Words just before 第N条 that name another text (…法第五条, 《…》第五条, 前述条例第五条).
_OTHER_TEXT = re.compile(r"(?:》|法|条例|规定|办法|细则|规则|意见|通知|决定|公约|协定|章程|纲要|规划|令|号|文件)\s*$")
_HEADING_ANYWHERE = re.compile(r"(?:^|[\s　])第\s*" + _N + r"\s*(?P<kind>条|章)(?=[\s　])")
_TABLE_CITE = re.compile(
    r"(?<!》)(?:[（(]\s*(?:详见|见|参见)?\s*(?P<fu>附)?表\s*(?P<k>\d{1,3})\s*[)）]"
    r"|(?:如|见|详见|参见)\s*(?P<fu>附)?表\s*(?P<k>\d{1,3})(?![\d.．\-—]))"
)
_COLUMN_CITE = re.compile(r"(?<!》)(?:[（(]\s*(?:详见|见|参见)?\s*|(?:如|见|详见|参见))专栏\s*(?P<k>\d{1,3}|[一二三四五六七八九十]{1,3})(?!\d)")
_COLUMN_LABEL = re.compile(r"^专栏\s*(?P<k>\d{1,3}|[一二三四五六七八九十]{1,3})(?![\d.．])")
_KIND = {"条": "article", "章": "chapter"}
_CITED_OPEN = re.compile(r"》\s*[（(]")
_CITED_CLOSE = re.compile(r"[)）](?![\s\d]*(?:第\s*)?\d*\s*号)")


def _own_citation(text: str, m: re.Match) -> bool:
    """Whether 第N条 matched in squashed `text` cites the document itself, not its own heading
    nor another text."""
    if not text[:m.start()].strip(" 　*#"):
        return False  # the heading of an article
    if m["own"]:
        return True
    before = text[:m.start()]
    clause = re.split(r"[。；;]", before)[-1]
    return not (_OTHER_TEXT.search(before) or "《" in clause or "“" in clause[-12:])


@extractor("references", kinds=("cite", "cited_number", "label", "last_heading"))
def references(doc: DocText) -> Iterator[Mention]:
    """``cite``, ``label`` and ``last_heading`` rows of one document."""
    last: dict[str, tuple[int, int, str, int]] = {}  # 条|章 → (number, line, text, col)
    for i, text, sq in prose(doc):
        if "第" in text and ("条" in sq or "章" in sq):
            for m in _HEADING_ANYWHERE.finditer(text):
                n = P.cn_to_int(m["n"])
                if n is not None and n > last.get(m["kind"], (0,))[0]:
                    last[m["kind"]] = (n, i, m.group(0).strip(), m.start())
            for m in _CITED.finditer(sq):
                n = P.cn_to_int(m["n"])
                if n is not None and _own_citation(sq, m):
                    yield Mention(i, "cite", _KIND[m["kind"]], m.group(0), str(n), col(text, m.start()))
        if "表" in sq:
            if lab := P.table_label(text):
                yield Mention(i, "label", lab.kind, sq[:12], str(lab.number), col(text, 0))
            for m in _TABLE_CITE.finditer(sq):
                yield Mention(i, "cite", "annex_table" if m["fu"] else "table", m.group(0), str(int(m["k"])),
                              col(text, m.start()))
        if "专栏" in sq:
            if (m := _COLUMN_LABEL.match(sq)) and (k := P.cn_to_int(m["k"])) is not None:
                yield Mention(i, "label", "column", sq[:12], str(k), col(text, 0))
            for m in _COLUMN_CITE.finditer(sq):
                if (k := P.cn_to_int(m["k"])) is not None:
                    yield Mention(i, "cite", "column", m.group(0), str(k), col(text, m.start()))
    for i, text, sq in squashed_lines(doc):
        if "》（" in sq or "》(" in sq:
            for m in _CITED_OPEN.finditer(text):
                tail = text[m.end(): m.end() + 80]
                close = _CITED_CLOSE.search(tail)
                inside = tail[: close.start()] if close else tail[:40]
                for n in P.DOC_NUMBER.finditer(P.squash(inside)):
                    yield Mention(i, "cited_number", "number", n.group(0), None, m.end())
    for word, (n, i, text, c) in last.items():
        yield Mention(i, "last_heading", _KIND[word], text, str(n), c)
