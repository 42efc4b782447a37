"""The domain answers are the same on Neo4j as on the embedded store, for a real ingest.

The demo corpus is ingested once into a fresh embedded store (the session's ``demo_dalil``) and
once into a real Neo4j through the same Ingestor; every domain question of graph.domain is then
asked of both and the answers compared as JSON, plus the neighbourhood and shortest paths.
The sync tests copy embedded -> Neo4j -> embedded and require the same graph at every hop.
Neo4j comes from DALIL_TEST_NEO4J_URI (tests/graph/conftest.py); without it those tests skip.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.service import Dalil
from graph import domain
from graph.domain import COUNTRY, Snapshot
from graph.model import NODE_TYPES, REL_TYPES, Decision, Document, Statement
from graph.settings import get_settings
from graph.store import GraphStore, Row, node_ops
from graph.sync import counts, sync
from ingest.pipeline import Ingestor
from tests.conftest import DEMO
from tests.graph.conftest import open_test_neo4j


def js(x: Any) -> str:
    return json.dumps(x, sort_keys=True, ensure_ascii=False)


def dump(store: GraphStore) -> dict[str, list[Row]]:
    """Every node and relationship, in id order: equal dumps mean equal graphs."""
    out: dict[str, list[Row]] = {}
    for m in NODE_TYPES:
        out[m.label] = store.run(f"sync_page_{m.label}", after="", limit=10**9)
    for r in REL_TYPES:
        out[r.name] = store.run(f"sync_page_{r.name}", after="", after_dst="", limit=10**9)
    return out


def assert_same_graph(a: GraphStore, b: GraphStore) -> None:
    da, db = dump(a), dump(b)
    for k in da:
        assert js(da[k]) == js(db[k]), f"{k} differs between {a.dialect} and {b.dialect}"


# --- the questions ----------------------------------------------------------------------------


def questions(snap: Snapshot) -> list[tuple[str, Any]]:
    """Every domain question worth asking of this graph, as (name, thunk taking a snapshot)."""
    scoped = sorted({p for st in snap.statements.values() for p in st.places})
    places: list[str | None] = [None, COUNTRY, *scoped[:6]]
    places += sorted({a for p in scoped[:6] for a in snap.ancestors(p)} - set(places))
    used = sorted({c for st in snap.statements.values() for c in st.concepts})
    remit = {c for cs in snap.actor_concepts.values() for c in cs}
    # themes the graph speaks of (others give empty answers on both), plus one it does not
    all_themes = sorted(c for c, v in snap.concepts.items() if v["scheme"] == "theme")
    themes = sorted((set(used) | remit) & set(all_themes)) + [t for t in all_themes if t not in used][:1]
    drivers = sorted(c for c, v in snap.concepts.items() if v["scheme"] == "driver" and c in used)
    actors = sorted(snap.actors)
    kinds = sorted({a["kind"] for a in snap.actors.values()})
    qs: list[tuple[str, Any]] = []
    for p in places:
        qs.append((f"gaps {p}", lambda s, p=p: domain.gaps(s, p)))
        qs.append((f"present_in {p}", lambda s, p=p: domain.present_in(s, p)))
        qs.append((f"mandate_brief place {p}", lambda s, p=p: domain.mandate_brief(s, None, p)))
        qs.append((f"overlaps {p}", lambda s, p=p: domain.overlaps(s, place=p)))
        for t in [None, *themes]:
            qs.append((f"who_covers {t} {p}", lambda s, t=t, p=p: domain.who_covers(s, t, p)))
        for d in drivers:
            qs.append((f"addressing {d} {p}", lambda s, d=d, p=p: domain.addressing(s, d, p)))
    for k in kinds:
        qs.append((f"present_in kind {k}", lambda s, k=k: domain.present_in(s, None, k)))
    for t in used:
        qs.append((f"overlaps theme {t}", lambda s, t=t: domain.overlaps(s, theme=t)))
    for a in actors:
        qs.append((f"mandate_brief {a}", lambda s, a=a: domain.mandate_brief(s, a, None)))
        qs.append((f"related_to {a}", lambda s, a=a: domain.related_to(s, a)))
        qs.append((f"related_to any {a}", lambda s, a=a: domain.related_to(s, a, direction="any")))
        qs.append((f"overlaps of {a}", lambda s, a=a: domain.overlaps(s, a)))
    # resolve_name scans every name: a sample of names, aliases and labels keeps this fast
    names = [snap.actors[a]["name"] for a in actors[::2]] + [al for a in actors[:6] for al in snap.actors[a]["aliases"]]
    for n in names:
        qs.append((f"resolve_name {n!r}", lambda s, n=n: domain.resolve_name(s, n)))
    for c in used[::4]:
        label = snap.concepts[c]["label_en"] if c in snap.concepts else c
        qs.append((f"resolve_name {label!r}", lambda s, label=label: domain.resolve_name(s, label)))
    if hasattr(domain, "overlap_cells"):
        for lvl in ("governorate", "district"):
            qs.append((f"overlap_cells {lvl}", lambda s, lvl=lvl: domain.overlap_cells(s, lvl)))
    return qs


# --- the two stores, one ingest each ----------------------------------------------------------


@pytest.fixture(scope="module")
def both(demo_dalil: Dalil) -> Iterator[dict[str, GraphStore]]:
    """The session's embedded demo store, and Neo4j holding the same corpus ingested afresh."""
    neo = open_test_neo4j()
    try:
        reports = Ingestor(neo, demo_dalil.settings.chunk_chars).ingest_paths([DEMO])
        assert reports and all(r.status == "ingested" for r in reports), reports
        yield {"ladybug": demo_dalil.graph, "neo4j": neo}
    finally:
        neo.close()


