"""Shapes of project profiles and NGO pages: people listed with bodies ("… and IDPs"), a body's
former name, a fronted "Commissioned by X," a plural "the governments of A and B", and the
plural verb "fund". Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _names(ex: Extraction) -> set[str]:
    return {a.name for a in ex.actors.values()}


def _funding(ex: Extraction) -> set[tuple[str, str]]:
    return {(ex.actors[s].name, ex.actors[o].name) for st in ex.statements if st.kind == "funding"
            for s in st.subjects for o in st.objects}


def test_people_listed_with_bodies_are_no_body() -> None:
    ex = Extractor().extract([(1, "The forum brought together the Orchard Youth Council, the District Council and "
                                  "Returnees in Zummar.")])
    names = _names(ex)
    assert "District Council" in names or any(n.endswith("District Council") for n in names)
    assert not any("Returnees" in n for n in names)


def test_a_former_name_is_the_same_body() -> None:
    for text in ("The Orchard Council for Dialogue, a government body formerly called the Orchard Coexistence "
                 "Committee, met in Mosul.",
                 "The Orchard Council for Dialogue (formerly the Orchard Coexistence Committee) met in Mosul.",
                 "عقد مجلس البستان للحوار، الذي كان يسمى لجنة البستان للتعايش، اجتماعا في الموصل."):
        ex = Extractor().extract([(1, text)])
        bodies = [a for a in ex.actors.values() if a.kind != "person"]
        assert len(bodies) == 1, text
        assert any("Coexistence" in a or "للتعايش" in a for a in bodies[0].aliases), text


def test_a_later_body_in_an_apposition_stays_apart() -> None:
    ex = Extractor().extract([(1, "The Ministry of Planning, later the Ministry of Finance, joined the forum in Basra.")])
    assert {"Ministry of Planning", "Ministry of Finance"} <= _names(ex)


def test_a_fronted_commissioned_by_funds_the_clause_s_subject() -> None:
    ex = Extractor().extract([(1, "Commissioned by the Orchard Fund, the Delta Centre trained 40 teachers in Basra.")])
    assert ("Orchard Fund", "Delta Centre") in _funding(ex)
    assert ("Delta Centre", "Delta Centre") not in _funding(ex)


def test_the_governments_of_a_and_b_are_both_governments() -> None:
    ex = Extractor().extract([(1, "The project is implemented with the governments of Iraq and the Kurdistan Region.")])
    assert {"Government of Iraq", "Kurdistan Regional Government"} <= _names(ex)


def test_the_plural_verb_fund() -> None:
    ex = Extractor().extract([(1, "The governments of Germany and Japan fund the Delta Centre in Basra.")])
    assert {("Government of Germany", "Delta Centre"), ("Government of Japan", "Delta Centre")} <= _funding(ex)
    noun = Extractor().extract([(1, "The ministry set up a fund the Delta Centre manages in Basra.")])
    assert not _funding(noun)


def test_a_centre_under_a_ministry_is_part_of_it() -> None:
    ex = Extractor().extract([(1, "The Delta Centre, under the Ministry of Youth, trains young people in Basra.")])
    parts = {(ex.actors[s].name, ex.actors[o].name) for st in ex.statements if st.kind == "part_of"
             for s in st.subjects for o in st.objects}
    assert ("Delta Centre", "Ministry of Youth and Sports") in parts
    plan = Extractor().extract([(1, "The Delta Centre, under the new plan, trains young people in Basra.")])
    assert not [st for st in plan.statements if st.kind == "part_of"]
