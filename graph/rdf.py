"""The graph as RDF (Turtle, JSON-LD, N-Triples) in the Dalil ontology, and back.

The mapping is not written by hand: ontologies/dalil.ttl annotates every class with the node
label it mirrors (``dalil:graphLabel``), every object property with its relationship type
(``dalil:graphRel``) and every property with the node field it mirrors (``dalil:graphProperty``).
A field added to graph/model.py and annotated there is exported and imported with no change here;
`field_maps()` fails loudly when a field has no mapping.

Beyond the Dalil terms the export states the alignments a consumer without a reasoner needs:
W3C ORG (organisations, units, posts, memberships), PROV-O + Web Annotation (each statement's and
effort's derivation from a document span, with text-position and text-quote selectors), SKOS
(themes, drivers, target groups), DCTERMS (documents) and EU CPOV (public organisations, the
formal framework of a mandate). Import reads the Dalil terms only, so the round trip is exact;
list fields (aliases, alternate names) are sets in RDF and come back sorted.
"""

from __future__ import annotations

import json
import math
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD

from graph.model import NODE_TYPES, REL_TYPES, Edge, Node
from graph.safe_text import strip_controls
from graph.settings import ONTOLOGIES
from graph.store import GraphStore, Row, edge_ops, node_ops
from graph.vocab import CONCEPT_NAMESPACES, DALIL, ontology_graph

BASE = "https://w3id.org/dalil/"
CONTEXT_URL = BASE + "context.jsonld"
CONTEXT_FILE = ONTOLOGIES / "context.jsonld"
SHAPES_FILE = ONTOLOGIES / "shapes.ttl"

ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
CPOV = Namespace("http://data.europa.eu/m8g/")

FORMATS = {"turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld",
           "ntriples": "nt", "nt": "nt"}
SUFFIX_FORMAT = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}

PUBLIC_KINDS = {"ministry", "national_body", "committee", "local_government"}
MANDATE_KINDS = {"mandate", "responsibility"}
EFFORT_ROLES = {"funding", "accountable", "extending", "implementing", "partner"}  # dalil:EffortRole
# Statement / Effort fields that live on the Web Annotation span, not on the node itself.
SPAN_FIELDS = {("Statement", "quote"): OA.exact, ("Statement", "char_start"): OA.start,
               ("Statement", "char_end"): OA.end, ("Effort", "quote"): OA.exact}
SCHEME_BASE = BASE + "vocab/"
INSTRUMENT_NS = BASE + "instrument/"
MODELS = {m.label: m for m in NODE_TYPES}


class RdfError(ValueError):
    """RDF that cannot become graph nodes: names the resource and the reason."""


# --- ids <-> IRIs -------------------------------------------------------------------------


def iri(node_id: str) -> URIRef:
    """Stable IRI of a graph id: places by P-code, concepts in their SKOS namespace, the rest
    ``BASE/<prefix>/<rest>`` ("actor:undp" -> https://w3id.org/dalil/actor/undp)."""
    prefix, sep, rest = node_id.partition(":")
    if sep and prefix in CONCEPT_NAMESPACES:
        return URIRef(CONCEPT_NAMESPACES[prefix][1] + quote(rest, safe=""))
    if not sep or not prefix:
        return URIRef(BASE + "id/" + quote(node_id, safe=""))
    return URIRef(f"{BASE}{quote(prefix, safe='')}/{quote(rest, safe='')}")


def node_id(u: str) -> str:
    """Inverse of `iri`."""
    for scheme, (_, ns) in CONCEPT_NAMESPACES.items():
        if u.startswith(ns):
            return f"{scheme}:{unquote(u[len(ns):])}"
    if not u.startswith(BASE):
        raise RdfError(f"{u}: not a Dalil IRI (expected {BASE}...)")
    prefix, _, tail = u[len(BASE) :].partition("/")
    if not tail or "/" in tail:
        raise RdfError(f"{u}: not a Dalil node IRI")
    return unquote(tail) if prefix == "id" else f"{unquote(prefix)}:{unquote(tail)}"


