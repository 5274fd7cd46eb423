"""Recurring schedules: 每季度, 每月10日前, 每年3月底前, 流行季节(4—10月)每月, 月报, 不定期.

Token codes: ``Q`` a frequency (每季度, 季报, 不定期), ``C`` a count (每月一次,
不少于1次), ``Z`` 至少, ``M`` the month of a period (首月), ``D`` a weekday,
``V`` 后续 (after what came before), ``o`` the n-th weekday of a month (第一个周一,
倒数第二个周六).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from ...errors import InvalidDate
from ...model import Frequency, Offset, Part, Relative, Schedule
from ..anchors import Anchor
from ..engine import Context, Rule, Token, TokenRule
from ..numerals import CN_DIGITS, NUMBER, to_int
from ..vocabulary import CLEARANCE
from . import positions
from .positions import after_period_end as _after_period_end

__all__ = ["RULES", "TOKENS"]

N = NUMBER

_UNIT = {
    "年": Frequency.YEAR, "年度": Frequency.YEAR, "半年": Frequency.HALFYEAR,
    "半年度": Frequency.HALFYEAR, "季": Frequency.QUARTER, "季度": Frequency.QUARTER,
    "月": Frequency.MONTH, "个月": Frequency.MONTH, "旬": Frequency.TENDAY,
    "周": Frequency.WEEK, "星期": Frequency.WEEK, "礼拜": Frequency.WEEK,
    "日": Frequency.DAY, "天": Frequency.DAY,
}  # fmt: skip
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY.update({str(i + 1): i for i in range(7)})
#: the month of each period (每季度首月, 每个季度第1个月的15日前) → 1, 2, 3 or -1 (the last).
_MONTH_OF_PERIOD = {
    "首月": 1, "首个月": 1, "第一个月": 1, "第1个月": 1, "第二个月": 2, "第2个月": 2,
    "第三个月": 3, "第3个月": 3, "末月": -1, "最后一个月": -1, "最后1个月": -1, "最末一个月": -1,
    "最后一月": -1,
}  # fmt: skip
#: the week of each period (每月第一周, 每季度第二周前) → 1…5, or -1 (the last).
_WEEK_OF_PERIOD = {"首周": 1, "第一周": 1, "第二周": 2, "第三周": 3, "第四周": 4, "第五周": 5,
                   "最后一周": -1, "末周": -1}  # fmt: skip
_WEEK_OF_PERIOD.update({f"第{i}周": i for i in range(1, 6)})
#: the working day of each period (每月最后一个工作日, 第三个工作日) → 1…, or -1 (the last).
_WORKDAY_OF_PERIOD = {"首个工作日": 1, "第一个工作日": 1, "最后一个工作日": -1,
                      "最后1个工作日": -1, "最末一个工作日": -1, "最后工作日": -1}  # fmt: skip
#: mode words: a frequency said with 按/逐 or as a period word before a duty verb.
_MODE_PREFIX = ("按", "逐", "按照")
_MODE_UNITS = {
    "年": "年", "年度": "年", "半年": "半年", "半年度": "半年", "季": "季", "季度": "季",
    "月": "月", "月度": "月", "周": "周", "旬": "旬", "日": "日", "天": "天",
}  # fmt: skip
#: what may follow a mode word that is not a frequency (按年龄, 按日期, 逐年递增 is not read)
_MODE_NOT_BEFORE = (
    "龄", "份", "期", "节", "薪", "利", "息", "限", "程", "末", "初", "底", "中", "计", "加", "折",
    "均", "比", "结", "收", "度计划", "度预算", "度目标", "度任务",
)  # fmt: skip
_DUTY_VERBS = ("公开", "报送", "更新", "发布", "检查", "通报", "统计", "报告", "上报", "调度",
               "分析", "考核", "公示", "披露", "汇总", "评估", "总结")  # fmt: skip
_PERIOD_AS_FREQUENCY = {"月度": "月", "季度": "季", "半年度": "半年"}
_FINENESS = [Frequency.YEAR, Frequency.HALFYEAR, Frequency.QUARTER, Frequency.MONTH,
             Frequency.TENDAY, Frequency.WEEK, Frequency.DAY]  # fmt: skip
_SENTENCE_END = frozenset("。;!?\n")
_PERIOD_MONTHS = {Frequency.YEAR: 12, Frequency.HALFYEAR: 6, Frequency.QUARTER: 3}


class Every:
    """A frequency word's value: period, interval, weekday(s)."""

    __slots__ = ("every", "interval", "weekdays", "workday")

    def __init__(
        self,
        every: Frequency,
        interval: int = 1,
        weekdays: tuple[int, ...] = (),
        workday: int | None = None,
    ) -> None:
        self.every = every
        self.interval = interval
        self.weekdays = weekdays
        self.workday = workday


_WD = "[一二三四五六日天1-7]"
_WD_LIST = rf"{_WD}(?:[、,和及与]{_WD}){{0,6}}(?![次个天])"


