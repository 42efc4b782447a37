"""Wires the stores to the pipelines: the one place that knows ingest, graph and search.

The CLI and the HTTP API both go through here, so a command gives the same answer whichever
door it came in by.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.domain import Snapshot, resolve_name
from graph.settings import Settings, get_settings
from graph.store import GraphStore, open_store
from graph.vocab import load_gazetteer
from ingest.pipeline import DocumentFacts, FileReport, Ingestor
from search import router


@dataclass
class Dalil:
    settings: Settings
    graph: GraphStore

    def ingest(
        self,
        paths: list[Path],
        on_file: Callable[[FileReport], None] | None = None,
        on_facts: Callable[[DocumentFacts], None] | None = None,
    ) -> list[FileReport]:
        return Ingestor(self.graph, self.settings.chunk_chars).ingest_paths(paths, on_file, on_facts)

    def snapshot(self) -> Snapshot:
        return Snapshot(self.graph)

    def ask(self, question: str) -> dict[str, Any]:
        return router.answer(question, self.snapshot())

    def resolve(self, name: str) -> dict[str, Any]:
        return {"query": name, "matches": resolve_name(self.snapshot(), name, load_gazetteer().lookup)}

    def actors(self) -> list[dict[str, Any]]:
        return [
            {"id": a["id"], "name": a["name"], "aliases": a["aliases"], "kind": a["kind"], "level": a["level"]}
            for a in self.graph.run("actors")
        ]

    def stats(self) -> dict[str, Any]:
        return {
            "nodes": {r["label"]: r["n"] for r in self.graph.run("count_label")},
            "relationships": {r["rel"]: r["n"] for r in self.graph.run("count_rels")},
            "documents": self.graph.run("documents"),
        }

    def close(self) -> None:
        self.graph.close()


@contextmanager
def open_dalil(home: Path | None = None, graph_uri: str | None = None) -> Iterator[Dalil]:
    s = get_settings().model_copy()
    if home is not None:
        s.home = home
    if graph_uri is not None:
        s.graph_uri = graph_uri
    s.home.mkdir(parents=True, exist_ok=True)
    store = open_store(
        s.graph_uri, str(s.graph_path), user=s.graph_user, password=s.graph_password, database=s.graph_database
    ) if s.graph_uri else open_store("", str(s.graph_path))
    d = Dalil(s, store)
    try:
        yield d
    finally:
        d.close()
