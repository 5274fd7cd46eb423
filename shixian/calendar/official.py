"""The official working-day data: ``chinesecalendar``'s, then the shipped notices beyond it.

The ``chinesecalendar`` package bundles the days off and make-up working days
of the 国务院办公厅 notices up to its last year (2026 in version 1.11). The
notices shipped in ``shixian/calendar/data/notices/`` for later years (a
``YYYY.txt`` with ``YYYY`` past that year, and its supplements) are read with
:mod:`shixian.calendar.notices` and extend the data, so that adding next year's
notice file is enough for the default calendar to cover it.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import attrs

__all__ = ["OfficialData", "official_data"]


@attrs.frozen
class OfficialData:
    """Days off and make-up working days, and the whole years they decide (``first``–``last``)."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    first: dt.date
    last: dt.date
    notice_years: frozenset[int] = frozenset()

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the years the data decides."""
        return self.first <= day <= self.last


def _as_date(day: dt.date) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


@functools.lru_cache(maxsize=4)
def official_data(notice_dir: Path | None = None) -> OfficialData:
    """``chinesecalendar``'s data, extended by the notices in ``notice_dir`` (default: shipped).

    Only notice years directly after the bundled data (no gap) extend it.
    """
    # Imported here, not at module level: ``import shixian`` must stay fast.
    from chinese_calendar import constants

    holidays = {_as_date(d) for d in constants.holidays}
    workdays = {_as_date(d) for d in constants.workdays}
    years = [d.year for d in holidays | workdays]
    first, last = min(years), max(years)
    from .notices import NOTICE_DIR

    directory = NOTICE_DIR if notice_dir is None else notice_dir
    later = sorted({int(p.name[:4]) for p in directory.glob("*.txt") if p.name[:4].isdigit()})
    later = [y for y in later if y > last]
    extra: list[int] = []
    for year in later:
        if year != last + len(extra) + 1:
            break
        extra.append(year)
    if extra:
        from .notice_calendar import NoticeCalendar
        from .notices import load_notice

        files = [p for p in sorted(directory.glob("*.txt")) if p.name[:4].isdigit()]
        notices = [load_notice(p) for p in files if int(p.name[:4]) in extra]
        calendar = NoticeCalendar.build(notices)
        holidays = (holidays - calendar.workdays) | set(calendar.holidays)
        workdays = (workdays - calendar.holidays) | set(calendar.workdays)
        last = max(extra)
    return OfficialData(
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        first=dt.date(first, 1, 1),
        last=dt.date(last, 12, 31),
        notice_years=frozenset(extra),
    )
