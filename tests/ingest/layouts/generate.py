"""A layout test set: the demo texts rendered by real layout engines, and the reading-order score.

Reports come as two-column PDFs with running heads, as right-to-left Arabic, and as scans. Each
layout here is made by a real engine from a Markdown source in data/demo:

- ``fpdf2-2col``: fpdf2's text columns (justified), a running head, a footnote and "Page N";
- ``chromium-2col``: HTML with CSS columns printed to PDF by Chromium (Playwright), with a
  header and a "N / M" footer from Chromium's own templates; for the Arabic source the page is
  right-to-left (``dir="rtl"``), so its columns run right to left;
- ``scan``: the pages of another layout rasterised, rotated by half a degree, speckled with noise
  and wrapped as an image-only PDF (Pillow): no text layer, only OCR can read it.

- ``latex-2col``: the article class in two columns by pdflatex (Debian's texlive-latex-base),
  with a running head (``myheadings``), page numbers and a footnote. texlive is ~100 MB of
  packages, too much for ``make test``: its PDFs are committed in ``pdf/`` (remade with
  ``--commit`` where pdflatex is installed) and used when pdflatex is absent.

- ``libreoffice-2col``: a DOCX (two columns, header, footer with a PAGE field, a footnote;
  right to left for Arabic) exported by LibreOffice headless (Debian's libreoffice-writer-nogui,
  ~150 MB, not installed by ``make test``): its PDFs are committed in ``pdf/`` too.

The score of a layout is the share of the source's sentences found whole in the text read back.

    python -m tests.ingest.layouts.generate OUT_DIR   # writes every layout of every source
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from ingest.chunking import split_sentences
from ingest.markdown import markdown_to_text

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "data" / "demo"
FONTS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
RUNNING_HEAD = {"en": "Dalil layout test set - demo report", "ar": "دليل - مجموعة اختبار التخطيط"}
FOOTNOTE = {
    "en": "1 A footnote written for the layout tests: it must be read as a block of its own.",
    "ar": "1 حاشية كتبت لاختبارات التخطيط: تقرأ كفقرة مستقلة.",
}


class Source(NamedTuple):
    name: str
    path: Path
    lang: str


SOURCES = [
    Source("roundtable", DEMO / "scn-iraq-roundtable-2023.md", "en"),
    Source("nineveh", DEMO / "nineveh-local-action-plan-2024.md", "en"),
    Source("anbar", DEMO / "anbar-reintegration-report-ar.md", "ar"),
]


class Block(NamedTuple):
    kind: str  # h1 | h2 | para | item
    text: str


def blocks(md: str) -> list[Block]:
    """Markdown to headings, paragraphs and list items of plain text (inline markup removed)."""
    out: list[Block] = []
    for raw in re.split(r"\n\s*\n", md):
        raw = raw.strip()
        if not raw or re.fullmatch(r"[-*_]{3,}", raw):
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", raw)
        if heading:
            kind = "h1" if len(heading.group(1)) == 1 else "h2"
            out.append(Block(kind, markdown_to_text(heading.group(2))[0]))
            continue
        lines = raw.splitlines()
        if all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", ln) for ln in lines):
            out += [Block("item", markdown_to_text(re.sub(r"^\s*[-*+]\s+", "", ln))[0]) for ln in lines]
            continue
        text = markdown_to_text(re.sub(r"^>\s?", "", raw, flags=re.M))[0]
        if text:
            out.append(Block("para", re.sub(r"\s*\n\s*", " ", text)))
    return out


def _font(name: str = "DejaVuSans.ttf") -> Path:
    found = next((d / name for d in FONTS if (d / name).exists()), None)
    if found is None:
        raise RuntimeError("DejaVu fonts are needed to render the layouts (apt-get install fonts-dejavu-core)")
    return found


# --- fpdf2: two justified columns ---------------------------------------------------------------


def fpdf_two_columns(src: Source, out: Path) -> Path:
    from fpdf import FPDF
    from fpdf.enums import Align

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("dejavu", "", 8)
            self.cell(0, 5, RUNNING_HEAD["en"], align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(5)

        def footer(self) -> None:
            if self.page_no() == 1:
                self.set_y(-24)
                self.set_font("dejavu", "", 7)
                self.cell(0, 4, FOOTNOTE["en"], new_x="LMARGIN", new_y="NEXT")
            self.set_y(-14)
            self.set_font("dejavu", "", 8)
            self.cell(0, 5, f"Page {self.page_no()}", align="C")

    parts = blocks(src.path.read_text(encoding="utf-8"))
    pdf = Report(format="A4")
    pdf.add_font("dejavu", "", str(_font()))
    pdf.add_font("dejavu", "B", str(_font("DejaVuSans-Bold.ttf")))
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))  # the same bytes on every run
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=28)
    pdf.add_page()
    title = next((b.text for b in parts if b.kind == "h1"), src.name)
    pdf.set_font("dejavu", "B", 15)
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.text_columns(ncols=2, gutter=8, text_align="J", line_height=1.25, l_margin=16, r_margin=16) as cols:
        for b in parts:
            if b.text == title:
                continue
            heading = b.kind in ("h1", "h2")
            pdf.set_font("dejavu", "B" if heading else "", 11 if heading else 9)
            with cols.paragraph(text_align=Align.L if heading else Align.J, top_margin=2 if heading else 0,
                                bottom_margin=2) as par:
                par.write(("- " if b.kind == "item" else "") + b.text)
    pdf.output(str(out))
    return out


# --- Chromium: CSS columns, left-to-right or right-to-left --------------------------------------

_CSS = """
@page { size: A4; margin: 22mm 16mm 20mm 16mm; }
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; line-height: 1.35; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 6mm 0; }
main { column-count: 2; column-gap: 8mm; text-align: justify; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm 0; break-after: avoid; }
p, li { margin: 0 0 2mm 0; }
ul { margin: 0; padding-inline-start: 5mm; }
"""


def chromium_html(src: Source) -> str:
    parts = blocks(src.path.read_text(encoding="utf-8"))
    title = next((b.text for b in parts if b.kind == "h1"), src.name)
    body: list[str] = []
    for b in parts:
        if b.text == title:
            continue
        tag = {"h1": "h2", "h2": "h2", "para": "p", "item": "li"}[b.kind]
        item = f"<{tag}>{html.escape(b.text)}</{tag}>"
        body.append(f"<ul>{item}</ul>" if tag == "li" else item)
    rtl = ' dir="rtl"' if src.lang == "ar" else ""
    return (f'<!doctype html><html lang="{src.lang}"{rtl}><head><meta charset="utf-8"><title>{html.escape(title)}'
            f"</title><style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1><main>{''.join(body)}</main>"
            "</body></html>")


def chromium_binary() -> str | None:
    for p in (os.environ.get("DALIL_CHROMIUM", ""), shutil.which("chromium"), shutil.which("chromium-browser")):
        if p and Path(p).exists():
            return p
    return None


def chromium_two_columns(src: Source, out: Path) -> Path:
    from playwright.sync_api import sync_playwright

    exe = chromium_binary()
    if exe is None:
        raise RuntimeError("no chromium (bash scripts/ensure_chromium.sh installs it)")
    page_word = "صفحة" if src.lang == "ar" else "Page"
    style = "font-family:'DejaVu Sans';font-size:7pt;width:100%;text-align:center;"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            page.set_content(chromium_html(src))
            page.pdf(
                path=str(out), format="A4", display_header_footer=True,
                header_template=f'<div style="{style}">{html.escape(RUNNING_HEAD[src.lang])}</div>',
                footer_template=f'<div style="{style}">{page_word} <span class="pageNumber"></span> / '
                '<span class="totalPages"></span></div>',
                margin={"top": "22mm", "bottom": "20mm", "left": "16mm", "right": "16mm"},
            )
        finally:
            browser.close()
    return out


# --- LaTeX (Debian's texlive-latex-base): the article class in two columns -----------------------

_TEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                                                  "\\": r"\textbackslash{}"}
COMMITTED = Path(__file__).resolve().parent / "pdf"  # small PDFs of engines too large for `make test`


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(c, c) for c in text).replace('"', "''")


def latex_source(src: Source) -> str:
    parts = blocks(src.path.read_text(encoding="utf-8"))
    title = next((b.text for b in parts if b.kind == "h1"), src.name)
    body: list[str] = []
    in_list = False
    for b in parts:
        if b.text == title:
            continue
        if (b.kind == "item") != in_list:
            body.append("\\begin{itemize}" if not in_list else "\\end{itemize}")
            in_list = not in_list
        if b.kind in ("h1", "h2"):
            body.append(f"\\section*{{{_tex(b.text)}}}")
        elif b.kind == "item":
            body.append(f"\\item {_tex(b.text)}")
        else:
            body.append(_tex(b.text) + "\n")
    if in_list:
        body.append("\\end{itemize}")
    note = FOOTNOTE["en"].split(" ", 1)[1]
    return (
        "\\documentclass[a4paper,10pt,twocolumn]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{mathptmx}\n"
        "\\pagestyle{myheadings}\n"
        f"\\markright{{{_tex(RUNNING_HEAD['en'])}}}\n\\begin{{document}}\n"
        f"\\title{{{_tex(title)}\\footnote{{{_tex(note)}}}}}\n\\author{{}}\n\\date{{}}\n\\maketitle\n"
        + "\n".join(body) + "\n\\end{document}\n"
    )


def latex_two_columns(src: Source, out: Path) -> Path:
    """pdflatex when texlive is here; else the committed PDF (texlive is ~100 MB of packages,
    too much for `make test`: `python -m tests.ingest.layouts.generate --commit` remakes them)."""
    import subprocess
    import tempfile

    committed = COMMITTED / f"{src.name}-latex-2col.pdf"
    if shutil.which("pdflatex") is not None:
        with tempfile.TemporaryDirectory(prefix="dalil-latex-") as tmp:
            (Path(tmp) / "doc.tex").write_text(latex_source(src), encoding="utf-8")
            env = {**os.environ, "SOURCE_DATE_EPOCH": "1704067200", "FORCE_SOURCE_DATE": "1"}  # same bytes each run
            try:
                for _ in range(2):  # the second run settles the running heads
                    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp,
                                   env=env, capture_output=True, check=True, timeout=300)
                shutil.copyfile(Path(tmp) / "doc.pdf", out)
                return out
            except subprocess.CalledProcessError:  # a texlive without Times (texlive-fonts-recommended)
                pass
    if not committed.exists():
        raise RuntimeError("no pdflatex (apt-get install texlive-latex-base texlive-fonts-recommended) "
                           "and no committed PDF")
    shutil.copyfile(committed, out)
    return out


# --- LibreOffice headless: a two-column DOCX exported to PDF -----------------------------------


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_two_columns(src: Source, out: Path) -> Path:
    """A DOCX (`docx_writer`: title across the page, two columns, running head, "Page N",
    a footnote; right to left for Arabic) exported by ``soffice --headless --convert-to pdf``
    when LibreOffice is here, else the committed PDF (headless Writer is ~150 MB of packages,
    too much for `make test`: `python -m tests.ingest.layouts.generate --commit` remakes them)."""
    import subprocess
    import tempfile

    from tests.ingest.layouts.docx_writer import write_docx

    committed = COMMITTED / f"{src.name}-libreoffice-2col.pdf"
    exe = soffice_binary()
    if exe is None:
        if not committed.exists():
            raise RuntimeError("no LibreOffice (apt-get install libreoffice-writer-nogui) and no committed PDF")
        shutil.copyfile(committed, out)
        return out
    parts = blocks(src.path.read_text(encoding="utf-8"))
    title = next((b.text for b in parts if b.kind == "h1"), src.name)
    with tempfile.TemporaryDirectory(prefix="dalil-lo-") as tmp:
        docx = write_docx(Path(tmp) / "doc.docx", title, [(b.kind, b.text) for b in parts if b.text != title],
                          RUNNING_HEAD[src.lang], "صفحة" if src.lang == "ar" else "Page",
                          FOOTNOTE[src.lang].split(" ", 1)[1], rtl=src.lang == "ar")
        # a profile of its own: a LibreOffice the user has open would otherwise take the job
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        str(docx)], capture_output=True, check=True, timeout=300)
        shutil.copyfile(Path(tmp) / "doc.pdf", out)
    return out


# --- scans: rasterised, rotated, noisy, image-only ----------------------------------------------


def scanned(pdf_in: Path, out: Path, dpi: int = 300, angle: float = 0.4, seed: int = 7, pages: int | None = None) -> Path:
    import numpy as np
    import pypdfium2
    from PIL import Image

    rng = np.random.default_rng(seed)
    doc = pypdfium2.PdfDocument(str(pdf_in))
    images = []
    try:
        for i in range(min(len(doc), pages or len(doc))):
            img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            img = img.rotate(angle * (1 if i % 2 else -1), resample=Image.Resampling.BILINEAR, fillcolor=255)
            px = np.asarray(img, dtype=np.int16) + rng.normal(0, 8, (img.height, img.width)).astype(np.int16)
            speck = rng.random((img.height, img.width)) < 0.0005
            px[speck] = 0
            images.append(Image.fromarray(np.clip(px, 0, 255).astype(np.uint8), "L"))
    finally:
        doc.close()
    images[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return out


# --- the set and the score ----------------------------------------------------------------------

LAYOUTS: dict[str, Callable[[Source, Path], Path]] = {
    "fpdf2-2col": fpdf_two_columns,
    "chromium-2col": chromium_two_columns,
    "latex-2col": latex_two_columns,
    "libreoffice-2col": libreoffice_two_columns,
}


def layouts_for(src: Source) -> list[str]:
    """fpdf2 cannot shape Arabic without HarfBuzz, nor pdflatex at all (XeLaTeX and its fonts are
    more packages still): Arabic sources go through Chromium and LibreOffice only."""
    return ["chromium-2col", "libreoffice-2col"] if src.lang == "ar" else list(LAYOUTS)


def build(src: Source, layout: str, out_dir: Path) -> Path:
    """Render one layout of one source (``scan:<layout>`` scans that layout) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if layout.startswith("scan:"):
        base = layout.split(":", 1)[1]
        printed = out_dir / f"{src.name}-{base}.pdf"
        if not printed.exists():
            build(src, base, out_dir)
        return scanned(printed, out_dir / f"{src.name}-scan-{base}.pdf")
    return LAYOUTS[layout](src, out_dir / f"{src.name}-{layout}.pdf")