@pytest.mark.neo4j
def test_ingest_writes_the_same_graph(both: dict[str, GraphStore]) -> None:
    assert counts(both["neo4j"])["Statement"] > 10, "the demo ingest found almost nothing to compare"
    assert_same_graph(both["ladybug"], both["neo4j"])


@pytest.mark.neo4j
def test_every_domain_answer_agrees(both: dict[str, GraphStore]) -> None:
    lb, neo = Snapshot(both["ladybug"]), Snapshot(both["neo4j"])
    qs = questions(lb)
    non_empty = 0
    for name, ask in qs:
        want, got = js(ask(lb)), js(ask(neo))
        assert got == want, f"{name}: embedded {want[:400]} != neo4j {got[:400]}"
        non_empty += want not in ("[]", "{}", "null")
    # The comparison means something only if many answers are non-trivial.
    assert non_empty > len(qs) // 3, f"only {non_empty} of {len(qs)} answers are non-empty"


def _path_ok(snap: Snapshot, ids: list[str], src: str, dst: str) -> bool:
    """A path alternates actor, statement, actor, ... and each statement links its neighbours."""
    if not ids:
        return True
    if ids[0] != src or ids[-1] != dst or len(ids) % 2 == 0:
        return False
    for i in range(1, len(ids), 2):
        st = snap.statements.get(ids[i])
        ends = set(st.subjects) | set(st.objects) if st else set()
        if ids[i - 1] not in ends or ids[i + 1] not in ends:
            return False
    return True


