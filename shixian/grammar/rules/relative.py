"""Time after an event, statutory limits, pending decisions and continuing work.

收到文件后3个工作日内, 24小时内, 及时, 次月10日前, 按预算法规定时限, 待国家批准后,
按照国家部署, 长期坚持.

Token codes: ``U`` a duration (3个工作日内), ``K`` 后, ``O`` promptly (及时, 与文件同步公开),
``N`` 次月, ``X`` a statutory limit, ``H`` pending (待…后), ``c`` a condition or,
standing alone, a pending decision (按照国家部署), ``L`` continuing (长期坚持).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..._work import WORK
from ...errors import InvalidDate
from ...model import Offset, Ongoing, Part, Pending, Relative, Unit
from ..engine import Context, Rule, Token, TokenRule
from ..numerals import CN_DIGITS, NUMBER, to_int
from ..vocabulary import EVENT_ENDING, NOT_EVENT_TIME, SENDING_VERBS

__all__ = ["CAP_WORDS", "DURATION_TOKENS", "EACH_EVENT_VERBS", "PROMPT_WORDS", "RULES", "TOKENS"]

N = NUMBER
_UNIT = {
    "工作日": Unit.WORKDAY, "自然日": Unit.DAY, "日历天": Unit.DAY, "小时": Unit.HOUR,
    "钟头": Unit.HOUR, "天": Unit.DAY,
    "日": Unit.DAY, "周": Unit.WEEK, "星期": Unit.WEEK, "个月": Unit.MONTH,
    "月": Unit.MONTH, "年": Unit.YEAR,
}  # fmt: skip
_CLAUSE_END = frozenset("。;!?\n")
#: How far (characters, each side) a statutory limit looks for the topic of its
#: sentence (申请, 部门预算…): a bound, so that a document without 。 costs no
#: scan of the whole text per limit.
TOPIC_REACH = 200


class Duration:
    """A duration word's value."""

    __slots__ = ("amount", "approx", "unit")

    def __init__(self, amount: int, unit: Unit, approx: bool = False) -> None:
        self.amount = amount
        self.unit = unit
        #: 一个多月, 十余天: more than the amount (the result is flagged)
        self.approx = approx


class Prompt:
    """及时/立即/同步; ``trigger`` when the phrase names it (与文件同步公开)."""

    __slots__ = ("trigger",)

    def __init__(self, trigger: str | None) -> None:
        self.trigger = trigger


def _duration(text: str, n: str, u: str) -> Duration:
    return Duration(to_int(n), _UNIT[u])


def _bare_duration(
    text: str, n: str | None, u: str | None, n2: str | None, u2: str | None
) -> Duration:
    return Duration(to_int(n or n2 or ""), _UNIT[u or u2 or ""])


_HALVES = {"一年半": (18, Unit.MONTH), "半年": (6, Unit.MONTH), "半个月": (15, Unit.DAY)}


def _half(text: str, n: str) -> Duration:
    """半年内 → 6 months, 一年半内 → 18 months, 半个月内 → 15 days (documented)."""
    return Duration(*_HALVES[n])


def _approximate(
    text: str, n: str | None, u: str | None, n2: str | None, u2: str | None
) -> Duration:
    return Duration(to_int(n or n2 or ""), _UNIT[u or u2 or ""], approx=True)


def _negative(text: str, n: str, u: str) -> Duration:
    raise InvalidDate(text, "time limit", f"-{n}{u}")


def _minimum(text: str, n: str) -> str:
    return text


def _at_event(text: str, on: str) -> Prompt:
    return Prompt(on)


def _each_event(text: str, on: str | None, on2: str | None) -> Prompt:
    return Prompt(re.sub(r"(?:之后|以后|后|时)$", "", text))


def _prompt(text: str, obj: str | None = None, verb: str | None = None) -> Prompt:
    return Prompt(None if obj is None else obj + (verb or ""))


def _case(text: str, on: str) -> str:
    return on


