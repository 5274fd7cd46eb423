"""A whole csv/tsv file read into rows by the rules of the streaming reader.

:func:`shixian.io.tables.read_table` (used by ``shixian ics``, ``timeline``,
``table --as-of`` and the preview) reads a file in memory; it reads it with the
same pieces as the streamed ``shixian table`` (:mod:`shixian.io.stream`), so both
read every file alike:

* the layout (byte-order mark, encoding, delimiter, header) comes from
  :func:`~shixian.io.stream.sniff` on the first block;
* a line that does not decode in the file's encoding is decoded in the other
  one (UTF-8 ↔ GB18030), else with its undecodable bytes kept
  (``surrogateescape``), and its row is flagged (:attr:`Rows.notes`);
* a quote that is never closed raises :class:`~shixian.io.tables.TableError`
  naming the line where it opened (the rows after it would otherwise merge into
  one cell): rows in = rows out, or the read fails loudly.
"""

from __future__ import annotations

import csv

import attrs

from .stream import (
    FIRST_BLOCK,
    Layout,
    csv_error_message,
    decode_lines,
    open_quote_error,
    open_quote_line,
    sniff,
)

__all__ = ["Rows", "read_rows"]


@attrs.define
class Rows:
    """The records of a csv/tsv file.

    Attributes:
        layout: what the first block said (encoding, format, line ending, header).
        header: the first record.
        rows: the records after it (as read: not yet padded to the header's width).
        notes: ``{row index: (file line, note)}`` for each row read with a fallback
            decoding (``not UTF-8: read as GB18030``).
    """

    layout: Layout
    header: list[str]
    rows: list[list[str]]
    notes: dict[int, tuple[int, str]]


class _Feed:
    """The lines for a csv reader, counting how many it took."""

    __slots__ = ("at", "lines")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.at = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        at = self.at
        if at >= len(self.lines):
            raise StopIteration
        self.at = at + 1
        return self.lines[at]


def read_rows(data: bytes, *, format: str | None, encoding: str | None) -> Rows | None:
    """The header and rows of the csv/tsv file ``data`` (``None`` for UTF-16, which is
    decoded whole by the caller).

    Raises :class:`~shixian.io.tables.TableError` for an empty table, an unknown
    encoding, a cell over :data:`~shixian.io.stream.CELL_LIMIT` and a quote that is
    never closed, each naming the line.
    """
    layout = sniff(
        data[:FIRST_BLOCK], final=len(data) <= FIRST_BLOCK, format=format, encoding=encoding
    )
    if layout is None:
        return None
    lines, decoded = decode_lines(data[layout.start :], layout)
    end = len(lines) - 1  # the sentinel line decode_lines appends
    delimiter = "\t" if layout.format == "tsv" else ","
    feed = _Feed(lines)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    first_line = layout.lines + 1  # the file's 1-based line of lines[0]
    rows: list[list[str]] = []
    notes: dict[int, tuple[int, str]] = {}
    while feed.at < end:
        start = feed.at
        try:
            record = next(reader)
        except csv.Error as exc:
            if feed.at > end:  # the sentinel taken into a quoted cell, then the end
                break
            raise _error(first_line + start, csv_error_message(exc, layout.format)) from None
        if feed.at > end:  # the record took the sentinel in: a quote is open
            break
        if decoded:
            note = next((decoded[i] for i in range(start, feed.at) if i in decoded), None)
            if note is not None:
                notes[len(rows)] = (first_line + start, note)
        rows.append(record)
    else:
        return Rows(layout, list(layout.columns), rows, notes)
    opened = first_line + open_quote_line(lines[:-1], start, delimiter)
    raise open_quote_error(opened)


def _error(line: int, message: str) -> Exception:
    from .tables import TableError

    return TableError(f"line {line}: {message}")
