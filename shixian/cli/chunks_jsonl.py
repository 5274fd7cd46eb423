"""The chunks of a streamed table that are or become JSON lines (JSONL input, or
``--format jsonl`` output): parsed record by record, then written as objects."""

from __future__ import annotations

import csv
import itertools
import json
from typing import Any

from ..io.annotate import ADDED_COLUMNS
from ..io.stream import (
    jsonl_row,
    output_keys,
)
from ..io.tables import RowWriter
from .chunkstate import (
    _ERROR,
    ChunkResult,
    Job,
    _cell_error,
    _count,
    _csv_text,
    _extra_cells,
    _flagged,
    _Info,
    _info,
    _safe,
    _Sink,
)

__all__: list[str] = []


def _records(
    job: Job, lines: list[str], notes: dict[int, str]
) -> tuple[list[Any], list[int], int | None]:
    """The records of a chunk's lines: a line without quotes and with one cell per
    column stays a string (its text is its CSV); other records are parsed. Also the
    0-based first line of each record, and where a quote was left open (or ``None``)."""
    delimiter = "\t" if job.layout.format == "tsv" else ","
    separators = len(job.layout.columns) - 1
    records: list[Any] = []
    starts: list[int] = []
    add, start = records.append, starts.append
    end = len(lines) - 1  # the sentinel
    reader: Any = None
    at = -1  # where the reader stands
    i = 0
    while i < end:
        line = lines[i]
        if '"' not in line and line.count(delimiter) == separators and line.strip("\r\n"):
            add(line)
            start(i)
            i += 1
            continue
        if reader is None or at != i:
            reader = csv.reader(itertools.islice(lines, i, None), delimiter=delimiter, strict=True)
            base = i
        try:
            record = next(reader)
        except csv.Error as exc:
            if base + reader.line_num > end:  # strict: the end of data inside an open quote
                return records, starts, i
            at_line = i if "expected after" in str(exc) else base + reader.line_num - 1
            raise _cell_error(at_line, exc, job.layout.format) from None
        at = base + reader.line_num
        if at > end:  # the record took the sentinel in: a quote is open
            return records, starts, i
        add(record)
        start(i)
        i = at
    return records, starts, None


def _write(
    job: Job, records: list[Any], starts: list[int], lines: list[str], notes: dict[int, str]
) -> ChunkResult:
    layout = job.layout
    delimiter = "\t" if layout.format == "tsv" else ","
    width = len(layout.columns)
    column = job.column
    phrases: list[str] = []
    flags: dict[int, str] = {}
    for n, record in enumerate(records):
        if type(record) is str:
            phrases.append(record.rstrip("\r\n").split(delimiter)[column])
            continue
        if len(record) != width:
            if len(record) < width:
                record.extend([""] * (width - len(record)))
            else:
                flags[n] = _extra_cells(len(record), width)
        phrases.append(record[column])
    if notes:
        bounds = [*starts[1:], len(lines) - 1]
        for n, (begin, stop) in enumerate(zip(starts, bounds, strict=True)):
            found = [notes[i] for i in range(begin, stop) if i in notes]
            if found:
                flags[n] = f"{found[0]}; {flags[n]}" if n in flags else found[0]
    infos = {p: _info(p) for p in dict.fromkeys(phrases)}
    result = ChunkResult(lines=len(lines) - 1)
    _count(result.report, [infos[p] for p in phrases])
    if job.output == "jsonl":
        result.output = _jsonl_out(job, records, phrases, infos, flags, delimiter)
    else:
        result.output = _csv_out(job, records, phrases, infos, flags)
    result.flagged = len(flags)
    result.notes = [(n + 1, starts[n], flags[n]) for n in sorted(flags)[:5]]
    return result


