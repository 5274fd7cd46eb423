"""The exception hierarchy of shixian: every error the library raises on purpose."""

from __future__ import annotations

__all__ = [
    "CalendarOutOfRange",
    "DateOutOfRange",
    "EmptyPhrase",
    "GarbledDate",
    "HolidayOutOfRange",
    "InputTooLong",
    "InvalidDate",
    "InvalidReference",
    "NotComputable",
    "NoticeError",
    "PartialParse",
    "ProvisionalCalendarWarning",
    "ShixianError",
    "UnknownEra",
    "UnknownTimeZone",
    "UnrecognizedPhrase",
]


class ShixianError(ValueError):
    """Base class of all errors shixian raises for bad input or impossible requests.

    It subclasses :class:`ValueError`, so ``except ValueError`` also catches it.
    Errors pickle with their fields, so they cross process pools intact.
    """

    _fields: tuple[object, ...] = ()

    def __reduce__(self) -> tuple[type[ShixianError], tuple[object, ...]]:
        return (type(self), self._fields or self.args)


class UnrecognizedPhrase(ShixianError):
    """The text holds no time expression that shixian understands.

    >>> import shixian
    >>> shixian.normalize("加强省长网上信箱...")
    Traceback (most recent call last):
    ...
    shixian.errors.UnrecognizedPhrase: no time expression understood in '加强省长网上信箱...'
    """

    def __init__(self, text: str, detail: str = "") -> None:
        self.text = text
        self.detail = detail
        self._fields = (text, detail)
        message = f"no time expression understood in {text!r}"
        if detail:
            message += f": {detail}"
        super().__init__(message)


class EmptyPhrase(UnrecognizedPhrase):
    """There is no phrase: an empty or blank string, or a missing value (``None``,
    ``NaN``, ``pd.NA``, ``NaT``) as an empty spreadsheet cell gives.

    A subclass of :class:`UnrecognizedPhrase`. The batch functions
    (:mod:`shixian.pandas`, ``shixian table``) never raise it: a row without a
    phrase gets the record of no phrase (``error`` = ``"empty"``).

    >>> import shixian
    >>> shixian.normalize(float("nan"))
    Traceback (most recent call last):
    ...
    shixian.errors.EmptyPhrase: no phrase: the cell is empty (nan)
    """

    def __init__(self, text: object) -> None:
        self.text = text if isinstance(text, str) else ""
        self.detail = "empty"
        self.value = text
        self._fields = (text,)
        ValueError.__init__(self, f"no phrase: the cell is empty ({text!r})")


class InvalidDate(ShixianError):
    """The text names a date that does not exist (2016年2月30日, 13月, 第五季度).

    ``field`` names the offending field (``"day"``, ``"month"``, ``"quarter"`` …).
    """

    def __init__(self, text: str, field: str, value: object) -> None:
        self.text = text
        self.field = field
        self.value = value
        self._fields = (text, field, value)
        # the message is written when it is read (str): running text skips impossible
        # expressions by the thousand, and ``text`` may be the whole document
        super().__init__(text, field, value)

    def __str__(self) -> str:
        return f"invalid {self.field} {self.value!r} in {self.text!r}"


class GarbledDate(InvalidDate):
    """The text looks like a date but is garbled (2022311日, 于20206月底, a doubled
    PDF line 7 7 月月, a three-digit year with no calendar named: 112年3月1日), so no
    date can be relied on. ``value`` is the garbled words.
    """

    def __str__(self) -> str:
        return f"garbled date {self.value!r} in {self.text!r} ({self.field})"


class PartialParse(ShixianError):
    """Raised by ``normalize(..., complete=True)`` when words that look like time are
    left unexplained; ``result`` is the partial reading, ``unparsed`` what is left.
    """

    def __init__(self, text: str, result: object) -> None:
        self.text = text
        self.result = result
        self._fields = (text, result)
        left = ", ".join(repr(u.text) for u in getattr(result, "unparsed", ()))
        super().__init__(f"only part of {text!r} understood; not understood: {left}")


class HolidayOutOfRange(InvalidDate):
    """An official holiday period (春节期间, 国庆假期) was asked of a year the holiday
    data does not cover, or of a festival without days off that year.

    ``festival`` and ``year`` name the holiday asked for; ``detail`` says why
    there is none (and, past the data, the way forward: that year's notice).
    """

    def __init__(self, text: str, festival: str, year: int, detail: str) -> None:
        self.text = text
        self.field = "holiday period"
        self.value = f"{festival} {year}"
        self.festival = festival
        self.year = year
        self.detail = detail
        self._fields = (text, festival, year, detail)
        ShixianError.__init__(self, text, festival, year, detail)

    def __str__(self) -> str:
        return (
            f"no official holiday period for {self.festival} {self.year} in {self.text!r}: "
            f"{self.detail}"
        )


