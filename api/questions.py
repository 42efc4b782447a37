"""The domain questions of the service (who covers, mandate brief, overlaps, gaps), each
answered from the slice of the graph it reads (graph.domain.scoped), never from a copy of
the whole graph; the service (api.service.Dalil) mixes these in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph import domain
from graph.domain import Snapshot, scoped
from graph.settings import Settings
from graph.store import GraphStore
from search import router


class DomainQuestions:
    settings: Settings
    graph: GraphStore
    _dirs: scoped.DirectoryCache | None
    _snap: tuple[tuple[int, int], float, Snapshot] | None
    frozen: bool

    if TYPE_CHECKING:  # the service's own methods these rely on
        def snapshot(self) -> Snapshot: ...
        def place_id(self, name: str) -> str: ...
        def theme_id(self, name: str, snap: Snapshot | None = None) -> str: ...
        def actor_id(self, name: str, snap: Snapshot | None = None) -> str: ...
        def _hint_if_empty(self, ans: dict[str, Any]) -> dict[str, Any]: ...

    def names(self) -> Snapshot:
        """Bodies, places and concepts without facts: enough to resolve what a user typed."""
        return scoped.bare(self._directory())

    def _directory(self) -> scoped.Directory:
        if self.frozen and self._snap is not None:  # a job is writing: the published state (api.service)
            return self._snap[2].directory
        if self._dirs is None:
            self._dirs = scoped.DirectoryCache(self.settings.graph_cache_seconds)
        with self.graph.reading():  # one committed state, even if a job writes meanwhile
            return self._dirs.get(self.graph)

    def scoped(self, scope: scoped.Scope) -> Snapshot:
        """The facts one question reads (graph.domain.scoped), over the cached directory; a
        question about everything reads the cached whole-graph snapshot."""
        if scope.everything or self.frozen and self._snap is not None:
            # while a job writes, every question reads the published whole graph: a slice read
            # now from the store would not match the published directory
            return self.snapshot()
        with self.graph.reading():
            return scoped.scoped(self.graph, self._directory(), scope)

    def _narrow(self, p: router.Parsed) -> Snapshot:
        """The facts a parsed question reads: a slice for the questions graph.domain.scoped
        scopes, the whole graph for the others (relations, presence, posts, anything anywhere)."""
        sc: scoped.Scope | None = None
        a, b = (p.actors + [None, None])[:2]
        if p.intent in ("who_covers", "works_in") and p.place:
            sc = scoped.scope_who_covers(p.place)
        elif p.intent == "gaps" and p.place:
            sc = scoped.scope_gaps(p.place)
        elif p.intent == "drivers":  # every driver claim: the place is matched in graph.domain.drivers
            sc = scoped.Scope(claims=True)
        elif p.intent == "overlaps" and (a and b or p.place):
            sc = scoped.scope_overlaps(a, b, p.place)
        elif p.intent == "mandate" and (a or not p.kind):
            names = self.names()
            _, home, holders = domain.brief_holders(names, a, p.place)
            sc = scoped.scope_brief(names.directory, holders, home)
        return self.snapshot() if sc is None else self.scoped(sc)

    def who(self, theme: str = "", place: str = "") -> dict[str, Any]:
        pid = self.place_id(place) if place else None
        tid = self.theme_id(theme, self.names()) if theme else None
        rows = domain.who_covers(self.scoped(scoped.scope_who_covers(pid, tid)), tid, pid)
        return self._hint_if_empty({
            "question": f"who covers {theme or 'anything'} in {place or 'Iraq'}", "intent": "who_covers",
            "slots": {"theme": tid, "place": pid}, "answer": f"{len(rows)} bodies.", "actors": rows})

    def mandate(self, body: str = "", place: str = "") -> dict[str, Any]:
        names = self.names()
        pid = self.place_id(place) if place else None
        aid = self.actor_id(body, names) if body else None
        aid, home, holders = domain.brief_holders(names, aid, pid)
        snap = self.scoped(scoped.scope_brief(names.directory, holders, home))
        return domain.mandate_brief(snap, aid, pid)

    def overlaps(self, actors: list[str] | None = None, place: str = "", theme: str = "") -> dict[str, Any]:
        names = self.names()
        ids = [self.actor_id(a, names) for a in actors or []]
        pid = self.place_id(place) if place else None
        tid = self.theme_id(theme, names) if theme else None
        a, b = (ids + [None, None])[:2]
        return {"pairs": domain.overlaps(self.scoped(scoped.scope_overlaps(a, b, pid)), a, b, pid, tid)}

    def gaps(self, place: str = "") -> dict[str, Any]:
        pid = self.place_id(place) if place else None
        return {"place": pid, "gaps": domain.gaps(self.scoped(scoped.scope_gaps(pid)), pid)}
