"""The readers of date words: each turns the groups a date token matched into an
:class:`~shixian.grammar.anchors.Anchor` (2016年7月10日, 民国112年, 5月上中旬, 一二月份,
2017-18年, 2023-06-30 08:30, 下午5時, 2016年第10周), checking every field."""

from __future__ import annotations

import datetime as dt

from ...errors import InvalidDate
from ..anchors import Anchor
from ..numerals import to_int
from ..vocabulary import DAYPART

_YEAR_SHIFT = {
    "今年": 0, "本年": 0, "当年": 0, "上年": -1, "去年": -1, "上一年": -1, "前年": -2,
    "明年": 1, "下一年": 1, "次年": 1, "翌年": 1, "来年": 1, "第二年": 1,
}  # fmt: skip
#: Words of the year after the one told before (2019年10月至次年4月: 2020), not after the
#: reference's (明年): in a range they count from its start.
_FOLLOWING = frozenset({"次年", "翌年", "下一年", "第二年"})
_EDGE = {"底": "end", "末": "end", "终": "end", "初": "begin", "中": "middle"}
_GRAIN = {"年": "year", "月": "month", "季": "quarter", "季度": "quarter", "半年": "half"}
_HALF = {"上": 1, "前": 1, "下": 2, "后": 2}
_TENDAY = {"上": 1, "中": 2, "下": 3}


