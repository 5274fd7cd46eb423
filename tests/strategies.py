"""Hypothesis strategies: calendar periods and the many ways a document writes them."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from hypothesis import strategies as st

CN = "〇一二三四五六七八九"
CN_ZERO = "零"


def cn_digits(n: int, zero: str = "〇") -> str:
    """二〇一六: a year written digit by digit."""
    return "".join(zero if ch == "0" else CN[int(ch)] for ch in str(n))


def cn_number(n: int) -> str:
    """十二, 二十五: a small number written positionally (1-39)."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")
    return head + (CN[units] if units else "")


def full_width(text: str) -> str:
    """２０１６: ASCII as full-width characters."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@dataclass(frozen=True)
class Period:
    """A calendar period: grain and numbers, with its first and last day."""

    grain: str  # year, half, quarter, month, tenday, day
    year: int
    number: int = 0  # half/quarter/month number
    sub: int = 0  # tenday (1-3) or day of month

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        y = self.year
        if self.grain == "year":
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if self.grain in ("half", "quarter"):
            size = 6 if self.grain == "half" else 3
            first = 1 + size * (self.number - 1)
            last = first + size - 1
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        length = calendar.monthrange(y, self.number)[1]
        if self.grain == "month":
            return dt.date(y, self.number, 1), dt.date(y, self.number, length)
        if self.grain == "tenday":
            lo = 1 + 10 * (self.sub - 1)
            hi = length if self.sub == 3 else 10 * self.sub
            return dt.date(y, self.number, lo), dt.date(y, self.number, hi)
        day = dt.date(y, self.number, self.sub)
        return day, day


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any period from 1950 to 2035 (years without a 0 among them: 一九九四年)."""
    grain = draw(st.sampled_from(["year", "half", "quarter", "month", "tenday", "day"]))
    year = draw(st.integers(1950, 2035))
    if grain == "year":
        return Period(grain, year)
    if grain == "half":
        return Period(grain, year, draw(st.integers(1, 2)))
    if grain == "quarter":
        return Period(grain, year, draw(st.integers(1, 4)))
    month = draw(st.integers(1, 12))
    if grain == "month":
        return Period(grain, year, month)
    if grain == "tenday":
        return Period(grain, year, month, draw(st.integers(1, 3)))
    length = calendar.monthrange(year, month)[1]
    return Period(grain, year, month, draw(st.integers(1, length)))


@st.composite
def spellings(draw: st.DrawFn, period: Period) -> str:
    """One way of writing ``period`` (numerals, quarter spellings)."""
    chinese = draw(st.booleans())
    year = cn_digits(period.year, draw(st.sampled_from("〇零"))) if chinese else str(period.year)
    text = f"{year}年"
    if period.grain == "half":
        text += "上半年" if period.number == 1 else "下半年"
    elif period.grain == "quarter":
        q = period.number
        text += draw(st.sampled_from([
            f"第{CN[q]}季度", f"{CN[q]}季度", f"第{q}季度", f"{q}季度", f"Q{q}",
        ]))  # fmt: skip
    elif period.grain in ("month", "tenday", "day"):
        text += (cn_number(period.number) if chinese else str(period.number)) + "月"
        if period.grain == "tenday":
            text += "上中下"[period.sub - 1] + "旬"
        elif period.grain == "day":
            text += (cn_number(period.sub) if chinese else str(period.sub)) + draw(
                st.sampled_from("日号")
            )
    return text


@st.composite
def noise(draw: st.DrawFn, text: str) -> str:
    """The same text with the noise of real tables: spaces, full width, line wraps."""
    if draw(st.booleans()):
        text = full_width(text)
    if draw(st.booleans()):
        chars = list(text)
        out = []
        for ch in chars:
            out.append(ch)
            if draw(st.integers(0, 4)) == 0:
                out.append(draw(st.sampled_from([" ", "  ", "\n", "\u3000", "\t"])))
        text = "".join(out).strip() or text
    return text


TRAILING_VERBS = ["", "完成", "出台", "启动", "公开", "印发实施", "上线运行"]


# -- schedules (每月10日前, 每季度, 每两个月 …) ------------------------------------------------

import shixian  # noqa: E402

COMPUTABLE_EVERY = ("year", "halfyear", "quarter", "month", "tenday", "week", "day")
"""The ``Schedule.every`` values whose dates the text fixes."""

PERIOD_MONTHS = {"year": 12, "halfyear": 6, "quarter": 3, "month": 1}
WEEKDAY_CN = "一二三四五六日"


