"""Tables of phrases: read CSV/TSV, xlsx and docx; write csv, tsv, jsonl and xlsx.

Cells are read as strings and never converted, so the input columns of a written
table are the input's cells exactly. Rows in = rows out: a row whose phrase cannot
be normalized keeps its place and gets the reason in the ``error`` column.

>>> table = parse_text("序号,完成时限\\n1,2016年7月底前\\n2,\\n", "csv")
>>> table.columns, table.rows
(['序号', '完成时限'], [['1', '2016年7月底前'], ['2', '']])
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import ShixianError
from .limits import Limits, use_limits

__all__ = [
    "CELL_LIMIT",
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "MissingExtra",
    "RowWriter",
    "Table",
    "TableError",
    "UnknownColumn",
    "decode",
    "detect_format",
    "import_extra",
    "output_columns",
    "parse_text",
    "read_table",
    "read_text",
    "write_table",
]

#: The longest csv/tsv cell read, in characters (Python's csv module alone stops at
#: 131,072); a longer cell is an error naming its line.
CELL_LIMIT = 1 << 24
#: Formats :func:`read_table` reads.
INPUT_FORMATS: tuple[str, ...] = ("csv", "tsv", "xlsx", "docx")
#: Formats :func:`write_table` writes.
OUTPUT_FORMATS: tuple[str, ...] = ("csv", "tsv", "jsonl", "xlsx", "parquet")

_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".docx": "docx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_DISTRIBUTIONS = {"docx": "python-docx"}
_UNSUPPORTED = {".xls": "xlsx", ".doc": "docx", ".et": "xlsx", ".wps": "docx"}


class TableError(ShixianError):
    """A table cannot be read or written (missing file, bad encoding, unknown format …)."""


class MissingExtra(TableError):
    """A format needs an optional dependency that is not installed.

    ``extra`` names the extra of shixian's ``pyproject.toml`` that provides it
    (``pip install '.[extra]'`` in the source folder); ``module`` the package
    itself (``pip install module``), which the message names first.
    """

    def __init__(self, extra: str, module: str, purpose: str) -> None:
        self.extra = extra
        self.module = module
        self._fields = (extra, module, purpose)
        super().__init__(
            f"{purpose} needs the optional package {module!r}: pip install {module} "
            f"(or install shixian with the extra: pip install '.[{extra}]' in its source folder)"
        )


class UnknownColumn(TableError):
    """The table has no column of the requested name; ``columns`` lists those it has."""

    def __init__(self, column: str, columns: Sequence[str]) -> None:
        self.column = column
        self.columns = tuple(columns)
        self._fields = (column, self.columns)
        names = ", ".join(repr(c) for c in columns) or "(none)"
        super().__init__(f"no column {column!r}; the columns are: {names}")


def import_extra(module: str, extra: str, purpose: str) -> Any:
    """Import an optional dependency, or raise :class:`MissingExtra` naming its extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".")[0]
        raise MissingExtra(extra, _DISTRIBUTIONS.get(package, package), purpose) from exc


@attrs.define
class Table:
    """A table read from a file: a header and rows of string cells.

    Attributes:
        columns: the header row, in the file's order.
        rows: the data rows; every row has ``len(columns)`` cells (short rows are
            padded with empty cells; a longer row widens the header with ``""``).
        format: the format read: ``csv``, ``tsv``, ``xlsx`` or ``docx``.
        encoding: the text encoding used for csv/tsv (``None`` otherwise).
        bom: the csv/tsv file began with a UTF-8 byte-order mark.
        lineterminator: the csv/tsv line ending (``"\\r\\n"`` or ``"\\n"``).
        values: for xlsx, the cells' typed values (numbers, dates) parallel to
            ``rows``, so an xlsx written back keeps them; ``None`` otherwise.
        sheet: for xlsx, the name of the sheet read (an xlsx written keeps it).
        header_row: the 1-based row of the header (after title rows).
        title: the text of the title rows above the header, if any.
        notes: csv/tsv rows read with a fallback decoding, ``{row index: (file line,
            note)}`` (``not UTF-8: read as GB18030``): a command adds the note to the
            row's ``error`` column, as the streamed ``shixian table`` does.
    """

    columns: list[str]
    rows: list[list[str]]
    format: str = "csv"
    encoding: str | None = None
    bom: bool = False
    lineterminator: str = "\r\n"
    values: list[list[object]] | None = None
    sheet: str | None = None
    header_row: int = 1
    title: str | None = None
    notes: dict[int, tuple[int, str]] = attrs.field(factory=dict)

    def column_index(self, name: str) -> int:
        """The position of the first column called ``name``; :class:`UnknownColumn` if none."""
        try:
            return self.columns.index(name)
        except ValueError:
            raise UnknownColumn(name, self.columns) from None

    def column(self, name: str) -> list[str]:
        """The cells of column ``name``, one per row."""
        index = self.column_index(name)
        return [row[index] for row in self.rows]


