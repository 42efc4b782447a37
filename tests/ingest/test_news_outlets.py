"""A news outlet reports what bodies do; it is no body of the field (a digest of news names its
sources in every other sentence). Sentences of our own, no store."""

from __future__ import annotations

import pytest

from ingest.extract import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _names(ex: Extractor, text: str) -> set[str]:
    return {a.name for a in ex.extract([(1, text)]).actors.values()}


@pytest.mark.parametrize("text, outlet", [
    ("Later, Dijla News quoted the mayor of Hit as saying that 300 families had returned.", "Dijla News"),
    ("Aid workers told The Daily Tribune that the closure was rushed.", "Daily Tribune"),
    ("According to Tigris TV, the Example Agency opened a centre in Hit.", "Tigris TV"),
])
def test_an_outlet_named_in_english_is_no_body(extractor: Extractor, text: str, outlet: str) -> None:
    names = _names(extractor, text)
    assert not any(outlet in n for n in names), names


def test_the_body_an_outlet_reports_on_stays(extractor: Extractor) -> None:
    assert "Example Agency" in _names(extractor, "According to Tigris TV, the Example Agency opened a centre in Hit.")


@pytest.mark.parametrize("text", [
    "وذكرت وكالة دجلة نيوز أن منظمة الأمل العراقية افتتحت مركزاً في هيت.",
    "وأفادت وكالة الرافدين للأنباء بأن منظمة الأمل العراقية افتتحت مركزاً في هيت.",
])
def test_an_outlet_named_in_arabic_is_no_body(extractor: Extractor, text: str) -> None:
    names = _names(extractor, text)
    assert "منظمة الأمل العراقية" in names
    assert not any(n.startswith("وكالة") for n in names), names
