"""The one interface every graph backend implements, and the factory that picks one.

Domain code calls ``store.run(name, **params)`` and ``store.write([(name, rows), ...])`` with
query names from graph.queries; the backend decides the dialect. Writes given together commit
together, so a document's facts are never half-replaced.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from graph.model import REL_BY_NAME, Edge, Node
from graph.queries import text_for

Row = dict[str, Any]
WriteOp = tuple[str, list[Row]]


class GraphStoreError(RuntimeError):
    """A store failed in a way the user can act on (unreachable, locked, wrong password)."""


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _plain(v: Any) -> Any:
    """Engine values -> plain JSON-able Python, identically for every backend."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, list | tuple):
        return [x if type(x) in _PLAIN else _plain(x) for x in v]
    return v


class GraphStore(ABC):
    dialect: str = ""
    batch_size: int = 500
    # Bumped by every write through this object, so caches of what the graph holds (the
    # service's Snapshot, the SPARQL dataset) know when to rebuild without asking the store.
    generation: int = 0
    # True when ``run`` may be called from any thread while another thread writes: each thread
    # reads on its own connection the last committed state, so a reader never waits for a
    # writer (issue 17); the service then locks writes only (api/deps.py)
    concurrent_reads: bool = False

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """The reads of this block see one committed state of the graph, where the backend can
        (a cache built from many queries is then never half before and half after a write)."""
        yield

    @property
    def exclusive(self) -> bool:
        """True when this process is the store's only writer (the embedded store holds a
        process lock), so ``generation`` alone says whether the graph changed; a server store
        (Neo4j) may also be written by other processes, so caches of it must also expire by age."""
        return self.dialect == "ladybug"

    @abstractmethod
    def ensure_schema(self) -> None: ...

    @abstractmethod
    def _read(self, text: str, params: dict[str, Any]) -> list[Row]: ...

    @abstractmethod
    def _write(self, ops: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Run the (text, params) statements in one transaction."""

    @abstractmethod
    def close(self) -> None: ...

    # -- public API, shared by every backend --------------------------------------------
    def run(self, name: str, **params: Any) -> list[Row]:
        rows = self._read(text_for(name, self.dialect), params)
        # most values are already plain (strings, numbers): convert only the others
        return [{k: v if type(v) in _PLAIN else _plain(v) for k, v in r.items()} for r in rows]

    def rows(self, name: str, **params: Any) -> Iterator[Row]:
        """The rows of ``run`` one at a time, for a reader that keeps them in another form (the
        directory's bodies, graph.domain.bodyrows): a store that reads them one at a time need
        not hold them all as dicts at once."""
        yield from self.run(name, **params)

    def cypher(self, text: str, **params: Any) -> list[Row]:
        """Run a user's own read query (researchers); results as plain rows.

        Nothing stops such a query from writing on the embedded engine, so it counts as a write.
        """
        try:
            return [{k: _plain(v) for k, v in r.items()} for r in self._read(text, params)]
        finally:
            self.generation += 1

    def write(self, ops: Iterable[WriteOp]) -> None:
        ops, before = self._with_mentions(ops)
        stmts: list[tuple[str, dict[str, Any]]] = []
        for name, rows in ops:
            text = text_for(name, self.dialect)
            if name.startswith(("upsert_", "link_", "unlink_")):
                for i in range(0, len(rows), self.batch_size):
                    stmts.append((text, {"rows": rows[i : i + self.batch_size]}))
            else:
                for params in rows:
                    stmts.append((text, params))
        if stmts:
            try:
                self._write(stmts)
            finally:  # a failed write may still have changed a non-transactional backend
                self.generation += 1
            self._after_write(before)

    # -- the concepts each statement's quote names (graph.mentions), kept by every write -------
    def _with_mentions(self, ops: Iterable[WriteOp]) -> tuple[list[WriteOp], tuple[bool, str | None]]:
        from graph import mentions

        todo = list(ops)
        before = mentions.vocab_before(self, todo)
        todo, vocab = mentions.with_mentions(self, todo)
        return todo, (vocab, before)

    def _after_write(self, before: tuple[bool, str | None]) -> None:
        from graph import mentions

        mentions.after_write(self, *before)

    def tag_untagged(self) -> int:
        """On open: the mentions of statements written before they were kept (graph.mentions)."""
        from graph import mentions

        return mentions.retag(self, "mention_page_untagged")

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def node_ops(nodes: Iterable[Node]) -> list[WriteOp]:
    """Group nodes by label into upsert operations, deduplicated by id (last one wins)."""
    by_label: dict[str, dict[str, Row]] = {}
    for n in nodes:
        by_label.setdefault(n.label, {})[n.id] = n.model_dump()
    return [(f"upsert_{label}", list(rows.values())) for label, rows in by_label.items()]


def edge_ops(edges: Iterable[Edge]) -> list[WriteOp]:
    by_rel: dict[str, dict[tuple[str, str], Row]] = {}
    for e in edges:
        spec = REL_BY_NAME[e.rel]
        row: Row = {"src": e.src, "dst": e.dst}
        for p in spec.props:
            row[p] = e.props.get(p, "")
        by_rel.setdefault(e.rel, {})[(e.src, e.dst)] = row
    return [(f"link_{rel}", list(rows.values())) for rel, rows in by_rel.items()]


def open_store(uri: str = "", path: str = "", **kw: Any) -> GraphStore:
    """Backend by configuration: a ``neo4j://`` or ``bolt://`` URI, else the embedded store."""
    if uri.startswith(("neo4j://", "neo4j+s://", "bolt://", "bolt+s://", "neo4j+ssc://", "bolt+ssc://")):
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(uri, **kw)
    from graph.ladybug_store import LadybugStore

    return LadybugStore(path or uri)
