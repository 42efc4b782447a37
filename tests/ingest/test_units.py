"""Which body a unit belongs to (ingest/units.py and the regional ministries of stage_names), on
sentences of our own: a name opened by its owner's short name, a federal ministry in a document
that names the federal government, the region's own ministry."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _parent(ex: Extraction, name: str) -> str:
    ref = next(r for r in ex.actors.values() if r.name == name)
    return ex.actors[ref.parent].name if ref.parent in ex.actors else ref.parent


def test_a_name_opened_by_its_owner_s_acronym_is_its_unit(x: Extractor) -> None:
    ex = x.extract([(1, "The Harbour Relief Agency (HRA) opened a clinic. The HRA Country Office in Basra runs it.")])
    assert _parent(ex, "HRA Country Office") == "Harbour Relief Agency"


def test_a_federal_ministry_is_part_of_the_government_the_document_names(x: Extractor) -> None:
    ex = x.extract([(1, "The Government of Iraq approved the plan, and the Ministry of Planning will report on it.")])
    assert _parent(ex, "Ministry of Planning") == "Government of Iraq"


def test_no_government_named_no_parent_given(x: Extractor) -> None:
    ex = x.extract([(1, "The Ministry of Planning will report on the plan every year.")])
    assert _parent(ex, "Ministry of Planning") == ""


def test_the_regional_ministry_is_the_region_s_own(x: Extractor) -> None:
    ex = x.extract([(1, "At the federal level the Ministry of Health took part; in the north the regional "
                        "Ministry of Health did so too.")])
    regional = next(r for r in ex.actors.values() if r.level == "regional" and r.kind == "ministry")
    assert _parent(ex, regional.name) == "Kurdistan Regional Government"
    assert any(r.name == "Ministry of Health" and r.level == "national" for r in ex.actors.values())


def test_a_body_named_with_in_a_place_is_seated_there(x: Extractor) -> None:
    ex = x.extract([(1, "A new programme is shared by Alpha Technical University in Kufa and Beta Technical "
                        "University in Najaf.")])
    seats = {r.name: r.place for r in ex.actors.values()}
    assert seats["Alpha Technical University"] and seats["Beta Technical University"]
    assert seats["Alpha Technical University"] != seats["Beta Technical University"]


def test_a_directorate_of_a_field_belongs_to_the_ministry_of_that_field_the_text_names(x: Extractor) -> None:
    ex = x.extract([(1, "The pilot works with the Ministry of Health and the Dohar Directorate of Health.")])
    by_name = {a.name: a for a in ex.actors.values()}
    assert by_name["Dohar Directorate of Health"].parent == by_name["Ministry of Health"].key
    # no ministry named: the directorate stays on its own
    ex = x.extract([(1, "The pilot works with the Dohar Directorate of Water.")])
    assert not next(a for a in ex.actors.values() if a.name == "Dohar Directorate of Water").parent


def test_its_secretariat_is_a_unit_of_the_body_named_before_it(x: Extractor) -> None:
    ex = x.extract([(1, "The plan was drafted by the Halwan Council for Youth with help from its Secretariat, "
                                  "which meets monthly.")])
    by_name = {a.name: a for a in ex.actors.values()}
    assert by_name["Secretariat of the Halwan Council for Youth"].parent == by_name["Halwan Council for Youth"].key


def test_a_second_name_given_with_also_known_as_is_the_same_body(x: Extractor) -> None:
    ex = x.extract([(1, "The plan was drafted by the National Committee for Youth Inclusion, also known "
                                  "as the Youth Task Force, with UNICEF. The Youth Task Force meets monthly.")])
    names = {a.name for a in ex.actors.values()}
    assert "Youth Task Force" not in names
    committee = next(a for a in ex.actors.values() if a.name == "National Committee for Youth Inclusion")
    assert "Youth Task Force" in committee.aliases
