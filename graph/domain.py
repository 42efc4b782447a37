"""The domain questions, answered from flat query rows with the ranking done here.

Each answer is a list of actor rows, each with ``why``: the statements that put the body in
the answer, their status, how the place matched, and the quoted source. The Cypher stays in
graph.queries; this module only joins and ranks, identically for every store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from graph.model import RELATION_KINDS, STATUS_RANK, Status
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
}


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


def _st(r: dict[str, Any]) -> St:
    return St(
        id=r["id"], kind=r["kind"], status=r["status"], quote=r["quote"], doc_id=r["doc_id"],
        page=r["page"], level=r["level"], nationwide=r["nationwide"], review=r["review"],
        post=r["post"], summary=r["summary"],
    )


class Snapshot:
    """The graph's facts as Python objects; built from a handful of flat queries."""

    def __init__(self, store: GraphStore) -> None:
        self.actors = {a["id"]: a for a in store.run("actors")}
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
        self.actor_concepts: dict[str, set[str]] = defaultdict(set)
        for r in store.run("actor_concepts"):
            self.actor_concepts[r["actor"]].add(r["concept"])
        self.actor_places: dict[str, set[str]] = defaultdict(set)
        for r in store.run("actor_places"):
            self.actor_places[r["actor"]].add(r["place"])
        self.units: dict[str, str] = {r["unit"]: r["parent"] for r in store.run("actor_units")}
        self.statements: dict[str, St] = {}
        for r in store.run("statements"):
            st = self.statements.get(r["id"])
            if st is None:
                st = self.statements[r["id"]] = _st(r)
            st.subjects.append(r["subject"])
        for r in store.run("claims"):
            self.statements[r["id"]] = _st(r)
        for name, attr, col in (
            ("statement_objects", "objects", "object"),
            ("statement_concepts", "concepts", "concept"),
            ("statement_places", "places", "place"),
        ):
            for r in store.run(name):
                st = self.statements.get(r["id"])
                if st is not None:
                    getattr(st, attr).append(r[col])
        self.claims = [s for s in self.statements.values() if s.kind in ("driver", "need")]

    # places ---------------------------------------------------------------------------
    def ancestors(self, pid: str) -> list[str]:
        out = []
        while pid in self.parent:
            pid = self.parent[pid]
            out.append(pid)
        return out

    def place_match(self, scope: str, target: str) -> str | None:
        if scope == target:
            return "place"
        if target in self.ancestors(scope):
            return "inside"
        if scope in self.ancestors(target):
            return "nationwide" if scope == COUNTRY else "above"
        return None

    # concepts ---------------------------------------------------------------------------
    def narrower_closure(self, cid: str) -> set[str]:
        out = {cid}
        changed = True
        while changed:
            changed = False
            for c, bs in self.broader.items():
                if c not in out and bs & out:
                    out.add(c)
                    changed = True
        return out

    # actors -------------------------------------------------------------------------------
    def class_members(self, class_id: str) -> list[str]:
        k = self.actors.get(class_id)
        if not k or not k["is_class"]:
            return []
        levels = CLASS_LEVELS.get(k["level"], {k["level"]})
        return sorted(
            a["id"] for a in self.actors.values()
            if not a["is_class"] and a["kind"] == k["kind"] and a["level"] in levels
        )

    def classes_of(self, actor: str) -> list[str]:
        return [k for k, a in self.actors.items() if a["is_class"] and actor in self.class_members(k)]

    def doc_name(self, doc_id: str) -> str:
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

    def live(self) -> list[St]:
        return [s for s in self.statements.values() if s.review != "rejected"]


def _actor_row(snap: Snapshot, aid: str, score: float, why: list[dict[str, Any]]) -> dict[str, Any]:
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


def _rank_rows(rows: dict[str, list[tuple[float, dict[str, Any]]]], snap: Snapshot) -> list[dict[str, Any]]:
    out = []
    for aid, items in rows.items():
        items.sort(key=lambda x: (-x[0], x[1]["statement"]))
        seen, why = set(), []
        for _, w in items:
            if w["statement"] not in seen:
                seen.add(w["statement"])
                why.append(w)
        out.append(_actor_row(snap, aid, items[0][0], why[:5]))
    out.sort(key=lambda r: (-r["score"], r["name"]))
    return out


