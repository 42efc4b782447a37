"""One body and the network of statements around it: its card, its neighbours, the chain that
links two bodies; the service (api.service.Dalil) mixes this in.

Each answer reads the cached Snapshot for names and statements and asks the store only for the
edges it walks, so a large graph is not copied per request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.domain import Snapshot
from graph.store import GraphStore


class BodyNetwork:
    graph: GraphStore

    if TYPE_CHECKING:  # the service's own methods these rely on
        def snapshot(self) -> Snapshot: ...
        def actor_id(self, name: str, snap: Snapshot | None = None) -> str: ...

    def actor(self, actor: str) -> dict[str, Any]:
        """One body with its statements (as `why` rows), places, themes and neighbours."""
        snap = self.snapshot()
        aid = self.actor_id(actor, snap)
        a = snap.actors[aid]
        why = [snap.why(st) | {"role": "subject" if aid in st.subjects else "object"}
               for st in snap.statements.values() if aid in st.subjects or aid in st.objects]
        hood = self.neighbourhood(aid, 1, snap)
        return {
            "id": aid, "name": a["name"], "name_ar": a["name_ar"], "aliases": a["aliases"], "kind": a["kind"],
            "level": a["level"], "is_class": a["is_class"],
            "places": sorted(snap.actor_places.get(aid, set())), "themes": sorted(snap.actor_concepts.get(aid, set())),
            "classes": snap.classes_of(aid), "why": why,
            "neighbours": [n for n in hood["nodes"] if n["id"] != aid],
        }

    def _node(self, snap: Snapshot, aid: str) -> dict[str, Any]:
        a = snap.actors.get(aid, {})
        return {"id": aid, "name": a.get("name", aid), "kind": a.get("kind", ""), "level": a.get("level", "")}

    def _edge(self, snap: Snapshot, src: str, dst: str, kind: str, sid: str) -> dict[str, Any]:
        st = snap.statements.get(sid)
        return {"src": src, "dst": dst, "kind": kind, "statement": sid,
                "status": st.status if st else "", "themes": st.concepts if st else [],
                "places": st.places if st else []}

    def neighbourhood(self, actor: str, depth: int = 1, snap: Snapshot | None = None) -> dict[str, Any]:
        """{"nodes": [{id, name, kind, level}], "edges": [{src, dst, kind, statement}]}"""
        snap = snap or self.snapshot()
        start = self.actor_id(actor, snap)
        seen, frontier, edges = {start}, [start], {}
        for _ in range(max(1, min(depth, 3))):
            nxt = []
            for aid in frontier:
                for r in self.graph.run("neighbourhood", id=aid):
                    edges[(r["statement"], r["src"], r["dst"])] = r
                    for other in (r["src"], r["dst"]):
                        if other not in seen:
                            seen.add(other)
                            nxt.append(other)
            frontier = nxt
        return {
            "center": start,
            "nodes": [self._node(snap, n) for n in sorted(seen, key=lambda x: (x != start, x))],
            "edges": [self._edge(snap, r["src"], r["dst"], r["kind"], r["statement"])
                      for _, r in sorted(edges.items())],
        }

    def path(self, a: str, b: str) -> dict[str, Any]:
        """The shortest chain of statements linking two bodies (empty when none)."""
        snap = self.snapshot()
        src, dst = self.actor_id(a, snap), self.actor_id(b, snap)
        rows = self.graph.run("shortest_path", src=src, dst=dst) if src != dst else [{"ids": [src]}]
        ids: list[str] = rows[0]["ids"] if rows else []
        nodes = [i for i in ids if i in snap.actors]
        edges = []
        for i, sid in enumerate(ids):
            if sid in snap.statements and 0 < i < len(ids) - 1:
                st = snap.statements[sid]
                x, y = ids[i - 1], ids[i + 1]
                s_, d_ = (x, y) if x in st.subjects else (y, x)
                edges.append(self._edge(snap, s_, d_, st.kind, sid))
        return {"src": src, "dst": dst, "found": bool(ids), "nodes": [self._node(snap, n) for n in nodes],
                "edges": edges}
