"""Title rule (TC07): a notice that carries a text but whose title drops the verb (印发, 转发…)."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from .. import patterns as P
from ..findings import Finding
from ..records import as_int
from .base import RuleContext, rule

#: 关于《X》的通知 with nothing between 关于 and 《 (no 印发, 转发, 批转, 公布, 修改…).
_BARE = re.compile(r"关于《(?P<x>[^《》]{2,120})》的通知$")


@rule(
    "TC07", "toc.title_drops_carrying_verb", "toc", "warning",
    "转发、印发类通知标题缺少“印发”等动词", "A notice carrying a text whose title drops 印发/转发",
    "GB/T 9704-2012 §7.3.1 规定标题由发文机关名称、事由和文种组成；印发、转发文件的通知，事由是"
    "“印发（转发）《X》”。标题写成“关于《X》的通知”而正文说“现印发给你们”，事由缺少动词，"
    "读者无法判断是印发、转发还是就《X》另行部署。",
    fix="在书名号前补上正文所用的动词，如“关于印发《X》的通知”。",
    example_bad="某市人民政府关于《某市测试工作方案》的通知 …… 现印发给你们，请遵照办理。",
    example_good="某市人民政府关于印发《某市测试工作方案》的通知 …… 现印发给你们，请遵照办理。",
)
def title_drops_carrying_verb(ctx: RuleContext) -> Iterator[Finding]:
    """A title ``关于《X》的通知`` whose body says ``现印发给你们`` (or 转发, 批转).

    The body is read from the first line after the title up to the attached text (or the
    end of the document); the verb suggested is the one the body uses.

    ## Known problems
    - A notice that only comments on 《X》 and never says ``印发给你们`` is left alone, even if
      it carries 《X》; so is one whose body carries another title (``现将《Y》印发给你们``).
    - A title broken over two lines is read as the parser joined it; a title the parser did
      not read is not checked.
    """
    carries: dict[str, list[dict]] = {}
    for d, c in ctx.mentions("carry"):
        carries.setdefault(d["doc_id"], []).append(c)
    for file, d, start, end in ctx.document_spans():
        title = P.squash(P.strip_markup(str(d.get("title") or "")))
        m = _BARE.search(title)
        if not m or d["doc_id"] not in carries:
            continue
        first = as_int(d.get("body_line")) or as_int(d.get("title_line")) or start
        stop = as_int(d.get("attached_line")) or end + 1
        for c in carries[d["doc_id"]]:
            k = ctx.records.start_line(file, int(c["line"]))
            if not first <= k < min(stop, end + 1):
                continue
            carried = c["data"]["titles"]
            if carried and P.fold(carried[0]) != P.fold(m["x"]):
                break  # the body carries another text than the title names: which is meant is unclear
            fixed = title.replace("关于《", f"关于{c['role']}《", 1)
            t_line = as_int(d.get("title_line")) or start
            yield ctx.finding(
                file, t_line,
                f"标题“{title}”缺少“{c['role']}”：正文说“{c['text']}”，标题宜为“关于{c['role']}《{m['x']}》的通知”。",
                needle="关于《", document=ctx.records.document_label(d["doc_id"]), suggestion=fixed,
                related=[ctx.location(file, k, c["role"])],
                data={"title": title, "verb": c["role"], "body_line": k},
            )
            break