def _status_score(status: str) -> float:
    return {0: 1.0, 1: 0.8, 2: 0.6}[STATUS_RANK.get(Status(status), 2)] if status in Status.__members__ else 0.5


# --- who covers THEME in PLACE ----------------------------------------------------------


def who_covers(snap: Snapshot, theme: str | None, place: str | None) -> list[dict[str, Any]]:
    """Bodies placed in (or above, or inside) PLACE whose statements or remit touch THEME.

    A statement naming the theme (or a narrower one) is a specific match; a body whose own
    remit names the theme is as good; a general P/CVE mandate in scope is a weaker match.
    """
    themes = snap.narrower_closure(theme) if theme else set()
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for st in snap.live():
        if st.kind in ("driver", "need", "post"):
            continue
        scopes = st.places or [COUNTRY]
        matches = [m for m in (snap.place_match(p, place) for p in scopes) if m] if place else ["any"]
        if not matches:
            continue
        pm = min(matches, key=lambda m: PLACE_MATCH_RANK.get(m, 9))
        for subj in st.subjects:
            if subj not in snap.actors or snap.actors[subj]["kind"] == "person":
                continue
            remit = snap.actor_concepts.get(subj, set())
            if not themes or themes & set(st.concepts):
                tm = 1.0
            elif themes & remit:
                tm = 0.9
            elif GENERAL_THEME in st.concepts or GENERAL_THEME in remit:
                tm = 0.5
            else:
                continue
            score = tm * _status_score(st.status) * (1.0 - 0.1 * PLACE_MATCH_RANK.get(pm, 4))
            targets = [subj] + (snap.class_members(subj) if snap.actors[subj]["is_class"] and place else [])
            for t in targets:
                why = snap.why(st, pm if t == subj else "class")
                if place and t != subj:
                    tp = snap.actor_places.get(t, set())
                    if not any(snap.place_match(p, place) for p in tp):
                        continue
                rows[t].append((score if t == subj else score * 0.9, why))
    return _rank_rows(rows, snap)


# --- relations: who funds / supports / supervises / partners with X ------------------------


def related_to(
    snap: Snapshot, target: str, kinds: set[str] | None = None, level: str | None = None,
    direction: str = "to",
) -> list[dict[str, Any]]:
    """Bodies in a relation with TARGET: ``to`` = they act on it (fund, supervise, support),
    ``any`` = either side (partnership is symmetric)."""
    kinds = kinds or set(RELATION_KINDS) | {"mandate", "responsibility"}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    targets = {target} | {u for u, p in snap.units.items() if p == target}
    for st in snap.live():
        if st.kind not in kinds:
            continue
        level_ok = not level or level in st.level.split(",")
        score = _status_score(st.status) * (1.0 if level_ok else 0.5)
        if level and not level_ok and level not in st.quote.lower():
            score *= 0.5
        if targets & set(st.objects):
            for s in st.subjects:
                if s not in targets and s in snap.actors:
                    rows[s].append((score, snap.why(st)))
        if direction == "any" and targets & set(st.subjects):
            for o in st.objects:
                if o not in targets and o in snap.actors:
                    rows[o].append((score * 0.9, snap.why(st)))
    return _rank_rows(rows, snap)


# --- presence: which KIND have offices in all governorates / in PLACE ----------------------


def present_in(snap: Snapshot, place: str | None, kind: str | None = None) -> list[dict[str, Any]]:
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for st in snap.live():
        if st.kind != "presence":
            continue
        for s in st.subjects:
            a = snap.actors.get(s)
            if not a or (kind and a["kind"] != kind):
                continue
            pm = "nationwide" if st.nationwide else ""
            if place and not st.nationwide:
                ms = [m for m in (snap.place_match(p, place) for p in st.places) if m]
                if not ms:
                    continue
                pm = ms[0]
            rows[s].append((_status_score(st.status), snap.why(st, pm)))
    return _rank_rows(rows, snap)


