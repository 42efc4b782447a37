"""Arabic words OCR'd with wrong dots, corrected against known words (reference data, the
document's sure words, Hunspell's Arabic dictionary), and what is never corrected."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from ingest.layout import Word, pages_text
from ingest.ocr_arabic import _arabic_commas, fix_marks
from ingest.ocr_lines import LineWord
from ingest.ocr_rasm import (
    Lexicon,
    correct_page,
    correct_text,
    document_lexicon,
    dot_variants,
    reference_words,
    skeleton,
    spell,
)

needs_hunspell = pytest.mark.skipif(
    shutil.which("hunspell") is None or not Path("/usr/share/hunspell/ar.dic").exists(),
    reason="no Hunspell with Debian's Arabic dictionary (apt-get install hunspell hunspell-ar)",
)


def test_a_skeleton_drops_dots_but_keeps_what_writers_swap() -> None:
    assert skeleton("البصرة") == skeleton("التصرة") == skeleton("الثضرة")
    assert skeleton("مدرسة") != skeleton("مدرسه")  # ة and ه: the writer's spelling, kept
    assert skeleton("على") != skeleton("علي")


def test_a_place_of_the_gazetteer_gets_its_dots_back() -> None:
    lexicon = Lexicon(reference_words())
    assert "البصرة" in reference_words()
    assert lexicon.correct("التصرة") == "البصرة"
    assert lexicon.correct("والتصرة") == "والبصرة"  # through its prefix
    assert lexicon.correct("البصرة") == "البصرة"


def test_a_word_is_left_as_read_where_the_dots_are_not_decided() -> None:
    lexicon = Lexicon(["بعد", "تعد", "سرقت", "شرقت"])
    assert lexicon.correct("نعد") == "نعد"  # a verb's first letter is its person: not a dot error
    assert lexicon.correct("ويعد") == "ويعد"
    assert lexicon.correct("سرفت") == "سرفت"  # two known words share the skeleton
    assert lexicon.correct("قلم") == "قلم"  # no known word has it


def test_the_document_teaches_its_words_only_when_read_surely_twice() -> None:
    once = [[("مستوصف", 95.0)], [("مستوصق", 50.0)]]
    twice = [[("مستوصف", 95.0)], [("مستوصف", 93.0)], [("مستوصق", 50.0)]]
    assert document_lexicon(once).correct("مستوصق") in ("مستوصق", "مستوصف")  # only the dictionary may say
    assert document_lexicon(twice).correct("مستوصق") == "مستوصف"
    assert document_lexicon(once).is_known("مستوصف")  # a word read surely once is not corrected


def test_punctuation_stays_and_a_hamza_after_a_known_word_is_a_comma() -> None:
    lexicon = Lexicon(reference_words())
    assert correct_text("«التصرة»، وبغدادء ثم", lexicon) == "«البصرة»، وبغداد، ثم"


def test_only_unsure_words_are_corrected_on_a_page() -> None:
    words = [Word("التصرة التصرة", 0, 100, 0, 10, 10)]
    out = correct_page(words, [[("التصرة", 60.0), ("التصرة", 97.0)]], Lexicon(reference_words()))
    assert out[0].text == "البصرة التصرة"


def test_dot_variants_change_one_letter_then_two() -> None:
    one = dot_variants("تنسيق")
    assert "تنسيف" in one and "ننسيق" not in one  # the first letter may be a verb's prefix
    assert all(sum(a != b for a, b in zip(v, "تنسيق", strict=True)) == 1 for v in one)
    assert any(sum(a != b for a, b in zip(v, "تنسيق", strict=True)) == 2 for v in dot_variants("تنسيق", 2))


@needs_hunspell
def test_the_arabic_dictionary_accepts_words_and_finds_the_dotted_one() -> None:
    accepted, found = spell(["تنسيق", "تتسيق", "بالتنسيق"])
    assert accepted == {"تنسيق", "بالتنسيق"}
    assert found == {"تتسيق": {"تنسيق"}}
    lexicon = document_lexicon([[("تتسيق", 40.0), ("دوائر", 95.0)]])
    assert lexicon.correct("تتسيق") == "تنسيق"


def _line_with_mark(h: int, w: int) -> np.ndarray:
    ink = np.zeros((40, 110), dtype=bool)
    ink[12:28, 20:100] = True
    ink[30 - h : 30, 5 : 5 + w] = True
    return ink


def test_a_full_stop_that_noise_made_narrow_is_still_a_stop() -> None:
    word = [LineWord("المدينة،", 90, 0, 100)]
    assert fix_marks(word, _line_with_mark(5, 3), 40)[0].text == "المدينة."  # taller than wide, but small
    assert fix_marks(word, _line_with_mark(10, 5), 40)[0].text == "المدينة،"
    assert fix_marks([LineWord("مجدداً،", 90, 0, 100)], _line_with_mark(5, 4), 40)[0].text == "مجدداً."


def test_commas_of_an_arabic_line_are_arabic() -> None:
    line = [LineWord("عام", 90, 200, 40), LineWord("2019,", 90, 100, 60), LineWord("«المدينة»,", 90, 0, 80)]
    assert [w.text for w in _arabic_commas(line)] == ["عام", "2019،", "«المدينة»،"]
    english = [LineWord("in", 90, 0, 20), LineWord("2019,", 90, 30, 40), LineWord("then", 90, 80, 30)]
    assert _arabic_commas(english) == english


def test_running_heads_read_differently_by_ocr_are_dropped() -> None:
    """Three scanned pages whose running head OCR read three ways: it goes; on pages with a
    text layer near-alike heads stay (they must repeat exactly)."""
    heads = ["تقرير المحافظة - مسودة أولى", "تقرير المحافطة - مسوده أولى", "تفرير المحافظة - مسودة اولى"]
    bodies = [
        ["افتتح المركز فرعا جديدا في الحي الشرقي.", "وتدير الفرع لجنة من المتطوعين.", "ويستقبل الطلبات كل صباح."],
        ["وزعت البلدية خمسين منحة صغيرة.", "ذهبت أغلب المنح إلى النساء.", "وتنتهي المرحلة الثانية في الربيع."],
        ["يوصي التقرير بفتح مكتب للشكاوى.", "ويقترح تدريب موظفي الاستقبال.", "كما يدعو إلى نشر النتائج."],
    ]

    def page(head: str, lines: list[str]) -> tuple[list[Word], float]:
        rows = [Word(head, 200, 400, 20, 30, 10)]
        rows += [Word(text, 100, 500, 100 + 20 * i, 110 + 20 * i, 10) for i, text in enumerate(lines)]
        return rows, 600.0

    pages = [page(h, b) for h, b in zip(heads, bodies, strict=True)]
    read = pages_text(pages, frozenset({0, 1, 2}))
    assert all(h not in t for h, t in zip(heads, read, strict=True))
    assert all(all(line in t for line in b) for b, t in zip(bodies, read, strict=True))
    as_text = pages_text(pages)
    assert all(h in t for h, t in zip(heads, as_text, strict=True))
