"""RDF text back into graph nodes and edges: parsing (offline: the published JSON-LD context is
resolved locally, any other remote context is refused) and reading the Dalil terms.

Import reads the Dalil terms only, so the round trip with graph.rdf.to_rdf is exact; list fields
(aliases, alternate names) are sets in RDF and come back sorted.
"""

from __future__ import annotations

import json
import typing
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from graph.model import NODE_TYPES, REL_TYPES, Edge, Node
from graph.rdf.terms import (
    CONTEXT_URL,
    FORMATS,
    INSTRUMENT_NS,
    SCHEME_BASE,
    SPAN_FIELDS,
    SUFFIX_FORMAT,
    FieldMap,
    RdfError,
    class_labels,
    field_maps,
    jsonld_context,
    node_id,
    py_type,
    rel_preds,
    role_iri,
    selector_iri,
)
from graph.vocab import CONCEPT_NAMESPACES, DALIL

MODELS = {m.label: m for m in NODE_TYPES}


def _scheme_of(u: str) -> str:
    stem = u.removeprefix(SCHEME_BASE)
    return next((s for s, (f, _) in CONCEPT_NAMESPACES.items() if f == stem + ".ttl"), stem)


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
                sel = selector_iri(span, fm.pred) if span else None
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
                base, is_list = py_type(typing.get_type_hints(model)[fname])
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
                q = role_iri(str(o), src)
                for prop in spec.props:
                    props[prop] = str(g.value(q, DALIL.roleName) or "")
            edges.append(Edge(rel=spec.name, src=src, dst=dst, props=props))
    return nodes, edges
