"""Tables in prose documents: a row cut into sentences is still one row of its table, and a table of
partners and money with no lead column lists who funds the body the document is about; texts of
our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extraction, Extractor

TITLE = "Old Market Revival — Example Heritage Agency flagship project"
TABLE = (
    "# Old Market Revival — Example Heritage Agency flagship project\n\n"
    "## Who pays\n\n"
    "| Donor | Pledge | Spent on |\n"
    "|---|---|---|\n"
    "| Government of Japan | US$12 million over four years. Signed in Tokyo by Dr. Ken Sato. Some 80 builders "
    "are already at work | repair of the old market |\n"
    "| European Union | €3 million over two years | training for 300 young builders |\n"
    "| Government of Sweden | sum not yet published | a pilot for primary schools |\n"
)


@pytest.fixture(scope="module")
def x() -> Extractor:
    return Extractor()


def _funds(ex: Extraction) -> set[tuple[str, str]]:
    name = {k: a.name for k, a in ex.actors.items()}
    return {(name[s], name[o]) for st in ex.statements if st.kind == "funding" for s in st.subjects for o in st.objects}


def test_each_donor_row_funds_the_body_the_document_is_about(x: Extractor) -> None:
    funds = _funds(x.extract([(1, TABLE)], TITLE))
    for donor in ("Government of Japan", "European Union", "Government of Sweden"):
        assert (donor, "Example Heritage Agency") in funds, donor  # also after a row cut into sentences


def test_no_owner_no_donor_statement(x: Extractor) -> None:
    assert not _funds(x.extract([(1, TABLE.replace("Example Heritage Agency", "a heritage"))], "Old Market Revival"))


def test_a_status_table_is_no_donor_table(x: Extractor) -> None:
    text = ("# Example Heritage Agency report\n\n| Commitment | Status |\n|---|---|\n"
            "| Government of Japan training for builders | in force |\n")
    assert not _funds(x.extract([(1, text)], "Example Heritage Agency report"))


def test_sums_in_a_partner_column_make_it_a_donor_table(x: Extractor) -> None:
    text = ("# Old Market Revival — Example Heritage Agency flagship project\n\n| Partner | Commitment |\n|---|---|\n"
            "| Government of Japan | US$2 million for 2025 |\n")
    assert ("Government of Japan", "Example Heritage Agency") in _funds(x.extract([(1, text)], TITLE))
    plain = text.replace("US$2 million for 2025", "advice on heritage law")
    assert not _funds(x.extract([(1, plain)], TITLE))


def test_a_project_named_in_a_donor_row_is_paid_for_and_run_by_the_owner(x: Extractor) -> None:
    text = TABLE.replace("| training for 300 young builders |", '| "Young Builders of Hit": training for 300 builders |')
    ex = x.extract([(1, text)], TITLE)
    name = {k: a.name for k, a in ex.actors.items()}
    assert any(a.name == "Young Builders of Hit" and a.kind == "programme" for a in ex.actors.values())
    assert ("European Union", "Young Builders of Hit") in _funds(ex)
    assert ("European Union", "Example Heritage Agency") in _funds(ex)
    runs = {(name[s], name[o]) for st in ex.statements if st.kind == "implementation" for s in st.subjects
            for o in st.objects}
    assert ("Example Heritage Agency", "Young Builders of Hit") in runs
    # the other rows name no project: their donors pay the owner only
    assert not any(d == "Government of Japan" and p == "Young Builders of Hit" for d, p in _funds(ex))
