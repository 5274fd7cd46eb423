"""Recurring schedules: 每季度, 每月10日前, 每年3月底前, 流行季节(4—10月)每月, 月报, 不定期.

The productions; the words, their token rules and codes are in :mod:`.schedule_words`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import cast

from ...errors import InvalidDate
from ...model import Frequency, Offset, Part, Relative, Schedule
from ..anchors import Anchor
from ..engine import Context, Rule, Token
from ..vocabulary import SENTENCE_ENDS
from . import positions
from .positions import after_period_end as _after_period_end
from .schedule_words import (
    _FINENESS,
    _PERIOD_MONTHS,
    FIRST_TOKENS,
    REFUSING,
    REPORTS,
    TOKENS,
    Every,
)

__all__ = ["FIRST_TOKENS", "REFUSING", "RULES", "TOKENS", "Every"]


def _told_before(ctx: Context, report: Token) -> bool:
    """Whether the clause of a report noun (月报) already holds a schedule of its period."""
    last = ctx.parts[-1] if ctx.parts else None
    if not isinstance(last, Schedule) or last.every is not report.value.every:
        return False
    return not any(
        t.code == "|" for t in ctx.tokens if last.span[1] <= t.start and t.end <= report.start
    )


def _year_before(ctx: Context, report: Token) -> bool:
    """Whether a year is told before a report noun in its clause (2011年度工业统计年报,
    2022年统计年报和2023年定期统计报表): the report of that year, a document, no schedule."""
    for tok in reversed(ctx.tokens[max(0, report.index - 6) : report.index]):
        if tok.code == "|":
            return False
        if tok.code == "A" and tok.value.has_year:
            return True
    return False


_GRAIN_OF = {Frequency.MONTH: "month", Frequency.QUARTER: "quarter", Frequency.YEAR: "year",
             Frequency.HALFYEAR: "half"}  # fmt: skip


def _report_of(tokens: Sequence[Token], q_pos: int) -> bool:
    """Whether a report noun (月报) follows right after a period of its own grain (7月份)."""
    if q_pos != 1 or len(tokens) != 2 or tokens[0].code != "A":
        return False
    q, anchor = tokens[1], tokens[0].value
    if q.rule not in REPORTS or q.start != tokens[0].end or anchor.to is not None:
        return False
    return anchor.named is None and _GRAIN_OF.get(q.value.every) == anchor.grain


#: the note of an interval given as a range
_SPREAD = "an interval of {} to {} periods: the schedule keeps the longer, the latest on time"


def schedule(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """Every kind of recurring schedule; fields from the tokens in the match."""
    qs = [t for t in tokens if t.code == "Q"]
    if (
        len(tokens) == 1
        and qs[0].rule in REPORTS
        and (_told_before(ctx, qs[0]) or _year_before(ctx, qs[0]))
    ):
        return []  # 每月10日前发布…月报: the report names the schedule told before it
    q_pos = tokens.index(qs[0])
    if _report_of(tokens, q_pos):  # 7月份月报, 2023年年报: the report of that period
        from .calendar import window

        return window(ctx, tokens[:q_pos])
    stop = next((t for t in tokens[:q_pos] if t.code == "|" and t.value in SENTENCE_ENDS), None)
    if stop is not None:  # 自2016年起全面推开。每季度……: a start and, apart, a schedule
        from .calendar import ongoing_from

        head = tokens[: tokens.index(stop)]
        return [*ongoing_from(ctx, head), *schedule(ctx, tokens[q_pos:])]
    finest = max(qs, key=lambda t: _FINENESS.index(t.value.every)
                 if t.value.every in _FINENESS else -1)  # fmt: skip
    freq: Every = finest.value
    fields: dict[str, object] = {"every": freq.every, "interval": freq.interval}
    if freq.shortest is not None:  # 每3—5天: the longer interval, and the result says so
        ctx.flags.append((finest.start, finest.end, _SPREAD.format(freq.shortest, freq.interval)))
    _set_weekdays(fields, freq.weekdays)
    inferred = False
    if freq.workday is not None:  # 工作日: each working day
        fields["workday"] = freq.workday
    if freq.months is not None:  # 逢单月: only those months
        fields["months"] = freq.months
    # bounds before the frequency: 自2016年起, 2016—2018年, (4—10月)
    opened = tokens[0].code == "F" or any(t.code == "S" for t in tokens[:q_pos])
    for tok in tokens[:q_pos]:
        if tok.code != "A":
            continue
        anchor: Anchor = tok.value
        # 自4月份开始每月8日前: a month opened by 自 / 起 is the start, not the months
        if anchor.has_year or anchor.today or _has_days(anchor) or opened:
            # 2016—2018年每年; 4月10日至30日(每周一、三): a span with a recurrence inside
            start, end, year_inferred, _ = anchor.bounds(ctx.reference, ctx.text)
            inferred = inferred or year_inferred
            fields["start"] = start
            if anchor.to is not None or not any(t.code == "S" for t in tokens[:q_pos]):
                fields["until"] = end
            if any(t.code == "S" for t in tokens[:q_pos]) or (
                tokens[0].code == "F" and tokens[-1].code == "S"
            ):  # 自2016年起每年, 自2016年度年报起: from that year on
                fields.pop("until", None)
        elif anchor.month is not None:
            fields["months"] = _month_list(anchor)
    exceptions = _exceptions(ctx, tokens[q_pos:], freq.every)
    if exceptions:  # 每月28日(12月25日)前: a monthly due day, and December's its own
        from .calendar import deadline_before, window

        parts = schedule(ctx, [t for t in tokens if t not in exceptions])
        relation = [t for t in tokens[q_pos:] if t.code == "P"][-1:]
        for tok in exceptions:
            parts.extend(deadline_before(ctx, [tok, *relation]) if relation else window(ctx, [tok]))
        return parts
    # the due point after the frequency: 3月底前, 10日前, 首月15日前, 4月至10月
    month_of_period = None
    listed: set[int] = set()  # 每年6月、12月
    points: list[tuple[int, tuple[int, ...] | None, int]] = []  # 每月5日、20日: each due day
    weeks: tuple[int, ...] = ()
    for tok in tokens[q_pos:]:
        if tok.code == "M":
            month_of_period = tok.value
        elif tok.code == "D":
            _set_weekdays(fields, tok.value)
        elif tok.code == "k" and tok.value[0] == "weeks":
            weeks = tok.value[1]  # 每月第一、三周的周五: one schedule per week
        elif tok.code == "k":
            fields[tok.value[0]] = tok.value[1]
        elif tok.code == "o":  # 每月第一个周一: week 1, Monday
            fields["week"], fields["weekday"] = tok.value
        elif tok.code == "A":
            anchor = tok.value
            if anchor.has_year:
                start, end, _, _ = anchor.bounds(ctx.reference, ctx.text)
                fields["start"], fields["until"] = start, end
                continue
            if anchor.month is None and freq.every is Frequency.YEAR:
                # 每年上半年, 每年一季度: due by the end of that part of the year
                if anchor.half is not None:
                    fields["months"] = (6 * anchor.half,)
                elif anchor.quarter is not None:
                    fields["months"] = (3 * anchor.quarter,)
            last = anchor.last()
            if _whole_months(anchor, last) or _yearly_span(anchor, last):
                # 每年5月1日至9月30日 is 每年5月至9月: the months themselves; so is a yearly
                # span of days across months (每年3月20日至6月20日, 每年11月15日至次年3月15日: a
                # season, a registration period), the months it runs through
                listed.update(_month_list(anchor))
                fields["months"] = tuple(sorted(listed))
                continue
            if anchor.to is not None and last.day is not None and last.month is not None:
                # 每年6月7日-10日, 每年3月1日至3月15日: a span of days in one month is due on
                # its last day
                listed.add(last.month)
                fields["months"] = tuple(sorted(listed))
                fields["day"] = last.day
                continue
            if anchor.to is not None and last.day is not None and anchor.month is None:
                fields["day"] = last.day  # 每月1日至5日: a span of days, due on its last day
                continue
            if anchor.month is not None:
                listed.update(_month_list(anchor))
                fields["months"] = tuple(sorted(listed))
            if anchor.day is not None:
                fields["day"] = anchor.day
                own = None if anchor.month is None else _month_list(anchor)
                points.append((tokens.index(tok), own, anchor.day))
        elif tok.code == "C":
            n, at_least = tok.value
            fields["min_count" if at_least or _has(tokens, "Z") else "count"] = n
    if freq.count is not None:  # 每12小时报告一次: twice a day, once each time
        key = "min_count" if "min_count" in fields else "count"
        fields[key] = freq.count * cast(int, fields.get(key, 1))
    every = freq.every
    if month_of_period is not None and every in _PERIOD_MONTHS:
        size = _PERIOD_MONTHS[every]
        offset = month_of_period - 1 if month_of_period > 0 else size - 1
        fields["months"] = tuple(range(1 + offset, 13, size))
    extra: list[Part] = []
    if tokens[-1].code == "U" and tokens[-2].code in "JK":
        # 每月后10个工作日内 (后 right after the period) or 每季度结束后: after each period;
        # 每月10日后3个工作日内 counts from the due day, an event of its own
        ends = tokens[-2].code == "J" or tokens[-3].code == "Q"
        after = _after_period_end(every, tokens[-1].value) if ends else None
        if after is not None:
            fields.update(after)
        else:  # 每季度结束后10个工作日内: no calendar rule; the end of each period is the event
            duration = tokens[-1].value
            event = ctx.cleaned.text[qs[0].start : tokens[-2].end]
            extra.append(
                Relative(
                    **ctx.common(tokens[-2:], False),
                    offset=Offset(duration.amount, duration.unit),
                    trigger=re.sub(r"(?:以后|之后|后)$", "", event),
                )
            )
            tokens = tokens[:-2]
    if tokens[0].code == "V":
        previous = next((p for p in ctx.parts[-3:][::-1] if p.due is not None), None)
        if previous is not None and previous.due is not None:
            fields["start"] = previous.due + dt.timedelta(days=1)
    _validate(ctx, fields)
    while (
        len(tokens) > 1
        and tokens[-1].code == "Q"
        and tokens[-1] is not finest
        and tokens[-1].value.every in (Frequency.PERIODIC, Frequency.IRREGULAR)
    ):
        tokens = tokens[:-1]  # 每月定期公开: 定期 restates 每月 and is no part of its words
    if len({day for _, _, day in points}) > 1:
        return [*_each_due_day(ctx, tokens, fields, points, inferred), *extra]
    common = ctx.common(tokens, inferred)
    if weeks:
        each = [Schedule(**common, **{**fields, "week": w}) for w in weeks]  # type: ignore[arg-type]
        return [*each, *extra]
    return [Schedule(**common, **fields), *extra]  # type: ignore[arg-type]


def _each_due_day(
    ctx: Context,
    tokens: Sequence[Token],
    fields: dict[str, object],
    points: list[tuple[int, tuple[int, ...] | None, int]],
    inferred: bool,
) -> list[Part]:
    """每月5日、20日, 每年6月10日、12月20日: one schedule per due day (with its months), as
    a list gives one part per item; the words before the first day belong to the first."""
    parts: list[Part] = []
    for i, (at, months, day) in enumerate(points):
        own = dict(fields, day=day)
        if months is not None:
            own["months"] = months
        _validate(ctx, own)
        first = 0 if i == 0 else at
        last = len(tokens) if i == len(points) - 1 else at + 1
        parts.append(Schedule(**ctx.common(tokens[first:last], inferred), **own))  # type: ignore[arg-type]
    return parts


def _set_weekdays(fields: dict[str, object], days: tuple[int, ...]) -> None:
    """One due weekday is ``weekday``; several are ``weekdays`` (每周二、四)."""
    if len(days) == 1:
        fields["weekday"], fields["weekdays"] = days[0], None
    elif days:
        fields["weekday"], fields["weekdays"] = None, days


def _has_days(anchor: Anchor) -> bool:
    """The anchor names days (4月10日至30日), not only months (4—10月)."""
    last = anchor.to if anchor.to is not None else anchor
    return anchor.grain in ("day", "tenday") or last.grain in ("day", "tenday")


def _has(tokens: Sequence[Token], code: str) -> bool:
    return any(t.code == code for t in tokens)


#: the periods a month in brackets cannot narrow: it is an exception's (每月28日(12月25日))
_WITHIN_MONTH = frozenset({Frequency.MONTH, Frequency.TENDAY, Frequency.WEEK, Frequency.DAY})


def _exceptions(ctx: Context, tokens: Sequence[Token], every: Frequency) -> list[Token]:
    """The dates in brackets after a monthly or shorter schedule's due point that name a
    month and a day of their own: an exception to the schedule, not its months."""
    if every not in _WITHIN_MONTH:
        return []
    text = ctx.cleaned.text
    return [
        t
        for t in tokens[1:]
        if t.code == "A"
        and t.value.month is not None
        and t.value.day is not None
        and t.value.to is None
        and text[t.start - 1 : t.start] == "("
        and (text[t.end : t.end + 1] == ")" or text[t.end : t.end + 2] == "前)")
    ]


def _whole_months(anchor: Anchor, last: Anchor) -> bool:
    """Whether a yearly span of days runs from a month's first day to a month's last
    (each year's; February's last is the 28th or the 29th)."""
    if anchor.to is not anchor.last() or anchor.month is None or last.month is None:
        return False
    if anchor.day != 1 or last.day is None or anchor.has_year or last.year is not None:
        return False
    return last.day in (
        calendar.monthrange(2001, last.month)[1],
        calendar.monthrange(2000, last.month)[1],
    )


def _yearly_span(anchor: Anchor, last: Anchor) -> bool:
    """Whether ``anchor`` is a span of days of each year, from a day of one month to a day
    of another (into the next year too: 每年10月15日到次年的4月15日)."""
    return (
        anchor.to is last
        and anchor.month is not None
        and last.month is not None
        and last.month != anchor.month
        and last.day is not None
        and not anchor.has_year
        and last.year is None
    )


def _month_list(anchor: Anchor) -> tuple[int, ...]:
    first = anchor.month
    assert first is not None
    last = anchor.to.month if anchor.to is not None and anchor.to.month is not None else first
    if last < first:
        return tuple(range(first, 13)) + tuple(range(1, last + 1))
    return tuple(range(first, last + 1))


def _validate(ctx: Context, fields: dict[str, object]) -> None:
    day = fields.get("day")
    months = fields.get("months")
    if not isinstance(day, int):
        return
    longest = 31
    if isinstance(months, tuple) and fields["every"] is Frequency.YEAR:
        # 每年2月30日前 names a day no year has (a leap year is the most lenient)
        longest = max(calendar.monthrange(2000, m)[1] for m in months)
    if not 1 <= day <= longest:
        raise InvalidDate(ctx.text, "day", day)


RULES: list[Rule] = [
    Rule(
        "每<period>",
        r"(?:V_?)?(?:F?AS\|?_?|F?A)?Z?Q(?:A(?:/A)*|[MDEQPko]|_o)*(?:_?Z?_?C)?(?:[JK]U)?"
        r"(?:(?<=FAQ)S)?",
        schedule,
    ),
    positions.WEEKDAY_OF_MONTH,
]
