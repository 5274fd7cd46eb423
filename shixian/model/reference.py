"""Reading a reference date (the day a document was issued) from the forms people write.

:func:`parse_reference` is the one reader used by :func:`shixian.normalize`,
:meth:`shixian.Relative.resolve` and the command line's ``--reference``, so
every place accepts the same forms.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InvalidReference

__all__ = ["parse_reference"]

# 2016-05-01, 2016/05/01, 2016.5.1, 2016年5月1日 (full-width digits are folded first)
_DATE = re.compile(
    r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"
    r"|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)"
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")


def parse_reference(value: object = None) -> dt.date:
    """Read a reference date.

    Accepts a ``datetime.date`` or ``datetime.datetime``, a year (``2016`` or
    ``"2016"`` → 1 January), a string ``2016-05-01``, ``2016/05/01``,
    ``2016.5.1`` or ``2016年5月1日``, or ``None`` for today. ``None`` reads the
    clock; it is the only place shixian does. Anything else raises
    :class:`~shixian.errors.InvalidReference`.

    >>> parse_reference("2016-06-30"), parse_reference(2016)
    (datetime.date(2016, 6, 30), datetime.date(2016, 1, 1))
    >>> parse_reference("2016/05/01"), parse_reference("2016年5月1日")
    (datetime.date(2016, 5, 1), datetime.date(2016, 5, 1))
    """
    if type(value) is dt.date:
        return value
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        return dt.date(value, 1, 1)
    if isinstance(value, str):
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
