"""Hybrid retrieval over chunks: dense + BM25 fused by reciprocal rank, filters, graph expansion.

Dense vectors find paraphrases and the other language; BM25 finds exact names, acronyms and
numbers the embedders blur. Reciprocal rank fusion needs no score calibration between the two
(cosines and BM25 scores live on different scales). Filters are resolved to ids by the caller
(api/service.py) and widened here: a place takes in every place inside it (Nineveh includes its
districts), a theme takes in its narrower concepts. The hits are then expanded through the graph:
the statements that cite the hit chunks, and the bodies they name, as answer rows with ``why``.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import zip_longest
from typing import Any

import numpy as np

from graph.names import is_arabic
from graph.store import GraphStore
from graph.vocab import concept_broader, load_gazetteer
from search.embed import Embedder
from search.entities import Mention, QueryEntities, entity_ranking
from search.language import language_of, with_names
from search.lexical import BM25Index
from search.vectors import Mirror, SearchFilter, VectorStore

MODES = ("hybrid", "dense", "lexical")
RRF_K = 60
# Hybrid fusion of the dense, lexical (both languages) and entity lists (see retrieve).
FUSION_K = RRF_K
FUSION_WEIGHTS = (1.0, 1.0, 1.0)
MAX_LIMIT = 100
# Language-balanced top: the other language's best lexical match (of its first OTHER_TRIED) that
# the fusion holds in its first OTHER_DEPTH is moved up to place OTHER_PLACE (see balance).
OTHER_PLACE = 5
OTHER_TRIED = 2
OTHER_DEPTH = 20


@dataclass
class Filters:
    """Filter values as graph ids (resolved from user names by the service)."""

    place: str = ""
    theme: str = ""
    actor: str = ""
    document: str = ""
    language: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def narrower(concept: str) -> list[str]:
    """The concept and every concept below it (a theme filter takes in its sub-themes)."""
    down: dict[str, list[str]] = defaultdict(list)
    for n, b in concept_broader():
        down[b].append(n)
    out, queue = [concept], [concept]
    while queue:
        for c in down.get(queue.pop(), []):
            if c not in out:
                out.append(c)
                queue.append(c)
    return out


def to_search_filter(f: Filters) -> SearchFilter:
    places = [f.place, *load_gazetteer().descendants(f.place)] if f.place else []
    return SearchFilter(
        places=places,
        concepts=narrower(f.theme) if f.theme else [],
        actors=[f.actor] if f.actor else [],
        doc_ids=[f.document] if f.document else [],
        language=f.language,
    )


def rrf(*ranked: list[str], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Reciprocal rank fusion; an empty id in a list holds a rank without scoring anything."""
    scores: dict[str, float] = defaultdict(float)
    for i, lst in enumerate(ranked):
        w = weights[i] if weights else 1.0
        for r, cid in enumerate(lst):
            if cid:
                scores[cid] += w / (k + r + 1)
    return sorted(scores.items(), key=lambda x: (-x[1], x[0]))


def interleave(*lists: list[str]) -> list[str]:
    """One list taking each list's next item in turn (first seen wins)."""
    out: list[str] = []
    seen: set[str] = set()
    for row in zip_longest(*lists, fillvalue=""):
        for c in row:
            if c and c not in seen:
                seen.add(c)
                out.append(c)
    return out


