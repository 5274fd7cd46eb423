"""Festivals, holiday periods, five-year plans, seasons and spans of years as anchors.

春节前, 国庆节后, 元旦春节期间, 节后, 寒假, 汛前, “十四五”期间, 十三五末, 2016年夏季,
今后三年, 近五年.

Each family is a vocabulary table (words, traditional forms included → what they
mean) compiled into one token rule; the token is a calendar anchor
(:class:`~shixian.grammar.anchors.Anchor`) whose ``named`` period resolves it, so
plan periods, seasons and spans take the relations of any period (前, 内, 起, 以来,
至, 到). Festivals and holidays are *occasions* (code ``G``): 前 is before the
occasion begins, 后 after its holiday, 期间 its official holiday period.

Token codes: ``a`` (merged into ``A``, as every date fragment; an occasion's
anchor is then recoded ``G``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...calendar import festivals as cal
from ...calendar import occasions
from ...errors import HolidayOutOfRange, InvalidDate
from ...model import (
    Deadline,
    Direction,
    Frequency,
    Offset,
    Ongoing,
    Part,
    Relative,
    Schedule,
    Window,
)
from ..anchors import Anchor
from ..engine import Context, Rule, Token
from ..named import Festivals, LunarDays, NextHoliday, Occasion
from .restated import RESTATED_WITHIN
from .schedule import Every

__all__ = ["JUST_PASSED", "RULES", "SCHEDULE_RULES", "recent_bounds"]

_ONE_DAY = dt.timedelta(days=1)

# -- productions -----------------------------------------------------------------------


def _occasion_of(ctx: Context, tokens: Sequence[Token]) -> tuple[Token, Anchor]:
    """The occasion token, and its anchor: for 节前/节后 the festival named earlier
    in the text, when there is one (春节前完成摸底,节后开展整治)."""
    tok = next(t for t in tokens if t.code == "G")
    anchor: Anchor = tok.value
    if isinstance(anchor.named, NextHoliday):
        for earlier in reversed(ctx.tokens[: tok.index]):
            if earlier.code == "G" and isinstance(earlier.value.named, Festivals):
                return tok, earlier.value
    return tok, anchor


def festival_before(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<festival>前``: a deadline before the occasion begins (see ``Festivals.before``)."""
    _, anchor = _occasion_of(ctx, tokens)
    named = anchor.named
    assert isinstance(named, Festivals | NextHoliday | Occasion)
    due, alternatives, inferred = named.before(anchor, ctx.reference, ctx.text, ctx.strict)
    return [
        Deadline(
            **ctx.common(tokens, inferred),
            due=due,
            ambiguous=bool(alternatives),
            alternatives=alternatives,
        )
    ]


#: 春节前后: the days around the festival, a fuzzy window this many days either side
#: of its holiday period (of its day, when it has none).
AROUND_DAYS = 7


