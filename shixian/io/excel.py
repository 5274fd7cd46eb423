"""Excel: read a sheet (title rows, merged cells, a chosen header row); write typed, styled .xlsx.

Reading keeps each cell's typed value beside its text, so a sheet written back
keeps its numbers and dates. Writing gives the record's dates as date cells,
its booleans as booleans, a bold, frozen header row with filters, and a fill on
the rows a reader should look at: errors (red), ambiguous readings (yellow) and
incomplete reads (orange). The sheet keeps the input sheet's name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .record import COLUMNS

if TYPE_CHECKING:
    from .annotate import Annotation
    from .safety import WriteReport
    from .tables import Table

__all__ = ["FILLS", "cell_text", "find_header", "read_xlsx", "write_xlsx"]

#: Row fills of the written sheet (RGB): why a row is highlighted.
FILLS: dict[str, str] = {"error": "FFC7CE", "ambiguous": "FFEB9C", "incomplete": "F8CBAD"}
_HEADER_FILL = "DDEBF7"
_TITLE_SCAN = 10
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: The longest text an .xlsx cell holds.
MAX_CELL_TEXT = 32767
# characters XML 1.0 (and so .xlsx) cannot hold: C0 controls but tab/LF/CR, surrogates, U+FFFE/F
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def storable(text: str) -> tuple[str, bool, int]:
    r"""``(text as .xlsx can hold it, whether characters were escaped, characters cut)``.

    Characters XML cannot hold are escaped as ``\xNN``/``\uNNNN``; a text
    longer than 32,767 characters is cut to that length.

    >>> storable("a\x01b\uffff")
    ('a\\x01b\\uffff', True, 0)
    >>> storable("x" * 32770)[2]
    3
    """
    cleaned = False
    if _UNSTORABLE.search(text) is not None:
        text, cleaned = _UNSTORABLE.sub(_escape, text), True
    cut = max(0, len(text) - MAX_CELL_TEXT)
    return (text[:MAX_CELL_TEXT] if cut else text), cleaned, cut


def cell_text(value: object) -> str:
    """How an xlsx cell value reads as text (dates as ISO 8601, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def find_header(records: Sequence[Sequence[str]], column: str | None = None) -> int:
    """The 0-based position of the header row among the first rows of a table.

    With ``column``, the first of the first 10 rows that holds a cell of that
    name. Otherwise title rows are skipped: a row with a single distinct
    non-empty value (a title merged across the columns, or written in its first
    cell) above a row with at least two is a title, and that row is the header.
    Without such a row, the header is the first row.

    >>> find_header([["广东省分工方案", "广东省分工方案"], ["序号", "完成时限"], ["1", "x"]])
    1
    >>> find_header([["序号", "完成时限"], ["1", "x"]]), find_header([["完成时限"], ["x"]])
    (0, 0)
    """
    head = records[:_TITLE_SCAN]
    if column is not None:
        for i, row in enumerate(head):
            if any(cell.strip() == column for cell in row):
                return i
    for i, row in enumerate(head):
        distinct = {cell.strip() for cell in row if cell.strip()}
        if len(distinct) >= 2:
            return i
        if not distinct:
            continue  # a blank row above the header
    return 0


def _sheet(book: Any, path: str | os.PathLike[str], sheet: str | int | None) -> Any:
    from .tables import TableError

    try:
        if sheet is None:
            return book.worksheets[0]
        if isinstance(sheet, int):
            return book.worksheets[sheet]
        if sheet not in book.sheetnames and sheet.isdigit() and int(sheet) > 0:
            return book.worksheets[int(sheet) - 1]  # a 1-based number
        return book[sheet]
    except (IndexError, KeyError):
        raise TableError(
            f"{path}: no sheet {sheet!r}; the sheets are: {', '.join(book.sheetnames)}"
        ) from None


def read_xlsx(
    path: str | os.PathLike[str],
    sheet: str | int | None = None,
) -> tuple[str, list[list[object]]]:
    """``(sheet name, typed rows)`` of a sheet.

    A merged range's value fills every cell it covers (a title across the
    columns, a task merged down over several rows). The workbook is opened
    read-only, after its zip is checked, and the rows, columns and merged cells
    read are bounded (:mod:`shixian.io.limits`: :class:`~shixian.io.limits.LimitExceeded`).
    """
    from .limits import LimitExceeded, check_zip, current_limits, scan_sheet
    from .tables import TableError, _read_bytes, import_extra

    if not Path(path).is_file():
        _read_bytes(path)  # raises the TableError that says why
    openpyxl = import_extra("openpyxl", "xlsx", "reading .xlsx")
    limits = current_limits()
    name = os.fspath(path)
    check_zip(path, limits, "xlsx")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise TableError(f"{path}: not a readable .xlsx file: {exc}") from None
    try:
        ws = _sheet(book, path, sheet)
        merges = scan_sheet(book._archive, ws._worksheet_path, name, limits).merges
        ws.reset_dimensions()  # the declared used range may lie: read the cells there are
        values: list[list[object]] = []
        width = 0
        empty: list[object] = []  # shared by the empty rows until one is filled
        for row in ws.iter_rows(values_only=True):
            if len(row) > width:
                width = len(row)
                if width > limits.max_columns:
                    raise LimitExceeded(
                        name, "max_columns", width, limits.max_columns, "the columns of a row"
                    )
            values.append(list(row) if row else empty)
            if len(values) * width > limits.max_cells:
                raise LimitExceeded(
                    name, "max_cells", len(values) * width, limits.max_cells,
                    "rows × columns of the sheet",
                )  # fmt: skip
        title = str(ws.title)
    except (LimitExceeded, TableError):
        raise
    except Exception as exc:  # a malformed sheet
        raise TableError(f"{path}: not a readable .xlsx file: {exc}") from None
    finally:
        book.close()
    _fill_merges(values, merges)
    while values and all(v is None for v in values[-1]):
        values.pop()  # formatting-only rows past the data
    if not values:
        raise TableError(f"{path}: the sheet {title!r} is empty: no header row")
    return title, values


def _fill_merges(values: list[list[object]], merges: Sequence[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range its top-left value (within the rows read)."""
    for min_row, min_col, max_row, max_col in merges:
        if min_row > len(values):
            continue
        top = values[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row, min(max_row, len(values)) + 1):
            cells = values[r - 1]
            if len(cells) < max_col:
                cells = values[r - 1] = [*cells, *([None] * (max_col - len(cells)))]
            for c in range(min_col, max_col + 1):
                cells[c - 1] = value


def _fill(annotation: Annotation | None) -> str | None:
    if annotation is None:
        return None
    if not annotation.ok:
        return None if annotation.error == "empty" else FILLS["error"]
    if annotation.ambiguous:
        return FILLS["ambiguous"]
    if annotation.get("complete") is False:
        return FILLS["incomplete"]
    return None


def _letter(n: int) -> str:
    name = ""
    while n:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def write_xlsx(
    table: Table,
    annotations: Sequence[Annotation] | None,
    header: list[str],
    out: IO[bytes],
    *,
    report: WriteReport | None = None,
) -> None:
    """Write one styled sheet: the input's cells (typed when read from xlsx), then the record's.

    Text is always written as text (a cell ``=HYPERLINK(…)`` is not a formula);
    characters .xlsx cannot hold are escaped and text past 32,767 characters is
    cut (:func:`storable`), each change named in the row's ``error`` column and
    counted in ``report``.
    """
    from .tables import TableError, import_extra

    openpyxl = import_extra("openpyxl", "xlsx", "writing .xlsx")
    exceptions = import_extra("openpyxl.utils.exceptions", "xlsx", "writing .xlsx")
    styles = import_extra("openpyxl.styles", "xlsx", "writing .xlsx")
    write_only_cell = import_extra("openpyxl.cell", "xlsx", "writing .xlsx").WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(table.sheet or "shixian")
    rows: Sequence[Sequence[object]] = table.values if table.values is not None else table.rows
    width = len(table.columns)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{_letter(max(len(header), 1))}{len(rows) + 1}"
    types = [c.type for c in COLUMNS]
    for i, name in enumerate(header):
        wide = i >= width and types[i - width] in ("date", "datetime")
        size = 12 if wide else min(max(len(name) * 2, 10), 40)
        sheet.column_dimensions[_letter(i + 1)].width = size
    bold = styles.Font(bold=True)
    head_fill = styles.PatternFill("solid", fgColor=_HEADER_FILL)
    fills = {rgb: styles.PatternFill("solid", fgColor=rgb) for rgb in FILLS.values()}

    def text(value: object) -> Any:
        """A text that openpyxl would take for a formula, as a text cell."""
        if isinstance(value, str) and value.startswith("=") and len(value) > 1:
            cell = write_only_cell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    error_at = header.index("error") - width if "error" in header[width:] else None

    def storable_row(values: Sequence[object], offset: int, notes: list[str]) -> list[object]:
        out = list(values)
        for c, value in enumerate(out):
            if not isinstance(value, str):
                continue
            clean, escaped, cut = storable(value)
            if not (escaped or cut):
                continue
            out[c] = clean
            name = header[offset + c] if offset + c < len(header) else f"column {offset + c + 1}"
            if escaped:
                notes.append(f"{name}: characters .xlsx cannot hold escaped as \\xNN")
            if cut:
                notes.append(f"{name}: cut to {MAX_CELL_TEXT:,} characters ({cut:,} dropped)")
            if report is not None:
                report.cleaned += escaped
                report.cut += bool(cut)
        return out

    def styled(value: object, fill: Any = None, number_format: str | None = None) -> Any:
        cell = write_only_cell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        if fill is not None:
            cell.fill = fill
        if number_format is not None:
            cell.number_format = number_format
        return cell

    try:
        head = []
        header = storable_row(header, 0, [])  # type: ignore[assignment]
        for name in header:
            cell = styled(name, head_fill)
            cell.font = bold
            head.append(cell)
        sheet.append(head)
        for i, row in enumerate(rows):
            annotation = None if annotations is None else annotations[i]
            added: list[object] = [] if annotation is None else list(annotation.values)
            notes: list[str] = []
            row = storable_row(row, 0, notes)
            added = storable_row(added, width, notes)
            if notes and error_at is not None:
                old = added[error_at]
                added[error_at] = "; ".join([*([str(old)] if old else []), *notes])
            rgb = _fill(annotation)
            if rgb is None:
                sheet.append([text(v) for v in (*row, *added)])
                continue
            fill = fills[rgb]
            line = [styled(v, fill) for v in row]
            for kind, value in zip(types, added, strict=True):
                fmt = _DATETIME_FORMAT if kind == "datetime" else _DATE_FORMAT
                dated = isinstance(value, dt.date)
                line.append(styled(value, fill, fmt if dated else None))
            sheet.append(line)
        book.save(out)
    except exceptions.IllegalCharacterError as exc:
        raise TableError(f"a cell holds a character .xlsx cannot store: {exc}") from None
