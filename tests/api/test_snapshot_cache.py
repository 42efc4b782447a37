"""The service reuses its Snapshot and SPARQL dataset until the graph is written, and only then.

A stale cache would answer from a graph that no longer exists, so each test writes by one of
the paths that change the graph (ingest, curation, document deletion, RDF import, sync, user
Cypher) and checks that the answer itself changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.service import Dalil, open_dalil
from graph import sparql
from graph.model import Actor
from graph.store import node_ops, open_store
from graph.sync import sync
from tests.conftest import DEMO

FIRST = DEMO / "nineveh-local-action-plan-2024.md"
COUNT_DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dcterms:BibliographicResource }"


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dalil]:
    """One demo document in a fresh store; the graph only (search is not what is cached)."""
    with open_dalil(home=tmp_path_factory.mktemp("cache-home")) as d:
        d.settings.index_on_ingest = False
        d.settings.embedder = "hash"
        assert [r.status for r in d.ingest([FIRST])] == ["ingested"]
        yield d


def _docs(d: Dalil) -> int:
    return int(d.sparql(COUNT_DOCS)["rows"][0]["n"])


def test_reads_reuse_one_snapshot(dalil: Dalil) -> None:
    s1 = dalil.snapshot()
    gen = dalil.graph.generation
    a1 = dalil.ask("Which bodies cover youth in Nineveh?")
    a2 = dalil.ask("Which bodies cover youth in Nineveh?")
    dalil.who("youth", "Nineveh")
    dalil.resolve("Nineveh")
    assert dalil.snapshot() is s1 and dalil.graph.generation == gen
    assert a1["actors"] == a2["actors"]
    e1 = dalil.sparql_engine()
    assert dalil.sparql_engine() is e1 and sparql.cached_engine(dalil.graph) is e1
    assert dalil.sparql_engine("rdflib") is not e1  # one dataset per engine


def test_ingest_invalidates(dalil: Dalil) -> None:
    s1, e1 = dalil.snapshot(), dalil.sparql_engine()
    who1, docs1 = dalil.who(), _docs(dalil)
    reports = dalil.ingest([DEMO / "scn-iraq-roundtable-2023.md"])
    assert [r.status for r in reports] == ["ingested"]
    assert dalil.snapshot() is not s1 and dalil.sparql_engine() is not e1
    assert len(dalil.snapshot().docs) == len(s1.docs) + 1
    assert _docs(dalil) == docs1 + 1
    assert {r["id"] for r in dalil.who()["actors"]} > {r["id"] for r in who1["actors"]}


def test_a_reingest_that_changes_nothing_still_answers_the_same(dalil: Dalil) -> None:
    before = dalil.who("youth", "Nineveh")
    dalil.ingest([FIRST])
    assert dalil.who("youth", "Nineveh") == before


def test_curation_invalidates(dalil: Dalil) -> None:
    who = dalil.who("youth", "Nineveh")
    cited = who["actors"][0]["why"][0]["statement"]
    s1 = dalil.snapshot()
    dalil.review_statement(cited, accept=False)
    assert dalil.snapshot() is not s1
    after = dalil.who("youth", "Nineveh")
    assert cited not in {w["statement"] for r in after["actors"] for w in r["why"]}
    # a merge: the dropped body is gone from the next answer
    snap = dalil.snapshot()
    a, b = sorted(x for x, v in snap.actors.items() if v["kind"] not in ("person",) and not v["is_class"])[:2]
    b_name = snap.actors[b]["name"]
    assert dalil.actor_id(b_name) == b and dalil.actor_id(b_name) == b  # the second from the name memo
    dalil.merge(a, b)
    assert b not in dalil.snapshot().actors and a in dalil.snapshot().actors
    assert dalil.actor_id(b_name) == a  # the memo went with the old snapshot
    assert b not in {r["id"] for r in dalil.actors()}


def test_delete_and_user_cypher_invalidate(dalil: Dalil) -> None:
    docs = dalil.snapshot().docs
    victim = next(d for d in docs if "scn" in d)
    n = _docs(dalil)
    dalil.delete_document(victim)
    assert victim not in dalil.snapshot().docs and _docs(dalil) == n - 1
    s1, gen = dalil.snapshot(), dalil.graph.generation
    dalil.graph.cypher("MATCH (a:Actor) RETURN count(a) AS n")  # a user's Cypher may write: counts as one
    assert dalil.graph.generation == gen + 1 and dalil.snapshot() is not s1


def test_rdf_import_and_sync_invalidate(dalil: Dalil, tmp_path: Path) -> None:
    out = tmp_path / "all.nt"
    dalil.export("ntriples", out)
    s1 = dalil.snapshot()
    dalil.import_rdf(out)
    assert dalil.snapshot() is not s1
    # a sync into this store, from another one, is a write through the same object
    with open_store("", str(tmp_path / "other.lbug")) as other:
        other.write(node_ops([Actor(id="actor:synced-in", name="Synced In Body", source="curator")]))
        s2 = dalil.snapshot()
        sync(other, dalil.graph)
    assert dalil.snapshot() is not s2 and "actor:synced-in" in dalil.snapshot().actors


def test_failed_writes_and_empty_writes(dalil: Dalil) -> None:
    gen = dalil.graph.generation
    dalil.graph.write([("upsert_Actor", [])])  # nothing to write: the cache stays
    assert dalil.graph.generation == gen
    with pytest.raises(Exception):  # noqa: B017  # engine-specific error type
        dalil.graph.write([("set_statement_review", [{"id": object(), "review": "rejected"}])])
    assert dalil.graph.generation > gen  # a failed write invalidates too: better a rebuild than a stale answer
    assert dalil.graph.exclusive  # the embedded store: only this process writes it
