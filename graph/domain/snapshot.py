"""The graph as Python objects (Snapshot) and the ranking helpers every domain question shares.

Built from a handful of flat queries (the Cypher stays in graph.queries), so every store gives
the same objects and the questions rank identically whichever store is behind them.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from graph.domain.bodyrows import BodyRows
from graph.grounding import KIND_PREFERENCE, sentence_key
from graph.model import STATUS_RANK, Status
from graph.names import normalize_name
from graph.store import GraphStore

COUNTRY = "place:IQ"
GENERAL_THEME = "theme:pcve"

PLACE_MATCH_RANK = {"place": 0, "inside": 1, "actor_place": 1, "above": 2, "nationwide": 3, "class": 4}
# Levels a class of bodies reaches: "city and district governments" reach districts too.
CLASS_LEVELS = {
    "city": {"city", "district", "subdistrict"},
    "district": {"district", "subdistrict"},
    "governorate": {"governorate"},
    "national": {"national"},
    # a class that names no level ("civil society organisations") reaches its kind at every level
    "unknown": {"international", "regional", "national", "governorate", "district", "city", "subdistrict", "unknown", ""},
}
# The level of a body placed at a gazetteer place of this level.
PLACE_TO_LEVEL = {"country": "national", "governorate": "governorate", "district": "district", "subdistrict": "subdistrict"}
LEVEL_ORDER = ["international", "regional", "national", "ministerial", "governorate", "district", "city", "subdistrict"]
# How much a role in an effort says about who does the work (IATI roles and 3W columns).
ROLE_WEIGHT = {"implementing": 1.0, "implementer": 1.0, "organisation": 1.0, "extending": 0.9,
               "accountable": 0.9, "funding": 0.85, "funder": 0.85, "partner": 0.85}
PARTNER_KINDS = {"un_agency", "ngo", "donor", "international_org", "network", "programme", "private_sector",
                 "religious_body"}
MANDATE_KINDS = {"mandate", "responsibility", "support", "partnership", "presence"}


@dataclass
class St:
    id: str
    kind: str
    status: str
    quote: str
    doc_id: str
    page: int
    level: str
    nationwide: bool
    review: str
    subjects: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    post: str = ""
    summary: str = ""
    instrument: str = ""
    # the concepts the quote names, as stored (graph.mentions); None: not read, look them up
    mentions: frozenset[str] | None = None
    # the places the quote names, as stored (graph.mentions; with the gazetteer's key); None:
    # not read or not computed, so any place
    places_named: frozenset[str] | None = None


@dataclass
class Ef:
    """An effort (project, 3W row, IATI activity) with its roles, places and concepts."""

    id: str
    title: str
    sector: str
    activity: str
    status: str
    date_start: str
    date_end: str
    budget: float
    doc_id: str
    quote: str
    page: int
    roles: list[tuple[str, str]] = field(default_factory=list)  # (actor id, role)
    places: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)


def _st(r: dict[str, Any]) -> St:
    return St(
        id=r["id"], kind=r["kind"], status=r["status"], quote=r["quote"], doc_id=r["doc_id"],
        page=r["page"], level=r["level"], nationwide=r["nationwide"], review=r["review"],
        post=r["post"], summary=r["summary"], instrument=r.get("instrument") or "",
        mentions=None if r.get("mentions") is None else frozenset(r["mentions"]),
        places_named=_places_named(r.get("places_named")),
    )


def _places_named(stored: list[str] | None) -> frozenset[str] | None:
    """The stored places of a quote, or None (any place) if tagged under another gazetteer."""
    if stored is None:
        return None
    from graph.mentions import gazetteer_key

    return frozenset(stored) if stored and stored[0] == gazetteer_key() else None


class Directory:
    """The bounded part of the graph: bodies, documents, the gazetteer and the vocabularies, with
    their hierarchies. It grows with the number of bodies, not of statements, so a process keeps
    one (graph.domain.scoped caches it) and fetches only the statements each answer needs."""

    def __init__(self, store: GraphStore) -> None:
        self.actors = BodyRows(store.rows("actors"))  # packed by column (graph.domain.bodyrows)
        self.docs = {d["id"]: d for d in store.run("documents")}
        self.places = {p["id"]: p for p in store.run("places")}
        self.concepts = {c["id"]: c for c in store.run("concepts")}
        self.parent = {r["id"]: r["parent"] for r in store.run("place_parents")}
        self.broader: dict[str, set[str]] = defaultdict(set)
        for r in store.run("concept_broader"):
            self.broader[r["id"]].add(r["broader"])
        self.related: dict[str, set[str]] = defaultdict(set)
        for r in store.run("concept_related"):
            self.related[r["id"]].add(r["related"])
            self.related[r["related"]].add(r["id"])
        own = self.actors.own  # each body's id object, to key its sets by
        self.actor_concepts = _shared_sets(store.rows("actor_concepts"), "actor", "concept", own)
        self.actor_places = _shared_sets(store.rows("actor_places"), "actor", "place", own)
        self.units: dict[str, str] = {r["unit"]: r["parent"] for r in store.run("actor_units")}
        # memos shared by every snapshot over this directory (ancestors, narrower closures,
        # the grounder's term indexes)
        self.anc: dict[str, list[str]] = {}
        self.narrower: dict[str, set[str]] = {}
        self.cache: dict[str, Any] = {}

    def same_as(self, other: Directory) -> bool:
        """Whether both hold the same bodies, documents, places, concepts and links, so the one
        kept keeps serving with its memos (grounder, closures) instead of a second copy built
        beside it: on a server store the directory is read again every few seconds."""
        def links(m: dict[str, set[str]]) -> dict[str, set[str]]:
            return {k: v for k, v in m.items() if v}  # a look-up of a defaultdict leaves an empty set

        return (self.actors == other.actors and self.docs == other.docs and self.places == other.places
                and self.concepts == other.concepts and self.parent == other.parent
                and links(self.broader) == links(other.broader) and links(self.related) == links(other.related)
                and self.actor_concepts == other.actor_concepts and self.actor_places == other.actor_places
                and self.units == other.units)


def _shared_sets(rows: Iterable[dict[str, Any]], key: str, col: str,
                 own: Callable[[str], str]) -> dict[str, frozenset[str]]:
    """key -> the set of its ``col`` values, one frozenset object per distinct set: most bodies
    share their places and themes with many others, and a set costs 200 bytes or more each.
    Keyed by ``own``'s object for each key (a body's own id), not by a copy of each id read with
    every row. A key's rows come together (the queries order them by it), so each set is made
    when its key's rows end: 10,000 sets were held at once before being shared, at the height
    of a server's start (issue 19); a key met again later is joined to what it had."""
    same: dict[frozenset[str], frozenset[str]] = {}
    out: dict[str, frozenset[str]] = {}
    cur: str | None = None
    vals: list[str] = []

    def end() -> None:
        if cur is not None:
            fs = frozenset(vals).union(out.get(cur, ()))
            out[cur] = same.setdefault(fs, fs)

    for r in rows:
        k = r[key]
        if k != cur:
            end()
            cur, vals = own(k), []
        vals.append(sys.intern(r[col]))
    end()
    return out


