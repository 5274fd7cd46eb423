"""Numbers written with Arabic or Chinese digits: 12, 十二, 二〇一六, 廿五, 两."""

from __future__ import annotations

import functools

from ..errors import InvalidDate

__all__ = ["CN_DIGITS", "NUMBER", "SMALL_NUMBER", "YEAR_NUMBER", "to_int"]

CN_DIGITS = "〇零○一二两三四五六七八九"
_DIGIT_VALUE = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "0": 0,
}  # fmt: skip

_CN = f"{CN_DIGITS}十廿卅百千"
#: A regular-expression fragment for a whole number in either script: at most
#: four Arabic digits or six Chinese characters, never part of a longer run (the
#: bounds keep scanning linear on long runs of digits).
NUMBER = rf"(?:(?<![0-9])[0-9]{{1,4}}(?![0-9])|(?<![{_CN}])[{_CN}]{{1,6}}(?![{_CN}]))"
#: A four-digit year in either script (二〇一六, 2016), not part of a longer number.
#: An Arabic 0 among Chinese digits (二0一八, typed for 〇) counts as 〇.
YEAR_NUMBER = (
    rf"(?:(?<![0-9])[0-9]{{4}}|(?<![{CN_DIGITS}0-9])(?![0-9]{{4}}|0)[{CN_DIGITS}0]{{4}}(?![0-9]))"
)
#: A month or day number: two Arabic digits or three Chinese characters at most.
SMALL_NUMBER = rf"(?:(?<![0-9])[0-9]{{1,2}}|(?<![{_CN}])[{CN_DIGITS}十廿卅]{{1,3}})"


@functools.lru_cache(maxsize=512)
def to_int(text: str) -> int:
    """Read a number written in Arabic or Chinese digits.

    Years are read digit by digit; other Chinese numerals positionally, with
    ``cn2an`` (imported only when needed) for the rare large ones. A malformed
    numeral (十十) raises :class:`~shixian.errors.InvalidDate`.

    >>> to_int("2016"), to_int("二〇一六"), to_int("十二"), to_int("廿五"), to_int("两")
    (2016, 2016, 12, 25, 2)
    """
    if text.isascii():
        return int(text)
    if all(ch in _DIGIT_VALUE for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _DIGIT_VALUE[ch]
        return value
    small = _small(text)
    if small is None:
        small = _positional(text)
    if small is not None:
        return small
    import cn2an

    try:
        return int(cn2an.cn2an(text.replace("廿", "二十").replace("卅", "三十"), "smart"))
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise InvalidDate(text, "number", text) from exc


_UNITS = {"千": 1000, "百": 100, "十": 10}
_ZEROS = "〇零○"


def _positional(text: str) -> int | None:
    """Numbers below 10,000 written with 千, 百 and 十 in the common form (一百一十四,
    两千零二十, 三百六十五, 一千零五): what ``cn2an`` reads them as, without importing
    it (0.14 s) for a year of 民国 or a length of days. ``None`` for any other form
    (一百五, 万, a repeated unit), which ``cn2an`` decides."""
    value = 0
    digit: int | None = None
    last = 10_000  # the units must fall: 千, then 百, then 十
    zero = False  # a 零 stands for the units skipped (一千零五)
    for ch in text:
        unit = _UNITS.get(ch)
        if unit is not None:
            if unit >= last or (digit is None and (unit != 10 or value)) or digit == 0:
                return None
            value += (1 if digit is None else digit) * unit
            digit, last, zero = None, unit, False
        elif ch in _ZEROS and value and digit is None and not zero:
            zero = True
        elif ch in _DIGIT_VALUE and digit is None and ch not in _ZEROS:
            digit = _DIGIT_VALUE[ch]
        else:
            return None
    if digit is None:
        return value if last < 10_000 and not zero else None  # (一千零: a 零 left open)
    if last > 10 and not zero:  # 一百五: 150 or 105 by a reader's habit
        return None
    return value + digit


def _small(text: str) -> int | None:
    """Positional numbers below 100: 十, 十五, 二十, 二十五, 廿五, 卅一."""
    if len(text) > 3:
        return None
    for marker, base in (("十", 1), ("廿", 2), ("卅", 3)):
        head, sep, tail = text.partition(marker)
        if not sep:
            continue
        if not head:
            tens = base
        elif marker == "十" and len(head) == 1 and head in _DIGIT_VALUE:
            tens = _DIGIT_VALUE[head]
        else:
            return None
        if not tail:
            return tens * 10
        if len(tail) == 1 and tail in _DIGIT_VALUE:
            return tens * 10 + _DIGIT_VALUE[tail]
        return None
    return None
