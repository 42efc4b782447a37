"""Both graph stores give identical answers: the same writes, every read query, compared.

Like qdrant-client's congruence tests: one fixture graph is written through the public API
into the embedded LadybugStore and into a real Neo4j, then every read query in graph.queries.Q
is run on both and the rows compared exactly (as JSON, so 1 vs 1.0 and True vs 1 differ).
The Neo4j side needs ``DALIL_TEST_NEO4J_URI``; without it those tests skip, unless
``DALIL_REQUIRE_NEO4J=1`` (CI), where a missing or unreachable Neo4j fails them.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug_store import LadybugStore
from graph.mentions import gazetteer_key
from graph.model import (
    REL_TYPES,
    Actor,
    Chunk,
    Concept,
    Decision,
    Document,
    Edge,
    Effort,
    Node,
    Place,
    Statement,
    actor_id,
)
from graph.queries import Q, text_for
from graph.store import GraphStore, GraphStoreError, Row, WriteOp, edge_ops, node_ops
from tests.graph.conftest import open_test_neo4j

DIALECTS = ("ladybug", "neo4j")
WRITE_PREFIXES = ("upsert_", "link_", "unlink_", "delete_", "set_")
READ_QUERIES = sorted(n for n in Q if not n.startswith(WRITE_PREFIXES))

# --- the fixture graph ------------------------------------------------------------------------

SPECIAL = 'O\'Brien "x" {y} `z` نينوى'
DOC = "doc:roundtable-2023"
DOC_3W = "doc:3w-nineveh"

ministry = Actor(
    id="actor:ministry-of-youth-and-sports",
    name="Ministry of Youth and Sports",
    aliases=["MoYS", "وزارة الشباب والرياضة"],
    kind="ministry",
    level="national",
    name_ar="وزارة الشباب والرياضة",
    source="registry",
)
governorate = Actor(
    id="actor:nineveh-governorate",
    name="Nineveh Governorate",
    kind="local_government",
    level="governorate",
    place="IQG15",
    source="registry",
)
undp = Actor(id="actor:undp", name="UNDP", kind="un_agency", level="international", source="iati")
special = Actor(
    id=actor_id(SPECIAL),
    name=SPECIAL,
    aliases=[SPECIAL, "back\\slash", "$rows", "two\nlines", "tab\there", ""],
    kind="ngo",
    level="district",
    name_ar="أوبراين",
    place="IQG15Q09",
    source="curator",
)
centres = Actor(id="actor:youth-centres", name="Youth centres", kind="other", is_class=True, source="curator")
centre = Actor(id="actor:tel-kaif-youth-centre", name="Tel Kaif youth centre", source="3w")
department = Actor(id="actor:moys-youth-department", name="Youth Department", kind="unit", source="registry")
text_gone = Actor(id="actor:text-from-roundtable", name="A body named in the round table", source="text")
text_kept = Actor(id="actor:text-from-3w", name="A body named in the 3W", source="text")
text_orphan = Actor(id="actor:text-orphan", name="An orphan", source="text")
text_role = Actor(id="actor:text-with-role", name="An implementer", source="text")

iq = Place(id="place:IQ", name="Iraq", name_ar="العراق", alt_names=["Republic of Iraq"], level="country")
iqg15 = Place(
    id="place:IQG15",
    name="Ninewa",
    name_ar="نينوى",
    alt_names=["Nineveh", "Ninawa"],
    level="governorate",
    parent="place:IQ",
)
iqg15q09 = Place(
    id="place:IQG15Q09", name="Tel Kaif", name_ar="تلكيف", level="district", parent="place:IQG15"
)
iqg07 = Place(id="place:IQG07", name="Baghdad", level="governorate", parent="place:IQ")

youth = Concept(
    id="theme:youth", scheme="theme", label_en="Youth", label_ar="الشباب", alt_labels=["young people"]
)
employment = Concept(id="theme:youth-employment", scheme="theme", label_en="Youth employment")
education = Concept(id="theme:education", scheme="theme", label_en="Education")
unemployment = Concept(id="driver:unemployment", scheme="driver", label_en="Unemployment")

doc = Document(
    id=DOC,
    title="SCN Iraq round table 2023",
    path="data/demo/roundtable.pdf",
    content_hash="sha256:abc",
    pages=12,
    kind="pdf",
)
doc_3w = Document(id=DOC_3W, title="3W Nineveh", language="ar", kind="3w")

chunk0 = Chunk(
    id=f"chunk:{DOC}:0",
    doc_id=DOC,
    page=1,
    char_start=0,
    char_end=57,
    text='The Ministry of Youth "leads" {youth} work in نينوى.',
    seq=0,
)
chunk1 = Chunk(
    id=f"chunk:{DOC}:1", doc_id=DOC, page=2, char_start=57, char_end=90, text="UNDP partners.", seq=1
)
chunk_3w = Chunk(
    id=f"chunk:{DOC_3W}:0", doc_id=DOC_3W, page=1, char_start=0, char_end=10, text="صف ٣W", language="ar"
)

st_mandate = Statement(
    id="st:mandate",
    kind="mandate",
    summary="MoYS leads youth policy",
    quote="The Ministry of Youth leads",
    doc_id=DOC,
    chunk_id=chunk0.id,
    page=1,
    char_start=0,
    char_end=27,
    level="national",
    nationwide=True,
    instrument="Law 25",
)
st_partner = Statement(
    id="st:partner",
    kind="partnership",
    status="option",
    doc_id=DOC,
    chunk_id=chunk1.id,
    page=2,
    char_start=57,
    char_end=71,
    quote="UNDP partners.",
)
st_support = Statement(
    id="st:support",
    kind="support",
    status="recommended",
    doc_id=DOC,
    quote=SPECIAL,
    summary="{braces} and `ticks`",
    review="accepted",
)
st_funding = Statement(id="st:funding", kind="funding", doc_id=DOC_3W, post="director")
st_presence = Statement(id="st:presence", kind="presence", doc_id=DOC_3W, page=1)
st_driver = Statement(id="st:driver", kind="driver", doc_id=DOC, review="rejected")

effort = Effort(
    id="effort:1",
    title="Youth jobs in Tel Kaif",
    sector="livelihoods",
    activity="training",
    status="ongoing",
    date_start="2023-01-01",
    date_end="2024-06-30",
    budget=125000.5,
    doc_id=DOC_3W,
    quote="row 4",
    page=1,
)
effort_free = Effort(id="effort:2", title="Unfunded idea", doc_id=DOC, budget=0)

decision = Decision(
    id="decision:1",
    op="alias",
    args=json.dumps({"id": special.id, "alias": SPECIAL}),
    created="2024-01-02T03:04:05Z",
)
decision0 = Decision(id="decision:0", op="merge", args="{}", created="2024-01-01T00:00:00Z")

NODES: list[Node] = [
    ministry,
    governorate,
    undp,
    special,
    centres,
    centre,
    department,
    text_gone,
    text_kept,
    text_orphan,
    text_role,
    iq,
    iqg15,
    iqg15q09,
    iqg07,
    youth,
    employment,
    education,
    unemployment,
    doc,
    doc_3w,
    chunk0,
    chunk1,
    chunk_3w,
    st_mandate,
    st_partner,
    st_support,
    st_funding,
    st_presence,
    st_driver,
    effort,
    effort_free,
    decision,
    decision0,
]


def _e(rel: str, src: Node, dst: Node, **props: str) -> Edge:
    return Edge(rel=rel, src=src.id, dst=dst.id, props=props)


EDGES: list[Edge] = [
    _e("PART_OF", iqg15, iq),
    _e("PART_OF", iqg15q09, iqg15),
    _e("PART_OF", iqg07, iq),
    _e("BROADER", employment, youth),
    _e("RELATED", employment, education),
    _e("SUBJECT", ministry, st_mandate),
    _e("ABOUT", st_mandate, youth),
    _e("SCOPE", st_mandate, iq),
    _e("SUBJECT", undp, st_partner),
    _e("OBJECT", st_partner, governorate),
    _e("SCOPE", st_partner, iqg15),
    _e("ABOUT", st_partner, employment),
    _e("SUBJECT", special, st_support),
    _e("OBJECT", st_support, ministry),
    _e("SCOPE", st_support, iqg15q09),
    _e("SUBJECT", ministry, st_funding),
    _e("SUBJECT", undp, st_funding),
    _e("OBJECT", st_funding, special),
    _e("SCOPE", st_funding, iqg15q09),
    _e("ABOUT", st_funding, employment),
    _e("ABOUT", st_funding, education),
    _e("SUBJECT", text_gone, st_driver),
    _e("ABOUT", st_driver, unemployment),
    _e("SCOPE", st_driver, iqg07),
    _e("SUBJECT", text_kept, st_presence),
    _e("SCOPE", st_presence, iqg15q09),
    _e("WORKS_ON", ministry, youth),
    _e("WORKS_ON", undp, employment),
    _e("WORKS_ON", special, youth),
    _e("AT", special, iqg15q09),
    _e("AT", governorate, iqg15),
    _e("AT", centre, iqg15q09),
    _e("INSTANCE_OF", centre, centres),
    _e("UNIT_OF", department, ministry),
    _e("ROLE", undp, effort, role="implementer"),
    _e("ROLE", ministry, effort, role="donor"),
    _e("ROLE", text_role, effort, role="partner"),
    _e("ROLE", special, effort_free, role=SPECIAL),
    _e("EFFORT_IN", effort, iqg15q09),
    _e("EFFORT_IN", effort_free, iqg15),
    _e("EFFORT_ABOUT", effort, employment),
    _e("EFFORT_ABOUT", effort_free, youth),
]


def fixture_ops() -> list[WriteOp]:
    return node_ops(NODES) + edge_ops(EDGES)


# Values for each query parameter; a new parameter name makes test_every_parameter_has_values fail.
NODE_IDS = [n.id for n in NODES] + ["actor:nobody"]
PARAM_VALUES: dict[str, list[Any]] = {
    "place": [iq.id, iqg15.id, iqg15q09.id, iqg07.id, "place:nowhere"],
    "id": NODE_IDS,
    "doc_id": [DOC, DOC_3W, "doc:none"],
    # sync pages (keyset): from the start, from the middle of a label or type, page sizes
    # (whole dumps are compared by the dump_* queries)
    "after": ["", "place:IQG15", "st:partner"],
    "after_dst": ["", "theme:youth"],
    "limit": [3],
    # id lists (search joins its hits to the graph): actors and chunks, with a missing one
    "ids": [[], [ministry.id, special.id, "actor:nobody"], [chunk0.id, chunk1.id, "chunk:none"],
            # statements and efforts by id (graph.domain.scoped)
            [st_mandate.id, st_partner.id, st_driver.id, effort.id, effort_free.id, "st:none"]],
    # a place's roll-up closure (graph.domain.scoped): none, one, a country with a governorate
    "places": [[], [iqg15.id], [iq.id, iqg15.id, iqg15q09.id, "place:nowhere"]],
    # what a mandate brief reads of a place: bodies of these kinds, committees at these levels
    "kinds": [[], ["donor", "international_org", "ngo", "un_agency"]],
    "levels": [[], ["governorate", "national"]],
    # ... the partner statements of these statuses first, or of any (graph.domain.scoped.PartnerFacts)
    "statuses": [[], ["established"], ["option", "recommended"]],
    # ... of these, those that may put a partner at the place itself: scoped or named there (the
    # stored places_named, of this gazetteer or another), or the partner seated there; and the
    # committees' statements scoped or named at the place or above it
    "home": [iqg15.id, iq.id],
    "up": [[iqg15.id, iq.id], []],
    "seated": [[], [governorate.id, undp.id]],
    "gazetteer": [gazetteer_key(), "gazetteer:other"],
    # gaps: what is scoped above a place ($above) that may be placed inside it ($down)
    "above": [[], [iq.id, iqg15.id]],
    "down": [[iqg15q09.id], [iqg07.id, "place:nowhere"], [iq.id]],
    "skip": [[], ["funding", "membership", "post"]],
    # who covers THEME: a theme's narrower closure, and the classes of bodies
    "themes": [[], [education.id, employment.id, "theme:none"]],
    "classes": [[], [centres.id]],
}
# Pairs with exactly one shortest path (or none), so both engines must find the same one.
PATH_PAIRS: list[dict[str, Any]] = [
    {"src": special.id, "dst": governorate.id},  # special - funding - undp - partner - governorate
    {"src": ministry.id, "dst": undp.id},  # ministry - funding - undp
    {"src": governorate.id, "dst": special.id},
    {"src": special.id, "dst": text_orphan.id},  # no path
    {"src": "actor:nobody", "dst": ministry.id},
]


def query_params(name: str) -> list[str]:
    names: set[str] = set()
    for text in Q[name].values():
        names.update(re.findall(r"\$(\w+)", text))
    return sorted(names)


def param_sets(name: str) -> list[dict[str, Any]]:
    params = query_params(name)
    if set(params) & {"src", "dst"}:
        return PATH_PAIRS
    sets: list[dict[str, Any]] = [{}]
    for p in params:
        sets = [{**s, p: v} for s in sets for v in PARAM_VALUES[p]]
    return sets


def is_totally_ordered(name: str) -> bool:
    """Queries without ORDER BY (in either spelling) are compared as sorted lists."""
    return all("ORDER BY" in text_for(name, d) for d in DIALECTS)


def canon(name: str, rows: list[Row]) -> list[str]:
    """A statement's links in any order: the caller sorts them (graph.domain.scoped._split_links)."""
    rows = [{**r, "links": sorted(r["links"])} if isinstance(r.get("links"), list) else r for r in rows]
    out = [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows]
    return out if is_totally_ordered(name) else sorted(out)


