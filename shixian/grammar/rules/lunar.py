"""Lunar dates written as such: 农历八月十五, 正月初一, 腊月二十三, 大年初一至初七.

A date is lunar only where the text says so: 农历 / 阴历 before it, a lunar month
name (正月, 冬月, 腊月) or a lunar day name (初一 … 初十, 廿一 …); a bare 八月十五
stays the Gregorian date. Without a year it is the lunar date of the lunar year that
starts in the reference's Gregorian year, or the next one once it has passed (as a
festival), said by ``year_inferred``; a range (正月初一至初七) is one window. The days
come from the maintained ``lunar-python`` library
(:func:`shixian.calendar.festivals.lunar_to_solar`).

Token code: ``a`` (a date fragment, merged into ``A``; a year before it is its year).
"""

from __future__ import annotations

import datetime as dt

from ...calendar.festivals import lunar_day_of, lunar_to_solar
from ...errors import InvalidDate
from ..anchors import Anchor, Bounds
from ..engine import TokenRule
from ..named import LunarDays
from ..numerals import to_int

__all__ = ["TOKENS"]

#: lunar month names → month
_MONTHS = {"正": 1, "冬": 11, "腊": 12, "臘": 12}
_MONTH = r"(?:正|冬|腊|臘|十[一二]|[一二三四五六七八九十])"
#: a lunar day: 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 二十一 … 二十九, 三十
_DAY = (
    r"(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?"
    r"|十[一二三四五六七八九]|三十)"
)
#: a day name that is lunar by itself (初一, 廿三)
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|廿[一二三四五六七八九])"
#: a day after 农历 or a lunar month name, which needs no 初 (农历五月五日, 农历5月5日)
_PLAIN_DAY = rf"(?:{_DAY}|[0-9]{{1,2}}|[一二三四五六七八九十])"
_PREFIX = r"(?:农历|阴历|农曆|陰曆|阴曆|農曆|農历|陰历)"
_TO = r"(?:至|到|—|-|~|～)"

#: 年 naming the lunar year in 年初一, 年廿九 (Hong Kong's words), not a year's number or
#: a word of its own (今年初, 全年, 每年)
_YEAR_WORD = r"(?<![0-9〇零一二两三四五六七八九十今明去前后每全上下本当同近往首新])年"

_PATTERN = (
    # 农历八月十五, 农历五月五日, 农历5月5日, 农历正月初一至正月十五
    rf"(?:{_PREFIX}(?P<m>{_MONTH}|[0-9]{{1,2}})月(?P<d>{_PLAIN_DAY})"
    # 正月十五, 腊月二十三, 冬月初八: a lunar month name
    rf"|(?P<mn>正|冬|腊|臘)月(?P<dn>{_PLAIN_DAY})"
    # 八月初三: a lunar day name
    rf"|(?P<ml>{_MONTH})月(?P<dl>{_LUNAR_DAY})"
    # 大年初一, and Hong Kong's 年初一 / 年初三: the first days of the lunar year (年初一、二:
    # two of them; not 年初 before a count, 年初一次性)
    rf"|(?:大年|{_YEAR_WORD})(?P<dy>初[一二三四五六七八九十])(?![次季月年周批个些期性])"
    r"(?:(?:、初?|初)(?P<dz>[二三四五六七八九十])(?![0-9〇零一二两三四五六七八九十次季月年周]))?"
    # Hong Kong's 年廿九, 年三十: the last days of the lunar year
    rf"|{_YEAR_WORD}(?P<dh>廿[一二三四五六七八九]|三十|卅))"
    # the far end; 一 written for the dash between named days (正月初三一正月初六)
    rf"日?(?:(?:{_TO}|(?<=初[一二三四五六七八九十])一(?=初|正月|腊月|臘月|冬月))"
    rf"(?:(?P<m2>{_MONTH})月|年(?=初))?(?P<d2>{_DAY}|[0-9]{{1,2}})日?)?"
    # a day of the Gregorian calendar follows (八月十五日 is lunar only after 农历); a day
    # named 初七, 廿三 is whole (正月初七一上班: 一 is "as soon as")
    r"(?:(?<=[初廿][一二三四五六七八九十])|(?![0-9〇零一二三四五六七八九十]))"
)


