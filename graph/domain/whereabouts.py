"""Where a body works: the places its own sentences and efforts put it.

"Where does UNESCO work?" is answered by the body's row, one line per place, each line a
sentence that names the body and is scoped to that place (or a 3W / IATI row placed there);
nationwide wording places nothing. The places come with how many lines put the body there, the
narrowest first (a district before its governorate).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.domain.snapshot import COUNTRY, Snapshot, _rank_rows
from graph.grounding import grounder

# kinds whose sentence says nothing of where the body itself works (a funder's sentence does: it
# works there through what it funds, a line weighed below the body's own work)
_NOT_WORK = {"post", "driver", "need", "mention", "part_of"}
_FUNDED = 0.8


def places_of(snap: Snapshot, target: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(rows, places): TARGET's row with one line per place it works in, and those places
    ({id, name, lines}) ordered by depth (the narrowest first), then by how often."""
    if target not in snap.actors:
        return [], []
    g = grounder(snap)
    lines: dict[str, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
    for st in snap.live():
        if target not in st.subjects or st.kind in _NOT_WORK or st.nationwide:
            continue
        where = [p for p in st.places if p != COUNTRY]
        if not where or not g.names(st.quote, target, st.subjects):
            continue
        for p in where:
            lines[p].append((_FUNDED if st.kind == "funding" else 1.0, snap.why(st, "at")))
    for ef in snap.efforts.values():
        if any(a == target for a, _ in ef.roles):
            for p in ef.places:
                if p != COUNTRY:
                    lines[p].append((0.9, snap.effort_why(ef, "at")))
    if not lines:
        return [], []
    order = sorted(lines, key=lambda p: (-len(p), -len(lines[p]), snap.place_name(p)))
    places: list[dict[str, Any]] = [{"id": p, "name": snap.place_name(p), "lines": len(lines[p])} for p in order]
    rows = _rank_rows({target: [w for p in order for w in lines[p][:1]]}, snap, keep=len(order))
    return rows, places
