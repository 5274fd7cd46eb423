"""``shixian holidays``: a year's calendar from its notice; and ``--holidays FILE``.

``shixian holidays NOTICE.txt [NOTICE …]`` reads holiday notices
(关于YYYY年部分节假日安排的通知 and supplements) and prints or writes their
calendar as JSON (the form ``--holidays`` reads back), as .ics, or as readable
lines. ``--holidays FILE`` on ``normalize``, ``table`` and ``ics`` makes the
notices (or such JSON) the working-day calendar of the run, over the official data.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..calendar.notice_calendar import NoticeCalendar

__all__ = ["add_holidays_command", "add_holidays_option", "holidays_calendar"]

FORMATS = ("json", "ics", "text")


def add_holidays_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--holidays FILE`` (repeatable) to a subcommand."""
    parser.add_argument(
        "--holidays",
        metavar="FILE",
        action="append",
        default=[],
        help="a holiday notice text (关于YYYY年部分节假日安排的通知) or the JSON "
        "`shixian holidays` writes, used as the working-day calendar over the official "
        "data; repeat for supplements",
    )


@contextlib.contextmanager
def holidays_calendar(args: argparse.Namespace) -> Iterator[None]:
    """Inside the block, the default working-day calendar has the ``--holidays`` files."""
    files = getattr(args, "holidays", None) or []
    if not files:
        yield
        return
    from ..calendar.offsets import use_calendar
    from ..calendar.workdays import WorkdayCalendar

    with use_calendar(WorkdayCalendar.from_notices(*files)):
        yield


def add_holidays_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``holidays`` subcommand."""
    p = commands.add_parser(
        "holidays",
        help="read holiday notices into a calendar (JSON, .ics)",
        description="Read the State Council's holiday notices (关于YYYY年部分节假日安排的通知, "
        "and supplementary notices) and print or write the year's days off and make-up "
        "working days. Every weekday note and 共N天 is checked; a mismatch is an error "
        "naming the line.",
    )
    p.add_argument("notices", metavar="NOTICE", nargs="+", help="notice texts (UTF-8) or JSON")
    p.add_argument("--output", "-o", metavar="OUT", help="output file (default: stdout)")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="json, ics or text (default: from OUT's extension, else json)",
    )
    p.set_defaults(run=run_holidays)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output and args.output != "-":
        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
    return "json"


def _text(calendar: NoticeCalendar) -> str:
    lines = []
    for entry in calendar.entries:
        off = ", ".join(d.isoformat() for d in entry.days_off)
        work = ", ".join(d.isoformat() for d in entry.workdays) or "-"
        lines.append(f"{entry.year}\t{entry.name}\t放假 {off}\t上班 {work}")
    return "\n".join(lines) + "\n"


def run_holidays(args: argparse.Namespace) -> int:
    """Run ``shixian holidays``."""
    from ..calendar.notice_calendar import load_holidays
    from .common import _emit

    calendar = load_holidays(args.notices)
    fmt = _format(args)
    if fmt == "ics":
        from ..io.holiday_ics import holiday_calendar

        data = holiday_calendar(calendar).to_ical()
    elif fmt == "text":
        data = _text(calendar).encode("utf-8")
    else:
        data = calendar.to_json().encode("utf-8")
    _emit(data, args.output, args=args)
    if args.output and args.output != "-":
        years = ", ".join(str(y) for y in sorted(calendar.years)) or "no annual notice"
        print(
            f"shixian: {len(calendar.holidays)} days off, {len(calendar.workdays)} make-up "
            f"working days ({years}) written to {args.output}",
            file=sys.stderr,
        )
    return 0
