"""Network measures over the actor network, checked against their definitions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from graph import domain
from graph.ladybug_store import LadybugStore
from graph.model import Actor, Document, Edge, Statement
from graph.network import actor_graph, measures, network
from graph.rdf import write_graph


def test_demo_network_measures_follow_their_definitions(demo_dalil: Any) -> None:
    snap = domain.Snapshot(demo_dalil.graph)
    rep = network(snap)
    assert len(rep.nodes) > 10 and rep.edges
    # degree = distinct bodies linked through a live statement, recomputed from the snapshot
    neighbours: dict[str, set[str]] = {}
    for st in snap.live():
        for s in st.subjects:
            for o in st.objects:
                if s != o and s in snap.actors and o in snap.actors:
                    neighbours.setdefault(s, set()).add(o)
                    neighbours.setdefault(o, set()).add(s)
    assert {n.id: n.degree for n in rep.nodes} == {k: len(v) for k, v in neighbours.items()}
    # communities partition the nodes
    members = [m for c in rep.communities for m in c]
    assert sorted(members) == sorted(n.id for n in rep.nodes)
    # a bridge is an edge whose removal adds a component
    g = actor_graph(snap)
    for a, b in rep.bridges:
        h = g.copy()
        h.remove_edge(a, b)
        assert nx.number_connected_components(h) == rep.components + 1
    assert rep.nodes == sorted(rep.nodes, key=lambda x: (-x.betweenness, -x.strength, x.name))
    assert network(snap) == rep  # deterministic


def _st(i: str, review: str = "") -> Statement:
    return Statement(id=f"st:{i}", kind="partnership", quote=f"q {i}", doc_id="doc:d", review=review)


def test_path_graph_and_rejected_statements(tmp_path: Path) -> None:
    """a - b - c: b carries every shortest path, both links are bridges; a rejected link is gone."""
    actors = [Actor(id=f"actor:{x}", name=x.upper(), kind="ngo") for x in "abcd"]
    sts = [_st("ab"), _st("bc"), _st("cd", review="rejected")]
    edges = [
        Edge(rel="SUBJECT", src="actor:a", dst="st:ab"), Edge(rel="OBJECT", src="st:ab", dst="actor:b"),
        Edge(rel="SUBJECT", src="actor:b", dst="st:bc"), Edge(rel="OBJECT", src="st:bc", dst="actor:c"),
        Edge(rel="SUBJECT", src="actor:c", dst="st:cd"), Edge(rel="OBJECT", src="st:cd", dst="actor:d"),
    ]
    s = LadybugStore(tmp_path / "n.lbug")
    try:
        write_graph(s, [*actors, *sts, Document(id="doc:d", title="d")], edges)
        rep = measures(actor_graph(domain.Snapshot(s)))
    finally:
        s.close()
    by = {n.id: n for n in rep.nodes}
    assert set(by) == {"actor:a", "actor:b", "actor:c"}
    assert by["actor:b"].betweenness == 1.0 and by["actor:a"].betweenness == 0.0
    assert by["actor:b"].articulation and not by["actor:a"].articulation
    assert rep.bridges == [("actor:a", "actor:b"), ("actor:b", "actor:c")]
    assert all(e.bridge for e in rep.edges) and rep.components == 1
