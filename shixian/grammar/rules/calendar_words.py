"""The words of calendar anchors as token rules: dates in every script and format
(2016年7月10日, 二〇一六年, 2023.6.30, 民国112年, 一二月份, 5月上中旬), their edges (底, 初,
年中), relations (前, 不晚于, 至, 内, 起, 自), times of day and the helpers of the
composition stage. Codes: see :mod:`.calendar`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..engine import TokenRule
from ..numerals import CN_DIGITS, NUMBER, SMALL_NUMBER, YEAR_NUMBER
from ..vocabulary import (
    IN_FORCE,
    LIST_WORDS,
    not_middle,
)
from .dates import (
    _DAYPART_WORDS,
    _bare_edge,
    _bracketed_years,
    _clock,
    _date,
    _decade,
    _dmy,
    _first_month,
    _garbled,
    _iso_week,
    _md,
    _month_day,
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

__all__ = ["FIRST_TOKENS", "TOKENS", "WEEK_OF_YEAR"]

N = NUMBER
_ONE_DAY = dt.timedelta(days=1)
_SMALL = SMALL_NUMBER
_M = "1[0-2]|0?[1-9]"  # a month in digits
_D = "3[01]|[12][0-9]|0?[1-9]"  # a day in digits

# The parts of a calendar date, coarse to fine; a date token is any non-empty run
# of them in this order (2016年, 7月, 2016年7月10日, 明年一季度, 2016年度上半年).
_YEAR_PART = (
    # (2023年的年底: the year's end, 的 between)
    rf"(?P<y>{YEAR_NUMBER})年度?(?:的(?=年底|年末|年初|年中))?"
    # 民国112年, 中华民国一百十二年, 民国一一二年
    rf"|(?:中华)?民国(?P<roc>{SMALL_NUMBER}|[0-9]{{3}}|[〇零{CN_DIGITS}十百]{{2,6}})年度?"
    # 年满 after a relative year word is an age (12月31日前年满18周岁: 前 + 年满)
    # 第二年 only before a month (12月初~第二年1月中旬: the next year; 项目第二年 is no date)
    r"|(?P<rel>今年|本年|当年|上一年|上年|去年|前年|明年|下一年|次年|翌年|来年"
    r"|第二年(?=的?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月))(?!满)度?"
    r"(?:的(?=[0-9一二三四五六七八九十]|年底|年末|年初|年中))?"
)
# A day written without 日 right before a list or range connector (7月31-8月1日,
# 5月9、10日, 3月20至3月22日) belongs to the month before it.
_CONNECTOR_AHEAD = (
    r"(?=[-—~至到、前才起止]|以及|和|及|与|或|完成|开始|左右|全天|上午|下午|中午|晚上|$"
    # 6月2(周一): a day without 日 before its weekday note
    r"|\((?:周|星期|礼拜)[一二三四五六日天]\))"
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


def _since(text: str) -> str:
    return "以来"


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
        r"(?<!前)[0-9]{3,12}[月日]|(?<=前)[0-9]{4,12}[月日]|[0-9]{5,12}(?:年|天|号|时)|[0-9]{1,4}月月(?![底末初中])|[0-9]{1,4}日日"
        r"|(?<=月)[0-9]{3,8}天"
        # a year of two or three digits (112年, 80年, 九十年) names no calendar: 民国? 19xx?
        r"|(?<![0-9民国])[0-9]{2,3}年"
        r"(?=[0-9一二三四五六七八九十]{1,2}(?:[~\-—至到][0-9一二三四五六七八九十]{1,2})?月|第|[上下]半年"
        r"|[1-4一二三四]季)"
        r"|(?<![0-9民国.])[0-9]{2,3}年度"  # 105年度 (民国?) as 105年3月
        r"|(?<![〇零○一二两三四五六七八九十百民国第每近前后今明去])"
        # (two or three digits, or a number with 十 / 百: 一九九四年 is an ordinary year)
        r"(?:[一二三四五六七八九]{2,3}|[一二三四五六七八九]?十[一二三四五六七八九]?"
        r"|一百[零〇一二三四五六七八九十]{0,3})年"
        r"(?=[0-9一二三四五六七八九十]{1,3}月)"
        # a masked year of a template (**年5月至6月, 20XX年, xx上半年, ( 年 7 月): no year told
        r"|20\*{1,2}年"  # 現將20*年全年工作總結如下: a template's year, whatever follows
        r"|(?<![A-Za-z])20(?:[xX×]{2}|[zZ]{2}) ?年"  # 现将20xx年国庆节放假安排通知如下
        r"|(?<![A-Za-z])[xX×]{1,2}月(?:[xX×]{1,2}[日号])?(?![A-Za-z])"  # 时间:2023年X月X日
        r"|(?:\*{1,4}|(?<![A-Za-z])(?:20)?[xX×]{1,4}(?![A-Za-z])|(?:20)?_{2,4}|20_)"
        r"年(?=度|[0-9一二三四五六七八九十元正]{1,2}月|元至|第|[上下]半年|[1-4一二三四]季|春|夏|秋|冬)"
        r"|(?<![A-Za-z])(?:20)?[xX×]{2}(?=[上下]半年)",
        "g",
        _garbled,
    ),
    # a year's digits dropped (公示时间为年4月18日至4月22日, a copy that lost every year): a
    # rule of its own, as it treats every digit alike (the rule above does not: its 20, see
    # shixian.grammar.shapes; its anchor would then match in every date's shape)
    TokenRule(
        "garbled date: no year's digits",
        r"(?:^|(?<=[(为于:,在自从到至]))年(?=[0-9一二三四五六七八九十]{1,2}月)",
        "g",
        _garbled,
    ),
    # before the calendar date, which would take 去年 alone
    TokenRule("去年同期", r"(?:去年|上年|上一年|前年)同期", "y", _same_period),
    # a decade (before the durations, which would read 50年 as fifty years); without its
    # century only 50年代 to 90年代, the twentieth century's (20年代 may be 1920s or 2020s)
    TokenRule(
        "20世纪50年代",
        r"(?:(?P<c>(?:20|21|二十一?)世纪|上个?世纪|本世纪)(?P<d>[1-9]0|[一二三四五六七八九]?十)"
        r"|(?<![0-9一二三四五六七八九十])(?P<y>1[0-9]{2}0|20[0-9]0)"
        r"|(?<![0-9一二三四五六七八九十百])(?P<b>[5-9]0|[五六七八九]十))年代"
        r"(?P<e>初期|初|中期|中叶|末期|末)?",
        "a",
        _decade,
    ),
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
        r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2}?)"
        # the far end of a range, its year (and month) told once: 2018.11.14—12.5, 2018/11/14-20
        r"(?:(?:——|[—~\-至到])(?:(?P<m2>[0-9]{1,2})(?P=sep))?(?P<d2>[0-9]{1,2})[日号]?"
        r"(?![0-9./\-:年月人个万元%名家次项条件]))?"
        # a clock time after it, its space cleaned away (2022/1/18 9:15:26: 18 then 9:15)
        r"(?:T?(?P<hh>[01]?[0-9]|2[0-4]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?)?(?![0-9])",
        "a",
        _ymd,
    ),
    TokenRule(
        "<dd>.<mm>.<yyyy>",
        # day first, both in two digits (16.09.2018 04:32, a page's time stamp); with
        # slashes (16/04/2020, Hong Kong's and Macau's order), also after the first day of
        # a range (03 – 19/04/2020)
        r"(?<![0-9./])(?:(?P<d>[0-9]{2})\.(?P<m>[0-9]{2})\."
        r"|(?:(?P<d0>[0-9]{1,2})[—~\-至到])?(?P<ds>[0-9]{1,2})/(?P<ms>[0-9]{1,2})/)(?P<y>[0-9]{4})"
        r"(?:(?P<hh>[01][0-9]|2[0-4]):(?P<mi>[0-5][0-9]))?(?![0-9./])",
        "a",
        _dmy,
    ),
    TokenRule(
        "<m>/<d>~<d>",
        # a month and day without a year, only where no fraction is meant: in a range
        # (4/11~13, 6/4-5, 02-11~02-17), opening the text or a line (2/15 開學日), or before
        # a weekday note (4/16(二))
        rf"(?<![0-9/.\-:])(?:(?P<m>{_M})/(?P<d>{_D})[~\-—至到](?:(?P<m2>{_M})/)?(?P<d2>{_D})"
        rf"|(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12][0-9]|3[01])[~至到]"
        rf"(?:(?P<m4>0[1-9]|1[0-2])-)?(?P<d4>0[1-9]|[12][0-9]|3[01])"
        rf"|(?:(?<![\s\S])|(?<=\n))(?P<m5>{_M})/(?P<d5>{_D})(?![0-9/%.以的倍多左])"
        rf"|(?P<m6>{_M})/(?P<d6>{_D})(?=\((?:周|星期|礼拜)?[一二三四五六日天]\)))"
        r"(?![0-9/%.])",
        "a",
        _md,
    ),
    TokenRule(
        "<date>—<m>.<d>",
        # the far end of a range after a written date, dotted (2018年11月14日—12.5)
        rf"(?<=[日号][—~\-至到])(?P<m>{_M})\.(?P<d>{_D})(?![0-9/%.万亿元])",
        "a",
        _month_day,
    ),
    TokenRule(
        "<yyyy>.<m>",
        # 2005.1—4: the months of a range after it (the year told once); 2016.7月底前 (the
        # month written with 月 after a dotted year)
        r"(?P<y>[0-9]{4})[./\-](?P<m>[0-9]{1,2})(?:[—~至到\-](?P<m2>[0-9]{1,2}))?"
        r"(?:月份?(?:(?P<d>[0-9]{1,2})[日号])?)?"
        r"(?![0-9.%万亿元年月日号/])",
        "a",
        _ym,
    ),
    TokenRule(
        "<time of day>",
        # (4:00时, 24:00時: the clock and a redundant 时; 点 only before what a clock takes:
        # 晚10点至次日, not 十点意见)
        rf"(?P<part>{_DAYPART_WORDS})?(?:(?<![0-9])(?P<hh>{_H})[:](?P<mm>[0-5][0-9])(?![0-9])时?"
        rf"|(?<![0-9])(?P<hz>{_H}|{_CN_H})(?:时|点(?=[0-9一二三四五六七八九十]|半|整|前|至|到|[-—~～]|$))"
        rf"(?:(?P<mz>[0-5]?[0-9]|[一二三四五]?十?[一二三四五六七八九]?)分|(?P<half>半))?[整正]?)",
        "T",
        _clock,
    ),
    TokenRule("<hyphen>", r"(?<=[0-9日月号旬底末初年度])(?:-|一(?=[0-9]))", "h", _word),
    TokenRule(
        "<n>、",
        r"第?(?P<v>[0-9]{1,4}|[一二三四五六七八九十]{1,3})"
        r"(?=(?:、|" + "|".join(LIST_WORDS) + r")第?[0-9一二三四五六七八九十])"
        # (第一、三周: weeks of a period, schedule_words' 第一、三周)
        r"(?!周?[、和及与]第?[一二三四五1-5]周)",
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
        rf"(?<![0-9])(?P<a>{YEAR_NUMBER})(?:——|[—~\-至到])(?P<b>{N})(?P<unit>年度?)"
        rf"|(?<![0-9])(?P<a2>{SMALL_NUMBER})(?:——|[—~\-至到])(?P<b2>{SMALL_NUMBER})(?P<unit2>月份?|日|号)",
        "a",
        _number_range,
    ),
    TokenRule(
        "(2021-2024)",
        # a span of years in brackets without 年 (行动方案(2021-2024)): brackets hold no sums;
        # or right after the plan it is the span of, its bracket lost (行动计划2020―2022)
        r"(?:(?<=[(\[])|(?<=计划|规划|方案|纲要))"
        r"(?P<a>(?:19|20)[0-9]{2}) ?(?:——|[—~\-至到]) ?(?P<b>(?:19|20)[0-9]{2})"
        r"(?=[)\]]|$|[^0-9年度.])",
        "a",
        _bracketed_years,
    ),
    TokenRule("全年|年内", r"全年度?|本年度?(?=内|以内)|年(?=以?内|之内)", "a", _this_year),
    TokenRule(
        "年底|月初|季末",
        # (终 of 终了 is the verb "end": 季度终了后15日内 counts from each quarter's end)
        r"(?:年|月|季度|季|半年)(?:底|末|终(?!了)|初)|(?:年|月|季度|季)中" + not_middle(),
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
    # 从现在起, 从现在到2020年: now, the reference day (现在 alone stays no time); 自当日18时起
    # (a notice's own day, as 即日起)
    TokenRule(
        "即日",
        rf"即日(?=起|开始|(?:{IN_FORCE}))|(?<![至如古])今(?=起)|(?<=[从自])现在(?=起|开始|到|至)"
        r"|(?<=[从自])(?:当日|当天)(?=起|开始|[0-9一二三四五六七八九十]{1,2}(?:时|点|:))",
        "a",
        _today,
    ),
    TokenRule("至今", r"(?:至今|迄今|到今天|至今天)(?!年)", "a", _until_now),
    TokenRule("元月", r"元月份?", "a", _first_month),
    # 该年12月底, 同年3月: the year of an earlier sentence (w: joined to the date after it)
    TokenRule("该年", r"(?:该|該|同|是|那)年(?=[0-9一二三四五六七八九十上下第元])", "w", _word),
    TokenRule(
        "前",
        # 二○一七年八月二十二日或以前: on or before it (Hong Kong's wording)
        r"(?:或|或者)(?:以前|之前)|以前|之前|前",
        "P",
        _word,
    ),
    TokenRule(
        "不晚于|截至",
        # 截止递交标书日期为: the deadline of what is named between 截止 and 日期
        # (截止时间变更为:2021年8月25日, 截止日期调整为: the new deadline)
        r"(?:截至|截止)(?!日(?:前|之前|以前|后|之后|以后))(?:[\u4e00-\u9fff]{1,6}?(?:日期|时间|期限)(?:及时间)?(?=(?:变更|调整|改)?为|是|:)"
        r"|(?:日期|时间|期限)?(?:及时间)?)(?:(?:(?:变更|调整|改)?为|是):?|:)?(?:到|至(?!少))?"
        r"|不晚于|不迟于"
        # 截标时间为今年5月13日: a tender's closing time
        r"|截标(?:时间|日期)(?:(?:为|是):?|:)?"
        # 最后日期为2023年3月3日, 最迟期限是…: the last day allowed
        r"|(?:最后|最迟|最晚)的?(?:日期|期限|时限|时间)(?:(?:为|是):?|:)"
        r"|最迟于?|最晚于?",
        "B",
        _word,
    ),
    TokenRule("<date>止", r"(?<=[日号月底末0-9])(?:为止|止)(?!于|日|期)", "B", _word),
    # —— opening a line is a dash (——2023年4月在…会议上); between dates a connector
    TokenRule(
        "至|到",
        r"至(?!少|今(?![年天日]))|到|~|(?<!—)—(?!—)|(?<=[0-9日月号旬底末初年度)])——"
        r"|(?<=[一二三四五六日天])——(?=周|星期|礼拜)"  # 周一——周五
        # 2月21日?2月27日: a dash lost to a page's encoding (a ? between two dates)
        r"|(?<=[日号])\?{1,2}(?=[0-9一二三四五六七八九十]{1,3}[月日])",
        "R",
        _word,
    ),
    TokenRule("内", r"以内|之内|内", "W", _word),
    # 起算, 起计算, 开始计算: counting starts there (次日起算20个工作日), as 起 says
    TokenRule("起", r"起(?:计算|算|计)(?!划)|起|开始(?:计算)?|以来", "S", _word),
    # 今年来: 今年以来, shortened (since the year began; 五年来 is a look back of its own)
    TokenRule("今年来", r"(?<=今年)来(?![看到临自说讲])", "S", _since),
    TokenRule(
        "<date>实施",
        # 2020-03-15实施: in force from a day, the clause ending there (not 实施方案)
        rf"(?<=[日号0-9])(?:{IN_FORCE})(?![\u4e00-\u9fff])",
        "S",
        _word,
    ),
    TokenRule(
        "自",
        # 不早于8月30日: not before it, from it on
        rf"(?:自从|自|从|不早于)(?={_NUM_START}|今年|明年|本年|即日|当年|次年|现在|当日|当天)",
        "F",
        _word,
    ),
    TokenRule(
        "施行日期:",
        # 【施行日期】2019.05.22: in force from the date that follows
        rf"(?:{IN_FORCE})(?:日期|时间)(?:为|是)?[:)\]]? ?(?={_NUM_START})",
        "F",
        _word,
    ),
]
