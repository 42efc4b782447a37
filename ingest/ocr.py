"""OCR of image-only PDF pages with Tesseract (Debian's tesseract-ocr, through pytesseract).

Many government documents are scans. Their pages are rendered (pypdfium2, which pdfplumber
already brings) and read by Tesseract into words with boxes in PDF points, so the same layout
code orders them as it orders a text layer; each page keeps Tesseract's mean word confidence.
"""

from __future__ import annotations

import os
import shutil
import statistics
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from PIL import ImageFilter

from ingest.layout import Word
from ingest.ocr_arabic import read_arabic_page
from ingest.ocr_lines import clean_word
from ingest.ocr_rasm import correct_page, document_lexicon

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


def _deskew(image: Any) -> Any:
    """Level a page scanned a little askew: a tilt of half a degree is enough for Tesseract to
    run lines of two columns together. The angle is the one under which rows of ink are most
    sharply separated (variance of the row sums of a quarter-size copy)."""
    import numpy as np
    from PIL import Image

    small = image.reduce(4)
    best, best_score = 0.0, -1.0
    for tenth in range(-20, 21):
        ink = np.asarray(small.rotate(tenth / 10, resample=Image.Resampling.BILINEAR, fillcolor=255)) < 128
        score = float(np.var(ink.sum(axis=1)))
        if score > best_score:
            best, best_score = tenth / 10, score
    if best == 0.0:
        return image
    return image.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _page_languages(image: Any) -> str:
    """"eng" for a page in Latin script, else Arabic and English: Tesseract's script detection
    (on a half-size copy, which is plenty for it) keeps the Arabic model, slower and prone to
    reading specks as Arabic letters, off English pages."""
    import pytesseract

    languages = _languages()
    try:
        osd = pytesseract.image_to_osd(image.reduce(2), config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:  # too little text to tell
        return languages
    return "eng" if osd.get("script") == "Latin" and osd.get("script_conf", 0) > 1 else languages


def ocr_available() -> bool:
    try:
        _languages()
    except OcrUnavailable:
        return False
    return True


def ocr_image(image: Any, scale: float) -> tuple[list[Word], float]:
    """The lines of one page image as `Word` boxes and their mean confidence: `read_image`,
    with an Arabic page's dots corrected against the page's own words (`ocr_pages` uses the
    whole document's)."""
    words, mean, tokens = read_image(image, scale)
    if tokens is not None:
        words = correct_page(words, tokens, document_lexicon(tokens))
    return words, mean


def read_image(image: Any, scale: float) -> tuple[list[Word], float, list[list[tuple[str, float]]] | None]:
    """The lines of one page image as `Word` boxes in points (``scale`` pixels per point), and
    the mean word confidence (0-100), and for a page in Arabic script each line's words with
    their confidence (None for other pages).

    A page in Arabic script goes to `ingest.ocr_arabic` (lines cut from the ink, each read in
    Arabic and, where unsure, in English). On other pages each of Tesseract's text lines becomes one box: the layout code then finds columns and
    running heads from line boxes, which specks and punctuation cannot blur as single words
    would. Lines are in logical order (Tesseract reads Arabic right to left). Words under
    _MIN_CONFIDENCE without a letter or digit are specks, not text.
    """
    import pytesseract

    image = _deskew(image.filter(ImageFilter.MedianFilter(3)))  # specks off, lines level
    languages = _page_languages(image)
    if "ara" in languages.split("+"):  # Tesseract's page layout loses Arabic lines: cut them here
        lines_read, tokens = read_arabic_page(image, scale)
        confs = [conf for line in tokens for _, conf in line]
        return lines_read, round(sum(confs) / len(confs), 1) if confs else 0.0, tokens
    data = pytesseract.image_to_data(image, lang=languages, config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[int]] = {}
    confidences: list[float] = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if not text.strip() or conf < 0:
            continue
        text = clean_word(text, conf)
        if not text:
            continue
        data["text"][i] = text
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
        confidences.append(conf)
    # one font size per block (Tesseract's boxes vary line to line; a footnote is its own block)
    block_heights: dict[int, list[int]] = {}
    for (block, _, _), ids in lines.items():
        block_heights.setdefault(block, []).extend(data["height"][i] for i in ids)
    words: list[Word] = []
    for (block, _, _), ids in lines.items():
        left = min(data["left"][i] for i in ids) / scale
        right = max(data["left"][i] + data["width"][i] for i in ids) / scale
        top = min(data["top"][i] for i in ids) / scale
        bottom = max(data["top"][i] + data["height"][i] for i in ids) / scale
        size = statistics.median(block_heights[block]) / scale * 1.3  # ink height to a font size
        text = " ".join(data["text"][i] for i in ids)
        words.append(Word(text, left, right, top, bottom, round(size)))
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return words, round(mean, 1), None


def ocr_pages(data: bytes, indices: list[int]) -> dict[int, tuple[list[Word], float]]:
    """OCR the given pages (0-based) of a PDF, two at a time with one thread each: on a small
    machine that beats one page with Tesseract's own threads. Arabic words are corrected once
    all pages are read, so that each page learns from the words of the others."""
    import pypdfium2

    _languages()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    workers = min(2, os.cpu_count() or 1)
    scale = _DPI / 72
    read: dict[int, tuple[list[Word], float, list[list[tuple[str, float]]] | None]] = {}
    pdf = pypdfium2.PdfDocument(data)
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # pdfium is not thread-safe: pages are rendered here, a few at a time (a 300 dpi
            # page is ~9 MB), and read by Tesseract in the workers
            for start in range(0, len(indices), workers):
                batch = indices[start : start + workers]
                images = [pdf[i].render(scale=scale, grayscale=True).to_pil() for i in batch]
                for i, result in zip(batch, pool.map(lambda im: read_image(im, scale), images), strict=True):
                    read[i] = result
    finally:
        pdf.close()
    # Arabic dots restored against the reference words and the words this document read surely
    lexicon = document_lexicon([line for _, _, tokens in read.values() for line in tokens or []])
    return {
        i: (correct_page(words, tokens, lexicon) if tokens is not None else words, mean)
        for i, (words, mean, tokens) in read.items()
    }
