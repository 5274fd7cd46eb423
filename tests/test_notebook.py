"""Notebook views: ``_repr_html_`` of results and parts (escaped, complete, self-contained),
``str(part)`` as readable as ``str(result)``."""

from __future__ import annotations

import datetime as dt
import html.parser
from typing import ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian.io.html import table_html
from shixian.io.render import describe_part

from .strategies import schedules

REF = "2016-05-01"
PHRASES = [
    "2016年7月底前完成",
    "2016年7月前",
    "全年工作",
    "每季度",
    "自收到申请之日起15个工作日内",
    "待国家批准后",
    "2016年起",
    "2016年12月底前完成,后续不定期进行目录调整",
    "2016年7月 2017年1月",
    "中考3月 高考11月",
]


class _Checker(html.parser.HTMLParser):
    """Collects the text and checks that every element is closed in order."""

    VOID: ClassVar[set[str]] = {"br", "img", "meta", "input", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], checker.stack
    return checker


@pytest.mark.parametrize("phrase", PHRASES)
def test_result_html_is_a_table_of_its_parts(phrase: str) -> None:
    result = shixian.normalize(phrase, reference=REF)
    checker = _parse(result._repr_html_())
    text = "".join(checker.text)
    assert checker.tags.count("table") == 1
    assert checker.tags.count("tr") == 1 + len(result.parts)  # header and one per part
    for part in result.parts:
        assert describe_part(part) in text
    assert phrase in text and REF in text
    assert "http" not in result._repr_html_().replace("http://www.w3.org/2000/svg", "")


def test_several_dated_parts_get_a_small_timeline() -> None:
    two = shixian.normalize("2016年7月 2017年1月", reference=REF)
    checker = _parse(two._repr_html_())
    # two windows: 2016-07-01…07-31 and 2017-01-01…01-31, as two bars on one axis
    assert checker.tags.count("svg") == 1 and checker.tags.count("rect") == 2
    assert "2016-07-01" in "".join(checker.text) and "2017-01-31" in "".join(checker.text)
    one = shixian.normalize("2016年7月底前", reference=REF)
    assert "<svg" not in one._repr_html_()


def test_part_html_lists_every_field() -> None:
    for phrase in PHRASES:
        for part in shixian.normalize(phrase, reference=REF).parts:
            checker = _parse(part._repr_html_())
            headers = [t for t in checker.text if t.strip()]
            for field in attrs.fields(type(part)):
                assert field.name in headers
            assert "kind" in headers and part.kind.value in headers


def test_html_is_escaped() -> None:
    result = shixian.normalize("<b>2016年7月底前</b>&", reference=REF)
    markup = result._repr_html_()
    assert "<b>" not in markup and "&lt;b&gt;" in markup
    assert "<td>&lt;script&gt;</td>" in table_html(["a"], [["<script>"]])


def test_table_html_shows_the_head_and_says_how_much_is_left() -> None:
    markup = table_html(["序号", "due"], [[i, dt.date(2016, 7, 31)] for i in range(80)], total=80)
    checker = _parse(markup)
    assert checker.tags.count("tr") == 1 + 50
    assert "50 of 80 rows" in "".join(checker.text)


@pytest.mark.parametrize("phrase", PHRASES)
def test_str_of_a_part_is_its_reading(phrase: str) -> None:
    result = shixian.normalize(phrase, reference=REF)
    assert " ; ".join(str(p) for p in result.parts) == str(result)
    for part in result.parts:
        assert "\n" not in str(part) and not str(part).startswith(type(part).__name__ + "(")


@settings(max_examples=100)
@given(schedules())
def test_str_and_html_of_any_schedule(schedule: shixian.Schedule) -> None:
    assert str(schedule) == describe_part(schedule)
    assert str(schedule).split()[0] in ("schedule", "irregular", "periodic")
    _parse(schedule._repr_html_())


@given(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)), st.integers(0, 400))
def test_window_html_names_its_days(start: dt.date, length: int) -> None:
    window = shixian.Window(text="x", span=(0, 1), start=start, end=start + dt.timedelta(length))
    text = "".join(_parse(window._repr_html_()).text)
    assert start.isoformat() in text and window.end.isoformat() in text