_QUOTES = str.maketrans("“”‘’–—", "\"\"''--")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u064b-\u0652\u0640]", "", text)  # Arabic vowel marks and tatweel
    text = text.translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def source_sentences(src: Source) -> list[str]:
    text, _ = markdown_to_text(src.path.read_text(encoding="utf-8"))
    out = [_norm(re.sub(r"^- ", "", text[a:b])) for a, b in split_sentences(text)]
    return [s for s in out if len(s) > 1]


def reading_order_score(src: Source, pages: list[str]) -> tuple[float, list[str]]:
    """Share of the source's sentences found whole (spaces and letter forms normalised) in the
    text read back, pages joined; and the sentences that were not found."""
    sentences = source_sentences(src)
    read = _norm(" ".join(pages))
    missing = [s for s in sentences if s not in read]
    return 1 - len(missing) / max(1, len(sentences)), missing


def main(argv: list[str]) -> int:
    if "--commit" in argv:  # remake the committed PDFs of the engines `make test` does not install
        COMMITTED.mkdir(exist_ok=True)
        for src in SOURCES:
            if "latex-2col" in layouts_for(src) and shutil.which("pdflatex") is not None:
                print(latex_two_columns(src, COMMITTED / f"{src.name}-latex-2col.pdf"))
            if soffice_binary() is not None:
                print(libreoffice_two_columns(src, COMMITTED / f"{src.name}-libreoffice-2col.pdf"))
        return 0
    out = Path(argv[1] if len(argv) > 1 else "layouts")
    for src in SOURCES:
        for layout in [*layouts_for(src), *(f"scan:{x}" for x in layouts_for(src)[:1])]:
            print(build(src, layout, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