def festival_around(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<festival>前后``: a fuzzy window from a week before the occasion to a week after."""
    _, anchor = _occasion_of(ctx, tokens)
    named = anchor.named
    if isinstance(named, Festivals) and not named.holiday:
        holiday = Festivals(named.keys, True)
        anchor = anchor.copy()
        anchor.named = holiday
        try:
            start, end, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
        except HolidayOutOfRange:  # no days off known: around the festival day
            anchor.named = named
            start, end, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
    else:
        start, end, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
    week = dt.timedelta(days=AROUND_DAYS)
    return [Window(**ctx.common(tokens, inferred), start=start - week, end=end + week, fuzzy=True)]


def festival_after(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<festival>后``: continuing from the day after the occasion's holiday; ``入汛后``
    (the season entered) from its first day."""
    tok, anchor = _occasion_of(ctx, tokens)
    named = anchor.named
    assert isinstance(named, Festivals | NextHoliday | Occasion)
    if ctx.cleaned.text.startswith("入", tok.start):
        start, _, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
        return [Ongoing(**ctx.common(tokens, inferred), start=start)]
    start, inferred = named.after(anchor, ctx.reference, ctx.text)
    return [Ongoing(**ctx.common(tokens, inferred), start=start)]


def festival_since(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<festival>起``, ``<festival>以来``: continuing from the occasion's first day;
    without a year, 以来 looks back to the last occasion begun by the reference."""
    _, anchor = _occasion_of(ctx, tokens)
    start, _, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
    if tokens[-1].value == "以来" and not anchor.has_year and start > ctx.reference:
        named = anchor.named
        if isinstance(named, Festivals | Occasion):
            earlier = anchor.copy()
            earlier.year = named.year(anchor, ctx.reference)[0] - 1
            start = earlier.bounds(ctx.reference, ctx.text)[0]
    part = Ongoing(**ctx.common(tokens, inferred), start=start)
    if isinstance(anchor.named, Occasion):  # 寒假开始:2024年1月28日: the date states it
        ctx.named.append((part, None))
    return [part]


def festival_window(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<festival>``, ``<festival>期间``: within the festival day or its holiday period;
    ``<festival>前夕`` (国庆前夕, 春节前夕: its eve), a fuzzy window on the day before the
    festival's own day (前夕 is no 前 of a deadline: a not-time word)."""
    _, anchor = _occasion_of(ctx, tokens)
    named = anchor.named
    if isinstance(named, Festivals) and len(named.keys) > 1 and _apart(named, ctx.reference):
        # 春节、国庆节等期间: festivals months apart are each their own window (元旦春节期间,
        # 中秋国庆, neighbours, are one)
        parts: list[Part] = []
        for key in named.keys:
            one = anchor.copy()
            one.named = Festivals((key,), named.holiday)
            start, end, inferred, fuzzy = recent_bounds(ctx, one)
            parts.append(Window(**ctx.common(tokens, inferred), start=start, end=end, fuzzy=fuzzy))
        return parts
    last = tokens[-1]
    if tokens[-1].code == "G" and ctx.cleaned.text.startswith("前夕", last.end):
        named = anchor.named
        if isinstance(named, Festivals) and named.holiday:
            anchor = anchor.copy()
            anchor.named = Festivals(named.keys, False)
        start, _, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
        eve = start - dt.timedelta(days=1)
        return [Window(**ctx.common(tokens, inferred), start=eve, end=eve, fuzzy=True)]
    start, end, inferred, fuzzy = recent_bounds(ctx, anchor)
    part = Window(**ctx.common(tokens, inferred), start=start, end=end, fuzzy=fuzzy)
    ctx.named.append((part, None if isinstance(named, Occasion) else RESTATED_WITHIN))
    return [part]


def recent_bounds(ctx: Context, anchor: Anchor) -> tuple[dt.date, dt.date, bool, bool]:
    """The occasion's bounds: the one under way or next, or the one just passed
    (:data:`JUST_PASSED`) — 除夕当天,烟花爆竹类警情增多 a week after it: a text soon after an
    occasion is about the one just passed, not next year's."""
    start, end, inferred, fuzzy = anchor.bounds(ctx.reference, ctx.text)
    named = anchor.named
    if (
        start > ctx.reference
        and not anchor.has_year
        and isinstance(named, Festivals | Occasion | LunarDays)
    ):
        earlier = anchor.copy()
        earlier.year = named.year(anchor, ctx.reference)[0] - 1
        try:
            past = earlier.bounds(ctx.reference, ctx.text)
        except (HolidayOutOfRange, InvalidDate):  # no days off (中秋节 before 2008), 腊月三十
            return start, end, inferred, fuzzy
        if ctx.reference - past[1] <= JUST_PASSED:
            return past[0], past[1], inferred, past[3]
    return start, end, inferred, fuzzy


#: festivals named together further apart than this are read one by one
_NEIGHBOURS = dt.timedelta(days=62)


def _apart(named: Festivals, reference: dt.date) -> bool:
    days = sorted(cal.festival_day(key, reference.year) for key in named.keys)
    return days[-1] - days[0] > _NEIGHBOURS


#: how long after an occasion a text without a year still means that one (its 期间, its
#: day) rather than the next; a deadline before it (春节前) always looks ahead
JUST_PASSED = dt.timedelta(days=30)


def festival_offset(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``春节前3个工作日``, ``国庆节后5个工作日内``: a limit before or after the festival,
    the festival as its event (``Relative.resolve`` counts from the day it is given)."""
    tok, dur = tokens[0], tokens[-1]
    event, _ = ctx.where([tok])
    before = tokens[1].code == "P"
    return [
        Relative(
            **ctx.common(tokens, False),
            offset=Offset(dur.value.amount, dur.value.unit),
            trigger=event,
            direction=Direction.BEFORE if before else Direction.AFTER,
        )
    ]


def yearly_festival(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``每年春节前``: a yearly schedule due the day before the festival; a Gregorian
    festival also gets its month and day (an RRULE), a lunar one only ``festival``.
    An occasion other than a festival (每年汛前) reads as 每年 and its deadline."""
    every, tok = tokens[0], tokens[1]
    named = tok.value.named
    freq: Every = every.value
    yearly = freq.every is Frequency.YEAR and freq.interval == 1
    if yearly and isinstance(named, Occasion) and not occasions.FUZZY_OCCASIONS[named.key].lunar:
        # 每年汛前: due the day before the documented default start, labelled with the
        # occasion (regions set their own dates: see docs/semantics.md)
        month, first = occasions.FUZZY_OCCASIONS[named.key].start
        eve = dt.date(2001, month, first) - _ONE_DAY
        return [
            Schedule(
                **ctx.common(tokens, False),
                every=Frequency.YEAR,
                months=(eve.month,),
                day=eve.day,
                label=named.key,
            )
        ]
    if not isinstance(named, Festivals) or not yearly:
        return [
            Schedule(**ctx.common(tokens[:1], False), every=freq.every, interval=freq.interval),
            *festival_before(ctx, tokens[1:]),
        ]
    key = named.keys[0]
    fest = cal.FESTIVALS[key]
    months: tuple[int, ...] | None = None
    day = None
    if fest.calendar == "solar":
        eve = dt.date(2001, fest.month, fest.day) - _ONE_DAY
        months, day = (eve.month,), eve.day
    return [
        Schedule(
            **ctx.common(tokens, False), every=Frequency.YEAR, months=months, day=day, festival=key
        )
    ]


#: Rules tried before the schedules (每年春节前 before 每年).
SCHEDULE_RULES: list[Rule] = [Rule("每年<festival>前", r"QGP", yearly_festival)]

RULES: list[Rule] = [
    Rule("<festival>前<n>个工作日", r"G[PK]U", festival_offset),
    Rule("<festival>前后", r"GPK", festival_around),
    Rule("<festival>前", r"B?GP", festival_before),
    Rule("<festival>后", r"GK", festival_after),
    Rule("<festival>起", r"F?GS", festival_since),
    Rule("<festival>期间", r"GW?", festival_window),
]
