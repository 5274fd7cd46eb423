"""``shixian timeline``: a picture of a plan — windows as bars, deadlines as markers,
schedules as their due days, an as-of line and overdue rows in red."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    """The options of ``shixian timeline`` after the shared input options."""
    p.add_argument(
        "--output",
        "-o",
        metavar="OUT",
        required=True,
        help="the picture: OUT.html (self-contained page), OUT.svg, or OUT.png (needs matplotlib)",
    )
    p.add_argument("--title-column", "-t", metavar="COL", help="the column naming each row")
    p.add_argument(
        "--group-column",
        "-g",
        metavar="COL",
        help="group the rows under headings by this column's first named unit (牵头单位)",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="the day to mark and count overdue against (default: today)",
    )
    p.add_argument("--name", metavar="NAME", help="the picture's title (default: the input's name)")
    p.add_argument("--width", metavar="PX", type=int, default=1240, help="width in pixels")


def run(args: argparse.Namespace) -> int:
    """Run ``shixian timeline``."""
    from ..io.timeline import Row, plan_of, scene
    from ..io.timeline_draw import FORMATS, to_html, to_png, to_svg
    from .common import (
        CliError,
        _annotate_table,
        _check_output,
        _emit,
        _note,
        _pick_column,
        _read_input,
        _reference,
        _say_input,
        _say_reference,
    )

    fmt = Path(args.output).suffix.lower().lstrip(".")
    fmt = "html" if fmt == "htm" else fmt
    if fmt not in FORMATS:
        raise CliError(f"the picture must be .html, .svg or .png, not {args.output!r}")
    if args.width < 600:
        raise CliError(f"--width must be 600 pixels or more, not {args.width}")
    _check_output(args)  # refuse the input or an existing file before the work
    from ..model.reference import parse_reference

    reference = _reference(args)
    as_of = parse_reference(args.as_of.strip()) if args.as_of else dt.date.today()
    table = _read_input(args)
    index = _pick_column(table, args.column)
    _say_reference(args)
    title = None if args.title_column is None else table.column_index(args.title_column)
    group = None if args.group_column is None else table.column_index(args.group_column)
    annotations, summary, cache = _annotate_table(table, index, args, reference)
    rows = []
    for number, (row, annotation) in enumerate(zip(table.rows, annotations, strict=True), 1):
        result = cache.get(row[index]) if annotation.ok else None
        rows.append(
            Row(
                number,
                "" if title is None else row[title],
                "" if group is None else row[group],
                row[index],
                None if isinstance(result, Exception) else result,
                annotation.error,
            )
        )
    name = args.name or ("" if args.file == "-" else Path(args.file).stem)
    plan = plan_of(rows, as_of, name=name)
    if fmt == "png":
        picture = scene(plan, width=args.width, grouped=group is not None)
        drawn = io.BytesIO()
        to_png(picture, drawn)
        _emit(drawn.getvalue(), args.output, args=args)  # never over the input; --force
    else:
        picture = scene(plan, width=args.width, apart=fmt == "svg", grouped=group is not None)
        text = to_html(plan, picture) if fmt == "html" else to_svg(picture)
        _emit(text.encode("utf-8"), args.output, args=args)
    if not args.quiet:
        _note(
            f"{summary}; {len(plan.items)} rows on the axis ({plan.overdue} overdue as of "
            f"{as_of}), {len(plan.apart)} listed apart; {plan.start} to {plan.end}"
        )
    _say_input(args, table)
    return 1 if args.strict and summary.errors else 0
