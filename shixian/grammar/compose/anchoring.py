"""Tests and small joins pass 1 (:mod:`shixian.grammar.compose.fragments`) asks of its
fragments: whether a bracket restates a date, a festival names dates, a range ends at an
edge word, a prefix word folds into the date after it; and the word tables they read."""

from __future__ import annotations

import re

from ..anchors import Anchor
from ..engine import BREAK, Token
from ..named import Season


def _restates(outer: Anchor, inner: Anchor) -> bool:
    """Whether ``inner`` (in brackets after ``outer``) is a day inside it that names
    nothing ``outer`` contradicts: 2024年底(12月31日), 12月(12月31日)."""
    if outer.to is not None or inner.to is not None or outer.named is not None:
        return False
    if outer.time is not None or inner.named is not None or inner.has_year:
        return False
    if inner.grain != "day" or outer.grain not in ("year", "month"):
        return False
    if outer.grain == "month":
        return inner.month in (None, outer.month)
    return outer.edge == "end" and inner.month == 12


_DEFINING = frozenset({"为", "是", "通常为", "一般为", "定为"})
#: Words of a holiday notice between a festival and the dates it names (端午节放假安排:…).
_HOLIDAY_WORDS = frozenset(
    {"放假安排", "放假时间", "放假时间为", "放假", "假期", "放假调休", "安排", "的放假时间"}
)


#: a weekday written alone in brackets after a day (Taiwan): 一 = Monday … 日 = Sunday


def _take_prefix(out: list[Token], tok: Token) -> Token | None:
    """Fold the word before ``tok`` (该年, 本月) into it; the token now before it."""
    tok.start = out.pop().start
    return out[-1] if out else None


#: The end of a bracketed note: the bracket, or a weekday before it (農曆臘月十四,周一).
_NOTE_END = re.compile(r"(?:[,、](?:周|星期)[一二三四五六日天])?\)")


def _in_brackets(text: str, after: int, tok: Token) -> bool:
    """Whether ``tok`` is the whole of a bracket right after offset ``after``."""
    return text[after : tok.start] == "(" and _NOTE_END.match(text, tok.end) is not None


def _edge_of(frag: Anchor, left: Anchor) -> Anchor | None:
    """The far end of a range to an edge word (2月18日至月底, 2023年3月1日至年底): that edge
    of the start's month or year, or ``None`` when ``frag`` is no such word."""
    if frag.grain is not None or frag.edge is None or frag.to is not None or left.to is not None:
        return None
    if frag.month_shift is not None:
        return frag  # 本月底至下月初: a month of its own, named from the reference's
    if frag.edge_grain == "month" and left.month is not None and left.grain in ("day", "tenday"):
        return Anchor(
            year=left.year, year_shift=left.year_shift, month=left.month, edge=frag.edge,
            edge_grain="month", year_inherited=True,
        )  # fmt: skip
    if frag.edge_grain == "year" and left.grain in ("day", "tenday", "month", "quarter"):
        return Anchor(
            year=left.year, year_shift=left.year_shift, edge=frag.edge, edge_grain="year",
            year_inherited=True,
        )  # fmt: skip
    return None


def _union_in_month(anchor: Anchor) -> bool:
    """Whether ``anchor`` is a union of the thirds of one month (5月上中旬, 10月中下旬)."""
    far = anchor.to
    return (
        far is not None
        and far.to is None
        and anchor.tenday is not None
        and far.tenday is not None
        and far.month in (None, anchor.month)
        and far.day is None
    )


def _season_of_years(years: Anchor, frag: Anchor) -> bool:
    """Whether ``frag`` is a season that crosses the new year (秋冬季, 冬春季) after a span of
    the two years it crosses (2017-2018年)."""
    named = frag.named
    if not isinstance(named, Season) or frag.has_year:
        return False
    far = years.to
    if far is None or far.to is not None or years.grain != "year" or far.grain != "year":
        return False
    if years.year is None or far.year != years.year + 1:
        return False
    return named.crosses_year


def _defined(anchor: Anchor) -> bool:
    """Whether ``anchor`` names a festival or season whose dates a text may state after it
    (春节:1月31日至2月6日, 春季通常为3月15日至6月15日)."""
    named = anchor.named
    return named is not None and (named.occasion or isinstance(named, Season))


def _same_period_of(tok: Token, before: list[Token]) -> None:
    """去年同期 after 10月底 in its sentence: 10月底 of the year before (a copy of the
    last anchor, its years shifted); with no anchor before, the token stays a helper
    and the result reports it."""
    for prev in reversed(before):
        if prev.code == BREAK and prev.value in "。;":
            return
        if prev.code == "A" and prev.value.named is None:
            anchor = _shifted(prev.value, tok.value)
            if anchor is not None:
                tok.code, tok.value = "A", anchor
            return


def _shifted(anchor: Anchor, years: int) -> Anchor | None:
    out = anchor.copy()
    if out.today:
        return None
    if out.year is not None:
        out.year += years
    else:
        out.year_shift = (out.year_shift or 0) + years
    if out.to is not None:
        far = _shifted(out.to, years)  # a far end without a year is the reference's too
        if far is None:
            return None
        out.to = far
    return out


def _heading(tokens: list[Token], i: int) -> bool:
    """Whether the half-year or quarter at ``i``, without a year, heads the dates after its
    colon (上半年:2024年1月1日至2024年2月18日): they lie inside it, and say it all."""
    if i + 2 >= len(tokens) or tokens[i + 1].code != BREAK or tokens[i + 1].value != ":":
        return False
    head: Anchor = tokens[i].value
    if head.has_year or head.to is not None or head.edge is not None or head.named is not None:
        return False
    if head.grain == "half":
        months = range(1, 7) if head.half == 1 else range(7, 13)
    elif head.grain == "quarter" and head.quarter is not None:
        months = range(3 * head.quarter - 2, 3 * head.quarter + 1)
    else:
        return False
    date = tokens[i + 2]
    if date.code != "A" or date.value.grain not in ("day", "month", "tenday"):
        return False
    item: Anchor | None = date.value
    while item is not None:
        if item.month is None or item.month not in months:
            return False
        item = item.to
    return True
