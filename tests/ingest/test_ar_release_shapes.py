"""Shapes of Arabic press releases on returns and programmes: a name written with Kurdish letters
("ڨ", "گ"), "the ministry" followed by what its plan is for ("خطة الوزارة لإنهاء …"), a
masculine adjective after a feminine registry name (it agrees with the noun before the name),
a body's mission in Iraq, and a programme "run by" a body ("المدار من قبل"). Sentences of our
own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import names, posts, rels


def _extract(text: str):  # type: ignore[no-untyped-def]
    return Extractor().extract([(1, text)])


def test_a_name_with_kurdish_letters_holds_its_post() -> None:
    ex = _extract("وقالت وزيرة العدل ڤيان گوران شێخ، إن المحاكم فتحت أبوابها في سنجار.")
    held = posts(ex)
    assert [p for p, _, _ in held] == ["ڤيان گوران شێخ"]


def test_the_ministry_and_what_its_plan_is_for_is_the_ministry_named_before() -> None:
    ex = _extract("أعلنت وزارة العدل افتتاح مكتب في قضاء سنجار. وقالت الوزارة إن ذلك ضمن خطة الوزارة "
                  "لإغلاق ملف الدعاوى في البلاد، بالتنسيق مع منظمة الواحة للتنمية.")
    assert not any(n.startswith("الوزارة ل") for n in names(ex).values())
    partners = {a for a, b in rels(ex, "partnership")}
    assert partners == {"Ministry of Justice"}


def test_a_masculine_adjective_after_a_feminine_registry_name_is_not_the_name_s() -> None:
    ex = _extract("وأشاد المحافظ بدعم منظمة الأمم المتحدة للطفولة المتواصل لمدارس البصرة خلال العام الماضي.")
    assert "United Nations Children's Fund" in names(ex).values()
    assert not any("المتواصل" in n for n in names(ex).values())
    same = _extract("وأشاد المحافظ بعمل منظمة الأمم المتحدة للطفولة الدائم في مدارس البصرة.")
    assert not any("الدائم" in n for n in names(same).values())


def test_a_body_s_mission_in_iraq_is_the_body() -> None:
    ex = _extract("وقال السيد رامي الطالباني، رئيس بعثة منظمة الأمم المتحدة للطفولة في العراق، إن المدارس فتحت.")
    assert [(p, body) for p, _, body in posts(ex)] == [("رامي الطالباني", "United Nations Children's Fund")]
    assert not any(n.startswith("بعثة") for n in names(ex).values())


def test_a_programme_run_by_a_body() -> None:
    ex = _extract("أطلق برنامج الحوار المجتمعي المدار من قبل منظمة الواحة للتنمية جلساته في البصرة.")
    assert "برنامج الحوار المجتمعي" in names(ex).values()
    assert ("منظمة الواحة للتنمية", "برنامج الحوار المجتمعي") in rels(ex, "implementation")


def test_a_minister_s_field_that_is_also_a_place_s_name_is_the_ministry() -> None:
    ex = _extract("وقال وزير العدل رامي الطالباني، إن المحاكم فتحت أبوابها في سنجار.")
    assert posts(ex) == {("رامي الطالباني", "وزير العدل", "Ministry of Justice")}


def test_a_place_and_an_outlet_on_their_own_line_are_a_dateline() -> None:
    ex = _extract("بغداد- النهار نيوز\nعقدت منظمة الواحة للتنمية ورشة عمل للشباب.")
    held = [st for st in ex.statements if st.subjects and "منظمة الواحة للتنمية" in names(ex)[st.subjects[0]]]
    assert held and not any(st.places for st in held)


def test_everyday_words_that_name_sub_districts_place_nothing() -> None:
    ex = _extract("أقامت منظمة الواحة للتنمية ملتقى حواريا للشباب.\nحضر الملتقى عدد من رجال الدين.")
    assert not any(st.places for st in ex.statements)


def test_a_post_of_two_bodies_and_the_next_item_of_a_list_hold_no_name() -> None:
    ex = _extract("حضر الملتقى مدير الوقف الشيعي والسني وعدد من الأكاديميين.")
    assert not posts(ex)
    listed = _extract("حضر الملتقى الأستاذ رامي الطالباني ومدير منظمة الواحة للتنمية.")
    assert not posts(listed)  # "… ومدير X": the و opens the next item, the name before is not its holder


def test_a_unit_of_a_government_attached_by_lam_is_its_part_and_not_its_partner() -> None:
    ex = _extract("وقعت دائرة الإعلام لحكومة إقليم كوردستان ومنظمة الواحة للتنمية مذكرة تفاهم في أربيل.")
    assert ("دائرة الإعلام", "Kurdistan Regional Government") in rels(ex, "part_of")
    assert rels(ex, "partnership") == {("دائرة الإعلام", "منظمة الواحة للتنمية")}


def test_a_local_post_with_the_level_word_before_the_place() -> None:
    ex = _extract("وقال قائممقام قضاء هيت رامي الطالباني، إن الأسر عادت إلى منازلها.\n"
                  "وأكد مدير ناحية البغدادي عمر القاسمي أن الخدمات تحسنت.")
    held = {(p, body) for p, _, body in posts(ex)}
    assert held == {("رامي الطالباني", "قضاء هيت"), ("عمر القاسمي", "ناحية البغدادي")}
    levels = {a.name: a.level for a in ex.actors.values() if a.kind == "local_government"}
    assert levels == {"قضاء هيت": "district", "ناحية البغدادي": "subdistrict"}


def test_support_and_money_said_in_arabic_releases() -> None:
    ex = _extract("تقدم منظمة النور للسلام الدعم الفني لمديرية تربية الأنبار.\n"
                  "تلقت منظمة الواحة للتنمية تدريباً من منظمة النور للسلام.\n"
                  "تعمل منظمة النور للسلام على بناء قدرات منظمة الواحة للتنمية.\n"
                  "وتعد منظمة النور للسلام الجهة المانحة الرئيسية لمنظمة الواحة للتنمية.")
    assert not any(n.endswith(("الدعم الفني", "الجهة المانحة الرئيسية")) for n in names(ex).values())
    assert {("منظمة النور للسلام", "مديرية تربية الأنبار"), ("منظمة النور للسلام", "منظمة الواحة للتنمية")} \
        <= rels(ex, "support")
    assert ("منظمة النور للسلام", "منظمة الواحة للتنمية") in rels(ex, "funding")


def test_its_governor_is_the_governor_of_the_place_just_named() -> None:
    ex = _extract("برعاية قائد شرطة البصرة رامي الطالباني وحضور محافظها المهندس عمر القاسمي احتفلت منظمة الواحة للتنمية "
                  "باليوم العالمي للشباب.")
    assert ("عمر القاسمي", "محافظ", "محافظة البصرة") in posts(ex)


def test_the_students_of_schools_and_universities_are_no_bodies() -> None:
    ex = _extract("ووجه الوزير بالاستمرار في تثقيف طلاب المدارس والجامعات في بغداد من مخاطر المخدرات.")
    assert not any(a.is_class for a in ex.actors.values())


def test_a_unit_s_place_is_the_place_its_name_names_not_an_everyday_word() -> None:
    ex = _extract("بدأت مديرية شمال بابل مؤتمرها التوعوي يوم الأربعاء بحضور شيوخ العشائر.")
    unit = next(a for a in ex.actors.values() if a.name.startswith("مديرية"))
    assert unit.place == "place:IQG07"  # Babil, not a sub-district called "North"


def test_a_task_named_after_a_body_and_a_while_clause_of_another() -> None:
    ex = _extract("تتولى منظمة النور للسلام المتابعة، في حين تتولى منظمة الواحة للتنمية تدريب المعلمين في هيت.")
    assert set(names(ex).values()) == {"منظمة النور للسلام", "منظمة الواحة للتنمية"}
    n = names(ex)
    assert {n[s] for st in ex.statements if st.kind == "mandate" for s in st.subjects} == set(n.values())


def test_according_to_opens_no_name() -> None:
    ex = _extract("وبحسب عمر القاسمي، مدير منظمة الواحة للتنمية، فإن 40 شاباً شاركوا في الورشة.")
    assert [p for p, _, _ in posts(ex)] == ["عمر القاسمي"]
