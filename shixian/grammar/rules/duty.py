"""The words of duties: same-day and next-day limits, limits before an event, caps and
extensions, calendar-relative words, pending and continuing work.

应在收到转办件的当日, 次日起13个工作日内, 会议召开5日前, 节前3个工作日,
最长不超过6个月, 可延长15个工作日, 下周五前, 本季度内, 另行通知, 永久保留.

Every closed vocabulary is a table below; the token patterns are built from them.

Token codes: ``i`` a same-day / next-day word (当日, 次日: an offset), ``e`` an
extension (可延长, 延长期限不得超过: the duration follows), ``t`` a word for a
period relative to the reference (本周, 下季度), ``H`` a pending word (另行通知),
``L`` a word of continuing work (永久保留). The cap words (最长不超过, 不得超过) are
part of the duration token ``U`` (``relative.CAP_WORDS``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs

from ...calendar import periods
from ...errors import InvalidDate
from ...model import Deadline, Direction, Offset, Ongoing, Part, Relative, Unit, Window
from ..anchors import Anchor
from ..engine import Context, Rule, Token
from ..vocabulary import (
    AFTER_EVENT,
    EVENT_BEFORE_LENGTH,
    LENGTH_OF_WORK_RULE,
    LENGTH_VERBS,
    SENTENCE_ENDS,
    YEARS_LASTED_AFTER,
    YEARS_LASTED_BEFORE,
    without_notes,
)
from .calendar import deadline_before, window
from .duty_words import EVENT_ENDS, IN_ADVANCE, MOVED_TO, _event_words
from .events import limit_in_sentence
from .events import trigger as _trigger
from .relative import after_event, fold_restated_prompt

__all__ = ["RULES"]


def _event_before(ctx: Context, tok: Token) -> str | None:
    """The event named by the words right before ``tok`` (收到转办件的 → 收到转办件)."""
    if tok.index < 1:
        return None
    gap = ctx.tokens[tok.index - 1]
    if gap.code != "_":
        return None
    return _event_words(gap.value) or None


def same_day(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """当日, 次日, and 次日起13个工作日内: a fixed offset after the event named before."""
    head = tokens[0]
    trigger = _event_before(ctx, head) or _trigger(ctx, head)
    dur = next((t for t in tokens if t.code == "U"), None)
    offset: Offset = head.value if dur is None else Offset(dur.value.amount, dur.value.unit)
    if dur is None and offset.amount == 0 and fold_restated_prompt(ctx, head.index, None):
        return []  # 即收即办,当场办结: one promptness
    return [Relative(**ctx.common(tokens, False), offset=offset, trigger=trigger)]


def _names_event(words: str | None) -> bool:
    return words is not None and len(words) >= 1 and words.endswith(EVENT_ENDS)


def before_unnamed(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``3个工作日前`` with no event before it: that long before an event the text leaves
    to its context (it was read as *after* one)."""
    dur = tokens[0].value
    offset = Offset(dur.amount, dur.unit)
    return [Relative(**ctx.common(tokens, False), offset=offset, direction=Direction.BEFORE)]