def _checked(text: str, field: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InvalidDate(text, field, value)
    return value


def _ymd(
    text: str, y: str, sep: str, m: str, d: str, m2: str | None = None, d2: str | None = None,
    hh: str | None = None, mi: str | None = None,
) -> Anchor:  # fmt: skip
    """2023-06-30, 2023/6/30, 2023.6.30, and with a clock time: 2021-01-25 08:30:00; a
    range whose far end tells only its month and day, or its day (2018.11.14—12.5,
    2018/11/14-20; 2018.12.20-1.10 ends in the next year)."""
    month = _checked(text, "month", int(m), 1, 12)
    day = _checked(text, "day", int(d), 1, 31)
    anchor = Anchor(year=int(y), month=month, day=day)
    if d2 is not None:
        far_month = month if m2 is None else _checked(text, "month", int(m2), 1, 12)
        far_day = _checked(text, "day", int(d2), 1, 31)
        if far_month == month and far_day < day:
            raise InvalidDate(text, "day", d2)  # 2018.11.14-5: no range backwards in a month
        year = int(y) + (far_month < month)  # 2018.12.20-1.10 ends in the next year
        anchor.to = Anchor(year=year, month=far_month, day=far_day, year_inherited=True)
    if hh is not None and mi is not None:
        anchor.time = (int(hh), int(mi))
    return anchor


def _dmy(
    text: str, d: str | None, m: str | None, d0: str | None, ds: str | None, ms: str | None,
    y: str, hh: str | None = None, mi: str | None = None,
) -> Anchor:  # fmt: skip
    """16.09.2018, 20.06.2018 13:32: a day-first date (a page's time stamp); 16/04/2020 and
    03 – 19/04/2020 (the first day of a range before it). With slashes a month past 12
    before a day that can be a month is the month-first order (04/16/2020)."""
    if d is None or m is None:
        assert ds is not None and ms is not None
        d, m = (ms, ds) if int(ms) > 12 and int(ds) <= 12 and d0 is None else (ds, ms)
    if d0 is None:
        return _ymd(text, y, ".", m, d, hh=hh, mi=mi)
    anchor = _ymd(text, y, ".", m, d0)
    last = _ymd(text, y, ".", m, d, hh=hh, mi=mi)
    if last.day < anchor.day:  # type: ignore[operator]
        raise InvalidDate(text, "day", d0)
    anchor.to = last
    return anchor


def _number_range(
    text: str,
    a: str | None,
    b: str | None,
    unit: str | None,
    a2: str | None,
    b2: str | None,
    unit2: str | None,
) -> Anchor:
    """2017—2018年 (2017-18年: the far year written short), 3—5月, 6—10日."""
    if a is not None and b is not None:
        first, last = to_int(a), to_int(b)
        if last < 100 and len(b) <= 2:  # 2017-18年
            last += first - first % 100
        return Anchor(year=first, to=Anchor(year=_checked(text, "year", last, first, 9999)))
    assert a2 is not None and b2 is not None and unit2 is not None
    unit = unit2[:1]
    first, last = to_int(a2), to_int(b2)
    if unit == "月":
        _checked(text, "month", first, 1, 12)
        _checked(text, "month", last, 1, 12)
        return Anchor(month=first, to=Anchor(month=last))
    _checked(text, "day", first, 1, 31)
    _checked(text, "day", last, 1, 31)
    return Anchor(day=first, to=Anchor(day=last))


def _bracketed_years(text: str, a: str, b: str) -> Anchor:
    """(2021-2024): a span of years in brackets, written without 年."""
    first = int(a)
    return Anchor(year=first, to=Anchor(year=_checked(text, "year", int(b), first, first + 50)))


def _same_period(text: str) -> int:
    """去年同期, 前年同期: how many years before the period told before it."""
    return -2 if text.startswith("前") else -1


def _date(
    text: str,
    y: str | None,
    roc: str | None,
    rel: str | None,
    h: str | None,
    q: str | None,
    q2: str | None,
    q3: str | None,
    m: str | None,
    dn: str | None,
    x: str | None,
    x2: str | None,
    d: str | None,
) -> Anchor:
    """One calendar anchor read at once: 2016年 7月, 二〇一六年度上半年, 明年一季度, 7月10日,
    民国112年 (the Republic of China calendar: 1911 + 112), 5月上中旬."""
    anchor = Anchor()  # set only the fields the text names (see Anchor)
    if y is not None:
        anchor.year = to_int(y)
    elif roc is not None:
        anchor.year = 1911 + _checked(text, "year", to_int(roc), 1, 8088)
    elif rel is not None:
        anchor.year_shift = _YEAR_SHIFT[rel]
        if rel in _FOLLOWING:  # 次年: the year after the one told before it (in a range)
            anchor.follows = True
    if m is not None:
        if len(m) == 2 and m[0] in _CN_ONE_DIGIT and m[1] in _CN_ONE_DIGIT:
            # 一二月份, 七八月: two months, not the twelfth
            first, last = _pair(text, "month", m)
            anchor.month = first
            anchor.to = Anchor(month=last)
        else:
            anchor.month = _checked(text, "month", to_int(m), 1, 12)
    elif h is not None:
        anchor.half = _HALF[h]
    else:
        quarter = q or q2 or q3
        if quarter and len(quarter) == 2 and quarter[1] in _CN_ONE_DIGIT:
            # 二三季度: two quarters, as 一二月份 is two months
            first, last = _pair(text, "quarter", quarter)
            _checked(text, "quarter", last, 1, 4)
            anchor.quarter = first
            anchor.to = Anchor(quarter=last)
        elif quarter:
            anchor.quarter = _checked(text, "quarter", to_int(quarter), 1, 4)
    if anchor.to is not None:
        anchor.to = anchor.to.fill_from(anchor)
    if d is not None or dn is not None:
        anchor.day = _checked(text, "day", to_int(d or dn or ""), 1, 31)
    elif x is not None:
        anchor.tenday = _TENDAY[x]
        if x2 is not None:
            last = _TENDAY[x2]
            if last <= anchor.tenday:
                raise InvalidDate(text, "旬", f"{x}{x2}")
            anchor.to = Anchor(tenday=last).fill_from(anchor)
    return anchor


_CN_ONE_DIGIT = "一二三四五六七八九"


def _pair(text: str, field: str, word: str) -> tuple[int, int]:
    """一二 (月份, 季度): two consecutive numbers written as two digits."""
    if word[0] not in _CN_ONE_DIGIT or word[1] not in _CN_ONE_DIGIT:
        raise InvalidDate(text, field, word)
    first, last = _CN_ONE_DIGIT.index(word[0]) + 1, _CN_ONE_DIGIT.index(word[1]) + 1
    if last != first + 1:
        raise InvalidDate(text, field, word)
    return first, last


def _md(
    text: str, m: str | None, d: str | None, m2: str | None, d2: str | None,
    m3: str | None, d3: str | None, m4: str | None, d4: str | None,
    m5: str | None, d5: str | None, m6: str | None, d6: str | None,
) -> Anchor:  # fmt: skip
    """4/11~13, 6/4-5, 02-11~02-17, 2/15 opening a line, 4/16(二): a month and day
    without a year (a school calendar's), and the far end of its range."""
    month = m or m3 or m5 or m6
    day = d or d3 or d5 or d6
    assert month is not None and day is not None
    anchor = Anchor(
        month=_checked(text, "month", int(month), 1, 12), day=_checked(text, "day", int(day), 1, 31)
    )
    far_month, far_day = m2 or m4, d2 or d4
    if far_day is not None:
        anchor.to = Anchor(
            month=_checked(text, "month", int(far_month or month), 1, 12),
            day=_checked(text, "day", int(far_day), 1, 31),
        )
    return anchor


def _month_day(text: str, m: str, d: str) -> Anchor:
    """12.5 after a written date and a connector (2018年11月14日—12.5): the far end."""
    return Anchor(
        month=_checked(text, "month", int(m), 1, 12), day=_checked(text, "day", int(d), 1, 31)
    )


def _ym(text: str, y: str, m: str, m2: str | None = None, d: str | None = None) -> Anchor:
    """2023.6, 2023-6; 2005.1—4 (January to April 2005; 2005.11—2 into the next year);
    2016.7月, 2016.7月1日 (月 after a dotted year)."""
    anchor = Anchor(year=int(y), month=_checked(text, "month", int(m), 1, 12))
    if d is not None:
        if m2 is not None:
            raise InvalidDate(text, "day", d)  # 2005.1—4月1日: no day of a range of months
        anchor.day = _checked(text, "day", int(d), 1, 31)
    if m2 is not None:
        far = _checked(text, "month", int(m2), 1, 12)
        year = anchor.year if far >= anchor.month else anchor.year + 1  # type: ignore[operator]
        anchor.to = Anchor(year=year, month=far, year_inherited=True)
    return anchor


# 晚10:00 is 22:00, but 最晚10:00前 is at the latest 10:00
_DAYPART_WORDS = "|".join(
    "(?<![最较过])晚" if w == "晚" else w for w in sorted(DAYPART, key=len, reverse=True)
)


def _clock(
    text: str, part: str | None, hh: str | None, mm: str | None, hz: str | None,
    mz: str | None, half: str | None,
) -> tuple[int, int]:  # fmt: skip
    """A time of day: 9:00, 9时, 上午10时, 下午5時30分, 24时 (the end of the day)."""
    hour = to_int(hh or hz or "")
    minute = 30 if half else to_int(mm or mz or "0")
    if part is not None and hour < 12:
        hour += DAYPART[part]
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise InvalidDate(text, "time", text)
    return hour, minute


def _garbled(text: str) -> str:
    return text


#: the century a decade is told in (20世纪50年代, 上世纪80年代, 本世纪20年代): its first year
_CENTURY = {
    "20世纪": 1900, "二十世纪": 1900, "上世纪": 1900, "上个世纪": 1900,
    "21世纪": 2000, "二十一世纪": 2000, "本世纪": 2000,
}  # fmt: skip


#: the years of a decade its edge words cover, by convention (80年代初: 1980-1982)
_DECADE_EDGE = {"初": (0, 2), "初期": (0, 2), "中期": (3, 6), "中叶": (3, 6), "末": (7, 9),
                "末期": (7, 9)}  # fmt: skip


def _decade(
    text: str, c: str | None, d: str | None, y: str | None, b: str | None, e: str | None
) -> Anchor:
    """20世纪50年代, 八十年代, 1990年代: the ten years of a decade (a bare 50年代 to 90年代
    is the twentieth century's, the only one the pattern lets through without a century);
    80年代初, 90年代末: some of its years by convention (fuzzy)."""
    first = int(y) if y is not None else _CENTURY.get(c or "", 1900) + to_int(d or b or "")
    low, high = (0, 9) if e is None else _DECADE_EDGE[e]
    anchor = Anchor(year=first + low)
    anchor.to = Anchor(year=first + high)
    anchor.about = e is not None
    return anchor


def _number(text: str, v: str) -> int:
    return to_int(v)


def _this_year(text: str) -> Anchor:
    return Anchor()


def _period_edge(text: str) -> Anchor:
    return Anchor(edge=_EDGE[text[-1]], edge_grain=_GRAIN[text[:-1]])


def _bare_edge(text: str) -> Anchor:
    return Anchor(edge=_EDGE[text])


def _today(text: str) -> Anchor:
    return Anchor(today=True)


def _until_now(text: str) -> Anchor:
    """至今: a range from the date before it to the reference day."""
    return Anchor(to=Anchor(today=True))


def _first_month(text: str) -> Anchor:
    """元月: January (正月 is the lunar month, a festival word)."""
    return Anchor(month=1)


def _word(text: str) -> str:
    return text


def _iso_week(text: str, y: str, n: str) -> Anchor:
    """2016年第10周: ISO 8601 week ``n`` of the year (Monday–Sunday; week 1 holds the
    year's first Thursday), as a range of days; a week the year lacks is invalid."""
    year, week = int(y), to_int(n)
    weeks = dt.date(year, 12, 28).isocalendar()[1]  # 28 December is in the last week
    _checked(text, "week", week, 1, weeks)
    first = dt.date.fromisocalendar(year, week, 1)
    last = first + dt.timedelta(days=6)
    return Anchor(
        year=first.year,
        month=first.month,
        day=first.day,
        to=Anchor(year=last.year, month=last.month, day=last.day),
    )
