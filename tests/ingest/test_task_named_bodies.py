"""A body an indefinite phrase introduces with its task ("a technical committee … will be established to
restore Hilla") is a new body named by that task, not an earlier committee of the text; sentences
of our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extractor


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def test_a_committee_formed_for_a_task_is_named_by_it(x: Extractor) -> None:
    ex = x.extract([(1, "Each month a technical committee of the two ministries checks the budget lines. "
                        "A technical committee of the Ministry of Planning and the Basra Provincial Council will be "
                        "established to restore Hilla, working with the Babil Governorate Office.")])
    names = {a.name for a in ex.actors.values()}
    assert {"Hilla restoration committee", "technical committee of the two ministries"} <= names
    key, task = next((k, a) for k, a in ex.actors.items() if a.name == "Hilla restoration committee")
    assert "technical committee" not in task.aliases  # the text's words name it in this text only
    assert any(key in st.subjects for st in ex.statements if "restore Hilla" in st.quote)


@pytest.mark.parametrize("sentence,name", [
    ("A technical committee will be set up to monitor the ceasefire in Tal Afar.", "monitoring committee"),
    ("A national commission was established to investigate the Dohar killings.", "Dohar investigation commission"),
])
def test_other_tasks(x: Extractor, sentence: str, name: str) -> None:
    assert name in {a.name for a in x.extract([(1, sentence)]).actors.values()}


def test_a_committee_with_a_task_it_has_no_noun_for_is_no_new_body(x: Extractor) -> None:
    ex = x.extract([(1, "A technical committee will be established to think about Hilla.")])
    assert not any("committee" in a.name and a.name != "technical committee" for a in ex.actors.values())
