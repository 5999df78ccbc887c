"""A document's own period of validity (``validity`` mentions): when it takes effect, for how many
years, until when.

Read in a sentence that speaks of 有效期 and of the document itself (``本办法…``, ``本通知…``, or a
bare ``自…起施行``; not ``本市…`` nor ``本办法施行前已发放的…``; ``有效期延长至`` in a notice that
extends another text's period, unless the sentence says that text has lapsed or is repealed):

- role ``start``: ``自2024年1月1日起施行`` / ``有效期自2024年1月1日起`` / ``有效期5年（2024年1月1日至…）``
  (value: the ISO date);
- role ``start_on_signing``: ``自印发之日起施行`` (发布, 公布, 颁布, 发文, 签发之日; value empty);
- role ``years``: ``有效期5年`` / ``有效期五年`` (value: the number of years);
- role ``end``: ``有效期至2028年12月31日`` / ``至2028年12月31日止`` (value: the ISO date), a 至
  in a clause that names 有效期 before it or that starts with it (not ``截至``, ``过渡期至``, nor
  ``2024年1月1日至2024年12月31日期间``);
- role ``extended_to``: ``有效期延长至2027年1月31日`` (value: the ISO date).

Every row of one sentence has the same ``col``: where the sentence starts in its line.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from . import DocText, Mention, extractor

_SENTENCE = re.compile(r"[^。；;]+")
_D = P.DATE.pattern
_START = re.compile(r"(?:有效期)?自\s*(?P<dt>" + _D + r")\s*起(?:\s*(?:施行|执行|实施|生效))?")
_ON_SIGNING = re.compile(r"自\s*(?:印发|发布|公布|颁布|发文|签发)之日起\s*(?:施行|执行|实施|生效)")
_YEARS = re.compile(r"有效期\s*(?:为)?\s*(?P<n>\d{1,2}|[一二两三四五六七八九十])\s*年")
_END = re.compile(r"(?<![截延长])至\s*(?P<dt>" + _D + r")\s*(?:止|届满)?")
#: The first day of a range after 有效期: ``有效期5年（2024年7月1日至2029年6月30日）``.
_RANGE_START = re.compile(r"有效期[^，,；;]{0,8}?[（(]?\s*(?P<dt>" + _D + r")\s*(?:起)?\s*至")
_CLAUSE = re.compile(r"[^，,]+")
_EXTENDED = re.compile(r"有效期延长至\s*(?P<dt>" + _D + r")")
#: A sentence about an extension of the past: the text extended has since lapsed or is repealed.
_LAPSED = re.compile(r"废止|期满|到期|失效")
_DOC = r"(?:办法|规定|细则|意见|通知|决定|方案|政策|措施|规则|条例|文件|规划|计划|公告|通告|指引|指南|标准|目录|清单|制度|章程|导则|准则|规范|纲要|令)"
_OWN = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+条\s*)?(?:[（(][一二三四五六七八九十\d]+[)）]\s*)?"
                  r"(?:本\p{Han}{0,4}?" + _DOC + r"|自|有效期)")
#: Things before the document took effect (本办法施行前已发放的许可证，有效期至…): not its own period.
_BEFORE_IT = re.compile(r"(?:施行|实施|印发|发布|生效)(?:之)?前|以前")


def _iso(m: re.Match) -> str | None:
    sub = P.DATE.search(m["dt"])
    d = P.to_date(*P.date_parts(sub)) if sub else None
    return d.isoformat() if d else None


@extractor("validity", kinds=("validity",))
def validity(doc: DocText) -> Iterator[Mention]:
    for i, text in doc.lines:
        if "有效期" not in text:
            continue
        for s in _SENTENCE.finditer(text):
            sent, col = s.group(0), s.start()
            if "有效期" not in sent:
                continue
            e = _EXTENDED.search(sent)
            if e:
                if _iso(e) and not _LAPSED.search(sent):
                    yield Mention(i, "validity", "extended_to", e.group(0), _iso(e), col)
                continue
            if not _OWN.match(sent) or _BEFORE_IT.search(sent[: sent.find("有效期")]):
                continue  # another text's period (《某办法》有效期至…), or a condition (在…有效期内)
            starts = [m for m in _START.finditer(sent) if _iso(m)]
            if not starts:
                starts = [m for m in _RANGE_START.finditer(sent) if _iso(m)][:1]
            for m in starts:
                yield Mention(i, "validity", "start", m.group(0), _iso(m), col)
            for m in _ON_SIGNING.finditer(sent):
                yield Mention(i, "validity", "start_on_signing", m.group(0), None, col)
            for m in _YEARS.finditer(sent):
                n = P.cn_to_int(m["n"])
                if n:
                    yield Mention(i, "validity", "years", m.group(0), str(n), col)
            for c in _CLAUSE.finditer(sent):
                clause = c.group(0)
                for m in _END.finditer(clause):
                    # 有效期至…, 有效期自…起至…, or a clause of its own (，至…止); not 过渡期至…,
                    # 截至…, nor the 至 of another period (2024年1月1日至…期间已认定的)
                    own = "有效期" in clause[: m.start()] or not clause[: m.start()].strip()
                    if own and _iso(m):
                        yield Mention(i, "validity", "end", m.group(0), _iso(m), col)
