"""Due points at a position in a period: the n-th weekday of a month (每月第一个周一,
3月份倒数第一个周六, refining the periods before a 即 bracket) and N days or working
days after each period ends (每季度结束后15日内, 每月后10个工作日内).

Token code: ``o`` the n-th (last) weekday of a month (第一个周一, 倒数第二个周六). The
schedule rule (:mod:`.schedule`) reads ``o`` after a frequency; :data:`WEEKDAY_OF_MONTH`
reads it after a month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...errors import InvalidDate
from ...model import Frequency, Part, Schedule, Unit, Window
from ..anchors import Anchor
from ..engine import Context, Rule, Token, TokenRule
from ..numerals import to_int
from ..vocabulary import WEEKDAY_CHARS
from .relative import Duration

__all__ = ["NTH_WEEKDAY", "WEEKDAY_OF_MONTH", "after_period_end", "weekday_of_month"]


def _nth_weekday(text: str, last: str | None, n: str | None, w: str) -> tuple[int, int]:
    """第二个周六 → (2, 5); 倒数第一个周六, 最后一个周六 → (-1, 5)."""
    week = to_int(n) if n else 1
    if not 1 <= week <= 4:
        raise InvalidDate(text, "week of the month", week)
    return (-week if last else week), WEEKDAY_CHARS[w]


#: 每月第一个周一, 3月份倒数第一个周六, 最后一个星期五: a weekday of the month
NTH_WEEKDAY = TokenRule(
    "第<n>个周<weekday>",
    r"(?:(?P<last>倒[数數]第|最[后後]|最末)|第)(?P<n>[1-9一二三四五六七八九十])?个?"
    r"(?:周|星期|礼拜)(?P<w>[一二三四五六日天1-7])(?![0-9次个天小时日])",
    "o",
    _nth_weekday,
)

_FIRST_MONTHS = {
    Frequency.YEAR: (1,),
    Frequency.HALFYEAR: (1, 7),
    Frequency.QUARTER: (1, 4, 7, 10),
}


#: the fewest working days of any month on the official calendar (February 2011: 16):
#: a working-day position up to this one always falls in its month.
_FEWEST_WORKDAYS = 15


def after_period_end(every: Frequency, duration: Duration) -> dict[str, object] | None:
    """每季度结束后15日内: due on day 15 of the month after each quarter; 每年结束后3个月内:
    due at the end of March; 每月后10个工作日内: the 10th working day of each month
    (the month after the one it is about). ``None`` when no calendar rule says it (20
    working days may run past the next month)."""
    n = duration.amount
    if duration.unit is Unit.WORKDAY and 1 <= n <= _FEWEST_WORKDAYS:
        # 每月后10个工作日内: the 10th working day of the next month (of each month)
        if every is Frequency.MONTH:
            return {"months": None, "day": None, "workday": n}
        if every in _FIRST_MONTHS:
            return {"months": _FIRST_MONTHS[every], "day": None, "workday": n}
        return None
    if every is Frequency.MONTH:
        ends: tuple[int, ...] | None = None
    elif every in _FIRST_MONTHS:
        ends = tuple(((m - 2) % 12) + 1 for m in _FIRST_MONTHS[every])  # 12, 3, 6, 9
    else:
        return None
    if duration.unit is Unit.DAY and 1 <= n <= 28:
        months = None if ends is None else tuple(sorted(e % 12 + 1 for e in ends))
        return {"months": months, "day": n}
    if duration.unit is Unit.MONTH and 1 <= n < 12 and ends is not None:
        return {"months": tuple(sorted((e + n - 1) % 12 + 1 for e in ends)), "day": None}
    return None


#: words that open a refinement of the period before them: 3月底(即3月份倒数第一个周六)
_REFINES = ("即", "也就是", "亦即", "即为", "具体为", "具体是")


def weekday_of_month(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """3月份倒数第一个周六, 2024年5月第二个星期日: that weekday of the month.

    With a year, the one day (a window); without one, the position is how a
    recurring day is stated (each year's exam day): a yearly schedule. The periods
    before 即 (上半年3月底(即…)) are what it refines: one part, flagged when the day's
    month lies outside them; other periods before it are parts of their own.
    """
    from .calendar import window

    pos = tokens[-1]
    month_tok = tokens[-2] if tokens[-2].code == "A" else tokens[-3]
    head = tokens.index(month_tok)
    coarse = [t for t in tokens[:head] if t.code == "A"]
    refines = bool(coarse) and tokens[head - 1].value.strip().endswith(_REFINES)
    before: list[Part] = []
    if coarse and not refines:
        for tok in coarse:
            before.extend(window(ctx, [tok]))
        tokens = tokens[head:]
    anchor: Anchor = month_tok.value
    month = anchor.month
    if month is None or anchor.day is not None or anchor.to is not None:
        return [*before, *window(ctx, [month_tok])]  # 2024年第二个周六: no month to count in
    week, weekday = pos.value
    if refines:
        for tok in coarse:
            lo, hi, _, _ = tok.value.bounds(ctx.reference, ctx.text)
            if not (lo.month <= month <= hi.month or lo.year != hi.year):
                reason = "the refined day lies outside the period before it"
                ctx.flags.append((tok.start, pos.end, reason))
    if anchor.has_year:
        start, end, inferred, _ = anchor.bounds(ctx.reference, ctx.text)
        if week > 0:
            day = start + dt.timedelta(days=(weekday - start.weekday()) % 7 + 7 * (week - 1))
        else:
            day = end - dt.timedelta(days=(end.weekday() - weekday) % 7 + 7 * (-week - 1))
        return [*before, Window(**ctx.common(tokens, inferred), start=day, end=day)]
    schedule = Schedule(
        **ctx.common(tokens, False), every=Frequency.YEAR, months=(month,), week=week,
        weekday=weekday,
    )  # fmt: skip
    return [*before, schedule]


WEEKDAY_OF_MONTH = Rule("3月份倒数第一个周六", r"(?:A{1,3}_)?A_?o", weekday_of_month)
