"""Network measures over the actor network: who is central, who bridges, which groups form.

The network joins two bodies when a live statement names one as subject and the other as
object (partnership, funding, support, supervision, membership, post, part of, or a mandate
naming a partner); the weight is how many statements do. Rejected statements are left out,
as in every answer. networkx is enough at this size (hundreds of bodies); the measures are
deterministic (no random seeds), so the CLI, the API and the notebooks agree.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pydantic import BaseModel, Field

from graph.domain import Snapshot


class NetworkNode(BaseModel):
    id: str
    name: str
    kind: str
    level: str
    degree: int = Field(description="distinct bodies linked")
    strength: int = Field(description="statements linking it (weighted degree)")
    betweenness: float = Field(description="share of shortest paths through it (normalised)")
    community: int
    articulation: bool = Field(description="removing it splits its component")


class NetworkEdge(BaseModel):
    src: str
    dst: str
    weight: int
    kinds: list[str]
    statements: list[str]
    bridge: bool


class NetworkReport(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    communities: list[list[str]]
    bridges: list[tuple[str, str]]
    components: int
    density: float


def actor_graph(snap: Snapshot, include_persons: bool = True) -> nx.Graph:
    """Undirected weighted graph of bodies linked by live statements (subject -> object)."""
    g = nx.Graph()
    links: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"kinds": set(), "statements": set()})
    for st in snap.live():
        for s in st.subjects:
            for o in st.objects:
                if s == o or s not in snap.actors or o not in snap.actors:
                    continue
                if not include_persons and "person" in (snap.actors[s]["kind"], snap.actors[o]["kind"]):
                    continue
                a, b = sorted((s, o))
                links[(a, b)]["kinds"].add(st.kind)
                links[(a, b)]["statements"].add(st.id)
    for (a, b), d in sorted(links.items()):
        for n in (a, b):
            if n not in g:
                act = snap.actors[n]
                g.add_node(n, name=act["name"], kind=act["kind"], level=act["level"])
        g.add_edge(a, b, weight=len(d["statements"]), kinds=sorted(d["kinds"]), statements=sorted(d["statements"]))
    return g


def measures(g: nx.Graph) -> NetworkReport:
    between = nx.betweenness_centrality(g, normalized=True) if len(g) else {}
    comms = sorted(
        (sorted(c) for c in nx.community.greedy_modularity_communities(g, weight="weight")) if g.number_of_edges() else
        ([n] for n in g.nodes),
        key=lambda c: (-len(c), c[0]),
    )
    comm_of = {n: i for i, c in enumerate(comms) for n in c}
    bridges = sorted(tuple(sorted(e)) for e in nx.bridges(g)) if len(g) else []
    bridge_set = set(bridges)
    arts = set(nx.articulation_points(g)) if len(g) else set()
    nodes = [
        NetworkNode(
            id=n, name=d["name"], kind=d["kind"], level=d["level"], degree=g.degree(n),
            strength=int(g.degree(n, weight="weight")), betweenness=round(between.get(n, 0.0), 6),
            community=comm_of[n], articulation=n in arts,
        )
        for n, d in g.nodes(data=True)
    ]
    nodes.sort(key=lambda x: (-x.betweenness, -x.strength, x.name))
    edges = [
        NetworkEdge(src=a, dst=b, weight=d["weight"], kinds=d["kinds"], statements=d["statements"],
                    bridge=(a, b) in bridge_set or (b, a) in bridge_set)
        for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1]))
    ]
    return NetworkReport(
        nodes=nodes, edges=edges, communities=comms, bridges=[(a, b) for a, b in bridges],
        components=nx.number_connected_components(g) if len(g) else 0,
        density=round(nx.density(g), 6) if len(g) > 1 else 0.0,
    )


def network(snap: Snapshot, include_persons: bool = True) -> NetworkReport:
    return measures(actor_graph(snap, include_persons))
