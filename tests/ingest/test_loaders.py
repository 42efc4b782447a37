"""Loaders: every supported format, the demo corpus, Arabic order in PDFs, and bad input."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.chunking import split_sentences
from ingest.loaders import (
    LOADERS,
    LoadError,
    Parsed,
    detect_language,
    iter_paths,
    load,
    markdown_to_text,
    visual_to_logical,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO_MD = ROOT / "data/demo/scn-iraq-roundtable-2023.md"
DEMO_PDF = ROOT / "data/demo-pdf/scn-iraq-roundtable-2023.pdf"
DEJAVU = next(
    (
        p
        for p in (
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
        )
        if p.exists()
    ),
    None,
)
KEY_SENTENCES = [
    "For instance, cities have the choice to form their own subcommittees if needed.",
    "Consequently, local governments were granted the authority and support to establish "
    "subcommittees and develop local action plans.",
    "For example, UNDP is the primary partner engaged in P/CVE efforts at the governorate level.",
    "IOM, on the other hand, serves as the primary partner of the NCCVE for P/CVE initiatives "
    "at the ministerial and district levels.",
    "These Ministerial subcommittees operate under the supervision of a member of the NCCVE "
    "representing the respective ministry.",
]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- PDF fixtures (generated with fpdf2; skipped where it is not installed) -------------------


def make_pdf(
    path: Path,
    pages: list[list[str]],
    header: str | None = None,
    footer: bool = False,
    unicode_font: bool = False,
    encrypt: str | None = None,
    line_gap: float = 0.0,
) -> Path:
    """A PDF with one cell per line; ``{page}`` in the header becomes the page number."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    family = "helvetica"
    if unicode_font:
        if DEJAVU is None:
            pytest.skip("no DejaVu Sans font to render Arabic")
        pdf.add_font("dejavu", fname=str(DEJAVU))
        family = "dejavu"
    if encrypt:
        pdf.set_encryption(owner_password="owner-" + encrypt, user_password=encrypt)
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font(family, size=11)
        if header:
            pdf.cell(0, 6, header.format(page=number), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)
        for line in lines:
            if not line:
                pdf.ln(8)
                continue
            pdf.cell(0, 6, line, align="R" if unicode_font else "L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(line_gap)
        if footer:
            pdf.set_y(-20)
            pdf.cell(0, 6, f"Page {number} of {len(pages)}", align="C")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


_FORMS: dict[tuple[str, str], str] = {}
for _cp in range(0xFE70, 0xFEFD):
    _d = unicodedata.decomposition(chr(_cp)).split()
    if len(_d) == 2 and _d[0].startswith("<"):
        _FORMS[(chr(int(_d[1], 16)), _d[0].strip("<>"))] = chr(_cp)
_RIGHT_JOINING = set("اأإآدذرزوؤةء")


def shape(text: str) -> str:
    """Contextual Arabic forms (presentation forms B), as PDF producers draw them."""
    out = []
    for i, c in enumerate(text):
        if (c, "isolated") not in _FORMS:
            out.append(c)
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        joins_prev = (prev, "isolated") in _FORMS and prev not in _RIGHT_JOINING
        joins_next = (nxt, "isolated") in _FORMS and c not in _RIGHT_JOINING
        form = (
            "medial"
            if joins_prev and joins_next
            else "final"
            if joins_prev
            else "initial"
            if joins_next
            else "isolated"
        )
        out.append(_FORMS.get((c, form), _FORMS[(c, "isolated")]))
    return "".join(out)


def visual(text: str) -> str:
    """Visual (display) order by fpdf2's own Unicode bidi algorithm implementation."""
    bidi = pytest.importorskip("fpdf.bidi")
    return str(bidi.BidiParagraph(text).get_reordered_string())


ARABIC_LINES = [
    "اللجنة الوطنية لمكافحة التطرف العنيف في العراق عام 2023.",
    "تأسست اللجنة في 2017، وتضم 50% من الوزارات؟",
    "يعمل برنامج UNDP مع اللجان الفرعية في نينوى.",
]


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_demo_loads_clean() -> None:
    doc = load(DEMO_MD)
    meta = doc.document
    text = doc.pages[0].text
    assert meta.id == "doc:scn-iraq-roundtable-2023"
    assert meta.kind == "markdown" and meta.pages == 1 and len(doc.pages) == 1
    assert meta.language == "en"
    assert meta.content_hash == hashlib.sha256(DEMO_MD.read_bytes()).hexdigest()
    assert meta.title.startswith("MENA Regional Hub Operationalising a Whole-of-Society")
    assert "**" not in text and "<sup>" not in text and "](" not in text and "#" not in text
    assert "cities have the choice to form their own subcommittees" in text
    assert "representation in all governorates1, they understood" in text
    assert "Strong Cities' EU-funded STRIVE Cities programme." in text
    assert "\n- 1) The roundtable highlighted" in text
    for sentence in KEY_SENTENCES:
        assert sentence in norm(text)


def test_markdown_markup_is_removed() -> None:
    md = (
        "<!-- draft note -->\n# Title *here*\n\nSome **bold** and __strong__ text with a "
        "[link](http://x.org) and a note<sup>2</sup>.\n\n* star bullet\n+ plus bullet\n"
        "1. numbered\n\n> quoted `code`\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    text, title = markdown_to_text(md)
    assert title == "Title here"
    assert text.splitlines() == [
        "Title here",
        "",
        "Some bold and strong text with a link and a note2.",
        "",
        "- star bullet",
        "- plus bullet",
        "1. numbered",
        "",
        "quoted code",
        "",
        "a | b",
        "1 | 2",
    ]


def test_same_file_name_gives_same_id(tmp_path: Path) -> None:
    a = write(tmp_path / "one/Strategy Report.md", "# A\n\nFirst version.")
    b = write(tmp_path / "two/Strategy Report.md", "# A\n\nSecond version.")
    da, db = load(a), load(b)
    assert da.document.id == db.document.id == "doc:strategy-report"
    assert da.document.content_hash != db.document.content_hash
    assert load(a) == da


# --- PDF --------------------------------------------------------------------------------------


def test_demo_pdf_pages_header_footer_and_sentences() -> None:
    doc = load(DEMO_PDF)
    meta = doc.document
    assert meta.kind == "pdf" and meta.pages == len(doc.pages) >= 3
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert meta.title.startswith("MENA Regional Hub Operationalising")
    assert meta.id == "doc:scn-iraq-roundtable-2023"
    assert DEMO_PDF.stat().st_size < 300_000
    for page in doc.pages:
        assert page.text
        assert "Strong Cities Network — Event Report" not in page.text
        assert not re.search(r"Page \d+ of \d+", page.text)
    text = norm(" ".join(p.text for p in doc.pages))
    md_text = norm(load(DEMO_MD).pages[0].text)
    for sentence in KEY_SENTENCES:
        assert sentence in text and sentence in md_text
    # Every sentence of the Markdown survives word for word (pages joined: a page break may
    # fall inside a sentence).
    md_raw = load(DEMO_MD).pages[0].text
    sentences = [norm(re.sub(r"^- ", "", md_raw[a:b])) for a, b in split_sentences(md_raw)]
    assert len(sentences) > 100
    assert [s for s in sentences if s not in text] == []


def test_pdf_running_header_and_footer_removed(tmp_path: Path) -> None:
    words = ["alpha", "beta", "gamma", "delta"]
    body = [[f"Body line {n} on the {w} page says {w * (n + 1)}." for n in range(3)] for w in words]
    path = make_pdf(tmp_path / "report.pdf", body, header="ACME Annual Report {page}", footer=True)
    doc = load(path)
    assert len(doc.pages) == 4
    for page in doc.pages:
        assert "ACME Annual Report" not in page.text
        assert "Page" not in page.text.replace("on page", "")
        assert "Body line 0" in page.text


def test_pdf_short_documents_keep_their_first_lines(tmp_path: Path) -> None:
    body = [["A line of text."], ["Another line."]]
    doc = load(make_pdf(tmp_path / "two.pdf", body, header="Same heading"))
    assert all(p.text.startswith("Same heading") for p in doc.pages)


def test_pdf_hyphenated_line_breaks_are_joined(tmp_path: Path) -> None:
    lines = [
        "The strategy needs further develop-",
        "ment at the local level, with national-local cooperation.",
        "Better national-",
        "local dialogue and a whole-of-",
        "society approach help, says COVID-",
        "19 guidance.",
    ]
    text = load(make_pdf(tmp_path / "hyphens.pdf", [lines])).pages[0].text
    assert "further development at the local level" in text
    assert "Better national-local dialogue" in text
    assert "whole-of-society approach" in text
    assert "COVID-19 guidance" in text


def test_pdf_paragraphs_follow_vertical_gaps(tmp_path: Path) -> None:
    lines = ["First paragraph line one", "continues here.", "", "Second paragraph."]
    text = load(make_pdf(tmp_path / "paras.pdf", [lines])).pages[0].text
    assert text == "First paragraph line one continues here.\n\nSecond paragraph."


@pytest.mark.parametrize("shaped", [False, True], ids=["base-letters", "presentation-forms"])
def test_pdf_arabic_visual_order_is_made_logical(tmp_path: Path, shaped: bool) -> None:
    drawn = [visual(shape(line) if shaped else line) for line in ARABIC_LINES]
    assert drawn[0] != ARABIC_LINES[0]  # the PDF really holds visual order
    doc = load(make_pdf(tmp_path / "ar.pdf", [drawn], unicode_font=True, line_gap=1))
    assert doc.document.language == "ar"
    assert norm(doc.pages[0].text) == " ".join(ARABIC_LINES)


def test_pdf_arabic_already_logical_is_left_alone(tmp_path: Path) -> None:
    doc = load(make_pdf(tmp_path / "ar-logical.pdf", [ARABIC_LINES], unicode_font=True))
    assert norm(doc.pages[0].text) == " ".join(ARABIC_LINES)


def test_pdf_mixed_page_reverses_only_arabic_runs(tmp_path: Path) -> None:
    logical = ["The NCCVE (اللجنة الوطنية) met in Baghdad.", "Iraq adopted the national strategy in 2019."]
    drawn = [visual(line) for line in logical]
    text = load(make_pdf(tmp_path / "mixed.pdf", [drawn], unicode_font=True)).pages[0].text
    assert norm(text) == " ".join(logical)


def test_visual_to_logical_mirrors_brackets_in_rtl_lines() -> None:
    # What a reader sees on the page, left to right, for "اللجنة (NCCVE) في العراق".
    assert visual_to_logical("قارعلا يف (NCCVE) ةنجللا") == "اللجنة (NCCVE) في العراق"
    assert visual_to_logical("No Arabic here (really).") == "No Arabic here (really)."


# --- other formats ----------------------------------------------------------------------------


def test_text_pages_split_on_form_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", "Page one text.\r\n\fPage two   text.\n\f")
    doc = load(path)
    assert doc.document.kind == "text" and doc.document.title == "notes"
    assert [(p.number, p.text) for p in doc.pages] == [(1, "Page one text."), (2, "Page two text.")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"], ids=str)
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    text = "اللجنة الوطنية لمكافحة التطرف العنيف في العراق."
    doc = load(write(tmp_path / "ar.txt", text.encode(encoding)))
    assert doc.pages[0].text == text
    assert doc.document.language == "ar"


def test_html(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Iraq &amp; P/CVE</title><style>p {color: red}</style>"
        "<script>var x = 'hidden';</script></head><body><h1>Heading</h1>"
        "<p>First&nbsp;paragraph with <b>bold</b> text.</p><ul><li>one</li><li>two</li></ul>"
        "<p>Line<br>break.</p></body></html>"
    )
    doc = load(write(tmp_path / "page.html", html))
    assert doc.document.kind == "html" and doc.document.title == "Iraq & P/CVE"
    assert doc.pages[0].text == "Heading\n\nFirst paragraph with bold text.\n\n- one\n- two\n\nLine\nbreak."


def _docx(path: Path, body: str, title: str = "") -> Path:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        f'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}'
        "</dc:title></cp:coreProperties>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>")
        z.writestr("docProps/core.xml", core)
    return path


def test_docx_paragraphs_headings_lists_and_page_breaks(tmp_path: Path) -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>National Strategy</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Cities may form </w:t></w:r>'
        "<w:r><w:t>subcommittees.</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>a listed item</w:t></w:r></w:p>'
        '<w:p><w:r><w:br w:type="page"/><w:t>Second page.</w:t></w:r></w:p>'
    )
    doc = load(_docx(tmp_path / "strategy.docx", body))
    assert doc.document.kind == "docx" and doc.document.title == "National Strategy"
    assert [p.text for p in doc.pages] == [
        "National Strategy\n\nCities may form subcommittees.\n\n- a listed item",
        "Second page.",
    ]
    plain = load(_docx(tmp_path / "plain.docx", "<w:p><w:r><w:t>Hi.</w:t></w:r></w:p>", "Core title"))
    assert plain.document.title == "Core title"


def test_registry_accepts_new_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def load_csv(path: Path, data: bytes) -> Parsed:
        return Parsed("csv", "table", [data.decode().replace(",", " | ")])

    monkeypatch.setitem(LOADERS, ".csv", load_csv)
    doc = load(write(tmp_path / "t.csv", "a,b\n1,2\n"))
    assert doc.document.kind == "csv" and doc.pages[0].text == "a | b\n1 | 2\n"


def test_detect_language() -> None:
    assert detect_language("The national strategy.") == "en"
    assert detect_language("الاستراتيجية الوطنية لمكافحة التطرف العنيف NCCVE") == "ar"
    assert detect_language("The National Committee اللجنة الوطنية") == "mixed"
    assert detect_language("2023 — 12") == "en"


def test_iter_paths(tmp_path: Path) -> None:
    for name in ["b.md", "a.txt", "sub/c.pdf", "sub/.hidden.md", ".git/config", "z/y/x.html"]:
        write(tmp_path / "docs" / name, "x")
    single = write(tmp_path / ".secret.txt", "x")
    got = iter_paths([tmp_path / "docs", single])
    rel = [p.relative_to(tmp_path).as_posix() for p in got]
    assert rel == ["docs/a.txt", "docs/b.md", "docs/sub/c.pdf", "docs/z/y/x.html", ".secret.txt"]


# --- bad input --------------------------------------------------------------------------------


def _expect(path: Path, reason: str | Callable[[str], bool]) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path)
    err = info.value
    assert err.path == path
    assert str(err) == f"{path}: {err.reason}"
    assert reason(err.reason) if callable(reason) else err.reason == reason
    return err


