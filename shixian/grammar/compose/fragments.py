"""Pass 1 of the composition stage (:mod:`shixian.grammar.compose`): date fragments into
anchors, with times of day, weekday notes, labels and restatements attached."""

from __future__ import annotations

import re

from ...model import Unit
from ..anchors import Anchor
from ..engine import BREAK, GAP, Token
from ..named import Day, LunarDays
from ..vocabulary import DAYPART, SCHEDULE_HEDGES
from .anchoring import (
    _BARE_WEEKDAYS,
    _DEFINING,
    _HOLIDAY_WORDS,
    _NOTE_END,
    _defined,
    _edge_of,
    _in_brackets,
    _restates,
    _same_period_of,
    _season_of_years,
    _take_prefix,
    _union_in_month,
)
from .codes import (
    _RANGE,
)
from .days import (
    _JOINING,
    _joined,
    _next_day_end,
    _one_day,
    _only_brackets,
    _today_stated,
)
from .framing import _bare_year

# -- 1. fragments -------------------------------------------------------------


#: The words of a bracketed note that the day itself counts (6月30日(含6月30日)前).
_INCLUSIVE = ("含", "包括", "包含")
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


def _fragments(tokens: list[Token], text: str) -> list[Token]:
    """Join adjacent date fragments into anchors: 2016年 + 12月 + 底; 6月 + 至 + 12月."""
    out: list[Token] = []
    for tok in tokens:
        code = tok.code
        if code == "U" and out and out[-1].code in _RANGE and _day_range_end(tok, out, text):
            # 7月1—7日内, 5月10日至20日内: the last day of the range, then 内 (within it)
            tok = Token("a", tok.start, tok.end, Anchor(day=tok.value.amount), tok.rule)
            code = "a"
        if code != "a":  # the joins by the code of the token (each case as it reads)
            if code in _JOINING and _joined(tok, code, out, text):
                continue
            if code == "i" and _next_day_end(tok, out):
                continue
            if (
                code == "i"
                and tok.value.amount == 0
                and out
                and out[-1].code == "A"
                and out[-1].end == tok.start
                and _one_day(out[-1].value)
            ):
                out[-1].end = tok.end  # 除夕当天, 6月30日当日: that day itself
                continue
            if (
                code == "t"
                and tok.value[:2] == ("week", 0)
                and len(tok.value) > 2
                and out
                and out[-1].code == "A"
                and out[-1].value.last().grain == "day"
                and out[-1].value.last().weekday is None
                and text[out[-1].end : tok.start] == "("
                and text[tok.end : tok.end + 1] == ")"
            ):
                # 9月17日(本周五): a weekday note (checked against the date), not this week's day
                out[-1].value.last().weekday = tok.value[2]
                out[-1].end = tok.end + 1
                continue
            if code == GAP and out:
                before = out[-1]
                if (
                    tok.value.isdigit()
                    and len(tok.value) <= 2
                    and len(out) >= 2
                    and out[-1].code == "/"
                    and out[-1].value == "、"
                    and out[-2].code == "A"
                    and out[-2].value.to is None
                    and out[-2].value.grain == "day"
                    and (tok.end == len(text) or text[tok.end] in ",;。)\n ")
                ):
                    # 5月18、19: a last day written without 日 (the list gives it its month)
                    tok = Token("A", tok.start, tok.end, Anchor(day=int(tok.value)), tok.rule)
                    out.append(tok)
                    continue
                if tok.value == "的" and before.code == "P" and before.end == tok.start:
                    before.end = tok.end  # 比赛开始前的1周内: 前的 is 前
                    continue
                if (
                    before.code == "A"
                    and tok.value in _BARE_WEEKDAYS
                    and text[before.end : tok.start] == "("
                    and text[tok.end : tok.end + 1] == ")"
                ):
                    last = before.value.last()
                    if last.weekday is None and last.grain == "day":
                        # 4/16(二), 3月6日(一): a Taiwan weekday note without 周
                        last.weekday = _BARE_WEEKDAYS[tok.value]
                        before.end = tok.end + 1
                        continue
                if (
                    before.code == "A"
                    and text[before.end : tok.start] == "("
                    and text[tok.end : tok.end + 1] == ")"
                    and tok.value.startswith(_INCLUSIVE)
                ):
                    before.end = tok.end + 1  # 6月30日(含6月30日)前: the day itself counts
                    continue
                if before.code == "A" and before.end == tok.start:
                    if tok.value in DAYPART and _one_day(before.value.last()):
                        before.end = tok.end  # 3月22日下午~3月28日: a part of the day
                        continue
                    if tok.value.startswith(("左右", "前后")):
                        before.value.last().about = True  # 5月左右
                        before.end = tok.start + 2
                        if len(tok.value) == 2:
                            continue
                        tok = Token(GAP, tok.start + 2, tok.end, tok.value[2:], "gap")
            elif code == "y":
                _same_period_of(tok, out)
            out.append(tok)
            continue
        prev: Token | None = out[-1] if out else None
        if (
            prev is not None
            and prev.code == GAP
            and len(out) >= 2
            and out[-2].code == "Q"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and SCHEDULE_HEDGES.fullmatch(prev.value) is not None
        ):
            out.pop()  # 每年基本固定在10月: the words between do not change the schedule
            prev = out[-1]
        frag: Anchor = tok.value
        if (
            prev is not None
            and prev.code == "t"
            and prev.value[0] == "week"
            and prev.value[2] is not None
            and frag.grain == "day"
            and frag.to is None
            and text[prev.end : tok.start] == "("
        ):
            # 上周四(5月19日), 本周五(9月17日): the date states the day, the weekday is its note
            frag.weekday = prev.value[2]
            tok.start = out.pop().start
            prev = out[-1] if out else None
        elif (
            prev is not None
            and prev.code == "i"
            and frag.grain == "day"
            and frag.to is None
            and text[prev.end : tok.start] == "("
        ):
            # 翌日(17日), 次日(5月8日): the date states the day the word names
            tok.start = out.pop().start
            prev = out[-1] if out else None
        if (
            prev is not None
            and frag.quarter is not None
            and _quarter_range_start(frag, tok, out, text)
        ):
            prev = out[-1]  # 1-3季度, 一至三季度: the first number is a quarter too
        if prev is not None and prev.code == "w" and prev.end == tok.start and not frag.has_year:
            frag.anaphoric = True  # 该年12月底: a year told before, the reference's is a guess
            prev = _take_prefix(out, tok)
        if (
            prev is not None
            and prev.code == "t"
            and prev.end == tok.start
            and prev.value[0] == "month"
            and frag.month is None
            and not frag.has_year
            and (
                frag.grain in ("day", "tenday")
                or (frag.grain is None and frag.edge is not None and frag.edge_grain is None)
            )
        ):
            # 本月十七日, 上月下旬, 本月底, 下月初: the month is the reference's, shifted
            frag.month_shift = prev.value[1]
            if frag.grain is None:
                frag.edge_grain = "month"
            prev = _take_prefix(out, tok)
        if (
            prev is not None
            and prev.code == "A"
            and prev.end == tok.start
            and _season_of_years(prev.value, frag)
        ):
            # 2017-2018年秋冬季: the autumn and winter that run from 2017 into 2018
            prev.value = Anchor(year=prev.value.year, named=frag.named)
            prev.end = tok.end
            continue
        if (
            prev is not None
            and prev.code == "A"
            and (prev.end == tok.start or _in_brackets(text, prev.end, tok))
            and (_defined(frag) or isinstance(frag.named, LunarDays))
            and not getattr(frag.named, "holiday", False)
            and prev.value.last().grain == "day"
        ):
            # 1/28除夕, 2月9日除夕, 2月10日(大年初一): the festival names the day written before it
            if prev.end == tok.start:
                prev.end = tok.end
            else:
                note = _NOTE_END.match(text, tok.end)
                prev.end = tok.end if note is None else note.end()
            continue
        if (
            prev is not None
            and prev.code == GAP
            and prev.value == "的"
            and frag.named is not None
            and not frag.has_year
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and out[-2].value.has_year
            and _bare_year(out[-2].value)
        ):
            # 2019年的劳动节: the festival of that year
            out.pop()
            out[-1].value.absorb(frag)
            out[-1].end = tok.end
            continue
        if prev is not None and prev.code == "A" and prev.end == tok.start:
            target: Anchor = prev.value.last()
            if target.time is None and (
                target.accepts(frag)
                # 2016年春节 (a year, then what it names); two named periods stay two
                # (“十四五”“十五五”时期)
                or (frag.grain is None and frag.edge is None and target.named is None)
            ):
                target.absorb(frag)
                if frag.to is not None:
                    target.to = frag.to.fill_from(target)
                prev.end = tok.end
                continue
        if (
            prev is not None
            and prev.code in _RANGE
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
            and (
                frag.grain is not None
                or _edge_of(frag, out[-2].value) is not None
                or (isinstance(frag.named, Day) and _one_day(out[-2].value))
            )
        ):
            left: Anchor = out[-2].value
            # 6月28日-30日 fills from the start; 10月中下旬至11月上旬, a range from a union of
            # thirds, from the union's last third; 2月18日至月底, the edge of the start's month
            if left.to is None or (frag.to is None and _union_in_month(left)):
                edge = _edge_of(frag, left) if frag.grain is None else None
                if isinstance(frag.named, Day):
                    edge = frag  # 今天到明天, 3月1日到明天: a day counted from the reference
                if edge is None:
                    edge = frag.fill_from(left if left.to is None else left.to)
                far = edge
                out[-2].value.to = far
                out[-2].end = tok.end
                out.pop()
                continue
        if frag.to is not None and frag.to.today and frag.grain is None:
            tok.code = "z"  # 至今 with no date before it: no range
        elif frag.edge is not None and frag.edge_grain is None and frag.grain is None:
            tok.code = "E"
        else:
            tok.code = "A"
            if (
                prev is not None
                and len(out) >= 3
                and out[-2].code == GAP
                and out[-2].value in _HOLIDAY_WORDS
                and out[-3].code == "A"
                and out[-3].end == out[-2].start
                and out[-2].end == prev.start
                and ((prev.code == BREAK and prev.value == ":") or prev.value in _DEFINING)
                and _defined(out[-3].value)
            ):
                # 2012年端午节放假安排:6月23日至25日: the words of a holiday notice between the
                # festival and its dates (the festival is then the label, as in 春节:…)
                words = out.pop(-2)
                out[-2].end = words.end
            if (
                prev is not None
                and (
                    (prev.code == BREAK and prev.value == ":")
                    or (prev.code == GAP and prev.value in _DEFINING)
                )
                and len(out) >= 2
                and out[-2].code == "A"
                and out[-2].end == prev.start
                and _defined(out[-2].value)
                and frag.grain is not None
            ):
                # 春节:1月31日至2月6日 (a holiday notice): the festival names the dates after it
                label = out[-2]
                named: Anchor = label.value
                if named.has_year and not frag.has_year:
                    # 2024年春节:2月10日至17日: the dates are in the festival's year
                    frag.give_year(named.year, named.year_shift)
                    tok.start = label.start
                    del out[-2:]
                    prev = out[-1] if out else None
                else:
                    label.code, label.value, label.rule = GAP, text[label.start : label.end], "gap"
            elif (
                prev is not None
                and prev.code == "A"
                and prev.end + 1 == tok.start
                and text[prev.end] == "("
                and (_defined(prev.value) or isinstance(prev.value.named, LunarDays))
                and frag.grain is not None
            ):
                # 农历新年(2025年1月29至31日), 正月初九(2月18日): the festival or lunar day
                # names the dated days in brackets
                prev.code, prev.value, prev.rule = GAP, text[prev.start : prev.end], "gap"
            elif (
                prev is not None
                and prev.code == "A"
                and prev.end + 1 == tok.start
                and text[prev.end] == "("
                and text[tok.end : tok.end + 1] == ")"
                and _restates(prev.value, frag)
            ):
                # 2024年底(12月31日)前: the date in brackets says the same, more exactly
                tok.value = frag.fill_from(prev.value)
                tok.start = out.pop().start
                tok.end += 1
            elif (
                prev is not None
                and prev.code == "A"
                and isinstance(prev.value.named, Day)
                and prev.value.named.day is None
                and frag.grain == "day"
                and _only_brackets(text, prev.end, tok.start)
            ):
                # 今日(八月十一日): the day the text states is the day meant
                tok.start = out.pop().start
                if text[tok.end : tok.end + 1] == ")":
                    tok.end += 1
            elif (
                frag.day is not None
                and out
                and frag.has_year
                and frag.grain == "day"
                and _today_stated(out, text, tok)
            ):
                # 今天是:2025年12月06日: the date says which day today is
                pass
        out.append(tok)
    return out
