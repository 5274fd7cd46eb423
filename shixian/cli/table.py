"""``shixian table`` on CSV, TSV and JSONL: rows streamed in chunks, optionally over processes.

The input is cut into chunks of whole records (:func:`shixian.io.stream.chunks`);
each chunk is decoded, parsed, annotated and written by :func:`process_chunk`,
in this process (``--jobs 1``) or in worker processes, and the outputs are written
in input order, so ``--jobs N`` writes the same bytes as ``--jobs 1``. Memory holds
a few chunks at a time, whatever the number of rows. xlsx and docx input, xlsx
output and the terminal preview read the whole table (:mod:`shixian.cli`).
"""

from __future__ import annotations

import argparse
import codecs
import collections
import csv
import datetime as dt
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import attrs

from ..io import stream
from ..io.annotate import ADDED_COLUMNS, Annotation, PhraseCache, annotate
from ..io.safety import FORMULA_STARTS, neutralize
from ..io.stream import (
    FIRST_BLOCK,
    SENTINEL,
    Chunk,
    Layout,
    chunks,
    decode_lines,
    jsonl_row,
    merge,
    open_quote_line,
    output_keys,
)
from ..io.tables import RowWriter, TableError, detect_format
from .report import Report

__all__ = ["ChunkResult", "Job", "default_jobs", "process_chunk", "stream_table"]

#: Inputs smaller than this run in one process by default (starting workers costs more).
SMALL_INPUT = 8 << 20
_ERROR = ADDED_COLUMNS.index("error")
SENTINEL_LINE = (SENTINEL + "\n").encode("utf-8")


@attrs.frozen
class Job:
    """What every chunk of one run needs: the layout, the phrase column, the options."""

    layout: Layout
    column: int
    reference: dt.date
    exclusive: bool
    output: str  # csv | tsv | jsonl
    path: str | None = None  # the input file, which workers read chunks from
    ending: str = "\n"  # the output's line ending
    neutralize: bool = False  # formula-like cells get a leading ' (csv/tsv)


@attrs.define
class ChunkResult:
    """A chunk done: its output bytes and counts; or ``open_line`` when a quote was left
    open in its last record; or ``error`` (line, message). Lines count from 0 in the chunk."""

    output: bytes = b""
    lines: int = 0
    report: Report = attrs.field(factory=Report)
    notes: list[tuple[int, int, str]] = attrs.field(factory=list)
    flagged: int = 0
    open_line: int | None = None
    error: tuple[int, str] | None = None
    neutralized: int = 0

    @property
    def clean(self) -> bool:
        """No quote was left open at the end of the chunk."""
        return self.open_line is None


class _Info:
    """One distinct phrase: its added cells (and as CSV text), JSON fields, effect on a report."""

    __slots__ = (
        "annotation", "cells", "effect", "json", "neutral", "phrase", "result", "tail",
        "tail_bytes",
    )  # fmt: skip

    def __init__(
        self, phrase: str, annotation: Annotation, result: Any, tail: str, neutral: int
    ) -> None:
        self.phrase = phrase
        self.neutral = neutral
        self.annotation = annotation
        self.result = None if isinstance(result, Exception) else result
        self.cells = annotation.cells()
        self.json = annotation.as_json()
        self.tail = tail
        self.tail_bytes = tail.encode("utf-8", "surrogateescape")
        self.effect: Report | None = None


_STATE: dict[str, Any] = {}


def _setup(job: Job) -> None:
    """Per process: the job, the phrase caches and the csv cell limit."""
    csv.field_size_limit(stream.CELL_LIMIT)
    _STATE["job"] = job
    _STATE["phrases"] = PhraseCache(job.reference, strict=job.exclusive)
    _STATE["infos"] = {}
    _STATE["bytes"] = {}


def _info(phrase: str) -> _Info:
    infos: dict[str, _Info] = _STATE["infos"]
    info = infos.get(phrase)
    if info is None:
        job: Job = _STATE["job"]
        cache: PhraseCache = _STATE["phrases"]
        annotation = next(annotate([phrase], cache=cache))
        delimiter = "\t" if job.output == "tsv" else ","
        cells = annotation.cells()
        safe = _safe(cells) if job.neutralize else cells
        tail = delimiter + _csv_text([safe], job.output, job.ending)
        neutral = sum(a is not b for a, b in zip(safe, cells, strict=True))
        result = cache.get(phrase) if phrase.strip() else None
        info = _Info(phrase, annotation, result, tail, neutral)
        infos[phrase] = info
    return info


