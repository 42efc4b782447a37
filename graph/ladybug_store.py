"""The embedded default store on LadybugDB (a maintained Kùzu fork): a folder on disk, no server.

One process owns the database file (the engine's rule, measured in graph-engines.md §4);
readers in the same process share this one store. A second process gets a clear error.

Upserts are not written with MERGE here: the engine's MERGE costs time in proportion to the
rows already in the table (and a relationship MERGE to the degree of its endpoints), so a
100,000-row table took 20x the time of a 10,000-row one (issue 17). Each batch instead looks
its ids up through the primary-key index, CREATEs the missing nodes and SETs the others; a
relationship with an endpoint created in the same write cannot exist yet and is CREATEd, any
other keeps MERGE. The result is the same graph as MERGE gives (the congruence tests compare it
with Neo4j, which keeps MERGE: there it is index-backed and linear).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import ladybug as lb

from graph.model import NODE_TYPES, REL_BY_NAME
from graph.queries import text_for
from graph.schema import DERIVED_COLUMNS, ladybug_ddl, node_fields
from graph.settings import get_settings
from graph.store import _PLAIN, GraphStore, GraphStoreError, Row, WriteOp, _plain

_MODELS = {m.label: m for m in NODE_TYPES}


@cache
def _node_texts(label: str) -> tuple[str, str, str]:
    """(look up ids, create, update) for one node label; update is "" for an id-only label."""
    fields = [f for f in node_fields(_MODELS[label]) if f != "id"]
    look = f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id"
    create = f"UNWIND $rows AS r CREATE (n:{label} {{" + ", ".join(f"{f}: r.{f}" for f in ["id", *fields]) + "})"
    update = (f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET " + ", ".join(f"n.{f} = r.{f}" for f in fields)
              if fields else "")
    return look, create, update


@cache
def _edge_create(rel: str) -> str:
    spec = REL_BY_NAME[rel]
    props = ", ".join(f"{p}: r.{p}" for p in spec.props)
    return (f"UNWIND $rows AS r MATCH (a:{spec.src} {{id: r.src}}) MATCH (b:{spec.dst} {{id: r.dst}}) "
            f"CREATE (a)-[e:{rel}{' {' + props + '}' if props else ''}]->(b)")


# the pool sized from the graph file: this many times the file, never under the floor (an
# ingest into a new folder grows its file from nothing), never over the engine's own default
POOL_FLOOR_MB = 1024
POOL_PER_FILE = 8


def pool_bytes(path: Path) -> int:
    """The buffer pool to open ``path`` with (DALIL_LADYBUG_POOL_MB, else sized from the file).

    The engine's default pool is 80% of RAM, and its frame table costs about 2 MB of resident
    memory per GB of pool in every process, before any page is read: 35-40 MB of a `dalil serve`
    on a 24 GB machine, more on a larger one. The questions of a 100,000-statement graph (a 59 MB
    file) hold about 90 MB of the pool; a whole-graph read, a few times the file."""
    mb = get_settings().ladybug_pool_mb
    if mb > 0:
        return mb << 20
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    size = path.stat().st_size if path.exists() else 0
    return int(min(max(POOL_FLOOR_MB << 20, POOL_PER_FILE * size), 0.8 * ram))


class LadybugStore(GraphStore):
    """Writes (and users' own queries) run on one connection; named queries, which only read,
    run on a connection per thread, which the engine lets read the last committed state while
    a write transaction is open on the first: readers never wait for a writer (issue 17)."""

    dialect = "ladybug"
    concurrent_reads = True

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self._local = threading.local()
        self._readers: list[lb.Connection] = []
        self._readers_lock = threading.Lock()
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open(read_only)
        except (RuntimeError, ValueError) as e:  # a damaged write-ahead log raises ValueError
            if "lock" in str(e).lower():
                raise GraphStoreError(
                    f"the graph at {self.path} is held by another process (a running `dalil serve` "
                    "or `dalil ingest`). Wait for it to finish, use the server's web pages or API, "
                    "or stop it and run the command again."
                ) from e
            if "checkpoint" in str(e).lower() and "outside the database file" in str(e).lower():
                raise GraphStoreError(
                    f"the graph file {self.path} is truncated or damaged (it ends before its own catalog); "
                    "restore it from a backup, or ingest into a new data folder (--home)"
                ) from e
            raise GraphStoreError(f"cannot open the graph at {self.path}: {e}") from e
        self.conn = lb.Connection(self.db)
        if not self.read_only:
            self.ensure_schema()

    def _open(self, read_only: bool) -> lb.Database:
        """The database; when another process holds it for writing (an ingest), read-only, so
        questions keep answering from its last committed state (issue 17) and only writes wait."""
        self.read_only = read_only
        try:
            return lb.Database(str(self.path), read_only=read_only, buffer_pool_size=pool_bytes(self.path))
        except RuntimeError as e:
            if read_only or "lock" not in str(e).lower() or not self.path.exists():
                raise
            self.read_only = True
            return lb.Database(str(self.path), read_only=True, buffer_pool_size=pool_bytes(self.path))

    def ensure_schema(self) -> None:
        for stmt in ladybug_ddl():
            self.conn.execute(stmt)
        self._add_new_columns()
        self.tag_untagged()

    def _add_new_columns(self) -> None:
        """A data folder made before a field was added to a node model (``Statement.text_source``)
        gets the column, at the field's default, instead of failing every write."""
        for model in NODE_TYPES:
            have = {r["name"] for r in self._read(f"CALL table_info('{model.label}') RETURN *", {})}
            for name, kind in node_fields(model).items():
                if name not in have:
                    default = model.model_fields[name].get_default(call_default_factory=True)
                    literal = "[]" if isinstance(default, list) else repr(default).lower() if isinstance(default, bool) \
                        else repr(default)
                    self.conn.execute(f"ALTER TABLE {model.label} ADD {name} {kind} DEFAULT {literal}")
            for name, kind in DERIVED_COLUMNS.get(model.label, {}).items():
                if name not in have:  # NULL until computed (graph.mentions): read as unknown
                    self.conn.execute(f"ALTER TABLE {model.label} ADD {name} {kind}")

    def _reader(self) -> lb.Connection:
        conn: lb.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = lb.Connection(self.db)
            with self._readers_lock:
                self._readers.append(conn)
            self._local.conn = conn
        return conn

    def run(self, name: str, **params: Any) -> list[Row]:
        """Each row made plain as it is read, not in a second pass: the Directory's reads (10,000
        bodies, their places and themes) otherwise held every row twice at once, and the freed
        copies left the process's heap fragmented around the rows it keeps (``dalil serve`` RSS)."""
        return self._read(text_for(name, self.dialect), params, self._reader(), plain=True)

    def rows(self, name: str, **params: Any) -> Iterator[Row]:
        """One row at a time from the engine's result: the directory's 10,000 bodies were a list
        of dicts before being packed by column, and that list set the process's high-water."""
        return self._rows(text_for(name, self.dialect), params, self._reader(), plain=True)

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        conn = self._reader()
        if getattr(self._local, "depth", 0):  # nested: the outer block's transaction holds
            yield
            return
        conn.execute("BEGIN TRANSACTION READ ONLY")
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            conn.execute("COMMIT")

    def _read(self, text: str, params: dict[str, Any], conn: lb.Connection | None = None,
              plain: bool = False) -> list[Row]:
        return list(self._rows(text, params, conn, plain))

    def _rows(self, text: str, params: dict[str, Any], conn: lb.Connection | None = None,
              plain: bool = False) -> Iterator[Row]:
        res = (conn or self.conn).execute(text, params)
        if isinstance(res, list):  # several statements: the last result counts
            res = res[-1]
        cols = res.get_column_names()
        while res.has_next():
            vals = res.get_next()
            if plain:  # a plain value as it is, and a list of strings (a statement's ids, its mentions) too
                vals = [v if type(v) in _PLAIN or type(v) is list and all(type(x) is str for x in v) else _plain(v)
                        for v in vals]
            yield dict(zip(cols, vals, strict=True))

    def _check_writable(self) -> None:
        if self.read_only:
            raise GraphStoreError(
                f"the graph at {self.path} is being written by another process (a `dalil ingest`?); "
                "questions work meanwhile, but this command writes: run it again when that one has finished")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN ... COMMIT, rolled back when anything (an error, an interrupt) stops the body."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _write(self, ops: Sequence[tuple[str, dict[str, Any]]]) -> None:
        self._check_writable()
        with self._transaction():
            for text, params in ops:
                self.conn.execute(text, params)

    def write(self, ops: Iterable[WriteOp]) -> None:
        """Named operations in one transaction, upserts and links as described in the module
        docstring; every other operation (deletes, reviews) runs as its query text says."""
        todo = [(name, rows) for name, rows in ops if rows]
        if not todo:
            return
        self._check_writable()
        todo, before = self._with_mentions(todo)
        try:
            with self._transaction():
                _Batch(self).run(todo)
        finally:  # as GraphStore.write: caches of the graph rebuild after any attempt
            self.generation += 1
        self._after_write(before)

    def close(self) -> None:
        try:
            with self._readers_lock:
                for conn in self._readers:
                    conn.close()
                self._readers.clear()
            self.conn.close()
        finally:
            self.db.close()


class _Batch:
    """One write's state: which nodes and edges it created, so that their new edges need no MERGE.

    Any operation other than an upsert or a link (a delete) forgets that state, since it may
    have removed what this write made; later links then fall back to MERGE.
    """

    def __init__(self, store: LadybugStore) -> None:
        self.store = store
        self.created: dict[str, set[str]] = {}
        self.linked: dict[str, set[tuple[str, str]]] = {}

    def run(self, ops: list[WriteOp]) -> None:
        size = self.store.batch_size
        for name, rows in ops:
            kind, _, what = name.partition("_")
            for i in range(0, len(rows), size):
                chunk = rows[i : i + size]
                if kind == "upsert" and what in _MODELS:
                    self.upsert(what, chunk)
                elif kind == "link" and what in REL_BY_NAME:
                    self.link(what, chunk)
                else:
                    self.other(name, chunk)

    def _exec(self, text: str, params: dict[str, Any]) -> Any:
        return self.store.conn.execute(text, params)

    def upsert(self, label: str, rows: list[Row]) -> None:
        look, create, update = _node_texts(label)
        by_id = {r["id"]: r for r in rows}  # last one wins, as with MERGE ... SET
        res = self._exec(look, {"ids": list(by_id)})
        have = set()
        while res.has_next():
            have.add(res.get_next()[0])
        new = [r for i, r in by_id.items() if i not in have]
        old = [r for i, r in by_id.items() if i in have]
        if new:
            self._exec(create, {"rows": new})
            self.created.setdefault(label, set()).update(r["id"] for r in new)
        if old and update:
            self._exec(update, {"rows": old})

    def link(self, rel: str, rows: list[Row]) -> None:
        spec = REL_BY_NAME[rel]
        new_src, new_dst = self.created.get(spec.src, set()), self.created.get(spec.dst, set())
        made = self.linked.setdefault(rel, set())
        fresh: dict[tuple[str, str], Row] = {}
        merge: list[Row] = []
        for r in rows:
            key = (r["src"], r["dst"])
            if key not in made and (key[0] in new_src or key[1] in new_dst):
                fresh[key] = r  # last one wins, as with MERGE ... SET
            else:
                merge.append(r)
        if fresh:
            self._exec(_edge_create(rel), {"rows": list(fresh.values())})
            made.update(fresh)
        if merge:
            self._exec(text_for(f"link_{rel}", "ladybug"), {"rows": merge})

    def other(self, name: str, rows: list[Row]) -> None:
        text = text_for(name, "ladybug")
        if name.startswith("unlink_"):
            self._exec(text, {"rows": rows})
        else:
            for params in rows:
                self._exec(text, params)
        self.created.clear()
        self.linked.clear()
