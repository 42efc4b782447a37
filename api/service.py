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

from graph import domain
from graph.domain import Snapshot, resolve_name
from graph.settings import Settings, get_settings
from graph.store import GraphStore, open_store
from graph.vocab import load_gazetteer
from ingest.pipeline import DocumentFacts, FileReport, Ingestor
from search import router


class UnknownName(ValueError):
    """A place, theme or body named by the user that is not in the graph; carries close matches."""

    def __init__(self, what: str, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} {name!r}{hint}")
        self.what, self.name, self.suggestions = what, name, suggestions


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

    # --- slots: user-typed names to node ids (UnknownName lists close matches) ---

    def place_id(self, name: str) -> str:
        gaz = load_gazetteer()
        hits = gaz.get(name) and [gaz.get(name)] or gaz.lookup(name)
        if not hits or hits[0] is None:
            raise UnknownName("place", name, gaz.suggest(name))
        return hits[0].id

    def theme_id(self, name: str, snap: Snapshot | None = None) -> str:
        snap = snap or self.snapshot()
        if name in snap.concepts:
            return name
        m = [x for x in resolve_name(snap, name) if x["type"] == "concept"]
        if not m:
            import difflib

            labels = [c["label_en"] for c in snap.concepts.values()]
            raise UnknownName("theme", name, difflib.get_close_matches(name, labels, n=5, cutoff=0.5))
        return str(m[0]["id"])

    def actor_id(self, name: str, snap: Snapshot | None = None) -> str:
        snap = snap or self.snapshot()
        if name in snap.actors:
            return name
        m = [x for x in resolve_name(snap, name) if x["type"] in ("actor", "person")]
        if not m:
            import difflib

            names = [a["name"] for a in snap.actors.values()]
            raise UnknownName("body", name, difflib.get_close_matches(name, names, n=5, cutoff=0.5))
        return str(m[0]["id"])

    # --- the questions users come for (same shapes from the CLI and the HTTP API) ---

    def who(self, theme: str = "", place: str = "") -> dict[str, Any]:
        snap = self.snapshot()
        pid = self.place_id(place) if place else None
        tid = self.theme_id(theme, snap) if theme else None
        rows = domain.who_covers(snap, tid, pid)
        return {"question": f"who covers {theme or 'anything'} in {place or 'Iraq'}", "intent": "who_covers",
                "slots": {"theme": tid, "place": pid}, "answer": f"{len(rows)} bodies.", "actors": rows}

    def mandate(self, body: str = "", place: str = "") -> dict[str, Any]:
        snap = self.snapshot()
        pid = self.place_id(place) if place else None
        aid = self.actor_id(body, snap) if body else None
        return domain.mandate_brief(snap, aid, pid)

    def overlaps(self, actors: list[str] | None = None, place: str = "", theme: str = "") -> dict[str, Any]:
        snap = self.snapshot()
        ids = [self.actor_id(a, snap) for a in actors or []]
        pid = self.place_id(place) if place else None
        tid = self.theme_id(theme, snap) if theme else None
        a, b = (ids + [None, None])[:2]
        return {"pairs": domain.overlaps(snap, a, b, pid, tid)}

    def gaps(self, place: str = "") -> dict[str, Any]:
        snap = self.snapshot()
        pid = self.place_id(place) if place else None
        return {"place": pid, "gaps": domain.gaps(snap, pid)}

    # --- search (issue 4 fills these in: search/) ---

    def search(
        self, text: str, place: str = "", theme: str = "", actor: str = "", document: str = "",
        language: str = "", limit: int = 10,
    ) -> dict[str, Any]:
        raise NotImplementedError("search is being built")

    # --- curation (decisions survive re-ingest) ---

    def merge(self, a: str, b: str) -> dict[str, Any]:
        raise NotImplementedError

    def split(self, actor: str, name: str) -> dict[str, Any]:
        raise NotImplementedError

    def alias(self, actor: str, name: str) -> dict[str, Any]:
        raise NotImplementedError

    def review_statement(self, statement: str, accept: bool) -> dict[str, Any]:
        raise NotImplementedError

    # --- the network around a body ---

    def actor(self, actor: str) -> dict[str, Any]:
        """One body with its statements (as `why` rows), places, themes and neighbours."""
        raise NotImplementedError

    def neighbourhood(self, actor: str, depth: int = 1) -> dict[str, Any]:
        """{"nodes": [{id, name, kind, level}], "edges": [{src, dst, kind, statement}]}"""
        raise NotImplementedError

    def path(self, a: str, b: str) -> dict[str, Any]:
        raise NotImplementedError

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
