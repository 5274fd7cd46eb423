"""The parse table (``Grammar._plans``): which rule covers which tokens, and which tokens
no rule covers, remembered per string of token codes. An entry is a pure function of the
codes, so a remembered entry is the one a fresh computation gives; the table is bounded."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
from shixian.grammar import engine
from shixian.grammar.clean import clean
from shixian.grammar.engine import Grammar
from shixian.grammar.rules import GRAMMAR, RULES, TOKEN_RULES

from .test_shapes import PHRASES

REF = dt.date(2016, 5, 1)


def _uncovered(plan: tuple[tuple[object, int, int], ...], size: int) -> tuple[int, ...]:
    """The indices of ``size`` tokens that no stretch of ``plan`` covers (by hand)."""
    covered: set[int] = set()
    for _, first, end in plan:
        covered.update(range(first, end))
    return tuple(i for i in range(size) if i not in covered)


def _fresh() -> Grammar:
    """A grammar of the same rules whose parse table is empty."""
    grammar = Grammar(token_rules=TOKEN_RULES, rules=RULES, merge=GRAMMAR._merge)
    grammar._compile()
    return grammar


FRESH = _fresh()


def test_a_remembered_entry_is_the_one_computed_afresh() -> None:
    """On every corpus phrase: the entry the parse reads (remembered or not) is what a
    grammar that never saw the codes computes, and its uncovered tokens are those no
    stretch of the plan covers."""
    fresh = FRESH
    checked = 0
    for phrase in PHRASES:
        with contextlib.suppress(shixian.ShixianError):
            for _ in range(2):  # the second parse reads the remembered entry
                ctx = GRAMMAR.parse(phrase, clean(phrase), REF, False)
            assert ctx.codes == "".join(t.code for t in ctx.tokens)
            fresh._plans.clear()
            assert fresh._plan(ctx.codes) == (ctx.plan, ctx.uncovered), phrase
            assert ctx.uncovered == _uncovered(ctx.plan, len(ctx.tokens)), phrase
            checked += 1
    assert checked > 1000


_CODES = st.text(alphabet="AaPBRWSFKJUQ_|/ECDTnjhgGOMNVZkoy", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_CODES)
def test_any_code_string_gets_the_entry_a_fresh_grammar_computes(codes: str) -> None:
    """Generated code strings (most no phrase lexes to): the remembered entry, read the
    second time, equals a fresh computation, and covers what its plan says."""
    GRAMMAR._compiled or GRAMMAR._compile()
    first = GRAMMAR._plans.get(codes) or GRAMMAR._plan(codes)
    again = GRAMMAR._plans.get(codes) or GRAMMAR._plan(codes)
    FRESH._plans.clear()
    assert first == again == FRESH._plan(codes)
    plan, uncovered = first
    assert uncovered == _uncovered(plan, len(codes))


def test_the_parse_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its bound the table takes no new entries (counted, not timed); longer code
    strings are never kept."""
    monkeypatch.setattr(engine, "_PLANS", 50)
    grammar = _fresh()
    for n in range(200):
        grammar._plan("A" + "_A" * (n % 12) + "P" * (n // 12))
    assert len(grammar._plans) == 50
    grammar._plans.clear()
    grammar._plan("A_" * 20)
    assert not grammar._plans
    # an entry not kept is still computed right
    FRESH._plans.clear()
    assert grammar._plan("A_" * 20) == FRESH._plan("A_" * 20)
