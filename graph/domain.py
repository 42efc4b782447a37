"""The domain questions, answered from flat query rows with the ranking done here.

Each answer is a list of actor rows, each with ``why``: the statements (or efforts: 3W rows,
IATI activities) that put the body in the answer, their status, how the place matched, and
the quoted source. The Cypher stays in graph.queries; this module only joins and ranks,
identically for every store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
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
        self.efforts: dict[str, Ef] = {
            r["id"]: Ef(**{k: r[k] for k in Ef.__dataclass_fields__ if k in r}) for r in store.run("efforts")
        }
        for r in store.run("effort_roles"):
            if r["id"] in self.efforts:
                self.efforts[r["id"]].roles.append((r["actor"], r["role"]))
        for name, attr, col in (("effort_places", "places", "place"), ("effort_concepts", "concepts", "concept")):
            for r in store.run(name):
                if r["id"] in self.efforts:
                    getattr(self.efforts[r["id"]], attr).append(r[col])
        self._anc: dict[str, list[str]] = {}
        self._narrower: dict[str, set[str]] = {}

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
        """How a statement's scope relates to the place asked about (None: unrelated)."""
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

    def classes_for_level(self, kind: str, level: str) -> list[str]:
        """Classes of bodies that reach a body of this kind and level ("district governments")."""
        return sorted(
            k for k, a in self.actors.items()
            if a["is_class"] and a["kind"] == kind and level in CLASS_LEVELS.get(a["level"], {a["level"]})
        )

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


def _rank_rows(rows: dict[str, list[tuple[float, dict[str, Any]]]], snap: Snapshot, keep: int = 5) -> list[dict[str, Any]]:
    out = []
    for aid, items in rows.items():
        if aid not in snap.actors:
            continue
        items.sort(key=lambda x: (-x[0], PLACE_MATCH_RANK.get(x[1].get("place_match", ""), 9), x[1]["statement"]))
        seen, why = set(), []
        for _, w in items:
            if w["statement"] not in seen:
                seen.add(w["statement"])
                why.append(w)
        out.append(_actor_row(snap, aid, items[0][0], why[:keep]))
    out.sort(key=lambda r: (-r["score"], r["name"]))
    return out


def _status_score(status: str) -> float:
    return {0: 1.0, 1: 0.8, 2: 0.6}[STATUS_RANK.get(Status(status), 2)] if status in Status.__members__ else 0.5


def _place_factor(pm: str) -> float:
    return 1.0 - 0.1 * PLACE_MATCH_RANK.get(pm, 4)


def _best_match(snap: Snapshot, scopes: list[str], place: str | None) -> str | None:
    if not place:
        return "any"
    ms = [m for m in (snap.place_match(p, place) for p in scopes) if m]
    return min(ms, key=lambda m: PLACE_MATCH_RANK.get(m, 9)) if ms else None


# --- who covers THEME in PLACE ----------------------------------------------------------


PLACED = ("place", "inside")
# statements that put no remit on their subject: being a member or a unit of something, holding a
# post, or a reported driver or need
NO_REMIT = ("driver", "need", "post", "membership", "part_of")


