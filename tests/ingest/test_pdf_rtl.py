"""Rules of the PDF reader for right-to-left documents as office suites export them: kashida
glyphs, ligatures of two letters, quotation marks, footnotes under the first column, English
lines inside right-to-left paragraphs. No PDF needed: words with positions, as pdfplumber gives."""

from __future__ import annotations

from ingest.bidi import visual_to_logical
from ingest.layout import Word, pages_text
from ingest.pdf import _KASHIDA


def _line(text_visual: str, top: float, x0: float = 100.0, size: float = 10.0) -> Word:
    return Word(text_visual, x0, x0 + 6 * len(text_visual), top, top + size, size)


def test_kashida_glyphs_glued_to_arabic_letters_are_dropped() -> None:
    assert _KASHIDA.sub("", "ع<<فر") == "عفر"
    assert _KASHIDA.sub("", "<<-") == "-"
    assert _KASHIDA.sub("", "a < b") == "a < b"  # a real comparison is text


def test_an_english_run_in_a_right_to_left_line_keeps_its_place() -> None:
    # logical: "تقرير about Basra مدينة" drawn right to left, read left to right on the page
    visual = "ةنيدم about Basra ريرقت"
    assert visual_to_logical(visual, rtl_paragraph=True) == "تقرير about Basra مدينة"


def test_quotation_and_footnote_of_a_right_to_left_page() -> None:
    # two lines of body text, then a smaller footnote line under them
    page = [
        _line("«ةحاولا» يف ةسردملا تحتف", 100),  # visual order: the glyphs as drawn
        _line("ريرقتلا بسح", 114),
        _line("لوألا لصفلا نم ةرقف 2", 700, size=7),
    ]
    text = pages_text([(page, 600.0)])[0]
    assert text.startswith("فتحت المدرسة في «الواحة» حسب التقرير")
    assert text.split("\n\n")[-1] == "2 فقرة من الفصل الأول"
    # a producer that maps each mirrored glyph to the mark it shows: the quotation still opens with «
    page[0] = _line("»ةحاولا« يف ةسردملا تحتف", 100)
    assert "«الواحة»" in pages_text([(page, 600.0)])[0]
