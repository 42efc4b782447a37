"""The directory a process keeps (graph.domain.scoped.DirectoryCache): read again on a server
store after its age or a change of counts, it stays the same object, with its grounder and memos,
while bodies, documents, places and concepts are unchanged; only what depends on statements is
read again. A second copy built beside the first every few seconds held 35-40 MB more in some
runs of `dalil serve` (docs/benchmarks.md, Domain questions)."""

from __future__ import annotations

import pytest

from graph.domain import scoped
from graph.model import Actor, Statement
from graph.store import GraphStore, node_ops
from tests.graph.conftest import open_test_neo4j


def _bodies(store: GraphStore) -> None:
    store.write(node_ops([Actor(id="actor:velm-circle", name="Velm Reading Circle", kind="ngo"),
                          Actor(id="actor:orrin-board", name="Orrin Water Board", kind="committee")]))


def test_a_directory_compares_by_what_it_holds(store: GraphStore) -> None:
    _bodies(store)
    a, b = scoped.Directory(store), scoped.Directory(store)
    assert a is not b and a.same_as(b)
    a.broader["concept:none"]  # a look-up of a defaultdict adds an empty set: still the same
    assert a.same_as(b) and b.same_as(a)
    store.write(node_ops([Actor(id="actor:tamsel-guild", name="Tamsel Guild", kind="ngo")]))
    assert not a.same_as(scoped.Directory(store))


def test_read_again_unchanged_the_directory_and_its_grounder_stay(store: GraphStore) -> None:
    _bodies(store)
    dc = scoped.DirectoryCache(max_age=0.0)  # a server store's directory is read again at every get
    d = dc.get(store)
    g = scoped.bare(d).cache["grounder"]
    assert dc.get(store) is d and scoped.bare(dc.get(store)).cache["grounder"] is g
    _bodies(store)  # a write through this store: read again, a new directory
    assert dc.get(store) is not d


@pytest.mark.neo4j
def test_another_processs_statements_are_read_the_bodies_kept() -> None:
    """Another store object on the test Neo4j writes, as another process would."""
    here, other = open_test_neo4j(), open_test_neo4j(wipe=False)
    try:
        _bodies(other)
        dc = scoped.DirectoryCache(max_age=0.0)
        d = dc.get(here)
        assert scoped.unscoped(here, d) == (set(), set())
        other.write(node_ops([Statement(id="st:anywhere", kind="mandate", quote="The Velm Reading Circle shall read.")]))
        assert dc.get(here) is d and scoped.unscoped(here, d)[0] == {"st:anywhere"}
        other.write(node_ops([Actor(id="actor:tamsel-guild", name="Tamsel Guild", kind="ngo")]))
        d2 = dc.get(here)
        assert d2 is not d and "actor:tamsel-guild" in d2.actors
    finally:
        here.close()
        other.close()
