"""Shapes of names in real prose: numbers in names, units of a body, posts before "of", cut
names, generic classes that act, Arabic descriptions that name no body. Sentences are our own."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _names(ex: Extraction) -> set[str]:
    return {a.name for a in ex.actors.values()}


def _by_name(ex: Extraction, name: str) -> str:
    return next(k for k, a in ex.actors.items() if a.name == name)


def test_a_number_ending_a_name_is_part_of_it(x: Extractor) -> None:
    ex = x.extract([(1, "Members of the Coalition 2250 met the Working Team for Resolution 2250 in Erbil.")])
    names = _names(ex)
    assert "Coalition 2250" in names and "Working Team for Resolution 2250" in names
    assert not any(n.startswith("Members") for n in names)


def test_a_date_before_a_body_is_no_part_of_its_name(x: Extractor) -> None:
    ex = x.extract([(1, "The Monitoring Team was set up by the Peace Fund. From 3 June 2021 the Team visited Basra.")])
    assert not any("2021" in n for n in _names(ex))


def test_the_board_of_a_named_fund_is_a_unit_of_it(x: Extractor) -> None:
    ex = x.extract([(1, "Dana Rowe, who chairs the Harbour Fund's Governing Board, welcomed the grants.")])
    board = ex.actors[_by_name(ex, "Harbour Fund Governing Board")]
    assert board.parent == _by_name(ex, "Harbour Fund")
    assert "Governing Board" not in _names(ex)  # a generic name alone would join every board


def test_a_secretariat_of_a_network_is_a_unit_and_the_network_stays(x: Extractor) -> None:
    ex = x.extract([(1, "The Secretariat of the Delta Youth Network convenes the monthly meeting.")])
    unit = ex.actors[_by_name(ex, "Secretariat of the Delta Youth Network")]
    assert unit.parent == _by_name(ex, "Delta Youth Network")


def test_a_post_before_of_names_a_person_s_place_not_a_body(x: Extractor) -> None:
    ex = x.extract([(1, "Omar Hadi, General Director of the Licensing Directorate, met the Chief of the Riverside Team.")])
    names = _names(ex)
    assert "Licensing Directorate" in names and "Riverside Team" in names
    assert not any(n.startswith(("General Director", "Chief")) for n in names)


def test_a_name_cut_short_joins_the_full_name(x: Extractor) -> None:
    text = ("Report of the Joint Mission to Support Recovery for Southern\n\n"
            "The Joint Mission to Support Recovery for Southern Towns visited Basra. "
            "The Joint Mission will report in May.")
    ex = x.extract([(1, text)])
    missions = [n for n in _names(ex) if "Joint Mission" in n]
    assert missions == ["Joint Mission to Support Recovery for Southern Towns"]


def test_classes_that_act_are_bodies_and_mere_mentions_are_not(x: Extractor) -> None:
    ex = x.extract([(1, "Provincial officials, donors and UN agencies also take part in the talks. "
                        "Community-based organisations help through hearings. "
                        "The plan was discussed with universities. "
                        "The programme relies on support offered by international organisations.")])
    low = {n.lower() for n in _names(ex)}
    assert {"donors", "un agencies", "community-based organisations"} <= low
    assert "universities" not in low and "international organisations" not in low


def test_arabic_descriptions_name_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "وستخضع العوائل لبرنامج خاص قبل عودتها، بالتنسيق مع 11 منظمة داخل مركز الإيواء. "
                        "وعقدت مديرية التربية في البصرة اجتماعاً.")])
    names = _names(ex)
    assert not any(n.startswith(("برنامج خاص", "منظمة داخل")) for n in names)
    assert any(n.startswith("مديرية التربية") for n in names)


def test_an_arabic_branch_of_the_ministry_just_named_carries_that_ministry(x: Extractor) -> None:
    text = ("أعلنت وزارة الهجرة والمهجرين عودة 300 عائلة.\n\n"
            "وقال مدير فرع الوزارة في البصرة سامر يوسف إن العوائل وصلت.")
    ex = x.extract([(1, text)])
    branch = next(a for a in ex.actors.values() if a.name.startswith("فرع"))
    assert "وزارة الهجرة والمهجرين" in branch.name and branch.parent
    assert ex.actors[branch.parent].name != "الوزارة"
    assert "الوزارة" not in _names(ex)


def test_a_verb_of_saying_before_an_arabic_name_is_no_part_of_it(x: Extractor) -> None:
    ex = x.extract([(1, "قالت سلمى ناصر، مديرة المركز الوطني للإغاثة في وزارة الصحة، إن العمل مستمر.")])
    posts = [s for s in ex.statements if s.kind == "post"]
    assert [ex.actors[s.subjects[0]].name for s in posts] == ["سلمى ناصر"]
    assert posts[0].rule == "ar.person.name_post_body"


def test_an_arabic_minister_keeps_the_first_letter_of_his_title(x: Extractor) -> None:
    ex = x.extract([(1, "وأكد وزير الصحة سامر يوسف أن الخطة جاهزة.")])
    post = next(s for s in ex.statements if s.kind == "post")
    assert post.post.startswith("وزير")


def test_an_arabic_name_ends_before_an_indefinite_word_after_a_region(x: Extractor) -> None:
    ex = x.extract([(1, "وأكد المتحدث أن حكومة كوردستان حريصة على تنفيذ فقرات الخطة.")])
    assert not any("حريصة" in n for n in _names(ex))


def test_what_an_arabic_speaker_reports_is_said_of_the_body_after_an(x: Extractor) -> None:
    ex = x.extract([(1, "وأكد وزير الصحة سامر يوسف أن حكومة كوردستان حريصة على تنفيذ فقرات الخطة.")])
    mandate = next(s for s in ex.statements if s.kind == "mandate")
    assert [ex.actors[k].name for k in mandate.subjects] == ["Kurdistan Regional Government"]


def test_arabic_bodies_named_in_quotes_after_their_head(x: Extractor) -> None:
    ex = x.extract([(1, "وجرى تنفيذ المشروع بالتنسيق مع منظمات أهلية، منها منظمتا «نور» (Noor) و«أمل» (Amal).")])
    assert {"Noor", "Amal"} <= _names(ex)


def test_an_arabic_name_stops_before_an_act_on_it(x: Extractor) -> None:
    ex = x.extract([(1, "وسترفع الخطة إلى مجلس محافظة البصرة للتصويت عليها.")])
    assert not any("للتصويت" in n for n in _names(ex))


def test_a_possessive_inside_a_name_keeps_the_name_whole(x: Extractor) -> None:
    ex = x.extract([(1, "The Ministry of Veterans' Affairs and the Ministry of Children's Welfare met the Elders' Council.")])
    names = _names(ex)
    assert {"Ministry of Veterans' Affairs", "Ministry of Children's Welfare", "Elders' Council"} <= names
    assert "Ministry of Veterans" not in names and "Ministry of Children" not in names


def test_a_unit_of_a_body_whose_name_has_a_plural_possessive(x: Extractor) -> None:
    ex = x.extract([(1, "The searches were run by the Missing Persons Directorate of the Widows' Foundation.")])
    unit = ex.actors[_by_name(ex, "Missing Persons Directorate of the Widows' Foundation")]
    assert unit.parent == _by_name(ex, "Widows' Foundation")


def test_the_home_country_as_owner_is_dropped_another_country_kept(x: Extractor) -> None:
    ex = x.extract([(1, "Iraq's Ministry of Water Resources and Jordan's Ministry of Water signed a protocol.")])
    names = _names(ex)
    assert "Ministry of Water Resources" in names and "Iraq's Ministry of Water Resources" not in names
    assert "Jordan's Ministry of Water" in names and "Ministry of Water" not in names


def test_an_acronym_with_its_country_names_the_body(x: Extractor) -> None:
    ex = x.extract([(1, "The Basin Water Forum in Iraq (BWF – Iraq) met in Basra. BWF then wrote to the governor.")])
    forum = ex.actors[_by_name(ex, "Basin Water Forum in Iraq")]
    assert "BWF" in forum.aliases
    assert "BWF" not in _names(ex)


def test_a_generic_unit_in_a_document_about_one_body_is_its_unit(x: Extractor) -> None:
    text = ("The Basin Water Forum (BWF) was set up in 2020. Oversight rests with a steering committee of "
            "the Ministry of Water Resources and the Tigris Farmers Union.")
    ex = x.extract([(1, text)], title="Basin Water Forum (BWF): terms of reference")
    unit = ex.actors[_by_name(ex, "BWF Steering Committee")]
    assert unit.parent == _by_name(ex, "Basin Water Forum")
    members = [st for st in ex.statements if st.kind == "membership"]
    assert members and all(st.objects == [unit.key] for st in members)
    # a title that names no body leaves the unit as the text names it
    ex = x.extract([(1, text)], title="Notes from a meeting")
    assert "BWF Steering Committee" not in _names(ex)


def test_a_body_introduced_by_what_it_is_is_named_by_its_name(x: Extractor) -> None:
    ex = x.extract([(1, "The Danish NGO Nahda and the Iraqi Relief Forum (IRF) implement the pilot.")])
    names = _names(ex)
    assert {"Nahda", "Iraqi Relief Forum"} <= names
    assert not any(" and " in n for n in names)


def test_a_body_named_in_passing_is_kept_with_its_sentence(x: Extractor) -> None:
    ex = x.extract([(1, "The talks were held in Basra with tribal elders and with the Basin Water Council over two days.")])
    council = _by_name(ex, "Basin Water Council")
    kept = [st for st in ex.statements if st.subjects == [council]]
    assert [st.kind for st in kept] == ["mention"] and "Basin Water Council" in kept[0].quote


def test_a_heading_keeps_no_body_by_itself(x: Extractor) -> None:
    ex = x.extract([(1, "Basin Water Council Annual Update")])
    assert not [st for st in ex.statements if st.kind == "mention"]


def test_what_an_armed_group_did_is_no_remit(x: Extractor) -> None:
    ex = x.extract([(1, "Da'esh seized farmland around Hawija between 2015 and 2017.")])
    group = next(k for k, a in ex.actors.items() if a.kind == "armed_group")
    held = [st for st in ex.statements if group in st.subjects]
    assert held and all(st.kind == "mention" for st in held)


def test_a_class_named_by_a_plural_keeps_the_words_that_say_which(x: Extractor) -> None:
    ex = x.extract([(1, "Youth advocacy groups were closely involved in the searches. "
                        "Line ministries should fund the centres.")])
    names = _names(ex)
    assert "Youth advocacy groups" in names and "Line ministries" in names


def test_a_title_before_a_name_after_another_titled_name(x: Extractor) -> None:
    ex = x.extract([(1, "The deal was concluded by the Jordanian Minister of Water and Irrigation Samir Haddad and "
                        "Iraq's Minister of Health Layla Hamdi, with UNICEF's Iraq representative Dana Rowe present.")])
    posts = {ex.actors[st.subjects[0]].name: ex.actors[st.objects[0]].name for st in ex.statements if st.kind == "post"}
    assert posts.get("Layla Hamdi") == "Ministry of Health"  # not "Health Layla Hamdi", not UNICEF's post
    assert posts.get("Dana Rowe") == "United Nations Children's Fund"
    assert "Samir Haddad" in posts


def test_a_person_with_a_post_is_no_part_of_a_body_name(x: Extractor) -> None:
    ex = x.extract([(1, "The delegation praised the Government of Iraq and Iraqi Prime Minister Aras "
                        "Hamid, the Council of Ministers and the Department of Youth Empowerment for their help.")])
    names = _names(ex)
    assert "Government of Iraq" in names and not any("Aras" in n and " and " in n for n in names)
    assert {"Council of Ministers", "Department of Youth Empowerment"} <= names


def test_ministries_of_a_list_with_and_inside_an_item(x: Extractor) -> None:
    ex = x.extract([(1, "Staff of the ministries of Planning, Health, Social Affairs and Youth and Sports "
                        "joined the Board's sessions.")])
    names = _names(ex)
    assert "Ministry of Social Affairs" in names
    assert not any("Social Affairs and" in n for n in names)


def test_the_holder_of_a_duty_is_a_body_the_role_of_a_class_is_not(x: Extractor) -> None:
    ex = x.extract([(1, "In the town, public order is the exclusive responsibility of the municipal police. "
                        "Participants recognised the important role of international organisations.")])
    names = _names(ex)
    assert "municipal police" in names
    assert "international organisations" not in names


def test_a_post_of_a_field_then_a_name(x: Extractor) -> None:
    ex = x.extract([(1, "The Emirates finance the work. The deal was signed with the UAE Minister of Tolerance and "
                        "Coexistence Samira Haddad.")])
    posts = {ex.actors[st.subjects[0]].name: ex.actors[st.objects[0]].name for st in ex.statements if st.kind == "post"}
    assert posts.get("Samira Haddad") == "UAE Ministry of Tolerance and Coexistence"


def test_a_country_that_acts_is_a_body_and_a_country_that_is_a_place_is_not() -> None:
    from ingest.extract import Extractor

    ex = Extractor().extract([(1, "Chile chairs the Harbour Council this month, and the UAE finances the "
                                  "bridge. The camp in northern Syria houses thousands of people.")])
    names = {a.name for a in ex.actors.values()}
    assert {"Chile", "United Arab Emirates"} <= names
    assert "Syria" not in names and "Syrian Arab Republic" not in names
    uae = next(a for a in ex.actors.values() if a.name == "United Arab Emirates")
    assert "UAE" in uae.aliases


def test_the_office_of_a_post_is_a_body() -> None:
    from ingest.extract import Extractor

    ex = Extractor().extract([(1, "On Monday the office of the UN Resident Envoy for Iraq said it was worried "
                                  "about the transfers.")])
    assert any(a.name.startswith("Office of the UN Resident Envoy") for a in ex.actors.values())


def test_the_director_of_a_subdistrict_heads_its_administration() -> None:
    from ingest.extract import Extractor

    ex = Extractor().extract([(1, "Later, the Harbour Times quoted the director of Hit subdistrict, Nabil Abdel "
                                  "Salam, as saying that 300 families had returned.")])
    post = next(st for st in ex.statements if st.kind == "post")
    assert ex.actors[post.subjects[0]].name == "Nabil Abdel Salam"
    body = ex.actors[post.objects[0]]
    assert body.kind == "local_government" and "Hit subdistrict administration" in body.aliases


def test_acronyms_and_acronym_named_bodies_in_a_list_of_bodies_are_bodies(x: Extractor) -> None:
    ex = x.extract([(1, "The panel brings together UNDP, the Norwegian Refugee Council, Terre Solidale (TS) and "
                        "KAFTRUM.")])
    names = {a.name for a in ex.actors.values()}
    assert {"Terre Solidale", "KAFTRUM"} <= names
    # the list rule alone: without a body read beside them, acronyms of a list are terms
    from ingest.mentions import list_members
    sent = "The plan names three fields: MHPSS, DDRX and Halwan Works (HW)."
    assert list_members(sent, lambda s, e: False) == []
    assert [c.name for c in list_members(sent, lambda s, e: sent[s:e] == "MHPSS")] == ["DDRX", "Halwan Works"]


def test_two_modifiers_sharing_a_head_and_the_body_whose_members_act(x: Extractor) -> None:
    ex = x.extract([(1, "In the camp, public order is the exclusive responsibility of the municipal police and of the "
                        "Border Security and intelligence services.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = {name[s] for st in ex.statements if st.kind == "responsibility" for s in st.subjects}
    assert {"municipal police", "intelligence services"} <= held
    ex = x.extract([(1, "Fresh members of the national security forces will be trained in Dohar.")])
    assert "national security forces" in {a.name for a in ex.actors.values()}
    # people of a body that do nothing in the clause make no body of it
    ex = x.extract([(1, "The plan thanks the families of the national security forces.")])
    assert "national security forces" not in {a.name for a in ex.actors.values()}


def test_a_unit_named_by_one_common_word_is_the_unit_of_the_body_the_document_is_about(x: Extractor) -> None:
    text = ("The Halwan Peace Network (HPN) brings together NGOs working on peace in Dohar.\n\n"
            "A secretariat is chosen each spring. It convenes the quarterly gathering of members.")
    ex = x.extract([(1, text)], title="Halwan Peace Network: terms of reference")
    unit = next(a for a in ex.actors.values() if a.name == "HPN Secretariat")
    assert ex.actors[unit.parent].name == "Halwan Peace Network"
    assert any(unit.key in st.subjects and "convenes" in st.quote for st in ex.statements)
    # a title that names no body: no owner, no node named "secretariat"
    ex = x.extract([(1, text)], title="Notes from the field")
    assert "secretariat" not in {a.name.lower() for a in ex.actors.values()}


def test_two_posts_in_one_apposition_and_headed_by_after_an_owner(x: Extractor) -> None:
    ex = x.extract([(1, "The contact person was Salim Hadi Al-Rubai, General Director of the Grants Directorate and "
                        "Head of the Secretariat of the Dohar Planning Room.")])
    name = {k: a.name for k, a in ex.actors.items()}
    posts = {(name[st.subjects[0]], name[st.objects[0]]) for st in ex.statements if st.kind == "post"}
    assert {("Salim Hadi Al-Rubai", "Grants Directorate"),
            ("Salim Hadi Al-Rubai", "Secretariat of the Dohar Planning Room")} <= posts
    ex = x.extract([(1, "The work was done by the Missing Persons Directorate of the Veterans' Trust, headed by "
                        "Ali Saleh, and the Forensic Directorate.")])
    name = {k: a.name for k, a in ex.actors.items()}
    heads = {(name[st.subjects[0]], name[st.objects[0]]) for st in ex.statements if st.kind == "post"}
    assert heads and all(body != "Veterans' Trust" for _, body in heads)
    assert not [st for st in ex.statements if st.kind == "leadership"]  # the name, not the next body, is led by


def test_a_line_that_is_only_a_web_address_states_nothing(x: Extractor) -> None:
    ex = x.extract([(1, "Sources:\n\n- https://example.org/unicef-and-undp-open-centres\n- www.example.org/unhcr\n\n"
                        "UNICEF opened two centres in Mosul.")])
    assert all("http" not in st.quote and "www." not in st.quote for st in ex.statements)
    assert any("opened two centres" in st.quote for st in ex.statements)


def test_a_theme_s_own_acronym_names_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "The plan covers PVE, MHPSS and livelihoods, and UNICEF funds MHPSS in Mosul.")])
    names = {a.name for a in ex.actors.values()}
    assert not {"PVE", "MHPSS"} & names and "United Nations Children's Fund" in names


def test_a_body_s_instrument_after_its_possessive_is_no_part_of_its_name(x: Extractor) -> None:
    for apostrophe in ("'", "’"):
        ex = x.extract([(1, f"The Sinjar Youth Forum{apostrophe}s Memorandum of Understanding with the Dohar Peace "
                            "Network was signed in May.")])
        assert "Sinjar Youth Forum" in {a.name for a in ex.actors.values()}


def test_a_dateline_s_place_in_capitals_is_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "MOSUL, 9 Oct 2020 — The Government of Iraq and UNICEF signed the plan.")])
    assert "MOSUL" not in {a.name for a in ex.actors.values()}


def test_a_bare_second_head_shares_the_first_ones_specifier() -> None:
    # "Kurdish police and soldiers": two bodies, the soldiers Kurdish too; "the army" with its own
    # article shares nothing
    ex = Extractor().extract([(1, "Kurdish police and soldiers reached the village on Monday.")])
    names = {a.name: a.kind for a in ex.actors.values()}
    assert names.get("Kurdish soldiers") == "security_force"
    assert "Kurdish police" in names
    ex = Extractor().extract([(1, "The local police and the army reached the village on Monday.")])
    assert not any(n.endswith("army") and n != "army" for n in (a.name for a in ex.actors.values()))
