"""Text helpers every loader shares: decoding, cleaning, script detection, and load errors.

Chunk offsets and quotes point into the cleaned text, so every format goes through the same
cleaning (spaces, invisible characters, presentation forms) and the same error type.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, Field

__all__ = [
    "LoadError",
    "PageSource",
    "PageInfo",
    "Parsed",
    "clean",
    "decode_text",
    "detect_language",
    "is_arabic",
    "normalise_forms",
    "table_row",
]


class PageSource(StrEnum):
    """Where a page's text came from: the PDF's text layer, or OCR of its image."""

    TEXT = "text"
    OCR = "ocr"
    NONE = "none"  # an image-only page that could not be read (no Tesseract)


class PageInfo(BaseModel):
    """Provenance of one page's text, so a fact read by OCR can say so and how sure it is."""

    source: PageSource = PageSource.TEXT
    ocr_confidence: float | None = Field(default=None, ge=0, le=100)
    note: str = ""


class LoadError(Exception):
    """A file that cannot be loaded, with a reason a person can act on."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self) -> tuple[type[LoadError], tuple[Path, str]]:
        """Picklable, so errors survive a process pool."""
        return (LoadError, (self.path, self.reason))


class Parsed(NamedTuple):
    """What a format loader returns: ``load`` turns it into a `LoadedDocument`."""

    kind: str
    title: str
    pages: list[str]
    # per page, same length as ``pages`` when given; None: every page is from a text layer
    info: list[PageInfo] | None = None
    # document metadata beyond the title (a web page's url and date)
    meta: dict[str, str] | None = None


_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def is_arabic(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _ARABIC_RANGES)


def detect_language(text: str) -> str:
    """ "ar" if most letters are Arabic, "mixed" if Arabic and other letters are both ≥20%, else "en"."""
    # counted per distinct character: a per-character loop was a tenth of a long document's
    # ingest (every chunk is classified), and a text has few distinct characters
    arabic = other = 0
    for ch, n in Counter(text).items():
        if ch.isalpha():
            if is_arabic(ch):
                arabic += n
            else:
                other += n
    total = arabic + other
    if total == 0:
        return "en"
    if arabic >= 0.2 * total and other >= 0.2 * total:
        return "mixed"
    return "ar" if arabic > other else "en"


_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only disturb matching: zero-width space/joiner/BOM, soft hyphen,
# and bidi controls (the text is stored in logical order, so they carry nothing).
_INVISIBLE = re.compile("[\u200b\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BROKEN_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)-[ \t]*\n?[ \t]*(?=[A-Z][a-z])")
_PRESENTATION_FORMS = re.compile("[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]")


def normalise_forms(text: str) -> str:
    """Map Arabic presentation forms and Latin ligatures (as PDFs emit them) to plain letters."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def occurrences(text: str, part: str) -> Iterator[int]:
    """Each offset at which ``part`` stands in ``text`` (overlapping ones too), in order."""
    at = text.find(part) if part else -1
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def clean(text: str) -> str:
    """Whitespace-normalise: one space between words, at most one blank line between blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = normalise_forms(text)
    # "Salah al- Din", "al-\nQaim": an article a layout broke from its name (a PDF's line end)
    text = _BROKEN_ARTICLE.sub(r"\1-", text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(1, len(text) // 100)


def _plausible(text: str) -> bool:
    """Text in the scripts this project reads (Latin, Arabic, common punctuation).

    Any even-length byte string decodes as UTF-16, mostly into CJK or unassigned code points;
    this is how a wrong guess is told apart from a real BOM-less UTF-16 file.
    """
    ok = sum(1 for ch in text if ord(ch) < 0x250 or is_arabic(ch) or 0x2000 <= ord(ch) <= 0x206F)
    return ok >= 0.95 * len(text)


def decode_text(path: Path, data: bytes, preferred: str | None = None) -> str:
    """Decode bytes as UTF-8 or UTF-16 (BOM or NUL pattern), else Windows Arabic (cp1256).

    cp1256 decodes almost any byte string, so it is only accepted when the result is
    mostly Arabic; anything else is refused rather than loaded as mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ([preferred] if preferred else []) + ["utf-8"]
        if len(data) % 2 == 0:
            candidates += ["utf-16-le", "utf-16-be"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _looks_binary(text) and (enc.startswith("utf-8") or _plausible(text)):
            return text
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    high = [ch for ch in text if ord(ch) > 0x7F]
    if text and not _looks_binary(text) and high:
        arabic = sum(1 for ch in high if is_arabic(ch) or ch.isspace())
        if arabic >= 0.8 * len(high):
            return text
    from ingest.encodings import decode_western  # Windows-1252 / Latin-1 (issue 17)

    if (western := decode_western(data)) is not None:
        return western[0]
    raise LoadError(path, "cannot decode text as UTF-8, UTF-16, Windows Arabic (cp1256) or Western (cp1252/Latin-1)")


def table_row(cells: list[str]) -> str:
    """A table row as one line, cells between bars: chunking keeps such a line whole."""
    return " | ".join(re.sub(r"\s+", " ", c).strip() for c in cells)
