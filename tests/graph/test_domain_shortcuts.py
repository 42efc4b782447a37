"""The shortcuts of gaps and of a brief's partners decide what the full answers would: on the
demo corpus, for every place a statement or effort is scoped at and the places above them.

Gaps asks of each driver and theme only whether some body covers it (graph.domain.gaps:
who covers restricted to the bodies that may have such a line); the reference here is the
definition over every body's full row. A brief's partners are the first rows of who covers,
grounded best status first (coverage.who_covers_top); the reference is the full ranking.
"""

from __future__ import annotations

import json
from typing import Any

from api.service import Dalil
from graph.domain import PARTNER_KINDS, Snapshot, addressing, brief_holders, scoped, who_covers
from graph.domain.coverage import held, who_covers_top
from graph.domain.gaps import _driver_covered, _theme_covered
from graph.model import Status

REC = Status.recommended.value


def places_of(full: Snapshot) -> list[str]:
    used = {p for st in full.statements.values() for p in st.places}
    used |= {p for ef in full.efforts.values() for p in ef.places}
    return sorted(used | {a for p in used for a in full.ancestors(p)})


def js(x: Any) -> str:
    return json.dumps(x, sort_keys=True, ensure_ascii=False)


def test_gaps_decide_as_every_row_would(demo_dalil: Dalil) -> None:
    full = Snapshot(demo_dalil.graph)
    themes = sorted(c for c in full.concepts if c.startswith("theme:"))
    drivers = sorted(c for c in full.concepts if c.startswith("driver:") and full.related.get(c))
    covered = uncovered = 0
    for p in places_of(full):
        with held(full, p):
            for t in themes:
                closure = full.narrower_closure(t)
                want = any(r["score"] >= 0.45 and any(
                    (w["kind"] == "effort" or closure & set(full.statements[w["statement"]].concepts
                                                           if w["statement"] in full.statements
                                                           else full.efforts[w["statement"]].concepts))
                    and w["status"] != REC for w in r["why"]) for r in who_covers(full, t, p, within=True))
                assert _theme_covered(full, t, p) == want, (t, p)
                covered += want
                uncovered += not want
            for d in drivers:
                want = any(any(w["status"] != REC for w in r["why"]) for r in addressing(full, d, p, within=True))
                assert _driver_covered(full, d, p) == want, (d, p)
                covered += want
                uncovered += not want
    assert covered and uncovered, (covered, uncovered)


def test_brief_partners_are_the_first_rows(demo_dalil: Dalil) -> None:
    full = Snapshot(demo_dalil.graph)
    compared = 0
    for p in places_of(full):
        rows = who_covers(full, None, p, within=True, kinds=PARTNER_KINDS)
        for unless in (set(), {r["id"] for r in rows[:2]}):
            for n in (1, 2, 5, 15):
                want = [r for r in rows if r["id"] not in unless][:n]
                got = [r for r in who_covers_top(full, None, p, True, PARTNER_KINDS, n, unless)
                       if r["id"] not in unless][:n]
                assert js(got) == js(want), (p, n, unless)
                compared += bool(want)
    assert compared > 10, compared


def test_partners_read_best_status_first(demo_dalil: Dalil) -> None:
    """A brief's place read with its partner statements of the best status only (every place
    here, not only the large ones): where who_covers_top decides from them and the bodies' own
    statements, its first rows are those of every partner statement of the place."""
    store = demo_dalil.graph
    d = scoped.DirectoryCache().get(store)
    decided = 0
    for p in places_of(Snapshot(store)):
        _, home, holders = brief_holders(scoped.bare(d), None, p)
        if home is None:
            continue
        for n in (1, 2, 5, 15):
            facts = scoped.scoped(store, d, scoped.scope_brief(d, holders, home)).cache["partner_facts"]
            every = scoped.scoped(store, d, scoped.scope_brief(d, holders, home)).cache["partner_facts"].every()
            want = who_covers(every, None, home, within=True, kinds=PARTNER_KINDS)[:n]
            got = who_covers_top(facts.read(), None, home, True, PARTNER_KINDS, n, set(), unread=facts.unread,
                                 whole=facts.whole)
            if got is not None:
                assert js(got[:n]) == js(want), (home, n)
                decided += 1
    assert decided > 5, decided
