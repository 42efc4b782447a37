"""Arabic shapes of real prose, each on a sentence of our own with invented names (no store, no
app): head nouns, plural classes, partners listed after a lead-in, parts named before their owner,
groups and members, calls on a body, the official who speaks for a body, signing, status words."""

from __future__ import annotations

import pytest

from ingest import arabic
from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _names(ex: Extraction) -> set[str]:
    return {a.name for a in ex.actors.values()}


def _rel(ex: Extraction, kind: str, rule: str = "") -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == kind and (not rule or st.rule == rule)
            for s in st.subjects for o in st.objects}


def _subjects(ex: Extraction, kind: str) -> list[tuple[list[str], str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return [([name[s] for s in st.subjects], st.status) for st in ex.statements if st.kind == kind]


# names -------------------------------------------------------------------------------------
def test_universities_institutes_municipalities_and_forces_are_bodies(x: Extractor) -> None:
    ex = x.extract([(1, "ويعمل معهد الرافدين للسلام مع جامعة الموصل وبلدية ناحية القيارة وقوات النخبة الجبلية في المنطقة.")])
    names = _names(ex)
    assert {"معهد الرافدين للسلام", "جامعة الموصل", "قوات النخبة الجبلية"} <= names
    assert any(n.startswith("بلدية ناحية القيارة") for n in names)


def test_forces_described_by_adjectives_only_are_no_body() -> None:
    found = [p for _, _, p in arabic.org_phrases("وانتشرت القوات الأمنية في المدينة.", lambda t: False)]
    assert found == []


def test_a_name_word_beginning_with_la_is_no_preposition(x: Extractor) -> None:
    ex = x.extract([(1, "وينظم الملتقى مركز لارسا الثقافي بالتعاون مع جامعة الموصل.")])
    assert ("مركز لارسا الثقافي", "جامعة الموصل") in _rel(ex, "partnership")


def test_a_name_stops_before_an_act_on_a_pronoun(x: Extractor) -> None:
    ex = x.extract([(1, "ونقلت الوزارة العائلات إلى مركز النور لتأهيلهم قبل العودة.")])
    assert "مركز النور لتأهيلهم" not in _names(ex)


def test_a_specialised_centre_described_is_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "وتعتزم وزارة الزراعة إنشاء مركز مختص برصد الأسواق.")])
    assert not any(n.startswith("مركز مختص") for n in _names(ex))


# classes -------------------------------------------------------------------------------------
def test_plural_classes_are_partners_both_ways(x: Extractor) -> None:
    ex = x.extract([(1, "وتعمل وزارة الزراعة بالتعاون مع الجامعات والمدارس ووسائل الإعلام على تعزيز الوعي.")])
    partners = _rel(ex, "partnership")
    for cls in ("الجامعات", "المدارس", "وسائل الإعلام"):
        assert ("وزارة الزراعة", cls) in partners
        assert (cls, "وزارة الزراعة") in partners
    assert all(ex.actors[k].is_class for k in ex.actors if ex.actors[k].name in {"المدارس", "وسائل الإعلام"})


def test_some_local_outlets_are_no_class(x: Extractor) -> None:
    ex = x.extract([(1, "ووصفت وسائل إعلام محلية الاتفاق بأنه خطوة أولى.")])
    assert not any("وسائل" in n for n in _names(ex))


# partners ------------------------------------------------------------------------------------
def test_partners_named_after_a_class_lead_in_and_a_passive_continues_the_speaker(x: Extractor) -> None:
    text = ("قال المدير العام لديوان وزارة الزراعة في حكومة إقليم كوردستان سامر يوسف إن الخطة جاهزة. "
            "وقد وُضعت الخطة بالتنسيق مع منظمات أممية، منها المنظمة الدولية للهجرة (IOM) ومنظمة «نور» (Noor).")
    ex = x.extract([(1, text)])
    partners = _rel(ex, "partnership", "ar.partnership.with_list")
    ministry = "وزارة الزراعة في حكومة إقليم كوردستان"  # the region's ministry (named with its government)
    assert {(ministry, "International Organization for Migration"), (ministry, "Noor")} <= partners
    post = next(st for st in ex.statements if st.kind == "post")
    assert ex.actors[post.subjects[0]].name == "سامر يوسف"
    assert ex.actors[post.objects[0]].name == "ديوان وزارة الزراعة"


