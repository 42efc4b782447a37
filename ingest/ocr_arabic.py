"""OCR of a page in Arabic script: lines cut from the ink, read in Arabic and in English, and the
Arabic comma told from a full stop by its shape.

Debian's Arabic model (``ara``, the fast one) reads Arabic well line by line, but:

- with ``ara+eng`` it reads short Arabic words as Latin letter salad ("gli", "WII"), and with
  ``ara`` alone every Latin word is Arabic salad. So each line is read with ``ara``; a line it
  is unsure of is read again with ``eng``, and the English reading replaces the whole line (an
  English paragraph) or the words at the same place (an acronym in an Arabic sentence) where
  it is surer of them;
- it writes the Arabic comma "،" as ".", ",", ":" or "ء". A full stop would end a sentence where
  the writer did not, so the mark is judged by its shape: a comma is one stroke taller than
  wide, a full stop a round dot, a colon two dots one above the other.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

from ingest.layout import Word
from ingest.ocr_lines import Box, LineWord, clean_word, cut_lines, line_height, read_lines

__all__ = ["fix_marks", "merge_english", "read_arabic_page"]

_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
_END_MARK = re.compile("([.,:،؛]+|ء)$")
_STOP = re.compile("[.،,:]$")  # "," too: the Arabic model's comma, made "،" once the line is read
_VOWELS = re.compile("[\u064b-\u0652\u0640]")
# a comma's ink is about a quarter of a line high, a full stop's about an eighth (DejaVu, Amiri,
# Noto Naskh alike); noise moves either by a pixel or two, their ratio of height to width more
_COMMA_HEIGHT = 0.2
_ACRONYM = re.compile(r"^\(?[A-Z]{3,}\)?\W?$")
_SURE = 80.0  # a line whose every word the Arabic model reads at least this sure is not re-read
# The English model reads Arabic script as Latin words with confidences up to ~85 ("drool" 65,
# "yo" 88): an English line must average more than _ENGLISH_LINE, and a Latin word inside an
# Arabic line must be read at _SURE_LATIN where the Arabic model was below _UNSURE_ARABIC.
_ENGLISH_LINE = 70.0
_SURE_LATIN = 85.0
_UNSURE_ARABIC = 60.0
_FOREIGN_LATIN = 60.0  # an acronym read where the Arabic model saw no Arabic letter


def _mean(words: list[LineWord]) -> float:
    return statistics.mean(w.conf for w in words) if words else 0.0


def merge_english(arabic: list[LineWord], english: list[LineWord]) -> list[LineWord]:
    """One line's words from its Arabic and its English reading (both in logical order).

    The English reading wins the whole line when it is surer on average and mostly Latin; else
    each Latin word it is sure of replaces the Arabic words at the same place that the Arabic
    model was unsure of. A run of Latin words keeps its left-to-right order inside a right-to-left line.
    """
    latin = [w for w in english if _LATIN.search(w.text)]
    if _mean(english) > max(_mean(arabic), _ENGLISH_LINE) and len(latin) >= 0.5 * max(1, len(english)):
        return english
    taken: dict[int, LineWord] = {}
    for w in latin:
        same = [i for i, a in enumerate(arabic) if i not in taken and _overlap(w, a) > 0.5]
        sure = _SURE_LATIN - (15 if _ACRONYM.match(w.text) else 0)  # "(IOM)" is read less surely
        # an acronym where the Arabic model read no Arabic letter ("(IOM)" as "(/101)") is taken
        # however sure that reading was: it can only have been Latin letters
        foreign = _ACRONYM.match(w.text) and same and not any(_ARABIC.search(arabic[i].text) for i in same)
        unsure = foreign or (same and statistics.mean(arabic[i].conf for i in same) < _UNSURE_ARABIC)
        if same and w.conf >= (_FOREIGN_LATIN if foreign else sure) and unsure:
            stop = _STOP.search(arabic[same[-1]].text)
            if stop and not _STOP.search(w.text):  # the Arabic reading saw the mark after it
                w = w._replace(text=w.text + stop.group(0))
            taken.update((i, w) for i in same)
    if not taken:
        return arabic
    out: list[LineWord] = []
    run: list[LineWord] = []
    for i, a in enumerate([*arabic, None]):
        if a is not None and i in taken:
            if taken[i] not in run:
                run.append(taken[i])
            continue
        out += sorted(run, key=lambda w: w.left)
        run = []
        if a is not None:
            out.append(a)
    return out


def _overlap(a: LineWord, b: LineWord) -> float:
    common = min(a.left + a.width, b.left + b.width) - max(a.left, b.left)
    return max(0, common) / max(1, min(a.width, b.width))


def _last_mark(ink: Any, left: int, width: int) -> tuple[int, int, bool] | None:
    """Width, height and solidity (no blank row inside) of the leftmost stroke between ``left``
    and ``left + width`` of a line's ink (the last mark of a right-to-left word), or None when
    nothing separates it from the letters."""
    import numpy as np

    crop = ink[:, max(0, left) : left + width]
    cols = crop.any(axis=0)
    if not cols.any():
        return None
    x0 = int(np.argmax(cols))
    x1 = x0
    while x1 < crop.shape[1] and cols[x1]:
        x1 += 1
    if not cols[x1:].any():  # no gap before the letters: not a separate mark
        return None
    rows = np.flatnonzero(crop[:, x0:x1].any(axis=1))
    solid = bool(crop[rows[0] : rows[-1] + 1, x0:x1].any(axis=1).all())
    return x1 - x0, int(rows[-1] - rows[0] + 1), solid


def fix_marks(words: list[LineWord], ink: Any, line_h: float) -> list[LineWord]:
    """Give each Arabic word that ends in a dot, comma, colon or hamza the mark its shape shows
    (``ink``: the line's pixels, True = ink; ``line_h``: the page's usual line height)."""
    out = []
    for w in words:
        m = _END_MARK.search(w.text)
        before = _VOWELS.sub("", w.text[: m.start()])[-1:] if m else ""  # "داخلياً." ends in a letter
        shape = _last_mark(ink, w.left, w.width) if m and _ARABIC.search(before) else None
        if m is None or shape is None:
            out.append(w)
            continue
        width, height, solid = shape
        mark = m.group(1)[-1]  # "،." is one mark read twice
        if width > 0.25 * line_h or height > 0.45 * line_h:  # a letter (hamza, final form), not a mark
            pass
        elif mark == "ء":  # a hamza stands alone after an alef: only a thin stroke is a comma
            mark = "،" if solid and height >= 1.5 * width and width <= 0.18 * line_h else mark
        elif not solid:
            mark = ":"
        elif width <= 0.05 * line_h:  # a sliver of a mark that noise broke: keep what was read
            pass
        elif height >= _COMMA_HEIGHT * line_h:  # a comma stands twice as tall as a full stop
            mark = "،"
        else:  # a stop that noise made a little taller than wide is still a stop
            mark = "."
        out.append(w._replace(text=w.text[: m.start()] + mark))
    return out


def _arabic_commas(words: list[LineWord]) -> list[LineWord]:
    """In a line mostly in Arabic letters every comma is the Arabic one, which the Arabic model
    writes as a Latin comma also after a number, a closing quote or a parenthesis ("و2025,")."""
    text = "".join(w.text for w in words)
    if len(_ARABIC.findall(text)) <= len(_LATIN.findall(text)):
        return words
    return [w._replace(text=w.text.replace(",", "،")) if "," in w.text else w for w in words]


def _otsu(pixels: Any) -> int:
    """The grey level that best splits a page into ink and paper (Otsu's method)."""
    import numpy as np

    hist = np.bincount(pixels.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mass = np.cumsum(hist * levels)
    total, total_mass = weight[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * weight - total * mass) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between[:-1]))