@pytest.mark.neo4j
def test_neighbourhood_and_paths_agree(both: dict[str, GraphStore]) -> None:
    settings = get_settings()
    dalils = {k: Dalil(settings, s) for k, s in both.items()}
    lb, sn = Snapshot(both["ladybug"]), Snapshot(both["neo4j"])
    linked = sorted({a for st in lb.statements.values() if st.objects for a in st.subjects + st.objects})
    assert len(linked) >= 3, "the demo graph has too few linked bodies for a path test"
    for aid in sorted(lb.actors):
        for depth in (1, 2):
            want = js(dalils["ladybug"].neighbourhood(aid, depth, lb))
            got = js(dalils["neo4j"].neighbourhood(aid, depth, sn))
            assert got == want, f"neighbourhood({aid}, {depth}) differs"
    found = 0
    for i, a in enumerate(linked[:10]):
        for b in linked[i + 1 : 10]:
            pl = both["ladybug"].run("shortest_path", src=a, dst=b)
            pn = both["neo4j"].run("shortest_path", src=a, dst=b)
            ids_l, ids_n = (pl[0]["ids"] if pl else []), (pn[0]["ids"] if pn else [])
            # Several shortest paths may tie: same length, and each a real path.
            assert len(ids_l) == len(ids_n), f"path {a} -> {b}: {ids_l} vs {ids_n}"
            assert _path_ok(lb, ids_l, a, b) and _path_ok(lb, ids_n, a, b), (ids_l, ids_n)
            found += bool(ids_l)
    assert found, "no pair of linked bodies has a path"
    a, b = linked[0], linked[-1]
    ql, qn = dalils["ladybug"].path(a, b), dalils["neo4j"].path(a, b)
    assert (ql["found"], len(ql["nodes"]), len(ql["edges"])) == (qn["found"], len(qn["nodes"]), len(qn["edges"]))


# --- sync -------------------------------------------------------------------------------------


def _curate(store: GraphStore) -> None:
    """Curator traces a sync must carry: a Decision node and a reviewed statement."""
    row = store.run("sync_page_Statement", after="", limit=1)[0]
    st = Statement.model_validate(row | {"review": "rejected"})
    dec = Decision(id="decision:test-sync", op="reject", args=json.dumps({"statement": st.id, "why": "a 'quote' {x} $y \\z"}),
                   created="2026-01-01T00:00:00Z")
    store.write(node_ops([st, dec]))


@pytest.mark.neo4j
def test_sync_round_trip(demo_dalil: Dalil, tmp_path: Path) -> None:
    from graph.ladybug_store import LadybugStore

    neo = open_test_neo4j()
    with LadybugStore(tmp_path / "a.lbug") as a, LadybugStore(tmp_path / "b.lbug") as b:
        sync(demo_dalil.graph, a, replace=True)
        _curate(a)
        assert [d["id"] for d in a.run("decisions")] == ["decision:test-sync"]
        try:
            r1 = sync(a, neo, replace=True)
            assert r1.complete and r1.source_counts == r1.target_counts
            r2 = sync(neo, b)  # merge into an empty store
            assert r2.complete and r2.target_counts == r1.source_counts
            assert_same_graph(a, neo)
            assert_same_graph(a, b)
            sa, sn, sb = Snapshot(a), Snapshot(neo), Snapshot(b)
            for name, ask in questions(sa)[::7]:  # a sample: the full list runs above
                assert js(ask(sa)) == js(ask(sn)) == js(ask(sb)), name
            # idempotent, both ways and both modes: counts and contents unchanged
            before = counts(neo)
            for replace in (False, True):
                assert sync(a, neo, replace=replace).target_counts == before
                assert sync(neo, b, replace=replace).target_counts == before
            assert_same_graph(a, neo)
            assert_same_graph(neo, b)
        finally:
            neo.close()


def test_sync_merge_keeps_target_only_documents_and_replaces_shared_ones(
    demo_dalil: Dalil, tmp_path: Path
) -> None:
    from graph.ladybug_store import LadybugStore

    src = demo_dalil.graph
    doc_id = src.run("documents")[0]["id"]
    with LadybugStore(tmp_path / "t.lbug") as t:
        sync(src, t)
        other = Document(id="doc:only-in-target", title="Kept")
        stale = Statement(id="st:stale", kind="mandate", doc_id=doc_id, quote="an older version said so")
        t.write(node_ops([other, stale]))
        rep = sync(src, t)
        assert rep.documents_replaced == counts(src)["Document"]
        ids = {d["id"] for d in t.run("documents")}
        assert "doc:only-in-target" in ids and doc_id in ids
        assert "st:stale" not in {r["id"] for r in t.run("sync_page_Statement", after="", limit=10**9)}
        assert counts(t) == counts(src) | {"Document": counts(src)["Document"] + 1}
        rep = sync(src, t, replace=True)
        assert rep.complete and counts(t) == counts(src)
        assert_same_graph(src, t)


