"""The lexer's shape memo (shixian.grammar.shapes) changes no reading: a phrase lexed by
replaying the decisions recorded for another phrase of its shape reads exactly as a
full scan reads it, on the corpus and on its phrases with other digits."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shixian
import shixian.api
from shixian.grammar import rules as grammar_rules
from shixian.grammar.clean import clean
from shixian.grammar.engine import Grammar
from shixian.grammar.not_time import NOT_TIME_PATTERNS, NOT_TIME_WORDS
from shixian.grammar.patterns import digit_neutral
from shixian.grammar.rules import GRAMMAR, RULES, TOKEN_RULES
from shixian.grammar.shapes import MASK, UNSAFE, unsafe_pattern, widen

from .conftest import CORPUS

REF = dt.date(2016, 5, 1)


def _full_grammar() -> Grammar:
    """The same grammar without the shape memo: every phrase is scanned."""
    return Grammar(
        token_rules=TOKEN_RULES,
        rules=RULES,
        merge=GRAMMAR._merge,
        veto_words=NOT_TIME_WORDS,
        veto_patterns="|".join(NOT_TIME_PATTERNS),
        shapes=False,
        finish=GRAMMAR._finish,
    )


FULL = _full_grammar()
GRAMMAR.lex("2016年")  # compiles the grammar
if not GRAMMAR._checked:  # as after the first texts of a run (see Lexer._compile_tokens)
    GRAMMAR._check_shapes()


def _phrases() -> list[str]:
    """The first column of every corpus table (cells, expressions, negative examples)."""
    out: set[str] = set()
    for path in sorted(CORPUS.rglob("*.tsv")):
        lines = [
            line.split("\t")[0]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        out.update(p for p in lines[1:] if p and len(p) <= shixian.MAX_PHRASE_LENGTH)
    return sorted(out)


PHRASES = _phrases()
WITH_DIGITS = [p for p in PHRASES if re.search("[0-9０-９]", p)]


def _reading(grammar: Grammar, text: str, reference: dt.date, exclusive: bool) -> Any:
    """What normalize says with ``grammar``: the result's dict, or the error."""
    saved = shixian.api.GRAMMAR
    shixian.api.GRAMMAR = grammar
    try:
        return shixian.normalize(
            text, reference=reference, cache=False, exclusive=exclusive
        ).to_dict()
    except shixian.ShixianError as exc:
        return (type(exc).__name__, str(exc))
    finally:
        shixian.api.GRAMMAR = saved


def _same(text: str, reference: dt.date = REF, exclusive: bool = False) -> None:
    fast = _reading(GRAMMAR, text, reference, exclusive)
    assert fast == _reading(FULL, text, reference, exclusive), text


@pytest.mark.parametrize("exclusive", [False, True])
def test_every_corpus_phrase_reads_the_same_through_the_memo(exclusive: bool) -> None:
    for text in PHRASES:
        _reading(GRAMMAR, text, REF, exclusive)  # record its shape (or replay one)
        _same(text, REF, exclusive)


def _with_digits(text: str, digits: list[int]) -> str:
    """``text`` with its digits replaced in turn by ``digits`` (ASCII or full-width as
    they were); a zero stays a zero when ``keep_zero``: the text keeps its shape."""
    return _replaced(text, digits, keep_zero=True)


def _replaced(text: str, digits: list[int], *, keep_zero: bool) -> str:
    out = []
    k = 0
    for ch in text:
        if "0" <= ch <= "9" or "０" <= ch <= "９":
            d = digits[k % len(digits)]
            k += 1
            if keep_zero and ch in "0０":
                d = 0
            elif keep_zero and d == 0:
                d = 1 + k % 9
            out.append(chr(ord("０") + d) if ch >= "０" else str(d))
        else:
            out.append(ch)
    return "".join(out)


@settings(max_examples=400)
@given(
    st.sampled_from(WITH_DIGITS),
    st.lists(st.integers(0, 9), min_size=1, max_size=12),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
)
def test_a_phrase_with_other_digits_reads_as_a_full_scan_reads_it(
    text: str, digits: list[int], reference: dt.date
) -> None:
    """The shape was recorded from the corpus phrase; its variant (2016年13月底前,
    24时 → 25时, 周1 → 周8, 2017-02-30) is replayed, or scanned when unsafe."""
    _reading(GRAMMAR, text, reference, False)
    variant = _with_digits(text, digits)
    assert clean(variant).text.encode().translate(MASK) == clean(text).text.encode().translate(MASK)
    _same(variant, reference)
    _same(_replaced(text, digits, keep_zero=False), reference)  # maybe another shape


@settings(max_examples=200)
@given(
    st.text(
        alphabet="0123456789年月日号时点分:-/.至前后内起底末初中旬季度第周一二三十每个工作日",
        max_size=14,
    )
)
def test_generated_phrases_read_the_same_through_the_memo(text: str) -> None:
    variant = text.translate(str.maketrans("0123456789", "0987654321"))  # the same shape
    _reading(GRAMMAR, text, REF, False)
    _same(variant)
    _same(text)


