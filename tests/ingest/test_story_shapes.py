"""Shapes of human-interest stories and project releases: a person introduced by name and then
by a pronoun ("She is also chairperson of X", "“I am the director of X,” says Nour"), a post
said of the place the story is in ("Name, the city's mayor", "the province's governor, Name"),
"who directs X programs for Y", a reduced passive ("groups supported by X trained …"), support
said as a noun ("The support of X has been instrumental to Y"), an abstract noun before a body
("Trust in CP"), and plural place words ("in several municipalities of X"). Sentences of our
own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import holders, names, posts, rels


def _extract(*paragraphs: str):  # type: ignore[no-untyped-def]
    return Extractor().extract([(1, "\n\n".join(paragraphs))])


def test_a_pronoun_after_a_named_person_gives_that_person_the_post() -> None:
    ex = _extract("Salma Qasimi opened the meeting in Basra. She is also chairperson of the Delta Rights Organization, "
                  "a civil society organisation.")
    assert ("Salma Qasimi", "Chairperson", "Delta Rights Organization") in posts(ex)


def test_i_in_a_quote_is_the_speaker_named_before() -> None:
    ex = _extract("“My name is Nour Haddad. I am the director of the Orchard Youth Centre in Basra,” says Nour.")
    assert ("Nour Haddad", "Director", "Orchard Youth Centre") in posts(ex)
    unnamed = _extract("“I am the director of the Orchard Youth Centre in Basra,” says Nour.")
    assert not posts(unnamed)  # no person named before: nobody holds it


def test_a_post_of_the_place_the_story_is_in() -> None:
    ex = _extract("Tribal leaders in Tal Afar signed a pact last year.",
                  "The signatories are removing barriers to return, said Rami Talabani, the city's mayor.")
    held = {(p, post, body) for p, post, body in posts(ex)}
    assert ("Rami Talabani", "Mayor", "Tal Afar District") in held
    governor = _extract("Families came back to Hit in May.", "The province's governor, Omar Qasimi, welcomed them.")
    assert [(p, post) for p, post, _ in posts(governor)] == [("Omar Qasimi", "Governor")]
    body = next(a for a in governor.actors.values() if a.kind == "local_government")
    assert body.level == "governorate"  # Hit's province, not the district
    nowhere = _extract("The signatories are removing barriers to return, said Rami Talabani, the city's mayor.")
    assert not posts(nowhere)  # no place named: no mayor of anywhere


def test_who_directs_programs_for_a_body_holds_the_post_in_the_body() -> None:
    ex = _extract("“Dialogue works,” said Omar Qasimi, who directs Middle East programs for the Cedar Foundation.")
    assert ("Omar Qasimi", "Director", "Cedar Foundation") in posts(ex)


def test_a_reduced_passive_gives_no_support_to_its_agent() -> None:
    ex = _extract("Local youth groups supported by the Cedar Foundation trained 200 teachers in Hit.")
    assert ("Cedar Foundation", "Local youth groups") in rels(ex, "support")
    assert ("Local youth groups", "Cedar Foundation") not in rels(ex, "support")
    active = _extract("Local youth groups supported the Cedar Foundation in Hit last year.")
    assert ("Local youth groups", "Cedar Foundation") in rels(active, "support")


def test_support_said_as_a_noun_goes_to_the_body_it_was_instrumental_to() -> None:
    ex = _extract("The support of the Lantern Trust has been instrumental to the Orchard Dialogue Programme reaching "
                  "30 villages.")
    assert ("Lantern Trust", "Orchard Dialogue Programme") in rels(ex, "support")
    money = _extract("The funding of the Lantern Trust was crucial for the Orchard Dialogue Programme in Hit.")
    assert ("Lantern Trust", "Orchard Dialogue Programme") in rels(money, "funding")
    assert {a.name: a.kind for a in ex.actors.values()}["Lantern Trust"] == "ngo"


def test_an_abstract_noun_before_a_body_is_no_body() -> None:
    ex = _extract("The Orchard Community Police (OCP) patrol the market. Trust in OCP is strengthened by the fact "
                  "that its officers come from the community.")
    assert not any(n.startswith("Trust") for n in names(ex).values())


def test_plural_place_words_are_places_not_their_governments() -> None:
    ex = _extract("The project relieves tensions in several municipalities of the Diyala governorate.")
    assert not any(a.is_class and a.kind == "local_government" for a in ex.actors.values())
    acting = _extract("Municipalities in Diyala will repair the water networks.")
    assert any(a.is_class and a.kind == "local_government" for a in acting.actors.values())


def test_bodies_inside_a_quoted_project_title_are_its_words() -> None:
    ex = _extract("These are the goals of the “Bridges for youth of minorities in Nineveh and the KRG” project, "
                  "launched in 2014 with funding from the Cedar Foundation.")
    assert not any(a.name == "Kurdistan Regional Government" for a in ex.actors.values())
    assert not any(o == "Kurdistan Regional Government" for _, o in rels(ex, "funding"))


def test_a_heading_s_lead_words_and_a_sector_are_no_body() -> None:
    ex = _extract("Activities of the Orchard Bridges Project during May\n\nThe Orchard Bridges Project is implemented "
                  "in Erbil with the support of the Cedar Foundation.")
    assert "Orchard Bridges Project" in names(ex).values()
    assert not any(n.startswith("Activities") for n in names(ex).values())
    sector = _extract("Sector: Government and Civil Society\n\nCivil Society and Culture\n\nThe Cedar Foundation "
                      "trains journalists in Erbil.")
    assert not any("Civil Society" in n for n in names(sector).values())


def test_a_foundation_named_in_french_or_german_is_an_ngo() -> None:
    ex = _extract("The project was approved by the Fondation Lumière Partagée and the Stiftung Helle Brücke in 2019.")
    kinds = {a.name: a.kind for a in ex.actors.values()}
    assert kinds.get("Fondation Lumière Partagée") == "ngo" and kinds.get("Stiftung Helle Brücke") == "ngo"


def test_a_place_s_name_inside_a_person_s_name_places_nothing() -> None:
    ex = _extract("The director of the Cedar Foundation, Rami Hilla, opened a school.")
    assert ("Rami Hilla", "Director", "Cedar Foundation") in posts(ex)
    assert not any(st.places for st in ex.statements)


def test_the_department_s_head_is_the_head_of_the_department_just_named() -> None:
    ex = _extract("The Orchard Department of Youth announced on Wednesday its support for young people in Basra. "
                  "Rami Talabani, the department's head, told the Lantern News Agency that the budget was small.")
    assert ("Rami Talabani", "Head", "Orchard Department of Youth") in posts(ex)
    assert "Lantern News Agency" not in names(ex).values()  # an outlet reports; it is no body of the field


def test_signing_shapes_of_a_release() -> None:
    ex = _extract("Baghdad- The Cedar Foundation and the Lantern Network have today signed their Orchard Cooperation "
                  "Framework (OCF) for 2025 to 2029.")
    assert {"Cedar Foundation", "Lantern Network"} <= set(names(ex).values())
    assert not any(n.startswith("Baghdad") or n.endswith("Framework") for n in names(ex).values())
    assert not any(st.places for st in ex.statements)  # "Baghdad-": where it was filed
    signed = _extract("The framework was signed by Dr. Rami Talabani, Deputy Prime Minister and Minister of Justice on "
                      "behalf of the Government of Iraq.")
    assert ("Rami Talabani", "Deputy Prime Minister and Minister of Justice", "Ministry of Justice") in posts(signed)


def test_a_name_whose_initials_run_through_a_known_acronym_is_that_body() -> None:
    ex = _extract("The United Nations Fund for Population (UNFPA) opened a youth centre in Basra.")
    assert set(names(ex).values()) == {"United Nations Population Fund"}


def test_headed_by_a_post_and_ranks_before_the_name() -> None:
    ex = _extract("The Delta Command in Basra is currently headed by Deputy Chief of Staff for Operations Lt. Gen. "
                  "Rami Talabani.")
    assert ("Rami Talabani", "Deputy Chief of Staff for Operations", "Delta Command") in posts(ex)
    ranked = _extract("The Delta Command in Basra is headed by Lt. Gen. Rami Talabani.")
    assert ("Rami Talabani", "Head", "Delta Command") in posts(ranked)


def test_a_heading_on_the_status_of_a_body_names_the_body() -> None:
    ex = _extract("Legislating the Status of the Delta Guard Forces\n\nThe Delta Guard Forces report to the "
                  "Lantern Council in Basra.")
    assert not any(n.startswith("Status") for n in names(ex).values())



def test_a_list_of_ministries_that_opens_the_sentence_acts_together() -> None:
    ex = _extract("The ministries of Justice, Finance and Planning will share data with the Lantern Council.")
    assert all(f"Ministry of {field}" in holders(ex) for field in ("Justice", "Finance", "Planning"))
    repeated = _extract("The Ministries of Justice and of Planning reviewed the draft with the Lantern Council.")
    assert {"Ministry of Justice", "Ministry of Planning"} <= holders(repeated)


def test_the_region_s_ministries_are_the_region_s_own() -> None:
    ex = _extract("The KRG ministries of Interior and Education signed the plan with the Cedar Foundation.")
    regional = {a.name for a in ex.actors.values() if a.kind == "ministry" and a.level == "regional"}
    assert regional == {"Kurdistan Region Ministry of Interior", "Kurdistan Region Ministry of Education"}
    assert holders(ex) == regional


def test_governorates_listed_as_actors_are_their_governments_but_not_where_something_is() -> None:
    ex = _extract("The governorates of Basra, Maysan and Dhi Qar agreed to open youth centres.")
    assert {"Basra Governorate", "Maysan Governorate", "Dhi Qar Governorate"} <= holders(ex)
    where = _extract("The Cedar Foundation opened youth centres in the districts of Hit, Ramadi and Fallujah.")
    assert not any(a.kind == "local_government" for a in where.actors.values())


def test_memorandum_release_shapes() -> None:
    ex = _extract("Lantern News/ Iraq and the Cedar Foundation have today signed a memorandum in Basra.")
    assert not any("News" in n for n in names(ex).values())
    signed = _extract("The Cedar Foundation and Iraqi Ministry of Justice (MoJ) have today signed a memorandum.")
    assert ("Cedar Foundation", "Ministry of Justice") in rels(signed, "partnership")
    assert "Iraqi Ministry of Justice" not in names(signed).values()  # the ministry of the registry
    framework = _extract("The Orchard Cooperation Framework (OCF) will be carried out with the Lantern Trust. "
                         "According to the Delta Statistics Organization, the OCF covers Basra.")
    assert {"Lantern Trust", "Delta Statistics Organization"} == set(names(framework).values())


def test_a_governor_for_a_remit_is_the_governor_of_the_place_the_sentence_is_in() -> None:
    ex = _extract("Deputy Governor for Technical Affairs Omar Qasimi opened the workshop in Hit.")
    assert [(p, post) for p, post, _ in posts(ex)] == [("Omar Qasimi", "Deputy Governor for Technical Affairs")]
    body = next(a for a in ex.actors.values() if a.kind == "local_government")
    assert body.level == "governorate" and body.place == "place:IQG01"


def test_an_occupation_before_a_name_opens_a_person_s_name_not_a_body_s() -> None:
    from ingest.phrases import names_a_post

    # what the tagger may offer as an organisation ("Activist Name Name told …") names a person
    assert all(names_a_post([title, "Rami", "Talabani"]) for title in ("Activist", "Journalist", "Hajj", "Father"))
    assert not names_a_post(["Lantern", "Activist", "Network"])


def test_a_state_s_high_commission_is_that_state() -> None:
    ex = _extract("The British High Commission funded the Cedar Foundation in Basra.")
    assert ("Government of the United Kingdom", "Cedar Foundation") in rels(ex, "funding")
