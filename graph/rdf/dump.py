"""A whole-graph dump (every node and edge as rows) and the part of it about a place, a theme or
a body: what every export format (RDF, GraphML, CSV) is written from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from graph.model import NODE_TYPES, REL_TYPES
from graph.rdf.terms import RdfError
from graph.store import GraphStore, Row


@dataclass
class GraphDump:
    """Nodes by label (id -> row of every field) and edges by type: what RDF is made from."""

    nodes: dict[str, dict[str, Row]] = field(default_factory=dict)
    edges: dict[str, list[Row]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        out = {lbl: len(rows) for lbl, rows in self.nodes.items() if rows}
        out |= {rel: len(rows) for rel, rows in self.edges.items() if rows}
        return out

    def ends(self, rel: str) -> Iterator[tuple[str, str]]:
        for r in self.edges.get(rel, []):
            yield r["src"], r["dst"]


def dump_store(store: GraphStore, on_step: Callable[[str], None] | None = None) -> GraphDump:
    d = GraphDump()
    for m in NODE_TYPES:
        d.nodes[m.label] = {r["id"]: r for r in store.run(f"dump_{m.label}")}
        if on_step:
            on_step(m.label)
    for r in REL_TYPES:
        d.edges[r.name] = store.run(f"dump_{r.name}")
        if on_step:
            on_step(r.name)
    return d


def _closure_up(start: Iterable[str], parent: dict[str, set[str]]) -> set[str]:
    out, todo = set(), list(start)
    while todo:
        x = todo.pop()
        if x not in out:
            out.add(x)
            todo.extend(parent.get(x, ()))
    return out


def select(dump: GraphDump, place: str | None = None, theme: str | None = None,
           actor: str | None = None) -> GraphDump:
    """The part of the graph about a place (with roll-up), a theme, and/or a body.

    A place keeps the statements scoped at, inside or above it (a nationwide mandate covers
    Nineveh) and the efforts inside it; a theme keeps what is about it or a narrower theme; a
    body keeps its own statements and efforts and those naming it. Several filters intersect.
    Everything the kept statements and efforts point to comes along (actors, places with their
    parents, concepts, chunks, documents), so the part is a valid graph on its own.
    """
    if not (place or theme or actor):
        return dump
    out_e: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # rel -> src -> dsts
    in_e: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rel, rows in dump.edges.items():
        for r in rows:
            out_e[rel][r["src"]].add(r["dst"])
            in_e[rel][r["dst"]].add(r["src"])
    statements = set(dump.nodes.get("Statement", {}))
    efforts = set(dump.nodes.get("Effort", {}))
    seeds: set[str] = set()
    if place:
        if place not in dump.nodes.get("Place", {}):
            raise RdfError(f"{place}: no such place in the graph")
        parents = {k: set(v) for k, v in out_e["PART_OF"].items()}
        children = in_e["PART_OF"]
        inside = _closure_up([place], children)
        covering = inside | _closure_up([place], parents)
        statements = {s for s in statements if not out_e["SCOPE"].get(s) or out_e["SCOPE"][s] & covering}
        efforts = {e for e in efforts if out_e["EFFORT_IN"].get(e, set()) & covering}
        seeds |= {a for a, ps in out_e["AT"].items() if ps & inside}
    if theme:
        narrower = _closure_up([theme], in_e["BROADER"])
        statements = {s for s in statements if out_e["ABOUT"].get(s, set()) & narrower}
        efforts = {e for e in efforts if out_e["EFFORT_ABOUT"].get(e, set()) & narrower}
        works = {a for a, cs in out_e["WORKS_ON"].items() if cs & narrower}
        seeds = seeds & works if place else works
    if actor:
        if actor not in dump.nodes.get("Actor", {}):
            raise RdfError(f"{actor}: no such body in the graph")
        mine = out_e["SUBJECT"].get(actor, set()) | in_e["OBJECT"].get(actor, set())
        statements &= mine
        efforts &= out_e["ROLE"].get(actor, set())
        seeds = {actor} | out_e["UNIT_OF"].get(actor, set()) | in_e["UNIT_OF"].get(actor, set()) \
            | out_e["INSTANCE_OF"].get(actor, set())
    keep: dict[str, set[str]] = defaultdict(set)
    keep["Statement"], keep["Effort"], keep["Actor"] = statements, efforts, set(seeds)
    for s in statements:
        keep["Actor"] |= in_e["SUBJECT"].get(s, set()) | out_e["OBJECT"].get(s, set())
        keep["Concept"] |= out_e["ABOUT"].get(s, set())
        keep["Place"] |= out_e["SCOPE"].get(s, set())
    for e in efforts:
        keep["Actor"] |= in_e["ROLE"].get(e, set())
        keep["Concept"] |= out_e["EFFORT_ABOUT"].get(e, set())
        keep["Place"] |= out_e["EFFORT_IN"].get(e, set())
    if place:
        keep["Place"].add(place)
    if theme:
        keep["Concept"].add(theme)
    # what the kept nodes' own fields point to
    for s in statements:
        row = dump.nodes["Statement"][s]
        if row["chunk_id"]:
            keep["Chunk"].add(row["chunk_id"])
    for a in keep["Actor"]:
        arow = dump.nodes["Actor"].get(a)
        if arow and arow["place"]:
            keep["Place"].add(arow["place"])
    for label in ("Statement", "Effort", "Chunk"):
        for n in keep[label]:
            nrow = dump.nodes[label].get(n)
            if nrow and nrow["doc_id"]:
                keep["Document"].add(nrow["doc_id"])
    place_parent: dict[str, set[str]] = defaultdict(set)
    for pid, row in dump.nodes.get("Place", {}).items():
        if row["parent"]:
            place_parent[pid].add(row["parent"])
    for k, v in out_e["PART_OF"].items():
        place_parent[k] |= v
    keep["Place"] = _closure_up(keep["Place"], place_parent)
    out = GraphDump()
    for label, by_id in dump.nodes.items():
        out.nodes[label] = {k: v for k, v in by_id.items() if k in keep[label]}
    ids = {n for rows in out.nodes.values() for n in rows}
    for rel, rows in dump.edges.items():
        out.edges[rel] = [r for r in rows if r["src"] in ids and r["dst"] in ids]
    return out
