"""The options of the command line and its parser (:func:`build_parser`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..grammar.eras import ERAS
from ..io.tables import OUTPUT_FORMATS
from . import ics as ics_command
from . import timeline as timeline_command
from .holidays import add_holidays_command, add_holidays_option

if TYPE_CHECKING:
    pass

from .common import (
    PROG,
    _version,
)

__all__ = ["build_parser"]

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
    parser.add_argument(
        "--era",
        choices=ERAS,
        help="the era bare years count from: roc (民国, Taiwan: 113年3月1日 and 104.7.2 "
        "are 民国 years, 1911 + the year); default: none, a year of two or three digits "
        "is a garbled date",
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
    # looked up when the parser is built, so that a patched command is the one run
    from . import _cmd_extract, _cmd_normalize
    from .tablecmd import _cmd_table

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