def who_covers(snap: Snapshot, theme: str | None, place: str | None, within: bool = False) -> list[dict[str, Any]]:
    """Bodies placed in (or above, or inside) PLACE whose statements, remit or efforts touch THEME.

    ``within`` ("who works in PLACE"): only what is placed in PLACE or inside it counts (a
    nationwide or governorate-wide remit is not working there), and the partners a placed
    partnership or support statement names work there too.

    Ranked by how directly the body is placed (the place, inside it, above it, nationwide, via
    its class) and by status (established before option before recommended). A statement
    naming the theme (or a narrower one) is a specific match; a body whose own remit names the
    theme is as good; a general P/CVE mandate in scope is a weaker match.
    """
    themes = snap.narrower_closure(theme) if theme else set()
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    live = snap.live()
    # a sentence saying a body funds something is a funding relation, also where the same
    # sentence was read as the funder's mandate: paying for work is not doing it
    funded = {(st.doc_id, st.quote, s) for st in live if st.kind == "funding" for s in st.subjects}
    for st in live:
        if st.kind in NO_REMIT or st.kind == "funding":
            continue  # being a member, a unit or a funder of something is not covering a theme
        pm = _best_match(snap, st.places or [COUNTRY], place)
        if not pm or within and pm not in PLACED:
            continue
        # the partners of a placed partnership ("UNICEF runs X in Sadr City with the Rusafa
        # Directorate of Education") do the work there too
        partners = within and st.kind in ("partnership", "support") or st.kind == "partnership" and pm in PLACED
        doers = st.subjects + (st.objects if partners else [])
        for subj in dict.fromkeys(doers):
            if subj not in snap.actors or snap.actors[subj]["kind"] == "person":
                continue
            if (st.doc_id, st.quote, subj) in funded:
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
            score = tm * _status_score(st.status) * _place_factor(pm)
            targets = [subj] + (snap.class_members(subj) if snap.actors[subj]["is_class"] and place else [])
            for t in targets:
                why = snap.why(st, pm if t == subj else "class")
                if place and t != subj:
                    tp = snap.actor_places.get(t, set())
                    if not any(snap.place_match(p, place) in (PLACED if within else PLACE_MATCH_RANK) for p in tp):
                        continue
                rows[t].append((score if t == subj else score * 0.9, why))
    for ef in snap.efforts.values():
        if themes and not themes & set(ef.concepts):
            continue
        pm = _best_match(snap, ef.places or [COUNTRY], place)
        if not pm or within and pm not in PLACED:
            continue
        score = _status_score(effort_status(ef.status)) * _place_factor(pm)
        for aid, role in ef.roles:
            if aid in snap.actors:
                rows[aid].append((score * ROLE_WEIGHT.get(role, 0.8), snap.effort_why(ef, pm, role)))
    return _rank_rows(rows, snap)


# --- relations: who funds / supports / supervises / partners with X ------------------------

EFFORT_ROLE_KINDS = {"funding": {"funding", "funder"}, "partnership": {"implementing", "implementer", "extending", "partner"},
                     "support": {"implementing", "implementer", "extending"}}


def related_to(
    snap: Snapshot, target: str, kinds: set[str] | None = None, level: str | None = None,
    direction: str = "to", place: str | None = None,
) -> list[dict[str, Any]]:
    """Bodies in a relation with TARGET: ``to`` = they act on it (fund, supervise, support),
    ``any`` = either side (partnership is symmetric). Efforts count too: the funder of an
    effort TARGET implements funds TARGET; co-implementers are partners. ``place`` ("who funds
    IOM's project in Anbar"): only relations scoped there (or above it) count, the nearest first."""
    kinds = kinds or set(RELATION_KINDS) | {"mandate", "responsibility"}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    targets = {target} | {u for u, p in snap.units.items() if p == target}
    classes = set(snap.classes_of(target)) if target in snap.actors and not snap.actors[target]["is_class"] else set()
    for st in snap.live():
        if st.kind not in kinds:
            continue
        pm = _best_match(snap, st.places or [COUNTRY], place)
        if not pm:
            continue
        pm = pm if place else ""  # no place asked: no place match to show or weigh
        level_ok = not level or level in st.level.split(",")
        score = _status_score(st.status) * (1.0 if level_ok else 0.5) * (_place_factor(pm) if pm else 1.0)
        if level and not level_ok and level not in st.quote.lower():
            score *= 0.5
        if targets & set(st.objects):
            for s in st.subjects:
                if s not in targets and s in snap.actors:
                    rows[s].append((score, snap.why(st, pm)))
        elif classes & set(st.objects) and direction == "to":
            # "supervises all governorate subcommittees" reaches the Nineveh subcommittee
            for s in st.subjects:
                if s not in targets and s in snap.actors:
                    rows[s].append((0.8 * score, snap.why(st, "class")))
        if direction == "any" and targets & set(st.subjects):
            for o in st.objects:
                if o not in targets and o in snap.actors:
                    rows[o].append((score * 0.9, snap.why(st, pm)))
    wanted_roles = set().union(*(EFFORT_ROLE_KINDS.get(k, set()) for k in kinds))
    for ef in snap.efforts.values():
        mine = [r for a, r in ef.roles if a in targets]
        if not mine or not _best_match(snap, ef.places or [COUNTRY], place):
            continue
        for aid, role in ef.roles:
            if aid in targets or aid not in snap.actors:
                continue
            if role in wanted_roles or (direction == "any" and "partnership" in kinds):
                rows[aid].append((0.9 * ROLE_WEIGHT.get(role, 0.8), snap.effort_why(ef, "", role)))
    return _rank_rows(rows, snap)


