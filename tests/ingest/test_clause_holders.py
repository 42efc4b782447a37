"""Who holds a relation in news prose: the subject after a fronted phrase, the agents of a passive
before "in partnership with", an event someone took part in (not its organiser's membership), and
a generic class named without the words that count it. Sentences of our own; no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _rel(ex: Extraction, kind: str) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == kind for s in st.subjects for o in st.objects}


def test_the_subject_after_a_fronted_phrase_holds_the_partnership() -> None:
    ex = Extractor().extract([(1, "In support of local reconciliation efforts, the Example Relief Agency and the "
                                  "Tigris Youth Network worked with the Ministry of Planning.")])
    assert _rel(ex, "partnership") >= {("Example Relief Agency", "Ministry of Planning"),
                                       ("Tigris Youth Network", "Ministry of Planning")}
    assert ("Ministry of Planning", "Example Relief Agency") not in _rel(ex, "support")


def test_the_agents_of_a_passive_work_with_the_partner_not_the_participants() -> None:
    ex = Extractor().extract([(1, "Tribal leaders and local authorities from Basra took part in a forum organised by "
                                  "the Example Relief Agency and the Tigris Youth Network, in partnership with the "
                                  "Ministry of Planning.")])
    partners = _rel(ex, "partnership")
    assert ("Example Relief Agency", "Ministry of Planning") in partners
    assert ("Tigris Youth Network", "Ministry of Planning") in partners
    assert not any(a == "Ministry of Planning" or b == "Ministry of Planning" for a, b in _rel(ex, "membership"))
    assert not _rel(ex, "membership") & {(x, "Example Relief Agency") for x, _ in partners}


def test_cooperating_with_a_council_to_help_support_is_no_support_by_the_council() -> None:
    ex = Extractor().extract([(1, "The Example Relief Agency cooperates with the Babil Provincial Council to help "
                                  "support the resettlement of families.")])
    assert not any(a == "Babil Provincial Council" for a, _ in _rel(ex, "support"))


def test_a_generic_class_is_named_without_other() -> None:
    ex = Extractor().extract([(1, "The Ministry of Planning and other concerned ministries will review the plan.")])
    names = {a.name for a in ex.actors.values()}
    assert not any(n.lower().startswith("other ") for n in names)


def test_a_name_with_and_without_the_level_word_after_its_place_is_one_body() -> None:
    ex = Extractor().extract([(1, "Rafid Kareem, a member of the Babil Local Reconciliation Committee, spoke first."),
                              (2, "Nadia Salim, a member of the Babil Governorate Local Reconciliation Committee, "
                                  "spoke next, with a member of the Basra Local Reconciliation Committee.")])
    names = sorted(a.name for a in ex.actors.values() if "Reconciliation" in a.name)
    assert names == ["Babil Local Reconciliation Committee", "Basra Local Reconciliation Committee"]


def test_the_members_of_a_body_listed_with_their_chairs() -> None:
    ex = Extractor().extract([(1, "The members of the Returns Coordination Committee include the Example Relief Agency "
                                  "(co-chair), the Tigris Youth Network, and the Ministry of Planning.")])
    members = {a for a, b in _rel(ex, "membership") if b == "Returns Coordination Committee"}
    assert members == {"Example Relief Agency", "Tigris Youth Network", "Ministry of Planning"}
    assert {a for a, b in _rel(ex, "leadership") if b == "Returns Coordination Committee"} == {"Example Relief Agency"}


def test_the_agencies_participating_in_a_body_are_not_the_subject() -> None:
    ex = Extractor().extract([(1, "The Returns Coordination Committee enables coordination between the agencies "
                                  "participating in the Tigris Youth Network.")])
    assert ("Returns Coordination Committee", "Tigris Youth Network") not in _rel(ex, "membership")
    ex = Extractor().extract([(1, "The Ministry of Foreign Affairs participates in the Tigris Youth Network.")])
    assert ("Ministry of Foreign Affairs", "Tigris Youth Network") in _rel(ex, "membership")


def test_no_body_is_cut_inside_a_compound_adjective_or_is_a_part_of_a_country() -> None:
    ex = Extractor().extract([(1, "The Forum supports the Shared Recovery Community-based reconciliation of families "
                                  "returning from NE Syria and from north-east Syria.")])
    names = {a.name for a in ex.actors.values()}
    assert not any(n.endswith("Community") or n.endswith("Syria") for n in names)


def test_what_the_project_does_is_the_remit_of_the_body_that_runs_it() -> None:
    ex = Extractor().extract([(1, "The Tigris Youth Network implements the Bridges of Trust project in Basra. "
                                  "The project aims to strengthen the resilience of young people in Zubair.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = [name[s] for st in ex.statements if st.kind == "mandate" and "Zubair" in st.quote for s in st.subjects]
    assert held == ["Tigris Youth Network"]
    ex = Extractor().extract([(1, "The Example Agency funds the Ministry of Planning. The project aims to train teachers.")])
    assert not any("train teachers" in st.quote for st in ex.statements if st.kind == "mandate")


def test_a_foreign_ministry_named_by_its_state_s_adjective_is_that_state_s_government() -> None:
    ex = Extractor().extract([(1, "The Tigris Youth Network runs the courses with generous funding from the Japanese "
                                  "Ministry of Foreign Affairs.")])
    assert ("Government of Japan", "Tigris Youth Network") in _rel(ex, "funding")


def test_members_of_a_body_who_took_part_do_not_make_the_subject_a_member() -> None:
    ex = Extractor().extract([(1, "The Tigris Youth Network held a session with teachers, as well as members of the "
                                  "Basra Reconciliation Committee.")])
    assert not _rel(ex, "membership")


def test_an_institute_named_after_its_agency_is_its_unit() -> None:
    ex = Extractor().extract([(1, "The UNESCO Institute for Adult Literacy trains teachers in Hilla.")])
    inst = next(a for a in ex.actors.values() if a.name.startswith("UNESCO Institute"))
    assert inst.parent and ex.actors[inst.parent].name.startswith("United Nations Educational")


def test_a_foreign_state_after_in_is_a_place_and_acting_it_is_its_government() -> None:
    ex = Extractor().extract([(1, "The students study in Germany, and the Tigris Youth Network trains them in Basra."),
                              (2, "وقال إن الطلبة يدرسون في اليابان."),
                              (3, "Japan funds the Tigris Youth Network.")])
    names = {a.name for a in ex.actors.values()}
    assert "Government of Germany" not in names
    assert ("Government of Japan", "Tigris Youth Network") in _rel(ex, "funding")
    assert not any(st.subjects == ["actor:government-of-japan"] for st in ex.statements if "اليابان" in st.quote)
