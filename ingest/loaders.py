"""Load source files into a `Document` plus pages of clean plain text.

Every later step (chunking, extraction, citations) quotes page text by character offsets, so
the loaders' job is to produce text that is stable, readable and in logical reading order:
markup removed, running headers/footers dropped, hyphenated line breaks joined and
right-to-left (Arabic) text un-reversed. Formats plug in through `LOADERS`.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import statistics
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from pydantic import BaseModel, Field

from graph.model import Document, slug

__all__ = [
    "LOADERS",
    "LoadError",
    "LoadedDocument",
    "Page",
    "Parsed",
    "decode_text",
    "detect_language",
    "document_id",
    "iter_paths",
    "load",
    "markdown_to_text",
    "visual_to_logical",
]


class Page(BaseModel):
    """One page of clean text; chunk offsets point into ``text``."""

    number: int = Field(ge=1)
    text: str


class LoadedDocument(BaseModel):
    """A loaded file: its graph `Document` node and the text of each page."""

    document: Document
    pages: list[Page]


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


LoaderFn = Callable[[Path, bytes], Parsed]

# --- text helpers --------------------------------------------------------------------------

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def _is_arabic(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _ARABIC_RANGES)


def detect_language(text: str) -> str:
    """ "ar" if most letters are Arabic, "mixed" if Arabic and other letters are both ≥20%, else "en"."""
    arabic = other = 0
    for ch in text:
        if ch.isalpha():
            if _is_arabic(ch):
                arabic += 1
            else:
                other += 1
    total = arabic + other
    if total == 0:
        return "en"
    if arabic >= 0.2 * total and other >= 0.2 * total:
        return "mixed"
    return "ar" if arabic > other else "en"


def document_id(path: Path) -> str:
    """Stable id from the file name alone, so a re-ingest of the same file updates in place."""
    return "doc:" + slug(Path(path).stem)


_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only disturb matching: zero-width space/joiner/BOM, soft hyphen,
# and bidi controls (the text is stored in logical order, so they carry nothing).
_INVISIBLE = re.compile("[\u200b\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PRESENTATION_FORMS = re.compile("[\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefc]")


def _normalise_forms(text: str) -> str:
    """Map Arabic presentation forms and Latin ligatures (as PDFs emit them) to plain letters."""
    return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _clean(text: str) -> str:
    """Whitespace-normalise: one space between words, at most one blank line between blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _normalise_forms(text)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(1, len(text) // 100)


def _plausible(text: str) -> bool:
    """Text in the scripts this project reads (Latin, Arabic, common punctuation).

    Any even-length byte string decodes as UTF-16, mostly into CJK or unassigned code points;
    this is how a wrong guess is told apart from a real BOM-less UTF-16 file.
    """
    ok = sum(1 for ch in text if ord(ch) < 0x250 or _is_arabic(ch) or 0x2000 <= ord(ch) <= 0x206F)
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
        arabic = sum(1 for ch in high if _is_arabic(ch) or ch.isspace())
        if arabic >= 0.8 * len(high):
            return text
    from ingest.encodings import decode_western  # Windows-1252 / Latin-1 (issue 17)

    if (western := decode_western(data)) is not None:
        return western[0]
    raise LoadError(path, "cannot decode text as UTF-8, UTF-16, Windows Arabic (cp1256) or Western (cp1252/Latin-1)")


# --- plain text --------------------------------------------------------------------------


def _load_text(path: Path, data: bytes) -> Parsed:
    """Plain text: pages are separated by form feeds, as pdftotext and printers emit them."""
    text = decode_text(path, data).replace("\r\n", "\n")
    pages = text.split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return Parsed("text", "", [_clean(p) for p in pages])


# --- markdown ----------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_=])(?:\s*\1){2,}\s*$")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MD_LINKDEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _md_inline(text: str) -> str:
    """Strip inline Markdown/HTML markup from one line, keeping the words."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text, flags=re.I)
    text = re.sub(r"<sub>(.*?)</sub>", r"\1", text, flags=re.I)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    text = text.replace("**", "").replace("__", "").replace("~~", "")
    text = re.sub(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    return unescape(text)


def markdown_to_text(md: str) -> tuple[str, str]:
    """Markdown to clean plain text; returns (text, title) with title = first H1 or first heading."""
    md = re.sub(r"<!--.*?-->", "", md.replace("\r\n", "\n"), flags=re.S)
    out: list[str] = []
    h1 = first_heading = ""
    in_fence = False
    for line in md.split("\n"):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        if _MD_LINKDEF.match(line) or _MD_TABLE_SEP.match(line) and "|" in line:
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            text = _md_inline(heading.group(2)).strip()
            if heading.group(1) == "#" and not h1:
                h1 = text
            first_heading = first_heading or text
            out += ["", text, ""]
            continue
        rule = _MD_RULE.match(line)
        if rule:
            if rule.group(1) == "=" and out and out[-1].strip():  # setext H1 underline
                h1 = h1 or out[-1].strip()
                first_heading = first_heading or out[-1].strip()
            out.append("")
            continue
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        line = _MD_BULLET.sub(lambda m: m.group(1) + "- ", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(_md_inline(line))
    return _clean("\n".join(out)), h1 or first_heading


def _load_markdown(path: Path, data: bytes) -> Parsed:
    """Markdown is one page: it has no physical pages to cite."""
    text, title = markdown_to_text(decode_text(path, data))
    return Parsed("markdown", title, [text])


# --- HTML --------------------------------------------------------------------------------

_HTML_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_HTML_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "table",
    "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "form", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "address", "details", "summary",
}  # fmt: skip


class _HTMLText(HTMLParser):
    """Collects visible text, with block elements separated by blank lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0
        self.title = ""
        self.h1 = ""
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "body":  # an unclosed <head> ends here
            self.skip = 0
        if tag in _HTML_SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("tr",):
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _HTML_BLOCK:
            self.parts.append("\n\n")
        if tag == "pre":
            self.pre += 1
        if tag == "h1" and not self.h1:
            self._in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "hr":
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _HTML_BLOCK:
            self.parts.append("\n\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self.skip:
            return
        if self._in_h1:
            self.h1 += data
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def _load_html(path: Path, data: bytes) -> Parsed:
    """HTML via the standard library parser; scripts, styles and <head> are dropped."""
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], flags=re.I)
    text = decode_text(path, data, declared.group(1).decode("ascii").lower() if declared else None)
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    title = re.sub(r"\s+", " ", parser.title or parser.h1).strip()
    return Parsed("html", title, [_clean("".join(parser.parts))])


