"""Ranges of lengths (3-5个工作日内): a limit of the longer end."""

from __future__ import annotations

import re

from ...errors import InvalidDate
from ..engine import Token
from ..numerals import to_int
from .codes import (
    _LENGTH_JOIN,
    _LENGTH_START,
)

_LENGTH_LOW = re.compile(r"([0-9]{1,3}|[一二两三四五六七八九十]{1,3}) ?[-—–~至到] ?$")


def _length_ranges(tokens: list[Token], text: str) -> list[Token]:
    """3-5个工作日内, 3至5年: a range of lengths is a limit of its longer end."""
    out: list[Token] = []
    for tok in tokens:
        if tok.code == "U" and text[tok.start : tok.start + 1] in _LENGTH_START:
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


def _number(words: str) -> int | None:
    """The number ``words`` write, or ``None`` (十一二 is no number: found by the fuzz
    harness, it made extract raise for the whole document)."""
    try:
        return to_int(words)
    except InvalidDate:
        return None


def _cut(gap: Token, end: int, text: str) -> Token:
    return Token(gap.code, gap.start, end, text[gap.start : end], gap.rule)