def _weekdays(listed: str) -> tuple[int, ...]:
    return tuple(sorted({_WEEKDAY[ch] for ch in listed if ch in _WEEKDAY}))


def _every(text: str, n: str | None, u: str, wd: str | None) -> Every:
    interval = to_int(n) if n else 1
    if interval < 1:
        raise InvalidDate(text, "interval", interval)
    return Every(_UNIT[u], interval, () if wd is None else _weekdays(wd))


def _mode(text: str, u: str | None, u2: str | None, u3: str | None, u4: str | None) -> Every:
    unit = u or u2 or u3 or u4 or ""
    return Every(_UNIT[_MODE_UNITS.get(unit, _PERIOD_AS_FREQUENCY.get(unit, unit))])


def _every_other(text: str, u: str) -> Every:
    return Every(_UNIT[u], 2)


def _table(words: object) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))  # type: ignore[call-overload]


_REPORT = "月报|年报"


def _report(text: str, u: str) -> Every:
    return Every(_UNIT[u])


def _clearance(text: str) -> Every:
    return Every(_UNIT[CLEARANCE[text]])


def _each_workday(text: str) -> Every:
    return Every(Frequency.DAY, workday=1)


def _irregular(text: str) -> Every:
    return Every(Frequency.IRREGULAR if text.startswith("不") else Frequency.PERIODIC)


def _count(text: str, min: str | None, n: str, more: str | None) -> tuple[int, bool]:
    return to_int(n), bool(min or more)


def _word(text: str) -> str:
    return text


def _weekday(text: str, w: str) -> tuple[int, ...]:
    return _weekdays(w)


def _position(text: str) -> tuple[str, int]:
    word = text[:-1] if text.endswith("的") else text
    if word in _WEEK_OF_PERIOD:
        return "week", _WEEK_OF_PERIOD[word]
    if word in _WORKDAY_OF_PERIOD:
        return "workday", _WORKDAY_OF_PERIOD[word]
    return "workday", to_int(word[1:-4])  # 第<n>个工作日


def _month_of_period(text: str) -> int:
    return _MONTH_OF_PERIOD[text[:-1] if text.endswith("的") else text]


def _no_weekday(text: str, w: str | None, w2: str | None) -> int:
    raise InvalidDate(text, "weekday", w or w2)  # 星期八: never read as 每周 alone


#: The makers of the refusing token rules (see rules.REFUSALS).
REFUSING = (_no_weekday,)


TOKENS: list[TokenRule] = [
    TokenRule(
        "每<n><period>",
        rf"每(?P<n>[0-9]{{1,2}}|[{CN_DIGITS}十]{{1,3}})?个?"
        r"(?P<u>半年度?|年度?|季度|季|个月|月|旬|周|星期|礼拜|日|天)"
        rf"(?P<wd>(?<=周|期|拜){_WD_LIST})?"  # 每周五, 每周二、四
        r"(?!(?<=周|期|拜)[八九](?![次个天小时日]))的?",  # 每周八: left to the refusal 星期八
        "Q",
        _every,
    ),
    TokenRule(  # 隔日一次, 隔周一次: every second day (week, month): 隔日 alone is the next day
        "隔日一次", r"隔(?P<u>日|天|周|月|年)(?=[一1１]次)", "Q", _every_other
    ),
    TokenRule(
        "按月|逐季|月度公开",
        f"(?:{_table(_MODE_PREFIX)})(?P<u>{_table(_MODE_UNITS)})(?!{_table(_MODE_NOT_BEFORE)})"
        f"|(?P<u2>{_table(_PERIOD_AS_FREQUENCY)})(?=(?:{_table(_DUTY_VERBS)}))"
        r"|以(?P<u3>年度|半年|季度|月度|月|周)为(?:时间)?(?:节点|周期|单位)"
        r"|(?<![上下前后本今每0-9一二三四五六七八九十])(?P<u4>半年)(?=至少|不少于|最少)",
        "Q",
        _mode,
    ),
    TokenRule(
        "一年两次",
        # 一年两次, 一季度一次: a count per period, written without 每
        rf"(?<![0-9{CN_DIGITS}十第])一(?P<u>年|季度|季|月|周)"
        rf"(?=(?:[0-9]{{1,2}}|[{CN_DIGITS}十两]{{1,3}})次)",
        "Q",
        _report,
    ),
    TokenRule("日产日清", _table(CLEARANCE), "Q", _clearance),  # vocabulary.CLEARANCE
    TokenRule(_REPORT, r"(?P<u>半年|年|季|月|周|旬)报(?![告道送名到表批备刊纸社])", "Q", _report),
    TokenRule(
        "工作日",
        r"(?<![非个0-9一二三四五六七八九十])(?:每个|每一个|每)?工作日(?![内以之前后])",
        "Q",
        _each_workday,
    ),
    TokenRule("不定期|定期", r"不定期|定期(?!存)", "Q", _irregular),
    TokenRule(
        "至少<n>次",
        rf"(?P<min>至少|不少于|不低于|最少)?(?P<n>{N})次(?!性|年|月|日)(?P<more>以上|及以上)?",
        "C",
        _count,
    ),
    TokenRule("至少", r"至少|不少于|最少", "Z", _word),
    TokenRule("首月", f"(?:{_table(_MONTH_OF_PERIOD)})的?", "M", _month_of_period),
    positions.NTH_WEEKDAY,
    TokenRule(
        "第一周|最后一个工作日",
        f"(?:{_table({**_WEEK_OF_PERIOD, **_WORKDAY_OF_PERIOD})}"
        rf"|第(?:[0-9]{{1,2}}|[{CN_DIGITS}十]{{1,3}})个工作日)的?",
        "k",
        _position,
    ),
    TokenRule(
        "星期八",
        r"(?:周|星期|礼拜)(?P<w>[八九])(?![次个天小时日])"
        r"|(?:星期|礼拜)(?P<w2>[089])(?![0-9次个天小时日])",
        "D",
        _no_weekday,
    ),
    TokenRule("周<weekday>", rf"(?:周|星期|礼拜)(?P<w>{_WD_LIST})", "D", _weekday),
    TokenRule("后续", r"后续|此后|今后", "V", _word),
    TokenRule("结束后", r"(?:结束|届满|终了|期满)(?:之日)?(?:以后|之后|后)", "J", _word),
]