def scheme_iri(scheme: str) -> URIRef:
    file = CONCEPT_NAMESPACES[scheme][0] if scheme in CONCEPT_NAMESPACES else scheme + ".ttl"
    return URIRef(SCHEME_BASE + file.removesuffix(".ttl"))


def _scheme_of(u: str) -> str:
    stem = u.removeprefix(SCHEME_BASE)
    return next((s for s, (f, _) in CONCEPT_NAMESPACES.items() if f == stem + ".ttl"), stem)


# --- the mapping, read from the ontology ------------------------------------------------------


@dataclass(frozen=True)
class FieldMap:
    label: str
    field: str
    pred: URIRef
    base: type  # str | int | float | bool
    is_list: bool
    ref: bool  # an object property: the value is an id (or a status / instrument)


def _py_type(annotation: Any) -> tuple[type, bool]:
    origin = typing.get_origin(annotation)
    if origin is list:
        return typing.get_args(annotation)[0], True
    if origin in (typing.Union, types.UnionType):
        return _py_type(next(a for a in typing.get_args(annotation) if a is not type(None)))
    return annotation, False


SPECIAL = {("Actor", "is_class"), ("Concept", "scheme")}
# numbers that mean "not applicable" at 0 and are then not stated (a statement not read by OCR)
UNSET_AT_ZERO = {("Statement", "ocr_confidence")}


@lru_cache(maxsize=1)
def field_maps() -> dict[str, tuple[FieldMap, ...]]:
    """label -> how each of its fields is stated in RDF (from dalil:graphProperty)."""
    g = ontology_graph()
    by_field: dict[str, URIRef] = {}
    for s, o in g.subject_objects(DALIL.graphProperty):
        by_field[str(o)] = URIRef(str(s))
    out: dict[str, tuple[FieldMap, ...]] = {}
    for m in NODE_TYPES:
        hints = typing.get_type_hints(m)
        maps = []
        for f in m.model_fields:
            if f == "id" or (m.label, f) in SPECIAL:
                continue
            key = f"{m.label}.{f}"
            pred = SPAN_FIELDS.get((m.label, f)) or by_field.get(key)
            if pred is None:
                raise RdfError(f"{key}: no ontology property names it (add dalil:graphProperty \"{key}\")")
            base, is_list = _py_type(hints[f])
            ref = (pred, RDF.type, OWL.ObjectProperty) in g
            maps.append(FieldMap(m.label, f, pred, base, is_list, ref))
        out[m.label] = tuple(maps)
    return out


@lru_cache(maxsize=1)
def rel_preds() -> dict[str, URIRef]:
    g = ontology_graph()
    preds = {str(o): URIRef(str(s)) for s, o in g.subject_objects(DALIL.graphRel)}
    missing = {r.name for r in REL_TYPES} - set(preds)
    if missing:
        raise RdfError(f"relationship types without a dalil:graphRel property: {sorted(missing)}")
    return preds


@lru_cache(maxsize=1)
def class_labels() -> dict[URIRef, str]:
    """Every ontology class that stores as a node label (Actor, Person, Mandate, ...)."""
    g = ontology_graph()
    return {URIRef(str(s)): str(o) for s, o in g.subject_objects(DALIL.graphLabel)}


# --- a whole-graph dump, and a filtered part of it ---------------------------------------------


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


# --- dump -> RDF ---------------------------------------------------------------------------------


_XSD_SPECIAL = {"nan": "NaN", "inf": "INF", "-inf": "-INF", "NaN": "NaN", "Infinity": "INF", "-Infinity": "-INF"}


def _literal(v: Any, fm: FieldMap) -> Literal:
    if fm.pred == DALIL.nameAr:
        return Literal(v, lang="ar")
    if fm.base is bool:
        return Literal(bool(v))
    if fm.base is int:
        return Literal(int(v), datatype=XSD.integer)
    if fm.base is float:
        f = float(v)  # NaN / INF keep their XSD lexical form (serialize keeps them out of bare JSON)
        return Literal(f if math.isfinite(f) else _XSD_SPECIAL[str(f)], datatype=XSD.double)
    return Literal(strip_controls(str(v)))


