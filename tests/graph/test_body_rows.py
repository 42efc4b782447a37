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


def test_rows_are_packed_as_they_come() -> None:
    """10,000 bodies' names, aliases and their encodings were lists of 10,000 objects each before
    being packed: the height of a server's start, twice what the packed rows keep."""
    import gc
    import tracemalloc

    def rows() -> Any:
        for i in range(10_000):
            yield {"id": f"actor:b{i:05d}", "name": f"Velm Subcommittee {i} of the Orrin Board", "aliases": [f"VSB{i}"],
                   "kind": "committee", "level": "district", "place": f"IQG{i % 400:03d}", "name_ar": "",
                   "is_class": False, "merges": [], "source": "text"}

    gc.collect()
    tracemalloc.start()
    try:
        packed = BodyRows(rows())
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert packed._plain is None and packed["actor:b00007"]["aliases"] == ["VSB7"]
    assert packed["actor:b09999"]["name"] == "Velm Subcommittee 9999 of the Orrin Board"
    assert peak < 1.4 * kept, (peak, kept)


def test_a_bodys_sets_are_made_as_its_rows_end_and_joined_when_it_comes_again() -> None:
    """The directory's places and themes of each body (``_shared_sets``) are read a row at a
    time: a body whose rows are not together keeps them all, one frozenset per distinct set,
    keyed by the body's own id object."""
    from graph.domain.snapshot import _shared_sets

    packed = BodyRows({"id": f"actor:{i}", "name": f"B{i}"} for i in range(3))
    rows = [("actor:0", "t1"), ("actor:0", "t2"), ("actor:1", "t2"), ("actor:1", "t1"), ("actor:2", "t3"),
            ("actor:0", "t3"), ("actor:9", "t1"), ("actor:2", "t1"), ("actor:2", "t2")]
    got = _shared_sets(({"actor": a, "theme": t} for a, t in rows), "actor", "theme", packed.own)
    assert got == {"actor:0": {"t1", "t2", "t3"}, "actor:1": {"t1", "t2"}, "actor:2": {"t1", "t2", "t3"},
                   "actor:9": {"t1"}}
    assert list(got) == ["actor:0", "actor:1", "actor:2", "actor:9"]  # first met first, as before
    assert got["actor:0"] is got["actor:2"]  # one object per distinct set
    held = {k: k for k in packed}
    assert all(k is held[k] for k in got if k in held)  # keyed by the directory's id objects


def test_a_column_that_changes_type_keeps_every_value() -> None:
    """A column is packed by the type of its first values (names past 1,024 distinct as text,
    lists of strings as lists); a value of another type later keeps it as plain values."""
    rows = [{"id": f"a:{i:05d}", "name": f"Body {i}" if i != 1500 else None,
             "aliases": [f"B{i}"] if i != 7 else None, "kind": "ngo" if i % 3 else 3, "seat": f"P{i % 50}",
             "merges": []} for i in range(2_000)]
    plain = {r["id"]: r for r in rows}
    packed = BodyRows(dict(r) for r in rows)
    assert packed._plain is None
    assert dict(packed.items()) == plain
    assert all(type(packed[k][c]) is type(v) for k, r in plain.items() for c, v in r.items())
    assert list(packed.scan("name", "aliases", "kind", "seat", "merges")) == [
        (k, r["name"], r["aliases"], r["kind"], r["seat"], r["merges"]) for k, r in plain.items()]
