"""The ``shixian`` command line: normalize phrases, annotate tables, extract, export iCalendar.

Run ``shixian --help`` or see ``docs/cli.md``. Exit status: 0 on success; 1 with
``--strict`` when a phrase or row failed; 2 for usage errors, unreadable input
(an unknown or non-text ``--encoding``, bytes that are not UTF-8 on stdin) and
refused output; 3 for an internal error (a bug: reported on one line, without a
traceback unless ``SHIXIAN_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from ..errors import ShixianError
from ..io.annotate import Annotation, PhraseCache, Summary, annotate, error_message
from ..io.tables import OUTPUT_FORMATS, Table, detect_format, read_table
from . import ics as ics_command
from . import timeline as timeline_command
from .holidays import add_holidays_command, add_holidays_option, holidays_calendar

if TYPE_CHECKING:
    from .report import Report

__all__ = ["CliError", "build_parser", "main"]

PROG = "shixian"


class CliError(Exception):
    """A problem with the command's input or options: reported on one line, exit status 2."""


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("shixian")
    except metadata.PackageNotFoundError:
        import shixian

        return str(getattr(shixian, "__version__", "unknown"))


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _note(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


# -- options shared by several subcommands ---------------------------------


def _add_reference(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reference",
        "-r",
        metavar="DATE",
        help="the date the document was issued: 2016-05-01, 2016/05/01, 2016年5月1日 or a "
        "year (default: today, said on stderr)",
    )
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="the time zone of 'today' when no --reference is given, e.g. Asia/Shanghai "
        "(Beijing time); default: the machine's local time zone",
    )


def _add_exclusive(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exclusive",
        action="store_true",
        help="read X前 as before X begins (2016年7月前 → 2016-06-30); "
        "default: up to the end of X (→ 2016-07-31)",
    )


def _add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="the table (.csv, .tsv, .xlsx, .docx; - for stdin)"
    )
    parser.add_argument(
        "--column",
        "-c",
        metavar="COL",
        help="the column holding the phrases (default: the one column whose name has 时限)",
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="csv/tsv text encoding (default: detected: UTF-8 with or without BOM, else GB18030)",
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help="xlsx: the sheet, by name or 1-based number"
    )
    parser.add_argument(
        "--header-row",
        metavar="N",
        type=int,
        help="the 1-based row holding the column names (default: the first row after "
        "title rows, or the first row naming --column)",
    )
    parser.add_argument(
        "--table-index",
        metavar="N",
        type=int,
        default=1,
        help="docx: which table of the document, 1-based (default: 1)",
    )
    parser.add_argument(
        "--limit",
        metavar="NAME=N",
        action="append",
        default=[],
        help="raise a bound on hostile xlsx/docx files for a trusted file, e.g. "
        "max_cells=50000000 (see docs/security.md)",
    )
    _add_reference(parser)
    _add_exclusive(parser)
    add_holidays_option(parser)
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if any row fails")
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="no progress bar and no summary on stderr"
    )


