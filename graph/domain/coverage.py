"""Who covers THEME in PLACE, who relates to a body, who is present where, who can address a driver."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from graph.domain.snapshot import (
    COUNTRY,
    NO_REMIT,
    PLACE_MATCH_RANK,
    PLACED,
    ROLE_WEIGHT,
    Snapshot,
    St,
    _best_match,
    _place_factor,
    _rank_rows,
    _status_score,
    effort_status,
)
from graph.grounding import grounder
from graph.model import RELATION_KINDS

# --- who covers THEME in PLACE ----------------------------------------------------------

def who_covers(snap: Snapshot, theme: str | None, place: str | None, within: bool = False,
               kinds: frozenset[str] | set[str] | None = None, only: set[str] | None = None) -> list[dict[str, Any]]:
    """Bodies placed in (or above, or inside) PLACE whose statements, remit or efforts touch THEME.

    ``within`` ("who works in PLACE"): only what is placed in PLACE or inside it counts (a
    nationwide or governorate-wide remit is not working there), and the partners a placed
    partnership or support statement names work there too.

    Every row is grounded (graph.grounding): its quote names the body (or its class), carries
    the theme or a narrower one (or the theme is the body's own remit), and is placed at, inside
    or over PLACE; a general P/CVE sentence is no answer to "who covers youth". Ranked by how
    directly the body is placed (the place, inside it, above it, nationwide, via its class) and
    by the quoted statement's own status (established before option before recommended).
    ``kinds``: only bodies of these kinds (a class's members share its kind); ``only``: only
    these bodies (gaps asks whether some body covers a theme, not who ranks first). Each body's
    row is its own, so the rows kept are those of the full answer.
    """
    return _rank_rows(_lines(snap, theme, place, within, kinds, only), snap)


def who_covers_top(snap: Snapshot, theme: str | None, place: str | None, within: bool,
                   kinds: frozenset[str] | set[str] | None, n: int, unless: set[str], unread: float = 0.0,
                   whole: Callable[[set[str]], Snapshot] | None = None) -> list[dict[str, Any]] | None:
    """The rows of who_covers of a set of bodies that holds its first ``n`` rows not of
    ``unless`` (a brief shows 15 partners, not every body placed there). A line scores at most
    its statement's ``line_bound``, so the statements are grounded by that bound, best first, until
    ``n`` bodies have a line above every statement left; then the rows of the bodies seen are
    made whole (those not of ``unless``), and kept if ``n`` of them still score above (a body's
    row shows one line per sentence, which may not be its best: else the whole answer).

    ``unread``: the snapshot lacks statements whose lines score at most this (a brief reads its
    partners best status first, graph.domain.scoped.PartnerFacts); ``whole`` gives a snapshot
    with every statement of some bodies. None: these rows cannot be told without the others."""
    cands = _candidates(snap, place)
    by: dict[float, list[int]] = defaultdict(list)
    for i in (_may_carry(snap, grounder(snap), snap.narrower_closure(theme), place, cands) if theme else range(len(cands))):
        by[line_bound(snap, cands[i][0], place)].append(i)
    best: dict[str, float] = {}
    levels = sorted(by, reverse=True)
    rest = unread
    for k, level in enumerate(levels):
        if level <= unread:
            return None  # no line from here on scores above what was not read
        for b, items in _lines(snap, theme, place, within, kinds, None, by[level], efforts=k == 0).items():
            best[b] = max(best.get(b, 0.0), *(sc for sc, _ in items))
        rest = max(levels[k + 1] if k + 1 < len(levels) else 0.0, unread)
        if sum(1 for b, sc in best.items() if sc > rest and b not in unless) >= n:
            break
    else:  # every statement grounded (or none, and efforts only): the whole answer
        return None if unread else who_covers(snap, theme, place, within, kinds)
    # a body with no line above what is left scores no more than that: it is not among the first.
    # Nor is one whose best line so far ranks after n made-whole rows (its row scores at most
    # that line), so the rows are made whole for the bodies in that order, n at a time, doubling
    # (a governorate has hundreds above what is left; making them all whole was half a brief)
    order = sorted((-round(sc, 3), snap.actors[b]["name"], b) for b, sc in best.items()
                   if sc > rest and b not in unless and b in snap.actors)
    m = n
    while True:
        only = {b for _, _, b in order[:m]}
        rows = who_covers(whole(only) if whole else snap, theme, place, within, kinds, only=only)
        bound = order[m][:2] if m < len(order) else (-rest, "")
        if sum(1 for r in rows if r["id"] not in unless and r["score"] > rest
               and (-r["score"], r["name"]) < bound) >= n:
            return rows
        if m >= len(order):
            return None if unread else who_covers(snap, theme, place, within, kinds)
        m *= 2


def line_bound(snap: Snapshot, st: St, place: str | None) -> float:
    """The most a line of who covers from this statement can score: its status score, times the
    factor of an "inside" match unless PLACE may be the line's own place. A line is placed by a
    place its quote names (graph.grounding ``where``: a subset of the stored ``places_named``),
    else by the statement's scopes (the country if none or nationwide) or the body's seat."""
    score = _status_score(st.status)
    if not place or st.places_named is None or place in st.places_named or place in st.places:
        return score
    if place == COUNTRY and (st.nationwide or not st.places):
        return score
    if any(snap.actors.get(b, {}).get("place") == place for b in st.subjects + st.objects):
        return score
    return score * _place_factor("inside")  # as a line's score is computed: no rounding above it


def _lines(snap: Snapshot, theme: str | None, place: str | None, within: bool,
           kinds: frozenset[str] | set[str] | None, only: set[str] | None,
           todo: list[int] | None = None, efforts: bool = True) -> dict[str, list[tuple[float, dict[str, Any]]]]:
    """The scored lines of who_covers per body (``todo``: of these candidates only; ``efforts``:
    with the efforts' lines)."""
    themes = snap.narrower_closure(theme) if theme else set()
    g = grounder(snap)
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    funded = _funded(snap)
    cands = _candidates(snap, place)
    if todo is None:
        todo = list(_may_carry(snap, g, themes, place, cands) if themes else range(len(cands)))
    if only is not None:
        todo = sorted(set(todo) & _positions_of(snap, place, cands, only) if len(only) < len(todo) else
                      {i for i in todo if _names_one_of(snap, cands[i][0], only)})
    for i in todo:
        st, bm = cands[i]
        # the partners of a placed partnership ("UNICEF runs X in Sadr City with the Rusafa
        # Directorate of Education") do the work there too
        placed = bm in PLACED
        partners = within and st.kind in ("partnership", "support") or st.kind == "partnership" and placed
        doers = st.subjects + (st.objects if partners else [])
        for subj in dict.fromkeys(doers):
            if subj not in snap.actors or snap.actors[subj]["kind"] == "person":
                continue
            if kinds is not None and snap.actors[subj]["kind"] not in kinds:
                continue
            if (st.doc_id, st.quote, subj) in funded:
                continue
            members = snap.class_members(subj) if snap.actors[subj]["is_class"] and place else []
            if only is not None and subj not in only and (not members or only.isdisjoint(snap.class_member_set(subj))):
                continue
            v = g.statement(st, subj, themes, place)
            if not v.who or v.where is None or within and v.where not in PLACED:
                continue
            if snap.actors[subj]["is_class"] and not g.class_mandate(st.quote, subj, st.subjects):
                continue  # a class covers only what a duty, option or recommendation gives it
            if only is not None and members:
                members = sorted(only & snap.class_member_set(subj))  # the same order: members are sorted
            for t in [subj, *members]:
                if only is not None and t not in only:
                    continue
                if t != subj:
                    vt = g.statement(st, t, themes, place, via=subj)
                    if not vt.what:
                        continue
                    tp = snap.actor_places.get(t, frozenset())
                    if not place or not any(snap.place_match(p, place) in (PLACED if within else PLACE_MATCH_RANK) for p in tp):
                        continue
                elif not v.what:
                    continue
                pm = (v.where or "") if t == subj else "class"
                # the theme said in the sentence is a specific match; the body's remit a near one
                tm = 1.0 if not themes or g.carries(st.quote, subj, themes - snap.actor_concepts.get(subj, set()),
                                                     st.subjects, set(st.concepts)) else 0.9
                score = tm * _status_score(st.status) * _place_factor(pm)
                why = snap.why(st, pm)
                if t != subj:
                    why |= {"via": snap.actors[subj]["name"], "via_id": subj}
                rows[t].append((score if t == subj else score * 0.9, why))
    for ef in snap.efforts.values() if efforts else ():
        if themes and not themes & set(ef.concepts):
            continue
        epm = _best_match(snap, ef.places or [COUNTRY], place)
        if not epm or within and epm not in PLACED:
            continue
        score = _status_score(effort_status(ef.status)) * _place_factor(epm)
        for aid, role in ef.roles:
            if aid in snap.actors and (kinds is None or snap.actors[aid]["kind"] in kinds) and (only is None or aid in only):
                rows[aid].append((score * ROLE_WEIGHT.get(role, 0.8), snap.effort_why(ef, epm, role)))
    return rows


def _funded(snap: Snapshot) -> set[tuple[str, str, str]]:
    """(document, quote, body) of every funding sentence: a sentence saying a body funds
    something is a funding relation, also where the same sentence was read as the funder's
    mandate (paying for work is not doing it). Kept per snapshot (gaps asks once per theme)."""
    got: set[tuple[str, str, str]] | None = snap.cache.get("funded")
    if got is None:
        got = snap.cache["funded"] = {(st.doc_id, st.quote, s) for st in snap.live() if st.kind == "funding"
                                      for s in st.subjects}
    return got


def _candidates(snap: Snapshot, place: str | None) -> list[tuple[St, str | None]]:
    """The live statements that may give a remit, with how their scope meets PLACE, in order:
    those scoped at, inside or above it, or nationwide. Kept per snapshot and place (gaps asks
    once per theme); a whole-graph snapshot keeps none (one list per place asked would hold
    every statement again)."""
    key = f"candidates {place}"
    got: list[tuple[St, str | None]] | None = snap.cache.get(key)
    if got is None:
        got = []
        for st in snap.live():
            if st.kind in NO_REMIT or st.kind == "funding":
                continue  # being a member, a unit or a funder of something is not covering a theme
            bm = _best_match(snap, st.places or [COUNTRY], place)
            if bm or st.nationwide:
                got.append((st, bm))
        if len(snap.statements) < 20_000:
            snap.cache[key] = got
    return got


@contextmanager
def held(snap: Snapshot, place: str | None) -> Iterator[None]:
    """Keep the candidates of PLACE and their indexes for the questions asked inside (gaps asks
    who covers once per theme), also where a large snapshot keeps none; dropped afterwards."""
    keys = [f"{k} {place}" for k in ("candidates", "may_carry", "doers")]
    had = [k for k in keys if k in snap.cache]
    snap.cache[keys[0]] = _candidates(snap, place)
    try:
        yield
    finally:
        for k in keys:
            if k not in had:
                snap.cache.pop(k, None)


def _may_carry(snap: Snapshot, g: Any, themes: set[str], place: str | None,
               cands: list[tuple[St, str | None]]) -> list[int]:
    """The positions in ``cands`` of the statements of which some body may be given THEME
    (graph.grounding.carries): the extractor tagged one of the themes, the quote names one, a
    body named works on one, or one is a class (whose members may). A shortcut only:
    who_covers asks the same again. An index concept -> positions, kept with the candidates."""
    key = f"may_carry {place}"
    idx: tuple[dict[str, list[int]], list[int]] | None = snap.cache.get(key)
    if idx is None:
        by: dict[str, list[int]] = defaultdict(list)
        classy: list[int] = []
        for i, (st, _) in enumerate(cands):
            carried = set(st.concepts) | (g.concepts_in(st.quote) if st.mentions is None else st.mentions)
            any_class = False
            for b in st.subjects + st.objects:
                a = snap.actors.get(b)
                if a is None or a["is_class"]:
                    any_class = True
                else:
                    carried |= snap.actor_concepts.get(b, set())
            if any_class:
                classy.append(i)
            for c in carried:
                by[c].append(i)
        idx = (by, classy)
        if snap.cache.get(f"candidates {place}") is cands:
            snap.cache[key] = idx
    by, classy = idx
    return sorted(set(classy).union(*(by.get(t, ()) for t in themes)))


def _names_one_of(snap: Snapshot, st: St, only: set[str]) -> bool:
    """Whether a statement may give a row to one of ``only`` (as _positions_of tells): cheaper
    to ask of each statement than to gather the positions of hundreds of bodies (gaps asks
    whether any of the others covers a theme)."""
    for b in st.subjects + st.objects:
        if b in only:
            return True
        a = snap.actors.get(b)
        if a is not None and a["is_class"] and not only.isdisjoint(snap.class_member_set(b)):
            return True
    return False


def _positions_of(snap: Snapshot, place: str | None, cands: list[tuple[St, str | None]], only: set[str]) -> set[int]:
    """The positions in ``cands`` of the statements that may give a row to one of ``only``: it
    is a subject or object there, or one of its classes is. An index body -> positions, kept
    with the candidates."""
    key = f"doers {place}"
    idx: tuple[dict[str, list[int]], list[str]] | None = snap.cache.get(key)
    if idx is None:
        by: dict[str, list[int]] = defaultdict(list)
        for i, (st, _) in enumerate(cands):
            for b in dict.fromkeys(st.subjects + st.objects):
                by[b].append(i)
        idx = (by, sorted(c for c in by if (a := snap.actors.get(c)) is not None and a["is_class"]))
        if snap.cache.get(f"candidates {place}") is cands:
            snap.cache[key] = idx
    by, classes = idx
    out: set[int] = set()
    for b in only:
        out.update(by.get(b, ()))
    for c in classes:
        if not only.isdisjoint(snap.class_member_set(c)):
            out.update(by[c])
    return out


# --- relations: who funds / supports / supervises / partners with X ------------------------

EFFORT_ROLE_KINDS = {"funding": {"funding", "funder"}, "partnership": {"implementing", "implementer", "extending", "partner"},
                     "support": {"implementing", "implementer", "extending"}}


def related_to(
    snap: Snapshot, target: str, kinds: set[str] | None = None, level: str | None = None,
    direction: str = "to", place: str | None = None,
) -> list[dict[str, Any]]:
    """Bodies in a relation with TARGET: ``to`` = they act on it (fund, supervise, support),
    ``from`` = it acts on them (what it is part of, reports to), ``any`` = either side
    (partnership is symmetric). Efforts count too: the funder of an
    effort TARGET implements funds TARGET; co-implementers are partners. ``place`` ("who funds
    IOM's project in Anbar"): only relations scoped there (or above it) count, the nearest first."""
    kinds = kinds or set(RELATION_KINDS) | {"mandate", "responsibility"}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    targets = {target} | {u for u, p in snap.units.items() if p == target}
    classes = set(snap.classes_of(target)) if target in snap.actors and not snap.actors[target]["is_class"] else set()
    g = grounder(snap)
    for st in snap.live():
        if st.kind not in kinds:
            continue
        if not _best_match(snap, st.places or [COUNTRY], place) and not st.nationwide:
            continue
        level_ok = not level or level in st.level.split(",")
        base = _status_score(st.status) * (1.0 if level_ok else 0.5)
        if level and not level_ok and level not in st.quote.lower():
            base *= 0.5

        def add(body: str, factor: float, match: str | None = None, st: St = st, base: float = base) -> None:
            """A row only where the sentence names the body and is placed where asked."""
            if body in targets or body not in snap.actors or not g.names(st.quote, body, st.subjects):
                return
            pm = g.where(st.quote, st.places, body, place, st.nationwide) if place else ""
            if pm is None:
                return
            rows[body].append((factor * base * (_place_factor(pm) if pm else 1.0), snap.why(st, match or pm)))

        if targets & set(st.objects) and direction != "from":
            for s in st.subjects:
                add(s, 1.0)
        elif classes & set(st.objects) and direction == "to":
            # "supervises all governorate subcommittees" reaches the Nineveh subcommittee
            for s in st.subjects:
                add(s, 0.8, "class")
        if direction in ("any", "from") and targets & set(st.subjects):
            for o in st.objects:
                add(o, 0.9)
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
    g = grounder(snap)
    for st in snap.live():
        if st.kind != "presence" or everywhere and not st.nationwide:
            continue
        for s in st.subjects:
            a = snap.actors.get(s)
            if not a or (kind and a["kind"] != kind) or not g.names(st.quote, s, st.subjects):
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


def addressing(snap: Snapshot, driver: str, place: str | None = None, within: bool = False,
               only: set[str] | None = None) -> list[dict[str, Any]]:
    """Bodies covering the themes that address a driver (SKOS related), anywhere in scope
    (``within``: only work placed in PLACE or inside it; ``only``: only these bodies; see
    who_covers)."""
    themes = {t for t in snap.related.get(driver, set()) if not t.startswith("driver:")}
    rows: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for t in sorted(themes):
        for r in who_covers(snap, t, place, within, only=only):
            for w in r["why"]:
                rows[r["id"]].append((r["score"], w | {"theme": t}))
    ranked = _rank_rows(rows, snap)
    # only bodies whose match is specific to the theme, not a general P/CVE remit
    return [r for r in ranked if r["score"] >= 0.45]
