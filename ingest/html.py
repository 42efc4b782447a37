"""Web pages: the main text (trafilatura), so menus, cookie banners and lists of related
articles never become statements; the page's title, date and address become metadata.

trafilatura needs some text to tell content from boilerplate; on a very short page it falls back
to a crude dump, so such a page is read whole by the standard-library parser instead.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from ingest.markdown import markdown_to_text
from ingest.text import Parsed, clean, decode_text

__all__ = ["html_to_text", "load_html"]

# below this many characters of main text trafilatura's own extraction gives up (its
# MIN_EXTRACTED_SIZE): the page is short enough to be read whole
_MIN_MAIN_TEXT = 250

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


def _whole_page(text: str) -> tuple[str, str]:
    """Every visible text of the page (scripts, styles and <head> dropped) and its title."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return clean("".join(parser.parts)), re.sub(r"\s+", " ", parser.title or parser.h1).strip()


def html_to_text(text: str) -> tuple[str, str, dict[str, str]]:
    """(main text, title, metadata with the page's ``url`` and ``date`` where it states them)."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    whole, title = _whole_page(text)
    main = trafilatura.extract(text, output_format="markdown", include_tables=True, include_comments=False)
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(text)
    if found is not None:
        # trafilatura drops a site name from <title> ("Report | Site"), but may also take an
        # <h1> instead: the page's own <title> wins unless the found title is part of it
        if found.title and (not title or found.title in title):
            title = found.title
        meta = {k: v for k, v in (("url", found.url or ""), ("date", found.date or "")) if v}
    if main and len(main) >= _MIN_MAIN_TEXT:
        body, _ = markdown_to_text(main)
        return body, title, meta
    return whole, title, meta


def load_html(path: Path, data: bytes) -> Parsed:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], flags=re.I)
    text = decode_text(path, data, declared.group(1).decode("ascii").lower() if declared else None)
    body, title, meta = html_to_text(text)
    return Parsed("html", title, [body], meta=meta)