# --- DOCX --------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _docx_runs(el: ElementTree.Element, top: bool = True) -> Iterable[str]:
    """Text pieces of one paragraph; nested paragraphs (text boxes) are left to their own turn."""
    if not top and el.tag == _W + "p":
        return
    if el.tag == _W + "t" and el.text:
        yield el.text
    elif el.tag == _W + "tab":
        yield "\t"
    elif el.tag == _W + "noBreakHyphen":
        yield "-"
    elif el.tag in (_W + "br", _W + "cr"):
        yield "\f" if el.get(_W + "type") == "page" else "\n"
    for child in el:
        yield from _docx_runs(child, top=False)


def _load_docx(path: Path, data: bytes) -> Parsed:
    """DOCX from word/document.xml (no extra dependency); explicit page breaks start new pages."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(path, "password-protected or legacy Word file (OLE container, not a DOCX archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
            core = z.read("docProps/core.xml") if "docProps/core.xml" in z.namelist() else b""
        root = ElementTree.fromstring(xml)
    except zipfile.BadZipFile:
        raise LoadError(path, "not a DOCX (not a ZIP archive)") from None
    except KeyError:
        raise LoadError(path, "damaged DOCX: word/document.xml is missing") from None
    except (ElementTree.ParseError, zipfile.LargeZipFile, OSError, EOFError) as e:
        raise LoadError(path, f"damaged DOCX: {e}") from None
    title = heading = ""
    paragraphs: list[str] = []
    body = root.find(_W + "body")
    for p in body.iter(_W + "p") if body is not None else []:
        text = "".join(_docx_runs(p))
        ppr = p.find(_W + "pPr")
        style_el = ppr.find(_W + "pStyle") if ppr is not None else None
        style = (style_el.get(_W + "val") or "") if style_el is not None else ""
        if ppr is not None and ppr.find(_W + "numPr") is not None and text.strip():
            text = "- " + text.lstrip()
        if text.strip() and style.lower() == "title" and not title:
            title = text.strip()
        if text.strip() and style.lower().startswith("heading") and not heading:
            heading = text.strip()
        paragraphs.append(text)
    if not title and core:
        try:
            el = ElementTree.fromstring(core).find(_DC_TITLE)
            title = (el.text or "").strip() if el is not None else ""
        except ElementTree.ParseError:
            pass
    pages = "\n\n".join(paragraphs).split("\f")
    return Parsed("docx", title or heading, [_clean(p) for p in pages])


# --- PDF ---------------------------------------------------------------------------------


class _Line(NamedTuple):
    text: str
    top: float
    bottom: float


_BULLET_START = re.compile(r"^(?:[-•◦▪●‣*–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
_HYPHEN_END = re.compile(r"([\w-]*\w)-$")
_WORD_START = re.compile(r"^(\w+)")
_COMPOUND = re.compile(r"\b\w+(?:-\w+)+\b")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def _bidi_class(ch: str) -> str:
    """Collapse bidi classes: R (Arabic), L (Latin), D (digit), S/T (number punctuation), N."""
    b = unicodedata.bidirectional(ch)
    if b in ("R", "AL"):
        return "R"
    if b == "NSM":
        return "R" if _is_arabic(ch) else "N"
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


def visual_to_logical(line: str) -> str:
    """Turn a line extracted in visual (left-to-right on the page) order into logical order.

    pdfplumber sorts characters by x position, so right-to-left runs come out reversed. A line
    with at least as many Arabic as Latin letters is an RTL paragraph: reverse it whole, then
    restore the Latin and number runs. Otherwise only the Arabic runs are reversed in place.
    Brackets in reversed stretches are mirrored back.
    """
    classes = "".join(_bidi_class(ch) for ch in line)
    if "R" not in classes:
        return line
    chars = list(line)
    if classes.count("R") >= classes.count("L"):
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
            if len(word) < 2 or not all(_is_arabic(c) for c in word):
                continue
            first, last = _form(word[0]), _form(word[-1])
            logical += (first == "<initial>") + (last == "<final>")
            visual += (first == "<final>") + (last == "<initial>")
            plain = _normalise_forms(word)
            logical += (len(plain) > 3 and plain.startswith("ال")) + (plain[-1] in "ةى")
            visual += (len(plain) > 3 and plain.endswith("لا")) + (plain[0] in "ةى")
    return logical, visual


def _fix_rtl(lines: list[_Line]) -> list[_Line]:
    """Put Arabic runs of a page into logical order, unless the page already is."""
    texts = [ln.text for ln in lines if any(_is_arabic(c) for c in ln.text)]
    if not texts:
        return lines
    logical, visual = _arabic_order_votes(texts)
    if logical > visual:
        return lines
    return [ln._replace(text=visual_to_logical(ln.text)) for ln in lines]


def _line_key(text: str) -> str:
    """Header/footer identity: page numbers vary, so digits are masked."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text).strip().lower())


