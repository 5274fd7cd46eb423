"""The lexer: token rules compiled into one alternation per first character, the
not-time vetoes, gaps and clause breaks, and the shape memo (:mod:`shixian.grammar.shapes`).

:class:`Lexer` is the lexing half of :class:`shixian.grammar.engine.Grammar`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .._work import WORK
from ..errors import InvalidDate
from .patterns import DIGITS, digit_neutral, first_chars
from .shapes import MASK, UNSAFE, LexPlan, unsafe_pattern
from .tokens import _SKIPPED, BREAK, GAP, LIST, Token, TokenRule, is_out_of_calendar
from .vetoes import guarded, index_words, veto_end

__all__ = ["Lexer"]  # fmt: skip


_BREAK_CHARS = frozenset(",;。、!?:\n")
_SILENT_CHARS = frozenset("()[]\"'《》<>“”「」『』·")
#: the shape memo: texts up to this length, this many shapes (then it starts over)
_SHAPE_LENGTH = 200
_SHAPES = 8192
#: texts lexed before the soundness of shapes is checked (see Lexer._compile_tokens)
_WARM = 64
#: a rule token of a scan: its index, ``make``, the spans of the groups ``make`` takes
_Step = tuple[int, Callable[..., Any], tuple[tuple[int, int] | None, ...]]
_BREAK_OR_SILENT = re.compile(
    "[" + "".join(re.escape(ch) for ch in sorted(_BREAK_CHARS | _SILENT_CHARS)) + "]"
)


def _prefix_groups(pattern: str, prefix: str) -> tuple[str, list[tuple[str, str]]]:
    names: list[tuple[str, str]] = []

    def rename(m: re.Match[str]) -> str:
        names.append((m.group(1), f"{prefix}{m.group(1)}"))
        return f"(?P<{prefix}{m.group(1)}>"

    renamed = re.sub(r"\(\?P<(\w+)>", rename, pattern)
    return re.sub(r"\(\?P=(\w+)\)", lambda m: f"(?P={prefix}{m.group(1)})", renamed), names


_Alternation = tuple[
    "re.Pattern[str]", dict[str, tuple[Callable[..., Any], str, str, tuple[int, ...]]]
]


def _check_make(rule: TokenRule, groups: list[str]) -> None:
    """``rule.make`` must take the text, then one parameter per named group, in order."""
    import inspect  # only when the grammar compiles: it is slow to import

    params = list(inspect.signature(rule.make).parameters.values())
    named = [p.name for p in params[1 : 1 + len(groups)]]
    rest = params[1 + len(groups) :]
    if named != groups or any(p.default is inspect.Parameter.empty for p in rest):
        raise ValueError(
            f"token rule {rule.name!r}: make{inspect.signature(rule.make)} does not take "
            f"(text, {', '.join(groups)}) in the order of the pattern's groups"
        )


#: How many rules an alternation may hold that cannot start with a character it serves.
_EXTRA_RULES = 4


def _clustered(keys: dict[str, tuple[int, ...]], sizes: list[int]) -> dict[str, tuple[int, ...]]:
    """The rules each character's alternation holds: the rules that may start with it
    (``keys``), merged with those of similar characters into one alternation.

    Merging is sound: at a position holding ``ch``, a rule that cannot start with
    ``ch`` cannot match, so the first alternative that matches is the same. It makes
    far fewer and smaller patterns to compile (the rules of dates start with any of 20
    digits, Arabic and Chinese: 157,000 characters of pattern in 110 alternations
    became 68,000 in 51, 0.41 s of compiling 0.17 s, measured), for at most
    :data:`_EXTRA_RULES` alternatives tried in vain at a position. Greedy, largest
    first: each set of rules joins the cluster it shares the most pattern with.
    """
    clusters: list[tuple[set[int], int]] = []  # (union, its smallest member's size)
    placed: dict[tuple[int, ...], int] = {}
    for key in sorted(set(keys.values()), key=lambda k: (-sum(sizes[i] for i in k), k)):
        best, shared = -1, 0
        for n, (union, smallest) in enumerate(clusters):
            if len(union | set(key)) - min(smallest, len(key)) > _EXTRA_RULES:
                continue
            common = sum(sizes[i] for i in union.intersection(key))
            if common > shared:
                best, shared = n, common
        if best < 0:
            placed[key] = len(clusters)
            clusters.append((set(key), len(key)))
        else:
            union, smallest = clusters[best]
            union.update(key)
            clusters[best] = (union, min(smallest, len(key)))
            placed[key] = best
    merged = [tuple(sorted(union)) for union, _ in clusters]
    return {ch: merged[placed[key]] for ch, key in keys.items()}


def _text_of(shape: bytes) -> str:
    return shape.decode("utf-8", "surrogatepass")


class Lexer:
    """Token rules and not-time vetoes compiled into a scanner (with its shape memo)."""

    token_rules: tuple[TokenRule, ...]
    use_shapes: bool
    _compiled: bool
    _merge: Callable[[list[Token], str], list[Token]]

    def _compile(self) -> None:  # pragma: no cover - the grammar's
        raise NotImplementedError

    def _init_vetoes(self, veto_words: Iterable[str], veto_patterns: str | None) -> None:
        """Index the words and patterns that are not time."""
        # Words that are not time (目前, 提前, 内容 …, shixian.grammar.vocabulary): no
        # token is read inside them (see shixian.grammar.vetoes).
        self._veto_words = index_words(veto_words)
        #: patterns that are not time (国办发〔2021〕30号, 年满十六周岁): one scan per text
        self._veto_patterns = None if veto_patterns is None else guarded(veto_patterns)

    def _compile_tokens(self) -> None:
        """The alternations by first character, and whether the shape memo is sound."""
        alternatives = []
        names_of: dict[str, list[tuple[str, str]]] = {}
        firsts: list[frozenset[str]] = []
        for i, tr in enumerate(self.token_rules):
            body, names = _prefix_groups(tr.pattern, f"t{i}_")
            _check_make(tr, [short for short, _ in names])
            alternatives.append(f"(?P<t{i}>{body})")
            names_of[f"t{i}"] = names
            first = first_chars(tr.pattern)
            if first is None:
                raise ValueError(f"token rule {tr.name!r} may start with any character")
            firsts.append(first)
        # One alternation per first character, holding only the rules that can
        # start with it (in their order): the scanner skips other positions. Each
        # is compiled when a text first needs it (see _alternation), so that a
        # single phrase does not wait for all of them.
        self._alternatives = alternatives
        self._names_of = names_of
        self._keys = _clustered(
            {
                ch: tuple(i for i, first in enumerate(firsts) if ch in first)
                for ch in set().union(*firsts)
            },
            [len(a) for a in alternatives],
        )
        self._by_rules: dict[tuple[int, ...], _Alternation] = {}
        self._dispatch: dict[str, _Alternation] = {}
        self._starts = re.compile("[" + "".join(re.escape(ch) for ch in sorted(self._keys)) + "]")
        # The shape memo. Whether its shapes are sound (every pattern the lexer decides
        # by is neutral, or widened) is checked once _WARM texts were scanned: the check
        # reads every pattern (tens of ms), which a single phrase should not wait for.
        # Until then each text is kept by its exact text, which is always sound.
        self._shapes: dict[bytes, LexPlan] | None = {} if self.use_shapes else None
        self._texts: dict[str, LexPlan] = {}  # texts kept by their exact text
        self._checked = False
        self._unsafe: re.Pattern[str] | None = None
        self._warm = 0

    def _check_shapes(self) -> None:
        """Decide whether shapes are sound for this grammar, and widen the rules that
        tell digits apart (see :mod:`shixian.grammar.shapes`)."""
        neutral = (
            (self._veto_patterns is None or digit_neutral(self._veto_patterns.pattern))
            and not any(ch in DIGITS for ch in self._veto_words)
            and digit_neutral(_BREAK_OR_SILENT.pattern)
        )
        self._unsafe = unsafe_pattern([tr.pattern for tr in self.token_rules])
        if not neutral:
            self._shapes = None
        self._checked = True

    def _alternation(self, ch: str) -> _Alternation:
        """The compiled alternation of the token rules that may start with ``ch``.

        Threads that race here compile equal patterns; either result serves.
        """
        key = self._keys[ch]
        entry = self._by_rules.get(key)
        if entry is None:
            pattern = re.compile("|".join(self._alternatives[i] for i in key))
            # group numbers differ between alternations: index them per pattern
            table = {
                f"t{i}": (
                    self.token_rules[i].make,
                    self.token_rules[i].code,
                    self.token_rules[i].name,
                    tuple(pattern.groupindex[full] for _, full in self._names_of[f"t{i}"]),
                )
                for i in key
            }
            entry = self._by_rules[key] = (pattern, table)
        self._dispatch[ch] = entry
        return entry

    def lex(
        self,
        text: str,
        *,
        lenient: bool = False,
        failures: list[tuple[int, int, Exception]] | None = None,
    ) -> list[Token]:
        """Tokens of ``text`` in order, with gap and break tokens between them.

        ``lenient`` (running text) reads a token whose value is impossible
        (2016年2月30日) as free text instead of raising, and appends
        ``(start, end, error)`` to ``failures`` when given. A strict lex replays the
        decisions recorded for the text's shape when it can (:mod:`shixian.grammar.shapes`).
        """
        if not self._compiled:
            self._compile()
        if lenient or self._shapes is None or len(text) > _SHAPE_LENGTH:
            tokens, misses = self._scan(text, lenient, failures, None)
        else:
            shape = text.encode("utf-8", "surrogatepass").translate(MASK)
            plan = self._shapes.get(shape)
            # a rule that tells digits apart may decide (or shapes are not checked yet):
            # the text is its own shape
            exact = plan is UNSAFE or not self._checked
            if exact:
                plan = self._texts.get(text)
            if plan is None:
                steps: list[_Step] = []
                tokens, misses = self._scan(text, lenient, failures, steps)
                self._remember(shape, text, exact, tokens, steps, misses)
            else:
                tokens, misses = plan.replay(text), plan.misses
        WORK.positions += len(tokens) + misses
        merged = self._merge(tokens, text)
        for i, token in enumerate(merged):
            token.index = i
        return merged

    def _remember(
        self,
        shape: bytes,
        text: str,
        exact: bool,
        tokens: list[Token],
        steps: list[_Step],
        misses: int,
    ) -> None:
        """Keep the decisions of a full scan of ``text`` for its ``shape``; for the text
        itself when a rule that tells digits apart may decide in that shape, or before
        shapes are checked (``exact``)."""
        assert self._shapes is not None
        if not self._checked:
            self._warm += 1
            if self._warm < _WARM:
                exact = True  # the text is its own shape until the check is made
            else:
                self._check_shapes()
                if self._shapes is None:
                    return
        if len(self._shapes) >= _SHAPES:
            self._shapes.clear()
        if len(self._texts) >= _SHAPES:
            self._texts.clear()
        unsafe = self._unsafe
        digits = b"0" in shape or b"1" in shape  # (else the text is its shape's only one)
        if not exact and digits and unsafe and unsafe.search(_text_of(shape)):
            self._shapes[shape] = UNSAFE
            exact = True
        memo: dict[Any, LexPlan] = self._texts if exact else self._shapes
        key: str | bytes = text if exact else shape
        made = {at: (make, spans) for at, make, spans in steps}
        plan = []
        for at, tok in enumerate(tokens):
            make, spans = made.get(at, (None, ()))
            plan.append((tok.code, tok.start, tok.end, tok.rule, make, spans))
        memo[key] = LexPlan(plan, misses, Token)

    def _scan(
        self,
        text: str,
        lenient: bool,
        failures: list[tuple[int, int, Exception]] | None,
        steps: list[_Step] | None,
    ) -> tuple[list[Token], int]:
        """The tokens of a full scan and the count of misses; with ``steps``, each rule
        token's index, ``make`` and group spans are recorded there."""
        tokens: list[Token] = []
        append = tokens.append
        dispatch = self._dispatch
        search = self._starts.search
        size = len(text)
        last = start = misses = 0
        vetoes = (
            []
            if self._veto_patterns is None
            else [m.span() for m in self._veto_patterns.finditer(text)]
        )
        vi = 0
        veto_words = self._veto_words
        while True:
            # tokens mostly follow each other: look at the next character before searching
            entry = dispatch.get(text[start]) if start < size else None
            if entry is None:
                found = search(text, start)
                if found is None:
                    break
                start = found.start()
                entry = dispatch.get(text[start]) or self._alternation(text[start])
            if vetoes:
                while vi < len(vetoes) and vetoes[vi][1] <= start:
                    vi += 1
                if vi < len(vetoes) and vetoes[vi][0] <= start:
                    start = vetoes[vi][1]  # the words stay plain text, in the next gap
                    vi += 1
                    continue
            m = entry[0].match(text, start)
            if m is None:
                misses += 1
                start += 1
                continue
            checks = veto_words.get(text[start])
            if checks is not None:
                word_end = veto_end(checks, text, start, last)
                if word_end:
                    start = word_end
                    continue
            make, code, name, indices = entry[1][m.lastgroup]  # type: ignore[index]
            try:
                if not indices:
                    value = make(m.group())
                elif len(indices) == 1:
                    value = make(m.group(), m.group(indices[0]))
                else:
                    value = make(m.group(), *m.group(*indices))
            except _SKIPPED as exc:
                if not lenient or not (isinstance(exc, InvalidDate) or is_out_of_calendar(exc)):
                    raise
                misses += 1
                if failures is not None:
                    failures.append((start, m.end(), exc))
                # the whole impossible expression is free text: no shorter reading of its tail
                start = max(m.end(), start + 1)
                continue
            if start > last:
                self._gap(text, last, start, tokens)
            last = end = m.end()
            if steps is not None:
                spans = tuple(None if m.start(i) < 0 else m.span(i) for i in indices)
                steps.append((len(tokens), make, spans))
            append(Token(code, start, end, value, name))
            start = end
        if last < len(text):
            self._gap(text, last, len(text), tokens)
        return tokens, misses

    @staticmethod
    def _gap(text: str, start: int, end: int, tokens: list[Token]) -> None:
        """Split free text into gap tokens at clause breaks; drop brackets and quotes."""
        if _BREAK_OR_SILENT.search(text, start, end) is None:  # the common case: plain words
            tokens.append(Token(GAP, start, end, text[start:end], "gap"))
            return
        run_start = start
        for m in _BREAK_OR_SILENT.finditer(text, start, end):
            i = m.start()
            ch = text[i]
            if i > run_start:
                tokens.append(Token(GAP, run_start, i, text[run_start:i], "gap"))
            if ch in _BREAK_CHARS and (not tokens or tokens[-1].code not in (BREAK, LIST)):
                code = LIST if ch == "、" else BREAK
                tokens.append(Token(code, i, i + 1, ch, "break"))
            run_start = i + 1
        if end > run_start:
            tokens.append(Token(GAP, run_start, end, text[run_start:end], "gap"))
