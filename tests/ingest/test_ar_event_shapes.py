"""Shapes of Arabic news items on events and charters: a fronted "بمشاركة / بحضور" names who took
part, not who held the event; an event noun after a body's adjective begins the object of the
verb, not a word of the name; "الوحدة الوطنية" is unity, not a unit; a demonstrative or "كلمة"
before a post is no holder's name. Sentences of our own, no store."""

from __future__ import annotations

from ingest.extract import Extractor
from tests.ingest.shapes import names as _names
from tests.ingest.shapes import posts as _posts
from tests.ingest.shapes import rels as _rels


def test_fronted_participants_are_not_the_event_s_holder() -> None:
    ex = Extractor().extract([(1, "بمشاركة واسعة من وجهاء المنطقة وممثلي مديرية شرطة البصرة، أقامت جمعية "
                                  "الفجر الجديد بالتعاون مع جامعة البصرة ندوة عن السلم الأهلي في قضاء الزبير.")])
    partners = _rels(ex, "partnership")
    assert ("جمعية الفجر الجديد", "جامعة البصرة") in partners
    assert not any(s.startswith("مديرية شرطة") for s, _ in partners)


def test_attended_by_leads_too() -> None:
    ex = Extractor().extract([(1, "وبحضور ممثل عن مديرية تربية البصرة، نظمت جمعية الفجر الجديد بالتنسيق مع "
                                  "منظمة السنابل ورشة في قضاء الزبير.")])
    partners = _rels(ex, "partnership")
    assert ("جمعية الفجر الجديد", "منظمة السنابل") in partners
    assert not any(s.startswith("مديرية تربية") for s, _ in partners)


def test_an_event_noun_after_an_adjective_ends_the_name() -> None:
    ex = Extractor().extract([(1, "وأقامت الجمعية من خلال مركز النور الثقافي المؤتمر الأول للحوار في قضاء "
                                  "الزبير.")])
    names = set(_names(ex).values())
    assert "مركز النور الثقافي" in names
    assert not any("المؤتمر" in n for n in names)


def test_an_event_noun_right_after_the_head_is_the_name_s() -> None:
    ex = Extractor().extract([(1, "وعقدت لجنة المؤتمر الوطني اجتماعها في قضاء الزبير.")])
    assert any(n.startswith("لجنة المؤتمر") for n in _names(ex).values())


def test_national_unity_is_no_unit() -> None:
    ex = Extractor().extract([(1, "ودعا الميثاق إلى الوحدة الوطنية والحفاظ على وحدة العراق ووحدة الصف، "
                                  "وطالب وحدة الشرطة المجتمعية في قضاء الزبير بحماية الأسواق.")])
    names = set(_names(ex).values())
    assert not any(n.endswith(("الوحدة الوطنية", "وحدة العراق", "وحدة الصف")) for n in names)
    assert any(n.startswith("وحدة الشرطة المجتمعية") for n in names)


def test_a_demonstrative_before_a_post_is_no_name() -> None:
    ex = Extractor().extract([(1, "وبعد ذلك كلمة مديرة مشروع جسور السلام في قضاء الزبير، رحبت فيها "
                                  "بالحاضرين.")])
    assert not any(a.kind == "person" for a in ex.actors.values())


def test_a_courtesy_title_before_a_name_and_post_is_no_word_of_the_name() -> None:
    ex = Extractor().extract([(1, "وقال الشيخ سالم الساعدي، مدير مركز النور الثقافي، إن الندوة ناجحة.")])
    people = [a.name for a in ex.actors.values() if a.kind == "person"]
    assert people == ["سالم الساعدي"]


def test_a_dual_of_ministries_names_each() -> None:
    ex = Extractor().extract([(1, "وحضر الافتتاح وفد من وزارتي التخطيط والهجرة والمهجرين العراقية في قضاء الزبير.")])
    names = set(_names(ex).values())
    assert {"Ministry of Planning", "Ministry of Migration and Displacement"} <= names


def test_a_participle_of_funding_after_a_name() -> None:
    ex = Extractor().extract([(1, "افتتح اليوم مشروع قرية البستان في قضاء الزبير، الممول بالكامل من صندوق الدلتا "
                                  "للسلام.")])
    funded = _rels(ex, "funding")
    assert any(s == "صندوق الدلتا للسلام" and o.startswith("مشروع قرية البستان") for s, o in funded), funded


def test_a_project_described_is_no_name_and_no_place() -> None:
    extractor = Extractor()
    ex = extractor.extract([(1, "وأشاد المحافظ بدور منظمة البستان في إنجاز المشروع الحيوي، وقال إن أكثر من 100 "
                                "مشروع داخل المحافظة.")])
    assert not any(n.startswith("المشروع") for n in _names(ex).values())
    places = {p for st in ex.statements for p in st.places}
    assert places and not any(getattr(extractor.kb.gazetteer.get(p), "name_ar", "") == "المشروع" for p in places)


def test_the_district_noun_is_not_the_judiciary() -> None:
    ex = Extractor().extract([(1, "نظمت منظمة البستان للتنمية ورشة عن الري في قضاء الزبير بحضور قائممقام القضاء.")])
    assert ex.statements and not any("theme:justice" in st.concepts for st in ex.statements)
    ex = Extractor().extract([(1, "دعت منظمة البستان للتنمية إلى دعم استقلال القضاء في محافظة البصرة.")])
    assert any("theme:justice" in st.concepts for st in ex.statements)


def test_a_post_of_a_region_ends_at_its_comma() -> None:
    ex = Extractor().extract([(1, "استقبل سالم الساعدي، رئيس إقليم كوردستان، ظهر اليوم وفداً من منظمة البستان "
                                  "للتنمية برئاسة مديرها.")])
    posts = _posts(ex)
    assert posts == {("سالم الساعدي", "رئيس إقليم كوردستان", "Kurdistan Regional Government")}


def test_an_arabic_ministry_named_through_a_post_is_a_ministry() -> None:
    ex = Extractor().extract([(1, "بحضور وزيرة الزراعة في الحكومة العراقية هدى الساعدي افتتحت منظمة البستان "
                                  "للتنمية مشتلا في قضاء الزبير.")])
    assert any(a.name.startswith("وزارة الزراعة") and a.kind == "ministry" for a in ex.actors.values())


def test_an_abbreviated_arabic_title_ends_no_sentence() -> None:
    ex = Extractor().extract([(1, "بحضور وزير الزراعة في حكومة إقليم كوردستان د. هاوكار سوراني، ود. سالم الساعدي "
                                  "محافظ البصرة.")])
    posts = {(name, post) for name, post, _ in _posts(ex)}
    assert any(name == "هاوكار سوراني" and post.startswith("وزير الزراعة") for name, post in posts), posts
    assert ("سالم الساعدي", "محافظ البصرة") in posts


def test_an_arabic_ambassador_holds_the_post_of_the_state_its_adjective_names() -> None:
    ex = Extractor().extract([(1, "بحضور محافظ البصرة سالم الساعدي والسفير المجري لدى العراق لوراند كوفاتشي، افتتحت "
                                  "منظمة البستان للتنمية مدرسة في قضاء الزبير.")])
    posts = _rels(ex, "post")
    assert ("لوراند كوفاتشي", "الحكومة المجرية") in posts and ("سالم الساعدي", "محافظة البصرة") in posts, posts
