"""Pass 0 of the composition stage: weekday ranges and lists into one set of weekdays.

``每周一至周五`` is every week on Monday to Friday, ``每周一、周三`` on Monday and
Wednesday: the weekdays after the first join the frequency's (before, the frequency
kept only its first day, and the rest was lost). A range or list of bare weekdays
(``周一至周五``, ``星期一、星期三``: the days of opening hours and office hours) is a
weekly frequency on those days, as ``每周一至周五`` is. A range runs forward within one
week (``周五至周一`` is not joined).
"""

from __future__ import annotations

from ...model import Frequency
from ..engine import Token
from ..rules.schedule_words import Every

_CONNECTORS = frozenset("Rh/")


def _weekday_spans(tokens: list[Token]) -> list[Token]:
    """Join ``D`` / weekly ``Q`` tokens with the weekdays ranged or listed after them."""
    out: list[Token] = []
    for tok in tokens:
        if tok.code == "D" and len(out) >= 2:
            joined = _joined(out[-2], out[-1], tok)
            if joined is not None:
                del out[-2:]
                out.append(joined)
                continue
        out.append(tok)
    return out


def _joined(left: Token, link: Token, right: Token) -> Token | None:
    if link.code not in _CONNECTORS or left.end != link.start or link.end != right.start:
        return None
    if link.code == "/" and link.value != "、":
        return None
    if left.code == "D":
        days: tuple[int, ...] = left.value
        every = Every(Frequency.WEEK)
    elif left.code == "Q" and left.value.every is Frequency.WEEK and left.value.weekdays:
        every = left.value
        days = every.weekdays
    else:
        return None
    more: tuple[int, ...] = right.value
    if link.code == "/":
        joined = tuple(sorted({*days, *more}))
    elif len(days) == 1 and len(more) == 1 and days[0] < more[0]:
        joined = tuple(range(days[0], more[0] + 1))
    else:
        return None
    value = Every(every.every, every.interval, joined, every.workday)
    return Token("Q", left.start, right.end, value, left.rule)
