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
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import attrs

from ..io.annotate import ADDED_COLUMNS
from ..io.stream import (
    FIRST_BLOCK,
    Chunk,
    Layout,
    chunks,
    decode_lines,
    merge,
    open_quote_error,
    open_quote_line,
)
from ..io.tables import TableError, detect_format
from .chunkpool import Workers, collect, positional, rare_collections, write_at
from .chunks import process_chunk
from .chunkstate import ChunkResult, Job, _csv_text, _safe
from .report import Report, flagged_line

__all__ = ["ChunkResult", "Job", "default_jobs", "process_chunk", "stream_table"]

#: Inputs smaller than this run in one process by default (starting workers costs more).
SMALL_INPUT = 8 << 20


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
    job: Job, pieces: Iterator[Chunk], workers: Workers | None
) -> Iterator[tuple[int, int, ChunkResult]]:
    """Each chunk's first line number, size and result, in input order; a chunk that left a
    quote open is joined with the next and done again (a quote never closed raises
    :class:`~shixian.io.tables.TableError` naming the line where it opened)."""
    if workers is None:
        yield from _ordered(job, pieces, lambda c: c, lambda c: process_chunk(job, c), 1)
    else:
        # a few chunks ahead per worker: one that is not scheduled for a while does not
        # hold the others up
        yield from _ordered(job, pieces, workers.submit, workers.wait, 4 * workers.jobs)


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
            following = None
            if not piece.last:  # (the last chunk may not know it is: the input ended after it)
                following = window.popleft()[0] if window else next(pieces, None)
            if following is None:
                lines, _ = decode_lines(piece.read(job.path), job.layout)
                delimiter = "\t" if job.layout.format == "tsv" else ","
                opened = line + open_quote_line(lines[:-1], result.open_line, delimiter)
                raise open_quote_error(opened)
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
            out.append(flagged_line(self.flagged, self.notes))
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
    era: str | None = None,
) -> Outcome:
    """Annotate the table on ``source`` (``first``: its bytes read already) into ``out``.

    ``path`` (the file ``source`` reads) lets worker processes read their chunks
    themselves instead of receiving them; ``excel`` writes a byte-order mark and
    CRLF line endings (csv/tsv); ``era`` is :func:`shixian.normalize`'s.
    """
    ending = "\r\n" if excel else layout.lineterminator
    neutral = not raw_formulas and output in ("csv", "tsv")
    job = Job(
        layout,
        column,
        reference,
        exclusive,
        output,
        path if jobs > 1 else None,
        ending,
        neutral,
        era,
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
    fd = positional(out)
    workers = Workers(job, jobs, fd) if jobs > 1 else None
    placed: list[int] = []
    done = 0
    try:
        with rare_collections():
            for line, size, result in run_chunks(job, pieces, workers):
                done += 1
                collect(done)
                _emit(out, result, workers, fd, placed)
                rows = _merge_outcome(outcome, result, line, rows)
                if progress is not None:
                    progress(size)
            if workers is not None:
                workers.close()
        if placed:  # whatever writes to ``out`` next goes after the table
            out.seek(placed[0])
    finally:
        if workers is not None:
            workers.terminate()
    return outcome


def _emit(
    out: IO[bytes], result: ChunkResult, workers: Workers | None, fd: int | None, at: list[int]
) -> None:
    """Write a chunk's output (or have the worker that keeps it write it) after the last.

    Into a regular file (``fd``) the output goes at offsets, ``at`` holding the next one
    (then the pieces of a chunk need no joining and workers can write their own)."""
    if fd is not None and not at:
        out.flush()
        at.append(out.tell())
    if result.kept is not None:
        assert workers is not None
        workers.place(result, at[0])
        at[0] += result.size
    elif at:
        at[0] = write_at(fd, result.parts(), at[0])
    else:
        out.write(result.joined())


def _merge_outcome(outcome: Outcome, result: ChunkResult, line: int, rows: int) -> int:
    """Add a chunk's counts and notes (its rows after ``rows``); the rows so far."""
    merge_report(outcome.report, result.report, rows)
    room = 5 - len(outcome.notes)
    outcome.notes.extend((n + rows, line + at, note) for n, at, note in result.notes[:room])
    outcome.flagged += result.flagged
    outcome.neutralized += result.neutralized
    return rows + result.report.rows


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
