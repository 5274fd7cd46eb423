"""One chunk of a streamed CSV/TSV table: decoded, parsed, annotated and written.

A line without quotes and with one cell per column is its own CSV: it is written
as it is (as bytes, for valid UTF-8), then the phrase's added cells, written once
per distinct phrase; other records go through the csv reader and writer. JSON
lines are done by :mod:`shixian.cli.chunks_jsonl`.
"""

from __future__ import annotations

import csv
from typing import Any

from ..io.stream import (
    Chunk,
    decode_lines,
)
from ..io.tables import RowWriter
from .chunks_fast import fast_chunk
from .chunks_jsonl import _jsonl_chunk, _records, _write
from .chunkstate import (
    _STATE,
    SENTINEL_LINE,
    ChunkResult,
    Job,
    _cell_error,
    _CellError,
    _count,
    _extra_cells,
    _Formulas,
    _Info,
    _info,
    _setup,
    _Sink,
    _write_record,
)

__all__ = ["process_chunk"]


def process_chunk(job: Job, chunk: Chunk) -> ChunkResult:
    """Decode, parse, annotate and write one chunk (see the module docstring)."""
    if _STATE.get("job") is not job:
        _setup(job)
    layout = job.layout
    data = chunk.read(job.path)
    same = layout.format == job.output or {layout.format, job.output} == {"csv"}
    if same and layout.format != "jsonl" and layout.encoding in ("utf-8", "utf-8-sig"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            valid = False  # the lines that do not decode are decoded one by one
        else:
            valid = True
        fast = fast_chunk(job, data, valid=valid)
        if fast is not None:
            return fast
        if valid:
            try:
                return _utf8_chunk(job, data.splitlines(keepends=True))
            except _CellError as exc:
                return ChunkResult(error=(exc.line, exc.message))
    lines, notes = decode_lines(data, layout)
    if layout.format == "jsonl":
        return _jsonl_chunk(job, lines, notes)
    try:
        if job.output != "jsonl":
            return _csv_chunk(job, lines, notes)
        records, starts, open_line = _records(job, lines, notes)
    except _CellError as exc:
        return ChunkResult(error=(exc.line, exc.message))
    if open_line is not None:
        return ChunkResult(open_line=open_line)
    return _write(job, records, starts, lines, notes)


def _next_record(
    reader: Any, feed: _Feed, i: int, end: int, fmt: str
) -> tuple[list[str], int] | ChunkResult:
    """The record that starts at line ``i`` and the line after it; a quote left open (the
    record reaching the sentinel past ``end``) is the result naming line ``i``."""
    feed.at = i
    try:
        record: list[str] = next(reader)
    except csv.Error as exc:
        if feed.at > end:  # strict: the end of data inside the quote the sentinel is in
            return ChunkResult(open_line=i)
        raise _cell_error(i, exc, fmt) from None
    if feed.at > end:  # the record took the sentinel in: a quote is open
        return ChunkResult(open_line=i)
    return record, feed.at


def _fit(record: list[str], width: int, flag: str | None) -> str | None:
    """Pad a short record to ``width`` cells; a long one keeps its cells, flagged."""
    if len(record) < width:
        record.extend([""] * (width - len(record)))
    elif len(record) > width:
        extra = _extra_cells(len(record), width)
        return f"{flag}; {extra}" if flag else extra
    return flag


class _Feed:
    """The lines of a chunk for a csv reader, from where ``at`` says (one reader a chunk)."""

    __slots__ = ("at", "lines")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.at = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        at = self.at
        self.at = at + 1
        try:
            return self.lines[at]
        except IndexError:
            raise StopIteration from None


class _ByteFeed(_Feed):
    """Like :class:`_Feed` over undecoded UTF-8 lines."""

    def __next__(self) -> str:
        at = self.at
        self.at = at + 1
        try:
            line: bytes = self.lines[at]  # type: ignore[assignment]
        except IndexError:
            raise StopIteration from None
        return line.decode("utf-8")


def _utf8_chunk(job: Job, lines: list[bytes]) -> ChunkResult:
    """:func:`_csv_chunk` for valid UTF-8 written with the same delimiter: lines that
    are their own CSV are copied as bytes, without decoding or encoding them."""
    layout = job.layout
    delimiter = b"\t" if layout.format == "tsv" else b","
    width = len(layout.columns)
    separators = width - 1
    column = job.column
    sink: list[bytes] = []
    write = sink.append
    text = _Sink()
    whole = RowWriter(text, delimiter.decode(), job.ending)
    # the input cells of a parsed record, written with the same line ending (which
    # decides what is quoted) and cut before it: the added cells follow
    cut = -len(job.ending)
    lines.append(SENTINEL_LINE)
    feed = _ByteFeed(lines)  # type: ignore[arg-type]
    reader = csv.reader(feed, delimiter=delimiter.decode(), strict=True)
    by_bytes: dict[bytes, _Info] = _STATE["bytes"]
    seen: list[_Info] = []
    add = seen.append
    flags: dict[int, str] = {}
    starts: dict[int, int] = {}
    end = len(lines) - 1
    i = 0
    formula = _Formulas(delimiter) if job.neutralize else None
    neutralized = 0
    while i < end:
        line = lines[i]
        if (
            b'"' not in line
            and line.count(delimiter) == separators
            and (formula is None or not formula.search(line))
        ):
            body = line.rstrip(b"\r\n")
            if body:
                key = body.split(delimiter, column + 1)[column]
                info = by_bytes.get(key)
                if info is None:
                    info = by_bytes[key] = _info(key.decode("utf-8"))
                write(body)
                write(info.tail_bytes)
                add(info)
                i += 1
                continue
        got = _next_record(reader, feed, i, end, layout.format)
        if isinstance(got, ChunkResult):
            return got
        record, stop = got
        flag = _fit(record, width, None)
        info = _info(record[column])
        if flag is not None:
            flags[len(seen)] = flag
            starts[len(seen)] = i
        changed, cut_ending = _write_record(whole, record, info, flag, width, job.neutralize)
        neutralized += changed
        if cut_ending:
            text[-1] = text[-1][:cut]
        if flag is None:
            text.append(info.tail)
        write("".join(text).encode("utf-8"))
        text.clear()
        add(info)
        i = stop
    result = ChunkResult(lines=end, output=b"".join(sink))
    result.neutralized = neutralized + _count(result.report, seen)
    result.flagged = len(flags)
    result.notes = [(n + 1, starts[n], flags[n]) for n in sorted(flags)[:5]]
    return result


def _csv_chunk(job: Job, lines: list[str], notes: dict[int, str]) -> ChunkResult:
    """A chunk to csv/tsv. A line without quotes, with one cell per column, is its own
    CSV: it is written as it is, then the phrase's added cells (written once per
    distinct phrase); other records go through the csv reader and writer."""
    layout = job.layout
    delimiter = "\t" if layout.format == "tsv" else ","
    out_delimiter = "\t" if job.output == "tsv" else ","
    width = len(layout.columns)
    separators = width - 1
    column = job.column
    fast = delimiter == out_delimiter and not notes
    sink = _Sink()
    write = sink.append
    whole = RowWriter(sink, out_delimiter, job.ending)
    cut = -len(job.ending)  # see _utf8_chunk
    feed = _Feed(lines)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    infos: dict[str, _Info] = _STATE["infos"]
    seen: list[_Info] = []
    add = seen.append
    flags: dict[int, str] = {}
    starts: dict[int, int] = {}
    end = len(lines) - 1  # the sentinel
    i = 0
    formula = _Formulas(delimiter) if job.neutralize else None
    neutralized = 0
    while i < end:
        line = lines[i]
        if (
            fast
            and '"' not in line
            and line.count(delimiter) == separators
            and (formula is None or not formula.search(line))
        ):
            body = line.rstrip("\r\n")
            if body:
                phrase = body.split(delimiter, column + 1)[column]
                info = infos.get(phrase) or _info(phrase)
                write(body)
                write(info.tail)
                add(info)
                i += 1
                continue
        got = _next_record(reader, feed, i, end, layout.format)
        if isinstance(got, ChunkResult):
            return got
        record, stop = got
        flag = next((notes[k] for k in range(i, stop) if k in notes), None) if notes else None
        flag = _fit(record, width, flag)
        info = _info(record[column])
        if flag is not None:
            n = len(seen)
            flags[n] = flag
            starts[n] = i
        changed, cut_ending = _write_record(whole, record, info, flag, width, job.neutralize)
        neutralized += changed
        if cut_ending:
            sink[-1] = sink[-1][:cut]
        if flag is None:
            write(info.tail)
        add(info)
        i = stop
    result = ChunkResult(lines=end)
    result.neutralized = neutralized + _count(result.report, seen)
    result.output = "".join(sink).encode("utf-8", "surrogateescape")
    result.flagged = len(flags)
    result.notes = [(n + 1, starts[n], flags[n]) for n in sorted(flags)[:5]]
    return result
