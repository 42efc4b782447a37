"""The embedded default store on LadybugDB (a maintained Kùzu fork): a folder on disk, no server.

One process owns the database file (the engine's rule, measured in graph-engines.md §4);
readers in the same process share this one store. A second process gets a clear error.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ladybug as lb

from graph.model import NODE_TYPES
from graph.schema import ladybug_ddl, node_fields
from graph.store import GraphStore, GraphStoreError, Row


class LadybugStore(GraphStore):
    dialect = "ladybug"

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
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
            return lb.Database(str(self.path), read_only=read_only)
        except RuntimeError as e:
            if read_only or "lock" not in str(e).lower() or not self.path.exists():
                raise
            self.read_only = True
            return lb.Database(str(self.path), read_only=True)

    def ensure_schema(self) -> None:
        for stmt in ladybug_ddl():
            self.conn.execute(stmt)
        self._add_new_columns()

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

    def _read(self, text: str, params: dict[str, Any]) -> list[Row]:
        res = self.conn.execute(text, params)
        if isinstance(res, list):  # several statements: the last result counts
            res = res[-1]
        cols = res.get_column_names()
        out = []
        while res.has_next():
            out.append(dict(zip(cols, res.get_next(), strict=True)))
        return out

    def _write(self, ops: Sequence[tuple[str, dict[str, Any]]]) -> None:
        if self.read_only:
            raise GraphStoreError(
                f"the graph at {self.path} is being written by another process (a `dalil ingest`?); "
                "questions work meanwhile, but this command writes: run it again when that one has finished")
        self.conn.execute("BEGIN TRANSACTION")
        try:
            for text, params in ops:
                self.conn.execute(text, params)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self.db.close()