@st.composite
def schedule_fields(
    draw: st.DrawFn,
    every: str | None = None,
    max_interval: int = 4,
    bounds: bool = True,
) -> dict[str, object]:
    """Keyword arguments of a computable ``shixian.Schedule`` (without text and span).

    ``months`` for periods longer than a month is either one month of each period
    (首月: 1, 4, 7, 10) or, for years, any set of months (每年6月、12月); for monthly
    and shorter periods any set of months (流行季节(4—10月)). ``day`` only for
    month-based periods, ``weekday`` only for weeks.
    """
    every = every or draw(st.sampled_from(COMPUTABLE_EVERY))
    fields: dict[str, object] = {"every": every}
    top = max(max_interval, 10) if every == "day" and max_interval > 1 else max_interval
    fields["interval"] = draw(st.integers(1, top))
    months = None
    if draw(st.booleans()):
        size = PERIOD_MONTHS.get(every, 1)
        if size > 1 and (every != "year" or draw(st.booleans())):
            first = draw(st.integers(1, size))
            months = tuple(range(first, 13, size))
        else:
            months = tuple(sorted(draw(st.sets(st.integers(1, 12), min_size=1, max_size=12))))
    fields["months"] = months
    if every in PERIOD_MONTHS:
        fields["day"] = draw(st.none() | st.integers(1, 31))
    if every == "week":
        fields["weekday"] = draw(st.none() | st.integers(0, 6))
    if bounds:
        start = draw(st.none() | st.dates(dt.date(2004, 1, 1), dt.date(2025, 12, 31)))
        until = None
        if draw(st.booleans()):
            base = start or dt.date(2004, 1, 1)
            until = base + dt.timedelta(days=draw(st.integers(0, 4000)))
        fields["start"], fields["until"] = start, until
    return fields


@st.composite
def schedules(draw: st.DrawFn, /, **kwargs: object) -> shixian.Schedule:
    """A computable ``shixian.Schedule`` built directly (see :func:`schedule_fields`)."""
    fields: dict[str, object] = draw(schedule_fields(**kwargs))  # type: ignore[arg-type]
    text = f"每{fields['every']}"
    return shixian.Schedule(text=text, span=(0, len(text)), **fields)  # type: ignore[arg-type]


def _num(draw: st.DrawFn, n: int, *, two: bool = False) -> str:
    """``n`` as Arabic digits, full-width digits or a Chinese numeral (两 for 2 if ``two``)."""
    style = draw(st.sampled_from(["arabic", "chinese", "fullwidth"]))
    if style == "arabic":
        return str(n)
    if style == "fullwidth":
        return full_width(str(n))
    if two and n == 2:
        return draw(st.sampled_from(["两", "二"]))
    return cn_number(n)


def _year(draw: st.DrawFn, year: int) -> str:
    style = draw(st.sampled_from(["arabic", "chinese", "fullwidth"]))
    if style == "arabic":
        return str(year)
    if style == "fullwidth":
        return full_width(str(year))
    return cn_digits(year, draw(st.sampled_from("〇零")))


@st.composite
def schedule_phrases(draw: st.DrawFn) -> tuple[dict[str, object], str]:
    """(the Schedule fields a phrase means, one clean surface form of it).

    每月10日前, 每季度, 每两个月, 每年3月底前, 每年1月31日前, 每周五前,
    流行季节(4—10月)每月, 自2016年起每季度, 2016—2018年每年, 每三年; numerals
    Arabic, Chinese or full-width. Apply :func:`spaced` for noise.
    """
    family = draw(st.sampled_from([
        "month-day", "quarter", "n-months", "year-month-end", "year-month-day",
        "weekday", "season-monthly", "from-year", "year-range", "n-years", "plain",
    ]))  # fmt: skip
    f: dict[str, object]
    if family == "month-day":
        d = draw(st.integers(1, 31))
        f = {"every": "month", "day": d}
        text = f"每月{_num(draw, d)}{draw(st.sampled_from('日号'))}前"
    elif family == "quarter":
        f = {"every": "quarter"}
        text = draw(st.sampled_from(["每季度", "每季", "每个季度", "每季度末", "每季末"]))
    elif family == "n-months":
        n = draw(st.integers(2, 12))
        f = {"every": "month", "interval": n}
        text = f"每{_num(draw, n, two=True)}个月"
    elif family == "year-month-end":
        m = draw(st.integers(1, 12))
        f = {"every": "year", "months": (m,)}
        text = f"每年{_num(draw, m)}月{draw(st.sampled_from(['底前', '底', '末', '']))}"
    elif family == "year-month-day":
        m = draw(st.integers(1, 12))
        d = draw(st.integers(1, calendar.monthrange(2015, m)[1]))
        f = {"every": "year", "months": (m,), "day": d}
        text = f"每年{_num(draw, m)}月{_num(draw, d)}日前"
    elif family == "weekday":
        w = draw(st.integers(0, 6))
        f = {"every": "week", "weekday": w}
        text = f"每{draw(st.sampled_from(['周', '星期']))}{WEEKDAY_CN[w]}前"
    elif family == "season-monthly":
        a = draw(st.integers(1, 11))
        b = draw(st.integers(a + 1, 12))
        f = {"every": "month", "months": tuple(range(a, b + 1))}
        dash = draw(st.sampled_from(["—", "-", "至", "～"]))
        lp, rp = draw(st.sampled_from([("(", ")"), ("（", "）")]))
        text = f"流行季节{lp}{_num(draw, a)}{dash}{_num(draw, b)}月{rp}每月"
    elif family == "from-year":
        y = draw(st.integers(2005, 2030))
        word, every, interval = draw(st.sampled_from([
            ("季度", "quarter", 1), ("月", "month", 1), ("年", "year", 1),
            ("半年", "halfyear", 1), ("两个月", "month", 2),
        ]))  # fmt: skip
        f = {"every": every, "interval": interval, "start": dt.date(y, 1, 1)}
        text = f"{draw(st.sampled_from(['自', '从', '']))}{_year(draw, y)}年起每{word}"
    elif family == "year-range":
        y1 = draw(st.integers(2005, 2030))
        y2 = draw(st.integers(y1 + 1, y1 + 5))
        word, every = draw(st.sampled_from([("年", "year"), ("季度", "quarter"), ("月", "month")]))
        f = {"every": every, "start": dt.date(y1, 1, 1), "until": dt.date(y2, 12, 31)}
        dash = draw(st.sampled_from(["—", "-", "至"]))
        text = f"{_year(draw, y1)}{dash}{_year(draw, y2)}年每{word}"
    elif family == "n-years":
        n = draw(st.integers(2, 5))
        f = {"every": "year", "interval": n}
        text = f"每{_num(draw, n, two=True)}年"
    else:
        text, every = draw(st.sampled_from([
            ("每年", "year"), ("每半年", "halfyear"), ("每月", "month"), ("每个月", "month"),
            ("每旬", "tenday"), ("每周", "week"), ("每星期", "week"), ("每日", "day"),
            ("每天", "day"), ("每月底前", "month"), ("每年年底前", "year"),
        ]))  # fmt: skip
        f = {"every": every}
    return f, text


