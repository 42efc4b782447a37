"""Arabic statement shapes of news prose, each on a sentence of our own with invented names (no
store, no app): the content of reported speech as the quote, a meeting speaking for the body that
held it, calls listed after a lead-in, and bodies described as partners."""

from __future__ import annotations

import pytest

from ingest import rules
from ingest.extract import Extraction, Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _held(ex: Extraction, kind: str = "mandate") -> list[tuple[set[str], str, str, str]]:
    """(holders, status, quote, rule) of each statement of a kind."""
    name = {k: a.name for k, a in ex.actors.items()}
    return [({name[s] for s in st.subjects}, st.status, st.quote, st.rule) for st in ex.statements if st.kind == kind]


def test_reported_speech_is_quoted_from_its_content(x: Extractor) -> None:
    ex = x.extract([(1, "أعلن المدير العام لدائرة شؤون الشباب في وزارة الرياضة سالم يونس، خلال لقاء مع الصحفيين في "
                        "البصرة، أن الخطة الجديدة لتدريب المتطوعين في الأحياء باتت جاهزة للتنفيذ.")])
    quotes = [q for holders, _, q, _ in _held(ex) if "دائرة شؤون الشباب" in holders]
    assert quotes and all(q.startswith("أن الخطة الجديدة") for q in quotes)


def test_a_short_report_keeps_its_speaker(x: Extractor) -> None:
    ex = x.extract([(1, "وقالت منظمة الواحة للتنمية إن العمل بدأ.")])
    assert any(q.startswith("وقالت") for _, _, q, _ in _held(ex))


def test_a_meeting_speaks_for_the_body_that_held_it(x: Extractor) -> None:
    ex = x.extract([(1, "وعقدت اللجنة الوطنية لرعاية الشباب اجتماعاً في الكوت. "
                        "وبحث الاجتماع توسيع برامج التدريب المهني وتذليل العقبات أمام الخريجين.")])
    assert any(q.startswith("وبحث الاجتماع") and "اللجنة الوطنية لرعاية الشباب" in h for h, _, q, _ in _held(ex))


def test_calls_listed_after_a_lead_in_go_on_calling_on_the_same_body(x: Extractor) -> None:
    ex = x.extract([(1, "وتضم الورقة سبعة بنود، أبرزها:\n\n"
                        "- تدعو مديرية ماء الكوت إلى صيانة شبكات المياه في القرى؛\n"
                        "- تطالب بتعبيد الطرق الريفية قبل موسم الأمطار؛\n")])
    held = [(h, st) for h, st, q, _ in _held(ex) if "تعبيد الطرق" in q]
    assert held and held[0][0] == {"مديرية ماء الكوت"} and held[0][1] == "recommended"


def test_a_call_item_without_an_item_before_it_holds_nothing(x: Extractor) -> None:
    ex = x.extract([(1, "- تطالب بتعبيد الطرق الريفية قبل موسم الأمطار.")])
    assert not [h for h, _, q, _ in _held(ex) if h]


def test_bodies_described_as_partners_hold_that_role(x: Extractor) -> None:
    ex = x.extract([(1, "قالت وزارة الزراعة إن الموسم نجح. ووصف الوكيل خلال الجولة منظمة الحقول الخضراء ومؤسسة النخيل "
                        "للتنمية بأنهما أهم الشركاء في ملف الري.")])
    got = [(h, q) for h, _, q, r in _held(ex) if r == "ar.mandate.described_as"]
    assert got and got[0][0] == {"منظمة الحقول الخضراء", "مؤسسة النخيل للتنمية"}
    assert got[0][1].startswith("بأنهما أهم الشركاء")


def test_a_clause_after_the_holders_goes_on_with_the_holder(x: Extractor) -> None:
    ex = x.extract([(1, "وتعهدت منظمة الواحة للتنمية بتوسيع برامج محو الأمية في القرى، وقالت إنها رفعت إلى وزارة التربية "
                        "مشروعاً متكاملاً لتأهيل المدارس الريفية، ولا سيما مدارس البنات.")])
    quotes = [q for h, _, q, _ in _held(ex) if "منظمة الواحة للتنمية" in h]
    assert any(q.startswith("إنها رفعت") and "ولا سيما" in q for q in quotes)  # "ولا سيما" lists, it ends no clause
    assert any(q.startswith("وتعهدت") and "رفعت" not in q for q in quotes)


def test_a_report_naming_no_speaker_goes_on_with_the_speaker_before(x: Extractor) -> None:
    ex = x.extract([(1, "وأكدت منظمة الواحة للتنمية أنها ماضية في دعم المزارعين. "
                        "وقالت إن توسيع شبكات الري ضروري لعودة الأسر النازحة إلى قراها.")])
    held = [(h, st) for h, st, q, _ in _held(ex) if "شبكات الري" in q]
    assert held and held[0][0] == {"منظمة الواحة للتنمية"} and held[0][1] == "recommended"


def test_a_clause_opening_on_amma_and_a_body_is_that_bodys(x: Extractor) -> None:
    ex = x.extract([(1, "وضع الخطة: نسخة أخيرة لم تُعتمد حتى الآن، بانتظار موافقة مجلس محافظة واسط؛ "
                        "أما مركز رصد الأسواق فهو فكرة مطروحة لم يُؤسس بعد.")])
    held = {q: (h, st) for h, st, q, _ in _held(ex)}
    topic = [v for q, v in held.items() if q.startswith("أما")]
    assert topic == [({"مركز رصد الأسواق"}, "recommended")]


