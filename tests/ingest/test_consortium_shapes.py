"""Shapes of partner pages and local news: a consortium listed with its short names in brackets
after a fronted "In a project supported by …", a list of names read as no description of its
first item, local posts ("district commissioner", "the mayor of al-X") and a person who only
reports. Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import holders, names, posts, rels

_CONSORTIUM = ("In a project supported by Orchard Fund (OF) and the Government of Japan, the Delta Centre (DC), "
               "the Lantern Network (LN), and the Rami Foundation (RF) are working together to train teachers in Hit.")



def test_bracketed_short_names_keep_the_list_and_the_fronted_phrase_apart() -> None:
    ex = Extractor().extract([(1, _CONSORTIUM)])
    assert holders(ex, "mandate") == {"Delta Centre", "Lantern Network", "Rami Foundation"}
    assert ("Orchard Fund", "Rami Foundation") in rels(ex, "support")
    assert ("Delta Centre", "Lantern Network") in rels(ex, "partnership")
    assert not any("Orchard Fund" in pair for pair in rels(ex, "partnership"))


def test_partners_in_a_fronted_project_are_the_clause_s_own() -> None:
    ex = Extractor().extract([(1, "In a project supported by the Orchard Fund and the Government of Japan, the Delta "
                                  "Centre and the Lantern Network are working together to train teachers in Hit.")])
    assert rels(ex, "partnership") == {("Delta Centre", "Lantern Network")}


def test_a_list_of_names_is_no_description_of_its_first() -> None:
    ex = Extractor().extract([(1, "The Delta Centre, the Lantern Network and the Rami Foundation train teachers in Hit.")])
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds["Delta Centre"] != "network" and kinds["Lantern Network"] == "network"
    described = Extractor().extract([(1, "The Delta Centre, the local network of teachers, trains teachers in Hit.")])
    assert {a.name: a.kind for a in described.actors.values()}["Delta Centre"] == "network"


def test_an_iraqi_alliance_is_national() -> None:
    ex = Extractor().extract([(1, "The Alliance of Iraqi Engineers and the Lantern Network met in Hit.")])
    levels = {a.name: a.level for a in ex.actors.values()}
    assert levels["Alliance of Iraqi Engineers"] == "national" and levels["Lantern Network"] == "international"


def test_local_posts_of_a_district() -> None:
    cases = {
        "The district commissioner of Khalis, Rami Talabani, said that the council will meet.": "Khalis District",
        "the Deputy commissioner of al-Muqdadiyah, Rami Talabani, said that the council will meet.": "Al-Muqdadiyah District",
        "The mayor of al-Qaim, Rami Talabani, said that the council will meet.": "Al-Qaim District",
        "The district mayor of Khalis, Rami Talabani, said that the council will meet.": "Khalis District",
    }
    for text, body in cases.items():
        got = posts(Extractor().extract([(1, text)]))
        assert {(p, b) for p, _, b in got} == {("Rami Talabani", body)}, text


def test_a_person_who_reports_holds_no_remit() -> None:
    ex = Extractor().extract([(1, "The mayor of Hit, Rami Talabani, spoke on Monday. He added that families left "
                                  "because of the poor security situation that the attacks caused.")])
    assert not {st.kind for st in ex.statements if st.quote.startswith("He ")} & {"mandate", "responsibility", "presence"}
    assert ("Rami Talabani", "Hit District") in {(p, b) for p, _, b in posts(ex)}


def test_a_body_and_its_partners_named_after_it() -> None:
    ex = Extractor().extract([(1, "The Delta Council and its local partners, the Rami Foundation and the Lantern "
                                  "Association, train youth in Hit.")])
    assert {("Delta Council", "Rami Foundation"), ("Delta Council", "Lantern Association")} <= rels(ex, "partnership")


def test_a_hub_inside_an_organisation_s_name_is_no_network() -> None:
    ex = Extractor().extract([(1, "The Iraqi Al Nour Hub Organization and the Gulf Resilience Hub met in Hit.")])
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds["Iraqi Al Nour Hub Organization"] == "ngo" and kinds["Gulf Resilience Hub"] == "network"


def test_a_holder_named_by_a_post_acts_for_the_post_s_body() -> None:
    for text in ("The Minister of Culture, Rami Talabani, signed a memorandum of understanding with the Orchard Fund.",
                 "Rami Talabani, the Governor of Anbar, signed a memorandum of understanding with the Orchard Fund.",
                 "Anbar Governor Rami Talabani signed a memorandum of understanding with the Orchard Fund."):
        got = rels(Extractor().extract([(1, text)]), "partnership")
        assert any(o == "Orchard Fund" and s.startswith(("Ministry of Culture", "Anbar")) for s, o in got), text


def test_a_person_from_a_body_speaks_for_it() -> None:
    ex = Extractor().extract([(1, "Ahlam Karim from the Basra Governorate PVE subcommittee stressed the role of "
                                  "schools.\n\nOmar Saleh of the Dohar Agency opened the session in Basra.")])
    got = {(p, b) for p, _, b in posts(ex)}
    assert ("Ahlam Karim", "Basra Governorate PVE subcommittee") in got and ("Omar Saleh", "Dohar Agency") in got


def test_sub_awardees_are_the_prime_s_partners() -> None:
    ex = Extractor().extract([(1, "The Delta Council runs the project in Hit with sub-awardees the Rami Foundation and "
                                  "the Lantern Association.")])
    assert {("Delta Council", "Rami Foundation"), ("Delta Council", "Lantern Association")} <= rels(ex, "partnership")


def test_an_activity_or_what_befell_a_place_is_no_body() -> None:
    ex = Extractor().extract([(1, "Supporting Prevention of Violent Extremism is a key part of the Orchard Fund's "
                                  "work in Iraq.\n\n\"Diyala has suffered from attacks since 2006.\"\n\n"
                                  "Sinjar and Tel Afar districts have formed committees.")])
    got = set(names(ex).values())
    assert not any(n.startswith("Supporting") or n.startswith("Diyala") for n in got)
    assert {"Sinjar District", "Tel Afar District"} <= got


def test_names_listed_before_a_plural_post_each_hold_it() -> None:
    ex = Extractor().extract([(1, "The session heard Rami Talabani and Omar Qasimi, members of the Delta Council, and "
                                  "the activist Sami Karim.\n\nLayla Hamid, Nour Saleh and Huda Karim, representatives "
                                  "of the Lantern Association, attended in Hit.")])
    got = posts(ex)
    assert {("Rami Talabani", "Member", "Delta Council"), ("Omar Qasimi", "Member", "Delta Council")} <= got
    assert {(p, b) for p, post, b in got if post == "Representative"} == {
        ("Layla Hamid", "Lantern Association"), ("Nour Saleh", "Lantern Association"), ("Huda Karim", "Lantern Association")}
    assert not any(p == "Sami Karim" for p, _, _ in got)


def test_a_post_right_before_a_name_in_a_list_of_those_present_is_his() -> None:
    ex = Extractor().extract([(1, "The University president, KRG Minister of Education Dr Rami Talabani, Netherlands "
                                  "Consul General, and researchers were present.\n\nThe Minister of Culture, Omar "
                                  "Qasimi, the head of the Delta Council, spoke.")])
    got = {(p, b) for p, _, b in posts(ex)}
    assert ("Rami Talabani", "Kurdistan Region Ministry of Education") in got
    assert ("Omar Qasimi", "Delta Council") in got  # a post set off by commas before keeps the apposition's


def test_a_task_given_to_a_body_and_a_body_as_chair_of_another() -> None:
    ex = Extractor().extract([(1, "Responsibility for school curricula lies with the Delta Directorate.\n\n"
                                  "The task of reopening youth centres in Hit was assigned to the Orchard Council.\n\n"
                                  "The Lantern Agency, in its capacity as chair of the Cedar Committee, met in Hit.\n\n"
                                  "Rami Talabani, as head of the Rami Foundation, opened the centre.\n\n"
                                  "The funds were transferred to the Cedar Association.")])
    n = names(ex)
    held = {n[s] for st in ex.statements if st.kind == "responsibility" for s in st.subjects}
    assert {"Delta Directorate", "Orchard Council"} <= held and "Cedar Association" not in held
    assert ("Lantern Agency", "Cedar Committee") in rels(ex, "leadership")
    assert ("Rami Talabani", "Rami Foundation") in {(p, b) for p, _, b in posts(ex)}


def test_a_post_after_a_name_without_commas() -> None:
    ex = Extractor().extract([(1, "\"We opened the centre,\" Rami Talabani the head of the Delta Council in Hit told "
                                  "reporters.\n\nThey met Omar Qasimi the day before.")])
    assert {(p, b) for p, _, b in posts(ex)} == {("Rami Talabani", "Delta Council")}
