"""Periods named by a word: festivals, holidays, occasions, plans, seasons, spans.

Each is a :class:`~shixian.grammar.anchors.Named` that an anchor resolves
through (``Anchor.named``); the words that make them are the vocabulary tables
of :mod:`shixian.grammar.rules.festivals`, the dates come from
:mod:`shixian.calendar.festivals`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..calendar import festivals as cal
from ..calendar import occasions
from ..calendar.periods import add_months, month_end
from ..errors import HolidayOutOfRange, InvalidDate
from .anchors import Anchor, Bounds, Named

__all__ = [
    "Day", "Festivals", "FirstMonths", "Lasting", "LunarDays", "NextHoliday", "Occasion", "Plan",
    "Season", "Span", "lasting_end",
]  # fmt: skip

_ONE_DAY = dt.timedelta(days=1)


def _next_year(
    anchor: Anchor, reference: dt.date, last_day: Callable[[int], dt.date]
) -> tuple[int, bool]:
    """The year named, or the year of the occasion under way or next from ``reference``."""
    if anchor.has_year:
        return anchor.resolve_year(reference)
    year = reference.year
    try:  # a lunar year's last months fall in the next year's first (腊月 in January)
        if last_day(year - 1) >= reference:
            return year - 1, True
    except InvalidDate:  # 腊月三十 of a year whose 腊月 is short
        pass
    if last_day(year) < reference:
        year += 1
    return year, True


class Festivals(Named):
    """One festival, or several read as one (元旦春节期间): their days, or with
    ``holiday`` their official holiday periods."""

    occasion = True
    __slots__ = ("holiday", "keys")

    def __init__(self, keys: tuple[str, ...], holiday: bool) -> None:
        self.keys = keys
        self.holiday = holiday

    def __repr__(self) -> str:
        return f"Festivals({self.keys!r}, holiday={self.holiday})"

    @property
    def is_day(self) -> bool:  # type: ignore[override]
        """One festival's day (除夕, 国庆节), not its holiday nor a run of festivals."""
        return len(self.keys) == 1 and not self.holiday

    def _ordered(self, year: int) -> tuple[str, str]:
        """The first and the last of the festivals in ``year`` (中秋 may follow 国庆)."""
        if len(self.keys) == 1:
            return self.keys[0], self.keys[0]
        days = sorted((cal.festival_day(k, year), k) for k in self.keys)
        return days[0][1], days[-1][1]

    def _end(self, year: int) -> dt.date:
        last = self._ordered(year)[1]
        try:
            return cal.holiday_period(last, year)[1]
        except HolidayOutOfRange:
            return cal.festival_day(last, year)

    def year(self, anchor: Anchor, reference: dt.date) -> tuple[int, bool]:
        """The Gregorian year of the festival(s): named, or the current or next one."""
        return _next_year(anchor, reference, self._end)

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        year, inferred = self.year(anchor, reference)
        first, last = self._ordered(year)
        start, end = cal.festival_day(first, year), cal.festival_day(last, year)
        if self.holiday:  # a festival without days off (元宵节, 重阳节): its day
            if cal.FESTIVALS[first].holiday is not None:
                start = cal.holiday_period(first, year, text=text)[0]
            if cal.FESTIVALS[last].holiday is not None:
                end = max(end, cal.holiday_period(last, year, text=text)[1])
        return start, end, inferred, False

    def before(
        self, anchor: Anchor, reference: dt.date, text: str, strict: bool
    ) -> tuple[dt.date, tuple[dt.date, ...], bool]:
        """``X前``: due the day before the festival; the day before its holiday is the
        other reading (the due day with ``exclusive=True``). With ``holiday`` (春节假期前),
        the day before the holiday, unambiguously."""
        year, inferred = self.year(anchor, reference)
        first = self._ordered(year)[0]
        if self.holiday and cal.FESTIVALS[first].holiday is not None:
            return cal.holiday_period(first, year, text=text)[0] - _ONE_DAY, (), inferred
        eve = cal.festival_day(first, year) - _ONE_DAY
        try:
            off = cal.holiday_period(first, year)[0] - _ONE_DAY
        except HolidayOutOfRange:
            return eve, (), inferred
        if off == eve:
            return eve, (), inferred
        return (off, (eve,), inferred) if strict else (eve, (off,), inferred)

    def after(self, anchor: Anchor, reference: dt.date, text: str) -> tuple[dt.date, bool]:
        """``X后``: from the day after the festival's holiday (after the festival
        day itself where no holiday is known: 重阳节, a year past the data)."""
        year, inferred = self.year(anchor, reference)
        last = self._ordered(year)[1]
        if self.holiday and cal.FESTIVALS[last].holiday is not None:
            return cal.holiday_period(last, year, text=text)[1] + _ONE_DAY, inferred
        return self._end(year) + _ONE_DAY, inferred


