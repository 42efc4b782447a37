"""DOCX from its XML parts, with no extra dependency.

Only the body is read, so running headers and footers (their own parts) never enter the text;
tables become one line per row (cells between bars) so that a row stays one unit; footnotes are
kept, each as its own block at the end of the page that cites it, as a printed page has them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

from ingest.text import LoadError, Parsed, clean, table_row

__all__ = ["load_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PAGE = "\f"


class _Body:
    """Walks the body in order, collecting blocks; footnote references are remembered per page."""

    def __init__(self, footnotes: dict[str, str]) -> None:
        self.footnotes = footnotes
        self.blocks: list[str] = []
        self.cited: list[str] = []  # footnote ids cited on the current page
        self.title = ""
        self.heading = ""

    def runs(self, el: ElementTree.Element, top: bool = True) -> Iterable[str]:
        """Text pieces of one paragraph; nested paragraphs (text boxes) take their own turn."""
        if not top and el.tag == _W + "p":
            return
        if el.tag == _W + "t" and el.text:
            yield el.text
        elif el.tag == _W + "tab":
            yield "\t"
        elif el.tag == _W + "noBreakHyphen":
            yield "-"
        elif el.tag in (_W + "br", _W + "cr"):
            yield _PAGE if el.get(_W + "type") == "page" else "\n"
        elif el.tag == _W + "footnoteReference":
            self.cited.append(el.get(_W + "id") or "")
        for child in el:
            yield from self.runs(child, top=False)

    def paragraph(self, p: ElementTree.Element) -> str:
        text = "".join(self.runs(p))
        ppr = p.find(_W + "pPr")
        style_el = ppr.find(_W + "pStyle") if ppr is not None else None
        style = (style_el.get(_W + "val") or "") if style_el is not None else ""
        if ppr is not None and ppr.find(_W + "numPr") is not None and text.strip():
            text = "- " + text.lstrip()
        if text.strip() and style.lower() == "title" and not self.title:
            self.title = text.strip()
        if text.strip() and style.lower().startswith("heading") and not self.heading:
            self.heading = text.strip()
        return text

    def table(self, tbl: ElementTree.Element) -> None:
        for tr in tbl.findall(_W + "tr"):
            cells = [" ".join(self.paragraph(p) for p in tc.iter(_W + "p")) for tc in tr.findall(_W + "tc")]
            if any(c.strip() for c in cells):
                self.blocks.append(table_row(cells))

    def walk(self, parent: ElementTree.Element) -> None:
        for el in parent:
            if el.tag == _W + "p":
                text = self.paragraph(el)
                while _PAGE in text:  # the page's footnotes go before its break
                    before, text = text.split(_PAGE, 1)
                    self.blocks.append(before)
                    self.end_page()
                self.blocks.append(text)
            elif el.tag == _W + "tbl":
                self.table(el)
            elif el.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"):
                self.walk(el)

    def end_page(self, last: bool = False) -> None:
        notes = [f"{i} {self.footnotes[i]}" for i in self.cited if self.footnotes.get(i, "").strip()]
        self.blocks += notes
        self.cited = []
        if not last:
            self.blocks.append(_PAGE)


def _footnotes(z: zipfile.ZipFile) -> dict[str, str]:
    """Footnote id -> text (separators, ids -1 and 0, are not notes)."""
    if "word/footnotes.xml" not in z.namelist():
        return {}
    root = ElementTree.fromstring(z.read("word/footnotes.xml"))
    out = {}
    for fn in root.iter(_W + "footnote"):
        if fn.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(_W + "t")) for p in fn.iter(_W + "p"))
        out[fn.get(_W + "id") or ""] = text.strip()
    return out


def load_docx(path: Path, data: bytes) -> Parsed:
    """DOCX from word/document.xml; explicit page breaks start new pages."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(path, "password-protected or legacy Word file (OLE container, not a DOCX archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
            core = z.read("docProps/core.xml") if "docProps/core.xml" in z.namelist() else b""
            footnotes = _footnotes(z)
    except zipfile.BadZipFile:
        raise LoadError(path, "not a DOCX (not a ZIP archive)") from None
    except KeyError:
        raise LoadError(path, "damaged DOCX: word/document.xml is missing") from None
    except (ElementTree.ParseError, zipfile.LargeZipFile, OSError, EOFError) as e:
        raise LoadError(path, f"damaged DOCX: {e}") from None
    body = _Body(footnotes)
    found = root.find(_W + "body")
    if found is not None:
        body.walk(found)
    body.end_page(last=True)
    title = body.title
    if not title and core:
        try:
            el = ElementTree.fromstring(core).find(_DC_TITLE)
            title = (el.text or "").strip() if el is not None else ""
        except ElementTree.ParseError:
            pass
    pages = "\n\n".join(body.blocks).split(_PAGE)
    return Parsed("docx", title or body.heading, [clean(p) for p in pages])