class InputTooLong(ShixianError):
    """The input is longer than the documented bound for a single phrase."""

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        self._fields = (length, limit)
        super().__init__(
            f"input of {length} characters is longer than the limit of {limit} for one phrase; "
            "use shixian.extract() for running text"
        )


class InvalidReference(ShixianError):
    """The reference date given by the caller cannot be read."""

    def __init__(self, value: object, reason: str = "") -> None:
        self.value = value
        self.reason = reason
        self._fields = (value, reason)
        what = f" ({reason})" if reason else ""
        super().__init__(
            f"cannot read reference {value!r}{what}: give a date, a datetime, a year, "
            "or a day as 2016-05-01, 2016/05/01 or 2016年5月1日"
        )


class UnknownTimeZone(InvalidReference):
    """The time zone given for the reference (``tz=``, ``--tz``) is not one."""

    def __init__(self, value: object) -> None:
        ShixianError.__init__(
            self, f"unknown time zone {value!r}: give an IANA name such as 'Asia/Shanghai'"
        )
        self.value = value
        self._fields = (value,)


class UnknownEra(ShixianError):
    """The era given for bare years (``era=``, ``--era``) is not one shixian knows."""

    def __init__(self, value: object, known: tuple[str, ...]) -> None:
        self.value = value
        self.known = known
        self._fields = (value, known)
        super().__init__(
            f"unknown era {value!r}: give one of {', '.join(map(repr, known))}, or None "
            "(bare years of two or three digits are then a GarbledDate)"
        )


class CalendarOutOfRange(ShixianError):
    """A working-day count needs a year that the official calendar data does not cover."""

    def __init__(self, day: object, first: object, last: object) -> None:
        self.day = day
        self.first = first
        self.last = last
        self._fields = (day, first, last)
        year = getattr(day, "year", day)
        super().__init__(
            f"no official working-day calendar for {day}: the data covers {first} to {last}; "
            f"add the State Council notice for {year} "
            f"(国务院办公厅关于{year}年部分节假日安排的通知) "
            "with WorkdayCalendar.from_notices(...) or --holidays FILE (see docs/workdays.md), "
            f"or choose a provisional Monday–Friday calendar explicitly "
            f"(WorkdayCalendar(provisional_years={{{year}}}))"
        )


class NotComputable(ShixianError):
    """A date was asked of a part whose text fixes none (不定期, 定期, an unknown offset)."""

    def __init__(self, what: str, reason: str) -> None:
        self.what = what
        self.reason = reason
        self._fields = (what, reason)
        super().__init__(f"cannot compute {what}: {reason}")


class DateOutOfRange(NotComputable):
    """A computed date would fall before 0001-01-01 or after 9999-12-31, the dates
    :mod:`datetime` (and so shixian) can hold.

    >>> import datetime as dt, shixian
    >>> part = shixian.normalize("收到后3日内", 2016).parts[0]
    >>> part.resolve(dt.date(9999, 12, 30))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    shixian.errors.DateOutOfRange: cannot compute a date: 9999-12-30 + 3 days is outside ...
    """

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(what, f"{reason} is outside the calendar (0001-01-01 to 9999-12-31)")
        self._fields = (what, reason)


class NoticeError(ShixianError):
    """A holiday notice (关于YYYY年部分节假日安排的通知) cannot be read, or contradicts itself.

    ``source`` names the notice (its file or title), ``line`` the 1-based line
    number (0 when the problem is not on one line) and ``text`` that line.
    """

    def __init__(self, source: str, line: int, text: str, detail: str) -> None:
        self.source = source
        self.line = line
        self.text = text
        self.detail = detail
        self._fields = (source, line, text, detail)
        where = f"line {line} {text!r}" if line else ""
        name = ", ".join(part for part in (source, where) if part)
        prefix = f"holiday notice {name}" if name else "holiday notice"
        super().__init__(f"{prefix}: {detail}")


class ProvisionalCalendarWarning(UserWarning):
    """A working-day count used a provisional Monday–Friday calendar (no notice for that year).

    Warned by :class:`~shixian.calendar.workdays.WorkdayCalendar` when a count
    reaches a day that only the caller's ``weekends_only=True`` or
    ``provisional_years`` decide. The result may change once the year's notice
    is out; turn the warning into an error with ``warnings.simplefilter("error",
    ProvisionalCalendarWarning)``.
    """

    def __init__(self, first: object, last: object) -> None:
        self.first = first
        self.last = last
        super().__init__(
            f"provisional working days from {first} to {last}: counted Monday–Friday "
            "without a holiday notice for that year; the result may change when the notice is out"
        )

    def __reduce__(self) -> tuple[type[ProvisionalCalendarWarning], tuple[object, ...]]:
        return (type(self), (self.first, self.last))