def _ref(v: str, fm: FieldMap) -> URIRef:
    if fm.pred == DALIL.status:
        return DALIL[quote(v, safe="")]
    if fm.pred == DALIL.instrument:
        return URIRef(INSTRUMENT_NS + quote(v, safe=""))
    return iri(v)


def _actor_types(row: Row) -> list[URIRef]:
    if row["kind"] == "person":
        t = [DALIL.Agent, DALIL.Person, FOAF.Person, PROV.Person]
    else:
        t = [DALIL.Agent, DALIL.Actor, ORG.Organization, FOAF.Organization]
        if row["kind"] in PUBLIC_KINDS:
            t.append(CPOV.PublicOrganisation)
    if row["is_class"]:
        t.append(DALIL.ActorClass)
    return t


def iter_triples(dump: GraphDump) -> Iterator[tuple[Any, Any, Any]]:
    """Every triple of the export, node by node then edge by edge (no rdflib Graph needed)."""
    maps = field_maps()
    cls = {lbl: c for c, lbl in class_labels().items() if c != DALIL.Agent and c not in (
        DALIL.Person, DALIL.ActorClass, DALIL.Mandate)}
    for label, rows in dump.nodes.items():
        for nid, row in rows.items():
            s = iri(nid)
            if label == "Actor":
                for t in _actor_types(row):
                    yield s, RDF.type, t
                yield s, RDFS.label, Literal(row["name"])
            else:
                yield s, RDF.type, cls[label]
            yield s, DCTERMS.identifier, Literal(nid)
            span: URIRef | None = None
            for fm in maps[label]:
                v = row.get(fm.field)
                if fm.is_list:
                    for x in v or []:
                        yield s, fm.pred, Literal(x)
                    continue
                if (fm.base is str and not v) or ((label, fm.field) in UNSET_AT_ZERO and not v):
                    continue
                if (label, fm.field) in SPAN_FIELDS:
                    span = span or URIRef(s + "/span")
                    sel = URIRef(span + ("/quote" if fm.pred == OA.exact else "/position"))
                    yield sel, fm.pred, _literal(v, fm)
                    continue
                yield s, fm.pred, _ref(str(v), fm) if fm.ref else _literal(v, fm)
            yield from _alignments(label, s, row, span)


def _alignments(label: str, s: URIRef, row: Row, span: URIRef | None) -> Iterator[tuple[Any, Any, Any]]:
    """Standard-vocabulary statements of one node, for consumers without a reasoner."""
    if label == "Place":
        yield s, DALIL.pcode, Literal(row["id"].removeprefix("place:"))
        yield s, RDFS.label, Literal(row["name"])
    elif label == "Concept":
        yield s, RDF.type, SKOS.Concept
        yield s, SKOS.inScheme, scheme_iri(row["scheme"])
        yield s, SKOS.prefLabel, Literal(row["label_en"], lang="en")
        if row["label_ar"]:
            yield s, SKOS.prefLabel, Literal(row["label_ar"], lang="ar")
    elif label == "Document":
        yield s, RDF.type, FOAF.Document
        yield s, RDF.type, DCTERMS.BibliographicResource
        yield s, DCTERMS.title, Literal(row["title"])
        if row["language"]:
            yield s, DCTERMS.language, Literal(row["language"])
    elif label == "Chunk":
        yield s, RDF.type, OA.SpecificResource
        yield s, OA.hasSource, iri(row["doc_id"])
        pos = URIRef(s + "/position")
        yield s, OA.hasSelector, pos
        yield pos, RDF.type, OA.TextPositionSelector
        yield pos, OA.start, Literal(int(row["char_start"]), datatype=XSD.integer)
        yield pos, OA.end, Literal(int(row["char_end"]), datatype=XSD.integer)
    elif label == "Statement":
        yield s, RDF.type, PROV.Entity
        if row["kind"] in MANDATE_KINDS:
            yield s, RDF.type, DALIL.Mandate
            if row["instrument"]:
                inst = URIRef(INSTRUMENT_NS + quote(row["instrument"], safe=""))
                yield s, CPOV.hasFormalFramework, inst
                yield inst, RDF.type, DALIL.Instrument
                yield inst, RDFS.label, Literal(row["instrument"])
        if row["chunk_id"]:
            yield s, PROV.wasDerivedFrom, iri(row["chunk_id"])
    elif label == "Effort":
        yield s, RDF.type, PROV.Activity
    if span is not None:
        yield s, DALIL.span, span
        yield s, PROV.wasDerivedFrom, span
        yield span, RDF.type, OA.SpecificResource
        if row.get("doc_id"):
            yield span, OA.hasSource, iri(row["doc_id"])
        for kind, cls in (("quote", OA.TextQuoteSelector), ("position", OA.TextPositionSelector)):
            if kind == "position" and "char_start" not in row:
                continue
            sel = URIRef(span + "/" + kind)
            yield span, OA.hasSelector, sel
            yield sel, RDF.type, cls


