"""Each statement keeps the concepts its quote names (graph.mentions): written with the statement,
recomputed when the vocabulary changes, computed on open for a graph written before they were
kept; the same concepts the grounder finds in the quote (``Grounder.concepts_in``), on both stores."""

from __future__ import annotations

from pathlib import Path

from graph.domain import Snapshot
from graph.grounding import grounder
from graph.ladybug_store import LadybugStore
from graph.model import Concept, Statement
from graph.store import GraphStore, node_ops

VOCAB = [
    Concept(id="theme:beekeeping", scheme="theme", label_en="beekeeping", alt_labels=["apiculture"]),
    Concept(id="theme:ferries", scheme="theme", label_en="river ferries", label_ar="العبارات النهرية"),
    Concept(id="target_group:millers", scheme="target_group", label_en="millers"),
]
QUOTES = {
    "st:a": "The Orchard Council shall train villagers in apiculture and support local millers.",
    "st:b": "Crossings by river ferries are run by the Delta Boat Office.",
    "st:c": "تشرف الهيئة على العبارات النهرية في القضاء.",
    "st:d": "The office publishes an annual report.",
}


def _statements() -> list[Statement]:
    return [Statement(id=i, kind="mandate", quote=q, doc_id="doc:x") for i, q in QUOTES.items()]


def stored(store: GraphStore) -> dict[str, list[str] | None]:
    rows = store.cypher("MATCH (s:Statement) RETURN s.id AS id, s.mentions AS m ORDER BY s.id")
    return {r["id"]: r["m"] for r in rows}


def grounders(store: GraphStore) -> dict[str, list[str]]:
    g = grounder(Snapshot(store))
    rows = store.cypher("MATCH (s:Statement) RETURN s.id AS id, s.quote AS quote ORDER BY s.id")
    return {r["id"]: sorted(g.concepts_in(r["quote"])) for r in rows}


def test_mentions_are_what_the_grounder_finds(store: GraphStore) -> None:
    store.write(node_ops([*VOCAB, *_statements()]))  # vocabulary and statements in one write
    got = stored(store)
    assert got == grounders(store)
    assert got["st:a"] == ["target_group:millers", "theme:beekeeping"]
    assert got["st:c"] == ["theme:ferries"] and got["st:d"] == []
    # a statement written later is tagged by the vocabulary the store holds
    store.write(node_ops([Statement(id="st:e", kind="mandate", quote="Millers keep bees.", doc_id="doc:x")]))
    assert stored(store)["st:e"] == ["target_group:millers"]


def test_a_vocabulary_change_retags_every_statement(store: GraphStore) -> None:
    store.write(node_ops(_statements()))  # no vocabulary yet: nothing named
    assert set(map(tuple, filter(None, stored(store).values()))) <= {()}
    store.write(node_ops(VOCAB))
    assert stored(store)["st:b"] == ["theme:ferries"]
    store.write(node_ops([Concept(id="theme:reports", scheme="theme", label_en="annual report")]))
    got = stored(store)
    assert got["st:d"] == ["theme:reports"] and got == grounders(store)


def test_an_older_graph_gets_its_mentions_on_open(tmp_path: Path) -> None:
    path = tmp_path / "g.lbug"
    s = LadybugStore(path)
    s.write(node_ops([*VOCAB, *_statements()]))
    s.cypher("MATCH (s:Statement) SET s.mentions = NULL")  # as written before they were kept
    assert set(stored(s).values()) == {None}
    s.close()
    s = LadybugStore(path)
    try:
        assert stored(s) == grounders(s)
        assert stored(s)["st:a"] == ["target_group:millers", "theme:beekeeping"]
    finally:
        s.close()
