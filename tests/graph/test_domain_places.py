"""Who works in / who covers / presence, on a short report of our own ingested into the real
embedded store: what is placed in a district, what only funds it, what sits above it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.service import open_dalil
from graph import domain
from search.router import parse

REPORT = """# Prevention work in Kirkuk: a sample report

The Kirkuk Youth Centre runs vocational training for young people in Daquq.

The Government of Norway funds the training of young people by the Kirkuk Youth Centre in Daquq.

The Hawija Peace Network works with the Kirkuk Youth Centre in Daquq.

The Kirkuk Governorate Council is responsible for coordinating prevention of violent extremism across Kirkuk.

The Iraqi Red Crescent Society has offices in Kirkuk, Erbil and Basra.

Residents of Daquq named missing civil documentation as the main driver of violent extremism there.

The Kirkuk Legal Aid Foundation provides legal aid and civil documentation services across Kirkuk Governorate.

The Ministry of Justice should assign a partner to civil documentation in Daquq.
"""
DAQUQ = "place:IQG13Q02"
CENTRE, NORWAY = "actor:kirkuk-youth-centre", "actor:government-of-norway"
NETWORK, COUNCIL = "actor:hawija-peace-network", "actor:kirkuk-governorate-council"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("places")
    (root / "docs").mkdir()
    (root / "docs" / "kirkuk-sample.md").write_text(REPORT, encoding="utf-8")
    with open_dalil(home=root / "home") as d:
        d.settings.embedder = "hash"
        d.ingest([root / "docs"])
        yield d.snapshot()


def _ids(rows: list[dict[str, Any]]) -> set[str]:
    return {r["id"] for r in rows}


def test_a_funder_does_not_cover_the_theme(sample: Any) -> None:
    got = _ids(domain.who_covers(sample, "target_group:youth", DAQUQ))
    assert CENTRE in got and NORWAY not in got


def test_who_works_in_a_place_is_what_is_placed_there(sample: Any) -> None:
    placed = _ids(domain.who_covers(sample, None, DAQUQ, within=True))
    assert {CENTRE, NETWORK} <= placed
    assert COUNCIL not in placed and NORWAY not in placed  # a governorate-wide remit; a funder
    assert COUNCIL in _ids(domain.who_covers(sample, None, DAQUQ))  # it does reach the district
    for r in domain.who_covers(sample, None, DAQUQ, within=True):
        assert all(w["place_match"] in domain.PLACED for w in r["why"])


def test_a_driver_covered_only_above_or_by_a_recommendation_is_a_gap(sample: Any) -> None:
    gaps = {g["id"] for g in domain.gaps(sample, DAQUQ) if g["kind"] == "driver"}
    assert "driver:lack_of_documentation" in gaps
    # governorate-wide, the same driver is covered (the foundation works across Kirkuk)
    assert domain.addressing(sample, "driver:lack_of_documentation", DAQUQ)


@pytest.mark.parametrize("q", ["Who works in Daqouq?", "Who works in Daqooq?", "من يعمل في داقوق؟"])
def test_router_sends_a_transliterated_place_to_works_in(sample: Any, q: str) -> None:
    p = parse(q, sample)
    assert (p.intent, p.place) == ("works_in", DAQUQ)


@pytest.mark.parametrize("q,intent", [
    ("ما هي مهام مجلس محافظة كركوك؟", "mandate"),
    ("ما المطلوب من مركز شباب كركوك؟", "mandate"),
    ("Which bodies have offices in every governorate?", "presence"),
])
def test_router_intents(sample: Any, q: str, intent: str) -> None:
    assert parse(q, sample).intent == intent


def test_router_finds_a_body_without_its_level_word(sample: Any) -> None:
    # "Kirkuk Governorate Council" asked about as "the Kirkuk Council"
    assert parse("Who supports the Kirkuk Council?", sample).actors == [COUNCIL]
    assert parse("Which bodies have offices in all 18 governorates?", sample).everywhere
    assert not parse("Which bodies have offices in Kirkuk?", sample).everywhere


def test_offices_in_all_governorates_means_nationwide(demo_dalil: Any) -> None:
    snap = demo_dalil.snapshot()
    everywhere = domain.present_in(snap, None, everywhere=True)
    anywhere = domain.present_in(snap, None)
    assert everywhere and _ids(everywhere) < _ids(anywhere)
    assert all(w["place_match"] == "nationwide" for r in everywhere for w in r["why"])


def test_the_partner_of_a_placed_partnership_covers_the_theme_there(sample: Any) -> None:
    """"The Hawija Peace Network works with the Kirkuk Youth Centre in Daquq": the centre's
    training is work the partner and the centre both do in Daquq."""
    rows = domain.who_covers(sample, None, DAQUQ)
    assert {NETWORK, CENTRE} <= _ids(rows)
    partnership = [w for r in rows if r["id"] == CENTRE for w in r["why"] if w["kind"] == "partnership"]
    assert partnership and all(w["place_match"] == "place" for w in partnership)


def test_a_theme_named_for_a_place_and_only_recommended_or_covered_above_is_a_gap(sample: Any) -> None:
    """"The Ministry of Justice should assign a partner to civil documentation in Daquq": the
    theme is named for Daquq, only a recommendation and a governorate-wide foundation touch it."""
    daquq = {g["id"] for g in domain.gaps(sample, DAQUQ) if g["kind"] == "theme"}
    assert "theme:protection" in daquq
    kirkuk = {g["id"] for g in domain.gaps(sample, "place:IQG13") if g["kind"] == "theme"}
    assert "theme:protection" not in kirkuk  # the foundation works across the governorate
