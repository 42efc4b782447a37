"""Curator decisions: merge two bodies, split a name off a body, add an alias, accept or reject
a statement.

Each decision is applied to the graph at once and stored as a Decision node, which ingest
replays on every run (ingest/resolve.py), so a decision survives re-ingest. Every edge of a
merged body is moved generically over graph.model.REL_TYPES, so new relationship types need no
change here.
"""

from __future__ import annotations

import json
import time
from typing import Any

from graph.model import REL_TYPES, Actor, Decision, Edge, actor_id, short_hash
from graph.names import normalize_name
from graph.safe_text import name_problem
from graph.store import GraphStore, edge_ops, node_ops


class CurationError(ValueError):
    """A decision that cannot apply (unknown id, merging a body with itself, ...)."""


def _actor(store: GraphStore, aid: str) -> Actor:
    rows = store.run("actor_by_id", id=aid)
    if not rows:
        raise CurationError(f"no body with id {aid!r}")
    r = rows[0]
    return Actor(**{k: v for k, v in r.items() if v is not None})


def _decision(op: str, args: dict[str, Any]) -> Decision:
    created = time.strftime("%Y-%m-%dT%H:%M:%S")
    return Decision(id="decision:" + short_hash(op, json.dumps(args, sort_keys=True), created), op=op,
                    args=json.dumps(args, sort_keys=True), created=created)


def _edges_of(store: GraphStore, aid: str) -> list[Edge]:
    out: list[Edge] = []
    for spec in REL_TYPES:
        if "Actor" not in (spec.src, spec.dst):
            continue
        for direction in ("out", "in") if spec.src == spec.dst else (("out",) if spec.src == "Actor" else ("in",)):
            for r in store.run(f"curate_{direction}_{spec.name}", id=aid):
                out.append(Edge(rel=spec.name, src=r["src"], dst=r["dst"], props={p: r[p] or "" for p in spec.props}))
    return out


def merge(store: GraphStore, keep: str, drop: str) -> dict[str, Any]:
    """``drop`` becomes an alias of ``keep``; its statements, places and roles move over."""
    if keep == drop:
        raise CurationError("cannot merge a body with itself")
    k, d = _actor(store, keep), _actor(store, drop)
    moved = [
        Edge(rel=e.rel, src=keep if e.src == drop else e.src, dst=keep if e.dst == drop else e.dst, props=e.props)
        for e in _edges_of(store, drop)
    ]
    moved = [e for e in moved if e.src != e.dst]
    k.aliases = sorted(set(k.aliases) | {d.name, *d.aliases} - {k.name})
    k.merges = sorted(set(k.merges) | set(d.merges) | {f"{d.name}: curator merge"})
    dec = _decision("merge", {"keep": keep, "drop": drop, "drop_name": d.name})
    store.write([*node_ops([k, dec]), *edge_ops(moved), ("delete_actor", [{"id": drop}])])
    return {"decision": dec.id, "kept": keep, "merged": drop, "edges_moved": len(moved)}


def alias(store: GraphStore, aid: str, name: str) -> dict[str, Any]:
    a = _actor(store, aid)
    if problem := name_problem(name):  # control, unassigned or invisible characters (issue 17)
        raise CurationError(f"alias refused: {problem}")
    if len(name) > 300:
        raise CurationError("alias refused: longer than 300 characters")
    if not normalize_name(name):
        raise CurationError("the alias is empty")
    a.aliases = sorted(set(a.aliases) | {name})
    a.merges = sorted(set(a.merges) | {f"{name}: curator alias"})
    dec = _decision("alias", {"id": aid, "name": name})
    store.write(node_ops([a, dec]))
    return {"decision": dec.id, "id": aid, "alias": name}


def split(store: GraphStore, aid: str, name: str) -> dict[str, Any]:
    """Take ``name`` off ``aid`` into a body of its own; statements quoting that name move with it."""
    a = _actor(store, aid)
    key = normalize_name(name)
    if key not in {normalize_name(x) for x in a.aliases}:
        raise CurationError(f"{name!r} is not an alias of {a.name!r}; aliases: {', '.join(a.aliases[:10])}")
    new_id = actor_id(name)
    if new_id == aid:
        new_id = actor_id(name + " split")
    a.aliases = [x for x in a.aliases if normalize_name(x) != key]
    a.merges = [m for m in a.merges if normalize_name(m.split(":", 1)[0]) != key]
    new = Actor(id=new_id, name=name, kind=a.kind, level=a.level, source="curator")
    ops: list[tuple[str, list[dict[str, Any]]]] = []
    moved = 0
    needle = name.lower()
    for r in store.run("statements_of_actor", id=aid):
        if needle in (r["quote"] or "").lower():
            rel_out = r["role"] == "subject"
            old = Edge(rel="SUBJECT", src=aid, dst=r["id"]) if rel_out else Edge(rel="OBJECT", src=r["id"], dst=aid)
            ops.append((f"unlink_{old.rel}", [{"src": old.src, "dst": old.dst}]))
            ops += edge_ops([Edge(rel=old.rel, src=new_id if rel_out else r["id"], dst=r["id"] if rel_out else new_id)])
            moved += 1
    dec = _decision("split", {"id": aid, "name": name, "new_id": new_id})
    store.write([*node_ops([a, new, dec]), *ops])
    return {"decision": dec.id, "id": aid, "new_id": new_id, "statements_moved": moved}


def review(store: GraphStore, statement: str, accept: bool) -> dict[str, Any]:
    if not store.run("statement_by_id", id=statement):
        raise CurationError(f"no statement with id {statement!r}")
    verdict = "accepted" if accept else "rejected"
    dec = _decision("review", {"statement": statement, "verdict": verdict})
    store.write([*node_ops([dec]), ("set_statement_review", [{"id": statement, "review": verdict}])])
    return {"decision": dec.id, "statement": statement, "review": verdict}


def review_ops(decisions: list[Decision], statement_ids: set[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Replays accept / reject decisions on statements that a re-ingest has just rewritten."""
    latest: dict[str, str] = {}
    for d in decisions:
        if d.op == "review":
            args = json.loads(d.args)
            latest[args["statement"]] = args["verdict"]
    return [("set_statement_review", [{"id": s, "review": v}]) for s, v in latest.items() if s in statement_ids]
