"""A graph dump as RDF triples: the Dalil terms (what import reads back) and the standard
alignments a consumer without a reasoner needs, then text in Turtle, JSON-LD or N-Triples.

Beyond the Dalil terms the export states W3C ORG (organisations, units, posts, memberships),
PROV-O + Web Annotation (each statement's and effort's derivation from a document span, with
text-position and text-quote selectors), SKOS (themes, drivers, target groups), DCTERMS
(documents) and EU CPOV (public organisations, the formal framework of a mandate).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from graph.model import REL_TYPES
from graph.rdf.dump import GraphDump
from graph.rdf.terms import (
    CPOV,
    FORMATS,
    OA,
    ORG,
    PREFIXES,
    PROV,
    SPAN_FIELDS,
    FieldMap,
    class_labels,
    field_maps,
    instrument_iri,
    iri,
    jsonld_context,
    rel_preds,
    role_iri,
    scheme_iri,
    selector_iri,
)
from graph.safe_text import strip_controls
from graph.store import Row
from graph.vocab import DALIL

PUBLIC_KINDS = {"ministry", "national_body", "committee", "local_government"}
MANDATE_KINDS = {"mandate", "responsibility"}
EFFORT_ROLES = {"funding", "accountable", "extending", "implementing", "partner"}  # dalil:EffortRole
# numbers that mean "not applicable" at 0 and are then not stated (a statement not read by OCR)
UNSET_AT_ZERO = {("Statement", "ocr_confidence")}

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
        return instrument_iri(v)
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
                    sel = selector_iri(span, fm.pred)
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
                inst = instrument_iri(row["instrument"])
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
                q = role_iri(o, r["src"])
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
    for p, ns in PREFIXES.items():
        g.bind(p, Namespace(ns), override=True)
    return g


def to_graph(dump: GraphDump) -> Graph:
    g = bind_prefixes(Graph())
    for t in iter_triples(dump):
        g.add(t)
    for t in iter_edge_triples(dump):
        g.add(t)
    return g


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
