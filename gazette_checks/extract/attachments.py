"""Attachment lists (附件说明) and what follows them, and references to attachments in the text.

- ``attachment_list``: the head of a list (``附件：1. 某某申请表``, role ``head``, text: the head as
  printed) and each numbered entry under it (``2. 某某告知书``, role ``entry``); value: the number
  (0 for none) and the title.
  A list ends at a line that is not a numbered entry or after two blank lines.
- ``after_list``: each short stand-alone line after the first list of a document, from the end of
  its items numbered in order (a possible
  attachment heading: at most 60 characters, not ending like a sentence, not a table row).
- ``cite`` role ``attachment``: ``（附件3）``, ``详见附件2`` (value: the number).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor
from .prose import pack, squashed_lines

_LIST_HEAD = re.compile(r"^[-–—·•*\s]*附\s*件\s*[：:]\s*(?:(?P<n>\d{1,2})\s*[.．、]\s*)?(?P<title>\S.*)$")
_LIST_ENTRY = re.compile(r"^[-–—·•*\s]*(?P<n>\d{1,2})\s*[.．、]\s*(?P<title>.*)$")
_REFERENCE = re.compile(r"[（(]\s*(?:详?见)?\s*附\s*件\s*(?P<n>\d{1,2})\s*[)）]|详?见附\s*件\s*(?P<n2>\d{1,2})(?!\d)")


@extractor("attachments", kinds=("after_list", "attachment_list", "cite"))
def attachments(doc: DocText) -> Iterator[Mention]:
    """``attachment_list``, ``after_list`` and ``cite`` (attachment) rows of one document."""
    rows = squashed_lines(doc)
    lines = doc.lines
    first_end: int | None = None  # position in `lines` of the first list's last item numbered in order
    k = 0
    while k < len(lines):
        i, text = lines[k]
        if "附件" in rows[k][2] and (m := _LIST_HEAD.match(P.clean_line(text))):
            yield Mention(i, "attachment_list", "head", P.clean_line(text).lstrip("-–—·•* ")[:40],
                          pack(n=int(m["n"]) if m["n"] else 0, title=m["title"]), 0)
            j, last_n, in_order = k + 1, int(m["n"] or 0), bool(m["n"])
            end = k
            while j < len(lines) and lines[j][0] - lines[j - 1][0] - 1 <= 1:  # two blank lines end the list
                e = _LIST_ENTRY.match(P.clean_line(lines[j][1]))
                if not e:
                    break
                yield Mention(lines[j][0], "attachment_list", "entry", e["title"][:40] or e.group(0),
                              pack(n=int(e["n"]), title=e["title"]), 0)
                in_order = in_order and bool(e["title"]) and int(e["n"]) == last_n + 1
                if in_order:
                    last_n, end = int(e["n"]), j
                j += 1
            if first_end is None:
                first_end = end
            k = j
        else:
            k += 1
    if first_end is not None:
        for i, _, s in rows[first_end + 1:]:
            if s and len(s) <= 60 and not s.endswith(("。", "；", "，", "：", ":")) and i not in doc.table_lines:
                yield Mention(i, "after_list", "line", s, None, 0)
    for i, text, sq in rows:
        if "附件" in sq:
            clean = P.clean_line(text)
            for m in _REFERENCE.finditer(clean):
                yield Mention(i, "cite", "attachment", m.group(0), m["n"] or m["n2"], max(text.find(m.group(0)), 0))