def balance(fused: list[tuple[str, float]], other: list[str]) -> list[tuple[str, float]]:
    """The fused ranking with one of the other language's best lexical matches at place OTHER_PLACE.

    Two of the three fused lists lean to the query's own script (the vectors place a text
    nearer to its own language; BM25 on the query's own words sees only it), so a passage in
    the other language that answers the question often ranks 6th to 15th behind same-language
    passages that merely share its words. ``other`` is the bridged BM25 ranking (the query's
    names and field words carried into the other script, over that language's chunks). Of its
    first OTHER_TRIED, those the fusion itself holds in its first OTHER_DEPTH (a match the
    vectors or the entities also point at, not a stray word), the first not already above
    OTHER_PLACE takes that place. Places above it stay as fused: a same-language answer in the
    first four keeps its rank."""
    place = OTHER_PLACE - 1
    if len(fused) <= place:
        return fused
    near = {c for c, _ in fused[:OTHER_DEPTH]}
    head = {c for c, _ in fused[:place]}
    pick = next((c for c in other[:OTHER_TRIED] if c in near and c not in head), None)
    if pick is None or fused[place][0] == pick:
        return fused
    moved = (pick, fused[place][1])  # the score of the place it takes: scores stay in order
    return [*fused[:place], moved, *(x for x in fused[place:] if x[0] != pick)]


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def embedding_pool() -> ThreadPoolExecutor:
    """One thread for query embeddings, shared by every engine of the process. A search's own
    thread meanwhile does its lexical part, so on two cores the two overlap; the embedder takes
    one text at a time anyway (its lock), so concurrent searches lose nothing by queueing here."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dalil-query-embed")
        return _pool


def timed_embedding(embedder: Embedder, text: str) -> tuple[np.ndarray, float]:
    t0 = time.perf_counter()
    q = embedder.embed_query(text)
    return q, time.perf_counter() - t0


class SearchEngine:
    def __init__(self, graph: GraphStore, vstore: VectorStore, embedder: Embedder) -> None:
        self.graph = graph
        self.vstore = vstore
        self.embedder = embedder
        vstore.ensure(embedder.model, embedder.dim)
        self._lex: tuple[Mirror, BM25Index] | None = None
        self.entities = QueryEntities(graph)
        self.mentions: list[Mention] = []  # what the last query was resolved to name
        self.overlap = True  # the query embedded in a second thread (False: inline; the bench compares)
        self.timings: dict[str, float] = {}

    def lexical_index(self) -> tuple[Mirror, BM25Index]:
        m = self.vstore.mirror()
        if self._lex is None or self._lex[0] is not m:
            self._lex = (m, m.bm25())
            m.projection()  # built before the save below, which keeps it too
            self.vstore.persist()  # the next process loads both instead of rebuilding them
        return self._lex

    def warm(self) -> dict[str, float]:
        """Load the mirror, build its projection and BM25, load the model: the first query then costs
        what the others do."""
        t0 = time.perf_counter()
        m = self.vstore.mirror()
        t1 = time.perf_counter()
        m.projection()
        t2 = time.perf_counter()
        self.lexical_index()
        t3 = time.perf_counter()
        self.embedder.embed_query("warm up")
        return {"mirror": t1 - t0, "projection": t2 - t1, "bm25": t3 - t2, "model": time.perf_counter() - t3}

    def retrieve(self, text: str, flt: SearchFilter | None = None, limit: int = 10,
                 mode: str = "hybrid") -> list[tuple[str, float]]:
        """(chunk id, score) best first; score is the cosine, the BM25 score, or the RRF score."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        t: dict[str, float] = {}
        if not text.strip():
            return []
        sims: np.ndarray | None = None
        q: np.ndarray | None = None
        depth = limit if mode != "hybrid" else max(50, 5 * limit)
        dense: list[tuple[str, float]] = []
        lex: list[tuple[str, float]] = []
        bridged: list[str] = []
        self.mentions = []
        t0 = time.perf_counter()
        mirror, bm25 = self.lexical_index()
        mask = mirror.mask(flt)
        t["filter"] = time.perf_counter() - t0
        # the query is embedded on the other core while its words are looked up here (BM25, the
        # names it mentions and their renderings in the other script), which need no vector
        pending = (embedding_pool().submit(timed_embedding, self.embedder, text)
                   if mode in ("hybrid", "dense") and self.overlap else None)
        if mode in ("hybrid", "lexical"):
            t0 = time.perf_counter()
            lex = [(mirror.ids[r], s) for r, s in bm25.search(text, depth, mask)]
            t["lexical"] = time.perf_counter() - t0
        # BM25 cannot see a chunk in the other language: the query's names and field words carried
        # into that language (graph names, glossary, lexicon) search those chunks, and the two
        # lexical lists are interleaved into one vote, so each language's best lexical match
        # stands level whichever language the question was asked in.
        if mode == "hybrid":
            t0 = time.perf_counter()
            self.mentions = self.entities.find(text)
            bridged = self.bridged_list(text, "ar" if is_arabic(text) else "en", mirror, bm25, mask, depth)
            t["entities"] = time.perf_counter() - t0
        if mode in ("hybrid", "dense"):
            if pending is not None:
                q, t["embed"] = pending.result()
            else:
                q, t["embed"] = timed_embedding(self.embedder, text)
            t0 = time.perf_counter()
            if self.vstore.exact:
                sims = mirror.similarity(q, mask)
                dense = mirror.top(sims, depth, q)
            else:
                dense = self.vstore.search(q, flt, depth)
            t["dense"] = time.perf_counter() - t0
        self.timings = t
        if mode == "dense":
            return dense[:limit]
        if mode == "lexical":
            return lex[:limit]
        t0 = time.perf_counter()
        named = self.entity_list(mirror, sims, dense, mask, depth, q)
        t["entities"] += time.perf_counter() - t0
        lexed = interleave([c for c, _ in lex], bridged)
        fused = rrf([c for c, _ in dense], lexed, named, k=FUSION_K, weights=FUSION_WEIGHTS)
        return balance(fused, bridged)[:limit]

    def bridged_list(self, text: str, qlang: str, mirror: Mirror, bm25: BM25Index, mask: np.ndarray | None,
                     depth: int) -> list[str]:
        """BM25 over the other language's chunks, for the query's names and institutional words
        written in that language (the graph's bilingual names and glossary)."""
        groups = self.entities.bridge_groups(text, self.mentions)
        if not groups:
            return []
        other = mirror.any_of("language", ("ar" if qlang == "en" else "en", "mixed"))
        if mask is not None:
            other = other & mask
        return [mirror.ids[r] for r, _ in bm25.search_groups(groups, depth, other)]

    def entity_list(self, mirror: Mirror, sims: np.ndarray | None, dense: list[tuple[str, float]],
                    mask: np.ndarray | None, depth: int, q: np.ndarray | None = None) -> list[str]:
        """Chunks naming the bodies, places and themes the query names (``self.mentions``), in
        whichever script: the list fused that reaches passages in the other language that the
        vectors miss."""
        if not self.mentions:
            return []
        if sims is None:  # a Qdrant server: only the dense candidates' cosines are known
            sims = np.full(len(mirror), -1.0, dtype=np.float32)
            for cid, cos in dense:
                sims[mirror.row[cid]] = cos
        rows = [mirror.rows(m.field, m.id) for m in self.mentions]
        # sims estimated from the projection: the rows ranked first are ordered by exact cosines
        exact = partial(mirror.exact, q) if q is not None and self.vstore.exact and mirror.estimated else None
        return [mirror.ids[r] for r in entity_ranking(rows, len(mirror), sims, mask, depth, exact)]

    def search(self, text: str, filters: Filters | None = None, limit: int = 10,
               mode: str = "hybrid") -> dict[str, Any]:
        """The ``dalil search --json`` object: hits with provenance, then the bodies they mention."""
        filters = filters or Filters()
        limit = max(1, min(limit, MAX_LIMIT))
        flt = to_search_filter(filters)
        ranked = self.retrieve(text, flt, limit, mode)
        mirror = self.vstore.mirror()
        hits = []
        for cid, score in ranked:
            if cid not in mirror.row:  # written by another process since the mirror was read
                continue
            p = mirror.payloads[mirror.row[cid]]
            hits.append({
                "chunk": cid, "document": p.get("document", ""), "doc_id": p["doc_id"], "page": p["page"],
                "char_start": p["char_start"], "char_end": p["char_end"], "text": p.get("text", ""),
                "score": round(score, 4), "language": p.get("language", ""), "actors": p.get("actors", []),
                "places": p.get("places", []), "concepts": p.get("concepts", []),
            })
        t0 = time.perf_counter()
        actors = self.expand(hits, language_of(text))
        self.timings["graph"] = time.perf_counter() - t0
        named = [{"kind": m.kind, "id": m.id, "text": m.text} for m in self.mentions]
        return {"query": text, "mode": mode, "filters": filters.as_dict(), "hits": hits, "actors": actors,
                "entities": named}

    def expand(self, hits: list[dict[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
        """Bodies the hits mention, each with the statements (mandates, relations) that cite a hit;
        named in ``lang`` (the query's language) where the graph knows that name."""
        if not hits:
            return []
        weight = {h["chunk"]: 1.0 / (i + 1) for i, h in enumerate(hits)}
        by_chunk = {h["chunk"]: h for h in hits}
        score: dict[str, float] = defaultdict(float)
        why: dict[str, list[dict[str, Any]]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for r in self.graph.run("search_statements_in_chunks", ids=list(weight)):
            if r["review"] == "rejected" or (r["subject"], r["id"]) in seen:
                continue
            seen.add((r["subject"], r["id"]))
            score[r["subject"]] += weight[r["chunk_id"]]
            why[r["subject"]].append({
                "statement": r["id"], "kind": r["kind"], "status": r["status"], "place_match": "",
                "document": by_chunk[r["chunk_id"]]["document"], "page": r["page"], "quote": r["quote"],
                "chunk": r["chunk_id"],
            })
        for h in hits:  # named in a hit without a statement: a weaker reason, ranked after
            for aid in h["actors"]:
                if aid not in why or all(w["kind"] == "mention" for w in why[aid]):
                    score[aid] += 0.5 * weight[h["chunk"]]
                    if len(why[aid]) < 3:
                        why[aid].append({
                            "statement": "", "kind": "mention", "status": "", "place_match": "",
                            "document": h["document"], "page": h["page"], "quote": h["text"][:300],
                            "chunk": h["chunk"],
                        })
        if not score:
            return []
        info = self.entities.actor_rows(sorted(score))
        rows = [
            {"id": aid, "name": info[aid]["name"], "aliases": info[aid]["aliases"] or [], "kind": info[aid]["kind"],
             "level": info[aid]["level"], "score": round(s, 3), "why": why[aid][:5]}
            for aid, s in score.items() if aid in info
        ]
        rows.sort(key=lambda r: (-r["score"], r["name"]))
        return with_names(rows, info, lang)