def iter_edge_triples(dump: GraphDump) -> Iterator[tuple[Any, Any, Any]]:
    preds = rel_preds()
    kinds = {k: r["kind"] for k, r in dump.nodes.get("Statement", {}).items()}
    posts = {k: r["post"] for k, r in dump.nodes.get("Statement", {}).items()}
    subjects: dict[str, list[str]] = defaultdict(list)
    for spec in REL_TYPES:
        p = preds[spec.name]
        for r in dump.edges.get(spec.name, []):
            s, o = iri(r["src"]), iri(r["dst"])
            yield s, p, o
            if spec.name == "SUBJECT":
                yield o, DALIL.hasSubject, s
                subjects[r["dst"]].append(r["src"])
            elif spec.name == "BROADER":
                yield s, SKOS.broader, o
            elif spec.name == "RELATED":
                yield s, SKOS.related, o
            elif spec.name == "UNIT_OF":
                yield s, ORG.unitOf, o
                yield s, ORG.subOrganizationOf, o
            elif spec.name == "ABOUT" and kinds.get(r["src"]) in MANDATE_KINDS:
                yield s, ORG.purpose, o
            elif spec.name == "ROLE":
                q = URIRef(f"{o}/role/{quote(r['src'], safe='')}")
                yield o, PROV.qualifiedAssociation, q
                yield o, DALIL.hasParticipant, s
                yield q, RDF.type, PROV.Association
                yield q, PROV.agent, s
                for prop in spec.props:
                    yield q, DALIL.roleName, Literal(str(r.get(prop, "")))
                if r.get("role") in EFFORT_ROLES:
                    yield q, PROV.hadRole, DALIL[r["role"]]
    # ORG: memberships and posts are statements whose object is the organisation.
    for r in dump.edges.get("OBJECT", []):
        st, kind = r["src"], kinds.get(r["src"])
        if kind not in ("membership", "post"):
            continue
        s, org = iri(st), iri(r["dst"])
        for who in subjects.get(st, []):
            if kind == "membership":
                yield s, RDF.type, ORG.Membership
                yield s, ORG.member, iri(who)
                yield s, ORG.organization, org
            else:
                yield s, RDF.type, ORG.Post
                yield s, ORG.heldBy, iri(who)
                yield s, ORG.postIn, org
                yield iri(who), DALIL.holdsPost, org
                if posts.get(st):
                    yield s, SKOS.prefLabel, Literal(posts[st])


