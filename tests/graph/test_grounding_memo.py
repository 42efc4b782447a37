"""What a process keeps between answers changes no answer: the grounder's memos, bounded by
DALIL_GROUNDING_MEMO_QUOTES, give the same answers when they can hold a single quote, and the
Directory's shared sets are the sets the store holds (the demo corpus, embedded store)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from api.service import Dalil
from graph import domain
from graph.domain import scoped
from graph.settings import get_settings


@pytest.fixture()
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _answers(d: Dalil) -> str:
    store = d.graph
    dr = scoped.Directory(store)  # a directory of its own: a grounder built under the settings now
    places = sorted({p for r in store.run("statement_places") for p in [r["place"]]})[:6]
    themes = sorted(c for c, x in dr.concepts.items() if x["scheme"] == "theme")[:4]
    out: list[Any] = []
    for p in places:
        out.append(domain.gaps(scoped.scoped(store, dr, scoped.scope_gaps(p)), p))
        out += [domain.who_covers(scoped.scoped(store, dr, scoped.scope_who_covers(p, t)), t, p) for t in themes]
        aid, home, holders = domain.brief_holders(scoped.bare(dr), None, p)
        if aid or home:
            out.append(domain.mandate_brief(scoped.scoped(store, dr, scoped.scope_brief(dr, holders, home)), None, p))
    return json.dumps(out, sort_keys=True, ensure_ascii=False, default=str)


def test_answers_do_not_depend_on_the_grounders_memo(demo_dalil: Dalil, fresh_settings: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DALIL_GROUNDING_MEMO_QUOTES", "1")
    small = _answers(demo_dalil)
    monkeypatch.delenv("DALIL_GROUNDING_MEMO_QUOTES")
    get_settings.cache_clear()
    assert get_settings().grounding_memo_quotes > 1000
    assert _answers(demo_dalil) == small and '"why"' in small


def test_the_directorys_shared_sets_are_the_stores(demo_dalil: Dalil) -> None:
    store = demo_dalil.graph
    dr = scoped.Directory(store)
    want: dict[str, set[str]] = {}
    for r in store.run("actor_places"):
        want.setdefault(r["actor"], set()).add(r["place"])
    assert {a: set(v) for a, v in dr.actor_places.items()} == want
    # bodies with the same places share one set object
    by_value: dict[frozenset[str], int] = {}
    for v in dr.actor_places.values():
        assert by_value.setdefault(v, id(v)) == id(v)
    # each set is keyed by the body's own id object, not a copy read with the row
    assert dr.actor_places and all(next(k for k in dr.actors if k == a) is a for a in dr.actor_places)
    assert dr.actor_concepts and all(next(k for k in dr.actors if k == a) is a for a in dr.actor_concepts)
