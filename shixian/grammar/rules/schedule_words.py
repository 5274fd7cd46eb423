"""The words of recurring schedules and their token rules (the productions are in
:mod:`.schedule`).

Token codes: ``Q`` a frequency (每季度, 季报, 不定期, 一年两次, 周调度), ``C`` a count (每月一次,
不少于1次, the 一 of 一月一报), ``Z`` 至少, ``M`` the month of a period (首月), ``D`` a weekday,
``V`` 后续 (after what came before), ``o`` the n-th weekday of a month (第一个周一,
倒数第二个周六), ``k`` a week or working day of a period, ``J`` 结束后.
"""

from __future__ import annotations

import re

from ...errors import InvalidDate
from ...model import Frequency
from ..engine import TokenRule
from ..numerals import CN_DIGITS, NUMBER, to_int
from ..vocabulary import CLEARANCE, WEEKDAY_CHARS
from . import positions

__all__ = ["FIRST_TOKENS", "REFUSING", "REPORTS", "TOKENS", "Every"]

N = NUMBER

_UNIT = {
    "年": Frequency.YEAR, "年度": Frequency.YEAR, "半年": Frequency.HALFYEAR,
    "半年度": Frequency.HALFYEAR, "季": Frequency.QUARTER, "季度": Frequency.QUARTER,
    "月": Frequency.MONTH, "个月": Frequency.MONTH, "旬": Frequency.TENDAY,
    "周": Frequency.WEEK, "星期": Frequency.WEEK, "礼拜": Frequency.WEEK,
    "日": Frequency.DAY, "天": Frequency.DAY, "晚": Frequency.DAY, "夜": Frequency.DAY,
}  # fmt: skip
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
               "分析", "考核", "公示", "披露", "汇总", "评估", "总结", "跟踪", "述评", "点评",
               "督查", "评价")  # fmt: skip
#: verbs between a period and its count (一月发放一次, 一年举办两次) besides the duties
_COUNTED_VERBS = ("发放", "召开", "开展", "组织", "举行", "举办", "进行", "缴纳", "结算",
                  "汇报", "巡查", "排查", "督导", "督办", "会商", "研判", "调研", "培训", "演练",
                  "监测", "抽查", "清理", "消毒", "开会")  # fmt: skip
#: what is done once per period in 一月一报, 一季一考核, 一周一调度 (the 一 is a count)
_ONCE_WORDS = ("报", "评", "考", "查", "检", "结", "议", "会", "调度", "通报", "考核", "考评",
               "评估", "评比", "检查", "督查", "督导", "督办", "巡查", "排查", "会商", "研判",
               "分析", "总结", "汇报", "公示", "公开", "更新", "调研", "培训", "演练", "监测",
               "抽查", "小结", "讲评", "例会", "通报会", "推进会", "点评", "晾晒",
               "排名")  # fmt: skip
_PERIOD_AS_FREQUENCY = {"月度": "月", "季度": "季", "半年度": "半年"}
_FINENESS = [Frequency.YEAR, Frequency.HALFYEAR, Frequency.QUARTER, Frequency.MONTH,
             Frequency.TENDAY, Frequency.WEEK, Frequency.DAY]  # fmt: skip
_PERIOD_MONTHS = {Frequency.YEAR: 12, Frequency.HALFYEAR: 6, Frequency.QUARTER: 3}


class Every:
    """A frequency word's value: period, interval, weekday(s)."""

    __slots__ = ("count", "every", "interval", "months", "shortest", "weekdays", "workday")

    def __init__(
        self,
        every: Frequency,
        interval: int = 1,
        weekdays: tuple[int, ...] = (),
        workday: int | None = None,
        months: tuple[int, ...] | None = None,
        count: int | None = None,
        shortest: int | None = None,
    ) -> None:
        self.every = every
        #: the shorter end of an interval given as a range (每3—5天: 3); ``interval`` is the
        #: longer, the latest the work is still on time
        self.shortest = shortest
        #: times per period the word itself implies (每12小时: twice a day)
        self.count = count
        self.interval = interval
        self.weekdays = weekdays
        self.workday = workday
        #: the only months it happens in (逢单月: 1, 3, …, 11)
        self.months = months


_WD = "[一二三四五六日天1-7]"
_WD_TO = "[-—–~～至到]"
_WD_RANGE = re.compile(_WD_TO)


def _weekday_list(repeat: str) -> str:
    """A list of weekdays (二、四), each after the first optionally after ``repeat``."""
    # (每周2-3次: a count of times, not Tuesday)
    # 周一至五, 每周1-5: a range, written with the word once
    return (
        rf"{_WD}(?:{_WD_TO}{repeat}{_WD}|(?:[、,和及与]{repeat}{_WD}){{0,6}})"
        r"(?![次个天]|[-—–~～至到][0-9一二三四五六七八九十两]{1,2}次)"
    )