def _add_preview(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("terminal preview")
    group.add_argument(
        "--preview",
        dest="preview",
        action="store_const",
        const=True,
        default=None,
        help="show the readable preview instead of the table even when stdout is not a "
        "terminal (default: only on a terminal without -o)",
    )
    group.add_argument(
        "--no-preview",
        dest="preview",
        action="store_const",
        const=False,
        help="write the table to the terminal, never the preview",
    )
    group.add_argument(
        "--preview-rows",
        metavar="N",
        type=int,
        default=100,
        help="how many rows the preview shows (default: 100)",
    )
    group.add_argument(
        "--title-column",
        "-t",
        metavar="COL",
        help="the column naming each row's task, shown beside the phrase "
        "(default: a column named like 工作任务 or 事项)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``shixian`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Normalize the deadline phrases (时限) of Chinese government documents.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "normalize",
        help="normalize phrases given as arguments or on stdin",
        description="Normalize each PHRASE (or each line of stdin) and print the result.",
    )
    p.add_argument("phrases", metavar="PHRASE", nargs="*", help="phrases (default: stdin lines)")
    _add_reference(p)
    _add_exclusive(p)
    p.add_argument("--json", action="store_true", help="print one JSON object per phrase")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any phrase fails")
    add_holidays_option(p)
    p.set_defaults(run=_cmd_normalize)

    p = commands.add_parser(
        "table",
        help="add normalized columns to a table",
        description="Add the columns of the flat record (kind, due, start, end, rrule, offset, "
        "trigger, statute, conditions, ambiguous, parts, error, …: see docs/tables.md) "
        "to every row of a table.",
    )
    _add_input(p)
    p.add_argument("--output", "-o", metavar="OUT", help="output file (default: stdout)")
    _add_preview(p)
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="add the columns overdue (the due day is before DATE) and due_in_days "
        "(due − DATE; a schedule's next due day on or after DATE)",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=OUTPUT_FORMATS,
        help="output format (default: from OUT's extension, else the input's format)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=int,
        help="processes for csv/tsv/jsonl (default: the number of cores; 1 for stdin and "
        "inputs under 8 MB); the output is the same for every N",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="csv/tsv for Excel: UTF-8 with a byte-order mark and CRLF line ends",
    )
    p.add_argument(
        "--raw-formulas",
        action="store_true",
        help="csv/tsv: keep cells that begin with = + - @ exactly as read (default: a "
        "leading ' so a spreadsheet shows them as text, not formulas)",
    )
    p.set_defaults(run=_cmd_table)

    p = commands.add_parser(
        "extract",
        help="find the time expressions in running text",
        description="Print one JSON object per time expression found in FILE "
        "(.txt, .md or .docx), or with --context each match and its sentence.",
    )
    p.add_argument("file", metavar="FILE", help="a .txt, .md or .docx file (- for stdin)")
    p.add_argument("--encoding", metavar="ENC", help="text encoding (default: detected)")
    p.add_argument(
        "--context",
        action="store_true",
        help="print each match with its reading and the sentence around it, for people "
        "(default: JSON lines)",
    )
    _add_reference(p)
    _add_exclusive(p)
    p.set_defaults(run=_cmd_extract)

    p = commands.add_parser(
        "ics",
        help="export a table's deadlines as an iCalendar file",
        description="Write the deadlines (all-day events with a reminder, or to-dos), "
        "windows and schedules of a table's phrases as iCalendar (RFC 5545).",
    )
    _add_input(p)
    ics_command.configure(p)
    p.set_defaults(run=ics_command.run)

    p = commands.add_parser(
        "timeline",
        help="draw a table's plan on a time axis (.html, .svg, .png)",
        description="Draw the plan: windows as bars, deadlines as markers, schedules as their "
        "due days, an as-of line and overdue rows in red; relative, pending and ongoing "
        "rows listed apart.",
    )
    _add_input(p)
    timeline_command.configure(p)
    p.set_defaults(run=timeline_command.run)
    add_holidays_command(commands)
    for sub in commands.choices.values():  # every command that writes a file
        if any("--output" in a.option_strings for a in sub._actions):
            sub.add_argument(
                "--force",
                action="store_true",
                help="replace OUT when it exists (never the input; the old file stays "
                "intact until the new one is complete)",
            )
    return parser


