"""A data folder made before a field was added to the model keeps working: the store adds the
missing column at the field's default when it opens (real LadybugDB)."""

from __future__ import annotations

from pathlib import Path

import ladybug as lb

from graph.ladybug_store import LadybugStore
from graph.model import Statement
from graph.schema import ladybug_ddl
from graph.store import node_ops


def test_an_older_graph_gets_the_new_statement_columns(tmp_path: Path) -> None:
    path = tmp_path / "graph.lbug"
    db = lb.Database(str(path))
    conn = lb.Connection(db)
    for stmt in ladybug_ddl():  # the schema as it was before OCR provenance
        conn.execute(stmt.replace(", text_source STRING, ocr_confidence DOUBLE", ""))
    conn.execute("CREATE (:Statement {id: 'old', kind: 'mandate', quote: 'q'})")
    conn.close()
    db.close()

    store = LadybugStore(path)
    try:
        rows = store._read("MATCH (s:Statement {id: 'old'}) RETURN s.text_source AS t, s.ocr_confidence AS c", {})
        assert rows == [{"t": "", "c": 0.0}]
        store.write(node_ops([Statement(id="new", kind="mandate", quote="q", text_source="ocr", ocr_confidence=81.5)]))
        rows = store._read("MATCH (s:Statement {id: 'new'}) RETURN s.text_source AS t, s.ocr_confidence AS c", {})
        assert rows == [{"t": "ocr", "c": 81.5}]
    finally:
        store.close()