def _csv_out(
    job: Job,
    records: list[Any],
    phrases: list[str],
    infos: dict[str, _Info],
    flags: dict[int, str],
) -> bytes:
    ending = job.ending
    sink = _Sink()
    write = sink.append
    writer = RowWriter(sink, "\t" if job.output == "tsv" else ",", ending)
    same = (job.output == "tsv") == (job.layout.format == "tsv")
    width = len(job.layout.columns)
    for n, record in enumerate(records):
        info = infos[phrases[n]]
        if n in flags:
            if type(record) is str:
                record = next(csv.reader([record], strict=True))
            added = list(info.cells)
            added[_ERROR] = _flagged(added[_ERROR] or None, flags[n])
            writer.writerow(record[:width] + added + record[width:])
        elif type(record) is str and same:
            write(record.rstrip("\r\n"))
            write(info.tail)
        else:
            if type(record) is str:
                record = record.rstrip("\r\n").split("\t" if job.layout.format == "tsv" else ",")
            writer.writerow(record + info.cells)
    return "".join(sink).encode("utf-8", "surrogateescape")


def _jsonl_out(
    job: Job,
    records: list[Any],
    phrases: list[str],
    infos: dict[str, _Info],
    flags: dict[int, str],
    delimiter: str,
) -> bytes:
    columns = job.layout.columns
    width = len(columns)
    keys = output_keys(columns, ADDED_COLUMNS)
    texts = []
    for n, record in enumerate(records):
        if type(record) is str:
            record = record.rstrip("\r\n").split(delimiter)
        info = infos[phrases[n]]
        obj = dict(zip(keys, record[:width], strict=False))
        obj.update(zip(keys[width:], info.json.values(), strict=False))
        if n in flags:
            obj[keys[width + _ERROR]] = _flagged(info.json["error"], flags[n])
            for i, cell in enumerate(record[width:]):
                obj[f"column{len(keys) + i + 1}"] = cell
        texts.append(json.dumps(obj, ensure_ascii=False) + "\n")
    return "".join(texts).encode("utf-8", "backslashreplace")


def _jsonl_chunk(job: Job, lines: list[str], notes: dict[int, str]) -> ChunkResult:
    layout = job.layout
    columns = layout.columns
    width = len(columns)
    records: list[list[str]] = []
    objects: list[dict[str, Any]] = []
    flags: dict[int, str] = {}
    starts: list[int] = []
    for i, text in enumerate(lines[:-1]):
        if not text.strip():
            continue
        cells, obj, note = jsonl_row(text, columns)
        number = len(records)
        note = "; ".join(n for n in (notes.get(i), note) if n) or None
        if note:
            flags[number] = note
        records.append(cells)
        objects.append(obj)
        starts.append(i)
    phrases = [r[job.column] for r in records]
    infos = {p: _info(p) for p in dict.fromkeys(phrases)}
    result = ChunkResult(lines=len(lines) - 1)
    _count(result.report, [infos[p] for p in phrases])
    if job.output == "jsonl":
        keys = output_keys(columns, ADDED_COLUMNS)
        texts = []
        for n, obj in enumerate(objects):
            info = infos[phrases[n]]
            out = dict(obj) if obj else dict.fromkeys(keys[:width])
            out.update(zip(keys[width:], info.json.values(), strict=False))
            if n in flags:
                out[keys[width + _ERROR]] = _flagged(info.json["error"], flags[n])
            texts.append(json.dumps(out, ensure_ascii=False) + "\n")
        result.output = "".join(texts).encode("utf-8", "backslashreplace")
    else:
        rows = []
        for n, record in enumerate(records):
            added = list(infos[phrases[n]].cells)
            if n in flags:
                added[_ERROR] = _flagged(added[_ERROR] or None, flags[n])
            row = record + added
            if job.neutralize:
                safe = _safe(row)
                result.neutralized += sum(a is not b for a, b in zip(safe, row, strict=True))
                row = safe
            rows.append(row)
        result.output = _csv_text(rows, job.output, job.ending).encode("utf-8", "surrogateescape")
    result.flagged = len(flags)
    result.notes = [(n + 1, starts[n], flags[n]) for n in sorted(flags)[:5]]
    return result