_COMMANDS = ("normalize", "table", "extract", "ics", "timeline", "holidays")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    for stream in (sys.stdout, sys.stderr):
        # text from anywhere (a lone surrogate from a mis-decoded argument) prints
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and not arguments[0].startswith("-") and arguments[0] not in _COMMANDS:
        arguments.insert(0, "normalize")  # shixian "2016年7月底前" "全年工作"
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        with holidays_calendar(args):
            return run(args)
    except (CliError, ShixianError) as exc:
        return _error(str(exc))
    except UnicodeDecodeError as exc:
        return _error(f"the input is not {exc.encoding} text (byte {exc.start}): {exc.reason}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, without a second error at exit
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug: one line, not a traceback (SHIXIAN_DEBUG=1 shows it)
        if os.environ.get("SHIXIAN_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {exc} "
            "(please report it; SHIXIAN_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 3


# -- helpers ---------------------------------------------------------------


def _reference(args: argparse.Namespace | str | None) -> dt.date | None:
    """The ``--reference`` date, from the parsed options (with ``--tz``) or from the
    option's text; ``None`` when neither it nor ``--tz`` is given: today, in the
    machine's local time zone."""
    from ..model.reference import parse_reference

    if args is None or isinstance(args, str):
        value, tz = args, None
    else:
        value, tz = args.reference, getattr(args, "tz", None)
    if value is None and tz is None:
        return None
    return parse_reference(value, tz=tz)


def _say_reference(args: argparse.Namespace) -> None:
    """Without ``--reference``, say once on stderr that today is the reference."""
    if args.reference is None and not getattr(args, "quiet", False):
        from ..model.reference import parse_reference

        today = parse_reference(None, tz=getattr(args, "tz", None))
        _note(
            f"no --reference given: reading the phrases against today, "
            f"{today.isoformat()} (give the document's date, e.g. -r 2016-05-01)"
        )


def _stdin_bytes() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return sys.stdin.read().encode("utf-8")


def _read_input(args: argparse.Namespace) -> Table:
    sheet: str | int | None = args.sheet
    if args.table_index < 1:
        raise CliError(f"--table-index must be 1 or more, not {args.table_index}")
    if args.header_row is not None and args.header_row < 1:
        raise CliError(f"--header-row must be 1 or more, not {args.header_row}")
    source: str | bytes = _stdin_bytes() if args.file == "-" else args.file
    from ..io.limits import current_limits, parse_limit

    limits = current_limits()
    for text in getattr(args, "limit", None) or ():
        limits = parse_limit(text, limits)
    table = read_table(
        source,
        encoding=args.encoding,
        sheet=sheet,
        table=args.table_index - 1,
        header_row=args.header_row,
        column=args.column,
        limits=limits,
    )
    _say_header(args, table)
    return table


def _say_input(args: argparse.Namespace, table: Table) -> None:
    """The rows the reader had to repair (a line not in the file's encoding), on stderr."""
    if not args.quiet and table.notes:
        from .report import input_lines

        for line in input_lines(table):
            _note(line)


def _written(table: Table, annotations: list[Annotation]) -> list[Annotation]:
    """The annotations as written: a repaired row says so in its ``error`` column, as the
    streamed ``shixian table`` writes it (its result is kept)."""
    if not table.notes:
        return annotations
    from ..io.annotate import flagged

    out = list(annotations)
    for i, (_, note) in table.notes.items():
        out[i] = flagged(out[i], note)
    return out


def _say_header(args: argparse.Namespace, table: Table) -> None:
    if table.header_row > 1 and not args.quiet:
        above = f": title {table.title!r} above it" if table.title else ""
        _note(f"header on row {table.header_row}{above} (--header-row to choose)")


def _needs_header_search(args: argparse.Namespace, columns: Sequence[str]) -> bool:
    """The first row may not be the header: ``--header-row``, a column it lacks, or a
    title (one distinct value across several columns)."""
    if args.header_row is not None:
        return bool(args.header_row != 1)
    if args.column is not None:
        return args.column not in columns
    names = {c.strip() for c in columns if c.strip()}
    return len(columns) > 1 and len(names) <= 1


def _pick_column(table: Table, name: str | None) -> int:
    if name is not None:
        return table.column_index(name)
    found = [i for i, c in enumerate(table.columns) if "时限" in c]
    if len(found) == 1:
        return found[0]
    names = ", ".join(repr(c) for c in table.columns)
    raise CliError(f"give the phrase column with --column; the columns are: {names}")


def _inputs(args: argparse.Namespace | None) -> list[str]:
    """The files a command reads (an output must never be one of them)."""
    found: list[str] = []
    for name in ("file", "notices", "holidays"):
        value = getattr(args, name, None)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, str))
    return found


def _emit(
    data: bytes,
    output: str | None,
    encoding: str = "utf-8",
    *,
    args: argparse.Namespace | None = None,
) -> None:
    """Write bytes to the output file, or to stdout.

    A file is written safely (:func:`shixian.io.safety.write_atomic`): never over
    an input, over an existing file only with ``--force``, through a temporary
    file renamed into place.
    """
    if output is not None and output != "-":
        from ..io.safety import write_atomic

        write_atomic(output, data, force=bool(getattr(args, "force", False)), inputs=_inputs(args))
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode(encoding))
        sys.stdout.flush()


