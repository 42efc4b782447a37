""""Name, Director General of the A Agency and Head of the B Board": two posts of one person, in
two bodies, with no body named after a post; a department named with its ministry is a unit of
it; the owner named after "of" is its own body. Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _posts(ex: Extraction) -> set[tuple[str, str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], st.post, name[o]) for st in ex.statements if st.kind == "post" for s in st.subjects
            for o in st.objects}


def test_a_two_word_post_before_of_is_no_body() -> None:
    ex = Extractor().extract([(1, "Nadia Rahim, Director General of the Orchard Water Directorate, opened the plant.")])
    names = {a.name for a in ex.actors.values()}
    assert "Orchard Water Directorate" in names
    assert not any(n.startswith("Director General") for n in names)
    assert ("Nadia Rahim", "Director General", "Orchard Water Directorate") in _posts(ex)


def test_each_post_of_an_apposition_keeps_its_own_words() -> None:
    ex = Extractor().extract([(1, "Karim Haddad, General Director of the Orchard Water Directorate and Head of the "
                                  "Board of the Delta Rivers Fund, opened the new plant in Basra.")])
    posts = _posts(ex)
    assert ("Karim Haddad", "General Director", "Orchard Water Directorate") in posts
    assert ("Karim Haddad", "Head", "Board of the Delta Rivers Fund") in posts


def test_a_family_name_that_is_also_a_place_before_a_post() -> None:
    # "Aziz" is a place of the gazetteer; before ", head of ..." the words are a person's name
    ex = Extractor().extract([(1, "Salwa Aziz, head of the Planning Department of the Ministry of Water Resources, "
                                  "attended the meeting in Basra.")])
    assert any(a.name == "Salwa Aziz" and a.kind == "person" for a in ex.actors.values())


def test_a_department_of_a_ministry_is_a_unit() -> None:
    ex = Extractor().extract([(1, "The Planning Department of the Ministry of Water Resources opened an office in Basra.")])
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds["Planning Department of the Ministry of Water Resources"] == "unit"


def test_the_owner_after_of_is_not_a_short_form_of_its_unit() -> None:
    ex = Extractor().extract([(1, "The Secretariat General of the Delta Rivers Council drafted the plan. "
                                  "The Delta Rivers Council approved it in March.")])
    names = {a.name for a in ex.actors.values()}
    assert {"Delta Rivers Council", "Secretariat General of the Delta Rivers Council"} <= names
