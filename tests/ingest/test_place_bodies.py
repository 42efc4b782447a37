"""A place's own body named with a lower-case head noun ("the Zubair water committee", "the
Basra Governorate PVE subcommittee", "the Hit sub-district administration"), and a venue, which is no
body ("the X Conference Centre", "مركز المؤتمرات"). Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor


def test_a_place_s_body_with_a_lower_case_head() -> None:
    ex = Extractor().extract([(1, "The Zubair water committee decided which families could come back. The Basra "
                                  "Governorate PVE subcommittee met the Hit sub-district administration in Ramadi.")])
    bodies = {a.name: a for a in ex.actors.values()}
    assert bodies["Zubair water committee"].kind == "committee"
    assert bodies["Zubair water committee"].level == "district"
    assert "Basra Governorate PVE subcommittee" in bodies
    assert bodies["Hit sub-district administration"].kind == "local_government"
    assert any(bodies["Zubair water committee"].key in st.subjects for st in ex.statements)


def test_a_capitalised_head_or_a_place_alone_is_left_as_it_was() -> None:
    ex = Extractor().extract([(1, "The Orchard Youth Committee met the Basra police and the council of elders.")])
    names = {a.name for a in ex.actors.values()}
    assert "Orchard Youth Committee" in names
    assert not any(n.lower().endswith("council") for n in names)


def test_a_venue_is_no_body() -> None:
    ex = Extractor().extract([(1, "The forum was held at the Orchard International Conference Centre in Basra, "
                                  "organised by the Delta Youth Network.")])
    assert {a.name for a in ex.actors.values()} == {"Delta Youth Network"}
    ex = Extractor().extract([(1, "عقد المؤتمر في مركز المؤتمرات في بغداد بتنظيم من منظمة البستان للتنمية.")])
    assert {a.name for a in ex.actors.values()} == {"منظمة البستان للتنمية"}
