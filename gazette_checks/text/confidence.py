"""Where the text cannot be trusted: OCR-garbled lines and tables, marked as low-confidence regions.

Rules stay silent inside a region; the engine reports each region once, at info
level, as not checked. A limit of the tool is never a finding about the gazette.
"""

from __future__ import annotations

import re as stdre

import regex as re

from .clean import CleanText, Region, step

#: `2O24`, `l5`: digits with the letters OCR takes them for (O for 0, l or I for 1).
_OCR_NUMBER = re.compile(r"(?<![A-Za-z])(?=[\dOolI]*\d[\dOolI]*\d)(?=[\dOolI]*[OolI])[\dOolI]{3,}(?![A-Za-z])")
_LATIN_IN_HAN = re.compile(r"(?<=\p{Han})[A-Za-z~^_|\\]{1,2}(?=\p{Han})")
_ALLOWED_SYMBOLS = set("℃°㎡㎞×÷±≤≥≈√→←↑↓■□●○◆◇▲△★☆※√")


_ODD = re.compile(r"[\p{Co}\p{Cn}\p{Cs}\p{So}\p{Sk}]")
_LATIN = stdre.compile(r"[A-Za-z]")
#: Any character garble_score counts (none of them white space): a line without one scores 0.
_SUSPECT = re.compile(r"[\p{Co}\p{Cn}\p{Cs}\p{So}\p{Sk}\ufffdA-Za-z]")
#: A line of only these (Han ideographs, digits, white space, common punctuation; none of them a
#: character _SUSPECT finds) scores 0. The standard library's `re` tests a plain class like this one
#: several times faster than `regex` looks characters up in its Unicode tables.
PLAIN_LINE = stdre.compile(r"[\u4e00-\u9fff0-9\s，。、；：？！“”‘’（）《》〔〕【】—…·．％:;,.()%*_+\[\]/-]*")


def garble_score(text: str) -> float:
    """Share of a line's characters that look like recognition errors (0 for clean text)."""
    if PLAIN_LINE.fullmatch(text) or not _SUSPECT.search(text):
        return 0.0  # most lines: one cheap test instead of squashing the line first
    t = "".join(text.split())
    odd_chars = _ODD.findall(t)  # one pass over the line (the `regex` Unicode classes are slow)
    latin = _LATIN.search(t) is not None
    if not t or not (odd_chars or "\ufffd" in t or latin):
        return 0.0
    odd = 2 * t.count("\ufffd")
    odd += sum(1 for ch in odd_chars if ch not in _ALLOWED_SYMBOLS and ch != "\ufffd")
    if latin:
        odd += sum(len(m.group()) for m in _LATIN_IN_HAN.finditer(t))
        if "O" in t or "o" in t or "l" in t or "I" in t:  # the letters _OCR_NUMBER needs one of
            odd += sum(len(m.group()) for m in _OCR_NUMBER.finditer(t))
    return odd / len(t)


def _table_garbled(rows: list[str]) -> bool:
    """A tab table whose cells are broken: mostly odd characters, or rows of wildly different widths."""
    cells = [c for r in rows for c in r.split("\t") if c.strip()]
    if not cells:
        return False
    bad = sum(1 for c in cells if garble_score(c) >= 0.2)
    widths = [len(r.split("\t")) for r in rows]
    ragged = len(set(widths)) > max(3, len(rows) // 2) and len(rows) >= 4
    return bad >= max(2, 0.25 * len(cells)) or (ragged and bad >= 1)


def _garbled_line(text: str, score: float) -> bool:
    """A line garbled on its own: enough odd characters for its length (`score`: its garble_score)."""
    if not score:
        return False  # three U+FFFD would have scored
    n = len("".join(text.split()))
    return (score >= 0.15 and n >= 6) or text.count("\ufffd") >= 3 or (score >= 0.3 and n >= 3)


@step("garbled_regions")
def garbled_regions(ct: CleanText) -> bool:
    """Runs of garbled lines (and garbled tables) become low-confidence regions."""
    texts = [ln.text for ln in ct.lines]
    scores = [garble_score(t) for t in texts]
    flags = [_garbled_line(t, score) for t, score in zip(texts, scores, strict=True)]
    # tables judged as a whole: from each tab row on, its tab rows and the blank lines among them
    end = 0
    for i in [k for k, t in enumerate(texts) if "\t" in t]:
        if i < end:
            continue  # inside the table judged last
        j = i
        while j < len(texts) and ("\t" in texts[j] or not texts[j].strip()):
            j += 1
        if _table_garbled([texts[k] for k in range(i, j) if "\t" in texts[k]]):
            for k in range(i, j):
                flags[k] = True
        end = j
    found = False
    end = 0
    for i in [k for k, flag in enumerate(flags) if flag]:
        if i < end:
            continue  # inside the run taken last
        j = i
        while j + 1 < len(flags) and (flags[j + 1] or (j + 2 < len(flags) and flags[j + 2] and not texts[j + 1].strip())):
            j += 1
        run = [k for k in range(i, j + 1) if flags[k]]
        strong = any(scores[k] >= 0.3 for k in run)
        if len(run) >= 2 or strong:
            first, last = ct.lines[i].first_line, ct.lines[j].last_line
            ct.regions.append(Region(first, last, "garbled", "文字识别错乱（疑为扫描件识别错误）"))
            found = True
        end = j + 1
    return found
