"""The event a relative time counts from: looked up before it (收到文件后, 自…之日起), named
right before it (信息形成(变更)20个工作日内), written after it in brackets, or the event of a
clause ending in 时 (内容发生变化时,应当及时更新).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..._work import WORK
from ...model import Relative
from ..engine import BREAK, Context, Token
from ..vocabulary import (
    CONDITION_TAILS,
    EVENT_ENDING,
    EVENT_OF_PEOPLE,
    EVENT_OPENERS,
    EVENT_RECEIVED,
    NOT_EVENT_TIME,
    SENDING_VERBS,
    SENTENCE_ENDS,
)
from .duty_words import _MEETING
from .limits import CAP_HEAD

__all__ = [
    "NOT_READ_SINCE", "SAME_MONTH", "SINCE", "event_after", "event_before", "event_of_people",
    "limit_in_sentence",
    "sent_to", "trigger", "when_clause",
]  # fmt: skip

SAME_MONTH = frozenset({"当月", "同月"})
# 该 / 本 stay with the event (自该信息形成之日起: 该信息形成): they are its words, and an
# event named without them (信息形成) is still inside the trigger
_TRIGGER_TRIM = re.compile(
    r"^(?:(?:则|就|并|均)?(?:在|于)|自|从|由|当|待|应在|要在)|(?:之日|之时|时|之际)$"
)
# The subject and modal before the event in prose (行政机关应当自做出…之日起, 各地须在确定…后,
# 办理时间自受理申请之日起, …并公布名单之后): the event starts after them.
_TRIGGER_HEAD = re.compile(
    r"^.*(?:(?:应当|应该|应|须|必须|需要|需|要|将|均|可|一般|时间|日期)(?:在|于|自|从)|并"
    r"|(?<=[\u4e00-\u9fff])自(?![行主查愿治我身然由动发])"
    # 对代表建议从交办之日起: the event starts after 从 (not 服从, 从事, 从严 …)
    r"|(?<=[\u4e00-\u9fff])(?<![服听遵跟盲无顺随打])从(?![事而严快重宽业中来简速属政军头新]))"
)


def _event_words(words: str) -> str:
    if _MEETING.match(words):
        return "会"
    words = _TRIGGER_TRIM.sub("", _TRIGGER_HEAD.sub("", words))
    cap = CAP_HEAD.match(words)  # 不得超过政策文件公开后3个工作日: the cap is no event word
    return words[cap.end() :] if cap is not None else words


def _aside(text: str, tok: Token) -> bool:
    """Whether ``tok`` is the whole of a bracketed aside."""
    return text[tok.start - 1 : tok.start] == "(" and text[tok.end : tok.end + 1] == ")"


def trigger(ctx: Context, tok: Token, *, inherit: bool = False) -> str | None:
    """The event a relative time counts from, looked up before ``tok``.

    The nearest 后/起 in the same sentence, and the free words before it
    (在市人大通过市级政府决算后 → 市人大通过市级政府决算); else the trigger of the
    previous relative part when ``inherit`` (…同步公开,最迟不超过3个工作日: a limit
    on the same event).
    """
    i = first = tok.index if tok.code in "KSJ" else tok.index - 1
    tokens = ctx.tokens
    try:
        while i >= 1:
            t = tokens[i]
            if t.code == "|" and t.value in SENTENCE_ENDS:
                break
            if t.code == "K" and i >= 2 and tokens[i - 1].code == "S" and tokens[i - 2].code == "_":
                # 会议开始后30日内: the event is the start of the words before 后
                words = _event_words(tokens[i - 2].value + tokens[i - 1].value)
                if words and tokens[i - 1].value == "开始":
                    return str(words)
            if t.code in "KSJ" and tokens[i - 1].code == "_":
                # 信息产生、变更之日起: the events of a list before 之日起 are one trigger
                j, event = i - 1, tokens[i - 1].value
                text = ctx.cleaned.text
                if i >= 2 and tokens[i - 2].code == "_" and _aside(text, tokens[i - 1]):
                    # 签约期限起始之日(含…的被征收人)起: the event is before the aside
                    j, event = i - 2, tokens[i - 2].value
                while (
                    j >= 2
                    and tokens[j - 1].code == "_"
                    and tokens[j - 2].code == "_"
                    and _aside(text, tokens[j - 1])
                    and tokens[j - 1].end + 1 == tokens[j].start
                ):
                    # 接到镇(街道)人民政府审核意见之日起: a bracketed word inside the event
                    event = text[tokens[j - 2].start : tokens[j].start] + event
                    j -= 2
                if (
                    j >= 1
                    and tokens[j - 1].code == "_"
                    and text[tokens[j - 1].start - 1 : tokens[j - 1].start] == "《"
                    and text[tokens[j - 1].end : tokens[j].start] == "》"
                ):
                    # 其《外经证》有效期满后: a title opening the event is its first words
                    event = tokens[j - 1].value + event
                    j -= 1
                while j >= 2 and tokens[j - 1].code == "/" and tokens[j - 2].code == "_":
                    event = f"{tokens[j - 2].value}{tokens[j - 1].value}{event}"
                    j -= 2
                if t.code == "J":  # 调查结束后: the event is the end of the words before
                    event += re.sub(r"(?:之日)?(?:以后|之后|后)$", "", t.value)
                elif t.value == "开始" and "自" not in event and "从" not in event:
                    event += t.value  # 于年度开始一个月内: the event is the start (no 自 … 开始)
                words = _event_words(event)
                if words:
                    return str(words)
            if t.code not in "_|/":  # another time word: the event is not further back
                break
            i -= 1
    finally:
        WORK.walked += first - i + 1
    if inherit:
        for part in ctx.parts[-3:][::-1]:
            if isinstance(part, Relative) and part.trigger is not None:
                return part.trigger
    return None


def event_after(ctx: Context, last: Token) -> str | None:
    """20个工作日(自该政府信息形成或者变更之日起): the event of a limit, written after it
    in brackets, or in a clause of its own (有效期为90日,由公开开标日起计)."""
    tokens = ctx.tokens
    i = last.index + 1
    text = ctx.cleaned.text
    clause = i + 2 < len(tokens) and tokens[i].code == BREAK and tokens[i].value == ","
    if clause:
        i += 1  # ,由…起计 counts a length only with 起计 / 起算 (below)
    elif i + 1 >= len(tokens) or text[last.end : tokens[i].start] != "(":
        return None
    gap, start = tokens[i], tokens[i + 1]
    if gap.code != "_" or start.code != "S" or not gap.value.startswith(("自", "从", "由")):
        return None
    if clause and not start.value.endswith(("计", "算")):
        return None
    event = _TRIGGER_TRIM.sub("", gap.value)
    event = _TRIGGER_TRIM.sub("", event)  # both ends: 自…之日
    return event or None


def event_of_people(ctx: Context, last: Token) -> str | None:
    """48小时内接种新冠疫苗的人员: the event of a limit that qualifies the people after it
    (:data:`~shixian.grammar.vocabulary.EVENT_OF_PEOPLE`), in the words right after it."""
    i = last.index + 1
    if i < len(ctx.tokens) and ctx.tokens[i].code == "W":
        i += 1  # (32天 | 内: the 内 of the limit)
    if i >= len(ctx.tokens) or ctx.tokens[i].code != "_":
        return None
    m = EVENT_OF_PEOPLE.match(ctx.tokens[i].value)
    return None if m is None else m.group("event")


def sent_to(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is the 至 of 下发至本单位 (a recipient, not a range)."""
    return (
        i >= 1
        and tokens[i].code == "R"
        and tokens[i].value == "至"
        and tokens[i - 1].code == "_"
        and tokens[i - 1].value.endswith(SENDING_VERBS)
    )


