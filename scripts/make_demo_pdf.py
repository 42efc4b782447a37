"""Render the demo Markdown report to a multi-page A4 PDF with a running header and footer.

The PDF exists to exercise the PDF loader on known text: page numbers, a header line and a
"Page N of M" footer on every page (which the loader must remove), bold runs and bullets.
Output is deterministic (fixed dates and file id), so re-running it does not churn git.

    python scripts/make_demo_pdf.py [SOURCE.md] [OUT.pdf]

Needs fpdf2 (pure Python). Uses DejaVu Sans when present for typographic quotes and dashes;
otherwise falls back to Helvetica and transliterates them to ASCII.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data/demo/scn-iraq-roundtable-2023.md"
OUT = ROOT / "data/demo-pdf/scn-iraq-roundtable-2023.pdf"
HEADER = "Strong Cities Network — Event Report"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
ASCII = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "..."})
FIXED_DATE = datetime(2023, 6, 1, tzinfo=UTC)


class ReportPDF(FPDF):
    """FPDF with the running header and footer the loader is expected to strip."""

    body_font = "helvetica"
    has_unicode = False

    def shown(self, s: str) -> str:
        """Text as the chosen font can show it (ASCII look-alikes for the core font)."""
        if self.has_unicode:
            return s
        return s.translate(ASCII).encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        self.set_font(self.body_font, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.shown(HEADER), align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(180, 180, 180)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.body_font, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _inline(text: str) -> str:
    """Markdown inline markup to what the PDF shows: link text, plain footnote numbers."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    text = re.sub(r"</?[A-Za-z][^>]*>", "", text)
    return text


def _blocks(md: str) -> list[tuple[str, str]]:
    """Split Markdown into (kind, text) blocks: h1/h2/h3, bullet, rule, para."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        """Close the paragraph; a Markdown hard break (two trailing spaces) stays a new line."""
        if para:
            text = "".join(s.rstrip() + ("\n" if s.endswith("  ") else " ") for s in para)
            blocks.append(("para", text.strip()))
            para.clear()

    for line in md.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            flush()
            level = min(len(heading.group(1)), 3)
            blocks.append((f"h{level}", heading.group(2).strip()))
        elif re.match(r"^\s*-{3,}\s*$", line):
            flush()
            blocks.append(("rule", ""))
        elif re.match(r"^\s*[-*+]\s+", line):
            flush()
            blocks.append(("bullet", re.sub(r"^\s*[-*+]\s+", "", line)))
        elif not line.strip():
            flush()
        else:
            para.append(line.lstrip())
    flush()
    return blocks


def _write(pdf: ReportPDF, text: str, size: float, bold: bool = False, indent: float = 0) -> None:
    """One block of text; ** pairs become bold runs when they are balanced."""
    text = pdf.shown(_inline(text))
    markdown = text.count("**") % 2 == 0 and "**" in text
    if not markdown:
        text = text.replace("**", "")
    pdf.set_font(pdf.body_font, "B" if bold else "", size)
    pdf.set_x(pdf.l_margin + indent)
    align = "L" if bold else "J"
    pdf.multi_cell(0, size * 0.52, text, markdown=markdown, align=align, new_x="LMARGIN", new_y="NEXT")


def render(source: Path, out: Path) -> None:
    md = source.read_text(encoding="utf-8")
    title = next((m.group(1).strip() for m in re.finditer(r"^# (.+)$", md, re.M)), source.stem)
    pdf = ReportPDF(format="A4")
    regular = next((d / "DejaVuSans.ttf" for d in FONT_DIRS if (d / "DejaVuSans.ttf").exists()), None)
    if regular is not None:
        pdf.add_font("dejavu", "", str(regular))
        pdf.add_font("dejavu", "B", str(regular.with_name("DejaVuSans-Bold.ttf")))
        pdf.body_font = "dejavu"
        pdf.has_unicode = True
    pdf.set_title(pdf.shown(_inline(title)))
    pdf.set_author("Strong Cities Network")
    pdf.set_subject("MENA Regional Hub event report, Baghdad, 31 May - 1 June 2023")
    pdf.set_creator("scripts/make_demo_pdf.py (Dalil demo corpus)")
    pdf.set_creation_date(FIXED_DATE)
    pdf.file_id = lambda: "<" + "0" * 32 + "><" + "0" * 32 + ">"  # type: ignore[method-assign]
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for kind, text in _blocks(md):
        if kind == "h1":
            _write(pdf, text, 16, bold=True)
            pdf.ln(4)
        elif kind == "h2":
            pdf.ln(2)
            _write(pdf, text.replace("**", ""), 13, bold=True)
            pdf.ln(3)
        elif kind == "h3":
            pdf.ln(1)
            _write(pdf, text.replace("**", ""), 11.5, bold=True)
            pdf.ln(3)
        elif kind == "bullet":
            pdf.set_font(pdf.body_font, "", 10.5)
            pdf.set_x(pdf.l_margin + 2)
            pdf.cell(5, 5.5, pdf.shown("•") if pdf.has_unicode else "-")
            _write(pdf, text, 10.5, indent=7)
            pdf.ln(3)
        elif kind == "rule":
            pdf.ln(2)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 50, pdf.get_y())
            pdf.ln(4)
        else:
            _write(pdf, text, 10.5)
            pdf.ln(3.5)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    out = Path(argv[2]) if len(argv) > 2 else OUT
    render(source, out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
