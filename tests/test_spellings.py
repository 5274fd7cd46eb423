"""Every real phrase of the development and harvested sets means the same in every
surface form a table gives it: spaced out, in full-width characters, in traditional
characters (the time words, and every character OpenCC's table converts), wrapped across
two lines, and with its numbers in Chinese numerals (一九九四年, 十月二十七日). The rows are
real; the variants are made here by hand-written rules (below), and each must read as the
row itself reads (same kinds, dates, frequencies and offsets, or the same documented
error)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

import shixian
from shixian.grammar.clean import _TABLE, _TRADITIONAL
from shixian.io.corpus import CorpusRow, load

from .conftest import CORPUS

FILES = (
    "cells.tsv", "timecol.tsv", "expressions.tsv",
    "harvest_cells.tsv", "harvest_timecol.tsv", "harvest_expressions.tsv",
)  # fmt: skip
ROWS = [row for name in FILES for row in load(CORPUS / "real" / name)]

_SIMPLE_TO_TRADITIONAL: dict[str, str] = {}
for _pair in _TRADITIONAL.split():
    _SIMPLE_TO_TRADITIONAL.setdefault(_pair[1], _pair[0])
# every character the cleaner makes simplified (OpenCC's table as well as the hand-picked
# one): 闭会 → 閉會, 纳税 → 納稅
_ALL_TO_TRADITIONAL: dict[str, str] = {}
for _code, _simple in _TABLE.items():
    if "\u4e00" <= chr(_code) <= "\u9fff" and "\u4e00" <= _simple <= "\u9fff":
        _ALL_TO_TRADITIONAL.setdefault(_simple, chr(_code))
_FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
_CN = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def _chinese_numerals(text: str) -> str:
    """Years digit by digit (2016年 → 二〇一六年), months and days as numbers (10月 → 十月)."""
    text = re.sub(r"(?<![0-9])[0-9]{4}(?=年)", lambda m: "".join(_CN[int(c)] for c in m[0]), text)
    return re.sub(r"(?<![0-9.:/\-])[0-9]{1,2}(?=[月日])", lambda m: _cn_number(int(m[0])), text)


def _wrapped(text: str) -> str:
    """The text broken across two lines near its middle, not inside a number (a break
    between two numbers, 2005.1—4 / 2005.2—4, separates them: cells one per line)."""
    at = len(text) // 2
    while 0 < at < len(text) and text[at - 1].isdigit() and text[at].isdigit():
        at += 1
    return text[:at] + "\n" + text[at:]


VARIANTS: dict[str, Callable[[str], str]] = {
    "spaced": " ".join,
    "full-width": lambda t: t.translate(_FULL_WIDTH),
    "traditional": lambda t: "".join(_SIMPLE_TO_TRADITIONAL.get(ch, ch) for ch in t),
    "all traditional": lambda t: "".join(_ALL_TO_TRADITIONAL.get(ch, ch) for ch in t),
    "wrapped": _wrapped,
    "chinese numerals": _chinese_numerals,
}


def _reading(text: str, row: CorpusRow) -> object:
    try:
        result = shixian.normalize(text, reference=row.reference)
    except shixian.ShixianError as exc:
        return type(exc).__name__
    return [
        (
            p.kind.value,
            getattr(p, "start", None),
            getattr(p, "end", None),
            getattr(p, "due", None),
            getattr(p, "every", None),
            getattr(p, "offset", None),
        )
        for p in result.parts
    ]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_real_row_reads_the_same_in_every_spelling(variant: str) -> None:
    spell = VARIANTS[variant]
    differ = [
        (row.phrase, spell(row.phrase))
        for row in ROWS
        if spell(row.phrase) != row.phrase
        and _reading(spell(row.phrase), row) != _reading(row.phrase, row)
    ]
    assert differ == []
    assert len(ROWS) > 700


def test_the_variants_change_the_rows() -> None:
    """The rules above change most rows (a variant that changed nothing would prove nothing)."""
    for variant, spell in VARIANTS.items():
        changed = sum(spell(row.phrase) != row.phrase for row in ROWS)
        assert changed > 0.3 * len(ROWS), variant