def _capture(text: str, on: str | None, on2: str | None) -> str:
    return on if on is not None else on2 or ""


def _law(text: str, law: str | None, law2: str | None) -> str | None:
    return law or law2


def _word(text: str, on: str | None = None) -> str:
    return text


_SHORT = rf"(?P<n>[0-9]{{1,3}}|[{CN_DIGITS}十廿卅百]{{1,3}})"

#: The makers of the refusing token rules (see rules.REFUSALS).
REFUSING = (_negative,)
_LIMIT_UNIT = r"(?P<u>工作日|自然日|日历天|小时|钟头|天|日|周|星期|个月|月|年)"
#: the words for "promptly" (offset 0 after the event).
PROMPT_WORDS: tuple[str, ...] = (
    "及时", "立即", "立刻", "马上", "第一时间", "即时", "实时", "随时", "按时", "同步", "随即",
    "尽快", "立行立改", "即知即改", "立查立改", "即查即改", "边查边改", "按期", "适时", "即办",
)  # fmt: skip
#: the verbs of an event that recurs, after 每 (每完成一个阶段, 每召开一次会议): a duty
#: due promptly after each time.
EACH_EVENT_VERBS: tuple[str, ...] = (
    "完成", "结束", "召开", "举行", "举办", "办结", "收到", "受理", "发生", "变更", "调整",
    "新增", "出台", "形成", "启动",
)  # fmt: skip
#: words that cap a duration (最长不超过6个月 = within 6 months); 内 may follow or not.
CAP_WORDS: tuple[str, ...] = (
    "不超过", "不超出", "不多于", "不得超过", "不应超过", "不能超过", "不宜超过", "不得超出",
    "最长不超过", "最长不得超过", "最多不超过", "最多不得超过", "至迟不超过", "至迟不得超过",
    "最长", "至多", "最多",
)  # fmt: skip


CAP_HEAD = re.compile("|".join(sorted(CAP_WORDS, key=len, reverse=True)))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))


