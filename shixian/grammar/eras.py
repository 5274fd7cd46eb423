"""Bare years of an era the caller names: in a Taiwan document, 113年 is 民国113年.

A year of two or three digits names no calendar (112年: 民国112 = 2023, or a typo
of 2112?), so by default it is a :class:`~shixian.errors.GarbledDate`. A caller who
knows the documents count years from the Republic of China (Taiwan's official
calendar) says so with ``era="roc"``: the cleaned text then reads as if each such
year carried its 民国, and the grammar's 民国 reading (1911 + the year) does the rest.
The words are inserted into the cleaned text only, with the map back to the
original offsets kept, so spans and texts of the results are the document's own.

Which numbers are years (everything else is left as it is):

* a number of 2–3 digits (or a Chinese-numeral number such as 一百一十三) before 年
  where a date goes on (113年3月, 112年第2季, 105年下半年, 113年度), a 3-digit one
  before 年 also alone where a year's words go on (107年起, 110年底, 103年至105年), never
  where 年 is a length's unit (用100年时间, 100年内);
* a numeric date with a 2–3 digit year (104.7.2, 106.09.21, 113/3/1, 104-03-05),
  month and day checked, and the month and day ending a range after it (104.7.2-7.3):
  民国104年7月2日-7月3日.
"""

from __future__ import annotations

import re

from shixian.errors import UnknownEra
from shixian.grammar.clean import Cleaned

__all__ = ["ERAS", "check_era", "with_era"]

#: The eras a caller may name (``era=`` of :func:`shixian.normalize`).
ERAS = ("roc",)

_CN = "〇零○一二两三四五六七八九"
_MONTH = "1[0-2]|0?[1-9]"
_DAY = "3[01]|[12][0-9]|0?[1-9]"

_BARE_YEAR = re.compile(
    # 113年3月, 80年第2季, 105年下半年, 113年度; the same in Chinese numerals
    r"(?<![0-9民国.\-/])(?P<n>[0-9]{2,3})(?=年(?:度|[0-9一二三四五六七八九十]{1,2}月|第|[上下]半年|[1-4一二三四]季))"
    # 103年至105年, 107年起, 110年底: a 3-digit year alone, where a year's words go on
    r"|(?<![0-9民国.\-/第])(?P<n3>[0-9]{3})(?=年(?:[至到~—\-、和及与起底初末中]|以来|$|[,。;:)]))"
    r"|(?<=[至到~—\-、和及与])(?P<n4>[0-9]{3})(?=年)"
    rf"|(?<![{_CN}十百民国第每近前后今明去])"
    r"(?P<cn>(?:[一二三四五六七八九]{2,3}|[一二三四五六七八九]?十[一二三四五六七八九]?"
    r"|一百[零〇一二三四五六七八九十]{0,3}))"
    r"(?=年(?:度|[0-9一二三四五六七八九十]{1,3}月))"
)
_NUMERIC_DATE = re.compile(
    rf"(?<![0-9.\-/])(?P<y>[0-9]{{2,3}})(?P<s>[./])(?P<m>{_MONTH})(?P=s)(?P<d>{_DAY})(?![0-9])"
    # the end of a range after it, month and day (104.7.2-7.3)
    rf"(?:(?P<c>[-~—至到])(?P<m2>{_MONTH})(?P=s)(?P<d2>{_DAY})(?![0-9.]))?"
    rf"|(?<![0-9.\-/])(?P<y3>[0-9]{{3}})-(?P<m3>{_MONTH})-(?P<d3>{_DAY})(?![0-9])"
)


def with_era(cleaned: Cleaned, era: str | None) -> Cleaned:
    """``cleaned`` read with its bare years counted in ``era`` (``None``: unchanged).

    >>> from shixian.grammar.clean import clean
    >>> with_era(clean("113 年 3 月 1 日"), "roc").text
    '民国113年3月1日'
    >>> c = with_era(clean("于104.7.2召开"), "roc")
    >>> c.text, c.span(1, 11)
    ('于民国104年7月2日召开', (1, 8))
    """
    if era is None:
        return cleaned
    check_era(era)
    text = cleaned.text
    edits: list[tuple[int, int, list[tuple[str, int]]]] = []
    for m in _NUMERIC_DATE.finditer(text):
        edits.append((m.start(), m.end(), _date_pieces(m)))
    taken = [(a, b) for a, b, _ in edits]
    for m in _BARE_YEAR.finditer(text):
        at = m.start()
        if not any(a <= at < b for a, b in taken):
            edits.append((at, at, [("民国", at)]))
    if not edits:
        return cleaned
    edits.sort(key=lambda e: (e[0], e[1]))
    origin = cleaned.origin if cleaned.origin is not None else list(range(len(text)))
    pieces: list[str] = []
    where: list[int] = []
    last = 0
    for start, end, replacement in edits:
        pieces.append(text[last:start])
        where.extend(origin[last:start])
        for words, at in replacement:
            pieces.append(words)
            where.extend([origin[at]] * len(words))
        last = max(last, end)
    pieces.append(text[last:])
    where.extend(origin[last:])
    return Cleaned("".join(pieces), where)


def check_era(era: object) -> None:
    """Raise :class:`~shixian.errors.UnknownEra` unless ``era`` is one of :data:`ERAS`."""
    if era not in ERAS:
        raise UnknownEra(era, ERAS)


def _date_pieces(m: re.Match[str]) -> list[tuple[str, int]]:
    """民国Y年M月D日 for a numeric date, each piece with the offset it stands for."""
    y, mo, d = ("y", "m", "d") if m.group("y") is not None else ("y3", "m3", "d3")
    pieces = [
        ("民国", m.start(y)),
        *((ch, m.start(y) + i) for i, ch in enumerate(m.group(y))),
        ("年", m.end(y)),
        *((ch, m.start(mo) + i) for i, ch in enumerate(m.group(mo))),
        ("月", m.end(mo)),
        *((ch, m.start(d) + i) for i, ch in enumerate(m.group(d))),
        ("日", m.end(d) - 1),
    ]
    if y == "y" and m.group("m2") is not None:
        pieces += [
            (m.group("c"), m.start("c")),
            *((ch, m.start("m2") + i) for i, ch in enumerate(m.group("m2"))),
            ("月", m.end("m2")),
            *((ch, m.start("d2") + i) for i, ch in enumerate(m.group("d2"))),
            ("日", m.end("d2") - 1),
        ]
    return pieces