class Facts:
    """Statements (with their claims) and efforts, from flat rows; all of them or a slice."""

    def __init__(self) -> None:
        self.statements: dict[str, St] = {}
        self.efforts: dict[str, Ef] = {}

    @classmethod
    def every(cls, store: GraphStore) -> Facts:
        f = cls()
        for r in store.run("statements"):
            st = f.statements.get(r["id"])
            if st is None:
                st = f.statements[r["id"]] = _st(r)
            st.subjects.append(r["subject"])
        for r in store.run("claims"):
            f.statements[r["id"]] = _st(r)
        for name, attr, col in (
            ("statement_objects", "objects", "object"),
            ("statement_concepts", "concepts", "concept"),
            ("statement_places", "places", "place"),
        ):
            for r in store.run(name):
                st = f.statements.get(r["id"])
                if st is not None:
                    getattr(st, attr).append(r[col])
        f.efforts = {r["id"]: Ef(**{k: r[k] for k in Ef.__dataclass_fields__ if k in r}) for r in store.run("efforts")}
        for r in store.run("effort_roles"):
            if r["id"] in f.efforts:
                f.efforts[r["id"]].roles.append((r["actor"], r["role"]))
        for name, attr, col in (("effort_places", "places", "place"), ("effort_concepts", "concepts", "concept")):
            for r in store.run(name):
                if r["id"] in f.efforts:
                    getattr(f.efforts[r["id"]], attr).append(r[col])
        return f


