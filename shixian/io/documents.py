"""The running text of a document, for :func:`shixian.extract`: text files and Word ``.docx``.

``.txt``, ``.md`` (and other text) are decoded as tables are (UTF-8 with or
without BOM, UTF-16 with BOM, else GB18030); a ``.docx`` gives its paragraphs
and then its tables' cells, one per line. Formats that are not text (PDF, old
Word ``.doc``, spreadsheets, images …) are refused with a message that says
what to do, instead of a decoding error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .tables import TableError, decode, import_extra

__all__ = ["TEXT_SUFFIXES", "UnreadableDocument", "read_document", "sentence_around"]

#: Extensions read as plain text.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ".csv", ".tsv", ""})

_NOT_TEXT = {
    ".pdf": "a PDF: copy its text into a .txt file (or save it as .docx)",
    ".doc": "an old Word file: save it as .docx",
    ".wps": "a WPS file: save it as .docx",
    ".rtf": "an RTF file: save it as .docx or .txt",
    ".odt": "an OpenDocument file: save it as .docx",
    ".xls": "a spreadsheet: save it as .xlsx and use `shixian table`",
    ".xlsx": "a spreadsheet: use `shixian table` for its cells",
    ".xlsm": "a spreadsheet: use `shixian table` for its cells",
    ".et": "a spreadsheet: save it as .xlsx and use `shixian table`",
    ".ppt": "a presentation: save its text as .txt",
    ".pptx": "a presentation: save its text as .txt",
    ".zip": "an archive: unpack it first",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
}
_READABLE = ".txt, .md and .docx"
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


class UnreadableDocument(TableError):
    """``extract`` cannot read the file's format; the message says what to do instead."""

    def __init__(self, name: str, why: str) -> None:
        self.name = name
        self._fields = (name, why)
        super().__init__(f"{name}: cannot read {why}; extract reads {_READABLE}")


def _docx_text(path: str | os.PathLike[str]) -> str:
    docx = import_extra("docx", "docx", "reading .docx")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a bad file
        raise TableError(f"{path}: not a readable .docx file: {exc}") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:  # a merged cell appears once per grid column
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    lines.append(cell.text)
    return "\n".join(lines)


def read_document(source: str | os.PathLike[str] | bytes, encoding: str | None = None) -> str:
    """The text of a ``.txt``/``.md``/… file, a ``.docx``, or of ``bytes`` (read as text).

    Raises :class:`UnreadableDocument` for formats that are not text (a PDF, a
    ``.doc``, a spreadsheet …) and for bytes that are not text at all.
    """
    if isinstance(source, bytes):
        return _as_text(source, "the input", encoding)
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in _NOT_TEXT:
        raise UnreadableDocument(path.name, _NOT_TEXT[suffix])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise TableError(f"{source}: is a directory") from None
    except OSError as exc:
        raise TableError(f"{source}: cannot read: {exc.strerror or exc}") from None
    if suffix == ".docx" or (suffix not in TEXT_SUFFIXES and data.startswith(b"PK\x03\x04")):
        if not data.startswith(b"PK\x03\x04"):
            raise UnreadableDocument(path.name, "it: it is not a .docx (not a zip file)")
        return _docx_text(path)
    return _as_text(data, path.name, encoding)


def _as_text(data: bytes, name: str, encoding: str | None) -> str:
    if data.startswith(b"%PDF"):
        raise UnreadableDocument(name, _NOT_TEXT[".pdf"])
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the old Office container (.doc, .xls)
        raise UnreadableDocument(name, "an old Office file (.doc/.xls): save it as .docx")
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableDocument(name, "a zip file (.docx? give the file its .docx name)")
    head = data[:4096]
    if b"\x00" in head and encoding is None and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:  # valid UTF-8 is text, NUL characters and all; other bytes with NULs are not
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableDocument(name, "it: it is not text (it holds NUL bytes)") from None
    try:
        text, _, _ = decode(data, encoding)
    except TableError as exc:
        raise UnreadableDocument(name, f"it as text ({exc}); give --encoding") from None
    return text


def sentence_around(text: str, start: int, end: int, limit: int = 160) -> tuple[int, int]:
    """The ``(start, end)`` of the sentence holding ``text[start:end]`` (at most ``limit``
    characters each side of the match): from after the previous 。！？；or line break to
    the next one, inclusive.

    >>> text = "一、总体要求。各地于2016年底前完成清理。其他。"
    >>> a, b = sentence_around(text, 9, 16)
    >>> text[a:b]
    '各地于2016年底前完成清理。'
    """
    lo = max(0, start - limit)
    before = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    first = before[-1] if before else lo
    after = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    last = after.end() if after else min(len(text), end + limit)
    while first < start and text[first].isspace():
        first += 1
    return first, last
