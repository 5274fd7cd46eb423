"""Time after an event, statutory limits, pending decisions and continuing work: the
productions (the words are :mod:`.limits`, the events :mod:`.events`).

收到文件后3个工作日内, 24小时内, 及时, 次月10日前, 按预算法规定时限, 待国家批准后,
按照国家部署, 长期坚持.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs

from ..._work import WORK
from ...calendar.periods import moment, month_length
from ...errors import InvalidDate
from ...model import Deadline, Offset, Ongoing, Part, Pending, Relative, Schedule, Unit, Window
from ..engine import GAP, Context, Rule, Token
from ..vocabulary import AFTER_EVENT, EVENT_ENDING, SENTENCE_ENDS, STOPS_AFTER
from .duty_words import _event_words
from .events import (
    NOT_READ_SINCE,
    SAME_MONTH,
    SINCE,
    event_after,
    event_before,
    event_of_people,
    limit_in_sentence,
    when_clause,
)
from .events import trigger as find_trigger
from .limits import (
    CAP_HEAD,
    CAP_WORDS,
    DURATION_TOKENS,
    EACH_EVENT_VERBS,
    FIRST_DURATIONS,
    PROMPT_WORDS,
    REFUSING,
    TOKENS,
    TOPIC_REACH,
    Duration,
)
from .restated import same_month

__all__ = [
    "CAP_WORDS", "DURATION_TOKENS", "EACH_EVENT_VERBS", "FIRST_DURATIONS", "PROMPT_WORDS",
    "REFUSING", "RULES", "TOKENS", "Duration", "find_trigger", "fold_restated_prompt",
]  # fmt: skip


_DEADLINE_NOUN = re.compile(r"((?:截止|截至)(?:日期|时间|期限))(?:及时间)?")


#: the token rules of a cap's length (最长不超过<n>个月, 至迟不超过…)
_CAP_RULES = ("最长不超过", "至迟", "最多不超过", "不超过", "不得超过")


def after_date(ctx: Context, tokens: Sequence[Token]) -> list[Part] | None:
    """``<date>后`` read otherwise than as continuing work from the date, or ``None``:
    a length after an event (:func:`days_after_event`), or a deadline when what follows
    stops (6月30日后将不再接受补报: :data:`~shixian.grammar.vocabulary.STOPS_AFTER`)."""
    after = days_after_event(ctx, tokens)
    if after is not None:
        return after
    if STOPS_AFTER.match(ctx.cleaned.text, tokens[-1].end) is not None:
        from .calendar import deadline_by

        return deadline_by(ctx, tokens)
    return None


def days_after_event(ctx: Context, tokens: Sequence[Token]) -> list[Part] | None:
    """收到通知3日后, 公示7日后: a bare day and 后 right after the words of an event are that
    many days after it (a length), not the day of the month; ``None`` when the words name no
    event (于15日后开始 keeps the 15th)."""
    tok = tokens[0]
    anchor = tok.value
    if (
        anchor.day is None
        or anchor.month is not None
        or anchor.has_year
        or anchor.month_shift is not None
        or tok.index < 1
        or ctx.tokens[tok.index - 1].code != "_"
    ):
        return None
    words = _event_words(ctx.tokens[tok.index - 1].value)
    if not words or (EVENT_ENDING.search(words) is None and AFTER_EVENT.search(words) is None):
        return None
    received = AFTER_EVENT.search(words)
    event = (received.group("received") if received is not None else None) or words
    return [
        Relative(
            **ctx.common(tokens, False, start=max(ctx.cleaned.text.rfind(event, 0, tok.start), 0)),
            offset=Offset(anchor.day, Unit.DAY),
            trigger=event,
        )
    ]


def _at_event(ctx: Context, head: Token) -> bool:
    """Whether the clause right before ``head`` is ``在<event>时`` alone (its time)."""
    i = head.index
    if i < 2:
        return False
    comma, at = ctx.tokens[i - 2 + 1], ctx.tokens[i - 2]
    return comma.code == "|" and comma.value == "," and at.code == "O" and at.rule == "在<event>时"


def after_event(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<event>后<n><unit>内``, ``最迟不超过3个工作日``, ``24小时内``, ``次月10日前``."""
    head = tokens[0]
    dur = next((t for t in tokens if t.code == "U"), None)
    if dur is not None:
        offset = Offset(dur.value.amount, dur.value.unit)
    else:  # 次月<day>前; 次月底前, 次月内: the last day of the next month (当月: of its own)
        day = next((t.value.day for t in tokens if t.code == "A"), None)
        same = head.code == "N" and head.value in SAME_MONTH
        if len(tokens) == 1 and not same:
            return []  # 次月 alone (次月起 …) is no limit
        if same:
            before = ctx.tokens[head.index - 1] if head.index else None
            deadline = (before is not None and before.code == "B") or tokens[-1].code == "P"
            told = same_month(ctx, head, day, deadline)
            if told is not None:
                return told
        offset = Offset(0 if same else 1, Unit.MONTH, 31 if day is None else day)
    if dur is not None and dur.value.approx:
        reason = (
            "one of two lengths (the larger taken)"
            if dur.value.either
            else "an approximate length (more than it says)"
        )
        ctx.flags.append((dur.start, dur.end, reason))
    # a cap after a limit (三个月内,至迟不超过六个月) bounds the same event's
    capped = (
        head.code == "U"
        and head.rule.startswith(_CAP_RULES)
        and bool(ctx.parts)
        and isinstance(ctx.parts[-1], Relative)
        and bool(
            ctx.parts[-1].offset.amount
        )  # (a prompt's cap, 同步…不超过5个工作日, is one limit)
    )
    trigger = find_trigger(ctx, head, inherit=head.code == "B" or capped)
    if trigger is None and dur is None:  # 信息形成当月: the event named right before
        trigger = event_before(ctx, head)
    if trigger is None and dur is not None and head.code == "B":
        # 截止日期及时间顺延至下一个工作日: the deadline itself is the event
        named = _DEADLINE_NOUN.fullmatch(head.value)
        trigger = None if named is None else named.group(1)
    if trigger is None and dur is not None:
        trigger = (
            event_before(ctx, dur)
            or event_after(ctx, tokens[-1])
            or event_of_people(ctx, tokens[-1])
            or when_clause(ctx, head)
        )
    prev = ctx.parts[-1] if ctx.parts else None
    if (
        dur is not None
        and trigger is None
        and isinstance(prev, Relative)
        and prev.offset.amount == 0
        and prev.trigger is not None
        # the cleaned words: 不超過, 不 超 过
        and (CAP_HEAD.match(ctx.cleaned.text, dur.start) is not None or _at_event(ctx, head))
    ):
        # 在接到交办的工单时,4小时内办结: the limit counts from the event of the clause before
        # 与政策文件同步发布,时间跨度不超过5个工作日: the cap is the limit of that event
        ctx.parts.pop()
        common = ctx.common(tokens, False)
        return [Relative(**common, offset=offset, trigger=prev.trigger)]
    if trigger is None and dur is None and head.code == "N" and head.value in _NEXT_MONTH:
        told = _next_month(ctx, tokens, day)
        if told is not None:
            return told
    return [Relative(**ctx.common(tokens, False), offset=offset, trigger=trigger)]


