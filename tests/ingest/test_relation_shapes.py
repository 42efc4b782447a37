"""Relation shapes of real prose, on sentences of our own: a description between a body and its
cue, a class then the bodies it names, an acronym inside a list, partners of each other."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _rel(ex: Extraction, kind: str) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == kind for s in st.subjects for o in st.objects}


def test_a_description_between_a_body_and_led_by_is_the_body_s(x: Extractor) -> None:
    ex = x.extract([(1, "The Delta Shelter Consortium, a body of relief charities led by the Example Relief "
                        "Council (ERC) together with Mercy Corps, asked for more time.")])
    led = _rel(ex, "leadership")
    assert ("Example Relief Council", "Delta Shelter Consortium") in led
    assert ("Mercy Corps", "Delta Shelter Consortium") in led


def test_a_class_then_the_bodies_it_names(x: Extractor) -> None:
    ex = x.extract([(1, "قالت وزارة الصحة إن البرنامج ينفذ بالتعاون مع جهات حكومية ومنظمات دولية، "
                        "في مقدمتها وزارة التربية ومنظمة الصحة العالمية.")])
    partners = {o for s, o in _rel(ex, "partnership")}
    assert {"Ministry of Education", "World Health Organization"} <= partners


def test_bodies_that_launch_a_joint_programme_are_partners(x: Extractor) -> None:
    ex = x.extract([(1, "The Ministry of Health and the Example Children's Agency launched a joint programme in Basra.")])
    assert ("Ministry of Health", "Example Children's Agency") in _rel(ex, "partnership")


def test_thanks_for_support_is_support(x: Extractor) -> None:
    ex = x.extract([(1, "The Ministry of Planning thanked the Example Agency and the Harbour Fund for their support.")])
    assert {("Example Agency", "Ministry of Planning"), ("Harbour Fund", "Ministry of Planning")} <= _rel(ex, "support")


def test_officials_sitting_in_a_team_s_meetings_make_their_ministries_members(x: Extractor) -> None:
    ex = x.extract([(1, "Officials of the ministries of Health and Planning sat in the Youth Task Force's meetings.")])
    members = _rel(ex, "membership")
    assert ("Ministry of Health", "Youth Task Force") in members and ("Ministry of Planning", "Youth Task Force") in members


def test_as_did_adds_holders_to_the_same_relation(x: Extractor) -> None:
    ex = x.extract([(1, "Officials of the Ministry of Trade sat in the Youth Board's meetings, as did the press, "
                        "the Water Security Agency and the Basin Council.")])
    members = _rel(ex, "membership")
    assert {("Ministry of Trade", "Youth Board"), ("Water Security Agency", "Youth Board"),
            ("Basin Council", "Youth Board")} <= members


def test_support_came_from_speaks_of_the_body_just_named(x: Extractor) -> None:
    ex = x.extract([(1, "The dialogue was designed and run by Amal for Dialogue (Amal). Support came from the Youth "
                        "Resilience Programme (YRP) of the Basin Development Agency, and funding from the Tigris Fund.")])
    assert ("Tigris Fund", "Amal for Dialogue") in _rel(ex, "funding")
    assert ("Youth Resilience Programme", "Amal for Dialogue") in _rel(ex, "support")
    assert ("Youth Resilience Programme", "Basin Development Agency") in _rel(ex, "part_of")
    assert not {o for s, o in _rel(ex, "funding") if o == "Youth Resilience Programme"}


def test_an_item_no_list_knows_does_not_cut_the_list(x: Extractor) -> None:
    ex = x.extract([(1, "Oversight is the job of a steering committee of ABC, NRC, Terre Des Hommes (TDH) and the Tamkeen "
                        "Foundation.")])
    members = {s for s, _ in _rel(ex, "membership")}
    assert {"ABC", "NRC", "Tamkeen Foundation"} <= members


def test_the_working_group_points_back_to_the_group(x: Extractor) -> None:
    ex = x.extract([(1, "The Basin Peace Working Group (BPWG) was set up in 2018. The working group coordinates "
                        "peacebuilders across the basin.")])
    group = next(k for k, a in ex.actors.items() if a.name == "Basin Peace Working Group")
    assert sum(1 for st in ex.statements if group in st.subjects) >= 2


def test_partners_in_a_body_s_own_work(x: Extractor) -> None:
    ex = x.extract([(1, "The Example Agency's project meets that need with the Ministry of Health and the Basra "
                        "Youth Forum.")])
    assert {("Example Agency", "Ministry of Health"), ("Example Agency", "Basra Youth Forum")} <= _rel(ex, "partnership")


def test_a_programme_s_owner_gives_its_support_too(x: Extractor) -> None:
    ex = x.extract([(1, "The talks were run by Omega for Peace (Omega). Support came from the Stabilisation "
                        "Programme (SP) of the Example Children's Agency (ECA), and funding from the Swiss Aid Office.")])
    supporters = {s for s, o in _rel(ex, "support") if o == "Omega for Peace"}
    assert {"Stabilisation Programme", "Example Children's Agency"} <= supporters


def test_iraq_inside_a_body_s_name_places_nothing(x: Extractor) -> None:
    ex = x.extract([(1, "Funding came from the Iraq Recovery Programme for the Alpha Dialogue Centre.")], title="Talks in Balad")
    assert all("place:IQ" not in st.places for st in ex.statements)


def test_a_group_named_by_common_words_then_its_members(x: Extractor) -> None:
    ex = x.extract([(1, "For the new bridge, technical and advisory committees bring together the Ministry of "
                        "Planning, the Example Relief Agency and the Harbour Fund.")])
    members = {s for s, o in _rel(ex, "membership") if o == "technical and advisory committees"}
    assert {"Ministry of Planning", "Example Relief Agency", "Harbour Fund"} <= members
    group = next(a for a in ex.actors.values() if a.name == "technical and advisory committees")
    assert group.kind == "committee"


def test_a_project_supported_by_a_fund_is_funded_for_its_holder(x: Extractor) -> None:
    ex = x.extract([(1, "The Harbour Fund (HF) gives grants. The Basra Youth Institute ran this HF-supported "
                        "project from 2024 in Basra.")])
    assert ("Harbour Fund", "Basra Youth Institute") in _rel(ex, "funding")


def test_paying_a_group_s_costs_funds_it(x: Extractor) -> None:
    ex = x.extract([(1, "The Delta Working Group (DWG) is a platform of NGOs. The Harbour Relief Agency (HRA) "
                        "heads the group and also covers part of its running costs.")])
    assert ("Harbour Relief Agency", "Delta Working Group") in _rel(ex, "funding")


def test_a_relative_clause_after_a_list_speaks_of_its_last_item(x: Extractor) -> None:
    ex = x.extract([(1, "The advisory board brings together the Ministry of Planning, UNICEF and the Harbour "
                        "Council, which sits through its Amman office and partners UNICEF in the training programme.")])
    assert ("Harbour Council", "United Nations Children's Fund") in _rel(ex, "partnership")
    assert ("advisory board", "United Nations Children's Fund") not in _rel(ex, "partnership")


def test_a_relative_clause_after_the_members_of_a_group_speaks_of_the_group(x: Extractor) -> None:
    ex = x.extract([(1, "Guidance is the work of a steering committee of UNDP, IOM and the Nabd Foundation, "
                        "which is also charged with reviewing the annual plan.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = {name[s] for st in ex.statements if st.rule == "en.core.relative_clause" for s in st.subjects}
    assert held == {"steering committee"}


def test_the_duty_of_a_and_of_b_is_held_by_both(x: Extractor) -> None:
    ex = x.extract([(1, "In the camp, public order is the exclusive responsibility of the municipal police and of the "
                        "Counter-Terrorism Service.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = {name[s] for st in ex.statements if st.kind == "responsibility" for s in st.subjects}
    assert {"municipal police", "Counter Terrorism Service"} <= held


def test_a_call_on_a_body_named_by_a_pointing_word_is_that_body_s_to_do(x: Extractor) -> None:
    ex = x.extract([(1, "The Halwan Youth Network met the Iraqi authorities in May and then asked those authorities "
                        "to open three youth centres.")])
    name = {k: a.name for k, a in ex.actors.items()}
    called = [st for st in ex.statements if st.rule == "en.mandate.called_on"]
    assert [name[s] for st in called for s in st.subjects] == ["Government of Iraq"]
    assert all(st.status == "recommended" for st in called)
    # "this update" points at no body, however a name ends
    ex = x.extract([(1, "Programme Update, June 2025\n\nThis update reports on the Dohar Youth Forum and its work.")])
    assert "Programme Update" not in {name for st in ex.statements for name in st.subjects}


def test_the_agent_of_a_passive_does_what_its_verb_says(x: Extractor) -> None:
    ex = x.extract([(1, "The schools chosen by the Dohar Education Foundation were rebuilt, and a new teaching "
                        "programme shared by Halwan University and Tigris University began in 2022.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = {name[s] for st in ex.statements if st.kind == "mandate" for s in st.subjects}
    assert {"Dohar Education Foundation", "Halwan University", "Tigris University"} <= held
    # money is a relation, not a remit
    ex = x.extract([(1, "The centre, funded by the Harbour Fund, opened in May.")])
    assert not [st for st in ex.statements if st.rule == "en.mandate.agent"]


def test_bodies_apposed_between_dashes_hold_what_the_name_before_them_holds(x: Extractor) -> None:
    from ingest.clauses import apposed_bodies
    from ingest.extraction import Mention
    sent = ("The work was done by the Iraqi authorities — the Missing Persons Directorate of the Veterans' Trust "
            "and the Forensic Directorate — with UNICEF.")
    spans = [("Iraqi authorities", "gov"), ("Missing Persons Directorate", "mpd"), ("Veterans' Trust", "trust"),
             ("Forensic Directorate", "fd"), ("UNICEF", "unicef")]
    mentions = [Mention(sent.index(t), sent.index(t) + len(t), t, r) for t, r in spans]
    # the owner after "of the" is not apposed, nor is the body after the closing dash
    assert apposed_bodies(sent, mentions) == {"gov": ["mpd", "fd"]}


def test_a_sentence_that_goes_on_about_the_one_before_is_where_it_was(x: Extractor) -> None:
    ex = x.extract([(1, "- In May the Halwan Foundation opened a clinic in Sinjar. The clinic is run by the Dohar "
                        "Health Network with local doctors.\n- The Tigris Youth Forum trains volunteers.")])
    name = {k: a.name for k, a in ex.actors.items()}
    run = [st for st in ex.statements if "Dohar Health Network" in {name[s] for s in st.subjects}]
    assert run and all(any(p.startswith("place:IQG15") for p in st.places) for st in run)
    # a new list item starts afresh
    forum = [st for st in ex.statements if "Tigris Youth Forum" in {name[s] for s in st.subjects}]
    assert forum and not any(p.startswith("place:IQG15") for st in forum for p in st.places)


def test_the_leaders_of_a_body_made_of_members_are_its_members(x: Extractor) -> None:
    ex = x.extract([(1, "The Protection Alliance of Dohar — a group of NGOs led by the Example Relief Council "
                        "together with the Tigris Aid Council — said the camp would close.")])
    members = _rel(ex, "membership")
    assert {("Example Relief Council", "Protection Alliance of Dohar"),
            ("Tigris Aid Council", "Protection Alliance of Dohar")} <= members
    # leading a programme makes no member of it
    ex = x.extract([(1, "The Dohar Youth Programme is led by the Example Relief Council.")])
    assert not _rel(ex, "membership")


def test_coverage_that_widened_is_the_reach_of_the_body_just_named(x: Extractor) -> None:
    ex = x.extract([(1, "- The Halwan Peace Network was set up in 2018.\n- From 2025 its coverage widened to Kirkuk and Diyala.")])
    name = {k: a.name for k, a in ex.actors.items()}
    grew = [st for st in ex.statements if "widened" in st.quote]
    assert grew and {name[s] for st in grew for s in st.subjects} == {"Halwan Peace Network"}
    assert any(p.startswith("place:IQG13") for st in grew for p in st.places)


def test_a_stated_goal_is_the_aim_of_the_body_just_named_and_is_recommended(x: Extractor) -> None:
    ex = x.extract([(1, "- The Halwan Peace Network was set up in 2018.\n- The declared aim is to reach every "
                        "governorate by 2028.")])
    goal = [st for st in ex.statements if "aim" in st.quote]
    assert goal and all(ex.actors[s].name == "Halwan Peace Network" for st in goal for s in st.subjects)
    assert {st.status for st in goal} == {"recommended"}


def test_a_relative_clause_after_an_apposition_hangs_on_the_body(x: Extractor) -> None:
    ex = x.extract([(1, "It backs the Network of Dohar Mediators (NDM), trained volunteers who since 2009 "
                        "have settled quarrels between clans.")])
    held = [st for st in ex.statements if st.rule == "en.core.relative_clause"]
    assert [ex.actors[s].name for st in held for s in st.subjects] == ["Network of Dohar Mediators"]


def test_what_a_speaker_expects_a_body_to_do_is_that_body_s_recommended_duty(x: Extractor) -> None:
    ex = x.extract([(1, "The Special Envoy expects the Halwan Team to bring two cases before local courts.")])
    held = {ex.actors[s].name: st.status for st in ex.statements if st.kind == "mandate" for s in st.subjects}
    assert held.get("Halwan Team") == "recommended"
