"""Reading order from word positions: columns, running heads and footers, paragraphs.

Reports in this field are laid out in two columns with running heads, page numbers and
footnotes. A text layer lists glyphs by position, so reading it line by line across the page
interleaves the columns. Here the words of a page (from a PDF's text layer or from OCR, both in
PDF points) are put back into reading order: columns are found from the vertical gaps between
words, full-width blocks (titles, tables, captions) stay where they are, lines that repeat at the
page edges across pages are dropped, and lines are joined into paragraphs.
"""

from __future__ import annotations

import difflib
import math
import re
import statistics
from collections.abc import Sequence
from typing import NamedTuple

from ingest.bidi import fix_rtl_lines
from ingest.text import clean, is_arabic

__all__ = ["Line", "Word", "page_rows", "pages_text", "read_page"]


class Word(NamedTuple):
    """One word with its box in PDF points (top grows downward) and its font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Line(NamedTuple):
    text: str
    top: float
    bottom: float
    size: float


_BULLET_START = re.compile(r"^(?:[-•◦▪●‣*–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_HYPHEN_END = re.compile(r"([\w-]*\w)-$")
_WORD_START = re.compile(r"^(\w+)")
_COMPOUND = re.compile(r"\b\w+(?:-\w+)+\b")
_PLAIN_WORD = re.compile(r"(?<![\w-])\w+(?![\w-])")  # a word not part of a hyphenated one
_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡§]+)$")  # footnote reference marks
# a line that is only a page number: "7", "- 7 -", "Page 7", "7 of 12", "7/12", "صفحة ٧"
_PAGE_NUMBER = re.compile(r"^(?:page|p\.|صفحة|الصفحة)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:of|/|من)\s*\d{1,4})?$", re.I)
_MIN_GUTTER = 9  # points: LaTeX's default column gap is 10pt
_EDGE = 2  # rows at the top and at the bottom of a page where running heads and footers live
_FUZZY = 0.75  # how alike two OCR readings of one running head are, at least (difflib ratio)
_FUZZY_LEN = 8  # shorter keys ("#", "page #") must repeat exactly


def page_rows(words: Sequence[Word]) -> list[list[Word]]:
    """Group words into physical rows (vertical overlap), top to bottom, each left to right."""
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        h = max(w.bottom - w.top, 0.1)
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom = spans[i]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap >= 0.5 * min(h, bottom - top):
                rows[i].append(w)
                spans[i] = (min(top, w.top), max(bottom, w.bottom))
                break
        else:
            rows.append([w])
            spans.append((w.top, w.bottom))
    order = sorted(range(len(rows)), key=lambda i: statistics.median(w.bottom for w in rows[i]))
    return [sorted(rows[i], key=lambda w: w.x0) for i in order]


def _row_line(row: list[Word]) -> Line:
    """The text of one row; raised small digits and daggers (footnote marks) are dropped."""
    size = statistics.median(w.size for w in row)
    base = statistics.median(w.bottom for w in row)
    kept = [
        w for w in row
        if not (len(row) > 1 and _MARKER.match(w.text) and w.size < 0.85 * size and w.bottom < base - 0.15 * size)
    ]  # fmt: skip
    parts: list[str] = []
    prev: Word | None = None
    for w in kept:
        if prev is not None and w.x0 - prev.x1 > 0.12 * min(w.size, prev.size):
            parts.append(" ")
        parts.append(w.text)
        prev = w
    return Line(
        "".join(parts), min(w.top for w in kept), max(w.bottom for w in kept), size
    )


def _gutter(rows: list[list[Word]], lo: float, hi: float) -> tuple[float, float] | None:
    """The x and width of a column gutter between ``lo`` and ``hi``, or None for one column.

    A gutter is a vertical strip in the middle half that almost no row crosses, with text on
    both sides in several rows: a full-width row (title, table, caption) may cross it.
    """
    words = [w for r in rows for w in r]
    # an OCR'd page gives its lines as words: count the words in them
    if len(rows) < 3 or sum(len(w.text.split()) for w in words) < 15:
        return None
    a = lo + 0.25 * (hi - lo)
    n = int(0.5 * (hi - lo))
    cover = [0] * (n + 1)
    for r in rows:
        hit: set[int] = set()
        for w in r:
            hit.update(range(max(0, math.ceil(w.x0 - 2 - a)), min(n, math.floor(w.x1 + 2 - a)) + 1))
        for x in hit:
            cover[x] += 1
    # a gutter is at least _MIN_GUTTER wide: a narrower gap is a word space in a title line
    k = _MIN_GUTTER - 4  # the padding already widened every word by 2 on each side
    wide = [max(cover[x : x + k + 1]) for x in range(n + 1 - k)]
    least = min(wide)
    if least > 0.3 * len(rows):
        return None
    # the widest run of least-crossed positions, nearest the middle on ties
    best: tuple[int, float, int, int] | None = None
    x = 0
    while x < len(wide):
        if wide[x] != least:
            x += 1
            continue
        end = x
        while end + 1 < len(wide) and wide[end + 1] == least:
            end += 1
        key = (end - x, -abs((x + end + k) / 2 - n / 2), x, end + k)
        if best is None or key > best:
            best = key
        x = end + 1
    assert best is not None
    g = a + (best[2] + best[3]) / 2
    left_rows = sum(1 for r in rows if any(w.x1 < g for w in r))
    right_rows = sum(1 for r in rows if any(w.x0 > g for w in r))
    left = sum(1 for w in words if w.x1 < g)
    right = sum(1 for w in words if w.x0 > g)
    if min(left_rows, right_rows) < 2 or min(left, right) < 0.15 * len(words):
        return None
    return g, best[3] - best[2] + 4.0


def _spans(row: list[Word], g: float, width: float) -> bool:
    """A full-width row crosses the gutter, or bridges it with an ordinary word space
    (a title line can have its space right at the gutter)."""
    if any(w.x0 < g < w.x1 for w in row):
        return True
    left = [w.x1 for w in row if w.x1 <= g]
    right = [w.x0 for w in row if w.x1 > g]
    return bool(left and right) and min(right) - max(left) < 0.5 * width


def _order(words: list[Word], lo: float, hi: float, rtl: bool, depth: int = 0) -> list[Line]:
    """Lines in reading order: bands of columns (each column top to bottom, then the next)
    between full-width rows; right-to-left pages read their right column first."""
    rows = page_rows(words)
    found = _gutter(rows, lo, hi) if depth < 2 else None
    if found is None:
        return [_row_line(r) for r in rows]
    g, width = found
    out: list[Line] = []
    left: list[Word] = []
    right: list[Word] = []

    def flush() -> None:
        first, second = ((right, g, hi), (left, lo, g)) if rtl else ((left, lo, g), (right, g, hi))
        for ws, a, b in (first, second):
            if ws:
                out.extend(_order(ws, a, b, rtl, depth + 1))
        left.clear()
        right.clear()

    for r in rows:
        if _spans(r, g, width):
            flush()
            out.append(_row_line(r))
        else:
            left.extend(w for w in r if w.x1 <= g)
            right.extend(w for w in r if w.x1 > g)
    flush()
    return out


def _line_key(text: str) -> str:
    """Header/footer identity: page numbers vary, so digits are masked."""
    return re.sub(r"\d+", "#", re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", text).strip().lower()))


def _repeated(edges: list[set[str]], ocr: frozenset[int]) -> set[str]:
    """Keys found on at least half of the pages' edges. On a page read by OCR, which reads a
    running head a little differently each time ("صفحة" as "صمحه"), a key also counts where the
    edge holds a key like it (difflib ratio ≥ _FUZZY, keys of _FUZZY_LEN or more); two pages
    with a text layer must repeat it exactly."""
    half = len(edges) / 2
    origins: dict[str, set[int]] = {}
    for i, keys in enumerate(edges):
        for k in keys:
            origins.setdefault(k, set()).add(i)
    out = set()
    for k, where in origins.items():
        like = len(where)
        if len(k) >= _FUZZY_LEN and ocr:
            fuzzy_from = where if where & ocr else set()  # text pages compare only with OCR'd ones
            like += sum(
                1 for j, keys in enumerate(edges)
                if j not in where and (fuzzy_from or j in ocr) and any(_similar(k, o) for o in keys)
            )  # fmt: skip
        if like >= half:
            out.add(k)
    return out


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return len(b) >= _FUZZY_LEN and matcher.real_quick_ratio() >= _FUZZY and matcher.ratio() >= _FUZZY


def _running_keys(pages: list[list[list[Word]]], ocr: frozenset[int] = frozenset()) -> tuple[set[str], set[str]]:
    """Keys of rows repeated at the top (or bottom) edge of at least half of the pages (≥3)."""
    if len(pages) < 3:
        return set(), set()
    top = [{_line_key(_row_line(r).text) for r in rows[:_EDGE]} for rows in pages]
    bottom = [{_line_key(_row_line(r).text) for r in rows[-_EDGE:]} for rows in pages]
    return _repeated(top, ocr), _repeated(bottom, ocr)


def _body_words(rows: list[list[Word]], run_top: set[str], run_bottom: set[str]) -> list[Word]:
    """Words of a page without its running head and footer rows and page-number rows."""
    n = len(rows)
    kept: list[Word] = []
    for i, r in enumerate(rows):
        at_top, at_bottom = i < _EDGE, i >= n - _EDGE
        if at_top or at_bottom:
            text = _row_line(r).text.strip()
            key = _line_key(text)
            if (at_top and key in run_top) or (at_bottom and key in run_bottom) or _PAGE_NUMBER.match(text):
                continue
        kept.extend(r)
    return kept


def _join_lines(a: str, b: str, compounds: set[str]) -> str:
    """Join two lines of a paragraph, undoing end-of-line hyphenation where it was a break."""
    m, w = _HYPHEN_END.search(a), _WORD_START.match(b)
    if m and w and not a.endswith(" -"):
        head, tail = m.group(1), w.group(1)
        compound = f"{head}-{tail}".lower()
        joined = f"{head}{tail}".lower() in compounds  # the word is written whole elsewhere
        keep = not joined and (
            "-" in head
            or head.isupper()  # an acronym: "CVE-related", "UN-led"
            or not tail[0].islower()
            or b[len(tail) : len(tail) + 1] == "-"  # "whole-" + "of-government"
            or compound in compounds
        )
        return (a if keep else a[:-1]) + b
    if _BULLET_START.match(b):
        return a + "\n" + b
    return a + " " + b


def _paragraphs(lines: list[Line], compounds: set[str]) -> str:
    """Group lines into paragraphs by vertical gaps and changes of font size (a footnote is a
    paragraph of its own); lines within a paragraph become one line."""
    if not lines:
        return ""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    height = statistics.median(ln.bottom - ln.top for ln in lines)
    # The usual line spacing is measured on gaps smaller than a line: paragraph gaps and
    # double spacing would inflate it. A negative gap is a jump to the next column.
    normal = [g for g in gaps if 0 <= g < 0.8 * height] or [max(0.0, g) for g in gaps] or [0.0]
    usual = statistics.median(normal)
    threshold = max(usual * 1.8, usual + 0.25 * height)
    paragraphs = [lines[0].text]
    for gap, prev, line in zip(gaps, lines, lines[1:], strict=False):
        resized = abs(line.size - prev.size) > 0.12 * max(line.size, prev.size)
        if gap > threshold or resized:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _join_lines(paragraphs[-1], line.text, compounds)
    return "\n\n".join(paragraphs)


# Producers differ in the character they map a mirrored glyph to, so a right-to-left quotation
# can come out of the reversal as »...«; in Arabic text the quotation opens with «
_QUOTES_BACKWARDS = re.compile("»([\u0621-\u064a][^«»\n]*)«")


def _notes_last(lines: list[Line]) -> list[Line]:
    """Footnotes (smaller lines below every body line) at the end of the page: an office suite
    sets them under the first column, where reading column by column would put them inside
    the sentence that runs on into the next column."""
    if len(lines) < 2:
        return lines
    size = statistics.median(ln.size for ln in lines)
    body = [ln.bottom for ln in lines if ln.size >= 0.85 * size]
    if not body:
        return lines
    notes = [ln for ln in lines if ln.size < 0.85 * size and ln.top >= max(body)]
    return [ln for ln in lines if ln not in notes] + notes if notes else lines


def _mostly_arabic(words: Sequence[Word]) -> bool:
    letters = [c for w in words for c in w.text if c.isalpha()]
    return sum(is_arabic(c) for c in letters) > 0.5 * max(1, len(letters))


def read_page(rows: list[list[Word]], width: float, run_top: set[str], run_bottom: set[str],
              rtl_document: bool = False) -> list[Line]:
    """One page's lines in reading order, running heads/footers removed, Arabic made logical.

    A page runs right to left when its own letters are mostly Arabic or the document's are: the
    direction of a layout is set for the document, so the page of an Arabic report that holds
    its English summary still has its first column on the right."""
    words = _body_words(rows, run_top, run_bottom)
    rtl = rtl_document or _mostly_arabic(words)
    lines = _order(words, 0.0, width, rtl)
    # order first, letter forms second: a lam-alef ligature glyph expands (NFKC) to two letters
    # in logical order, which reversing the line afterwards would swap
    lines = _notes_last(lines)
    texts = fix_rtl_lines([ln.text for ln in lines], rtl)
    lines = [ln._replace(text=clean(t)) for ln, t in zip(lines, texts, strict=True)]
    return [ln for ln in lines if ln.text]


def pages_text(pages: list[tuple[list[Word], float]], ocr: frozenset[int] = frozenset()) -> list[str]:
    """Clean text of each page from its words and width, read in order across the document
    (``ocr``: the pages, 0-based, read by OCR, whose running heads repeat only nearly)."""
    rows = [page_rows(words) for words, _ in pages]
    run_top, run_bottom = _running_keys(rows, ocr)
    rtl = _mostly_arabic([w for words, _ in pages for w in words])
    lines = [read_page(r, width, run_top, run_bottom, rtl) for r, (_, width) in zip(rows, pages, strict=True)]
    # hyphenated compounds and the plain words of the document: what a line-end hyphen joined
    compounds = {c.lower() for page in lines for ln in page for c in _COMPOUND.findall(ln.text)}
    compounds |= {w.lower() for page in lines for ln in page for w in _PLAIN_WORD.findall(ln.text)}
    return [_QUOTES_BACKWARDS.sub(r"«\1»", clean(_paragraphs(page, compounds))) for page in lines]
