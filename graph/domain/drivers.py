"""What drives extremism in a place: the drivers the texts report there, each with the sentences
that report it ("What are the drivers of extremism in X?", "ما أسباب التطرف في X؟")."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.domain.snapshot import COUNTRY, Snapshot, St, _best_match
from graph.names import is_arabic


def driver_claims(snap: Snapshot, place: str | None) -> list[tuple[St, str]]:
    """The driver claims reported at the place, inside it or above it (nationwide reports
    too), each with how its place matches (every claim, "any", without a place)."""
    out = []
    for c in snap.claims:
        if c.kind != "driver":
            continue
        pm = _best_match(snap, c.places or [COUNTRY], place) if place else "any"
        if pm:
            out.append((c, pm))
    return out


def claims_by_driver(snap: Snapshot, place: str | None) -> dict[str, list[tuple[St, str]]]:
    """driver_claims under each driver they report, in the claims' order."""
    by: dict[str, list[tuple[St, str]]] = defaultdict(list)
    for c, pm in driver_claims(snap, place):
        for d in c.concepts:
            if d.startswith("driver:"):
                by[d].append((c, pm))
    return by


def drivers_reported(snap: Snapshot, place: str | None, keep: int = 3, lang: str = "") -> list[dict[str, Any]]:
    """One row per driver reported for the place: its label, how many sentences report it, and
    the first ``keep`` of them, those placed nearest first (at the place, inside it, above it),
    then those in the question's language (``lang``: "ar" or "en")."""
    by = claims_by_driver(snap, place)
    order = {"place": 0, "inside": 1, "any": 1, "above": 2, "nationwide": 3}
    rows: list[dict[str, Any]] = []
    for d, claims in by.items():
        claims.sort(key=lambda x: (order.get(x[1], 4), bool(lang) and is_arabic(x[0].quote) != (lang == "ar"),
                                   x[0].doc_id, x[0].page, x[0].id))
        rows.append({"id": d, "label": snap.concept_label(d), "reports": len(claims),
                     "nearest": claims[0][1], "reported": [snap.why(c, pm) for c, pm in claims[:keep]]})
    rows.sort(key=lambda r: (order.get(r["nearest"], 4), -r["reports"], r["label"]))
    return rows