class NextHoliday(Named):
    """节前, 节后, 节假日期间: the holiday of the festival named earlier in the text,
    or else the official holiday period under way at the reference or next."""

    occasion = True
    __slots__ = ()

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        try:
            _, start, end = cal.next_holiday(reference)
        except HolidayOutOfRange as exc:
            raise HolidayOutOfRange(text, exc.festival, exc.year, exc.detail) from None
        return start, end, True, False

    def before(
        self, anchor: Anchor, reference: dt.date, text: str, strict: bool
    ) -> tuple[dt.date, tuple[dt.date, ...], bool]:
        """The day before the next holiday begins (after the one under way, if any)."""
        start, end, inferred, _ = self.period(anchor, reference, text)
        if start <= reference:
            start = self.period(anchor, end + _ONE_DAY, text)[0]
        return start - _ONE_DAY, (), inferred

    def after(self, anchor: Anchor, reference: dt.date, text: str) -> tuple[dt.date, bool]:
        """The day after the holiday ends."""
        _, end, inferred, _ = self.period(anchor, reference, text)
        return end + _ONE_DAY, inferred


class Occasion(Named):
    """寒假, 暑假, 汛期: dates each region or school sets; the documented default, fuzzy."""

    occasion = True
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __repr__(self) -> str:
        return f"Occasion({self.key!r})"

    def year(self, anchor: Anchor, reference: dt.date) -> tuple[int, bool]:
        """The year named, or that of the occasion under way or next."""
        return _next_year(anchor, reference, lambda y: occasions.occasion_bounds(self.key, y)[1])

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        year, inferred = self.year(anchor, reference)
        start, end, _ = occasions.occasion_bounds(self.key, year)
        return start, end, inferred, True

    def before(
        self, anchor: Anchor, reference: dt.date, text: str, strict: bool
    ) -> tuple[dt.date, tuple[dt.date, ...], bool]:
        """The day before the default start; before the early regional start is the
        other reading (the dates are not the text's: always ambiguous)."""
        year, inferred = self.year(anchor, reference)
        start, _, early = occasions.occasion_bounds(self.key, year)
        return start - _ONE_DAY, (early - _ONE_DAY,), inferred

    def after(self, anchor: Anchor, reference: dt.date, text: str) -> tuple[dt.date, bool]:
        """The day after the default end."""
        year, inferred = self.year(anchor, reference)
        return occasions.occasion_bounds(self.key, year)[1] + _ONE_DAY, inferred


