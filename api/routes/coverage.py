"""Coverage by place for the map: per district and governorate, the bodies working on a theme
there, the drivers reported there that nobody covers (gaps), and whether bodies overlap.

"Working there" is `who_covers(..., within=True)`: statements and efforts placed in the place
or inside it. A nationwide or governorate-wide remit would shade every district alike, so it is
counted apart (``above``). Status and source filters keep the cited rows that match; a body
with none left drops out. Computed per snapshot and filter set (the graph changes only on a write).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import Reader, Service, Svc
from graph import domain
from graph.domain import GENERAL_THEME, Snapshot
from graph.vocab import load_gazetteer

router = APIRouter(tags=["coverage"])

PLACED = ("place", "inside")
Name = Annotated[str, Query(max_length=200)]
# snapshot -> {(theme, status, source) -> result}; a new snapshot (after a write) drops the old
_cache: dict[str, Any] = {"snap": None, "results": {}, "gaps": {}}


def _keep(w: dict[str, Any], status: str, source: str) -> bool:
    return (not status or w.get("status") == status) and (not source or w.get("document") == source)


def bodies_at(snap: Snapshot, theme: str | None, place: str, status: str = "", source: str = "") -> list[dict[str, Any]]:
    """who_covers rows placed in PLACE or inside it, their cited rows filtered by status and source."""
    out = []
    for r in domain.who_covers(snap, theme, place, within=True):
        why = [w for w in r["why"] if w.get("place_match") in PLACED and _keep(w, status, source)]
        if why:
            out.append({**r, "why": why})
    return out


def overlap_cells(snap: Snapshot, rows: list[dict[str, Any]], theme: str | None) -> list[str]:
    """The themes (within THEME, when given) on which more than one of these bodies works in the
    place: the map's overlap cells, read off the rows' own cited statements and efforts."""
    allowed = snap.narrower_closure(theme) if theme else None
    bodies: dict[str, set[str]] = {}
    for r in rows:
        for w in r["why"]:
            sid = w["statement"]
            fact = snap.statements.get(sid) or snap.efforts.get(sid)
            for c in fact.concepts if fact else []:
                if c.startswith("theme:") and c != GENERAL_THEME and (allowed is None or c in allowed):
                    bodies.setdefault(c, set()).add(r["id"])
    return sorted(snap.concept_label(c) for c, ids in bodies.items() if len(ids) > 1)


def _above(snap: Snapshot, theme: str | None, place: str, status: str, source: str) -> int:
    return sum(1 for r in domain.who_covers(snap, theme, place)
               if any(w.get("place_match") not in PLACED and _keep(w, status, source) for w in r["why"]))


def _gaps(snap: Snapshot, place: str) -> list[str]:
    """Drivers reported in PLACE or inside it (not only nationally), and themes the texts name for
    it, that nobody covers there (graph.domain.gaps has the rules)."""
    return [g["label"] for g in domain.gaps(snap, place) if g.get("kind") != "driver"
            or any(w.get("place_match") in PLACED for w in g.get("reported", []))]


def coverage(svc: Service, theme: str, status: str, source: str) -> dict[str, Any]:
    snap = svc.snapshot()
    tid = svc.theme_id(theme, snap) if theme else None
    if _cache["snap"] is not snap:
        _cache.update(snap=snap, results={}, gaps={})
    results: dict[tuple[str, str, str], dict[str, Any]] = _cache["results"]
    gaps: dict[str, list[str]] = _cache["gaps"]
    key = (tid or "", status, source)
    if key in results:
        return results[key]
    gaz = load_gazetteer()
    places: dict[str, dict[str, Any]] = {}
    for p in gaz:
        if p.level not in ("governorate", "district"):
            continue
        rows = bodies_at(snap, tid, p.id, status, source)
        names = [r["name"] for r in rows]
        places[p.id] = {"place": p.id, "name": p.name, "name_ar": p.name_ar, "level": p.level, "parent": p.parent,
                        "bodies": len(rows), "names": names[:8], "above": _above(snap, tid, p.id, status, source),
                        "overlaps": overlap_cells(snap, rows, tid)}
        if p.id not in gaps:
            gaps[p.id] = _gaps(snap, p.id)
        places[p.id]["gaps"] = gaps[p.id]
    res = {"theme": tid, "status": status, "source": source, "places": places,
           "max": max((v["bodies"] for v in places.values()), default=0),
           "sources": sorted({snap.doc_name(d) for d in snap.docs})}
    if len(results) > 64:
        results.clear()
    results[key] = res
    return res


@router.get("/coverage", summary="Per district and governorate: bodies on a theme, gaps, overlaps (for the map)")
def coverage_route(_: Reader, svc: Svc, theme: Name = "", status: Annotated[str, Query(max_length=20)] = "",
                   source: Name = "") -> dict[str, Any]:
    return svc.call(coverage, svc, theme, status, source)


@router.get("/coverage/place", summary="The bodies working on a theme in one place, with their cited rows")
def coverage_place(_: Reader, svc: Svc, place: Annotated[str, Query(min_length=1, max_length=200)], theme: Name = "",
                   status: Annotated[str, Query(max_length=20)] = "", source: Name = "") -> dict[str, Any]:
    def run() -> dict[str, Any]:
        snap = svc.snapshot()
        pid = svc.place_id(place)
        tid = svc.theme_id(theme, snap) if theme else None
        p = load_gazetteer().get(pid)
        return {"place": pid, "name": p.name if p else pid, "theme": tid, "actors": bodies_at(snap, tid, pid, status, source)}
    return svc.call(run)


@router.get("/place-names", summary="Every gazetteer place id with its English and Arabic name (for labels)")
def place_names(_: Reader) -> dict[str, dict[str, str]]:
    return {p.id: {"name": p.name, "name_ar": p.name_ar, "level": p.level} for p in load_gazetteer()}
