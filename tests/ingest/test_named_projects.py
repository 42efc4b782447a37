"""Projects named in quotes are bodies of their own (programmes), run and paid for by others;
sentences of our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extractor
from ingest.projects import quoted_projects


@pytest.mark.parametrize("text, names", [
    ("The Example Agency implements the “Safe Schools” project in Basra.", ["Safe Schools"]),
    ('The Example Union funds the project "Rebuilding Hit Markets", which the Agency implements.',
     ["Rebuilding Hit Markets"]),
    ('- "Home Again" (TGF). A post says the campaign is part of a project TGF implements.', ["Home Again"]),
    ('| Example Union | €5 million | "Old Markets of Hit": shops rebuilt |', ["Old Markets of Hit"]),
    # an event's or an instrument's title, a quoted clause, a lower-case phrase: no project
    ('In 2016 an "Education for Peace" conference in Basra called for more.', []),
    ('The “Youth and Peace” strategy is the project of the ministry.', []),
    ('He said "It was time to go" and left the project.', []),
    ('Families came back from "the camp" under the project.', []),
])
def test_quoted_titles_that_name_projects(text: str, names: list[str]) -> None:
    assert [q.name for q in quoted_projects(text)] == names


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _facts(ex: Extractor, text: str) -> tuple[set[tuple[str, str, str]], dict[str, str]]:
    got = ex.extract([(1, text)])
    name = {k: a.name for k, a in got.actors.items()}
    kinds = {a.name: a.kind for a in got.actors.values()}
    return {(st.kind, name[s], name[o]) for st in got.statements for s in st.subjects for o in st.objects}, kinds


def test_a_list_item_opened_by_a_title_and_this_project(extractor: Extractor) -> None:
    facts, kinds = _facts(extractor, "The Example Peace Fund (EXF) gives grants to local groups.\n\n"
                                     '- "Roads to Peace" (BYF). The Basra Youth Forum ran this EXF-supported '
                                     "project from 2022 to 2024 in Zubair district.")
    assert kinds.get("Roads to Peace") == "programme"
    assert ("implementation", "Basra Youth Forum", "Roads to Peace") in facts
    # who pays for the project pays for the body that runs it too
    assert ("funding", "Example Peace Fund", "Roads to Peace") in facts
    assert ("funding", "Example Peace Fund", "Basra Youth Forum") in facts
    # "(BYF)" after the title is who runs it, not the project's short name
    assert not any(s == "Roads to Peace" and k == "mandate" for k, s, _ in facts)


def test_a_project_implemented_and_funded_in_one_sentence(extractor: Extractor) -> None:
    facts, _ = _facts(extractor, 'The Example Union funds the project "Rebuilding Hit Markets", which the Example '
                                 "Agency implements.")
    assert ("implementation", "Example Agency", "Rebuilding Hit Markets") in facts
    assert ("funding", "Example Union", "Rebuilding Hit Markets") in facts
    facts, _ = _facts(extractor, "The Example Agency implements the “Safe Schools” project in Basra with the Ministry "
                                 "of Education.")
    assert ("implementation", "Example Agency", "Safe Schools") in facts


def test_a_brand_word_alone_names_its_body_and_runs_the_project(extractor: Extractor) -> None:
    # "SAFIR" of "SAFIR Foundation", used alone later; a word another body already goes by is not taken
    facts, kinds = _facts(extractor, '- "Home Again" (SF). A post by SAFIR Foundation says the campaign is part of a '
                                     "project SAFIR implements with the Ashur Trust.")
    assert ("implementation", "SAFIR Foundation", "Home Again") in facts
    got = extractor.extract([(1, "The UNDP Office opened in Hit. UNDP also trains teachers.")])
    office = next(a for a in got.actors.values() if a.name == "UNDP Office")
    assert "UNDP" not in office.aliases
