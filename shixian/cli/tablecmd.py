"""``shixian table``: annotate a table, streamed or in memory, with its report and
preview."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..io.annotate import Annotation, PhraseCache
from ..io.tables import OUTPUT_FORMATS, Table, detect_format, read_table

if TYPE_CHECKING:
    from .report import Report

from .common import (
    PROG,
    CliError,
    _annotate_table,
    _check_output,
    _emit,
    _needs_header_search,
    _note,
    _pick_column,
    _read_input,
    _reference,
    _say_header,
    _say_input,
    _say_reference,
    _stdin_bytes,
    _written,
)

__all__ = ["_cmd_table", "_table_in_memory"]


def _output_format(args: argparse.Namespace, table: Table) -> str:
    if args.format:
        return str(args.format)
    if args.output and args.output != "-":
        guessed = detect_format(args.output, default="")
        if guessed in OUTPUT_FORMATS:
            return guessed
        suffix = Path(args.output).suffix
        if suffix:
            known = ", ".join(f".{f}" for f in OUTPUT_FORMATS)
            raise CliError(
                f"cannot tell the output format of {args.output!r} from {suffix!r}: "
                f"name it {known}, or give --format"
            )
    return table.format if table.format in OUTPUT_FORMATS else "csv"


def _cmd_table(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise CliError(f"--jobs must be 1 or more, not {args.jobs}")
    if not _wants_preview(args) and args.as_of is None:  # --as-of: the table in memory
        from .table import streamable

        if streamable(args):
            return _stream_table(args)
    return _table_in_memory(args, _read_input(args))


def _stream_table(args: argparse.Namespace) -> int:
    """csv/tsv/jsonl in and out: row by row (:mod:`shixian.cli.table`)."""
    from ..io.stream import sniff
    from .table import default_jobs, read_first, stream_table

    reference = _reference(args)
    fmt_in = None if args.file == "-" else detect_format(args.file, default="")
    with contextlib.ExitStack() as stack:
        if args.file == "-":
            stream = getattr(sys.stdin, "buffer", None) or io.BytesIO(_stdin_bytes())
            size = None
        else:
            try:
                stream = stack.enter_context(open(args.file, "rb"))
                size = os.fstat(stream.fileno()).st_size
            except FileNotFoundError:
                raise CliError(f"{args.file}: no such file") from None
            except IsADirectoryError:
                raise CliError(f"{args.file}: is a directory") from None
            except OSError as exc:
                raise CliError(f"{args.file}: cannot read: {exc.strerror or exc}") from None
        first, final = read_first(stream)
        layout = sniff(first, final=final, format=fmt_in or None, encoding=args.encoding)
        if layout is None:  # UTF-16: read whole
            table = read_table(first + stream.read(), format=fmt_in or None, encoding=args.encoding)
            return _table_in_memory(args, table)
        if _needs_header_search(args, layout.columns):  # a title row, --header-row: in memory
            table = read_table(
                first + stream.read(),
                format=fmt_in or None,
                encoding=args.encoding,
                header_row=args.header_row,
                column=args.column,
            )
            _say_header(args, table)
            return _table_in_memory(args, table)
        index = _pick_column(Table(list(layout.columns), [], format=layout.format), args.column)
        _say_reference(args)
        fmt = args.format or _output_format(args, Table([], [], format=layout.format))
        out: IO[bytes]
        if args.output is not None and args.output != "-":
            _check_output(args)
            out = stack.enter_context(_atomic_output(args.output, args))
        else:
            sys.stdout.flush()
            out = sys.stdout.buffer
        jobs = args.jobs if args.jobs is not None else default_jobs(size)
        bar = _byte_bar(size, args.quiet)
        outcome = stream_table(
            stream,
            out,
            layout=layout,
            first=first,
            column=index,
            reference=reference or dt.date.today(),
            exclusive=args.exclusive,
            era=args.era,
            output=fmt,
            jobs=jobs,
            path=None if args.file == "-" else args.file,
            excel=args.excel,
            raw_formulas=args.raw_formulas,
            progress=None if bar is None else bar.update,
        )
        out.flush()
        args.streamed_done = True
        if bar is not None:
            bar.close()
    if not args.quiet:
        for line in outcome.lines():
            _note(line)
    return 1 if args.strict and outcome.report.errors else 0


@contextlib.contextmanager
def _atomic_output(path: str, args: argparse.Namespace) -> Iterator[IO[bytes]]:
    """A streamed output file (:func:`shixian.io.safety.atomic_file`), renamed over
    ``path`` only when the run is done (``args.streamed_done``), so a run that fails
    or is interrupted leaves no half-written file and an old one intact."""
    from ..io.safety import OutputError, atomic_file

    with atomic_file(path) as out:
        yield out
        if not getattr(args, "streamed_done", False):
            raise OutputError(f"{path}: not written")  # pragma: no cover - an error is raised


def _byte_bar(size: int | None, quiet: bool) -> Any:
    """A tqdm bar over the input's bytes, when stderr is a terminal and tqdm is installed."""
    if quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=size, file=sys.stderr, unit="B", unit_scale=True, leave=False, desc=PROG)


