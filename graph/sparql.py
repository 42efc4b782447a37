"""Read-only SPARQL over the graph's RDF export, on pyoxigraph (default) or rdflib.

The dataset is the export of graph.rdf plus the Dalil ontology and SKOS vocabularies, so a
query can use class labels and scheme hierarchies. Both engines get the same triples and the
same prefixes; only queries run (no UPDATE, no LOAD, no SERVICE, no FROM <url> fetching), so
nothing here can change the store or reach the network. pyoxigraph is the default: it loads
and answers several times faster than rdflib at the demo size and at 100k statements
(docs/benchmarks.md, "RDF and SPARQL").
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph import rdf
from graph.settings import get_settings
from graph.store import GraphStore
from graph.vocab import VOCAB_DIR, ontology_graph

ENGINES = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"

PREFIXES: dict[str, str] = {
    "dalil": str(rdf.DALIL), "org": str(rdf.ORG), "prov": str(rdf.PROV), "oa": str(rdf.OA),
    "cpov": str(rdf.CPOV), "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": str(XSD), "owl": "http://www.w3.org/2002/07/owl#",
    "actor": rdf.BASE + "actor/", "place": rdf.BASE + "place/", "st": rdf.BASE + "st/",
    "doc": rdf.BASE + "doc/", "theme": rdf.BASE + "theme/", "driver": rdf.BASE + "driver/",
    "target": rdf.BASE + "target/",
}

# Keywords that would write, or fetch from the network; refused before any engine sees them.
_FORBIDDEN = re.compile(
    r"(?<![?$:\w])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|SERVICE|FROM)\b", re.IGNORECASE
)
_STRINGS = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*",
                      re.S)
_NUMERIC = {str(XSD.integer), str(XSD.int), str(XSD.long), str(XSD.nonNegativeInteger)}
_FLOAT = {str(XSD.decimal), str(XSD.double), str(XSD.float)}


class SparqlError(ValueError):
    """A query that is malformed or not read-only; the message says which."""


@dataclass
class SparqlResult:
    kind: str  # select | ask | graph
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        if self.kind == "ask":
            return {"kind": "ask", "boolean": self.boolean}
        if self.kind == "graph":
            return {"kind": "graph", "triples": [list(t) for t in self.triples]}
        return {"kind": "select", "vars": self.vars, "rows": self.rows}


def check_read_only(query: str) -> None:
    """Refuse updates, LOAD, SERVICE and FROM (keywords outside strings, IRIs and comments)."""
    bare = _STRINGS.sub(" ", query)
    m = _FORBIDDEN.search(bare)
    if m:
        raise SparqlError(f"{m.group(1).upper()} is not allowed: SPARQL here is read-only and offline "
                          "(SELECT, ASK, CONSTRUCT, DESCRIBE over the exported graph)")
    if not query.strip():
        raise SparqlError("the query is empty")


def _plain(value: str, datatype: str | None) -> Any:
    if datatype in _NUMERIC:
        try:
            return int(value)
        except ValueError:
            return value
    if datatype in _FLOAT:
        try:
            return float(value)
        except ValueError:
            return value
    if datatype == str(XSD.boolean):
        return value == "true"
    return value


def dataset_triples(store: GraphStore, with_ontology: bool = True) -> Iterable[tuple[Any, Any, Any]]:
    dump = rdf.dump_store(store)
    yield from rdf.iter_triples(dump)
    yield from rdf.iter_edge_triples(dump)
    if with_ontology:
        yield from ontology_graph()
        for f in sorted(VOCAB_DIR.glob("*.ttl")):
            yield from Graph().parse(f, format="turtle")


class Engine:
    name = ""

    def query(self, text: str) -> SparqlResult:
        raise NotImplementedError


class OxigraphEngine(Engine):
    name = "oxigraph"

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store()
        bnodes: dict[str, Any] = {}
        nn: dict[str, Any] = {}

        def term(t: Any) -> Any:
            if isinstance(t, URIRef):
                n = nn.get(t)
                if n is None:
                    n = nn[t] = ox.NamedNode(str(t))
                return n
            if isinstance(t, BNode):
                return bnodes.setdefault(str(t), ox.BlankNode())
            if isinstance(t, Literal):
                if t.language:
                    return ox.Literal(str(t), language=t.language)
                if t.datatype:
                    return ox.Literal(str(t), datatype=term(URIRef(t.datatype)))
                return ox.Literal(str(t))
            raise SparqlError(f"unsupported RDF term {t!r}")

        self.store.bulk_extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in triples)

    def _out(self, t: Any) -> Any:
        if isinstance(t, self.ox.Literal):
            return _plain(t.value, t.datatype.value if t.datatype else None)
        return t.value if hasattr(t, "value") else str(t)

    def query(self, text: str) -> SparqlResult:
        check_read_only(text)
        try:
            res = self.store.query(text, prefixes=PREFIXES)
        except SyntaxError as e:
            raise SparqlError(f"invalid SPARQL: {e}") from e
        if isinstance(res, self.ox.QueryBoolean):
            return SparqlResult("ask", boolean=bool(res))
        if isinstance(res, self.ox.QueryTriples):
            return SparqlResult("graph", triples=[(str(t.subject.value), str(t.predicate.value),
                                                   str(self._out(t.object))) for t in res])
        names = [v.value for v in res.variables]
        rows = []
        for sol in res:
            row = {}
            for n in names:
                v = sol[n]
                row[n] = None if v is None else self._out(v)
            rows.append(row)
        return SparqlResult("select", vars=names, rows=rows)


class RdflibEngine(Engine):
    name = "rdflib"

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        import rdflib.plugins.sparql as rq

        rq.SPARQL_LOAD_GRAPHS = False  # never fetch FROM <url>
        self.graph = Graph()
        for t in triples:
            self.graph.add(t)

    @staticmethod
    def _out(t: Any) -> Any:
        if isinstance(t, Literal):
            return _plain(str(t), str(t.datatype) if t.datatype else None)
        return str(t)

    def query(self, text: str) -> SparqlResult:
        check_read_only(text)
        try:
            res = self.graph.query(text, initNs=PREFIXES)
        except Exception as e:  # pyparsing and rdflib raise assorted types
            raise SparqlError(f"invalid SPARQL: {e}") from e
        if res.type == "ASK":
            return SparqlResult("ask", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            trip: Any = list(res)
            return SparqlResult("graph", triples=[(str(t[0]), str(t[1]), str(self._out(t[2]))) for t in trip])
        names = [str(v) for v in res.vars or []]
        rows = []
        for r in res:
            row: Any = r
            rows.append({n: None if row[n] is None else self._out(row[n]) for n in names})
        return SparqlResult("select", vars=names, rows=rows)


def engine_for(store: GraphStore, engine: str = DEFAULT_ENGINE, with_ontology: bool = True) -> Engine:
    """A query engine loaded with the store's current graph (a snapshot: rebuild after writes)."""
    if engine not in ENGINES:
        raise SparqlError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    triples = dataset_triples(store, with_ontology)
    return OxigraphEngine(triples) if engine == "oxigraph" else RdflibEngine(triples)


# One loaded dataset per (store, engine), reused until the store's write generation moves
# (building it is ~1.6 s on the demo; a query on it takes milliseconds).
_CACHE: weakref.WeakKeyDictionary[GraphStore, dict[str, tuple[int, float, Engine]]] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def cached_engine(store: GraphStore, engine: str = DEFAULT_ENGINE) -> Engine:
    """``engine_for`` loaded once per write generation of ``store`` (and, for a server store
    that other processes may write, at most DALIL_GRAPH_CACHE_SECONDS old)."""
    if engine not in ENGINES:
        raise SparqlError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    gen, now = store.generation, time.monotonic()
    with _CACHE_LOCK:
        got = _CACHE.get(store, {}).get(engine)
    if got is not None and got[0] == gen and (store.exclusive or now - got[1] < get_settings().graph_cache_seconds):
        return got[2]
    eng = engine_for(store, engine)
    with _CACHE_LOCK:
        _CACHE.setdefault(store, {})[engine] = (gen, now, eng)
    return eng


def run(store: GraphStore, query: str, engine: str = DEFAULT_ENGINE) -> SparqlResult:
    check_read_only(query)
    return cached_engine(store, engine).query(query)
