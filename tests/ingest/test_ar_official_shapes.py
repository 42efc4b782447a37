"""Shapes of Arabic official news (a committee's or ministry's activity pages): "وزارة X/ مديرية Y"
names a unit of the ministry; "المديرية العامة" is a ministry's, not a governorate's; a registry
name ends before what a meeting there was for ("لمناقشة …"); a verb and its object ("تعمل عليه")
end a name; a plural head ("والأجهزة الأمنية") begins another body; "المتمثلة ب / المكونة من"
lists a committee's members; a patron named by a post ("برعاية معالي وزير X") supports the
holder; "على ضرورة" opens no person's name. Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction
from tests.ingest.shapes import names as _names
from tests.ingest.shapes import posts as _posts
from tests.ingest.shapes import rels as _rels


def _ex(text: str) -> Extraction:
    return Extractor().extract([(1, text)])


def test_a_slash_names_the_unit_of_the_body_before_it() -> None:
    ex = _ex("نظمت وزارة الصحة/ دائرة الصحة العامة ورشة عمل في بغداد يوم الأحد.")
    parts = _rels(ex, "part_of")
    assert ("دائرة الصحة العامة", "Ministry of Health") in parts


def test_a_general_directorate_is_no_governorate_s() -> None:
    ex = _ex("أقامت وزارة التربية/ المديرية العامة للمناهج ندوة في بغداد.")
    unit = next(a for a in ex.actors.values() if a.name.startswith("المديرية العامة"))
    assert unit.level == "national"
    assert ("المديرية العامة للمناهج", "Ministry of Education") in _rels(ex, "part_of")


def test_a_department_with_no_place_has_no_governorate_level() -> None:
    ex = _ex("أعلنت دائرة الشؤون الفنية إطلاق برنامج للشباب.")
    unit = next(a for a in ex.actors.values() if a.name.startswith("دائرة الشؤون"))
    assert unit.level != "governorate"


def test_a_registry_name_ends_before_the_meeting_s_purpose() -> None:
    ex = _ex("عقدت الهيئة اجتماعا في مستشارية الامن القومي لمناقشة الخطة السنوية.")
    names = set(_names(ex).values())
    assert not any("لمناقشة" in n for n in names)
    assert "National Security Advisory" in names


def test_a_verb_and_its_object_end_a_name() -> None:
    ex = _ex("وأشار الى برنامج تدريبي تعمل عليه الوزارة مع الشركاء الدوليين.")
    assert not any("تعمل" in n for n in _names(ex).values())


def test_a_plural_head_begins_another_body() -> None:
    ex = _ex("شارك جهاز الأمن الوطني والأجهزة الأمنية في المؤتمر الذي أقامته جامعة الموصل.")
    assert not any("والأجهزة" in n for n in _names(ex).values())


def test_the_bodies_a_committee_is_made_of() -> None:
    ex = _ex("شاركت اللجنة الفرعية للتوعية في قضاء الشرقاط، والمتمثلة بجامعة الموصل ومديرية شرطة الشرقاط، "
             "في المؤتمر.")
    members = {s for s, o in _rels(ex, "membership") if o.startswith("اللجنة الفرعية")}
    assert {"جامعة الموصل", "مديرية شرطة الشرقاط"} <= members


def test_made_of_with_the_participle_s_marks() -> None:
    ex = _ex("أعلن المجلس الاستشاري المكوّن من جامعة الموصل ومنظمة السنابل خطته.")
    members = {s for s, o in _rels(ex, "membership") if o.startswith("المجلس الاستشاري")}
    assert {"جامعة الموصل", "منظمة السنابل"} <= members


def test_a_patron_named_by_a_minister_s_post() -> None:
    ex = _ex("برعاية معالي وزير الصحة الدكتور سامر خليل، نظمت اللجنة الوزارية للتوعية ندوة في بغداد.")
    assert ("Ministry of Health", "اللجنة الوزارية للتوعية") in _rels(ex, "support")


def test_a_fronted_patron_after_an_opening_clause() -> None:
    ex = _ex("تنفيذا للخطة، وبرعاية وزارة الصحة، نظمت اللجنة الوزارية للتوعية ندوة في بغداد.")
    assert ("Ministry of Health", "اللجنة الوزارية للتوعية") in _rels(ex, "support")


def test_a_fronted_patron_body() -> None:
    ex = _ex("برعاية وزارة الصحة، نظمت اللجنة الوزارية للتوعية ندوة في بغداد.")
    assert ("Ministry of Health", "اللجنة الوزارية للتوعية") in _rels(ex, "support")


def test_ala_before_a_noun_in_construct_opens_no_name() -> None:
    ex = _ex("أقامت دائرة الشؤون الفنية ندوة للشباب.\n\nواكد السيد مدير الدائرة على ضرورة دعم الشباب في المحافظة.")
    assert not any(p.startswith("على") for p, _post, _body in _posts(ex))
    assert not any(a.kind == "person" for a in ex.actors.values())


def test_a_purpose_clause_after_a_name_is_no_word_of_it() -> None:
    ex = _ex("يعمل البرنامج مع وكالة الشرطة لتحقيق إصلاحات ملموسة في المحافظات.\n\nأقامت منظمة الأمل لحقوق "
             "الإنسان ندوة في البصرة.")
    names = set(_names(ex).values())
    assert not any("لتحقيق" in n for n in names)
    assert "منظمة الأمل لحقوق الإنسان" in names  # a name's own purpose ends in a definite word


def test_a_courtesy_adjective_and_a_holder_s_title_end_a_name() -> None:
    ex = _ex("حضر المؤتمر أعضاء مجلس النواب الموقر والسادة المستشارون، والسكرتير الشخصي لرئيس مجلس الوزراء "
             "القائد العام للقوات المسلحة.")
    names = set(_names(ex).values())
    assert not any("الموقر" in n or "القائد" in n for n in names)


def test_the_cabinet_and_the_parliament_are_the_registry_s() -> None:
    ex = _ex("وافق مجلس الوزراء على الاستراتيجية الوطنية.\n\nصوّت مجلس النواب على القانون.")
    kinds = {a.name: (a.kind, a.level) for a in ex.actors.values()}
    assert kinds.get("Council of Ministers") == ("national_body", "national")
    assert kinds.get("Council of Representatives of Iraq") == ("national_body", "national")


def test_a_second_task_joined_by_waw_is_a_word_of_the_name() -> None:
    ex = _ex("أقامت دائرة البحوث وتطوير المناهج والكوادر التربوية في وزارة الثقافة ندوة في بغداد.\n\n"
             "أقامت دائرة التخطيط وإعداد الموازنة ورشة في البصرة.\n\n"
             "أقامت وزارة الصحة وتعاونت المنظمة معها في الحملة.")
    names = set(_names(ex).values())
    assert "دائرة البحوث وتطوير المناهج والكوادر التربوية" in names
    assert "دائرة التخطيط وإعداد الموازنة" in names
    assert "Ministry of Health" in names and not any("وتعاونت" in n for n in names)  # a verb begins a clause


def test_a_body_belongs_only_to_what_stands_right_after_it() -> None:
    ex = _ex("وذكر بيان صدر عن مكتب المحافظ، أن رامي الطالباني استقبل منسق برامج الاستقرار في وسط العراق التابع "
             "لمنظمة البستان الدولية.\n\nزار الوفد قسم الإعلام التابع لوزارة الثقافة.\n\n"
             "ونظمت رابطة شباب الفرات، التابعة لوزارة الثقافة، ندوة في البصرة.")
    parts = _rels(ex, "part_of")
    assert ("قسم الإعلام", "Ministry of Culture, Tourism and Antiquities") in parts
    assert ("رابطة شباب الفرات", "Ministry of Culture, Tourism and Antiquities") in parts  # set off by commas
    assert not any(child == "مكتب المحافظ" for child, _ in parts)


def test_the_governorate_s_office_is_local_government() -> None:
    ex = _ex("اجتمع الوفد في مقر ديوان المحافظة بالرمادي.\n\nأعلن ديوان الوقف السني عن مشروع جديد.")
    kinds = {a.name: (a.kind, a.level) for a in ex.actors.values()}
    assert kinds["ديوان المحافظة"] == ("local_government", "governorate")
    assert kinds["Sunni Endowment Office"][1] == "national"


def test_diacritics_keep_a_name_and_a_regional_minister_heads_the_region_s_ministry() -> None:
    ex = _ex("أكّد الدكتور رامي الطالباني وزير الأوقاف والشؤون الدينيّة في حكومة إقليم كردستان العراق، أنّ وزارته "
             "أدّت دورًا فعّالًا.\n\nوعرض رئيس الوزراء برنامجاً جديداً لدعم الشباب.")
    held = _posts(ex)
    assert {p for p, _, _ in held} == {"رامي الطالباني"}  # "برنامجاً" (tanween) is no name
    ministry = next(a for a in ex.actors.values() if a.name.startswith("وزارة الأوقاف"))
    assert ministry.level == "regional" and ex.actors[ministry.parent].name == "Kurdistan Regional Government"


def test_a_task_given_to_a_body_and_a_body_chairing_another_in_arabic() -> None:
    ex = _ex("أسندت مهمة إعادة فتح مراكز الشباب في هيت إلى مديرية شباب الأنبار.\n\n"
             "تقع مسؤولية المناهج الدراسية على عاتق وزارة التربية.\n\n"
             "ترأست منظمة الأمل لجنة البستان.\n\n"
             "اجتمعت منظمة الفرات بصفتها رئيسة لجنة النخيل مع الشركاء.\n\n"
             "أرسلت الوزارة رسالة إلى منظمة الغد.")
    n = _names(ex)
    held = {n[s] for st in ex.statements if st.kind == "responsibility" for s in st.subjects}
    assert {"مديرية شباب الأنبار", "Ministry of Education"} <= held and "منظمة الغد" not in held
    assert {("منظمة الأمل", "لجنة البستان"), ("منظمة الفرات", "لجنة النخيل")} <= _rels(ex, "leadership")
