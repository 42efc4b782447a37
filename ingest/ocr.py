"""OCR of image-only PDF pages with Tesseract (Debian's tesseract-ocr, through pytesseract).

Many government documents are scans. Their pages are rendered (pypdfium2, which pdfplumber
already brings) and read by Tesseract into words with boxes in PDF points, so the same layout
code orders them as it orders a text layer; each page keeps Tesseract's mean word confidence.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from ingest.layout import Word
from ingest.text import is_arabic

__all__ = ["OCR_INSTALL", "OCR_LANGUAGES", "OcrUnavailable", "ocr_available", "ocr_image", "ocr_pages"]

OCR_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng"
OCR_LANGUAGES = ("ara", "eng")
_DPI = 300  # Tesseract's models are trained on ~300 dpi text; lower loses small print


class OcrUnavailable(RuntimeError):
    """Tesseract or one of its language models is not installed."""


@lru_cache(maxsize=1)
def _languages() -> str:
    """The "ara+eng" argument, after checking the binary and its models are here."""
    import pytesseract

    if shutil.which("tesseract") is None:
        raise OcrUnavailable(f"Tesseract is not installed ({OCR_INSTALL})")
    try:
        have = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as e:
        raise OcrUnavailable(f"Tesseract does not run ({e}); reinstall: {OCR_INSTALL}") from None
    missing = [lang for lang in OCR_LANGUAGES if lang not in have]
    if missing:
        raise OcrUnavailable(f"Tesseract lacks the {'+'.join(missing)} model(s) ({OCR_INSTALL})")
    return "+".join(OCR_LANGUAGES)


def ocr_available() -> bool:
    try:
        _languages()
    except OcrUnavailable:
        return False
    return True


def ocr_image(image: Any, scale: float) -> tuple[list[Word], float]:
    """Words of one page image (boxes divided by ``scale`` pixels per point) and the mean word
    confidence (0-100). Arabic words are given glyphs-left-to-right, as a PDF text layer has
    them, so that the one right-to-left fix-up in `ingest.bidi` applies to both."""
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=_languages(), config="--psm 3", output_type=pytesseract.Output.DICT
    )
    words: list[Word] = []
    confidences: list[float] = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        if sum(is_arabic(c) for c in text) * 2 > len(text):
            text = text[::-1]
        left, top, width, height = (data[k][i] / scale for k in ("left", "top", "width", "height"))
        # Tesseract's box is the ink; a font size is about 1.3 times the height of lower case
        words.append(Word(text, left, left + width, top, top + height, round(height * 1.3)))
        confidences.append(conf)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return words, round(mean, 1)


def ocr_pages(data: bytes, indices: list[int]) -> dict[int, tuple[list[Word], float]]:
    """OCR the given pages (0-based) of a PDF, two at a time with one thread each: on a small
    machine that beats one page with Tesseract's own threads."""
    import pypdfium2

    _languages()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pdf = pypdfium2.PdfDocument(data)
    scale = _DPI / 72
    try:
        images = {i: pdf[i].render(scale=scale, grayscale=True).to_pil() for i in indices}
    finally:
        pdf.close()
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        done = pool.map(lambda i: (i, ocr_image(images[i], scale)), indices)
        return dict(done)
