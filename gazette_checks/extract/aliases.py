"""Short names a document defines for its groups (``short_name``) and the group names it uses (``group_name``).

``某某市测试工作专班（以下简称测试专班）`` (or ``（简称…）``, ``（下称…）``) defines a short name: a ``short_name`` row with
text = the short name and value = the characters before the bracket (up to 40, from the
last punctuation mark: the full name, perhaps with a few words before it). Every run of
Chinese characters ending in 专班, 工作组, 小组 or 指挥部 (in prose and table cells) is a
``group_name`` row, text = the run (its last 40 characters), role
``quoted`` inside 《》 (a title).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from . import DocText, Mention, extractor

_ENDS = r"(?:专班|工作组|小组|指挥部)"
_DEFINED = re.compile(r"(?P<full>\p{Han}{4,40}?" + _ENDS + r")\s*[（(]\s*(?:以下简称|以下称|下称|简称)\s*[“\"]?(?P<short>\p{Han}{2,20}?)[”\"]?\s*[)）]")
_RUN = re.compile(r"\p{Han}+")
_END_AT = re.compile(_ENDS)


@extractor("aliases", kinds=("group_name", "short_name"))
def group_names(doc: DocText) -> Iterator[Mention]:
    for i, text in doc.lines:
        if "简称" not in text and "下称" not in text:
            continue
        for m in _DEFINED.finditer(text):
            yield Mention(i, "short_name", None, m["short"], m["full"][-40:], m.start("short"))
    for i, text in doc.lines:
        if "专班" not in text and "工作组" not in text and "小组" not in text and "指挥部" not in text:
            continue  # none of the words of _ENDS
        for run in _RUN.finditer(text):
            s = run.group(0)
            for e in _END_AT.finditer(s):
                end = e.end()
                if end < len(s) and s[end:end + 1] in "组班部":
                    continue  # 工作组组长: the name ends later
                name = s[max(0, end - 40):end]
                col = run.start() + max(0, end - 40)
                quoted = text[:col].count("《") > text[:col].count("》")
                yield Mention(i, "group_name", "quoted" if quoted else None, name, None, col)
