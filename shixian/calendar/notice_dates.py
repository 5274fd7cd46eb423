"""Reading the dates of one sentence of a holiday notice.

:func:`read_dates` is the one function through which the notice reader
(:mod:`shixian.calendar.notices`) reads dates. It finds the date tokens of a
sentence (``1月1日``, ``2018年12月30日``, ``3日``), joins them into groups — a
range (``1月27日至2月2日``, ``5月28日至30日``), a list (``2月20日、21日``) or a
single date — with the year and month carried from the token before, and checks
every weekday note (``(周四)``, ``(星期日)``, ``(农历除夕、周二)``) against the
date it follows.

A range, a list or a single date (with the notes taken out) is read by the
library's own grammar (:func:`shixian.normalize`) where the grammar gives exactly
the local reading; otherwise the local reading stands (``via`` says which). The
grammar of this release reads ranges and single dates; it does not yet carry the
month into a list item (it reads ``2月20日、21日`` as February 20 and **January**
21), so lists are read locally until it does. Month-less days (``其中,29日、30日``)
and the weekday notes are always read and checked locally.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from .periods import WEEKDAY_NAMES

__all__ = ["DateGroup", "DateReadError", "read_dates"]

# 1月1日, 2018年12月30日, 3日, and 5月9、10日 (days sharing one 日)
_TOKEN = re.compile(r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2}(?:、\d{1,2})*)日")
_DIGITS = re.compile(r"\d{1,2}")
_NOTE = re.compile(r"\s*[(（](?P<note>[^()（）]*)[)）]")
_WEEKDAY = re.compile(r"(?:星期|周)(?P<w>[一二三四五六日天])")
_RANGE = re.compile(r"\s*(?:至|到|—|–|-|~|～)\s*")
_LIST = re.compile(r"\s*[、和及]\s*")
_NAMES = "一二三四五六日"


class DateReadError(ValueError):
    """A date of a sentence is impossible or contradicts its weekday note."""


@attrs.frozen
class DateGroup:
    """One range, list or single date of a sentence.

    ``days`` are the dates in order (every day of a range); ``span`` is where
    the group stands in the sentence (notes included); ``via`` says how it was
    read: ``"grammar"`` (:func:`shixian.normalize`) or ``"local"``.
    """

    days: tuple[dt.date, ...]
    span: tuple[int, int]
    via: str


@attrs.frozen
class _Token:
    day: dt.date
    start: int
    end: int  # after the note, if any
    text_end: int  # after the date itself
    explicit_year: bool
    explicit_month: bool


def _tokens(text: str, year: int, december_before: bool) -> list[_Token]:
    out: list[_Token] = []
    current_year, current_month = year, None
    first: tuple[int, int] | None = None
    for match in _TOKEN.finditer(text):
        if first is not None and not match.group("m") and "。" in text[out[-1].end : match.start()]:
            # 春节:1月29日—2月4日放假。其中,29日、30日…: a new sentence without a month
            # speaks of the line's first month again
            current_year, current_month = first
        if match.group("y"):
            current_year = int(match.group("y"))
        if match.group("m"):
            current_month = int(match.group("m"))
        if current_month is None:
            raise DateReadError(f"{match.group(0)!r} has no month")
        in_year = current_year
        if december_before and current_month == 12 and not match.group("y") and in_year == year:
            in_year = year - 1  # 元旦 of 2006: 将12月31日(星期六)…调至1月2日 — December 2005
        if first is None:
            first = (current_year, current_month)
        numbers = list(_DIGITS.finditer(match.group("d")))
        for index, number in enumerate(numbers):
            try:
                day = dt.date(in_year, current_month, int(number.group(0)))
            except ValueError:
                raise DateReadError(f"{match.group(0)!r} is not a date in {in_year}") from None
            last = index == len(numbers) - 1
            begin = match.start() if index == 0 else match.start("d") + number.start()
            text_end = match.end() if last else match.start("d") + number.end()
            end = text_end
            note = _NOTE.match(text, end) if last else None
            if note is not None:
                _check_weekday(match.group(0), day, note.group("note"))
                end = note.end()
            explicit = (bool(match.group("y")), bool(match.group("m")) and index == 0)
            out.append(_Token(day, begin, end, text_end, *explicit))
    return out


def _check_weekday(token: str, day: dt.date, note: str) -> None:
    for found in _WEEKDAY.finditer(note):
        said = WEEKDAY_NAMES[found.group("w")]
        if said != day.weekday():
            raise DateReadError(
                f"{token}({note}) says {found.group(0)}, but {day.isoformat()} is a "
                f"星期{_NAMES[day.weekday()]}"
            )


def _days(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    count = (last - first).days
    return tuple(first + dt.timedelta(days=i) for i in range(count + 1))


def _bare(text: str, tokens: list[_Token], connector: str) -> str:
    """The text of a range, list or date with its notes taken out (what the grammar reads)."""
    return connector.join(text[t.start : t.text_end] for t in tokens)


def _grammar(text: str, year: int, spans: list[tuple[dt.date, dt.date]]) -> bool:
    """Whether the grammar reads ``text`` as exactly the windows ``spans``, in order."""
    # Imported here: the grammar sits above the calendar; only this reading reaches up.
    from ..api import normalize
    from ..errors import ShixianError

    try:
        result = normalize(text, reference=year)
    except ShixianError:
        return False
    got = [(getattr(p, "start", None), getattr(p, "end", None)) for p in result.parts]
    return got == spans


def _via(grammar: bool) -> str:
    return "grammar" if grammar else "local"


def read_dates(
    text: str, year: int, *, grammar: bool = True, december_before: bool = False
) -> tuple[DateGroup, ...]:
    """The date groups of ``text`` (a line of a notice), in order.

    A date without a year is in ``year`` (or in the year of the date before it);
    without a month, in the month of the date before it. With
    ``december_before`` (a 元旦 line), a December date without a year is in the
    year before.

    Raises:
        DateReadError: a date does not exist, has no month, contradicts its
            weekday note, or a range ends before it starts.

    >>> [(g.days[0], len(g.days), g.via) for g in read_dates("1月1日(周四)至3日放假", 2026)]
    [(datetime.date(2026, 1, 1), 3, 'grammar')]
    >>> groups = read_dates("2月20日(星期六)、21日(星期日)上班", 2010)
    >>> [(d.isoformat(), g.via) for g in groups for d in g.days]
    [('2010-02-20', 'grammar'), ('2010-02-21', 'grammar')]
    >>> read_dates("1月4日(周六)上班", 2026)
    Traceback (most recent call last):
    ...
    shixian.calendar.notice_dates.DateReadError: 1月4日(周六) says 周六, but 2026-01-04 is a 星期日
    """
    tokens = _tokens(text, year, december_before)
    groups: list[DateGroup] = []
    i = 0
    while i < len(tokens):
        start = tokens[i]
        between = text[start.end : tokens[i + 1].start] if i + 1 < len(tokens) else ""
        if i + 1 < len(tokens) and _RANGE.fullmatch(between):
            end = tokens[i + 1]
            if end.day < start.day:
                raise DateReadError(f"{text[start.start : end.end]!r} ends before it starts")
            ok = grammar and start.explicit_month
            ok = ok and _grammar(_bare(text, [start, end], "至"), year, [(start.day, end.day)])
            span = (start.start, end.end)
            groups.append(DateGroup(_days(start.day, end.day), span, _via(ok)))
            i += 2
            continue
        members = [start]
        while i + 1 < len(tokens) and _LIST.fullmatch(text[members[-1].end : tokens[i + 1].start]):
            i += 1
            members.append(tokens[i])
        days = tuple(m.day for m in members)
        ok = grammar and start.explicit_month
        ok = ok and _grammar(_bare(text, members, "、"), year, [(d, d) for d in days])
        groups.append(DateGroup(days, (start.start, members[-1].end), _via(ok)))
        i += 1
    return tuple(groups)