def bind_prefixes(g: Graph) -> Graph:
    for p, ns in (("dalil", DALIL), ("org", ORG), ("prov", PROV), ("oa", OA), ("cpov", CPOV),
                  ("skos", SKOS), ("dcterms", DCTERMS), ("foaf", FOAF), ("xsd", XSD),
                  ("actor", BASE + "actor/"), ("place", BASE + "place/"), ("st", BASE + "st/"),
                  ("doc", BASE + "doc/"), ("theme", CONCEPT_NAMESPACES["theme"][1]),
                  ("driver", CONCEPT_NAMESPACES["driver"][1]),
                  ("target", CONCEPT_NAMESPACES["target_group"][1])):
        g.bind(p, Namespace(str(ns)), override=True)
    return g


def to_graph(dump: GraphDump) -> Graph:
    g = bind_prefixes(Graph())
    for t in iter_triples(dump):
        g.add(t)
    for t in iter_edge_triples(dump):
        g.add(t)
    return g


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    ctx: dict[str, Any] = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return ctx


def serialize(g: Graph, fmt: str) -> str:
    """Text of the graph in ``fmt``; JSON-LD points to the published @context by URL."""
    fmt = FORMATS.get(fmt, fmt)
    if fmt == "json-ld":
        # a double NaN / INF would come out as a bare NaN / Infinity, which is not JSON: keep it
        # a typed value. The @context is embedded, so a parser offline can read the file.
        doc = json.loads(g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True),
                         parse_constant=lambda c: {"@value": _XSD_SPECIAL[c], "@type": str(XSD.double)})
        doc["@context"] = jsonld_context()
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False)
    return g.serialize(format=fmt)


# --- RDF -> dump ------------------------------------------------------------------------------------


def parse(path: Path, fmt: str | None = None) -> Graph:
    """Read a file in any of the export formats (by suffix unless given).

    The published JSON-LD @context is resolved from ontologies/context.jsonld: nothing is
    fetched over the network.
    """
    f = FORMATS.get(fmt or "", "") or SUFFIX_FORMAT.get(path.suffix.lower(), "")
    if not f:
        raise RdfError(f"{path}: unknown RDF format (use .ttl, .jsonld or .nt, or say --format)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise RdfError(f"{path}: not UTF-8 text (byte {e.start}); RDF files here are UTF-8 Turtle, "
                       "JSON-LD or N-Triples") from e
    except OSError as e:
        raise RdfError(f"{path}: cannot read ({e.strerror or e})") from e
    if "\x00" in text:
        raise RdfError(f"{path}: binary content (a NUL byte) in an RDF text file")
    return parse_text(text, f, str(path))


