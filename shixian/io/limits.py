"""Bounds on hostile files: how much a spreadsheet or document may make shixian read.

An .xlsx or .docx is a zip of XML. A few kilobytes can declare gigabytes (a zip
bomb), a cell at ``XFD1048576`` makes a sheet of 17 billion cells, a merged
range ``A1:XFD1048576`` or a ``gridSpan`` of 10⁸ asks for as many copies of one
cell. Before reading, shixian checks what the file declares against
:class:`Limits` and refuses with :class:`LimitExceeded`, naming the limit and
how to raise it:

========================  ===============  =================================================
limit                     default          what it bounds
========================  ===============  =================================================
``max_uncompressed``      512 MiB          the declared uncompressed size of all zip members
``max_ratio``             500              a member's uncompressed / compressed size (members
                                           over 1 MiB; XML compresses 10–100×)
``max_members``           10,000           the number of files in the zip
``max_cells``             10,000,000       rows × columns of the table read (the used range)
``max_columns``           16,384           columns of one row (Excel's own limit)
``max_merged_cells``      10,000,000       cells covered by an xlsx sheet's merged ranges
========================  ===============  =================================================

Raise a limit with ``read_table(..., limits=Limits(max_cells=50_000_000))``, with
``with use_limits(Limits(...)):``, or on the command line with ``--limit
max_cells=50000000``. Workbooks are opened read-only; XML entities are never
expanded (the parsers underneath refuse entity declarations), see
``docs/security.md``.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import zipfile
from collections.abc import Iterator

import attrs

from ..errors import ShixianError

__all__ = [
    "DEFAULT_LIMITS",
    "LimitExceeded",
    "Limits",
    "SheetScan",
    "check_grid",
    "check_zip",
    "current_limits",
    "parse_limit",
    "scan_sheet",
    "use_limits",
]

_MIB = 1 << 20


@attrs.frozen
class Limits:
    """The bounds applied when reading an .xlsx or .docx (see the module's table)."""

    max_uncompressed: int = 512 * _MIB
    max_ratio: int = 500
    max_members: int = 10_000
    max_cells: int = 10_000_000
    max_columns: int = 16_384
    max_merged_cells: int = 10_000_000


DEFAULT_LIMITS = Limits()
_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar("limits", default=DEFAULT_LIMITS)


class LimitExceeded(ShixianError):
    """A file asks for more than a :class:`Limits` bound allows; it is not read.

    ``limit`` names the bound (``"max_cells"`` …), ``value`` what the file asks for.
    """

    def __init__(self, source: str, limit: str, value: int, bound: int, what: str) -> None:
        self.source = source
        self.limit = limit
        self.value = value
        self.bound = bound
        self._fields = (source, limit, value, bound, what)
        super().__init__(
            f"{source}: refused: {what} ({value:,}) is over the limit {limit}={bound:,}; "
            f"if the file is trusted, raise it with --limit {limit}=N "
            f"(or limits=Limits({limit}=N))"
        )


def current_limits() -> Limits:
    """The limits in force (:data:`DEFAULT_LIMITS` unless :func:`use_limits` set others)."""
    return _CURRENT.get()


@contextlib.contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Inside the block, files are read with ``limits``."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def parse_limit(text: str, limits: Limits | None = None) -> Limits:
    """``limits`` with one bound changed by ``NAME=N`` (the ``--limit`` option).

    >>> parse_limit("max_cells=20000000").max_cells
    20000000
    """
    base = limits if limits is not None else DEFAULT_LIMITS
    name, _, value = text.partition("=")
    name = name.strip().replace("-", "_")
    fields = {f.name for f in attrs.fields(Limits)}
    if name not in fields or not value.strip().isdigit():
        raise ShixianError(
            f"--limit {text!r}: give NAME=N with NAME one of {', '.join(sorted(fields))}"
        )
    return attrs.evolve(base, **{name: int(value)})


def check_zip(
    path: str | os.PathLike[str], limits: Limits | None = None, kind: str = "zip"
) -> None:
    """Refuse a zip (xlsx, docx) whose declared contents are over ``limits``.

    Only the central directory is read; :mod:`zipfile` never inflates a member
    past its declared size, so the declared sizes bound what reading it costs.
    """
    bounds = limits if limits is not None else current_limits()
    name = os.fspath(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        from .tables import TableError

        raise TableError(f"{name}: not a readable .{kind} file: {exc}") from None
    if len(members) > bounds.max_members:
        raise LimitExceeded(
            name, "max_members", len(members), bounds.max_members, "the number of zip members"
        )
    total = 0
    for member in members:
        total += member.file_size
        if total > bounds.max_uncompressed:
            raise LimitExceeded(
                name, "max_uncompressed", total, bounds.max_uncompressed,
                "the declared uncompressed size in bytes",
            )  # fmt: skip
        if member.file_size > _MIB:
            ratio = member.file_size // max(member.compress_size, 1)
            if ratio > bounds.max_ratio:
                raise LimitExceeded(
                    name, "max_ratio", ratio, bounds.max_ratio,
                    f"the compression ratio of {member.filename}",
                )  # fmt: skip


_CELL = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z0-9:]+)\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]{1,7})\"")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})[0-9]")


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


