"""Days in the composition stage (:mod:`shixian.grammar.compose`): a day named from the
reference (今天, 明日) or by a festival (除夕), the next day as a range's far end
(22时至次日6时), the date that states which day today is (今天是:2025年12月6日), and what
joins the date before it: a time of day, a weekday note, 前后 (:func:`_joined`)."""

from __future__ import annotations

import datetime as dt
import re

from ..anchors import Anchor
from ..engine import BREAK, GAP, Token
from ..named import Day
from ..vocabulary import BEFORE_NOISE, DAY_NAME, DAYPART
from .codes import _RANGE

__all__ = [
    "_JOINING",
    "_joined",
    "_next_day_end",
    "_next_month_end",
    "_one_day",
    "_only_brackets",
    "_today_stated",
]


def _only_brackets(text: str, start: int, end: int) -> bool:
    return all(ch in "()[] " for ch in text[start:end])


def _next_day_end(tok: Token, out: list[Token]) -> bool:
    """9月24日22时至次日6时: 次日 after a range's connector is the day after its start.
    True when ``tok`` was taken as the range's far end."""
    if tok.value.amount != 1 or len(out) < 2 or out[-1].code not in _RANGE:
        return False
    start, connector = out[-2], out[-1]
    if connector.end != tok.start:
        return False
    hours = None
    if start.end == connector.start and (
        start.code == "T" or (start.code == GAP and _CLOCK_END.search(start.value) is not None)
    ):
        # 5月1日晚10点到次日凌晨5时: a time of day the date did not take; 22时至次日6时, no
        # date: a span of hours over a night, no day after an event (and no day at all)
        hours = start
        if len(out) < 3 or out[-3].code != "A" or out[-3].end != start.start:
            del out[-2:]
            if out and out[-1].code == "i" and out[-1].value.amount == 0:
                out.pop()  # 当日22:00至次日6:00: the day the hours start, unnamed
            return True
        start = out[-3]
    if start.code != "A" or (hours is None and start.end != connector.start):
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
    del out[-2 if hours is not None else -1 :]
    return True


#: the month words of a range's far end that count from the reference (本月23日至下月2日)
_MONTH_WORDS = {"下月": 1, "下个月": 1}


def _next_month_end(tok: Token, out: list[Token]) -> Token | None:
    """本月23日至下月2日, 明日至下月8日: a day of 下月 as the far end of a range whose start
    counts from the reference is that day of the month after the reference's (it was two
    single days). The far end's fragment, in place of the month word and the day (taken
    from ``out``); ``None`` when this is not the case."""
    if len(out) < 3 or out[-1].code != "N" or out[-2].code not in _RANGE or out[-3].code != "A":
        return None
    word, connector, start = out[-1], out[-2], out[-3]
    shift = _MONTH_WORDS.get(word.value)
    day: Anchor = tok.value
    left: Anchor = start.value
    if (
        shift is None
        or word.end != tok.start
        or start.end != connector.start
        or connector.end != word.start
        or left.to is not None
        or day.to is not None
        or day.day is None
        or day.month is not None
        or day.year is not None
    ):
        return None
    if not (left.month_shift is not None or left.today or isinstance(left.named, Day)) or (
        left.day is None and left.named is None and not left.today
    ):
        return None
    out.pop()  # the month word: the far end takes it
    return Token(tok.code, word.start, tok.end, Anchor(day=day.day, month_shift=shift), tok.rule)


#: a time of day at the end of free words (晚10点, 22时, 下午5:30)
_CLOCK_END = re.compile(
    rf"(?:^|{'|'.join(sorted(DAYPART, key=len, reverse=True))})"
    r"[0-9]{1,2}(?:[:：][0-9]{2}|[时点](?:[0-9]{1,2}分|半)?)$"
)


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


#: the codes :func:`_joined` may join to what comes before them
_JOINING = frozenset("TDPK")


def _joined(tok: Token, code: str, out: list[Token], text: str) -> bool:
    """Join a time of day (T), a weekday note (D) or 前后 (K) to the anchor before it;
    drop the noise between a date and its 前 (P). True when ``tok`` was taken."""
    if not out:
        return False
    prev = out[-1]
    if code == "T":
        if prev.code == "A" and prev.end == tok.start:
            last = prev.value.last()
            one_day = last.grain == "day" or (last.named is not None and last.named.is_day)
            if last.time is None and one_day:  # 3月1日9:00, 明天下午二时
                last.time = tok.value
                prev.end = tok.end
                return True
        if (
            prev.code in _RANGE
            and len(out) >= 2
            and out[-2].code == "A"
            and out[-2].end == prev.start
            and prev.end == tok.start
        ):
            left: Anchor = out[-2].value
            last = left.last()
            if left.to is None and last.time is not None and last.grain == "day":
                far = last.copy()
                far.time = tok.value
                left.to = far
                out[-2].end = tok.end
                out.pop()
                return True
    elif code == "D":
        if prev.code == "A" and len(tok.value) == 1:
            last = prev.value.last()
            if (
                last.weekday is None
                and last.grain == "day"
                and _only_brackets(text, prev.end, tok.start)
            ):
                last.weekday = tok.value[0]  # the D token reads a tuple of weekdays
                prev.end = tok.end + 1 if text[tok.end : tok.end + 1] in (")", "]") else tok.end
                return True
    elif code == "P":
        if (
            prev.code in (BREAK, GAP)
            and len(out) >= 2
            and out[-2].code == "A"
            and (
                prev.value in BEFORE_NOISE
                # 11月8日投票选举日前: the name of the date's own day
                or (DAY_NAME.fullmatch(prev.value) is not None and out[-2].value.grain == "day")
            )
            and _only_brackets(text, out[-2].end, prev.start)
            and _only_brackets(text, prev.end, tok.start)
        ):
            out.pop()  # 7月18日:前完成, 6月30日(含)前: noise between a date and its 前
    elif (  # K
        prev.code == "P"
        and len(out) >= 2
        and out[-2].code == "A"
        and out[-2].end == prev.start
        and prev.end == tok.start
        and text[prev.start : prev.end] == "前"
        and out[-2].value.named is None  # 春节前后 is the festival rule's
    ):
        out.pop()  # 2025年前后: around the period, not before it
        out[-1].value.last().about = True
        out[-1].end = tok.end
        return True
    return False