# --- who can address a driver ----------------------------------------------------------------


def addressing(snap: Snapshot, driver: str, place: str | None = None) -> list[dict[str, Any]]:
    """Bodies covering the themes that address a driver (SKOS related), anywhere in scope."""
    themes = {t for t in snap.related.get(driver, set()) if not t.startswith("driver:")}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for t in sorted(themes):
        for r in who_covers(snap, t, place):
            specific = [w for w in r["why"]]
            for w in specific:
                rows[r["id"]].append((r["score"], w))
    ranked = _rank_rows(rows, snap)
    # only bodies whose match is specific to the theme, not a general P/CVE remit
    return [r for r in ranked if r["score"] >= 0.45]


# --- mandate brief --------------------------------------------------------------------------


def mandate_brief(snap: Snapshot, actor: str | None, place: str | None) -> dict[str, Any]:
    """What a body (or the local government of a place) must, may and is recommended to do."""
    if actor is None and place:
        locals_ = [a for a, ps in snap.actor_places.items() if place in ps and not snap.actors[a]["is_class"]]
        actor = locals_[0] if locals_ else None
    sections: dict[str, list[dict[str, Any]]] = {"established": [], "option": [], "recommended": []}
    related: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    holders = [actor] if actor else []
    if actor:
        holders += snap.classes_of(actor)
    for st in snap.live():
        if st.kind in ("driver", "need"):
            continue
        if not set(st.subjects) & set(holders):
            continue
        via = next(h for h in holders if h in st.subjects)
        w = snap.why(st, "self" if via == actor else "class")
        w["via"] = snap.actors[via]["name"]
        sections.setdefault(st.status, []).append(w)
        for o in st.objects:
            if o not in holders and o in snap.actors:
                related[o].append((_status_score(st.status), w))
    # bodies above: classes of committees at the governorate level covering the place
    home = place or next(iter(sorted(snap.actor_places.get(actor or "", set()))), None)
    if home:
        for a in snap.actors.values():
            if a["id"] in holders or a["kind"] == "person":
                continue
            if a["kind"] == "committee" and a["level"] in ("governorate", "national"):
                for st in snap.live():
                    if (
                        a["id"] in st.subjects
                        and st.kind not in ("driver", "need")
                        and any(snap.place_match(p, home) for p in (st.places or [COUNTRY]))
                    ):
                        related[a["id"]].append((0.7 * _status_score(st.status), snap.why(st, "above")))
                        break
    drivers = [snap.why(c, "") for c in snap.claims if c.kind == "driver" and
               (not home or any(snap.place_match(p, home) for p in (c.places or [COUNTRY])))]
    return {
        "actor": _actor_row(snap, actor, 1.0, []) if actor else None,
        "place": home,
        "must": sections.get("established", []),
        "may": sections.get("option", []),
        "recommended": sections.get("recommended", []),
        "related": _rank_rows(related, snap),
        "drivers": drivers[:10],
    }


# --- overlaps ----------------------------------------------------------------------------