def answers(store: GraphStore, name: str) -> list[tuple[dict[str, Any], list[str]]]:
    return [(p, canon(name, store.run(name, **p))) for p in param_sets(name)]


def snapshot(store: GraphStore) -> dict[str, list[tuple[dict[str, Any], list[str]]]]:
    return {name: answers(store, name) for name in READ_QUERIES}


def counts(store: GraphStore) -> tuple[list[str], list[str]]:
    return canon("count_label", store.run("count_label")), canon("count_rels", store.run("count_rels"))


# --- stores -----------------------------------------------------------------------------------


def _neo4j() -> GraphStore:
    """A Neo4jStore on the test server, wiped; skips (or fails under DALIL_REQUIRE_NEO4J=1)."""
    return open_test_neo4j()


def _open(dialect: str, tmp_path: Path) -> GraphStore:
    return LadybugStore(tmp_path / "graph.lbug") if dialect == "ladybug" else _neo4j()


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[dict[str, GraphStore]]:
    """A fresh LadybugStore and a wiped Neo4jStore, for tests that compare the two."""
    opened: dict[str, GraphStore] = {"ladybug": LadybugStore(tmp_path / "graph.lbug")}
    try:
        opened["neo4j"] = _neo4j()
        yield opened
    finally:
        for s in opened.values():
            s.close()


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """Each store in turn, for properties that must hold on both."""
    s = _open(request.param, tmp_path)
    try:
        yield s
    finally:
        s.close()


