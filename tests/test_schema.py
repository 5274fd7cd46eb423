"""The JSON form of every result fits the published JSON Schema (shixian/schema.json)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian.calendar import statutes
from shixian.io.corpus import CorpusRow, load
from shixian.model import (
    Deadline,
    Normalized,
    Offset,
    Ongoing,
    Pending,
    Relative,
    Schedule,
    StatuteRef,
    Window,
)

from .conftest import CORPUS, ROOT
from .strategies import TRAILING_VERBS, noise, periods, schedule_phrases, schedules, spellings

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_PATH = ROOT / "shixian" / "schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER
RESULT = jsonschema.Draft202012Validator(SCHEMA, format_checker=_FORMATS)
MATCH = jsonschema.Draft202012Validator(
    {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": "#/$defs/match"},
    format_checker=_FORMATS,
)

REF = dt.date(2016, 5, 1)

# Every corpus file with expected meanings: the project's files and the seed cells.
ROWS: list[CorpusRow] = [
    row
    for path in sorted(CORPUS.glob("*.tsv"))
    if path.name not in ("negative.tsv", "seed_embedded.tsv")
    for row in load(path)
]


def _embedded() -> list[dict[str, str]]:
    with open(CORPUS / "seed_embedded.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


EMBEDDED = _embedded()


def _problems(validator: Any, instance: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(instance)]


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_part_kind_has_a_definition() -> None:
    kinds = {kind.value for kind in shixian.Kind}
    assert kinds <= set(SCHEMA["$defs"])
    listed = {ref["$ref"].rsplit("/", 1)[-1] for ref in SCHEMA["$defs"]["part"]["oneOf"]}
    assert listed == kinds


def test_schema_names_every_key_of_every_kind() -> None:
    """The schema's keys per kind are exactly those to_dict() can emit (via is optional)."""
    samples = {part.kind.value: part.to_dict() for part in _extreme_parts()}
    optional = {"via", "due_at", "start_at", "end_at"}  # emitted only when set
    for kind, sample in samples.items():
        definition = SCHEMA["$defs"][kind]
        assert set(definition["properties"]) == set(sample) | {"via"}, kind
        assert set(definition["required"]) == set(sample) - optional, kind


def test_corpus_is_not_empty() -> None:
    assert len(ROWS) > 500
    assert any(row.source.endswith("seed_cells.tsv") for row in ROWS)


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r.expected != "error"], ids=lambda r: f"{r.phrase}@{r.reference}"
)
def test_corpus_result_fits_schema(row: CorpusRow) -> None:
    data = shixian.normalize(row.phrase, reference=row.reference).to_dict()
    assert _problems(RESULT, data) == []
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


@pytest.mark.parametrize(
    "row", [r for r in EMBEDDED if r["expected"] != "none"], ids=lambda r: r["expression"]
)
def test_embedded_expression_fits_schema(row: dict[str, str]) -> None:
    data = shixian.normalize(row["expression"], reference=row["reference"]).to_dict()
    assert _problems(RESULT, data) == []


@pytest.mark.parametrize("row", EMBEDDED, ids=lambda r: f"{r['sentence'][:20]}|{r['expression']}")
def test_extract_matches_fit_schema(row: dict[str, str]) -> None:
    for match in shixian.extract(row["sentence"], reference=row["reference"]):
        data = match.to_dict()
        assert _problems(MATCH, data) == []
        assert _problems(RESULT, match.result.to_dict()) == []
        assert row["sentence"][data["start"] : data["end"]] == data["text"]


# -- hand-built extremes ----------------------------------------------------------------


def _extreme_parts() -> list[Any]:
    budget = statutes.get("G5")
    return [
        Deadline(
            text="2016年7月前",
            span=(3, 11),
            conditions=("按照省政府相关部署",),
            year_inferred=True,
            due=dt.date(2016, 7, 31),
            ambiguous=True,
            alternatives=(dt.date(2016, 6, 30),),
            due_at=dt.datetime(2016, 8, 1, 0, 0),
        ),
        Window(
            text="31 July 2016",
            span=(0, 12),
            start=dt.date(2016, 7, 31),
            end=dt.date(2016, 7, 31),
            fuzzy=True,
            min_count=2,
            via="dateparser",
            start_at=dt.datetime(2016, 7, 31, 8, 30),
            end_at=dt.datetime(2016, 7, 31, 17, 0),
        ),
        Schedule(
            text="后续不定期",
            span=(0, 5),
            every="irregular",
            interval=3,
            months=(4, 5, 6, 7, 8, 9, 10),
            day=31,
            start=dt.date(2017, 1, 1),
            until=dt.date(2018, 12, 31),
            min_count=1,
            count=2,
            label="中考",
        ),
        Relative(
            text="按政府信息公开条例规定的时限",
            span=(0, 14),
            offset=budget.offset,
            trigger=budget.trigger,
            statute=budget.to_ref(),
            extension=budget.extension,
        ),
        Pending(text="按照国家部署", span=(0, 6), depends_on=None),
        Ongoing(text="长期坚持", span=(0, 4), start=None),
    ]


def _wrap(*parts: Any) -> dict[str, Any]:
    return Normalized("…", REF, parts).to_dict()


@pytest.mark.parametrize("part", _extreme_parts(), ids=lambda p: p.kind.value)
def test_extreme_part_fits_schema(part: Any) -> None:
    assert _problems(RESULT, _wrap(part)) == []


