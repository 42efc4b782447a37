"""The directory's bodies' rows are held packed by column (graph.domain.bodyrows, issue 19's serve
memory): every reader must get what a dict of the rows read gave, row for row, key for key and in
the same order, and the scans that test columns the same bodies as a pass over those rows."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from graph.domain.bodyrows import BodyRows
from graph.domain.snapshot import Directory, Snapshot, resolve_name
from graph.model import Actor
from graph.store import GraphStore, node_ops

_BODIES = [
    Actor(id="actor:velm-circle", name="Velm Reading Circle", aliases=["VRC", "Velm Circle"], kind="ngo",
          level="district", place="IQG01Q02", source="text"),
    Actor(id="actor:orrin-board", name="Orrin Water Board", kind="committee", level="governorate",
          place="IQG01", name_ar="مجلس أورين للمياه", source="registry"),
    Actor(id="actor:tamsel-guild", name="Tamsel Guild", kind="ngo", level="district", is_class=True,
          merges=["Tamsel Guild Office: same name key"]),
    Actor(id="actor:district-councils", name="district councils", kind="local_government", level="district",
          is_class=True, source="text"),
    Actor(id="actor:kessa-council", name="Kessa District Council", aliases=["مجلس قضاء كيسا"],
          kind="local_government", level="district", place="IQG01Q02"),
    Actor(id="actor:ana-person", name="Ana Person", kind="person"),
]


def test_packed_rows_are_the_rows_read(store: GraphStore) -> None:
    store.write(node_ops(_BODIES))
    rows: list[dict[str, Any]] = store.run("actors")
    assert list(store.rows("actors")) == rows  # what the directory reads, one row at a time
    plain = {r["id"]: r for r in rows}
    packed = BodyRows(dict(r) for r in rows)
    assert packed._plain is None  # held by column, not as the rows
    assert list(packed) == list(plain) and len(packed) == len(plain)
    for k, r in plain.items():
        assert k in packed and packed[k] == r and list(packed[k]) == list(r)
        assert all(type(packed[k][c]) is type(v) for c, v in r.items())
        assert packed.get(k) == r
    assert "actor:nobody" not in packed and packed.get("actor:nobody", {}) == {}
    assert json.dumps(list(packed.values()), ensure_ascii=False) == json.dumps(list(plain.values()), ensure_ascii=False)
    assert packed == plain and packed == BodyRows(dict(r) for r in rows)
    for cols in (("kind",), ("is_class", "kind", "place"), ("name", "aliases", "name_ar"), ("merges", "id")):
        assert list(packed.scan(*cols)) == [(k, *(r[c] for c in cols)) for k, r in plain.items()]
    changed = [dict(r, name="Velm Circle") if r["id"] == "actor:velm-circle" else dict(r) for r in rows]
    assert packed != BodyRows(changed)


def test_rows_of_other_shapes_are_kept_as_read() -> None:
    rows = [{"id": "a:1", "name": "One", "kind": "ngo"}, {"id": "a:2", "name": "Two"},
            {"id": "a:1", "name": "One again", "kind": "ngo"}]
    plain = {r["id"]: r for r in rows}
    packed = BodyRows(rows)
    assert list(packed) == list(plain) and dict(packed.items()) == plain
    assert list(packed.scan("kind")) == [("a:1", "ngo"), ("a:2", None)]


def test_questions_over_the_packed_directory_answer_as_over_the_rows(store: GraphStore) -> None:
    """Class members, classes of a level, high committees' scans and name resolution read columns."""
    store.write(node_ops(_BODIES))
    snap = Snapshot(store)
    plain = {r["id"]: r for r in store.run("actors")}
    assert isinstance(snap.actors, BodyRows) and isinstance(Directory(store).actors, BodyRows)
    assert snap.class_ids() == [k for k, a in plain.items() if a["is_class"]]
    assert snap.class_members("actor:tamsel-guild") == ["actor:velm-circle"]
    assert snap.class_members("actor:district-councils") == ["actor:kessa-council"]
    assert snap.classes_for_level("local_government", "district") == ["actor:district-councils"]
    assert [m["id"] for m in resolve_name(snap, "VRC")] == ["actor:velm-circle"]
    assert [m["id"] for m in resolve_name(snap, "مجلس قضاء كيسا")] == ["actor:kessa-council"]
    # the gazetteer is asked the name asked, not a body's name read on the way
    place = resolve_name(snap, "Orrin Water Board", lambda n: [SimpleNamespace(id="place:orrin", name=n)])
    assert [(m["id"], m["name"]) for m in place] == [("actor:orrin-board", "Orrin Water Board"),
                                                     ("place:orrin", "Orrin Water Board")]
