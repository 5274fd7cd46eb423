"""The fast path of a streamed CSV/TSV chunk: whole chunks of lines that are their own CSV.

Most lines of a table written by a spreadsheet or the csv module are *canonical*:
a cell is quoted exactly when the csv writer would quote it (it holds the
delimiter or a quote), so parsing the line and writing the record again gives
the line back. Such a line needs neither: it is copied as bytes, followed by the
added cells of its phrase (written once per distinct phrase). One regular
expression per job (:func:`line_pattern`) tells, for every line of a chunk at
once, whether it is canonical with one cell per column (and, when formulas are
neutralised, without a cell that starts like one), and captures the phrase
cell. Lines it refuses — a record over several lines, a ragged or non-canonical
one, a formula-like cell — are parsed and written record by record, as
:mod:`shixian.cli.chunks` does. When the lines cannot be grouped into records
with certainty (a stray quote, a quote open at the end of the chunk, a csv
error) :func:`fast_chunk` returns ``None`` and the line-by-line path does the
chunk.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import re
import sys
from collections.abc import Iterable
from typing import cast

from ..io import stream
from ..io.safety import FORMULA_STARTS
from ..io.stream import SENTINEL, _decode_line
from ..io.tables import RowWriter
from .chunkstate import (
    _STATE,
    ChunkResult,
    Job,
    _count,
    _extra_cells,
    _Info,
    _info,
    _Sink,
    _write_record,
)

__all__ = ["fast_chunk", "line_pattern"]

# possessive repeats (Python 3.11+) match the same lines without backtracking
_MANY = b"*+" if sys.version_info >= (3, 11) else b"*"
_PHRASE = operator.itemgetter(1)
_TAIL = operator.attrgetter("tail_bytes")
#: What a refused line's group 1 reads as until its record is parsed.
_FILLER = re.fullmatch(b"()", b"")


def line_pattern(
    delimiter: bytes, width: int, column: int, *, formulas: bool = False
) -> re.Pattern[bytes]:
    """The pattern of a canonical line of ``width`` cells; group 1 is cell ``column``.

    A cell is either unquoted (no delimiter, no quote) or quoted with a delimiter
    or a doubled quote inside (anything else the csv writer would write
    differently). ``formulas``: refuse a cell that starts with a character of
    :data:`~shixian.io.safety.FORMULA_STARTS` (it may need neutralising).
    """
    d = re.escape(delimiter)
    # a quoted cell may start with the delimiter; an unquoted one is then empty
    guard = _guard(FORMULA_STARTS - {delimiter.decode()}) if formulas else b""
    inside = _guard(FORMULA_STARTS) if formulas else b""
    unquoted = guard + b'[^"' + d + b"]" + _MANY
    inner = b'[^"]' + _MANY
    quoted = (
        b'"' + inside + b'[^"' + d + b"]" + _MANY + b'(?:""|' + d + b")"
        + inner + b'(?:""' + inner + b")" + _MANY + b'"'
    )  # fmt: skip
    cell = b"(?:" + quoted + b"|" + unquoted + b")"
    before = (cell + d) * column
    after = (d + cell) * (width - 1 - column)
    return re.compile(before + b"(" + cell + b")" + after)


def _guard(starts: Iterable[str]) -> bytes:
    """A lookahead refusing a cell that starts with one of ``starts``."""
    chars = sorted(starts)
    single = b"".join(re.escape(ch.encode()) for ch in chars if len(ch.encode()) == 1)
    wide = b"".join(b"|" + re.escape(ch.encode()) for ch in chars if len(ch.encode()) > 1)
    return b"(?![" + single + b"]" + wide + b")"


def _pattern(job: Job) -> re.Pattern[bytes]:
    pattern: re.Pattern[bytes] | None = _STATE.get("line")
    if pattern is None:
        delimiter = b"\t" if job.layout.format == "tsv" else b","
        width = len(job.layout.columns)
        pattern = line_pattern(delimiter, width, job.column, formulas=job.neutralize)
        _STATE["line"] = pattern
    return pattern


def _phrase_info(key: bytes) -> _Info:
    """The info of a phrase cell as it stands in a canonical line (quoted or not)."""
    by_bytes: dict[bytes, _Info] = _STATE["bytes"]
    info = by_bytes.get(key)
    if info is None:
        text = key[1:-1].replace(b'""', b'"') if key.startswith(b'"') else key
        info = by_bytes[key] = _info(text.decode("utf-8"))
    return info


def fast_chunk(job: Job, data: bytes, *, valid: bool = True) -> ChunkResult | None:
    """A chunk of UTF-8 written with its own delimiter (see the module docstring);
    ``None`` when the line-by-line path must do it. Unless ``valid`` (the chunk
    decodes), the lines that do not decode are refused, then decoded as the
    line-by-line path decodes them (the other encoding, else their bytes kept) and
    flagged."""
    bodies = data.splitlines()
    count = len(bodies)
    matches: list[re.Match[bytes] | None] = list(map(_pattern(job).fullmatch, bodies))
    if not valid:
        for at in _undecodable(bodies):
            matches[at] = None
    if bodies and max(map(len, bodies)) > stream.CELL_LIMIT:  # the reader says which cell
        for at, body in enumerate(bodies):
            if len(body) > stream.CELL_LIMIT:
                matches[at] = None
    spans = _spans(bodies, matches) if None in matches else []
    if spans is None:
        return None
    by_bytes: dict[bytes, _Info] = _STATE["bytes"]
    keys: list[bytes] = list(map(_PHRASE, cast("list[re.Match[bytes]]", matches)))
    for key in set(keys).difference(by_bytes):
        _phrase_info(key)
    seen = list(map(by_bytes.__getitem__, keys))
    tails = list(map(_TAIL, seen))
    flags: dict[int, tuple[int, str]] = {}  # record number: (its first line, the flag)
    neutralized = 0
    if spans:
        done = _records(job, _span_texts(data, bodies, spans))
        if done is None:
            return None
        removed = 0
        for (first, last), (output, info, flag, neutral) in zip(spans, done, strict=True):
            at = first - removed
            bodies[at] = output
            tails[at] = b""
            seen[at] = info
            del bodies[at + 1 : at + 1 + last - first]
            del tails[at + 1 : at + 1 + last - first]
            del seen[at + 1 : at + 1 + last - first]
            removed += last - first
            neutralized += neutral
            if flag is not None:
                flags[at] = (first, flag)
    result = ChunkResult(lines=count)
    result.pieces = list(itertools.chain.from_iterable(zip(bodies, tails, strict=True)))
    result.neutralized = neutralized + _count(result.report, seen)
    result.flagged = len(flags)
    result.notes = [(n + 1, flags[n][0], flags[n][1]) for n in sorted(flags)[:5]]
    return result


def _undecodable(bodies: list[bytes]) -> list[int]:
    """The lines that are not UTF-8 (those decoded with a replacement character, but
    for lines that hold one as written)."""
    texts = map(bytes.decode, bodies, itertools.repeat("utf-8"), itertools.repeat("replace"))
    marked = map(operator.contains, texts, itertools.repeat("\ufffd"))
    return [at for at in itertools.compress(range(len(bodies)), marked) if not _utf8(bodies[at])]


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _spans(bodies: list[bytes], matches: list[re.Match[bytes] | None]) -> list[tuple[int, int]]:
    """The (first, last) lines of each record the pattern refused, in order (their
    matches are replaced by a filler). A line with an odd number of quotes opens a
    record that ends on the next such line; ``None`` when none ends in the chunk."""
    spans = []
    count = len(bodies)
    first = matches.index(None)
    while True:
        last = first
        if bodies[first].count(b'"') % 2:
            last += 1
            while last < count and not bodies[last].count(b'"') % 2:
                last += 1
            if last == count:  # a quote open at the end: the line path says where
                return None  # type: ignore[return-value]
        spans.append((first, last))
        matches[first : last + 1] = [_FILLER] * (last + 1 - first)
        try:
            first = matches.index(None, last + 1)
        except ValueError:
            return spans


def _span_texts(data: bytes, bodies: list[bytes], spans: list[tuple[int, int]]) -> list[bytes]:
    """The bytes of each span's lines, their line breaks included. When every line
    breaks the same way (all LF, or all CRLF) a line's offset is the lengths before it;
    otherwise the lines are split again with their breaks."""
    step = 1 if b"\r" not in data else 2 if _all_crlf(data, len(bodies)) else 0
    if step:
        ends = [0, *itertools.accumulate(map(len, bodies))]
        return [data[ends[a] + step * a : ends[b + 1] + step * (b + 1)] for a, b in spans]
    raw = data.splitlines(keepends=True)
    return [b"".join(raw[first : last + 1]) for first, last in spans]


def _all_crlf(data: bytes, lines: int) -> bool:
    """Whether every line of ``data`` (``lines`` of them) but the last ends in CRLF."""
    pairs = data.count(b"\r\n")
    return pairs >= lines - 1 and pairs == data.count(b"\r") == data.count(b"\n")


def _records(job: Job, texts: list[bytes]) -> list[tuple[bytes, _Info, str | None, int]] | None:
    """Each refused record parsed and written as the line-by-line path writes it: its
    output (the added cells included), its phrase, its flag and the cells neutralised;
    ``None`` when a span is not exactly one record."""
    delimiter = "\t" if job.layout.format == "tsv" else ","
    pieces: list[str] = []
    notes: list[str | None] = []
    for raw in texts:
        note = None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # line by line, as stream.decode_lines reads them
            decoded = [
                _decode_line(line, job.layout.encoding, job.layout.fallback)
                for line in raw.splitlines(keepends=True)
            ]
            text = "".join(piece for piece, _ in decoded)
            note = next((n for _, n in decoded if n), None)
        pieces.append(text if text.endswith(("\n", "\r")) else text + "\n")
        # a record of its own after each span, unless a quote is still open
        pieces.append(SENTINEL + "\n")
        notes.append(note)
    feed = io.StringIO("".join(pieces), newline="")
    try:
        records = list(csv.reader(feed, delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    ends = records[1::2]
    if len(records) != 2 * len(texts) or ends.count([SENTINEL]) != len(ends):
        return None  # a stray quote: the lines are not records as grouped
    sink = _Sink()
    whole = RowWriter(sink, delimiter, job.ending)
    return [
        _record(job, record, whole, sink, note)
        for record, note in zip(records[0::2], notes, strict=True)
    ]


def _record(
    job: Job, record: list[str], whole: RowWriter, text: _Sink, note: str | None
) -> tuple[bytes, _Info, str | None, int]:
    """One parsed record written with its added cells (as :mod:`shixian.cli.chunks` writes
    it; ``note``: how a line of it that did not decode was read), through ``whole`` into
    ``text``."""
    width = len(job.layout.columns)
    flag = note
    if len(record) < width:
        record.extend([""] * (width - len(record)))
    elif len(record) > width:
        extra = _extra_cells(len(record), width)
        flag = f"{note}; {extra}" if note else extra
    info = _info(record[job.column])
    neutralized, cut_ending = _write_record(whole, record, info, flag, width, job.neutralize)
    if cut_ending:
        text[-1] = text[-1][: -len(job.ending)]
    if flag is None:
        text.append(info.tail)
    output = "".join(text).encode("utf-8", "surrogateescape")
    text.clear()
    return output, info, flag, neutralized