class Snapshot:
    """The graph's facts as Python objects: a directory and all facts (``Snapshot(store)``), or
    a directory and the slice of facts one answer reads (graph.domain.scoped)."""

    def __init__(self, store: GraphStore | None = None, directory: Directory | None = None,
                 facts: Facts | None = None) -> None:
        if directory is None:
            assert store is not None
            directory = Directory(store)
        if facts is None:
            facts = Facts.every(store) if store is not None else Facts()
        self.directory = directory
        self.actors = directory.actors
        self.docs = directory.docs
        self.places = directory.places
        self.concepts = directory.concepts
        self.parent = directory.parent
        self.broader = directory.broader
        self.related = directory.related
        self.actor_concepts = directory.actor_concepts
        self.actor_places = directory.actor_places
        self.units = directory.units
        self.statements = facts.statements
        self.claims = [s for s in self.statements.values() if s.kind in ("driver", "need")]
        self.efforts = facts.efforts
        self._anc = directory.anc
        self._narrower = directory.narrower
        self._pm: dict[tuple[str, str], str | None] = directory.cache.setdefault("place_match", {})
        self._doc_names: dict[str, str] = directory.cache.setdefault("doc_names", {})
        # indexes derived from the facts on first use (graph.grounding's term indexes)
        self.cache: dict[str, Any] = {}

    # places ---------------------------------------------------------------------------
    def ancestors(self, pid: str) -> list[str]:
        got = self._anc.get(pid)
        if got is None:
            out: list[str] = []
            cur = pid
            while cur in self.parent and self.parent[cur] not in out and self.parent[cur] != pid:
                cur = self.parent[cur]
                out.append(cur)
            got = self._anc[pid] = out
        return got

    def place_match(self, scope: str, target: str) -> str | None:
        """How a statement's scope relates to the place asked about (None: unrelated); kept
        with the directory (bounded by the gazetteer), as every statement of a slice asks it."""
        key = (scope, target)
        got = self._pm.get(key, "")
        if got == "":
            got = self._pm[key] = self._place_match(scope, target)
        return got

    def _place_match(self, scope: str, target: str) -> str | None:
        if scope == target:
            return "place"
        if target in self.ancestors(scope):
            return "inside"
        if scope in self.ancestors(target):
            return "nationwide" if scope == COUNTRY else "above"
        return None

    def place_name(self, pid: str | None) -> str:
        if not pid:
            return ""
        p = self.places.get(pid)
        return p["name"] if p else pid

    def place_level(self, pid: str) -> str:
        p = self.places.get(pid)
        return PLACE_TO_LEVEL.get(p["level"], "") if p else ""

    # concepts ---------------------------------------------------------------------------
    def narrower_closure(self, cid: str) -> set[str]:
        got = self._narrower.get(cid)
        if got is not None:
            return got
        out = {cid}
        changed = True
        while changed:
            changed = False
            for c, bs in self.broader.items():
                if c not in out and bs & out:
                    out.add(c)
                    changed = True
        # a theme and the target group of the same name ("youth") answer the same question
        key = cid.partition(":")[2]
        for twin in (f"theme:{key}", f"target_group:{key}"):
            if twin in self.concepts and twin not in out:
                out |= {twin}
        self._narrower[cid] = out
        return out

    def concept_label(self, cid: str) -> str:
        c = self.concepts.get(cid)
        return c["label_en"] if c else cid

    # actors -------------------------------------------------------------------------------
    def class_members(self, class_id: str) -> list[str]:
        """The bodies a class reaches (its kind at its levels); kept with the directory, as
        each is a scan of every body (do not change the list returned)."""
        got: dict[str, list[str]] = self.directory.cache.setdefault("class_members", {})
        if class_id not in got:
            got[class_id] = self._class_members(class_id)
        return got[class_id]

    def class_member_set(self, class_id: str) -> frozenset[str]:
        """``class_members`` as a set (kept with the directory), to meet other sets cheaply."""
        got: dict[str, frozenset[str]] = self.directory.cache.setdefault("class_member_sets", {})
        if class_id not in got:
            got[class_id] = frozenset(self.class_members(class_id))
        return got[class_id]

    def _class_members(self, class_id: str) -> list[str]:
        k = self.actors.get(class_id)
        if not k or not k["is_class"]:
            return []
        levels = CLASS_LEVELS.get(k["level"], {k["level"]})
        return sorted(a for a, is_class, kind, level in self.actors.scan("is_class", "kind", "level")
                      if not is_class and kind == k["kind"] and level in levels)

    def classes_of(self, actor: str) -> list[str]:
        return [k for k in self.class_ids() if actor in self.class_member_set(k)]

    def classes_of_any(self, actors: set[str]) -> set[str]:
        """The classes that reach one of these bodies (their statements give those bodies lines)."""
        return {k for k in self.class_ids() if not self.class_member_set(k).isdisjoint(actors)}

    def class_ids(self) -> list[str]:
        """The classes of bodies in the directory's order, kept with it (a scan of 10,000 bodies
        was 1.5 ms per question)."""
        got: list[str] | None = self.directory.cache.get("class_ids")
        if got is None:
            got = self.directory.cache["class_ids"] = [k for k, c in self.actors.scan("is_class") if c]
        return got

    def classes_for_level(self, kind: str, level: str) -> list[str]:
        """Classes of bodies that reach a body of this kind and level ("district governments")."""
        return sorted(
            k for k in self.class_ids()
            if (a := self.actors[k])["kind"] == kind and level in CLASS_LEVELS.get(a["level"], {a["level"]})
        )

    def doc_name(self, doc_id: str) -> str:
        got = self._doc_names.get(doc_id)
        if got is None:
            got = self._doc_names[doc_id] = self._doc_name(doc_id)
        return got

    def _doc_name(self, doc_id: str) -> str:
        d = self.docs.get(doc_id)
        if not d:
            return doc_id
        return PurePath(d["path"]).name if d["path"] else d["title"]

    def why(self, st: St, place_match: str = "") -> dict[str, Any]:
        return {
            "statement": st.id,
            "kind": st.kind,
            "status": st.status,
            "place_match": place_match,
            "document": self.doc_name(st.doc_id),
            "page": st.page,
            "quote": st.quote,
        }

    def effort_why(self, ef: Ef, place_match: str = "", role: str = "") -> dict[str, Any]:
        """An effort as a ``why`` row: the document and row (as "page") it came from."""
        return {
            "statement": ef.id,
            "kind": "effort",
            "status": effort_status(ef.status),
            "place_match": place_match,
            "document": self.doc_name(ef.doc_id),
            "page": ef.page,
            "quote": ef.quote,
            "effort": ef.title,
            "role": role,
            "effort_status": ef.status,
            "places": [self.place_name(p) for p in ef.places],
        }

    def live(self) -> list[St]:
        return [s for s in self.statements.values() if s.review != "rejected"]