def _table_in_memory(args: argparse.Namespace, table: Table) -> int:
    """xlsx/docx input or xlsx output, and the preview: the whole table in memory."""
    from ..io.tables import write_table

    reference = _reference(args)
    index = _pick_column(table, args.column)
    _say_reference(args)
    if _wants_preview(args):
        return _preview_table(table, index, args, reference)
    fmt = _output_format(args, table)
    if fmt in ("xlsx", "parquet") and (args.output is None or args.output == "-"):
        raise CliError(f"{fmt} output needs a file: give -o OUT.{fmt} (or --format csv)")
    annotations, summary, cache = _annotate_table(table, index, args, reference)
    bom = (table.bom or args.excel) and fmt in ("csv", "tsv")
    encoding = "utf-8-sig" if bom else "utf-8"
    if args.excel:
        table.lineterminator = "\r\n"
    _check_output(args)
    buffer = io.BytesIO()
    if args.as_of is not None:
        from .asof import as_of_values, write_with_as_of

        as_of = _as_of(args)
        extra = [
            as_of_values(None if isinstance(r := cache.get(row[index]), Exception) else r, as_of)
            if annotation.ok
            else (None, None)
            for row, annotation in zip(table.rows, annotations, strict=True)
        ]
        written = write_with_as_of(
            table,
            _written(table, annotations),
            extra,
            buffer,
            fmt,
            encoding,
            raw_formulas=args.raw_formulas,
        )
    else:
        written = write_table(
            table,
            _written(table, annotations),
            buffer,
            fmt,
            encoding=encoding,
            raw_formulas=args.raw_formulas,
        )
    _emit(buffer.getvalue(), args.output, encoding, args=args)
    if not args.quiet:
        for line in _report(table, index, annotations, cache).lines():
            _note(line)
        _say_input(args, table)
        for line in written.lines():
            _note(line)
    return 1 if args.strict and summary.errors else 0


def _as_of(args: argparse.Namespace) -> dt.date:
    """The ``--as-of`` day, read as a reference is."""
    from ..model.reference import parse_reference

    text = str(args.as_of).strip()
    return parse_reference(int(text) if text.isascii() and text.isdigit() else text)


def _wants_preview(args: argparse.Namespace) -> bool:
    if args.preview is not None:
        return bool(args.preview)
    if args.output is not None or args.format is not None:
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _report(
    table: Table, index: int, annotations: Sequence[Annotation], cache: PhraseCache
) -> Report:
    from .report import Report

    report = Report()
    for number, (row, annotation) in enumerate(zip(table.rows, annotations, strict=True), 1):
        result = cache.get(row[index]) if annotation.ok else None
        report.add(
            number, row[index], annotation, None if isinstance(result, Exception) else result
        )
    return report


def _preview_table(
    table: Table, index: int, args: argparse.Namespace, reference: dt.date | None
) -> int:
    from .preview import PreviewRow, guess_title_column, render

    annotations, summary, cache = _annotate_table(table, index, args, reference)
    if args.title_column is not None:
        title: int | None = table.column_index(args.title_column)
    else:
        title = guess_title_column(table.columns, index)
    report = _report(table, index, annotations, cache)
    as_of = None if args.as_of is None else _as_of(args)

    def preview_row(number: int, row: list[str], annotation: Annotation) -> PreviewRow:
        result = cache.get(row[index]) if annotation.ok else None
        if isinstance(result, Exception):  # pragma: no cover - the annotation was ok
            result = None
        days = None
        if as_of is not None:
            from .asof import as_of_values

            days = as_of_values(result, as_of)[1]
        title_text = "" if title is None else row[title]
        return PreviewRow(number, title_text, row[index], annotation, result, days)

    rows = (
        preview_row(number, row, annotation)
        for number, (row, annotation) in enumerate(zip(table.rows, annotations, strict=True), 1)
    )
    sys.stdout.flush()
    render(
        rows,
        report,
        title=None if title is None else table.columns[title],
        phrase=table.columns[index],
        file=sys.stdout,
        limit=max(args.preview_rows, 0),
        force_terminal=True if args.preview else None,
        hint="a preview: -o OUT.csv / OUT.xlsx writes the whole table with the added "
        "columns (or pipe it: shixian table … > out.csv)",
    )
    _say_input(args, table)
    return 1 if args.strict and summary.errors else 0
