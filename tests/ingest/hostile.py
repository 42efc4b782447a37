"""Hostile and broken inputs for the hardening tests (issue 17), built in code: no corpus text.

Shared by tests/ingest/test_hostile_files.py and tests/api/test_hostile.py.
"""

from __future__ import annotations

import io
import zipfile

GOOD_TEXT = ("# Sample coordination note\n\nThe Ministry of Water Resources shall coordinate canal "
             "maintenance programmes in Maysan with local councils. Voluntary groups should train "
             "teachers on tolerance between neighbours.\n")
GOOD_CSV = "Organisation,District P-code,Sector\nHope Aid Network,IQG15Q09,Water and sanitation\n"


def pdf_bytes(catalog_extra: bytes = b"", extra_objs: tuple[bytes, ...] = (), text: bytes = b"Hello text") -> bytes:
    """A small valid PDF (one page of text) with a proper cross-reference table."""
    content = b"BT /F1 12 Tf 20 100 Td (" + text + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objs,
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


PDF_ACTIVE = {
    "js-open-action": pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    "js-name-escaped": pdf_bytes(b"/OpenAction << /S /#4A#61vaScript /#4A#53 (app.alert(1)) >>"),
    "launch-indirect": pdf_bytes(b"/OpenAction 6 0 R", (b"<< /S /Launch /F (calc.exe) >>",)),
    "js-names-tree": pdf_bytes(b"/Names << /JavaScript 6 0 R >>", (b"<< /Names [(a) 7 0 R] >>",
                                                                   b"<< /S /JavaScript /JS (x) >>")),
    "js-no-xref": b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (1) >> >> endobj\n%%EOF",
}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


DOCX_BOMB = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b"A" * (8 * 2**20)})
XLSX_BOMB = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b" " * (8 * 2**20)})
DOCX_MANY_PARTS = zip_bytes({f"word/p{i}.xml": b"<a/>" for i in range(2100)})
