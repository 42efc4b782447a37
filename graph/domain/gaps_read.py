"""What gaps reads: first the themes it asks about and a few bodies that may show them covered,
each with every statement it has there; the place's whole slice only if that does not settle it.

Gaps answers, per driver reported and theme named at a place, whether *some* body covers it
there (graph.domain.gaps). On a large graph nearly every theme is named in a district and
nearly every one is covered, so reading every statement of the district (about 1,000, most of
an answer's time) to learn that is the costly way round. A body's row in who covers THEME
(``only`` that body) depends only on the statements that name it or one of its classes, the
funding sentences that name it, and the place's efforts (coverage._lines): read those whole and
the row is the row of the whole slice, so a theme it covers is covered. Which themes are asked
is read from the tags of what is placed there (a superset is harmless: an extra theme only has to
be shown covered too). If a driver is reported there, or a theme is not shown covered by the
bodies tried (two or three rounds), the answer is read from the ``within`` slice as before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.domain.scoped import (
    Scope,
    _efforts,
    _facts,
    _with_grounder,
    efforts_into,
    place_closure,
    place_down,
    scoped,
    statement_rows,
    unscoped,
)
from graph.domain.snapshot import GENERAL_THEME, NO_REMIT, Directory, Ef, Facts, Snapshot, St
from graph.store import GraphStore

# kinds that never give a line in who covers (coverage._candidates)
NO_LINE = sorted({*NO_REMIT, "funding"})


@dataclass
class GapsFirst:
    """The first read of a gaps answer at a place (see the module): the themes asked, whether a
    driver is reported, the bodies tagged per concept, and the statements of the bodies read."""

    store: GraphStore
    d: Directory
    place: str
    closure: list[str]
    themes: list[str]
    drivers: bool
    tagged: dict[str, list[str]]  # concept -> bodies of what may give a remit there, no recommendation
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    # the place's efforts, made once (gaps_first): the bodies' statements read later add none
    efforts: dict[str, Ef] = field(default_factory=dict)
    made: dict[str, St] = field(default_factory=dict)
    bodies: set[str] = field(default_factory=set)  # whose statements are all read
    _order: dict[str, list[str]] = field(default_factory=dict)
    _reach: Counter[str] = field(default_factory=Counter)

    def may_show(self, snap: Snapshot, theme: str) -> set[str]:
        """The bodies that may show THEME covered: tagged with it or a narrower one there, or
        with a role in an effort of it."""
        closure = snap.narrower_closure(theme)
        got = {b for c in closure for b in self.tagged.get(c, ())}
        for ef in snap.efforts.values():
            if not closure.isdisjoint(ef.concepts):
                got.update(a for a, _ in ef.roles)
        return {b for b in got if b in self.d.actors}

    def order(self, snap: Snapshot, theme: str) -> list[str]:
        """may_show THEME, those that may show the most themes asked first (then by id): a body
        read for one theme is then tried for others."""
        got: list[str] | None = self._order.get(theme)
        if got is None:
            if not self._reach:
                self._reach = Counter(b for t in self.themes for b in self.may_show(snap, t))
            got = self._order[theme] = sorted(self.may_show(snap, theme), key=lambda b: (-self._reach[b], b))
        return got

    def read(self, bodies: set[str]) -> Snapshot:
        """The snapshot with every statement of the place's closure (and every unscoped one) that
        names one of these bodies or a class of them: their rows are whole. What is scoped above
        the place and not read by the ``within`` slice gives no line there (scoped.placing_inside)."""
        names = Snapshot(directory=self.d, facts=Facts())
        classes = names.classes_of_any(bodies)
        want = sorted((bodies | classes) - self.bodies)
        self.bodies.update(want)
        if want:
            got = {r["id"] for r in self.store.run("dq_statement_ids_by_actor_in", ids=want, places=self.closure)}
            if ids := sorted(got - self.rows.keys()):
                self.rows.update((r["id"], r) for r in statement_rows(self.store, "id", ids=ids))
        return self.snapshot()

    def snapshot(self) -> Snapshot:
        snap = _with_grounder(Snapshot(directory=self.d, facts=_facts(self.rows, self.efforts, self.made)))
        snap.cache["gaps_first"] = self
        return snap

    def whole(self) -> Snapshot:
        """The ``within`` slice of the place (graph.domain.scoped), as gaps read it before."""
        return scoped(self.store, self.d, Scope(places=[self.place], within=True))


def gaps_first(store: GraphStore, d: Directory, place: str) -> Snapshot:
    """The first read of gaps at PLACE (not the country: what is unscoped is placed there): a
    snapshot with the place's efforts and the unscoped statements, holding its GapsFirst."""
    closure = place_closure(d, place)
    down = sorted(place_down(d, place))
    asked = store.run("dq_gaps_asked", down=down, places=closure)
    themes = sorted({r["id"] for r in asked if r["what"] == "theme" and r["id"].startswith("theme:")} - {GENERAL_THEME})
    sts, efs = unscoped(store, d)
    first = GapsFirst(store, d, place, closure, themes, any(r["what"] == "driver" for r in asked), {})
    if sts and not first.drivers:  # an unscoped driver is reported everywhere
        first.rows.update((r["id"], r) for r in statement_rows(store, "id", ids=sorted(sts)))
        first.drivers = any(r["kind"] == "driver" for r in first.rows.values())
    if themes and not first.drivers:
        first.tagged = {r["concept"]: r["bodies"] for r in store.run("dq_gaps_tagged_bodies", down=down, skip=NO_LINE)}
        erows: dict[str, dict[str, Any]] = {}
        elinks: set[tuple[str, str, str, str]] = set()
        efforts_into(store, erows, elinks, "place", places=closure)
        if efs:
            efforts_into(store, erows, elinks, "id", ids=sorted(efs))
        first.efforts = _efforts(erows, elinks)
    return first.snapshot()


def pick(first: GapsFirst, snap: Snapshot, themes: list[str], each: int) -> set[str] | None:
    """Bodies not yet read, ``each`` of those that may show each theme covered (all, if it has
    fewer), the most promising first (GapsFirst.order); None if some theme has none left."""
    out: set[str] = set()
    for t in themes:
        left = [b for b in first.order(snap, t) if b not in first.bodies]
        if not left:
            return None
        k = each - sum(1 for b in left if b in out)
        out.update([b for b in left if b not in out][:max(k, 0)])
    return out
