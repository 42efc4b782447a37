"""Each statement keeps the places its quote names (graph.mentions ``places_named``), the key a
mandate brief ranks its partners by before grounding (coverage.line_bound, scoped.brief_rows):
written with the statement, unchanged by later bodies (a body's name holding a place name) and
vocabularies, recomputed on open when tagged under another gazetteer, on both stores; and every
place a grounded line is placed at is one of them, a scope or the body's seat."""

from __future__ import annotations

from pathlib import Path

from graph.domain import Snapshot
from graph.domain.coverage import line_bound, who_covers
from graph.domain.gaps import gaps
from graph.domain.scoped import Scope, scope_gaps, scoped
from graph.domain.snapshot import Directory, _status_score
from graph.grounding import COUNTRY, grounder
from graph.ladybug_store import LadybugStore
from graph.mentions import gazetteer_key, places_named
from graph.model import Actor, Concept, Edge, Statement
from graph.store import GraphStore, edge_ops, node_ops
from graph.vocab import load_places


def _district() -> tuple[str, str, str]:
    """(id, name, governorate id) of a district with a plain one-word Latin name, picked from the
    gazetteer (no place name is written into the test)."""
    for p in sorted(load_places(), key=lambda p: p.id):
        if p.level == "district" and p.name.isascii() and p.name.isalpha() and len(p.name) > 5:
            return p.id, p.name, p.parent
    raise AssertionError("no district")


DIST, NAME, GOV = _district()
QUOTES = {
    "st:a": f"The Orchard Council trains millers in {NAME}.",
    "st:b": "The Delta Boat Office runs ferries across the country.",
    "st:c": "The Orchard Council publishes an annual report.",
}
BODIES = [Actor(id="actor:orchard", name="Orchard Council", kind="ngo", place=DIST),
          Actor(id="actor:delta", name="Delta Boat Office", kind="ngo")]


def _write(store: GraphStore) -> None:
    places = [p for p in load_places() if p.id in (COUNTRY, GOV, DIST)]
    sts = [Statement(id=i, kind="mandate", status="established", quote=q, doc_id="doc:x") for i, q in QUOTES.items()]
    subj = {"st:a": "actor:orchard", "st:b": "actor:delta", "st:c": "actor:orchard"}
    store.write([*node_ops([*places, *BODIES, *sts]),
                 *edge_ops([Edge(rel="PART_OF", src=p.id, dst=p.parent) for p in places if p.parent]),
                 *edge_ops([Edge(rel="SUBJECT", src=a, dst=s) for s, a in subj.items()]
                           + [Edge(rel="SCOPE", src="st:c", dst=GOV)])])


def _slice(store: GraphStore) -> Snapshot:
    """The statements of the test's bodies as a question reads them (with their stored keys)."""
    return scoped(store, Directory(store), Scope(actors=["actor:delta", "actor:millers", "actor:orchard"]))


def stored(store: GraphStore) -> dict[str, list[str] | None]:
    rows = store.cypher("MATCH (s:Statement) RETURN s.id AS id, s.places_named AS p ORDER BY s.id")
    return {r["id"]: r["p"] for r in rows}


def test_places_named_are_written_with_the_statement(store: GraphStore) -> None:
    _write(store)
    got = stored(store)
    assert got == {i: places_named(q) for i, q in QUOTES.items()}
    assert got["st:a"] == [gazetteer_key(), DIST]
    assert got["st:b"] == [gazetteer_key(), COUNTRY]
    assert got["st:c"] == [gazetteer_key()]


def test_later_bodies_and_vocabularies_leave_them_right(store: GraphStore) -> None:
    _write(store)
    before = stored(store)
    # a body whose name holds the place's name (the place is then no longer named outside it),
    # and a vocabulary change (every statement is retagged)
    store.write(node_ops([Actor(id="actor:millers", name=f"{NAME} Millers Union", kind="ngo"),
                          Concept(id="theme:milling", scheme="theme", label_en="millers")]))
    store.write([*node_ops([Statement(id="st:d", kind="mandate", status="established", doc_id="doc:x",
                                      quote=f"The {NAME} Millers Union repairs mills.")]),
                 *edge_ops([Edge(rel="SUBJECT", src="actor:millers", dst="st:d")])])
    got = stored(store)
    assert {k: got[k] for k in before} == before
    assert got["st:d"] == places_named(f"The {NAME} Millers Union repairs mills.") == [gazetteer_key(), DIST]


