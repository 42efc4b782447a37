"""graph.names: the one definition of "the same name" (spellings, scripts, acronyms)."""

from __future__ import annotations

import pytest

from graph.names import acronym_of, is_arabic, name_key, normalize_arabic, normalize_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("International Organisation for Migration", "International Organization for Migration"),
        ("United Nations Development Programme", "United Nations Development Program"),
        ("Ministry of Defence", "Ministry of Defense"),
        ("Ministry of Labour and Social Affairs", "Ministry of Labor & Social Affairs"),
        ("Hedayah Centre", "Hedayah Center"),
        ("community mobilisation", "community mobilization"),
        ("The Strong Cities Network", "Strong Cities Network"),
        ("Al-Mada'in", "Al Madain"),
        ("  NATIONAL   committee ", "national Committee"),
        ("Foreign, Commonwealth & Development Office", "Foreign Commonwealth and Development Office"),
    ],
)
def test_english_variants_normalise_alike(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("والأنبار", "الانبار"),
        ("الأنبار", "أنبار"),
        ("إربيل", "أربيل"),
        ("آمرلي", "امرلي"),
        ("نينوى", "نينوي"),
        ("حلبجة", "حلبجه"),
        ("مُحافَظة", "محافظة"),
        ("محافـــظة", "محافظة"),
        ("کرکوک", "كركوك"),  # Persian/Kurdish kaf and yeh
        ("الموصل", "موصل"),
        ("الوزارة", "وزارة"),
        ("والوزارة", "وزارة"),
    ],
)
def test_arabic_variants_normalise_alike(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)
    assert normalize_arabic(a) == normalize_arabic(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ministry of Labour", "Ministry of Interior"),
        ("Ministry of Education", "Ministry of Higher Education"),
        ("UNDP", "UNODC"),
        ("وزارة الداخلية", "وزارة الدفاع"),
        ("Thawra 1", "Thawra 2"),
    ],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_normalisation_is_idempotent() -> None:
    for s in ["The International Organisation for Migration", "والأنبار", "الوالي", "Al-Mada'in", "M&E"]:
        once = normalize_name(s)
        assert normalize_name(once) == once


def test_short_words_keep_their_letters() -> None:
    # "ال" goes only when two letters remain, a bare "و" only when three remain.
    assert normalize_arabic("الي") == "الي"
    assert normalize_arabic("ولد") == "ولد"


def test_leading_the_only() -> None:
    assert normalize_name("The Hague") == "hague"
    assert normalize_name("Office of the Prime Minister") == "office of the prime minister"
    assert normalize_name("The") == "the"


def test_name_key_drops_generic_words() -> None:
    assert name_key("Al-Anbar") == name_key("Anbar") == "anbar"
    assert name_key("Ministry of the Interior") == name_key("Ministry Interior")
    assert name_key("The") == "the"  # never empty


def test_is_arabic() -> None:
    assert is_arabic("اللجنة الوطنية")
    assert is_arabic("UNDP برنامج الأمم المتحدة الإنمائي")
    assert not is_arabic("National Committee")
    assert not is_arabic("2023")
    assert not is_arabic("")


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("National Committee for Countering Violent Extremism", "NCCVE"),
        ("International Organization for Migration", "IOM"),
        ("United Nations Development Programme", "UNDP"),
        ("United Nations Office on Drugs and Crime", "UNODC"),
        ("United Nations Office of Counter-Terrorism", "UNOCT"),
        ("Global Community Engagement and Resilience Fund", "GCERF"),
        ("Foreign, Commonwealth & Development Office", "FCDO"),
        ("World Health Organization (WHO)", "WHO"),
        ("the Global Counterterrorism Forum", "GCF"),
        ("اللجنة الوطنية", ""),
    ],
)
def test_acronym_of(name: str, acronym: str) -> None:
    assert acronym_of(name) == acronym
