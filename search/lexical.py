"""BM25 over chunks with Arabic-aware tokens, scored through an inverted index.

Tokens go through graph.names.normalize_name, the same normalisation identity uses, so
"الأنبار", "والانبار" and "انبار" are one term, diacritics and tatweel vanish, and British and
American spellings agree. Then each word is stemmed (Snowball, English and Arabic): a question
says "reintegration" where the report says "reintegrate", "المحافظات" where the plan says
"المحافظة", "الفرعية" where another says "فرعي". Arabic words are stemmed before normalisation
(the Arabic stemmer reads ة and ات, which normalisation folds away) and normalised after, so
alef forms still agree. rank_bm25 scores every document for every query
(a Python loop, seconds at 100k chunks); here each term's postings carry their precomputed
BM25 weight, so a query costs one ``np.bincount`` over the postings of its terms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import snowballstemmer

from graph.names import normalize_name

STOPWORDS = frozenset(
    """a an the and or of to in on at by for with from as is are was were be been being it its this that these
    those which who whom what when where how why do does did has have had not no but if than then so such
    into about over under between through during their there they them we our you your he she his her i
    can could should would may might must will shall also all any each other more most some very
    في من على إلى الى عن مع ما ماذا هل او أو ثم قد لا لم لن كان كانت هذا هذه ذلك تلك التي الذي الذين هو هي هم
    كل بين عند""".split()  # noqa: SIM905
)
_SPLIT = re.compile(r"\s+")
# An Arabic word (letters, diacritics, tatweel); stemmed as written, before normalisation.
_AR_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640\u0671]{3,}")
_EN_STEMMER = snowballstemmer.stemmer("english")
_AR_STEMMER = snowballstemmer.stemmer("arabic")
# Version of the terms this module makes: BM25 postings saved by search/mirror_cache.py under
# another version are rebuilt, not read with terms no query produces any more.
ANALYZER_VERSION = 2


@lru_cache(maxsize=200_000)
def _ar_stem(word: str) -> str:
    stem = str(_AR_STEMMER.stemWord(word))
    return stem if len(stem) >= 2 else word


@lru_cache(maxsize=200_000)
def stem(tok: str) -> str:
    """An English word's Snowball stem ("funded", "funding" -> "fund"); other tokens as they are.
    The one English stemmer of search: the index's terms and the statement matcher's words."""
    if tok.isascii() and len(tok) > 3 and tok.isalpha():
        return str(_EN_STEMMER.stemWord(tok))
    return tok


def _terms(text: str) -> list[str]:
    text = _AR_WORD.sub(lambda m: _ar_stem(m.group()), text)
    return [stem(t) for t in _SPLIT.split(normalize_name(text)) if len(t) > 1]


_STOP = frozenset(t for w in STOPWORDS for t in _terms(w))


def analyze(text: str) -> list[str]:
    """Text to index terms (normalised, stemmed, no stopwords, no 1-letter tokens)."""
    return [t for t in _terms(text) if t not in _STOP]


@lru_cache(maxsize=100_000)
def analyzed(text: str) -> tuple[str, ...]:
    """``analyze`` kept per text: the names and lexicon renderings a query carries across
    scripts repeat from query to query."""
    return tuple(analyze(text))


class BM25Index:
    """Okapi BM25 (k1, b) as a term -> (rows, weights) inverted index; rows are the caller's order."""

    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.n = len(texts)
        vocab: dict[str, int] = {}
        term_ids: list[int] = []
        rows: list[int] = []
        tfs: list[int] = []
        lengths = np.zeros(self.n, dtype=np.float32)
        for i, text in enumerate(texts):
            terms = analyze(text)
            lengths[i] = len(terms)
            for t, c in Counter(terms).items():
                term_ids.append(vocab.setdefault(t, len(vocab)))
                rows.append(i)
                tfs.append(c)
        self.vocab = vocab
        tid = np.asarray(term_ids, dtype=np.int64)
        order = np.argsort(tid, kind="stable")
        self._rows = np.asarray(rows, dtype=np.int64)[order]
        tf = np.asarray(tfs, dtype=np.float32)[order]
        df = np.bincount(tid, minlength=len(vocab)).astype(np.float32)
        self._start = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        avgdl = float(lengths.mean()) if self.n else 1.0
        idf = np.log(1.0 + (self.n - df + 0.5) / (df + 0.5))
        dl = lengths[self._rows]
        norm = tf + k1 * (1.0 - b + b * dl / max(avgdl, 1e-9))
        self._weights = (np.repeat(idf, df.astype(np.int64)) * tf * (k1 + 1.0) / norm).astype(np.float32)

    def state(self) -> tuple[dict[str, int], dict[str, np.ndarray]]:
        """What ``restore`` needs (search/mirror_cache.py saves it)."""
        return self.vocab, {"bm25_rows": self._rows, "bm25_start": self._start, "bm25_weights": self._weights}

    @classmethod
    def restore(cls, n: int, vocab: dict[str, int], arrays: dict[str, np.ndarray]) -> BM25Index:
        idx = cls.__new__(cls)
        idx.n, idx.vocab = n, vocab
        idx._rows, idx._start, idx._weights = arrays["bm25_rows"], arrays["bm25_start"], arrays["bm25_weights"]
        return idx

    def search(self, query: str, limit: int = 10, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, score) best first; ``mask`` (bool per row) keeps only the rows a filter allows."""
        tids = sorted({self.vocab[t] for t in analyze(query) if t in self.vocab})
        if not tids or not self.n:
            return []
        spans = [(self._start[t], self._start[t + 1]) for t in tids]
        rows = np.concatenate([self._rows[s:e] for s, e in spans])
        weights = np.concatenate([self._weights[s:e] for s, e in spans])
        if mask is not None:
            keep = mask[rows]
            rows, weights = rows[keep], weights[keep]
            if not len(rows):
                return []
        scores = np.bincount(rows, weights=weights, minlength=self.n)
        cand = np.flatnonzero(scores > 0)
        k = min(limit, len(cand))
        top = cand[np.argpartition(-scores[cand], k - 1)[:k]]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(r), float(scores[r])) for r in top]

    def _postings(self, t: int, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        rows = self._rows[self._start[t]:self._start[t + 1]]
        weights = self._weights[self._start[t]:self._start[t + 1]]
        if mask is not None:
            keep = mask[rows]
            rows, weights = rows[keep], weights[keep]
        return rows, weights

    def search_groups(self, groups: Sequence[Sequence[str]], limit: int = 10,
                      mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """BM25 for a query given as groups of alternative renderings (one group per thing the
        query names, in another script): a row scores each group by its best rendering, a
        rendering by the mean weight of its terms (all of a phrase found counts one term's worth,
        part of it less), and the groups add up. A plain BM25 over all the renderings would let
        a theme with ten labels outvote a place with one.

        Scores build in row-indexed scratch arrays. A rendering with few postings writes only
        the rows it touches; one with many (more than an eighth of the rows: a common word at
        100k chunks, where a question's renderings read a million postings) is summed with one
        ``np.bincount`` into a row-sized array instead, which costs a few sequential passes where
        scattered reads and writes cost several times more (docs/benchmarks.md, "Search"). A
        wide ``mask`` is applied to the total at the end (rows score independently, so the result
        is the same); a narrow one to the postings, which it shortens."""
        if not self.n:
            return []
        n_ok = self.n if mask is None else int(np.count_nonzero(mask))
        if not n_ok:
            return []
        pre = mask if n_ok * 8 < self.n else None
        total = np.zeros(self.n, dtype=np.float32)
        best = np.zeros(self.n, dtype=np.float32)  # the current group's best rendering per row
        part = np.zeros(self.n, dtype=np.float32)  # a phrase rendering's sum per row
        for group in groups:
            touched: list[np.ndarray] = []
            whole = False  # a rendering of this group was written row-sized: add ``best`` whole
            for rendering in dict.fromkeys(analyzed(r) for r in group):
                tids = [self.vocab[t] for t in dict.fromkeys(rendering) if t in self.vocab]
                if not tids:
                    continue
                n_terms = len(set(rendering))
                got = [self._postings(t, pre) for t in tids]
                if sum(len(r) for r, _ in got) * 8 > self.n:
                    if len(got) == 1:
                        row_w = np.zeros(self.n, dtype=np.float32)
                        row_w[got[0][0]] = got[0][1] / n_terms
                    else:
                        row_w = np.bincount(np.concatenate([r for r, _ in got]), minlength=self.n,
                                            weights=np.concatenate([w for _, w in got]) / n_terms).astype(np.float32)
                    np.maximum(best, row_w, out=best)
                    whole = True
                    continue
                if len(got) == 1:  # a term's postings name each row once
                    rows, w = got[0]
                    w = w / n_terms
                else:
                    rows = np.concatenate([r for r, _ in got])
                    np.add.at(part, rows, np.concatenate([w for _, w in got]) / n_terms)
                    w = part[rows]
                    part[rows] = 0.0
                best[rows] = np.maximum(best[rows], w)  # repeated rows carry one value: safe
                touched.append(rows)
            if whole:
                total += best
                best[:] = 0.0
            elif touched:
                rows = np.concatenate(touched)
                total[rows] += best[rows]  # a repeated row is added once (buffered fancy indexing)
                best[rows] = 0.0
        if mask is not None and pre is None:
            total[~mask] = 0.0
        cand = np.flatnonzero(total > 0)
        k = min(limit, len(cand))
        if k <= 0:
            return []
        top = cand[np.argpartition(-total[cand], k - 1)[:k]]
        top = top[np.lexsort((top, -total[top]))]
        return [(int(r), float(total[r])) for r in top]