# --- presence: which KIND have offices in all governorates / in PLACE ----------------------


def present_in(snap: Snapshot, place: str | None, kind: str | None = None, everywhere: bool = False) -> list[dict[str, Any]]:
    """Bodies with offices in PLACE; ``everywhere`` ("in all governorates"): only nationwide
    presence counts, not offices in a list of some governorates."""
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for st in snap.live():
        if st.kind != "presence" or everywhere and not st.nationwide:
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


def addressing(snap: Snapshot, driver: str, place: str | None = None, within: bool = False) -> list[dict[str, Any]]:
    """Bodies covering the themes that address a driver (SKOS related), anywhere in scope
    (``within``: only work placed in PLACE or inside it, see who_covers)."""
    themes = {t for t in snap.related.get(driver, set()) if not t.startswith("driver:")}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for t in sorted(themes):
        for r in who_covers(snap, t, place, within):
            for w in r["why"]:
                rows[r["id"]].append((r["score"], w | {"theme": t}))
    ranked = _rank_rows(rows, snap)
    # only bodies whose match is specific to the theme, not a general P/CVE remit
    return [r for r in ranked if r["score"] >= 0.45]


# --- mandate brief --------------------------------------------------------------------------


def _line(snap: Snapshot, st: St, via: str, pm: str = "") -> dict[str, Any]:
    w = snap.why(st, pm)
    w["via"] = snap.actors[via]["name"] if via in snap.actors else via
    w["instrument"] = st.instrument or _instrument(snap, st.doc_id)
    w["objects"] = [snap.actors[o]["name"] for o in st.objects if o in snap.actors]
    w["themes"] = [snap.concept_label(c) for c in st.concepts if c.startswith("theme:")]
    return w


_INSTRUMENT_WORDS = ("strategy", "plan", "law", "decree", "order", "framework", "resolution", "charter")


def _instrument(snap: Snapshot, doc_id: str) -> str:
    """The instrument a line rests on: the document itself when it is a strategy, plan or law,
    else the report that relays it (a roundtable report grants nothing by itself)."""
    d = snap.docs.get(doc_id)
    title = (d["title"] if d else "") or snap.doc_name(doc_id)
    if any(w in title.lower() for w in _INSTRUMENT_WORDS):
        return title
    return f"as reported in {title}"


def _local_body(snap: Snapshot, place: str) -> str | None:
    """The government (or other body) seated at exactly this place, if the graph knows one."""
    cands = [
        a["id"] for a in snap.actors.values()
        if not a["is_class"] and a["kind"] != "person"
        and (place in snap.actor_places.get(a["id"], set()) or a["place"] == place)
    ]
    cands.sort(key=lambda x: (snap.actors[x]["kind"] != "local_government", x))
    return cands[0] if cands else None


def _is_above(snap: Snapshot, aid: str, home: str | None) -> bool:
    """A government body or committee placed higher than the place: the chain of command."""
    a = snap.actors[aid]
    if a["kind"] not in ("committee", "ministry", "national_body", "local_government", "unit"):
        return False
    own = snap.place_level(home) if home else ""
    order = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}
    return order.get(a["level"], 99) < order.get(own or "district", 99)


def mandates_of_kind(snap: Snapshot, kind: str, place: str | None) -> list[dict[str, Any]]:
    """"What may religious endowments do in Nineveh?": every body of that kind with what it must,
    may and is recommended to do in the place (its own lines, statements scoped to the place)."""
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for st in snap.live():
        if st.kind in NO_REMIT:
            continue
        pm = _best_match(snap, st.places or [COUNTRY], place)
        if not pm:
            continue
        for s in st.subjects:
            a = snap.actors.get(s)
            if a and a["kind"] == kind and not a["is_class"]:
                rows[s].append((_status_score(st.status) * _place_factor(pm), _line(snap, st, s, pm)))
    return _rank_rows(rows, snap)


