"""Lengths in the composition stage: ranges of lengths (3-5个工作日内), a limit of the
longer end; and the length of a piece of work told in plain words (开展为期3个月的巡视)."""

from __future__ import annotations

import re

from ...errors import InvalidDate
from ...model import Unit
from ..engine import BREAK, GAP, Token
from ..numerals import to_int
from ..rules.limit_values import Duration
from ..vocabulary import LENGTH_OF_WORK, LENGTH_OF_WORK_RULE, SENTENCE_ENDS
from .codes import (
    _LENGTH_JOIN,
    _LENGTH_START,
)
from .spans import _UNITS

_LENGTH_LOW = re.compile(r"([0-9]{1,3}|[一二两三四五六七八九十]{1,3}) ?[-—–~至到] ?$")


#: between the same day and a length: 当场或者在5日内, 当日或5日内
_OR_WITHIN = re.compile(r" ?或(?:者)?(?:在)? ?")
#: the codes of the words between: plain words, or a joining word (或) not yet tidied
_OR_CODES = frozenset({GAP, "j"})


def _length_ranges(tokens: list[Token], text: str) -> list[Token]:
    """3-5个工作日内, 3至5年: a range of lengths is a limit of its longer end; so is
    the same day or a length (当场或者在5日内告知, 当日或5日内决定)."""
    out: list[Token] = []
    for tok in tokens:
        if (
            tok.code == "U"
            and len(out) >= 2
            and out[-1].code in _OR_CODES
            and _OR_WITHIN.fullmatch(text, out[-1].start, out[-1].end) is not None
            and out[-2].code == "i"
            and out[-2].value.amount == 0
        ):
            tok.start = out[-2].start
            del out[-2:]
        if tok.code == "U" and len(out) >= 2 and out[-2].code == "U" and _both_ends(out, tok):
            # 3天至5天, 1个月到2个月, 5个工作日至10个工作日内: the unit told at both ends
            tok.start = out[-2].start
            del out[-2:]
        elif tok.code == "U" and text[tok.start : tok.start + 1] in _LENGTH_START:
            m = _LENGTH_LOW.search(text, max(0, tok.start - 6), tok.start)
            if (
                m is not None
                and (m.start() == 0 or not text[m.start() - 1].isdigit())
                and (low := _number(m.group(1))) is not None
                and low < tok.value.amount
                and all(t.code in _LENGTH_JOIN for t in out if t.end > m.start())
                and (not out or out[-1].end <= m.start() or out[-1].start >= m.start())
            ):
                while out and out[-1].start >= m.start():
                    out.pop()
                if out and out[-1].end > m.start():  # a gap holding the lower end
                    out[-1] = _cut(out[-1], m.start(), text)
                tok.start = m.start()
        out.append(tok)
    return out


#: the words between the two ends of a range of lengths
_LENGTH_DASHES = frozenset({"-", "—", "–", "~", "～"})


def _both_ends(out: list[Token], tok: Token) -> bool:
    """Whether ``tok`` is the far end of a range of lengths whose lower end (``out[-2]``)
    tells the same unit, the connector between (``out[-1]``)."""
    if len(out) < 2 or out[-2].code != "U":
        return False
    link, low = out[-1], out[-2]
    if not (link.code in "Rh" or (link.code == GAP and link.value.strip() in _LENGTH_DASHES)):
        return False
    if low.end != link.start or link.end != tok.start:
        return False
    a, b = low.value, tok.value
    return (
        isinstance(a, Duration)
        and isinstance(b, Duration)
        and a.unit is b.unit
        and a.amount < b.amount
        and not (a.approx or a.either)
    )


def _number(words: str) -> int | None:
    """The number ``words`` write, or ``None`` (十一二 is no number: found by the fuzz
    harness, it made extract raise for the whole document)."""
    try:
        return to_int(words)
    except InvalidDate:
        return None


def _cut(gap: Token, end: int, text: str) -> Token:
    return Token(gap.code, gap.start, end, text[gap.start : end], gap.rule)


def _lone_lengths(tokens: list[Token]) -> list[Token]:
    """开展为期3个月的巡视工作, 进行为期3天的公示: a length told in plain words (为期, 历时)
    in a sentence that names no date is the work's bare length (a limit whose event the
    text leaves open). After a date it stays plain words: 自3月11日起,开展为期一个月的
    … is the window from the start (:mod:`.spans`), and a window told in full
    (2017年8月11日至9月11日,…为期一个月的督察) needs no second reading."""
    out: list[Token] = []
    dated = False
    for tok in tokens:
        if tok.code == BREAK and tok.value in SENTENCE_ENDS:
            dated = False
        elif tok.code in "AQ":
            dated = True
        elif tok.code == GAP and not dated and (m := LENGTH_OF_WORK.search(tok.value)):
            half = m.group("half") is not None
            amount = 6 if half else _number(m.group("n"))
            if amount is not None and amount > 0:
                unit = Unit.MONTH if half else Unit(_UNITS[m.group("u")])
                start, end = tok.start + m.start(), tok.start + m.end()
                if m.start() > 0:
                    out.append(Token(GAP, tok.start, start, tok.value[: m.start()], "gap"))
                out.append(Token("U", start, end, Duration(amount, unit), LENGTH_OF_WORK_RULE))
                if end < tok.end:
                    out.append(Token(GAP, end, tok.end, tok.value[m.end() :], "gap"))
                continue
        out.append(tok)
    return out
