"""One finding per defect: repeats grouped, one slip seen by two rules merged, pairs linked.

Applied by the engine after the rules run, so JSON, SARIF and every other
output see the same findings as the HTML report.
"""

from __future__ import annotations

from collections.abc import Callable

from .findings import Finding, Location

#: A function giving the raw text of ``(file, line)``.
LineText = Callable[[str, int], str]


def group_repeats(findings: list[Finding]) -> list[Finding]:
    """Merge the findings of one rule in one document that share ``data["pattern"]``.

    The first of them (in file/line order) is kept; it gains ``data["count"]``
    (how many places), ``data["places"]`` (``[file, line]`` of every place, its
    own first), ``data["marks"]`` (``[file, line, start, end]``: the marked span
    in each other place's excerpt) and the other places in `related`, each with
    its excerpt.
    Findings without a pattern pass unchanged.
    """
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        pattern = f.data.get("pattern")
        if isinstance(pattern, str) and pattern:
            groups.setdefault((f.rule, f.file, f.document, pattern), []).append(f)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda f: (f.file, f.line))
        keep, others = group[0], group[1:]
        known = {(r.file, r.line) for r in keep.related} | {(keep.file, keep.line)}
        marks = []
        for other in others:
            dropped.add(id(other))
            if other.span:
                marks.append([other.file, other.line, int(other.span[0]), int(other.span[1])])
            here = Location(other.file, other.line, other.excerpt, other.document)
            for loc in (here, *other.related):
                if (loc.file, loc.line) not in known:
                    known.add((loc.file, loc.line))
                    keep.related.append(loc)
        keep.data["count"] = len(group)
        keep.data["places"] = [[f.file, f.line] for f in group]
        if marks:
            keep.data["marks"] = marks  # [file, line, start, end] of the marked span of each other place
    return [f for f in findings if id(f) not in dropped]


def mark_same_slip(findings: list[Finding], line_text: LineText) -> None:
    """Give findings of different rules that mark overlapping characters of one
    line a shared ``data["defect"]`` key, so :func:`merge_same_defect` reports
    them once. Findings that already carry a key keep it."""
    candidates: dict[tuple[str, int], list[Finding]] = {}
    for f in findings:
        if f.category != "parse" and "defect" not in f.data:
            candidates.setdefault((f.file, f.line), []).append(f)
    by_line: dict[tuple[str, int], list[tuple[Finding, tuple[int, int]]]] = {}
    for (file, line), group in candidates.items():
        if len({f.rule for f in group}) < 2:
            continue  # one rule on this line: nothing to merge, its text is not read
        raw = line_text(file, line)
        for f in group:
            cols = _columns(f, raw)
            if cols is not None:
                by_line.setdefault((file, line), []).append((f, cols))
    for (file, line), hits in by_line.items():
        if len({f.rule for f, _ in hits}) < 2:
            continue
        for i, (f, (s1, e1)) in enumerate(hits):
            for g, (s2, e2) in hits[i + 1:]:
                if f.rule != g.rule and s1 < e2 and s2 < e1 and f.document == g.document:
                    key = f.data.get("defect") or g.data.get("defect") or f"slip:{file}:{line}:{min(s1, s2)}"
                    f.data["defect"] = g.data["defect"] = key


def _columns(f: Finding, raw: str) -> tuple[int, int] | None:
    """Where ``f.span`` falls in the original line `raw` (None when unknown).

    The excerpt may be cut ("…") or normalised (spaces and ``**`` dropped, as
    reprint contexts are): the marked text with a little of its context must
    occur exactly once in the line with spaces and ``**`` ignored.
    """
    if not f.span or not f.excerpt or not raw:
        return None
    s, e = int(f.span[0]), int(f.span[1])
    if e <= s:
        return None
    keep = [i for i, ch in enumerate(raw) if not ch.isspace() and ch != "*"]
    squashed = "".join(raw[i] for i in keep)
    for k in (8, 4, 2, 0):
        a, b = max(0, s - k), min(len(f.excerpt), e + k)
        window = f.excerpt[a:b]
        lead = len(window) - len(window.lstrip("…"))
        window = window.strip("…")
        squeezed = "".join(ch for ch in window if not ch.isspace() and ch != "*")
        if not squeezed or squashed.count(squeezed) != 1:
            continue
        # offsets of the marked part inside the squeezed window
        before = "".join(ch for ch in f.excerpt[a + lead:s] if not ch.isspace() and ch != "*")
        marked = "".join(ch for ch in f.excerpt[s:e] if not ch.isspace() and ch != "*")
        at = squashed.find(squeezed) + len(before)
        if not marked or at + len(marked) > len(keep):
            return None
        return keep[at], keep[at + len(marked) - 1] + 1
    return None


def merge_same_defect(findings: list[Finding]) -> list[Finding]:
    """One finding per defect that two rules see from two sides.

    A rule marks such a finding with ``data["defect"]`` (a key naming the
    defect, e.g. the line of a mistyped heading) and ``data["defect_rank"]``.
    Of the findings sharing a key, the most severe one with the lowest rank is
    kept; the places of the others become its related locations and their rule
    codes are listed in ``data["also"]`` (their messages in ``data["also_messages"]``,
    the places they added in ``data["also_places"]`` as ``[rule, file, line]``).
    Both keys are removed from the output.
    """
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for f in findings:
        key = f.data.pop("defect", None)
        rank = f.data.pop("defect_rank", 0)
        if isinstance(key, str) and key:
            groups.setdefault(key, []).append((rank, f))
    if not any(len(g) > 1 for g in groups.values()):
        return findings
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        _, keep = min(group, key=lambda rf: (-rf[1].severity.rank, rf[0], rf[1].rule))
        for _, other in group:
            if other is keep:
                continue
            dropped.add(id(other))
            here = Location(file=other.file, line=other.line, excerpt=other.excerpt, document=other.document)
            places = [here, *other.related]
            known = {(r.file, r.line) for r in keep.related} | {(keep.file, keep.line)}
            added = [r for r in places if (r.file, r.line) not in known]
            keep.related.extend(added)
            keep.data.setdefault("also", []).append(other.rule)
            keep.data.setdefault("also_places", []).extend([other.rule, r.file, r.line] for r in added)
            keep.data.setdefault("also_messages", []).append(other.message)
    return [f for f in findings if id(f) not in dropped]


def link_pairs(findings: list[Finding]) -> None:
    """Cross-link two findings of one rule that each name the other's place.

    Each gains ``data["pair"]``: the fingerprint of the other side.
    """
    at: dict[tuple[str, str, int], list[Finding]] = {}
    for f in findings:
        at.setdefault((f.rule, f.file, f.line), []).append(f)
    for f in findings:
        if "pair" in f.data:
            continue
        for loc in f.related:
            for g in at.get((f.rule, loc.file, loc.line), []):
                if g is f or "pair" in g.data:
                    continue
                if any((r.file, r.line) == (f.file, f.line) for r in g.related):
                    f.data["pair"] = g.fingerprint
                    g.data["pair"] = f.fingerprint
                    break
            if "pair" in f.data:
                break
