"""Read-only SPARQL over the graph's RDF export, on pyoxigraph (default) or rdflib.

The dataset is the export of graph.rdf plus the Dalil ontology and SKOS vocabularies, so a
query can use class labels and scheme hierarchies. Both engines get the same triples and the
same prefixes; only queries run (no UPDATE, no LOAD, no SERVICE, no FROM <url> fetching), so
nothing here can change the store or reach the network. pyoxigraph is the default: it loads
and answers several times faster than rdflib at the demo size and at 100k statements
(docs/benchmarks.md, "RDF and SPARQL").

Every query is bounded (``run_bounded``): a reader's cross product or property-path count can
otherwise take minutes and gigabytes, and pyoxigraph cannot be interrupted once it evaluates.
So the query runs in a forked copy of this process (the loaded dataset is shared copy-on-write,
nothing is reloaded) with an address-space cap, and the caller kills it when the time limit
passes, the client goes away or the server shuts down; rows past the row limit stop it too.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import select
import signal
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from graph import rdf
from graph.settings import Settings, get_settings
from graph.store import GraphStore
from graph.vocab import ontology_graph

ENGINES = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"

# the export's prefixes, and the RDF / RDFS / OWL terms the ontology is written in
PREFIXES: dict[str, str] = {**rdf.PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}

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


class SparqlLimit(SparqlError):
    """A query stopped at a limit (time, rows, memory); the message names it and its setting."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit


class SparqlCancelled(SparqlError):
    """The query was stopped because its caller went away or the server is shutting down."""


@dataclass(frozen=True)
class Limits:
    seconds: float
    rows: int
    memory_mb: int

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        s = settings or get_settings()
        return cls(s.sparql_timeout_s, s.sparql_max_rows, s.sparql_max_memory_mb)

    def time_error(self) -> SparqlLimit:
        return SparqlLimit("time", f"the query ran past the time limit of {self.seconds:g} s "
                                   "(DALIL_SPARQL_TIMEOUT_S); narrow the pattern or add LIMIT")

    def rows_error(self) -> SparqlLimit:
        return SparqlLimit("rows", f"the query returns more than the row limit of {self.rows:,} rows "
                                   "(DALIL_SPARQL_MAX_ROWS); add LIMIT or narrow the pattern")

    def memory_error(self) -> SparqlLimit:
        return SparqlLimit("memory", f"the query needed more than the memory limit of {self.memory_mb:,} MB "
                                     "(DALIL_SPARQL_MAX_MEMORY_MB); narrow the pattern or add LIMIT")


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
            f = float(value)
        except ValueError:
            return value
        return f if math.isfinite(f) else value  # NaN / INF stay their lexical form: never bare in JSON
    if datatype == str(XSD.boolean):
        return value == "true"
    return value


def dataset_triples(store: GraphStore, with_ontology: bool = True) -> Iterable[tuple[Any, Any, Any]]:
    dump = rdf.dump_store(store)
    yield from rdf.iter_triples(dump)
    yield from rdf.iter_edge_triples(dump)
    if with_ontology:  # dalil.ttl and the concept schemes
        yield from ontology_graph()


class Engine:
    name = ""

    def query(self, text: str, max_rows: int | None = None) -> SparqlResult:
        """Rows (or triples) past ``max_rows`` raise SparqlLimit, read lazily so a huge result
        is never held."""
        raise NotImplementedError