def overlaps(
    snap: Snapshot, a: str | None = None, b: str | None = None, place: str | None = None,
    theme: str | None = None,
) -> list[dict[str, Any]]:
    """Pairs of statements by two bodies that share theme and place (with roll-up)."""
    kinds = {"mandate", "responsibility", "support", "partnership", "presence"}
    by_actor: dict[str, list[St]] = defaultdict(list)
    for st in snap.live():
        if st.kind not in kinds:
            continue
        for s in st.subjects:
            if s in snap.actors and snap.actors[s]["kind"] != "person" and not snap.actors[s]["is_class"]:
                by_actor[s].append(st)
    pairs: list[dict[str, Any]] = []
    actors = sorted(by_actor)
    for i, x in enumerate(actors):
        for y in actors[i + 1 :]:
            if a and b and {x, y} != {a, b}:
                continue
            if a and not b and a not in (x, y):
                continue
            best = None
            for s1 in by_actor[x]:
                for s2 in by_actor[y]:
                    if s1.id == s2.id and not (a and b):
                        continue
                    shared_t = (set(s1.concepts) & set(s2.concepts)) - {"driver:"}
                    if theme and theme not in shared_t:
                        continue
                    shared_p = _shared_places(snap, s1.places or [COUNTRY], s2.places or [COUNTRY])
                    if place:
                        shared_p = [p for p in shared_p if snap.place_match(p, place) or snap.place_match(place, p)]
                    if not shared_t or not shared_p:
                        continue
                    l1, l2 = set(filter(None, s1.level.split(","))), set(filter(None, s2.level.split(",")))
                    shared_l = l1 & l2
                    score = len(shared_t) + len(shared_p) + 2 * len(shared_l) + (1 if s1.id == s2.id else 0)
                    if best is None or score > best[0]:
                        best = (score, s1, s2, sorted(shared_t), shared_p, sorted(shared_l), sorted(l1 - l2), sorted(l2 - l1))
            if best:
                score, s1, s2, st_, sp, sl, d1, d2 = best
                pairs.append({
                    "actors": [_actor_row(snap, x, score, [snap.why(s1)]), _actor_row(snap, y, score, [snap.why(s2)])],
                    "score": score,
                    "shared": {"themes": st_, "places": sp, "levels": sl},
                    "differences": {snap.actors[x]["name"]: {"levels": d1}, snap.actors[y]["name"]: {"levels": d2}},
                })
    pairs.sort(key=lambda p: (-p["score"], p["actors"][0]["name"], p["actors"][1]["name"]))
    return pairs


def _shared_places(snap: Snapshot, p1: list[str], p2: list[str]) -> list[str]:
    out = set()
    for x in p1:
        for y in p2:
            if x == y or snap.place_match(x, y) in ("inside",):
                out.add(x)
            elif snap.place_match(y, x) in ("inside",):
                out.add(y)
    return sorted(out)


# --- gaps ---------------------------------------------------------------------------------


def gaps(snap: Snapshot, place: str | None) -> list[dict[str, Any]]:
    """Drivers reported for a place (or nationally) that no body covers there."""
    out = []
    reported: dict[str, list[St]] = defaultdict(list)
    for c in snap.claims:
        if c.kind != "driver":
            continue
        if place and not any(snap.place_match(p, place) for p in (c.places or [COUNTRY])):
            continue
        for d in c.concepts:
            reported[d].append(c)
    for d, sts in sorted(reported.items()):
        covering = addressing(snap, d, place)
        if not covering:
            out.append({
                "driver": d,
                "label": snap.concepts.get(d, {}).get("label_en", d),
                "reported": [snap.why(s) for s in sts[:3]],
            })
    return out


# --- name resolution -------------------------------------------------------------------------


def resolve_name(snap: Snapshot, name: str, gazetteer_lookup: Any = None) -> list[dict[str, Any]]:
    key = normalize_name(name)
    out = []
    for a in snap.actors.values():
        names = [a["name"], *a["aliases"]]
        keys = {normalize_name(n) for n in names}
        if key in keys:
            score = 1.0
        elif any(key and (key in k.split() or (len(key) > 4 and key in k)) for k in keys):
            score = 0.6
        else:
            continue
        out.append({"id": a["id"], "type": "person" if a["kind"] == "person" else "actor", "name": a["name"], "score": score})
    for c in snap.concepts.values():
        labels = [c["label_en"], c["label_ar"], *c["alt_labels"]]
        if key in {normalize_name(x) for x in labels if x}:
            out.append({"id": c["id"], "type": "concept", "name": c["label_en"], "score": 1.0})
    if gazetteer_lookup:
        for p in gazetteer_lookup(name):
            out.append({"id": p.id, "type": "place", "name": p.name, "score": 1.0})
    out.sort(key=lambda m: (-m["score"], m["type"], m["name"]))
    return out
