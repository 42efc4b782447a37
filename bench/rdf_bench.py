"""RDF and SPARQL: export / import times and rdflib vs pyoxigraph, at demo and synthetic sizes.

    .venv/bin/python -m bench.rdf_bench [--bodies 10000 --statements 100000]

The synthetic graph is built from graph/model.py objects and written with GraphStore.write
(no ingest): bodies, places, concepts, one document, chunks, statements with subject, object,
theme and place edges. Results go to the "RDF and SPARQL" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._report import write_section
from graph import rdf, sparql
from graph.ladybug_store import LadybugStore
from graph.model import Actor, Chunk, Document, Edge, Node, Statement
from graph.store import GraphStore
from graph.vocab import load_concepts, load_places

QUERIES = {
    "top bodies by established statements": (
        "SELECT ?name (COUNT(?s) AS ?n) WHERE { ?a dalil:subjectOf ?s ; dalil:name ?name . "
        "?s dalil:status dalil:established } GROUP BY ?name ORDER BY DESC(?n) LIMIT 10"),
    "statements inside Nineveh (partOf*)": (
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?p dalil:partOf* place:IQG15 . ?s dalil:scope ?p }"),
    "one body's partners (2 hops)": (
        "SELECT DISTINCT ?b WHERE { ?a dalil:name ?x . FILTER(?x = \"Body 7\") "
        "?a dalil:subjectOf ?s . ?s dalil:object ?b }"),
}


def synthetic(store: GraphStore, bodies: int, statements: int, seed: int = 8) -> None:
    rnd = random.Random(seed)
    places = load_places()
    concepts = load_concepts()
    nodes: list[Node] = [*places, *concepts, Document(id="doc:synthetic", title="Synthetic corpus", pages=1000)]
    edges: list[Edge] = [Edge(rel="PART_OF", src=p.id, dst=p.parent) for p in places if p.parent]
    kinds = ["ministry", "ngo", "un_agency", "committee", "local_government", "donor"]
    nodes += [Actor(id=f"actor:body-{i}", name=f"Body {i}", aliases=[f"B{i}"], kind=kinds[i % len(kinds)],
                    level="national", source="registry") for i in range(bodies)]
    n_chunks = max(1, statements // 10)
    nodes += [Chunk(id=f"doc:synthetic#c{i}", doc_id="doc:synthetic", page=1 + i // 20, char_start=i * 900,
                    char_end=i * 900 + 900, text=f"chunk {i} " + "text " * 150, seq=i) for i in range(n_chunks)]
    statuses = ["established", "option", "recommended"]
    st_kinds = ["mandate", "partnership", "support", "funding", "presence"]
    for i in range(statements):
        c = rnd.randrange(n_chunks)
        kind = st_kinds[i % len(st_kinds)]
        sid = f"st:syn{i}"
        nodes.append(Statement(id=sid, kind=kind, status=statuses[i % 3], quote=f"Body {i % bodies} shall do thing {i}.",
                               doc_id="doc:synthetic", chunk_id=f"doc:synthetic#c{c}", page=1 + c // 20,
                               char_start=c * 900 + 10, char_end=c * 900 + 60))
        edges.append(Edge(rel="SUBJECT", src=f"actor:body-{rnd.randrange(bodies)}", dst=sid))
        if kind in ("partnership", "support", "funding"):
            edges.append(Edge(rel="OBJECT", src=sid, dst=f"actor:body-{rnd.randrange(bodies)}"))
        edges.append(Edge(rel="ABOUT", src=sid, dst=concepts[rnd.randrange(len(concepts))].id))
        edges.append(Edge(rel="SCOPE", src=sid, dst=places[rnd.randrange(len(places))].id))
    rdf.write_graph(store, nodes, edges)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def measure(store: GraphStore, work: Path, label: str) -> list[str]:
    rows: list[str] = []
    stem = label.split()[0]
    dump_s, dump = timed(lambda: rdf.dump_store(store))
    graph_s, g = timed(lambda: rdf.to_graph(dump))
    rows.append(f"| {label} | read graph + build RDF | {dump_s + graph_s:.2f} s | {len(g):,} triples |")
    for fmt, suffix in (("ntriples", ".nt"), ("turtle", ".ttl"), ("jsonld", ".jsonld")):
        out = work / f"{stem}{suffix}"
        s, _ = timed(lambda fmt=fmt, out=out: out.write_text(rdf.serialize(g, fmt), encoding="utf-8"))
        rows.append(f"| {label} | serialize {fmt} | {s:.2f} s | {out.stat().st_size / 1e6:.1f} MB |")
    target = LadybugStore(work / f"{stem}-import.lbug")
    try:
        s, _ = timed(lambda: rdf.import_file(target, work / f"{stem}.nt"))
        rows.append(f"| {label} | import N-Triples into an empty store | {s:.2f} s | "
                    f"{sum(rdf.dump_store(target).counts().values()):,} nodes + edges |")
    finally:
        target.close()
    return rows


def sparql_rows(store: GraphStore, label: str) -> list[str]:
    rows = []
    for eng in sparql.ENGINES:
        load_s, engine = timed(lambda eng=eng: sparql.engine_for(store, eng))
        rows.append(f"| {label} | {eng} | load dataset | {load_s:.2f} s |")
        for name, q in QUERIES.items():
            times = []
            for _ in range(3):
                s, _ = timed(lambda q=q, engine=engine: engine.query(q))
                times.append(s)
            rows.append(f"| {label} | {eng} | {name} | {statistics.median(times) * 1000:.1f} ms |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bodies", type=int, default=10_000)
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    from api.service import open_dalil

    repo = Path(__file__).resolve().parent.parent
    ex: list[str] = []
    sq: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with open_dalil(work / "demo-home") as d:
            d.ingest([repo / "data" / "demo"])
            ex += measure(d.graph, work, "demo")
            sq += sparql_rows(d.graph, "demo")
        store = LadybugStore(work / "synthetic.lbug")
        try:
            write_s, _ = timed(lambda: synthetic(store, args.bodies, args.statements))
            label = f"synthetic {args.bodies // 1000}k bodies / {args.statements // 1000}k statements"
            ex.append(f"| {label} | write with GraphStore.write | {write_s:.1f} s | |")
            ex += measure(store, work, label)
            sq += sparql_rows(store, label)
        finally:
            store.close()
    body = (
        "Export: the whole graph read from the embedded store, turned into RDF (Dalil ontology + ORG, PROV-O, "
        "Web Annotation, SKOS, DCTERMS, CPOV alignments) and serialized; import parses N-Triples and writes "
        "into an empty store.\n\n| graph | step | time | size |\n| --- | --- | --- | --- |\n" + "\n".join(ex)
        + "\n\nSPARQL (`dalil sparql`): the dataset is the export plus the ontology and SKOS vocabularies; "
        "query times are the median of 3 runs on a loaded engine.\n\n"
        "| graph | engine | query | time |\n| --- | --- | --- | --- |\n" + "\n".join(sq)
    )
    print(body)
    if not args.no_write:
        write_section("RDF and SPARQL", "python -m bench.rdf_bench", body)


if __name__ == "__main__":
    main()