def mandate_brief(snap: Snapshot, actor: str | None, place: str | None) -> dict[str, Any]:
    """What a body (or the local government of a place) must, may and is recommended to do.

    A class-level statement ("district governments may form subcommittees") reaches every
    member of the class in scope, so a place with no body of its own in the graph still gets
    the brief of a district (or city) government there.
    """
    if actor is None and place:
        actor = _local_body(snap, place)
    home = place or next(iter(sorted(snap.actor_places.get(actor or "", set()))), None) or (
        snap.actors[actor]["place"] if actor and snap.actors[actor]["place"] else None)
    holders: list[str] = [actor] if actor else []
    if actor:
        holders += snap.classes_of(actor)
        a = snap.actors[actor]
        if a["is_class"]:
            holders += [k for k, b in snap.actors.items() if b["is_class"] and k != actor and b["kind"] == a["kind"]
                        and a["level"] in CLASS_LEVELS.get(b["level"], {b["level"]})]
    elif home:
        holders += snap.classes_for_level("local_government", snap.place_level(home))
    holders = list(dict.fromkeys(holders))
    sections: dict[str, list[dict[str, Any]]] = {"established": [], "option": [], "recommended": []}
    beside: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    above: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for st in snap.live():
        if st.kind in ("driver", "need", "post"):
            continue
        subj = [h for h in holders if h in st.subjects]
        obj = [h for h in holders if h in st.objects]
        if not subj and not obj:
            continue
        if subj:
            via = subj[0]
            if via != actor and home and not _best_match(snap, st.places or [COUNTRY], home):
                continue  # what is said of district governments in Baghdad is not said of Tel Kaif
            w = _line(snap, st, via, "self" if via == actor else "class")
            sections.setdefault(st.status, []).append(w)
            for o in st.objects:
                if o not in holders and o in snap.actors and snap.actors[o]["kind"] != "person":
                    (above if _is_above(snap, o, home) else beside)[o].append((_status_score(st.status), w))
        else:
            # statements about the holder by others: who supervises or supports it
            for s in st.subjects:
                if s not in holders and s in snap.actors and snap.actors[s]["kind"] != "person":
                    tgt = above if st.kind == "supervision" or _is_above(snap, s, home) else beside
                    tgt[s].append((_status_score(st.status), _line(snap, st, s)))
    # bodies above: committees at the governorate or national level whose remit reaches the place
    if home:
        for a in snap.actors.values():
            if a["id"] in holders or a["kind"] != "committee" or a["level"] not in ("governorate", "national"):
                continue
            for st in snap.live():
                if a["id"] in st.subjects and st.kind not in ("driver", "need", "post"):
                    pm = _best_match(snap, st.places or [COUNTRY], home)
                    if pm and pm != "inside":
                        above[a["id"]].append((0.7 * _status_score(st.status), _line(snap, st, a["id"], pm)))
    for k in list(beside):
        if k in above:
            del beside[k]
    partners: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    efforts: list[dict[str, Any]] = []
    if home:
        for r in who_covers(snap, None, home):
            if snap.actors[r["id"]]["kind"] in PARTNER_KINDS and r["id"] not in above:
                for w in r["why"]:
                    partners[r["id"]].append((r["score"], w))
        for ef in sorted(snap.efforts.values(), key=lambda e: (e.page, e.id)):
            pm = _best_match(snap, ef.places or [COUNTRY], home)
            if pm in ("place", "inside"):
                efforts.append(snap.effort_why(ef, pm) | {
                    "actors": [{"name": snap.actors[a]["name"], "role": r} for a, r in ef.roles if a in snap.actors]})
    drivers = []
    for c in snap.claims:
        if c.kind != "driver":
            continue
        pm = _best_match(snap, c.places or [COUNTRY], home) if home else "any"
        if pm:
            drivers.append(snap.why(c, pm) | {"drivers": [snap.concept_label(d) for d in c.concepts if d.startswith("driver:")]})
    must, may, rec = sections["established"], sections["option"], sections["recommended"]
    related = _rank_rows({**above, **beside}, snap)
    return {
        "actor": _actor_row(snap, actor, 1.0, []) if actor else None,
        "holders": [_actor_row(snap, h, 1.0, []) for h in holders],
        "place": home,
        "place_name": snap.place_name(home),
        "must": must,
        "may": may,
        "recommended": rec,
        "above": _rank_rows(above, snap, keep=2),
        "beside": _rank_rows(beside, snap, keep=2),
        "partners": _rank_rows(partners, snap, keep=2)[:15],
        "efforts": efforts[:50],
        "efforts_total": len(efforts),
        "drivers": drivers[:10],
        "related": related,
    }


# --- overlaps ----------------------------------------------------------------------------


@dataclass
class _Item:
    """A statement or an effort, reduced to the dimensions overlaps compare."""

    id: str
    actors: list[str]
    themes: set[str]
    targets: set[str]
    places: list[str]
    levels: set[str]
    period: tuple[str, str]
    why: dict[str, Any]
    kind: str
    status: str


