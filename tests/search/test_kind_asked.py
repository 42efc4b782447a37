""""Which UN agencies work in X", "which ministries partner Y": the kind right after the question
word is the kind of body asked for, and the answer keeps only those. Texts of our own, in a real
store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.search.test_statements import _store_of

TEXT = (
    "# Basra youth and water update\n\n"
    "UNICEF runs youth clubs in Zubair district. "
    "The Sunrise Foundation runs vocational training for youth in Zubair district. "
    "The Ministry of Youth and Sports runs sports centres in Zubair district. "
    "UNICEF works with the Ministry of Youth and Sports and the Sunrise Foundation on youth clubs.\n"
)


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from _store_of(tmp_path_factory, "basra-kinds", TEXT)


def _kinds(dalil: Any, question: str) -> tuple[list[str], set[str]]:
    ans = dalil.ask(question, evidence=False)
    snap = dalil.snapshot()
    return [r["name"] for r in ans["actors"]], {snap.actors[r["id"]]["kind"] for r in ans["actors"]}


def test_all_kinds_without_a_kind_word(dalil: Any) -> None:
    names, kinds = _kinds(dalil, "Who works in Zubair?")
    assert len(kinds) >= 3, names


@pytest.mark.parametrize(("question", "kind"), [
    ("Which UN agencies work in Zubair?", "un_agency"),
    ("Which ministries work in Zubair?", "ministry"),
    ("Which ministries does UNICEF work with?", "ministry"),
    ("ما الوزارات التي تعمل في الزبير؟", "ministry"),
])
def test_only_the_kind_asked_for(dalil: Any, question: str, kind: str) -> None:
    names, kinds = _kinds(dalil, question)
    assert names and kinds == {kind}, names


def test_a_kind_word_inside_a_body_s_name_filters_nothing() -> None:
    from search.router import _in_a_name

    q = "Which Delta Ministry of Water office runs the pumps?"
    assert _in_a_name(q, q.index("Ministry"))
    q = "Which ministries run the pumps?"
    assert not _in_a_name(q, q.index("ministries"))


def test_none_of_the_kind_is_an_answer_not_a_search(dalil: Any) -> None:
    # UNICEF's partners are a ministry and a foundation: no UN agency among them
    ans = dalil.ask("Which UN agencies does UNICEF work with?", evidence=False)
    assert ans["actors"] == [] and ans["none_of_kind"] == 2
    assert "None of the 2 bodies" in ans["answer"]
