"""The grammar: every token rule and grammar rule, grouped by phrase family.

Order matters only between rules that match at the same place: statutes and
pending decisions before conditions, longer forms before shorter ones. The
calendar date comes first because most phrases hold one; it leaves 20日内 to the
durations that follow it. Each family module documents its codes.
"""

from __future__ import annotations

from ..engine import Grammar
from . import calendar, duty, relative, schedule

__all__ = ["GRAMMAR", "RULES", "TOKEN_RULES"]

#: Every token rule, in the order they are tried at one place.
TOKEN_RULES = [
    calendar.TOKENS[0],  # the calendar date: most cells hold one
    *relative.DURATION_TOKENS,
    *calendar.TOKENS[1:],
    *schedule.TOKENS,
    *duty.TOKENS,
    *relative.TOKENS,
    duty.ONGOING_TOKEN,
]
#: Every grammar rule, in the order they are tried at one place.
RULES = [*schedule.RULES, *duty.RULES, *relative.RULES, *calendar.RULES]

#: The grammar used by :func:`shixian.normalize` and :func:`shixian.extract`
#: (its regular expressions are compiled on first use).
GRAMMAR = Grammar(token_rules=TOKEN_RULES, rules=RULES, merge=calendar.merge)
