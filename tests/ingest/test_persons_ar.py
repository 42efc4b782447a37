"""Arabic persons and posts in the shapes news items use: compound given names, a name before
its post in a list, a verb that opens the sentence before an apposition, a registry name the
text's phrase stops short of. Sentences and names of our own; no store."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.extraction import Extraction


def _posts(ex: Extraction) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == "post" for s in st.subjects for o in st.objects}


def test_a_name_with_abd_allah_is_whole() -> None:
    ex = Extractor().extract([(1, "وحضر الاجتماع نائب محافظ البصرة، السيد عبد الله حسن الكعبي.")])
    assert any(p == "عبد الله حسن الكعبي" for p, _ in _posts(ex))


def test_a_compound_given_name_and_a_family_name_that_is_a_place() -> None:
    ex = Extractor().extract([(1, "وقدّم المحاضرة مدير المركز الثقافي، السيد نور الدين كامل العبيدي.")])
    assert {p for p, _ in _posts(ex)} == {"نور الدين كامل العبيدي"}


def test_a_verb_before_an_apposition_is_no_name() -> None:
    ex = Extractor().extract([(1, "وترأس الاجتماع، رئيس مجلس التنمية الريفية، السيد كريم عبد الله الساعدي.")])
    assert {p for p, _ in _posts(ex)} == {"كريم عبد الله الساعدي"}
    assert not any(a.name.startswith("وترأس") for a in ex.actors.values())


def test_in_a_list_each_name_comes_before_its_post() -> None:
    ex = Extractor().extract([(1, "وقدّم المحاضرات كلٌّ من سامر فاضل الجبوري، وهدى جاسم الربيعي عضو مجلس الأمناء، "
                                  "وليث كامل الدليمي عضو مجلس الأمناء، ومهند ناصر الحسني.")])
    posts = _posts(ex)
    assert {p for p, _ in posts} == {"هدى جاسم الربيعي", "ليث كامل الدليمي"}
    assert {b for _, b in posts} == {"مجلس الأمناء"}


def test_a_name_before_its_post_after_a_verb_of_saying() -> None:
    ex = Extractor().extract([(1, "وقال زين العابدين فاضل الحسني عضو مجلس الأمناء إن الخطة جاهزة.")])
    assert _posts(ex) == {("زين العابدين فاضل الحسني", "مجلس الأمناء")}


def test_a_verb_and_its_subject_are_no_name_before_a_post() -> None:
    ex = Extractor().extract([(1, "يهتم المجلس بالريف، إذ شكّل رئيس الوزراء لجانا من المهندسين الزراعيين.")])
    assert not _posts(ex)
    assert not any(a.kind == "person" for a in ex.actors.values())


def test_a_registry_name_the_phrase_stops_short_of_is_that_body() -> None:
    # the phrase of head nouns ends at the preposition; the registry's Arabic name runs past it
    ex = Extractor().extract([(1, "عقدت اللجنة الوطنية لمكافحة التطرف العنيف المؤدي إلى الإرهاب اجتماعها، "
                                  "وترأس الاجتماع، رئيس اللجنة الوطنية، السيد سامي فاضل الجبوري.")])
    committees = [a for a in ex.actors.values() if a.kind == "committee"]
    assert len(committees) == 1 and committees[0].registry_id
    assert _posts(ex) == {("سامي فاضل الجبوري", committees[0].name)}


def test_a_committee_for_following_up_a_chain_of_nouns_is_one_name() -> None:
    # "للجنة" is ل + "اللجنة"; after the purpose noun, nouns in construct run to a definite word
    ex = Extractor().extract([(1, "ترأس المستشار، اليوم، اجتماعا للجنة الوطنية لمتابعة تنفيذ استراتيجية مكافحة "
                                  "الفساد المالي، بحضور المحافظين.")])
    assert "اللجنة الوطنية لمتابعة تنفيذ استراتيجية مكافحة الفساد المالي" in {a.name for a in ex.actors.values()}
    # … and a chain that no definite word closes stays out of the name
    ex = Extractor().extract([(1, "وأكدت هيئة الرعاية الطبية لتقديم خدمات صحية في المخيمات.")])
    assert not any("خدمات" in a.name for a in ex.actors.values())


def test_a_rank_or_title_between_the_body_and_the_name_belongs_to_neither() -> None:
    ex = Extractor().extract([(1, "وحضر اللقاء مدير دائرة الرعاية الاجتماعية الحقوقي سامر فاضل الجبوري، "
                                  "ومدير شرطة كربلاء العميد الركن مهند ناصر الحسني.")])
    assert _posts(ex) == {("سامر فاضل الجبوري", "دائرة الرعاية الاجتماعية"), ("مهند ناصر الحسني", "شرطة كربلاء")}


def test_a_commander_of_operations_named_by_a_place_heads_its_command() -> None:
    ex = Extractor().extract([(1, "وحضر الندوة قائد عمليات نينوى اللواء الركن ليث كامل الدليمي.")])
    assert _posts(ex) == {("ليث كامل الدليمي", "قيادة عمليات نينوى")}


def test_a_court_is_a_body_and_policing_as_a_function_is_none() -> None:
    ex = Extractor().extract([(1, "وحضر الجلسة رئيس محكمة استئناف البصرة القاضي هدى جاسم الربيعي."),
                              (2, "وتتولى المديرية تعيين ضباط للشرطة المجتمعية في الحلة.")])
    assert _posts(ex) == {("هدى جاسم الربيعي", "محكمة استئناف البصرة")}
    assert not any("المجتمعية" in a.name for a in ex.actors.values())


def test_a_second_post_before_the_honorific_keeps_the_first_post_s_holder() -> None:
    ex = Extractor().extract([(1, "وبحضور رئيس لجنة المصالحة في البصرة، معاون المحافظ لشؤون المنظمات، "
                                  "السيد سامر فاضل الجبوري، وعدد من الأعضاء.")])
    assert _posts(ex) == {("سامر فاضل الجبوري", "لجنة المصالحة في البصرة")}
    assert not any(a.name.startswith("رئيس") for a in ex.actors.values())


def test_a_body_name_runs_through_leading_to_and_a_sub_district_named_by_a_common_noun() -> None:
    names = {a.name for a in Extractor().extract([(1, "شاركت لجنة مكافحة العنف المؤدي إلى النزاع في البصرة، "
                                                      "بالتعاون مع منظمة الحرية والكرامة، ومؤسسة السلام الدائم، "
                                                      "في ورشة عن العودة.")]).actors.values()}
    assert {"لجنة مكافحة العنف المؤدي إلى النزاع في البصرة", "منظمة الحرية والكرامة", "مؤسسة السلام الدائم"} <= names


def test_has_a_deputy_for_affairs_and_an_urging_noun_are_no_words_of_names() -> None:
    ex = Extractor().extract([(1, "أعلنت وزارة الزراعة عن خطة جديدة. وقال وكيل الوزارة لشؤون الري ليث كامل الدليمي "
                                  "إن الخطة تنفذ بتوجيه وزير الزراعة سامر فاضل الجبوري بضرورة الإسراع، وإن هيئة "
                                  "المياه لديها خبراء كثيرون.")])
    names = {a.name for a in ex.actors.values()}
    assert {"ليث كامل الدليمي", "سامر فاضل الجبوري"} <= names
    assert not any("لشؤون" in n or "بضرورة" in n or "لديها" in n for n in names)


def test_a_shrine_s_administration_owns_its_centre_and_a_threshold_is_no_body() -> None:
    ex = Extractor().extract([(1, "افتتح مركز النور للبحوث التابع للعتبة العلوية المقدسة دورة جديدة."),
                              (2, "وقال إن عتبة باب القاعة تحتاج إلى إصلاح.")])
    name = {k: a.name for k, a in ex.actors.items()}
    parts = {(name[s], name[o]) for st in ex.statements if st.kind == "part_of" for s in st.subjects for o in st.objects}
    assert ("مركز النور للبحوث", "العتبة العلوية المقدسة") in parts
    assert not any(n.startswith("عتبة") for n in name.values())


def test_bodies_that_concluded_an_agreement_are_partners() -> None:
    ex = Extractor().extract([(1, "أبرمت وزارة الزراعة ومنظمة الأفق للتنمية مذكرة تعاون في الحلة.")])
    name = {k: a.name for k, a in ex.actors.items()}
    assert any({name[s], *(name[o] for o in st.objects)} == {"وزارة الزراعة", "منظمة الأفق للتنمية"}
               for st in ex.statements if st.kind == "partnership" for s in st.subjects)


def test_a_state_named_by_its_common_arabic_name_is_its_government() -> None:
    ex = Extractor().extract([(1, "وقعت وزارة الزراعة مذكرة تفاهم مع بريطانيا للتعاون في مجال الري.")])
    name = {k: a.name for k, a in ex.actors.items()}
    partners = {(name[s], name[o]) for st in ex.statements if st.kind == "partnership" for s in st.subjects
                for o in st.objects}
    assert ("وزارة الزراعة", "Government of the United Kingdom") in partners
