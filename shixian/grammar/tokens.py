"""The values lexing makes and the records it runs on: :class:`Token` (a lexed word's code,
offsets and value), :class:`TokenRule` (a word family: a pattern and its maker), the
codes of plain words, clause breaks and list joins, and the errors an expression may
raise that a lenient parse skips."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ..errors import InvalidDate

__all__ = ["BREAK", "GAP", "LIST", "Token", "TokenRule", "is_out_of_calendar"]


def is_out_of_calendar(exc: BaseException) -> bool:
    """Whether ``exc`` is :mod:`datetime` refusing a date before year 1 or after 9999.

    >>> is_out_of_calendar(ValueError("year 10000 is out of range")), is_out_of_calendar(KeyError())
    (True, False)
    """
    if isinstance(exc, OverflowError):
        return True
    return type(exc) is ValueError and "out of range" in str(exc)


#: The errors an expression may raise that a lenient parse (running text) skips.
_SKIPPED = (InvalidDate, OverflowError, ValueError)


class Token:
    """A lexed token: its code letter, offsets in the cleaned text and its value."""

    __slots__ = ("code", "end", "index", "rule", "start", "value")

    def __init__(self, code: str, start: int, end: int, value: Any, rule: str) -> None:
        self.code = code
        self.start = start
        self.end = end
        self.value = value
        self.rule = rule
        self.index = -1

    def __repr__(self) -> str:
        return f"Token({self.code!r}, {self.start}, {self.end}, {self.value!r}, {self.rule!r})"


@attrs.frozen
class TokenRule:
    """A word family: ``pattern`` (named groups only) read by ``make`` into a value.

    ``make`` is called with the matched text and then the pattern's named groups,
    positionally, in the order they open (``None`` for a group that did not take
    part), so its parameters are named after the groups: a pattern with
    ``(?P<y>…)…(?P<m>…)`` takes ``make(text, y, m)``; parameters past the groups
    need defaults. The grammar checks this when it compiles. ``make`` may raise
    :class:`~shixian.errors.InvalidDate`.
    """

    name: str
    pattern: str
    code: str
    make: Callable[..., Any]


GAP = "_"
BREAK = "|"
LIST = "/"  # 、 between items of a list: 每年6月、12月