def _remove_running_lines(pages: list[list[_Line]], edge: int = 2) -> list[list[_Line]]:
    """Drop running headers/footers: lines among the first or last ``edge`` lines of a page
    that repeat (digits masked) at the same edge on at least half of the pages (≥3 pages)."""
    if len(pages) < 3:
        return pages
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages:
        top.update({_line_key(ln.text) for ln in lines[:edge]})
        bottom.update({_line_key(ln.text) for ln in lines[-edge:]})
    run_top = {k for k, n in top.items() if 2 * n >= len(pages)}
    run_bottom = {k for k, n in bottom.items() if 2 * n >= len(pages)}
    out = []
    for lines in pages:
        n = len(lines)
        out.append(
            [
                ln
                for i, ln in enumerate(lines)
                if not (i < edge and _line_key(ln.text) in run_top)
                and not (i >= n - edge and _line_key(ln.text) in run_bottom)
            ]
        )
    return out


def _join_lines(a: str, b: str, compounds: set[str]) -> str:
    """Join two lines of a paragraph, undoing end-of-line hyphenation where it was a break."""
    m, w = _HYPHEN_END.search(a), _WORD_START.match(b)
    if m and w and not a.endswith(" -"):
        head, tail = m.group(1), w.group(1)
        keep = "-" in head or not tail[0].islower() or f"{head}-{tail}".lower() in compounds
        return (a if keep else a[:-1]) + b
    if _BULLET_START.match(b):
        return a + "\n" + b
    return a + " " + b