class Plan(Named):
    """A five-year plan, or its first (初), middle (中期) or last (末) year, fuzzy;
    ``series`` names another numbered series than the economy's (七五普法)."""

    __slots__ = ("edge", "number", "series")

    def __init__(self, number: int, edge: str | None, series: str | None = None) -> None:
        self.number = number
        self.edge = edge
        self.series = series

    def __repr__(self) -> str:
        return f"Plan({self.number}, {self.edge!r}, {self.series!r})"

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        first, last = occasions.plan_years(self.number, self.series)
        if self.edge is not None:
            year = {"begin": first, "middle": (first + last) // 2, "end": last}[self.edge]
            first = last = year
        return dt.date(first, 1, 1), dt.date(last, 12, 31), False, self.edge is not None


class Season(Named):
    """A season of the year named (or of the reference year), by the documented months."""

    __slots__ = ("keys",)

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys

    def __repr__(self) -> str:
        return f"Season({self.keys!r})"

    @property
    def crosses_year(self) -> bool:
        """Whether the season ends in the year after it starts (冬季, 秋冬季, 今冬明春)."""
        return occasions.SEASONS[self.keys[-1]][1] < occasions.SEASONS[self.keys[0]][0]

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        year, inferred = anchor.resolve_year(reference)
        first = occasions.SEASONS[self.keys[0]][0]
        last = occasions.SEASONS[self.keys[-1]][1]
        if inferred and last < first and reference <= month_end(year, last):
            year -= 1  # 冬季, 今冬明春 read in January: the one under way since December
        start = dt.date(year, first, 1)
        # a season ending before it starts (冬季 12–2月, 今冬明春) ends in the next year
        end = month_end(year + 1 if last < first else year, last)
        return start, end, inferred, True


class ThemeMonth(Named):
    """A month the nation gives a theme each year (安全生产月: June), exact: its dates
    are fixed, not a convention."""

    __slots__ = ("month",)

    def __init__(self, month: int) -> None:
        self.month = month

    def __repr__(self) -> str:
        return f"ThemeMonth({self.month})"

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        year, inferred = anchor.resolve_year(reference)
        return dt.date(year, self.month, 1), month_end(year, self.month), inferred, False


#: from this month on, 一年来 reviews the reference's own year (a year-end summary)
_REVIEW_MONTH = 10


class Span(Named):
    """今后三年 (the ``years`` whole years from the reference's), 用3年时间 (``years`` ahead
    from the reference day) and 近三年 (the ``years`` whole years before the reference
    year): counted from the reference,
    which the part says by ``year_inferred``. With ``start`` (自2018年7月20日起,用1年时间)
    the years run from that anchor's first day instead, a fuzzy window."""

    __slots__ = ("ahead", "calendar", "since", "start", "years")

    def __init__(
        self,
        years: int,
        ahead: bool,
        start: Anchor | None = None,
        *,
        since: bool = False,
        calendar: bool = False,
    ) -> None:
        self.years = years
        self.ahead = ahead
        self.start = start
        #: 今后五年, 未来三年: whole years of the calendar, from the reference's (from the next
        #: from October on: a report at a year's end plans the years after it)
        self.calendar = calendar
        #: 五年来, 一年来, 过去一年: the years up to the text's own; from October on, a review
        #: of the year (一年来 in a December summary) counts the reference's year as the last
        self.since = since

    def __repr__(self) -> str:
        return f"Span({self.years}, ahead={self.ahead}, start={self.start!r}, since={self.since})"

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        if self.start is not None:
            first, _, inferred, _ = self.start.bounds(reference, text)
            return first, add_months(first, 12 * self.years) - _ONE_DAY, inferred, True
        if self.ahead and self.calendar:
            year_one = reference.year + (reference.month >= _REVIEW_MONTH)
            return dt.date(year_one, 1, 1), dt.date(year_one + self.years - 1, 12, 31), True, False
        if self.ahead:
            return reference, add_months(reference, 12 * self.years) - _ONE_DAY, True, False
        year = reference.year + (self.since and reference.month >= _REVIEW_MONTH)
        return dt.date(year - self.years, 1, 1), dt.date(year - 1, 12, 31), True, False


class Lasting(Named):
    """自3月20日起,为期3个月: a length told after a start, the window from the start's first
    day for that long (``unit`` is day, week, month or year; exact, not fuzzy)."""

    __slots__ = ("amount", "start", "unit")

    def __init__(self, amount: int, unit: str, start: Anchor) -> None:
        self.amount = amount
        self.unit = unit
        self.start = start

    def __repr__(self) -> str:
        return f"Lasting({self.amount}, {self.unit!r}, start={self.start!r})"

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        first, _, inferred, _ = self.start.bounds(reference, text)
        return first, lasting_end(first, self.amount, self.unit), inferred, False


def lasting_end(first: dt.date, amount: int, unit: str) -> dt.date:
    """The last day of ``amount`` ``unit`` (day, week, month or year) from ``first`` on,
    ``first`` counted (3个月 from 3月20日: 6月19日)."""
    if unit in ("month", "year"):
        return add_months(first, amount * (12 if unit == "year" else 1)) - _ONE_DAY
    return first + dt.timedelta(days=amount * (7 if unit == "week" else 1) - 1)


class Day(Named):
    """A day named from the reference day: 今天 / 今日 (``shift`` 0), 昨天 / 昨日 (-1), or a
    day of the reference month written in brackets after 今 (今(5)日, a Taiwan news lead);
    the part says by ``year_inferred`` that it was counted from the reference."""

    __slots__ = ("day", "last", "shift")
    is_day = True

    def __init__(self, shift: int, day: int | None = None, last: int | None = None) -> None:
        self.shift = shift
        self.day = day
        #: 今明两天 (shift 0, last 1), 明后两天 (1, 2): the last day's shift
        self.last = last

    def __repr__(self) -> str:
        return f"Day({self.shift}, day={self.day}, last={self.last})"

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        if self.day is not None and self.shift:
            # 明(16)日: the day of that number nearest the day the word names (the page's
            # date may be a day or two after the text's)
            named = reference + dt.timedelta(days=self.shift)
            near = (named + dt.timedelta(days=d) for d in (0, -1, 1, -2, 2, -3, 3))
            day = next((d for d in near if d.day == self.day), None)
            if day is None:
                raise InvalidDate(text, "day", self.day)
        elif self.day is not None:
            try:
                day = reference.replace(day=self.day)
            except ValueError:
                raise InvalidDate(text, "day", self.day) from None
        else:
            day = reference + dt.timedelta(days=self.shift)
        if self.last is not None:
            return day, reference + dt.timedelta(days=self.last), True, False
        return day, day, True, False


class FirstMonths(Named):
    """前10个月, 前三季度: the first ``months`` months of the year named before it
    (2023年前三季度), else of the reference year (a report's period so far), which
    ``year_inferred`` says."""

    __slots__ = ("months",)

    def __init__(self, months: int) -> None:
        self.months = months

    def __repr__(self) -> str:
        return f"FirstMonths({self.months})"

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        year, inferred = anchor.resolve_year(reference)  # 2023年前三季度: of that year
        return dt.date(year, 1, 1), month_end(year, self.months), inferred, False


class LunarDays(Named):
    """A lunar date, or a run of them (正月初一至初七): lunar ``month``/``day`` to
    ``end_month``/``end_day`` of the lunar year that starts in the year named, else in
    the reference's year or the next (as a festival), which ``year_inferred`` says."""

    __slots__ = ("day", "end_day", "end_month", "month")

    def __init__(self, month: int, day: int, end_month: int, end_day: int) -> None:
        self.month = month
        self.day = day
        self.end_month = end_month
        self.end_day = end_day

    def __repr__(self) -> str:
        return f"LunarDays({self.month}, {self.day}, {self.end_month}, {self.end_day})"

    @property
    def is_day(self) -> bool:  # type: ignore[override]
        """One lunar day (not a run of them)."""
        return (self.month, self.day) == (self.end_month, self.end_day)

    def _days(self, year: int, text: str) -> tuple[dt.date, dt.date]:
        try:
            start = cal.lunar_to_solar(year, self.month, self.day)
            end_year = year + (1 if (self.end_month, self.end_day) < (self.month, self.day) else 0)
            end = cal.lunar_to_solar(end_year, self.end_month, self.end_day)
        except Exception as exc:  # lunar-python refuses 三十 of a short month, or a year
            raise InvalidDate(text, "lunar date", f"{self.month}/{self.day}: {exc}") from None
        return start, end

    def year(self, anchor: Anchor, reference: dt.date) -> tuple[int, bool]:
        """The lunar year named, or that of the days under way or next."""
        return _next_year(anchor, reference, lambda y: self._days(y, "")[1])

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        year, inferred = _next_year(anchor, reference, lambda y: self._days(y, text)[1])
        start, end = self._days(year, text)
        return start, end, inferred, False
