"""Local governments named by place in running prose: each place named has its own body, at
that place, kept even where the sentence says nothing else of it. Sentences are our own."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _bodies(ex: Extraction) -> dict[str, str]:
    return {a.name: a.place for a in ex.actors.values() if a.kind == "local_government" and not a.is_class}


def test_the_local_government_of_a_place_is_a_body_there(x: Extractor) -> None:
    ex = x.extract([(1, "A committee will repair the bridges of Hit alongside the local administration of Anbar governorate.")])
    bodies = _bodies(ex)
    assert "Anbar local administration" in bodies and bodies["Anbar local administration"].startswith("place:IQG")
    ref = next(a for a in ex.actors.values() if a.name == "Anbar local administration")
    assert "local administration of Anbar governorate" in ref.aliases


def test_a_list_of_places_names_one_local_government_each(x: Extractor) -> None:
    ex = x.extract([(1, "Talks were held with the local governments of Diyala governorate and of Khalis and Baladrooz districts.")])
    bodies = _bodies(ex)
    assert {"Diyala local government", "Khalis local government", "Baladrooz local government"} <= set(bodies)
    assert len(set(bodies.values())) == 3  # three places, not one
    khalis = next(a for a in ex.actors.values() if a.name == "Khalis local government")
    assert "Khalis district local government" in khalis.aliases  # "districts" names the level of both
    # the sentence says nothing else of them, yet each is kept, placed where it is
    located = [st for st in ex.statements if st.kind == "location"]
    assert {k for st in located for k in st.subjects} >= {a for a, r in ex.actors.items() if r.name in bodies}


def test_a_place_before_its_local_government(x: Extractor) -> None:
    ex = x.extract([(1, "The Basra local government and the Kirkuk provincial council signed the plan.")])
    assert {"Basra local government", "Kirkuk provincial council"} <= set(_bodies(ex))


def test_local_governments_as_a_class_stay_a_class(x: Extractor) -> None:
    ex = x.extract([(1, "Local governments should engage young people in every district.")])
    assert not _bodies(ex)
    assert any(a.is_class and a.kind == "local_government" for a in ex.actors.values())


def test_a_place_s_directorate_of_a_field_is_a_body_there(x: Extractor) -> None:
    ex = x.extract([(1, "The pilot runs with the Iraqi Ministry of Health and the Basra directorate of health in ten "
                        "schools. The Kirkuk directorate of youth and sport will host it.")])
    units = {a.name: a.place for a in ex.actors.values() if a.kind == "unit"}
    assert "Basra Directorate of Health" in units and units["Basra Directorate of Health"].startswith("place:IQG")
    assert "Kirkuk Directorate of Youth and Sport" in units
    assert not any(n.endswith((" In", " The")) for n in units)



def test_a_verb_after_a_directorate_s_field_is_not_part_of_it(x: Extractor) -> None:
    ex = x.extract([(1, "The Basra Directorate of Education runs school clubs. The Kirkuk directorate of water "
                        "resources repaired the canals. The Najaf directorate of health opened two clinics.")])
    units = {a.name for a in ex.actors.values() if a.kind == "unit"}
    assert {"Basra Directorate of Education", "Kirkuk Directorate of Water Resources",
            "Najaf Directorate of Health"} <= units
    assert not any(n.endswith((" Runs", " Opened")) for n in units)

def test_a_seat_of_government_that_acts_is_that_government() -> None:
    from ingest.extract import Extractor

    ex = Extractor().extract([(1, "Baghdad and Erbil signed the water accord on 3 May. Families in Baghdad "
                                  "returned home.")])
    names = {a.name for a in ex.actors.values()}
    assert {"Government of Iraq", "Kurdistan Regional Government"} <= names
    assert "Baghdad Governorate" not in names


def test_a_headline_s_place_is_where_the_document_applies() -> None:
    from ingest.extract import Extractor

    x = Extractor()
    assert x._default_place("Hit: tribal elders of Ramadi and Fallujah sign a peace pact") == \
        x._default_place("Hit district peace pact")
    assert x._default_place("Tribal elders of Ramadi and Fallujah sign a peace pact") != \
        x._default_place("Hit: tribal elders of Ramadi and Fallujah sign a peace pact")


def test_places_nested_in_a_title_give_the_narrowest() -> None:
    from ingest.extract import Extractor

    x = Extractor()
    assert x._default_place("Elders of Sinjar district in Nineveh sign a pact") == \
        x._default_place("Sinjar district pact")
    assert x._default_place("Nineveh Governorate plan") != x._default_place("Sinjar district pact")


def test_a_place_s_local_officials_speak_for_its_local_government_and_a_commitment_is_held() -> None:
    from ingest.extract import Extractor
    ex = Extractor().extract([(1, "The charter records the pledge of the clan elders, of federal government "
                                  "delegates and of Anbar's local officials.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = {name[s] for st in ex.statements for s in st.subjects}
    assert {"Anbar local government", "Government of Iraq"} <= held
    assert "federal government delegates" not in set(name.values())
