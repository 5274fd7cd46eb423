"""Reading a reference date (the day a document was issued) from the forms people write.

:func:`parse_reference` is the one reader used by :func:`shixian.normalize`,
:meth:`shixian.Relative.resolve` and the command line's ``--reference``, so
every place accepts the same forms.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from typing import Union

from ..errors import InvalidReference, UnknownTimeZone

__all__ = ["TimeZone", "is_missing", "parse_reference"]

#: A time zone: an IANA name (``"Asia/Shanghai"``), a :class:`datetime.tzinfo`, or
#: ``None`` for the machine's local time zone.
TimeZone = Union[str, dt.tzinfo, None]  # noqa: UP007 (a runtime alias on Python 3.10)

# 2016-05-01, 2016/05/01, 2016.5.1, 2016年5月1日 (full-width digits are folded first)
_DATE = re.compile(
    r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"
    r"|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)"
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")


def is_missing(value: object) -> bool:
    """True for the values a table uses for an empty cell: ``None``, ``NaN``,
    ``pd.NA``, ``NaT`` (pandas and numpy), without importing pandas or numpy.

    >>> is_missing(None), is_missing(float("nan")), is_missing(""), is_missing(0)
    (True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return True
    if name == "datetime64":
        return bool(value != value)
    return False


def _zone(tz: TimeZone) -> dt.tzinfo | None:
    if tz is None or isinstance(tz, dt.tzinfo):
        return tz
    if not isinstance(tz, str):
        raise UnknownTimeZone(tz)
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimeZone(tz) from None


def _now(zone: dt.tzinfo | None) -> dt.datetime:
    """The clock (the one place shixian reads it); tests replace it."""
    return dt.datetime.now(zone)


def parse_reference(value: object = None, *, tz: TimeZone = None) -> dt.date:
    """Read a reference date.

    Accepts a ``datetime.date`` or ``datetime.datetime``, a year (``2016`` or
    ``"2016"`` → 1 January), a string ``2016-05-01``, ``2016/05/01``,
    ``2016.5.1`` or ``2016年5月1日``, or ``None`` for today. From pandas and
    numpy: a ``Timestamp`` (a datetime), a ``datetime64`` and numpy integers
    (years). ``None`` reads the clock; it is the only place shixian does. A
    missing value (``NaT``, ``NaN``, ``pd.NA``) and anything else raise
    :class:`~shixian.errors.InvalidReference`.

    Today is the date **in the machine's local time zone**, unless ``tz`` names
    another: an IANA name such as ``"Asia/Shanghai"`` (Beijing time, the time of
    Chinese government documents) or a :class:`datetime.tzinfo`; an unknown one
    raises :class:`~shixian.errors.UnknownTimeZone`. A datetime with a time zone
    is converted to ``tz`` before its date is taken.

    >>> utc = dt.timezone.utc
    >>> parse_reference(dt.datetime(2016, 6, 30, 20, 0, tzinfo=utc), tz="Asia/Shanghai")
    datetime.date(2016, 7, 1)

    >>> parse_reference("2016-06-30"), parse_reference(2016)
    (datetime.date(2016, 6, 30), datetime.date(2016, 1, 1))
    >>> parse_reference("2016/05/01"), parse_reference("2016年5月1日")
    (datetime.date(2016, 5, 1), datetime.date(2016, 5, 1))
    """
    if type(value) is dt.date:
        return value
    if type(value) is str:  # the common case in tables: one string per row, often the same
        if tz is not None:
            _zone(tz)
        return _text_reference(value)
    zone = _zone(tz)
    if value is None:
        return _now(zone).date()
    if is_missing(value):
        raise InvalidReference(value, "a missing value: every row needs a reference date")
    if isinstance(value, dt.datetime):
        if zone is not None and value.tzinfo is not None:
            value = value.astimezone(zone)
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise InvalidReference(value)
    if not isinstance(value, int) and hasattr(type(value), "__index__"):
        value = operator.index(value)  # type: ignore[arg-type]  # numpy integers
    if isinstance(value, int) and 1 <= value <= 9999:
        return dt.date(value, 1, 1)
    if type(value).__name__ == "datetime64":
        day = value.astype("datetime64[D]").item()  # type: ignore[attr-defined]
        if isinstance(day, dt.date):
            return day
    if isinstance(value, str):
        return _text_reference(str(value))
    raise InvalidReference(value)


@functools.lru_cache(maxsize=1024)
def _text_reference(value: str) -> dt.date:
    """A reference written as text (a pure function of it, so remembered)."""
    text = value.strip().translate(_FULL_WIDTH)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    if text.isascii() and text.isdigit() and len(text) == 4 and int(text) >= 1:
        return dt.date(int(text), 1, 1)
    found = _DATE.fullmatch(text)
    if found is not None:
        year, month, day = (int(g) for g in found.groups() if g is not None)
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise InvalidReference(value)
