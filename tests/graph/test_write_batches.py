"""The embedded store's batched writes (lookup, CREATE, SET; issue 17) give the graph MERGE gives.

The same sequence of writes - new and repeated nodes, a row twice in one operation, a delete
followed by a re-create in one write, edges to nodes made in the same write and to nodes that
were already there, properties changed on an existing edge - goes into LadybugDB and into a
real Neo4j (which keeps MERGE), with a batch size of 3 so every operation spans batches; then
every node and edge is compared, and no edge may exist twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from graph.model import NODE_TYPES, REL_TYPES, Actor, Edge, Effort, Place
from graph.store import GraphStore, WriteOp, edge_ops, node_ops
from tests.graph.conftest import open_test_neo4j


def _org(i: int, name: str = "") -> Actor:
    return Actor(id=f"actor:org-{i}", name=name or f"Organisation {i}", kind="ngo", source="3w")


def _effort(i: int, title: str = "") -> Effort:
    return Effort(id=f"effort:e{i:03d}", title=title or f"effort {i}", sector="Health", doc_id="doc:t", page=i)


PLACES = [Place(id=f"place:p{i}", name=f"Place {i}", level="district") for i in range(4)]


def _writes() -> list[list[WriteOp]]:
    first: list[WriteOp] = [
        *node_ops([*PLACES, *(_org(i) for i in range(5)), *(_effort(i) for i in range(10))]),
        *edge_ops([Edge(rel="ROLE", src=f"actor:org-{i % 5}", dst=f"effort:e{i:03d}", props={"role": "implementer"})
                   for i in range(10)]),
        *edge_ops([Edge(rel="EFFORT_IN", src=f"effort:e{i:03d}", dst=f"place:p{i % 4}") for i in range(10)]),
    ]
    # one operation naming a node twice and an edge twice: the last row wins, as with MERGE ... SET
    twice: list[WriteOp] = [
        ("upsert_Actor", [_org(7, "first spelling").model_dump(), _org(7, "second spelling").model_dump()]),
        ("link_ROLE", [{"src": "actor:org-7", "dst": "effort:e001", "role": "funder"},
                       {"src": "actor:org-7", "dst": "effort:e001", "role": "partner"}]),
    ]
    # existing nodes updated, an existing edge's property changed, new edges between old nodes
    update: list[WriteOp] = [
        *node_ops([_org(1, "Organisation one, renamed"), _effort(2, "effort two, retitled")]),
        ("link_ROLE", [{"src": "actor:org-2", "dst": "effort:e002", "role": "funder"},
                       {"src": "actor:org-3", "dst": "effort:e002", "role": "partner"}]),
        *edge_ops([Edge(rel="EFFORT_IN", src="effort:e002", dst="place:p3")]),
    ]
    # a document's efforts replaced in one write: deleted, then made again (some with the old ids)
    replace: list[WriteOp] = [
        ("delete_doc_efforts", [{"doc_id": "doc:t"}]),
        *node_ops([_effort(i, f"effort {i}, second import") for i in range(5, 14)]),
        *edge_ops([Edge(rel="ROLE", src=f"actor:org-{i % 3}", dst=f"effort:e{i:03d}", props={"role": "partner"})
                   for i in range(5, 14)]),
        *edge_ops([Edge(rel="EFFORT_IN", src=f"effort:e{i:03d}", dst="place:p0") for i in range(5, 14)]),
        # and an edge given again in a later operation of the same write, with another role
        ("link_ROLE", [{"src": "actor:org-0", "dst": "effort:e006", "role": "funder"}]),
        # an edge to a node that does not exist is no edge, on either store
        ("link_ROLE", [{"src": "actor:org-0", "dst": "effort:missing", "role": "funder"}]),
    ]
    return [first, twice, update, first, replace]


def _dump(store: GraphStore) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in NODE_TYPES:
        out[m.label] = [json.dumps(r, sort_keys=True) for r in store.run(f"sync_page_{m.label}", after="", limit=10_000)]
    for r in REL_TYPES:
        out[r.name] = [json.dumps(x, sort_keys=True)
                       for x in store.run(f"sync_page_{r.name}", after="", after_dst="", limit=10_000)]
    return out


def _edge_count(store: GraphStore, rel: str) -> int:
    return int(store.cypher(f"MATCH ()-[e:{rel}]->() RETURN count(e) AS n")[0]["n"])


@pytest.fixture
def ladybug(tmp_path: Path) -> Iterator[GraphStore]:
    with LadybugStore(tmp_path / "w.lbug") as s:
        s.batch_size = 3
        yield s


def _apply(store: GraphStore) -> dict[str, list[str]]:
    for ops in _writes():
        store.write(ops)
    return _dump(store)


def test_batched_writes_make_each_node_and_edge_once(ladybug: GraphStore) -> None:
    got = _apply(ladybug)
    for rel in ("ROLE", "EFFORT_IN"):
        pairs = {(r["src"], r["dst"]) for r in map(json.loads, got[rel])}
        assert _edge_count(ladybug, rel) == len(pairs) > 0, rel  # no edge twice
    efforts = {json.loads(r)["id"]: json.loads(r) for r in got["Effort"]}
    assert sorted(efforts) == [f"effort:e{i:03d}" for i in range(5, 14)]
    assert efforts["effort:e006"]["title"] == "effort 6, second import"
    roles = {(r["src"], r["dst"]): r["role"] for r in map(json.loads, got["ROLE"])}
    assert roles[("actor:org-0", "effort:e006")] == "funder"
    assert ("actor:org-7", "effort:e001") not in roles  # its effort was deleted
    actors = {r["id"]: r["name"] for r in map(json.loads, got["Actor"])}
    assert actors["actor:org-7"] == "second spelling"
    assert actors["actor:org-1"] == "Organisation 1"  # the later `first` write set it back


def test_batched_writes_agree_with_neo4j(ladybug: GraphStore) -> None:
    neo = open_test_neo4j()
    try:
        neo.batch_size = 3
        assert _apply(ladybug) == _apply(neo)
        for ops in _writes()[1:3]:  # an edge property changed on existing nodes, on both stores
            ladybug.write(ops)
            neo.write(ops)
        assert _dump(ladybug) == _dump(neo)
    finally:
        neo.close()
