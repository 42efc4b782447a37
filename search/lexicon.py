"""A query's words in the other script, from a bilingual lexicon of the field (search/data/lexicon.tsv).

The embedder places Arabic and English in one space, but loosely: an Arabic question about
vocational training centres lands near many English passages. Written in the other language, the
question's words meet the passage's words in BM25 and sharpen the vector. Names of bodies,
places and themes come from the graph (search/entities.py); this lexicon adds the field's
ordinary words (returnees, camps, grants, subcommittees, psychosocial support...). Matching is on
BM25 terms (normalised, stemmed), so one entry covers its inflected and prefixed forms.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from graph.names import is_arabic
from search.lexical import analyze

LEXICON = Path(__file__).resolve().parent / "data" / "lexicon.tsv"

Entries = tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


@lru_cache(maxsize=1)
def _entries() -> tuple[Entries, Entries]:
    """(English phrase terms -> Arabic renderings, Arabic phrase terms -> English renderings), longest first."""
    from_en: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    from_ar: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for n, line in enumerate(LEXICON.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise ValueError(f"{LEXICON}:{n}: expected 'english<TAB>arabic', got {line!r}")
        en = tuple(a.strip() for a in cols[0].split("|") if a.strip())
        ar = tuple(a.strip() for a in cols[1].split("|") if a.strip())
        from_en += [(t, ar) for t in {tuple(analyze(a)) for a in en} if t]
        from_ar += [(t, en) for t in {tuple(analyze(a)) for a in ar} if t]
    return (tuple(sorted(from_en, key=lambda x: -len(x[0]))), tuple(sorted(from_ar, key=lambda x: -len(x[0]))))


def translate(text: str) -> list[str]:
    """The other language's renderings of the lexicon's phrases in ``text``, longest phrase first;
    a word inside a longer phrase already found adds nothing of its own. Entries whose phrases
    stem alike (محافظ: governor, governorate) all count."""
    return list(dict.fromkeys(w for group in translate_groups(text) for w in group))


def translate_groups(text: str) -> list[tuple[str, ...]]:
    """As ``translate``, one group per phrase of ``text`` found: the renderings of one phrase are
    alternatives (search/lexical.py scores a group by its best rendering), so a word with ten
    renderings does not outvote one with a single rendering."""
    terms = analyze(text)
    present = set(terms)
    from_en, from_ar = _entries()
    out: dict[tuple[str, ...], list[str]] = {}
    covered: set[int] = set()
    found: set[tuple[str, ...]] = set()
    for phrase, targets in from_ar if is_arabic(text) else from_en:
        if phrase[0] not in present:  # most entries: one set lookup, no scan
            continue
        n = len(phrase)
        for i in range(len(terms) - n + 1):
            if tuple(terms[i : i + n]) == phrase and (phrase in found or not covered.issuperset(range(i, i + n))):
                # phrases stemming alike (المحافظ, المحافظة) are one word of the query: one group
                out.setdefault(phrase, []).extend(targets)
                covered.update(range(i, i + n))
                found.add(phrase)
                break
    return [tuple(dict.fromkeys(g)) for g in out.values()]
