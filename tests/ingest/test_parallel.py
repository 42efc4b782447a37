"""`ingest --workers N`: documents loaded and extracted in worker processes, resolved and written
here in file order; the graph is the one a single process makes, and a bad file fails alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.model import NODE_TYPES, REL_TYPES
from graph.store import GraphStore, open_store
from ingest.pipeline import Ingestor
from tests.conftest import DEMO


def _graph(store: GraphStore) -> tuple[dict[str, int], dict[str, int], list[str]]:
    nodes = {m.label: store._read(f"MATCH (n:{m.label}) RETURN count(n) AS c", {})[0]["c"]  # type: ignore[attr-defined]
             for m in NODE_TYPES}
    edges = {r.name: store._read(f"MATCH ()-[e:{r.name}]->() RETURN count(e) AS c", {})[0]["c"]  # type: ignore[attr-defined]
             for r in REL_TYPES}
    ids = [r["id"] for r in store._read("MATCH (s:Statement) RETURN s.id AS id ORDER BY id", {})]  # type: ignore[attr-defined]
    return nodes, edges, ids


def test_two_workers_make_the_graph_one_process_makes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder)
    bad = folder / "zz-cut-short.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")  # no %%EOF: cut short
    graphs = []
    for workers in (1, 2):
        store = open_store(path=str(tmp_path / f"g{workers}.lbug"))
        try:
            reports = Ingestor(store).ingest_paths([folder], workers=workers)
            assert [Path(r.path).name for r in reports] == sorted(p.name for p in folder.iterdir())  # in order
            failed = [r for r in reports if r.status == "failed"]
            assert [Path(r.path).name for r in failed] == [bad.name] and "truncated" in failed[0].reason
            assert sum(r.status == "ingested" for r in reports) == len(list(DEMO.iterdir()))
            graphs.append(_graph(store))
            again = Ingestor(store).ingest_paths([folder], workers=workers)  # nothing changed
            assert {r.status for r in again if r.path != str(bad)} == {"unchanged"}
        finally:
            store.close()
    assert graphs[0] == graphs[1]
    nodes, edges, ids = graphs[0]
    assert nodes["Statement"] == len(ids) > 100 and sum(edges.values()) > 1000
