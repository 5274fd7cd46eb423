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
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..errors import ShixianError
from ..io.annotate import error_message
from .common import (
    PROG,
    CliError,
    _error,
    _input_lines,
    _note,
    _reference,
    _say_reference,
    _stdin_bytes,
)
from .holidays import holidays_calendar
from .options import build_parser
from .tablecmd import _table_in_memory as _table_in_memory  # the in-memory table path

__all__ = ["CliError", "build_parser", "main"]

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
            result = normalize(phrase, reference, exclusive=args.exclusive, era=args.era)
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


def _cmd_extract(args: argparse.Namespace) -> int:
    from ..api import extract

    reference = _reference(args)
    from ..io.documents import read_document

    source: str | bytes = _stdin_bytes() if args.file == "-" else args.file
    text = read_document(source, args.encoding)
    _say_reference(args)
    matches = extract(text, reference, exclusive=args.exclusive, era=args.era)
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
