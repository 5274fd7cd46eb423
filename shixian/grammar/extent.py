"""How far an :func:`shixian.extract` match reaches: the words next to a part that belong to
its expression although no rule needs them to compute its meaning.

A part's span is the tokens its rule read. In running text the expression is often wider:

* a relative time's **trigger** written before it (自收缴罚款之日起2日内, 选举投票前20日):
  the match starts where the event's words start (and at the 自 / 于 / 在 before them);
* a **time of day without a clock** after a day (3月1日下午, 10月20日上午);
* the **closing word** of a deadline or range (截至10月底止, …至2016年12月31日止, …为止);
* the **position of a day** in the month before it (每年11月的第四个周末);
* the **in-force verb** after 自…起 (自2022年6月1日起施行);
* a **latest-by** or **moved-to** word before a date (最迟在10月18日前, 调整至2021年);
* a **year word** right before a finer date of that year (年内6月30日前: one match, the
  finer date's meaning).

Every look is bounded (a few characters, or the trigger's own length within its clause),
so extraction stays linear in the text.
"""

from __future__ import annotations

import bisect
import re

from .._work import WORK
from ..model import Deadline, Ongoing, Part, Relative, Schedule, Window
from .engine import Context
from .rules.limits import CAP_WORDS

__all__ = ["absorbs", "widen"]

_CLAUSE_END = re.compile(r"[,;。:!?\n]")
#: the words between a trigger and the duration after it (之日起, 后的, 之后)
_TRIGGER_GAP = 8
#: how far back a trigger is looked for (its own length at most this)
_TRIGGER_REACH = 48
_AFTER = re.compile(r"(?:之日)?(?:之后|以后|后)")
_MARKERS = frozenset("自于在从由当待")
_DETERMINERS = frozenset("该該本")
# The words are matched in the original text, in simplified and traditional forms; a
# character test comes first, so that a part with nothing beside it costs no regex call.
_DAYPART = re.compile(
    r"(?:上午|下午|中午|晚上|早上|凌晨|傍晚|夜间|夜間|全天)(?![0-9０-９零〇一二三四五六七八九十:：])"
)
_DAYPART_FIRST = frozenset("上下中晚早凌傍夜全")
_DAY_LAST = frozenset("日号號天")
_MONTH_LAST = frozenset("月份")
_POSITION_FIRST = frozenset("的第倒")
_CLOSER = re.compile(r"为止|為止|止|结束|結束|截止(?![日时時期])")
_CLOSER_FIRST = frozenset("为為止结結截")
_IN_FORCE = re.compile(r"施行|实施|實施|执行|執行|生效")
_IN_FORCE_FIRST = frozenset("施实實执執生")
#: the position of a day inside the period before it (每年11月的第四个周末)
_POSITION = re.compile(
    r"的?(?:第|倒数第|倒數第)[0-9一二三四五六七八九十]{1,2}[个個]?"
    r"(?:周末|週末|[周週][一二三四五六日天]|星期[一二三四五六日天])"
)
_LATEST = re.compile(
    r"(?:(?:最迟|最遲|最晚|至迟|至遲)(?:在|于|於|到)?|(?:调整|調整|推迟|推遲|延期|延长|延長|顺延|順延)(?:至|到))$"
)
_LATEST_LAST = frozenset("迟遲晚在于於到至")
#: a year word that only names the year of the finer date after it (年内6月30日前)
_YEAR_WORD = re.compile(r"(?:今年|本年|当年|當年|年)(?:内|內|度)?$|[0-9]{4}年(?:内|內|度)?$")


def _cleaned_at(ctx: Context, offset: int) -> int:
    """The cleaned-text index of an offset into the original text."""
    origin = ctx.cleaned.origin
    if origin is None:
        return offset
    return bisect.bisect_left(origin, offset)


def _original(ctx: Context, index: int) -> int:
    origin = ctx.cleaned.origin
    if origin is None:
        return index
    if index >= len(origin):
        return len(ctx.text)
    return origin[index]


