""""Which bodies work to prevent violent extremism in Basra?": a theme asked, and written in the
document, in a verb form the vocabulary has as a gerund (graph/vocab/concepts.py verb_forms). A
document of our own in a real store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.search.conftest import one_document

DOC = ("# Orchard forum note\n\nThe Orchard Forum works to prevent violent extremism among young people in "
       "Basra. The Delta Water Board cleans the canals of Basra.\n")


@pytest.fixture(scope="module")
def dalil(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with one_document(tmp_path_factory.mktemp("theme-aim"), "orchard-forum.md", DOC) as d:
        yield d


@pytest.mark.parametrize("question", ["Which bodies work to prevent violent extremism in Basra?",
                                      "Who counters violent extremism in Basra?",
                                      "Which bodies cover preventing violent extremism in Basra?"])
def test_a_theme_asked_as_an_aim(dalil: Any, question: str) -> None:
    ans = dalil.ask(question, evidence=False)
    assert ans["intent"] == "who_covers", ans["intent"]
    names = [r["name"] for r in ans["actors"]]
    assert "Orchard Forum" in names and "Delta Water Board" not in names