@st.composite
def spaced(draw: st.DrawFn, text: str) -> str:
    """``text`` with spaces (ASCII or ideographic) between some characters."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if i < len(text) - 1 and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from([" ", "  ", "\u3000"])))
    return "".join(out)


# -- composition: ranges and lists of anchors (issue 10) ------------------------------

#: Connectors between the ends of a range; 一 (an OCR dash) only before Arabic digits.
RANGE_CONNECTORS = ("至", "到", "-", "—", "–", "~", "～", "－")


@st.composite
def days(draw: st.DrawFn, low: dt.date = dt.date(2005, 1, 1)) -> dt.date:
    """A day between 2005 and 2030."""
    return draw(st.dates(min_value=low, max_value=dt.date(2030, 12, 31)))


def _day_text(draw: st.DrawFn, day: dt.date, fields: str) -> str:
    """``day`` written with the fields ``fields`` (a subset of "ymd", in order)."""
    out = ""
    if "y" in fields:
        out += _year(draw, day.year) + "年"
    if "m" in fields:
        out += _num(draw, day.month) + "月"
    return out + _num(draw, day.day) + "日"


@st.composite
def day_ranges(draw: st.DrawFn) -> tuple[str, str, dt.date, dt.date]:
    """Two days a < b as a range: the full form, the form with the right end's leading
    fields left out where they equal the left end's, and the two days."""
    first = draw(days(low=dt.date(2005, 1, 1)).filter(lambda d: d < dt.date(2030, 12, 31)))
    last = draw(days(low=first + dt.timedelta(days=1)).filter(lambda d: d.year <= first.year + 1))
    connector = draw(st.sampled_from(RANGE_CONNECTORS))
    left = _day_text(draw, first, "ymd")
    full = f"{left}{connector}{_day_text(draw, last, 'ymd')}"
    if last.year != first.year:
        omitted_fields = "ymd"
    elif last.month != first.month:
        omitted_fields = "md"
    else:
        omitted_fields = draw(st.sampled_from(["md", "d"]))
    short = f"{left}{connector}{_day_text(draw, last, omitted_fields)}"
    return full, short, first, last


@st.composite
def day_lists(draw: st.DrawFn) -> tuple[str, str, list[dt.date]]:
    """Two to four days of one month as a list, written in full and with the year and
    month of the later items left out (5月9日、10日, 5月9、10日, 5月9日和10日)."""
    year = draw(st.integers(2005, 2030))
    month = draw(st.integers(1, 12))
    numbers = sorted(draw(st.sets(st.integers(1, 28), min_size=2, max_size=4)))
    chosen = [dt.date(year, month, n) for n in numbers]
    joiners = [draw(st.sampled_from(["、", "和", "及", "与"])) for _ in chosen[1:]]
    full = _day_text(draw, chosen[0], "ymd")
    short = full
    bare = draw(st.booleans())  # 5月9、10日: the unit written once, at the end
    if bare:
        short = short[: short.rindex("日")]
    for k, (day, joiner) in enumerate(zip(chosen[1:], joiners, strict=True)):
        full += joiner + _day_text(draw, day, "ymd")
        last = k == len(joiners) - 1
        item = str(day.day) if bare and not last else _day_text(draw, day, "d")
        short += joiner + item
    return full, short, chosen
