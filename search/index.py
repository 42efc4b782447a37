"""Bring the vector store in line with the graph's chunks (the graph is the source of truth).

For each document to sync, the graph's Chunk nodes become points whose payload says where
the text is (document, page, offsets) and what it is about (actors, places with their
ancestors, concepts, language). Vectors are looked up by the hash of the chunk text among the
points already stored, so re-ingesting unchanged text, or a changed document whose paragraphs
mostly stayed, embeds only what is new. Points of documents gone from the graph, and chunks
gone from a replaced document, are deleted.

Payload mentions are recomputed here from the graph (statements cite their chunk) and from the
chunk text (the same gazetteer, vocabulary and actor-name indexes the router uses), so a full
re-index from the graph alone gives the same payloads as indexing at ingest time.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import PurePath
from typing import Any, Protocol

import numpy as np

from graph.store import GraphStore
from graph.terms import TermIndex
from graph.vocab import load_gazetteer, place_index
from search.embed import Embedder, Progress
from search.entities import actor_index, concept_index
from search.vectors import VectorStore

COUNTRY = "place:IQ"


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class IndexReport:
    documents: int = 0
    chunks: int = 0
    embedded: int = 0  # texts sent to the model
    reused: int = 0  # vectors found by text hash
    removed_chunks: int = 0
    removed_documents: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class PayloadBuilder:
    """Per-sync lookups: actor names from the graph, concepts, places, document names."""

    def __init__(self, graph: GraphStore) -> None:
        self.graph = graph
        self.gaz = load_gazetteer()
        self.places = place_index("title")
        self.actors: TermIndex[str] = actor_index(graph)
        self.concepts: TermIndex[str] = concept_index()
        self.doc_names = {
            d["id"]: (PurePath(d["path"]).name if d["path"] else d["title"]) for d in graph.run("documents")
        }
        # the version each point was built from: search/consistency.py compares it with the graph's
        self.doc_hashes = {d["id"]: d["content_hash"] or "" for d in graph.run("document_sources")}

    def payloads(self, doc_id: str, chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from_graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for q, key in (("search_doc_chunk_subjects", "actors"), ("search_doc_chunk_objects", "actors"),
                       ("search_doc_chunk_concepts", "concepts"), ("search_doc_chunk_places", "places")):
            for r in self.graph.run(q, doc_id=doc_id):
                from_graph[r["chunk"]][key].add(r["id"])
        out = []
        for c in chunks:
            g = from_graph.get(c["id"], {})
            text = c["text"]
            actors = set(g.get("actors", ())) | {h.payload for h in self.actors.find(text)}
            concepts = set(g.get("concepts", ())) | {h.payload for h in self.concepts.find(text)}
            # the country scope of nationwide statements is not a mention of a place
            places = (set(g.get("places", ())) - {COUNTRY}) | {h.payload for h in self.places.find(text)}
            up = set(places)
            for p in places:
                up.update(self.gaz.ancestors(p))
            out.append({
                "doc_id": doc_id, "document": self.doc_names.get(doc_id, doc_id), "page": c["page"],
                "char_start": c["char_start"], "char_end": c["char_end"], "language": c.get("language") or "en",
                "actors": sorted(actors), "places": sorted(places), "places_up": sorted(up),
                "concepts": sorted(concepts), "text": text, "text_hash": text_hash(text),
                "doc_hash": self.doc_hashes.get(doc_id, ""),
            })
        return out


def adopt(vstore: VectorStore, embedder: Embedder) -> str:
    """Make the store hold ``embedder``'s vectors: a collection built with another model (a data
    folder from before the default changed, or DALIL_EMBEDDER switched) is dropped, so the sync
    that follows re-embeds every chunk of the graph. Returns the dropped model's name, or ""."""
    old = vstore.other_model(embedder.model, embedder.dim)
    if old:
        vstore.drop()
    vstore.ensure(embedder.model, embedder.dim)
    return old


class _HasText(Protocol):
    text: str


class _HasChunks(Protocol):
    @property
    def chunks(self) -> Sequence[_HasText]: ...


