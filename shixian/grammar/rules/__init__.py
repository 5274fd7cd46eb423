"""The grammar: every token rule and grammar rule, grouped by phrase family.

Order matters only between rules that match at the same place: statutes and
pending decisions before conditions, longer forms before shorter ones. The
calendar date comes first because most phrases hold one; it leaves 20日内 to the
durations that follow it. Each family module documents its codes.
"""

from __future__ import annotations

from ..compose import compose
from ..engine import Grammar
from ..not_time import NOT_TIME_PATTERNS, NOT_TIME_WORDS
from . import (
    calendar,
    duty,
    duty_words,
    festival_words,
    festivals,
    lunar,
    relative,
    restated,
    schedule,
)

__all__ = ["GRAMMAR", "REFUSALS", "RULES", "TOKEN_RULES"]

#: Every token rule, in the order they are tried at one place.
TOKEN_RULES = [
    *calendar.FIRST_TOKENS,  # garbled dates
    *schedule.FIRST_TOKENS,  # 一月一次, 三个月一次: counts per period, not January or a length
    calendar.WEEK_OF_YEAR,  # 2016年第10周, before the date would take 2016年 alone
    *relative.FIRST_DURATIONS,  # 有效期为90日: a length, before the date would take 90日
    *lunar.TOKENS,  # 正月初一, 农历八月十五: before the date would read a Gregorian 八月十五
    calendar.TOKENS[0],  # the calendar date: most cells hold one
    *relative.DURATION_TOKENS,
    *festival_words.TOKENS,
    *calendar.TOKENS[1:],
    *festival_words.SCHEDULE_TOKENS,
    *schedule.TOKENS,
    *duty_words.TOKENS,
    *relative.TOKENS,
    duty_words.ONGOING_TOKEN,
]
#: Token rules that only refuse a form that would otherwise be misread (收到后-3个工作日内,
#: 每周星期八, 会议召开前3天): they always raise InvalidDate; examples in negative.tsv.
REFUSALS = frozenset(
    r.name
    for r in (*relative.DURATION_TOKENS, *schedule.FIRST_TOKENS, *schedule.TOKENS)
    if r.make in relative.REFUSING or r.make in schedule.REFUSING
)
#: Every grammar rule, in the order they are tried at one place.
RULES = [
    *festivals.SCHEDULE_RULES,
    *schedule.RULES,
    *duty.RULES,
    *relative.RULES,
    *festivals.RULES,
    *calendar.RULES,
]

#: The grammar used by :func:`shixian.normalize` and :func:`shixian.extract`
#: (its regular expressions are compiled on first use).
GRAMMAR = Grammar(
    token_rules=TOKEN_RULES,
    rules=RULES,
    merge=festival_words.with_occasions(compose),
    finish=restated.drop_restated,
    veto_words=NOT_TIME_WORDS,
    veto_patterns="|".join(NOT_TIME_PATTERNS),
)