def test_latin_acronyms_make_no_title_of_an_arabic_sentence(x: Extractor) -> None:
    ex = x.extract([(1, "وجاءت الخطة حصيلة مسار حواري يسّره معهد الرافدين للسلام (RIP) بالتعاون مع "
                        "جمعية النهرين للتنمية (NDA) وشركاء آخرين.")])
    assert any("معهد الرافدين للسلام" in h for h, _, _, _ in _held(ex))


def test_bodies_at_a_committees_meeting_sit_on_it(x: Extractor) -> None:
    ex = x.extract([(1, "وتتابع الملف لجنة التنسيق العليا، عقدت اجتماعاً بحضور وزير الزراعة سامي حداد، "
                        "وممثلين عن مديرية ماء الكوت ودائرة صحة واسط.")])
    name = {k: a.name for k, a in ex.actors.items()}
    got = {(name[s], name[o]) for st in ex.statements if st.rule == "ar.membership.attends_meeting"
           for s in st.subjects for o in st.objects}
    assert {("مديرية ماء الكوت", "لجنة التنسيق العليا"), ("دائرة صحة واسط", "لجنة التنسيق العليا"),
            ("وزارة الزراعة", "لجنة التنسيق العليا")} <= got
    assert not any(s == "سامي حداد" for s, _ in got)  # a person attends for the body of his post


def test_a_meeting_of_a_body_that_is_no_group_makes_no_members(x: Extractor) -> None:
    ex = x.extract([(1, "وعقدت وزارة الزراعة اجتماعاً بحضور ممثلين عن مديرية ماء الكوت.")])
    assert not [st for st in ex.statements if st.rule == "ar.membership.attends_meeting"]


def test_a_list_item_after_a_holders_clause_is_no_clause_of_its_own(x: Extractor) -> None:
    ex = x.extract([(1, "وتتابع الملف لجنة التنسيق العليا، عقدت اجتماعاً بحضور وزير الزراعة سامي حداد، "
                        "ومستشار المحافظ لشؤون الري كريم ناصر، وممثلين عن دائرة صحة واسط.")])
    assert not [q for _, _, q, _ in _held(ex) if q.startswith("ومستشار")]


def test_a_verb_clause_goes_on_with_the_holder_and_has_its_own_status(x: Extractor) -> None:
    ex = x.extract([(1, "تراجع لجنة التنسيق العليا تقارير المديريات الفصلية في المحافظة، "
                        "ويجوز لها أن تطلب من المديريات تعديل خططها السنوية.")])
    got = {q.split()[0]: (h, st) for h, st, q, _ in _held(ex)}
    assert got["تراجع"] == ({"لجنة التنسيق العليا"}, "established")
    assert got["ويجوز"] == ({"لجنة التنسيق العليا"}, "option")


def test_the_regions_council_of_ministers_is_part_of_its_government(x: Extractor) -> None:
    ex = x.extract([(1, "كشف مدير ديوان وزارة الزراعة في حكومة إقليم كوردستان أن الخطة ستُحال إلى مجلس وزراء الإقليم.")])
    name = {k: a.name for k, a in ex.actors.items()}
    got = {(name[s], name[o]) for st in ex.statements if st.rule == "ar.part_of.region_cabinet" for s in st.subjects for o in st.objects}
    assert got == {("مجلس وزراء الإقليم", "Kurdistan Regional Government")}


def test_the_cabinet_is_no_part_where_the_regions_government_is_not_named(x: Extractor) -> None:
    ex = x.extract([(1, "وسترفع الخطة إلى مجلس وزراء الإقليم للتصويت عليها.")])
    assert not [st for st in ex.statements if st.rule == "ar.part_of.region_cabinet"]


def test_report_shapes_are_data_with_ids_and_examples() -> None:
    shapes = rules.load("ar", "reports")["shapes"]
    ids = [s["id"] for s in shapes]
    assert len(ids) == len(set(ids)) and all(i.startswith("ar.") for i in ids)
    assert all(s.get("does") and s.get("example") for s in shapes)


def test_a_person_named_again_speaks_for_the_body_of_the_post(x: Extractor) -> None:
    ex = x.extract([(1, "كشف مدير عام دائرة الشباب في وزارة الرياضة سالم يونس أن الخطة جاهزة للتنفيذ في الأحياء.\n\n"
                        "وفي مقابلة لاحقة، قال يونس إن تدريب المتطوعين سيبدأ في القرى خلال الشهر المقبل.")])
    assert any(q.startswith("إن تدريب المتطوعين") and h == {"دائرة الشباب"} for h, _, q, _ in _held(ex))


def test_a_speaker_named_by_a_word_two_persons_share_speaks_for_no_body(x: Extractor) -> None:
    ex = x.extract([(1, "كشف مدير عام دائرة الشباب سالم يونس أن الخطة جاهزة للتنفيذ في الأحياء. "
                        "وأكد مدير مديرية ماء الكوت كريم يونس أن الشبكة جاهزة للتشغيل.\n\n"
                        "وقال يونس إن تدريب المتطوعين سيبدأ في القرى خلال الشهر المقبل.")])
    assert not [q for _, _, q, _ in _held(ex) if "تدريب المتطوعين" in q]