def _safe(cells: list[str]) -> list[str]:
    """``cells`` with formula-like text neutralised (:func:`shixian.io.safety.neutralize`)."""
    if any(cell[:1] in FORMULA_STARTS for cell in cells):
        return [neutralize(cell) for cell in cells]
    return cells


class _Formulas:
    """Whether a line without quotes has a cell that may need neutralising (then it is
    parsed): it starts with, or holds after a delimiter, a character of
    :data:`~shixian.io.safety.FORMULA_STARTS` (substring tests: faster than a regex)."""

    __slots__ = ("pairs", "starts")

    def __init__(self, delimiter: Any) -> None:
        text = isinstance(delimiter, str)
        chars = sorted(FORMULA_STARTS - {delimiter if text else delimiter.decode()})
        encoded = [ch if text else ch.encode("utf-8") for ch in chars]
        self.starts = tuple(encoded)
        self.pairs = tuple(delimiter + ch for ch in encoded)

    def search(self, line: Any) -> bool:
        """Whether ``line`` may hold a formula-like cell."""
        if line.startswith(self.starts):
            return True
        return any(pair in line for pair in self.pairs)


def _worker(chunk: Chunk) -> ChunkResult:
    return process_chunk(_STATE["job"], chunk)


class _Sink(list):  # type: ignore[type-arg]
    """What a csv writer writes into: a list of strings, joined once."""

    write = list.append


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
            pass  # decoded line by line below
        else:
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
    reader = csv.reader(feed, delimiter=delimiter.decode())
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
        feed.at = i
        try:
            record = next(reader)
        except csv.Error as exc:
            raise _cell_error(i, exc, layout.format) from None
        stop = feed.at
        if stop > end:  # the record took the sentinel in: a quote is open
            return ChunkResult(open_line=i)
        flag = None
        if len(record) < width:
            record.extend([""] * (width - len(record)))
        elif len(record) > width:
            flag = _extra_cells(len(record), width)
        info = _info(record[column])
        if flag is not None:
            flags[len(seen)] = flag
            starts[len(seen)] = i
            added = list(info.cells)
            added[_ERROR] = _flagged(added[_ERROR] or None, flag)
            row = record[:width] + added + record[width:]
            if job.neutralize:
                safe = _safe(row)
                neutralized += (
                    sum(a is not b for a, b in zip(safe, row, strict=True)) - info.neutral
                )
                row = safe
            whole.writerow(row)
        else:
            if job.neutralize:
                safe = _safe(record)
                if safe is not record:
                    neutralized += sum(a is not b for a, b in zip(safe, record, strict=True))
                    record = safe
            if record != [""]:
                whole.writerow(record)
                text[-1] = text[-1][:cut]
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


def _extra_cells(cells: int, width: int) -> str:
    return f"{cells - width} cells past the header's {width}, kept after the added columns"


def _cell_error(line: int, exc: csv.Error, format: str) -> _CellError:
    if "field larger" in str(exc):
        return _CellError(line, f"a cell longer than {stream.CELL_LIMIT:,} characters (the limit)")
    return _CellError(line, f"malformed {format.upper()}: {exc}")


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
    reader = csv.reader(feed, delimiter=delimiter)
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
        feed.at = i
        try:
            record = next(reader)
        except csv.Error as exc:
            raise _cell_error(i, exc, layout.format) from None
        stop = feed.at
        if stop > end:  # the record took the sentinel in: a quote is open
            return ChunkResult(open_line=i)
        flag = next((notes[k] for k in range(i, stop) if k in notes), None) if notes else None
        if len(record) != width:
            if len(record) < width:
                record.extend([""] * (width - len(record)))
            else:
                extra = _extra_cells(len(record), width)
                flag = f"{flag}; {extra}" if flag else extra
        info = _info(record[column])
        if flag is not None:
            n = len(seen)
            flags[n] = flag
            starts[n] = i
            added = list(info.cells)
            added[_ERROR] = _flagged(added[_ERROR] or None, flag)
            row = record[:width] + added + record[width:]
            if job.neutralize:
                safe = _safe(row)
                neutralized += (
                    sum(a is not b for a, b in zip(safe, row, strict=True)) - info.neutral
                )
                row = safe
            whole.writerow(row)
        else:
            if job.neutralize:
                safe = _safe(record)
                if safe is not record:
                    neutralized += sum(a is not b for a, b in zip(safe, record, strict=True))
                    record = safe
            if record != [""]:
                whole.writerow(record)
                sink[-1] = sink[-1][:cut]
            write(info.tail)
        add(info)
        i = stop
    result = ChunkResult(lines=end)
    result.neutralized = neutralized + _count(result.report, seen)
    result.output = "".join(sink).encode("utf-8", "surrogateescape")
    result.flagged = len(flags)
    result.notes = [(n + 1, starts[n], flags[n]) for n in sorted(flags)[:5]]
    return result