def _paragraphs(lines: list[_Line], compounds: set[str]) -> str:
    """Group lines into paragraphs by vertical gaps; lines within a paragraph become one line."""
    if not lines:
        return ""
    gaps = [max(0.0, b.top - a.bottom) for a, b in zip(lines, lines[1:], strict=False)]
    height = statistics.median(ln.bottom - ln.top for ln in lines)
    # The usual line spacing is measured on gaps smaller than a line: paragraph gaps and
    # double spacing would inflate it.
    normal = [g for g in gaps if g < 0.8 * height] or gaps or [0.0]
    usual = statistics.median(normal)
    threshold = max(usual * 1.8, usual + 0.25 * height)
    paragraphs = [lines[0].text]
    for gap, line in zip(gaps, lines[1:], strict=True):
        if gap > threshold:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _join_lines(paragraphs[-1], line.text, compounds)
    return "\n\n".join(paragraphs)


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


def _load_pdf(path: Path, data: bytes) -> Parsed:
    """PDF via pdfplumber: per-page text, running headers/footers dropped, RTL un-reversed."""
    import pdfplumber

    if b"%PDF-" not in data[:1024]:
        raise LoadError(path, "not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise LoadError(path, "truncated or damaged PDF: no %%EOF marker at the end (file cut short?)")
    raw: list[list[_Line]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            title = _pdf_title(pdf.metadata or {})
            for page in pdf.pages:
                lines = page.extract_text_lines(strip=True, return_chars=False)
                raw.append([_Line(ln["text"], ln["top"], ln["bottom"]) for ln in lines])
                page.close()
    except Exception as e:  # pdfminer raises many types on broken files
        raise _pdf_error(path, e) from None
    pages = [
        _fix_rtl([ln._replace(text=_clean(ln.text)) for ln in lines if ln.text.strip()]) for lines in raw
    ]
    pages = _remove_running_lines(pages)
    compounds = {c.lower() for lines in pages for ln in lines for c in _COMPOUND.findall(ln.text)}
    texts = [_clean(_paragraphs(lines, compounds)) for lines in pages]
    if not any(texts):
        raise LoadError(path, "no extractable text (scanned or image-only PDF; OCR is not supported)")
    return Parsed("pdf", title, texts)


# --- registry and entry points -----------------------------------------------------------

LOADERS: dict[str, LoaderFn] = {
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".txt": _load_text,
    ".pdf": _load_pdf,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_docx,
}


def load(path: Path) -> LoadedDocument:
    """Load one file by its extension; raises `LoadError` with a reason for any bad input."""
    path = Path(path)
    ext = path.suffix.lower()
    loader = LOADERS.get(ext)
    if loader is None:
        supported = ", ".join(sorted(LOADERS))
        raise LoadError(path, f"unsupported file type '{ext or path.name}' (supported: {supported})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, "file not found") from None
    except OSError as e:
        raise LoadError(path, f"cannot read file ({e.strerror or e})") from None
    if not data.strip():
        raise LoadError(path, "empty file")
    parsed = loader(path, data)
    if not any(t.strip() for t in parsed.pages):
        raise LoadError(path, "empty file")
    pages = [Page(number=i, text=t) for i, t in enumerate(parsed.pages, start=1)]
    document = Document(
        id=document_id(path),
        title=parsed.title or path.stem,
        path=str(path),
        content_hash=hashlib.sha256(data).hexdigest(),
        language=detect_language("\n".join(parsed.pages)),
        pages=len(pages),
        kind=parsed.kind,
    )
    return LoadedDocument(document=document, pages=pages)


def iter_paths(paths: list[Path]) -> list[Path]:
    """Expand folders recursively (sorted, hidden entries skipped); files are kept as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            out.append(p)
    return out
