"""Shapes of project profiles and NGO pages: people listed with bodies ("… and IDPs"), a body's
former name, a fronted "Commissioned by X," a plural "the governments of A and B", and the
plural verb "fund". Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _names(ex: Extraction) -> set[str]:
    return {a.name for a in ex.actors.values()}


def _funding(ex: Extraction) -> set[tuple[str, str]]:
    return {(ex.actors[s].name, ex.actors[o].name) for st in ex.statements if st.kind == "funding"
            for s in st.subjects for o in st.objects}


def test_people_listed_with_bodies_are_no_body() -> None:
    ex = Extractor().extract([(1, "The forum brought together the Orchard Youth Council, the District Council and "
                                  "Returnees in Zummar.")])
    names = _names(ex)
    assert "District Council" in names or any(n.endswith("District Council") for n in names)
    assert not any("Returnees" in n for n in names)


def test_a_former_name_is_the_same_body() -> None:
    for text in ("The Orchard Council for Dialogue, a government body formerly called the Orchard Coexistence "
                 "Committee, met in Mosul.",
                 "The Orchard Council for Dialogue (formerly the Orchard Coexistence Committee) met in Mosul.",
                 "عقد مجلس البستان للحوار، الذي كان يسمى لجنة البستان للتعايش، اجتماعا في الموصل."):
        ex = Extractor().extract([(1, text)])
        bodies = [a for a in ex.actors.values() if a.kind != "person"]
        assert len(bodies) == 1, text
        assert any("Coexistence" in a or "للتعايش" in a for a in bodies[0].aliases), text


def test_a_later_body_in_an_apposition_stays_apart() -> None:
    ex = Extractor().extract([(1, "The Ministry of Planning, later the Ministry of Finance, joined the forum in Basra.")])
    assert {"Ministry of Planning", "Ministry of Finance"} <= _names(ex)


def test_a_fronted_commissioned_by_funds_the_clause_s_subject() -> None:
    ex = Extractor().extract([(1, "Commissioned by the Orchard Fund, the Delta Centre trained 40 teachers in Basra.")])
    assert ("Orchard Fund", "Delta Centre") in _funding(ex)
    assert ("Delta Centre", "Delta Centre") not in _funding(ex)


def test_the_governments_of_a_and_b_are_both_governments() -> None:
    ex = Extractor().extract([(1, "The project is implemented with the governments of Iraq and the Kurdistan Region.")])
    assert {"Government of Iraq", "Kurdistan Regional Government"} <= _names(ex)


def test_the_plural_verb_fund() -> None:
    ex = Extractor().extract([(1, "The governments of Germany and Japan fund the Delta Centre in Basra.")])
    assert {("Government of Germany", "Delta Centre"), ("Government of Japan", "Delta Centre")} <= _funding(ex)
    noun = Extractor().extract([(1, "The ministry set up a fund the Delta Centre manages in Basra.")])
    assert not _funding(noun)


def test_a_centre_under_a_ministry_is_part_of_it() -> None:
    ex = Extractor().extract([(1, "The Delta Centre, under the Ministry of Youth, trains young people in Basra.")])
    parts = {(ex.actors[s].name, ex.actors[o].name) for st in ex.statements if st.kind == "part_of"
             for s in st.subjects for o in st.objects}
    assert ("Delta Centre", "Ministry of Youth and Sports") in parts
    plan = Extractor().extract([(1, "The Delta Centre, under the new plan, trains young people in Basra.")])
    assert not [st for st in plan.statements if st.kind == "part_of"]


def _rels(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(st.kind, ex.actors[s].name, ex.actors[o].name) for st in ex.statements
            for s in st.subjects for o in st.objects if s in ex.actors and o in ex.actors}


def test_a_project_page_s_field_lines() -> None:
    text = ("# Delta Schools Project\n\nDonor: Government of Japan\nImplementing partner: Orchard Forum\n"
            "Partners: Ministry of Education, Basra Directorate of Education\nLocation: Basra\n\n"
            "The Delta Schools Project rebuilds schools in Basra.\n")
    rels = _rels(Extractor().extract([(1, text)], title="Delta Schools Project"))
    assert ("funding", "Government of Japan", "Delta Schools Project") in rels
    assert ("implementation", "Orchard Forum", "Delta Schools Project") in rels
    assert ("partnership", "Delta Schools Project", "Ministry of Education") in rels
    assert not any("Location" in name for _, a, b in rels for name in (a, b))  # a name ends at its line
    ar = ("# مشروع مدارس الدلتا\n\nالجهة المانحة: الحكومة اليابانية\nالجهة المنفذة: منظمة البستان للتنمية\n\n"
          "يعيد مشروع مدارس الدلتا تأهيل المدارس في البصرة.\n")
    rels = _rels(Extractor().extract([(1, ar)], title="مشروع مدارس الدلتا"))
    assert ("funding", "Government of Japan", "مشروع مدارس الدلتا") in rels
    assert ("implementation", "منظمة البستان للتنمية", "مشروع مدارس الدلتا") in rels


def test_field_lines_of_a_page_about_no_body_make_no_statement() -> None:
    text = "# Notes from the field\n\nDonor: Government of Japan\nImplementing partner: Orchard Forum\n"
    ex = Extractor().extract([(1, text)], title="Notes from the field")
    assert not [st for st in ex.statements if st.rule.startswith("field.")]


def test_a_draft_law_and_a_body_s_project_are_no_programme() -> None:
    ex = Extractor().extract([(1, "ناقش البرلمان مشروع قانون مكافحة الإرهاب، ومشروع المنظمة الدولية للهجرة في الأنبار.")])
    assert not any(a.name.startswith("مشروع") for a in ex.actors.values())


def test_a_field_label_alone_on_its_line_names_the_role_of_the_body_on_the_next() -> None:
    text = ("Orchard Schools Project\n\nImplementing partner\n\nMercy Corps\n\nDonor\n\nGlobal Affairs Canada\n\n"
            "The project rebuilds classrooms in Basra.")
    ex = Extractor().extract([(1, text)], title="Orchard Schools Project")
    rels = _rels(ex)
    assert ("implementation", "Mercy Corps", "Orchard Schools Project") in rels
    assert ("funding", "Global Affairs Canada", "Orchard Schools Project") in rels
    assert not any(k == "funding" and a == "Mercy Corps" for k, a, _ in rels)


def test_a_post_without_a_body_on_a_page_about_one_body_is_that_body_s() -> None:
    text = "Orchard Water Council\n\nThe Orchard Water Council plans irrigation in Basra.\n\nChairman Karwan Hamawandi\n"
    rels = _rels(Extractor().extract([(1, text)], title="Orchard Water Council"))
    assert ("post", "Karwan Hamawandi", "Orchard Water Council") in rels
    ex = Extractor().extract([(1, text)], title="Notes from the field")
    assert not any(a.kind == "person" for a in ex.actors.values())