def effort_status(raw: str) -> str:
    """Efforts that exist are facts; a pipeline (planned) project is only an option so far."""
    low = raw.lower()
    return Status.option.value if low in ("1", "pipeline", "planned", "pipeline/identification") else Status.established.value


def actor_row(snap: Snapshot, aid: str, score: float, why: list[dict[str, Any]]) -> dict[str, Any]:
    a = snap.actors[aid]
    return {
        "id": aid,
        "name": a["name"],
        "aliases": a["aliases"],
        "kind": a["kind"],
        "level": a["level"],
        "score": round(score, 3),
        "why": why,
    }


def _rank_rows(rows: dict[str, list[tuple[float, dict[str, Any]]]], snap: Snapshot, keep: int = 5) -> list[dict[str, Any]]:
    """Actor rows ranked by their best line; one line per sentence for a body (the extractor may
    read one sentence as several statements), the statement shown being the one whose kind
    carries the sentence's own status (its mandate, not a presence read off the same words)."""
    out = []
    for aid, items in rows.items():
        if aid not in snap.actors:
            continue
        per: dict[tuple[str, int, str], tuple[float, dict[str, Any]]] = {}
        for score, w in items:
            k = sentence_key(w)
            cur = per.get(k)
            if cur is None or (_pref(w), -score, w["statement"]) < (_pref(cur[1]), -cur[0], cur[1]["statement"]):
                per[k] = (score, w)
        ranked = sorted(per.values(), key=lambda x: (
            -x[0], PLACE_MATCH_RANK.get(x[1].get("place_match", ""), 9), x[1]["statement"]))
        out.append(actor_row(snap, aid, ranked[0][0], [w for _, w in ranked][:keep]))
    out.sort(key=lambda r: (-r["score"], r["name"]))
    return out


