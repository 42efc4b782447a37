"""Cue words beyond the first ones a rule was written with: the same shape with other everyday
words (sessions for meetings, pressed for urged, border police, officers of a ministry);
sentences of our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _pairs(ex: Extraction, kind: str) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == kind for s in st.subjects for o in st.objects}


def test_sat_in_sessions_is_membership(x: Extractor) -> None:
    ex = x.extract([(1, "Officials of the Ministry of Planning sat in the Youth Task Force's sessions.")])
    assert ("Ministry of Planning", "Youth Task Force") in _pairs(ex, "membership")


def test_officers_of_a_ministry_are_its_people(x: Extractor) -> None:
    ex = x.extract([(1, "Officers of the Ministry of Trade visited the Zubair market in March.")])
    assert "Ministry of Trade" in {a.name for a in ex.actors.values()}
    assert not any(a.name.startswith("Officers") for a in ex.actors.values())


def test_pressed_to_is_a_call(x: Extractor) -> None:
    ex = x.extract([(1, "The Basra Youth Forum pressed the Ministry of Trade to reopen the Zubair market.")])
    held = [st for st in ex.statements if st.rule == "en.mandate.called_on"]
    assert held and held[0].status == "recommended"


def test_border_police_act_as_a_body(x: Extractor) -> None:
    ex = x.extract([(1, "In Zubair the border police will guard the crossing every night.")])
    assert any(a.name.lower() == "border police" for a in ex.actors.values())