def test_quoted_list_items_are_partners_not_subjects(x: Extractor) -> None:
    ex = x.extract([(1, "وتعمل وزارة الزراعة بالشراكة مع منظمتي «نور» (Noor) و«سنا» (Sana).")])
    assert {("وزارة الزراعة", "Noor"), ("وزارة الزراعة", "Sana")} <= _rel(ex, "partnership")


# parts -----------------------------------------------------------------------------------------
def test_a_part_named_before_its_owner(x: Extractor) -> None:
    ex = x.extract([(1, "قالت منى كريم، مديرة مركز الرصد في وزارة الزراعة بحكومة الإقليم، إن الخطة جاهزة.")])
    assert ("مركز الرصد", "وزارة الزراعة في حكومة إقليم كوردستان") in _rel(ex, "part_of")
    ex = x.extract([(1, "وقال مدير مديرية الإرشاد في هيئة التنمية الزراعية خالد منصور إن العمل بدأ.")])
    assert ("مديرية الإرشاد", "هيئة التنمية الزراعية") in _rel(ex, "part_of")


def test_a_ministry_in_a_government_is_part_of_it(x: Extractor) -> None:
    ex = x.extract([(1, "وأعلنت وزارة الزراعة في حكومة إقليم كوردستان خطة جديدة.")])
    regional = next(r for r in ex.actors.values() if r.name == "وزارة الزراعة في حكومة إقليم كوردستان")
    assert regional.parent == "actor:kurdistan-regional-government"


def test_a_federal_ministry_is_never_part_of_another_government(x: Extractor) -> None:
    ex = x.extract([(1, "وبحثت وزارة الصحة في حكومة إقليم كوردستان خطة العمل.")])
    assert ("Ministry of Health", "Kurdistan Regional Government") not in _rel(ex, "part_of")


# members ---------------------------------------------------------------------------------------
def test_a_group_and_its_members(x: Extractor) -> None:
    ex = x.extract([(1, "وتضم اللجنة التنسيقية العليا وزارة الصحة ووزارة التربية ومنظمة الأفق للتنمية.")])
    members = _rel(ex, "membership")
    for m in ("Ministry of Health", "Ministry of Education", "منظمة الأفق للتنمية"):
        assert (m, "اللجنة التنسيقية العليا") in members


def test_a_document_with_clauses_is_no_group(x: Extractor) -> None:
    ex = x.extract([(1, "وتضم الوثيقة تسع فقرات تخص وزارة الصحة.")])
    assert not _rel(ex, "membership")


# calls and status ---------------------------------------------------------------------------
def test_a_call_on_a_body_is_its_to_answer(x: Extractor) -> None:
    ex = x.extract([(1, "ودعت منظمة الأفق للتنمية وزارة الصحة إلى فتح مراكز جديدة.")])
    assert (["Ministry of Health"], "recommended") in _subjects(ex, "mandate")


@pytest.mark.parametrize(("sentence", "status"), [
    ("وتعتزم وزارة الزراعة إنشاء مراكز للإرشاد.", "recommended"),
    ("وتطالب منظمة الأفق للتنمية بتسريع التعويضات.", "recommended"),
    ("وما زالت خطة وزارة الزراعة لم تُقر بعد.", "recommended"),
    ("يمكن لمنظمة الأفق للتنمية تنظيم جلسات وخطب تدعو إلى التسامح.", "option"),
    ("وتعمل وزارة الزراعة على نشر الوعي.", ""),
])
def test_status_words(sentence: str, status: str) -> None:
    assert arabic.status_of(sentence) == status


