"""``shixian ics``: a table's deadlines, windows and schedules as an iCalendar file."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    """The options of ``shixian ics`` after the shared input options."""
    from ..io.ics import DEADLINE_MODES

    p.add_argument("--title-column", "-t", metavar="COL", help="column for each item's SUMMARY")
    p.add_argument(
        "--description-column",
        "-d",
        metavar="COL",
        action="append",
        default=[],
        help="a column for the DESCRIPTION, as 'COL: text' (repeat: -d 具体要求 -d 牵头单位)",
    )
    p.add_argument(
        "--uid-column",
        metavar="COL",
        action="append",
        default=[],
        help="the column(s) that identify a row across versions of the plan (e.g. 序号); "
        "default: every column but the phrase. Re-importing an updated plan then updates "
        "its events instead of adding copies",
    )
    p.add_argument(
        "--deadlines",
        choices=DEADLINE_MODES,
        default="events",
        help="deadlines as all-day events with a reminder (default: what Google Calendar "
        "and Outlook show) or as to-dos (VTODO)",
    )
    alarm = p.add_mutually_exclusive_group()
    alarm.add_argument(
        "--alarm",
        metavar="DAYS",
        type=int,
        default=1,
        help="remind DAYS days before each deadline, at 09:00 (default: 1)",
    )
    alarm.add_argument(
        "--no-alarm", dest="alarm", action="store_const", const=None, help="no reminders"
    )
    p.add_argument("--output", "-o", metavar="OUT", help="the .ics file (default: stdout)")
    p.add_argument(
        "--undated",
        action="store_true",
        help="write parts without dates (after an event, pending, …) as to-dos without DUE "
        "instead of skipping them",
    )
    p.add_argument("--name", metavar="NAME", help="calendar name (default: the input's name)")


def run(args: argparse.Namespace) -> int:
    """Run ``shixian ics``."""
    from ..io.ics import Entry, build_calendar
    from .common import (
        CliError,
        _annotate_table,
        _emit,
        _note,
        _pick_column,
        _read_input,
        _reference,
        _say_input,
        _say_reference,
    )

    reference = _reference(args)
    table = _read_input(args)
    index = _pick_column(table, args.column)
    _say_reference(args)
    title = None if args.title_column is None else table.column_index(args.title_column)
    described = [(name, table.column_index(name)) for name in args.description_column]
    if args.uid_column:
        identity = [table.column_index(name) for name in args.uid_column]
    else:
        identity = [i for i in range(len(table.columns)) if i != index]
    if args.alarm is not None and args.alarm < 0:
        raise CliError(f"--alarm must be 0 or more days, not {args.alarm}")
    annotations, summary, cache = _annotate_table(table, index, args, reference)
    entries: list[Entry] = []
    for row, annotation in zip(table.rows, annotations, strict=True):
        if not annotation.ok:
            continue
        result = cache.get(row[index])
        if isinstance(result, Exception):  # pragma: no cover - annotation was ok
            continue
        entries.append(
            Entry(
                key="\x1f".join(row[i] for i in identity),
                title="" if title is None else row[title],
                phrase=row[index],
                result=result,
                details=tuple((name, row[i]) for name, i in described),
            )
        )
    name = args.name or (None if args.file == "-" else Path(args.file).stem)
    calendar, stats = build_calendar(
        entries, name=name, undated=args.undated, deadlines=args.deadlines, alarm_days=args.alarm
    )
    _emit(calendar.to_ical(), args.output, args=args)
    if not args.quiet:
        _note(f"{summary}; {stats}")
    _say_input(args, table)
    return 1 if args.strict and summary.errors else 0
