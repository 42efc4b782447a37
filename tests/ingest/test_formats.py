"""Web pages (main text and metadata), DOCX (tables, headers, footnotes), PDF glyph codes and
ligatures."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.loaders import load
from ingest.pdf import replace_cids
from tests.ingest.layouts.generate import _font

NEWS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Youth centres open in Mosul | Example News</title>
<meta property="og:url" content="https://news.example.org/2024/03/youth-centres-mosul">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our website.
<button>Accept all cookies</button></p></div>
<main><article><h1>Youth centres open in Mosul</h1>
<p class="byline">By a staff reporter</p>
<p>The Nineveh Directorate of Youth and Sport opened three youth centres in Mosul on Tuesday. The centres offer
vocational training, sports clubs and counselling sessions to four hundred young people from the Old City.</p>
<p>The centres are funded by the European Union and run together with a local civil society organisation that has
worked with returning families since 2019. The directorate shall report on attendance every quarter.</p>
<p>District officials said that further centres in Tel Afar and Sinjar are planned for next year, subject to
funding from the governorate budget.</p>
</article></main>
<aside><h3>Related articles</h3><ul><li><a href="/a">Flood warning issued for Basra province</a></li>
<li><a href="/b">New bridge opens over the Tigris</a></li></ul></aside>
<footer><p>Copyright 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_web_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "youth-centres.html"
    path.write_text(NEWS, encoding="utf-8")
    doc = load(path)
    text = doc.pages[0].text
    assert doc.document.kind == "html" and doc.document.title == "Youth centres open in Mosul"
    assert doc.meta == {"url": "https://news.example.org/2024/03/youth-centres-mosul", "date": "2024-03-05"}
    assert "The Nineveh Directorate of Youth and Sport opened three youth centres in Mosul on Tuesday." in text
    assert "The directorate shall report on attendance every quarter." in text
    for boilerplate in ("cookies", "Subscribe", "World news", "Related articles", "Flood warning", "Copyright",
                        "Privacy policy"):
        assert boilerplate not in text
    # chunks (so statements) come from the article only
    assert all("cookies" not in c.text for c in chunk_document(doc))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _docx(path: Path) -> Path:
    cell = lambda t: f"<w:tc><w:p>{_run(t)}</w:p></w:tc>"  # noqa: E731
    row = lambda *ts: "<w:tr>" + "".join(cell(t) for t in ts) + "</w:tr>"  # noqa: E731
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run("Basra Youth Plan")}</w:p>'
        f"<w:p>{_run('The Basra youth council coordinates the plan.')}"
        f'<w:r><w:footnoteReference w:id="2"/></w:r>{_run(" It meets monthly.")}</w:p>'
        f"<w:tbl>{row('Body', 'Role', 'District')}{row('Youth council', 'coordination', 'Basra')}"
        f"{row('Directorate of Education', 'school clubs', 'Zubair')}</w:tbl>"
        f'<w:p><w:r><w:br w:type="page"/></w:r>{_run("The second page names no one.")}</w:p>'
    )
    footnotes = (
        f"<w:footnotes {W}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="2"><w:p>{_run("Decision of the provincial council, 2023.")}</w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        z.writestr("word/header1.xml", f"<w:hdr {W}><w:p>{_run('DRAFT - NOT FOR CIRCULATION')}</w:p></w:hdr>")
        z.writestr("word/footer1.xml", f"<w:ftr {W}><w:p>{_run('Page 1')}</w:p></w:ftr>")
        z.writestr("word/footnotes.xml", footnotes)
    return path


def test_docx_tables_as_rows_headers_dropped_footnotes_kept(tmp_path: Path) -> None:
    doc = load(_docx(tmp_path / "plan.docx"))
    assert doc.document.title == "Basra Youth Plan" and len(doc.pages) == 2
    first = doc.pages[0].text
    assert "The Basra youth council coordinates the plan. It meets monthly." in first
    assert "Body | Role | District\n\nYouth council | coordination | Basra\n\nDirectorate of Education | school clubs | Zubair" in first
    assert first.endswith("2 Decision of the provincial council, 2023.")
    assert "DRAFT" not in first and "Page 1" not in first
    assert doc.pages[1].text == "The second page names no one."


def test_cid_codes_and_ligatures(tmp_path: Path) -> None:
    assert replace_cids("(cid:127) Training for teachers") == "• Training for teachers"
    assert replace_cids("Mo(cid:3)sul") == "Mosul"
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(_font()))
    pdf.add_page()
    pdf.set_font("dejavu", size=12)
    pdf.cell(0, 8, "The ﬁnancial oﬃce ﬂags each ﬁle.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "lig.pdf"))
    assert load(tmp_path / "lig.pdf").pages[0].text == "The financial office flags each file."
