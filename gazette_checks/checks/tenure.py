"""任免 notices (DP09): each line's time word against the acts the line holds (``tenure`` mentions).

A line that appoints and removes (``甲某任…，免去其…职务``) dates both acts with ``任免时间``; one
that only appoints says ``任职时间``, one that only removes ``免职时间``. A time word that names
fewer or other acts than the line holds leaves an act undated or dates one that is not there:
a 免 dropped from the line, or a word copied from the line above.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .base import RuleContext, rule

#: The acts each time word dates.
_DATES = {"任职时间": "任", "免职时间": "免", "任免时间": "任免", "任免职时间": "任免"}
_RIGHT = {"任": "任职时间", "免": "免职时间", "任免": "任免时间"}


@rule(
    "DP09", "departments.appointment_time_word_mismatch", "departments", "warning",
    "任免时间的写法与所列任免不符", "A 任免 line's time word does not match the acts it lists",
    "任免通知逐人写明任职、免职及其时间，是干部任职、免职的依据。同一行既任又免的，应写“任免时间”；"
    "只任命的写“任职时间”，只免职的写“免职时间”。时间用语与所列任免不符，说明其中一项缺少时间，"
    "或漏写了任职、免职中的一项（《党政机关公文处理工作条例》第十九条要求审核公文内容准确）。",
    fix="核对该人的任免事项，使时间用语与所列任免一致（如补上“免去其……职务”，或改为“任免时间”）。",
    example_bad="甲某任市某某局副局长，免去其市某某中心主任职务，任职时间2024年5月6日；",
    example_good="甲某任市某某局副局长，免去其市某某中心主任职务，任免时间2024年5月6日；",
)
def appointment_time_word_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """In a notice whose title says 任免, 任职 or 免职, a line whose time word (任职时间, 免职时间,
    任免时间) names other acts than the line holds: ``任职时间`` after ``免去其…职务``,
    ``任免时间`` on a line that only appoints, ``任职时间`` on a line that only removes.

    Only lines of the forms ``某某任……`` or ``任命某某为……`` (with ``免去其……职务``,
    ``不再担任（兼任）……``) and ``免去某某（的）……职务`` are read, up to the time word; a line
    with one time word for each act (``任职时间…，免职时间…``) is consistent. A removal on a
    condition or a duty in brackets (``（试用期满不称职的，免去……）``, ``（分管招聘与解聘工作）``)
    is not an act of the line, and a line whose former post lapses by itself (``原任职务自然免除``)
    is not judged.

    ## Known problems
    - A line that only appoints and says ``任免时间`` may have lost its ``免去其……职务`` or
      only have the wrong word; the finding says both, and cannot tell which.
    - Notices written as a table are not read, nor names of more than four characters
      (``阿布都·热合曼``).
    - A line that runs into the next person's in a hard-wrapped text (a line of full width ending
      in ``；`` joined to the next by the text stage) is read as one line.
    """
    for row in ctx.records.mention_rows("tenure"):
        acts, word = str(row.role), str(row.text)
        dated = _DATES.get(word)
        if dated is None or dated == acts:
            continue
        right = _RIGHT[acts]
        if acts == "任免":
            why = f"此行既任职又免职，“{word}”只写了{'任职' if dated == '任' else '免职'}的时间"
        elif dated == "任免":
            why = "此行只有任职，“任免时间”所说的免职没有列出（或应为“任职时间”）" if acts == "任" \
                else "此行只有免职，“任免时间”所说的任职没有列出（或应为“免职时间”）"
        else:
            why = f"此行只有{'任职' if acts == '任' else '免职'}，却写“{word}”"
        yield ctx.finding(
            row.file, int(row.line),
            f"“{row.value}”{why}，宜为“{right}”。",
            needle=word, document=ctx.records.document_label(row.doc_id) if row.doc_id else "",
            suggestion=right,
            data={"person": row.value, "acts": acts, "time_word": word, "expected": right},
        )
