"""What the commands share: messages, the reference date, reading the input, picking
the column, writing the output, progress."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..io.annotate import Annotation, PhraseCache, Summary, annotate
from ..io.tables import Table, read_table

if TYPE_CHECKING:
    pass


__all__ = ["PROG", "CliError"]

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
    cache = PhraseCache(reference, strict=args.exclusive, era=args.era)
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
