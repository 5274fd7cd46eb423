"""Days in the composition stage (:mod:`shixian.grammar.compose`): a day named from the
reference (今天, 明日) or by a festival (除夕), the next day as a range's far end
(22时至次日6时), and the date that states which day today is (今天是:2025年12月6日)."""

from __future__ import annotations

import datetime as dt

from ..anchors import Anchor
from ..engine import Token
from ..named import Day
from .codes import _RANGE

__all__ = ["_is_day", "_next_day_end", "_one_day", "_today_stated"]


def _next_day_end(tok: Token, out: list[Token]) -> bool:
    """9月24日22时至次日6时: 次日 after a range's connector is the day after its start.
    True when ``tok`` was taken as the range's far end."""
    if tok.value.amount != 1 or len(out) < 2 or out[-1].code not in _RANGE:
        return False
    start, connector = out[-2], out[-1]
    if start.code != "A" or start.end != connector.start or connector.end != tok.start:
        return False
    left: Anchor = start.value
    if left.to is not None or left.grain != "day" or left.month is None or left.day is None:
        return False
    if left.month == 2 and left.day >= 28 and left.year is None:
        return False  # 2月28日至次日: the year decides, and the text leaves it to the reference
    # any year tells the day after another in a month other than February
    year = 2001 if left.year is None else left.year
    try:
        after = dt.date(year, left.month, left.day) + dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return False  # an impossible date: the production names it
    far = Anchor(month=after.month, day=after.day)
    if left.year is not None and after.year != left.year:
        far.year = after.year  # 12月31日22时至次日: the next year's first day
    else:
        far = far.fill_from(left)  # (a yearless far end before its start rolls into the next)
    left.to = far
    start.end = tok.end
    out.pop()
    return True


def _is_day(anchor: Anchor) -> bool:
    """Whether the anchor names one day: a date (3月6日) or a day named from the
    reference (今天, 明日)."""
    return anchor.grain == "day" or (isinstance(anchor.named, Day) and anchor.to is None)


def _one_day(anchor: Anchor) -> bool:
    """Whether the anchor names one day, a festival's included (除夕)."""
    return anchor.to is None and (
        anchor.grain == "day" or (anchor.named is not None and anchor.named.is_day)
    )


#: the words between 今天 and the date that says which day it is (今天是:2025年12月6日)
_STATING = frozenset({"是", ":", "是:", "为", "为:"})


def _today_stated(out: list[Token], text: str, tok: Token) -> bool:
    """Drop the 今天 of 今天是:<date> from ``out``; True when it was there."""
    for back in (1, 2, 3):
        if len(out) < back:
            return False
        named = out[-back]
        if named.code == "A":
            day = named.value
            if (
                isinstance(day.named, Day)
                and day.named.day is None
                and day.named.shift == 0
                and day.to is None
                and text[named.end : tok.start].replace(" ", "") in _STATING
            ):
                tok.start = named.start
                del out[-back:]
                return True
            return False
    return False
