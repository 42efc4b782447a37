"""Gaps reads first the themes asked and a few bodies that may show each covered, each body with
every statement it has in the place's closure (graph.domain.gaps_read), and the place's whole
slice only if that does not settle it: the answer is the whole graph's, on both stores, whether
a body shows the theme covered, a funding sentence of the same words takes its line away, the
tagged body is not named by its quote, or a driver is reported there."""

from __future__ import annotations

import pytest

from graph.domain import Snapshot
from graph.domain.gaps import gaps
from graph.domain.scoped import Scope, scope_gaps, scoped
from graph.domain.snapshot import Directory
from graph.model import Actor, Concept, Edge, Statement
from graph.store import GraphStore, edge_ops, node_ops
from graph.vocab import load_places
from tests.graph.test_places_named import DIST, GOV, NAME

MILLING = Concept(id="theme:milling", scheme="theme", label_en="millers")
FERRIES = Concept(id="theme:ferries", scheme="theme", label_en="ferries")
DRIVER = Concept(id="driver:floods", scheme="driver", label_en="floods")
BODIES = [Actor(id="actor:orchard", name="Orchard Council", kind="ngo"),
          Actor(id="actor:kiln", name="Kiln Workers Union", kind="ngo"),
          Actor(id="actor:delta", name="Delta Boat Office", kind="ngo")]
# (id, kind, subject, quote, scope, concept)
BASE = [
    ("st:m", "mandate", "actor:orchard", f"The Orchard Council trains millers in {NAME}.", DIST, MILLING.id),
    # scoped above and placed nowhere inside: not of the within slice, read with the body's statements
    ("st:g", "mandate", "actor:orchard", "The Orchard Council trains millers.", GOV, MILLING.id),
]
CASES = {
    "covered": [],
    "funded": [("st:f", "funding", "actor:orchard", f"The Orchard Council trains millers in {NAME}.", DIST, "")],
    # read as the union's, but the quote names another body
    "not named": [("st:k", "mandate", "actor:kiln", f"The Delta Boat Office runs ferries in {NAME}.", DIST, FERRIES.id)],
    "driver": [("st:d", "driver", "", f"Floods hit {NAME} every spring.", GOV, DRIVER.id)],
}


def _write(store: GraphStore, rows: list[tuple[str, str, str, str, str, str]]) -> None:
    places = [p for p in load_places() if p.id in (GOV, DIST) or p.parent is None]
    store.write([*node_ops([*places, *BODIES, MILLING, FERRIES, DRIVER]),
                 *node_ops([Statement(id=i, kind=k, status="established", quote=q, doc_id="doc:x") for i, k, _, q, _, _ in rows]),
                 *edge_ops([Edge(rel="PART_OF", src=p.id, dst=p.parent) for p in places if p.parent]),
                 *edge_ops([Edge(rel="SUBJECT", src=a, dst=i) for i, _, a, _, _, _ in rows if a]),
                 *edge_ops([Edge(rel="SCOPE", src=i, dst=p) for i, _, _, _, p, _ in rows]),
                 *edge_ops([Edge(rel="ABOUT", src=i, dst=c) for i, _, _, _, _, c in rows if c])])


@pytest.mark.parametrize("case", sorted(CASES))
def test_gaps_read_first_answers_as_the_whole_graph(store: GraphStore, case: str) -> None:
    _write(store, BASE + CASES[case])
    d = Directory(store)
    first = scoped(store, d, scope_gaps(DIST))
    assert "gaps_first" in first.cache
    want = gaps(Snapshot(store), DIST)
    assert gaps(first, DIST) == gaps(scoped(store, d, Scope(places=[DIST], within=True)), DIST) == want
    # the body that may show the theme covered is read (not with a driver: the whole slice is)
    assert first.cache["gaps_first"].bodies == (set() if case == "driver" else {"actor:orchard"} if case != "not named"
                                                else {"actor:orchard", "actor:kiln"})
    assert [g["id"] for g in want] == {"covered": [], "funded": [MILLING.id], "not named": [FERRIES.id],
                                      "driver": [DRIVER.id]}[case]