class _CellError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
            reader = csv.reader(itertools.islice(lines, i, None), delimiter=delimiter)
            base = i
        try:
            record = next(reader)
        except csv.Error as exc:
            raise _cell_error(base + reader.line_num - 1, exc, job.layout.format) from None
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
                record = next(csv.reader([record]))
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


def _flagged(error: str | None, flag: str) -> str:
    note = f"input: {flag}"
    return f"{error}; {note}" if error else note


def _csv_text(rows: Iterable[list[str]], output: str, lineterminator: str) -> str:
    sink = _Sink()
    writer = RowWriter(sink, "\t" if output == "tsv" else ",", lineterminator)
    writer.writerows(rows)
    return "".join(sink)


def _effect(info: _Info) -> Report:
    """What ``Report.add`` does for one row of the phrase (learnt once per phrase)."""
    effect = info.effect
    if effect is None:
        effect = Report()
        effect.add(1, info.phrase, info.annotation, info.result)
        info.effect = effect
    return effect


def _count(report: Report, seen: list[_Info]) -> int:
    """Fill ``report`` as one ``add`` per row would: each distinct phrase's effect on a
    report is learnt once and added as many times as the phrase occurs. Returns the
    added cells neutralised."""
    counts = collections.Counter(seen)
    neutral = sum(info.neutral * n for info, n in counts.items())
    for info, n in counts.items():
        effect = _effect(info)
        report.rows += effect.rows * n
        report.normalized += effect.normalized * n
        for kind, k in effect.kinds.items():
            report.kinds[kind] += k * n
        for problem, k in effect.counts.items():
            report.counts[problem] += k * n
    examples = report.examples
    wanted = {info for info in counts if any(_effect(info).examples.values())}
    if not wanted:
        return neutral
    for number, info in enumerate(seen, 1):
        if info in wanted:
            for problem, kept in _effect(info).examples.items():
                if len(examples[problem]) < report.limit:
                    examples[problem].extend((number, reason) for _, reason in kept)
            if all(len(examples[p]) >= report.limit for p in examples):
                break
    return neutral


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


# -- running the chunks ------------------------------------------------------------------


def default_jobs(size: int | None) -> int:
    """Processes for an input of ``size`` bytes (``None``: a pipe): 1 when small or piped."""
    if size is None or size < SMALL_INPUT:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, cores)


def run_chunks(
    job: Job, pieces: Iterator[Chunk], jobs: int
) -> Iterator[tuple[int, int, ChunkResult]]:
    """Each chunk's first line number, size and result, in input order; a chunk that left a
    quote open is joined with the next and done again (a quote never closed raises
    :class:`~shixian.io.tables.TableError` naming the line where it opened)."""
    if jobs <= 1:
        yield from _ordered(job, pieces, lambda c: c, lambda c: process_chunk(job, c), 1)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs, initializer=_setup, initargs=(job,)) as pool:
        yield from _ordered(
            job, pieces, lambda c: pool.apply_async(_worker, (c,)), lambda h: h.get(), 2 * jobs
        )


def _ordered(
    job: Job,
    pieces: Iterator[Chunk],
    submit: Callable[[Chunk], Any],
    wait: Callable[[Any], ChunkResult],
    depth: int,
) -> Iterator[tuple[int, int, ChunkResult]]:
    window: collections.deque[tuple[Chunk, Any]] = collections.deque()
    line = job.layout.lines + 1  # of the chunk's first line

    def fill() -> None:
        while len(window) < depth:
            piece = next(pieces, None)
            if piece is None:
                return
            window.append((piece, submit(piece)))

    fill()
    while window:
        piece, handle = window.popleft()
        result = wait(handle)
        while result.open_line is not None:
            if piece.last:
                lines, _ = decode_lines(piece.read(job.path), job.layout)
                delimiter = "\t" if job.layout.format == "tsv" else ","
                opened = line + open_quote_line(lines[:-1], result.open_line, delimiter)
                raise TableError(
                    f"line {opened}: a quote opens a cell here and is never closed, so every "
                    "line after it would merge into that one cell; close or remove the quote"
                )
            following = window.popleft()[0] if window else next(pieces)
            piece = merge(piece, following)
            result = wait(submit(piece))
        if result.error is not None:
            raise TableError(f"line {line + result.error[0]}: {result.error[1]}")
        yield line, piece.size, result
        line += result.lines
        fill()


