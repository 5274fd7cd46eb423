"""Calendar anchors and their relations: 2016年12月底前, 全年, 2017年第一季度前, 至2025年底.

Token codes: ``a`` date fragment (merged into ``A`` anchors, or ``E`` for a bare
底/末 that follows no anchor), ``P`` 前, ``B`` 不晚于/截至, ``R`` 至/到/—,
``W`` 内, ``S`` 起, ``F`` 自; for the composition stage (:mod:`shixian.grammar.compose`)
``T`` a time of day, ``h`` a hyphen between dates, ``n`` a bare number in a list,
``j`` a word joining list items (和, 及), ``g`` a garbled date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...calendar.periods import moment
from ...model import Deadline, Direction, Offset, Ongoing, Part, Relative, Schedule, Unit, Window
from ..anchors import Anchor
from ..engine import Context, Rule, Token
from ..named import LunarDays, Season, ThemeMonth, lasting_end
from ..vocabulary import SENTENCE_ENDS
from .calendar_words import FIRST_TOKENS, TOKENS, WEEK_OF_YEAR
from .festivals import recent_bounds
from .month_labels import exam_before, is_topic, label_before, label_of_list
from .restated import fold_restated

__all__ = ["FIRST_TOKENS", "RULES", "TOKENS", "WEEK_OF_YEAR"]

_ONE_DAY = dt.timedelta(days=1)

# -- productions ---------------------------------------------------------


def _anchor(tokens: Sequence[Token]) -> Token:
    for tok in tokens:
        if tok.code == "A":
            return tok
    raise AssertionError("rule without anchor")


_at = moment  # the moment a time of day names on a day (24时: the next midnight)


_WEEKDAY_NAMES = "一二三四五六日"


def _check_weekdays(ctx: Context, tok: Token, start: dt.date, end: dt.date) -> None:
    """A weekday note beside a date (3月6日(周一)) must be that date's weekday; a
    mismatch is reported (the result is then incomplete), never silently dropped."""
    anchor: Anchor = tok.value
    if anchor.to is None and anchor.weekday is None:
        return  # the common case: no note to check
    ends = [(anchor, start)]
    if anchor.to is not None:
        ends.append((anchor.last(), end))
    for part, day in ends:
        if part.weekday is not None and part.grain == "day" and day.weekday() != part.weekday:
            ctx.flags.append(
                (
                    tok.start,
                    tok.end,
                    f"the note says 周{_WEEKDAY_NAMES[part.weekday]} but {day.isoformat()} "
                    f"is a 周{_WEEKDAY_NAMES[day.weekday()]}",
                )
            )


def _bounds(ctx: Context, tok: Token) -> tuple[dt.date, dt.date, bool, bool]:
    """The anchor's period, its weekday notes checked."""
    anchor: Anchor = tok.value
    bounds: tuple[dt.date, dt.date, bool, bool] = anchor.bounds(ctx.reference, ctx.text)
    _check_weekdays(ctx, tok, bounds[0], bounds[1])
    if anchor.anaphoric:
        ctx.flags.append(
            (tok.start, tok.end, "a year told before (该年): the reference's is a guess")
        )
    if (
        anchor.month is None
        and anchor.month_shift is None
        and anchor.grain in ("day", "tenday")
        and not anchor.today
    ):
        # 28日下午, 下旬: the month is in another cell; the reference's month is a guess
        ctx.flags.append((tok.start, tok.end, "no month named: the reference's month was used"))
    return bounds


def _ends_with_edge(anchor: Anchor) -> bool:
    last = anchor
    while last.to is not None:
        last = last.to
    return (
        last.edge == "end" or last.grain == "day" or (last.named is not None and last.named.is_day)
    )