def _items(snap: Snapshot) -> list[_Item]:
    out: list[_Item] = []
    for st in snap.live():
        if st.kind not in MANDATE_KINDS:
            continue
        subj = [s for s in st.subjects if s in snap.actors and snap.actors[s]["kind"] != "person"
                and not snap.actors[s]["is_class"]]
        if not subj:
            continue
        concepts = set(st.concepts)
        out.append(_Item(
            st.id, subj, {c for c in concepts if c.startswith("theme:")},
            {c for c in concepts if c.startswith("target_group:")}, st.places or [COUNTRY],
            {x for x in st.level.split(",") if x}, ("", ""), snap.why(st), st.kind, st.status,
        ))
    for ef in snap.efforts.values():
        acts = [a for a, _ in ef.roles if a in snap.actors]
        if not acts:
            continue
        places = ef.places or [COUNTRY]
        out.append(_Item(
            ef.id, list(dict.fromkeys(acts)), {c for c in ef.concepts if c.startswith("theme:")},
            {c for c in ef.concepts if c.startswith("target_group:")}, places,
            {snap.place_level(p) for p in places} - {""}, (ef.date_start, ef.date_end),
            snap.effort_why(ef), "effort", effort_status(ef.status),
        ))
    return out


def _periods_overlap(a: tuple[str, str], b: tuple[str, str]) -> bool | None:
    """None when either period is unknown (then it is neither shared nor a difference)."""
    if not (a[0] or a[1]) or not (b[0] or b[1]):
        return None
    a0, a1 = a[0] or "0000", a[1] or "9999"
    b0, b1 = b[0] or "0000", b[1] or "9999"
    return a0 <= b1 and b0 <= a1


def _score_pair(snap: Snapshot, x: _Item, y: _Item, place: str) -> tuple[float, dict[str, Any], dict[str, Any]]:
    shared_t = _shared_themes(snap, x.themes, y.themes)
    shared_g = sorted(x.targets & y.targets)
    shared_l = sorted(x.levels & y.levels)
    per = _periods_overlap(x.period, y.period)
    same_place = place in x.places and place in y.places
    score = 2.0 * len(shared_t) + (2.0 if same_place else 1.0) + 2.0 * len(shared_l) + len(shared_g)
    score += 1.0 if per else 0.0
    # both levels known: the difference can be explained, which is what a reader needs
    score += 1.0 if x.levels and y.levels else 0.0
    score += 0.5 if x.kind == y.kind else 0.0
    score += 0.5 if len(x.actors) == 1 and len(y.actors) == 1 else 0.0
    shared = {
        "themes": shared_t,
        "places": [place],
        "place_names": [snap.place_name(place)],
        "levels": shared_l,
        "target_groups": shared_g,
        "period": bool(per) if per is not None else None,
    }
    diffs = {
        "levels": [sorted(x.levels - y.levels), sorted(y.levels - x.levels)],
        "places": [[snap.place_name(p) for p in x.places], [snap.place_name(p) for p in y.places]],
        "themes": [sorted(x.themes - y.themes), sorted(y.themes - x.themes)],
        "target_groups": [sorted(x.targets - y.targets), sorted(y.targets - x.targets)],
        "periods": [list(x.period), list(y.period)],
        "kinds": [x.kind, y.kind],
        "statuses": [x.status, y.status],
    }
    return score, shared, diffs


def _shared_themes(snap: Snapshot, a: set[str], b: set[str]) -> list[str]:
    out = a & b
    for t in a - out:
        if snap.narrower_closure(t) & b:
            out.add(t)
    for t in b - out:
        if snap.narrower_closure(t) & a:
            out.add(t)
    return sorted(out)


def _explain(snap: Snapshot, nx: str, ny: str, shared: dict[str, Any], diffs: dict[str, Any]) -> str:
    parts = [f"both work on {', '.join(snap.concept_label(t) for t in shared['themes'])} in {shared['place_names'][0]}"]
    if shared["levels"]:
        parts.append(f"at the {', '.join(shared['levels'])} level")
    if shared["target_groups"]:
        parts.append(f"for {', '.join(snap.concept_label(t) for t in shared['target_groups'])}")
    text = " ".join(parts) + "."
    lx, ly = diffs["levels"]
    if lx or ly:
        text += f" {nx} works at the {', '.join(lx) or 'same'} level; {ny} at the {', '.join(ly) or 'same'} level."
    px, py = diffs["places"]
    if px != py:
        text += f" {nx}: {', '.join(px)}; {ny}: {', '.join(py)}."
    return text