def test_interrupted_sync_leaves_no_document_looking_complete(demo_dalil: Dalil, tmp_path: Path) -> None:
    from graph.ladybug_store import LadybugStore

    class Stop(Exception):
        pass

    def stop_at_documents(step: str, done: int, total: int) -> None:
        if step == "Document":
            raise Stop

    src = demo_dalil.graph
    with LadybugStore(tmp_path / "t.lbug") as t:
        with pytest.raises(Stop):
            sync(src, t, page=50, on_progress=stop_at_documents)
        assert counts(t)["Statement"] == counts(src)["Statement"]  # the facts are there...
        assert t.run("documents") == []  # ...but no document claims to be complete
        rep = sync(src, t, page=50)
        assert rep.complete
        assert_same_graph(src, t)


@pytest.mark.neo4j
def test_sync_fills_missing_properties_and_names_a_bad_node(tmp_path: Path) -> None:
    from graph.ladybug_store import LadybugStore
    from graph.sync import SyncError

    neo = open_test_neo4j()
    try:
        # written before the model had these fields (Neo4j is schemaless): the defaults apply
        neo._write([("CREATE (:Actor {id: 'actor:old', name: 'An old body'})", {})])
        with LadybugStore(tmp_path / "t.lbug") as t:
            assert sync(neo, t).complete
            (row,) = t.run("actor_by_id", id="actor:old")
            assert row["aliases"] == [] and row["kind"] == "other" and row["is_class"] is False
            neo._write([("CREATE (:Actor {id: 'actor:bad', name: 'Bad', is_class: 'maybe'})", {})])
            with pytest.raises(SyncError, match=r"Actor 'actor:bad': field 'is_class'"):
                sync(neo, t)
    finally:
        neo.close()


@pytest.mark.neo4j
def test_sync_command(demo_dalil: Dalil, tmp_path: Path) -> None:
    from tests.graph.conftest import neo4j_password
    from tests.graph.test_neo4j_faults import _cli

    open_test_neo4j().close()  # wiped (or a skip when there is no Neo4j)
    uri = os.environ["DALIL_TEST_NEO4J_URI"]
    from graph.ladybug_store import LadybugStore

    home, back = tmp_path / "home", tmp_path / "back"
    with LadybugStore(home / "graph.lbug") as h:  # a home of its own: the session's store is open
        sync(demo_dalil.graph, h)
    pw = neo4j_password()
    first = _cli(["sync", "--to", uri, "--home", str(home), "--json"], pw)
    assert first.exit_code == 0, first.output
    rep = json.loads(first.output)
    assert rep["complete"] and rep["mode"] == "merge" and rep["source_counts"] == rep["target_counts"]
    again = json.loads(_cli(["sync", "--to", uri, "--home", str(home), "--json"], pw).output)
    assert again["target_counts"] == rep["target_counts"] and again["documents_replaced"] == rep["nodes"]["Document"]
    res = _cli(["sync", "--from", uri, "--to", str(back), "--replace", "--json"], pw)
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["target_counts"] == rep["source_counts"]
    assert (back / "graph.lbug").exists()
    # usage errors: exit 2, said plainly
    same = _cli(["sync", "--to", str(home), "--home", str(home)], pw)
    assert same.exit_code == 2 and "the same graph" in " ".join(same.output.split())
    bad = _cli(["sync", "--to", "http://127.0.0.1:7474", "--home", str(home)], pw)
    assert bad.exit_code == 2 and "neo4j:// or bolt://" in " ".join(bad.output.split())