def test_a_body_after_a_relative_verb_is_no_subject(x: Extractor) -> None:
    ex = x.extract([(1, "وتتابع لجنة الرصد الفرعية، وفق خطتها، المشاريع التي تنفذها المنظمات الدولية في المحافظة.")])
    subj = _subjects(ex, "mandate")
    assert subj and subj[0][0] == ["لجنة الرصد الفرعية"]


def test_the_waw_of_a_ministry_is_no_conjunction() -> None:
    assert arabic.joined_by_waw("ووزارة الصحة")
    assert arabic.joined_by_waw("والجامعات")
    assert not arabic.joined_by_waw("وزارة الصحة")
    assert not arabic.joined_by_waw("وكالة المثال")


# signing -----------------------------------------------------------------------------------------
def test_signers_are_parties(x: Extractor) -> None:
    ex = x.extract([(1, "والاتفاق وثيقة وقّعتها وزارة الصحة ومنظمة الأفق للتنمية بإشراف بعثة الأمم المتحدة لمساعدة العراق.")])
    assert ("Ministry of Health", "منظمة الأفق للتنمية") in _rel(ex, "partnership", "ar.partnership.signed")
    assert ("United Nations Assistance Mission for Iraq", "Ministry of Health") in _rel(ex, "supervision")


def test_expecting_is_no_signing(x: Extractor) -> None:
    ex = x.extract([(1, "وتوقع مدير منظمة الأفق للتنمية سعيد ناصر أن تسهم الخطة في تسريع العودة.")])
    assert not _rel(ex, "partnership", "ar.partnership.signed")


# scope and quotes ----------------------------------------------------------------------------
def test_the_regions_ministry_is_its_own_node(x: Extractor) -> None:
    text = ("قال المدير العام لديوان وزارة الزراعة في حكومة إقليم كوردستان سامر يوسف إن الخطة جاهزة. "
            "وتعمل وزارة الزراعة بالتعاون مع الجامعات على نشر الوعي.")
    ex = x.extract([(1, text)])
    regional = next(r for r in ex.actors.values() if r.name == "وزارة الزراعة في حكومة إقليم كوردستان")
    assert regional.level == "regional" and regional.parent == "actor:kurdistan-regional-government"
    office = next(r for r in ex.actors.values() if r.name == "ديوان وزارة الزراعة")
    assert office.parent == regional.key
    # the bare name later in the same document is the region's ministry
    assert (regional.name, "الجامعات") in _rel(ex, "partnership", "ar.partnership.with_list")


def test_a_call_word_is_a_word_of_its_own() -> None:
    assert arabic.status_of("ويقدم باحثون أبحاثاً عن التراث.") == ""
    assert arabic.status_of("وحث الوزير الدوائر على التعاون.") == "recommended"


def test_a_mandate_quotes_its_holders_clause(x: Extractor) -> None:
    text = ("وخلال ندوة حضرها نيابةً عن محافظ البصرة، أكد وزير التخطيط سامي داود أن وزارة الصحة ملتزمة "
            "بتوسيع المراكز الصحية، لأنها ترمي إلى تقليل الضغط على المستشفيات في المدن الكبرى.")
    ex = x.extract([(1, text)])
    st = next(s for s in ex.statements if s.kind == "mandate" and ex.actors[s.subjects[0]].name == "Ministry of Health")
    assert st.quote.endswith("بتوسيع المراكز الصحية") and "لأنها" not in st.quote
    assert text[st.char_start : st.char_end] == st.quote


def test_an_aside_between_commas_stays_in_the_quote(x: Extractor) -> None:
    text = "يمكن لوزارة الصحة، من خلال دائرتها في البصرة، فتح مراكز للتوعية في الأقضية."
    ex = x.extract([(1, text)])
    st = next(s for s in ex.statements if s.kind == "mandate")
    assert st.quote.rstrip(".") == text.rstrip(".")


