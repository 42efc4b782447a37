"""Is the search index in step with the graph? One check, run where it matters, repaired in place.

The graph is the source of truth; the vector store is derived from it and written after it, so
a crash between the two (kill -9 during the vector upsert, a full disk, a graph restored from a
backup without its vectors) leaves them apart. Compared per document:

- **missing**: the graph holds a document's chunks and the store has fewer points for it (never
  indexed, or an upsert cut short);
- **stale**: the store's points for a document carry another content hash than the graph's
  document (the graph committed a new version, the vectors did not follow), or the document
  has no chunks any more;
- **deleted**: the store has points of a document the graph does not hold (a delete, or a
  graph that was wiped or replaced): search would quote a document that does not exist.

``repair`` re-syncs exactly those documents (search/index.py reuses every vector whose text is
unchanged, so a repair embeds only text that was never embedded). It runs at the start of every
ingest and every ``dalil serve``; ``dalil doctor`` runs it on demand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.store import GraphStore
from search.embed import Embedder, Progress
from search.index import IndexReport, sync
from search.vectors import VectorStore


@dataclass
class Drift:
    documents: int = 0  # documents with passages in the graph
    points: int = 0  # points in the vector store
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale or self.deleted)

    def describe(self) -> str:
        if not self:
            return f"in step: {self.documents} document(s), {self.points} passage vector(s)"
        parts = [f"{len(v)} {k} ({', '.join(v[:3])}{', …' if len(v) > 3 else ''})"
                 for k, v in (("missing", self.missing), ("stale", self.stale),
                              ("of deleted documents", self.deleted)) if v]
        return "search index out of step with the graph: " + "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"in_step": not self}


def indexed_state(vstore: VectorStore) -> dict[str, tuple[int, set[str]]]:
    """doc id -> (points, content hashes they were built from), read from the store."""
    out: dict[str, list[Any]] = defaultdict(lambda: [0, set()])
    if vstore.exact:
        payloads: Any = vstore.mirror().payloads
    else:
        payloads = (r.payload for r in vstore._scroll(None, False, ["doc_id", "doc_hash"]))
    for p in payloads:
        st = out[p.get("doc_id", "")]
        st[0] += 1
        st[1].add(p.get("doc_hash", ""))
    return {d: (n, h) for d, (n, h) in out.items()}


def check(graph: GraphStore, vstore: VectorStore | None,
          have: dict[str, tuple[int, set[str]]] | None = None) -> Drift:
    """``have``: the store's ``indexed_state`` read elsewhere (api.index_apart: `dalil serve`
    reads it in a child process, so the server does not hold Qdrant's local points)."""
    hashes = {r["id"]: r["content_hash"] or "" for r in graph.run("document_sources")}
    chunks = {r["doc_id"]: int(r["n"]) for r in graph.run("chunk_counts") if r["doc_id"] in hashes}
    if have is None:
        assert vstore is not None
        have = indexed_state(vstore)
    drift = Drift(documents=len(chunks), points=sum(n for n, _ in have.values()))
    for doc_id, (n, doc_hashes) in sorted(have.items()):
        if doc_id not in hashes:
            drift.deleted.append(doc_id)
        elif doc_hashes != {hashes[doc_id]} or doc_id not in chunks:
            drift.stale.append(doc_id)
        elif n < chunks[doc_id]:
            drift.missing.append(doc_id)
        elif n > chunks[doc_id]:
            drift.stale.append(doc_id)
    drift.missing += sorted(d for d in chunks if d not in have)
    return drift


def repair(graph: GraphStore, vstore: VectorStore, embedder: Embedder, drift: Drift,
           on_progress: Progress | None = None) -> IndexReport:
    """Bring exactly the drifted documents back in step (deleted ones lose their points)."""
    if not drift:
        return IndexReport()
    # first what needs no embedder: a model mismatch must not keep quoting deleted documents
    vstore.delete_docs(drift.deleted)
    rep = sync(graph, vstore, embedder, [*drift.missing, *drift.stale], on_progress) if drift.missing or drift.stale \
        else IndexReport()
    rep.removed_documents += len(drift.deleted)
    return rep
