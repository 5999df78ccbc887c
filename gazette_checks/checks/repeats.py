"""Repeated-text rule (FM08): a sentence, paragraph or heading printed twice back to back."""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Iterator
from itertools import pairwise

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule

#: A sentence ends at 。！？ or ；; the end mark stays with its sentence. (The standard `re`: it
#: scans this plain character class faster than `regex`.)
_SENTENCE = stdlib_re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
_HAN = re.compile(r"\p{Han}")
_QUOTED = re.compile(r"[“\"][^“”\"]*[”\"]|《[^《》]*》|[（(][^（）()]*[)）]")
_MIN_HAN = 8
_TRAIL = "。！？；!?;，,"
#: An end mark that splits sentences.
_END = stdlib_re.compile(r"[。！？；!?;]")
#: What :func:`_key` removes besides the trailing marks: whitespace (as ``str.split`` reads it) and markup.
_SPACE_OR_MARKUP = stdlib_re.compile(r"[\s<*$_]")


def _key(text: str) -> str:
    """The form two sentences are compared in: no whitespace, markup or trailing end mark."""
    if "<" in text or "*" in text or "$" in text or "_" in text:
        return P.squash(P.strip_markup(text)).rstrip(_TRAIL)
    return "".join(text.split()).rstrip(_TRAIL)  # the same for text without markup, quicker


def _han(text: str) -> int:
    return len(_HAN.findall(text))


def _doubled_sentence(text: str) -> str | None:
    """The first sentence of `text` written twice in a row, or None.

    Quoted or bracketed text (《…》, “…”, （…）) is masked before splitting so
    that an end mark inside a quotation does not split it.
    """
    if not _END.search(text.rstrip("。！？；!?;")):
        return None  # one sentence at most (masking only removes end marks)
    masked = _QUOTED.sub(lambda m: "＿" * len(m.group(0)), text)
    spans = [m.span() for m in _SENTENCE.finditer(masked)]
    if _SPACE_OR_MARKUP.search(text):
        keys = [_key(text[a:b]) for a, b in spans]
    else:  # no whitespace or markup anywhere: a key is the sentence without its trailing marks
        keys = [text[a:b].rstrip(_TRAIL) for a, b in spans]
    # each sentence with a non-empty key, in order: a sentence with an empty key (a stray 。) is skipped
    keyed = [(k, a, b) for k, (a, b) in zip(keys, spans, strict=True) if k]
    for (prev, _, _), (key, start, end) in pairwise(keyed):
        if key == prev and _han(key) >= _MIN_HAN:
            return text[start:end].strip()
    return None


@rule(
    "FM08", "format.repeated_text", "format", "warning",
    "语句或标题重复", "A sentence, paragraph or heading printed twice in a row",
    "同一句话、同一段落或同一标题紧接着重复出现，多是排版或复制粘贴时的疏漏；"
    "《党政机关公文处理工作条例》第二十四条要求公文文字准确、简洁，重复文字应在校对时删除。",
    fix="删除重复的一处。",
    example_bad="各单位要加强组织领导，明确责任分工。各单位要加强组织领导，明确责任分工。",
    example_good="各单位要加强组织领导，明确责任分工。",
)
def repeated_text(ctx: RuleContext) -> Iterator[Finding]:
    """A sentence repeated within a line, or a line repeated on the next non-blank line.

    Only text of at least eight Chinese characters counts (``附件``, ``一、总体要求`` printed
    twice around a page break are too short to judge). The lines above the body of a
    document (its title, 文号 and 主送机关) are left out.

    ## Known problems
    - A heading printed again at the top of the next page as a running head is reported
      if the text stage did not drop it.
    - A repeat separated by one other line (A, B, A) is not looked for: lists legitimately
      repeat phrases that way.
    - A line that is only an organ name printed twice (a doubled signature) is left alone:
      web exports flatten table cells one per line, and two cells may hold the same organ.
    """
    prev: tuple[str, int, str, str] | None = None  # (doc_id, line, key, text)
    doc: dict | None = None
    body: int | None = None
    for d, line, raw in ctx.document_lines():
        if d is not doc:  # the lines come document by document
            doc, body = d, as_int(d.get("body_line"))
            label = ctx.records.document_label(d["doc_id"])
        if body is not None and line < body:
            prev = None
            continue
        text = P.strip_markup(raw).strip()
        if not text:
            continue
        twice = _doubled_sentence(text)
        if twice:
            yield ctx.finding(
                d["file"], line,
                f"同一句话紧接着出现两次：“{twice}”。",
                needle=twice.replace(" ", "")[:20] if twice not in raw else twice,
                document=label, suggestion=twice,
                data={"text": twice},
            )
        key = _key(text)
        if (prev is not None and prev[0] == d["doc_id"] and key == prev[2] and _han(key) >= _MIN_HAN
                and not P.ORGAN_ONLY.match(key)):
            kind = "段落" if text.rstrip()[-1:] in "。；;" or len(key) > 40 else "标题"
            yield ctx.finding(
                d["file"], line,
                f"此{kind}与上一行完全相同，疑为重复录入：“{text[:40]}”。",
                needle=text[:20], document=label,
                related=[ctx.location(d["file"], prev[1], prev[3][:20])],
                data={"text": text, "first_line": prev[1]},
            )
        prev = (d["doc_id"], line, key, text)
