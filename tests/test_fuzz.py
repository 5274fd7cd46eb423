"""The fuzz harness: every entry point fed arbitrary input, its invariants checked.

Entry points: :func:`shixian.normalize`, :func:`shixian.extract`,
:meth:`shixian.Normalized.from_dict` (on mutated results), the date methods of
a result's parts (``Schedule.occurrences`` / ``next_due`` / ``to_rrule``,
``Relative.resolve``), the iCalendar export (``build_calendar``), the in-memory
table reader (``read_table``) on generated hostile files, and the ``table``
command on generated files (csv and xlsx out). Each example is a batch of
inputs; the number of inputs is counted per entry point.

Each example draws a few inputs from Hypothesis strategies (they shrink) and a
seed, from which the rest of its batch is generated with :class:`random.Random`.
(``st.randoms(use_true_random=False)`` records every call as a Hypothesis
choice: a batch of a few thousand calls took minutes per example, which is why
the extract entry point "stalled"; a seed replays the same batch at no cost.)

* ``ci`` profile (the default): a few thousand inputs in total, seconds.
* ``fuzz`` profile, by hand: at least 100,000 inputs per entry point::

      SHIXIAN_FUZZ_REPORT=fuzz.json nice -n 10 python -m pytest -p no:cacheprovider \\
          tests/test_fuzz.py --hypothesis-profile=fuzz -q [-k normalize]

  (the report gets the inputs per entry point; a crash or an invariant break
  fails the test with the smallest input Hypothesis finds).
"""

from __future__ import annotations

import collections
import contextlib
import csv
import datetime as dt
import itertools
import json
import math
import os
import pickle
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shixian
from shixian import Normalized, ShixianError, extract, normalize
from shixian.cli import main
from shixian.io.excel import storable
from shixian.io.safety import neutralize
from shixian.io.tables import TableError, read_table
from shixian.model import Direction

from .test_stream import _garbage

#: The fuzz profile asks for >= 100,000 examples; the harness then runs 100,000 inputs.
FUZZ = settings.default.max_examples >= 10_000
TARGET = 100_000
#: Inputs per example: a few drawn by Hypothesis (they shrink), the rest generated from a
#: Hypothesis-seeded random generator (fast, and replayed with the example).
BATCH = 200 if FUZZ else 50
COUNTS: collections.Counter[str] = collections.Counter()
#: Rows per generated table (the table entry points).
ROWS = 500 if FUZZ else 30


def _settings(per_example: int, ci: int) -> settings:
    return settings(
        max_examples=math.ceil(TARGET / per_example) if FUZZ else ci,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    path = os.environ.get("SHIXIAN_FUZZ_REPORT")
    if path:
        Path(path).write_text(
            json.dumps({"profile": "fuzz" if FUZZ else "ci", "inputs": dict(COUNTS)}, indent=1),
            encoding="utf-8",
        )


# -- inputs ----------------------------------------------------------------------------

#: Words and characters the grammar reacts to, so that random text often looks like a phrase.
VOCAB = [
    *"年月日号底末初中前后内起至到自每周旬季度半上下次本今明去第个工作天小时"
    "〇零一二三四五六七八九十百两廿0123456789-—~、,,。;:()《》\n\t =+@'\"",
    "2016年", "7月底前", "每季度", "每月10日前", "3个工作日内", "收到后", "不定期", "及时",
    "长期坚持", "按照国家部署", "全年", "上半年", "9999年", "0001年", "第53周", "星期八",
    "会议召开前", "结束后", "首月", "至少一次", "2016-07-31", "2016.6", "Q3", "31 July 2016",
    "\x00", "\ufeff", "\uffff", "\u200b", "\U0001f600",
]  # fmt: skip
EDGES = [dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 12, 31), dt.date(2016, 5, 1)]
phrases = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.characters(), st.text(max_size=3)), max_size=24
).map("".join)
references = st.one_of(st.dates(), st.sampled_from(EDGES))
#: The seed of the generated part of a batch.
seeds = st.integers(0, 2**64 - 1)