def _told_before(ctx: Context, report: Token) -> bool:
    """Whether the clause of a report noun (月报) already holds a schedule of its period."""
    last = ctx.parts[-1] if ctx.parts else None
    if not isinstance(last, Schedule) or last.every is not report.value.every:
        return False
    return not any(
        t.code == "|" for t in ctx.tokens if last.span[1] <= t.start and t.end <= report.start
    )


def schedule(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """Every kind of recurring schedule; fields from the tokens in the match."""
    qs = [t for t in tokens if t.code == "Q"]
    if len(tokens) == 1 and qs[0].rule == _REPORT and _told_before(ctx, qs[0]):
        return []  # 每月10日前发布…月报: the report names the schedule told before it
    q_pos = tokens.index(qs[0])
    stop = next((t for t in tokens[:q_pos] if t.code == "|" and t.value in _SENTENCE_END), None)
    if stop is not None:  # 自2016年起全面推开。每季度……: a start and, apart, a schedule
        from .calendar import ongoing_from

        head = tokens[: tokens.index(stop)]
        return [*ongoing_from(ctx, head), *schedule(ctx, tokens[q_pos:])]
    finest = max(qs, key=lambda t: _FINENESS.index(t.value.every)
                 if t.value.every in _FINENESS else -1)  # fmt: skip
    freq: Every = finest.value
    fields: dict[str, object] = {"every": freq.every, "interval": freq.interval}
    _set_weekdays(fields, freq.weekdays)
    inferred = False
    if freq.workday is not None:  # 工作日: each working day
        fields["workday"] = freq.workday
    # bounds before the frequency: 自2016年起, 2016—2018年, (4—10月)
    for tok in tokens[:q_pos]:
        if tok.code != "A":
            continue
        anchor: Anchor = tok.value
        if anchor.has_year or anchor.today or _has_days(anchor):
            # 2016—2018年每年; 4月10日至30日(每周一、三): a span with a recurrence inside
            start, end, year_inferred, _ = anchor.bounds(ctx.reference, ctx.text)
            inferred = inferred or year_inferred
            fields["start"] = start
            if anchor.to is not None or not any(t.code == "S" for t in tokens[:q_pos]):
                fields["until"] = end
            if any(t.code == "S" for t in tokens[:q_pos]):
                fields.pop("until", None)
        elif anchor.month is not None:
            fields["months"] = _month_list(anchor)
    # the due point after the frequency: 3月底前, 10日前, 首月15日前, 4月至10月
    month_of_period = None
    listed: set[int] = set()  # 每年6月、12月
    points: list[tuple[int, tuple[int, ...] | None, int]] = []  # 每月5日、20日: each due day
    for tok in tokens[q_pos:]:
        if tok.code == "M":
            month_of_period = tok.value
        elif tok.code == "D":
            _set_weekdays(fields, tok.value)
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
            if anchor.to is not None and last.day is not None and last.month is not None:
                # 每年5月16日至7月31日: a yearly span of days is due on its last day
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
    return [Schedule(**ctx.common(tokens, inferred), **fields), *extra]  # type: ignore[arg-type]


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
        r"(?:V_?)?(?:F?AS\|?_?|F?A)?Z?Q(?:A(?:/A)*|[MDEQPko]|_o)*(?:_?Z?_?C)?(?:[JK]U)?",
        schedule,
    ),
    positions.WEEKDAY_OF_MONTH,
]
