"""The grammar: every token rule and grammar rule, grouped by phrase family.

Order matters only between rules that match at the same place: durations
(20日内) before calendar days (20日), schedules before anchors, statutes and
pending decisions before conditions. Each family module documents its codes.
"""

from __future__ import annotations

from ..engine import Grammar
from . import calendar, relative, schedule

__all__ = ["GRAMMAR"]

#: The compiled grammar used by :func:`shixian.normalize` and :func:`shixian.extract`.
GRAMMAR = Grammar(
    token_rules=[*relative.DURATION_TOKENS, *schedule.TOKENS, *calendar.TOKENS, *relative.TOKENS],
    rules=[*schedule.RULES, *relative.RULES, *calendar.RULES],
    merge=calendar.merge,
)
