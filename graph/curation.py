"""Curator decisions: merge two bodies, split a name off a body, add an alias, accept or reject
a statement.

Each decision is applied to the graph at once and stored as a Decision node, which ingest
replays on every run (ingest/resolve.py), so a decision survives re-ingest. Every edge of a
merged body is moved generically over graph.model.REL_TYPES, so new relationship types need no
change here.
"""

from __future__ import annotations

import difflib
import json
import time
from dataclasses import dataclass
from typing import Any

from graph.model import REL_TYPES, Actor, Decision, Edge, actor_id, normalise_quote, short_hash
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
    rows = store.run("statement_by_id", id=statement)
    if not rows:
        raise CurationError(f"no statement with id {statement!r}")
    verdict = "accepted" if accept else "rejected"
    r = rows[0]
    # what the statement says, so the decision can follow it when an edit changes its id
    subjects = [x["id"] for x in store.run("statement_subjects", id=statement)]
    dec = _decision("review", {"statement": statement, "verdict": verdict, "doc_id": r["doc_id"] or "",
                               "kind": r["kind"] or "", "subjects": subjects, "quote": r["quote"] or ""})
    store.write([*node_ops([dec]), ("set_statement_review", [{"id": statement, "review": verdict}])])
    return {"decision": dec.id, "statement": statement, "review": verdict}


# A reviewed statement whose quote an edit changed is still the same statement when at least
# this share of its (normalised) words are unchanged, in the same document, kind and holder.
FOLLOW_RATIO = 0.75


@dataclass(frozen=True)
class Said:
    """What a statement says: the fingerprint a review decision follows across edits."""

    id: str
    doc_id: str
    kind: str
    subjects: tuple[str, ...]
    quote: str


def _follow(args: dict[str, Any], said: list[Said], taken: set[str]) -> Said | None:
    """The statement a review decision applies to now: its own id, else (for decisions that
    recorded a fingerprint) the closest statement saying the same in the same document."""
    exact = next((s for s in said if s.id == args["statement"]), None)
    if exact or "quote" not in args:
        return exact
    want = normalise_quote(args["quote"])
    best, best_ratio = None, FOLLOW_RATIO
    for s in said:
        if s.id in taken or s.doc_id != args["doc_id"] or s.kind != args["kind"] or list(s.subjects) != args["subjects"]:
            continue
        ratio = difflib.SequenceMatcher(None, want.split(), normalise_quote(s.quote).split()).ratio()
        if ratio >= best_ratio:
            best, best_ratio = s, ratio
    return best


def review_ops(decisions: list[Decision], said: list[Said]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Replays accept / reject decisions on statements that a re-ingest has just rewritten.

    A decision that found its statement under a new id (the quote was edited) is re-keyed to it,
    so it keeps following the statement through later edits.
    """
    latest: dict[str, tuple[Decision, dict[str, Any]]] = {}
    for d in decisions:
        if d.op == "review":
            args = json.loads(d.args)
            latest[args["statement"]] = (d, args)
    exact = {args["statement"] for _, args in latest.values()} & {s.id for s in said}
    ops: list[tuple[str, list[dict[str, Any]]]] = []
    taken = set(exact)
    for d, args in latest.values():
        hit = _follow(args, said, taken - {args["statement"]})
        if hit is None:
            continue
        taken.add(hit.id)
        ops.append(("set_statement_review", [{"id": hit.id, "review": args["verdict"]}]))
        if hit.id != args["statement"]:
            moved = {**args, "statement": hit.id, "quote": hit.quote, "subjects": list(hit.subjects)}
            ops += node_ops([d.model_copy(update={"args": json.dumps(moved, sort_keys=True)})])
    return ops


def current_statements(store: GraphStore) -> list[Said]:
    """Every statement in the graph as a fingerprint (statements with no holder included)."""
    subjects: dict[str, list[str]] = {}
    rows: dict[str, dict[str, Any]] = {}
    for r in store.run("statements"):
        subjects.setdefault(r["id"], []).append(r["subject"])
        rows[r["id"]] = r
    for r in store.run("claims"):
        rows.setdefault(r["id"], r)
    return [Said(i, r["doc_id"] or "", r["kind"] or "", tuple(sorted(subjects.get(i, []))), r["quote"] or "")
            for i, r in rows.items()]


def list_decisions(store: GraphStore, orphaned: bool = False) -> list[dict[str, Any]]:
    """Every curator decision, with whether it still applies; ``orphaned``: only those that do not
    (the statement is gone from every document, or the body it names no longer exists)."""
    actors = {r["id"] for r in store.run("actors")}
    said = current_statements(store)
    out = []
    for r in store.run("decisions"):
        args = json.loads(r["args"])
        if r["op"] == "review":
            live = _follow(args, said, set()) is not None
            about = args["statement"]
        else:
            named = [args[k] for k in ("keep", "id", "new_id") if k in args]
            live = all(a in actors for a in named)
            about = ", ".join(named)
        if orphaned and live:
            continue
        out.append({"id": r["id"], "op": r["op"], "about": about, "created": r["created"], "args": args,
                    "orphaned": not live})
    return out
