"""The words of time limits, as token rules and their values: durations (3个工作日内,
半年内, 最长不超过6个月), promptness (及时, 立即), 次月, statutory limits (按预算法规定时限),
pending decisions (待…后), conditions (按照国家部署) and continuing work (长期坚持).

Token codes: ``U`` a duration (3个工作日内), ``K`` 后, ``O`` promptly (及时, 与文件同步公开),
``N`` 次月, ``X`` a statutory limit, ``H`` pending (待…后), ``c`` a condition or,
standing alone, a pending decision (按照国家部署), ``L`` continuing (长期坚持).
"""

from __future__ import annotations

import re

from ...errors import InvalidDate
from ..anchors import Anchor
from ..engine import TokenRule
from ..numerals import CN_DIGITS, NUMBER, to_int
from ..vocabulary import TERM_NOUNS
from .limit_values import (
    Duration,
    Prompt,
    _approximate,
    _at_event,
    _bare_duration,
    _capture,
    _capture_one,
    _case,
    _composite,
    _decimal,
    _duration,
    _each_event,
    _half,
    _law,
    _minimum,
    _negative,
    _next_workday,
    _prompt,
    _word,
)

__all__ = [
    "CAP_HEAD", "CAP_WORDS", "DURATION_TOKENS", "EACH_EVENT_VERBS", "FIRST_DURATIONS",
    "PROMPT_WORDS", "REFUSING", "TOKENS", "TOPIC_REACH", "Duration", "Prompt",
]  # fmt: skip

N = NUMBER
#: How far (characters, each side) a statutory limit looks for the topic of its
#: sentence (申请, 部门预算…): a bound, so that a document without 。 costs no
#: scan of the whole text per limit.
TOPIC_REACH = 200


_SHORT = rf"(?P<n>[0-9]{{1,3}}|[{CN_DIGITS}十廿卅百]{{1,3}})"