def load_both(stores: dict[str, GraphStore]) -> None:
    for s in stores.values():
        s.write(fixture_ops())


# --- congruence -------------------------------------------------------------------------------


def test_every_parameter_has_values() -> None:
    for name in READ_QUERIES:
        missing = [p for p in query_params(name) if p not in PARAM_VALUES and p not in ("src", "dst")]
        assert not missing, f"add test values for {missing} (query {name})"


# queries the fixture graph cannot give rows: every write tags its statements' mentions, so none
# is untagged (a graph written before they were kept: tests/graph/test_mentions.py)
EMPTY_ON_FIXTURE = {"mention_page_untagged"}


@pytest.mark.neo4j
@pytest.mark.parametrize("name", READ_QUERIES)
def test_read_query_agrees(stores: dict[str, GraphStore], name: str) -> None:
    load_both(stores)
    lb, neo = answers(stores["ladybug"], name), answers(stores["neo4j"], name)
    if name not in EMPTY_ON_FIXTURE:
        assert any(rows for _, rows in lb), f"{name}: the fixture graph gives no rows, so nothing is compared"
    for (params, want), (_, got) in zip(lb, neo, strict=True):
        assert got == want, f"{name}({params}) differs: ladybug {want} != neo4j {got}"


@pytest.mark.neo4j
def test_deletes_agree(stores: dict[str, GraphStore]) -> None:
    load_both(stores)
    for s in stores.values():
        s.write([("delete_doc_statements", [{"doc_id": DOC}])])
    assert counts(stores["ladybug"]) == counts(stores["neo4j"])
    for s in stores.values():
        s.write(
            [
                ("delete_orphan_text_actors", [{}]),
                ("delete_doc_chunks", [{"doc_id": DOC_3W}]),
                ("delete_doc_efforts", [{"doc_id": DOC}]),
                ("delete_document", [{"doc_id": DOC_3W}]),
                ("delete_actor", [{"id": special.id}]),
            ]
        )
    assert snapshot(stores["ladybug"]) == snapshot(stores["neo4j"])


