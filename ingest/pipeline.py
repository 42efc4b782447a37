"""Document -> chunks -> extraction -> resolved facts -> one transaction on the graph store.

``build_facts`` is pure (a document in, nodes and edges out); ``Ingestor`` owns the store
side: it skips unchanged files, replaces a changed file's own facts in one write, seeds the
places and concepts, and reports each bad file by name without stopping the others.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.curation import Said, review_ops
from graph.model import (
    Actor,
    Chunk,
    Concept,
    Decision,
    Edge,
    Node,
    Place,
    Statement,
    place_id,
    short_hash,
)
from graph.names import normalize_name
from graph.store import GraphStore, GraphStoreError, edge_ops, node_ops
from graph.vocab import concept_broader, concept_related, load_concepts, load_places
from ingest.chunking import chunk_document
from ingest.extract import Extraction, Extractor
from ingest.failures import failure_reason
from ingest.identity import identify, source_key, statement_id
from ingest.limits import call_with_time_limit, check_file
from ingest.loaders import LoadedDocument, LoadError, PageSource, iter_paths, load
from ingest.resolve import Resolver

COUNTRY = place_id("IQ")


@dataclass
class DocumentFacts:
    document: LoadedDocument
    chunks: list[Chunk]
    actors: list[Actor]
    statements: list[Statement]
    edges: list[Edge]
    extraction: Extraction
    # chunk id -> ids of the actors, places and concepts it mentions (vector payloads)
    chunk_mentions: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass
class FileReport:
    path: str
    status: str  # ingested | unchanged | failed
    reason: str = ""
    doc_id: str = ""
    statements: int = 0
    actors: int = 0
    chunks: int = 0
    # structured feeds (3W tables, IATI): efforts written, rows skipped and why (issue 5)
    efforts: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)


def _chunk_for(chunks: list[Chunk], page: int, start: int) -> Chunk | None:
    """The first chunk holding (page, start). Chunks come in (page, char_start) order, so a
    binary search finds it: a scan per mention made ingest quadratic (issue 17)."""
    i = bisect_right(chunks, (page, start), key=lambda c: (c.page, c.char_start))
    found = None
    while i > 0 and chunks[i - 1].page == page and start < chunks[i - 1].char_end:  # overlaps: the first
        found = chunks[i - 1]
        i -= 1
    return found


def build_facts(
    loaded: LoadedDocument,
    resolver: Resolver,
    extractor: Extractor | None = None,
    chunk_chars: int = 900,
    extraction: Extraction | None = None,
    chunks: list[Chunk] | None = None,
) -> DocumentFacts:
    """The pure step: one loaded document to nodes and edges, resolved against the graph.
    ``extraction``: the document's, made already (by a worker process: ingest/parallel.py);
    ``chunks``: its chunks, made already (handed to ``Ingestor.on_chunks`` before extraction)."""
    doc = loaded.document
    chunks = chunks if chunks is not None else chunk_document(loaded, max_chars=chunk_chars)
    ex = extraction or extract_document(loaded, extractor or Extractor())
    ids = resolver.resolve_refs(ex.actors)
    merges: dict[str, set[str]] = {}
    for name, node, reason in resolver.log:
        merges.setdefault(node, set()).add(f"{name}: {reason}")
    for key, ref in ex.actors.items():
        for alias, reason in ref.reasons.items():
            if normalize_name(alias) != normalize_name(ref.name):
                merges.setdefault(ids[key], set()).add(f"{alias}: {reason}")

    actors: dict[str, Actor] = {}
    edges: list[Edge] = []
    for key, ref in ex.actors.items():
        aid = ids[key]
        known = resolver.actors.get(aid)
        aliases = set(ref.aliases) | resolver.aliases_for(aid) | {ref.name}  # a merged ref's name names the node
        if known:
            aliases |= set(known.aliases)
        prev = actors.get(aid)
        if prev:
            aliases |= set(prev.aliases)
        name = known.name if known else (prev.name if prev else ref.name)
        aliases.discard(name)
        actors[aid] = Actor(
            id=aid,
            name=name,
            aliases=sorted(aliases),
            kind=(known.kind if known and known.kind != "other" else ref.kind),
            level=(known.level if known and known.level else ref.level),
            is_class=ref.is_class,
            name_ar=known.name_ar if known else "",
            place=ref.place or (known.place if known else ""),
            source=known.source if known else ("registry" if ref.registry_id else "text"),
            merges=sorted(set(known.merges if known else []) | set(prev.merges if prev else []) | merges.get(aid, set())),
        )
        for t in sorted(ref.themes):
            edges.append(Edge(rel="WORKS_ON", src=aid, dst=t))
        if ref.place:
            edges.append(Edge(rel="AT", src=aid, dst=ref.place))
        if ref.parent:
            parent_id = ids.get(ref.parent) or resolver.final(f"actor:{ref.parent}")
            if parent_id != aid:
                edges.append(Edge(rel="UNIT_OF", src=aid, dst=parent_id))

    statements: list[Statement] = []
    ocr = {p.number: p.info.ocr_confidence for p in loaded.pages if p.info.source == PageSource.OCR}
    seen: set[tuple[object, ...]] = set()
    repeats: dict[str, int] = {}  # the same statement made again elsewhere in the document
    for d in ex.statements:
        subjects = sorted({ids[s] for s in d.subjects})
        objects = sorted({ids[o] for o in d.objects} - set(subjects))
        at = (d.page, d.char_start, d.kind, tuple(subjects), tuple(objects))
        if at in seen:
            continue
        seen.add(at)
        base = statement_id(doc.id, d.kind, subjects, objects, d.quote)
        sid = statement_id(doc.id, d.kind, subjects, objects, d.quote, repeats.get(base, 0))
        repeats[base] = repeats.get(base, 0) + 1
        chunk = _chunk_for(chunks, d.page, d.char_start)
        places = set(d.places)
        if not places:
            # a local body's statement is placed where the body is; a national or international
            # body's is placed where the document is about (its title's place), not all of Iraq
            places = {actors[s].place for s in subjects if s in actors and actors[s].place} - {COUNTRY}
        if not places:
            places = {ex.default_place}
        if d.nationwide:
            places.add(COUNTRY)
        statements.append(
            Statement(
                id=sid,
                kind=d.kind,
                status=d.status,
                summary=d.summary,
                quote=d.quote,
                doc_id=doc.id,
                chunk_id=chunk.id if chunk else "",
                page=d.page,
                char_start=d.char_start,
                char_end=d.char_end,
                level=d.level,
                nationwide=d.nationwide or places == {COUNTRY},
                post=d.post,
                rule=d.rule,
                text_source="ocr" if d.page in ocr else "",
                ocr_confidence=ocr.get(d.page) or 0.0,
            )
        )
        edges += [Edge(rel="SUBJECT", src=s, dst=sid) for s in subjects]
        edges += [Edge(rel="OBJECT", src=sid, dst=o) for o in objects]
        edges += [Edge(rel="ABOUT", src=sid, dst=c) for c in sorted(d.concepts)]
        edges += [Edge(rel="SCOPE", src=sid, dst=p) for p in sorted(places)]

    mentions: dict[str, dict[str, list[str]]] = {c.id: {"actors": [], "places": [], "concepts": []} for c in chunks}
    for page, m in ex.mentions:
        c = _chunk_for(chunks, page, m.start)
        if c:
            mentions[c.id]["actors"].append(ids[m.ref])
    for page, off, pid in ex.place_mentions:
        c = _chunk_for(chunks, page, off)
        if c:
            mentions[c.id]["places"].append(pid)
    for page, off, cid in ex.concept_mentions:
        c = _chunk_for(chunks, page, off)
        if c:
            mentions[c.id]["concepts"].append(cid)
    for v in mentions.values():
        for k in v:
            v[k] = sorted(set(v[k]))
    return DocumentFacts(loaded, chunks, list(actors.values()), statements, edges, ex, mentions)


def extract_document(loaded: LoadedDocument, extractor: Extractor) -> Extraction:
    """The costly, store-free part of a document's facts (resolution needs the store)."""
    return extractor.extract([(p.number, p.text) for p in loaded.pages], loaded.document.title)


