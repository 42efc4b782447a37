"""Neo4j for the graph tests: the shared server named by DALIL_TEST_NEO4J_URI, or a skip.

Without the variable the Neo4j tests skip with a message saying how to point them at a server,
unless ``DALIL_REQUIRE_NEO4J=1`` (CI), where a missing or unreachable Neo4j fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore, GraphStoreError

NO_NEO4J = (
    "no Neo4j: run `make test` (starts one when Java and Maven are present) "
    "or set DALIL_TEST_NEO4J_URI=bolt://host:7687 (and DALIL_TEST_NEO4J_PASSWORD)"
)


def neo4j_required() -> bool:
    return os.environ.get("DALIL_REQUIRE_NEO4J") == "1"


def neo4j_password() -> str:
    return os.environ.get("DALIL_TEST_NEO4J_PASSWORD", "dalil-test-pw")


def open_test_neo4j(wipe: bool = True) -> GraphStore:
    """A Neo4jStore on the test server (wiped by default); skips, or fails when required."""
    uri = os.environ.get("DALIL_TEST_NEO4J_URI", "")
    if not uri:
        if neo4j_required():
            pytest.fail("DALIL_REQUIRE_NEO4J=1 but DALIL_TEST_NEO4J_URI is unset; " + NO_NEO4J)
        pytest.skip(NO_NEO4J)
    from graph.neo4j_store import Neo4jStore

    try:
        store = Neo4jStore(uri, password=neo4j_password())
    except GraphStoreError as e:
        if neo4j_required():
            pytest.fail(f"DALIL_REQUIRE_NEO4J=1 but {e}")
        pytest.skip(f"{e}; {NO_NEO4J}")
    if wipe:  # in batches: a big graph (say, a benchmark's) passes one transaction's memory limit
        with store.driver.session(database=store.database) as s:  # type: ignore[attr-defined]
            s.run("MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 5000 ROWS").consume()
            s.run("MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    return store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """The embedded store, then the test Neo4j: what must hold on both (a module may define its own)."""
    from graph.ladybug_store import LadybugStore

    s: GraphStore = LadybugStore(tmp_path / "g.lbug") if request.param == "embedded" else open_test_neo4j()
    try:
        yield s
    finally:
        s.close()
