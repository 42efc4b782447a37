"""Text lines of a page image found by projection (XY-cut) and read by Tesseract one by one.

Tesseract's own page layout (``--psm 3``) loses whole lines of Arabic text: a line whose
neighbour carries vowel marks may be merged into it or dropped, and which line goes depends on
the noise. A printed report is a Manhattan layout — columns separated by white gutters, lines by
white (or nearly white) rows — so the lines are cut here from the ink itself: recursively, a
region is split at the widest gutter that runs its whole height, else at the widest blank row,
else, for two lines whose marks touch, at the thinnest row between them. Each line is then read
as a raw line (``--psm 13``), all lines of a page in one Tesseract run.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["Box", "LineWord", "clean_word", "cut_lines", "line_height", "read_lines"]


class Box(NamedTuple):
    x0: int
    y0: int
    x1: int
    y1: int


class LineWord(NamedTuple):
    """A word Tesseract read in a line crop: its text, confidence, and x extent in the crop."""

    text: str
    conf: float
    left: int
    width: int


MIN_CONFIDENCE = 40
SPECKS = "_~°|¦"  # what Tesseract makes of specks and rules; never text in a report
_ARABIC_COMMA = re.compile("(?<=[\u0621-\u064a\u0660-\u0669]),")  # Tesseract writes it as a Latin one
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e]")  # Tesseract ends some words with one
_PAD = 10  # white pixels around a line crop: Tesseract reads glyphs touching the edge badly


def clean_word(text: str, conf: float) -> str:
    """A word as Tesseract read it, without the specks around it; "" for a speck (a word under
    MIN_CONFIDENCE without a letter or digit)."""
    text = _BIDI_MARKS.sub("", text).strip().strip(SPECKS)
    if not text or (conf < MIN_CONFIDENCE and not any(c.isalnum() for c in text)):
        return ""
    return _ARABIC_COMMA.sub("،", text)


def _runs(mask: Any) -> list[tuple[int, int]]:
    import numpy as np

    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def line_height(ink: Any) -> float:
    """The usual height of a text line: the median run of inked rows in eight vertical strips
    (a strip narrower than a column sees that column's lines one by one)."""
    import numpy as np

    width = ink.shape[1]
    heights = [
        e - s
        for k in range(8)
        for s, e in _runs(ink[:, k * width // 8 : (k + 1) * width // 8].any(axis=1))
        if e - s >= 8
    ]
    return float(np.median(heights)) if heights else 40.0


def cut_lines(ink: Any, line_h: float) -> list[Box]:
    """Line boxes of a page (``ink``: boolean array, True = ink), in no particular order."""
    import numpy as np

    out: list[Box] = []
    todo = [Box(0, 0, ink.shape[1], ink.shape[0])]
    while todo:
        x0, y0, x1, y1 = todo.pop()
        region = ink[y0:y1, x0:x1]
        ys, xs = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
        if len(ys) == 0:
            continue
        y0, y1, x0, x1 = y0 + int(ys[0]), y0 + int(ys[-1]) + 1, x0 + int(xs[0]), x0 + int(xs[-1]) + 1
        region = ink[y0:y1, x0:x1]
        rows, height = region.sum(axis=1), y1 - y0
        if height > 2.5 * line_h:  # a gutter: blank columns through the whole region
            gutters = [g for g in _runs(region.sum(axis=0) == 0) if g[1] - g[0] >= 0.9 * line_h]
            if gutters:
                s, e = max(gutters, key=lambda g: g[1] - g[0])
                todo += [Box(x0, y0, x0 + s, y1), Box(x0 + e, y0, x1, y1)]
                continue
        gaps = _runs(rows == 0)
        if height > 1.5 * line_h and (gaps or height > 2.2 * line_h):
            if gaps:
                s, e = max(gaps, key=lambda g: g[1] - g[0])
            else:  # two lines whose marks touch: cut at the thinnest row between them
                lo, hi = int(0.6 * line_h), height - int(0.6 * line_h)
                s = lo + int(np.argmin(rows[lo:hi]))
                e = s + 1
            todo += [Box(x0, y0, x1, y0 + s), Box(x0, y0 + e, x1, y1)]
            continue
        if height < 0.45 * line_h and x1 - x0 < line_h:  # a bullet or a speck
            continue
        out.append(Box(x0, y0, x1, y1))
    return out


def read_lines(image: Any, boxes: list[Box], language: str) -> list[list[LineWord]]:
    """Read each box of ``image`` as one raw text line, in one Tesseract process (its input is
    then a list of image files, one "page" each)."""
    import pytesseract
    from PIL import Image

    if not boxes:
        return []
    with tempfile.TemporaryDirectory(prefix="dalil-ocr-") as tmp:
        names = []
        for n, (x0, y0, x1, y1) in enumerate(boxes):
            crop = Image.new("L", (x1 - x0 + 2 * _PAD, y1 - y0 + 2 * _PAD), 255)
            crop.paste(image.crop((x0, y0, x1, y1)), (_PAD, _PAD))
            name = Path(tmp) / f"{n:05d}.png"
            crop.save(name)
            names.append(str(name))
        listing = Path(tmp) / "lines.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        run = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, str(listing), "stdout", "-l", language, "--psm", "13", "tsv"],
            capture_output=True, text=True, timeout=600, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )  # fmt: skip
    if run.returncode != 0:
        raise RuntimeError(f"tesseract failed: {run.stderr.strip()[-300:]}")
    out: list[list[LineWord]] = [[] for _ in boxes]
    for row in run.stdout.splitlines()[1:]:
        f = row.split("\t")
        if len(f) == 12 and f[0] == "5" and f[11].strip() and float(f[10]) >= 0:
            out[int(f[1]) - 1].append(
                LineWord(f[11].strip(), float(f[10]), int(f[6]) - _PAD, int(f[8]))
            )
    return out
