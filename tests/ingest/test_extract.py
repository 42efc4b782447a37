"""The extraction and identity rules on short texts written for these tests (real stores, no gold)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.service import open_dalil


@pytest.fixture
def ingest_text() -> Iterator[Any]:
    """Ingest one Markdown text into a fresh embedded store; returns the snapshot."""
    with tempfile.TemporaryDirectory() as tmp, open_dalil(home=Path(tmp) / "home") as d:

        def run(text: str, name: str = "doc.md") -> Any:
            f = Path(tmp) / name
            f.write_text(text, encoding="utf-8")
            rep = d.ingest([f])
            assert rep[0].status == "ingested", rep
            return d.snapshot()

        yield run


def _by_name(snap: Any, name: str) -> dict[str, Any]:
    hits = [a for a in snap.actors.values() if name == a["name"] or name in a["aliases"]]
    assert len(hits) == 1, (name, [a["name"] for a in snap.actors.values()])
    return hits[0]


def _statements(snap: Any, actor: str) -> list[Any]:
    return [s for s in snap.statements.values() if actor in s.subjects]


def _quotes(snap: Any, name: str) -> list[str]:
    """The quotes of the statements the body named NAME holds."""
    return [s.quote for s in _statements(snap, _by_name(snap, name)["id"])]


def test_status_of_shall_may_should(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nThe Basra Coordination Council shall coordinate the plan. The Basra Coordination Council "
        "may form working groups. The Basra Coordination Council should publish a yearly report.\n"
    )
    council = _by_name(snap, "Basra Coordination Council")
    statuses = {s.quote.split()[4]: s.status for s in _statements(snap, council["id"])}
    assert statuses == {"shall": "established", "may": "option", "should": "recommended"}


def test_bodies_that_share_words_stay_apart_and_acronyms_join(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Note\n\nThe Ministry of Labour and the Ministry of Interior signed a protocol. The Karbala Youth "
        "Forum (KYF) trains volunteers in Karbala. KYF also runs a radio show.\n"
    )
    assert _by_name(snap, "Ministry of Interior")["id"] != _by_name(snap, "Ministry of Labour")["id"]
    kyf = _by_name(snap, "Karbala Youth Forum")
    assert "KYF" in kyf["aliases"]
    assert any("acronym" in m for m in kyf["merges"])  # the merge log says why
    assert len(_statements(snap, kyf["id"])) == 2


def test_units_are_part_of_their_organisation_and_country_offices_are_aliases(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Update\n\nThe United Nations Development Programme (UNDP) works in Basra. UNDP Iraq opened a "
        "field office in Zubair. UNDP's Local Peace Programme trains mediators in Basra. The Community Police "
        "Directorate of the Ministry of Interior runs patrols in Basra.\n"
    )
    undp = _by_name(snap, "United Nations Development Programme")
    assert "UNDP Iraq" in undp["aliases"]
    unit = _by_name(snap, "Local Peace Programme")
    assert snap.units.get(unit["id"]) == undp["id"]
    directorate = _by_name(snap, "Community Police Directorate")
    assert snap.units.get(directorate["id"]) == _by_name(snap, "Ministry of Interior")["id"]


def test_classes_are_identified_by_what_they_reach(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Strategy\n\nLocal governments may establish CVE subcommittees. City and district governments "
        "should adopt local action plans. Tel Kaif District has formed its subcommittee.\n"
    )
    classes = [a for a in snap.actors.values() if a["is_class"] and a["kind"] == "local_government"]
    assert len(classes) == 1, classes
    tel_kaif = _by_name(snap, "Tel Kaif District")
    assert classes[0]["id"] in snap.classes_of(tel_kaif["id"])


def test_places_that_act_are_their_local_governments(ingest_text: Any) -> None:
    snap = ingest_text("# Progress\n\nSinjar and Tel Afar districts have appointed CVE focal points.\n")
    names = {a["name"] for a in snap.actors.values() if a["kind"] == "local_government" and not a["is_class"]}
    assert {"Sinjar District", "Tel Afar District"} <= names


def test_hereafter_and_anaphora_resolve_within_the_document(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Order\n\nThe Diyala Governorate CVE Subcommittee (hereafter “the Subcommittee”) was formed in 2023. "
        "The Subcommittee shall meet monthly. It shall report to the National Committee for Countering "
        "Violent Extremism.\n"
    )
    sub = _by_name(snap, "Diyala Governorate CVE Subcommittee")
    quotes = " ".join(s.quote for s in _statements(snap, sub["id"]))
    assert "meet monthly" in quotes and "It shall report" in quotes
    assert not [a for a in snap.actors.values() if a["name"] == "Subcommittee"]


def test_arabic_names_resolve_to_their_english_nodes(ingest_text: Any) -> None:
    snap = ingest_text(
        "# تقرير\n\nتدعم المنظمة الدولية للهجرة (IOM) الأسر العائدة في الرمادي. وتتولى مديرية تربية الأنبار "
        "إعادة الأطفال إلى المدارس. يجوز للحكومات المحلية تشكيل لجان للمصالحة. يوصى بأن تنشر مديرية تربية "
        "الانبار تقريراً سنوياً.\n\nIn English: the Anbar Directorate of Education reopened twelve schools.\n"
    )
    iom = _by_name(snap, "International Organization for Migration")
    assert any("IOM" in m or "acronym" in m for m in iom["merges"]) or "المنظمة الدولية للهجرة" in iom["aliases"]
    directorate = [a for a in snap.actors.values() if "مديرية تربية الأنبار" in [a["name"], *a["aliases"]]
                   or a["name"] == "Anbar Directorate of Education"]
    assert len({a["id"] for a in directorate}) == 1, directorate  # Arabic, its variant and English: one node
    sts = _statements(snap, directorate[0]["id"])
    assert {"established", "recommended"} <= {s.status for s in sts}
    locals_ = [a for a in snap.actors.values() if a["is_class"] and a["kind"] == "local_government"]
    assert locals_ and any(s.status == "option" for s in _statements(snap, locals_[0]["id"]))


def test_persons_and_posts_in_both_scripts(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Minutes\n\nHana Jabbar Al-Saadi, Chair, Karbala Youth Forum opened the meeting.\n\n"
        "حنان جبار الساعدي، رئيسة منتدى شباب كربلاء\n"
    )
    persons = [a for a in snap.actors.values() if a["kind"] == "person"]
    assert len(persons) == 1, persons
    posts = [s for s in snap.statements.values() if s.kind == "post" and persons[0]["id"] in s.subjects]
    assert posts and any(s.post == "Chair" for s in posts)


def test_memberships_from_member_lists_and_chairs(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Coordination\n\nA Basra Peace Committee, co-chaired by the Basra Youth Forum and the Ministry of Planning, "
        "meets monthly. The Shatt Al-Arab Association and the Zubair Women's Network are both members of the Basra "
        "Civil Society Forum.\n"
    )
    members = {(snap.actors[s]["name"], snap.actors[o]["name"]) for st in snap.statements.values()
               if st.kind == "membership" for s in st.subjects for o in st.objects}
    assert ("Basra Youth Forum", "Basra Peace Committee") in members
    assert ("Ministry of Planning", "Basra Peace Committee") in members
    assert ("Zubair Women's Network", "Basra Civil Society Forum") in members
    assert ("Shatt Al-Arab Association", "Basra Civil Society Forum") in members


def test_only_bodies_the_text_names_are_kept(ingest_text: Any) -> None:
    """A registry name inside a longer name ("Sunni Endowment" in "Sunni Endowment Directorate
    in Basra") is no mention of the registry body; a place after "in" is no local government."""
    snap = ingest_text(
        "# Plan\n\nThe Sunni Endowment Directorate in Basra shall train imams. Outreach covers the "
        "sub-districts in Zubair District. The Basra Governorate Local Action Plan sets targets.\n"
    )
    names = {a["name"] for a in snap.actors.values()}
    assert "Sunni Endowment Directorate" in names
    assert not any(n.startswith("Sunni Endowment Office") for n in names), names
    assert not any("Zubair" in n for n in names), names
    assert "Basra Governorate" not in names


def test_places_acting_after_a_semicolon(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nDistrict governments may form committees. Sinjar and Hamdaniya districts have formed "
        "committees; Tel Kaif and Tel Afar have appointed focal points.\n"
    )
    acting = {a["name"] for s in snap.statements.values() for a in [snap.actors[x] for x in s.subjects]}
    assert {"Sinjar District", "Hamdaniya District", "Tel Kaif District", "Tel Afar District"} <= acting


def test_a_class_that_is_supervised_is_kept_one_named_in_passing_is_not(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nThe Karbala Peace Council supervises all governorate subcommittees. "
        "The Karbala Peace Council works in collaboration with CSOs.\n"
    )
    classes = {a["name"].lower() for a in snap.actors.values() if a["is_class"]}
    assert any("subcommittees" in c for c in classes), classes
    assert not any("cso" in c or "civil" in c for c in classes), classes


def test_branch_of_a_ministry_is_its_own_unit_in_both_scripts(ingest_text: Any) -> None:
    ingest_text("# Plan\n\nThe Basra branch of the Ministry of Migration and Displacement shall register returnees.\n")
    snap = ingest_text("# خطة\n\nيتولى فرع وزارة الهجرة والمهجرين في البصرة تسجيل العائدين.\n", name="ar.md")
    ministry = _by_name(snap, "Ministry of Migration and Displacement")
    en = _by_name(snap, "Basra branch of the Ministry of Migration and Displacement")
    ar = _by_name(snap, "فرع وزارة الهجرة والمهجرين في البصرة")
    for unit in (en, ar):
        assert unit["id"] != ministry["id"]
        assert snap.units.get(unit["id"]) == ministry["id"]
        assert unit["kind"] == "unit"


def test_office_of_a_post_and_slash_names_are_bodies(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Update\n\nThe Office of the Basra Peace Envoy chairs the P/CVE Steering Group. "
        "Ahmed Ali Hassan, Coordinator, Basra Youth Forum, spoke.\n"
    )
    names = {a["name"] for a in snap.actors.values()}
    assert "Office of the Basra Peace Envoy" in names
    assert "P/CVE Steering Group" in names
    assert "Coordinator" not in names and not any(n.endswith(" Coordinator") for n in names)


def test_a_place_described_is_no_body_and_district_governments_meet_across_scripts(ingest_text: Any) -> None:
    snap = ingest_text("# Note\n\nReturns grew in Anbar; Rutba has no psychosocial services at all.\n")
    assert not any("Rutba" in a["name"] for a in snap.actors.values())
    ingest_text("# Note\n\nSinjar and Fallujah districts have formed CVE committees to engage youth.\n", name="en.md")
    snap = ingest_text("# ملاحظة\n\nشكّلت قائمقامية الفلوجة لجنة محلية للمصالحة.\n", name="ar.md")
    fallujah = _by_name(snap, "Fallujah District")
    assert "قائمقامية الفلوجة" in fallujah["aliases"]  # one node, the Arabic name recorded on it


def test_a_definite_singular_is_the_body_not_the_class(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nThe Basra Governorate CVE Subcommittee (hereafter “the Governorate CVE Subcommittee”) "
        "meets monthly. The NCCVE supervises all governorate subcommittees. The Governorate CVE "
        "Subcommittee shall keep a register of projects.\n"
    )
    body = _by_name(snap, "Basra Governorate CVE Subcommittee")
    classes = [a for a in snap.actors.values() if a["is_class"]]
    assert classes and all("Governorate CVE Subcommittee" not in a["aliases"] for a in classes)
    assert any("register" in s.quote for s in _statements(snap, body["id"]))


def test_arabic_holder_after_a_modal_with_attached_preposition(ingest_text: Any) -> None:
    """"ينبغي لمستشارية الأمن القومي …": the body after the attached ل is the holder."""
    snap = ingest_text(
        "# توصيات\n\nينبغي لمستشارية الأمن القومي تسريع التدقيق الأمني وإبلاغ اللجنة الوطنية لمكافحة التطرف العنيف بالنتائج.\n"
    )
    rec = [s for s in snap.statements.values() if s.status == "recommended"]
    assert rec, [s.quote for s in snap.statements.values()]
    holders = {snap.actors[x]["name"] for s in rec for x in s.subjects}
    assert any("Security" in h for h in holders), holders
    assert not any("Countering" in h for h in holders), holders


def _rels(snap: Any, kind: str) -> set[tuple[str, str]]:
    return {(snap.actors[s]["name"], snap.actors[o]["name"]) for st in snap.statements.values()
            if st.kind == kind for s in st.subjects for o in st.objects}


def _located(snap: Any, name: str) -> set[str]:
    body = _by_name(snap, name)["id"]
    return {p for st in snap.statements.values() if st.kind == "presence" and body in st.subjects for p in st.places}


def test_funders_listed_with_acronyms_possessives_and_grants(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Update\n\nThe Najaf Recovery Programme is funded by the Nordic Peace Fund (NPF), the Government of "
        "Ruritania and the Lakeside Foundation. The Karbala Trust funds the Najaf Youth Forum's Mentoring Unit and "
        "the Kufa Women Association's literacy project. The Kufa Women Association has also received a Karbala Trust "
        "small grant for reading circles.\n\n## Other\n\nThe project is funded by the Amber Foundation.\n"
    )
    funding = _rels(snap, "funding")
    for funder in ("Nordic Peace Fund", "Government of Ruritania", "Lakeside Foundation"):
        assert (funder, "Najaf Recovery Programme") in funding
    assert ("Karbala Trust", "Mentoring Unit") in funding  # the unit, not its owner
    assert ("Karbala Trust", "Najaf Youth Forum") not in funding
    assert ("Karbala Trust", "Kufa Women Association") in funding
    # after a heading, "the project" has no antecedent: nothing is guessed
    assert not [f for f in funding if f[0] == "Amber Foundation"]


def test_project_sentences_speak_of_the_previous_subject(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Update\n\nThe Basra Youth Forum runs a mentoring scheme in Zubair. The project is implemented by the "
        "Shatt Peace Association (SPA), a Basra-based organisation, and is funded by the Lakeside Foundation. "
        "No partner of the Basra Youth Forum works in Fao.\n"
    )
    partners = _rels(snap, "partnership")
    assert ("Basra Youth Forum", "Shatt Peace Association") in partners
    assert ("Lakeside Foundation", "Basra Youth Forum") in _rels(snap, "funding")
    assert "place:IQG02" in _located(snap, "Shatt Peace Association")
    assert len([p for p in partners if "Basra Youth Forum" in p]) == 1  # "No partner of ..." states none


def test_members_through_of_which_take_part_and_lists(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Structure\n\nThe Karbala Coordination Council chairs the Karbala Relief Committee, of which the Karbala "
        "Youth Forum and the Husseiniya Women Association are members.\n\nThe Najaf Recovery Programme started in 2024. "
        "Two organisations take part: the Najaf Youth Forum and the Kufa Peace Association. Young people take part in "
        "the Najaf Sports Forum's activities.\n\nThe Najaf Relief Committee comprises:\n\n1. the Najaf Health "
        "Directorate\n2. the Najaf Police Command\n"
    )
    members = _rels(snap, "membership")
    assert ("Karbala Youth Forum", "Karbala Relief Committee") in members
    assert ("Husseiniya Women Association", "Karbala Relief Committee") in members
    assert ("Karbala Coordination Council", "Karbala Relief Committee") not in members
    assert ("Najaf Youth Forum", "Najaf Recovery Programme") in members
    assert ("Kufa Peace Association", "Najaf Recovery Programme") in members
    assert not [m for m in members if m[1] == "Najaf Sports Forum"]  # no body takes part: nothing guessed
    assert ("Najaf Health Directorate", "Najaf Relief Committee") in members
    assert ("Najaf Police Command", "Najaf Relief Committee") in members


def test_partners_through_verbs_relative_clauses_and_tables(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Partners\n\nThe Basra Literacy Centre works on media literacy with the Basra Directorate of Education. "
        "The Fao Youth Association runs reading circles with children in Fao, and the Zubair Peace Council hosts them. "
        "The Shatt Women Network, which meets every month with the Basra Peace Council, trains mediators.\n\n"
        "| Project | Lead | Implementing partner | Funder |\n| --- | --- | --- | --- |\n"
        "| Reading Circles | Basra Literacy Centre | Fao Youth Association | Lakeside Foundation |\n"
    )
    partners = _rels(snap, "partnership")
    assert ("Basra Literacy Centre", "Basra Directorate of Education") in partners
    assert ("Shatt Women Network", "Basra Peace Council") in partners
    assert not [p for p in partners if "Zubair Peace Council" in p]  # "with children": no body after "with"
    assert ("Basra Literacy Centre", "Fao Youth Association") in partners  # the table row
    assert ("Lakeside Foundation", "Basra Literacy Centre") in _rels(snap, "funding")
    assert ("Lakeside Foundation", "Fao Youth Association") not in _rels(snap, "funding")


def test_branches_are_units_of_their_ministry(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Committee\n\nThe Basra Relief Committee meets monthly. Its members are the Basra Health Directorate and "
        "the Basra branch of the Ministry of Migration and Displacement.\n"
    )
    branch = _by_name(snap, "Basra branch of the Ministry of Migration and Displacement")
    ministry = _by_name(snap, "Ministry of Migration and Displacement")
    assert snap.units.get(branch["id"]) == ministry["id"]
    assert ("Basra branch of the Ministry of Migration and Displacement", "Basra Relief Committee") in _rels(snap, "membership")
    assert ("Ministry of Migration and Displacement", "Basra Relief Committee") not in _rels(snap, "membership")


def test_arabic_members_branches_and_paragraph_subjects(ingest_text: Any) -> None:
    snap = ingest_text(
        "# تقرير\n\nشُكّلت لجنة التنسيق في البصرة عام 2023. وتضم اللجنة في عضويتها مديرية تربية البصرة، وفرع وزارة "
        "الهجرة والمهجرين في البصرة.\n\n**جمعية النخيل للتنمية.** منظمة محلية مقرها البصرة، تقدم دروساً للشباب "
        "بتمويل من مؤسسة الرافدين للسلام، وهي عضو في شبكة شباب البصرة.\n"
    )
    members = {(s, o) for st in snap.statements.values() if st.kind == "membership"
               for s in st.subjects for o in st.objects}
    committee = _by_name(snap, "لجنة التنسيق في البصرة")["id"]
    branch = _by_name(snap, "فرع وزارة الهجرة والمهجرين في البصرة")["id"]
    assert (_by_name(snap, "مديرية تربية البصرة")["id"], committee) in members
    assert (branch, committee) in members
    assert snap.units.get(branch) == _by_name(snap, "Ministry of Migration and Displacement")["id"]
    assoc = _by_name(snap, "جمعية النخيل للتنمية")["id"]
    network = _by_name(snap, "شبكة شباب البصرة")["id"]
    assert (assoc, network) in members and (network, assoc) not in members  # "وهي عضو في": she is the member
    assert "place:IQG02" in _located(snap, "جمعية النخيل للتنمية")
    funding = {(s, o) for st in snap.statements.values() if st.kind == "funding" for s in st.subjects for o in st.objects}
    assert (_by_name(snap, "مؤسسة الرافدين للسلام")["id"], assoc) in funding


def test_mixed_case_acronyms_are_found_lower_case_words_are_not(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Note\n\nThe Karbala Heritage Office (KaHO) shall train guides for youth. KaHO shall also run a "
        "museum for schools. Kaho shall be a word here.\n"
    )
    quotes = _quotes(snap, "Karbala Heritage Office")
    assert any("museum" in q for q in quotes), quotes
    assert not any("word here" in q for q in quotes), quotes


def test_reported_drivers_not_project_tables_nor_the_district_word(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Update\n\nHate speech online was also reported in Tarmiyah.\n\n"
        "| Project | Lead | Funder |\n|---|---|---|\n| Media against hate speech and recruitment | UNESCO | EU |\n"
    )
    claims = [s for s in snap.claims if s.kind == "driver"]
    assert any("driver:hate_speech" in s.concepts and "reported" in s.quote for s in claims), claims
    assert not any("|" in s.quote or "Project" in s.quote for s in claims), [s.quote for s in claims]
    snap = ingest_text("# تقرير\n\nمن أبرز الدوافع: يعاني القضاء ضعف الخدمات الأساسية.\n", name="ar.md")
    got = {c for s in snap.claims if s.kind == "driver" for c in s.concepts}
    assert "driver:lack_of_basic_services" in got and "driver:weak_rule_of_law" not in got, got


def test_place_words_inside_a_name_are_not_where_it_works(ingest_text: Any) -> None:
    """"جمعية الفرات للتنمية والسلام" names two sub-districts (الفرات، السلام) that are words
    of its name; the place after "في" is where it works."""
    snap = ingest_text("# تقرير\n\nتنفذ جمعية الفرات للتنمية والسلام جلسات حوار للشباب في الفلوجة، "
                       "وهي عضو في شبكة منظمات المجتمع المدني في الفلوجة.\n")
    st = [s for s in snap.statements.values() if "جلسات" in s.quote]
    assert st
    gaz_names = {p for s in st for p in s.places}
    assert gaz_names and all(snap.place_match(p, "place:IQG01Q01") for p in gaz_names), gaz_names


def test_a_request_a_body_may_make_is_an_option(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\n1. The Basra Coordination Council may nominate focal points, and can request support "
        "for youth programmes.\n2. The Basra Coordination Council is requested to publish a report on youth.\n"
    )
    council = _by_name(snap, "Basra Coordination Council")
    status = {("nominate" in s.quote): s.status for s in _statements(snap, council["id"])}
    assert status == {True: "option", False: "recommended"}, status


def test_a_proposal_noun_is_no_recommendation(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nCivil society organisations in Basra may submit project proposals on youth to the Basra "
        "Coordination Council. The Basra Coordination Council shall review each proposal on youth within 30 days.\n"
    )
    council = _by_name(snap, "Basra Coordination Council")
    assert {s.status for s in _statements(snap, council["id"]) if "review" in s.quote} == {"established"}


def test_each_table_row_is_read_with_its_header_alone(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Projects\n\n"
        "| Project | Lead | Implementing partner | Places | Funder |\n|---|---|---|---|---|\n"
        "| Youth Jobs | Basra Youth Forum | Shatt Al-Arab Association | Zubair | Government of Japan |\n"
        "| Clinics for Returnees | Najaf Health Council | Kufa Relief Society | Kufa | European Union |\n"
    )
    rows = [s for s in snap.statements.values() if "|" in s.quote]
    assert rows and all(s.quote.count("\n") == 0 for s in rows)  # one row, one quote
    by = {snap.actors[x]["name"]: s for s in rows if s.kind == "funding" for x in s.subjects}
    assert set(by) == {"Government of Japan", "European Union"}
    japan, eu = by["Government of Japan"], by["European Union"]
    assert {snap.actors[o]["name"] for o in japan.objects} == {"Basra Youth Forum"}
    assert japan.places and eu.places and not set(japan.places) & set(eu.places)
    assert "Clinics" not in japan.quote and "Youth Jobs" not in eu.quote


def test_a_specific_driver_absorbs_the_general_one_it_contains(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Findings\n\nThe main drivers are displaced families lacking basic services in camps near Basra.\n\n"
        "Another driver is weak basic services in areas of return.\n"
    )
    by_quote = {s.quote.split()[1]: set(s.concepts) for s in snap.claims if s.kind == "driver"}
    assert "driver:displacement_without_services" in by_quote["main"]
    assert "driver:lack_of_basic_services" not in by_quote["main"], by_quote
    assert "driver:lack_of_basic_services" in by_quote["driver"], by_quote


def test_arabic_dropped_subject_continues_only_after_kama(ingest_text: Any) -> None:
    snap = ingest_text(
        "# مهام\n\nتتولى مديرية تربية البصرة متابعة التسرب من المدارس. كما تتولى إعداد تقرير شهري عن الشباب.\n\n"
        "ويعاني القضاء ضعف الخدمات الأساسية.\n",
        name="ar.md",
    )
    quotes = _quotes(snap, "مديرية تربية البصرة")
    assert any("تقرير شهري" in q for q in quotes), quotes
    assert not any("يعاني" in q for q in quotes), quotes


def test_the_body_a_recommendation_is_addressed_to_holds_it(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nThe Basra Coordination Council proposes that the Basra Women's Department lead a mediation "
        "network for youth. The Basra Coordination Council requested funding for youth centres.\n"
    )
    dept = _by_name(snap, "Basra Women's Department")
    council = _by_name(snap, "Basra Coordination Council")
    mediation = [s for s in snap.statements.values() if "mediation" in s.quote and s.kind in ("mandate", "responsibility")]
    assert mediation and all(s.subjects == [dept["id"]] and s.status == "recommended" for s in mediation)
    assert any("funding" in s.quote for s in _statements(snap, council["id"]))  # no body after: stays


def test_a_second_clause_with_its_own_holder(ingest_text: Any) -> None:
    snap = ingest_text(
        "# Plan\n\nThe Basra Coordination Council shall coordinate youth work; the Basra Youth Forum shall run "
        "sports clubs for youth. The Basra Coordination Council met the Basra Youth Forum; the press attended.\n"
    )
    quotes = _quotes(snap, "Basra Youth Forum")
    assert any("sports clubs" in q for q in quotes), quotes
    assert not any("press attended" in q for q in quotes), quotes  # no duty verb after it: not a holder
    snap = ingest_text(
        "# خطة\n\nتتولى مديرية تربية البصرة متابعة التسرب من المدارس، وتتولى دائرة صحة البصرة تقديم الدعم النفسي.\n",
        name="ar.md",
    )
    health = _by_name(snap, "دائرة صحة البصرة")
    assert any("الدعم النفسي" in s.quote for s in _statements(snap, health["id"]))


def test_no_provider_here_is_a_need_in_both_scripts(ingest_text: Any) -> None:
    snap = ingest_text("# Gaps\n\nThere is no provider of psychosocial support in Rutba.\n")
    assert any(s.kind == "need" and "theme:psychosocial_support" in s.concepts for s in snap.claims), \
        [(s.kind, s.concepts) for s in snap.claims]
    snap = ingest_text("# الفجوات\n\n- لا توجد أي جهة تقدم خدمات الدعم النفسي والاجتماعي في قضاء الرطبة.\n", name="ar.md")
    assert any(s.kind == "need" and "theme:psychosocial_support" in s.concepts and "الرطبة" in s.quote for s in snap.claims)


def test_a_local_plan_speaks_for_its_own_governorate(ingest_text: Any) -> None:
    """A sentence that names no place applies where the document's title says (a governorate's
    plan), not to all of Iraq; a national report keeps the country."""
    snap = ingest_text("# Karbala Governorate Local Action Plan\n\nDistrict governments may form CVE committees for youth.\n")
    st = [s for s in snap.statements.values() if "District governments" in s.quote]
    assert st and all(s.places == ["place:IQG12"] for s in st), [s.places for s in st]
    snap = ingest_text("# National report on youth\n\nMinistries should support youth centres.\n", name="n.md")
    st = [s for s in snap.statements.values() if "youth centres" in s.quote]
    assert st and all(s.places == ["place:IQ"] for s in st), [s.places for s in st]
