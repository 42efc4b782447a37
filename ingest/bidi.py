"""Right-to-left text as PDFs store it (visual order) turned back into logical order.

A PDF places glyphs left to right on the page; pdfplumber reads them in that order, so an
Arabic line comes out reversed. The text must be in logical order before anything quotes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ingest.text import is_arabic, normalise_forms

__all__ = ["fix_rtl_lines", "visual_to_logical"]

_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def _bidi_class(ch: str) -> str:
    """Collapse bidi classes: R (Arabic), L (Latin), D (digit), S/T (number punctuation), N."""
    b = unicodedata.bidirectional(ch)
    if b in ("R", "AL"):
        return "R"
    if b == "NSM":
        return "R" if is_arabic(ch) else "N"
    if b == "L":
        return "L"
    if b in ("EN", "AN"):
        return "D"
    if b in ("CS", "ES"):
        return "S"
    if b == "ET":
        return "T"
    return "N"


# Class-string patterns: a number with its inner separators ("2,000", "3.5"), a left-to-right
# run (Latin words with the spaces between them, or a number) and a right-to-left run. In an
# Arabic context a "%" is not part of the number (bidi rule W2 makes the digits AN, so W5 does
# not attach the sign), so it stays outside the number run.
_NUMBER = r"D(?:S?D)*"
_LTR_RUN = r"L(?:[NST]*L)*|" + _NUMBER
_RTL_RUN = r"R(?:[NSTD]*R)*"


def visual_to_logical(line: str, rtl_paragraph: bool = False) -> str:
    """Turn a line extracted in visual (left-to-right on the page) order into logical order.

    pdfplumber sorts characters by x position, so right-to-left runs come out reversed. A line
    with at least as many Arabic as Latin letters is an RTL paragraph: reverse it whole, then
    restore the Latin and number runs. Otherwise only the Arabic runs are reversed in place.
    Brackets in reversed stretches are mirrored back. On a right-to-left page
    (``rtl_paragraph``) every line with Arabic in it is read as a right-to-left line, however
    much English it holds.
    """
    classes = "".join(_bidi_class(ch) for ch in line)
    if "R" not in classes:
        return line
    chars = list(line)
    if rtl_paragraph or classes.count("R") >= classes.count("L"):
        chars.reverse()
        classes = classes[::-1]
        keep = [m.span() for m in re.finditer(_LTR_RUN, classes)]
        kept = {i for s, e in keep for i in range(s, e)}
        mirrored = set(range(len(chars))) - kept
        for s, e in keep:
            chars[s:e] = chars[s:e][::-1]
    else:
        spans = [m.span() for m in re.finditer(_RTL_RUN, classes)]
        mirrored = {i for s, e in spans for i in range(s, e)}
        for s, e in spans:
            chars[s:e] = chars[s:e][::-1]
            for m in re.finditer(_NUMBER, classes[s:e][::-1]):
                a, b = s + m.start(), s + m.end()
                chars[a:b] = chars[a:b][::-1]
                mirrored -= set(range(a, b))
    for i in mirrored:
        chars[i] = chars[i].translate(_MIRROR)
    return "".join(chars)


def _form(ch: str) -> str:
    return unicodedata.decomposition(ch).split(" ", 1)[0]


def _arabic_order_votes(lines: Iterable[str]) -> tuple[int, int]:
    """Count (logical, visual) evidence from how Arabic words begin and end.

    Arabic words begin with an initial/isolated form and often the article "ال", and end
    with a final form, "ة" or "ى"; a reversed word shows the mirror image.
    """
    logical = visual = 0
    for line in lines:
        for word in re.findall(r"[^\W\d_]+", line):
            if len(word) < 2 or not all(is_arabic(c) for c in word):
                continue
            first, last = _form(word[0]), _form(word[-1])
            logical += (first == "<initial>") + (last == "<final>")
            visual += (first == "<final>") + (last == "<initial>")
            plain = normalise_forms(word)
            logical += (len(plain) > 3 and plain.startswith("ال")) + (plain[-1] in "ةى")
            visual += (len(plain) > 3 and plain.endswith("لا")) + (plain[0] in "ةى")
    return logical, visual


_MARK = "[\u064b-\u065f\u0670]"
_LEADING_MARKS = re.compile(rf"(?<!\S)({_MARK}+)(\w)")
_LEADING_STOP = re.compile(r"^([.,:;!?]+)\s*(.*\w)$")


def fix_rtl_lines(texts: list[str], rtl_page: bool = False) -> list[str]:
    """Put the Arabic runs of a page's lines into logical order, unless the page already is.

    A vowel mark placed left of its letter comes out of the reversal before it; at the start of
    a word it cannot belong there and is moved after the letter. On a right-to-left page an
    English line keeps the page's direction, so its final full stop is drawn at its left end.
    """
    if rtl_page:
        texts = [_LEADING_STOP.sub(r"\2\1", t) if not any(is_arabic(c) for c in t) else t for t in texts]
    arabic = [t for t in texts if any(is_arabic(c) for c in t)]
    if not arabic:
        return texts
    logical, visual = _arabic_order_votes(arabic)
    if logical > visual:
        return texts
    return [_LEADING_MARKS.sub(r"\2\1", visual_to_logical(t, rtl_page)) for t in texts]
