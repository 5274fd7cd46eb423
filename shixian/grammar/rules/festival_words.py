"""Festivals, holiday periods, five-year plans, seasons and spans of years: their words.

The vocabulary tables (words, traditional forms included → what they mean), the token
rules compiled from them and their makers; the productions that read the tokens are in
:mod:`shixian.grammar.rules.festivals`. Token codes: ``a`` (merged into ``A``, as every
date fragment; an occasion's anchor is then recoded ``G`` by :func:`with_occasions`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from ...calendar import occasions
from ...model import Frequency
from ..anchors import Anchor
from ..clean import clean
from ..engine import Token, TokenRule
from ..named import (
    Day,
    Festivals,
    FirstMonths,
    NextHoliday,
    Occasion,
    Plan,
    Season,
    Span,
    ThemeMonth,
)
from ..numerals import to_int
from .schedule import Every

__all__ = [
    "FESTIVAL_WORDS",
    "OCCASION_WORDS",
    "PLAN_WORDS",
    "SCHEDULE_TOKENS",
    "SEASON_WORDS",
    "SHORT_WORDS",
    "TOKENS",
    "with_occasions",
]

_ONE_DAY = dt.timedelta(days=1)

# -- vocabulary ------------------------------------------------------------------------

#: Festival words (simplified and traditional) → festivals (keys of
#: :data:`shixian.calendar.festivals.FESTIVALS`).
FESTIVAL_WORDS: dict[str, tuple[str, ...]] = {
    "元旦节": ("元旦",), "元旦": ("元旦",),
    "除夕": ("除夕",), "大年三十": ("除夕",),
    "春节": ("春节",), "春節": ("春节",), "农历新年": ("春节",), "農曆新年": ("春节",),
    "元宵节": ("元宵节",), "元宵節": ("元宵节",),
    "清明节": ("清明节",), "清明節": ("清明节",), "清明日": ("清明节",),
    "五一国际劳动节": ("劳动节",), "五一國際勞動節": ("劳动节",), "国际劳动节": ("劳动节",),
    "五一劳动节": ("劳动节",), "五一勞動節": ("劳动节",), "劳动节": ("劳动节",),
    "勞動節": ("劳动节",),
    "端午节": ("端午节",), "端午節": ("端午节",), "端阳节": ("端午节",), "端陽節": ("端午节",),
    "中秋节": ("中秋节",), "中秋節": ("中秋节",),
    "国庆节": ("国庆节",), "國慶節": ("国庆节",),
    "重阳节": ("重阳节",), "重陽節": ("重阳节",),
}  # fmt: skip
#: Short festival words that are also ordinary words (政治清明, 吃元宵, 国庆70周年):
#: read only before a relation (前, 后, 以来, 起), a holiday word, another festival
#: or a closing quote. 两节 = 元旦 and 春节, 双节 = 中秋节 and 国庆节.
SHORT_WORDS: dict[str, tuple[str, ...]] = {
    "清明": ("清明节",), "元宵": ("元宵节",), "端午": ("端午节",), "中秋": ("中秋节",),
    "国庆": ("国庆节",), "國慶": ("国庆节",), "重阳": ("重阳节",), "重陽": ("重阳节",),
    "两节": ("元旦", "春节"), "兩節": ("元旦", "春节"),
    "双节": ("中秋节", "国庆节"), "雙節": ("中秋节", "国庆节"),
}  # fmt: skip
#: Short festival words that are also numbers (五一 = 劳动节, 十一 = 国庆节): read
#: only in quotes or before a holiday word, 前 or 后, never inside a number.
GUARDED_WORDS: dict[str, tuple[str, ...]] = {"五一": ("劳动节",), "十一": ("国庆节",)}
#: Words after a festival that name its official holiday period (春节假期, 国庆黄金周).
_HOLIDAY_WORDS = (
    "放假期间", "假日期间", "节日期间", "假期期间", "小长假", "长假", "黄金周", "假期", "假日",
    "期间",
)  # fmt: skip
#: Fuzzy occasions (dates set by each region or school) → their table entry.
OCCASION_WORDS: dict[str, str] = {
    "寒假": "寒假", "暑假": "暑假", "暑期": "暑假", "主汛期": "主汛期", "汛期": "汛期",
}  # fmt: skip
#: The months the nation gives a theme each year, fixed by the State Council or its
#: committees (安全生产月: June since 2002; 质量月: September since 1978; 爱国卫生月: April
#: since 1989; 消防宣传月: November): a month like 6月 (2020年“安全生产月”活动 is June 2020).
THEME_MONTHS: dict[str, int] = {
    "安全生产月": 6, "安全生產月": 6, "全国质量月": 9, "全國質量月": 9,
    "爱国卫生月": 4, "愛國衛生月": 4, "消防宣传月": 11, "消防宣傳月": 11,
}  # fmt: skip
_THEME_MONTHS = {clean(k).text: v for k, v in THEME_MONTHS.items()}
#: Seasons → keys of :data:`shixian.calendar.occasions.SEASONS` (or two joined).
SEASON_WORDS: dict[str, tuple[str, ...]] = {
    "春季": ("春季",), "春天": ("春季",), "夏季": ("夏季",), "夏天": ("夏季",),
    "秋季": ("秋季",), "秋天": ("秋季",), "冬季": ("冬季",), "冬天": ("冬季",),
    "春夏季": ("春季", "夏季"), "夏秋季": ("夏季", "秋季"), "秋冬季": ("秋季", "冬季"),
    "冬春季": ("冬季", "春季"),
    "今冬明春": ("冬季", "春季"),
    "岁末年初": ("岁末年初",), "年末岁初": ("岁末年初",), "岁末岁初": ("岁末年初",),
    "岁尾年头": ("岁末年初",),
}  # fmt: skip
#: Five-year plan names → plan number (一五 … 十五五).
_PLAN_NAMES = "一五 二五 三五 四五 五五 六五 七五 八五 九五 十五 十一五 十二五 十三五 十四五 十五五"
PLAN_WORDS: dict[str, int] = {name: n for n, name in enumerate(_PLAN_NAMES.split(" "), start=1)}
_PLAN_EDGE = {"初期": "begin", "初": "begin", "中期": "middle", "末期": "end", "末": "end"}


def _cleaned(words: Iterable[str]) -> list[str]:
    """The words as the cleaner leaves them (國慶節 → 国慶节), longest first."""
    out = {clean(w).text for w in words}
    return sorted(out, key=lambda w: (-len(w), w))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(_cleaned(words))


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {clean(k).text: v for k, v in table.items()}


_FESTIVALS = _lookup({**FESTIVAL_WORDS, **SHORT_WORDS, **GUARDED_WORDS})
_NOT_NUMBER_BEFORE = r"(?<![0-9〇零一二两三四五六七八九十百千第])"
_NOT_NUMBER_AFTER = r"(?![0-9〇零一二两三四五六七八九十百千万年月日号个%.条款项点届次]|期(?!间))"
#: the holiday's length told before its word (春节七天长假, 国庆7天假期): the holiday
_HOLIDAY_LENGTH = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})天(?=小长假|长假|假期|黄金周)"
_HOLIDAY = _alternation(_HOLIDAY_WORDS)
_AFTER_SHORT = (
    rf"(?=前|后|以|之|起|期间|当日|当天|假|小长假|长假|黄金周|放假|{_HOLIDAY_LENGTH}"
    r"|[、和及与暨\"'」』]"
    rf"|{_alternation(FESTIVAL_WORDS)}|{_alternation(SHORT_WORDS)})"
)
_ONE_FESTIVAL = (
    rf"(?:{_alternation(FESTIVAL_WORDS)}"
    rf"|(?:{_alternation(SHORT_WORDS)}){_AFTER_SHORT}"
    rf"|[\"'「『](?:五一|十一)[\"'」』]"
    rf"|{_NOT_NUMBER_BEFORE}(?:五一|十一){_NOT_NUMBER_AFTER}(?=节|{_HOLIDAY}|前|后|[\"'」』])"
    rf"|{_NOT_NUMBER_BEFORE}(?:五一|十一)(?={_HOLIDAY_LENGTH}))"  # 五一3天小长假
)
_FESTIVAL_PATTERN = (
    rf"(?P<names>{_ONE_FESTIVAL}(?:[、和及与暨]?{_ONE_FESTIVAL}){{0,3}}"
    rf"|[\"'「『]{_ONE_FESTIVAL}(?:[、和及与暨]?{_ONE_FESTIVAL}){{0,3}}[\"'」』])节?"
    # 春节、国庆节等期间: the holidays of the festivals listed
    rf"(?:等(?={_HOLIDAY}))?(?P<holiday>(?:{_HOLIDAY_LENGTH})?(?:{_HOLIDAY}))?"
)
_FESTIVAL_ONE = re.compile(rf"[\"'「『]?({_alternation(_FESTIVALS)})[\"'」』]?")

_PLAN_TIME = r"期间|时期|初期|初|中期|末期|末|以来|前|内"
_SERIES = "|".join(occasions.PLAN_SERIES)
_PLAN_PATTERN = (
    rf"{_NOT_NUMBER_BEFORE}(?:[\"'「『](?P<q>{_alternation(PLAN_WORDS)})[\"'」』]"
    rf"|(?<![\"'「『])(?P<n>十[一二三四五]五){_NOT_NUMBER_AFTER}(?!人|岁|天)"
    rf"|(?<![\"'「『])(?P<s>[一二三四五六七八九十]五)(?=(?:规划|计划)?(?:{_PLAN_TIME})|{_SERIES}))"
    rf"(?:(?=(?P<series>{_SERIES}))|)"
    rf"(?!(?:规划|计划|纲要)(?!{_PLAN_TIME}))(?:规划|计划)?(?:纲要)?"
    r"(?P<edge>期间|时期|初期|初|中期|末期|末)?"
)
_SPAN_NUMBER = r"[0-9]{1,2}|[一二两三四五六七八九十]{1,3}"
#: 五年来, 一年来 (a work report's look back): the years before, as 过去五年
_N_YEARS_SINCE = rf"(?:{_SPAN_NUMBER})个?年(?:来|以来)(?![到临])"
_SPAN_PATTERN = (
    rf"(?:今后|未来|此后)(?P<ahead>{_SPAN_NUMBER})个?年(?!度|底|末|初|前|后)"
    rf"|用(?P<use>{_SPAN_NUMBER})个?(?:年|年左右)(?:左右)?的?时间"
    rf"|(?:近|过去的?|最近|(?<![0-9一二两三四五六七八九十百千第])(?={_N_YEARS_SINCE}))"
    rf"(?P<past>{_SPAN_NUMBER})个?年(?:来|间|以来)?"
)


# -- token makers ----------------------------------------------------------------------


def _festival(text: str, names: str, holiday: str | None) -> Anchor:
    keys: list[str] = []
    for m in _FESTIVAL_ONE.finditer(names):
        for key in _FESTIVALS[m.group(1)]:
            if key not in keys:
                keys.append(key)
    return Anchor(named=Festivals(tuple(keys), holiday is not None))


def _next_holiday(text: str) -> Anchor:
    return Anchor(named=NextHoliday())


def _occasion(text: str, w: str) -> Anchor:
    return Anchor(named=Occasion("汛期" if w == "汛" else OCCASION_WORDS[w]))


def _theme_month(text: str, w: str) -> Anchor:
    return Anchor(named=ThemeMonth(_THEME_MONTHS[w]))


def _season(text: str) -> Anchor:
    return Anchor(named=Season(SEASON_WORDS[text]))


def _plan(
    text: str, q: str | None, n: str | None, s: str | None, series: str | None, edge: str | None
) -> Anchor:
    name = q or n or s
    assert name is not None
    mark = None if edge is None else _PLAN_EDGE.get(edge)
    anchor = Anchor(named=Plan(PLAN_WORDS[name], mark, series))
    if mark is not None:  # 十四五末前 is due at its end, like 年底前 (the edge is the plan's)
        anchor.edge, anchor.edge_grain = mark, "plan"
    return anchor


_DAY_SHIFT = {"昨": -1, "今": 0, "明": 1, "后": 2}


def _two_days(text: str, w: str | None, w2: str | None) -> Anchor:
    first = 0 if (w or w2) == "今明" else 1
    return Anchor(named=Day(first, last=first + 1))


def _day(text: str, w: str | None, n: str | None) -> Anchor:
    if n is not None:  # 今(5)日, 明(16)日, 明(十五)日: the day of the month, told
        return Anchor(named=Day(_DAY_SHIFT.get(w or "今", 0), to_int(n)))
    return Anchor(named=Day(_DAY_SHIFT.get(text[0], 0)))


def _first_months(text: str, n: str | None, q: str | None) -> Anchor:
    return Anchor(named=FirstMonths(to_int(n) if n is not None else 3 * to_int(q or "")))


def _span(text: str, ahead: str | None, use: str | None, past: str | None) -> Anchor:
    number = to_int(ahead or use or past or "")
    # 过去一年 reviews as 一年来 does (not 近三年: the last three years, as a condition)
    since = text.endswith("来") or text.startswith("过去")
    return Anchor(named=Span(number, past is None, since=since, calendar=ahead is not None))


TOKENS: list[TokenRule] = [
    TokenRule("<festival>期间", _FESTIVAL_PATTERN, "a", _festival),
    TokenRule(
        "节前|节后|节假日期间",
        r"(?:(?<![\u4e00-\u9fff])|(?<=[在于至到和与及前后]))节(?=(?:前|后)(?![0-9一二两三四五六七八九十]))"
        r"|节假日(?:期间)?|法定节假日(?:期间)?|节日期间",
        "a",
        _next_holiday,
    ),
    TokenRule(
        "寒假|暑假|汛期",
        # 入汛后, 入汛以来: since the season began (festivals.festival_after)
        rf"(?:入(?=汛))?(?P<w>{_alternation(OCCASION_WORDS)}|汛(?=前|后|以来))(?:期间)?",
        "a",
        _occasion,
    ),
    TokenRule(
        "春季|夏季",
        # 秋季开学, 春季学期: a school event, not the season (its date is the school's)
        # 春季森林防火期, 春季休渔期: a period named with the season, not the season
        rf"(?:{_alternation(SEASON_WORDS)})(?!开学|学期|招生|入学|运动会|[\u4e00-\u9fff]{{0,4}}期(?!间))",
        "a",
        _season,
    ),
    TokenRule(
        "安全生产月",
        # (安全生产月报: a monthly report on safety, not the month)
        rf"[\"'「『]?(?P<w>{_alternation(THEME_MONTHS)})(?![报度刊份均])[\"'」』]?",
        "a",
        _theme_month,
    ),
    TokenRule("十四五", _PLAN_PATTERN, "a", _plan),
    TokenRule("今后三年|近三年", _SPAN_PATTERN, "a", _span),
    # the months of the reference year so far, opening a clause (前10个月已完成投资), or of
    # the year before it (2023年前三季度, 今年前10个月)
    # (前三季度 after any word: 任务前三季度推进情况 tells no limit before the task, where
    # 会议召开前3个月 does)
    TokenRule(
        "前10个月|前三季度",
        r"(?:(?:(?<=[,;。:!?\n(年度])|(?<![\s\S]))前(?P<n>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个?月"
        r"|前(?P<q>[一二两三1-3])(?:个)?季度)(?![0-9一二三四五六七八九十])",
        "a",
        _first_months,
    ),
    # a day counted from the reference (the document's date): 今天上午, 昨日, 明天, 今(5)日
    # two days from the reference (今明两天 of a weather notice), before the single days
    TokenRule(
        "今明两天",
        r"(?P<w>今明|明后)(?:两|2)(?:天|日)|(?P<w2>今明|明后)(?=天)",
        "a",
        _two_days,
    ),
    TokenRule(
        "今天|昨日|今(5)日",
        r"(?:今天|今日|昨天|昨日|明天|明日|后天)(?![头报说之])"
        r"|(?P<w>[今明昨])\((?P<n>[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})\)日"
        r"|(?:^|(?<=[,;:。\s]))明(?=起)",  # 发布闭园公告,明起停止对外营业: from tomorrow
        "a",
        _day,
    ),
]


def _every_holiday(text: str) -> Every:
    return Every(Frequency.HOLIDAY)


#: Schedule words of holidays (code ``Q``, as 每月): 每逢节假日.
SCHEDULE_TOKENS: list[TokenRule] = [
    TokenRule(
        "每逢节假日",
        r"(?:每逢|每个|每到|逢)(?:法定)?(?:节假日|节日|假日|假期)(?:期间)?",
        "Q",
        _every_holiday,
    ),
]


def with_occasions(
    merge: Callable[[list[Token], str], list[Token]],
) -> Callable[[list[Token], str], list[Token]]:
    """``merge``, then the anchors of festivals and holidays recoded ``G`` (an occasion)."""

    def merged(tokens: list[Token], text: str) -> list[Token]:
        out = merge(tokens, text)
        for tok in out:
            if tok.code == "A":
                named = tok.value.named
                if named is not None and named.occasion:
                    tok.code = "G"
        return out

    merged.__doc__ = merge.__doc__
    return merged