def when_clause(ctx: Context, tok: Token) -> str | None:
    """内容发生变化时,应当及时更新: the event of a clause ending in 时 right before the
    clause of ``tok`` (a word such as 同时 or 届时 names none)."""
    tokens = ctx.tokens
    i = tok.index - 1
    if i >= 0 and tokens[i].code == "_" and (i == 0 or tokens[i - 1].code == "|"):
        # 险情严重时随时上报, 发现问题时立即报告: the clause's own when-words, no comma
        own = _event_at(tokens[i].value)
        if own is not None:
            return own
    while i >= 0 and tokens[i].code == "_":
        i -= 1
    if i < 1 or tokens[i].code != "|" or tokens[i].value != ",":
        return None
    gap = tokens[i - 1]
    words: str = gap.value
    opens = i < 2 or tokens[i - 2].code == "|"
    if gap.code == "_" and words.endswith("的") and opens:
        received = EVENT_RECEIVED.search(words)  # 收到政府信息公开申请的,应及时转交
        if received is not None:
            return received.group("event")
        # 公示期满无异议的,应当在10个工作日内: a condition on an event that ends or is made
        event = CONDITION_TAILS.sub("", words)
        if EVENT_ENDING.search(event) is not None:
            return _event_words(event) or None
    if gap.code == "_" and opens and (opened := EVENT_OPENERS.match(words)) is not None:
        return opened.group("event") or opened.group("found")  # 遇有重大突发事件,要及时报告
    if gap.code != "_" or (i >= 2 and tokens[i - 2].code != "|"):
        return None  # (a clause that holds other time words names not only an event)
    return _event_at(words)


