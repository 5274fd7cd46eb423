"""The statutory time-limit table: parsing, version choice by reference date, matching."""

from __future__ import annotations

import datetime as dt
import itertools
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shixian.calendar import statutes
from shixian.calendar.statutes import StatuteRule, find, get, in_force, rules
from shixian.calendar.workdays import resolve_offset
from shixian.errors import NotComputable, ShixianError
from shixian.model import Offset, StatuteRef, Unit

D = dt.date
GIL = "政府信息公开条例"


def _articles(found: list[StatuteRule]) -> list[str | None]:
    return [r.article for r in found]


# -- the data file ----------------------------------------------------------------------


def _raw() -> str:
    data = resources.files("shixian.calendar").joinpath("data")
    return data.joinpath("statutes.tsv").read_text("utf-8")


def test_header_comments_document_every_column() -> None:
    lines = _raw().splitlines()
    comments = "\n".join(line for line in lines if line.startswith("#"))
    header = next(line for line in lines if line.strip() and not line.startswith("#"))
    for column in header.split("\t"):
        assert f"#   {column} " in comments, column


def test_table_parses_with_unique_ids() -> None:
    found = rules()
    assert len(found) >= 20
    assert len({r.id for r in found}) == len(found)


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.id)
def test_every_row_is_sourced_and_well_formed(rule: StatuteRule) -> None:
    assert rule.source.strip()
    assert rule.status in {"V", "V*", "U"}
    assert rule.quote
    assert rule.aliases
    assert rule.version
    if rule.status == "U":
        assert rule.note, "an unverified row says what is unverified"
    if rule.unit is None:
        assert rule.due_date is not None and rule.amount is None and rule.offset is None
    else:
        assert rule.amount is not None and rule.amount > 0 and rule.due_date is None
        assert rule.unit in (Unit.DAY, Unit.WORKDAY, Unit.HOUR)


def test_versions_of_a_law_do_not_overlap() -> None:
    by_law: dict[str, dict[str, tuple[dt.date, dt.date]]] = {}
    for rule in rules():
        span = (rule.in_force_from, rule.in_force_until or dt.date.max)
        versions = by_law.setdefault(rule.law, {})
        assert versions.setdefault(rule.version, span) == span, (rule.id, "one span per version")
    for law, versions in by_law.items():
        for (va, a), (vb, b) in itertools.combinations(versions.items(), 2):
            assert a[1] < b[0] or b[1] < a[0], (law, va, vb)


def test_required_rows_are_present() -> None:
    expected = {
        "B1": ("第十四条", 20, Unit.DAY, "批准"),
        "B2": ("第十四条", 20, Unit.DAY, "批复"),
        "G1": ("第十八条", 20, Unit.WORKDAY, "形成或者变更"),
        "G2": ("第二十四条", 15, Unit.WORKDAY, "收到申请"),
        "G4": ("第二十六条", 20, Unit.WORKDAY, "形成或者变更"),
        "G5": ("第三十三条", 20, Unit.WORKDAY, "收到申请"),
        "L1": ("第四十二条", 20, Unit.WORKDAY, "受理"),
    }
    for rule_id, (article, amount, unit, trigger) in expected.items():
        rule = get(rule_id)
        assert (rule.article, rule.amount, rule.unit, rule.trigger) == (
            article,
            amount,
            unit,
            trigger,
        )
    assert get("G2").extension == Offset(15, Unit.WORKDAY)
    assert get("G5").extension == Offset(20, Unit.WORKDAY)
    assert get("L1").extension == Offset(10, Unit.WORKDAY)
    assert (get("G3").due_date, get("G3").status) == ((3, 31), "U")
    assert get("G8").due_date == (1, 31)
    assert get("G9").due_date == (3, 31)


def test_unknown_id() -> None:
    with pytest.raises(ShixianError):
        get("nope")


def test_malformed_table_is_reported() -> None:
    header = "\t".join(statutes._COLUMNS)
    row = "X1\tL\tL\t第一条\t2000\t2000-01-01\t\t20\tfortnight\t\t\tt\tt\tq\ts\tV\t"
    with pytest.raises(ShixianError, match="unknown unit"):
        statutes._parse(f"# comment\n{header}\n{row}\n")
    with pytest.raises(ShixianError, match="fields"):
        statutes._parse(f"{header}\nX1\tL\n")
    with pytest.raises(ShixianError, match="header"):
        statutes._parse("# only comments\n")


# -- version by reference date ----------------------------------------------------------


def test_2007_regulation_in_force_in_2018() -> None:
    on = D(2018, 1, 1)
    assert _articles(find(GIL, on=on, topic="主动公开")) == ["第十八条"]
    assert _articles(find(GIL, on=on, topic="依申请公开")) == ["第二十四条"]
    found = find(GIL, on=on)
    assert {r.version for r in found} == {"2007"}
    assert {"第十八条", "第二十四条"} <= set(_articles(found))
    (g2,) = find(GIL, on=on, topic="依申请公开")
    assert g2.offset == Offset(15, Unit.WORKDAY)
    assert g2.extension == Offset(15, Unit.WORKDAY)


def test_2019_regulation_in_force_in_2020() -> None:
    on = D(2020, 1, 1)
    assert _articles(find(GIL, on=on, topic="主动公开")) == ["第二十六条"]
    assert _articles(find(GIL, on=on, topic="依申请公开")) == ["第三十三条"]
    assert {r.version for r in find(GIL, on=on)} == {"2019修订"}
    (g5,) = find(GIL, on=on, topic="依申请公开")
    assert g5.offset == Offset(20, Unit.WORKDAY)
    assert g5.extension == Offset(20, Unit.WORKDAY)


