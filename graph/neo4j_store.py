"""The production store on a Neo4j 5 server, through the official ``neo4j`` driver.

The same query names as the embedded store (graph.queries picks the "neo4j" spelling where the
dialects differ). Reads run in read transactions, and writes given together run in one write
transaction; the driver retries transient errors (deadlocks, leader switches) on its own.
Values come back as plain Python, shaped like LadybugStore's, so both stores answer alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from graph.schema import neo4j_ddl
from graph.store import GraphStore, GraphStoreError, Row

# Another process creating the same index at the same moment is not an error for us.
_SCHEMA_RACE = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
# Bolt only: driver 6 also takes http(s):// (its preview Query API), which we do not support.
_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def _native(v: Any) -> Any:
    """Driver values -> plain Python, in the shapes LadybugStore returns."""
    if v is None or isinstance(v, str | bool | int | float):
        return v
    if isinstance(v, Date | DateTime | Time):
        return v.to_native()
    if isinstance(v, Duration):  # a tuple subclass: before the list branch
        if v.months == 0:
            return timedelta(days=v.days, seconds=v.seconds, microseconds=v.nanoseconds // 1000)
        return v.iso_format()
    if isinstance(v, list | tuple):  # lists, and spatial points as [x, y(, z)]
        return [_native(x) for x in v]
    if isinstance(v, dict):
        return {k: _native(x) for k, x in v.items()}
    if isinstance(v, Node):
        return {
            "_ID": v.element_id,
            "_LABEL": next(iter(sorted(v.labels)), ""),
            **{k: _native(x) for k, x in v.items()},
        }
    if isinstance(v, Relationship):
        return {
            "_ID": v.element_id,
            "_LABEL": v.type,
            "_SRC": v.start_node.element_id if v.start_node is not None else None,
            "_DST": v.end_node.element_id if v.end_node is not None else None,
            **{k: _native(x) for k, x in v.items()},
        }
    if isinstance(v, Path):
        return {"_NODES": [_native(n) for n in v.nodes], "_RELS": [_native(r) for r in v.relationships]}
    return v


class Neo4jStore(GraphStore):
    dialect = "neo4j"

    def __init__(
        self, uri: str, user: str = "neo4j", password: str = "", database: str = "neo4j",
        retry_seconds: float = 30.0,
    ) -> None:
        """``retry_seconds``: how long execute_read/execute_write keep retrying transient errors
        (deadlocks, leader switches, a dropped connection) before the error reaches the caller."""
        self.uri = uri
        self.database = database
        if not uri.startswith(_SCHEMES):
            raise GraphStoreError(
                f"cannot use the Neo4j URI {uri!r}: it must start with one of {', '.join(_SCHEMES)}"
            )
        try:
            # Notifications off: on a fresh database every read of a not-yet-written property
            # logs a warning, which would bury a CLI user's output; our queries are fixed text.
            self.driver = GraphDatabase.driver(
                uri, auth=(user, password), max_transaction_retry_time=retry_seconds,
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as e:
            raise GraphStoreError(f"cannot use the Neo4j URI {uri!r}: {e}") from e
        try:
            self.driver.verify_connectivity()
            self.ensure_schema()
        except AuthError as e:
            self.driver.close()
            raise GraphStoreError(
                f"Neo4j at {uri} refused the credentials for user {user!r}: check "
                f"DALIL_GRAPH_USER / DALIL_GRAPH_PASSWORD ({e.message or e})"
            ) from e
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            self.driver.close()
            raise GraphStoreError(f"Neo4j at {uri} is unreachable: {e}") from e
        except (Neo4jError, DriverError) as e:
            self.driver.close()
            raise GraphStoreError(f"cannot use database {database!r} of Neo4j at {uri}: {e}") from e

    def _session(self, access: str) -> neo4j.Session:
        return self.driver.session(database=self.database, default_access_mode=access)

    def ensure_schema(self) -> None:
        with self._session(neo4j.WRITE_ACCESS) as s:
            for stmt in neo4j_ddl():
                try:
                    s.run(stmt).consume()
                except ClientError as e:
                    if e.code != _SCHEMA_RACE:
                        raise
        self.tag_untagged()

    def _read(self, text: str, params: dict[str, Any]) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            res = tx.run(text, params)
            keys = res.keys()
            # values() skips building a Record per row: measurably faster on large reads
            return [{k: _native(v) for k, v in zip(keys, vals, strict=True)} for vals in res.values()]

        try:
            with self._session(neo4j.READ_ACCESS) as s:
                return s.execute_read(work)
        except (ServiceUnavailable, SessionExpired) as e:
            raise GraphStoreError(f"Neo4j at {self.uri} is unreachable: {e}") from e

    def _write(self, ops: Sequence[tuple[str, dict[str, Any]]]) -> None:
        def work(tx: ManagedTransaction) -> None:
            for text, params in ops:
                tx.run(text, params).consume()

        try:
            with self._session(neo4j.WRITE_ACCESS) as s:
                s.execute_write(work)
        except (ServiceUnavailable, SessionExpired) as e:
            raise GraphStoreError(
                f"Neo4j at {self.uri} became unreachable during a write, which may not have been "
                f"committed; writes are idempotent upserts, so run it again: {e}"
            ) from e

    def close(self) -> None:
        self.driver.close()
