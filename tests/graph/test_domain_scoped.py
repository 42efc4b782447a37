"""An answer from the slice of facts a question reads (graph.domain.scoped) is the answer from
the whole graph: every scoped question, on the demo corpus, on the embedded store and on Neo4j.

The whole-graph Snapshot is the reference (its congruence across stores is
tests/graph/test_domain_congruence.py); each question is asked of it and of the slice its scope
fetches, and the two answers must be the same JSON. The slices must also be slices: smaller than
the graph, or the test would pass by fetching everything.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from api.service import Dalil
from graph import domain
from graph.domain import COUNTRY, Snapshot, scoped
from graph.store import GraphStore, open_store
from ingest.pipeline import Ingestor
from tests.conftest import DEMO
from tests.graph.conftest import open_test_neo4j

IATI = Path(__file__).resolve().parent.parent / "ingest" / "data" / "iati-nineveh-small.xml"


def js(x: Any) -> str:
    return json.dumps(x, sort_keys=True, ensure_ascii=False)


Ask = Callable[[Snapshot], Any]


def questions(full: Snapshot) -> list[tuple[str, scoped.Scope, Ask]]:
    """(name, scope, question) for the scoped questions worth asking of this graph."""
    d = full.directory
    scoped_places = sorted({p for st in full.statements.values() for p in st.places})
    places = [COUNTRY, *scoped_places[:8]]
    places += sorted({a for p in scoped_places[:8] for a in full.ancestors(p)} - set(places))
    used = sorted({c for st in full.statements.values() for c in st.concepts if c.startswith("theme:")})
    qs: list[tuple[str, scoped.Scope, Any]] = []
    for p in places:
        qs.append((f"gaps {p}", scoped.scope_gaps(p), lambda s, p=p: domain.gaps(s, p)))
        qs.append((f"overlaps in {p}", scoped.scope_overlaps(None, None, p), lambda s, p=p: domain.overlaps(s, place=p)))
        for t in [None, *used]:
            qs.append((f"who_covers {t} {p}", scoped.scope_who_covers(p),
                       lambda s, t=t, p=p: domain.who_covers(s, t, p)))
            if t:  # read only what may carry the theme there (its stored mentions, graph.mentions)
                qs.append((f"who_covers {t} {p} themed", scoped.scope_who_covers(p, t),
                           lambda s, t=t, p=p: domain.who_covers(s, t, p)))
    for a, home in [(a, None) for a in sorted(full.actors)] + [(None, p) for p in places]:
        aid, h, holders = domain.brief_holders(full, a, home)
        if aid is None and h is None:
            continue
        qs.append((f"mandate_brief {a} {home}", scoped.scope_brief(d, holders, h),
                   lambda s, a=a, home=home: domain.mandate_brief(s, a, home)))
    # pairs the whole graph says overlap, and pairs of bodies that share no cell
    pairs = {tuple(r["id"] for r in pr["actors"]) for pr in domain.overlaps(full)}
    bodies = sorted(full.actors)
    pairs |= {(bodies[i], bodies[-1 - i]) for i in range(0, len(bodies) // 2, 7)}
    for a, b in sorted(pairs):
        qs.append((f"overlaps {a} {b}", scoped.scope_overlaps(a, b, None), lambda s, a=a, b=b: domain.overlaps(s, a, b)))
        qs.append((f"overlaps {b} {a} with theme", scoped.scope_overlaps(b, a, None),
                   lambda s, a=a, b=b: domain.overlaps(s, b, a, theme=used[0] if used else None)))
    return qs


def check(store: GraphStore) -> None:
    full = Snapshot(store)
    d = scoped.DirectoryCache().get(store)
    qs = questions(full)
    non_empty, smaller, narrower, themed = 0, 0, 0, 0
    for name, scope, ask in qs:
        part = scoped.scoped(store, d, scope)
        want, got = js(ask(full)), js(ask(part))
        assert got == want, f"{name}: whole graph {want[:300]} != slice {got[:300]}"
        non_empty += want not in ("[]", "{}", "null")
        smaller += len(part.statements) < len(full.statements)
        if scope.brief:  # a brief reads of its place less than the place holds
            whole_place = scoped.scoped(store, d, dataclasses.replace(scope, brief=False))
            assert part.statements.keys() <= whole_place.statements.keys(), name
            narrower += len(part.statements) < len(whole_place.statements)
        if scope.theme:  # who covers THEME reads of its place only what may carry the theme
            whole_place = scoped.scoped(store, d, dataclasses.replace(scope, theme=None))
            assert part.statements.keys() <= whole_place.statements.keys(), name
            themed += len(part.statements) < len(whole_place.statements)
    assert themed, "no who covers THEME read less of its place than the place holds"
    assert non_empty > len(qs) // 3, f"only {non_empty} of {len(qs)} answers are non-empty"
    assert smaller > len(qs) // 2, f"only {smaller} of {len(qs)} slices are smaller than the graph"
    assert narrower, "no mandate brief read less of its place than the place holds"


def test_slices_answer_as_the_whole_graph_embedded(demo_dalil: Dalil) -> None:
    check(demo_dalil.graph)


@pytest.mark.neo4j
def test_slices_answer_as_the_whole_graph_neo4j(demo_dalil: Dalil) -> None:
    neo = open_test_neo4j()
    try:
        reports = Ingestor(neo, demo_dalil.settings.chunk_chars).ingest_paths([DEMO])
        assert reports and all(r.status == "ingested" for r in reports), reports
        check(neo)
    finally:
        neo.close()


def test_service_questions_read_slices(demo_dalil: Dalil) -> None:
    """The service's questions never build the whole-graph snapshot."""
    demo_dalil._snap = None
    full = Snapshot(demo_dalil.graph)
    place = sorted({p for st in full.statements.values() for p in st.places})[0]
    name = full.places[place]["name"]
    who = demo_dalil.who(place=name)
    assert who["actors"] == domain.who_covers(full, None, place)
    assert demo_dalil.gaps(name)["gaps"] == domain.gaps(full, place)
    assert demo_dalil.mandate(place=name) == domain.mandate_brief(full, None, place)
    assert demo_dalil._snap is None, "a question built the whole-graph snapshot"


