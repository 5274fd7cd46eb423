"""Properties of normalize(): one meaning in every surface form, invariants, round trips."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import pickle

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import shixian
from shixian import Deadline, Normalized, ShixianError, Window

from .strategies import TRAILING_VERBS, Period, noise, periods, spellings

REF = dt.date(2016, 6, 30)


@st.composite
def phrases(draw: st.DrawFn) -> tuple[Period, str, str]:
    """(period, relation, one noisy surface form of '<period><relation><verb>')."""
    period = draw(periods())
    relations = ["", "内", "前", "以前", "之前"]
    if period.grain in ("year", "month"):
        relations += ["底前", "末前"]
    if period.grain == "quarter":
        relations += ["末前"]
    relation = draw(st.sampled_from(relations))
    verb = draw(st.sampled_from(TRAILING_VERBS))
    text = draw(spellings(period)) + relation + verb
    return period, relation, draw(noise(text))


@given(phrases())
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_every_surface_form_has_the_period_meaning(case: tuple[Period, str, str]) -> None:
    period, relation, text = case
    first, last = period.bounds
    result = shixian.normalize(text, reference=REF)
    assert len(result.parts) == 1, result
    part = result.parts[0]
    if relation in ("", "内"):
        assert isinstance(part, Window)
        assert (part.start, part.end) == (first, last)
        assert not part.fuzzy
    else:
        assert isinstance(part, Deadline)
        assert part.due == last  # due is the last day of its period
        settled = relation in ("底前", "末前") or period.grain == "day"
        assert part.ambiguous is not settled
        if not settled:
            assert part.alternatives == (first - dt.timedelta(days=1),)
            strict = shixian.normalize(text, reference=REF, exclusive=True).parts[0]
            assert isinstance(strict, Deadline)
            assert strict.due == first - dt.timedelta(days=1)
            assert strict.alternatives == (last,)
    assert not part.year_inferred


@given(periods(), st.sampled_from(["", "前", "底前"]))
def test_year_is_inferred_from_the_reference_when_missing(period: Period, relation: str) -> None:
    assume(period.grain in ("month", "quarter", "half"))
    assume(not (relation == "底前" and period.grain != "month"))
    text = {
        "month": f"{period.number}月",
        "quarter": f"第{period.number}季度",
        "half": "上半年" if period.number == 1 else "下半年",
    }[period.grain] + relation
    reference = dt.date(period.year, 5, 17)
    part = shixian.normalize(text, reference=reference).parts[0]
    assert part.year_inferred
    assert part.due == period.bounds[1]


@st.composite
def any_result(draw: st.DrawFn) -> Normalized:
    _, _, text = draw(phrases())
    return shixian.normalize(text, reference=REF)


@given(any_result())
def test_results_round_trip_through_dicts_json_and_pickle(result: Normalized) -> None:
    data = result.to_dict()
    assert Normalized.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) == result
    assert pickle.loads(pickle.dumps(result)) == result
    assert hash(pickle.loads(pickle.dumps(result))) == hash(result)


@given(any_result())
def test_windows_are_ordered_and_deadlines_have_open_start(result: Normalized) -> None:
    for part in result.parts:
        if isinstance(part, Window):
            assert part.start <= part.end
            assert part.iso == f"{part.start}/{part.end}"
        if isinstance(part, Deadline):
            assert part.iso == f"../{part.due}"
        start, end = part.span
        assert 0 <= start < end <= len(result.text)
        assert result.text[start:end] == part.text


@given(st.text(max_size=60))
@settings(max_examples=500)
def test_arbitrary_text_raises_only_documented_errors(text: str) -> None:
    try:
        result = shixian.normalize(text, reference=REF)
    except ShixianError:
        return
    assert result.parts
    for part in result.parts:
        assert part.to_dict()["kind"] == part.kind.value


TIME_CHARS = "年月日前底末至每季度第一二三四五六七八九十〇0123456789旬内起后-—"


@given(st.text(alphabet=TIME_CHARS, max_size=40))
@settings(max_examples=500)
def test_time_words_in_any_order_raise_only_documented_errors(text: str) -> None:
    with contextlib.suppress(ShixianError):
        shixian.normalize(text, reference=REF)


def test_type_error_for_non_strings() -> None:
    for value in (2016, b"2016", ["2016年"]):  # None is a missing cell: EmptyPhrase
        try:
            shixian.normalize(value, reference=REF)  # type: ignore[arg-type]
        except TypeError:
            continue
        raise AssertionError(f"{value!r} accepted")


def test_too_long_input_is_refused_clearly() -> None:
    text = "2016年7月底前" * 500
    try:
        shixian.normalize(text, reference=REF)
    except shixian.InputTooLong as exc:
        assert "2000" in str(exc)
    else:
        raise AssertionError("long input accepted")


def test_bad_reference_is_refused_clearly() -> None:
    for value in ("2016-13-01", "yesterday", 0, 10000, True, 3.5):
        try:
            shixian.normalize("全年工作", reference=value)  # type: ignore[arg-type]
        except shixian.InvalidReference as exc:
            assert repr(value) in str(exc)
        else:
            raise AssertionError(f"{value!r} accepted")


def test_reference_forms_are_equivalent() -> None:
    forms = [dt.date(2016, 1, 1), dt.datetime(2016, 1, 1, 15, 30), "2016-01-01", 2016]
    results = {shixian.normalize("下半年", reference=f) for f in forms}
    assert len(results) == 1


def test_default_reference_is_today() -> None:
    result = shixian.normalize("全年工作")
    assert result.reference == dt.date.today()
    assert result.due == dt.date(dt.date.today().year, 12, 31)


def test_invalid_dates_name_the_field() -> None:
    cases = {"2016年2月30日": "day", "2016年13月": "month", "第五季度": "quarter"}
    for text, field in cases.items():
        try:
            shixian.normalize(text, reference=REF)
        except shixian.InvalidDate as exc:
            assert exc.field == field
            assert text in str(exc)
        else:
            raise AssertionError(text)


def test_unrecognized_phrase_is_a_value_error_naming_the_text() -> None:
    try:
        shixian.normalize("加强省长网上信箱留言受理与回应", reference=REF)
    except ValueError as exc:
        assert isinstance(exc, shixian.UnrecognizedPhrase)
        assert "加强省长网上信箱留言受理与回应" in str(exc)
    else:
        raise AssertionError


def test_result_surface() -> None:
    r = shixian.normalize("2016年7月底前完成", reference="2016-06-30")
    assert r.text == "2016年7月底前完成"
    assert r.reference == dt.date(2016, 6, 30)
    assert r.kind == "deadline"
    assert r.due == dt.date(2016, 7, 31)
    part = r.parts[0]
    assert part.text == "2016年7月底前"
    assert part.span == (0, 9)
    d = part.to_dict()
    assert {"kind", "text", "span", "conditions", "year_inferred", "due", "ambiguous",
            "alternatives", "iso"} <= set(d)  # fmt: skip
    assert d["iso"] == "../2016-07-31"
    assert "deadline 2016-07-31" in str(r)
    assert "Deadline(" in repr(part) and "2016, 7, 31" in repr(part)


def test_compound_kind_and_due() -> None:
    r = shixian.normalize("2016年7月 2017年1月", reference="2016-05-01")
    assert r.kind == "compound"
    assert r.due == dt.date(2017, 1, 31)
    assert r.iso is None
    assert [p.span for p in r.parts] == [(0, 7), (8, 15)]


def test_spans_point_into_the_original_noisy_text() -> None:
    text = "按照省政府相关部署，２０１６ 年 12 月 底前完成"
    r = shixian.normalize(text, reference="2016-05-01")
    part = r.parts[0]
    assert text[part.span[0] : part.span[1]] == part.text
    assert part.text.startswith("２０１６") and part.text.endswith("底前")
    assert part.conditions == ("按照省政府相关部署",)


def test_public_names_are_all_exported() -> None:
    assert set(shixian.__all__) - {"__version__"} == set(shixian._MODULE_OF)
    for name in shixian.__all__:
        assert getattr(shixian, name) is not None
