"""The values of the words of time limits and the functions that read them (the token
rules are in :mod:`shixian.grammar.rules.limits`): a length (:class:`Duration`), a prompt
(:class:`Prompt`), a statute's name."""

from __future__ import annotations

import re

from ...errors import InvalidDate
from ...model import Unit
from ..numerals import to_int

__all__ = ["Duration", "Prompt"]

_UNIT = {
    "工作日": Unit.WORKDAY, "工作天": Unit.WORKDAY, "自然日": Unit.DAY, "日历天": Unit.DAY,
    "小时": Unit.HOUR, "钟头": Unit.HOUR, "天": Unit.DAY,
    "日": Unit.DAY, "周": Unit.WEEK, "星期": Unit.WEEK, "个月": Unit.MONTH,
    "月": Unit.MONTH, "年": Unit.YEAR,
}  # fmt: skip


class Duration:
    """A duration word's value."""

    __slots__ = ("amount", "approx", "either", "unit")

    def __init__(self, amount: int, unit: Unit, approx: bool = False, either: bool = False) -> None:
        self.amount = amount
        self.unit = unit
        #: 一个多月, 十余天: more than the amount (the result is flagged)
        self.approx = approx
        #: 三四天: one of two neighbouring amounts, the larger taken (flagged too)
        self.either = either


class Prompt:
    """及时/立即/同步; ``trigger`` when the phrase names it (与文件同步公开)."""

    __slots__ = ("trigger",)

    def __init__(self, trigger: str | None) -> None:
        self.trigger = trigger


#: Two neighbouring numerals (一两天, 三四个月, 五六年): one or the other, about; never the
#: number their digits spell (三四天 is no 34 days)
_NEIGHBOURS = frozenset(
    a + b for a, b in zip("一两三四五六七八", "两三四五六七八九", strict=True)
) | {"一二", "二三"}


def _amount(n: str, unit: Unit, approx: bool = False) -> Duration:
    """The length of ``n`` units; two neighbouring numerals are the larger, approximate
    (the result is flagged, as 一个多月 is)."""
    if n in _NEIGHBOURS:
        return Duration(to_int(n[1]), unit, approx=True, either=True)
    return Duration(to_int(n), unit, approx)


def _duration(text: str, n: str, u: str) -> Duration:
    return _amount(n, _UNIT[u])


def _bare_duration(
    text: str, n: str | None, u: str | None, n2: str | None, u2: str | None
) -> Duration:
    return _amount(n or n2 or "", _UNIT[u or u2 or ""])


_HALVES = {"一年半": (18, Unit.MONTH), "半年": (6, Unit.MONTH), "半个月": (15, Unit.DAY)}


def _half(text: str, n: str) -> Duration:
    """半年内 → 6 months, 一年半内 → 18 months, 半个月内 → 15 days (documented)."""
    return Duration(*_HALVES[n])


def _approximate(
    text: str, n: str | None, u: str | None, n2: str | None, u2: str | None
) -> Duration:
    return _amount(n or n2 or "", _UNIT[u or u2 or ""], approx=True)


def _next_workday(text: str) -> Duration:
    return Duration(1, Unit.WORKDAY)


def _negative(text: str, n: str, u: str) -> Duration:
    raise InvalidDate(text, "time limit", f"-{n}{u}")


def _decimal(text: str) -> Duration:
    """1.5个月, 12.7个月: a length with a fraction is no whole number of units (it was read
    as 5 and 7 months): refused, never rounded."""
    raise InvalidDate(text, "time limit", f"{text} (a length with a decimal fraction)")


#: a length told in two units (1年3个月, 2周3天, 3天12小时) → the finer unit and the coarse
#: unit's size in it; 2个月26天 mixes units of no fixed size and is refused
_COMPOSITE = {("年", "个月"): (Unit.MONTH, 12), ("周", "天"): (Unit.DAY, 7),
              ("周", "日"): (Unit.DAY, 7), ("星期", "天"): (Unit.DAY, 7),
              ("天", "小时"): (Unit.HOUR, 24), ("日", "小时"): (Unit.HOUR, 24)}  # fmt: skip


def _composite(text: str, n: str, u: str, n2: str, u2: str) -> Duration:
    unit = _COMPOSITE.get((u, u2))
    if unit is None:  # 2个月26天, 1年10天: no one unit holds it
        raise InvalidDate(text, "time limit", f"{n}{u}{n2}{u2} (a length in two units)")
    return Duration(to_int(n) * unit[1] + to_int(n2), unit[0])


def _minimum(text: str, n: str) -> str:
    return text


def _at_event(text: str, on: str) -> Prompt:
    return Prompt(on)


def _each_event(text: str, on: str | None, on2: str | None) -> Prompt:
    return Prompt(re.sub(r"(?:之后|以后|后|时)$", "", text))


def _prompt(text: str, obj: str | None = None, verb: str | None = None) -> Prompt:
    return Prompt(None if obj is None else obj + (verb or ""))


def _case(text: str, on: str) -> str:
    return on


def _capture(text: str, on: str | None, on2: str | None) -> str:
    return on if on is not None else on2 or ""


def _capture_one(text: str, on: str) -> str:
    return on


def _law(text: str, law: str | None, law2: str | None) -> str | None:
    return law or law2


def _word(text: str, on: str | None = None) -> str:
    return text
