"""What makes extraction fast must not change what it finds (issue 16 §3).

Speed itself is measured in ``benchmarks/bench_extract.py`` (never here); these tests
hold the parts of it that are behaviour: the message of a failure names its own words
(never the whole document, which cost a copy of the document per failure); an error's
message is the same whether it is read at once or after a pickle round trip; the cyclic
garbage collector is paused while a long document is read, restored after (also when
extract raises), left off if it was off, and the pause changes no result; counted work
on generated prose grows linearly; the not-time patterns behind their lookahead find
the same words. ``benchmarks/dump_extract.py`` compares every result
on the corpus before and after a change.
"""

from __future__ import annotations

import gc
import pickle
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
import shixian._matches
import shixian.api
from shixian._matches import PAUSE_FROM
from shixian._work import WORK
from shixian.errors import GarbledDate, HolidayOutOfRange, InvalidDate
from shixian.grammar.vetoes import guarded

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


# -- the collector's pause while a document is read ---------------------------------

PHRASES = (
    "2016年7月底前", "每季度", "及时公开", "收到申请之日起15个工作日内", "按照国家部署",
    "2016年2月30日", "105年5月31日", "年内6月30日前", "3月1日下午", "自2022年6月1日起施行",
    "每年11月的第四个周末", "流行季节(4—10月)每月", "截至10月底止", "最迟在10月18日前",
)  # fmt: skip
LONG = "每季度公开。" * (PAUSE_FROM // 6 + 1)
WORDS = ("推进政务信息公开工作", "落实责任分工", ",", "。", "\n", "、", ";", "(按要求)")


def _record(found: shixian.Matches) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    return [m.to_dict() for m in found], [f.to_dict() for f in found.failures]


def _inside(text: str) -> bool:
    """Whether the collector was on while extract() parsed ``text``."""
    seen = []
    real = shixian.api._parse

    def parse(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with mock.patch.object(shixian.api, "_parse", parse):
        shixian.extract(text, REF)
    (state,) = seen
    return state


def test_the_collector_is_paused_while_a_document_is_read() -> None:
    assert gc.isenabled()
    assert _inside(LONG) is False
    assert gc.isenabled()
    assert _inside("每季度公开。") is True  # a short text: the collector is left alone


def test_the_collector_comes_back_when_extract_raises() -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    with mock.patch.object(shixian.api, "_parse", boom), pytest.raises(RuntimeError):
        shixian.extract(LONG, REF)
    assert gc.isenabled()


def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    try:
        shixian.extract(LONG, REF)
        assert not gc.isenabled()
    finally:
        gc.enable()


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Sentences of filler words with time phrases among them."""
    pieces = draw(st.lists(st.sampled_from(PHRASES + WORDS * 2), min_size=1, max_size=60))
    return "".join(pieces)


@settings(max_examples=25)
@given(prose())
def test_the_pause_changes_no_result(text: str) -> None:
    """The same matches and failures (spans, texts, parts, flags) with the collector
    paused (the threshold lowered to the text's length) and not."""
    doc = (text * (2_000 // len(text) + 1))[:2_000]
    plain = _record(shixian.extract(doc, REF))
    with mock.patch.object(shixian._matches, "PAUSE_FROM", len(doc)):
        assert _inside(doc) is False
        paused = _record(shixian.extract(doc, REF))
    assert paused == plain


@settings(max_examples=15)
@given(prose())
def test_work_on_generated_prose_is_linear(text: str) -> None:
    """8x the prose is ~8x the counted work (a count, never the clock).

    Both texts repeat the unit (2 and 16 times), so both hold the joins between copies:
    a first copy read differently from the ones after it (one long phrase cut at the
    end of the unit) cannot pass for growth."""
    unit = (text * (2_000 // len(text) + 1))[:2_000]
    counts = []
    for n in (2, 16):
        WORK.reset()
        shixian.extract(unit * n, REF)
        counts.append(WORK.total())
    assert counts[1] <= 10 * max(counts[0], 1), counts


def test_an_authority_never_runs_across_a_bracket() -> None:
    """(按要求)每季度(按要求): 按…要求 names an authority inside one bracket; read across
    the brackets it swallowed the 每季度 between them (found by the test above)."""
    found = shixian.extract("(按要求)每季度(按要求)" * 3, REF)
    assert [(m.start, m.text) for m in found] == [(5, "每季度"), (18, "每季度"), (31, "每季度")]
    # a whole bracket inside the words still belongs to them
    (part,) = shixian.normalize("按国务院(国发〔2016〕8号)要求每季度", REF).parts
    assert part.conditions == ("按国务院(国发(2016)8号)要求",)


# -- the not-time patterns behind a lookahead -------------------------------------


def test_every_veto_pattern_starts_with_known_characters() -> None:
    """A not-time pattern that may start with any character (a lookbehind and then a
    negated class: ``(?<=索引号)[^一-龥]…``) leaves the scan no guard, and the one search
    for vetoes then tries every pattern at every character (a document read 1.5x slower);
    each pattern must open with characters the guard can list."""
    from shixian.grammar.not_time import NOT_TIME_PATTERNS
    from shixian.grammar.patterns import first_chars

    unguarded = [p for p in NOT_TIME_PATTERNS if first_chars(p) is None]
    assert unguarded == []
    assert first_chars("|".join(NOT_TIME_PATTERNS)) is not None


def test_every_veto_pattern_treats_the_digits_alike() -> None:
    """The lexer's shape memo replays a phrase's decisions for every phrase of its shape
    (its digits masked) only when every veto matches alike on all of them: one not-time
    pattern naming a digit (``7×24小时`` written with 7 and 24) turns the memo off for
    every phrase, silently (each then takes the full scan). Name the pattern."""
    from shixian.grammar.not_time import NOT_TIME_PATTERNS, NOT_TIME_WORDS
    from shixian.grammar.patterns import digit_neutral

    assert [p for p in NOT_TIME_PATTERNS if not digit_neutral(p)] == []
    assert [w for w in NOT_TIME_WORDS if any(ch.isdigit() for ch in w)] == []


VETO_ALPHABET = (
    "共为期历时合计第号年满周岁月日()[]0123456789一二三十两个工作天从由原延长至到全分之长期"
)


@settings(max_examples=200)
@given(st.text(alphabet=VETO_ALPHABET + "推进。,", max_size=80))
def test_the_guarded_veto_pattern_finds_the_same_words(text: str) -> None:
    """The not-time patterns behind a lookahead for their first characters (a search
    skips other places after one test) find exactly the words the plain pattern finds."""
    from shixian.grammar.not_time import NOT_TIME_PATTERNS

    source = "|".join(NOT_TIME_PATTERNS)
    plain = [m.span() for m in re.finditer(source, text)]
    assert [m.span() for m in guarded(source).finditer(text)] == plain
