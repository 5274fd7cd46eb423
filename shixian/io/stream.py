"""CSV, TSV and JSONL tables read and written row by row, in chunks of whole records.

The first block of the input (:data:`FIRST_BLOCK`) decides the layout: a UTF-8 or
UTF-16 byte-order mark, else UTF-8 when the block decodes as UTF-8, else GB18030;
``tsv`` when the first line has more tabs than commas (as :func:`read_table`);
the line ending of the first line. The rest is cut into chunks of about
:data:`CHUNK_BYTES` that end after a line break outside quotes, and each chunk is
decoded, parsed, annotated and written on its own (:func:`process_chunk`), so the
memory needed does not grow with the number of rows and chunks can go to
processes (``shixian table --jobs``) with the same output byte for byte.

Robust input (each rule documented in ``docs/cli.md``):

* a cell may hold up to :data:`CELL_LIMIT` characters; a longer one stops the run
  with an error naming its line;
* each line that does not decode in the file's encoding is decoded in the other
  one (UTF-8 ↔ GB18030), else with its undecodable bytes kept as they are
  (``surrogateescape``, written back unchanged); its row says so in ``error``;
* a quote that is never closed stops the run with an error naming the line where
  it opened (the rows after it would otherwise merge into one cell);
* a row with more cells than the header keeps them after the added columns and
  says so in ``error``; a shorter row is padded with empty cells.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import IO, Any

import attrs

from .tables import CELL_LIMIT, TableError, _sniff
from .writing import _json_keys

__all__ = [
    "CELL_LIMIT",
    "CHUNK_BYTES",
    "FIRST_BLOCK",
    "SENTINEL",
    "Chunk",
    "Layout",
    "chunks",
    "sniff",
]

#: Bytes read to decide the encoding, the format and the line ending.
FIRST_BLOCK = 1 << 20
#: About how many bytes of input one chunk holds (whole records).
CHUNK_BYTES = 1 << 21
#: A chunk that grows past this without a line break outside quotes stops the run.
MAX_RECORD_BYTES = 4 * CELL_LIMIT
#: The other encoding tried for a line that does not decode.
_OTHER = {"utf-8": "gb18030", "utf-8-sig": "gb18030", "gb18030": "utf-8"}
#: Appended to a chunk: parsed as a record of its own unless a quote is still open.
SENTINEL = "\ue000shixian-end-of-chunk\ue001"


@attrs.frozen
class Layout:
    """What the first block of a table says about all of it.

    Attributes:
        format: ``csv``, ``tsv`` or ``jsonl``.
        encoding: the codec each line is decoded with first.
        fallback: the codec tried next for a line that does not decode (``None``
            when the encoding was given: then its undecodable bytes are kept).
        bom: the input began with a UTF-8 byte-order mark.
        lineterminator: ``"\\r\\n"`` or ``"\\n"``, from the first line.
        columns: the header (for JSONL, the keys of the first object).
        start: bytes before the first data row (BOM and header).
        lines: lines before the first data row.
    """

    format: str
    encoding: str
    fallback: str | None
    bom: bool
    lineterminator: str
    columns: tuple[str, ...]
    start: int
    lines: int


@attrs.frozen
class Chunk:
    """Whole records of the input: ``size`` bytes at byte ``offset`` of the input (of
    the file at ``path``, or ``data`` when given)."""

    index: int
    offset: int
    size: int
    last: bool
    data: bytes | None = None

    def read(self, path: str | None) -> bytes:
        """The chunk's bytes."""
        if self.data is not None:
            return self.data
        if path is None:  # pragma: no cover - a chunk of a stream always holds its data
            raise ValueError("a chunk without data needs its file")
        with open(path, "rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.size)


def _detect(block: bytes, final: bool) -> str:
    """UTF-8 when the block decodes as UTF-8; else the encoding most of its non-ASCII
    lines are in. A GBK row pasted into a UTF-8 file leaves the file UTF-8 (the row is
    decoded on its own): UTF-8 text often decodes as GB18030 too, as other characters
    and without an error, so "all of it decodes as GB18030" does not say it is GBK."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(block, final)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    lines = block.splitlines()
    if not final:
        lines = lines[:-1]  # the last line may be cut inside a character
    utf8 = gbk = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line.decode("gb18030")
            except UnicodeDecodeError:
                continue
            gbk += 1
        else:
            utf8 += 1
    if utf8 > gbk:
        return "utf-8"
    if gbk > utf8:
        return "gb18030"
    try:
        codecs.getincrementaldecoder("gb18030")().decode(block, final)
    except UnicodeDecodeError:
        return "utf-8"
    return "gb18030"


def sniff(
    first: bytes, *, final: bool, format: str | None = None, encoding: str | None = None
) -> Layout | None:
    """The :class:`Layout` of a table whose first bytes are ``first`` (all of it if ``final``).

    ``None`` for UTF-16 input, which is read whole instead. Raises
    :class:`~shixian.io.tables.TableError` for an empty table, an unknown encoding
    or a header longer than ``first``.
    """
    bom = first.startswith(codecs.BOM_UTF8)
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise TableError(f"unknown encoding {encoding!r}") from None
        try:
            b"x".decode(encoding)
        except LookupError:  # a codec that is not a text encoding (rot13, base64)
            raise TableError(f"unknown encoding {encoding!r}: not a text encoding") from None
        except UnicodeDecodeError:
            pass
        if name.startswith("utf-16") or name.startswith("utf-32"):
            return None
        bom = bom and name in ("utf-8", "utf-8-sig")
        used, fallback = encoding, None
        try:  # the encoding given must fit the first block; later lines may not
            codecs.getincrementaldecoder(encoding)().decode(first, final)
        except UnicodeDecodeError as exc:
            raise TableError(f"cannot decode the input as {encoding}: {exc}") from None
    elif first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    else:
        used = "utf-8" if bom else _detect(first, final)
        fallback = _OTHER[used]
    skip = len(codecs.BOM_UTF8) if bom else 0
    body = first[skip:]
    raw_lines = body.splitlines(keepends=True)
    texts = [_decode_line(line, used, fallback)[0] for line in raw_lines]
    newline = next((t for t in texts if t.endswith("\n")), "")
    ending = "\r\n" if newline.endswith("\r\n") else "\n"
    if format is None:
        format = _sniff("".join(texts[:1]))
    if format == "jsonl":
        columns = _json_columns(texts)
        return Layout("jsonl", used, fallback, bom, ending, columns, skip, 0)
    if format not in ("csv", "tsv"):
        raise TableError(f"not a text table format: {format!r}")
    reader = csv.reader(iter(texts), delimiter="\t" if format == "tsv" else ",", strict=True)
    _raise_cell_limit()
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise TableError(f"malformed {format.upper()} header: {exc}") from None
    if header is None:
        raise TableError("the table is empty: no header row")
    used_lines = reader.line_num
    if used_lines >= len(raw_lines) and not final and not body.endswith((b"\n", b"\r")):
        raise TableError(f"the header row is longer than {FIRST_BLOCK:,} bytes")
    start = skip + sum(len(line) for line in raw_lines[:used_lines])
    return Layout(format, used, fallback, bom, ending, tuple(header), start, used_lines)


def _json_columns(texts: Sequence[str]) -> tuple[str, ...]:
    for text in texts:
        if text.strip():
            try:
                value = json.loads(text)
            except ValueError:
                raise TableError("line 1 of the JSONL input is not JSON") from None
            if not isinstance(value, dict):
                raise TableError("line 1 of the JSONL input is not a JSON object")
            return tuple(str(key) for key in value)
    raise TableError("the table is empty: no JSON object")


def _raise_cell_limit() -> None:
    csv.field_size_limit(CELL_LIMIT)


def _decode_line(line: bytes, encoding: str, fallback: str | None) -> tuple[str, str | None]:
    """``(text, note)``: ``note`` says how a line that did not decode was read."""
    try:
        return line.decode(encoding), None
    except UnicodeDecodeError:
        pass
    if fallback is not None:
        try:
            return line.decode(fallback), f"not {_label(encoding)}: read as {_label(fallback)}"
        except UnicodeDecodeError:
            pass
    text = line.decode(encoding, "surrogateescape")
    return text, f"not {_label(encoding)}: undecodable bytes kept as they are"


def _label(encoding: str) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030"}.get(encoding, encoding)


# -- cutting the input into chunks ------------------------------------------------------


def chunks(
    stream: IO[bytes],
    layout: Layout,
    first: bytes,
    *,
    size: int | None = None,
    keep_data: bool = True,
) -> Iterator[Chunk]:
    """The data of ``stream`` after the header in chunks of whole lines, in order.

    ``first`` is what was already read from ``stream``. A chunk ends after a line
    break where the quotes seen since the chunk began are balanced; this guess is
    checked when the chunk is parsed (a quote left open is seen) and :func:`merge`
    joins a chunk with the next when it was wrong. ``keep_data=False`` (a file
    that workers read themselves) leaves the bytes out of the chunks. ``size``
    defaults to :data:`CHUNK_BYTES`.
    """
    size = size or CHUNK_BYTES
    pending = first[layout.start :]
    offset = layout.start
    index = 0
    at_end = False
    quotes = layout.format != "jsonl"
    while True:
        while len(pending) < size and not at_end:
            block = stream.read(size)
            if not block:
                at_end = True
            pending += block
        if not pending:
            return
        cut = len(pending) if at_end else _cut(pending, quotes, force=len(pending) > 8 * size)
        if cut is None:  # no balanced line break yet: read more
            more = stream.read(size)
            if not more:
                at_end = True
            pending += more
            continue
        data, pending = pending[:cut], pending[cut:]
        last = at_end and not pending
        yield Chunk(index, offset, cut, last, data if keep_data else None)
        index += 1
        offset += cut
        if last:
            return


def _cut(data: bytes, quotes: bool, *, force: bool) -> int | None:
    """Where to end a chunk: after the last ``\\n`` with balanced quotes before it."""
    pos = data.rfind(b"\n")
    if not quotes:
        return pos + 1 if pos >= 0 else None
    if pos < 0:
        return None
    count = data.count(b'"', 0, pos)
    while pos >= 0:
        if count % 2 == 0:
            return pos + 1
        prev = data.rfind(b"\n", 0, pos)
        count -= data.count(b'"', prev + 1, pos)
        pos = prev
    if force:  # a stray quote: assume the last line break is outside quotes (checked later)
        end = data.rfind(b"\n")
        return end + 1 if end >= 0 else None
    return None


def merge(a: Chunk, b: Chunk) -> Chunk:
    """``a`` and the chunk after it as one (``a`` ended inside a quote)."""
    if a.size + b.size > MAX_RECORD_BYTES:
        raise TableError(
            f"no record ends within {MAX_RECORD_BYTES:,} bytes after byte {a.offset:,} "
            "(a quote that is never closed, or a cell over the limit)"
        )
    data = None if a.data is None or b.data is None else a.data + b.data
    return Chunk(a.index, a.offset, a.size + b.size, b.last, data)


# -- one chunk ---------------------------------------------------------------------------


def decode_lines(data: bytes, layout: Layout) -> tuple[list[str], dict[int, str]]:
    """The decoded lines of a chunk, then the sentinel line, and notes by 0-based line.

    Lines break at ``\\n``, ``\\r\\n`` and ``\\r``, as :func:`read_table` reads them.
    """
    notes: dict[int, str] = {}
    try:
        text = data.decode(layout.encoding)
    except UnicodeDecodeError:
        lines: list[str] = []
        for i, raw in enumerate(data.splitlines(keepends=True)):
            decoded, note = _decode_line(raw, layout.encoding, layout.fallback)
            lines.append(decoded)
            if note is not None:
                notes[i] = note
    else:
        lines = list(io.StringIO(text, newline=""))
    # the csv reader ends a record at the end of each string, so the sentinel is a
    # record of its own after a last line without a line break too
    lines.append(SENTINEL + "\n")
    return lines, notes


def open_quote_line(lines: Sequence[str], first: int, delimiter: str) -> int:
    """The 0-based line where the quote left open in the record starting at ``first`` opened."""
    opened = first
    quoted = False
    field_start = True
    for number in range(first, len(lines)):
        text = lines[number]
        i = 0
        while i < len(text):
            ch = text[i]
            if quoted:
                if ch == '"':
                    if text.startswith('"', i + 1):
                        i += 1
                    else:
                        quoted = False
                        field_start = False
            elif ch == '"' and field_start:
                quoted, opened = True, number
            else:
                field_start = ch in (delimiter, "\r", "\n")
            i += 1
    return opened


def open_quote_error(line: int) -> TableError:
    """The error for a quote opened on (1-based) ``line`` of the file and never closed."""
    return TableError(
        f"line {line}: a quote opens a cell here and is never closed, so every "
        "line after it would merge into that one cell; close or remove the quote"
    )


def csv_error_message(exc: csv.Error, format: str) -> str:
    """What a csv reader's error means, for a message naming its line."""
    if "field larger" in str(exc):
        return f"a cell longer than {CELL_LIMIT:,} characters (the limit)"
    if "expected after" in str(exc):  # the readers are strict: "a"b is not a cell
        return (
            f"a quote opens a cell here and text follows its closing quote ({exc}): a quote "
            'opened here is never closed, or a quote inside a cell is not doubled (""), which '
            "would merge rows or split a cell; close the quote or double it"
        )
    return f"malformed {format.upper()}: {exc}"


def jsonl_row(text: str, columns: Sequence[str]) -> tuple[list[str], dict[str, Any], str | None]:
    """The cells (by ``columns``), the object and a note for one JSONL line."""
    try:
        value = json.loads(text)
    except ValueError:
        return [""] * len(columns), {}, "not JSON: its cells are empty"
    if not isinstance(value, dict):
        return [""] * len(columns), {}, "not a JSON object: its cells are empty"
    cells = [_json_text(value.get(name)) for name in columns]
    extra = [str(key) for key in value if key not in columns]
    note = f"keys not in the first row's: {', '.join(extra)}" if extra else None
    return cells, value, note


def _json_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def output_keys(columns: Sequence[str], added: Sequence[str]) -> list[str]:
    """The JSON keys of an output row (the input's, then the added, renamed when taken)."""
    return _json_keys([*columns, *added])
