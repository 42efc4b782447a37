"""The parts of Arabic OCR that do not need Tesseract: lines cut from ink, the Arabic comma told
from a full stop by its shape, and English readings merged into Arabic lines."""

from __future__ import annotations

import numpy as np

from ingest.ocr_arabic import _otsu, fix_marks, merge_english
from ingest.ocr_lines import LineWord, clean_word, cut_lines, line_height


def _page() -> np.ndarray:
    """Two columns of five 30-px lines, a title across both, a bullet-sized speck."""
    ink = np.zeros((600, 800), dtype=bool)
    ink[20:60, 100:700] = True  # title
    for col in (50, 450):
        for k in range(5):
            top = 100 + k * 45
            ink[top : top + 30, col : col + 300] = True
    ink[300:306, 30:36] = True  # a speck left of the left column
    return ink


def test_lines_are_cut_per_column_and_specks_dropped() -> None:
    ink = _page()
    h = line_height(ink)
    assert 28 <= h <= 42
    boxes = sorted(cut_lines(ink, h))
    assert len(boxes) == 11
    assert sum(1 for b in boxes if b.x1 - b.x0 == 600) == 1  # the title keeps its full width
    assert {(b.x0, b.x1) for b in boxes if b.x1 - b.x0 == 300} == {(50, 350), (450, 750)}


def test_touching_lines_are_cut_at_their_thinnest_row() -> None:
    ink = np.zeros((120, 300), dtype=bool)
    ink[10:40, 10:290] = True
    ink[40:50, 150:153] = True  # a vowel mark bridging the gap to the line below
    ink[50:80, 10:290] = True
    boxes = sorted(cut_lines(ink, 30.0), key=lambda b: b.y0)
    assert len(boxes) == 2 and boxes[0].y1 <= 51 and boxes[1].y0 >= 40 and boxes[1].y1 == 80


def _line_with_mark(mark: np.ndarray) -> np.ndarray:
    """A 40-px line: a word's letters at x 20..100, its last mark (left of it) at x 5."""
    ink = np.zeros((40, 110), dtype=bool)
    ink[12:28, 20:100] = True
    h, w = mark.shape
    ink[30 - h : 30, 5 : 5 + w] = mark
    return ink


def test_the_mark_after_an_arabic_word_is_read_by_its_shape() -> None:
    word = [LineWord("الأنبار.", 90, 0, 100)]
    comma = _line_with_mark(np.ones((9, 5), dtype=bool))
    stop = _line_with_mark(np.ones((5, 5), dtype=bool))
    colon = np.zeros((16, 5), dtype=bool)
    colon[:5], colon[-5:] = True, True
    assert fix_marks(word, comma, 40)[0].text == "الأنبار،"
    assert fix_marks([LineWord("الأنبار,.", 90, 0, 100)], stop, 40)[0].text == "الأنبار."
    assert fix_marks(word, _line_with_mark(colon), 40)[0].text == "الأنبار:"
    # a hamza is a letter (wide): left alone; a Latin word is never touched
    assert fix_marks([LineWord("قضاء", 90, 0, 100)], _line_with_mark(np.ones((17, 12), dtype=bool)), 40)[0].text == "قضاء"
    assert fix_marks([LineWord("Anbar.", 90, 0, 100)], comma, 40)[0].text == "Anbar."


def test_english_replaces_what_arabic_misread_and_nothing_else() -> None:
    arabic = [LineWord("التطرف", 92, 300, 80), LineWord("العنيف", 91, 200, 80), LineWord("(87001/8).", 12, 90, 100),
              LineWord("التابعة", 92, 0, 80)]
    english = [LineWord("vsog", 10, 300, 80), LineWord("yo", 88, 200, 80), LineWord("(NCCVE)", 87, 92, 96),
               LineWord("drool", 65, 0, 80)]
    merged = [w.text for w in merge_english(arabic, english)]
    assert merged == ["التطرف", "العنيف", "(NCCVE).", "التابعة"]
    # an English line (surer on average, mostly Latin) wins whole
    line = [LineWord("Summary", 96, 0, 60), LineWord("(English)", 95, 70, 60)]
    assert merge_english([LineWord("عط", 20, 0, 130)], line) == line
    # a run of Latin words keeps its left-to-right order inside a right-to-left line
    arabic = [LineWord("منظمة", 92, 400, 80), LineWord("غع", 10, 250, 60), LineWord("عغ", 10, 150, 60),
              LineWord("في", 93, 0, 40)]
    english = [LineWord("ao", 20, 400, 80), LineWord("Save", 90, 150, 60), LineWord("Children", 90, 250, 60),
               LineWord("ys", 15, 0, 40)]
    assert [w.text for w in merge_english(arabic, english)] == ["منظمة", "Save", "Children", "في"]


def test_otsu_splits_ink_from_paper() -> None:
    rng = np.random.default_rng(1)
    pixels = np.concatenate([rng.normal(230, 8, 9000), rng.normal(40, 10, 1000)]).clip(0, 255).astype(np.uint8)
    assert 60 < _otsu(pixels) < 210


def test_an_acronym_replaces_a_reading_without_arabic_letters() -> None:
    """"(ABC)" read by the Arabic model as "(/101)." at 80%: no Arabic letter, so the English
    reading wins even at 66%, and the full stop (after Tesseract's bidi mark) carries over."""
    arabic = [LineWord("افتتح", 93, 300, 100), LineWord("(/101).\u200f", 80, 150, 110), LineWord("مكتبا", 93, 0, 80)]
    english = [LineWord("goby", 10, 300, 100), LineWord("(ABC)", 66, 150, 110), LineWord("pol", 30, 0, 80)]
    out = merge_english([w._replace(text=clean_word(w.text, w.conf)) for w in arabic], english)
    assert [w.text for w in out] == ["افتتح", "(ABC).", "مكتبا"]
    # a word with Arabic letters read surely stays Arabic
    sure = [LineWord("افتتح", 93, 300, 100), LineWord("مركزا", 90, 150, 110), LineWord("مكتبا", 93, 0, 80)]
    assert merge_english(sure, english) == sure