def merge_report(total: Report, part: Report, offset: int) -> None:
    """Add the counts of a chunk's report (row numbers after ``offset`` rows)."""
    total.rows += part.rows
    total.normalized += part.normalized
    total.kinds.update(part.kinds)
    total.counts.update(part.counts)
    for problem, kept in part.examples.items():
        room = total.limit - len(total.examples[problem])
        if room > 0:
            total.examples[problem].extend((n + offset, reason) for n, reason in kept[:room])


# -- the command -------------------------------------------------------------------------


@attrs.define
class Outcome:
    """What a streamed run found: the report and the rows flagged for their input."""

    report: Report
    flagged: int = 0
    notes: list[tuple[int, int, str]] = attrs.field(factory=list)
    neutralized: int = 0

    def lines(self) -> list[str]:
        """The report's lines, then the input problems (when there were any)."""
        out = self.report.lines()
        if self.flagged:
            shown = "; ".join(f"row {n} (line {line}): {note}" for n, line, note in self.notes)
            more = self.flagged - min(len(self.notes), 5)
            out.append(
                f"input: {self.flagged} rows flagged in error: {shown}"
                + (f"; … and {more} more" if more else "")
            )
        from ..io.safety import WriteReport

        out.extend(WriteReport(neutralized=self.neutralized).lines())
        return out


def stream_table(
    source: IO[bytes],
    out: IO[bytes],
    *,
    layout: Layout,
    first: bytes,
    column: int,
    reference: dt.date,
    exclusive: bool,
    output: str,
    jobs: int,
    path: str | None = None,
    excel: bool = False,
    raw_formulas: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Annotate the table on ``source`` (``first``: its bytes read already) into ``out``.

    ``path`` (the file ``source`` reads) lets worker processes read their chunks
    themselves instead of receiving them; ``excel`` writes a byte-order mark and
    CRLF line endings (csv/tsv).
    """
    ending = "\r\n" if excel else layout.lineterminator
    neutral = not raw_formulas and output in ("csv", "tsv")
    job = Job(
        layout, column, reference, exclusive, output, path if jobs > 1 else None, ending, neutral
    )
    outcome = Outcome(Report())
    if output in ("csv", "tsv"):
        header = [*layout.columns, *ADDED_COLUMNS]
        if neutral:
            safe = _safe(header)
            outcome.neutralized += sum(a is not b for a, b in zip(safe, header, strict=True))
            header = safe
        if layout.bom or excel:
            out.write(codecs.BOM_UTF8)
        out.write(_csv_text([header], output, ending).encode("utf-8", "surrogateescape"))
    rows = 0
    pieces = chunks(source, layout, first, keep_data=job.path is None)
    for line, size, result in run_chunks(job, pieces, jobs):
        out.write(result.output)
        merge_report(outcome.report, result.report, rows)
        room = 5 - len(outcome.notes)
        outcome.notes.extend((n + rows, line + at, note) for n, at, note in result.notes[:room])
        outcome.flagged += result.flagged
        outcome.neutralized += result.neutralized
        rows += result.report.rows
        if progress is not None:
            progress(size)
    return outcome


def read_first(stream: IO[bytes]) -> tuple[bytes, bool]:
    """The first block of ``stream`` and whether it is all of it."""
    parts: list[bytes] = []
    size = 0
    while size < FIRST_BLOCK:
        block = stream.read(FIRST_BLOCK - size)
        if not block:
            return b"".join(parts), True
        parts.append(block)
        size += len(block)
    return b"".join(parts), False


def streamable(args: argparse.Namespace) -> bool:
    """Whether ``shixian table`` streams this input and output (csv/tsv/jsonl both ways)."""
    if getattr(args, "as_of", None) is not None:  # --as-of columns: the in-memory writer
        return False
    if args.file != "-" and detect_format(args.file, default="csv") not in ("csv", "tsv", "jsonl"):
        return False
    fmt = args.format
    if fmt is None and args.output and args.output != "-":
        fmt = detect_format(args.output, default="")
    return fmt in (None, "", "csv", "tsv", "jsonl")


def _stdout() -> IO[bytes]:
    sys.stdout.flush()
    buffer: IO[bytes] | None = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stdout (tests capture bytes)
        raise TableError("stdout takes no bytes")
    return buffer
