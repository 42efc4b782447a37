"""Ties between bodies said in passing: a hyphenated link ("an NDF-linked militia"), wages paid
through a body, a unit named after its owner's possessive, a body set up by another, and a verb
coordinated after a passive agent; sentences of our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _pairs(ex: Extractor, text: str) -> tuple[set[tuple[str, str, str]], set[str]]:
    got = ex.extract([(1, text)])
    name = {k: a.name for k, a in got.actors.items()}
    return ({(st.kind, name[s], name[o]) for st in got.statements for s in st.subjects for o in st.objects},
            set(name.values()))


def test_a_linked_apposition_and_wages_paid_through_a_body(extractor: Extractor) -> None:
    pairs, _ = _pairs(extractor, "The Cedar Valley Brigade (CVB), a local RDF-linked militia, holds the road and is "
                                 "paid through the Northern Guard Forces (NGF).")
    assert ("part_of", "Cedar Valley Brigade", "RDF") in pairs
    assert ("funding", "Northern Guard Forces", "Cedar Valley Brigade") in pairs
    assert not any(k == "part_of" and s == "RDF" for k, s, _ in pairs)


def test_a_link_before_the_name_is_no_part_of_the_name(extractor: Extractor) -> None:
    pairs, names = _pairs(extractor, "The RDF-affiliated Cedar Valley Brigade holds the checkpoints on the road.")
    assert "Cedar Valley Brigade" in names
    assert not any(n.startswith("RDF-") for n in names)
    assert ("part_of", "Cedar Valley Brigade", "RDF") in pairs


def test_a_unit_named_after_its_owners_possessive(extractor: Extractor) -> None:
    pairs, _ = _pairs(extractor, "The grant was approved by Mira Tal, head of the Example Union's relief "
                                 "department EXDEV, in May.")
    assert ("part_of", "EXDEV", "Example Union") in pairs
    assert ("part_of", "Mira Tal", "Example Union") not in pairs


def test_a_body_set_up_by_another_and_a_verb_after_the_agent(extractor: Extractor) -> None:
    pairs, names = _pairs(extractor, "The Truth Panel was formed by the Example Council of Ministers in 2015 and "
                                     "reports to the Example Reconciliation Agency.")
    assert "Truth Panel" in names  # "panel" heads a body's name
    assert ("supervision", "Example Council of Ministers", "Truth Panel") in pairs
    assert ("part_of", "Truth Panel", "Example Reconciliation Agency") in pairs
    # the agent of the passive is not who reports
    assert ("part_of", "Example Council of Ministers", "Example Reconciliation Agency") not in pairs


def test_bodies_listed_before_a_verb_still_hold_it(extractor: Extractor) -> None:
    pairs, _ = _pairs(extractor, "The Example Agency and the Ministry of Planning support the Basra Youth Forum.")
    assert ("support", "Example Agency", "Basra Youth Forum") in pairs
    assert ("support", "Ministry of Planning", "Basra Youth Forum") in pairs


def test_units_listed_as_a_bodys_own(extractor: Extractor) -> None:
    pairs, names = _pairs(extractor, "The Peace Working Group has two taskforces: the Tribal Dialogue Committees "
                                     "(TDCs) Taskforce and the Media Taskforce.")
    assert ("part_of", "Media Taskforce", "Peace Working Group") in pairs
    assert any(k == "part_of" and "Taskforce" in s and s != "Media Taskforce" for k, s, _ in pairs)
    # the words before "(TDCs) Taskforce" name the taskforce, not committees of their own
    assert "Tribal Dialogue Committees" not in names


def test_two_bodies_sharing_a_short_form_stay_two(extractor: Extractor) -> None:
    # "Example Development" would be the short form of both: it is neither's
    pairs, names = _pairs(extractor, "Grants came from the Example Development Agency (EDA), using funds of the "
                                     "Example Development Cooperation.")
    assert {"Example Development Agency", "Example Development Cooperation"} <= names
    assert ("funding", "Example Development Cooperation", "Example Development Agency") in pairs
    got = extractor.extract([(1, "Grants came from the Example Development Agency (EDA), using funds of the "
                                 "Example Development Cooperation.")])
    assert not any("Example Development" in a.aliases for a in got.actors.values())