DURATION_TOKENS: list[TokenRule] = [
    TokenRule(  # 任期届满五个月前: months before an event (N个月 is a date otherwise not)
        "<n>个月前",
        rf"(?P<n>{N})个(?P<u>月)(?=以前|之前|前)",
        "U",
        _duration,
    ),
    # 投标截止时间至少15日前: at least so long before an event is a limit before it
    TokenRule(
        "至少<n>日前",
        rf"(?:至少|最少|不少于|不得少于)(?P<n>{N})个?(?P<u>工作日|小时|天|日|周|星期|个月|月|年)"
        r"(?=以前|之前|前)",
        "U",
        _duration,
    ),
    # a range of lengths (急件1—5日内, 3-5个工作日内): the limit is its upper end
    TokenRule(
        "<n>-<m>日内",
        rf"(?<![0-9月.\-—~]){N}(?:[-—~]|至|到)(?P<n>{N})个?(?P<u>工作日|小时|天|日|周|个月|年)"
        r"(?:以内|之内|内)",
        "U",
        _duration,
    ),
    # a minimum length (公示时间不得少于30日) is no limit: left for the result to report
    TokenRule(
        "<minimum length>",
        rf"(?:不得少于|不少于|不低于|不短于|至少|最少)(?P<n>{N})个?(?:工作日|天|日|周|星期|个月|月|年)",
        "m",
        _minimum,
    ),
    # 一个多月, 十余天, 两年多: more than a length (历时一个多月): flagged, never exact
    TokenRule(
        "<n>个多月",
        rf"(?<![0-9{CN_DIGITS}十后後近去这]){_SHORT}(?:个多|多个|余个|个余)(?P<u>月|小时|星期)"
        rf"|(?<![0-9{CN_DIGITS}十后後近去这])(?P<n2>[0-9]{{1,3}}|[{CN_DIGITS}十百]{{1,3}})(?:多|余)"
        r"(?P<u2>天|日|年|周)(?![0-9])",
        "U",
        _approximate,
    ),
    # a length in months or years with no 内 (a 时限 column's 6个月, 1年): the trigger is
    # left open; 用1年时间, 近三年 and 历时4个月 are not limits
    TokenRule(
        "<n>个月|<n>年",
        rf"(?<![用近历为共满0-9{CN_DIGITS}十]){_SHORT}(?P<u>个月)(?!以内|之内|内)"
        r"|(?<![用近历为共满0-9])(?P<n2>[0-9]{1,2})(?P<u2>年)(?![0-9月度级期底末初中内以之])",
        "U",
        _bare_duration,
    ),
    # half a year, a year and a half, half a month (半年内 is no window over the year)
    TokenRule(
        "半年内",
        r"(?P<n>一年半|(?<![上下前后本今每])半年|半个月)(?:以内|之内|内)",
        "U",
        _half,
    ),
    # refused, never misread: 收到后-3个工作日内 is not +3 (a hyphen after a date is a range)
    TokenRule(
        "-<n>个工作日",
        rf"(?<![0-9{CN_DIGITS}十日月号旬年底末初度:])[-−－](?P<n>{N})个?{_LIMIT_UNIT}(?:以内|之内|内)?",
        "U",
        _negative,
    ),
    TokenRule(
        "最长不超过<n>个月",
        rf"(?:{_alternation(CAP_WORDS)})(?P<n>{N})个?"
        r"(?P<u>工作日|自然日|日历天|小时|钟头|天|日|周|星期|个月|月|年)(?:以内|之内|内)?",
        "U",
        _duration,
    ),
    TokenRule(
        "<n>个工作日内",
        rf"(?:不超过|不超出|不多于)?(?P<n>{N})个?"
        r"(?P<u>工作日|自然日|日历天|小时|钟头|天|周(?!末)|星期(?![一二三四五六日天]))(?!半)"
        r"(?:以内|之内|内)?",
        "U",
        _duration,
    ),
    TokenRule(
        "<n>日内",
        rf"(?:不超过|不超出)?(?<![月0-9{CN_DIGITS}十廿卅]){_SHORT}(?P<u>日|个月|年)(?:以内|之内|内)",
        "U",
        _duration,
    ),
]