@pytest.mark.parametrize(
    ("on", "article"),
    [
        (D(2008, 5, 1), "第十八条"),
        (D(2019, 5, 14), "第十八条"),
        (D(2019, 5, 15), "第二十六条"),
    ],
    ids=str,
)
def test_regulation_version_boundaries(on: dt.date, article: str) -> None:
    assert _articles(find(GIL, on=on, topic="主动公开")) == [article]


def test_annual_report_dates_by_version() -> None:
    assert [r.due_date for r in find(GIL, on=D(2018, 1, 1), topic="年度报告")] == [(3, 31)]
    assert [r.due_date for r in find(GIL, on=D(2020, 1, 1), topic="年度报告")] == [
        (1, 31),
        (3, 31),
    ]
    assert get("G8").due_in(2020) == D(2020, 1, 31)
    with pytest.raises(NotComputable):
        get("G4").due_in(2020)


def test_before_any_version_gives_nothing() -> None:
    assert find(GIL, on=D(2008, 4, 30)) == []
    assert find("预算法", on=D(2014, 12, 31)) == []  # 1994 law: no 第十四条 limit
    assert not in_force(get("B1"), D(2014, 12, 31))
    assert in_force(get("B1"), D(2015, 1, 1))


def test_budget_law_article_14() -> None:
    (b1,) = find("预算法", on=D(2016, 6, 30), topic="预算公开")
    assert (b1.article, b1.offset, b1.trigger) == ("第十四条", Offset(20, Unit.DAY), "批准")
    (b2,) = find("预算法", on=D(2016, 6, 30), topic="部门预算公开")
    assert (b2.article, b2.offset, b2.trigger) == ("第十四条", Offset(20, Unit.DAY), "批复")
    # the 2018 amendment keeps the article: still found after 2018-12-29
    assert find("预算法", on=D(2024, 6, 30), topic="预算公开") == [b1]


def test_datetime_reference() -> None:
    assert _articles(find(GIL, on=dt.datetime(2020, 1, 1, 8), topic="依申请公开")) == ["第三十三条"]


# -- naming the law ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "预算法",
        "《预算法》",
        "中华人民共和国预算法",
        "《中华人民共和国预算法》",
        " 《 预算法 》",
        "新预算法",
        "按《预算法》规定时限公开",
    ],
)
def test_budget_law_aliases(text: str) -> None:
    found = find(text, on=D(2016, 6, 30), topic="预算公开")
    assert [r.id for r in found] == ["B1"]


@pytest.mark.parametrize(
    "text", ["政府信息公开条例", "《中华人民共和国政府信息公开条例》", "信息公开条例"]
)
def test_regulation_aliases(text: str) -> None:
    assert _articles(find(text, on=D(2020, 1, 1), topic="依申请公开")) == ["第三十三条"]


def test_longest_name_wins() -> None:
    found = find("《预算法实施条例》", on=D(2021, 1, 1))
    assert {r.law for r in found} == {"中华人民共和国预算法实施条例"}
    # before the 2020 revision: nothing, and no fallback to 预算法
    assert find("预算法实施条例", on=D(2019, 1, 1)) == []


def test_two_laws_named() -> None:
    found = find("依据《预算法》和《政府信息公开条例》", on=D(2020, 1, 1))
    assert {r.law for r in found} == {
        "中华人民共和国预算法",
        "中华人民共和国政府信息公开条例",
    }
    assert found[0].law == "中华人民共和国预算法"  # in the order named


def test_policy_document_by_number() -> None:
    found = find("国办发[2016]61号", on=D(2017, 1, 1), topic="新闻发布会")
    assert [(r.amount, r.unit) for r in found] == [(24, Unit.HOUR)]


@pytest.mark.parametrize("text", ["公司法", "", "  ", "条例", "《》"])
def test_unknown_law_gives_nothing(text: str) -> None:
    assert find(text, on=D(2020, 1, 1)) == []


def test_unknown_topic_gives_nothing() -> None:
    assert find(GIL, on=D(2020, 1, 1), topic="没有这个主题") == []


# -- output -----------------------------------------------------------------------------


def test_to_ref() -> None:
    ref = get("G5").to_ref()
    assert isinstance(ref, StatuteRef)
    assert ref.law == "中华人民共和国政府信息公开条例"
    assert ref.article == "第三十三条"
    assert ref.version == "2019修订"
    assert ref.quote and "20个工作日" in ref.quote
    assert ref.source == get("G5").source
    assert StatuteRef.from_dict(ref.to_dict()) == ref


def test_rule_offset_resolves() -> None:
    # an application received Fri 2019-09-27; 国庆 10-01..07 off, 9-29 and 10-12 上班
    (g5,) = find(GIL, on=D(2019, 9, 27), topic="依申请公开")
    assert g5.offset is not None
    assert resolve_offset(D(2019, 9, 27), g5.offset) == D(2019, 10, 30)
    # 预算 approved 2016-09-11: +20 days = 10-01 (国庆) → 10-08
    (b1,) = find("预算法", on=D(2016, 9, 11), topic="预算公开")
    assert b1.offset is not None
    assert resolve_offset(D(2016, 9, 11), b1.offset) == D(2016, 10, 8)


# -- properties -------------------------------------------------------------------------


@given(on=st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31)))
def test_one_version_at_a_time(on: dt.date) -> None:
    found = find(GIL, on=on)
    assert len({r.version for r in found}) <= 1
    assert (found == []) == (on < D(2008, 5, 1))
    assert all(r.in_force(on) for r in found)


@given(on=st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31)))
def test_every_law_found_only_when_in_force(on: dt.date) -> None:
    for law in {r.law for r in rules()}:
        found = find(law, on=on)
        expected = [r for r in rules() if r.law == law and r.in_force(on)]
        assert found == expected
