"""The vector index kept in step with the graph: opened on first use, filled after ingest, checked
and repaired per document; the service (api.service.Dalil) mixes this in.

The graph is the source of truth and the vectors follow it, so every door (CLI, HTTP, an ingest
job) reaches the index through these methods and sees the same drift warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from graph.settings import Settings
from graph.store import GraphStore

if TYPE_CHECKING:
    from search.consistency import Drift
    from search.engine import SearchEngine
    from search.vectors import VectorStore


class IndexUpkeep:
    settings: Settings
    graph: GraphStore
    _vectors: VectorStore | None
    _engine: SearchEngine | None
    _drift: tuple[tuple[int, int], str] | None

    def vectors(self) -> VectorStore:
        if self._vectors is None:
            from search.vectors import VectorStore

            s = self.settings
            self._vectors = VectorStore(s.qdrant_path, s.qdrant_url, s.qdrant_api_key, exact=s.search_exact)
        return self._vectors

    def search_engine(self) -> SearchEngine:
        """Opened on first use: the embedder and Qdrant cost nothing to commands that do not search."""
        if self._engine is None:
            from search.embed import get_embedder
            from search.engine import SearchEngine

            self._engine = SearchEngine(self.graph, self.vectors(), get_embedder(self.settings.embedder))
        return self._engine

    def index(
        self, doc_ids: list[str] | None = None, on_embed: Callable[[int, int], None] | None = None,
        rebuild: bool = False, precomputed: dict[str, Any] | None = None,
    ) -> dict[str, int]:
        """Embed the graph's chunks the vector store lacks (``rebuild``: all of them, e.g. a new embedder)."""
        from search.embed import get_embedder
        from search.index import sync as index_chunks

        if rebuild:
            self._engine = None
        return index_chunks(self.graph, self.vectors(), get_embedder(self.settings.embedder), doc_ids,
                            on_embed, rebuild, precomputed).as_dict()

    def stale_model(self) -> str:
        """The model of the stored vectors when it is not the configured embedder's, else ""."""
        from search.embed import get_embedder

        emb = get_embedder(self.settings.embedder)
        return self.vectors().other_model(emb.model, emb.dim)

    def index_behind(self) -> bool:
        """True when the graph holds documents the vector store has not indexed, or the store holds
        another model's vectors (then ``index`` re-embeds everything)."""
        if self.stale_model():
            return True
        return bool({d["id"] for d in self.graph.run("documents")} - self.vectors().doc_ids())

    def check_index(self, apart: bool = False) -> Drift:
        """Graph and vectors compared per document (search/consistency.py); ``apart``: a local
        vector store this process has not opened is read by a child process (api.index_apart),
        so a server that only answers domain questions never holds its points."""
        from search.consistency import check

        if apart and not self.settings.qdrant_url and (self._vectors is None or not self._vectors.opened):
            from api.index_apart import read_apart

            have = read_apart(self.settings)
            if have is not None:
                if self._vectors is not None:
                    self._vectors.load_saved()  # the mirror the child saved: no need to open Qdrant
                return check(self.graph, None, have)
        return check(self.graph, self.vectors())

    def repair_index(self, on_embed: Callable[[int, int], None] | None = None) -> dict[str, Any]:
        """Check, and bring the drifted documents back in step: {"drift": ..., "repaired": ...}."""
        from search.consistency import repair
        from search.embed import get_embedder

        drift = self.check_index()
        done = repair(self.graph, self.vectors(), get_embedder(self.settings.embedder), drift, on_embed) if drift else None
        return {"drift": drift.as_dict(), "repaired": done.as_dict() if done else None}

    def index_warning(self) -> str:
        """A sentence when search would answer from a drifted index (cached until either store changes)."""
        vs = self.vectors()
        key = (self.graph.generation, vs.version)
        if self._drift is None or self._drift[0] != key:
            drift = self.check_index()
            self._drift = (key, drift.describe() if drift else "")
        return self._drift[1] + ("; run `dalil doctor` to repair it" if self._drift[1] else "")
