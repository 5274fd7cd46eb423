"""What the fuzz harness (tests/test_fuzz.py) found, each kept as a regression test.

(The iCalendar ones are in tests/test_ics.py: dates before year 1000, the last day of
the calendar, control characters.)"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from shixian import InvalidDate, Normalized, ShixianError, extract, normalize


@pytest.mark.parametrize("text", [math.nan, 5, None, ["2016年7月底前"], b"x"], ids=repr)
def test_from_dict_refuses_a_text_that_is_not_a_string(text: object) -> None:
    # {"text": NaN} was accepted, and NaN != NaN broke from_dict(to_dict()) == r
    data = normalize("2016年7月底前", "2016-05-01").to_dict()
    data["text"] = text
    with pytest.raises(ShixianError, match="text"):
        Normalized.from_dict(data)


def test_from_dict_refuses_unparsed_notes_of_the_wrong_type() -> None:
    data = normalize("2016年7月底前14:00", "2016-05-01").to_dict()
    assert data["unparsed"], "the phrase leaves a time of day unexplained"
    for field, value in [("text", None), ("reason", 3), ("span", [0, "5"])]:
        bad = {**data, "unparsed": [{**data["unparsed"][0], field: value}]}
        with pytest.raises(ShixianError):
            Normalized.from_dict(bad)
    r = Normalized.from_dict(data)
    assert Normalized.from_dict(r.to_dict()) == r and r.to_dict() == data


def test_extract_reports_each_failing_text_once() -> None:
    # 星期八 is refused by the lexer, then the rule over 星期八全年前 failed too
    # (全年 of year 1 ends before it): the two failures overlapped
    matches = extract("星期八全年前", dt.date(1, 1, 1))
    assert list(matches) == []
    spans = [(f.start, f.end, f.text) for f in matches.failures]
    assert spans == [(0, 3, "星期八"), (3, 6, "全年前")]
    assert "weekday" in matches.failures[0].error
    assert "outside the calendar" in matches.failures[1].error


def test_a_failure_inside_a_match_is_among_its_unparsed_words() -> None:
    # 每季度 … 至少一次 is read across the refused 星期八: the match now says it did not
    # read those words (it is not complete), and the failure is still listed
    text = "每季度 星期八 至少一次"
    matches = extract(text, "2016-05-01")
    (match,) = matches
    (failure,) = matches.failures
    assert (match.start, match.end) == (0, len(text))
    assert (failure.start, failure.end, failure.text) == (4, 7, "星期八")
    assert not match.result.complete
    (note,) = [u for u in match.result.unparsed if u.text == "星期八"]
    assert note.span == (4, 7) and "weekday" in note.reason
    assert match.result.parts[0].min_count == 1  # 至少一次: at least once a quarter


@pytest.mark.parametrize("text", ["定期第3周", "不定期第3周"])
def test_a_position_of_a_period_without_one_is_an_invalid_date(text: str) -> None:
    # extract raised ShixianError('week 3 of a periodic period') for the whole document
    with pytest.raises(InvalidDate, match="week 3 of a"):
        normalize(text, "2016-05-01")
    document = f"2016年7月底前完成。{text}报送。"
    matches = extract(document, "2016-05-01")
    assert [m.text for m in matches] == ["2016年7月底前"]
    (failure,) = matches.failures
    assert failure.text == text and failure.error_type == "InvalidDate"


def test_a_failure_is_cut_to_the_words_no_match_read() -> None:
    # Q0 is refused (no quarter 0), then 0~13个工作日内 is read from its 0: the failure
    # and the match overlapped; the failure is now the words no match read
    matches = extract("号Q0~13个工作日内", "2016-05-01")
    assert [(m.start, m.end, m.text) for m in matches] == [(2, 11, "0~13个工作日内")]
    assert [(f.start, f.end, f.text) for f in matches.failures] == [(1, 2, "Q")]
    assert "quarter 0" in matches.failures[0].error


def test_a_range_of_lengths_whose_low_end_is_no_number() -> None:
    # 十一二 is no numeral: reading 十一二-十周 as a range of lengths raised InvalidDate
    # from the composition stage, and extract lost the whole document
    matches = extract("2016年7月底前。十一二-十周。每季度", "2016-05-01")
    texts = [m.text for m in matches]
    assert texts[0] == "2016年7月底前" and texts[-1] == "每季度"
