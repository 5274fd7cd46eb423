"""The faster ``__init__`` of the value objects builds exactly what attrs' would."""

from __future__ import annotations

import datetime as dt
import inspect
import pickle
from typing import Any

import attrs
import pytest

from shixian.errors import ShixianError
from shixian.grammar.engine import Grammar, TokenRule
from shixian.model import (
    Deadline,
    Frequency,
    Normalized,
    Offset,
    Ongoing,
    Pending,
    Relative,
    Schedule,
    StatuteRef,
    Unit,
    Window,
)
from shixian.model._fastinit import ATTRS_INITS, fast_init

D1, D2 = dt.date(2016, 7, 1), dt.date(2016, 7, 31)
COMMON: dict[str, Any] = {"text": "x", "span": (0, 1)}

# Every class fast_init is applied to, with keyword sets that cover defaults,
# converters and every field.
CASES: list[tuple[type, dict[str, Any]]] = [
    (Deadline, {**COMMON, "due": D2}),
    (
        Deadline,
        {**COMMON, "due": D2, "ambiguous": True, "alternatives": (D1,), "conditions": ("c",)},
    ),
    (Window, {**COMMON, "start": D1, "end": D2}),
    (Window, {**COMMON, "start": D1, "end": D2, "fuzzy": True, "min_count": 2, "via": "v"}),
    (Schedule, {**COMMON, "every": "month"}),
    (Schedule, {**COMMON, "every": Frequency.YEAR, "months": [3, 1], "day": 10, "label": "中考"}),
    (Relative, {**COMMON, "offset": Offset(3, "workday"), "trigger": "收到文件"}),
    (
        Relative,
        {
            **COMMON,
            "offset": Offset(None),
            "statute": StatuteRef(law="预算法"),
            "year_inferred": True,
        },
    ),
    (Pending, {**COMMON, "depends_on": "国家批准"}),
    (Ongoing, {**COMMON, "start": D1}),
    (Offset, {"amount": 3, "unit": "day"}),
    (Normalized, {"text": "x", "reference": D1, "parts": ()}),
]


def _with_attrs_init(cls: type, kwargs: dict[str, Any]) -> Any:
    obj = object.__new__(cls)
    ATTRS_INITS[cls](obj, **kwargs)
    return obj


@pytest.mark.parametrize(("cls", "kwargs"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_same_object_as_attrs(cls: type, kwargs: dict[str, Any]) -> None:
    fast = cls(**kwargs)
    slow = _with_attrs_init(cls, kwargs)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert attrs.asdict(fast, recurse=False) == attrs.asdict(slow, recurse=False)
    assert pickle.loads(pickle.dumps(fast)) == fast


def test_every_fast_class_is_covered() -> None:
    assert set(ATTRS_INITS) == {cls for cls, _ in CASES}


@pytest.mark.parametrize("cls", sorted(ATTRS_INITS, key=lambda c: c.__name__), ids=str)
def test_same_signature(cls: type) -> None:
    assert inspect.signature(cls.__init__) == inspect.signature(ATTRS_INITS[cls])  # type: ignore[misc]


def test_converters_run() -> None:
    schedule = Schedule(**COMMON, every="month", months=[3, 1])
    assert schedule.every is Frequency.MONTH
    assert schedule.months == (3, 1)
    assert Offset(3, "workday").unit is Unit.WORKDAY


def test_validators_run() -> None:
    with pytest.raises(ShixianError, match="before its start"):
        Window(**COMMON, start=D2, end=D1)


def test_still_frozen() -> None:
    part = Deadline(**COMMON, due=D2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        part.due = D1  # type: ignore[misc]


def test_missing_argument_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        Deadline(**COMMON)  # type: ignore[call-arg]


def test_refuses_factories() -> None:
    @attrs.frozen
    class WithFactory:
        items: list[int] = attrs.field(factory=list)

    with pytest.raises(TypeError, match="does not handle"):
        fast_init(WithFactory)


def _word(text: str) -> str:
    return text


def _wrong(text: str, b: str, a: str) -> str:
    return text


def test_token_makers_are_checked_against_their_groups() -> None:
    good = TokenRule("ab", r"(?P<a>x)(?P<b>y)", "T", lambda text, a, b: (a, b))
    assert Grammar([good], [], merge=lambda t, text: t).lex("xy")[0].value == ("x", "y")
    bad = TokenRule("ab", r"(?P<a>x)(?P<b>y)", "T", _wrong)
    with pytest.raises(ValueError, match="order of the pattern's groups"):
        Grammar([bad], [], merge=lambda t, text: t).lex("xy")
    extra = TokenRule("w", r"w", "T", lambda text, missing: text)
    with pytest.raises(ValueError, match="does not take"):
        Grammar([extra], [], merge=lambda t, text: t).lex("w")
    defaulted = TokenRule("w", r"w", "T", lambda text, on=None: text)
    assert Grammar([defaulted], [], merge=lambda t, text: t).lex("w")[0].value == "w"
