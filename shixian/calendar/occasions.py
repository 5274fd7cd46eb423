"""Five-year plan periods, seasons and the fuzzy occasions (寒假, 暑假, 汛期, 主汛期): the
conventional months and days of periods that no calendar fixes, as tables documented in
``docs/semantics.md`` (festival days and official holidays are
:mod:`shixian.calendar.festivals`)."""

from __future__ import annotations

import datetime as dt

import attrs

from .festivals import lunar_to_solar

__all__ = [
    "FUZZY_OCCASIONS",
    "PLANS",
    "PLAN_SERIES",
    "SEASONS",
    "FuzzyOccasion",
    "occasion_bounds",
    "plan_years",
]


# -- five-year plans ----------------------------------------------------------------------

#: The five-year plans (计划 to 十五, 规划 from 十一五), number → first and last year.
#: 一五 1953–1957, 二五 1958–1962; after the adjustment years 1963–1965, 三五 1966–1970
#: and every five years from there.
PLANS: dict[int, tuple[int, int]] = {1: (1953, 1957), 2: (1958, 1962)}
PLANS.update({n: (1966 + 5 * (n - 3), 1970 + 5 * (n - 3)) for n in range(3, 16)})


#: Other numbered five-year series, by the word that follows the number → the first
#: year of their first period (一五普法 1986–1990 … 七五普法 2016–2020, 八五普法 2021–2025).
PLAN_SERIES: dict[str, int] = {"普法": 1986}


def plan_years(number: int, series: str | None = None) -> tuple[int, int]:
    """First and last year of five-year plan ``number`` (of ``series``, a key of
    :data:`PLAN_SERIES`, when given).

    >>> plan_years(13), plan_years(14), plan_years(15), plan_years(7, "普法")
    ((2016, 2020), (2021, 2025), (2026, 2030), (2016, 2020))
    """
    if series is not None:
        first = PLAN_SERIES[series] + 5 * (number - 1)
        return first, first + 4
    return PLANS[number]


# -- seasons and fuzzy occasions ------------------------------------------------------------

#: Season → (first month, last month); a season whose last month is before its first
#: (冬季) ends in the next year. Meteorological seasons, the convention of the
#: 中国气象局 climate bulletins (春季 3–5月, 夏季 6–8月, 秋季 9–11月, 冬季 12–2月).
SEASONS: dict[str, tuple[int, int]] = {
    "春季": (3, 5),
    "夏季": (6, 8),
    "秋季": (9, 11),
    "冬季": (12, 2),
    "今冬明春": (12, 5),
    "岁末年初": (12, 1),  # the turn of the year: December and January
}


@attrs.frozen
class FuzzyOccasion:
    """An occasion whose dates each region (or school) sets: a documented default.

    ``start``/``end`` are ``(month, day)`` in the Gregorian year, or, with
    ``lunar``, lunar ``(month, day)`` counted from the lunar year's first month
    (month 0 is the twelfth month of the year before: 腊月). ``early`` is the
    start of the earliest common regional variant: the other reading of
    ``X前``.
    """

    name: str
    start: tuple[int, int]
    end: tuple[int, int]
    early: tuple[int, int]
    lunar: bool = False
    note: str = ""


#: The fuzzy occasions and their documented defaults (see docs/semantics.md).
FUZZY_OCCASIONS: dict[str, FuzzyOccasion] = {
    "寒假": FuzzyOccasion(
        "寒假", (0, 15), (1, 15), (0, 1), lunar=True,
        note="腊月十五 to 正月十五 (元宵节); schools set their own dates",
    ),
    "暑假": FuzzyOccasion(
        "暑假", (7, 1), (8, 31), (6, 20), note="7月1日 to 8月31日; schools set their own dates"
    ),
    "汛期": FuzzyOccasion(
        "汛期", (6, 1), (9, 30), (4, 1),
        note="6月1日 to 9月30日; provinces set their own 汛期 (southern ones from April)",
    ),
    "主汛期": FuzzyOccasion(
        "主汛期", (7, 1), (8, 31), (6, 1), note="7月1日 to 8月31日 (七下八上 in the north)"
    ),
}  # fmt: skip


def _occasion_day(occ: FuzzyOccasion, year: int, month: int, day: int) -> dt.date:
    if not occ.lunar:
        return dt.date(year, month, day)
    if month == 0:  # 腊月 of the lunar year before
        return lunar_to_solar(year - 1, 12, day)
    return lunar_to_solar(year, month, day)


def occasion_bounds(name: str, year: int) -> tuple[dt.date, dt.date, dt.date]:
    """Default first day, last day and the early variant's first day of a fuzzy occasion.

    >>> [str(d) for d in occasion_bounds("寒假", 2017)]
    ['2017-01-12', '2017-02-11', '2016-12-29']
    """
    occ = FUZZY_OCCASIONS[name]
    return (
        _occasion_day(occ, year, *occ.start),
        _occasion_day(occ, year, *occ.end),
        _occasion_day(occ, year, *occ.early),
    )
