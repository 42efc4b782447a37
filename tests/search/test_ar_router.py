"""The Arabic side of the router on a document of our own (invented names) in a real store: a
body named in full once, then by its head and first word ("الهيئة العليا"), is the body asked
about; who chairs it is the person whose post is named after "برئاسة", and that post's body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.service import open_dalil
from search.router import parse

DOC = (
    "# هيئة المياه في البصرة\n\n"
    "وتتولى هيئة عليا مكلفة بمتابعة مشاريع المياه برئاسة محافظ البصرة عبد الرحيم الكناني متابعة تنفيذ الخطة. "
    "وتضم الهيئة في عضويتها مديرية زراعة البصرة ومديرية الموارد المائية.\n"
)


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("ar-router")
    doc = root / "basra-water-committee-ar.md"
    doc.write_text(DOC, encoding="utf-8")
    with open_dalil(home=root / "home") as d:
        d.ingest([doc])
        yield d


def test_a_body_named_by_its_head_and_first_word_is_the_body_asked_about(dalil: Any) -> None:
    snap = dalil.snapshot()
    committee = next(aid for aid, a in snap.actors.items() if a["name"].startswith("هيئة عليا"))
    p = parse("ما هي الجهات الأعضاء في الهيئة العليا؟", snap)
    assert p.intent == "members" and p.actors == [committee]


def test_who_chairs_names_the_person_and_the_body_of_the_post(dalil: Any) -> None:
    names = {r["name"] for r in dalil.ask("من يرأس الهيئة العليا؟", evidence=False)["actors"]}
    assert {"عبد الرحيم الكناني", "محافظة البصرة"} <= names


def test_an_everyday_word_in_a_question_is_no_place(dalil: Any) -> None:
    snap = dalil.snapshot()
    assert parse("من يعمل على دور المرأة في البصرة؟", snap).place == "place:IQG02"
    assert parse("من يعمل في قضاء الحضر؟", snap).place == "place:IQG15Q04"