def widen(ctx: Context, part: Part, low: int, high: int) -> tuple[int, int]:
    """The span of ``part``'s expression in the original text, widened over the words
    around it that belong to it, never below ``low`` nor past ``high`` (the neighbours)."""
    start, end = part.span
    if isinstance(part, Relative):
        if part.trigger:
            cs = _cleaned_at(ctx, start)
            # promptly (及时, 即可) reaches back only over an event that ends in 后 right
            # before it (职位表发布后即可); a limit over any trigger before it
            between = None if part.offset.amount else _AFTER
            low_c = _cleaned_at(ctx, low)
            at = _trigger_start(ctx.cleaned.text, part.trigger, cs, low_c, between)
            if at != cs:
                start = _original(ctx, at)
            else:  # 有效期为90日,由公开开标日起计: the event told after the length
                ce = _cleaned_at(ctx, end)
                told = _trigger_after(ctx.cleaned.text, part.trigger, ce, _cleaned_at(ctx, high))
                if told != ce:
                    end = _original(ctx, told)
        return start, end
    text = ctx.text
    after = text[end] if end < high else ""
    last = text[end - 1] if end else ""
    if isinstance(part, Deadline | Window):
        if start > low and text[start - 1] in _LATEST_LAST:
            before = _LATEST.search(text, max(low, start - 5), start)
            if before is not None:
                start = before.start()
        if after in _DAYPART_FIRST and isinstance(part, Window) and last in _DAY_LAST:
            m = _DAYPART.match(text, end, high)
            if m is not None:
                end = m.end()
                after = text[end] if end < high else ""
        if after in _CLOSER_FIRST:
            m = _CLOSER.match(text, end, high)
            if m is not None:
                end = m.end()
    elif isinstance(part, Schedule) and last in _MONTH_LAST and after in _POSITION_FIRST:
        m = _POSITION.match(text, end, high)
        if m is not None:
            end = m.end()
    elif isinstance(part, Ongoing) and last == "起" and after in _IN_FORCE_FIRST:
        m = _IN_FORCE.match(text, end, high)
        if m is not None:
            end = m.end()
    return start, end


def _trigger_start(
    text: str, trigger: str, cs: int, low: int, between: re.Pattern[str] | None = None
) -> int:
    """Where the trigger's words begin, when they stand right before the part in its
    clause (with 之日起 / 后的 between); the 自 / 于 / 在 before them is taken too."""
    reach = max(low, cs - _TRIGGER_REACH - len(trigger))
    WORK.reached += cs - reach
    at = text.rfind(trigger, reach, cs)
    if at < 0 or cs - (at + len(trigger)) > _TRIGGER_GAP:
        return cs
    if between is not None and between.fullmatch(text, at + len(trigger), cs) is None:
        return cs
    if _CLAUSE_END.search(text, at, cs) is not None:
        return cs
    if at > low and text[at - 1] in _DETERMINERS:  # 自该信息形成…: the event's determiner
        at -= 1
    if at > low and text[at - 1] in _MARKERS:
        at -= 1
    cap = _CAP_BEFORE.search(text, max(low, at - _CAP_LONGEST), at)
    if cap is not None:  # 不得超过政策文件公开后3个工作日: the cap on the limit is its word
        at = cap.start()
    return at


_CAP_BEFORE = re.compile(f"(?:{'|'.join(sorted(CAP_WORDS, key=len, reverse=True))})$")
_CAP_LONGEST = max(len(w) for w in CAP_WORDS)
_TRIGGER_AFTER = re.compile(r"[,(](?:自|从|由)(?:该)?")
_COUNTED_FROM = re.compile(r"(?:之日)?起(?:计算|计|算)?\)?")


def _trigger_after(text: str, trigger: str, ce: int, high: int) -> int:
    """Where the words of a trigger told right after the part end (,由公开开标日起计;
    (自该信息形成之日起)), or ``ce`` when they are not there."""
    if ce >= high or text[ce] not in ",(":
        return ce
    m = _TRIGGER_AFTER.match(text, ce, high)
    if m is None:
        return ce
    at = m.end()  # the trigger may keep the 该 the pattern allows (该政府信息形成或者变更)
    if not text.startswith(trigger, at, high):
        if text[m.end() - 1] != "该" or not text.startswith(trigger, at - 1, high):
            return ce
        at -= 1
    counted = _COUNTED_FROM.match(text, at + len(trigger), high)
    if counted is None or counted.end() == at + len(trigger):
        return ce
    if text[ce] == "(" and not text.startswith(")", counted.end() - 1):
        return ce
    return counted.end()


def absorbs(ctx: Context, first: Part, second: Part) -> bool:
    """``first`` is a year word (年内, 今年) written right before ``second``, a finer date
    of that year: the two are one expression with ``second``'s meaning."""
    if not isinstance(first, Window) or isinstance(second, Relative):
        return False
    if first.span[1] != second.span[0] or first.start is None or first.end is None:
        return False
    if _YEAR_WORD.search(first.text) is None:
        return False
    due = getattr(second, "due", None)
    lo = getattr(second, "start", None) or due
    hi = getattr(second, "end", None) or due
    return lo is not None and hi is not None and first.start <= lo and hi <= first.end