@pytest.mark.neo4j
def test_unlinks_agree(stores: dict[str, GraphStore]) -> None:
    load_both(stores)
    first: dict[str, dict[str, str]] = {}
    for e in EDGES:
        first.setdefault(e.rel, {"src": e.src, "dst": e.dst})
    assert set(first) == {r.name for r in REL_TYPES}, "the fixture graph misses a relationship type"
    ops: list[WriteOp] = [(f"unlink_{rel}", [row]) for rel, row in first.items()]
    for s in stores.values():
        s.write(ops)
    assert snapshot(stores["ladybug"]) == snapshot(stores["neo4j"])
    n_rels = sum(json.loads(r)["n"] for r in counts(stores["neo4j"])[1])
    assert n_rels == len(EDGES) - len(first)


# --- properties that hold on each store -------------------------------------------------------


def test_fixture_round_trips(store: GraphStore) -> None:
    store.write(fixture_ops())

    def as_json(rows: list[Row] | list[dict[str, Any]]) -> list[str]:
        return [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows]

    for query, nodes in (
        ("actors", [n for n in NODES if isinstance(n, Actor)]),
        ("places", [n for n in NODES if isinstance(n, Place)]),
        ("concepts", [n for n in NODES if isinstance(n, Concept)]),
    ):
        want = sorted((n.model_dump() for n in nodes), key=lambda r: r["id"])
        assert as_json(store.run(query)) == as_json(want), query
    decisions = sorted((n for n in NODES if isinstance(n, Decision)), key=lambda d: (d.created, d.id))
    assert as_json(store.run("decisions")) == as_json([d.model_dump() for d in decisions])
    (row,) = store.run("efforts_in_place", place=iq.id)[:1]
    assert row == {"id": effort.id, "actor": ministry.id, "role": "donor", "place": iqg15q09.id}
    assert [r["budget"] for r in store.run("efforts")] == [125000.5, 0.0]