def seed_ops() -> list[tuple[str, list[dict[str, object]]]]:
    """Places (with PART_OF) and concepts (with BROADER/RELATED): the fixed backbone."""
    places: list[Place] = load_places()
    concepts: list[Concept] = load_concepts()
    edges = [Edge(rel="PART_OF", src=p.id, dst=p.parent) for p in places if p.parent]
    edges += [Edge(rel="BROADER", src=a, dst=b) for a, b in concept_broader()]
    edges += [Edge(rel="RELATED", src=a, dst=b) for a, b in concept_related()]
    nodes: list[Node] = [*places, *concepts]
    return node_ops(nodes) + edge_ops(edges)


def existing_actors(store: GraphStore) -> list[Actor]:
    return [Actor(**r) for r in store.run("actors")]


def decisions(store: GraphStore) -> list[Decision]:
    return [Decision(**r) for r in store.run("decisions")]


class Ingestor:
    """Writes documents into a graph store, one transaction per document."""

    def __init__(self, store: GraphStore, chunk_chars: int = 900, error_log: Path | None = None) -> None:
        self.store = store
        self.chunk_chars = chunk_chars
        # where the traceback of a file that failed unexpectedly goes (the screen gets one line)
        self.error_log = error_log
        self.extractor = Extractor()
        self._seeded = False
        # a user's 3W column mapping (field or HXL tag -> header); None: HXL tags or inferred
        self.column_map: dict[str, str] | None = None
        # file -> source key where it is not the file's own path (an API upload: upload://NAME)
        self.sources: dict[Path, str] = {}
        # documents loaded and extracted in worker processes even when one would do it here:
        # the API's jobs, so that their parse never takes the server's interpreter from the
        # questions it answers meanwhile (issue 17)
        self.isolate = False
        # told each new document's chunks before its extraction starts: the embedding of its
        # chunks (search/index.py: Prefetcher) then runs on the other core while it is extracted
        self.on_chunks: Callable[[list[Chunk]], None] | None = None

    def source_of(self, path: Path) -> str:
        return self.sources.get(Path(path)) or source_key(path)

    def seed(self) -> None:
        if not self._seeded:
            self.store.write(seed_ops())
            self._seeded = True

    def ingest_paths(
        self,
        paths: Iterable[Path],
        on_file: Callable[[FileReport], None] | None = None,
        on_facts: Callable[[DocumentFacts], None] | None = None,
        workers: int = 1,
    ) -> list[FileReport]:
        """``workers`` > 1: documents are loaded and extracted in that many processes while this
        one resolves and writes them in order (ingest/parallel.py); the result is the same."""
        self.seed()
        files = iter_paths(list(paths))
        documents = sum(1 for p in files if Path(p).suffix.lower() not in STRUCTURED_SUFFIXES)
        if documents and (workers > 1 and documents > 1 or self.isolate):
            from ingest.parallel import ingest_in_parallel

            return ingest_in_parallel(self, files, max(1, min(workers, documents)), on_file, on_facts)
        reports = []
        for path in files:
            rep = self.ingest_file(path, on_facts)
            reports.append(rep)
            if on_file:
                on_file(rep)
        return reports

    def ingest_file(self, path: Path, on_facts: Callable[[DocumentFacts], None] | None = None) -> FileReport:
        """One file; a bug or unforeseen input in any step fails this file alone (its facts are
        written in one transaction at the end, so nothing half-done is left). A store that
        cannot be written fails every file alike, so that error still ends the run."""
        return self.guarded(path, self._ingest_file, path, on_facts)

    def guarded(self, path: Path, fn: Callable[..., FileReport], *args: Any) -> FileReport:
        """``fn(*args)``, whose crash fails the file ``path`` alone (see ingest_file)."""
        try:
            return fn(*args)
        except GraphStoreError:
            raise
        except OSError as e:
            if e.errno in (errno.ENOSPC, errno.EDQUOT):  # a full disk fails every file: the run ends (api.maintenance)
                raise
            return FileReport(str(path), "failed", failure_reason(path, e, self.error_log))
        except Exception as e:  # the point: one file's crash is that file's failure alone
            return FileReport(str(path), "failed", failure_reason(path, e, self.error_log))

    def _ingest_file(self, path: Path, on_facts: Callable[[DocumentFacts], None] | None) -> FileReport:
        if reason := check_file(Path(path)):  # type, size, zip bomb, PDF active content (issue 17)
            return FileReport(str(path), "failed", reason)
        if Path(path).suffix.lower() in STRUCTURED_SUFFIXES:
            return self.ingest_structured(Path(path))
        try:
            loaded = call_with_time_limit(Path(path), load, path)
        except LoadError as e:
            return FileReport(str(path), "failed", e.reason)
        return self.ingest_loaded(loaded, str(path), on_facts, self.source_of(path))

    def ingest_structured(self, path: Path) -> FileReport:
        with gc_paused():
            return _structured_ingest(self, path)

    def ingest_loaded(
        self, loaded: LoadedDocument, label: str, on_facts: Callable[[DocumentFacts], None] | None = None,
        source: str = "", extraction: Extraction | None = None,
    ) -> FileReport:
        """``source``: the document's source key (ingest/identity.py); default its path;
        ``extraction``: made already by a worker process."""
        self.seed()
        doc = loaded.document
        src = source or (source_key(Path(doc.path)) if doc.path else doc.id)
        doc.id, unchanged = identify(self.store, src, doc.content_hash)
        doc.path = src
        if unchanged:
            return FileReport(label, "unchanged", doc_id=doc.id)
        chunks = chunk_document(loaded, max_chars=self.chunk_chars)
        if self.on_chunks:
            self.on_chunks(chunks)
        resolver = Resolver(existing_actors(self.store), decisions(self.store))
        with gc_paused():
            facts = build_facts(loaded, resolver, self.extractor, self.chunk_chars, extraction, chunks)
            self.write_facts(facts)
        if on_facts:
            on_facts(facts)
        return FileReport(
            label, "ingested", doc_id=doc.id, statements=len(facts.statements),
            actors=len(facts.actors), chunks=len(facts.chunks), reason="; ".join(loaded.warnings()),
            problems=loaded.warnings(),
        )

    def write_facts(self, facts: DocumentFacts) -> None:
        doc_id = facts.document.document.id
        ops: list[tuple[str, list[dict[str, object]]]] = [
            ("delete_doc_statements", [{"doc_id": doc_id}]),
            ("delete_doc_chunks", [{"doc_id": doc_id}]),
        ]
        # the Document node last, so an interrupted write never looks complete
        ops += node_ops([*facts.actors, *facts.chunks, *facts.statements])
        ops += edge_ops(facts.edges)
        holders: dict[str, list[str]] = {}
        for e in facts.edges:
            if e.rel == "SUBJECT":
                holders.setdefault(e.dst, []).append(e.src)
        said = [Said(st.id, st.doc_id, st.kind, tuple(sorted(holders.get(st.id, []))), st.quote) for st in facts.statements]
        ops += review_ops(decisions(self.store), said)  # curator verdicts, following edited statements
        ops += node_ops([facts.document.document])
        ops.append(("delete_orphan_text_actors", [{}]))
        self.store.write(ops)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic collector off while one file's facts are built and written: they are
    hundreds of thousands of small objects, mostly without cycles, and the collector's passes
    over them were a third of a 100,000-row table's ingest time (issue 17). It runs again
    after the file, and collects then whatever cycles the file left."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# --- structured feeds: 3W tables (CSV/XLSX) and IATI activity XML (issue 5) -------------------
