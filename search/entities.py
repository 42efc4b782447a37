"""The bodies, places and themes a text names, in either script, as the graph's ids.

One resolver serves both ends of retrieval: chunk payloads record the ids their text (and the
statements citing them) name (search/index.py), and a query is resolved the same way, so an
Arabic question naming "نينوى" and "الشباب" meets English chunks whose payloads carry
place:IQG15 and theme:youth. Names come from the graph and its vocabularies, never from the
embedder: the gazetteer (official, Arabic and alternate place names), the SKOS concepts
(English and Arabic labels and alternates) and the bodies' names, Arabic names and aliases.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from graph.bilingual import glossary
from graph.names import is_arabic, normalize_name
from graph.store import GraphStore
from graph.terms import TermIndex
from graph.vocab import load_concepts, load_gazetteer, place_index
from search.lexical import analyzed
from search.lexicon import translate_groups
from search.projection import best_estimates

ACRONYM = re.compile(r"[A-Z]{2,8}")
CONCEPT_ACRONYM = re.compile(r"[A-Z/]{2,8}")
# "للشباب" is ل + الشباب with the article's alef dropped: read as "الشباب" (questions say "for
# the youth" this way far more often than extraction's texts name a body).
LIL = re.compile(r"(?<![\w\u0600-\u06ff])(و?)لل(?=[\u0621-\u064a]{2})")
# Payload field each kind of id is looked up in: a place asked about takes in every chunk that
# names a place inside it ("places_up" holds each named place and its ancestors).
FIELDS = {"actor": "actors", "place": "places_up", "concept": "concepts"}


def actor_index(graph: GraphStore, rows: list[dict[str, Any]] | None = None) -> TermIndex[str]:
    """Every body's name, Arabic name and aliases (acronyms must be written in capitals)."""
    idx: TermIndex[str] = TermIndex()
    for a in graph.run("actors") if rows is None else rows:
        for n in [a["name"], a["name_ar"], *(a["aliases"] or [])]:
            if n and len(n) >= 3:
                idx.add(n, a["id"], "upper" if ACRONYM.fullmatch(n) else "any")
    return idx


def concept_index() -> TermIndex[str]:
    """Every concept's English and Arabic labels and alternates."""
    idx: TermIndex[str] = TermIndex()
    for c in load_concepts():
        for lab in [c.label_en, c.label_ar, *c.alt_labels]:
            if lab and len(lab) >= 3:
                idx.add(lab, c.id, "upper" if CONCEPT_ACRONYM.fullmatch(lab) else "any")
    return idx


@dataclass(frozen=True)
class Mention:
    kind: str  # actor, place, concept
    id: str
    text: str

    @property
    def field(self) -> str:
        return FIELDS[self.kind]


@lru_cache(maxsize=1)
def _glossary_phrases() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(normalised phrase, its names in the other script) for both directions of the glossary."""
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for ar, en in glossary().values():
        if ar and en:
            out += [(tuple(normalize_name(a).split()), en) for a in ar]
            out += [(tuple(normalize_name(e).split()), ar) for e in en]
    return tuple(sorted(out, key=lambda x: -len(x[0])))


def glossary_words(text: str) -> list[str]:
    """The institutional words of ``text`` ("اللجان الفرعية" = subcommittees) in the other script."""
    return [w for group in glossary_groups(text) for w in group]


def glossary_groups(text: str) -> list[tuple[str, ...]]:
    """As ``glossary_words``, one group of alternatives per glossary phrase of ``text``."""
    toks = normalize_name(text).split()
    # a word with an attached preposition ("لمكافحة") is also tried without it
    bare = [t[1:] if len(t) > 4 and t[0] in "لب" and not t.isascii() else t for t in toks]
    out: list[tuple[str, ...]] = []
    found: set[str] = set()
    present = set(toks) | set(bare)
    for phrase, names in _glossary_phrases():
        if not phrase or phrase[0] not in present:  # most phrases: one set lookup, no scan
            continue
        n = len(phrase)
        for seq in (toks, bare):
            if any(tuple(seq[i : i + n]) == phrase for i in range(len(seq) - n + 1)):
                out.append(tuple(names))
                found.add(names[0])
                break
    if {"committee", "sub"} <= {normalize_name(x) for x in found}:
        out.append(("subcommittee",))  # English writes the two as one word
    return out


def merge_groups(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Groups sharing a rendering (as BM25 terms) joined into one: the same words of a query
    found as a theme, a glossary phrase and a lexicon entry are one thing asked about, and
    count once."""
    merged: list[tuple[set[tuple[str, ...]], list[str]]] = []
    for g in groups:
        keys = {analyzed(w) for w in g} - {()}
        hit = [i for i, (k, _) in enumerate(merged) if k & keys]
        for i in reversed(hit[1:]):  # a group joining two earlier ones joins them too
            merged[hit[0]][0].update(merged[i][0])
            merged[hit[0]][1].extend(merged[i][1])
            del merged[i]
        if hit:
            merged[hit[0]][0].update(keys)
            merged[hit[0]][1].extend(g)
        else:
            merged.append((keys, list(g)))
    return [tuple(dict.fromkeys(ws)) for _, ws in merged]