def _capped(items: Iterable[Any], max_rows: int | None) -> Iterable[Any]:
    for i, x in enumerate(items):
        if max_rows is not None and i >= max_rows:
            raise Limits(0, max_rows, 0).rows_error()
        yield x


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

    def query(self, text: str, max_rows: int | None = None) -> SparqlResult:
        check_read_only(text)
        try:
            res = self.store.query(text, prefixes=PREFIXES)
        except SyntaxError as e:
            raise SparqlError(f"invalid SPARQL: {e}") from e
        if isinstance(res, self.ox.QueryBoolean):
            return SparqlResult("ask", boolean=bool(res))
        if isinstance(res, self.ox.QueryTriples):
            return SparqlResult("graph", triples=[(str(t.subject.value), str(t.predicate.value),
                                                   str(self._out(t.object))) for t in _capped(res, max_rows)])
        names = [v.value for v in res.variables]
        rows = []
        for sol in _capped(res, max_rows):
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

    def query(self, text: str, max_rows: int | None = None) -> SparqlResult:
        check_read_only(text)
        try:
            res = self.graph.query(text, initNs=PREFIXES)
        except Exception as e:  # pyparsing and rdflib raise assorted types
            raise SparqlError(f"invalid SPARQL: {e}") from e
        if res.type == "ASK":
            return SparqlResult("ask", boolean=bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            trip: Any = _capped(res, max_rows)
            return SparqlResult("graph", triples=[(str(t[0]), str(t[1]), str(self._out(t[2]))) for t in trip])
        names = [str(v) for v in res.vars or []]
        rows = []
        for r in _capped(res, max_rows):
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


def run(store: GraphStore, query: str, engine: str = DEFAULT_ENGINE, limits: Limits | None = None) -> SparqlResult:
    check_read_only(query)
    return run_bounded(cached_engine(store, engine), query, limits)


# --- bounded evaluation in a forked child ----------------------------------------------------

_LIVE: dict[int, str] = {}  # pid of a running query child -> "" or why it was killed
_LIVE_LOCK = threading.Lock()
_MAX_RESULT_BYTES = 256 * 1024 * 1024


_STOPPING = threading.Event()  # set when the server process is stopping: no new query starts


def cancel_all(reason: str = "shutdown", stop_new: bool = False) -> int:
    """Kill every running query child (the server calls this on shutdown); returns how many.
    ``stop_new`` (SIGTERM in `dalil serve`): queries not started yet are refused too."""
    if stop_new:
        _STOPPING.set()
    with _LIVE_LOCK:
        pids = list(_LIVE)
        for pid in pids:
            _LIVE[pid] = reason
    for pid in pids:
        _kill(pid)
    return len(pids)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(engine: Engine, query: str, lim: Limits, out: int) -> None:
    """In the forked child: cap memory and CPU, run the query, write one JSON answer to ``out``."""
    import faulthandler
    import resource

    faulthandler.disable()  # an abort at the memory cap is expected here: no dump on any console
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # an allocation failure prints to stderr: not on the server's console
    vm = _vm_bytes()
    if vm:
        cap = vm + lim.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = int(lim.seconds) + 5  # a backstop should the parent vanish
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        answer: dict[str, Any] = {"ok": engine.query(query, lim.rows).as_json()}
    except SparqlLimit as e:
        answer = {"limit": e.limit, "message": str(e)}
    except SparqlError as e:
        answer = {"error": str(e)}
    except MemoryError:
        answer = {"limit": "memory", "message": str(lim.memory_error())}
    except Exception as e:  # noqa: BLE001 - reported to the parent as a failed query, never raised
        answer = {"error": f"the query failed: {type(e).__name__}: {e}"}
    data = json.dumps(answer, ensure_ascii=False, default=str).encode("utf-8")
    view = memoryview(data)
    while view:
        n = os.write(out, view)
        view = view[n:]


def run_bounded(
    engine: Engine, query: str, limits: Limits | None = None, cancelled: Callable[[], bool] | None = None,
) -> SparqlResult:
    """``engine.query`` within the time, row and memory limits (default: the settings).

    ``cancelled`` is polled while the query runs (the API passes "has the client gone?").
    Raises SparqlLimit naming the limit, SparqlCancelled, or SparqlError for a bad query."""
    check_read_only(query)
    lim = limits or Limits.from_settings()
    if _STOPPING.is_set():
        raise SparqlCancelled("the query was stopped: the server is shutting down")
    if not hasattr(os, "fork"):  # no fork (not POSIX): rows are still capped
        return engine.query(query, lim.rows)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        try:
            os.close(r)
            _child(engine, query, lim, w)
        finally:
            os._exit(0)
    os.close(w)
    with _LIVE_LOCK:
        _LIVE[pid] = ""
    chunks: list[bytes] = []
    size, stopped = 0, ""
    deadline = time.monotonic() + lim.seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                stopped = "time"
                break
            if cancelled is not None and cancelled():
                stopped = "cancelled"
                break
            ready, _, _ = select.select([r], [], [], min(0.1, left))
            if not ready:
                continue
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > _MAX_RESULT_BYTES:
                stopped = "rows"
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        if stopped or not chunks:
            _kill(pid)
        _, status = os.waitpid(pid, 0)
        with _LIVE_LOCK:
            killed = _LIVE.pop(pid, "")
    if killed:
        raise SparqlCancelled(f"the query was stopped: the server is {'shutting down' if killed == 'shutdown' else killed}")
    if stopped == "time":
        raise lim.time_error()
    if stopped == "rows":
        raise lim.rows_error()
    if stopped == "cancelled":
        raise SparqlCancelled("the query was stopped: its caller went away")
    try:
        answer = json.loads(b"".join(chunks))
    except ValueError:
        # no answer: the child died; the usual cause is the address-space cap
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
            raise lim.time_error() from None
        raise lim.memory_error() from None
    if "limit" in answer:
        raise SparqlLimit(answer["limit"], answer["message"])
    if "error" in answer:
        raise SparqlError(answer["error"])
    res = answer["ok"]
    if res["kind"] == "ask":
        return SparqlResult("ask", boolean=res["boolean"])
    if res["kind"] == "graph":
        return SparqlResult("graph", triples=[tuple(t) for t in res["triples"]])
    return SparqlResult("select", vars=res["vars"], rows=res["rows"])
