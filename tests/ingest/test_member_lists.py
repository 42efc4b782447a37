"""The members a sentence lists: "X, made up of A, B and C", "X comprises A, the Y Governorate and
the B Union"; "the Y Governorate and the B Union" are two bodies, not one. Sentences of our own,
no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _members(ex: Extraction) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == "membership" for s in st.subjects
            for o in st.objects}


def test_made_up_of_after_a_comma() -> None:
    ex = Extractor().extract([(1, "The Orchard Steering Committee, made up of the Ministry of Planning and the "
                                  "Orchard Youth Forum, meets every month in Basra.")])
    members = _members(ex)
    assert ("Ministry of Planning", "Orchard Steering Committee") in members
    assert ("Orchard Youth Forum", "Orchard Steering Committee") in members


def test_a_governorate_in_a_list_of_members() -> None:
    ex = Extractor().extract([(1, "The Orchard Return Committee comprises the Ministry of Planning, the Salah ad-Din "
                                  "Governorate and the Orchard Farmers Union.")])
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds.get("Salah ad-Din Governorate") == "local_government"
    assert ("Salah ad-Din Governorate", "Orchard Return Committee") in _members(ex)


def test_a_body_after_and_the_is_its_own() -> None:
    ex = Extractor().extract([(1, "A steering board of the Ministry of Water Resources, the Anbar Governorate and "
                                  "the Orchard Farmers Union decides on the canals of Hit.")])
    names = {a.name for a in ex.actors.values()}
    assert "Orchard Farmers Union" in names
    assert not any(" and " in n for n in names)