def deadline_before(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<anchor>前``: by the end of the period; 前 alone is ambiguous (see README)."""
    tok = _anchor(tokens)
    start, end, inferred, _ = _bounds(ctx, tok)
    text, span = ctx.where(tokens)
    if tokens[-1].value[0] in "底末" or _ends_with_edge(tok.value):
        due_at = _at(end, tok.value.last().time)
        return [Deadline(text=text, span=span, year_inferred=inferred, due=end, due_at=due_at)]
    strict = start - _ONE_DAY
    due, alt = (strict, end) if ctx.strict else (end, strict)
    return [
        Deadline(
            text=text,
            span=span,
            year_inferred=inferred,
            due=due,
            ambiguous=True,
            alternatives=(alt,),
        )
    ]


def deadline_by(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``不晚于/截至/到 <anchor>``: by the last day of the period; by about a period
    (到2025年前后) is no firm deadline, the fuzzy window of the period."""
    tok = _anchor(tokens)
    if tok.value.last().about:
        return window(ctx, tokens)
    if tokens[0].code == "R" and tok.value.to is not None:
        # 延至4月16日至19日举行: moved to a run of days, which is no "until"
        return window(ctx, tokens)
    _, end, inferred, _ = _bounds(ctx, tok)
    text, span = ctx.where(tokens)
    due_at = _at(end, tok.value.last().time)
    return [Deadline(text=text, span=span, year_inferred=inferred, due=end, due_at=due_at)]


def closed_by(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<anchor>截止``, ``<anchor>止``: a deadline on the day; a range closed so
    (2016年1月1日至2016年12月31日止) stays the window it is."""
    if _anchor(tokens).value.to is not None:
        return window(ctx, tokens)
    return deadline_by(ctx, tokens)


def after_period(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``上年度结束后``: from the day after the period ends, continuing."""
    tok = _anchor(tokens)
    _, end, inferred, _ = _bounds(ctx, tok)
    text, span = ctx.where(tokens)
    return [Ongoing(text=text, span=span, year_inferred=inferred, start=end + _ONE_DAY)]


def after_period_within(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``一季度结束后15日内``: due that long after the period's last day (counted as every
    limit is, :func:`shixian.calendar.offsets.resolve_offset`, on the official calendar:
    a reading never depends on the calendar a caller set); where it has no data for the
    year, the limit after the period's end as an event."""
    from ...calendar.offsets import resolve_offset
    from ...calendar.workdays import OFFICIAL
    from ...errors import ShixianError

    tok = _anchor(tokens)
    _, end, inferred, _ = _bounds(ctx, tok)
    dur = tokens[-1].value
    offset = Offset(dur.amount, dur.unit)
    text, span = ctx.where(tokens)
    try:
        due = resolve_offset(end, offset, calendar=OFFICIAL)  # never provisional: it raises
    except ShixianError:
        event = ctx.cleaned.text[tok.start : tokens[1].end].removesuffix("后")
        return [Relative(text=text, span=span, offset=offset, trigger=event)]
    assert isinstance(due, dt.date)
    return [Deadline(text=text, span=span, year_inferred=inferred, due=due)]


def from_day_within(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``自2022年3月1日起15日内``, ``即日起15个工作日内``: due that long after the day (the
    day itself not counted, 《民法典》第二百零一条, rolled off a rest day, on the official
    calendar); from a longer period, or where the calendar has no data, the start and the
    limit after an event, as before."""
    from ...calendar.offsets import resolve_offset
    from ...calendar.workdays import OFFICIAL
    from ...errors import ShixianError
    from .relative import after_event

    tok = _anchor(tokens)
    anchor: Anchor = tok.value
    start, end, inferred, _ = _bounds(ctx, tok)
    dur = tokens[-1].value
    if start == end and anchor.to is None and not dur.approx:
        offset = Offset(dur.amount, dur.unit)
        try:
            due = resolve_offset(start, offset, calendar=OFFICIAL)
        except ShixianError:
            due = None
        if isinstance(due, dt.date):
            text, span = ctx.where(tokens)
            return [Deadline(text=text, span=span, year_inferred=inferred, due=due)]
    return [*ongoing_from(ctx, tokens[:-1]), *after_event(ctx, tokens[-1:])]


def ongoing_from(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``(自)<anchor>起``: continuing work from the first day of the period; a range
    (从2024年12月18日至2024年12月24日, 自2016年7月起至2017年6月) is a window."""
    tok = _anchor(tokens)
    if tok.value.to is not None:
        return window(ctx, tokens)
    if tokens[0].code == "A" and tokens[-1].code == "K":
        from .relative import after_date

        after = after_date(ctx, tokens)  # 收到通知3日后, 6月30日后将不再接受补报
        if after is not None:
            return after
    start, _, inferred, _ = _bounds(ctx, tok)
    text, span = ctx.where(tokens)
    return [Ongoing(text=text, span=span, year_inferred=inferred, start=start)]


def window(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<anchor>``, ``<anchor>内``, ``<anchor>完成``: the work happens within the period.

    A month without a year right after a short label (中考3月) is a yearly
    schedule with that label.
    """
    tok = _anchor(tokens)
    anchor: Anchor = tok.value
    label = label_before(ctx, tok)
    opens = None if label is None else ctx.tokens[tok.index - 1].start  # 中考3月: from 中考
    label = label or label_of_list(ctx, tok) or exam_before(ctx, tok)
    month = anchor.month
    if (
        label is not None
        and anchor.grain == "month"
        and not anchor.has_year
        and anchor.to is None
        and anchor.edge is None  # 项目8月底具备通车条件 is a date of the project, no schedule
    ):
        assert month is not None
        return [
            Schedule(
                **ctx.common(tokens, False, start=opens),
                every="year",
                months=(month,),
                label=label,
            )
        ]
    if (
        len(ctx.tokens) == 1
        and anchor.day is not None
        and anchor.month is None
        and anchor.month_shift is None
        and not anchor.today
        and anchor.to is None
        and anchor.grain == "day"
        and ctx.cleaned.text[-1] in "日天"
    ):
        # a 时限 cell of only 3日: a length of time, counted from an event it does not name
        return [Relative(**ctx.common(tokens, False), offset=Offset(anchor.day, Unit.DAY))]
    if is_topic(ctx, tok):
        return []
    start, end, inferred, fuzzy = _bounds(ctx, tok)
    if start > ctx.reference and isinstance(anchor.named, LunarDays) and not anchor.has_year:
        # 大年初二 in a report a week after it: the one just passed, as a festival
        start, end, inferred, fuzzy = recent_bounds(ctx, anchor)
    count = None
    if len(tokens) > 2:
        count = next((t.value[0] for t in tokens if t.code == "C"), None)
    text, span = ctx.where(tokens)
    if fold_restated(ctx, start, end, span):
        return []  # “十四五”时期(2021-2025年): the years restate the plan
    part = Window(
        text=text,
        span=span,
        year_inferred=inferred,
        start=start,
        end=end,
        fuzzy=fuzzy,
        min_count=count,
        start_at=_at(start, anchor.time),
        end_at=None if anchor.to is None else _at(end, anchor.last().time),
    )
    _fold_length_before(ctx, part)
    if isinstance(anchor.named, Season | ThemeMonth) and anchor.to is None:
        # 3月15日至6月15日为春季森林草原防火期, 今年6月是第19个“安全生产月”: dates of its
        # sentence within the season's months restate it (rules.restated.drop_restated); a
        # theme month without a year, any (安全生产月活动于2013年6月1日至6月30日: the dates tell
        # the year too)
        anywhere = isinstance(anchor.named, ThemeMonth) and not anchor.has_year
        ctx.named.append((part, None if anywhere else dt.timedelta(0)))
    return [part]


_LASTING_UNITS = frozenset({Unit.DAY, Unit.WEEK, Unit.MONTH, Unit.YEAR})


def _fold_length_before(ctx: Context, part: Window) -> None:
    """A bare length right before the window it lasts, in one sentence (12个月宽限期便由
    2022年9月1日起至2023年8月31日为止): the window tells it; the length is dropped."""
    prev = ctx.parts[-1] if ctx.parts else None
    if not isinstance(prev, Relative) or prev.trigger is not None or prev.statute is not None:
        return
    amount, unit = prev.offset.amount, prev.offset.unit
    if amount is None or prev.offset.day is not None or prev.direction is not Direction.AFTER:
        return
    if any(ch in SENTENCE_ENDS for ch in ctx.text[prev.span[1] : part.span[0]]):
        return
    if unit in _LASTING_UNITS and lasting_end(part.start, amount, unit.value) == part.end:
        ctx.parts.pop()


RULES: list[Rule] = [
    Rule("<anchor>前", r"B?AP", deadline_before),
    Rule("不晚于<anchor>", r"BA", deadline_by),
    Rule("到<anchor>前", r"(?<![AE])RAP", deadline_before),  # 到2024年底前: one deadline
    Rule("到<anchor>", r"(?<![AE])RA", deadline_by),
    Rule("<day>起<n>日内", r"F?ASU", from_day_within),
    Rule("<anchor>起", r"F?A[SK]|FA", ongoing_from),
    # 2月3日至另行通知: from the day on, its end waiting on the notice (the pending part)
    Rule("<anchor>至<pending>", r"F?AR(?=H)", ongoing_from),
    Rule("<anchor>截止", r"AB(?![AE])", closed_by),
    Rule("<anchor>结束后<n>日内", r"AJU", after_period_within),
    Rule("<anchor>结束后", r"AJ(?![UA])", after_period),
    Rule("<anchor>内", r"AW(?:Z?_?Z?C)?", window),
    Rule("<anchor>", r"A", window),
]