def test_computable_schedule_with_every_field() -> None:
    schedule = Schedule(
        text="流行季节(4—10月)每两个月31日前",
        span=(0, 18),
        every="month",
        interval=2,
        months=(4, 5, 6, 7, 8, 9, 10),
        day=31,
        weekday=None,
        start=dt.date(2016, 4, 1),
        until=dt.date(2018, 10, 31),
        min_count=0,
        count=1,
        label="登革热",
    )
    data = _wrap(schedule)
    assert data["parts"][0]["rrule"].startswith("FREQ=MONTHLY")
    assert _problems(RESULT, data) == []


def test_weekly_schedule_and_offsets_with_a_day() -> None:
    weekly = Schedule(text="每周五前", span=(0, 4), every="week", weekday=4)
    monthly = Relative(text="次月10日前", span=(0, 6), offset=Offset(1, "month", 10))
    hours = Relative(
        text="24小时内", span=(0, 5), offset=Offset(24, "hour"), trigger="突发事件发生"
    )
    unknown = Relative(
        text="按《深圳市政务公开办法》规定的时限",
        span=(0, 17),
        offset=Offset(None),
        statute=StatuteRef(law="深圳市政务公开办法"),
    )
    for part in (weekly, monthly, hours, unknown):
        assert _problems(RESULT, _wrap(part)) == [], part


def test_ongoing_with_a_start() -> None:
    data = _wrap(Ongoing(text="即日起", span=(0, 3), start=REF))
    assert data["parts"][0]["iso"] == "2016-05-01/.."
    assert _problems(RESULT, data) == []


def test_compound_of_every_kind() -> None:
    data = _wrap(*_extreme_parts())
    assert data["kind"] == "compound"
    assert _problems(RESULT, data) == []


# -- generated phrases and values -------------------------------------------------------


@st.composite
def _period_phrases(draw: st.DrawFn) -> str:
    period = draw(periods())
    text = draw(spellings(period)) + draw(st.sampled_from(["", "底前", "前", "内", "起"]))
    return draw(noise(text + draw(st.sampled_from(TRAILING_VERBS))))


@settings(max_examples=200, deadline=None)
@given(_period_phrases(), st.booleans())
def test_generated_calendar_phrase_fits_schema(text: str, strict: bool) -> None:
    try:
        result = shixian.normalize(text, reference=REF, exclusive=strict)
    except shixian.ShixianError:
        return
    assert _problems(RESULT, result.to_dict()) == []


@settings(max_examples=200, deadline=None)
@given(schedule_phrases())
def test_generated_schedule_phrase_fits_schema(case: tuple[dict[str, object], str]) -> None:
    _, text = case
    assert _problems(RESULT, shixian.normalize(text, reference=REF).to_dict()) == []


@settings(max_examples=200, deadline=None)
@given(schedules())
def test_generated_schedule_fits_schema(schedule: Schedule) -> None:
    assert _problems(RESULT, _wrap(schedule)) == []


# -- the schema is not vacuous ----------------------------------------------------------


def _sample() -> dict[str, Any]:
    return shixian.normalize("2017年第一季度前", reference="2016-06-30").to_dict()


def _compound() -> dict[str, Any]:
    return shixian.normalize("2016年12月底前完成,后续不定期进行目录调整", reference=REF).to_dict()


def _edit(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()

BROKEN = {
    "extra top-level key": (_sample, ("score",), 1.0),
    "missing due": (_sample, ("due",), _DELETE),
    "impossible date": (_sample, ("parts", 0, "due"), "2017-02-30"),
    "date with time": (_sample, ("reference",), "2016-06-30T00:00:00"),
    "unknown kind": (_sample, ("parts", 0, "kind"), "interval"),
    "kind disagrees with part": (_sample, ("kind",), "window"),
    "compound of one part": (_sample, ("kind",), "compound"),
    "extra part key": (_sample, ("parts", 0, "start"), "2016-01-01"),
    "missing part key": (_sample, ("parts", 0, "alternatives"), _DELETE),
    "ambiguous without alternatives": (_sample, ("parts", 0, "alternatives"), []),
    "span of three": (_sample, ("parts", 0, "span"), [0, 1, 2]),
    "deadline iso of a window": (_sample, ("parts", 0, "iso"), "2017-01-01/2017-03-31"),
    "tuple instead of list": (_sample, ("parts", 0, "conditions"), ()),
    "single part as compound kind": (_compound, ("kind",), "deadline"),
    "rrule for an irregular schedule": (_compound, ("parts", 1, "rrule"), "FREQ=MONTHLY"),
    "unknown frequency": (_compound, ("parts", 1, "every"), "fortnight"),
    "month 13": (_compound, ("parts", 1, "months"), [13]),
    "unknown fallback": (_sample, ("parts", 0, "via"), "regex"),
}


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_schema_rejects(case: str) -> None:
    make, path, value = BROKEN[case]
    data = _edit(make(), path, value)
    assert _problems(RESULT, data) != []


def test_match_schema_needs_offsets() -> None:
    match = shixian.extract("每季度公开旅行社名录。", reference=REF)[0]
    data = match.to_dict()
    assert _problems(MATCH, data) == []
    del data["start"]
    assert _problems(MATCH, data) != []
    assert _problems(RESULT, match.to_dict()) != []  # a match is not a plain result