def _event_at(words: str) -> str | None:
    """The event of words ending in 时 (内容发生变化时: 内容发生变化); ``None`` for words that
    name none (同时, 及时) or too few."""
    if not words.endswith("时") or words.endswith(NOT_EVENT_TIME):
        return None
    event = _TRIGGER_TRIM.sub("", words)
    return event if len(event) >= 2 else None


def event_before(ctx: Context, dur: Token) -> str | None:
    """信息形成(变更)20个工作日内: the event a limit counts from, named right before it
    without 后 or 起, when those words end with an event word (形成, 变更, 作出 …)."""
    i = dur.index - 1
    tokens = ctx.tokens
    if i < 0 or tokens[i].code != "_":
        return None
    start = tokens[i].start
    while i >= 1 and (
        tokens[i - 1].code == "_"
        or (tokens[i - 1].code == "/" and i >= 2)
        or sent_to(tokens, i - 1)
    ):  # 信息形成(变更): gaps split at brackets, or a list of events; 下发至本单位
        i -= 1
        start = tokens[i].start
    words = ctx.cleaned.text[start : dur.start].strip()
    if EVENT_ENDING.search(words) is None:
        received = EVENT_RECEIVED.search(words)  # 应在收到行政复议申请的60日内
        return None if received is None else received.group("event")
    return _event_words(words) or None


SINCE = re.compile(
    r"(?:(?:自|从)(?P<event>[^自从]{1,30}?)(?:之日|当日|当天|之时)?|(?P<event2>[^自从]{2,30}?)之日)$"
)


_SENTENCE_REACH = 24
NOT_READ_SINCE = "a relation (起, 以来) to words after a date that are not read"


def limit_in_sentence(ctx: Context, tok: Token, codes: str = "UiOW") -> bool:
    """Whether a time limit (a length, 当日, 及时; or a token of ``codes``) shares the
    sentence of ``tok``, looked for at most :data:`_SENTENCE_REACH` tokens each side (a
    text without 。 costs no scan of the whole text per match)."""
    tokens = ctx.tokens
    for step in (-1, 1):
        i = tok.index + step
        stop = tok.index + step * _SENTENCE_REACH
        while 0 <= i < len(tokens) and i != stop:
            WORK.walked += 1
            if tokens[i].code == "|" and tokens[i].value in SENTENCE_ENDS:
                break
            if tokens[i].code in codes and (tokens[i].code != "W" or _within_a_time(tokens, i)):
                return True  # W: 内 of a limit whose number is missing
            i += step
    return False


#: The last characters of words before 内 that make it a time's (规定期限内, 当年内, and a
#: number whose unit is missing: 批准后20内); 计划内, 预算内, 体制内 are inside a thing.
_TIME_BEFORE_WITHIN = tuple("日天月年周期限时间季度0123456789一二三四五六七八九十")


def _within_a_time(tokens: Sequence[Token], i: int) -> bool:
    """Whether the 内 at ``tokens[i]`` closes a time (a limit's), not a thing (计划内)."""
    before = tokens[i - 1] if i else None
    return before is None or before.code != "_" or before.value.endswith(_TIME_BEFORE_WITHIN)