_WD_LIST = _weekday_list("")
#: after 每星期 the later weekdays may repeat the word (每星期一及星期三): one set
_EACH_WD_LIST = _weekday_list("(?:星期|周|礼拜)?")


def _weekdays(listed: str) -> tuple[int, ...]:
    days = [WEEKDAY_CHARS[ch] for ch in listed if ch in WEEKDAY_CHARS]
    if _WD_RANGE.search(listed) is not None:
        # a range runs forward within one week (周五至周一 is no range of this reading)
        if days[0] >= days[-1]:
            raise InvalidDate(listed, "weekday range", listed)
        return tuple(range(days[0], days[-1] + 1))
    return tuple(sorted(set(days)))


def _every(
    text: str, skip: str | None, n: str | None, n2: str | None, u: str, wd: str | None
) -> Every:
    interval = to_int(n) if n else 1
    shortest = None
    if n2 is not None:  # 每3—5天: every 3 to 5 days, due at the latest after 5
        shortest, interval = interval, to_int(n2)
        if shortest >= interval:
            raise InvalidDate(text, "interval", f"{shortest}-{interval}")
    if interval < 1 or (shortest is not None and shortest < 1):
        raise InvalidDate(text, "interval", interval)
    if skip is not None and interval == 1:
        interval = 2  # 每隔一天, 每隔一周: every other day (as 隔日); 每隔3个月: every 3 months
    if u in _HOURS:
        # 每12小时, 每2小时: so many times a day; an interval that does not divide a day
        # (每5小时) recurs, no calendar period says how often
        if 24 % interval or shortest is not None:  # (每2-4小时: no count a day either)
            return Every(Frequency.PERIODIC)
        return Every(Frequency.DAY, count=24 // interval)
    if u in _HALF_MONTH:  # 每半月, 每半个月: twice a month (the notation has no half month)
        return Every(Frequency.MONTH, interval, count=2) if n is None else Every(Frequency.PERIODIC)
    return Every(_UNIT[u], interval, () if wd is None else _weekdays(wd), shortest=shortest)


_HOURS = frozenset({"小时", "钟头"})
_HALF_MONTH = frozenset({"半月", "半个月"})
_NIGHT_HOURS = "[七八九十]点|[七八九十]时|十[一二]点|十[一二]时"
#: 每小时20公里, 每小時25厘米以上: an amount per hour (a speed, a rate), no schedule; a count
#: of times (每2小时1次) is one
_RATE = r"(?:[0-9.]{1,8}|[一二三四五六七八九十两百千万]{1,6})(?!次|遍|回|轮)"


def _mode(text: str, u: str | None, u2: str | None, u3: str | None, u4: str | None) -> Every:
    unit = u or u2 or u3 or u4 or ""
    return Every(_UNIT[_MODE_UNITS.get(unit, _PERIOD_AS_FREQUENCY.get(unit, unit))])


def _every_other(text: str, u: str) -> Every:
    return Every(_UNIT[u], 2)


def _odd_or_even_months(text: str, p: str | None, p2: str | None) -> Every:
    first = 1 if (p or p2) == "单" else 2
    return Every(_UNIT["月"], months=tuple(range(first, 13, 2)))


def _table(words: object) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))  # type: ignore[call-overload]


_REPORT = "月报|年报"
#: periodic work named by its period (周调度、月通报、季考核、年考评): read as 月报 is
_PERIODIC_WORK = ("调度", "通报", "推进", "考评", "考核", "报告", "总结", "分析", "研判", "会商",
                  "督查", "督导", "检查", "小结", "讲评", "排名", "评比", "晾晒", "点评", "例会",
                  "盘点", "调研", "清零", "销号")  # fmt: skip
#: where such a word may start: the start, a separator, or a verb that sets up the practice
#: (实行周调度); elsewhere 年/月/季 ends another word (青年调研, 雨季调度, 2024年考核)
_PERIODIC_AFTER = ("实行", "建立", "坚持", "落实", "实施", "推行", "执行", "健全", "完善",
                   "开展", "采取", "按照", "通过", "实现", "做到", "严格", "强化",
                   "形成")  # fmt: skip
_PERIODIC_NOUN = "周调度|月通报"
REPORTS = frozenset({_REPORT, _PERIODIC_NOUN})


def _report(text: str, u: str) -> Every:
    return Every(_UNIT[u])


