"""Parser: a Source (decoded gazette text) → Records.

The parser knows the layout of gazette text, not the rules: it records what
it finds, with the 1-based line of each thing, and lists in ``problems`` what
it could not read. See the module-level functions for each part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import regex as re

from . import contract
from . import patterns as P
from .alloc import fewer_collections
from .read import Source, source_from_string
from .records import Records, frame
from .text import CleanText, clean_lines

_SENT_END = tuple("。；！？，、")
_END_OK = tuple("。！？；”’）)】〕」』…：:")
_TOC_HEAD = re.compile(r"^目\s*录$")
_SECTION = re.compile(r"^[●■◆◇○•▲★]\s*(?P<name>.+)$|^【(?P<name2>[^】]{2,20})】$")
_TOC_PAGE = re.compile(
    r"^(?P<title>.*?)(?:\s*[.…·．。⋯]{2,}\s*|\s*\t\s*|\s+|(?<=[\p{Han}）)》”])|(?<=^))"
    r"[（(]\s*(?P<page>\d{1,4})\s*[)）]\s*$"
    r"|^(?P<title2>.*?)(?:\s*[.…·．⋯]{3,}\s*|\t+)\s*(?P<page2>\d{1,4})\s*$"
)
#: In the TOC only: `…的通知          12` (a gap of spaces or a tab, collapsed by cleaning), `…的通知　第12页`.
_TOC_PAGE_GAP = re.compile(r"^(?P<title>.*[\p{Han}）)》”])\s+(?:第\s*)?(?P<page>\d{1,4})\s*页?\s*$")
_TOC_BULLET = re.compile(r"^(?:[-–—·•*]\s+)")
_NAME = re.compile(r"^(?P<name>[\p{Han}]{2,20}?(?:人民政府)?(?:公报|政报))$")
_FREQ = re.compile(r"(?P<f>双月刊|半月刊|月刊|季刊|旬刊|周刊|年刊)")
#: The masthead's numbers (one grammar for the masthead row and the ``front_number`` mentions),
#: in Arabic or Chinese numerals.
_ISSUE_NO = re.compile(rf"(?<!总\s{{0,2}})第\s*(?P<n>\d{{1,3}}|{P.CN_NUM}{{1,4}})\s*期")
_TOTAL_NO = re.compile(rf"总\s*第\s*(?P<n>\d{{1,5}}|{P.CN_NUM}{{1,8}})\s*期")
_YEAR_ISSUE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[一二][〇○零一二三四五六七八九]{{3}})\s*年?\s*第\s*(?:\d{{1,3}}|{P.CN_NUM}{{1,4}})\s*期")
#: `某市人民政府公报　2024年第3期（总第87期）　2024年3月31日出版`: the name opening a one-line masthead.
_NAME_LEAD = re.compile(r"^(?P<name>[\p{Han}]{2,20}?(?:人民政府)?(?:公报|政报))[\s\u3000]*(?=\d|[〇○零一二]|第|[（(])")
_PUBLISHER = re.compile(r"^(?P<p>[\p{Han}]{4,40}?)\s*主办$|^(?:编印单位|主办单位|编辑出版)\s*[：:]\s*(?P<p2>[\p{Han}]{4,40})$")
_ISSUING_VERB = re.compile(r"(?P<verb>关于|印发|转发|下发|颁布|批转)")
_COLOPHON = re.compile(r"^(?:抄送|抄报|印发)\s*[：:]|^\S.{0,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")
_ATTACH_LABEL = re.compile(r"^附件\s*\d*\s*$")
_ATTACH_LIST = re.compile(r"^附件\s*[：:]")
_ARABIC_ITEM = dict(P.OUTLINE_PATTERNS)["arabic"]
_TABLE_CAPTION = re.compile(r"(?:表|清单|一览|分工|计划|统计|情况|指标|明细|汇总)")
_NUMBER_CELL = re.compile(
    r"^(?P<sign>[-−－+])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|‰|万元|亿元|元|万|亿|个|家|人|人次|万人|项|部|件|公里|千米|km|平方米|万平方米|平方公里|"
    r"户|万户|吨|万吨|亩|万亩|公顷|套|处|座|所|台|辆|MW|兆瓦|千瓦|条|米|天|年|次|场|批|只|头|株|间|张|份|页)?$"
)
_ISSUED_QUOTE = re.compile(
    r"《(?P<t1>[^《》\n]{2,120})》[^。；《]{0,30}?(?:印发|下发|转发|发给|颁布|批转)"
    r"|(?:印发|下发|转发|颁布)[^。；《]{0,10}《(?P<t2>[^《》\n]{2,120})》"
)
_ARTICLE = dict(P.OUTLINE_PATTERNS)["article"]
_TIGHT_ARTICLE = re.compile(rf"^(?P<head>第(?P<n>{P.CN_NUM}+)条)(?P<rest>[\p{{Han}}“《].*)$")
#: Patterns the parser used to compile at each call (the `regex` cache lookup is slow on hot paths).
_ADDRESSEE_WORD = re.compile(r"人民政府|单位|部门|局|委|办|各|公司|院|会|中心|所|厅")
_TOC_LEADER_END = re.compile(r"[.…·．⋯]{2,}$")
_HEAD_VERB = re.compile(r"^(?:关于|印发|转发|下发)")
_HEAD_VERB_ANY = re.compile(r"关于|印发|转发|下发")
_CARRYING_VERB = re.compile(r"印发|下发|转发|颁布|批转")
_NAME_GAP = re.compile(r"[\s、]+")
_TABLE_NO = re.compile(r"^(?:表|附表)\s*\d")
_TAKES_EFFECT = re.compile(r"\s*(?:起)?\s*(?:施行|实施|开始实施|起施行|生效)")
_FROM_END = re.compile(r"[自于]\s*$")
_NAME_LIST_SEP = re.compile(r"[、，,；;\s]+")
_ADDRESSEE_SEP = re.compile(r"[，,；;]")
_DASH_CELL = re.compile(r"^[-—–－/／\\]+$|^无$")
#: `2024年`, `2024年度`: a year heading a column, not a quantity.
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}\s*年度?$")


def parse_text(text: str, name: str = "<string>") -> Records:
    """Parse gazette text held in memory."""
    return parse_source(source_from_string(text, name))


@fewer_collections()
def parse_source(source: Source, clean: CleanText | None = None) -> Records:
    """Parse one decoded file into records.

    The parser reads the lines of the text stage (`clean`, made here when not
    given); every line and column of the records is mapped back to the original.
    """
    return _FileParser(source, clean).run()


#: Record columns that hold a 1-based line: mapped from cleaned to original lines.
_LINE_COLUMNS = contract.line_columns("first")
#: Record columns that hold the 1-based line where something ends: mapped to the original's last line.
_END_LINE_COLUMNS = contract.line_columns("last")


@dataclass
class _Doc:
    head_start: int  # 0-based index of first heading line
    head_lines: list[int]
    number_idx: int | None
    addressee_idx: int | None
    head_end: int
    end: int = -1
    fields: dict[str, Any] = field(default_factory=dict)
    kind: str = "document"  # or "decree" (政府令), "standalone" (a text that is one document)


class _FileParser:
    """Parses one file; all indices are 0-based internally, 1-based in records."""

    def __init__(self, source: Source, clean: CleanText | None = None) -> None:
        self.src = source
        self.name = source.name
        self.ct = clean if clean is not None else clean_lines(source.lines, source.name)
        self.raw = self.ct.texts
        self.clean = [P.clean_line(x) for x in self.raw]
        self.sq = [P.squash(x) for x in self.clean]
        self.n = len(self.raw)
        self.rows: dict[str, list[dict[str, Any]]] = {k: [] for k in (
            "issues", "toc", "documents", "outline", "tables", "mentions", "citations", "problems")}

    # ------------------------------------------------------------------ utils
    def problem(self, idx: int, kind: str, message: str, document: str = "") -> None:
        self.rows["problems"].append(
            {"file": self.name, "line": idx + 1, "kind": kind, "message": message, "document": document}
        )

    def _next_nonblank(self, i: int, limit: int | None = None) -> int | None:
        end = self.n if limit is None else min(self.n, limit)
        while i < end:
            if self.sq[i]:
                return i
            i += 1
        return None

    def _prev_nonblank(self, i: int, floor: int = 0) -> int | None:
        while i >= floor:
            if self.sq[i]:
                return i
            i -= 1
        return None

    def is_table_line(self, i: int) -> bool:
        return P.is_table_row(self.raw[i])

    def is_doc_number_line(self, i: int) -> bool:
        # (the words tested first are ones the pattern needs: most lines lack them)
        return "号" in self.sq[i] and P.DOC_NUMBER_LINE.match(self.sq[i]) is not None

    def is_date_line(self, i: int) -> bool:
        return "日" in self.sq[i] and P.DATE_LINE.match(self.sq[i]) is not None

    def is_outline_line(self, i: int) -> bool:
        return P.outline_label(self.clean[i].lstrip("—- ")) is not None

    def heading_like(self, i: int) -> bool:
        s = self.sq[i]
        if not s or len(s) > 70 or self.is_table_line(i):
            return False
        if s.endswith(_SENT_END) or s.endswith(("：", ":")):
            return False
        if self.is_date_line(i) or self.is_doc_number_line(i) or self.is_outline_line(i):
            return False
        if _TOC_PAGE.match(self.clean[i]) or _SECTION.match(self.clean[i]):
            return False
        if _COLOPHON.match(s) or _ATTACH_LABEL.match(s) or P.MASTHEAD_MARK.match(s):
            return False
        if P.DECREE_SERIAL_LINE.match(s) or P.SIGNATORY.match(self.clean[i]):
            return False
        return True

    def is_addressee(self, i: int) -> bool:
        s = self.sq[i]
        if not s.endswith(("：", ":")) or len(s) > 200 or not P.ADDRESSEE.match(s):
            return False
        return bool(_ADDRESSEE_WORD.search(s))

    # -------------------------------------------------------------- pipeline
    def run(self) -> Records:
        toc_start = next((i for i in range(min(self.n, 400)) if _TOC_HEAD.match(self.clean[i])), None)
        docs = self.find_documents()
        first_doc = docs[0].head_start if docs else self.n
        self.parse_masthead(toc_start if toc_start is not None else min(first_doc, 60))
        self.front_numbers(first_doc)
        self.toc_range = range(0)
        if toc_start is not None:
            self.parse_toc(toc_start + 1, first_doc)
            self.toc_range = range(toc_start, first_doc)
        for pos, d in enumerate(docs, 1):
            self.describe_document(d, pos)
        self.assign_sections(docs)
        self.parse_tables(docs)
        for d in docs:
            self.parse_outline(d)
            self.parse_mentions(d)
        self.detect_truncation(docs)
        if not docs and not self.rows["issues"] and not self.rows["toc"]:
            self.problem(0, "no_content", "no gazette issue, table of contents or document was recognised")
        self.use_export_meta(docs)
        self.report_regions()
        self.map_to_original()
        tables = {k: frame(k, rows) for k, rows in self.rows.items()}
        return Records(**tables, sources={self.name: self.src}, texts={self.name: self.ct})

    def map_to_original(self) -> None:
        """Turn the 1-based cleaned-line numbers of every row into original lines (and columns)."""
        lines = self.ct.lines

        def first(v: Any) -> Any:
            return lines[v - 1].first_line if isinstance(v, int) and 1 <= v <= len(lines) else v

        for kind, rows in self.rows.items():
            for row in rows:
                if kind in ("mentions", "citations") and isinstance(row.get("col"), int):
                    idx = row["line"] - 1
                    if 0 <= idx < len(lines):
                        row["line"], row["col"] = lines[idx].origin(row["col"])
                        continue
                for c in _LINE_COLUMNS:
                    if c in row:
                        row[c] = first(row[c])
                for c in _END_LINE_COLUMNS:
                    if isinstance(row.get(c), int) and 1 <= row[c] <= len(lines):
                        row[c] = lines[row[c] - 1].last_line

    def report_regions(self) -> None:
        """One problem per low-confidence region: its text is not checked."""
        for r in self.ct.regions:
            idx = next((i for i, ln in enumerate(self.ct.lines) if ln.first_line >= r.line), 0)
            span = f"第{r.line}行" if r.line == r.end_line else f"第{r.line}–{r.end_line}行"
            self.problem(idx, "low_confidence", f"{span}文字无法可靠识别（{r.reason}），未检查。")

    def detect_truncation(self, docs: list[_Doc]) -> None:
        """Report a text that stops mid-sentence, or a TOC longer than the body."""
        last = self._prev_nonblank(self.n - 1)
        if last is None or not docs:
            return
        label = docs[-1].fields.get("doc_number") or docs[-1].fields.get("title") or ""
        tail = self.sq[last]
        if not self.is_table_line(last) and not tail.endswith(_END_OK) and not self.is_date_line(last) \
                and not tail.endswith("印发") and len(tail) > 8 and re.search(r"[，、；]", tail) \
                and not self._in_attachment_list(last):
            self.problem(last, "truncated", "文本在句子中间结束，最后一篇文件可能不完整（截断部分未被检查）。", label)
        toc = self.rows["toc"]
        if toc and len(toc) > len(docs):
            missing = len(toc) - len(docs)
            self.problem(last, "truncated",
                         f"目录列出 {len(toc)} 篇文件，正文只识别出 {len(docs)} 篇，可能有 {missing} 篇缺失或文本被截断。",
                         label)

    def _in_attachment_list(self, i: int) -> bool:
        """Line `i` is an item of a `附件：1.… 2.…` list (the list may close a document)."""
        for j in range(i, max(-1, i - 12), -1):
            s = self.clean[j].lstrip("—-－ ")
            if _ATTACH_LIST.match(s):
                return True
            if self.sq[j] and not _ARABIC_ITEM.match(s):
                return False
        return False

    # --------------------------------------------------------------- masthead
    def parse_masthead(self, end: int) -> None:
        zone = range(0, max(0, min(end, self.n)))
        name = number = total = year = freq = publisher = None
        date = date_raw = None
        line_idx = None
        best = -1
        for i in zone:
            s, sq = self.clean[i], self.sq[i]
            if not sq:
                continue
            if name is None and (m := _NAME.match(sq) or (_ISSUE_NO.search(s) and _NAME_LEAD.match(sq))):
                name = m["name"]
            if freq is None and (m := _FREQ.search(sq)) and len(sq) < 30:
                freq = m["f"]
            m_no = _ISSUE_NO.search(s)
            if m_no and len(sq) < 60:
                m_tot = _TOTAL_NO.search(s)
                score = 2 if m_tot else 0
                nxt = self._next_nonblank(i + 1, i + 3)
                if m_tot is None and nxt is not None:
                    m_tot = _TOTAL_NO.search(self.clean[nxt])
                    score = 1 if m_tot else 0
                # prefer the line that holds both numbers (the masthead proper)
                if (number is None or score > best) and (no := _issue_int(m_no["n"])) is not None:
                    number, line_idx, best = no, i, score
                    if m_tot:
                        total = _issue_int(m_tot["n"])
                if year is None and (m_y := _YEAR_ISSUE.search(s)):
                    year = P.cn_year_to_int(m_y["y"])
            elif total is None and (m_tot := _TOTAL_NO.search(s)) and len(sq) < 40:
                total = _issue_int(m_tot["n"])
            if date is None and (m_d := P.DATE.search(s)) and len(sq) < 60 and "准印" not in sq:
                d = P.to_date(*P.date_parts(m_d))
                date_raw = m_d.group(0)
                date = d.isoformat() if d else None
                if d is None:
                    self.problem(i, "masthead_date", f"publication date {date_raw} is not a real date")
            if publisher is None and (m_p := _PUBLISHER.match(sq)):
                publisher = m_p["p"] or m_p["p2"]
        if number is None:
            return  # a standalone document: no issue row
        if date:  # the masthead date decides; a cover line's year may disagree
            year = int(date[:4])
        city = None
        if name:
            city = re.sub(r"(?:人民政府)?(?:公报|政报)$", "", name) or None
        if date is None:
            self.problem(line_idx, "masthead_date", "the masthead has no publication date")
        self.rows["issues"].append({
            "file": self.name, "line": line_idx + 1, "name": name, "city": city, "frequency": freq,
            "year": year, "number": number, "total_number": total, "date": date,
            "date_raw": date_raw, "publisher": publisher,
        })

    def front_numbers(self, end: int) -> None:
        """Every 第N期, 总第N期 and year-with-期 of the short lines before the first document (cover,
        masthead, TOC), as ``front_number`` mentions: role ``第N期``, ``总第N期`` or ``年份``, ``value``
        the number. Lines longer than 60 characters are prose, not front matter."""
        add = self.rows["mentions"].append
        for i in range(min(end, self.n)):
            s = self.clean[i]
            if "期" not in s or len(self.sq[i]) > 60:
                continue
            found = [("总第N期", m, _issue_int(m["n"])) for m in _TOTAL_NO.finditer(s)]
            found += [("第N期", m, _issue_int(m["n"])) for m in _ISSUE_NO.finditer(s)]
            found += [("年份", m, P.cn_year_to_int(m["y"])) for m in _YEAR_ISSUE.finditer(s)]
            for role, m, value in found:
                if value is None:
                    continue
                add({"file": self.name, "line": i + 1, "doc_id": None, "kind": "front_number", "role": role,
                     "text": m.group(0), "value": str(value), "col": 0})

    # --------------------------------------------------------------------- toc
    def parse_toc(self, start: int, end: int) -> None:
        section = None
        buf: list[int] = []
        bulleted = sum(1 for i in range(start, end) if _TOC_BULLET.match(self.clean[i])) >= 2
        pos = 0

        def emit(page: int | None, last: int, tail: str = "") -> None:
            nonlocal pos
            parts = [_TOC_BULLET.sub("", self.clean[j]) for j in buf]
            if tail is not None and buf and last == buf[-1]:
                parts[-1] = _TOC_BULLET.sub("", tail.strip())
            title = P.squash("".join(parts))
            title = _TOC_LEADER_END.sub("", title)
            if not title:
                return
            pos += 1
            self.rows["toc"].append({
                "file": self.name, "line": buf[0] + 1, "end_line": last + 1, "section": section,
                "position": pos, "title": title, "page": page,
            })
            if page is None:
                self.problem(buf[0], "toc_no_page", f"table-of-contents entry without a page number: {title}")

        for i in range(start, end):
            s = self.clean[i]
            if not s:
                continue
            if m := _SECTION.match(s):
                if buf and bulleted and _TOC_BULLET.match(self.clean[buf[0]]):
                    emit(None, buf[-1], None)
                buf = []
                section = P.squash(m["name"] or m["name2"])
                continue
            if bulleted and _TOC_BULLET.match(s) and buf:
                if _TOC_BULLET.match(self.clean[buf[0]]):
                    emit(None, buf[-1], None)
                buf = []
            m = _TOC_PAGE.match(s) or _TOC_PAGE_GAP.match(s)
            if m:
                title_part = next(t for t in (m["title"], m.groupdict().get("title2")) if t is not None)
                page = int(m["page"] or m.groupdict().get("page2"))
                buf.append(i)
                emit(page, i, title_part)
                buf = []
                continue
            if self.is_doc_number_line(i) or self.is_date_line(i) or self.is_addressee(i):
                break
            buf.append(i)
            if len(buf) > 4:
                break
        if buf and bulleted and _TOC_BULLET.match(self.clean[buf[0]]):
            emit(None, buf[-1], None)

    # --------------------------------------------------------------- documents
    def find_documents(self) -> list[_Doc]:
        """Anchor documents on 发文字号 lines, or on a heading followed by a 主送 line."""
        docs: list[_Doc] = []
        used: set[int] = set()
        for i in range(self.n):
            if not self.is_doc_number_line(i) or self.is_table_line(i):
                continue
            before = self._heading_before(i)
            if before:
                addr = self._next_nonblank(i + 1, i + 4)
                addr = addr if addr is not None and self.is_addressee(addr) else None
                docs.append(_Doc(before[0], before, i, addr, addr if addr is not None else i))
                used.update(before)
                continue
            after = self._heading_after(i)
            if after:
                last = after[-1]
                addr = self._next_nonblank(last + 1, last + 4)
                addr = addr if addr is not None and self.is_addressee(addr) else None
                docs.append(_Doc(i, after, i, addr, addr if addr is not None else last))
                used.update(after)
        # documents without 发文字号: a heading ending in a 文种, then a 主送 line
        for i in range(self.n):
            if not self.is_addressee(i):
                continue
            prev = self._prev_nonblank(i - 1)
            if prev is None or prev in used or self.is_doc_number_line(prev):
                continue
            if any(d.head_start <= i <= d.head_end for d in docs):
                continue
            lines = self._heading_before(i)
            if not lines or any(j in used for j in lines):
                continue
            title = P.squash("".join(self.clean[j] for j in lines))
            if not P.DOC_TYPE_END.search(title) or not _ISSUING_VERB.search(title):
                continue
            docs.append(_Doc(lines[0], lines, None, i, i))
            used.update(lines)
        docs.extend(self._decrees(used))
        if not docs:
            docs.extend(self._standalone())
        docs.sort(key=lambda d: d.head_start)
        for k, d in enumerate(docs):
            nxt = docs[k + 1].head_start if k + 1 < len(docs) else self.n
            e = self._prev_nonblank(nxt - 1, d.head_end)
            d.end = e if e is not None else d.head_end
        return docs

    def _decrees(self, used: set[int]) -> list[_Doc]:
        """政府令: a `某省人民政府令` heading with its `（第N号）` line."""
        found = []
        for i in range(self.n):
            if i in used or "令" not in self.sq[i] or not (m := P.DECREE_HEAD.match(self.sq[i])):
                continue
            if m["serial"]:  # `某省人民政府令　第12号` on one line
                found.append(_Doc(i, [i], i, None, i, kind="decree"))
                used.add(i)
                continue
            k = self._next_nonblank(i + 1, i + 4)
            if k is not None and P.DECREE_SERIAL_LINE.match(self.sq[k]):
                found.append(_Doc(i, [i], k, None, k, kind="decree"))
                used.update((i, k))
        return found

    def _standalone(self) -> list[_Doc]:
        """A text that is one document without 主送 (a 办法 or 规定 published alone, a web page).

        Its heading is the first title-like line(s) ending in a 文种 (or the export's title);
        a 发文字号 line just below or above it is taken too.
        """
        if any(_ISSUE_NO.search(self.clean[i]) for i in range(min(self.n, 40))):
            return []  # a gazette issue: its documents have their own anchors
        meta_title = P.fold(self.ct.meta.get("title", ""))
        seen = 0
        for i in range(self.n):
            if not self.sq[i]:
                continue
            seen += 1
            if seen > 8:
                break
            if P.MASTHEAD_MARK.match(self.sq[i]) or self.is_doc_number_line(i):
                continue
            if not self.heading_like(i):
                continue
            lines = [i]
            j = self._next_nonblank(i + 1, i + 3)
            while j is not None and len(lines) < 3 and self.heading_like(j) \
                    and not P.DOC_TYPE_END.search(P.squash("".join(self.clean[x] for x in lines))):
                lines.append(j)
                j = self._next_nonblank(j + 1, j + 3)
            title = P.squash("".join(self.clean[x] for x in lines))
            if not (P.DOC_TYPE_END.search(title) or (meta_title and P.fold(title) == meta_title)):
                continue
            number = None
            for k in (*range(max(0, i - 3), i), *range(lines[-1] + 1, min(self.n, lines[-1] + 4))):
                if self.is_doc_number_line(k):
                    number = k
                    break
            last = max(lines[-1], number if number is not None else -1)
            addr = self._next_nonblank(last + 1, last + 4)
            addr = addr if addr is not None and self.is_addressee(addr) else None
            return [_Doc(lines[0], lines, number, addr, addr if addr is not None else last, kind="standalone")]
        return []

    def _heading_before(self, i: int) -> list[int]:
        """Heading lines just above line `i` (a 发文字号 or 主送 line)."""
        lines: list[int] = []
        j = i - 1
        while j >= 0 and len(lines) < 5:
            if not self.sq[j]:
                j -= 1
                continue
            if not self.heading_like(j):
                break
            lines.insert(0, j)
            j -= 1
        if not lines:
            return []
        # the heading starts at the last line (nearest the anchor) that opens with
        # 关于/印发 or with an organ followed by 关于/印发, or after an organ-only line
        start = None
        for k in range(len(lines) - 1, -1, -1):
            sq = self.sq[lines[k]]
            if _HEAD_VERB.match(sq) or (
                _ISSUING_VERB.search(sq) and P.ORGAN_ONLY.match(_HEAD_VERB_ANY.split(sq)[0] or "x")
            ):
                start = k
                break
            if P.ORGAN_ONLY.match(sq) and k + 1 < len(lines):
                start = k
                break
        if start is None:
            title = P.squash("".join(self.clean[x] for x in lines))
            if not P.DOC_TYPE_END.search(title):
                return []
            start = 0
        # several organ lines in a row (联合行文 heading): keep them all
        while start > 0 and P.ORGAN_ONLY.match(self.sq[lines[start - 1]]):
            start -= 1
        return lines[start:]

    def _heading_after(self, i: int) -> list[int]:
        """Heading lines just below a 发文字号 line (发文字号 printed above the title)."""
        lines: list[int] = []
        j = i + 1
        while j < self.n and len(lines) < 5:
            if not self.sq[j]:
                j += 1
                continue
            if self.is_addressee(j) or not self.heading_like(j):
                break
            lines.append(j)
            j += 1
        title = P.squash("".join(self.clean[x] for x in lines))
        if lines and (P.DOC_TYPE_END.search(title) or _ISSUING_VERB.search(title)):
            return lines
        return []

    def describe_document(self, d: _Doc, pos: int) -> None:
        head_text = P.squash("".join(self.clean[j] for j in d.head_lines))
        # 发文字号
        number = agency = num_year = serial = None
        if d.kind == "decree" and d.number_idx is not None:
            head = P.DECREE_HEAD.match(self.sq[d.head_start])
            organ = head["organ"]
            serial = P.cn_to_int(head["serial"] or P.DECREE_SERIAL_LINE.match(self.sq[d.number_idx])["serial"])
            agency = organ + "令"
            number = f"{agency}第{serial}号"
        elif d.number_idx is not None:
            sq_number = P.squash(self.clean[d.number_idx])
            found_number = P.DOC_NUMBER.search(sq_number)
            number = found_number.group(0) if found_number else sq_number
            parts = P.parse_doc_number(number)
            if parts:
                agency, num_year, serial = parts["agency"], parts["year"], parts["serial"]
        # 成文日期 and 落款: the first date-only line after the head
        date_idx = self._signing_date_line(d)
        signers: list[str] = []
        signer_lines: list[int] = []
        signer_idx = None
        signatory = None
        date = date_raw = None
        if date_idx is not None:
            m = P.DATE.search(self.clean[date_idx])
            date_raw = m.group(0)
            dd = P.to_date(*P.date_parts(m))
            date = dd.isoformat() if dd else None
            j = date_idx - 1
            while j > d.head_end and len(signers) < 30:
                if not self.sq[j]:
                    j -= 1
                    continue
                sq = self.sq[j]
                if signatory is None and not signers and (m_sig := P.SIGNATORY.match(self.clean[j])):
                    signatory, signer_idx = f"{m_sig['post']} {m_sig['name']}", j
                    j -= 1
                    continue
                if P.ORGAN_ONLY.match(sq) or (len(sq) <= 30 and re.search(P.ORGAN_SUFFIX + r"$", sq)
                                              and not sq.endswith(_SENT_END)):
                    signers.insert(0, sq)
                    signer_lines.insert(0, j)
                    signer_idx = j
                    j -= 1
                    continue
                break
        label = number or head_text
        if date_idx is None:
            self._no_date(d, label)
        elif date is None:
            self.problem(date_idx, "document_bad_date", f"成文日期 {date_raw} is not a real date", label)
        # issuer(s) and title
        issuers = self._heading_organs(d) if d.kind != "decree" else [number.split("令第")[0]]
        if not issuers:
            issuers = list(signers) or self._masthead_mark_organs(d)
        title = head_text
        doc_type = None
        if m := P.DOC_TYPE_END.search(title):
            doc_type = m["type"]
        if d.kind == "decree":
            doc_type = "令"
            title = self._decree_title(d, date_idx) or head_text
        # 印发 notice: the quoted title and the heading of the carried text
        quoted = quoted_idx = attached = attached_idx = None
        body_end = date_idx if date_idx is not None else d.end
        if _CARRYING_VERB.search(title):
            for j in range(d.head_end + 1, body_end + 1):
                line = self.clean[j]
                # a title followed by its 文号 is a citation of another document, not the carried text
                found = [m for m in _ISSUED_QUOTE.finditer(line)
                         if not P.CITED_AFTER.search(line[m.end("t1" if m["t1"] else "t2") + 1:][:50])]
                if found:
                    m = found[0]
                    quoted, quoted_idx = P.squash(m["t1"] or m["t2"]), j
                    break
            if date_idx is not None:
                attached, attached_idx = self._attached_heading(date_idx, d.end, quoted)
        addressee = P.squash(self.clean[d.addressee_idx]).rstrip("：:") if d.addressee_idx is not None else None
        d.fields = {
            "file": self.name, "line": d.head_start + 1, "end_line": d.end + 1,
            "doc_id": f"{self.name}#{pos}", "position": pos, "section": None,
            "issuer": "、".join(issuers) if issuers else None, "title": title,
            "title_line": d.head_lines[0] + 1,
            "doc_number": number, "doc_number_line": d.number_idx + 1 if d.number_idx is not None else None,
            "agency": agency, "number_year": num_year, "serial": serial, "doc_type": doc_type,
            "addressee": addressee, "signer": "、".join(signers) if signers else signatory,
            "signer_line": signer_idx + 1 if signer_idx is not None else None,
            "date": date, "date_raw": date_raw, "date_line": date_idx + 1 if date_idx is not None else None,
            "attached_title": attached, "attached_line": attached_idx + 1 if attached_idx is not None else None,
            "quoted_title": quoted, "quoted_line": quoted_idx + 1 if quoted_idx is not None else None,
            "body_line": d.head_end + 2,
        }
        d.fields["_date_idx"] = date_idx
        d.fields["_signer_lines"] = signer_lines
        self.rows["documents"].append({k: v for k, v in d.fields.items() if not k.startswith("_")})

    def _heading_organs(self, d: _Doc) -> list[str]:
        """Issuing organs named in the heading (before 关于/印发), if any."""
        organs: list[str] = []
        for j in d.head_lines:
            sq = self.sq[j]
            if P.ORGAN_ONLY.match(sq):
                organs.extend(x for x in _NAME_GAP.split(self.clean[j].replace("**", "")) if x)
                continue
            m = _ISSUING_VERB.search(sq)
            if m and m.start() > 0:
                prefix_raw = self.clean[j]
                k = prefix_raw.find(m["verb"])
                pre = prefix_raw[:k] if k > 0 else sq[: m.start()]
                parts = [P.squash(x) for x in _NAME_GAP.split(pre) if x.strip()]
                if len(parts) > 1 and not all(P.ORGAN_ONLY.match(x) for x in parts):
                    parts = [P.squash(pre)]
                # `徐汇区关于…`: a place, not an organ; the issuer then comes from the signature
                organs.extend(x for x in parts if re.search(P.ORGAN_SUFFIX + r"$", x))
            break
        return [o for o in organs if o]

    def _signing_date_line(self, d: _Doc) -> int | None:
        """The 成文日期 line: the first date line that closes the notice's body.

        A date line closes the body when what follows it is the end of the document, the text it
        carries (a heading), its attachments, a table, or the 版记 (抄送, 印发). Date lines inside
        the body (a list of `某局　2024年11月10日` deadlines) are passed over; when none closes the
        body, the first date line is taken.
        """
        dates = [j for j in range(d.head_end + 1, d.end + 1) if self.is_date_line(j)]
        for j in dates:
            k = self._next_nonblank(j + 1, d.end + 1)
            if k is None or (self.heading_like(k) and not P.ORGAN_ONLY.match(self.sq[k])) \
                    or self.is_table_line(k) or self.is_date_line(k):
                return j
            s = self.sq[k]
            if _ATTACH_LABEL.match(s) or _ATTACH_LIST.match(s) or _COLOPHON.match(s) or s.startswith(("附件", "（此件", "(此件")):
                return j
        return dates[0] if dates else None

    def _no_date(self, d: _Doc, label: str) -> None:
        """No date line: a date the parser cannot place (a tool limit) or none at all (a defect)."""
        tail = [j for j in range(d.end, d.head_end, -1) if self.sq[j]][:12]
        seen = next((j for j in tail if P.DATE.search(self.clean[j]) and not self.is_table_line(j)
                     and len(self.sq[j]) <= 40 and not re.search(r"[，。；]", self.sq[j])), None)
        if seen is not None:
            self.problem(seen, "document_date_unread",
                         f"a date stands near the end of document {label} but was not read as its 成文日期", label)
        else:
            self.problem(d.head_start, "document_no_date",
                         f"no 成文日期 (date line) found for document {label}", label)

    def _masthead_mark_organs(self, d: _Doc) -> list[str]:
        """Organs of a 版头 (`某某委员会文件`) just above the heading."""
        j = self._prev_nonblank(d.head_start - 1, max(0, d.head_start - 4))
        m = P.MASTHEAD_MARK.match(self.sq[j]) if j is not None else None
        if not m:
            return []
        return [x for x in re.split(r"[\s、]+", self.clean[j].rsplit("文件", 1)[0]) if x]

    def _decree_title(self, d: _Doc, date_idx: int | None) -> str | None:
        """The title of what a 政府令 promulgates: the heading after its date, or the 《title》 it names."""
        if date_idx is not None:
            j = self._next_nonblank(date_idx + 1, d.end + 1)
            if j is not None and self.heading_like(j) and P.DOC_TYPE_END.search(self.sq[j]):
                return self.sq[j]
        for j in range(d.head_end + 1, (date_idx if date_idx is not None else d.end) + 1):
            if m := P.QUOTED_TITLE.search(self.clean[j]):
                return P.squash(m["title"])
        return None

    def use_export_meta(self, docs: list[_Doc]) -> None:
        """What an export or web header says about a lone document, where its text does not print it.

        A web page shows the 发文字号 in a metadata table, not in the text: it is
        taken from there. A date only in the header is not a 成文日期; the document
        then has none, which is a limit of the export, not a defect of the text.
        """
        meta = self.ct.meta
        if not meta or len(self.rows["documents"]) != 1 or self.rows["issues"]:
            return
        row = self.rows["documents"][0]
        if not row["doc_number"] and (m := P.DOC_NUMBER.search(P.squash(meta.get("doc_number", "")))):
            parts = P.parse_doc_number(m.group(0))
            row.update(doc_number=m.group(0), agency=parts["agency"], number_year=parts["year"],
                       serial=parts["serial"])
        if not row["issuer"] and meta.get("issuer"):
            row["issuer"] = P.squash(meta["issuer"])
        if row["date"] is None and (meta.get("date") or meta.get("published")):
            for p in self.rows["problems"]:
                if p["kind"] == "document_no_date" and p["document"] in (row["doc_number"], row["title"], ""):
                    p["kind"] = "document_date_export"
                    p["message"] = ("the text prints no 成文日期; the export header gives "
                                    f"{meta.get('date') or meta.get('published')}")

    def _attached_heading(self, date_idx: int, end: int, quoted: str | None) -> tuple[str | None, int | None]:
        """The heading of the text a 印发 notice carries, just after its date line."""
        j = self._next_nonblank(date_idx + 1, end + 1)
        # skip a colophon-free 附件 label line
        if j is not None and _ATTACH_LABEL.match(self.sq[j]):
            j = self._next_nonblank(j + 1, end + 1)
        if j is None or not self.heading_like(j):
            return None, None
        lines = [j]
        text = self.sq[j]
        target = P.fold(quoted) if quoted else None
        while True:
            k = self._next_nonblank(lines[-1] + 1, min(end + 1, lines[-1] + 4))
            if k is None or not self.heading_like(k) or len(self.sq[k]) <= 3:
                break
            cand = text + self.sq[k]
            if target is not None:
                if len(P.fold(text)) >= len(target) or len(P.fold(cand)) > len(target) + 4:
                    break
            elif P.DOC_TYPE_END.search(text) or len(cand) > 60:
                break
            lines.append(k)
            text = cand
        return text, j

    def assign_sections(self, docs: list[_Doc]) -> None:
        """Give each document the TOC section of the TOC entry that matches its title."""
        toc = self.rows["toc"]
        if not toc:
            return
        by_title = {P.fold(t["title"]): t["section"] for t in toc}
        for row in self.rows["documents"]:
            row["section"] = by_title.get(P.fold(row["title"]))

    # ------------------------------------------------------------------ outline
    def parse_outline(self, d: _Doc) -> None:
        doc_id = d.fields["doc_id"]
        date_idx = d.fields.get("_date_idx")
        part = 0
        in_list = False
        stack: list[dict[str, Any]] = []
        start = d.head_end + 1
        tight = self._tight_articles(start, d.end)
        for i in range(start, d.end + 1):
            if date_idx is not None and i == date_idx + 1:
                part, stack = 1, []
            s = self.clean[i]
            if not s or self.is_table_line(i):
                continue
            if i in tight:  # `第一条为了…`: the article's text without the usual space
                s = tight[i]
            if self.sq[i] == "附件" and i > (date_idx or start):
                part, stack = part + 1, []  # an unnumbered 附件 label; numbered ones below
            s2 = s.lstrip("—-－ ")
            if s2.startswith("附件") and _ATTACH_LIST.match(s2):
                in_list = True  # `附件：1.《…》` then `2.…` lines: a list of attachments, not outline
                continue
            if in_list:
                # items, and the wrapped rest of an item (`实施细则` under `1.某某告知承诺`)
                if _ARABIC_ITEM.match(s2) or (len(self.sq[i]) <= 40 and not self.is_outline_line(i)
                                              and not self.is_date_line(i) and not self.sq[i].endswith("。")):
                    continue
                in_list = False
            if found := P.outline_label(s2):
                kind, m = found
                num = P.cn_to_int(m["n"])
                if num is None:
                    continue
                rank = P.OUTLINE_RANK[kind]
                if kind == "attachment" and i > (date_idx or start):
                    part += 1
                    stack = []
                while stack and stack[-1]["rank"] >= rank and kind not in ("column",):
                    stack.pop()
                parent = None
                if kind not in ("column", "attachment"):
                    parent = next((x["line"] for x in reversed(stack) if x["rank"] < rank), None)
                label = s2[: m.start("text")].strip() if m["text"] else s2.strip()
                row = {"file": self.name, "line": i + 1, "doc_id": doc_id, "part": part,
                       "kind": kind, "label": label, "number": num,
                       "level": len([x for x in stack if x["rank"] < rank]) + 1,
                       "parent_line": parent, "text": P.squash(m["text"])[:200]}
                self.rows["outline"].append(row)
                if kind not in ("column", "attachment"):
                    stack.append({"rank": rank, "line": i + 1})

    def _tight_articles(self, start: int, end: int) -> dict[int, str]:
        """Lines that print 第N条 with no space before the text (`第一条为了…`), as lines with the space.

        Taken only where they number the document's own articles: 第一条, 第二条, … rising.
        A list citing another regulation's articles (`第二十条第一款：…`) repeats or skips numbers
        and is left alone.
        """
        found: list[tuple[int, int, str | None]] = []  # every article line, tight ones with their spaced text
        for i in range(start, end + 1):
            if not self.clean[i].lstrip("—-－ ").startswith("第"):
                continue  # both patterns open with 第
            if m := _TIGHT_ARTICLE.match(self.clean[i]):
                found.append((i, P.cn_to_int(m["n"]) or 0, f"{m['head']} {m['rest']}"))
            elif m := _ARTICLE.match(self.clean[i].lstrip("—-－ ")):
                found.append((i, P.cn_to_int(m["n"]) or 0, None))
        tight = {i: text for i, _, text in found if text is not None}
        nums = [n for _, n, _ in found]
        steps = [b - a for a, b in zip(nums, nums[1:], strict=False)]
        # the document's own articles: from 第一条 on, always rising, nearly always by one (a slip may skip one)
        if len(tight) < 3 or nums[0] != 1 or any(x <= 0 for x in steps) or sum(x == 1 for x in steps) < 0.8 * len(steps):
            return {}
        return tight

    # ------------------------------------------------------------------- tables
    def parse_tables(self, docs: list[_Doc]) -> None:
        def doc_of(i: int) -> str | None:
            for d in docs:
                if d.head_start <= i <= d.end:
                    return d.fields["doc_id"]
            return None

        i, tno = 0, 0
        while i < self.n:
            if i in self.toc_range:
                i += 1
                continue
            if not ("\t" in self.raw[i] or self.raw[i].lstrip().startswith("<p>") and "</p>" in self.raw[i]):
                i += 1
                continue
            block: list[list[Any]] = []  # [line_idx, cells]
            j = i
            gap = 0
            while j < self.n:
                raw = self.raw[j]
                if "\t" in raw or (raw.lstrip().startswith("<p>") and raw.count("</p>") >= 1 and block):
                    cells = self._cells(raw)
                    width = len(block[0][1]) if block else 0
                    prev = block[-1][1] if block else None
                    if prev is not None and len(block) > 1 and len(prev) < width and cells and cells[0] \
                            and len(prev) + len(cells) - 1 == width:
                        # a row broken inside a cell: join it with the line above
                        prev[-1] = prev[-1] + cells[0]
                        prev.extend(cells[1:])
                    else:
                        block.append([j, cells])
                    gap = 0
                elif not raw.strip():
                    gap += 1
                    if gap > 2:
                        break
                elif block and gap <= 1 and len(block[-1][1]) < len(block[0][1]) and self._is_wrap(j):
                    block[-1][1][-1] = (block[-1][1][-1] + P.clean_line(raw)).strip()
                    gap = 0
                else:
                    break
                j += 1
            if len(block) >= 1 and any(len(c) >= 2 for _, c in block):
                tno += 1
                caption = self._caption(block[0][0])
                label = lab.text if (lab := P.table_label(caption)) else None
                tid = f"{self.name}#T{tno}"
                did = doc_of(block[0][0])
                for r, (li, cells) in enumerate(block):
                    for c, text in enumerate(cells):
                        num, unit = parse_number(text)
                        self.rows["tables"].append({
                            "file": self.name, "line": li + 1, "doc_id": did, "table_id": tid,
                            "caption": caption, "label": label, "row": r, "col": c, "text": text,
                            "number": num, "unit": unit, "is_header": r == 0,
                        })
                if any(len(c) != len(block[0][1]) for _, c in block):
                    pass  # ragged rows are normal (merged cells); rules judge them
            i = max(j, i + 1)

    def _is_wrap(self, j: int) -> bool:
        """A short text line inside a table run continues the cell above."""
        s = self.sq[j]
        if not s or len(s) > 40 or self.is_outline_line(j) or self.is_date_line(j):
            return False
        if _TABLE_CAPTION.search(s) or re.match(r"^(?:注|说明|备注)\s*\d*\s*[：:]", s):
            return False
        nxt = self._next_nonblank(j + 1, j + 3)
        return nxt is not None and "\t" in self.raw[nxt]

    @staticmethod
    def _cells(raw: str) -> list[str]:
        parts = raw.split("\t") if "\t" in raw else re.findall(r"<p>(.*?)</p>", raw)
        return [" ".join(P.strip_markup(p).split()) for p in parts]

    def _caption(self, first: int) -> str | None:
        j = self._prev_nonblank(first - 1, max(0, first - 3))
        if j is None or self.is_table_line(j):
            return None
        s = self.sq[j]
        if len(s) <= 60 and (_TABLE_CAPTION.search(s) or _TABLE_NO.match(s)):
            # a caption broken over two lines: `表1《…规划》` / `规划目标达标情况`
            k = j - 1
            if k >= 0 and not _TABLE_NO.match(s) and not self.is_table_line(k):
                head = self.sq[k]
                if _TABLE_NO.match(head) and len(head) + len(s) <= 80 and not head.endswith("。"):
                    return self.clean[k] + self.clean[j]
            return self.clean[j]  # spaces kept: `附表1 2024年重点项目` must not read as 附表12024
        return None

    # ----------------------------------------------------------------- mentions
    def parse_mentions(self, d: _Doc) -> None:
        doc_id = d.fields["doc_id"]
        add = self.rows["mentions"].append
        for i in range(d.head_start, d.end + 1):
            raw = self.raw[i]
            if not raw.strip():
                continue
            text = P.strip_markup(raw)
            # each grammar below needs words a line must hold (年…日, 单位/部门, 《…号): lines without are skipped
            for m in P.DATE.finditer(text) if "年" in text and "日" in text else ():
                dd = P.to_date(*P.date_parts(m))
                role = "date"
                ctx = text[max(0, m.start() - 40): m.end() + 30]
                if P.MEETING.search(ctx) and "会议" in text[m.end(): m.end() + 40]:
                    role = "meeting"
                elif _TAKES_EFFECT.match(text[m.end(): m.end() + 8]) and \
                        _FROM_END.search(text[max(0, m.start() - 3): m.start()]) and \
                        _own_clause(text[: m.start()]):
                    role = "effective"
                elif i + 1 == d.fields.get("date_line"):
                    role = "signed"
                add({"file": self.name, "line": i + 1, "doc_id": doc_id, "kind": "date", "role": role,
                     "text": m.group(0), "value": dd.isoformat() if dd else None, "col": m.start()})
            for m in P.RESPONSIBLE.finditer(text) if "单位" in text or "部门" in text else ():
                role = m["role"]
                for name in _NAME_LIST_SEP.split(m["names"]):
                    name = name.strip("。.")
                    if 2 <= len(name) <= 30:
                        add({"file": self.name, "line": i + 1, "doc_id": doc_id, "kind": "organ",
                             "role": role, "text": name, "value": None, "col": text.find(name)})
            for m in P.CITATION.finditer(text) if "《" in text and "号" in text else ():
                self.rows["citations"].append({
                    "file": self.name, "line": i + 1, "doc_id": doc_id, "title": P.squash(m["title"]),
                    "doc_number": P.squash(m["number"]), "text": m.group(0), "col": m.start()})
        self._extracted_mentions(d)
        f = d.fields
        for j in f.get("_signer_lines", []):
            add({"file": self.name, "line": j + 1, "doc_id": doc_id, "kind": "organ", "role": "signer",
                 "text": self.sq[j], "value": None, "col": 0})
        if f.get("addressee") and d.addressee_idx is not None:
            for name in _ADDRESSEE_SEP.split(f["addressee"]):
                if len(name) >= 2:
                    add({"file": self.name, "line": d.addressee_idx + 1, "doc_id": doc_id, "kind": "organ",
                         "role": "addressee", "text": name, "value": None, "col": 0})


    def _extracted_mentions(self, d: _Doc) -> None:
        """Rows of the registered extractors (gazette_checks.extract) for document `d`."""
        from .extract import DocText, extract_all

        lines = tuple((i, P.strip_markup(self.raw[i])) for i in range(d.head_start, d.end + 1)
                      if self.raw[i].strip())
        if not lines:
            return
        doc = DocText(file=self.name, doc_id=d.fields["doc_id"], lines=lines, fields=d.fields,
                      table_lines=frozenset(i for i, _ in lines if self.is_table_line(i)))
        add = self.rows["mentions"].append
        for m in extract_all(doc):
            add({"file": self.name, "line": m.line + 1, "doc_id": doc.doc_id, "kind": m.kind,
                 "role": m.role, "text": m.text, "value": m.value, "col": m.col})


def _issue_int(text: str) -> int | None:
    """An issue number in digits or Chinese numerals: `3`, `三`, `八十七`, `〇八七` (digit by digit)."""
    if text.isdigit():
        return int(text)
    if len(text) > 1 and "十" not in text and "百" not in text:
        digits = [P.cn_to_int(ch) if ch not in "〇○零" else 0 for ch in text]
        return None if None in digits else int("".join(map(str, digits)))
    return P.cn_to_int(text)


def _own_clause(before: str) -> bool:
    """The clause before an effective date speaks of this document, not of a 《cited》 one."""
    clause = re.split(r"[。；]", before)[-1]
    return "》" not in clause or P.SELF_REFERENCE.search(clause) is not None


def parse_number(text: str) -> tuple[float | None, str | None]:
    """A table cell as (number, unit); (None, None) for text, blanks, dashes and ranges.

    >>> parse_number("4.43亿元")
    (4.43, '亿元')
    >>> parse_number("≥42")
    (None, None)
    """
    t = P.squash(text).replace("，", ",")
    if not t or _DASH_CELL.match(t) or _YEAR_CELL.match(t):
        return None, None
    m = _NUMBER_CELL.match(t)
    if not m:
        return None, None
    val = float(m["num"].replace(",", ""))
    if m["sign"] and m["sign"] in "-−－":
        val = -val
    if math.isnan(val):
        return None, None
    unit = m["unit"]
    if unit == "％":
        unit = "%"
    return val, unit