class Prefetcher:
    """Embeds each ingested document's new chunk texts in a background thread.

    The graph ingest of the next document (Python, one core) then overlaps the embedding of this
    one (numpy/torch, which release the GIL), so the ingest path costs about what the embedder
    costs. Only the embedder runs in the thread; the stores are touched by the caller's thread.
    ``sync(..., precomputed=p.result())`` then embeds nothing twice.
    """

    def __init__(self, vstore: VectorStore, embedder: Embedder, on_progress: Progress | None = None) -> None:
        adopt(vstore, embedder)
        self.vstore, self.embedder, self.on_progress = vstore, embedder, on_progress
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dalil-embed")
        self._jobs: list[Future[None]] = []
        self._seen: set[str] = set()
        self.vectors: dict[str, np.ndarray] = {}
        self._total = 0
        self._done = 0

    def on_facts(self, facts: _HasChunks) -> None:
        self.on_chunks(facts.chunks)

    def on_chunks(self, chunks: Sequence[_HasText]) -> None:
        """A document's chunks, as soon as they are cut (``Ingestor.on_chunks``): before its
        extraction, which then overlaps their embedding. ``on_facts`` after the write embeds
        only what was not seen here (a table's rows, a document read by a worker)."""
        texts = {text_hash(c.text): c.text for c in chunks}
        new = [h for h in texts if h not in self._seen]
        self._seen.update(new)
        have = self.vstore.vectors_by_hash(new)
        todo = [h for h in new if h not in have]
        if todo:
            self._total += len(todo)
            self._jobs.append(self._pool.submit(self._embed, todo, [texts[h] for h in todo]))

    def _embed(self, hashes: list[str], texts: list[str]) -> None:
        base = self._done

        def step(done: int, _total: int) -> None:
            if self.on_progress:
                self.on_progress(base + done, self._total)

        # one BLAS thread: the caller's thread extracts the next document on the other core
        self.vectors.update(zip(hashes, self.embedder.embed(texts, step, threads=1), strict=True))
        self._done = base + len(texts)

    def result(self) -> dict[str, np.ndarray]:
        for j in self._jobs:
            j.result()  # re-raises an embedding error here, in the caller's thread
        self._pool.shutdown()
        return self.vectors


def sync(
    graph: GraphStore,
    vstore: VectorStore,
    embedder: Embedder,
    doc_ids: Iterable[str] | None = None,
    on_progress: Progress | None = None,
    rebuild: bool = False,
    precomputed: dict[str, np.ndarray] | None = None,
) -> IndexReport:
    """Index ``doc_ids`` (default: every document) plus any graph document the store lacks.

    ``rebuild`` drops the collection first; so does a collection of another model (``adopt``).
    """
    if rebuild:
        vstore.drop()
    adopt(vstore, embedder)
    rep = IndexReport()
    graph_docs = {d["id"] for d in graph.run("documents")}
    indexed = vstore.doc_ids()
    gone = indexed - graph_docs
    if gone:
        vstore.delete_docs(sorted(gone))
        rep.removed_documents = len(gone)
    todo = (set(doc_ids) if doc_ids is not None else set(graph_docs)) | (graph_docs - indexed)
    todo &= graph_docs
    if not todo:
        return rep
    builder = PayloadBuilder(graph)
    points: list[tuple[str, dict[str, Any]]] = []
    for doc_id in sorted(todo):
        chunks = graph.run("chunks_of_doc", doc_id=doc_id)
        payloads = builder.payloads(doc_id, chunks)
        have = vstore.chunk_hashes(doc_id)
        stale = set(have) - {c["id"] for c in chunks}
        if stale:
            vstore.delete_chunks(sorted(stale))
            rep.removed_chunks += len(stale)
        points += [(c["id"], p) for c, p in zip(chunks, payloads, strict=True)]
        rep.documents += 1
    rep.chunks = len(points)
    hashes = {p["text_hash"]: p["text"] for _, p in points}
    pre = precomputed or {}
    cache = {h: pre[h] for h in hashes if h in pre}
    cache.update(vstore.vectors_by_hash([h for h in hashes if h not in cache]))
    missing = [h for h in hashes if h not in cache]
    if missing:
        vecs = embedder.embed([hashes[h] for h in missing], on_progress)
        cache.update(zip(missing, vecs, strict=True))
    elif on_progress and not pre:
        on_progress(0, 0)
    fresh = set(missing) | (set(pre) & set(hashes))
    rep.embedded = len(fresh)
    rep.reused = sum(1 for _, p in points if p["text_hash"] not in fresh)
    vstore.upsert([(cid, np.asarray(cache[p["text_hash"]]), p) for cid, p in points])
    return rep
