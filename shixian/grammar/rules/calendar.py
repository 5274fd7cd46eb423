"""Calendar anchors and their relations: 2016年12月底前, 全年, 2017年第一季度前, 至2025年底.

Token codes: ``a`` date fragment (merged into ``A`` anchors, or ``E`` for a bare
底/末 that follows no anchor), ``P`` 前, ``B`` 不晚于/截至, ``R`` 至/到/—,
``W`` 内, ``S`` 起, ``F`` 自; for the composition stage (:mod:`shixian.grammar.compose`)
``T`` a time of day, ``h`` a hyphen between dates, ``n`` a bare number in a list,
``j`` a word joining list items (和, 及), ``g`` a garbled date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ...model import Deadline, Offset, Ongoing, Part, Relative, Schedule, Unit, Window
from ..anchors import Anchor
from ..engine import Context, Rule, Token, TokenRule
from ..numerals import CN_DIGITS, NUMBER, SMALL_NUMBER, YEAR_NUMBER
from ..vocabulary import (
    IN_FORCE,
    LIST_WORDS,
    NOT_LABELS,
    TOPIC_NOUNS,
    TOPIC_SUBJECT,
    not_middle,
)
from .dates import (
    _DAYPART_WORDS,
    _bare_edge,
    _bracketed_years,
    _clock,
    _date,
    _first_month,
    _garbled,
    _iso_week,
    _number,
    _number_range,
    _period_edge,
    _same_period,
    _this_year,
    _today,
    _until_now,
    _word,
    _ym,
    _ymd,
)

__all__ = ["FIRST_TOKENS", "RULES", "TOKENS"]

N = NUMBER
_ONE_DAY = dt.timedelta(days=1)
_SMALL = SMALL_NUMBER

# The parts of a calendar date, coarse to fine; a date token is any non-empty run
# of them in this order (2016年, 7月, 2016年7月10日, 明年一季度, 2016年度上半年).
_YEAR_PART = (
    rf"(?P<y>{YEAR_NUMBER})年度?"
    rf"|(?:中华)?民国(?P<roc>{SMALL_NUMBER}|[0-9]{{3}})年"
    # 年满 after a relative year word is an age (12月31日前年满18周岁: 前 + 年满)
    r"|(?P<rel>今年|本年|当年|上一年|上年|去年|前年|明年|下一年|次年|翌年|来年)(?!满)度?"
    r"(?:的(?=[0-9一二三四五六七八九十]))?"
)
# A day written without 日 right before a list or range connector (7月31-8月1日,
# 5月9、10日, 3月20至3月22日) belongs to the month before it.
_CONNECTOR_AHEAD = (
    r"(?=[-—~至到、前才起止]|以及|和|及|与|或|完成|开始|左右|全天|上午|下午|中午|晚上|$)"
)
_SUB_YEAR_PART = (
    r"(?P<h>上|下|前|后)半年度?"
    rf"|第(?P<q>{N})季度?"
    r"|(?<![0-9一二三四五六七八九十])(?P<q2>[0-9一二三四五六七八九十]{1,2})季度"
    r"|(?<![A-Za-z])[Qq] ?(?P<q3>[0-9])(?![0-9])"
    rf"|(?<![0-9])(?P<m>{SMALL_NUMBER})月份?(?:(?P<dn>{SMALL_NUMBER}){_CONNECTOR_AHEAD})?"
)
# 上中旬, 中下旬, 上、中旬: one window over both thirds of the month.
_DAY_PART = (
    r"(?P<x>上|中|下)(?:、?(?P<x2>上|中|下))?旬"
    rf"|(?<![0-9])(?P<d>{SMALL_NUMBER})(?:日|号)"
)


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# The lookahead keeps a date from being empty; a date that would start with its
# day does not take 20日内 (a duration, see relative.DURATION_TOKENS).
_DATE = (
    f"(?=(?:{_unnamed(_YEAR_PART)}|{_unnamed(_SUB_YEAR_PART)}"
    rf"|(?:上|中|下)旬|(?<![0-9]){SMALL_NUMBER}(?:号|日(?!以内|之内|内))))"
    f"(?:{_YEAR_PART})?(?:{_SUB_YEAR_PART})?(?:{_DAY_PART})?"
)
_NUM_START = f"[0-9{CN_DIGITS}十廿卅]"

_H = r"(?:[01]?[0-9]|2[0-4])"
_CN_H = r"(?:[零〇一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四]?)"

#: Tried first at their place: garbled dates (an error in a cell). The words that are
#: not time (:mod:`shixian.grammar.vocabulary`) are the grammar's veto, not tokens.
FIRST_TOKENS: list[TokenRule] = [
    TokenRule(
        "garbled date",
        r"[0-9]{3,12}[月日]|[0-9]{5,12}(?:年|天|号|时)|[0-9]{1,4}月月(?![底末初中])|[0-9]{1,4}日日"
        r"|(?<=月)[0-9]{3,8}天"
        # a year of two or three digits (112年, 80年, 九十年) names no calendar: 民国? 19xx?
        r"|(?<![0-9民国])[0-9]{2,3}年(?=[0-9一二三四五六七八九十]{1,2}月|第|[上下]半年|[1-4一二三四]季)"
        r"|(?<![〇零○一二两三四五六七八九十百民国第每近前后今明去])"
        r"[一二三四五六七八九十百]{2,4}年(?=[0-9一二三四五六七八九十]{1,3}月)",
        "g",
        _garbled,
    ),
    # before the calendar date, which would take 去年 alone
    TokenRule("去年同期", r"(?:去年|上年|上一年|前年)同期", "y", _same_period),
]


#: An ISO week of a named year (before the calendar date, which would take 2016年 alone).
WEEK_OF_YEAR = TokenRule(
    "<year>年第<n>周",
    rf"(?P<y>[0-9]{{4}})年度?的?第(?P<n>[0-9]{{1,2}}|[{CN_DIGITS}十]{{1,3}})个?(?:周|星期)"
    r"(?![报])",
    "a",
    _iso_week,
)

TOKENS: list[TokenRule] = [
    TokenRule("<year>年<month>月<day>日", _DATE, "a", _date),
    TokenRule(
        "<yyyy>-<mm>-<dd>",
        r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
        r"(?:T?(?P<hh>[01][0-9]|2[0-4]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?)?(?![0-9])",
        "a",
        _ymd,
    ),
    TokenRule(
        "<yyyy>.<m>",
        r"(?P<y>[0-9]{4})[./\-](?P<m>[0-9]{1,2})(?![0-9.%万亿元年月日/])",
        "a",
        _ym,
    ),
    TokenRule(
        "<time of day>",
        rf"(?P<part>{_DAYPART_WORDS})?(?:(?<![0-9])(?P<hh>{_H})[:](?P<mm>[0-5][0-9])(?![0-9])"
        rf"|(?<![0-9])(?P<hz>{_H}|{_CN_H})(?:时|点(?=[0-9一二三四五六七八九十]|半|整|前|$))"
        rf"(?:(?P<mz>[0-5]?[0-9]|[一二三四五]?十?[一二三四五六七八九]?)分|(?P<half>半))?[整正]?)",
        "T",
        _clock,
    ),
    TokenRule("<hyphen>", r"(?<=[0-9日月号旬底末初年度])(?:-|一(?=[0-9]))", "h", _word),
    TokenRule(
        "<n>、",
        r"第?(?P<v>[0-9]{1,4}|[一二三四五六七八九十]{1,3})"
        r"(?=(?:、|" + "|".join(LIST_WORDS) + r")第?[0-9一二三四五六七八九十])",
        "n",
        _number,
    ),
    TokenRule(
        "和|及|与",
        r"(?<=[0-9一二三四五六七八九十日月号旬度年底末初)])(?:" + "|".join(LIST_WORDS) + r")"
        r"(?=第?[0-9一二三四五六七八九十上中下])",
        "j",
        _word,
    ),
    TokenRule(
        "<n>—<n>年|月|日",
        rf"(?<![0-9])(?P<a>{YEAR_NUMBER})[—~\-至到](?P<b>{N})(?P<unit>年度?)"
        rf"|(?<![0-9])(?P<a2>{SMALL_NUMBER})[—~\-至到](?P<b2>{SMALL_NUMBER})(?P<unit2>月份?|日|号)",
        "a",
        _number_range,
    ),
    TokenRule(
        "(2021-2024)",
        # a span of years in brackets without 年 (行动方案(2021-2024)): brackets hold no sums
        r"(?<=[(\[])(?P<a>(?:19|20)[0-9]{2}) ?[—~\-至到] ?(?P<b>(?:19|20)[0-9]{2})(?=[)\]])",
        "a",
        _bracketed_years,
    ),
    TokenRule("全年|年内", r"全年度?|本年度?(?=内|以内)|年(?=以?内|之内)", "a", _this_year),
    TokenRule(
        "年底|月初|季末",
        r"(?:年|月|季度|季|半年)(?:底|末|终|初)|(?:年|月|季度|季)中" + not_middle(),
        "a",
        _period_edge,
    ),
    TokenRule("底前", r"(?:底|末)(?:以前|之前|前)", "P", _word),
    TokenRule(
        "底|末|初",
        r"(?:底|末)(?!月)|初"  # 末月 is a schedule word (the last month of a quarter)
        r"|(?<=[年月季度])中" + not_middle(),
        "a",
        _bare_edge,
    ),
    TokenRule("即日", rf"即日(?=起|(?:{IN_FORCE}))|(?<![至如古])今(?=起)", "a", _today),
    TokenRule("至今", r"(?:至今|迄今|到今天|至今天)(?!年)", "a", _until_now),
    TokenRule("元月", r"元月份?", "a", _first_month),
    TokenRule(
        "前",
        r"以前|之前|前",
        "P",
        _word,
    ),
    TokenRule(
        "不晚于|截至",
        r"(?:截至|截止)(?:日期|时间|期限)?(?:及时间)?(?:为|是|:)?(?:到|至(?!少))?|不晚于|不迟于|最迟于?|最晚于?",
        "B",
        _word,
    ),
    TokenRule("<date>止", r"(?<=[日号月底末0-9])(?:为止|止)(?!于|日|期)", "B", _word),
    # —— opening a line is a dash (——2023年4月在…会议上); between dates a connector
    TokenRule(
        "至|到",
        r"至(?!少|今(?![年天日]))|到|~|(?<!—)—(?!—)|(?<=[0-9日月号旬底末初年度])——",
        "R",
        _word,
    ),
    TokenRule("内", r"以内|之内|内", "W", _word),
    TokenRule("起", r"起|开始|以来", "S", _word),
    TokenRule(
        "<date>实施",
        # 2020-03-15实施: in force from a day, the clause ending there (not 实施方案)
        rf"(?<=[日号0-9])(?:{IN_FORCE})(?![\u4e00-\u9fff])",
        "S",
        _word,
    ),
    TokenRule("自", rf"(?:自从|自|从)(?={_NUM_START}|今年|明年|本年|即日|当年|次年)", "F", _word),
    TokenRule(
        "施行日期:",
        # 【施行日期】2019.05.22: in force from the date that follows
        rf"(?:{IN_FORCE})(?:日期|时间)(?:为|是)?[:)\]]? ?(?={_NUM_START})",
        "F",
        _word,
    ),
]


# -- productions ---------------------------------------------------------


def _anchor(tokens: Sequence[Token]) -> Token:
    for tok in tokens:
        if tok.code == "A":
            return tok
    raise AssertionError("rule without anchor")


def _at(day: dt.date, time: tuple[int, int] | None) -> dt.datetime | None:
    """The moment ``time`` on ``day``; 24时 is the next midnight."""
    if time is None:
        return None
    hour, minute = time
    if hour == 24:
        return dt.datetime.combine(day + _ONE_DAY, dt.time())
    return dt.datetime.combine(day, dt.time(hour, minute))


_WEEKDAY_NAMES = "一二三四五六日"


def _check_weekdays(ctx: Context, tok: Token, start: dt.date, end: dt.date) -> None:
    """A weekday note beside a date (3月6日(周一)) must be that date's weekday; a
    mismatch is reported (the result is then incomplete), never silently dropped."""
    anchor: Anchor = tok.value
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
    return last.edge == "end" or last.grain == "day"


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


def ongoing_from(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``(自)<anchor>起``: continuing work from the first day of the period; a range
    (从2024年12月18日至2024年12月24日, 自2016年7月起至2017年6月) is a window."""
    tok = _anchor(tokens)
    if tok.value.to is not None:
        return window(ctx, tokens)
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
    label = _label_before(ctx, tok)
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
                **ctx.common(tokens, False, start=ctx.tokens[tok.index - 1].start),
                every="year",
                months=(month,),
                label=label,
            )
        ]
    if (
        len(ctx.tokens) == 1
        and anchor.grain == "day"
        and anchor.month is None
        and anchor.month_shift is None
        and anchor.day is not None
        and not anchor.today
        and anchor.to is None
        and ctx.cleaned.text[-1] in "日天"
    ):
        # a 时限 cell of only 3日: a length of time, counted from an event it does not name
        return [Relative(**ctx.common(tokens, False), offset=Offset(anchor.day, Unit.DAY))]
    if _is_topic(ctx, tok):
        return []
    start, end, inferred, fuzzy = _bounds(ctx, tok)
    count = None
    if len(tokens) > 2:
        count = next((t.value[0] for t in tokens if t.code == "C"), None)
    text, span = ctx.where(tokens)
    return [
        Window(
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
    ]


def _is_topic(ctx: Context, tok: Token) -> bool:
    """上一年度 in 公开上一年度年度报告 names what a report is about, not when the duty
    falls: a past year right before a report noun is no time of the duty."""
    anchor: Anchor = tok.value
    nxt = ctx.tokens[tok.index + 1] if tok.index + 1 < len(ctx.tokens) else None
    if nxt is None or nxt.code != "_":
        return False
    if anchor.year_shift is not None and anchor.year_shift < 0 and anchor.grain == "year":
        return TOPIC_NOUNS.match(nxt.value) is not None
    # 第二季度空气质量信息将在2024年7月中下旬公开: the data of a period, published at a
    # time told later in the same clause
    if TOPIC_SUBJECT.match(nxt.value) is None or anchor.to is not None:
        return False
    for later in ctx.tokens[tok.index + 2 :]:
        if later.code == "|":
            return False
        if later.code == "A":
            return True
    return False


def _label_before(ctx: Context, tok: Token) -> str | None:
    """A short free word that opens a clause right before ``tok`` (中考 in 中考3月)."""
    if tok.index < 1:
        return None
    gap = ctx.tokens[tok.index - 1]
    if gap.code != "_" or gap.end != tok.start or not 2 <= len(gap.value) <= 4:
        return None
    if tok.index >= 2 and ctx.tokens[tok.index - 2].code not in ("|", "/", "A"):
        return None
    text: str = gap.value
    if not all("\u4e00" <= ch <= "\u9fff" for ch in text) or text in NOT_LABELS:
        return None
    if text[-1] in "于在至到从自将拟及和与为是":  # 项目于9月, 戒严期为5月: no label
        return None
    return text


RULES: list[Rule] = [
    Rule("<anchor>前", r"B?AP", deadline_before),
    Rule("不晚于<anchor>", r"BA", deadline_by),
    Rule("到<anchor>", r"(?<![AE])RA", deadline_by),
    Rule("<anchor>起", r"F?A[SK]|FA", ongoing_from),
    Rule("<anchor>截止", r"AB(?![AE])", closed_by),
    Rule("<anchor>结束后<n>日内", r"AJU", after_period_within),
    Rule("<anchor>结束后", r"AJ(?![UA])", after_period),
    Rule("<anchor>内", r"AW(?:Z?_?Z?C)?", window),
    Rule("<anchor>", r"A", window),
]
