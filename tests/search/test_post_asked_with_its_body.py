""""Who is the UNDP Chief of Mission?": the body's own name before the post is no word of the post
asked. A document of our own (invented names) in a real store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.search.conftest import one_document

DOC = ("# Orchard programme note\n\nUNDP Iraq Chief of Mission Anna Maria Lind met the Basra governor in May. "
       "Omar Saleh, spokesman of the Ministry of Water Resources, said the canals would be cleared.\n")


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with one_document(tmp_path_factory.mktemp("post-asked"), "orchard-note.md", DOC) as d:
        yield d


@pytest.mark.parametrize("question", ["Who is the UNDP Chief of Mission?", "Who is the Chief of Mission of UNDP?"])
def test_the_post_asked_with_the_body_before_it(dalil: Any, question: str) -> None:
    ans = dalil.ask(question, evidence=False)
    assert ans["intent"] == "post_holder"
    assert [r["name"] for r in ans["actors"]] == ["Anna Maria Lind"]


def test_a_post_of_another_body_is_not_the_one_asked(dalil: Any) -> None:
    ans = dalil.ask("Who is the spokesman of the Ministry of Water Resources?", evidence=False)
    assert [r["name"] for r in ans["actors"]] == ["Omar Saleh"]