def test_special_characters_round_trip(store: GraphStore) -> None:
    store.write(fixture_ops())
    assert store.run("actor_by_id", id=special.id) == [special.model_dump()]
    (row,) = store.cypher("MATCH (a:Actor) WHERE a.name = $name RETURN a", name=SPECIAL)
    node = row["a"]
    assert node["_LABEL"] == "Actor"
    assert {k: v for k, v in node.items() if not k.startswith("_")} == special.model_dump()
    roles = store.run("effort_roles")
    assert {"id": effort_free.id, "actor": special.id, "role": SPECIAL} in roles


def test_domain_answers(store: GraphStore) -> None:
    store.write(fixture_ops())
    in_iraq = {r["id"] for r in store.run("statements_in_place", place=iq.id)}
    assert in_iraq == {
        st_mandate.id,
        st_partner.id,
        st_support.id,
        st_funding.id,
        st_presence.id,
        st_driver.id,
    }
    in_tel_kaif = store.run("statements_in_place", place=iqg15q09.id)
    assert [(r["id"], r["subject"]) for r in in_tel_kaif] == [
        (st_funding.id, ministry.id),
        (st_funding.id, undp.id),
        (st_presence.id, text_kept.id),
        (st_support.id, special.id),
    ]
    assert store.run("shortest_path", src=special.id, dst=governorate.id) == [
        {"ids": [special.id, st_funding.id, undp.id, st_partner.id, governorate.id]}
    ]
    assert store.run("shortest_path", src=special.id, dst=text_orphan.id) == []
    neighbours = sorted(
        (r["statement"], r["src"], r["dst"]) for r in store.run("neighbourhood", id=special.id)
    )
    assert neighbours == [
        (st_funding.id, ministry.id, special.id),
        (st_funding.id, undp.id, special.id),
        (st_support.id, special.id, ministry.id),
    ]