STRUCTURED_SUFFIXES = (".csv", ".xlsx", ".xml")


def _structured_ingest(ing: Ingestor, path: Path) -> FileReport:
    """A 3W table or IATI file: its efforts replace the file's previous ones in one write."""
    import hashlib

    from ingest.iati import IatiFacts, import_iati
    from ingest.tabular import TableFacts, import_table

    ing.seed()
    try:
        data = path.read_bytes()
    except OSError as e:
        return FileReport(str(path), "failed", f"cannot read file ({e.strerror or e})")
    src = ing.source_of(path)
    content_hash = hashlib.sha256(data).hexdigest()
    doc_id, unchanged = identify(ing.store, src, content_hash)
    if unchanged:
        return FileReport(str(path), "unchanged", doc_id=doc_id)
    resolver = Resolver(existing_actors(ing.store), decisions(ing.store))
    try:
        facts: IatiFacts | TableFacts
        if path.suffix.lower() == ".xml":
            facts = call_with_time_limit(path, import_iati, path, resolver, data=data, doc_id=doc_id)
        else:
            facts = call_with_time_limit(path, import_table, path, resolver, ing.column_map, data=data, doc_id=doc_id)
    except LoadError as e:
        return FileReport(str(path), "failed", e.reason)
    rep = facts.report
    if not facts.efforts:
        return FileReport(str(path), "failed", "no usable rows: " + rep.summary(), doc_id=doc_id,
                          skipped=rep.skipped, problems=[str(p) for p in rep.problems[:200]], mapping=rep.mapping)
    ops: list[tuple[str, list[dict[str, object]]]] = [
        ("delete_doc_efforts", [{"doc_id": doc_id}]),
        ("delete_doc_statements", [{"doc_id": doc_id}]),
        ("delete_doc_chunks", [{"doc_id": doc_id}]),
    ]
    ops += node_ops([*facts.actors, *facts.efforts])
    ops += edge_ops(facts.edges)
    facts.document.path = src
    ops += node_ops([facts.document])
    ops.append(("delete_orphan_text_actors", [{}]))
    ops.append(("delete_orphan_data_actors", [{}]))
    ing.store.write(ops)
    return FileReport(
        str(path), "ingested", rep.summary(), doc_id=doc_id,
        actors=len(facts.actors), efforts=len(facts.efforts), skipped=rep.skipped,
        problems=[str(p) for p in rep.problems[:200]], mapping=rep.mapping,
    )


def remove_document(store: GraphStore, doc_id: str) -> None:
    store.write([
        ("delete_doc_statements", [{"doc_id": doc_id}]),
        ("delete_doc_chunks", [{"doc_id": doc_id}]),
        ("delete_doc_efforts", [{"doc_id": doc_id}]),
        ("delete_document", [{"doc_id": doc_id}]),
        ("delete_orphan_text_actors", [{}]),
        ("delete_orphan_data_actors", [{}]),
    ])


def record_decision(store: GraphStore, op: str, args: dict[str, str], created: str) -> Decision:
    d = Decision(id="decision:" + short_hash(op, json.dumps(args, sort_keys=True), created), op=op,
                 args=json.dumps(args, sort_keys=True), created=created)
    store.write(node_ops([d]))
    return d
