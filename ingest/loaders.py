"""Load source files into a `Document` plus pages of clean plain text.

Every later step (chunking, extraction, citations) quotes page text by character offsets, so
the loaders' job is to produce text that is stable, readable and in logical reading order.
This module dispatches by file type (formats plug in through `LOADERS`) and builds the
`LoadedDocument`; the formats live in their own modules (pdf, ocr, html, docx, markdown).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from graph.model import Document, slug
from ingest.bidi import visual_to_logical
from ingest.docx import load_docx
from ingest.html import load_html
from ingest.markdown import load_markdown, markdown_to_text
from ingest.pdf import load_pdf
from ingest.text import LoadError, PageInfo, PageSource, Parsed, clean, decode_text, detect_language

__all__ = [
    "LOADERS",
    "LoadError",
    "LoadedDocument",
    "Page",
    "PageInfo",
    "PageSource",
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
    info: PageInfo = Field(default_factory=PageInfo)


class LoadedDocument(BaseModel):
    """A loaded file: its graph `Document` node, the text of each page, and what the format
    says beyond the title (a web page's ``url`` and ``date``)."""

    document: Document
    pages: list[Page]
    meta: dict[str, str] = Field(default_factory=dict)

    def warnings(self) -> list[str]:
        """What a person should know although the file went in, one line per kind of problem
        ("pages 2, 5 need OCR: ...")."""
        pages: dict[str, list[int]] = {}
        for p in self.pages:
            if p.info.note:
                pages.setdefault(p.info.note, []).append(p.number)
        return [
            f"page{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}: {note}"
            for note, numbers in pages.items()
        ]


LoaderFn = Callable[[Path, bytes], Parsed]


def document_id(path: Path) -> str:
    """Stable id from the file name alone, so a re-ingest of the same file updates in place."""
    return "doc:" + slug(Path(path).stem)


def _load_text(path: Path, data: bytes) -> Parsed:
    """Plain text: pages are separated by form feeds, as pdftotext and printers emit them."""
    text = decode_text(path, data).replace("\r\n", "\n")
    pages = text.split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return Parsed("text", "", [clean(p) for p in pages])


LOADERS: dict[str, LoaderFn] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": _load_text,
    ".pdf": load_pdf,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
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
    info = parsed.info or [PageInfo() for _ in parsed.pages]
    pages = [Page(number=i, text=t, info=n) for i, (t, n) in enumerate(zip(parsed.pages, info, strict=True), start=1)]
    document = Document(
        id=document_id(path),
        title=parsed.title or path.stem,
        path=str(path),
        content_hash=hashlib.sha256(data).hexdigest(),
        language=detect_language("\n".join(parsed.pages)),
        pages=len(pages),
        kind=parsed.kind,
    )
    return LoadedDocument(document=document, pages=pages, meta=parsed.meta or {})


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
