"""Shapes of Arabic news items on committees' work: a post held "في محافظة X" in a chain of posts
before the holder's name; a family name that is also a place's after "السيد"; a body's words are
no person's name; a league of volunteers; "X، وY، التابعين للجنة" (both, and the committee just
spoken of); a registered body named in a shorter form. Sentences of our own, no store."""

from __future__ import annotations

from graph.vocab import load_registry
from ingest.extract import Extractor
from tests.ingest.shapes import names as _names
from tests.ingest.shapes import rels as _rels


def test_a_chain_of_posts_held_in_a_governorate_then_the_name() -> None:
    ex = Extractor().extract([(1, "وترأس الاجتماع رئيس اللجنة الفرعية للمياه في محافظة البصرة، معاون المحافظ "
                                  "للشؤون الفنية، السيد كريم رشيد حسن، في قضاء الزبير.")])
    people = [a.name for a in ex.actors.values() if a.kind == "person"]
    assert people == ["كريم رشيد حسن"]  # "رشيد" is a place's name too, but stands after "السيد"
    assert any(p == "كريم رشيد حسن" and b.startswith("اللجنة الفرعية للمياه") for p, b in _rels(ex, "post"))


def test_a_body_s_words_before_a_post_are_no_name() -> None:
    ex = Extractor().extract([(1, "تنفيذاً لتوجيهات رئيس اللجنة الفرعية للمياه المؤدية إلى التنمية في محافظة "
                                  "البصرة، نائب المحافظ للشؤون الفنية، السيد كريم حسن، نظمت الجمعية ندوة، وبحضور ممثل "
                                  "عن قائممقامية قضاء الزبير.")])
    assert not any(a.kind == "person" and "محافظة" in a.name for a in ex.actors.values())


def test_a_league_and_a_list_belonging_to_the_committee_just_named() -> None:
    ex = Extractor().extract([(1, "عقدت اللجنة الفرعية للمياه في محافظة البصرة اجتماعها الدوري. ونظمت رابطة "
                                  "شباب البستان، وجمعية نساء البستان، التابعتين للجنة، ندوة في قضاء الزبير.")])
    names = set(_names(ex).values())
    assert "رابطة شباب البستان" in names
    parents = {c for c, p in _rels(ex, "part_of") if p.startswith("اللجنة الفرعية للمياه")}
    assert parents == {"رابطة شباب البستان", "جمعية نساء البستان"}


def test_a_registered_body_named_in_a_shorter_form() -> None:
    # a registered body's Arabic name without its last adjective names the same body
    entry = next(e for e in load_registry() if (e.name_ar or "").endswith("لمكافحة التطرف العنيف"))
    short = entry.name_ar.removesuffix(" العنيف")
    ex = Extractor().extract([(1, f"وقال رئيس {short} إن الدورة التدريبية عقدت في بغداد.")])
    assert any(a.registry_id == entry.id for a in ex.actors.values())


def test_a_committee_following_up_a_strategy_is_the_registered_one_implementing_it() -> None:
    # the registry names the national committee "… لتنفيذ استراتيجية مكافحة التطرف …"; news say
    # "لمتابعة تنفيذ إستراتيجية …": following up the implementation is implementing it
    entry = next(e for e in load_registry() if any("لتنفيذ استراتيجية" in a for a in e.aliases))
    ex = Extractor().extract([(1, "وعقدت اللجنة الوطنية لمتابعة تنفيذ إستراتيجية مكافحة التطرف العنيف اجتماعها "
                                  "في بغداد.")])
    assert any(a.registry_id == entry.id for a in ex.actors.values())


def test_a_college_of_a_university_and_a_syndicate_are_bodies() -> None:
    ex = Extractor().extract([(1, "وقعت نقابة المعلمين في البصرة مذكرة تفاهم مع كلية التربية في جامعة البصرة.")])
    by_name = {a.name: a for a in ex.actors.values()}
    assert "كلية التربية" in by_name and by_name["كلية التربية"].kind == "unit"
    assert by_name["كلية التربية"].parent == next(k for k, a in ex.actors.items() if a.name == "جامعة البصرة")
    assert any(n.startswith("نقابة المعلمين") for n in by_name)


def test_a_verb_of_talk_ends_a_minister_s_name() -> None:
    ex = Extractor().extract([(1, "وقالت الوزارة في بيان، إن وزيرة الهجرة والمهجرين سلمى كريم داود بحثت مع ممثل "
                                  "منظمة اليونسيف لدى العراق مجالات التعاون.")])
    people = {a.name for a in ex.actors.values() if a.kind == "person"}
    assert "سلمى كريم داود" in people
    assert any(a.name == "United Nations Children's Fund" for a in ex.actors.values())  # a spelling of its name


def test_whom_a_workshop_served_is_no_word_of_the_host_s_name() -> None:
    ex = Extractor().extract([(1, "وفي السياق ذاته، تم تنظيم ورشة توعوية في مقر دائرة رعاية القاصرين للباحثين "
                                  "الاجتماعيين والمختصين في بغداد.")])
    assert "دائرة رعاية القاصرين" in {a.name for a in ex.actors.values()}