def _char(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return chr(rng.randint(0x20, 0x7E))
    if roll < 0.8:
        return chr(rng.randint(0x4E00, 0x9FFF))
    return chr(rng.randint(0, 0x10FFFF))  # anything, surrogates included


def random_phrase(rng: random.Random, size: int = 24) -> str:
    """A phrase-like string: words of the grammar mixed with arbitrary characters."""
    return "".join(
        rng.choice(VOCAB) if rng.random() < 0.7 else _char(rng) for _ in range(rng.randint(0, size))
    )


def random_reference(rng: random.Random) -> dt.date:
    if rng.random() < 0.3:
        return rng.choice(EDGES)
    return dt.date.fromordinal(rng.randint(1, dt.date.max.toordinal()))


def _batch(drawn: list[Any], rng: random.Random, make: Any) -> list[Any]:
    return drawn + [make(rng) for _ in range(BATCH - len(drawn))]


# -- normalize ------------------------------------------------------------------------


def _check_result(r: Normalized, text: str) -> None:
    data = r.to_dict()
    json.dumps(data, ensure_ascii=False)
    assert Normalized.from_dict(data) == r
    assert r.due is None or isinstance(r.due, dt.date)
    assert r.kind in {k.value for k in shixian.Kind} | {"compound"}
    for part in r.parts:
        lo, hi = part.span
        assert 0 <= lo <= hi <= len(text)
    str(r)
    assert pickle.loads(pickle.dumps(r)) == r


@_settings(BATCH, 20)
@given(st.lists(st.tuples(phrases, references), max_size=3), seeds)
def test_fuzz_normalize(drawn: list[tuple[str, dt.date]], seed: int) -> None:
    make = lambda r: (random_phrase(r), random_reference(r))  # noqa: E731
    for text, ref in _batch(drawn, random.Random(seed), make):
        COUNTS["normalize"] += 1
        try:
            r = normalize(text, ref, cache=False)
        except ShixianError:
            continue
        try:
            _check_result(r, text)
        except ShixianError:
            pass  # a date the calendar data cannot compute (CalendarOutOfRange): documented
        except Exception as exc:
            raise AssertionError(f"normalize({text!r}, {ref!r}): {exc!r}") from exc


# -- extract --------------------------------------------------------------------------


def _check_matches(text: str, ref: dt.date) -> None:
    matches = extract(text, ref)
    for spans in (
        [(m.start, m.end) for m in matches],
        [(f.start, f.end) for f in matches.failures],
    ):
        assert spans == sorted(spans)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start
    # a failure that touches a match lies inside it, and the match says it did not read it
    for f in matches.failures:
        for m in matches:
            if f.start < m.end and m.start < f.end:
                assert m.start <= f.start and f.end <= m.end, (m, f)
                span = (f.start - m.start, f.end - m.start)
                assert span in [u.span for u in m.result.unparsed], (m, f)
    for m in matches:
        assert 0 <= m.start <= m.end <= len(text)
        assert m.text == text[m.start : m.end]
        # CalendarOutOfRange for a working-day position is documented
        with contextlib.suppress(ShixianError):
            json.dumps(m.to_dict(), ensure_ascii=False)


def random_document(rng: random.Random) -> str:
    """Up to eight phrase-like sentences joined by 。."""
    return "。".join(random_phrase(rng) for _ in range(rng.randint(0, 8)))


@_settings(BATCH, 20)
@given(
    st.lists(st.tuples(st.lists(phrases, max_size=4).map("。".join), references), max_size=2), seeds
)
def test_fuzz_extract(drawn: list[tuple[str, dt.date]], seed: int) -> None:
    make = lambda r: (random_document(r), random_reference(r))  # noqa: E731
    for text, ref in _batch(drawn, random.Random(seed), make):
        COUNTS["extract"] += 1
        try:
            _check_matches(text, ref)
        except Exception as exc:
            raise AssertionError(f"extract({text!r}, {ref!r}): {exc!r}") from exc


# -- the date methods of a result's parts ---------------------------------------------

#: Words that make the grammar read a schedule or a relative limit, put in front of
#: random phrases so that most inputs of this entry point have such parts.
_TIMED = [
    "每年", "每季度", "每月", "每周", "每旬", "每两个月", "每半年", "每三年", "每月10日前",
    "每季度首月15日前", "每月第一个工作日", "每周二、四", "每年春节前", "自2016年起每两个月",
    "每月最后一周", "至2017年底每季度", "收到后3个工作日内", "会议召开5日前", "15日内",
    "2个月内", "次月10日前", "24小时内", "结束后10个工作日内",
]  # fmt: skip
_MAX = dt.date.max


def _first_dues(s: shixian.Schedule, after: dt.date, n: int) -> list[dt.date]:
    return [o.due for o in itertools.islice(s.occurrences(after, _MAX), n)]


def _check_schedule(s: shixian.Schedule, ref: dt.date) -> None:
    from dateutil.rrule import rrulestr

    if not s.computable:
        with pytest.raises(shixian.NotComputable):
            s.to_rrule(ref)
        with pytest.raises(shixian.NotComputable):
            s.occurrences(ref, _MAX)
        return
    try:
        first = _first_dues(s, ref, 6)
    except shixian.CalendarOutOfRange:
        return  # a working-day position past the official calendar's data: documented
    assert first == sorted(set(first)), "occurrences in order, each once"
    assert all(d >= ref for d in first)
    if s.start is not None:
        assert all(d >= s.start for d in first)
    if s.until is not None:
        assert all(d <= s.until for d in first)
    # a bounded query gives the same days as the open one
    if first:
        assert [o.due for o in s.occurrences(ref, first[-1])] == first
    assert s.next_due(ref) == (first[0] if first else None)
    body = s.to_dict()["rrule"]
    if not first or body is None:
        with pytest.raises(shixian.NotComputable):
            s.to_rrule(ref)
        return
    text = s.to_rrule(ref)
    head, rule = text.splitlines()
    assert head == "DTSTART;VALUE=DATE:" + first[0].isoformat().replace("-", "")
    assert rule == f"RRULE:{body}"
    # dateutil misreads a DTSTART before year 1000 (00010131 as year 10131): pass it apart
    start = dt.datetime.combine(first[0], dt.time())
    got = [d.date() for d in itertools.islice(rrulestr(body, dtstart=start), len(first))]
    assert got[: len(first)] == first[: len(got)], text


def _check_relative(rel: shixian.Relative, ref: dt.date) -> None:
    try:
        day = rel.resolve(ref)
    except ShixianError:
        return  # no amount (NotComputable), past the calendar (DateOutOfRange) …: documented
    if isinstance(day, dt.datetime):
        assert rel.offset.unit is shixian.Unit.HOUR
        day = day.date()
    if rel.direction is Direction.BEFORE:
        assert day <= ref, (rel, ref, day)
    else:
        assert day >= ref, (rel, ref, day)


def _check_parts(r: Normalized) -> None:
    for part in r.parts:
        if isinstance(part, shixian.Schedule):
            _check_schedule(part, r.reference)
        elif isinstance(part, shixian.Relative):
            _check_relative(part, r.reference)
        elif isinstance(part, shixian.Window):
            assert part.start <= part.end
    due = r.due  # never raises: an open value at the calendar's edge
    assert due is None or isinstance(due, dt.date)


def timed_phrase(rng: random.Random) -> str:
    """A phrase that most often reads as a schedule or a relative limit."""
    return rng.choice(_TIMED) + (random_phrase(rng, 6) if rng.random() < 0.5 else "")


@_settings(BATCH, 20)
@given(st.lists(st.tuples(phrases, references), max_size=2), seeds)
def test_fuzz_part_methods(drawn: list[tuple[str, dt.date]], seed: int) -> None:
    rng = random.Random(seed)
    inputs = iter(drawn)
    checked = 0
    while checked < BATCH:  # BATCH results (a phrase that is refused is not one)
        text, ref = next(inputs, None) or (timed_phrase(rng), random_reference(rng))
        try:
            r = normalize(text, ref, cache=False)
        except ShixianError:
            continue
        checked += 1
        COUNTS["part_methods"] += 1
        try:
            _check_parts(r)
        except Exception as exc:
            raise AssertionError(f"normalize({text!r}, {ref!r}) parts: {exc!r}") from exc


# -- the iCalendar export -------------------------------------------------------------


def _no_rrule(part: shixian.Part, reference: dt.date) -> bool:
    from shixian.io.annotate import schedule_rrule

    if not isinstance(part, shixian.Schedule) or not part.computable:
        return False
    try:
        schedule_rrule(part, reference)
    except shixian.NotComputable:
        return True
    return False


@_settings(BATCH, 10)
@given(seeds)
def test_fuzz_ics(seed: int) -> None:
    from shixian.io.ics import Entry, build_calendar

    from . import rfc5545

    rng = random.Random(seed)
    entries = []
    while len(entries) < BATCH:  # any text, surrogates and control characters included
        text = timed_phrase(rng) if rng.random() < 0.5 else random_phrase(rng)
        try:
            r = normalize(text, random_reference(rng), cache=False)
        except ShixianError:
            continue
        key = str(len(entries))
        entries.append(Entry(key=key, title=random_phrase(rng, 6), phrase=text, result=r))
    stamp = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    calendar, stats = build_calendar(entries, name="fuzz", undated=rng.random() < 0.5, stamp=stamp)
    COUNTS["ics"] += len(entries)
    data = calendar.to_ical()
    assert stats.events + stats.todos + stats.skipped + stats.failed == sum(
        len(e.result.parts) for e in entries
    )
    # the only parts left out: schedules RFC 5545 cannot state (NotComputable: a working
    # day, a festival) or with no occurrence left before 9999-12-31 (documented)
    assert stats.failed == sum(
        _no_rrule(p, e.result.reference) for e in entries for p in e.result.parts
    )
    assert rfc5545.problems(data) == []


# -- Normalized.from_dict on mutated results ------------------------------------------

_SEEDS = [
    "2016年7月底前", "全年工作", "每季度首月15日前", "自2016年起每两个月", "收到后3个工作日内",
    "2016年6月至12月", "不定期", "按照国家部署", "长期坚持", "按预算法规定时限", "每周二、四",
    "每年春节前", "每月第一个工作日", "会议召开5日前",
]  # fmt: skip
_DICTS = [normalize(p, "2016-05-01").to_dict() for p in _SEEDS]
_STRINGS = [
    "2016-07-31", "0001-01-01", "9999-12-31", "10000-01-01", "0000-01-01", "deadline",
    "window", "schedule", "relative", "month", "week", "day", "workday", "before", "春节", "",
]  # fmt: skip


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 2 and roll < 0.1:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and roll < 0.15:
        return {rng.choice(_STRINGS): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return rng.choice(
        [
            None, True, False, rng.randint(-3, 40), rng.randint(-(2**70), 2**70),
            rng.random() * 1e6, float("nan"), rng.choice(_STRINGS), random_phrase(rng, 6),
        ]
    )  # fmt: skip


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


def mutate(rng: random.Random) -> Any:
    data = json.loads(json.dumps(rng.choice(_DICTS)))
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(list(_paths(data)))
        if not path:
            return _json_value(rng)
        holder = data
        for key in path[:-1]:
            holder = holder[key]
        if rng.random() < 0.3 and isinstance(holder, dict):
            holder.pop(path[-1], None)
        else:
            holder[path[-1]] = _json_value(rng)
    return data


@_settings(BATCH, 20)
@given(seeds)
def test_fuzz_from_dict(seed: int) -> None:
    for data in _batch([], random.Random(seed), mutate):
        COUNTS["from_dict"] += 1
        try:
            r = Normalized.from_dict(data)
        except ShixianError:
            continue
        except Exception as exc:
            raise AssertionError(f"from_dict({data!r}): {exc!r}") from exc
        # what it accepts is a result like any other: every date computes or is refused,
        # and it round-trips exactly
        try:
            data2 = r.to_dict()
        except ShixianError:
            continue
        except Exception as exc:
            raise AssertionError(f"from_dict({data!r}).to_dict(): {exc!r}") from exc
        r2 = Normalized.from_dict(data2)
        assert r2 == r, data
        assert r2.to_dict() == data2, data


# -- the in-memory table reader on hostile files ----------------------------------------


@pytest.mark.skipif(sys.version_info < (3, 11), reason="csv reads NUL from Python 3.11")
@_settings(ROWS, 10)
@given(seeds)
def test_fuzz_read_table(seed: int) -> None:
    rng = random.Random(seed)
    # rows of GBK, junk in no encoding, NUL, quotes and line breaks (not the huge cells
    # _garbage makes for rows 10 and 50,000)
    made = [_garbage(rng, i) for i in range(11, 11 + ROWS)]
    rows = [row for row, _, _ in made]
    broken = rng.randrange(len(rows)) if rng.random() < 0.3 else None
    if broken is not None:  # a quote that is never closed
        rows.insert(broken, b'x,"never closed\r\n')
    data = "id,完成时限,备注\r\n".encode() + b"".join(rows)
    COUNTS["read_table"] += len(rows)
    if broken is not None:
        before = "id,完成时限,备注\r\n".encode() + b"".join(rows[:broken])
        # never closed (to the end), or closed by a later cell's quote, which then has
        # text after it: the records after it are not read as rows either way
        with pytest.raises(TableError, match=f"^line {len(before.splitlines()) + 1}: a quote"):
            read_table(data)
        return
    table = read_table(data)
    assert table.columns == ["id", "完成时限", "备注"] and table.encoding == "utf-8"
    assert len(table.rows) == len(made)  # rows in = rows out
    flagged = {}
    for i, (row, (_, note, kind)) in enumerate(zip(table.rows, made, strict=True)):
        assert row[0] == str(i + 11)
        expected = note.decode("utf-8", "surrogateescape") if isinstance(note, bytes) else note
        assert row[2] == expected, (i, kind)
        if kind in ("gbk", "junk"):
            flagged[i] = "read as GB18030" if kind == "gbk" else "undecodable bytes kept"
    assert set(table.notes) == set(flagged)
    for i, (_, text) in table.notes.items():
        assert flagged[i] in text


# -- the table command on generated files ---------------------------------------------

_CELLS = ['=HYPERLINK("http://x")', "-3", "-", "+86", "@SUM(A1)", "\t=1", "长" * 40, ""]


def _cell(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(_CELLS)
    text = random_phrase(rng, 12)
    # a CSV file holds text: no NUL, nothing that is not UTF-8 (surrogates)
    return text.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")


@_settings(ROWS, 10)
@given(st.sampled_from(["csv", "xlsx"]), references, seeds)
def test_fuzz_table_cli(fmt: str, ref: dt.date, seed: int) -> None:
    rng = random.Random(seed)
    table = [["序号", "完成时限", "备注"], *([str(i), _cell(rng), _cell(rng)] for i in range(ROWS))]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in.csv"), Path(tmp, f"out.{fmt}")
        with src.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(table)
        argv = ["table", str(src), "-c", "完成时限", "-r", ref.isoformat(), "-o", str(out), "-q"]
        assert main(argv) == 0
        COUNTS["table"] += ROWS
        with src.open(encoding="utf-8", newline="") as handle:
            expected = list(csv.reader(handle))  # what a CSV reader sees of the input
        if fmt == "csv":
            with out.open(encoding="utf-8", newline="") as handle:
                got = list(csv.reader(handle))
            assert [r[:3] for r in got] == [[neutralize(c) for c in r] for r in expected]
        else:
            import openpyxl

            book = openpyxl.load_workbook(out, read_only=True)
            sheet = book.worksheets[0].iter_rows(values_only=True)
            got = [["" if v is None else str(v) for v in r] for r in sheet]
            book.close()
            assert [r[:3] for r in got] == [[storable(c)[0] for c in r] for r in expected]
        header = got[0]
        got = [r + [""] * (len(header) - len(r)) for r in got]  # xlsx rows end at their last value
        kind, error = header.index("kind"), header.index("error")
        assert len(got) == len(table)
        for r in got[1:]:
            assert bool(r[kind]) != bool(r[error]) or "xlsx" in r[error]
            assert "internal error" not in r[error]