def _month(word: str) -> int:
    return _MONTHS.get(word) or to_int(word)


def _lunar(
    text: str,
    m: str | None,
    d: str | None,
    mn: str | None,
    dn: str | None,
    ml: str | None,
    dl: str | None,
    dy: str | None,
    dz: str | None,
    dh: str | None,
    m2: str | None,
    d2: str | None,
) -> Anchor:
    month_word = m or mn or ml or ("腊" if dh else "正")
    day_word = d or dn or dl or dy or dh
    assert day_word is not None
    month, day = _month(month_word), _day(day_word)
    end_day = day if d2 is None else _day(d2)
    if dz is not None:  # 年初一、二: the first two days
        end_day = to_int(dz)
    # 年廿九至年初三, 腊月廿九至初三: a far end before the first day is of the next month
    end_month = month if m2 is None else _month(m2)
    if m2 is None and end_day < day:
        end_month = month % 12 + 1
    return Anchor(named=LunarDays(month, day, end_month, end_day))


def _day(word: str) -> int:
    if word == "卅":
        return 30
    if word.startswith("初"):
        return to_int(word[1:])
    if word.startswith("廿"):
        return 20 + to_int(word[1:])
    return to_int(word)


class LunarDayNote(LunarDays):
    """A lunar day named without its month in a note beside a date (2月10日(初一)至17日
    (初八), a holiday notice's): it tells only which year the date is of, the one in which
    that day is that lunar day (:meth:`falls_on`); it names no period by itself (its month
    is 0: unknown)."""

    __slots__ = ()

    def __init__(self, day: int) -> None:
        super().__init__(0, day, 0, day)

    def __repr__(self) -> str:
        return f"LunarDayNote({self.day})"

    def falls_on(self, day: dt.date) -> bool:
        """Whether ``day`` is this day of its lunar month."""
        return lunar_day_of(day) == self.day

    def period(self, anchor: Anchor, reference: dt.date, text: str) -> Bounds:
        raise InvalidDate(text, "lunar date", "a lunar day without its month")


class LunarMonth(LunarDays):
    """A whole lunar month named without a day (农历十月, 腊月期间, 正月里): from its first day
    to the day before the next month's first (a leap month is not told apart)."""

    __slots__ = ()

    def __init__(self, month: int) -> None:
        super().__init__(month, 1, month, 1)

    def __repr__(self) -> str:
        return f"LunarMonth({self.month})"

    @property
    def is_day(self) -> bool:  # type: ignore[override]
        """A month is no day."""
        return False

    def _days(self, year: int, text: str) -> tuple[dt.date, dt.date]:
        after = (year + 1, 1) if self.month == 12 else (year, self.month + 1)
        try:
            start = lunar_to_solar(year, self.month, 1)
            end = lunar_to_solar(*after, 1) - dt.timedelta(days=1)
        except Exception as exc:  # lunar-python refuses a year out of its tables
            raise InvalidDate(text, "lunar date", f"{self.month}: {exc}") from None
        return start, end


def _lunar_month(text: str, m: str | None, mn: str | None) -> Anchor:
    word = m or mn
    assert word is not None
    return Anchor(named=LunarMonth(_month(word)))


def _note(text: str, day: str) -> Anchor:
    return Anchor(named=LunarDayNote(_day(day)))


TOKENS: list[TokenRule] = [
    TokenRule("农历八月十五|正月初一", _PATTERN, "a", _lunar),
    # (初一) right after a day: a lunar day told beside it, which picks its year
    # 农历十月, 农历10月份, 腊月期间, 正月里: a lunar month without a day (after the days)
    TokenRule(
        "农历十月|腊月",
        rf"(?:{_PREFIX}(?P<m>{_MONTH}|[0-9]{{1,2}})|(?P<mn>正|腊|臘))月份?"
        r"(?![初廿0-9〇零一二三四五六七八九十])",
        "a",
        _lunar_month,
    ),
    TokenRule("<date>(初一)", rf"(?<=[日号]\()(?P<day>{_DAY})(?=\))", "a", _note),
]