def overlaps(
    snap: Snapshot, a: str | None = None, b: str | None = None, place: str | None = None,
    theme: str | None = None, limit: int = 500,
) -> list[dict[str, Any]]:
    """Pairs of bodies whose statements or efforts share theme × place (with roll-up), scored.

    Two items share a place when one's place is the other's or lies inside it (Tel Kaif is in
    Nineveh; a nationwide mandate reaches both); the shared place is the more specific one.
    Level, target group and period add to the score; every difference is spelled out and both
    sources are quoted. Candidate pairs come from a (theme, place) index, not all pairs.
    """
    themes_wanted = snap.narrower_closure(theme) if theme else None
    items = [i for i in _items(snap) if i.themes and (themes_wanted is None or i.themes & themes_wanted)]
    if a:
        want = {a, b} - {None}
    # (theme, exact place) -> items; an item is also reachable from each ancestor of its places
    cell: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, it in enumerate(items):
        for t in it.themes:
            for p in it.places:
                cell[(t, p)].append(n)
    best: dict[tuple[str, str], list[tuple[float, int, int, str, dict[str, Any], dict[str, Any]]]] = defaultdict(list)

    def consider(i: int, j: int, where: str) -> None:
        x, y = items[i], items[j]
        if place and not (snap.place_match(where, place) or snap.place_match(place, where)):
            return
        for ax in x.actors:
            for ay in y.actors:
                if ax == ay:
                    continue
                if a and not ({ax, ay} >= want if b else a in (ax, ay)):
                    continue
                key = (ax, ay) if ax < ay else (ay, ax)
                xi, yi = (i, j) if ax < ay else (j, i)
                s, sh, df = _score_pair(snap, items[xi], items[yi], where)
                cands = best[key]
                if any(c[1] == xi and c[2] == yi for c in cands):
                    continue
                cands.append((s, xi, yi, where, sh, df))
                if len(cands) > 8:
                    cands.sort(key=lambda c: -c[0])
                    del cands[8:]

    for (t, p), members in cell.items():
        for i, j in combinations(members, 2):
            consider(i, j, p)
        for anc in snap.ancestors(p):
            for j in cell.get((t, anc), []):
                for i in members:
                    if i != j:
                        consider(i, j, p)
    pairs: list[dict[str, Any]] = []
    for (ax, ay), cands in best.items():
        cands.sort(key=lambda c: (-c[0], items[c[1]].id, items[c[2]].id))
        # up to three matches, each item used once, so a pair shows its different sides
        chosen: list[tuple[float, int, int, str, dict[str, Any], dict[str, Any]]] = []
        used: set[int] = set()
        for c in cands:
            if c[1] in used or c[2] in used:
                continue
            chosen.append(c)
            used |= {c[1], c[2]}
            if len(chosen) == 3:
                break
        nx, ny = snap.actors[ax]["name"], snap.actors[ay]["name"]
        score, xi, yi, _where, shared, diffs = chosen[0]
        lx = sorted(set().union(*(items[c[1]].levels for c in chosen)))
        ly = sorted(set().union(*(items[c[2]].levels for c in chosen)))
        matches: list[dict[str, Any]] = [{
            "score": round(c[0], 2), "shared": c[4], "explanation": _explain(snap, nx, ny, c[4], c[5]),
            "sources": [items[c[1]].why, items[c[2]].why],
            "differences": {nx: {k: v[0] for k, v in c[5].items()}, ny: {k: v[1] for k, v in c[5].items()}},
        } for c in chosen]
        levels_text = ""
        if lx or ly:
            levels_text = (f" Levels: {nx} at the {', '.join(lx) or 'unstated'} level; "
                           f"{ny} at the {', '.join(ly) or 'unstated'} level.")
        pairs.append({
            "actors": [_actor_row(snap, ax, score, [items[c[1]].why for c in chosen]),
                       _actor_row(snap, ay, score, [items[c[2]].why for c in chosen])],
            "score": round(score, 2),
            "shared": shared | {"levels": sorted(set(lx) & set(ly))},
            "differences": {
                nx: {k: v[0] for k, v in diffs.items()} | {"levels": sorted(set(lx) - set(ly))},
                ny: {k: v[1] for k, v in diffs.items()} | {"levels": sorted(set(ly) - set(lx))},
            },
            "levels": {nx: lx, ny: ly},
            "explanation": matches[0]["explanation"] + levels_text,
            "matches": matches,
        })
    pairs.sort(key=lambda p: (-p["score"], p["actors"][0]["name"], p["actors"][1]["name"]))
    return pairs[:limit]