def test_answers_fit_their_models(demo_dalil: Dalil) -> None:
    """Every scoped answer on the demo corpus validates against graph.answers (the API's
    response models), and the models keep every key the answer had."""
    from graph.answers import Gaps, MandateBrief, Overlaps, WhoCovers

    full = Snapshot(demo_dalil.graph)
    places = sorted({p for st in full.statements.values() for p in st.places})[:6]
    checked = 0
    for p in places:
        name = full.places[p]["name"]
        for model, ans in ((WhoCovers, demo_dalil.who(place=name)), (Gaps, demo_dalil.gaps(name)),
                           (MandateBrief, demo_dalil.mandate(place=name)), (Overlaps, demo_dalil.overlaps(place=name))):
            typed = model.model_validate(ans)
            assert js(typed.model_dump(exclude_unset=True)) == js(ans), f"{model.__name__} {p} lost or changed a key"
            checked += 1
    for a in sorted(full.actors)[:10]:
        ans = demo_dalil.mandate(body=a)
        assert js(MandateBrief.model_validate(ans).model_dump(exclude_unset=True)) == js(ans)
    assert checked == 4 * len(places)


def test_overlaps_of_bodies_known_only_from_efforts(tmp_path: Path) -> None:
    """Organisations of an IATI file have efforts and no statement: the overlaps of two of them
    read their efforts all the same (a slice reads a body's efforts whether or not it has any
    statement)."""
    with open_store(path=str(tmp_path / "g.lbug")) as store:
        reports = Ingestor(store, 900).ingest_paths([IATI])
        assert reports and all(r.status == "ingested" for r in reports), reports
        full = Snapshot(store)
        said = {b for st in full.statements.values() for b in st.subjects + st.objects}
        bodies = sorted({a for ef in full.efforts.values() for a, _ in ef.roles} - said)
        d = scoped.DirectoryCache().get(store)
        found = 0
        for i, a in enumerate(bodies):
            for b in bodies[i + 1:]:
                want = js(domain.overlaps(full, a, b))
                assert js(domain.overlaps(scoped.scoped(store, d, scoped.scope_overlaps(a, b, None)), a, b)) == want, (a, b)
                found += want != "[]"
        assert found, f"no two of {bodies} overlap"