def test_a_committee_named_by_its_task(x: Extractor) -> None:
    ex = x.extract([(1, "وتتابع القضية لجنةٌ وزارية مكلفة بملف مخيم الوادي، عقدت اجتماعاً بحضور وزير الصحة.")])
    assert "لجنة وزارية مكلفة بملف مخيم الوادي" in _names(ex)
    ex = x.extract([(1, "وقال إن لجنة مختصة بالأمر ستعقد اجتماعا.")])
    assert not any(n.startswith("لجنة مختصة") for n in _names(ex))


def test_funding_then_support_joined_by_waw_are_both_for_the_holder(x: Extractor) -> None:
    ex = x.extract([(1, "افتتح مركز الشباب في قضاء الزبير بتمويل من الوكالة اليابانية للتعاون الدولي "
                        "وبدعم من منظمة الأفق للتنمية.")])
    support = _rel(ex, "support")
    assert support and all(o == "مركز الشباب في قضاء الزبير" for _, o in support)
    assert ("Japan International Cooperation Agency", "مركز الشباب في قضاء الزبير") in _rel(ex, "funding")


def test_a_title_with_an_attached_lam_is_a_post_not_part_of_a_name(x: Extractor) -> None:
    ex = x.extract([(1, "ومنذ عامين دخل الملف في الخطة الحكومية لرئيس الوزراء ناصر عادل الكبيسي.")])
    assert not any(n.startswith("الخطة") for n in _names(ex))
    post = next(st for st in ex.statements if st.kind == "post")
    assert ex.actors[post.subjects[0]].name == "ناصر عادل الكبيسي"
    assert ex.actors[post.objects[0]].name == "Government of Iraq"


def test_the_regions_minister_holds_a_post_in_the_regions_ministry(x: Extractor) -> None:
    text = ("وقالت مديرة مركز الرصد في وزارة الزراعة بحكومة الإقليم منى كريم إن الخطة جاهزة. "
            "وأكد وزير زراعة الإقليم سامي داود أن العمل بدأ.")
    ex = x.extract([(1, text)])
    post = next(st for st in ex.statements if st.kind == "post" and ex.actors[st.subjects[0]].name == "سامي داود")
    assert ex.actors[post.objects[0]].name == "وزارة الزراعة في حكومة إقليم كوردستان"


def test_bodies_described_as_partners_partner_the_body_spoken_of(x: Extractor) -> None:
    ex = x.extract([(1, "وأكدت وزارة الصحة أن العمل مستمر. ووصف الوكيل خلال الزيارة المنظمة الدولية للهجرة (IOM) "
                        "ومنظمة الأفق للتنمية بأنهما أهم الشركاء في ملف الإعمار.")])
    got = _rel(ex, "partnership", "ar.partnership.described")
    assert got == {("Ministry of Health", "International Organization for Migration"), ("Ministry of Health", "منظمة الأفق للتنمية")}


def test_a_governorate_that_acts_is_its_local_government(x: Extractor) -> None:
    ex = x.extract([(1, "وقّعت محافظة نينوى ووزارة الصحة مذكرة تفاهم.")])
    assert ("محافظة نينوى", "Ministry of Health") in _rel(ex, "partnership")
    ex = x.extract([(1, "ويعيش النازحون في محافظة نينوى منذ سنوات.")])
    assert "محافظة نينوى" not in _names(ex)


def test_ala_before_a_definite_word_ends_a_name(x: Extractor) -> None:
    ex = x.extract([(1, "وصادق محافظ نينوى سالم حمد على الخطة.")])
    assert "سالم حمد" in _names(ex)


def test_an_officials_act_in_office_is_the_bodys(x: Extractor) -> None:
    ex = x.extract([(1, "وصادق محافظ نينوى سالم حمد على الخطة في اليوم نفسه.")])
    assert (["محافظة نينوى"], "established") in _subjects(ex, "mandate")


def test_a_name_ends_before_a_word_of_time(x: Extractor) -> None:
    ex = x.extract([(1, "وقال محافظ البصرة ناصر عادل الكبيسي منذ عامين إن العمل بدأ.")])
    assert "ناصر عادل الكبيسي" in _names(ex)