def before_event(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """会议召开5日前, 投票日的15日以前, 节前3个工作日, 开庭三日前: due before the event.

    A bare day after words that name no event (于10日前, 各部门15日前) is the
    calendar deadline it was.
    """
    gap = tokens[0]
    limit = next(i for i, t in enumerate(tokens) if t.code in "ZUAP")
    # 投标截止时间至少15日前: the event's words run up to the limit (截止 is a token)
    said = ctx.cleaned.text[gap.start : tokens[limit].start] if limit > 1 else gap.value
    counted = next((t for t in tokens[1:limit] if t.code == "S" and t.value[0] == "起"), None)
    if counted is not None:  # 届满之日起3个月前, 届满日期起计: the event ends before 起
        said = ctx.cleaned.text[gap.start : counted.start].removesuffix("之日")
    if limit > 1 and "含" in said:  # 投标截止时间(不含当日)15日前: a counting note is no event
        said = without_notes(said)
    rest = tokens[limit:] if limit > 1 else tokens[1:]
    words = _event_words(said)
    anchor = next((t for t in rest if t.code == "A"), None)
    bare_day = anchor is None or _bare_day(anchor.value)
    # a duration before 前 (7个工作日前) always counts from an event; a bare day (15日前)
    # only after words that name one
    named = words and (anchor is None or _names_event(said))
    if words and anchor is not None and any(t.code == "B" for t in tokens[:limit]):
        # 投标截止时间(不含当日)15日前 counts back from a time; 各单位截止15日前 is the 15th
        named = said.endswith(("时间", "日期", "日"))
    if not (named and bare_day):  # the reading without an event
        if rest[-1].code == "P":
            return deadline_before(ctx, rest) if anchor is not None else after_event(ctx, rest[:-1])
        return window(ctx, rest[1:]) if anchor is not None else after_event(ctx, rest[1:])
    rest = [t for t in rest if t.code != "Z"]  # 至少15日前: at the latest 15 days before
    if anchor is not None:
        offset = Offset(anchor.value.day, Unit.DAY)
    else:
        dur = next(t for t in rest if t.code == "U").value
        offset = Offset(dur.amount, dur.unit)
    trigger = re.sub(r"(?:之|的)$", "", words)
    return [
        Relative(
            **ctx.common(rest, False),
            offset=offset,
            trigger=trigger,
            direction=Direction.BEFORE,
        )
    ]


def in_advance(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """提前一周发通知, 会议提前3天通知: a limit before an event; the event is the one named
    right before 提前 (会议), or else the one the sentence is about (left open).

    Words other than 提前 before a duration leave it the limit after an event it was.
    """
    gap = tokens[0]
    head = next((w for w in IN_ADVANCE if gap.value.endswith(w)), None)
    limit = tokens[1]
    lasts = head is None and gap.value.endswith(LENGTH_VERBS)
    if limit.code == "A" and lasts and _bare_day(limit.value):
        # 公示7日无异议的: a length of seven days, not the 7th
        offset = Offset(limit.value.day, Unit.DAY)
        return [Relative(**ctx.common(tokens[1:2], False), offset=offset, trigger=None)]
    if limit.code == "A":  # 提前15日通知: a bare day after 提前 is a number of days
        if head is None or not _bare_day(limit.value):
            return window(ctx, [limit])
        offset = Offset(limit.value.day, Unit.DAY)
    elif head is None:
        if _years_lasted(ctx, tokens[0], limit):
            return []  # 改革开放30年, 接受15年免费教育: how long something lasts, no limit
        parts = after_event(ctx, tokens[1:])
        named = EVENT_BEFORE_LENGTH.search(gap.value)
        if (
            named is not None
            and parts
            and isinstance(parts[0], Relative)
            and parts[0].trigger is None
        ):
            # 出国申请15个工作日办结, 公示期限7天: the length counts from the event before it
            parts[0] = attrs.evolve(parts[0], trigger=named.group("event"))
        return parts
    else:
        offset = Offset(limit.value.amount, limit.value.unit)
    event = _event_words(gap.value[: -len(head)])
    trigger = re.sub(r"(?:之|的)$", "", event) if _names_event(event) else None
    return [
        Relative(
            **ctx.common(tokens[:2], False, start=gap.end - len(head)),
            offset=offset,
            trigger=trigger or None,
            direction=Direction.BEFORE,
        )
    ]


def _years_lasted(ctx: Context, gap: Token, limit: Token) -> bool:
    """Whether the years ``limit`` tells are what something lasted or lasts (see
    :data:`~shixian.grammar.vocabulary.YEARS_LASTED_AFTER`)."""
    text = ctx.cleaned.text
    if limit.value.unit is not Unit.YEAR or text[limit.end - 1] == "内":
        return False
    if limit.rule == LENGTH_OF_WORK_RULE:
        return False  # 开展为期1年的巡视: the work's length, told as such
    after = text[limit.end : limit.end + 4]
    return (
        YEARS_LASTED_AFTER.search(gap.value) is not None
        or YEARS_LASTED_BEFORE.match(after) is not None
    )


def moved_to(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """提前至一季度开工建设, 推迟到6月举行: the work now happens in that period (a
    window); 至/到 after other words is the deadline it was (到2023年)."""
    from .calendar import deadline_by

    gap = tokens[0]
    head = next((w for w in MOVED_TO if gap.value.endswith(w)), None)
    if head is None:
        return deadline_by(ctx, tokens[1:])
    parts = window(ctx, tokens[2:])
    common = ctx.common(tokens[1:], False, start=gap.end - len(head))
    return [attrs.evolve(p, text=common["text"], span=common["span"]) for p in parts]


def _bare_day(anchor: Anchor) -> bool:
    return (
        anchor.day is not None
        and anchor.month is None
        and not anchor.has_year
        and anchor.to is None
        and anchor.edge is None
    )


def extension(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """可延长15个工作日: the extension of the relative limit before it; alone, a limit
    of that length (counted from the end of a first limit the text does not give)."""
    dur = tokens[-1].value
    if tokens[-1].code == "A":  # 延长期限不得超过30日: a bare day after 延长 is a length
        if not _bare_day(dur):
            return window(ctx, tokens[-1:])
        ext = Offset(dur.day, Unit.DAY)
    else:
        ext = Offset(dur.amount, dur.unit)
    if tokens[1].code == "R":  # 可以延长至40个工作日: to a total, the extension is the rest
        total = ext
        base = next((p for p in reversed(ctx.parts[-3:]) if isinstance(p, Relative)), None)
        if (
            base is None
            or base.extension is not None
            or base.offset.unit is not total.unit
            or base.offset.amount is None
            or total.amount is None
            or total.amount <= base.offset.amount
        ):
            return [Relative(**ctx.common(tokens, False), offset=total, trigger=None)]
        ext = Offset(total.amount - base.offset.amount, total.unit)
    after = ctx.tokens[tokens[-1].index + 1 : tokens[-1].index + 3]
    if [t.code for t in after] == ["R", "A"] and tokens[-1].end == after[0].start:
        return []  # 延长一个月至9月30日: the date after 至 is the new deadline, read on its own
    for i in range(len(ctx.parts) - 1, max(len(ctx.parts) - 4, -1), -1):
        part = ctx.parts[i]
        if isinstance(part, Relative) and part.extension is None:
            _, (_, end) = ctx.where(tokens)
            told = ctx.text[part.span[0] : end]
            if i == len(ctx.parts) - 1 and not any(ch in SENTENCE_ENDS for ch in told):
                # 20日内作出决定,经负责人批准,可延长10天: the limit's words reach its extension
                ctx.parts[i] = attrs.evolve(
                    part, extension=ext, text=told, span=(part.span[0], end)
                )
            else:
                ctx.parts[i] = attrs.evolve(part, extension=ext)
            return []
    # alone (延长期限不得超过20个工作日): the extension is the limit the text states
    return [Relative(**ctx.common(tokens, False), offset=ext, extension=ext)]


def _period_bounds(reference: dt.date, grain: str, shift: int) -> tuple[dt.date, dt.date]:
    if grain == "week":
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    if grain == "month":
        first = periods.add_months(reference.replace(day=1), shift)
        return periods.month_bounds(first.year, first.month)
    first = periods.add_months(reference.replace(day=1), 3 * shift)
    return periods.quarter_bounds(first.year, (first.month - 1) // 3 + 1)


def this_period(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """本周内, 本月10日前, 下周五前, 下季度: the period relative to the reference date.

    With 前 (or 底前) a deadline at the period's end (at the named day or weekday);
    otherwise a window over it (over the named day).
    """
    grain, shift, weekday = tokens[0].value
    after = ctx.tokens[tokens[-1].index + 1] if tokens[-1].index + 1 < len(ctx.tokens) else None
    if shift < 0 and len(tokens) == 1 and after is not None and after.code == "_":
        return []  # 发布上月辖区环境空气质量月报: the period is the report's topic, not a time
    start, end = _period_bounds(ctx.reference, grain, shift)
    anchor = next((t.value for t in tokens if t.code == "A"), None)
    if weekday is not None:
        start = end = start + dt.timedelta(days=weekday)
    elif anchor is not None and anchor.day is not None and grain == "month":
        start = end = dt.date(start.year, start.month, min(anchor.day, end.day))
    due_at = None
    if len(tokens) == 3 and tokens[1].code == "_":  # 本周五下班前, 本周五17时前
        clock = _clock_of(tokens[1].value)
        if clock is None:  # 本月会议召开前: the period, and a limit before the event
            return [*this_period(ctx, tokens[:1]), *before_unnumbered(ctx, tokens[1:])]
        if clock and weekday is not None:
            due_at = dt.datetime.combine(end, dt.time()) + dt.timedelta(
                hours=clock[0], minutes=clock[1]
            )
    common = ctx.common(tokens, False)
    if tokens[-1].code == "P":
        return [Deadline(**common, due=end, due_at=due_at)]
    if tokens[-1].code == "S":  # 本月起: continuing from the period's first day
        return [Ongoing(**common, start=start)]
    return [Window(**common, start=start, end=end)]


#: the end of a working day, said without a clock time (下班前: due that day)
_OFF_WORK = re.compile(r"^(?:上午|下午|中午|晚上)?(?:下班|工作时间结束)$")


def _clock_of(words: str) -> tuple[int, int] | tuple[()] | None:
    """A time of day (17时, 下午5点, 9:00) as (hour, minute); ``()`` for 下班 (that day,
    no time); ``None`` for other words."""
    from .calendar import TOKENS as CALENDAR_TOKENS

    words = words.strip()
    if _OFF_WORK.match(words):
        return ()
    rule = next(r for r in CALENDAR_TOKENS if r.name == "<time of day>")
    m = re.fullmatch(rule.pattern, words)  # its groups are its maker's arguments, in order
    if m is None:
        return None
    try:
        hour, minute = rule.make(words, *m.groups())
    except InvalidDate:
        return None
    return int(hour), int(minute)


#: event endings that name no event without a number before 前 (节 is 环节 unless a
#: festival token took it; 的 ends any noun phrase)
_NOT_UNNUMBERED = ("节", "的")


def before_unnumbered(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """会议召开前, 开标日前, 开学前: due before an event, by a time the text does not
    give (offset ``?``); words that name no event (上线前) give no part."""
    gap, head = tokens[0], tokens[-1]
    words = _event_words(gap.value)
    if (
        head.value not in ("前", "之前", "以前")
        or not _names_event(words)
        or words.endswith(_NOT_UNNUMBERED)
    ):
        return []  # 关键环节前, 工作的前: no event a limit could count back from
    return [
        Relative(
            **ctx.common(tokens, False, start=gap.end - len(words)),
            offset=Offset(None),
            trigger=re.sub(r"(?:之|的)$", "", words),
            direction=Direction.BEFORE,
        )
    ]


def _after_is_other(ctx: Context, head: Token) -> bool:
    """Whether the 后 of an event is not a limit of its own: it qualifies a noun (审定后的
    方案), or its sentence has a limit or a date that the event belongs to (收到初审材料后,
    需在3个工作日内; 督查结束后应于4月8日前; 1月12日上午,…闭幕后)."""
    after = ctx.tokens[head.index + 1] if head.index + 1 < len(ctx.tokens) else None
    if after is not None and after.code == "_" and after.value.startswith("的"):
        return True
    return limit_in_sentence(ctx, head, "UiOWA")


def after_unnumbered(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """大会闭会后审议, 施工完成以后, 会议结束之后, 收到通知后办理: due after an event, by a
    time the text does not give (offset ``?``); words that name no such event
    (:data:`~shixian.grammar.vocabulary.AFTER_EVENT`: 建成后将带动, 然后) give no part."""
    gap, head = tokens[0], tokens[-1]
    # (活动时间截止后: the 截止 between is a word of the event)
    said = "".join(t.value for t in tokens[:-1])
    said += head.value.removesuffix("之后").removesuffix("以后").removesuffix("后")
    words = _event_words(said)
    named = AFTER_EVENT.search(words)
    if named is None or _after_is_other(ctx, head):
        return []
    words = named.group("received") or words
    return [
        Relative(
            **ctx.common(tokens, False, start=gap.start + max(said.find(words), 0)),
            offset=Offset(None),
            trigger=words,
        )
    ]


RULES: list[Rule] = [
    Rule("次日起<n>个工作日内", r"iS?U|i", same_day),
    Rule("会议召开5日前", r"_(?:(?:B_?)?S?Z?[AU]P|(?:B_?)?S?P[UA])", before_event),
    Rule("3个工作日前", r"(?<![_A])UP", before_unnamed),
    Rule("提前一周", r"_UO?|_A(?=$|[|/]|_(?:$|[|/]))", in_advance),
    Rule("提前至一季度", r"_RA(?=[_|/]|$)", moved_to),
    Rule("可延长15个工作日", r"e(?:RU|[UA])", extension),
    Rule("本月10日前", r"t(?:A?P|W|S|_P)?", this_period),
    # not after a date: 2024年中考前 dates the event, and is left for the result to report
    Rule("会议召开前", r"(?<!A)_P(?=$|[|/_])", before_unnumbered),
    Rule("大会闭会后", r"(?<![A|])_B?[KJ](?=$|[|/_])", after_unnumbered),
]