#: The makers of the refusing token rules (see rules.REFUSALS).
REFUSING = (_negative, _decimal)
_LIMIT_UNIT = r"(?P<u>工作日|工作天|自然日|日历天|小时|钟头|天|日|周|星期|个月|月|年)"
#: the words for "promptly" (offset 0 after the event).
PROMPT_WORDS: tuple[str, ...] = (
    "及时", "立即", "立刻", "马上", "第一时间", "即时", "实时", "随时", "按时", "同步", "随即",
    "尽快", "立行立改", "即知即改", "立查立改", "即查即改", "边查边改", "按期", "适时", "即办",
    "及早", "尽早", "迅速", "从速", "早日", "赓即",
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


#: Lengths tried before the calendar date (任期为5年, 有效期为90日: 90日 is no day of a
#: month here): the length of a term named right before it (vocabulary.TERM_NOUNS).
FIRST_DURATIONS: list[TokenRule] = [
    # 有效期届满45日前: more days than a month has, before 前, 后 or 内, are a length
    # (届满30日前 is one too: rules.duty's before_event reads the day as a length)
    TokenRule(
        "<n>日前 (no day of a month)",
        r"(?<![0-9月.\-/百千一二三四五六七八九十两])"
        r"(?P<n>3[2-9]|[4-9][0-9]|三十[二三四五六七八九]|[四五六七八九]十[一二三四五六七八九]?)"
        r"(?P<u>日|天)"
        r"(?=以前|之前|前|以后|之后|后|以内|之内|内)",
        "U",
        _duration,
    ),
    # 有效期届满前六十日, 会议召开前45日: the same after 前 (a length before the event)
    TokenRule(
        "前<n>日 (no day of a month)",
        r"(?<=前)(?P<n>3[2-9]|[4-9][0-9]|[1-9][0-9]{2}|三十[二三四五六七八九]"
        r"|[四五六七八九]十[一二三四五六七八九]?)(?P<u>日|天)(?![0-9])",
        "U",
        _duration,
    ),
    TokenRule(
        "<term>为<n>日",
        "(?:"
        + "|".join(f"(?<={w}{v})" for w in sorted(TERM_NOUNS) for v in ("为", "是", ":", ""))
        + rf"){_SHORT}个?(?P<u>工作日|自然日|天|日|周|星期|个月|月|年)"
        r"(?![0-9月日号底末初中度份])(?:以内|之内|内)?",
        "U",
        _duration,
    ),
]

DURATION_TOKENS: list[TokenRule] = [
    TokenRule(  # 1年3个月内, 2周3天, 3天12小时: one length in two units
        "<n>年<n>个月",
        rf"(?<![0-9{CN_DIGITS}十月])(?P<n>[0-9]{{1,2}}|[{CN_DIGITS}十两]{{1,3}})个?"
        r"(?P<u>年|个月|周|星期|天|日)(?:零|又)?"
        rf"(?P<n2>[0-9]{{1,2}}|[{CN_DIGITS}十两]{{1,3}})(?P<u2>个月|天|日|小时)"
        r"(?:以内|之内|内)?",
        "U",
        _composite,
    ),
    # 顺延至紧接之首个工作日, 顺延至下一个工作日: the next working day after the event
    TokenRule(
        "顺延至下一个工作日",
        r"(?:顺延至|顺延到|延至|推迟至|推延至)(?:节后|假期后|其后|紧接|随后)?(?:之|的)?"
        r"(?:下一个?|首个|第一个|第1个)工作日",
        "U",
        _next_workday,
    ),
    TokenRule(  # 任期届满五个月前: months before an event (N个月 is a date otherwise not)
        "<n>个月前",
        rf"(?P<n>{N})个(?P<u>月)(?=以前|之前|前)",
        "U",
        _duration,
    ),
    # 有效期届满前至少30个工作日: so is at least so long after the 前 of an event
    TokenRule(
        "前至少<n>日",
        rf"(?<=前)(?:至少|最少|不少于|不得少于)(?P<n>{N})个?(?P<u>工作日|小时|天|日|周|星期|个月|月|年)",
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
        rf"(?:不得少于|不少于|不低于|不短于|至少|最少)(?P<n>{N})个?(?:工作日|小时|天|日|周|星期|个月|月|年)",
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
        # 由76日缩短至50日, 压缩为10个工作日: the new length of a shortened one (the old is
        # no time, not_time.CHANGE_VERBS), not a day of the month (延长至 is an extension's)
        "缩短至<n>日",
        rf"(?:(?<=缩短)|(?<=压缩)|(?<=缩减)|(?<=减少))(?:至|为|到)(?P<n>{N})"
        r"个?(?P<u>工作日|工作天|自然日|小时|天|日|周|星期|个月)",
        "U",
        _duration,
    ),
    TokenRule(
        "<n>个月|<n>年",
        # (为 before the length only after 起 / 期 / 限 / 间: 自受理之日起为二个月, 期限为3个月)
        rf"(?<![用近历共满0-9{CN_DIGITS}十])(?<!(?<![起期限间])为){_SHORT}(?P<u>个月)(?!以内|之内|内)"
        r"|(?<![用近历为共满0-9])(?P<n2>[0-9]{1,2})(?P<u2>年)(?![0-9月度级期底末初中内以之来])",
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
    # refused, never misread: 1.5个月内 is not 5 months (a length with a decimal fraction)
    TokenRule(
        "<n>.<m>个月",
        r"(?<![0-9.])[0-9]{1,3}\.[0-9]{1,2}"
        r"(?:个月|个工作日|工作日|个小时|小时|天|周|个星期|星期|年)(?:以内|之内|内)?",
        "U",
        _decimal,
    ),
    # refused, never misread: 收到后-3个工作日内 is not +3 (a hyphen after a date, or after
    # a length, 3天-5天内, is a range)
    TokenRule(
        "-<n>个工作日",
        rf"(?<![0-9{CN_DIGITS}十日月号旬年底末初度:天周时])[-−－](?P<n>{N})个?{_LIMIT_UNIT}"
        # (a date after a dash, ---2021年9月6日 under a speech's title, is no length)
        rf"(?![0-9{CN_DIGITS}十])(?:以内|之内|内)?",
        "U",
        _negative,
    ),
    TokenRule(
        "最长不超过<n>个月",
        rf"(?:{_alternation(CAP_WORDS)})(?P<n>{N})个?"
        r"(?P<u>工作日|工作天|自然日|日历天|小时|钟头|天|日|周|星期|个月|月|年)(?:以内|之内|内)?",
        "U",
        _duration,
    ),
    TokenRule(
        "<n>个工作日内",
        rf"(?:不超过|不超出|不多于)?(?P<n>{N})个?"
        r"(?P<u>工作日|工作天|自然日|日历天|小时|钟头|天|周(?!末)|星期(?![一二三四五六日天]))(?!半)"
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


def _day_of_month(text: str, d: str) -> Anchor:
    day = to_int(d)
    if not 1 <= day <= 31:
        raise InvalidDate(text, "day", day)
    return Anchor(day=day)


TOKENS: list[TokenRule] = [
    TokenRule("次月", r"次月|下月|下个月|当月(?!份)|同月", "N", _word),
    # 次月七日内: by that day of the next month (as 次月7日前); the date rule leaves 7日内
    TokenRule(
        "次月<n>日内",
        rf"(?<=次月|下月|当月|同月)(?P<d>[0-9]{{1,2}}|[{CN_DIGITS}十廿卅]{{1,3}})[日号]"
        r"(?=以内|之内|内)",
        "a",
        _day_of_month,
    ),
    TokenRule(
        "与<event>同步<verb>",
        # the verb stays outside the match (as after any time word) but names the event
        r"与(?P<obj>[^,;。、与]{1,20}?)同步(?=(?P<verb>公开|发布|印发|出台|解读|上网|推送))?",
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
        r"|(?:(?:严格)?(?:按照?|依照|依据))?(?:在|于)?法定(?:的)?(?:期限|时限)(?:内)?|依法(?:在)?规定(?:的)?(?:时限|期限)(?:内)?"
        # 在规定期限内, 按规定时限, 约定期限内: a limit set elsewhere, its length not told
        # (规定期限 holds no 定期)
        r"|(?:(?:严格)?(?:按照?|依照|依据|在|于))(?:在|于)?(?:规定|约定|限定)(?:的)?"
        r"(?:期限|时限|时间)(?:内)?|(?:规定|约定|限定)(?:的)?(?:期限|时限|时间)内"
        # 限期整改, 责令限期改正: within a limit set for it, its length not told
        r"|限期(?=整改|完成|办结|改正|落实|整治|清理|拆除|解决|处理|治理|补正|缴纳|纠正|销号)",
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
        "由<authority>定之",
        # 施行日期,由行政院以命令定之: the date will be set by that authority (the words
        # 由 … 定之 name who sets it; 另定之 is a pending word)
        r"由(?P<on>[\u4e00-\u9fff]{2,20}?定之)",
        "H",
        _capture_one,
    ),
    TokenRule(
        "按照<authority>部署",
        # a year in the words (按照《2007年…分解表》的要求) is read as a year, not hidden in them
        # a bracket inside the words is a whole one (按国务院(国发〔2016〕8号)要求): the words
        # never run across a bracket into the next clause ((按要求)每季度(按要求))
        r"(?:按照|按|根据|依照|依据)(?P<on>(?:(?![0-9]{4}年)[^,;。、:()]){1,30}?"
        r"(?:\((?:[^()]|\([^()]{0,6}\)){0,16}\)(?:(?![0-9]{4}年)[^,;。、:()]){0,12}?)?)"
        r"(?:的)?(?:统一)?"
        r"(?:部署|安排|要求|规定|精神)",
        "c",
        _word,
    ),
    TokenRule(
        "遇节假日顺延",
        # 6月30日前(遇节假日顺延): a rule for the due day, not a holiday period
        r"(?:如|若)?遇(?:法定)?(?:节假日|节日|假日|休息日|双休日|公休日|周末)(?:则|的|时)?"
        r"(?:相应)?(?:顺延|提前|延后)(?:至下一个?工作日|至节后第一个工作日)?"
        # 如遇法定节假日,截止时间顺延…: the case alone, a clause before what it bears on
        r"|(?:如|若)遇(?:法定)?(?:节假日|节日|假日|休息日|双休日|公休日|周末)(?=,)",
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
