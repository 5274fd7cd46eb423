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
    """Any period from 2000 to 2035."""
    grain = draw(st.sampled_from(["year", "half", "quarter", "month", "tenday", "day"]))
    year = draw(st.integers(2000, 2035))
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