def test_a_line_placed_at_a_place_is_within_the_bound(store: GraphStore) -> None:
    """Where grounding places a line at P itself, line_bound(P) is the full status score."""
    _write(store)
    store.write(node_ops([Actor(id="actor:millers", name=f"{NAME} Millers Union", kind="ngo")]))
    snap = _slice(store)
    g = grounder(snap)
    placed = 0
    for st in snap.statements.values():
        assert st.places_named is not None
        for aid in st.subjects:
            for p in (DIST, GOV, COUNTRY):
                if g.where(st.quote, st.places, aid, p, st.nationwide) == "place":
                    placed += 1
                    assert line_bound(snap, st, p) == _status_score(st.status), (st.id, p)
        # a place the statement cannot be placed at itself scores at most an inside line
        assert line_bound(snap, st, "place:nowhere") < _status_score(st.status)
    assert placed >= 3  # named (st:a), nationwide (st:b), scoped and seated (st:c)


def test_a_statement_of_another_gazetteer_is_retagged_on_open(tmp_path: Path) -> None:
    path = tmp_path / "g.lbug"
    s = LadybugStore(path)
    _write(s)
    want = stored(s)
    s.cypher("MATCH (s:Statement) WHERE s.id = 'st:a' SET s.places_named = ['gazetteer:older']")
    s.cypher("MATCH (s:Statement) WHERE s.id = 'st:b' SET s.places_named = NULL")
    # until it is retagged, a stale list is read as unknown: any place may be named
    assert _slice(s).statements["st:a"].places_named is None
    s.close()
    s = LadybugStore(path)
    try:
        assert stored(s) == want
        assert _slice(s).statements["st:a"].places_named == frozenset(want["st:a"] or [])
    finally:
        s.close()


def test_gaps_read_of_what_lies_above_keeps_what_may_be_placed_inside(store: GraphStore) -> None:
    """Gaps asks who works at or inside a place: of the statements scoped above it, it reads the
    claims, the funding sentences and those whose quote names a place inside it or whose body is
    seated inside it, and answers as from every statement of the place's closure."""
    _write(store)
    above = [
        ("st:named", "actor:delta", f"The Delta Boat Office trains millers in {NAME}."),  # names the district
        ("st:seated", "actor:orchard", "The Orchard Council trains millers."),  # its body is seated there
        ("st:away", "actor:delta", "The Delta Boat Office trains millers."),  # neither: not read
    ]
    store.write([*node_ops([Concept(id="theme:milling", scheme="theme", label_en="millers")]),
                 *node_ops([Statement(id=i, kind="mandate", status="established", quote=q, doc_id="doc:x",
                                      summary="milling") for i, _, q in above]),
                 *edge_ops([e for i, a, _ in above for e in (Edge(rel="SUBJECT", src=a, dst=i),
                                                             Edge(rel="SCOPE", src=i, dst=GOV))]),
                 *edge_ops([Edge(rel="ABOUT", src=i, dst="theme:milling") for i, _, _ in above]),
                 *edge_ops([Edge(rel="ABOUT", src="st:c", dst="theme:milling")])])
    d = Directory(store)
    got = scoped(store, d, Scope(places=[DIST], within=True))  # the slice gaps reads if need be
    assert {"st:named", "st:seated"} <= got.statements.keys()
    assert "st:away" not in got.statements
    full = scoped(store, d, Scope(places=[DIST]))
    assert "st:away" in full.statements
    assert gaps(got, DIST) == gaps(full, DIST) == gaps(scoped(store, d, scope_gaps(DIST)), DIST)
    assert who_covers(got, "theme:milling", DIST, within=True) == who_covers(full, "theme:milling", DIST, within=True)
    assert {r["id"] for r in who_covers(got, "theme:milling", DIST, within=True)} == {"actor:delta", "actor:orchard"}
