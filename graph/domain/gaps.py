"""Gaps: drivers reported and themes named for a place that no body or effort covers there."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.domain.coverage import PLACED, addressing, who_covers
from graph.domain.snapshot import COUNTRY, GENERAL_THEME, Snapshot, St, _best_match
from graph.model import Status


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