# -- the soundness argument, checked on the grammar's own patterns ----------------------


def _match_everywhere(pattern: re.Pattern[str], text: str) -> list[Any]:
    out = []
    for at in range(len(text) + 1):
        m = pattern.match(text, at)
        out.append(None if m is None else tuple(m.span(g) for g in range(pattern.groups + 1)))
    return out


NEUTRAL = [re.compile(r.pattern) for r in TOKEN_RULES if digit_neutral(r.pattern)]
TELLING = [r.pattern for r in TOKEN_RULES if not digit_neutral(r.pattern)]
UNSAFE_PATTERN = unsafe_pattern([r.pattern for r in TOKEN_RULES])


def test_the_grammar_has_both_kinds_of_rules() -> None:
    assert NEUTRAL and TELLING and UNSAFE_PATTERN is not None
    assert all(digit_neutral(widen(p)) for p in TELLING)
    assert all(digit_neutral(p) for p in NOT_TIME_PATTERNS)
    assert not any(ch.isdigit() for word in NOT_TIME_WORDS for ch in word)


def _variants(text: str) -> Iterator[str]:
    """Texts of the shape of ``text``: each digit but 0 moved along the nine others."""
    for shift in (1, 3, 7):
        yield "".join(
            str((int(ch) - 1 + shift) % 9 + 1) if ch in "123456789" else ch for ch in text
        )


@settings(max_examples=150)
@given(st.sampled_from(WITH_DIGITS), st.lists(st.integers(0, 9), min_size=1, max_size=8))
def test_neutral_rules_match_alike_on_every_text_of_a_shape(text: str, digits: list[int]) -> None:
    cleaned = clean(text).text
    variant = _with_digits(cleaned, digits)
    for pattern in NEUTRAL:
        assert _match_everywhere(pattern, cleaned) == _match_everywhere(pattern, variant)


@settings(max_examples=150)
@given(st.sampled_from(PHRASES), st.lists(st.integers(0, 9), min_size=1, max_size=8))
def test_a_rule_that_tells_digits_apart_is_silent_where_its_widened_form_is(
    text: str, digits: list[int]
) -> None:
    """Where the widened form finds nothing in a shape, the rule matches nowhere in any
    text of that shape: it takes no part in the decisions the memo replays."""
    cleaned = clean(text).text
    assert UNSAFE_PATTERN is not None
    if UNSAFE_PATTERN.search(cleaned.encode().translate(MASK).decode()) is not None:
        return
    for text_ in (cleaned, _with_digits(cleaned, digits), *_variants(cleaned)):
        for pattern in TELLING:
            assert re.compile(pattern).search(text_) is None, (pattern, text_)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?<![0-9])(?:[01]?[0-9]|2[0-4])时", "9时 25时 24时"),
        (r"周[1-7]", "周8 周1"),
        (r"(?P<s>[-/])[0-9]{2}(?P=s)", "-12- /34/"),
        (r"[^0-5]x", "7x 3x"),
        (r"(?=[12])[0-9]{2}", "12 34"),
    ],
)
def test_a_widened_pattern_matches_wherever_the_pattern_does(pattern: str, text: str) -> None:
    wide = re.compile(widen(pattern))
    assert digit_neutral(widen(pattern))
    for m in re.finditer(pattern, text):
        assert wide.match(text, m.start()) is not None


def test_unsafe_shapes_are_kept_by_their_text() -> None:
    """24时 and 25时 share a shape that a rule telling digits apart decides in."""
    _same("2016年7月1日24时前")
    _same("2016年7月1日25时前")
    shape = "2016年7月1日24时前".encode().translate(MASK)
    assert shape == "1011年1月1日11时前".encode()
    assert GRAMMAR._shapes is not None and GRAMMAR._shapes.get(shape) is UNSAFE


def test_the_memo_is_not_used_for_running_text() -> None:
    text = "2016年2月30日前完成,2016年7月底前报送。"
    assert [m.text for m in shixian.extract(text, REF)] == ["2016年7月底前"]


def test_the_rules_module_builds_the_memo() -> None:
    assert grammar_rules.GRAMMAR.use_shapes and not FULL.use_shapes


@pytest.mark.parametrize(
    "text", ["\ud8002016年7月", "2016年\udfff7月底前", "\ud800"], ids=["lead", "inside", "alone"]
)
def test_lone_surrogates_have_a_shape(text: str) -> None:
    _same(text)
    _same(text.replace("2016", "2019"))


@pytest.mark.parametrize(
    "text",
    ["2016年7月底前", "2016年7月", "2017年第一季度前", "收到文件后3个工作日内", "于6月10日前"],
)
def test_common_phrases_share_their_shape(text: str) -> None:
    """A speed guard, not a reading: the common forms are shared by every phrase of their
    shape. If this fails, a token rule now singles out a digit other than 0 where these
    phrases are lexed (say ``[1-4]`` in a lookahead): readings stay right, but each
    such phrase is kept by its own text (see shixian.grammar.shapes)."""
    GRAMMAR.lex(clean(text).text)
    assert GRAMMAR._shapes is not None
    plan = GRAMMAR._shapes.get(clean(text).text.encode().translate(MASK))
    assert plan is not None and plan is not UNSAFE, text


