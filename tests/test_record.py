"""The flat record (shixian.flatten): complete, and its columns agree with each other."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian.io.corpus import CorpusRow, load
from shixian.io.record import COLUMN_NAMES, COLUMNS, KINDS, empty_record, flatten, text_cells

from .conftest import CORPUS
from .strategies import schedules

CORPUS_FILES = sorted(
    p
    for p in Path(CORPUS).glob("**/*.tsv")
    if p.name not in ("negative.tsv", "known_misses.tsv") and not p.name.endswith("sentences.tsv")
)
ROWS: list[CorpusRow] = [row for path in CORPUS_FILES for row in load(path)]


def _results() -> list[tuple[CorpusRow, shixian.Normalized]]:
    out = []
    for row in ROWS:
        try:
            out.append((row, shixian.normalize(row.phrase, reference=row.reference)))
        except shixian.ShixianError:
            continue  # error rows have no record to check
    return out


RESULTS = _results()


def _rrule_first(rule: str, reference: dt.date) -> dt.date | None:
    lines = rule.replace(" RRULE:", "\nRRULE:")
    found = rrulestr(lines).after(dt.datetime.combine(reference, dt.time()), inc=True)
    return None if found is None else found.date()


def _check(result: shixian.Normalized) -> None:
    """Every consistency rule of the record, for one result."""
    record = flatten(result)
    assert tuple(record) == COLUMN_NAMES
    ref = result.reference
    due, start, end = record["due"], record["start"], record["end"]
    # due inside [start, end] where both exist
    if due is not None and start is not None:
        assert start <= due, record
    if due is not None and end is not None:
        assert due <= end, record
    if start is not None and end is not None:
        assert start <= end, record
    # due is the result's due; to_dict() keys are all columns (text is the input cell)
    data = result.to_dict()
    assert due == result.due
    assert all(key in record for key in data if key != "text"), set(data) - set(record)
    assert record["kind"] == data["kind"]
    assert record["reference"] == ref
    # parts JSON is to_dict()'s parts and rebuilds the result
    parts = json.loads(record["parts"])
    assert parts == data["parts"]
    assert shixian.Normalized.from_dict({**data, "parts": parts}) == result
    # each schedule's RRULE starts at its next due day on or after the reference
    schedules = [p for p in result.parts if isinstance(p, shixian.Schedule)]
    rules = [] if record["rrule"] is None else record["rrule"].split(" ; ")
    ruled = [p for p in schedules if p.computable and p.to_dict()["rrule"] is not None]
    assert len(rules) <= len(ruled)
    if len(rules) == len(ruled):
        for part, rule in zip(ruled, rules, strict=True):
            nxt = part.next_due(ref)
            if nxt is not None:
                assert _rrule_first(rule, ref) == nxt, (rule, nxt)
                assert rule.startswith(f"DTSTART;VALUE=DATE:{nxt:%Y%m%d} ")
    if len(result.parts) == 1 and rules and due is not None:
        assert _rrule_first(rules[0], ref) == due
    # times of day fall on their days (24时 is the next midnight)
    for day, moment in (
        (due, record["due_at"]),
        (start, record["start_at"]),
        (end, record["end_at"]),
    ):
        if moment is not None:
            assert day is not None, record
            assert moment.date() in (day, day + dt.timedelta(days=1)), record
    # the kind column is one of the categories
    assert record["kind"] in KINDS
    assert record["error"] is None


def test_corpus_is_read() -> None:
    assert len(ROWS) > 500
    assert len(RESULTS) > 500


def test_every_corpus_row_has_a_consistent_record() -> None:
    failures = []
    for row, result in RESULTS:
        try:
            _check(result)
        except AssertionError as exc:
            failures.append(f"{row.phrase!r}@{row.reference}: {exc}")
    assert failures == []


@settings(max_examples=150, deadline=None)
@given(schedules(), st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
def test_schedule_record_is_consistent(schedule: shixian.Schedule, reference: dt.date) -> None:
    result = shixian.Normalized(schedule.text, reference, (schedule,))
    _check(result)


def test_the_three_inconsistencies_of_the_issue() -> None:
    # a deadline then an irregular follow-up: no part fixes the whole cell's end or due
    r = flatten(shixian.normalize("2016年12月底前完成，后续不定期进行目录调整", "2016-05-01"))
    assert (r["due"], r["start"], r["end"]) == (None, None, None)
    assert r["every"] == "irregular"
    assert r["iso"] == "../2016-12-31"  # the deadline part is still said
    # two months: the window spans both, due at the end of the second
    r = flatten(shixian.normalize("2016年7月 2017年1月", "2016-05-01"))
    assert (r["start"], r["end"], r["due"]) == (
        dt.date(2016, 7, 1),
        dt.date(2017, 1, 31),
        dt.date(2017, 1, 31),
    )
    # 中考3月 高考11月 against 2016-06-30: next March is 2017, next November 2016
    r = flatten(shixian.normalize("中考3月 高考11月", "2016-06-30"))
    assert r["due"] == dt.date(2017, 3, 31)  # both have come by then
    assert r["label"] == "中考 ; 高考"
    assert r["rrule"] == (
        "DTSTART;VALUE=DATE:20170331 RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1 ; "
        "DTSTART;VALUE=DATE:20161130 RRULE:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=-1"
    )


def test_times_of_day() -> None:
    r = flatten(shixian.normalize("2023年6月30日下午5点前", "2023-01-01"))
    assert (r["due"], r["due_at"]) == (dt.date(2023, 6, 30), dt.datetime(2023, 6, 30, 17, 0))
    r = flatten(shixian.normalize("2023年6月30日24时前", "2023-01-01"))
    assert r["due_at"] == dt.datetime(2023, 7, 1, 0, 0)  # the end of the 30th


def test_relative_and_statute_columns() -> None:
    r = flatten(shixian.normalize("收到文件后3个工作日内", "2016-05-01"))
    assert (r["kind"], r["offset_amount"], r["offset_unit"], r["trigger"], r["direction"]) == (
        "relative",
        3,
        "workday",
        "收到文件",
        "after",
    )
    r = flatten(shixian.normalize("会议召开5日前", "2016-05-01"))
    assert (r["offset_amount"], r["trigger"], r["direction"]) == (5, "会议召开", "before")
    r = flatten(shixian.normalize("按预算法规定时限完成", "2016-05-01"))
    # 预算法第十四条: released within 20 days after approval
    assert (r["statute_law"], r["statute_article"], r["offset_amount"]) == (
        "中华人民共和国预算法",
        "第十四条",
        20,
    )


def test_pending_conditions_alternatives_year_labels() -> None:
    r = flatten(shixian.normalize("待国家批准后", "2016-05-01"))
    assert r["kind"] == "pending"
    assert r["depends_on"] is not None
    r = flatten(shixian.normalize("按照省政府相关部署，2016年12月底前完成", "2016-05-01"))
    assert r["conditions"] == "按照省政府相关部署"
    assert r["due"] == dt.date(2016, 12, 31)
    r = flatten(shixian.normalize("2017年第一季度前", "2016-05-01"))
    assert (r["ambiguous"], r["alternatives"]) == (True, "2016-12-31")
    r = flatten(shixian.normalize("全年工作", "2016-05-01"))
    assert r["year_inferred"] is True


def test_empty_record_and_text_cells() -> None:
    r = empty_record("boom")
    assert [k for k, v in r.items() if v is not None] == ["error"]
    assert text_cells(r.values())[-1] == "boom"
    assert text_cells([dt.datetime(2016, 7, 1, 9, 30)]) == ["2016-07-01 09:30:00"]


def test_columns_are_documented_and_typed() -> None:
    assert len(set(COLUMN_NAMES)) == len(COLUMN_NAMES)
    assert {c.type for c in COLUMNS} <= {
        "str",
        "date",
        "datetime",
        "bool",
        "int",
        "json",
        "category",
    }
    assert all(c.doc for c in COLUMNS)


@pytest.mark.parametrize("name", ["flatten", "RECORD_COLUMNS", "EmptyPhrase"])
def test_exported_at_the_top(name: str) -> None:
    assert name in shixian.__all__
    assert getattr(shixian, name) is not None