@attrs.frozen
class SheetScan:
    """What a byte scan of a sheet's XML finds: the used range of its cells (rows and
    columns named by ``r=`` attributes, not the declared ``<dimension>``) and its
    merged ranges as ``(min_row, min_col, max_row, max_col)``."""

    rows: int
    columns: int
    merges: tuple[tuple[int, int, int, int], ...]


def scan_sheet(
    archive: zipfile.ZipFile, member: str, source: str, limits: Limits | None = None
) -> SheetScan:
    """Scan a sheet's XML (read-only workbooks keep no merged ranges) and refuse it
    when its used range or its merged ranges are over ``limits``."""
    bounds = limits if limits is not None else current_limits()
    merges: list[tuple[int, int, int, int]] = []
    covered = rows = 0
    widest = b""
    tail = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            end = 0
            for m in _ROW.finditer(data):
                rows = max(rows, int(m.group(1)))
                end = max(end, m.end())
            for m in _CELL_REF.finditer(data):
                letters = m.group(1)
                if (len(letters), letters) > (len(widest), widest):
                    widest = letters
                end = max(end, m.end())
            for m in _MERGE.finditer(data):
                end = max(end, m.end())
                corners = _CELL.findall(m.group(1))
                if not corners:
                    continue
                (c1, r1), (c2, r2) = corners[0], corners[-1]
                a, b = sorted((int(r1), int(r2))), sorted((_column(c1), _column(c2)))
                merges.append((a[0], b[0], a[1], b[1]))
                covered += (a[1] - a[0] + 1) * (b[1] - b[0] + 1)
                if covered > bounds.max_merged_cells:
                    raise LimitExceeded(
                        source, "max_merged_cells", covered, bounds.max_merged_cells,
                        "the cells covered by merged ranges",
                    )  # fmt: skip
            tail = data[max(end, len(data) - 256) :]
    columns = _column(widest) if widest else 0
    if columns > bounds.max_columns:
        raise LimitExceeded(source, "max_columns", columns, bounds.max_columns, "the used columns")
    if rows * columns > bounds.max_cells:
        raise LimitExceeded(
            source, "max_cells", rows * columns, bounds.max_cells,
            "rows × columns of the sheet's used range",
        )  # fmt: skip
    return SheetScan(rows, columns, tuple(merges))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _grid_value(element: object, path: str) -> int:
    found = element.find(path)  # type: ignore[attr-defined]
    if found is None:
        return 0
    try:
        return int(found.get(_W + "val", "0"))
    except ValueError:
        from .tables import TableError

        tag = path.rsplit("}", 1)[-1]
        raise TableError(f"not a number: w:{tag} {found.get(_W + 'val')!r}") from None


def check_grid(tbl: object, source: str, limits: Limits | None = None) -> None:
    """Refuse a docx table whose rows would be too wide (``gridBefore``, ``gridSpan``,
    ``gridAfter``) or too big, from its XML, before any cell is copied."""
    bounds = limits if limits is not None else current_limits()
    width = 0
    for rows, tr in enumerate(tbl.iterchildren(_W + "tr"), start=1):  # type: ignore[attr-defined]
        span = _grid_value(tr, f"{_W}trPr/{_W}gridBefore")
        span += _grid_value(tr, f"{_W}trPr/{_W}gridAfter")
        for tc in tr.iterchildren(_W + "tc"):
            span += max(1, _grid_value(tc, f"{_W}tcPr/{_W}gridSpan"))
            if span > bounds.max_columns:
                break
        if span > bounds.max_columns:
            raise LimitExceeded(
                source, "max_columns", span, bounds.max_columns,
                f"the grid columns of table row {rows} (gridBefore/gridSpan/gridAfter)",
            )  # fmt: skip
        width = max(width, span)
        if rows * width > bounds.max_cells:
            raise LimitExceeded(
                source, "max_cells", rows * width, bounds.max_cells, "rows × columns of the table"
            )
