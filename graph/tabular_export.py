"""The graph as GraphML (Gephi, yEd, Cytoscape) and as CSV node / edge tables (spreadsheets).

Same content and the same filters (place with roll-up, theme, body) as the RDF export; the
columns follow Gephi's import conventions (nodes: Id, Label; edges: Source, Target, Type,
Label) so a file opens in Gephi without a mapping step. List fields are joined with " | ",
since neither format has lists. Values are made safe (graph.safe_text): no control characters
(GraphML stays valid XML), no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import networkx as nx

from graph.model import NODE_TYPES, REL_TYPES
from graph.rdf.dump import GraphDump
from graph.safe_text import csv_cell, strip_controls

LIST_SEP = " | "
DISPLAY = ("name", "title", "label_en", "summary", "op")


def _flat(v: Any) -> Any:
    """One value for a GraphML attribute: lists joined, control characters removed (invalid in
    XML), NaN and infinities dropped (None: the attribute is left out)."""
    if isinstance(v, list):
        v = LIST_SEP.join(str(x) for x in v)
    if isinstance(v, str):
        return strip_controls(v)
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def _display(row: dict[str, Any]) -> str:
    for f in DISPLAY:
        if row.get(f):
            return str(row[f])
    if row.get("quote"):
        q = str(row["quote"])
        return q if len(q) <= 80 else q[:79] + "…"
    return str(row["id"])


def node_columns() -> list[str]:
    cols: list[str] = []
    for m in NODE_TYPES:
        for f in m.model_fields:
            if f != "id" and f not in cols:
                cols.append(f)
    return cols


def edge_columns() -> list[str]:
    cols: list[str] = []
    for r in REL_TYPES:
        for p in r.props:
            if p not in cols:
                cols.append(p)
    return cols


def to_networkx(dump: GraphDump) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for label, rows in dump.nodes.items():
        for nid, row in rows.items():
            attrs = {k: f for k, v in row.items() if k != "id" and (f := _flat(v)) is not None}
            # GraphML keys are typed per name across the file: prefix by label avoids clashes
            # such as Statement.status (str) vs Effort.status (str) — same type, so plain names.
            g.add_node(nid, Label=strip_controls(_display(row)), category=label, **attrs)
    for rel, erows in dump.edges.items():
        for r in erows:
            props = {k: f for k, v in r.items() if k not in ("src", "dst") and (f := _flat(v)) is not None}
            g.add_edge(r["src"], r["dst"], key=rel, Label=rel, **props)
    return g


def write_graphml(dump: GraphDump, out: Path) -> int:
    """Write GraphML; returns the number of nodes written."""
    g = to_networkx(dump)
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, out, encoding="utf-8", named_key_ids=True)
    return g.number_of_nodes()


def csv_paths(out: Path) -> tuple[Path, Path]:
    """``x.csv`` -> ``x.nodes.csv`` and ``x.edges.csv``; a folder -> ``nodes.csv``, ``edges.csv``."""
    if out.suffix.lower() == ".csv":
        return out.with_suffix(".nodes.csv"), out.with_suffix(".edges.csv")
    return out / "nodes.csv", out / "edges.csv"


def write_csv(dump: GraphDump, out: Path) -> tuple[Path, Path]:
    nodes_path, edges_path = csv_paths(out)
    nodes_path.parent.mkdir(parents=True, exist_ok=True)
    cols = node_columns()
    with nodes_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Label", "category", *cols])
        for label, rows in dump.nodes.items():
            for nid, row in rows.items():
                w.writerow([csv_cell(x) for x in (nid, _display(row), label, *(_flat(row.get(c, "")) for c in cols))])
    ecols = edge_columns()
    with edges_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Source", "Target", "Type", "Label", *ecols])
        for rel, erows in dump.edges.items():
            for r in erows:
                w.writerow([csv_cell(x) for x in (r["src"], r["dst"], "Directed", rel,
                                                  *(_flat(r.get(c, "")) for c in ecols))])
    return nodes_path, edges_path
