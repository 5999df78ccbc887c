"""Where the text cannot be trusted: OCR-garbled lines and tables, marked as low-confidence regions.

Rules stay silent inside a region; the engine reports each region once, at info
level, as not checked. A limit of the tool is never a finding about the gazette.
"""

from __future__ import annotations

import regex as re

from .clean import CleanText, Region, step

#: `2O24`, `l5`: digits with the letters OCR takes them for (O for 0, l or I for 1).
_OCR_NUMBER = re.compile(r"(?<![A-Za-z])(?=[\dOolI]*\d[\dOolI]*\d)(?=[\dOolI]*[OolI])[\dOolI]{3,}(?![A-Za-z])")
_LATIN_IN_HAN = re.compile(r"(?<=\p{Han})[A-Za-z~^_|\\]{1,2}(?=\p{Han})")
_ALLOWED_SYMBOLS = set("℃°㎡㎞×÷±≤≥≈√→←↑↓■□●○◆◇▲△★☆※√")


_ODD = re.compile(r"[\p{Co}\p{Cn}\p{Cs}\p{So}\p{Sk}]")
_LATIN = re.compile(r"[A-Za-z]")
#: Any character garble_score counts (none of them white space): a line without one scores 0.
_SUSPECT = re.compile(r"[\p{Co}\p{Cn}\p{Cs}\p{So}\p{Sk}\ufffdA-Za-z]")


def garble_score(text: str) -> float:
    """Share of a line's characters that look like recognition errors (0 for clean text)."""
    if not _SUSPECT.search(text):
        return 0.0  # most lines: one search instead of squashing the line first
    t = "".join(text.split())
    if not t or not (_ODD.search(t) or "\ufffd" in t or _LATIN.search(t)):
        return 0.0
    odd = 2 * t.count("\ufffd")
    odd += sum(1 for ch in _ODD.findall(t) if ch not in _ALLOWED_SYMBOLS and ch != "\ufffd")
    if _LATIN.search(t):
        odd += sum(len(m.group()) for m in _LATIN_IN_HAN.finditer(t))
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


@step("garbled_regions")
def garbled_regions(ct: CleanText) -> bool:
    """Runs of garbled lines (and garbled tables) become low-confidence regions."""
    flags = []
    scores = [garble_score(ln.text) for ln in ct.lines]
    for ln, score in zip(ct.lines, scores, strict=True):
        t = ln.text
        n = len("".join(t.split())) if score else 0
        flags.append((score >= 0.15 and n >= 6) or t.count("\ufffd") >= 3 or (score >= 0.3 and n >= 3))
    # tables judged as a whole
    i = 0
    while i < len(ct.lines):
        if "\t" in ct.lines[i].text:
            j = i
            while j < len(ct.lines) and ("\t" in ct.lines[j].text or not ct.lines[j].text.strip()):
                j += 1
            if _table_garbled([ct.lines[k].text for k in range(i, j) if "\t" in ct.lines[k].text]):
                for k in range(i, j):
                    flags[k] = True
            i = j
        else:
            i += 1
    found = False
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(flags) and (flags[j + 1] or (j + 2 < len(flags) and flags[j + 2] and not ct.lines[j + 1].text.strip())):
            j += 1
        run = [k for k in range(i, j + 1) if flags[k]]
        strong = any(scores[k] >= 0.3 for k in run)
        if len(run) >= 2 or strong:
            first, last = ct.lines[i].first_line, ct.lines[j].last_line
            ct.regions.append(Region(first, last, "garbled", "文字识别错乱（疑为扫描件识别错误）"))
            found = True
        i = j + 1
    return found
