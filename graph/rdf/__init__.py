"""The graph as RDF (Turtle, JSON-LD, N-Triples) in the Dalil ontology, and back; and the one
export entry point for every file format (RDF, GraphML, CSV) that the CLI and the service call.

One module per step: graph.rdf.terms (IRIs and the field mapping read from the ontology),
graph.rdf.dump (the graph as rows, and the part about a place, theme or body), graph.rdf.to_rdf
(rows to triples and text) and graph.rdf.from_rdf (text back to nodes and edges). This module
runs them against a store and names what other packages use, so they import ``graph.rdf`` and
not its layout.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, Namespace

from graph.model import NODE_TYPES, REL_TYPES, Edge, Node
from graph.rdf.dump import GraphDump, dump_store, select
from graph.rdf.from_rdf import from_graph, parse, parse_text, remote_context
from graph.rdf.terms import (
    BASE,
    CONTEXT_FILE,
    CONTEXT_URL,
    CPOV,
    FORMATS,
    OA,
    ORG,
    PREFIXES,
    PROV,
    SPECIAL,
    RdfError,
    class_labels,
    field_maps,
    iri,
    node_id,
    rel_preds,
)
from graph.rdf.to_rdf import bind_prefixes, iter_edge_triples, iter_triples, serialize, to_graph
from graph.settings import ONTOLOGIES
from graph.store import GraphStore, edge_ops, node_ops
from graph.vocab import DALIL

__all__ = [
    "BASE",
    "CONTEXT_FILE",
    "CONTEXT_URL",
    "CPOV",
    "DALIL",
    "EXPORT_FORMATS",
    "FORMATS",
    "OA",
    "ORG",
    "PREFIXES",
    "PROV",
    "SHAPES_FILE",
    "SPECIAL",
    "ExchangeReport",
    "GraphDump",
    "RdfError",
    "Validation",
    "bind_prefixes",
    "class_labels",
    "dump_store",
    "export",
    "export_steps",
    "export_store",
    "field_maps",
    "from_graph",
    "import_file",
    "iri",
    "iter_edge_triples",
    "iter_triples",
    "node_id",
    "parse",
    "parse_text",
    "rel_preds",
    "remote_context",
    "select",
    "serialize",
    "to_graph",
    "validate",
    "write_graph",
]

SHAPES_FILE = ONTOLOGIES / "shapes.ttl"


# --- store-level entry points ------------------------------------------------------------------


@dataclass
class ExchangeReport:
    path: str
    format: str
    triples: int
    counts: dict[str, int]
    seconds: float = 0.0


def export_store(store: GraphStore, out: Path, fmt: str, place: str | None = None, theme: str | None = None,
                 actor: str | None = None, on_step: Callable[[str], None] | None = None) -> ExchangeReport:
    import time

    t0 = time.perf_counter()
    f = FORMATS.get(fmt)
    if f is None:
        raise RdfError(f"unknown RDF format {fmt!r}; use one of turtle, jsonld, ntriples")
    dump = select(dump_store(store, on_step), place, theme, actor)
    if on_step:
        on_step("triples")
    g = to_graph(dump)
    if on_step:
        on_step("serialize")
    text = serialize(g, f)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return ExchangeReport(str(out), f, len(g), dump.counts(), time.perf_counter() - t0)


def write_graph(store: GraphStore, nodes: list[Node], edges: list[Edge]) -> None:
    """Nodes, then edges, in one transaction."""
    store.write([*node_ops(nodes), *edge_ops(edges)])


def import_file(store: GraphStore, path: Path, fmt: str | None = None) -> ExchangeReport:
    import time

    t0 = time.perf_counter()
    g = parse(path, fmt)
    nodes, edges = from_graph(g)
    write_graph(store, nodes, edges)
    counts: dict[str, int] = defaultdict(int)
    for n in nodes:
        counts[n.label] += 1
    for e in edges:
        counts[e.rel] += 1
    return ExchangeReport(str(path), fmt or path.suffix, len(g), dict(counts), time.perf_counter() - t0)


# --- SHACL ----------------------------------------------------------------------------------------


@dataclass
class Validation:
    conforms: bool
    text: str
    focus_nodes: list[str]


def validate(g: Graph) -> Validation:
    """Check data against ontologies/shapes.ttl (pyshacl; RDFS inference over the ontology)."""
    import pyshacl

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, report, text = pyshacl.validate(g, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = Namespace("http://www.w3.org/ns/shacl#")
    focus = sorted({str(o) for o in report.objects(None, sh.focusNode)})  # type: ignore[union-attr]
    return Validation(bool(conforms), str(text), focus)


# --- one entry point for every file format (the CLI and the service call this) ------------------

EXPORT_FORMATS = ("turtle", "jsonld", "ntriples", "graphml", "csv")


def export(store: GraphStore, fmt: str, out: Path, place: str | None = None, theme: str | None = None,
           actor: str | None = None, on_step: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Export the graph, or the part about a place / theme / body, as ``fmt`` to ``out``.

    ``place``, ``theme`` and ``actor`` are graph ids (resolve user names first). Returns what
    was written: files, node and edge counts, triples for RDF.
    """
    import time

    if fmt not in EXPORT_FORMATS:
        raise RdfError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    t0 = time.perf_counter()
    if fmt in ("graphml", "csv"):
        from graph import tabular_export

        dump = select(dump_store(store, on_step), place, theme, actor)
        if on_step:
            on_step("write")
        if fmt == "graphml":
            tabular_export.write_graphml(dump, out)
            files = [str(out)]
        else:
            files = [str(p) for p in tabular_export.write_csv(dump, out)]
        return {"format": fmt, "files": files, "counts": dump.counts(),
                "seconds": round(time.perf_counter() - t0, 3)}
    rep = export_store(store, out, fmt, place, theme, actor, on_step)
    return {"format": fmt, "files": [rep.path], "counts": rep.counts, "triples": rep.triples,
            "seconds": round(rep.seconds, 3)}


def export_steps() -> int:
    """How many times `export` calls ``on_step`` (for a progress bar's total)."""
    return len(NODE_TYPES) + len(REL_TYPES) + 2
