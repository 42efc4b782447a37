"""Copy one graph store into another (embedded -> Neo4j and back), generic over graph.model.

Every node label in NODE_TYPES and relationship type in REL_TYPES is read page by page from the
source (the ``sync_page_*`` queries, keyset-paged) and upserted into the target in batches, so
ids, provenance (documents, chunks, statements with their quotes and offsets) and curator
decisions arrive unchanged, and a new model class is synced without touching this file.

Two modes, both idempotent (a second run changes no count):

* **merge** (default): the target keeps what the source lacks; nodes and relationships in both
  take the source's values. A document present in the source *replaces* its copy in the target
  (its statements, chunks, efforts and Document node are deleted first), so no document ends up
  a mix of two versions - the same rule as a re-ingest.
* **replace**: the target is emptied first and becomes an exact copy of the source.

A sync is many transactions, not one. Document nodes are written last, after every fact and
edge, so an interrupted sync leaves the synced documents absent, never visible as complete
with facts missing; running it again finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import BaseModel, Field, ValidationError

from graph.model import NODE_TYPES, REL_TYPES, Document, Edge, Node, RelSpec
from graph.store import GraphStore, GraphStoreError, Row, WriteOp, edge_ops, node_ops

PAGE = 5000
# Labels written after every relationship: a Document node says "this document is complete".
LAST_LABELS = (Document.label,)

Progress = Callable[[str, int, int], None]
"""on_progress(step, done, total): step is a node label or a relationship type."""


class SyncError(GraphStoreError):
    """A source row the model rejects; names the label, the id and the field."""


def _node(model: type[Node], row: Row) -> Node:
    """Validate at the boundary. A property the source never had (Neo4j is schemaless, and a
    graph written before a field was added lacks it) comes back as null: the default applies."""
    try:
        return model.model_validate({k: v for k, v in row.items() if v is not None})
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(x) for x in err["loc"])
        raise SyncError(
            f"cannot copy {model.label} {row.get('id')!r}: field {field!r}: {err['msg']}; nothing "
            "after it was copied. Fix that node in the source, then run the sync again."
        ) from e


class SyncReport(BaseModel):
    """What a sync copied and what each side holds afterwards (label/type -> count)."""

    mode: str
    nodes: dict[str, int] = Field(default_factory=dict)
    relationships: dict[str, int] = Field(default_factory=dict)
    documents_replaced: int = 0
    source_counts: dict[str, int] = Field(default_factory=dict)
    target_counts: dict[str, int] = Field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every label and type has at least the source's count in the target (replace: exactly)."""
        for k, n in self.source_counts.items():
            got = self.target_counts.get(k, 0)
            if got < n or (self.mode == "replace" and got != n):
                return False
        return True


def counts(store: GraphStore) -> dict[str, int]:
    """Node count per label and relationship count per type, zeros included."""
    out = {m.label: 0 for m in NODE_TYPES} | {r.name: 0 for r in REL_TYPES}
    for r in store.run("count_label"):
        out[r["label"]] = r["n"]
    for r in store.run("count_rels"):
        out[r["rel"]] = r["n"]
    return out


def _node_pages(store: GraphStore, model: type[Node], page: int) -> Iterator[list[Row]]:
    after = ""
    while True:
        rows = store.run(f"sync_page_{model.label}", after=after, limit=page)
        if not rows:
            return
        yield rows
        after = rows[-1]["id"]


def _rel_pages(store: GraphStore, spec: RelSpec, page: int) -> Iterator[list[Row]]:
    after, after_dst = "", ""
    while True:
        rows = store.run(f"sync_page_{spec.name}", after=after, after_dst=after_dst, limit=page)
        if not rows:
            return
        yield rows
        after, after_dst = rows[-1]["src"], rows[-1]["dst"]


def _edge(spec: RelSpec, row: Row) -> Edge:
    props = {p: "" if row.get(p) is None else str(row[p]) for p in spec.props}
    return Edge(rel=spec.name, src=row["src"], dst=row["dst"], props=props)


def _clear(target: GraphStore, page: int, on_progress: Progress | None) -> None:
    """Empty the target, label by label in batches (DETACH: their edges go too).

    Statements (most of the edges) go before the bodies they link, and batches stay small, so
    no transaction deletes enough to hit a server's transaction memory limit."""
    for model in reversed(NODE_TYPES):
        while True:
            ids = [{"id": r["id"]} for r in target.run(f"sync_page_{model.label}", after="", limit=min(page, 1000))]
            if not ids:
                break
            target.write([(f"delete_nodes_{model.label}", [{"rows": ids}])])
        if on_progress:
            on_progress(f"clear {model.label}", 1, 1)


def _drop_documents(source: GraphStore, target: GraphStore) -> int:
    """Merge: remove the target's copy of every document the source holds (facts, then the node)."""
    theirs = {r["id"] for r in target.run("documents")}
    ours = [r["id"] for r in source.run("documents") if r["id"] in theirs]
    for doc_id in ours:
        p = [{"doc_id": doc_id}]
        target.write([
            ("delete_document", p),  # first: a half-deleted document must not look complete
            ("delete_doc_statements", p),
            ("delete_doc_chunks", p),
            ("delete_doc_efforts", p),
        ])
    if ours:  # as a re-ingest does: text-found bodies no statement names any more go
        target.write([("delete_orphan_text_actors", [{}])])
    return len(ours)


def sync(
    source: GraphStore,
    target: GraphStore,
    replace: bool = False,
    page: int = PAGE,
    on_progress: Progress | None = None,
) -> SyncReport:
    """Copy ``source`` into ``target``; see the module docstring for merge vs replace."""
    report = SyncReport(mode="replace" if replace else "merge", source_counts=counts(source))
    total = report.source_counts
    if replace:
        _clear(target, page, on_progress)
    else:
        report.documents_replaced = _drop_documents(source, target)

    first = [m for m in NODE_TYPES if m.label not in LAST_LABELS]
    last = [m for m in NODE_TYPES if m.label in LAST_LABELS]

    def copy_nodes(models: list[type[Node]]) -> None:
        for model in models:
            done = 0
            if on_progress:
                on_progress(model.label, 0, total[model.label])
            for rows in _node_pages(source, model, page):
                target.write(node_ops(_node(model, r) for r in rows))
                done += len(rows)
                if on_progress:
                    on_progress(model.label, done, total[model.label])
            report.nodes[model.label] = done

    copy_nodes(first)
    for spec in REL_TYPES:
        done = 0
        if on_progress:
            on_progress(spec.name, 0, total[spec.name])
        for rows in _rel_pages(source, spec, page):
            ops: list[WriteOp] = edge_ops(_edge(spec, r) for r in rows)
            target.write(ops)
            done += len(rows)
            if on_progress:
                on_progress(spec.name, done, total[spec.name])
        report.relationships[spec.name] = done
    copy_nodes(last)
    report.target_counts = counts(target)
    return report
