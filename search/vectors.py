"""The chunk vector store: Qdrant (local folder by default, a server by URL), plus an exact mirror.

One collection holds one model's vectors; the collection's metadata records the model and
dimension, and opening it with another embedder is an error (vectors of two models are not
comparable, so mixing them would silently return nonsense).

Qdrant's local mode is pure Python: a filtered query at 100k points walks every payload in
Python and misses the latency goal by far (docs/benchmarks.md, "Search"). So in local mode the
store also keeps an in-memory mirror (a float32 matrix and inverted indexes of the filter
fields) and answers dense queries exactly with one matrix-vector product; Qdrant stays the
store of record. Against a server (``DALIL_QDRANT_URL``) the queries go to Qdrant itself, with
payload indexes on the filter fields. The lexical index is built over the mirror's rows in
both modes, so filters mean the same thing to both retrievers.
"""

from __future__ import annotations

import uuid
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from graph.store import GraphStoreError
from search import mirror_cache
from search.lexical import BM25Index
from search.projection import DIMS as PROJECTED_DIMS
from search.projection import Projection, best_estimates, fit_projection, projection_wanted

if TYPE_CHECKING:  # imported where used: qdrant_client takes a second or more to import, and a
    # search answered from the saved mirror (search/mirror_cache.py) never needs it
    from qdrant_client import QdrantClient
    from qdrant_client import models as qm

COLLECTION = "dalil_chunks"
# Payload fields that filters use (all keyword arrays or keywords).
FILTER_FIELDS = ("doc_id", "places", "places_up", "concepts", "actors", "language", "text_hash")


class VectorStoreError(GraphStoreError):
    """The vector store cannot be used as configured (model mismatch, locked folder, no server).

    A GraphStoreError, so every door that reports store problems to the user reports this too.
    """