def _pref(w: dict[str, Any]) -> int:
    return KIND_PREFERENCE.get(str(w.get("kind", "")), 6)


def _status_score(status: str) -> float:
    return {0: 1.0, 1: 0.8, 2: 0.6}[STATUS_RANK.get(Status(status), 2)] if status in Status.__members__ else 0.5


def _place_factor(pm: str) -> float:
    return 1.0 - 0.1 * PLACE_MATCH_RANK.get(pm, 4)


def _best_match(snap: Snapshot, scopes: list[str], place: str | None) -> str | None:
    if not place:
        return "any"
    if len(scopes) == 1:  # most statements and efforts have one scope (a brief asks 10,000 times)
        return snap.place_match(scopes[0], place)
    ms = [m for m in (snap.place_match(p, place) for p in scopes) if m]
    return min(ms, key=lambda m: PLACE_MATCH_RANK.get(m, 9)) if ms else None


PLACED = ("place", "inside")
# statements that put no remit on their subject: being a member or a unit of something, holding a
# post, or a reported driver or need
NO_REMIT = ("driver", "need", "post", "membership", "part_of", "location", "mention")


# --- name resolution -------------------------------------------------------------------------


def resolve_name(snap: Snapshot, name: str, gazetteer_lookup: Any = None) -> list[dict[str, Any]]:
    key = normalize_name(name)
    out = []
    for aid, body, aliases, kind in snap.actors.scan("name", "aliases", "kind"):
        names = [body, *aliases]
        keys = {normalize_name(n) for n in names}
        if key in keys:
            score = 1.0
        elif any(key and (key in k.split() or (len(key) > 4 and key in k)) for k in keys):
            score = 0.6
        else:
            continue
        out.append({"id": aid, "type": "person" if kind == "person" else "actor", "name": body, "score": score})
    for c in snap.concepts.values():
        labels = [c["label_en"], c["label_ar"], *c["alt_labels"]]
        if key in {normalize_name(x) for x in labels if x}:
            out.append({"id": c["id"], "type": "concept", "name": c["label_en"], "score": 1.0})
    if gazetteer_lookup:
        for p in gazetteer_lookup(name):
            out.append({"id": p.id, "type": "place", "name": p.name, "score": 1.0})
    out.sort(key=lambda m: (-m["score"], m["type"], m["name"]))
    return out