def _check_output(args: argparse.Namespace) -> None:
    """Refuse a bad ``-o`` before the work is done (the write checks again)."""
    output = getattr(args, "output", None)
    if output is None or output == "-" or not Path(output).exists():
        return
    from ..io.safety import OutputError, same_file

    for source in _inputs(args):
        if source != "-" and same_file(output, source):
            raise OutputError(f"{output}: refusing to write over the input file; choose another -o")
    if not getattr(args, "force", False):
        raise OutputError(f"{output}: the file exists; give --force to replace it")


def _progress(rows: Iterable[str], total: int, quiet: bool) -> Iterable[str]:
    """Wrap ``rows`` in a tqdm bar when stderr is a terminal, tqdm is installed and not quiet."""
    if quiet or not sys.stderr.isatty():
        return rows
    try:
        from tqdm import tqdm
    except ImportError:
        return rows
    bar: Iterable[str] = tqdm(
        rows, total=total, file=sys.stderr, unit="row", leave=False, desc=PROG
    )
    return bar


def _annotate_table(
    table: Table, index: int, args: argparse.Namespace, reference: dt.date | None
) -> tuple[list[Annotation], Summary, PhraseCache]:
    cache = PhraseCache(reference, strict=args.exclusive)
    phrases: Iterable[str] = (row[index] for row in table.rows)
    phrases = _progress(phrases, len(table.rows), args.quiet)
    annotations = list(annotate(phrases, reference, cache=cache))
    summary = Summary()
    for annotation in annotations:
        summary.add(annotation)
    return annotations, summary, cache


# -- subcommands -----------------------------------------------------------


def _input_lines(stream: TextIO) -> Iterator[str]:
    """The lines of stdin, read as UTF-8 whatever the locale; a line that is not
    UTF-8 stops the command with one error line (exit status 2)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        for line in stream:
            yield line.rstrip("\r\n")
        return
    for number, raw in enumerate(buffer, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(
                f"stdin line {number} is not UTF-8 text (byte {exc.start + 1} of the line: "
                f"{raw[exc.start : exc.start + 1]!r})"
            ) from None
        yield line.rstrip("\r\n")


def _cmd_normalize(args: argparse.Namespace) -> int:
    from ..api import normalize

    reference = _reference(args)
    _say_reference(args)
    phrases: Iterable[str] = args.phrases if args.phrases else _input_lines(sys.stdin)
    failed = 0
    for phrase in phrases:
        line: str
        try:
            if not phrase.strip():
                raise ShixianError("empty")
            result = normalize(phrase, reference, exclusive=args.exclusive)
            if args.json:
                line = json.dumps(result.to_dict(), ensure_ascii=False)
            else:
                line = f"{phrase}\t{result}"
        except Exception as exc:  # reported on its line; processing continues
            failed += 1
            message = error_message(exc)
            if args.json:
                line = json.dumps(
                    {"text": phrase, "error": message, "error_type": type(exc).__name__},
                    ensure_ascii=False,
                )
            else:
                line = f"{phrase}\terror: {message}"
        print(line, flush=True)
    return 1 if args.strict and failed else 0


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
    from ..io.tables import read_table
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


def _cmd_extract(args: argparse.Namespace) -> int:
    from ..api import extract

    reference = _reference(args)
    from ..io.documents import read_document

    source: str | bytes = _stdin_bytes() if args.file == "-" else args.file
    text = read_document(source, args.encoding)
    _say_reference(args)
    matches = extract(text, reference, exclusive=args.exclusive)
    if args.context:
        _print_in_context(text, matches)
    for match in [] if args.context else matches:
        print(json.dumps(_match_dict(match), ensure_ascii=False))
    for failure in matches.failures:
        _note(f"skipped {failure.text!r} at {failure.start}–{failure.end}: {failure.error}")
    return 0


def _print_in_context(text: str, matches: Sequence[Any]) -> None:
    """Each match: where it is, its words and reading, then its sentence with it marked."""
    import bisect

    from ..io.documents import sentence_around

    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for match in matches:
        line = bisect.bisect_right(starts, match.start)
        column = match.start - starts[line - 1] + 1
        print(f"{line}:{column}\t{match.text}\t{match.result}")
        first, last = sentence_around(text, match.start, match.end)
        sentence = f"{text[first : match.start]}【{match.text}】{text[match.end : last]}"
        print("\t" + " ".join(sentence.split()))


def _match_dict(match: Any) -> dict[str, Any]:
    data: dict[str, Any] = match.to_dict()
    return data
