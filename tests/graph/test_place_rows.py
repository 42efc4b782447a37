"""A place's statements as each store reads them best (graph.queries ``PLACE_ROWS``: LadybugDB's
fields and links in two queries, Neo4j's rows in one) are the rows the same statements
read by id give: one per statement, also where it is scoped at two of the places asked, with
every subject, object, concept and scope (those outside the places asked too), on both stores."""

from __future__ import annotations

from graph.domain.scoped import _rows_by_place, statement_rows
from graph.model import Actor, Concept, Edge, Place, Statement
from graph.queries import PLACE_ROWS, RowsRead
from graph.store import GraphStore, edge_ops, node_ops

PLACES = [Place(id="place:vale", name="Vale", level="governorate"),
          Place(id="place:vale-north", name="Vale North", level="district", parent="place:vale"),
          Place(id="place:vale-south", name="Vale South", level="district", parent="place:vale"),
          Place(id="place:hills", name="Hills", level="governorate")]
BODIES = [Actor(id="actor:loom", name="Loom Guild", kind="ngo"),
          Actor(id="actor:kiln", name="Kiln Office", kind="ministry"),
          Actor(id="actor:mill", name="Mill Board", kind="committee")]
QUOTES = {"st:1": "The Loom Guild trains weavers in both districts with the Kiln Office.",
          "st:2": "The Kiln Office fires bricks.",
          "st:3": "The Mill Board grinds grain in the hills and the north.",
          "st:4": "The Loom Guild sells cloth in the hills only."}
SCOPES = {"st:1": ["place:vale-north", "place:vale-south"], "st:2": ["place:vale-south"],
          "st:3": ["place:vale-north", "place:hills"], "st:4": ["place:hills"]}


def _write(store: GraphStore) -> None:
    sts = [Statement(id=i, kind="mandate", status="established", quote=q, doc_id="doc:x") for i, q in QUOTES.items()]
    concepts = [Concept(id="theme:weaving", label_en="weaving", scheme="theme"),
                Concept(id="theme:bricks", label_en="bricks", scheme="theme")]
    store.write([*node_ops([*PLACES, *BODIES, *concepts, *sts]),
                 *edge_ops([Edge(rel="PART_OF", src=p.id, dst=p.parent) for p in PLACES if p.parent]
                           + [Edge(rel="SCOPE", src=s, dst=p) for s, ps in SCOPES.items() for p in ps]
                           + [Edge(rel="SUBJECT", src="actor:loom", dst="st:1"),
                              Edge(rel="OBJECT", src="st:1", dst="actor:kiln"),
                              Edge(rel="ABOUT", src="st:1", dst="theme:weaving"),
                              Edge(rel="ABOUT", src="st:1", dst="theme:bricks"),
                              Edge(rel="SUBJECT", src="actor:kiln", dst="st:2"),
                              Edge(rel="SUBJECT", src="actor:mill", dst="st:3"),
                              Edge(rel="SUBJECT", src="actor:loom", dst="st:4")])])


def test_a_places_rows_are_its_statements_rows_by_id(store: GraphStore) -> None:
    _write(store)
    assert PLACE_ROWS[store.dialect] in (RowsRead.ONE, RowsRead.TWO)
    got = _rows_by_place(store, ["place:vale-north", "place:vale-south"])
    assert [r["id"] for r in got] == ["st:1", "st:2", "st:3"]  # once each; not the hills' alone
    want = sorted(statement_rows(store, "id", ids=["st:1", "st:2", "st:3"]), key=lambda r: r["id"])
    assert got == want
    first = got[0]
    assert (first["subjects"], first["objects"], first["concepts"], first["places"]) == (
        ["actor:loom"], ["actor:kiln"], ["theme:bricks", "theme:weaving"], ["place:vale-north", "place:vale-south"])
    assert got[2]["places"] == ["place:hills", "place:vale-north"]  # a scope outside the places asked too
    assert _rows_by_place(store, ["place:nowhere"]) == []
