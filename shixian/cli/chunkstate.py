"""What every chunk of a streamed table shares: the job, the per-process phrase cache,
the result of a chunk, and the small helpers of :mod:`shixian.cli.chunks`."""

from __future__ import annotations

import collections
import csv
import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from ..io import stream
from ..io.annotate import ADDED_COLUMNS, Annotation, PhraseCache, annotate, input_flag
from ..io.safety import FORMULA_STARTS, neutralize
from ..io.stream import (
    SENTINEL,
    Layout,
)
from ..io.tables import RowWriter
from .report import Report

__all__ = ["ChunkResult", "Job"]

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
    era: str | None = None  # the era of bare years (normalize's era=)


@attrs.define
class ChunkResult:
    """A chunk done: its output bytes and counts; or ``open_line`` when a quote was left
    open in its last record; or ``error`` (line, message). Lines count from 0 in the chunk.
    The output is ``output``, or the concatenation of ``pieces`` when those are given (a
    file takes them as they are, see :func:`shixian.cli.chunkpool.write_at`). A worker
    that writes the output itself (:mod:`shixian.cli.chunkpool`) sends the result without
    them: ``kept`` is its task, ``size`` their length."""

    output: bytes = b""
    pieces: list[bytes] | None = None
    lines: int = 0
    report: Report = attrs.field(factory=Report)
    notes: list[tuple[int, int, str]] = attrs.field(factory=list)
    flagged: int = 0
    open_line: int | None = None
    error: tuple[int, str] | None = None
    neutralized: int = 0
    size: int = 0  # the output's length when a worker keeps it (``kept``: its task)
    kept: int | None = None

    @property
    def clean(self) -> bool:
        """No quote was left open at the end of the chunk."""
        return self.open_line is None

    def parts(self) -> list[bytes]:
        """The output as the pieces to write one after the other."""
        return [self.output] if self.pieces is None else self.pieces

    def joined(self) -> bytes:
        """The output as one bytes object."""
        return self.output if self.pieces is None else b"".join(self.pieces)


class _Info:
    """One distinct phrase: its added cells (and as CSV text), JSON fields, effect on a report."""

    __slots__ = (
        "annotation", "cells", "effect", "json", "neutral", "phrase", "problems", "result",
        "signature", "tail", "tail_bytes",
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
        self.problems: tuple[str, ...] = ()  # those with examples, once ``effect`` is known
        self.signature: _Signature | None = None  # the effect's counts, shared by equal ones


_STATE: dict[str, Any] = {}
#: What one row of a phrase adds to a report: rows, normalized, kinds, problem counts and
#: added cells neutralised. Equal ones are one tuple (see ``_count``).
_Signature = tuple[int, int, tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], int]
_SIGNATURES: dict[_Signature, _Signature] = {}


def _setup(job: Job) -> None:
    """Per process: the job, the phrase caches and the csv cell limit."""
    csv.field_size_limit(stream.CELL_LIMIT)
    _STATE["job"] = job
    _STATE["phrases"] = PhraseCache(job.reference, strict=job.exclusive, era=job.era)
    _STATE["infos"] = {}
    _STATE["bytes"] = {}
    _STATE.pop("line", None)  # the line pattern of the job (:mod:`shixian.cli.chunks_fast`)


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


class _Sink(list):  # type: ignore[type-arg]
    """What a csv writer writes into: a list of strings, joined once."""

    write = list.append


def _extra_cells(cells: int, width: int) -> str:
    return f"{cells - width} cells past the header's {width}, kept after the added columns"


def _cell_error(line: int, exc: csv.Error, format: str) -> _CellError:
    return _CellError(line, stream.csv_error_message(exc, format))


class _CellError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _flagged(error: str | None, flag: str) -> str:
    return input_flag(error, flag)


def _write_record(
    whole: RowWriter, record: list[str], info: _Info, flag: str | None, width: int, safe: bool
) -> tuple[int, bool]:
    """Write one csv/tsv record through ``whole``: with the phrase's added cells and the
    row's ``flag`` when it has one, else its input cells alone (the caller appends the
    phrase's prepared ``info.tail``). ``safe``: neutralise formula-like cells. Returns
    the cells neutralised (beyond the phrase's own) and whether the caller must cut the
    line ending ``whole`` wrote before appending the tail."""
    if flag is not None:
        added = list(info.cells)
        added[_ERROR] = _flagged(added[_ERROR] or None, flag)
        row = record[:width] + added + record[width:]
        changed = 0
        if safe:
            cleaned = _safe(row)
            changed = sum(a is not b for a, b in zip(cleaned, row, strict=True)) - info.neutral
            row = cleaned
        whole.writerow(row)
        return changed, False
    changed = 0
    if safe:
        cleaned = _safe(record)
        if cleaned is not record:
            changed = sum(a is not b for a, b in zip(cleaned, record, strict=True))
            record = cleaned
    if record == [""]:
        return changed, False
    whole.writerow(record)
    return changed, True


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
        info.problems = tuple(p for p, kept in effect.examples.items() if kept)
        counts = tuple((p, k) for p, k in effect.counts.items() if k)
        key = (effect.rows, effect.normalized, tuple(effect.kinds.items()), counts, info.neutral)
        info.signature = _SIGNATURES.setdefault(key, key)
    return effect


def _count(report: Report, seen: list[_Info]) -> int:
    """Fill ``report`` as one ``add`` per row would: each distinct phrase's effect on a
    report is learnt once and added as many times as the phrase occurs. Returns the
    added cells neutralised."""
    counts = collections.Counter(seen)
    # phrases with the same effect (most of them: a deadline read in full) are added once
    signatures: collections.Counter[_Signature] = collections.Counter()
    for info, n in counts.items():
        signature = info.signature
        if signature is None:
            _effect(info)
            signature = info.signature
            assert signature is not None
        signatures[signature] += n
    neutral = 0
    for (rows, normalized, kinds, problems, cells), n in signatures.items():
        report.rows += rows * n
        report.normalized += normalized * n
        for kind, k in kinds:
            report.kinds[kind] += k * n
        for problem, k in problems:
            report.counts[problem] += k * n
        neutral += cells * n
    examples = report.examples
    limit = report.limit
    wanted = {info for info in counts if info.problems}
    for number, info in enumerate(seen, 1):
        if info in wanted:
            full = False
            for problem, kept in _effect(info).examples.items():
                if len(examples[problem]) < limit:
                    examples[problem].extend((number, reason) for _, reason in kept)
                    full = full or len(examples[problem]) >= limit
            if full:  # a phrase whose problems all have their examples adds nothing more
                wanted = {i for i in wanted if any(len(examples[p]) < limit for p in i.problems)}
                if not wanted:
                    break
    return neutral
