"""The Arabic words of a question against the statements' words (search/statements.py), on
sentences of our own: a joint act asks for the parties of a partnership, and an adjective of
relation is one word with its noun."""

from __future__ import annotations

from search import statements


def test_who_took_part_asks_for_the_parties_of_a_joint_act() -> None:
    assert statements.asked_kinds("من اشترك في تنفيذ خطة الري في البصرة؟") == {"partnership"}
    assert statements.asked_kinds("من ساهم في بناء المدارس؟") == {"partnership"}
    assert statements.asked_kinds("من أقر الخطة؟") is None


def test_an_adjective_of_relation_matches_its_noun() -> None:
    assert set(statements._word_keys("جلسات حوارية")[1]) & set(statements._word_keys("الحوار")[0])
    assert set(statements._word_keys("برنامج حواري")[1]) & set(statements._word_keys("حوار")[0])


def test_who_supervises_asks_for_supervision() -> None:
    assert statements.asked_kinds("من يشرف على تنفيذ الخطة؟") == {"supervision"}