def parse_text(text: str, fmt: str, where: str = "<text>") -> Graph:
    fmt = FORMATS.get(fmt, fmt)
    g = Graph()
    try:
        if fmt == "json-ld":
            doc = json.loads(text)
            remote = remote_context(doc, CONTEXT_URL)
            if remote:  # rdflib would fetch it: offline, and a request to wherever the file says
                raise RdfError(f"{where}: refers to the remote JSON-LD context {remote[:100]!r}; only Dalil's "
                               f"published context is resolved (locally); inline the context instead")
            _inline_context(doc)
            g.parse(data=json.dumps(doc), format="json-ld")
        else:
            g.parse(data=text, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        raise RdfError(f"{where}: not valid {fmt}: {e}") from e
    return g


def remote_context(doc: Any, published: str) -> str:
    """A JSON-LD @context / @import URL other than Dalil's published one (rdflib would fetch it)."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in ("@context", "@import"):
                for c in v if isinstance(v, list) else [v]:
                    if isinstance(c, str) and c != published:
                        return c
            found = remote_context(v, published)
            if found:
                return found
    elif isinstance(doc, list):
        for v in doc:
            found = remote_context(v, published)
            if found:
                return found
    return ""


def _inline_context(doc: Any) -> None:
    if isinstance(doc, dict):
        c = doc.get("@context")
        if c == CONTEXT_URL:
            doc["@context"] = jsonld_context()
        elif isinstance(c, list):
            doc["@context"] = [jsonld_context() if x == CONTEXT_URL else x for x in c]
        for v in doc.values():
            _inline_context(v)
    elif isinstance(doc, list):
        for v in doc:
            _inline_context(v)


def _value(o: Any, fm: FieldMap, where: str) -> Any:
    if fm.ref:
        u = str(o)
        if fm.pred == DALIL.status:
            return unquote(u.rsplit("#", 1)[-1])
        if fm.pred == DALIL.instrument:
            return unquote(u.removeprefix(INSTRUMENT_NS))
        return node_id(u)
    if not isinstance(o, Literal):
        raise RdfError(f"{where}: {fm.pred} must be a literal, got {o}")
    try:
        if fm.base is bool:
            return bool(o.toPython()) if o.datatype == XSD.boolean else str(o).lower() == "true"
        if fm.base is int:
            return int(str(o))
        if fm.base is float:
            return float(str(o))
    except ValueError as e:
        raise RdfError(f"{where}: {fm.pred} {o!r} is not a {fm.base.__name__}") from e
    return str(o)


def from_graph(g: Graph) -> tuple[list[Node], list[Edge]]:
    """Graph nodes and edges stated in ``g`` (Dalil terms only; alignments are ignored)."""
    labels = class_labels()
    maps = field_maps()
    found: dict[URIRef, str] = {}
    for cls, label in labels.items():
        for s in g.subjects(RDF.type, cls):
            if isinstance(s, URIRef):
                found[s] = label
            elif isinstance(s, BNode):
                raise RdfError(f"a blank node typed {cls} cannot become a graph node (give it an IRI)")
    nodes: list[Node] = []
    for s, label in found.items():
        nid = node_id(str(s))
        row: dict[str, Any] = {"id": nid}
        where = f"{s} ({label})"
        po: dict[URIRef, list[Any]] = defaultdict(list)
        for p, o in g.predicate_objects(s):
            po[URIRef(str(p))].append(o)
        span = po.get(DALIL.span, [None])[0]
        for fm in maps[label]:
            if (label, fm.field) in SPAN_FIELDS:
                sel = URIRef(f"{span}/{'quote' if fm.pred == OA.exact else 'position'}") if span else None
                vals = list(g.objects(sel, fm.pred)) if sel is not None else []
            else:
                vals = po.get(fm.pred, [])
            if fm.is_list:
                row[fm.field] = sorted(str(v) for v in vals)
            elif vals:
                if len(vals) > 1:
                    raise RdfError(f"{where}: {len(vals)} values for {fm.pred}, expected one")
                row[fm.field] = _value(vals[0], fm, where)
        if label == "Actor":
            row["is_class"] = DALIL.ActorClass in po.get(RDF.type, [])
        elif label == "Concept":
            schemes = po.get(SKOS.inScheme, [])
            if not schemes:
                raise RdfError(f"{where}: no skos:inScheme")
            row["scheme"] = _scheme_of(str(schemes[0]))
        model = MODELS[label]
        for fname, finfo in model.model_fields.items():
            if fname not in row and finfo.is_required():
                base, is_list = _py_type(typing.get_type_hints(model)[fname])
                row[fname] = [] if is_list else base()
        try:
            nodes.append(model(**row))
        except Exception as e:
            raise RdfError(f"{where}: {e}") from e
    ids = {n.id for n in nodes}
    edges: list[Edge] = []
    preds = rel_preds()
    for spec in REL_TYPES:
        for s, o in g.subject_objects(preds[spec.name]):
            src, dst = node_id(str(s)), node_id(str(o))
            if src not in ids or dst not in ids:
                raise RdfError(f"{s} {preds[spec.name]} {o}: an end is not a typed Dalil node")
            props: dict[str, str] = {}
            if spec.props:
                q = URIRef(f"{o}/role/{quote(src, safe='')}")
                for prop in spec.props:
                    props[prop] = str(g.value(q, DALIL.roleName) or "")
            edges.append(Edge(rel=spec.name, src=src, dst=dst, props=props))
    return nodes, edges


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
