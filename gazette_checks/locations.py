"""Where a finding is for an editor: 期号, page, 发文字号 (file and line only as detail).

Pages come from the page numbers printed in the text (``records.pages``, when
the text stage provides them); otherwise they are estimated from the page
numbers of the table of contents, spread over the lines of each document, and
marked as estimated.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import asdict, dataclass
from typing import Any

from .records import Records, as_int

#: Longest short title shown where a document has no 发文字号.
SHORT_TITLE = 24


@dataclass(frozen=True)
class EditorLocation:
    """A place as an editor finds it in the printed issue.

    `issue` is e.g. ``2022年第5期`` ('' for a standalone document); `page` the
    printed page (None when unknown), `page_estimated` True when it was
    interpolated from the table of contents; `document` the 发文字号 or a short
    title; `file_name` the input file without folders; `line` the line in it.
    """

    issue: str = ""
    page: int | None = None
    page_estimated: bool = False
    document: str = ""
    file_name: str = ""
    line: int = 0

    def page_label(self, lang: str = "zh") -> str:
        """``第12页``, ``约第12页`` (estimated) or ''."""
        if self.page is None:
            return ""
        if lang == "en":
            return f"{'about ' if self.page_estimated else ''}p. {self.page}"
        return f"{'约' if self.page_estimated else ''}第{self.page}页"

    def label(self, lang: str = "zh") -> str:
        """期号 · page · document, the parts that are known."""
        parts = [self.issue, self.page_label(lang), self.document]
        return " · ".join(p for p in parts if p)

    def detail(self, lang: str = "zh") -> str:
        """File name and line, the secondary detail."""
        if not self.file_name:
            return ""
        if not self.line:
            return self.file_name
        return f"{self.file_name} {'line ' + str(self.line) if lang == 'en' else f'第{self.line}行'}"

    def to_dict(self) -> dict[str, Any]:
        """Plain form (for the page's data and JSON)."""
        return asdict(self)


def file_name(path: str) -> str:
    """`path` without its folders."""
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def short_title(title: str, width: int = SHORT_TITLE) -> str:
    """A title cut to `width` characters, without the 关于…的通知 frame where that helps."""
    t = "".join(str(title or "").split())
    m = re.search(r"关于(?:印发)?(.+?)的(?:通知|决定|批复|意见|通告|公告|报告|函)$", t)
    core = m.group(1) if m and len(t) > width else t
    core = core.strip("《》")
    return core if len(core) <= width else core[:width - 1] + "…"


class Locator:
    """Editor locations for places in `records` (built once per report)."""

    def __init__(self, records: Records):
        """`records` needs `issues`, `documents`, `toc` and, when the text stage gives them, `pages`."""
        self._issue: dict[str, str] = {}
        for r in records.issues.to_dict("records"):
            year, number = as_int(r.get("year")), as_int(r.get("number"))
            if number:
                self._issue.setdefault(r["file"], f"{year}年第{number}期" if year else f"第{number}期")
        # documents per file, in order: (first line, last line, label, title)
        self._docs: dict[str, list[tuple[int, int, str, str]]] = {}
        for d in records.documents.to_dict("records"):
            start = as_int(d.get("line")) or 1
            end = as_int(d.get("end_line")) or start
            number = d.get("doc_number") if isinstance(d.get("doc_number"), str) else ""
            title = d.get("title") if isinstance(d.get("title"), str) else ""
            self._docs.setdefault(d["file"], []).append((start, end, number or short_title(title), title))
        for docs in self._docs.values():
            docs.sort()
        self._printed = _printed_pages(records)
        self._toc_pages = _toc_pages(records, self._docs)

    def issue_label(self, file: str) -> str:
        """期号 of the issue in `file` ('' for a standalone document)."""
        return self._issue.get(file, "")

    def document_at(self, file: str, line: int) -> tuple[int, int, str, str] | None:
        """(first line, last line, label, title) of the document holding `line`, or None."""
        docs = self._docs.get(file, [])
        i = bisect.bisect_right(docs, (line, float("inf"))) - 1
        if i >= 0 and docs[i][0] <= line <= docs[i][1]:
            return docs[i]
        return None

    def page(self, file: str, line: int) -> tuple[int | None, bool]:
        """(page, estimated) of `line` in `file`; (None, False) when unknown."""
        printed = self._printed.get(file)
        if printed:
            lines, pages = printed
            i = bisect.bisect_right(lines, line) - 1
            if i >= 0:
                return pages[i], False
        doc = self.document_at(file, line)
        if doc is None:
            return None, False
        span = self._toc_pages.get((file, doc[0]))
        if span is None:
            return None, False
        first, following = span
        if line <= doc[0]:
            return first, False  # where the table of contents says the document starts
        if following is None or following <= first or doc[1] <= doc[0]:
            return first, True
        share = (line - doc[0]) / (doc[1] - doc[0] + 1)
        return first + int(share * (following - first)), True

    def locate(self, file: str, line: int, document: str = "") -> EditorLocation:
        """The editor's location of ``(file, line)``; `document` as the finding names it."""
        page, estimated = self.page(file, line) if line else (None, False)
        if not document:
            doc = self.document_at(file, line)
            document = doc[2] if doc else ""
        elif not _looks_like_number(document):
            document = short_title(document)
        return EditorLocation(self.issue_label(file), page, estimated, document, file_name(file), line)


def _looks_like_number(label: str) -> bool:
    return bool(re.search(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号|令\s*第?\s*\d+\s*号", label))


def _printed_pages(records: Records) -> dict[str, tuple[list[int], list[int]]]:
    """Per file, the first line of each printed page and its number (from ``records.pages``)."""
    pages = getattr(records, "pages", None)
    if pages is None or not len(pages):
        return {}
    out: dict[str, tuple[list[int], list[int]]] = {}
    rows = sorted((r["file"], as_int(r["line"]), as_int(r["page"])) for r in pages.to_dict("records")
                  if as_int(r.get("line")) and as_int(r.get("page")) is not None)
    for file, line, page in rows:
        lines, nums = out.setdefault(file, ([], []))
        lines.append(line)
        nums.append(page)
    return out


def _toc_pages(records: Records, docs: dict[str, list[tuple[int, int, str, str]]]) -> dict[tuple[str, int], tuple[int, int | None]]:
    """(file, first line of a document) → (its TOC page, the next entry's page)."""
    toc = records.toc
    out: dict[tuple[str, int], tuple[int, int | None]] = {}
    if not len(toc):
        return out
    for file, entries in toc.groupby("file", sort=False):
        rows = sorted(entries.to_dict("records"), key=lambda r: (as_int(r.get("position")) or 0, r["line"]))
        rows = [r for r in rows if as_int(r.get("page")) is not None]
        file_docs = docs.get(file, [])
        if not rows or not file_docs:
            continue
        keys = [_key(r.get("title")) for r in rows]
        used: set[int] = set()
        for start, _end, _label, title in file_docs:
            dk = _key(title)
            best, score = -1, 0.6
            for i, k in enumerate(keys):
                if i in used or not k or not dk:
                    continue
                s = 1.0 if k == dk else difflib.SequenceMatcher(None, k, dk, autojunk=False).ratio()
                if s > score:
                    best, score = i, s
            if best < 0:
                continue
            used.add(best)
            page = as_int(rows[best]["page"])
            following = next((as_int(r["page"]) for r in rows[best + 1:] if as_int(r["page"]) is not None), None)
            out[(file, start)] = (page, following)
    return out


def _key(title: Any) -> str:
    return re.sub(r"[\s*《》“”\"'（）()·…]", "", str(title or "")) if isinstance(title, str) else ""
