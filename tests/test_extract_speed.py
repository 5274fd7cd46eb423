"""What makes extraction fast must not change what it finds (issue 16 §3).

Speed itself is measured in ``benchmarks/bench_extract.py`` (never here); these tests
hold the parts of it that are behaviour: the message of a failure names its own words
(never the whole document, which cost a copy of the document per failure), and an
error's message is the same whether it is read at once or after a pickle round trip.
"""

from __future__ import annotations

import pickle

import pytest

import shixian
from shixian.errors import GarbledDate, HolidayOutOfRange, InvalidDate

REF = "2016-06-30"
FILLER = "推进政务信息公开工作。"


def test_a_failure_names_its_words_not_the_document() -> None:
    """每年2月30日前: no year has a 30 February; the failure's message names those words."""
    doc = FILLER * 50 + "每年2月30日前公开。" + "落实责任分工。" * 50
    found = shixian.extract(doc, REF)
    assert list(found) == []
    (failure,) = found.failures
    assert (failure.start, failure.end, failure.text) == (550, 558, "每年2月30日前")
    assert failure.error == "invalid day 30 in '每年2月30日前'"
    assert failure.error_type == "InvalidDate"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (InvalidDate("2016年2月30日", "day", 30), "invalid day 30 in '2016年2月30日'"),
        (
            GarbledDate("105年5月31日", "garbled", "105年"),
            "garbled date '105年' in '105年5月31日' (garbled)",
        ),
        (
            HolidayOutOfRange("2040年春节期间", "春节", 2040, "no data"),
            "no official holiday period for 春节 2040 in '2040年春节期间': no data",
        ),
    ],
)
def test_error_messages_are_written_when_read(error: InvalidDate, message: str) -> None:
    """The message of an impossible date is formatted on demand (running text skips
    them by the thousand, naming long texts): the same text, also after pickling."""
    assert str(error) == message
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == message
    with pytest.raises(InvalidDate, match="in '"):
        raise error
