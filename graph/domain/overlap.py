"""Overlaps: pairs of bodies whose statements or efforts share theme x place (x level, group, period)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from graph.domain.snapshot import (
    COUNTRY,
    GENERAL_THEME,
    MANDATE_KINDS,
    Ef,
    Snapshot,
    actor_row,
    effort_status,
)
from graph.grounding import grounder

# a sentence that itself says two bodies overlap: "Both X and Y support ... in P during ...",
# "the two projects share place, theme ..."; "do not overlap" says the opposite
STATED = re.compile(r"\b(?:both|overlap\w*|duplicat\w*|share[sd]?|the same)\b|كلا|كلتا|تداخل|ازدواج|تتشارك|يتشارك", re.I)
NOT_STATED = re.compile(r"\b(?:do|does|did|would) not (?:overlap|duplicate|share)|\bno overlap|لا تتداخل|لا يتداخل", re.I)
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}
_DATE = re.compile(r"\b(?:(january|february|march|april|may|june|july|august|september|october|november|december)\s+)?"
                   r"((?:19|20)\d\d)\b", re.I)
# a depth per place level: an overlap in a district says more than one in the whole country
_DEPTH = {"country": 0, "governorate": 1, "district": 2, "subdistrict": 3}


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
    doc: str = ""
    stated: bool = False  # the sentence itself says its bodies overlap


def period_of(text: str) -> tuple[str, str]:
    """The period a sentence names: "from March 2024 to February 2026" -> ("2024-03", "2026-02"),
    "during 2024 and 2025" -> ("2024", "2025"); ("", "") when it names no year."""
    found = [(m.group(2), _MONTHS.get((m.group(1) or "").lower(), 0)) for m in _DATE.finditer(text)]
    if not found:
        return ("", "")
    keys = [f"{y}-{mo:02d}" if mo else y for y, mo in found]
    return (min(keys), max(keys))


def _items(snap: Snapshot) -> list[_Item]:
    out: list[_Item] = []
    g = grounder(snap)
    for st in snap.live():
        if st.kind not in MANDATE_KINDS:
            continue
        # only the bodies the sentence itself names (or refers to) are placed by it
        subj = [s for s in st.subjects if s in snap.actors and snap.actors[s]["kind"] != "person"
                and not snap.actors[s]["is_class"] and g.names(st.quote, s, st.subjects)]
        if not subj:
            continue
        concepts = set(st.concepts)
        stated = len(subj) > 1 and bool(STATED.search(st.quote)) and not NOT_STATED.search(st.quote)
        out.append(_Item(
            st.id, subj, {c for c in concepts if c.startswith("theme:")},
            {c for c in concepts if c.startswith("target_group:")}, st.places or [COUNTRY],
            {x for x in st.level.split(",") if x}, period_of(st.quote), snap.why(st), st.kind, st.status,
            st.doc_id, stated,
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
            snap.effort_why(ef), "effort", effort_status(ef.status), ef.doc_id,
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
    # specific shared cells rank above broad shared themes: a district over the whole country,
    # a named theme over P/CVE in general, a shared target group and period
    score = sum(0.5 if t == GENERAL_THEME else 2.0 for t in shared_t) + (2.0 if same_place else 1.0)
    score += 1.5 * _DEPTH.get(snap.places.get(place, {}).get("level", ""), 0)
    score += 2.0 * len(shared_l) + 1.5 * len(shared_g)
    score += 1.5 if per else 0.0
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
        "period_span": _span(x.period, y.period) if per else [],
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


def _span(a: tuple[str, str], b: tuple[str, str]) -> list[str]:
    """The shared part of two known periods: [latest start, earliest end]."""
    starts = [x for x in (a[0], b[0]) if x]
    ends = [x for x in (a[1], b[1]) if x]
    return [max(starts) if starts else "", min(ends) if ends else ""]


def _stated(snap: Snapshot, items: list[_Item], i: int, ax: str, ay: str, where: str,
            ) -> tuple[float, dict[str, Any], dict[str, Any]]:
    """A match the text itself states ("Both X and Y support ... in Sinjar District during 2024
    and 2025 ... their efforts overlap"): the sentence is the source for both sides; its place
    and period are the shared ones. Where it names no target group, the groups of the two
    bodies' own work at that place in the same document are the ones it says they share."""
    it = items[i]
    groups = set(it.targets)
    if not groups:
        sides = [{t for o in items if o.doc == it.doc and body in o.actors and o is not it
                  and any(snap.place_match(p, where) in ("place", "inside") or snap.place_match(where, p) == "place"
                          for p in o.places) for t in o.targets} for body in (ax, ay)]
        groups = (sides[0] & sides[1]) or sides[0] | sides[1]
    depth = _DEPTH.get(snap.places.get(where, {}).get("level", ""), 0)
    score = 10.0 + 1.5 * depth + sum(0.5 if t == GENERAL_THEME else 2.0 for t in it.themes) + 1.5 * len(groups)
    score += 1.5 if it.period[0] else 0.0
    shared = {
        "themes": sorted(it.themes), "places": [where], "place_names": [snap.place_name(where)],
        "levels": sorted(it.levels), "target_groups": sorted(groups),
        "period": True if it.period[0] else None, "period_span": list(it.period) if it.period[0] else [],
        "stated": True,
    }
    same = [[snap.place_name(p) for p in it.places]] * 2
    diffs = {"levels": [[], []], "places": same, "themes": [[], []], "target_groups": [[], []],
             "periods": [list(it.period)] * 2, "kinds": [it.kind] * 2, "statuses": [it.status] * 2}
    return score, shared, diffs


def _explain(snap: Snapshot, nx: str, ny: str, shared: dict[str, Any], diffs: dict[str, Any]) -> str:
    what = ", ".join(snap.concept_label(t) for t in shared["themes"]) or "the same work"
    level = snap.places.get(shared["places"][0], {}).get("level", "")
    where = shared["place_names"][0] + {"governorate": " Governorate", "district": " District",
                                        "subdistrict": " sub-district"}.get(level, "")
    parts = [f"both work on {what} in {where}"]
    if shared["levels"]:
        parts.append(f"at the {', '.join(shared['levels'])} level")
    if shared["target_groups"]:
        parts.append(f"for {', '.join(snap.concept_label(t) for t in shared['target_groups'])}")
    if shared.get("period_span"):
        a, b = shared["period_span"]
        parts.append(f"in {a}" if a == b or not b else f"in {a}–{b}")
    text = " ".join(parts) + "."
    if shared.get("stated"):
        text = "The source states the overlap: " + text
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

    # the levels each body works at across all its matches with the other, not only those shown
    seen_levels: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))

    def consider(i: int, j: int, where: str) -> None:
        x, y = items[i], items[j]
        if place and snap.place_match(where, place) not in ("place", "inside"):
            return  # an overlap in PLACE is one at the place or inside it, not above it
        for ax in x.actors:
            for ay in y.actors:
                if ax == ay:
                    continue
                if a and not ({ax, ay} >= want if b else a in (ax, ay)):
                    continue
                key = (ax, ay) if ax < ay else (ay, ax)
                xi, yi = (i, j) if ax < ay else (j, i)
                s, sh, df = _score_pair(snap, items[xi], items[yi], where)
                seen_levels[key][0].update(items[xi].levels)
                seen_levels[key][1].update(items[yi].levels)
                cands = best[key]
                # the same two items met in another cell: the better cell, whichever came first
                # (the order cells are met in depends on which facts were read, not on the answer)
                same = [n for n, c in enumerate(cands) if c[1] == xi and c[2] == yi]
                if same:
                    c = cands[same[0]]
                    if (-s, where) < (-c[0], c[3]):
                        cands[same[0]] = (s, xi, yi, where, sh, df)
                    continue
                cands.append((s, xi, yi, where, sh, df))
                if len(cands) > 8:
                    cands.sort(key=lambda c: (-c[0], items[c[1]].id, items[c[2]].id))
                    del cands[8:]

    for i, it in enumerate(items):
        if not it.stated:
            continue
        wheres = [p for p in it.places if not place or snap.place_match(p, place) in ("place", "inside")]
        if not wheres:
            continue
        where = max(sorted(wheres), key=lambda p: _DEPTH.get(snap.places.get(p, {}).get("level", ""), 0))
        for ax, ay in combinations(sorted(it.actors), 2):
            if a and not ({ax, ay} >= want if b else a in (ax, ay)):
                continue
            s, sh, df = _stated(snap, items, i, ax, ay, where)
            best[(ax, ay)].append((s, i, i, where, sh, df))
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
        lx = sorted(seen_levels[(ax, ay)][0] | set().union(*(items[c[1]].levels for c in chosen)))
        ly = sorted(seen_levels[(ax, ay)][1] | set().union(*(items[c[2]].levels for c in chosen)))
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
            "actors": [actor_row(snap, ax, score, [items[c[1]].why for c in chosen]),
                       actor_row(snap, ay, score, [items[c[2]].why for c in chosen])],
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