#: the next month said of the writing's own time (现金津贴计划下月30日结束), as 下周 is;
#: 次月 and 同月 are of an event
_NEXT_MONTH = frozenset({"下月", "下个月"})


def _next_month(ctx: Context, tokens: Sequence[Token], day: int | None) -> list[Part] | None:
    """A day of 下月 with no event, limit or schedule in its phrase (计划下月30日结束, 并于
    下月30日发放): that day of the month after the reference's. A limit (下月5日前, 下月底前,
    a cell of a table of duties) stays the month after the event, as 次月 is."""
    after = tokens[-1].index + 1
    if (
        day is None
        or tokens[-1].code == "P"
        or (after < len(ctx.tokens) and ctx.tokens[after].code == "P")
        or any(isinstance(part, Schedule) for part in ctx.parts)
        or any(t.code == "Q" for t in ctx.tokens[: tokens[0].index])
    ):
        return None
    ref = ctx.reference
    year, month = ref.year + ref.month // 12, ref.month % 12 + 1
    if day > month_length(year, month):
        raise InvalidDate(ctx.text, "day", day)
    on = dt.date(year, month, day)
    told = tokens[-1].value.time if tokens[-1].code == "A" else None
    before = tokens[0].index - 1
    if (
        before >= 0
        and ctx.tokens[before].code == "R"
        and (before == 0 or ctx.tokens[before - 1].code not in "AE")
    ):
        # 諮詢期至下月11日結束: until that day (a range's far end with no start told)
        common = ctx.common([ctx.tokens[before], *tokens], False)
        return [Deadline(**common, due=on, due_at=moment(on, told))]
    if after < len(ctx.tokens) and ctx.tokens[after].code == "B":
        # 下月18日晚上8時截止: the deadline word after the day
        common = ctx.common([*tokens, ctx.tokens[after]], False)
        return [Deadline(**common, due=on, due_at=moment(on, told))]
    return [Window(**ctx.common(tokens, False), start=on, end=on, start_at=moment(on, told))]


