"""The Dalil IRIs and the mapping of graph fields and relationships to RDF terms, read from the
ontology: what both directions of the exchange (graph.rdf.to_rdf, graph.rdf.from_rdf) agree on.

The mapping is not written by hand: ontologies/dalil.ttl annotates every class with the node
label it mirrors (``dalil:graphLabel``), every object property with its relationship type
(``dalil:graphRel``) and every property with the node field it mirrors (``dalil:graphProperty``).
A field added to graph/model.py and annotated there is exported and imported with no change here;
`field_maps()` fails loudly when a field has no mapping.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from graph.model import NODE_TYPES, REL_TYPES
from graph.settings import ONTOLOGIES
from graph.vocab import CONCEPT_NAMESPACES, DALIL, ontology_graph

BASE = "https://w3id.org/dalil/"
CONTEXT_URL = BASE + "context.jsonld"
CONTEXT_FILE = ONTOLOGIES / "context.jsonld"

ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
CPOV = Namespace("http://data.europa.eu/m8g/")

FORMATS = {"turtle": "turtle", "ttl": "turtle", "jsonld": "json-ld", "json-ld": "json-ld",
           "ntriples": "nt", "nt": "nt"}
SUFFIX_FORMAT = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}

# Statement / Effort fields that live on the Web Annotation span, not on the node itself.
SPAN_FIELDS = {("Statement", "quote"): OA.exact, ("Statement", "char_start"): OA.start,
               ("Statement", "char_end"): OA.end, ("Effort", "quote"): OA.exact}
SCHEME_BASE = BASE + "vocab/"
INSTRUMENT_NS = BASE + "instrument/"

# prefix -> namespace of the export's text (Turtle, JSON-LD) and of every SPARQL query
PREFIXES: dict[str, str] = {
    "dalil": str(DALIL), "org": str(ORG), "prov": str(PROV), "oa": str(OA), "cpov": str(CPOV),
    "skos": str(SKOS), "dcterms": str(DCTERMS), "foaf": str(FOAF), "xsd": str(XSD),
    "actor": BASE + "actor/", "place": BASE + "place/", "st": BASE + "st/", "doc": BASE + "doc/",
    "theme": CONCEPT_NAMESPACES["theme"][1], "driver": CONCEPT_NAMESPACES["driver"][1],
    "target": CONCEPT_NAMESPACES["target_group"][1],
}


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


# The IRIs below are minted by the export and read back by the import: one definition each keeps
# the round trip exact.


def instrument_iri(name: str) -> URIRef:
    """The legal instrument a mandate names (dalil:instrument, cpov:hasFormalFramework)."""
    return URIRef(INSTRUMENT_NS + quote(name, safe=""))


def selector_iri(span: str, pred: URIRef) -> URIRef:
    """The Web Annotation selector of a span that states ``pred``: the text quote for oa:exact,
    else the text position."""
    return URIRef(f"{span}/{'quote' if pred == OA.exact else 'position'}")


def role_iri(effort: str, actor_id: str) -> URIRef:
    """The qualified association (prov:Association) of a body with an effort, holding its role."""
    return URIRef(f"{effort}/role/{quote(actor_id, safe='')}")


# --- the mapping, read from the ontology ------------------------------------------------------


@dataclass(frozen=True)
class FieldMap:
    label: str
    field: str
    pred: URIRef
    base: type  # str | int | float | bool
    is_list: bool
    ref: bool  # an object property: the value is an id (or a status / instrument)


def py_type(annotation: Any) -> tuple[type, bool]:
    """(the value type, is it a list) of a model field's annotation: what a literal is read as."""
    origin = typing.get_origin(annotation)
    if origin is list:
        return typing.get_args(annotation)[0], True
    if origin in (typing.Union, types.UnionType):
        return py_type(next(a for a in typing.get_args(annotation) if a is not type(None)))
    return annotation, False


# fields stated otherwise than through dalil:graphProperty (an rdf:type, the skos:inScheme)
SPECIAL = {("Actor", "is_class"), ("Concept", "scheme")}


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
            base, is_list = py_type(hints[f])
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


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """The published JSON-LD @context, read from ontologies/ (export embeds it, import resolves it)."""
    ctx: dict[str, Any] = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    return ctx