def _per_period(text: str, k: str | None, u: str | None, k2: str | None, u2: str | None,
                k3: str | None, u3: str | None, h: str | None, hu: str | None,
                q: str | None, kd: str | None = None, ud: str | None = None) -> Every:  # fmt: skip
    if h:  # 半年一次; 半月一次, 半月一调度: twice a month (as 每半月)
        return Every(Frequency.HALFYEAR) if hu == "年" else Every(Frequency.MONTH, count=2)
    if q:
        return Every(Frequency.QUARTER)
    k, u = k or k2 or k3 or kd, u or u2 or u3 or ud
    assert k is not None and u is not None
    u = u.removeprefix("个") if u != "个月" else u
    interval = to_int(k)
    if interval < 1:
        raise InvalidDate(text, "interval", interval)
    return Every(_UNIT[u], interval)


def _once(text: str) -> tuple[int, bool]:
    return 1, False


def _clearance(text: str) -> Every:
    return Every(_UNIT[CLEARANCE[text]])


def _each_workday(text: str) -> Every:
    return Every(Frequency.DAY, workday=1)


def _irregular(text: str) -> Every:
    return Every(Frequency.IRREGULAR if text.startswith(("不", "随")) else Frequency.PERIODIC)


def _count(
    text: str, low: str | None, min: str | None, n: str, more: str | None
) -> tuple[int, bool]:
    if low is not None and not min and to_int(low) < to_int(n):
        return to_int(low), True  # 每月召开一至二次: at least once
    return to_int(n), bool(min or more)


def _word(text: str) -> str:
    return text


def _weekday(text: str, w: str) -> tuple[int, ...]:
    return _weekdays(w)


def _weeks(text: str, a: str, b: str, c: str | None) -> tuple[str, tuple[int, ...]]:
    weeks = tuple(sorted({to_int(a), to_int(b), *([to_int(c)] if c else [])}))
    return "weeks", weeks


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


#: A count per period written without 每 (一年两次, 半年公开一次, 三个月一次, 一月一报):
#: tried before the calendar date and the durations, which would read 一月 as January
#: and 三个月 as a length. It matches only when the count follows.
#: 季后15日内, 月后5个工作日内 opening a cell: after each quarter (month) ends, as
#: 每季度结束后15日内 (elsewhere 3月后 is after March, 节后 after a holiday)
_AFTER_EACH_UNITS = ("季度", "季", "月")
_AFTER_EACH_LENGTH = rf"(?:[0-9]{{1,2}}|[{CN_DIGITS}十两]{{1,3}})个?(?:工作日|日|天)"
_AFTER_EACH_PERIOD = rf"(?:(?<![\s\S])|(?<=[,;。:、(]))(?P<u>季度|季|月)(?=后{_AFTER_EACH_LENGTH})"
_AFTER_EACH_END = (
    "(?:"
    + "|".join(f"(?<={edge}{w})" for w in _AFTER_EACH_UNITS for edge in ("^", "[,;。:、(]"))
    + f")后(?={_AFTER_EACH_LENGTH})"
)

FIRST_TOKENS: list[TokenRule] = [
    TokenRule("季后15日内", _AFTER_EACH_PERIOD, "Q", _report),
    TokenRule("季后", _AFTER_EACH_END, "J", _word),
    TokenRule(
        "一年两次",
        rf"(?<![0-9{CN_DIGITS}十第每近前后上下本今去明])"
        rf"(?:(?P<k>[0-9]{{1,2}}|两|[{CN_DIGITS}十]{{1,3}})(?P<u>年|个季度|个月|周|个星期|星期|旬)"
        # 一月一次, 两月一次; 10月两次 names October (a month name is no length); 一季度一次
        # is once a quarter, 三季度一次 the third quarter (three quarters: 三个季度)
        r"|(?P<k2>一|1|两)(?P<u2>月)|(?P<k3>一|1)(?P<u3>季度|季)|(?P<h>半)(?P<hu>年|个?月)|(?P<q>季度)"
        # 五日一报, 三天一检 (not 每月3日一次: a day of the month)
        rf"|(?<![月号])(?P<kd>[0-9]{{1,2}}|两|[{CN_DIGITS}十]{{1,3}})(?P<ud>日|天))"
        rf"(?=(?:{_table(_DUTY_VERBS + _COUNTED_VERBS)})?"
        rf"(?:[0-9]{{1,2}}|[{CN_DIGITS}十两]{{1,3}})次(?!性|数|序)"
        rf"|一(?:{_table(_ONCE_WORDS)}))",
        "Q",
        _per_period,
    ),
]