def _rectangular(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    width = max([len(header), *(len(r) for r in rows)])
    header = header + [""] * (width - len(header))
    return header, [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]


def detect_format(path: str | os.PathLike[str], default: str = "csv") -> str:
    """The format named by a file's extension (``.csv`` → ``csv``, ``.tab`` → ``tsv`` …).

    Old binary formats (``.xls``, ``.doc``) raise :class:`TableError`; other
    extensions give ``default``.

    >>> detect_format("plan.XLSX"), detect_format("plan.tab"), detect_format("plan.txt")
    ('xlsx', 'tsv', 'csv')
    """
    suffix = Path(path).suffix.lower()
    if suffix in _UNSUPPORTED:
        raise TableError(
            f"{Path(path).name}: the old {suffix} format is not supported; "
            f"save it as .{_UNSUPPORTED[suffix]} or .csv"
        )
    return _EXTENSIONS.get(suffix, default)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode a text file's bytes: ``(text, encoding used, had a UTF-8 BOM)``.

    Without ``encoding``: a UTF-8 or UTF-16 byte-order mark decides; otherwise
    UTF-8 is tried, then GB18030 (a superset of GBK and GB2312).

    >>> decode("时限".encode("gbk"))
    ('时限', 'gb18030', False)
    >>> decode(codecs.BOM_UTF8 + "时限".encode())
    ('时限', 'utf-8-sig', True)
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TableError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except LookupError:  # a codec that is not a text encoding (rot13, base64)
            raise TableError(f"unknown encoding {encoding!r}: not a text encoding") from None
        except UnicodeDecodeError as exc:
            raise TableError(f"cannot decode the input as {encoding}: {exc}") from None
        name = codecs.lookup(encoding).name
        bom = data.startswith(codecs.BOM_UTF8) and name in ("utf-8", "utf-8-sig")
        if bom and text.startswith("\ufeff"):
            text = text[1:]
        return text, encoding, bom
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data, "utf-8-sig"), "utf-8-sig", True
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16"), "utf-16", False
    for candidate in ("utf-8", "gb18030"):
        try:
            return data.decode(candidate), candidate, False
        except UnicodeDecodeError:
            continue
    raise TableError("cannot decode the input as UTF-8 or GB18030; give its encoding")


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TableError(f"cannot decode the input as {encoding}: {exc}") from None


def _read_bytes(source: str | os.PathLike[str]) -> bytes:
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TableError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise TableError(f"{source}: is a directory") from None
    except OSError as exc:
        raise TableError(f"{source}: cannot read: {exc.strerror or exc}") from None


def read_text(
    source: str | os.PathLike[str] | bytes, encoding: str | None = None
) -> tuple[str, str]:
    """The text of a file (or of ``bytes``) decoded as :func:`decode` does: ``(text, encoding)``."""
    data = source if isinstance(source, bytes) else _read_bytes(source)
    text, used, _ = decode(data, encoding)
    return text, used


def _line_ending(text: str) -> str:
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def parse_text(text: str, format: str = "csv") -> Table:
    """A :class:`Table` from decoded csv/tsv text; the first row is the header."""
    if format not in ("csv", "tsv"):
        raise TableError(f"not a text table format: {format!r}")
    delimiter = "\t" if format == "tsv" else ","
    csv.field_size_limit(CELL_LIMIT)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise TableError(f"malformed {format.upper()}: {exc}") from None
    if not records:
        raise TableError("the table is empty: no header row")
    header, rows = _rectangular(records[0], records[1:])
    return Table(header, rows, format=format, lineterminator=_line_ending(text))


def _sniff(text: str) -> str:
    """``tsv`` when the first line has more tabs than commas, else ``csv``.

    >>> _sniff("序号\\t完成时限\\n"), _sniff("a,b\\tc\\n")
    ('tsv', 'csv')
    """
    first = text.split("\n", 1)[0]
    return "tsv" if first.count("\t") > first.count(",") else "csv"


def _read_xlsx(path: str | os.PathLike[str], sheet: str | int | None) -> Table:
    from .excel import cell_text, read_xlsx

    title, values = read_xlsx(path, sheet)
    texts = [[cell_text(v) for v in row] for row in values]
    header, rows = _rectangular(texts[0], texts[1:])
    width = len(header)
    padded = [row + [None] * (width - len(row)) for row in values[1:]]
    return Table(header, rows, format="xlsx", values=padded, sheet=title)


