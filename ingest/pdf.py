"""PDF loading: words from the text layer (pdfplumber), OCR for pages that have none.

Reading order, running heads and paragraphs are decided in `ingest.layout` from word positions,
the same way for text-layer and OCR'd pages, so a scanned report reads like a born-digital one.
"""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path
from typing import Any

from ingest.layout import Word, pages_text
from ingest.ocr import OcrUnavailable, ocr_pages
from ingest.text import LoadError, PageInfo, PageSource, Parsed

__all__ = ["load_pdf", "replace_cids"]

_CID = re.compile(r"\(cid:(\d+)\)")
# Glyph codes that fonts without a Unicode map use for bullets (Symbol, Wingdings, TeX's
# cmsy bullet), and the private-use code points some producers emit for them.
_BULLET_CIDS = {127, 149, 183, 8226, 61623, 61607, 61656, 61692}
_PRIVATE_BULLETS = str.maketrans({chr(c): "•" for c in (0xF0B7, 0xF0A7, 0xF0D8, 0xF0FC, 0xF06C)})
_MIN_WORDS = 3  # fewer words than this on a page with images: the page is a scan
_ARABIC = re.compile("[\u0600-\u06ff]")
# LibreOffice justifies Arabic by stretching words with kashida glyphs that its font subset maps
# to "<" (also after the dash of a list item): a "<" glued to an Arabic letter is never text
_KASHIDA = re.compile("(?<=[\u0600-\u06ff-])<+|<+(?=[\u0600-\u06ff-])")


def replace_cids(text: str) -> str:
    """``(cid:N)`` is a glyph without a Unicode mapping: bullets become "•", others are dropped
    (a guessed letter would be worse than a gap)."""
    return _CID.sub(lambda m: "•" if int(m.group(1)) in _BULLET_CIDS else "", text).translate(_PRIVATE_BULLETS)


def _pdf_title(meta: dict[str, Any]) -> str:
    title = meta.get("Title", "")
    if isinstance(title, bytes):
        if title.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
            title = title.decode("utf-16", errors="replace")
        else:
            title = title.decode("latin-1")
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", str(title)).strip()
    return "" if title.lower() in ("untitled", "none") else title


def _pdf_error(path: Path, err: BaseException) -> LoadError:
    """Translate pdfminer's exceptions into the reasons a person needs."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err
    if isinstance(inner, PDFPasswordIncorrect):
        return LoadError(path, "encrypted PDF (password required)")
    if isinstance(inner, PDFEncryptionError):
        return LoadError(path, f"encrypted PDF (unsupported encryption: {inner})")
    detail = str(inner) or type(inner).__name__
    return LoadError(path, f"truncated or damaged PDF: {detail}")


def _words(page: Any) -> list[Word]:
    # a ligature glyph ("لأ", one glyph for two letters) carries its letters in logical order,
    # while the glyphs of a right-to-left line come in visual order and the whole line is
    # reversed later (`ingest.bidi`): reversed here first, it comes out right
    for ch in page.chars:
        if len(ch["text"]) > 1 and _ARABIC.search(ch["text"]):
            ch["text"] = ch["text"][::-1]
    # letters closer than 0.15 of their size are one word: pdfplumber's fixed 3 pt joins the words
    # of a tightly justified line (LaTeX sets no space characters, only narrow gaps)
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"], x_tolerance_ratio=0.15)
    out = []
    for w in raw:
        text = _KASHIDA.sub("", replace_cids(w["text"]))
        if text.strip():
            out.append(Word(text, w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"])))
    return out


def load_pdf(path: Path, data: bytes) -> Parsed:
    """PDF via pdfplumber; pages without a text layer are read by Tesseract when it is here,
    else reported as needing OCR while the rest of the file goes in."""
    import pdfplumber

    if b"%PDF-" not in data[:1024]:
        raise LoadError(path, "not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise LoadError(path, "truncated or damaged PDF: no %%EOF marker at the end (file cut short?)")
    pages: list[tuple[list[Word], float]] = []
    scans: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = _pdf_title(pdf.metadata or {})
            for i, page in enumerate(pdf.pages):
                words = _words(page)
                if len(words) < _MIN_WORDS and (page.images or not words):
                    scans.append(i)
                pages.append((words, float(page.width)))
                page.close()
    except Exception as e:  # pdfminer raises many types on broken files
        raise _pdf_error(path, e) from None
    info = [PageInfo() for _ in pages]
    if scans:
        try:
            for i, (words, confidence) in ocr_pages(data, scans).items():
                pages[i] = (words, pages[i][1])
                info[i] = PageInfo(source=PageSource.OCR, ocr_confidence=confidence)
        except OcrUnavailable as e:
            if len(scans) == len(pages):
                raise LoadError(path, f"needs OCR (scanned or image-only PDF): {e}") from None
            for i in scans:
                info[i] = PageInfo(source=PageSource.NONE, note=f"needs OCR, not read: {e}")
    read = frozenset(i for i, page in enumerate(info) if page.source == PageSource.OCR)
    texts = pages_text(pages, read)
    if not any(texts):
        raise LoadError(path, "no extractable text (image-only PDF on which OCR found no text)")
    return Parsed("pdf", title, texts, info)