def test_empty_files(tmp_path: Path) -> None:
    _expect(write(tmp_path / "empty.pdf", b""), "empty file")
    _expect(write(tmp_path / "blank.md", "  \n\t\n"), "empty file")
    _expect(write(tmp_path / "comment.md", "<!-- nothing -->\n"), "empty file")


def test_garbage_named_pdf(tmp_path: Path) -> None:
    _expect(write(tmp_path / "fake.pdf", bytes(range(256)) * 8), "not a PDF (no %PDF header)")
    _expect(write(tmp_path / "notes.pdf", "Just some text.\n"), "not a PDF (no %PDF header)")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = DEMO_PDF.read_bytes()
    path = write(tmp_path / "cut.pdf", data[: len(data) // 2])
    _expect(path, lambda r: r.startswith("truncated or damaged PDF: "))


def test_damaged_pdf_body(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Nope >>\nendobj\n%%EOF\n")
    _expect(path, lambda r: r.startswith("truncated or damaged PDF: "))


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "secret.pdf", [["Confidential text."]], encrypt="pw")
    _expect(path, "encrypted PDF (password required)")


def test_unknown_extension(tmp_path: Path) -> None:
    err = _expect(
        write(tmp_path / "data.xyz", "text"), lambda r: r.startswith("unsupported file type '.xyz'")
    )
    assert ".pdf" in err.reason and ".docx" in err.reason


def test_undecodable_text(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", b"abc \x00\x01\x02\x8f\x90\xc3\x28\xa0\xfe\x03\x04 def" * 4)
    _expect(path, lambda r: r.startswith("cannot decode text as UTF-8, UTF-16"))


def test_western_single_byte_text_is_decoded(tmp_path: Path) -> None:  # issue 17: no longer refused
    text = "Caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve \u2013 \u201cquoted\u201d \u20ac5."
    path = write(tmp_path / "western.txt", text.encode("cp1252"))
    assert load(path).pages[0].text.strip() == text


def test_load_error_pickles() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(LoadError(Path("a/b.pdf"), "empty file")))
    assert isinstance(err, LoadError) and str(err) == "a/b.pdf: empty file" and err.reason == "empty file"


def test_bad_docx_and_missing_file(tmp_path: Path) -> None:
    _expect(write(tmp_path / "x.docx", b"PK\x03\x04 not really a zip"), "not a DOCX (not a ZIP archive)")
    with zipfile.ZipFile(tmp_path / "y.docx", "w") as z:
        z.writestr("other.xml", "<a/>")
    _expect(tmp_path / "y.docx", "damaged DOCX: word/document.xml is missing")
    _expect(tmp_path / "missing.md", "file not found")


def test_an_article_a_layout_broke_from_its_name_is_joined_again() -> None:
    from ingest.text import clean

    assert clean("a road from Salah al- Din to the town of al-\nQaim") == "a road from Salah al-Din to the town of al-Qaim"
    assert clean("a well- known body") == "a well- known body"  # only an article joins
