"""Gaps: drivers reported and themes named for a place that no body or effort covers there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from graph.domain.coverage import PLACED, _candidates, _may_carry, addressing, held, who_covers
from graph.domain.drivers import claims_by_driver
from graph.domain.gaps_read import GapsFirst, pick
from graph.domain.snapshot import COUNTRY, GENERAL_THEME, Snapshot, St, _best_match
from graph.grounding import grounder
from graph.model import Status

# the bodies gaps_read tries per theme in each round before it reads a place's whole slice (a
# body may show 3-4 of a district's themes covered, and a third of those that may show none):
# three each first, then every one left
WITNESS_ROUNDS = (3, 10_000)


def gaps(snap: Snapshot, place: str | None) -> list[dict[str, Any]]:
    """Drivers reported for a place (or nationally), and themes the strategies name, that no
    body or effort covers there with a statement or effort specific to them. From the first
    read of graph.domain.gaps_read: nothing if it shows every theme covered, else the answer
    of the place's whole slice."""
    first: GapsFirst | None = snap.cache.get("gaps_first")
    if first is not None:
        if first.place == place and _all_shown(first, snap, place):
            return []
        snap = first.whole()
    with held(snap, place):
        return _gaps(snap, place)


def _all_shown(first: GapsFirst, snap: Snapshot, place: str) -> bool:
    """Whether no driver is reported at the place and every theme named there is shown covered
    by a body whose statements there were all read (its row is the row of the whole slice),
    each theme's bodies tried one by one, the most promising first (the first usually shows it)."""
    if first.drivers:
        return False
    todo = list(first.themes)
    tried: set[tuple[str, str]] = set()
    for each in WITNESS_ROUNDS:
        if not todo:
            return True
        bodies = pick(first, snap, todo, each)
        if bodies is None:
            return False
        snap = first.read(bodies)
        left = []
        with held(snap, place):
            for t in todo:
                ready = [b for b in first.order(snap, t) if b in first.bodies and (t, b) not in tried]
                tried.update((t, b) for b in ready)
                if not any(_specific(snap, t, place, {b}) for b in ready):
                    left.append(t)
        todo = left
    return not todo


def _gaps(snap: Snapshot, place: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    reported = {d: [c for c, _ in cs] for d, cs in claims_by_driver(snap, place).items()}
    for d, sts in sorted(reported.items()):
        if not _driver_covered(snap, d, place):
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
        if st.kind not in ("mandate", "responsibility", "need") and st.status != Status.recommended.value:
            continue
        if place and _best_match(snap, st.places or [COUNTRY], place) not in PLACED:
            continue
        for t in st.concepts:
            if t.startswith("theme:") and t != GENERAL_THEME:
                named[t].append(st)
    for t, sts in sorted(named.items()):
        if not _theme_covered(snap, t, place):
            out.append({
                "kind": "theme",
                "id": t,
                "driver": "",
                "label": snap.concept_label(t),
                "reason": "named in the strategy texts, and no body or effort is placed to cover it here",
                "reported": [snap.why(s) for s in sts[:3]],
            })
    return out


def _driver_covered(snap: Snapshot, driver: str, place: str | None) -> bool:
    """A driver reported in a place is covered by work there, not by a governorate-wide remit,
    nor by a recommendation that someone should take it on (the bodies addressing it, of those
    that may have such a line)."""
    def covering(only: set[str]) -> bool:
        return any(any(w["status"] != Status.recommended.value for w in r["why"])
                   for r in addressing(snap, driver, place, within=bool(place), only=only))

    themes = [t for t in snap.related.get(driver, set()) if not t.startswith("driver:")]
    return _some(_may_cover(snap, themes, place, specific=False), covering)


def _theme_covered(snap: Snapshot, theme: str, place: str | None) -> bool:
    """A theme named for a place is covered by work placed there (as the reason says) specific
    to the theme, not by a recommendation that someone take it on."""
    return _some(_may_cover(snap, [theme], place, specific=True), lambda only: _specific(snap, theme, place, only))


def _specific(snap: Snapshot, theme: str, place: str | None, only: set[str]) -> bool:
    """Whether one of ``only`` covers THEME at the place with a line specific to it (tagged
    with it or a narrower one, or an effort) that is no recommendation (each body's row is its
    own: the answer for a set is whether one of them does)."""
    closure = snap.narrower_closure(theme)
    return any(r["score"] >= 0.45 and any(
        (w["kind"] == "effort" or closure & set(_concepts_of(snap, w["statement"])))
        and w["status"] != Status.recommended.value for w in r["why"])
        for r in who_covers(snap, theme, place, within=bool(place), only=only))


def _concepts_of(snap: Snapshot, sid: str) -> list[str]:
    st = snap.statements.get(sid)
    if st is not None:
        return st.concepts
    ef = snap.efforts.get(sid)
    return ef.concepts if ef else []


def _may_cover(snap: Snapshot, themes: list[str], place: str | None, specific: bool) -> Iterator[str]:
    """The bodies that may have a line in who covers THEME (any of ``themes``) that is not a
    recommendation (``specific``: and is tagged with the theme or a narrower one, or an
    effort), each once, in the order their statements and efforts come: only these can make a
    theme covered, so gaps ranks nobody else. A superset: who_covers decides. Lazy: the first
    body usually covers the theme (``_some``), and the others were most of a gaps answer's CPU."""
    g = grounder(snap)
    cands = _candidates(snap, place)
    seen: set[str] = set()

    def new(bodies: Iterable[str]) -> Iterator[str]:
        for b in bodies:
            if b not in seen:
                seen.add(b)
                yield b

    for t in sorted(themes):
        closure = snap.narrower_closure(t)
        for i in _may_carry(snap, g, closure, place, cands):
            st, _ = cands[i]
            if st.status == Status.recommended.value or specific and not closure & set(st.concepts):
                continue
            for b in st.subjects + st.objects:
                a = snap.actors.get(b)
                if a is None:
                    continue
                yield from new([b])
                if a["is_class"] and place:
                    yield from new(snap.class_members(b))
        for ef in snap.efforts.values():
            if closure & set(ef.concepts):
                yield from new(a for a, _ in ef.roles)


def _some(bodies: Iterator[str], covered: Callable[[set[str]], bool]) -> bool:
    """Whether ``covered`` holds of the rows of some of ``bodies``: the first body alone (the
    usual answer), then all the others at once."""
    first = next(bodies, None)
    if first is None:
        return False
    if covered({first}):
        return True
    rest = set(bodies)
    return bool(rest) and covered(rest)