def test_shapes_are_checked_after_the_first_texts() -> None:
    """The first texts of a process are kept by their exact text (the soundness check
    reads every pattern, which one phrase should not wait for); then shapes are shared."""
    fresh = Grammar(
        token_rules=TOKEN_RULES,
        rules=RULES,
        merge=GRAMMAR._merge,
        veto_words=NOT_TIME_WORDS,
        veto_patterns="|".join(NOT_TIME_PATTERNS),
    )
    texts = [f"{2000 + k}年{1 + k % 12}月底前" for k in range(80)]
    fresh.lex(texts[0])
    assert not fresh._checked and list(fresh._texts) == [texts[0]] and not fresh._shapes
    for text in texts:
        assert [(t.code, t.start, t.end) for t in fresh.lex(text)] == [
            (t.code, t.start, t.end) for t in FULL.lex(text)
        ]
    assert fresh._checked and fresh._shapes


def test_a_compiled_replay_rebuilds_what_the_steps_rebuild() -> None:
    """A plan is read from its steps at first, then compiled: both give the same tokens."""
    from shixian.grammar.shapes import LexPlan, compile_plan
    from shixian.grammar.tokens import Token

    assert GRAMMAR._shapes is not None
    checked = 0
    for phrase in PHRASES[::7]:
        text = clean(phrase).text
        with contextlib.suppress(shixian.ShixianError):
            GRAMMAR.lex(text)
        plan = GRAMMAR._shapes.get(text.encode("utf-8", "surrogatepass").translate(MASK))
        if not isinstance(plan, LexPlan):
            continue
        fresh = LexPlan(plan.steps, plan.misses, Token)
        compiled = compile_plan(plan.steps, Token)
        try:
            by_steps = [_token(t) for t in fresh.replay(text)]
        except shixian.ShixianError as exc:  # 2016年第53周: a reader refuses it either way
            with pytest.raises(type(exc), match=re.escape(str(exc))):
                compiled(text)
            continue
        assert by_steps == [_token(t) for t in compiled(text)], phrase
        checked += 1
    assert checked > 50


def _token(token: Any) -> tuple[Any, ...]:
    return (token.code, token.start, token.end, token.rule, _value(token.value))


def _value(value: Any, depth: int = 0) -> Any:
    """A token's value as plain data (its class and fields, a few levels deep), to
    compare two readings."""
    if depth > 4:
        return type(value).__name__
    if isinstance(value, tuple | list):
        return tuple(_value(v, depth + 1) for v in value)
    fields = getattr(value, "__dict__", None)
    if fields is None and hasattr(type(value), "__slots__"):
        fields = {k: getattr(value, k, None) for k in type(value).__slots__}
    if fields is None:
        return value
    return (type(value).__name__, {k: _value(v, depth + 1) for k, v in sorted(fields.items())})


# -- the alternations by first character, merged (lexer._clustered) ----------------------


def test_each_alternation_holds_every_rule_that_may_start_with_its_character() -> None:
    from shixian.grammar import lexer
    from shixian.grammar.patterns import first_chars

    firsts = [first_chars(tr.pattern) or frozenset() for tr in TOKEN_RULES]
    for ch, held in GRAMMAR._keys.items():
        own = {i for i, first in enumerate(firsts) if ch in first}
        assert own <= set(held), ch
        assert len(held) - len(own) <= lexer._EXTRA_RULES, ch
    # merging does something: fewer alternations than sets of rules by first character
    own_sets = {tuple(i for i, f in enumerate(firsts) if ch in f) for ch in GRAMMAR._keys}
    assert len(set(GRAMMAR._keys.values())) < len(own_sets) / 1.5


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def test_merged_alternations_lex_as_one_alternation_per_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same tokens as a grammar whose alternations hold only the rules that may start
    with their character (no merging), on every corpus phrase scanned in full."""
    from shixian.grammar import lexer

    monkeypatch.setattr(lexer, "_EXTRA_RULES", 0)
    unmerged = _full_grammar()
    unmerged.lex("2016年")
    monkeypatch.undo()
    FULL.lex("2016年")
    assert len(set(unmerged._keys.values())) > len(set(FULL._keys.values()))

    def tokens(grammar: Grammar, text: str) -> list[tuple[Any, ...]]:
        failures: list[tuple[int, int, Exception]] = []
        out = grammar.lex(text, lenient=True, failures=failures)
        return [(t.code, t.start, t.end, t.rule, _ADDRESS.sub("", repr(t.value))) for t in out] + [
            (a, b, repr(e)) for a, b, e in failures
        ]

    for phrase in _phrases():
        text = clean(phrase).text
        assert tokens(FULL, text) == tokens(unmerged, text), phrase
