"""Per-file limits every ingest path applies (CLI and API alike) before and while a file is read.

A file is screened before any parser sees it: only a regular file is opened (a FIFO blocks the
reader for ever, a device never ends), a file over the size limit is refused, a ZIP container
(DOCX, XLSX) whose content would inflate past the limits is refused from its directory alone,
and a PDF carrying JavaScript or launch actions is refused by looking at its objects through a
PDF parser (a byte pattern misses name-escaped keys such as ``/#4A#61vaScript``). Reading one
file is then bounded in time. Each refusal is one line naming the limit and its setting.
"""

from __future__ import annotations

import ctypes
import io
import os
import stat
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph.settings import get_settings
from ingest.loaders import LoadError

T = TypeVar("T")
ZIP_SUFFIXES = (".docx", ".xlsx")
MAX_ZIP_PARTS = 2000
_MB = 1024 * 1024
# PDF action types that run code, start programs or fetch from outside
_ACTIVE_ACTIONS = {"JavaScript", "Launch", "RichMedia", "ImportData", "GoToE", "SubmitForm"}
_ACTIVE_KEYS = {"JS", "JavaScript", "RichMediaContent", "XFA"}
_MAX_PDF_OBJECTS = 500_000

_KINDS = [(stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")]


def check_file(path: Path) -> str:
    """The reason to refuse ``path`` before opening it, or "" (stat only, then the cheap screens)."""
    try:
        st = os.stat(path)  # follows a symlink to what it names; never opens
    except FileNotFoundError:
        return "file not found"
    except OSError as e:
        return f"cannot read file ({e.strerror or e})"
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        return f"{kind}, not a regular file; refused without opening it"
    limit = get_settings().max_file_mb
    if st.st_size > limit * _MB:
        return f"the file is {st.st_size / _MB:.0f} MB, over the limit of {limit} MB (DALIL_MAX_FILE_MB)"
    ext = path.suffix.lower()
    if ext in ZIP_SUFFIXES:
        return screen_zip(path, ext.lstrip(".").upper())
    if ext == ".pdf":
        return pdf_active_content(path)
    return ""


def screen_zip(source: Path | bytes, what: str = "DOCX") -> str:
    """The reason to refuse a ZIP container (zip bomb, too many parts), from its directory alone."""
    s = get_settings()
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return f"not a {what} (not a ZIP archive)"
    if len(infos) > MAX_ZIP_PARTS:
        return f"{what} with more than {MAX_ZIP_PARTS} parts; refused"
    total = sum(i.file_size for i in infos)
    if total > s.max_inflated_mb * _MB:
        return (f"{what} would inflate to {total // _MB} MB, over the limit of {s.max_inflated_mb} MB "
                "(DALIL_MAX_INFLATED_MB; a zip bomb?); refused")
    for i in infos:
        ratio = i.file_size // max(i.compress_size, 1)
        if i.file_size > _MB and ratio > s.max_inflate_ratio:
            return (f"{what} part {i.filename[:80]} inflates {ratio}:1, over the limit of {s.max_inflate_ratio}:1 "
                    "(DALIL_MAX_INFLATE_RATIO; a zip bomb?); refused")
    return ""


def pdf_active_content(source: Path | bytes) -> str:
    """"PDF contains ..." when any object of the PDF is a JavaScript, launch or similar action,
    else "". pdfminer decodes names (``#4A`` = ``J``) and reads objects inside object streams;
    a PDF without a usable cross-reference table is scanned object by object instead."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - pdfminer raises many types: scan the objects as they come
        return _scan_objects(data)
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            if len(seen) > _MAX_PDF_OBJECTS:
                return f"PDF with more than {_MAX_PDF_OBJECTS:,} objects; refused"
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a broken object is not active content
                continue
            if found := _active(obj):
                return f"PDF contains {found}; refused"
    return ""


def _scan_objects(data: bytes) -> str:
    """The objects of a PDF read in file order, without its cross-reference table."""
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSEOF

    parser = PDFParser(io.BytesIO(data))
    last = -1
    for _ in range(_MAX_PDF_OBJECTS * 8):
        try:
            pos, obj = parser.nextobject()
        except PSEOF:
            return ""
        except Exception:  # noqa: BLE001 - a stream or token it cannot read: go on past it
            pos = parser.tell() if hasattr(parser, "tell") else last + 1
            if pos <= last:
                return ""
            last = pos
            continue
        last = max(last, pos)
        if found := _active(obj):
            return f"PDF contains {found}; refused"
    return ""


def _name(x: Any) -> str:
    return str(getattr(x, "name", x))


def _active(obj: Any) -> str:
    """What active content a (non-resolved) PDF object is, or ""."""
    from pdfminer.pdftypes import PDFStream

    d = obj.attrs if isinstance(obj, PDFStream) else obj
    if not isinstance(d, dict):
        return ""
    for k, v in d.items():
        key = _name(k)
        if key in _ACTIVE_KEYS:
            return "JavaScript" if key in ("JS", "JavaScript") else f"active content ({key})"
        if key == "S" and _name(v) in _ACTIVE_ACTIONS:
            return "JavaScript" if _name(v) == "JavaScript" else f"a {_name(v)} action"
        if isinstance(v, dict):
            inner = _active(v)
            if inner:
                return inner
        if key in ("AA", "OpenAction", "A") and isinstance(v, list):
            for item in v:
                inner = _active(item)
                if inner:
                    return inner
    return ""


# --- time ---------------------------------------------------------------------------------


class _Deadline(BaseException):
    """Raised into a thread whose file took too long (BaseException: parsers that catch
    Exception cannot swallow it); file_time_limit turns it into a LoadError."""


def _raise_in(tid: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(exc) if exc else None)


class _Watchdog:
    """Fires ``_Deadline`` once into one thread when the limit passes, unless stopped first."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.lock, self.done = threading.Lock(), threading.Event()
        self.inside = self.expired = False
        self.tid = 0

    def start(self) -> None:
        self.tid, self.inside = threading.get_ident(), True
        threading.Thread(target=self._watch, daemon=True, name="file-time-limit").start()

    def _watch(self) -> None:
        if self.done.wait(self.limit):
            return
        with self.lock:
            if self.inside:
                self.expired = True
                _raise_in(self.tid, _Deadline)

    def stop(self) -> None:
        with self.lock:
            if self.inside and self.expired:
                _raise_in(self.tid, None)  # clear it if it has not landed yet
            self.inside = False
        self.done.set()


def call_with_time_limit(path: Path, fn: Callable[..., T], *args: Any, seconds: float | None = None,
                         **kw: Any) -> T:
    """``fn(*args, **kw)``, failing with LoadError when it runs past ``seconds`` (default
    DALIL_FILE_TIMEOUT_S). Works in any thread (the API ingests in a worker): a watchdog raises
    into the reading thread once; the deadline is a BaseException so parsers that catch
    Exception do not swallow it, and if one swallows it anyway the result is refused all the
    same. Every place the deadline may land is inside the one ``try``. Long C calls finish first."""
    limit = seconds if seconds is not None else get_settings().file_timeout_s
    w = _Watchdog(limit)
    why = f"reading it took longer than the limit of {limit:g} s (DALIL_FILE_TIMEOUT_S); refused"
    try:
        try:
            w.start()
            result = fn(*args, **kw)
        finally:
            w.stop()
    except _Deadline:
        w.stop()
        raise LoadError(path, why) from None
    if w.expired:
        raise LoadError(path, why)
    return result
