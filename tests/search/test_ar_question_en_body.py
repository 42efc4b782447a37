"""An Arabic question about a body the documents name only in English: the question's words and
the body's name are made of the same institutional words and places (graph.bilingual.signature),
so the body is the one asked about. A document of our own (invented names) in a real store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from search.router import parse
from tests.search.conftest import one_document

DOC = (
    "# Orchard youth plan 2025\n\n"
    "The Supreme Council for Youth coordinates youth programmes in Basra governorate. "
    "The Basra Directorate of Education runs school clubs against hate speech in Zubair district. "
    "The Orchard Youth Network trains volunteers in Basra.\n"
)


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with one_document(tmp_path_factory.mktemp("ar-en-body"), "orchard-youth-plan.md", DOC) as d:
        yield d


def _id(snap: Any, name: str) -> str:
    return next(aid for aid, a in snap.actors.items() if a["name"] == name)


def test_an_arabic_name_meets_an_english_only_body(dalil: Any) -> None:
    snap = dalil.snapshot()
    p = parse("ما هي مهام المجلس الأعلى للشباب؟", snap)
    assert p.intent == "mandate" and p.actors == [_id(snap, "Supreme Council for Youth")]
    p = parse("ما دور مديرية تربية البصرة؟", snap)
    assert p.intent == "mandate" and p.actors == [_id(snap, "Basra Directorate of Education")]


def test_a_role_without_a_body_is_not_a_mandate(dalil: Any) -> None:
    p = parse("ما دور المرأة في البصرة؟", dalil.snapshot())
    assert p.intent != "mandate" and not p.actors


def test_a_name_with_a_word_outside_the_glossary_is_not_guessed(dalil: Any) -> None:
    # "بستان" (orchard) is no institutional word: no body is taken for it
    p = parse("ما هي مهام شبكة بستان للشباب؟", dalil.snapshot())
    assert not p.actors


AR_DOC = (
    "# اللجنة الفرعية في البصرة\n\n"
    "عقدت اللجنة الفرعية لمكافحة التطرف العنيف المؤدي إلى الإرهاب في محافظة البصرة اجتماعها الدوري. "
    "ونظمت رابطة شباب البستان، التابعة للجنة، ندوة في قضاء الزبير.\n"
)


@pytest.fixture(scope="module")
def dalil_ar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with one_document(tmp_path_factory.mktemp("en-ar-body"), "basra-subcommittee-ar.md", AR_DOC) as d:
        yield d


def test_an_arabic_only_body_asked_in_english_or_in_other_arabic_words(dalil_ar: Any) -> None:
    snap = dalil_ar.snapshot()
    sub = next(aid for aid, a in snap.actors.items() if a["name"].startswith("اللجنة الفرعية"))
    league = next(r for r in dalil_ar.ask("Which units are part of the Basra CVE subcommittee?", evidence=False)["actors"])
    assert parse("Which units are part of the Basra CVE subcommittee?", snap).actors == [sub]
    assert league["name"] == "رابطة شباب البستان"
    p = parse("ما الجهات التابعة للجنة الفرعية لمكافحة التطرف العنيف في البصرة؟", snap)
    assert p.actors == [sub] and p.intent == "units"
