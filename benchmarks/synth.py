"""A synthetic archive made from the corpus: copy k is the corpus as the gazette of another city.

Each copy replaces the corpus city's name everywhere (masthead, titles, signers,
organ names, TOC) by a made-up city name of the same length, and the city's
one-character abbreviation at the head of every 机关代字 by a three-character
one, so that every copy is internally consistent (TOC titles, headings and
citations change together) and no two copies share a 发文字号 or a title,
up to 40**3 = 64,000 copies. Within a copy the issues keep their series (issue
numbers, dates) and their reprints and citations. Usage::

    python benchmarks/synth.py OUT_DIR --copies 100 [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

#: Characters of made-up city names: none is a number, a date word or an organ ending.
ALPHABET = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午申酉戌亥松柏竹梅兰菊桂枫杉桐柳榆槐椿楠樟桦杏梓"
assert len(set(ALPHABET)) == 40


def tag(k: int, width: int = 3) -> str:
    """`width` characters of :data:`ALPHABET` naming copy `k` (unique for k < 40**width)."""
    out = ""
    for _ in range(width):
        out = ALPHABET[k % 40] + out
        k //= 40
    if k:
        raise ValueError("too many copies for the name width")
    return out


def corpus_city(texts: dict[str, str]) -> tuple[str, str]:
    """(city stem, 机关代字 abbreviation) of the corpus, read from its parsed records."""
    sys.path.insert(0, str(ROOT))
    from gazette_checks.parse import parse_text

    cities: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    for name, text in texts.items():
        recs = parse_text(text, name)
        cities.update(c for c in recs.issues["city"] if isinstance(c, str))
        heads.update(a[0] for a in recs.documents["agency"] if isinstance(a, str) and a)
    if not cities or not heads:
        raise SystemExit("the corpus names no city or no 机关代字")
    city = cities.most_common(1)[0][0]
    return city.removesuffix("市"), heads.most_common(1)[0][0]


def make_copy(text: str, stem: str, abbr: str, k: int) -> str:
    """`text` as the gazette of made-up city number `k`."""
    new = tag(k, len(stem)) if len(stem) >= 3 else tag(k)
    text = text.replace(stem, new)
    agency_head = re.compile(re.escape(abbr) + r"(?=\p{Han}{0,10}\s*[〔\[【(（［﹝]\s*(?:19|20)\d{2})")
    return agency_head.sub(tag(k), text)


def generate(out: Path, copies: int, corpus: Path = CORPUS, start: int = 0) -> list[Path]:
    """Write copies `start`..`start + copies - 1` of `corpus` under `out`/cNNNNN/; returns the files."""
    files = sorted(corpus.glob("*.txt"))
    texts = {p.name: p.read_text(encoding="utf-8-sig") for p in files}
    stem, abbr = corpus_city(texts)
    written = []
    for k in range(start, start + copies):
        d = out / f"c{k:05d}"
        d.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            p = d / name
            p.write_text(make_copy(text, stem, abbr, k), encoding="utf-8")
            written.append(p)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args(argv)
    files = generate(Path(args.out), args.copies, Path(args.corpus))
    print(f"wrote {len(files)} files in {args.copies} copies under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