def _rehead(table: Table, header_row: int | None, column: str | None) -> Table:
    """Move the header down to ``header_row`` (1-based), or past detected title rows."""
    from .excel import find_header

    records = [table.columns, *table.rows]
    if header_row is None:
        at = find_header(records, column)
    elif not 1 <= header_row <= len(records):
        raise TableError(f"no header row {header_row}: the table has {len(records)} rows")
    else:
        at = header_row - 1
    if at == 0:
        return table
    above = [cell.strip() for row in records[:at] for cell in row if cell.strip()]
    table.title = " ".join(dict.fromkeys(above)) or None
    table.columns, table.rows = records[at], records[at + 1 :]
    table.notes = {i - at: note for i, note in table.notes.items() if i >= at}
    if table.values is not None:
        table.values = table.values[at:]
    table.header_row = at + 1
    return table


def _read_docx(path: str | os.PathLike[str], table: int) -> Table:
    if not Path(path).is_file():
        _read_bytes(path)  # raises the TableError that says why
    docx = import_extra("docx", "docx", "reading .docx")
    from .limits import check_grid, check_zip, current_limits

    check_zip(path, current_limits(), "docx")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a bad file
        raise TableError(f"{path}: not a readable .docx file: {exc}") from None
    tables = document.tables
    if not tables:
        raise TableError(f"{path}: the document has no table")
    if not 0 <= table < len(tables):
        raise TableError(f"{path}: no table {table + 1}; the document has {len(tables)}")
    check_grid(tables[table]._tbl, os.fspath(path))  # gridBefore/gridSpan before any copy
    records: list[list[str]] = []
    for row in tables[table].rows:
        before = int(getattr(row, "grid_cols_before", 0))
        after = int(getattr(row, "grid_cols_after", 0))
        records.append([""] * before + [cell.text for cell in row.cells] + [""] * after)
    if not records:
        raise TableError(f"{path}: table {table + 1} is empty: no header row")
    header, rows = _rectangular(records[0], records[1:])
    return Table(header, rows, format="docx")


def read_table(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    table: int = 0,
    header_row: int | None = None,
    column: str | None = None,
    limits: Limits | None = None,
) -> Table:
    """Read a table: a header row, then the data rows.

    Args:
        source: a path, or the bytes of a csv/tsv file.
        format: ``csv``, ``tsv``, ``xlsx`` or ``docx``; by default from the
            file's extension; for other names and for bytes, ``tsv`` when the
            first line has more tabs than commas, else ``csv``.
        encoding: the csv/tsv text encoding; by default detected (:func:`decode`).
        sheet: the xlsx sheet: a name, a 0-based ``int``, or a string of digits
            that is not a sheet's name, read as a 1-based number (default: the first).
        table: the 0-based position of the docx table (default: the first).
        header_row: the 1-based row of the header; by default the first row,
            or the first after title rows (:func:`shixian.io.excel.find_header`).
        column: a column the header must hold: the header is the first row that
            names it (used when ``header_row`` is not given).
        limits: the bounds on hostile xlsx/docx files (:mod:`shixian.io.limits`);
            default: those in force (:func:`~shixian.io.limits.current_limits`).

    Merged cells of xlsx and docx read as their content in every cell they cover.
    ``Table.header_row`` and ``Table.title`` say where the header was found.
    Raises :class:`TableError` (or its :class:`MissingExtra`) when it cannot, and
    :class:`~shixian.io.limits.LimitExceeded` for a file over the limits.
    """
    if limits is not None:
        with use_limits(limits):
            return _rehead(_read(source, format, encoding, sheet, table), header_row, column)
    return _rehead(_read(source, format, encoding, sheet, table), header_row, column)


def _read(
    source: str | os.PathLike[str] | bytes,
    format: str | None,
    encoding: str | None,
    sheet: str | int | None,
    table: int,
) -> Table:
    if format is None:
        format = "" if isinstance(source, bytes) else detect_format(source, default="")
    if format not in (*INPUT_FORMATS, ""):
        raise TableError(f"cannot read {format!r} tables; readable: {', '.join(INPUT_FORMATS)}")
    if format == "xlsx" or format == "docx":
        if isinstance(source, bytes):
            raise TableError(f"{format} input must be a file")
        return _read_xlsx(source, sheet) if format == "xlsx" else _read_docx(source, table)
    data = source if isinstance(source, bytes) else _read_bytes(source)
    from .textrows import read_rows  # the streaming reader's rules (it imports this module)

    read = read_rows(data, format=format or None, encoding=encoding)
    if read is None:  # UTF-16: decoded whole
        text, used, bom = decode(data, encoding)
        result = parse_text(text, format or _sniff(text))
        result.encoding, result.bom = used, bom
        return result
    layout = read.layout
    header, rows = _rectangular(read.header, read.rows)
    return Table(
        header,
        rows,
        format=layout.format,
        encoding=layout.encoding,
        bom=layout.bom,
        lineterminator=layout.lineterminator,
        notes=read.notes,
    )


# the writers live in their own module; imported last, as they use the names above
from .writing import RowWriter, output_columns, write_table  # noqa: E402
