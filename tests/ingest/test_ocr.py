"""Scanned pages: read by the real Tesseract, page numbers kept, OCR provenance and confidence
recorded; without Tesseract the scanned page is reported as needing OCR and the rest goes in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.loaders import PageSource, load
from ingest.ocr import OCR_INSTALL, ocr_available
from tests.ingest.layouts.generate import SOURCES, _font, _norm, build, reading_order_score, scanned

ROOT = Path(__file__).resolve().parents[2]
needs_tesseract = pytest.mark.skipif(
    not ocr_available() and os.environ.get("DALIL_REQUIRE_TESSERACT") != "1",
    reason=f"no Tesseract with Arabic and English ({OCR_INSTALL}; make test installs it)",
)
TEXT_PAGE = [
    "The Kirkuk Directorate of Health opened a counselling unit for returnees.",
    "It is funded by the municipality and staffed by two social workers.",
]
SCANNED_PAGE = [
    "The Erbil Directorate of Education trains volunteers in conflict mediation.",
    "Each volunteer leads one neighbourhood dialogue every month.",
    "The council reports its results to the provincial education office.",
]


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(_font()))
    for lines in pages:
        pdf.add_page()
        pdf.set_font("dejavu", size=12)
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three pages: text, a scan of SCANNED_PAGE (image only), text."""
    d = tmp_path_factory.mktemp("ocr")
    scan = scanned(_pdf(d / "one.pdf", [SCANNED_PAGE]), d / "one-scan.pdf")
    import pypdfium2
    from fpdf import FPDF

    image = pypdfium2.PdfDocument(str(scan))[0].render(scale=300 / 72).to_pil()
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(_font()))
    for i in range(3):
        pdf.add_page()
        if i == 1:
            pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
            continue
        pdf.set_font("dejavu", size=12)
        for line in TEXT_PAGE:
            pdf.multi_cell(0, 8, line.replace("Kirkuk", "Kirkuk" if i == 0 else "Najaf"), new_x="LMARGIN", new_y="NEXT")
    out = d / "mixed.pdf"
    pdf.output(str(out))
    return out


@needs_tesseract
def test_scanned_page_is_read_by_ocr_with_its_page_number(mixed: Path) -> None:
    doc = load(mixed)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [p.info.source for p in doc.pages] == [PageSource.TEXT, PageSource.OCR, PageSource.TEXT]
    conf = doc.pages[1].info.ocr_confidence
    assert conf is not None and 60 <= conf <= 100
    assert doc.pages[0].info.ocr_confidence is None
    read = _norm(doc.pages[1].text)
    assert sum(s in read for s in SCANNED_PAGE) >= 2, doc.pages[1].text
    assert "Najaf" in doc.pages[2].text and "Erbil" not in doc.pages[0].text + doc.pages[2].text
    assert doc.warnings() == []


def test_without_tesseract_the_scan_needs_ocr_and_the_rest_goes_in(mixed: Path, tmp_path: Path) -> None:
    """A real run with no tesseract on PATH (not a mock): page 2 is reported, 1 and 3 are read."""
    only_scan = tmp_path / "only-scan.pdf"
    scanned(_pdf(tmp_path / "s.pdf", [SCANNED_PAGE]), only_scan)
    code = (
        "import json, sys\n"
        "from ingest.loaders import load, LoadError\n"
        "d = load(sys.argv[1])\n"
        "out = {'texts': [p.text for p in d.pages], 'sources': [p.info.source for p in d.pages], 'warnings': d.warnings()}\n"
        "try:\n    load(sys.argv[2])\nexcept LoadError as e:\n    out['only_scan'] = e.reason\n"
        "print(json.dumps(out))\n"
    )
    env = {**os.environ, "PATH": str(tmp_path), "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-c", code, str(mixed), str(only_scan)], env=env, capture_output=True,
                         text=True, timeout=300, check=True)
    out = json.loads(res.stdout)
    assert out["sources"] == ["text", "none", "text"]
    assert "Kirkuk" in out["texts"][0] and out["texts"][1] == "" and "Najaf" in out["texts"][2]
    assert len(out["warnings"]) == 1 and out["warnings"][0].startswith("page 2: needs OCR")
    assert OCR_INSTALL in out["warnings"][0]
    assert out["only_scan"].startswith("needs OCR (scanned or image-only PDF)") and OCR_INSTALL in out["only_scan"]


@needs_tesseract
@pytest.mark.parametrize("source,layout", [("roundtable", "fpdf2-2col"), ("anbar", "chromium-2col")])
def test_scanned_two_column_pages_read_in_order(source: str, layout: str, tmp_path: Path) -> None:
    """The first page of a two-column layout, scanned (rotated, noisy): OCR'd sentences are the
    ones the text layer gives for that page, in reading order; Arabic in logical order."""
    src = next(s for s in SOURCES if s.name == source)
    printed = build(src, layout, tmp_path)
    scan = scanned(printed, tmp_path / "scan.pdf", pages=1)
    import pdfplumber

    with pdfplumber.open(scan) as pdf:  # no text layer: only OCR can read it
        assert pdf.pages[0].extract_words() == []
    doc = load(scan)
    assert doc.pages[0].info.source == PageSource.OCR
    layer = _norm(load(printed).pages[0].text)
    expected = [s for s in reading_order_score(src, [])[1] if s in layer]
    read = _norm(doc.pages[0].text)
    score = sum(s in read for s in expected) / len(expected)
    print(f"{source} {layout} scan, page 1: OCR reading-order score {score:.2f} over {len(expected)} sentences")
    # Arabic: 0.88 with Debian's fast ara model, its dots checked by hunspell-ar (0.71 without
    # ingest.ocr_rasm); without Hunspell the reference and the document's words alone correct less
    speller = shutil.which("hunspell") is not None and Path("/usr/share/hunspell/ar.dic").exists()
    assert score >= (0.6 if src.lang == "en" else 0.8 if speller else 0.7)
    if src.lang == "ar":
        assert "محافظة الأنبار" in read  # logical order, base letters


@needs_tesseract
def test_facts_from_a_scanned_page_say_they_were_read_by_ocr(mixed: Path) -> None:
    """Each statement records where its quote was read: OCR (with the page's confidence) or a
    text layer (`Statement.text_source`, `Statement.ocr_confidence`)."""
    from ingest.extract import Extractor
    from ingest.pipeline import build_facts
    from ingest.resolve import Resolver

    doc = load(mixed)
    facts = build_facts(doc, Resolver([], []), Extractor())
    by_page = {p: [s for s in facts.statements if s.page == p] for p in (1, 2, 3)}
    print({p: [(s.kind, s.quote[:40]) for s in st] for p, st in by_page.items()})
    assert by_page[1] and by_page[2]
    for s in by_page[2]:
        assert s.text_source == "ocr" and s.ocr_confidence == doc.pages[1].info.ocr_confidence
    for s in by_page[1] + by_page[3]:
        assert s.text_source == "" and s.ocr_confidence == 0.0
