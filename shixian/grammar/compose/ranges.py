"""Ranges whose ends the lexer gives in another form, for pass 1 of the composition stage
(:mod:`shixian.grammar.compose.fragments`): a last day written as a length (7月1—7日内) and a
first quarter written as a bare number (1-3季度)."""

from __future__ import annotations

import re

from ...model import Unit
from ..anchors import Anchor
from ..engine import GAP, Token
from .framing import _bare_year

__all__ = ["_day_range_end", "_quarter_range_start"]

#: A length written as a day of the month and 内 (7日内, 二十日以内): after a range's
#: connector that follows a day, the range's last day (7月1—7日内), not a length.
_DAY_WITHIN = re.compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})日(?:以内|之内|内)")


#: a quarter's number and a connector right before a quarter (1-3季度, 第一至三季度)
_QUARTER_LOW = re.compile(r"第?([1-4一二三四]) ?[-—–~至到] ?$")
_QUARTER_DIGITS = "1一2二3三4四"


def _quarter_range_start(frag: Anchor, tok: Token, out: list[Token], text: str) -> bool:
    """1-3季度, 一至三季度, 第一至三季度: a bare number, a connector and a quarter (of no
    year told before it) are a range of quarters. The number becomes the range's first
    quarter (joined to a bare year right before it: 2021年1-3季度) and ``out`` ends with it
    and the connector; False (``out`` untouched) when they are no such range."""
    last = frag.quarter
    if last is None or frag.has_year or frag.month is not None:
        return False
    m = _QUARTER_LOW.search(text, max(0, tok.start - 5), tok.start)
    if m is None or (m.start() > 0 and text[m.start() - 1].isdigit()):
        return False  # (2021-3季度 is no range of quarters)
    first = _QUARTER_DIGITS.index(m.group(1)) // 2 + 1
    if first >= last:
        return False
    kept = len(out)
    while kept and out[kept - 1].start >= m.start():
        if out[kept - 1].code not in "Rh" + GAP:
            return False
        kept -= 1
    if kept and out[kept - 1].end > m.start() and out[kept - 1].code != GAP:
        return False
    del out[kept:]
    if out and out[-1].end > m.start():  # a gap holding the number: cut it there
        gap = out.pop()
        out.append(Token(GAP, gap.start, m.start(), text[gap.start : m.start()], "gap"))
    cut = m.start() + len(m.group(0).rstrip(" -—–~至到"))
    year = out[-1] if out else None
    if year is not None and year.code == "A" and year.end == m.start() and _bare_year(year.value):
        year.value.absorb(Anchor(quarter=first))  # 2021年1-3季度: the year's first quarter
        year.end = cut
    else:
        out.append(Token("A", m.start(), cut, Anchor(quarter=first), "季度"))
    out.append(Token("R", cut, tok.start, text[cut : tok.start], "至|到"))
    return True


def _day_range_end(tok: Token, out: list[Token], text: str) -> bool:
    """Whether the length ``tok`` (N日内) ends the range that ``out`` opens with a day and
    a connector: the day is later in the same month (a month has no day 32)."""
    if len(out) < 2 or out[-2].code != "A":
        return False
    start, connector = out[-2], out[-1]
    if start.end != connector.start or connector.end != tok.start:
        return False
    length = tok.value
    if length.unit is not Unit.DAY or length.approx or length.either:
        return False
    if _DAY_WITHIN.fullmatch(text, tok.start, tok.end) is None:
        return False
    left: Anchor = start.value
    return (
        left.to is None
        and left.grain == "day"
        and left.day is not None
        and left.day < length.amount <= 31
    )