def overlap_cells(snap: Snapshot, level: str = "district") -> list[dict[str, Any]]:
    """Place × theme cells where more than one body has an effort (the 3W duplication view)."""
    cells: dict[tuple[str, str], dict[str, list[Ef]]] = defaultdict(lambda: defaultdict(list))
    for ef in snap.efforts.values():
        for p in ef.places:
            if snap.places.get(p, {}).get("level") != level:
                continue
            for t in ef.concepts:
                for aid, _ in ef.roles:
                    cells[(p, t)][aid].append(ef)
    out: list[dict[str, Any]] = []
    for (p, t), by_actor in cells.items():
        if len(by_actor) > 1:
            out.append({
                "place": p, "place_name": snap.place_name(p), "theme": t, "label": snap.concept_label(t),
                "actors": sorted(snap.actors[x]["name"] for x in by_actor if x in snap.actors),
                "efforts": sum(len(v) for v in by_actor.values()),
            })
    out.sort(key=lambda c: (-len(c["actors"]), c["place_name"], c["label"]))
    return out


# --- gaps ---------------------------------------------------------------------------------


def gaps(snap: Snapshot, place: str | None) -> list[dict[str, Any]]:
    """Drivers reported for a place (or nationally), and themes the strategies name, that no
    body or effort covers there with a statement or effort specific to them."""
    out: list[dict[str, Any]] = []
    reported: dict[str, list[St]] = defaultdict(list)
    for c in snap.claims:
        if c.kind != "driver":
            continue
        if place and not any(snap.place_match(p, place) for p in (c.places or [COUNTRY])):
            continue
        for d in c.concepts:
            if d.startswith("driver:"):
                reported[d].append(c)
    for d, sts in sorted(reported.items()):
        # a driver reported in a place is covered by work there, not by a governorate-wide remit,
        # nor by a recommendation that someone should take it on
        covering = [r for r in addressing(snap, d, place, within=bool(place))
                    if any(w["status"] != Status.recommended.value for w in r["why"])]
        if not covering:
            themes = sorted(t for t in snap.related.get(d, set()) if t.startswith("theme:"))
            out.append({
                "kind": "driver",
                "id": d,
                "driver": d,
                "label": snap.concept_label(d),
                "reason": "reported here, and no body or effort covers the themes that address it"
                + (f" ({', '.join(snap.concept_label(t) for t in themes)})" if themes else ""),
                "reported": [snap.why(s, _best_match(snap, s.places or [COUNTRY], place) or "") for s in sts[:3]],
            })
    # themes the strategy texts name (in mandates, responsibilities, recommendations) for the
    # place itself or inside it: nationwide wording is no claim about this place
    named: dict[str, list[St]] = defaultdict(list)
    for st in snap.live():
        if place and _best_match(snap, st.places or [COUNTRY], place) not in PLACED:
            continue
        if st.kind in ("mandate", "responsibility", "need") or st.status == Status.recommended.value:
            for t in st.concepts:
                if t.startswith("theme:") and t != GENERAL_THEME:
                    named[t].append(st)
    for t, sts in sorted(named.items()):
        rows = who_covers(snap, t, place, within=bool(place))  # placed there, as the reason says
        # covered by work specific to the theme, not by a recommendation that someone take it on
        specific = [r for r in rows if any(
            (w["kind"] == "effort" or snap.narrower_closure(t) & set(_concepts_of(snap, w["statement"])))
            and w["status"] != Status.recommended.value for w in r["why"]) and r["score"] >= 0.45]
        if not specific:
            out.append({
                "kind": "theme",
                "id": t,
                "driver": "",
                "label": snap.concept_label(t),
                "reason": "named in the strategy texts, and no body or effort is placed to cover it here",
                "reported": [snap.why(s) for s in sts[:3]],
            })
    return out


def _concepts_of(snap: Snapshot, sid: str) -> list[str]:
    st = snap.statements.get(sid)
    if st is not None:
        return st.concepts
    ef = snap.efforts.get(sid)
    return ef.concepts if ef else []


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
