"""Wires the stores to the pipelines: the one place that knows ingest, graph and search.

The CLI and the HTTP API both go through here, so a command gives the same answer whichever
door it came in by.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.bodies import BodyNetwork
from api.index_upkeep import IndexUpkeep
from api.questions import DomainQuestions
from graph import curation
from graph.domain import Snapshot, resolve_name, scoped
from graph.settings import Settings, settings_for
from graph.store import GraphStore, GraphStoreError
from graph.vocab import load_gazetteer
from search import router

if TYPE_CHECKING:
    from graph.sparql import Engine
    from ingest.pipeline import DocumentFacts, FileReport
    from search.engine import SearchEngine
    from search.vectors import VectorStore


class UnknownName(ValueError):
    """A place, theme or body named by the user that is not in the graph; carries close matches."""

    def __init__(self, what: str, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} {name!r}{hint}")
        self.what, self.name, self.suggestions = what, name, suggestions


EMPTY_HINT = ("the store holds no documents yet: ingest some with `dalil ingest FILES` "
              "(e.g. `dalil ingest data/demo`) or upload them on the Documents page (/documents.html)")


class EmptyStore(UnknownName):
    """A name looked up in a store that holds no documents: the fix is to ingest, not to respell."""

    def __init__(self, what: str, name: str) -> None:
        ValueError.__init__(self, f"unknown {what} {name!r}: {EMPTY_HINT}")
        self.what, self.name, self.suggestions = what, name, []


def close_matches(name: str, known: list[str] | dict[str, str], cutoff: float = 0.5) -> list[str]:
    """Up to five known names close to ``name``, each once (several nodes share a label).
    ``known`` may map each candidate (an alias, an acronym) to the name to show for it."""
    import difflib

    shown = known if isinstance(known, dict) else {k: k for k in known}
    hits = difflib.get_close_matches(name, list(shown), n=10, cutoff=cutoff)
    return list(dict.fromkeys(shown[h] for h in hits))[:5]


_PUBLISH = threading.Lock()


@dataclass
class Dalil(DomainQuestions, IndexUpkeep, BodyNetwork):
    settings: Settings
    graph: GraphStore
    _vectors: VectorStore | None = field(default=None, init=False, repr=False)
    _engine: SearchEngine | None = field(default=None, init=False, repr=False)
    # (store id, write generation, built at) -> the Snapshot built then; see snapshot()
    _snap: tuple[tuple[int, int], float, Snapshot] | None = field(default=None, init=False, repr=False)
    # (what, typed name) -> node id, valid for the cached Snapshot only (cleared with it)
    _names: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    _names_of: object = field(default=None, init=False, repr=False)
    # the bounded part of the graph the questions read (graph.domain.scoped); their facts are
    # fetched per question
    _dirs: scoped.DirectoryCache | None = field(default=None, init=False, repr=False)
    # (graph generation, vector version) -> the index warning then (see index_warning)
    _drift: tuple[tuple[int, int], str] | None = field(default=None, init=False, repr=False)
    last_repair: dict[str, Any] | None = field(default=None, init=False, repr=False)
    # an API ingest job is writing: questions read the last published Snapshot, which the job
    # replaces after each file it writes (publish); no reader rebuilds one meanwhile (issue 17)
    frozen: bool = field(default=False, init=False, repr=False)

    def ingest(
        self,
        paths: list[Path],
        on_file: Callable[[FileReport], None] | None = None,
        on_facts: Callable[[DocumentFacts], None] | None = None,
        on_embed: Callable[[int, int], None] | None = None,
        column_map: dict[str, str] | None = None,
        sources: dict[Path, str] | None = None,
        workers: int | None = None,
        isolate: bool = False,
    ) -> list[FileReport]:
        """Graph first (the source of truth), then the vectors of the chunks it now holds.

        ``on_embed(done, total)`` reports embedding progress (the CLI draws it);
        ``column_map`` maps 3W fields to a table's headers ({"org": "Partner"}) when it has no HXL;
        ``sources`` gives files a source key other than their path (uploads: ingest/identity.py);
        ``workers``: processes loading and extracting documents (None: DALIL_INGEST_WORKERS, or
        one per core for a batch large enough to repay starting them); ``isolate``: documents
        are read in worker processes even when there is one (the API's jobs).
        """
        from api.maintenance import ensure_space, input_size, write_errors

        ensure_space(self.settings, input_size(paths))  # before the stores are touched
        with write_errors(self.settings):
            return self._ingest(paths, on_file, on_facts, on_embed, column_map, sources, workers, isolate)

    def _ingest(
        self, paths: list[Path], on_file: Callable[[FileReport], None] | None,
        on_facts: Callable[[DocumentFacts], None] | None, on_embed: Callable[[int, int], None] | None,
        column_map: dict[str, str] | None, sources: dict[Path, str] | None, workers: int | None = None,
        isolate: bool = False,
    ) -> list[FileReport]:
        from ingest.parallel import default_workers
        from ingest.pipeline import Ingestor  # the extractor's imports cost a question nothing

        n = workers or default_workers(paths)

        ingestor = Ingestor(self.graph, self.settings.chunk_chars, self.settings.ingest_log_path)
        ingestor.column_map = column_map or None
        ingestor.sources = dict(sources or {})
        ingestor.isolate = isolate
        if not self.settings.index_on_ingest:
            return ingestor.ingest_paths(paths, on_file, on_facts, n)
        from search.embed import get_embedder
        from search.index import Prefetcher

        # whatever an earlier run left half-done (kill -9, full disk) is repaired first, so an
        # "unchanged" file is also a searchable one
        self.last_repair = self.repair_index(on_embed)
        # each document's chunks are embedded in the background while the next one is extracted
        pre = Prefetcher(self.vectors(), get_embedder(self.settings.embedder), on_embed)

        def facts(f: DocumentFacts) -> None:
            pre.on_facts(f)
            if on_facts:
                on_facts(f)

        ingestor.on_chunks = pre.on_chunks
        reports = ingestor.ingest_paths(paths, on_file, facts, n)
        self.index([r.doc_id for r in reports if r.status == "ingested"], on_embed, precomputed=pre.result())
        return reports

    def snapshot(self) -> Snapshot:
        """The graph as Python objects, rebuilt only after a write (a build runs some twenty
        store queries, which capped the API's answers per second). Every write goes through
        GraphStore.write, which bumps the store's generation; a server store (Neo4j) that other
        processes may write is also rebuilt after DALIL_GRAPH_CACHE_SECONDS. Callers must not
        mutate it: it is shared by every request until the next write."""
        import time

        key, now = (id(self.graph), self.graph.generation), time.monotonic()
        got = self._snap
        if got is not None and self.frozen:
            return got[2]
        if got is not None and got[0] == key and (
                self.graph.exclusive or now - got[1] < self.settings.graph_cache_seconds):
            return got[2]
        with self.graph.reading():  # one committed state, even if a job writes meanwhile
            snap = Snapshot(self.graph)
        self._snap, self._names = (key, now, snap), {}
        return snap

    def publish(self) -> None:
        """The Snapshot of the graph as it now stands, built and swapped in by the caller (an
        ingest job, after each file it wrote, outside the service lock): questions answer from
        the previous one meanwhile instead of each rebuilding it after the write (issue 17)."""
        import time

        key = (id(self.graph), self.graph.generation)  # read first: a later write rebuilds it again
        with self.graph.reading():
            snap = Snapshot(self.graph)
        with _PUBLISH:  # two publishers (a job, a curator): the state read last stays
            got = self._snap
            if got is None or got[0][0] != key[0] or got[0][1] <= key[1]:
                self._snap = (key, time.monotonic(), snap)

    def _memo(self, snap: Snapshot) -> dict[tuple[str, str], str]:
        """Resolved names for the snapshot's directory (resolve_name normalises every name in the
        graph on each call), cleared when the directory is re-read. Bounded: typed names are many."""
        if snap.directory is not self._names_of or len(self._names) > 5000:
            self._names, self._names_of = {}, snap.directory
        return self._names

    def is_empty(self) -> bool:
        """No document ingested yet: answers and lookups then say how to fill the store."""
        return not self.graph.run("documents")

    def ask(self, question: str, evidence: bool = True) -> dict[str, Any]:
        """Graph answers carry ``evidence`` (top passages) unless ``evidence`` is False, which
        spares a structured question the embedding model (seconds to load in a new process);
        unrecognised questions always get search results."""
        ans = router.answer(question, self.names(), self._narrow)
        found: dict[str, Any] = {"hits": [], "actors": []}
        searched = ans["intent"] == "search" or evidence or not ans["actors"]
        if searched:
            try:
                found = self.search(question, limit=5)
            except GraphStoreError as e:  # vectors or model unusable: the graph answer still stands
                found = {"hits": [], "actors": [], "error": str(e)}
        from search import statements

        # "who will rebuild X" routed as "who works in X": a specific act the statements answer
        # "who drafted the plan for X" routed as "who covers plans in X": the same
        broad = (ans["intent"] == "works_in" or ans["intent"] == "who_covers" and statements.acts_on_a_text(question)) \
            and statements.names_an_act(question, self.snapshot())
        # (a post nobody is named to holds nothing: "who is the governor of X" is answered by a
        # person with that post, never by bodies whose sentences share the question's words)
        if ans["intent"] == "search" or broad or not ans["actors"] and not ans.get("none_of_kind") \
                and ans["intent"] not in ("gaps", "drivers", "overlaps", "post_holder", "places"):
            # no domain query fits (or it found nothing), or a broad one ("who works in X") for a
            # question that names a specific act ("who will rebuild X"): the statements that best
            # match the question answer it, each row citing its sentence (search/statements.py)
            rows = statements.answer(question, self.snapshot(), found["hits"], ans["slots"]["actors"],
                                     floor=statements.SPECIFIC if broad and ans["actors"] else statements.FLOOR,
                                     kinds={"funding"} if ans["intent"] == "funding" else None,
                                     actor_kind=ans["slots"].get("kind"), place=ans["slots"].get("place"))
            if rows:
                from search.language import names_list, with_names

                lang = ans.get("language", "en")
                rows = with_names(rows, self.snapshot().actors, lang)
                ans["intent"] = "statements" if ans["intent"] == "search" else ans["intent"]
                ans["actors"] = rows
                ans["answer"] = (f"{len(rows)} جهات تحمل العبارات الأقرب إلى السؤال: {names_list(rows, lang)}."
                                 if lang == "ar" else
                                 f"{len(rows)} bodies hold the statements that best match the question: "
                                 f"{names_list(rows, lang)}.")
        if ans["intent"] == "search":
            from search.language import search_fallback

            ans["answer"] = search_fallback(len(found["hits"]), ans.get("language", "en"))
            ans["hits"] = found["hits"]
            ans["actors"] = found["actors"]
        elif evidence:
            ans["evidence"] = found["hits"]
        if "error" in found:
            ans["search_error"] = found["error"]
        elif searched and (warning := self.index_warning()):
            ans["search_warning"] = warning
        return self._hint_if_empty(ans)

    def _hint_if_empty(self, ans: dict[str, Any]) -> dict[str, Any]:
        if not ans.get("actors") and self.is_empty():
            ans["empty_store"] = True
            ans["answer"] = f"{ans.get('answer', '')} Nothing to answer from: {EMPTY_HINT}.".strip()
        return ans

    # --- slots: user-typed names to node ids (UnknownName lists close matches) ---

    def place_id(self, name: str) -> str:
        gaz = load_gazetteer()
        place = gaz.get(name) or next(iter(gaz.lookup(name)), None)
        if place is None:
            raise UnknownName("place", name, list(dict.fromkeys(gaz.suggest(name))))
        return place.id

    def theme_id(self, name: str, snap: Snapshot | None = None) -> str:
        snap = snap or self.snapshot()
        if name in snap.concepts:
            return name
        return self._resolve_slot(snap, "theme", name, {"concept"}, [c["label_en"] for c in snap.concepts.values()])

    def actor_id(self, name: str, snap: Snapshot | None = None) -> str:
        snap = snap or self.snapshot()
        if name in snap.actors:
            return name
        known = {n: body for _, body, aliases in snap.actors.scan("name", "aliases") for n in (*aliases, body) if n}
        return self._resolve_slot(snap, "body", name, {"actor", "person"}, known)

    def _resolve_slot(self, snap: Snapshot, what: str, name: str, types: set[str],
                      known: list[str] | dict[str, str]) -> str:
        """A user-typed name to a node id (memoised per snapshot); UnknownName lists close matches."""
        memo = self._memo(snap)
        if memo is not None and (what, name) in memo:
            return memo[(what, name)]
        m = [x for x in resolve_name(snap, name) if x["type"] in types]
        if not m:
            if not known and self.is_empty():
                raise EmptyStore(what, name)
            raise UnknownName(what, name, close_matches(name, known))
        if memo is not None:
            memo[(what, name)] = str(m[0]["id"])
        return str(m[0]["id"])

    # --- the questions users come for: api.questions (same shapes from the CLI and the HTTP API) ---

    # --- search (issue 4 fills these in: search/) ---

    def search(
        self, text: str, place: str = "", theme: str = "", actor: str = "", document: str = "",
        language: str = "", limit: int = 10, mode: str = "hybrid",
    ) -> dict[str, Any]:
        """Hybrid passage search with filters by name; UnknownName for names not in the graph."""
        from search.engine import MODES, Filters

        if mode not in MODES:
            raise UnknownName("search mode", mode, list(MODES))
        if language and language not in ("en", "ar", "mixed"):
            raise UnknownName("language", language, ["en", "ar", "mixed"])
        snap = self.snapshot() if theme or actor else None
        f = Filters(
            place=self.place_id(place) if place else "",
            theme=self.theme_id(theme, snap) if theme else "",
            actor=self.actor_id(actor, snap) if actor else "",
            document=self.document_id(document) if document else "",
            language=language,
        )
        return self.search_engine().search(text, f, limit, mode)

    def document_id(self, name: str) -> str:
        """A document by id, title, file name or file stem (case-insensitive)."""
        docs = self.graph.run("documents")
        low = name.strip().casefold()
        for d in docs:
            path = Path(d["path"] or "")
            if low in {d["id"].casefold(), (d["title"] or "").casefold(), path.name.casefold(), path.stem.casefold()}:
                return str(d["id"])
        if not docs:
            raise EmptyStore("document", name)
        names = [Path(d["path"]).name if d["path"] else d["title"] for d in docs]
        raise UnknownName("document", name, close_matches(name, names, cutoff=0.4))

    # --- the vector index: api.index_upkeep (vectors, search_engine, index, repair_index, ...) ---

    # --- curation (decisions survive re-ingest) ---

    def merge(self, a: str, b: str) -> dict[str, Any]:
        """Keep body ``a``; ``b`` becomes its alias (a curator decision, replayed on re-ingest)."""
        snap = self.snapshot()
        return curation.merge(self.graph, self.actor_id(a, snap), self.actor_id(b, snap))

    def split(self, actor: str, name: str) -> dict[str, Any]:
        return curation.split(self.graph, self.actor_id(actor), name)

    def alias(self, actor: str, name: str) -> dict[str, Any]:
        return curation.alias(self.graph, self.actor_id(actor), name)

    def review_statement(self, statement: str, accept: bool) -> dict[str, Any]:
        return curation.review(self.graph, statement, accept)

    def decisions(self, orphaned: bool = False) -> list[dict[str, Any]]:
        return curation.list_decisions(self.graph, orphaned)

    # --- one body and the network around it: api.bodies (actor, neighbourhood, path) ---

    # --- documents and their text ---

    def passage(self, statement: str, context: int = 600) -> dict[str, Any]:
        """A statement's quote in the text around it (its page), for a reader checking a citation."""
        row = next((r for q in ("statements", "claims") for r in self.graph.run(q) if r["id"] == statement), None)
        if row is None:
            raise UnknownName("statement", statement, [])
        chunks = [c for c in self.graph.run("chunks_of_doc", doc_id=row["doc_id"]) if c["page"] == row["page"]]
        end = max((c["char_end"] for c in chunks), default=0)
        buf = [" "] * end
        for c in chunks:
            buf[c["char_start"] : c["char_start"] + len(c["text"])] = list(c["text"])
        text = "".join(buf)
        s, e = row["char_start"], row["char_end"]
        if text[s:e].strip() != (row["quote"] or "").strip():
            i = text.find(row["quote"] or "\x00")
            s, e = (i, i + len(row["quote"])) if i >= 0 else (0, 0)
        lo, hi = max(0, s - context), min(len(text), e + context)
        docs = {d["id"]: d for d in self.graph.run("documents")}
        d = docs.get(row["doc_id"], {})
        return {
            "statement": statement, "kind": row["kind"], "status": row["status"], "doc_id": row["doc_id"],
            "document": Path(d["path"]).name if d.get("path") else d.get("title", row["doc_id"]),
            "title": d.get("title", ""), "page": row["page"], "quote": row["quote"],
            "before": text[lo:s].lstrip(), "match": text[s:e], "after": text[e:hi].rstrip(),
        }

    def delete_document(self, doc_id: str) -> dict[str, Any]:
        """Remove a document and exactly its own facts, chunks and vectors (admin).

        The graph first (the source of truth): a crash before the vectors follow leaves points
        of a deleted document, which the next consistency check removes."""
        from ingest.pipeline import remove_document

        if not self.graph.run("document_by_id", doc_id=doc_id):
            ids = [d["id"] for d in self.graph.run("documents")]
            raise UnknownName("document", doc_id, close_matches(doc_id, ids, cutoff=0.4))
        remove_document(self.graph, doc_id)
        self.vectors().delete_docs([doc_id])
        return {"deleted": doc_id}

    def resolve(self, name: str) -> dict[str, Any]:
        return {"query": name, "matches": resolve_name(self.names(), name, load_gazetteer().lookup)}

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

    # --- open standards (issue 8): RDF / GraphML / CSV, RDF import, SPARQL, network measures ---

    def export(
        self, fmt: str, out: Path, place: str = "", theme: str = "", actor: str = "",
        on_step: Callable[[str], None] | None = None,
    ) -> dict[str, Any]:
        from graph import rdf

        snap = self.snapshot() if theme or actor else None
        pid = self.place_id(place) if place else None
        tid = self.theme_id(theme, snap) if theme else None
        aid = self.actor_id(actor, snap) if actor else None
        return rdf.export(self.graph, fmt, out, pid, tid, aid, on_step)

    def import_rdf(self, path: Path, fmt: str | None = None) -> dict[str, Any]:
        from graph import rdf

        rep = rdf.import_file(self.graph, path, fmt)
        return {"file": rep.path, "triples": rep.triples, "counts": rep.counts, "seconds": round(rep.seconds, 3)}

    def sparql(self, query: str, engine: str = "oxigraph") -> dict[str, Any]:
        from graph import sparql

        return sparql.run(self.graph, query, engine).as_json()

    def sparql_engine(self, engine: str = "oxigraph") -> Engine:
        """The loaded SPARQL dataset (cached per write generation); the API runs queries on it
        outside the store lock, so a slow query does not hold up other requests."""
        from graph import sparql

        return sparql.cached_engine(self.graph, engine)

    def network(self, include_persons: bool = True) -> dict[str, Any]:
        from graph import network

        return network.network(self.snapshot(), include_persons).model_dump()

    def close(self) -> None:
        if self._vectors is not None:
            self._vectors.close()
        self.graph.close()


@contextmanager
def open_dalil(home: Path | None = None, graph_uri: str | None = None) -> Iterator[Dalil]:
    s = settings_for(home, graph_uri)
    from api.server_lock import check_free, prepare_home, restrict

    prepare_home(s.home)
    if not s.graph_uri:  # the embedded store is single-process: a running server owns it
        check_free(s.home)
    from api.maintenance import open_graph

    # a log cut short by a failed write is set aside (kept) and the graph opens as last checkpointed
    store = open_graph(s, logging.getLogger("dalil").warning)
    d = Dalil(s, store)
    try:
        yield d
    finally:
        d.close()
        restrict(s.home)  # files the engines created while open
