"""Chinese numerals: the common positional forms read without ``cn2an`` agree with it."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shixian.errors import InvalidDate
from shixian.grammar.numerals import _positional, to_int


@given(st.integers(min_value=10, max_value=9999), st.booleans())
def test_positional_numbers_read_as_cn2an_writes_and_reads_them(n: int, liang: bool) -> None:
    text = cn2an.an2cn(n)
    if liang:  # 两千, 两百: the spoken two before a unit
        text = text.replace("二", "两", 1)
    assert _positional(text) in (n, None)
    assert to_int(text) == n == int(cn2an.cn2an(text, "smart"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百一十四", 114),  # 民国一百一十四年
        ("三百六十五", 365),
        ("两千零二十", 2020),
        ("一千零五", 1005),
        ("一百零八", 108),
        ("十五", 15),
        ("一百", 100),
        ("九千九百九十九", 9999),
    ],
)
def test_common_forms_are_read_without_cn2an(text: str, value: int) -> None:
    assert _positional(text) == value


@pytest.mark.parametrize("text", ["一百五", "一千零", "零五", "百", "十十", "一百零十", "一万"])
def test_other_forms_are_left_to_cn2an(text: str) -> None:
    """一百五 is 150 to most readers and 105 to some; a 零 left open, a unit without its
    digit, a repeated unit, 万: not the common form, so cn2an decides."""
    assert _positional(text) is None


def test_a_malformed_numeral_is_an_invalid_date() -> None:
    with pytest.raises(InvalidDate):
        to_int("十十")
