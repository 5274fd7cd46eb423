"""Writing annotated tables: csv, tsv, jsonl and xlsx (and parquet through its extra),
whole (:func:`write_table`) or row by row (:class:`RowWriter`); formula-like cells
neutralised unless asked (see :mod:`shixian.io.safety`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from .annotate import ADDED_COLUMNS, Annotation
from .safety import FORMULA_STARTS, WriteReport, neutralize
from .tables import OUTPUT_FORMATS, Table, TableError

__all__ = ["RowWriter", "output_columns", "write_table"]


def output_columns(columns: Sequence[str]) -> list[str]:
    """The header of an annotated table: the input's columns, then :data:`ADDED_COLUMNS`."""
    return [*columns, *ADDED_COLUMNS]


def _json_keys(columns: Sequence[str]) -> list[str]:
    keys: list[str] = []
    for i, name in enumerate(columns):
        keys.append(name if name and name not in keys else f"column{i + 1}")
    return keys


def write_table(
    table: Table,
    annotations: Sequence[Annotation] | None,
    out: IO[bytes],
    format: str,
    *,
    encoding: str = "utf-8",
    raw_formulas: bool = False,
) -> WriteReport:
    """Write ``table`` (with its annotations as added columns, when given) to a binary stream.

    Every spreadsheet-bound output is safe to open (:mod:`shixian.io.safety`):
    csv/tsv cells a spreadsheet would read as a formula get a leading ``'``
    unless ``raw_formulas``; xlsx writes text as text cells, escapes the
    characters it cannot hold and cuts cells past its 32,767-character limit,
    saying so in the row's ``error`` column. The returned :class:`WriteReport`
    counts those changes.

    ``csv``/``tsv`` keep the input's line ending and quote only where needed;
    ``jsonl`` writes one object per row (the input's columns as strings, the
    added ones typed, ``null`` when empty); ``xlsx`` writes one sheet, the
    input's typed values kept when the input was xlsx.
    """
    if annotations is not None and len(annotations) != len(table.rows):
        raise ValueError("one annotation per row is needed")
    header = output_columns(table.columns) if annotations is not None else list(table.columns)
    report = WriteReport()
    if format in ("csv", "tsv"):
        _write_delimited(table, annotations, header, out, format, encoding, raw_formulas, report)
    elif format == "jsonl":
        _write_jsonl(table, annotations, header, out, encoding)
    elif format == "xlsx":
        from .excel import write_xlsx

        write_xlsx(table, annotations, header, out, report=report)
    elif format == "parquet":
        from .parquet import write_parquet

        write_parquet(table, annotations, _json_keys(header), out)
    else:
        raise TableError(f"cannot write {format!r}; writable: {', '.join(OUTPUT_FORMATS)}")
    return report


def _text_stream(out: IO[bytes], encoding: str) -> io.TextIOWrapper:
    # undecodable input bytes kept as surrogates (shixian.io.stream) are written back as read
    return io.TextIOWrapper(
        out, encoding=encoding, errors="surrogateescape", newline="", write_through=False
    )


class RowWriter:
    """A ``csv.writer`` that also quotes a cell holding a carriage return when lines
    end in ``\n`` (the csv module quotes only the characters of its line ending, so
    a bare ``\r`` in a cell would split the row when the file is read back).

    Each row is one ``write`` of ``out``.
    """

    def __init__(self, out: Any, delimiter: str, lineterminator: str) -> None:
        self._out = out
        self._end = lineterminator
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
        self._pieces: list[str] = []
        self._crlf = (
            None
            if "\r" in lineterminator
            else csv.writer(_ListSink(self._pieces), delimiter=delimiter, lineterminator="\r\n")
        )

    def writerow(self, row: Sequence[str]) -> None:
        """Write one row."""
        if self._crlf is not None and any("\r" in cell for cell in row):
            self._crlf.writerow(row)
            self._out.write(self._pieces.pop()[:-2] + self._end)
        else:
            self._writer.writerow(row)

    def writerows(self, rows: Iterable[Sequence[str]]) -> None:
        """Write rows."""
        if self._crlf is None:
            self._writer.writerows(rows)
            return
        for row in rows:
            self.writerow(row)


class _ListSink:
    __slots__ = ("write",)

    def __init__(self, pieces: list[str]) -> None:
        self.write = pieces.append


def _write_delimited(
    table: Table,
    annotations: Sequence[Annotation] | None,
    header: list[str],
    out: IO[bytes],
    format: str,
    encoding: str,
    raw_formulas: bool = True,
    report: WriteReport | None = None,
) -> None:
    stream = _text_stream(out, encoding)
    try:
        writer = RowWriter(stream, "\t" if format == "tsv" else ",", table.lineterminator)
        rows: Iterable[list[str]] = (
            table.rows
            if annotations is None
            else (row + a.cells() for row, a in zip(table.rows, annotations, strict=True))
        )
        if raw_formulas:
            writer.writerow(header)
        else:
            writer.writerows(_neutralized([header], report))
            rows = _neutralized(rows, report)
        writer.writerows(rows)
        stream.flush()
    finally:
        stream.detach()


def _neutralized(rows: Iterable[list[str]], report: WriteReport | None) -> Iterator[list[str]]:
    """Rows with each formula-like cell neutralised (counted in ``report``)."""
    starts = FORMULA_STARTS
    for row in rows:
        if any(cell[:1] in starts for cell in row):
            safe = [neutralize(cell) for cell in row]
            if report is not None:
                report.neutralized += sum(a is not b for a, b in zip(safe, row, strict=True))
            yield safe
        else:
            yield row


def _write_jsonl(
    table: Table,
    annotations: Sequence[Annotation] | None,
    header: list[str],
    out: IO[bytes],
    encoding: str,
) -> None:
    keys = _json_keys(header)
    stream = _text_stream(out, encoding)
    try:
        width = len(table.columns)
        for i, row in enumerate(table.rows):
            record: dict[str, Any] = dict(zip(keys[:width], row, strict=True))
            if annotations is not None:
                record.update(zip(keys[width:], annotations[i].as_json().values(), strict=True))
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        stream.flush()
    finally:
        stream.detach()
