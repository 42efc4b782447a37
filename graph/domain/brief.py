"""The mandate brief: what a body (or a place's government) must, may and is recommended to do."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.domain.coverage import who_covers_top
from graph.domain.drivers import driver_claims
from graph.domain.scoped import HIGH_COMMITTEE_LEVELS
from graph.domain.snapshot import (
    CLASS_LEVELS,
    COUNTRY,
    LEVEL_ORDER,
    NO_REMIT,
    PARTNER_KINDS,
    Ef,
    Snapshot,
    St,
    _best_match,
    _place_factor,
    _rank_rows,
    _status_score,
    actor_row,
)
from graph.grounding import KIND_PREFERENCE, grounder, sentence_key


def _line(snap: Snapshot, st: St, via: str, pm: str = "") -> dict[str, Any]:
    w = snap.why(st, pm)
    w["via"] = snap.actors[via]["name"] if via in snap.actors else via
    w["via_id"] = via
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
        a for a, is_class, kind, seat in snap.actors.scan("is_class", "kind", "place")
        if not is_class and kind != "person" and (place in snap.actor_places.get(a, set()) or seat == place)
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
    g = grounder(snap)
    for st in snap.live():
        if st.kind in NO_REMIT:
            continue
        if not _best_match(snap, st.places or [COUNTRY], place) and not st.nationwide:
            continue
        for s in st.subjects:
            a = snap.actors.get(s)
            pm = g.where(st.quote, st.places, s, place, st.nationwide)
            if a and a["kind"] == kind and not a["is_class"] and pm and g.names(st.quote, s, st.subjects):
                rows[s].append((_status_score(st.status) * _place_factor(pm), _line(snap, st, s, pm)))
    return _rank_rows(rows, snap)



def _partners(snap: Snapshot, home: str, above: set[str]) -> list[dict[str, Any]]:
    """Rows of who works in HOME holding its first 15 partners (bodies of a partner kind, not
    above it); of a slice, its partner statements are read best status first (scoped.PartnerFacts)."""
    facts = snap.cache.get("partner_facts")
    rows = None
    if facts is not None:
        rows = who_covers_top(facts.read(), None, home, True, PARTNER_KINDS, n=15, unless=above,
                              unread=facts.unread, whole=facts.whole)
        if rows is None:
            snap = facts.every()
    if rows is None:
        rows = who_covers_top(snap, None, home, True, PARTNER_KINDS, n=15, unless=above)
    assert rows is not None  # every statement was read
    return rows


def brief_holders(snap: Snapshot, actor: str | None, place: str | None) -> tuple[str | None, str | None, list[str]]:
    """(the body, its place, the bodies whose lines are its lines): the body itself, its classes
    and, for a place's government, the classes of local governments and committees there.
    Reads only the directory (graph.domain.scoped fetches the holders' facts with it)."""
    if actor is None and place:
        actor = _local_body(snap, place)
    home = place or next(iter(sorted(snap.actor_places.get(actor or "", set()))), None) or (
        snap.actors[actor]["place"] if actor and snap.actors[actor]["place"] else None)
    holders: list[str] = [actor] if actor else []
    if actor:
        holders += snap.classes_of(actor)
        a = snap.actors[actor]
        if a["is_class"]:
            holders += [k for k in snap.class_ids() if k != actor and (b := snap.actors[k])["kind"] == a["kind"]
                        and a["level"] in CLASS_LEVELS.get(b["level"], {b["level"]})]
    elif home:
        holders += snap.classes_for_level("local_government", snap.place_level(home))
    if home and (not actor or snap.actors[actor]["kind"] == "local_government"):
        # a district's own CVE committee or focal point carries the district's P/CVE duties
        holders += snap.classes_for_level("committee", snap.place_level(home))
    return actor, home, list(dict.fromkeys(holders))


def _high_committees(snap: Snapshot) -> list[str]:
    """The committees at the governorate or national level, in the directory's order (kept with
    it: a scan of every body per brief)."""
    got: list[str] | None = snap.directory.cache.get("high_committees")
    if got is None:
        got = snap.directory.cache["high_committees"] = [
            k for k, kind, level in snap.actors.scan("kind", "level")
            if kind == "committee" and level in HIGH_COMMITTEE_LEVELS]
    return got


def mandate_brief(snap: Snapshot, actor: str | None, place: str | None) -> dict[str, Any]:
    """What a body (or the local government of a place) must, may and is recommended to do.

    A class-level statement ("district governments may form subcommittees") reaches every
    member of the class in scope, so a place with no body of its own in the graph still gets
    the brief of a district (or city) government there.
    """
    actor, home, holders = brief_holders(snap, actor, place)
    g = grounder(snap)
    # one line per sentence, said of the body itself before its classes (see _order)
    lines: dict[tuple[str, int, str], tuple[tuple[int, int], dict[str, Any]]] = {}
    beside: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    above: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)

    def keep(w: dict[str, Any], via: str, kind: str) -> None:
        rank = (0 if via == actor else 1 if snap.actors.get(via, {}).get("is_class") else 2,
                KIND_PREFERENCE.get(kind, 6))
        k = sentence_key(w)
        if k not in lines or rank < lines[k][0]:
            lines[k] = (rank, w)

    for st in snap.live():
        if st.kind in ("driver", "need", "post"):
            continue
        subj = [h for h in holders if h in st.subjects]
        obj = [h for h in holders if h in st.objects]
        if not subj and not obj:
            continue
        pm = g.where(st.quote, st.places, subj[0] if subj else obj[0], home, st.nationwide) if home else "any"
        if subj:
            via = subj[0]
            if via != actor and pm is None:
                continue  # what is said of district governments in Baghdad is not said of Tel Kaif
            if not g.names(st.quote, via, st.subjects):
                continue
            w = _line(snap, st, via, "self" if via == actor else "class")
            # a class gets only what is said of the class: a duty, option or recommendation
            if st.kind not in NO_REMIT and (not snap.actors[via]["is_class"] or g.class_mandate(st.quote, via, st.subjects)):
                keep(w, via, st.kind)
            for o in st.objects:
                if o not in holders and o in snap.actors and snap.actors[o]["kind"] != "person":
                    (above if _is_above(snap, o, home) else beside)[o].append((_status_score(st.status), w))
        else:
            # statements about the holder by others: who supervises or supports it; a
            # supervision over it is its reporting line, a duty of the holder too
            if pm is None:
                continue  # a Nineveh body supervising district committees does not supervise Heet's
            if st.kind == "supervision" and g.names(st.quote, obj[0]):
                keep(_line(snap, st, obj[0], "self" if obj[0] == actor else "class") | {"reports_to": [
                    snap.actors[s]["name"] for s in st.subjects if s in snap.actors]}, obj[0], st.kind)
            for s in st.subjects:
                if s not in holders and s in snap.actors and snap.actors[s]["kind"] != "person":
                    tgt = above if st.kind == "supervision" or _is_above(snap, s, home) else beside
                    tgt[s].append((_status_score(st.status), _line(snap, st, s)))
    sections: dict[str, list[dict[str, Any]]] = {"established": [], "option": [], "recommended": []}
    for _k, (_rank, w) in sorted(lines.items(), key=lambda kv: (kv[1][0][0], kv[0][0], kv[0][1], kv[0][2])):
        sections.setdefault(w["status"], []).append(w)
    # bodies above: committees at the governorate or national level whose remit reaches the place
    if home:
        said_by: dict[str, list[St]] = defaultdict(list)
        for st in snap.live():
            for s in st.subjects:
                said_by[s].append(st)
        for a in map(snap.actors.__getitem__, _high_committees(snap)):
            if a["id"] in holders:
                continue
            for st in said_by.get(a["id"], []):
                if st.kind not in ("driver", "need", "post") and g.names(st.quote, a["id"], st.subjects):
                    apm = g.where(st.quote, st.places, a["id"], home, st.nationwide)
                    if apm and apm != "inside":
                        above[a["id"]].append((0.7 * _status_score(st.status), _line(snap, st, a["id"], apm)))
    for k in list(beside):
        if k in above:
            del beside[k]
    partners: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    efforts: list[tuple[Ef, str]] = []
    if home:
        for r in _partners(snap, home, set(above)):
            if snap.actors[r["id"]]["kind"] in PARTNER_KINDS and r["id"] not in above:
                for w in r["why"]:
                    partners[r["id"]].append((r["score"], w))
        for ef in sorted(snap.efforts.values(), key=lambda e: (e.page, e.id)):
            pm = _best_match(snap, ef.places or [COUNTRY], home)
            if pm in ("place", "inside"):
                efforts.append((ef, pm))
    drivers = [snap.why(c, pm) | {"drivers": [snap.concept_label(d) for d in c.concepts if d.startswith("driver:")]}
               for c, pm in driver_claims(snap, home)]
    must, may, rec = sections["established"], sections["option"], sections["recommended"]
    related = _rank_rows({**above, **beside}, snap)
    return {
        "actor": actor_row(snap, actor, 1.0, []) if actor else None,
        "holders": [actor_row(snap, h, 1.0, []) for h in holders],
        "place": home,
        "place_name": snap.place_name(home),
        "must": must,
        "may": may,
        "recommended": rec,
        "above": _rank_rows(above, snap, keep=2),
        "beside": _rank_rows(beside, snap, keep=2),
        "partners": _rank_rows(partners, snap, keep=2)[:15],
        # the lines of the first 50 only (a governorate has hundreds of efforts)
        "efforts": [snap.effort_why(ef, pm) | {"actors": [{"name": snap.actors[a]["name"], "role": r}
                                                          for a, r in ef.roles if a in snap.actors]}
                    for ef, pm in efforts[:50]],
        "efforts_total": len(efforts),
        "drivers": drivers[:10],
        "related": related,
    }