TOKENS: list[TokenRule] = [
    TokenRule("次月", r"次月|下月|下个月|当月(?!份)|同月", "N", _word),
    TokenRule(
        "与<event>同步<verb>",
        r"与(?P<obj>[^,;。、与]{1,20}?)同步(?P<verb>公开|发布|印发|出台|解读|上网|推送)?",
        "O",
        _prompt,
    ),
    TokenRule(
        "在<event>时",
        # 在实地启动拟征收土地工作时,公开: at the time of the event, a clause of its own
        r"(?<![0-9A-Za-z])在(?P<on>[^,;。、:0-9]{2,30}?)(?:之时|(?<!同)时)(?=[,;。]|$)",
        "O",
        _at_event,
    ),
    TokenRule(
        "每完成一个阶段",
        # 每完成一个阶段公布进展情况, 每次会议结束后: promptly after each such event
        rf"每(?:当|逢)?(?P<on>(?:{_alternation(EACH_EVENT_VERBS)})[^,;。、:0-9后内日天]{{0,8}}?)"
        r"(?:之后|以后|后|时)?(?=公布|公开|发布|更新|报送|通报|上报|报告|向|及时|[,;。]|$)"
        r"|每(?:次|当)(?P<on2>[^,;。、:0-9后内日天]{1,10}?(?:结束|完成|召开|举行))(?:之后|以后|后|时)",
        "O",
        _each_event,
    ),
    TokenRule(
        "自<event>之日起施行",
        # 本制度自发文之日起执行: in force from the day of the event, promptly after it
        r"自(?P<on>[^,;。、:0-9年月日]{1,12}?)之日起(?=施行|执行|实施|生效)",
        "O",
        _at_event,
    ),
    TokenRule("及时", _alternation(PROMPT_WORDS), "O", _prompt),
    # 职位表发布后即可选择岗位: right after the event (即可 alone is "can", no time)
    TokenRule("<event>后即可", r"(?<=后)即可", "O", _prompt),
    TokenRule(
        "按<law>规定时限",
        r"(?:按照?|依照|依据|根据|遵照)《?(?P<law>[\u4e00-\u9fff]{2,20}?(?:法|条例))》?"
        r"(?:的)?(?:有关)?(?:规定|要求)的?(?:时限|期限|时间)(?:内)?"
        r"|《(?P<law2>[\u4e00-\u9fff]{2,20}?(?:法|条例))》"
        r"(?:的)?(?:有关)?(?:规定|要求)的?(?:时限|期限|时间)(?:内)?"
        r"|(?:(?:严格)?(?:按照?|依照|依据))?(?:在|于)?法定(?:的)?(?:期限|时限)(?:内)?|依法(?:在)?规定(?:的)?(?:时限|期限)(?:内)?",
        "X",
        _law,
    ),
    TokenRule(
        "待<event>后",
        r"待(?P<on>[^,;。、]{1,40}?)(?:之后|以后|后)|按照?(?P<on2>[^,;。、]{1,40}?)后的?时间要求",
        "H",
        _capture,
    ),
    TokenRule(
        "按照<authority>部署",
        r"(?:按照|按|根据|依照|依据)(?P<on>[^,;。、:]{1,30}?)(?:的)?(?:统一)?(?:部署|安排|要求|规定|精神)",
        "c",
        _word,
    ),
    TokenRule(
        "遇节假日顺延",
        # 6月30日前(遇节假日顺延): a rule for the due day, not a holiday period
        r"(?:如|若)?遇(?:法定)?(?:节假日|节日|假日|休息日|双休日|公休日|周末)(?:则|的|时)?"
        r"(?:相应)?(?:顺延|提前|延后)(?:至下一个?工作日|至节后第一个工作日)?",
        "c",
        _word,
    ),
    TokenRule(
        "(<case>的,",
        # (集体财务往来较多的,财务收支情况应每月公布一次): a case opening a bracket
        # bears on what the bracket says after it. The token starts at the bracket: a
        # pattern that could start at any character would be tried at every one.
        r"\((?P<on>[\u4e00-\u9fff]{2,20}?)的(?=,)",
        "c",
        _case,
    ),
    TokenRule("后", r"之后|以后|(?<!最)后", "K", _word),
]  # the words of continuing work (L): duty.ONGOING_TOKEN

#: the month of the event itself (信息形成当月): due by the end of that month
_SAME_MONTH = frozenset({"当月", "同月"})
_TRIGGER_TRIM = re.compile(r"^(?:(?:在|于|自|从|当|待|应在|要在)(?:该|該)?)|(?:之日|之时|时|之际)$")
# The subject and modal before the event in prose (行政机关应当自做出…之日起, 各地须在确定…后,
# 办理时间自受理申请之日起, …并公布名单之后): the event starts after them.
_TRIGGER_HEAD = re.compile(
    r"^.*(?:(?:应当|应该|应|须|必须|需要|需|要|将|均|可|一般|时间|日期)(?:在|于|自|从)|并"
    r"|(?<=[\u4e00-\u9fff])自(?![行主查愿治我身然由动发]))(?:该|該|本)?"
)


def _event_words(words: str) -> str:
    return _TRIGGER_TRIM.sub("", _TRIGGER_HEAD.sub("", words))


def _trigger(ctx: Context, tok: Token, *, inherit: bool = False) -> str | None:
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
            if t.code == "|" and t.value in _CLAUSE_END:
                break
            if t.code in "KSJ" and tokens[i - 1].code == "_":
                # 信息产生、变更之日起: the events of a list before 之日起 are one trigger
                j, event = i - 1, tokens[i - 1].value
                while j >= 2 and tokens[j - 1].code == "/" and tokens[j - 2].code == "_":
                    event = f"{tokens[j - 2].value}{tokens[j - 1].value}{event}"
                    j -= 2
                if t.code == "J":  # 调查结束后: the event is the end of the words before
                    event += re.sub(r"(?:之日)?(?:以后|之后|后)$", "", t.value)
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


