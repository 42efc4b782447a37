"""Shapes of project pages: organisations listed after a plural noun that says what they are; a
fronted "With funding from X," or "In a project supported by X," that holds for the clause's
subjects; bodies "working together"; a body named earlier ending a list after "and"; a project
named and shortened. Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _rels(ex: Extraction, kind: str) -> set[tuple[str, str]]:
    n = {k: a.name for k, a in ex.actors.items()}
    return {(n[s], n[o]) for st in ex.statements if st.kind == kind for s in st.subjects for o in st.objects}


def test_organisations_listed_after_a_plural_noun() -> None:
    ex = Extractor().extract([(1, "The grant went to three partner organisations, Blue Lantern (BL), Sunrise Path and "
                                  "the Basra Youth Forum, which run dialogue sessions in Basra.")])
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds.get("Blue Lantern") == "ngo" and kinds.get("Sunrise Path") == "ngo"


def test_a_fronted_funding_phrase_holds_for_the_clause_subjects() -> None:
    ex = Extractor().extract([(1, "With funding from the Delta Peace Fund, the Basra Youth Forum and the Zubair Women "
                                  "Association run dialogue sessions in Zubair.")])
    funded = _rels(ex, "funding")
    assert {("Delta Peace Fund", "Basra Youth Forum"), ("Delta Peace Fund", "Zubair Women Association")} <= funded


def test_a_project_supported_by_donors_then_its_partners_working_together() -> None:
    ex = Extractor().extract([(1, "In a project supported by the Delta Peace Fund, three partner organisations, the "
                                  "Basra Youth Forum, the Zubair Women Association and the Fao Elders Council, are working "
                                  "together to promote social cohesion in Basra.")])
    assert ("Delta Peace Fund", "Zubair Women Association") in _rels(ex, "support")
    partners = _rels(ex, "partnership")
    assert any({a, b} == {"Basra Youth Forum", "Fao Elders Council"} for a, b in partners)


def test_a_body_named_earlier_is_not_joined_to_the_name_before_and() -> None:
    text = ("Blue Lantern, a local NGO, trains teachers in Basra. With funding from the Delta Peace Fund, the Basra "
            "Youth Forum and Blue Lantern run dialogue sessions in Zubair.")
    names = {a.name for a in Extractor().extract([(1, text)]).actors.values()}
    assert {"Basra Youth Forum", "Blue Lantern"} <= names and not any(" and " in n for n in names)


def test_a_project_named_and_shortened_is_a_programme() -> None:
    ex = Extractor().extract([(1, "The Integrated Delta Recovery Project (IDRP) supports returns in Basra and Maysan.")])
    assert {a.name: a.kind for a in ex.actors.values()}.get("Integrated Delta Recovery Project") == "programme"