class QueryEntities:
    """Resolves queries; the body index is rebuilt when the graph has been written since."""

    def __init__(self, graph: GraphStore) -> None:
        self.graph = graph
        self._lock = threading.Lock()
        self._actors: tuple[int, TermIndex[str], dict[str, list[str]], dict[str, dict[str, Any]]] | None = None
        self._concepts = concept_index()
        self._concept_names = {c.id: [c.label_en, c.label_ar, *c.alt_labels] for c in load_concepts()}
        self._places = place_index("any")  # questions are typed in any case ("nineveh")

    def _actor_data(self) -> tuple[TermIndex[str], dict[str, list[str]]]:
        gen = self.graph.generation
        with self._lock:
            if self._actors is None or self._actors[0] != gen or not self.graph.exclusive:
                rows = self.graph.run("actors")
                names = {a["id"]: [n for n in [a["name"], a["name_ar"], *(a["aliases"] or [])] if n] for a in rows}
                self._actors = (gen, actor_index(self.graph, rows), names, {a["id"]: a for a in rows})
            return self._actors[1], self._actors[2]

    def actor_rows(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The graph's rows of these bodies (name, Arabic name, aliases, kind, level). From the
        rows the resolver already holds when this process is the graph's only writer (one store
        query less per search), else asked of the store."""
        if not self.graph.exclusive:
            return {a["id"]: a for a in self.graph.run("search_actors_by_ids", ids=ids)}
        self._actor_data()
        assert self._actors is not None
        rows = self._actors[3]
        return {i: rows[i] for i in ids if i in rows}

    def actors(self) -> TermIndex[str]:
        return self._actor_data()[0]

    def names(self, m: Mention) -> list[str]:
        """Every name the graph knows for a mentioned entity, in both scripts."""
        if m.kind == "actor":
            return self._actor_data()[1].get(m.id, [])
        if m.kind == "concept":
            return self._concept_names.get(m.id, [])
        p = load_gazetteer().get(m.id)
        return [p.name, p.name_ar, *p.alt_names] if p else []

    def bridge(self, text: str, mentions: list[Mention]) -> str:
        """The query's entities and institutional words written in the other script: what BM25
        needs to see passages in the other language ("نينوى الشباب" -> "Nineveh Ninewa youth ...")."""
        return " ".join(dict.fromkeys(w for g in self.bridge_groups(text, mentions) for w in g))

    def bridge_groups(self, text: str, mentions: list[Mention]) -> list[tuple[str, ...]]:
        """``bridge`` as one group per thing the query names (an entity, a glossary or lexicon
        phrase): its names in the other script are alternatives, scored by the best one found
        (search/lexical.py), so a theme with ten labels counts once, as a place with one does."""
        to_arabic = not is_arabic(text)
        groups = [tuple(n for n in self.names(m) if is_arabic(n) == to_arabic) for m in mentions]
        groups += [tuple(w for w in g if is_arabic(w) == to_arabic) for g in glossary_groups(text)]
        groups += [tuple(w for w in g if is_arabic(w) == to_arabic) for g in translate_groups(text)]
        return merge_groups([g for g in groups if g])

    def find(self, text: str) -> list[Mention]:
        """Bodies first: a place or theme inside a body's name ("Tel Kaif district government",
        "Youth Directorate") is part of the body's name, not a mention of its own."""
        text = LIL.sub(r"\1ال", text)  # same length: the hits' offsets stay those of the query
        hits = self.actors().find(text)
        taken = [(h.start, h.end) for h in hits]
        out = [Mention("actor", h.payload, h.text) for h in hits]
        for kind, idx in (("place", self._places), ("concept", self._concepts)):
            out += [Mention(kind, h.payload, h.text) for h in idx.find(text)
                    if not any(s <= h.start < e for s, e in taken)]
        first: dict[tuple[str, str], Mention] = {}
        for m in out:
            first.setdefault((m.kind, m.id), m)
        return list(first.values())


def entity_ranking(rows_of: list[np.ndarray], n_rows: int, closeness: np.ndarray, mask: np.ndarray | None,
                   limit: int, exact: Callable[[np.ndarray], np.ndarray] | None = None) -> list[int]:
    """Rows naming the query's entities, most (and rarest) entities first, then by closeness.

    ``rows_of`` holds, per resolved entity, the rows that name it. An entity is weighted by how
    rare it is (one that every chunk names tells nothing), so a chunk naming both Nineveh and
    youth ranks above one naming only Iraq; ``closeness`` (the dense cosine per row, in [-1, 1])
    orders rows of (nearly) equal weight. One vector pass: it runs on every hybrid query.
    ``exact`` (rows -> exact cosines) is given when ``closeness`` is estimated (a large mirror,
    search/projection.py): the rows with the best estimated keys are then ranked by exact ones.
    """
    if not rows_of or not n_rows:
        return []
    score = np.zeros(n_rows, dtype=np.float32)
    for rows in rows_of:
        if len(rows):
            score[rows] += math.log(1.0 + n_rows / len(rows))
    if mask is not None:
        score[~mask] = 0.0
    n_ok = int(np.count_nonzero(score))
    if not n_ok:
        return []
    # an entity's weight is at least log 2 (one every row names): 10x it outweighs any cosine gap
    key = np.where(score > 0, score * 10.0 + np.nan_to_num(closeness, neginf=-1.0), -np.inf)
    k = min(limit, n_ok)
    if exact is not None:
        cand = best_estimates(key, n_ok, k)
        exact_key = score[cand] * 10.0 + exact(cand)
        return [int(cand[i]) for i in np.lexsort((cand, -exact_key))[:k]]
    top = np.argpartition(-key, k - 1)[:k]
    return [int(r) for r in top[np.argsort(-key[top], kind="stable")]]