def after_event(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """``<event>后<n><unit>内``, ``最迟不超过3个工作日``, ``24小时内``, ``次月10日前``."""
    head = tokens[0]
    dur = next((t for t in tokens if t.code == "U"), None)
    if dur is not None:
        offset = Offset(dur.value.amount, dur.value.unit)
    else:  # 次月<day>前; 次月底前, 次月内: the last day of the next month (当月: of its own)
        day = next((t.value.day for t in tokens if t.code == "A"), None)
        same = head.code == "N" and head.value in _SAME_MONTH
        if len(tokens) == 1 and not same:
            return []  # 次月 alone (次月起 …) is no limit
        offset = Offset(0 if same else 1, Unit.MONTH, 31 if day is None else day)
    if dur is not None and dur.value.approx:
        ctx.flags.append((dur.start, dur.end, "an approximate length (more than it says)"))
    trigger = _trigger(ctx, head, inherit=head.code == "B")
    if trigger is None and dur is None:  # 信息形成当月: the event named right before
        trigger = _event_before(ctx, head)
    if trigger is None and dur is not None:
        trigger = _event_before(ctx, dur) or _event_after(ctx, tokens[-1])
    prev = ctx.parts[-1] if ctx.parts else None
    if (
        dur is not None
        and trigger is None
        and isinstance(prev, Relative)
        and prev.offset.amount == 0
        and prev.trigger is not None
        and CAP_HEAD.match(ctx.where([dur])[0]) is not None
    ):
        # 与政策文件同步发布,时间跨度不超过5个工作日: the cap is the limit of that event
        ctx.parts.pop()
        common = ctx.common(tokens, False)
        return [Relative(**common, offset=offset, trigger=prev.trigger)]
    return [Relative(**ctx.common(tokens, False), offset=offset, trigger=trigger)]


def _event_after(ctx: Context, last: Token) -> str | None:
    """20个工作日(自该政府信息形成或者变更之日起): the event of a limit, written after it
    in brackets."""
    tokens = ctx.tokens
    i = last.index + 1
    text = ctx.cleaned.text
    if i + 1 >= len(tokens) or text[last.end : tokens[i].start] != "(":
        return None
    gap, start = tokens[i], tokens[i + 1]
    if gap.code != "_" or start.code != "S" or not gap.value.startswith(("自", "从")):
        return None
    event = _TRIGGER_TRIM.sub("", gap.value)
    event = _TRIGGER_TRIM.sub("", event)  # both ends: 自…之日
    return event or None


def _sent_to(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is the 至 of 下发至本单位 (a recipient, not a range)."""
    return (
        i >= 1
        and tokens[i].code == "R"
        and tokens[i].value == "至"
        and tokens[i - 1].code == "_"
        and tokens[i - 1].value.endswith(SENDING_VERBS)
    )


def _when_clause(ctx: Context, tok: Token) -> str | None:
    """内容发生变化时,应当及时更新: the event of a clause ending in 时 right before the
    clause of ``tok`` (a word such as 同时 or 届时 names none)."""
    tokens = ctx.tokens
    i = tok.index - 1
    while i >= 0 and tokens[i].code == "_":
        i -= 1
    if i < 1 or tokens[i].code != "|" or tokens[i].value != ",":
        return None
    gap = tokens[i - 1]
    words: str = gap.value
    if gap.code != "_" or not words.endswith("时") or words.endswith(NOT_EVENT_TIME):
        return None
    if i >= 2 and tokens[i - 2].code != "|":
        return None  # the clause holds other time words: not only an event
    event = _TRIGGER_TRIM.sub("", words)
    return event if len(event) >= 2 else None


def _event_before(ctx: Context, dur: Token) -> str | None:
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
        or _sent_to(tokens, i - 1)
    ):  # 信息形成(变更): gaps split at brackets, or a list of events; 下发至本单位
        i -= 1
        start = tokens[i].start
    words = ctx.cleaned.text[start : dur.start].strip()
    if EVENT_ENDING.search(words) is None:
        return None
    return _event_words(words) or None


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
            or (ctx.tokens[tok.index - 1].code == "O" and prev.trigger is not None)
        )
    ):
        return []  # 20个工作日内及时公开, 每次会议结束后及时公布: 及时 restates the limit
    trigger = tok.value.trigger or _trigger(ctx, tok) or _when_clause(ctx, tok)
    return [Relative(**ctx.common(tokens, False), offset=Offset(0), trigger=trigger)]


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


_SINCE = re.compile(
    r"(?:(?:自|从)(?P<event>[^自从]{1,30}?)(?:之日|当日|当天|之时)?|(?P<event2>[^自从]{2,30}?)之日)$"
)


_SENTENCE_REACH = 24
_NOT_READ_SINCE = "a relation (起, 以来) to words after a date that are not read"


def _limit_in_sentence(ctx: Context, tok: Token) -> bool:
    """Whether a time limit (a length, 当日, 及时) shares the sentence of ``tok``, looked
    for at most :data:`_SENTENCE_REACH` tokens each side (a text without 。 costs no scan
    of the whole text per match)."""
    tokens = ctx.tokens
    for step in (-1, 1):
        i = tok.index + step
        stop = tok.index + step * _SENTENCE_REACH
        while 0 <= i < len(tokens) and i != stop:
            WORK.walked += 1
            if tokens[i].code == "|" and tokens[i].value in _CLAUSE_END:
                break
            if tokens[i].code in "UiOW":  # W: 内 of a limit whose number is missing
                return True
            i += step
    return False


def since_event(ctx: Context, tokens: Sequence[Token]) -> list[Part]:
    """自印发之日起(施行): from the event on (offset 0); 自公布之日起三十日后: 30 days after
    it. Words that name no event (项目5日起) keep the calendar reading of the day."""
    m = _SINCE.search(tokens[0].value)
    event = None if m is None else m.group("event") or m.group("event2")
    if event is None or len(event) < 2:
        from .calendar import ongoing_from

        if len(tokens) > 2:
            return ongoing_from(ctx, tokens[2:])
        if tokens[0].index and ctx.tokens[tokens[0].index - 1].code == "A":
            # 2016年中央环保督察以来: the date is read, the event it counts from is not
            start = tokens[1]
            ctx.flags.append((start.start, start.end, _NOT_READ_SINCE))
        return []
    if _limit_in_sentence(ctx, tokens[1]):
        return []  # 自受理申请之日起,10个工作日内: the event of that limit
    offset = Offset(0)
    if len(tokens) > 2:
        anchor = tokens[2].value
        if anchor.grain != "day" or anchor.month is not None or anchor.month_shift is not None:
            from .calendar import ongoing_from

            return ongoing_from(ctx, tokens[2:])  # 自…之日起,3月5日后: a date after all
        offset = Offset(anchor.day, Unit.DAY)
    return [Relative(**ctx.common(tokens, False), offset=offset, trigger=event)]


RULES: list[Rule] = [
    # 自印发之日起施行, 自公布之日起三十日后 (a bare day after 起 is a length)
    Rule("自<event>之日起", r"_S(?:(?=_|\||$)|AK)", since_event),
    Rule("法定期限:<n>个工作日", r"X\|?U", statutory_stated),
    Rule("按<law>规定时限", r"X", statutory),
    Rule("待<event>后", r"H", pending),
    Rule("按照<authority>部署", r"c", condition),
    Rule("<event>后<n>日内", r"B?[KJ]?UO?|N(?:AP?|[PW])?", after_event),
    Rule("及时", r"O", promptly),
    Rule("长期坚持", r"L", ongoing),
]
