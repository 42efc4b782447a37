"""Arabic posts, names and bodies of news prose, each on a sentence of our own with invented
names (no store, no app): a body named with no head noun, a post held in a country, a name that
ends before a preposition or a next title, advisers and commanders, titles chained before "رئيس
الوزراء", first names that are also places, and bodies only described."""

from __future__ import annotations

import pytest

from graph.terms import TermIndex
from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _posts(ex: Extraction) -> dict[str, tuple[str, str]]:
    """person -> (post, body name)"""
    name = {k: a.name for k, a in ex.actors.items()}
    return {name[st.subjects[0]]: (st.post, name[st.objects[0]]) for st in ex.statements if st.kind == "post"}


def _rel(ex: Extraction, kind: str) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == kind for s in st.subjects for o in st.objects}


def test_the_united_nations_named_bare_supervises_what_is_signed_under_it(x: Extractor) -> None:
    ex = x.extract([(1, "ووقّعت وزارة الزراعة ومنظمة الأفق للتنمية مذكرة تفاهم تحت إشراف الأمم المتحدة في البصرة.")])
    assert ("United Nations", "وزارة الزراعة") in _rel(ex, "supervision")


def test_a_body_after_a_lam_whose_article_lost_its_alef(x: Extractor) -> None:
    ex = x.extract([(1, "وقدمت وزارة الزراعة منحة للمنظمة الدولية للهجرة في البصرة.")])
    assert "International Organization for Migration" in {a.name for a in ex.actors.values()}


def test_a_one_word_place_after_a_lam_is_a_word_of_the_sentence() -> None:
    idx: TermIndex[str] = TermIndex()
    idx.add("السلام", "place:x")
    idx.add("الأمم المتحدة", "actor:y")
    assert [h.payload for h in idx.find("ومعهد الرافد للسلام يعمل مع الأمم المتحدة")] == ["actor:y"]
    assert [h.payload for h in idx.find("ممثل للأمم المتحدة")] == ["actor:y"]


def test_the_english_name_of_a_general_body_is_left_to_the_names_stage(x: Extractor) -> None:
    ex = x.extract([(1, "Farmers met United Nations agencies in Basra last week.")])
    assert "United Nations" not in {a.name for a in ex.actors.values()}


def test_a_post_held_in_a_country_is_part_of_the_post(x: Extractor) -> None:
    ex = x.extract([(1, "وأشادت المنسقة الخاصة للأمم المتحدة في البصرة هيفاء الساعدي بالمشروع.")])
    post, body = _posts(ex)["هيفاء الساعدي"]
    assert body == "United Nations" and post.endswith("في البصرة")


def test_a_name_ends_before_the_preposition_ala(x: Extractor) -> None:
    ex = x.extract([(1, "ووافق محافظ البصرة عبد الرحيم الكناني على الخطة صباح الأحد.")])
    assert "عبد الرحيم الكناني" in _posts(ex)


def test_an_adviser_heads_an_advisory_and_a_commander_a_command(x: Extractor) -> None:
    ex = x.extract([(1, "وحضر الاجتماع مستشار الأمن الوطني سعد الحلفي وقائد عمليات البادية ناصر جميل.")])
    posts = _posts(ex)
    assert posts["سعد الحلفي"] == ("مستشار الأمن الوطني", "National Security Advisory")  # the registry's body
    assert posts["ناصر جميل"][1] == "قيادة عمليات البادية"


def test_a_title_chained_before_the_prime_minister_is_the_whole_post(x: Extractor) -> None:
    ex = x.extract([(1, "وقال مستشار رئيس الوزراء لشؤون الشباب سعد الحلفي إن الخطة جاهزة.")])
    assert _posts(ex)["سعد الحلفي"] == ("مستشار رئيس الوزراء لشؤون الشباب", "Government of Iraq")


def test_a_first_name_that_is_also_a_place_begins_a_name(x: Extractor) -> None:
    ex = x.extract([(1, "وزار المزرعة مستشار الأمن الوطني سلمان الحلفي، ووزيرة الزراعة هيفاء يونس.")])
    assert "سلمان الحلفي" in _posts(ex)


def test_a_body_only_described_is_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "ونقلت الشبكة الرسمية عن المديرية المعنية أن الخطة جاهزة للتنفيذ.")])
    assert not {a.name for a in ex.actors.values()} & {"الشبكة الرسمية", "المديرية المعنية"}


def test_the_local_government_is_the_governorate_of_the_governor_who_speaks(x: Extractor) -> None:
    ex = x.extract([(1, "ووافق محافظ البصرة عبد الرحيم الكناني على الخطة. "
                        "ووعد بأن تخصص الحكومة المحلية أرضاً للسوق، وذكر أنه أرسل إلى وزارة الزراعة طلباً للتمويل.")])
    name = {k: a.name for k, a in ex.actors.items()}
    held = {q: {name[s] for s in st.subjects} for st in ex.statements if st.kind == "mandate" for q in [st.quote]}
    assert held["أنه أرسل إلى وزارة الزراعة طلباً للتمويل."] == {"محافظة البصرة"}
    assert "الحكومة المحلية" not in name.values()


def test_a_local_government_named_where_none_was_is_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "ووعد بأن تخصص الحكومة المحلية أرضاً للسوق.")])
    assert not ex.actors


def test_a_family_name_of_relation_ends_a_name_before_the_object(x: Extractor) -> None:
    ex = x.extract([(1, "وتتولى هيئة عليا مكلفة بمتابعة مشاريع المياه برئاسة محافظ البصرة عبد الرحيم الكناني متابعة تنفيذ الخطة.")])
    assert "عبد الرحيم الكناني" in _posts(ex)


def test_the_day_after_a_name_is_no_part_of_it(x: Extractor) -> None:
    ex = x.extract([(1, "وقال وزير الزراعة سامر يوسف الخميس إن الخطة جاهزة.")])
    assert "سامر يوسف" in _posts(ex)


def test_a_chair_named_by_a_post_chairs_with_the_body_of_the_post(x: Extractor) -> None:
    ex = x.extract([(1, "وتتولى هيئة عليا مكلفة بمتابعة مشاريع المياه برئاسة محافظ البصرة عبد الرحيم الكناني متابعة تنفيذ الخطة.")])
    assert {("عبد الرحيم الكناني", "هيئة عليا مكلفة بمتابعة مشاريع المياه"),
            ("محافظة البصرة", "هيئة عليا مكلفة بمتابعة مشاريع المياه")} <= _rel(ex, "leadership")


def test_the_leaders_of_a_communitys_tribes_are_a_class_of_bodies(x: Extractor) -> None:
    ex = x.extract([(1, "ووقّع وجهاء عشائر وشيوخ من المكوّن التركماني في الناحية يوم الأحد ميثاقاً للتعايش.")])
    leaders = [a for a in ex.actors.values() if a.is_class]
    assert [a.name for a in leaders] == ["وجهاء عشائر وشيوخ من المكوّن التركماني"]


def test_a_body_alongside_another_is_governed_by_the_compound_preposition(x: Extractor) -> None:
    ex = x.extract([(1, "- تتعهد الأطراف بنبذ الثأر، وبالعمل إلى جانب الجهات الرسمية في القرية.")])
    assert not [st for st in ex.statements if st.kind == "mandate" and st.subjects]


def test_tribal_sheikhs_of_no_named_community_are_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "ودعت منظمة الواحة شيوخ العشائر إلى لقاء للمصالحة في القرية.")])
    assert not [a for a in ex.actors.values() if "شيوخ" in a.name]