def _core_height(ink: Any) -> int:
    """Height of the band of rows that hold most of a line's ink: the body of the letters, which
    unlike the line's box does not grow with dots, marks and descenders."""
    rows = ink.sum(axis=1)
    return int((rows >= 0.25 * rows.max()).sum()) if rows.size and rows.max() else 0


def read_arabic_page(image: Any, scale: float) -> tuple[list[Word], list[list[tuple[str, float]]]]:
    """The lines of a page in Arabic script as `Word` boxes in points (``scale`` pixels per
    point), each with its text in logical order, and each line's words with their confidence
    (the text is these words joined by spaces: `ingest.ocr_rasm` corrects them per document)."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image)
    ink = pixels < _otsu(pixels)
    # Tesseract reads the lines from this black and white copy: its own thresholding of a noisy
    # grey line merges and drops the dots that tell Arabic letters apart
    image = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), "L")
    line_h = line_height(ink)
    boxes = cut_lines(ink, line_h)
    arabic = read_lines(image, boxes, "ara")
    # a line is read again in English where the Arabic model was unsure of a word, or read one
    # with no Arabic letter (a number, or Latin letters it took for digits)
    unsure = [i for i, ws in enumerate(arabic)
              if not ws or min(w.conf for w in ws) < _SURE or any(not _ARABIC.search(w.text) for w in ws)]
    english = dict(zip(unsure, read_lines(image, [boxes[i] for i in unsure], "eng"), strict=True))
    words: list[Word] = []
    tokens: list[list[tuple[str, float]]] = []
    for i, box in enumerate(boxes):
        line_ink = ink[box.y0 : box.y1, box.x0 : box.x1]
        read = fix_marks([w._replace(text=clean_word(w.text, w.conf)) for w in arabic[i]], line_ink, line_h)
        if i in english:
            read = merge_english(read, [w._replace(text=clean_word(w.text, w.conf)) for w in english[i]])
        read = _arabic_commas([w for w in read if w.text])
        if not read:
            continue
        tokens.append([(w.text, w.conf) for w in read])
        size = 2.2 * _core_height(line_ink) / scale  # letter body to a font size, roughly
        words.append(_word(" ".join(w.text for w in read), box, size, scale))
    return words, tokens


def _word(text: str, box: Box, size: float, scale: float) -> Word:
    return Word(text, box.x0 / scale, box.x1 / scale, box.y0 / scale, box.y1 / scale, round(size))
