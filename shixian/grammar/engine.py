"""The engine: lex with token rules, compose with grammar rules, resolve in productions.

The engine knows no phrase. Rules are data (``shixian.rules``):

* a :class:`TokenRule` is a regular expression over cleaned text with named
  groups, a one-letter *code*, and a function that reads the matched text and the
  groups (as arguments named after them) into a value;
* a :class:`Rule` is a regular expression over the string of token codes (one
  letter per token, ``_`` for text between tokens, ``|`` for a clause break) and a
  production that turns the matched tokens into parts.

Token rules are compiled into one alternation per first character, holding the
rules that can start with it in their order (earlier rules win at the same start,
so each family lists longer forms first), each compiled when a text first needs
it (:mod:`shixian.grammar.lexer`); all grammar rules into one alternation over the
code string. Merging adjacent
date fragments into one anchor (2016年 + 12月 + 底) and anchors into ranges, lists and
unions is the ``merge`` hook's work (:mod:`shixian.grammar.compose`), between lexing and
the grammar rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from .._work import WORK
from ..errors import InvalidDate
from ..model import Part
from .clean import Cleaned
from .lexer import Lexer
from .tokens import _SKIPPED, BREAK, GAP, LIST, Token, TokenRule, is_out_of_calendar

__all__ = [
    "BREAK",
    "GAP",
    "LIST",
    "Context",
    "Grammar",
    "Rule",
    "Token",
    "TokenRule",
    "is_out_of_calendar",
]


@attrs.frozen
class Rule:
    """A grammar rule: ``pattern`` over token codes and its ``produce`` function."""

    name: str
    pattern: str
    produce: Callable[[Context, Sequence[Token]], list[Part]]


#: A parse table entry: which rule covers which tokens (``(rule, first, end)`` token
#: indices), and the indices of the tokens no rule covers.
Plan = tuple[tuple[tuple[Rule, int, int], ...], tuple[int, ...]]
#: the parse table: code strings up to this length, at most this many of them
_PLAN_LENGTH = 24
_PLANS = 65536


class Context:
    """What a production may look at: the text, all tokens, the reference, earlier parts.

    ``text`` is the original input (for messages and part texts); ``cleaned`` the
    text the tokens point into; ``conditions`` collects condition phrases
    (按照省政府相关部署) for the caller to attach.
    """

    __slots__ = (
        "cleaned", "codes", "conditions", "failures", "flags", "lenient", "named", "parts",
        "plan", "reference", "strict", "text", "tokens", "uncovered",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        cleaned: Cleaned,
        tokens: list[Token],
        reference: dt.date,
        strict: bool,
        codes: str = "",
        plan: Plan = ((), ()),
        failures: list[tuple[int, int, Exception]] | None = None,
        lenient: bool = False,
    ) -> None:
        self.text = text
        #: whether the text is running text (extract), whose each time word is an
        #: expression of its own, rather than one phrase (normalize)
        self.lenient = lenient
        self.cleaned = cleaned
        self.tokens = tokens
        self.reference = reference
        self.strict = strict
        self.parts: list[Part] = []
        self.conditions: list[Token] = []
        #: ``(start, end, reason)`` in the cleaned text: what a production found wrong
        #: beside a reading it still gives (a weekday note that contradicts its date)
        self.flags: list[tuple[int, int, str]] = []
        #: parts read from a period named by a word (五一, 端午节, 汛期, 春季), each with how
        #: near dates of the same sentence must be to restate it (``None``: any date, for
        #: an occasion whose dates each region sets): the grammar's ``finish`` hook drops
        #: those restated
        self.named: list[tuple[Part, dt.timedelta | None]] = []
        #: the tokens' codes, one letter each (what the grammar rules read)
        self.codes = codes
        #: which rule covered which tokens: ``(rule, first, end)`` token indices; and the
        #: indices of the tokens no rule of the plan covers
        self.plan, self.uncovered = plan
        #: in a lenient parse, ``(start, end, error)`` of each skipped expression
        #: (offsets in the cleaned text)
        self.failures: list[tuple[int, int, Exception]] = [] if failures is None else failures

    def where(
        self, tokens: Sequence[Token], start: int | None = None
    ) -> tuple[str, tuple[int, int]]:
        """The original words of ``tokens`` and their ``(start, end)`` in the input
        (from ``start`` in the cleaned text instead of the first token's start)."""
        lo = tokens[0].start if start is None else start
        hi = tokens[-1].end
        if self.cleaned.origin is not None:
            lo, hi = self.cleaned.span(lo, hi)
        return self.text[lo:hi], (lo, hi)

    def common(
        self, tokens: Sequence[Token], year_inferred: bool, *, start: int | None = None
    ) -> dict[str, Any]:
        """The fields every part has, for a part made of ``tokens``."""
        text, span = self.where(tokens, start)
        return {"text": text, "span": span, "year_inferred": year_inferred}


class Grammar(Lexer):
    """Token rules + grammar rules compiled into two scanners."""

    def __init__(
        self,
        token_rules: Iterable[TokenRule],
        rules: Iterable[Rule],
        merge: Callable[[list[Token], str], list[Token]],
        veto_words: Iterable[str] = (),
        veto_patterns: str | None = None,
        *,
        shapes: bool = True,
        finish: Callable[[Context], None] | None = None,
    ) -> None:
        self.token_rules = tuple(token_rules)
        #: whether strict lexing may replay the decisions recorded for a text's shape
        self.use_shapes = shapes
        self.rules = tuple(rules)
        self._merge = merge
        #: called after the productions when some part was read from a named period
        self._finish = finish
        self._init_vetoes(veto_words, veto_patterns)
        self._compiled = False
        self._plans: dict[str, Plan] = {}

    def _plan(self, codes: str) -> Plan:
        """Which rule covers which tokens, for a string of token codes, and which
        tokens no rule covers.

        A pure function of the codes (not of the text), so it is remembered for
        short code strings, like a parse table.
        """
        WORK.codes += len(codes)
        plan = tuple(
            (self._rule_by_group[m.lastgroup], m.start(), m.end())  # type: ignore[index]
            for m in self._parser.finditer(codes)
            if m.start() != m.end()
        )
        covered = bytearray(len(codes))
        for _, first, end in plan:
            covered[first:end] = b"\x01" * (end - first)
        entry = (plan, tuple(i for i, c in enumerate(covered) if not c))
        if len(codes) <= _PLAN_LENGTH and len(self._plans) < _PLANS:
            self._plans[codes] = entry
        return entry

    def _compile(self) -> None:
        self._compile_tokens()
        self._rule_by_group = {f"r{i}": r for i, r in enumerate(self.rules)}
        self._parser = re.compile(
            "|".join(f"(?P<r{i}>{r.pattern})" for i, r in enumerate(self.rules))
        )
        self._compiled = True

    def parse(
        self,
        text: str,
        cleaned: Cleaned,
        reference: dt.date,
        strict: bool,
        *,
        lenient: bool = False,
    ) -> Context:
        """Lex and compose ``cleaned`` (the cleaned form of ``text``); the parts are in
        the returned context's ``parts``, in reading order. ``lenient`` skips an
        expression that names an impossible date (or one whose arithmetic leaves
        the calendar, 0001–9999) instead of raising, listing it in ``failures``."""
        failures: list[tuple[int, int, Exception]] = []
        if lenient:
            tokens = self.lex(cleaned.text, lenient=True, failures=failures)
        else:  # a strict lex raises instead of listing failures
            tokens = self.lex(cleaned.text)
        codes = "".join([t.code for t in tokens])
        entry = self._plans.get(codes)
        if entry is None:
            entry = self._plan(codes)
        ctx = Context(text, cleaned, tokens, reference, strict, codes, entry, failures, lenient)
        plan = entry[0]
        parts = ctx.parts
        for rule, start, end in plan:
            try:
                parts.extend(rule.produce(ctx, tokens[start:end]))
            except _SKIPPED as exc:
                # date arithmetic past year 9999 or before year 1 fails one expression
                if not lenient or not (isinstance(exc, InvalidDate) or is_out_of_calendar(exc)):
                    raise
                failures.append((tokens[start].start, tokens[end - 1].end, exc))
        if failures:
            failures.sort(key=lambda f: f[0])
        if ctx.named and self._finish is not None:
            self._finish(ctx)
        return ctx