def test_shortest_path_from_a_node_to_itself(store: GraphStore) -> None:
    # Neo4j's shortestPath() raises when both ends are one node; the query guards with a <> b.
    store.write(fixture_ops())
    assert store.run("shortest_path", src=special.id, dst=special.id) == []


def test_writes_are_idempotent(store: GraphStore) -> None:
    store.write(fixture_ops())
    before, snap = counts(store), snapshot(store)
    store.write(fixture_ops())
    store.write(fixture_ops() + fixture_ops())  # the same rows twice in one transaction
    assert counts(store) == before
    assert snapshot(store) == snap
    assert store.run("count_nodes") == [{"n": len(NODES)}]
    assert sum(json.loads(r)["n"] for r in before[1]) == len(EDGES)


def test_delete_doc_statements(store: GraphStore) -> None:
    store.write(fixture_ops())
    store.write([("delete_doc_statements", [{"doc_id": DOC}])])
    gone = {st_mandate.id, st_partner.id, st_support.id, st_driver.id}
    assert store.run("count_nodes") == [{"n": len(NODES) - len(gone)}]
    remaining = sum(1 for e in EDGES if e.src not in gone and e.dst not in gone)
    assert sum(r["n"] for r in store.run("count_rels")) == remaining
    store.write([("delete_orphan_text_actors", [{}])])
    actors = {r["id"] for r in store.run("actors")}
    assert text_gone.id not in actors and text_orphan.id not in actors
    assert {text_kept.id, text_role.id, centres.id, department.id} <= actors


def test_failed_write_commits_nothing(store: GraphStore) -> None:
    store.write(fixture_ops())
    before = counts(store)
    new = Actor(id="actor:half-written", name="Half")
    with pytest.raises(Exception):  # noqa: B017 - each engine raises its own error type
        store._write(
            [
                (text_for("upsert_Actor", store.dialect), {"rows": [new.model_dump()]}),
                ("THIS IS NOT CYPHER", {}),
            ]
        )
    assert counts(store) == before
    assert store.run("actor_by_id", id=new.id) == []


# --- Neo4j connection errors ------------------------------------------------------------------


@pytest.mark.neo4j
def test_neo4j_wrong_password() -> None:
    _neo4j().close()  # the server is there (else skip, or fail under DALIL_REQUIRE_NEO4J=1)
    from graph.neo4j_store import Neo4jStore

    uri = os.environ["DALIL_TEST_NEO4J_URI"]

    with pytest.raises(GraphStoreError, match="refused the credentials for user 'neo4j'"):
        Neo4jStore(uri, password="not-the-" + os.environ.get("DALIL_TEST_NEO4J_PASSWORD", "dalil-test-pw"))


@pytest.mark.neo4j
def test_neo4j_unreachable() -> None:
    pytest.importorskip("neo4j")
    from graph.neo4j_store import Neo4jStore

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    with pytest.raises(GraphStoreError, match=f"Neo4j at {uri} is unreachable"):
        Neo4jStore(uri, password="whatever-pw")
