"""Named periods restated by the dates of their sentence: the grammar's ``finish`` hook.

A festival, an occasion or a season that a production read (五一, 汛期, 春季) is dropped
when dates of the same sentence state its days (``今年“五一”放假4天!5月1日-5月4日放假``,
``4月1日起,江西省正式进入汛期``, ``3月15日至6月15日为春季森林草原防火期``): the dates are the
time, the named period their topic. The productions list such parts in
:attr:`shixian.grammar.engine.Context.named`, each with how near restating dates must be.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from ..._work import WORK
from ...calendar.periods import month_end
from ...model import Deadline, Frequency, Ongoing, Part, Schedule, Window
from ..engine import Context, Token
from ..vocabulary import SENTENCE_ENDS

__all__ = ["RESTATED_WITHIN", "RESTATE_REACH", "drop_restated", "fold_restated", "same_month"]

#: Days between a named period and dates that restate it (劳动节期间…4月28日和5月5日上班).
RESTATED_WITHIN = dt.timedelta(days=3)
#: Characters either side of a named period that dates restating it may lie within.
RESTATE_REACH = 80


def drop_restated(ctx: Context) -> None:
    """A festival named beside dates of its own days, in one sentence, is their topic:
    ``今年“五一”放假4天!5月1日-5月4日放假``, ``6月23日为端午节``, ``国庆节不串休,10月1日至
    10月5日放假`` are the dates, not the festival's window besides them. The dates are
    windows of days within :data:`RESTATED_WITHIN` of the festival's period. An occasion
    whose dates are only a convention (汛期, 寒假: each region or school sets them) is
    restated by any dates of its sentence (``4月1日起,江西省正式进入汛期``,
    ``每年的4月1日至6月30日是主汛期``)."""
    near = {id(p): within for p, within in ctx.named}
    text = ctx.text
    stated = sorted(
        (p for p in ctx.parts if id(p) not in near and isinstance(p, Window | Ongoing | Schedule)),
        key=lambda p: p.span[0],
    )
    if not stated:
        return
    starts = [p.span[0] for p in stated]
    keep: list[Part] = []
    for part in ctx.parts:
        if id(part) in near and isinstance(part, Window | Ongoing):
            # only the dates near it can share its sentence: a document's length is never
            # walked per festival (extract stays linear)
            lo = bisect.bisect_left(starts, part.span[0] - RESTATE_REACH)
            hi = bisect.bisect_right(starts, part.span[1] + RESTATE_REACH)
            WORK.scanned += hi - lo
            around = stated[lo:hi]
            within = near[id(part)]
            if within is None:
                if any(_same_sentence(other, part, text) for other in around):
                    continue
            elif isinstance(part, Window) and any(
                isinstance(other, Window) and _restates(other, part, text, within)
                for other in around
            ):
                continue
        keep.append(part)
    ctx.parts[:] = keep


def _restates(dates: Window, named: Window, text: str, within: dt.timedelta) -> bool:
    if dates.end < named.start - within or dates.start > named.end + within:
        return False
    # a period much longer than the named one does not restate it (2022年…春季项目: spring
    # is a part of the year)
    if (dates.end - dates.start).days > 3 * (named.end - named.start).days + 7:
        return False
    return _same_sentence(dates, named, text)


def _same_sentence(one: Part, other: Part, text: str) -> bool:
    lo = min(one.span[0], other.span[0])
    hi = max(one.span[1], other.span[1])
    return not any(ch in "。;\n" for ch in text[lo:hi])


#: what lies between a window and the bracket that restates it: a closing quote and the
#: words of a period (“十四五”时期(2021-2025年), 十四五规划(2021—2025年))
_BEFORE_BRACKET = re.compile(
    r"[”\"」』]?(?:时期|時期|期间|期間|阶段|階段|规划|規劃|计划|計劃)?[(（] ?"
)


def fold_restated(ctx: Context, start: dt.date, end: dt.date, span: tuple[int, int]) -> bool:
    """Whether the window ``start``–``end`` at ``span`` restates, in brackets, the window
    right before it (“十四五”时期(2021-2025年)); the window before then grows over it."""
    prev = ctx.parts[-1] if ctx.parts else None
    if not isinstance(prev, Window) or (prev.start, prev.end) != (start, end):
        return False
    if _BEFORE_BRACKET.fullmatch(ctx.text, prev.span[1], span[0]) is None:
        return False
    hi = span[1] + (ctx.text[span[1] : span[1] + 1] in ")）")
    ctx.parts[-1] = attrs.evolve(prev, text=ctx.text[prev.span[0] : hi], span=(prev.span[0], hi))
    return True


def _whole_month(part: Window) -> bool:
    return (
        not part.fuzzy
        and part.start.day == 1
        and (part.start.year, part.start.month) == (part.end.year, part.end.month)
        and part.end == month_end(part.end.year, part.end.month)
    )


def same_month(ctx: Context, head: Token, day: int | None, deadline: bool) -> list[Part] | None:
    """``当月`` (or ``同月``) after the months its sentence named is those months, not the
    month of an event: ``每月15日前将当月工作情况上报`` is the schedule alone, and
    ``3月、7月、8月申报纳税期限分别截至当月15日`` the 15th of each month named (deadlines when
    ``deadline``, days otherwise). ``None`` when the sentence named no month before it."""
    at = ctx.where([head])[1][0]
    text = ctx.text
    told: list[Part] = []
    for part in reversed(ctx.parts):
        if part.span[1] > at or any(ch in SENTENCE_ENDS for ch in text[part.span[1] : at]):
            break
        told.append(part)
    if not told:
        return None
    last = told[0]
    if isinstance(last, Schedule) and last.every is Frequency.MONTH:
        if day is not None and last.day is None:
            ctx.parts[-1] = attrs.evolve(last, day=day)
        elif day is not None and last.day != day:
            return None
        return []
    months: list[Window] = []
    for part in reversed(told):  # the months named, in reading order, back to a month
        if not isinstance(part, Window) or not _whole_month(part):
            months = []
            continue
        months.append(part)
    if not months or months[-1] is not last:
        return None
    if day is None:
        return []
    made: list[Part] = []
    for part in months:
        if day > part.end.day:
            return None
        on = part.start.replace(day=day)
        made.append(
            Deadline(text=part.text, span=part.span, year_inferred=part.year_inferred, due=on)
            if deadline
            else Window(
                text=part.text, span=part.span, year_inferred=part.year_inferred, start=on, end=on
            )
        )
    del ctx.parts[len(ctx.parts) - len(months) :]
    return made
