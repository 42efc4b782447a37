"""A two-column DOCX written as plain WordprocessingML (zipfile, no python-docx): the input that
LibreOffice headless lays out for the ``libreoffice-2col`` layout.

Word processors are how most reports start, so the layout set has one PDF made the way an office
exports it: a DOCX with a title across the page, a two-column section, a running head in the
header, "Page N" from a PAGE field in the footer and a real footnote (``footnotes.xml``), in
right-to-left paragraphs for Arabic. Only the parts LibreOffice needs are written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["write_docx"]

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>"""

_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdH" Type="{_REL}/header" Target="header1.xml"/>
<Relationship Id="rIdF" Type="{_REL}/footer" Target="footer1.xml"/>
<Relationship Id="rIdN" Type="{_REL}/footnotes" Target="footnotes.xml"/>
</Relationships>"""


def _run(text: str, size: int, bold: bool = False, rtl: bool = False) -> str:
    props = f"<w:rFonts w:ascii=\"DejaVu Sans\" w:hAnsi=\"DejaVu Sans\" w:cs=\"DejaVu Sans\"/>{'<w:b/><w:bCs/>' if bold else ''}" \
            f"{'<w:rtl/>' if rtl else ''}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(runs: str, rtl: bool, align: str = "both", after: int = 80, keep_next: bool = False) -> str:
    props = f"{'<w:keepNext/>' if keep_next else ''}{'<w:bidi/>' if rtl else ''}" \
            f'<w:spacing w:after="{after}" w:line="300" w:lineRule="auto"/><w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def _section(cols: int, last: bool, rtl: bool) -> str:
    """Section properties: A4, margins, the header and footer, ``cols`` columns. The last
    section's properties close the body and start on the same page as the one before it
    (a continuous break); an earlier one ends its section."""
    props = ('<w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/>'
             + ('<w:type w:val="continuous"/>' if last else "")
             + '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1250" w:right="900" w:bottom="1250" w:left="900" '
             f'w:header="600" w:footer="600" w:gutter="0"/><w:cols w:num="{cols}" w:space="454"/>'
             + ("<w:bidi/>" if rtl else ""))  # a right-to-left section: its first column on the right
    return f"<w:sectPr>{props}</w:sectPr>" if last else f"<w:p><w:pPr><w:sectPr>{props}</w:sectPr></w:pPr></w:p>"


def write_docx(out: Path, title: str, blocks: list[tuple[str, str]], head: str, page_word: str, footnote: str,
               rtl: bool) -> Path:
    """``blocks``: (kind, text) with kind h1, h2, para or item. The title's paragraph carries the
    footnote reference; ``page_word`` + the page number is the footer."""
    note = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    body = [_para(_run(title, 30, bold=True, rtl=rtl) + note, rtl, align="left", after=240), _section(1, last=False, rtl=rtl)]
    for kind, text in blocks:
        if kind in ("h1", "h2"):
            body.append(_para(_run(text, 22, bold=True, rtl=rtl), rtl, align="left", after=60, keep_next=True))
        else:
            body.append(_para(_run(("- " if kind == "item" else "") + text, 18, rtl=rtl), rtl))
    body.append(_section(2, last=True, rtl=rtl))
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W}><w:body>{"".join(body)}</w:body></w:document>'
    header = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {_W}>' \
             f'{_para(_run(head, 16, rtl=rtl), rtl, align="right" if not rtl else "left", after=0)}</w:hdr>'
    small = '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
    page = (_run(page_word + " ", 16, rtl=rtl) + f'<w:r>{small}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{small}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{small}<w:fldChar w:fldCharType="separate"/></w:r>'
            + _run("1", 16) + f'<w:r>{small}<w:fldChar w:fldCharType="end"/></w:r>')
    footer = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {_W}>{_para(page, rtl, align="center", after=0)}</w:ftr>'
    separator = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' \
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W}>{separator}<w:footnote w:id="1">'
             + _para('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                     + _run(" " + footnote, 14, rtl=rtl), rtl, align="left", after=0)
             + "</w:footnote></w:footnotes>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("word/_rels/document.xml.rels", _DOC_RELS), ("word/document.xml", document),
                           ("word/header1.xml", header), ("word/footer1.xml", footer), ("word/footnotes.xml", notes)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))  # the same bytes on every run
            z.writestr(info, text, zipfile.ZIP_DEFLATED)
    return out