def point_id(chunk_id: str) -> str:
    """Qdrant ids are UUIDs or integers; a chunk's id maps to one UUID, stably."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "dalil:" + chunk_id))


@dataclass
class SearchFilter:
    """Each field is any-of; fields combine with AND. Empty = no constraint."""

    places: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    language: str = ""

    def conditions(self) -> list[tuple[str, list[str]]]:
        out = [(k, v) for k, v in (("places", self.places), ("concepts", self.concepts),
                                   ("actors", self.actors), ("doc_id", self.doc_ids)) if v]
        if self.language:  # a mixed-language chunk holds text in either language
            out.append(("language", [self.language, "mixed"]))
        return out

    def __bool__(self) -> bool:
        return bool(self.conditions())

    def to_qdrant(self) -> qm.Filter | None:
        from qdrant_client import models as qm

        conds: list[Any] = [qm.FieldCondition(key=k, match=qm.MatchAny(any=v)) for k, v in self.conditions()]
        return qm.Filter(must=conds) if conds else None


_limit: Any = None


def one_blas_thread() -> Any:
    """A context running BLAS on one thread. A matrix-vector product reads memory, which a
    second thread does not widen, and on a busy machine each thread waits for a core
    (100k x 512 product: p95 22-27 ms on one thread, 32-39 ms on two, docs/benchmarks.md)."""
    global _limit
    if _limit is None:
        from threadpoolctl import ThreadpoolController

        _limit = ThreadpoolController().limit
    return _limit(limits=1, user_api="blas")


class Mirror:
    """All points in memory: row order shared by the dense matrix, the filters and BM25."""

    def __init__(self, ids: list[str], payloads: Sequence[dict[str, Any]], matrix: np.ndarray | None,
                 inv: Mapping[str, Mapping[str, np.ndarray]] | None = None) -> None:
        self.ids = ids
        self.payloads = payloads
        self.matrix = matrix
        self.row = {cid: i for i, cid in enumerate(ids)}
        self.lexical: BM25Index | None = None
        self.projected: Projection | None = None  # above projection.MIN_ROWS (search/projection.py)
        self.use_projection = True  # False: every cosine exact (the bench measures both)
        self.saved = False  # already in the on-disk cache (search/mirror_cache.py)
        self._any: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
        self._inv: Mapping[str, Mapping[str, np.ndarray]]
        if inv is not None:
            self._inv = inv
            return
        lists: dict[str, dict[str, list[int]]] = {f: defaultdict(list) for f in FILTER_FIELDS}
        for i, p in enumerate(payloads):
            for f in FILTER_FIELDS:
                v = p.get(f)
                for x in v if isinstance(v, list) else ([v] if v else []):
                    lists[f][x].append(i)
        self._inv = {f: {k: np.asarray(v, dtype=np.int64) for k, v in d.items()} for f, d in lists.items()}

    def bm25(self) -> BM25Index:
        """BM25 over the rows' texts, built on first use (seconds at 100k chunks) or restored."""
        if self.lexical is None:
            self.lexical = BM25Index([p.get("text", "") for p in self.payloads])
        return self.lexical

    def __len__(self) -> int:
        return len(self.ids)

    def values(self, f: str) -> list[str]:
        return list(self._inv.get(f, {}))

    def rows(self, f: str, value: str) -> np.ndarray:
        return self._inv.get(f, {}).get(value, np.zeros(0, dtype=np.int64))

    def any_of(self, f: str, values: tuple[str, ...]) -> np.ndarray:
        """Boolean row mask: rows whose ``f`` holds any of ``values``; kept (asked on every query)."""
        key = (f, values)
        if key not in self._any:
            m = np.zeros(len(self.ids), dtype=bool)
            for v in values:
                m[self.rows(f, v)] = True
            self._any[key] = m
        return self._any[key]

    def mask(self, flt: SearchFilter | None) -> np.ndarray | None:
        """Boolean row mask for the filter; None when there is no filter."""
        if not flt:
            return None
        mask = np.ones(len(self.ids), dtype=bool)
        for f, values in flt.conditions():
            m = np.zeros(len(self.ids), dtype=bool)
            for v in values:
                rows = self._inv[f].get(v)
                if rows is not None:
                    m[rows] = True
            mask &= m
        return mask

    def projection(self) -> Projection | None:
        """The projected copy of the matrix, built on first use when the mirror is large enough
        (search/projection.py) or restored with the mirror; None below that size."""
        if not self.use_projection:
            return None
        if self.projected is None and self.matrix is not None and projection_wanted(*self.matrix.shape):
            with one_blas_thread():
                self.projected = fit_projection(self.matrix)
        return self.projected

    @property
    def estimated(self) -> bool:
        """True when ``similarity`` estimates (a projection exists): rank with ``top(..., q)``."""
        return self.projection() is not None

    def similarity(self, q: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        """Cosine of every row to ``q`` (vectors are normalised); -inf where the filter says no.
        Estimated from the projection on a large mirror (``estimated``): ``top`` and ``exact``
        then give the exact cosines of the rows that are ranked.

        Computed once per query: the dense list and the entity list both read it.
        """
        n = len(self.ids)
        if self.matrix is None or not n:
            return np.full(n, -np.inf, dtype=np.float32)
        proj = self.projection()
        n_ok = n if mask is None else int(np.count_nonzero(mask))
        if mask is not None and n_ok * 4 < n:  # a narrow filter: gather the few rows
            rows = np.flatnonzero(mask)
            out = np.full(n, -np.inf, dtype=np.float32)
            with one_blas_thread():
                out[rows] = self.matrix[rows] @ q if proj is None else proj.scores(q, rows)
            return out
        with one_blas_thread():  # a wide one: one pass beats copying most of it
            scores = np.asarray(self.matrix @ q, dtype=np.float32) if proj is None else proj.scores(q)
        return scores if mask is None else np.where(mask, scores, np.float32(-np.inf))

    def exact(self, q: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosines of ``rows`` to ``q``."""
        if self.matrix is None or not len(rows):
            return np.zeros(len(rows), dtype=np.float32)
        with one_blas_thread():
            return np.asarray(self.matrix[np.sort(rows)] @ q, dtype=np.float32)[np.argsort(np.argsort(rows))]

    def top(self, scores: np.ndarray, limit: int, q: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The ``limit`` best rows of a score per row (-inf rows never). With the query ``q`` and
        estimated scores (``estimated``), the best estimates are re-scored exactly and ranked
        by their exact cosines."""
        n_ok = int(np.count_nonzero(np.isfinite(scores)))
        k = min(limit, n_ok)
        if k <= 0:
            return []
        if q is not None and self.estimated:
            cand = best_estimates(scores, n_ok, k)
            exact = self.exact(q, cand)
            order = np.lexsort((cand, -exact))[:k]
            return [(self.ids[int(cand[i])], float(exact[i])) for i in order]
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]

    def dense(self, q: np.ndarray, mask: np.ndarray | None, limit: int) -> list[tuple[str, float]]:
        return self.top(self.similarity(q, mask), limit, q)


class VectorStore:
    """Qdrant collection of chunk vectors with payload; same calls for local folder and server."""

    def __init__(self, path: Path | None = None, url: str = "", api_key: str = "",
                 collection: str = COLLECTION, exact: bool | None = None) -> None:
        self.collection = collection
        self.where = url or str(path)
        self.url, self.api_key = url, api_key
        self.folder = path
        if not url:
            assert path is not None
            path.mkdir(parents=True, exist_ok=True)
        self._client: QdrantClient | None = None
        self.local = not url
        self.exact = self.local if exact is None else exact
        self.model = ""
        self.dim = 0
        self.version = 0  # bumped on every write; readers rebuild what they derived
        self._mirror: Mirror | None = None
        self._mirror_version = -1
        self._cached_info: dict[str, Any] | None = None  # model and dim, from a valid cache
        self.load_saved()

    @property
    def opened(self) -> bool:
        """The client is open: in local mode this process then holds every point."""
        return self._client is not None

    def load_saved(self) -> None:
        """The mirror saved on disk (search/mirror_cache.py), when valid and none is held yet:
        saved by a first search, or by `dalil serve`'s start-up check (api.index_apart)."""
        if self._mirror is None and (got := self._cached_mirror()) is not None:
            self._mirror, self._cached_info = got
            self._mirror_version = self.version

    @property
    def client(self) -> QdrantClient:
        """Opened on first use: in local mode opening loads every point (seconds at 100k), and a
        search answered from the on-disk mirror cache never needs it."""
        from qdrant_client import QdrantClient

        if self._client is None:
            try:
                with warnings.catch_warnings():  # local mode's size advice (see upsert)
                    warnings.filterwarnings("ignore", message="Local mode is not recommended", category=UserWarning)
                    self._client = (QdrantClient(url=self.url, api_key=self.api_key or None, timeout=30) if self.url
                                    else QdrantClient(path=str(self.folder)))
            except Exception as e:  # noqa: BLE001 - a locked folder raises RuntimeError, a bad URL others
                raise VectorStoreError(f"cannot open the vector store at {self.where}: {e}") from e
        return self._client

    # --- the on-disk mirror cache (local mode; search/mirror_cache.py) ----------------------
    def _cacheable(self) -> bool:
        return self.local and self.exact and self.folder is not None

    def _will_change(self) -> None:
        """Every write first invalidates the cache, so a crash mid-write leaves it stale, not wrong."""
        if self._cacheable():
            assert self.folder is not None
            mirror_cache.new_stamp(self.folder)

    def _cached_mirror(self) -> tuple[Mirror, dict[str, Any]] | None:
        if not self._cacheable():
            return None
        assert self.folder is not None
        got = mirror_cache.load(self.folder, mirror_cache.read_stamp(self.folder))
        if got is None:
            return None
        meta, arrays = got
        if "payload_blob" not in arrays or "inv_fields" not in meta:
            return None
        rows = mirror_cache.Rows(arrays["payload_blob"], arrays["payload_offsets"])
        m = Mirror(meta["ids"], rows, arrays.get("matrix"), mirror_cache.unpack_inv(meta["inv_fields"], arrays))
        if "bm25_rows" in arrays:
            m.lexical = BM25Index.restore(len(m), meta["vocab"], arrays)
        if "proj_rows" in arrays and arrays["proj_rows"].shape[1] == PROJECTED_DIMS:
            m.projected = Projection(np.asarray(arrays["proj_basis"]), arrays["proj_rows"])
        m.saved = True
        return m, {"model": meta["model"], "dim": meta["dim"]}

    def persist(self) -> None:
        """Save the current mirror with its BM25 for the next process (once per change)."""
        m = self._mirror
        if not self._cacheable() or m is None or m.saved or self._mirror_version != self.version:
            return
        assert self.folder is not None
        stamp = mirror_cache.read_stamp(self.folder) or mirror_cache.new_stamp(self.folder)
        info = self.info()
        if info is None or m.matrix is None:
            return
        vocab, arrays = m.bm25().state()
        proj = m.projection()
        if proj is not None:
            arrays = {**arrays, "proj_basis": proj.basis, "proj_rows": proj.rows}
        inv_fields, inv_arrays = mirror_cache.pack_inv(m._inv)
        mirror_cache.save(self.folder, stamp, {"ids": m.ids, "inv_fields": inv_fields, "vocab": vocab,
                                               "model": info["model"], "dim": info["dim"]},
                          {"matrix": m.matrix, **arrays, **inv_arrays, **mirror_cache.pack_rows(m.payloads)})
        m.saved = True

    # --- collection and model ----------------------------------------------------------
    def info(self) -> dict[str, Any] | None:
        """The model and dim recorded on the collection, or None when it does not exist yet."""
        if self._cached_info is not None:
            return self._cached_info
        if not self.client.collection_exists(self.collection):
            return None
        meta = self.client.get_collection(self.collection).config.metadata or {}
        return {"model": meta.get("model", ""), "dim": int(meta.get("dim", 0))}

    def other_model(self, model: str, dim: int) -> str:
        """The model the collection holds when it is not ``model`` (dim ``dim``), else ""."""
        have = self.info()
        if have is None or (have["model"] == model and have["dim"] == dim):
            return ""
        return str(have["model"]) or "an unnamed model"

    def ensure(self, model: str, dim: int) -> None:
        """Create the collection for ``model``, or check that it already holds ``model``'s vectors."""
        have = self.info()
        if have is None:
            from qdrant_client import models as qm

            self._will_change()
            self.client.create_collection(
                self.collection, vectors_config=qm.VectorParams(size=dim, distance=qm.Distance.COSINE),
                metadata={"model": model, "dim": dim},
            )
            if not self.local:
                for f in FILTER_FIELDS:
                    self.client.create_payload_index(self.collection, f, qm.PayloadSchemaType.KEYWORD)
        elif have["model"] != model or have["dim"] != dim:
            raise VectorStoreError(
                f"the vector collection {self.collection!r} at {self.where} holds vectors of model "
                f"{have['model']!r} (dim {have['dim']}), but the configured embedder is {model!r} (dim {dim}); "
                f"vectors of two models cannot be mixed. Set DALIL_EMBEDDER back to that model, or rebuild "
                f"the index with the new one (`dalil search --reindex ...`)."
            )
        self.model, self.dim = model, dim

    def drop(self) -> None:
        self._will_change()
        if self.client.collection_exists(self.collection):
            self.client.delete_collection(self.collection)
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        self._cached_info = None

    def _fast_local_writes(self) -> None:
        """Local mode commits (and fsyncs) SQLite once per point: ~15 ms each, slower than embedding.

        WAL with synchronous=NORMAL makes a commit a cheap append; a crash can lose the last
        writes but never corrupts the file, and the graph (the source of truth) re-indexes a
        document the store lacks. Reaches into qdrant-client's local internals (pinned version);
        if they change, writes stay correct, only slow.
        """
        try:
            coll = self.client._client.collections[self.collection]  # type: ignore[attr-defined]
            con = coll.storage.storage if coll.storage is not None else None
            if con is not None and not getattr(coll, "_dalil_fast", False):
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=NORMAL")
                coll._dalil_fast = True
        except (AttributeError, KeyError, TypeError):
            pass

    # --- writes ---------------------------------------------------------------------------
    def upsert(self, points: Sequence[tuple[str, np.ndarray, dict[str, Any]]], batch: int = 256) -> None:
        from qdrant_client import models as qm

        self._will_change()
        if self.local:
            self._fast_local_writes()
        for i in range(0, len(points), batch):
            with warnings.catch_warnings():  # local mode's "not recommended past 20,000 points": the
                # mirror answers queries here, and the advice to run a server is in the docs
                warnings.filterwarnings("ignore", message="Local mode is not recommended", category=UserWarning)
                self.client.upsert(self.collection, [
                    qm.PointStruct(id=point_id(cid), vector=vec.tolist(), payload={**pl, "chunk_id": cid})
                    for cid, vec, pl in points[i : i + batch]
                ])
        if points:
            self._changed()

    def delete_chunks(self, chunk_ids: Iterable[str]) -> None:
        from qdrant_client import models as qm

        self._will_change()
        ids: list[Any] = [point_id(c) for c in chunk_ids]
        if ids:
            self.client.delete(self.collection, points_selector=qm.PointIdsList(points=ids))
            self._changed()

    def delete_docs(self, doc_ids: Iterable[str]) -> None:
        from qdrant_client import models as qm

        self._will_change()
        docs = list(doc_ids)
        if docs and self.client.collection_exists(self.collection):
            flt = qm.Filter(must=[qm.FieldCondition(key="doc_id", match=qm.MatchAny(any=docs))])
            self.client.delete(self.collection, points_selector=qm.FilterSelector(filter=flt))
            self._changed()

    # --- reads ----------------------------------------------------------------------------
    def count(self) -> int:
        if not self.client.collection_exists(self.collection):
            return 0
        return int(self.client.count(self.collection, exact=True).count)

    def _scroll(self, flt: qm.Filter | None, with_vectors: bool, fields: list[str] | bool = True,
                page: int = 2000) -> Iterable[Any]:
        if not self.client.collection_exists(self.collection):
            return
        offset: Any = None
        while True:
            recs, offset = self.client.scroll(self.collection, scroll_filter=flt, limit=page, offset=offset,
                                              with_payload=fields, with_vectors=with_vectors)
            yield from recs
            if offset is None:
                return

    def doc_ids(self) -> set[str]:
        if self.exact:  # local mode filters in Python over every point; the mirror has an index
            return set(self.mirror().values("doc_id"))
        if not self.client.collection_exists(self.collection):
            return set()
        hits = self.client.facet(self.collection, key="doc_id", limit=1_000_000, exact=True).hits
        return {str(h.value) for h in hits}

    def chunk_hashes(self, doc_id: str) -> dict[str, str]:
        """chunk id -> text hash of what is indexed for one document."""
        from qdrant_client import models as qm

        if self.exact:
            m = self.mirror()
            return {m.ids[r]: m.payloads[r].get("text_hash", "") for r in m.rows("doc_id", doc_id)}
        flt = qm.Filter(must=[qm.FieldCondition(key="doc_id", match=qm.MatchValue(value=doc_id))])
        return {r.payload["chunk_id"]: r.payload.get("text_hash", "")
                for r in self._scroll(flt, False, ["chunk_id", "text_hash"])}

    def vectors_by_hash(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """The embedding cache: vectors already stored for these text hashes (any document)."""
        from qdrant_client import models as qm

        want = sorted(set(hashes))
        out: dict[str, np.ndarray] = {}
        if self.exact:
            m = self.mirror()
            for h in want:
                rows = m.rows("text_hash", h)
                if len(rows) and m.matrix is not None:
                    out[h] = m.matrix[rows[0]].copy()
            return out
        for i in range(0, len(want), 500):
            flt = qm.Filter(must=[qm.FieldCondition(key="text_hash", match=qm.MatchAny(any=want[i : i + 500]))])
            for r in self._scroll(flt, True, ["text_hash"]):
                vec = r.vector
                if isinstance(vec, dict):  # named vectors (not used here, but be exact)
                    vec = next(iter(vec.values()))
                out[r.payload["text_hash"]] = np.asarray(vec, dtype=np.float32)
        return out

    def _local_arrays(self) -> tuple[list[str], list[dict[str, Any]], np.ndarray] | None:
        """Local mode already holds every point in numpy: copy it out instead of scrolling.

        Scrolling builds one pydantic record per point (about half a minute at 100k points);
        this reads qdrant-client's local collection directly (pinned version), and falls back to
        scrolling if its internals ever change.
        """
        try:
            coll = self.client._client.collections[self.collection]  # type: ignore[attr-defined]
            n = len(coll.ids_inv)
            live = np.flatnonzero(~np.asarray(coll.deleted[:n], dtype=bool))
            matrix = np.ascontiguousarray(np.asarray(coll.vectors[""][:n], dtype=np.float32)[live])
            payloads = [coll.payload[i] for i in live]
            return [p["chunk_id"] for p in payloads], payloads, matrix
        except (AttributeError, KeyError, TypeError, IndexError):
            return None

    def mirror(self) -> Mirror:
        """Every point's payload (and, when exact, its vector) in memory; rebuilt after writes."""
        if self._mirror is None or self._mirror_version != self.version:
            fast = self._local_arrays() if self.local and self.exact and self.client.collection_exists(self.collection) else None
            if fast is not None:
                self._mirror, self._mirror_version = Mirror(*fast), self.version
                return self._mirror
            ids: list[str] = []
            payloads: list[dict[str, Any]] = []
            vecs: list[Any] = []
            for r in self._scroll(None, self.exact):
                ids.append(r.payload["chunk_id"])
                payloads.append(r.payload)
                if self.exact:
                    vecs.append(r.vector)
            matrix = None
            if self.exact:
                matrix = np.asarray(vecs, dtype=np.float32).reshape(len(ids), self.dim or (len(vecs[0]) if vecs else 0))
            self._mirror, self._mirror_version = Mirror(ids, payloads, matrix), self.version
        return self._mirror

    def search(self, q: np.ndarray, flt: SearchFilter | None = None, limit: int = 10) -> list[tuple[str, float]]:
        """Nearest chunks by cosine: exact in memory (local default) or by Qdrant's own index."""
        if self.exact:
            m = self.mirror()
            return m.dense(q, m.mask(flt), limit)
        if not self.client.collection_exists(self.collection):
            return []
        res = self.client.query_points(self.collection, query=q.tolist(), query_filter=flt.to_qdrant() if flt else None,
                                       limit=limit, with_payload=["chunk_id"])
        return [(p.payload["chunk_id"], float(p.score)) for p in res.points if p.payload]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
