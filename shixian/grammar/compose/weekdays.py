"""Pass 0 of the composition stage: weekday ranges and lists into one set of weekdays.

``每周一至周五`` is every week on Monday to Friday, ``每周一、周三`` on Monday and
Wednesday: the weekdays after the first join the frequency's (before, the frequency
kept only its first day, and the rest was lost). A range or list of bare weekdays
(``周一至周五``, ``星期一、星期三``: the days of opening hours and office hours) is a
weekly frequency on those days, as ``每周一至周五`` is. A range runs forward within one
week (``周五至周一`` is not joined).
"""

from __future__ import annotations

import re

from ...model import Frequency
from ..engine import GAP, Token
from ..rules.schedule_words import Every

_CONNECTORS = frozenset("Rh/")
_DASHES = frozenset({"-", "—", "–", "~", "～"})


def _lone_range(tokens: list[Token], n: int, text: str) -> bool:
    """Whether the weekdays of ``tokens[n]`` are a range (周一至五) told on their own, not
    the weekdays of the date before (5月8日至12日(周一至五), 4月28日至30日(本周四至六))."""
    tok = tokens[n]
    if _RANGE_MARK.search(text, tok.start, tok.end) is None:
        return False  # (a list, 星期三,4: a list's digits may be the next words')
    return not _noted(tokens, n, text)


def _noted(tokens: list[Token], n: int, text: str) -> bool:
    """Whether ``tokens[n]`` follows a date, as the note of its weekdays."""
    return n > 0 and (
        tokens[n - 1].code in "AE"
        or (
            n > 1
            and tokens[n - 2].code in "AE"
            and text[tokens[n - 1].start : tokens[n].start] in _NOTE
        )
    )


_RANGE_MARK = re.compile("[-—–~～至到]")
#: what may stand between a date and the weekdays it notes
_NOTE = frozenset({"(", "(本", "本", "(即", "即"})


def _weekday_spans(tokens: list[Token], text: str) -> list[Token]:
    """Join ``D`` / weekly ``Q`` tokens with the weekdays ranged or listed after them."""
    out: list[Token] = []
    for n, tok in enumerate(tokens):
        if tok.code == "D" and len(out) >= 2 and not _noted(tokens, n - 2, text):
            joined = _joined(out[-2], out[-1], tok)
            if joined is not None:
                del out[-2:]
                out.append(joined)
                continue
        if tok.code == "D" and len(tok.value) > 1 and _lone_range(tokens, n, text):
            # 周一至五: the word once for a range of days, as 周一至周五
            tok = Token("Q", tok.start, tok.end, Every(Frequency.WEEK, 1, tok.value), tok.rule)
        out.append(tok)
    return out


def _joined(left: Token, link: Token, right: Token) -> Token | None:
    if left.end != link.start or link.end != right.start:
        return None
    if link.code not in _CONNECTORS and not (link.code == GAP and link.value in _DASHES):
        return None  # (周一-周五: a dash the hyphen rule leaves after a weekday)
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