def promptly(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """及时, 立即, 同步, 按时: offset 0 after the event named before it."""
    tok = tokens[-1]
    prev = ctx.parts[-1] if ctx.parts else None
    if (
        isinstance(prev, Relative)
        and tok.value.trigger is None
        and tok.index >= 1
        and (
            ctx.tokens[tok.index - 1].code == "U"
            # 在满21天后尽早接种: promptly once the length is over, the length's limit
            or (ctx.tokens[tok.index - 1].code == "K" and ctx.tokens[tok.index - 2].code == "U")
            or (ctx.tokens[tok.index - 1].code == "O" and prev.trigger is not None)
            or (prev.trigger is not None and _at_event(ctx, tok))
        )
    ):
        # 20个工作日内及时公开, 每次会议结束后及时公布, 在收到申请时,及时办理: 及时 restates
        # the limit
        return []
    if (
        prev is not None
        and not isinstance(prev, Relative)
        and tok.index >= 1
        and ctx.tokens[tok.index - 1].code in "APQ"
        and tok.value.trigger is None
    ):
        # 确保在10月底按时完成, 每月及时梳理: on time for the date (or each period) told
        # right before it
        return []
    if fold_restated_prompt(ctx, tok.index, tok.value.trigger) or _before_deadline(ctx, tok.index):
        return []
    trigger = tok.value.trigger or find_trigger(ctx, tok) or when_clause(ctx, tok)
    return [Relative(**ctx.common(tokens, False), offset=Offset(0), trigger=trigger)]


_AT = frozenset(("于", "在"))


def _before_deadline(ctx: Context, index: int) -> bool:
    """Whether the prompt word at ``index`` leads a deadline told right after it
    (尽快于春节前完成, 请及时于3月底前报送): hurry to meet that date, no promptness of its own."""
    tokens = ctx.tokens
    return (
        index + 3 < len(tokens)
        and tokens[index + 1].code == GAP
        and tokens[index + 1].value in _AT
        and tokens[index + 2].code in "AG"
        and tokens[index + 3].code == "P"
    )


def fold_restated_prompt(ctx: Context, index: int, trigger: str | None) -> bool:
    """Whether the prompt word at token ``index`` (及时, 当场) restates the promptness of
    the part before it, which then grows over it: 发现险情及时上报并迅速处置, 能够当场答复的,
    应当场答复, 即知即改、立行立改 are one duty's promptness, told again in its sentence. A
    prompt word after an event of its own (收到申请后立即受理,办结后及时通知) is a part of
    its own. In running text (extract) each prompt word stays a match of its own."""
    prev = ctx.parts[-1] if ctx.parts else None
    if ctx.lenient or not isinstance(prev, Relative) or prev.offset.amount != 0:
        return False
    if trigger is not None and trigger != prev.trigger:
        return False  # its own event, in its own words (在收到材料时)
    for j in range(index - 1, -1, -1):  # a prompt word before it, only words between
        tok = ctx.tokens[j]
        if tok.code == GAP and (tok.value.endswith("时") or "后" in tok.value):
            return False  # 遇到紧急情况时立即处置: an event of its own
        if tok.code == "O" or (tok.code == "i" and tok.value.amount == 0):
            end = ctx.where([ctx.tokens[index]])[1][1]
            start = prev.span[0]
            ctx.parts[-1] = attrs.evolve(prev, text=ctx.text[start:end], span=(start, end))
            return True
        if tok.code not in "_|/" or (tok.code == "|" and tok.value in SENTENCE_ENDS):
            return False
    return False


def statutory(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """按预算法规定时限: the limit of the statute in force at the reference date."""
    from ...calendar.statutes import find

    tok = tokens[0]
    law: str | None = tok.value
    common = ctx.common(tokens, False)
    if law is None:
        return [Relative(**common, offset=Offset(None), trigger=None)]
    rules = [r for r in find(law, on=ctx.reference) if r.offset is not None]
    if not rules:
        from ...model import StatuteRef

        return [Relative(**common, offset=Offset(None), statute=StatuteRef(law=law))]
    text = ctx.cleaned.text
    lo = max(tok.start - TOPIC_REACH, 0)
    hi = min(tok.end + TOPIC_REACH, len(text))
    WORK.scanned += 2 * TOPIC_REACH + tok.end - tok.start  # at most; less near the ends
    head = text.rfind("。", lo, tok.start)
    sentence = text[lo if head < 0 else head + 1 : (text.find("。", tok.end, hi) + 1) or hi]
    topic = _topic(sentence)
    rule = next((r for r in rules if topic in r.topics), rules[0])
    assert rule.offset is not None
    return [
        Relative(
            **common,
            offset=rule.offset,
            trigger=rule.trigger,
            statute=rule.to_ref(),
            extension=rule.extension,
        )
    ]


def statutory_stated(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """法定期限:20个工作日: the statutory limit, stated; a named law is still cited."""
    parts = statutory(ctx, tokens[:1])
    dur = tokens[-1].value
    stated = Offset(dur.amount, dur.unit)
    rel = parts[0]
    assert isinstance(rel, Relative)
    common = ctx.common(tokens, False)
    return [attrs.evolve(rel, text=common["text"], span=common["span"], offset=stated)]


def _topic(text: str) -> str:
    """Which of a statute's limits the surrounding text is about."""
    if "申请" in text:
        return "依申请公开"
    if "部门" in text and ("预算" in text or "决算" in text):
        return "部门决算公开" if "决算" in text else "部门预算公开"
    return "主动公开"


def pending(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """待国家批准后, 按环保部修订发布后的时间要求: set by a future decision."""
    return [Pending(**ctx.common(tokens, False), depends_on=tokens[0].value)]


def condition(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """按照国家部署: a condition on the other parts, or pending when it stands alone."""
    ctx.conditions.append(tokens[0])
    return []


def ongoing(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """长期坚持, 持续推进: continuing work with no stated start."""
    return [Ongoing(**ctx.common(tokens, False), start=None)]


def since_event(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """自印发之日起(施行): from the event on (offset 0); 自公布之日起三十日后: 30 days after
    it. Words that name no event (项目5日起) keep the calendar reading of the day."""
    m = SINCE.search(tokens[0].value)
    event = None if m is None else m.group("event") or m.group("event2")
    if event is None or len(event) < 2:
        from .calendar import ongoing_from

        if len(tokens) > 2:
            return ongoing_from(ctx, tokens[2:])
        if tokens[0].index and ctx.tokens[tokens[0].index - 1].code == "A":
            # 2016年中央环保督察以来: the date is read, the event it counts from is not
            start = tokens[1]
            ctx.flags.append((start.start, start.end, NOT_READ_SINCE))
        return []
    if limit_in_sentence(ctx, tokens[1]):
        return []  # 自受理申请之日起,10个工作日内: the event of that limit
    after = ctx.tokens[tokens[1].index + 1 : tokens[1].index + 4]
    if len(tokens) == 2 and [t.code for t in after] == ["|", "R", "A"]:
        return []  # 自公告见报之日起,到2023年1月15日结束: a window to that day, whose end is read
    offset = Offset(0)
    if len(tokens) > 2:
        anchor = tokens[2].value
        if anchor.grain != "day" or anchor.month is not None or anchor.month_shift is not None:
            from .calendar import ongoing_from

            return ongoing_from(ctx, tokens[2:])  # 自…之日起,3月5日后: a date after all
        offset = Offset(anchor.day, Unit.DAY)
    return [Relative(**ctx.common(tokens, False), offset=offset, trigger=event)]


RULES: list[Rule] = [
    # 自印发之日起施行, 自公布之日起三十日后, 自受理之日起15日完成 (a bare day after 起 is a
    # length: 收到申请之日起7日 was the 7th of the reference's month)
    Rule("自<event>之日起", r"_S(?:(?=_|\||$)|AK|A(?=_|\||$))", since_event),
    Rule("法定期限:<n>个工作日", r"X\|?U", statutory_stated),
    Rule("按<law>规定时限", r"X", statutory),
    Rule("待<event>后", r"H", pending),
    Rule("按照<authority>部署", r"c", condition),
    Rule("<event>后<n>日内", r"B?[KJ]?UO?|N(?:A[PW]?|[PW])?", after_event),
    Rule("及时", r"O", promptly),
    Rule("长期坚持", r"L", ongoing),
]