TOKENS: list[TokenRule] = [
    TokenRule(
        "每<n><period>",
        rf"每(?P<skip>隔)?(?P<n>[0-9]{{1,2}}|[{CN_DIGITS}十]{{1,3}})?"
        rf"(?:(?<=[0-9{CN_DIGITS}十])[-—–~～至到](?P<n2>[0-9]{{1,2}}|[{CN_DIGITS}十]{{1,3}}))?个?"
        # 每晚22时: every night (not 每晚一日: each day late)
        r"(?P<u>半年度?|半个?月|年度?|季度|季|个月|月|旬|周(?!期)|星期|礼拜|日|天"
        rf"|(?<=每)[晚夜](?=[0-9]{{1,2}}(?:时|点|:)|(?:{_NIGHT_HOURS})|间)"
        rf"|小时(?!{_RATE})|钟头(?!{_RATE}))"
        rf"(?P<wd>(?<=周|期|拜){_EACH_WD_LIST})?"  # 每周五, 每周二、四
        r"(?!(?<=周|期|拜)[八九](?![次个天小时日]))的?",  # 每周八: left to the refusal 星期八
        "Q",
        _every,
    ),
    TokenRule(  # 逢单月10日前, 双月15日前: the odd (even) months; 单月产量 is one month's
        "逢单月",
        r"(?:每逢|逢)(?P<p>[单双])月份?|(?P<p2>[单双])月份?(?=[0-9一二三四五六七八九十]{1,3}[日号])",
        "Q",
        _odd_or_even_months,
    ),
    TokenRule(  # 隔日一次, 隔周一次: every second day (week, month): 隔日 alone is the next day
        "隔日一次", r"隔(?P<u>日|天|周|月|年)(?=[一1１]次)", "Q", _every_other
    ),
    TokenRule(
        "按月|逐季|月度公开",
        f"(?:{_table(_MODE_PREFIX)})(?P<u>{_table(_MODE_UNITS)})(?!{_table(_MODE_NOT_BEFORE)})"
        f"|(?P<u2>{_table(_PERIOD_AS_FREQUENCY)})(?=(?:{_table(_DUTY_VERBS)}))"
        r"|以(?P<u3>年度|半年|季度|月度|月|周)为(?:时间)?(?:节点|周期|单位)"
        # 半年评估, 年度考核 in a list of periodic work (not 上半年, 本年度, 2023年度: other tokens)
        r"|(?<![上下前后本今每去明0-9一二三四五六七八九十〇零])(?P<u4>半年|年度)"
        r"(?=至少|不少于|最少|评估|总结|考核|考评|小结|述评|点评)",
        "Q",
        _mode,
    ),
    TokenRule(  # 每月一报, 一季一考核: the 一 before a thing done once per period is a count
        "一报", rf"(?<=[年季度月周旬])一(?:{_table(_ONCE_WORDS)})", "C", _once
    ),
    TokenRule("日产日清", _table(CLEARANCE), "Q", _clearance),  # vocabulary.CLEARANCE
    # (双月报, 单月报: a report every second month, or of one month, not a monthly one)
    TokenRule(
        _REPORT,
        r"(?<![单双])(?P<u>半年|年|季|月|周|旬)报(?![告道送名到表批备刊纸社])",
        "Q",
        _report,
    ),
    TokenRule(
        _PERIODIC_NOUN,
        r"(?:^|(?<=[、,;:\s“”\"'(【\[/])"
        + "".join(f"|(?<={w})" for w in _PERIODIC_AFTER)
        + rf")(?P<u>年|季|月|周|旬)(?:{_table(_PERIODIC_WORK)})",
        "Q",
        _report,
    ),
    TokenRule(
        "工作日",
        # (以工作日计算, 按工作日计: how a limit's days are counted, no schedule)
        r"(?<![非个0-9一二三四五六七八九十以按])(?:每个|每一个|每)?工作日(?![内以之前后计])",
        "Q",
        _each_workday,
    ),
    # (随时召开: a meeting called whenever needed is held at no fixed time, as 不定期)
    TokenRule("不定期|定期", r"不定期|定期(?!存)|随时(?=召开|召集|举行|组织召开)", "Q", _irregular),
    TokenRule(
        "至少<n>次",
        # 一至二次, 1-2次: a range of counts, at least its lower end
        rf"(?:(?P<low>{N})(?:至|到|-|—|~|～|或))?"
        rf"(?P<min>至少|不少于|不低于|最少)?(?P<n>{N})次(?!性|年|月|日)(?P<more>以上|及以上)?",
        "C",
        _count,
    ),
    TokenRule("至少", r"至少|不少于|最少", "Z", _word),
    TokenRule("首月", f"(?:{_table(_MONTH_OF_PERIOD)})的?", "M", _month_of_period),
    positions.NTH_WEEKDAY,
    TokenRule(
        # 每月第一、三周的周五, 第一周和第三周: several weeks of each period, one due day each
        "第一、三周",
        r"第(?P<a>[一二三四五1-5])周?(?:、|和|及|与)第?(?P<b>[一二三四五1-5])周"
        r"(?:(?:、|和|及|与)第?(?P<c>[一二三四五1-5])周)?的?",
        "k",
        _weeks,
    ),
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
