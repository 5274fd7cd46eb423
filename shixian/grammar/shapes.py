"""The lexer's shape memo: the lexing decisions of a phrase, replayed for every phrase
of the same *shape* (the same text but for its ASCII digits).

``2016年7月底前`` and ``2019年8月底前`` differ only in their digits; the shape of both
is ``1011年1月底前`` (as UTF-8 bytes: zero stays zero and the other digits become 1, as
some rules single out 0, the 0 written for 〇 in 二0一六年). Lexing is a sequence of
decisions — which token rule matches where, which words are vetoed, where the gaps and
clause breaks fall, which parts of the text each group of a rule captured — and when
every pattern involved treats the digits of a class alike, those decisions are the
same for every text of one shape. The memo keeps them per shape; a replay slices the
new text at the recorded places and calls each token rule's ``make`` with the very
arguments a full scan would pass, in the same order, so the tokens (and any
:class:`~shixian.errors.InvalidDate` a ``make`` raises: 2016年13月) are the ones a
full scan gives.

Why it is sound, checked when the grammar compiles (:mod:`shixian.grammar.patterns`):

* the veto patterns and words, and the token rules that are
  :func:`~shixian.grammar.patterns.digit_neutral`, match alike on every text of a
  shape;
* a token rule that is not (``[01]?[0-9]|2[0-4]`` for the hour of 24时, ``[1-7]`` for
  周N) is *widened* (:func:`widen`): every set that splits a class gets all digits, and
  lookarounds, anchors and back-references are relaxed, so that the widened
  pattern matches wherever the rule could match on any text of the shape. A shape
  on which a widened rule finds anything is not shared: each of its texts is kept by
  its exact text. Elsewhere the rule cannot match, so it takes no part in the
  decisions.

Only the strict lexing of a phrase uses the memo (``normalize``); running text
(``extract``, lenient) is always scanned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from .patterns import DIGITS, digit_neutral, neutral_items

try:  # Python 3.11+
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

__all__ = ["MASK", "UNSAFE", "LexPlan", "compile_plan", "unsafe_pattern", "widen"]

#: Maps each ASCII digit to the first of its class (:data:`~shixian.grammar.patterns.
#: DIGIT_CLASSES`: 0, and 1 for the others) in UTF-8: ``text.encode("utf-8",
#: "surrogatepass").translate(MASK)`` is the text's shape (UTF-8 writes an ASCII digit
#: as its byte, and no other character, lone surrogates included, uses bytes below 0x80).
MASK = bytes.maketrans(b"23456789", b"11111111")

#: The memo's entry for a shape that always takes the full scan.
UNSAFE: Any = ()

#: One token to rebuild: code, start, end, rule name, ``make`` (``None`` for gaps and
#: breaks, whose value is their text) and the spans of the groups ``make`` takes
#: (``None`` for a group that did not take part).
Step = tuple[str, int, int, str, "Callable[..., Any] | None", "tuple[tuple[int, int] | None, ...]"]


class LexPlan:
    """The recorded decisions for one shape: ``replay(text)`` rebuilds the tokens of a
    text of that shape; ``misses`` is the count of misses of the scan.

    The replays read the recorded steps; a shape that recurs often is then compiled
    into one function (:func:`compile_plan`): compiling costs about as much as 50 to
    100 replays save, so it pays only for a shape that recurs far more often than that.
    """

    __slots__ = ("fields", "makes", "misses", "replay", "steps", "token", "uses")

    def __init__(self, steps: list[Step], misses: int, token: Callable[..., Any]) -> None:
        self.steps = steps
        self.misses = misses
        self.token = token
        self.uses = 0
        #: the tokens' codes, starts, ends and rule names, field by field
        self.fields = tuple(zip(*[(c, s, e, n) for c, s, e, n, _, _ in steps], strict=True))
        #: how each value is read, made once: the reader (``None`` for a gap or break,
        #: whose value is its text), the slice of the token, then ``None`` for each
        #: group the reader takes and the groups that took part
        self.makes = [
            (
                make,
                slice(start, end),
                (None,) * len(spans),
                tuple((k, slice(*g)) for k, g in enumerate(spans, 1) if g is not None),
            )
            for _, start, end, _, make, spans in steps
        ]
        self.replay: Callable[[str], list[Any]] = functools.partial(_replay_steps, self)


#: replays of a plan read from its steps before they are compiled (see LexPlan)
_COMPILE_AFTER = 64


def _replay_steps(plan: LexPlan, text: str) -> list[Any]:
    """The tokens of ``text`` rebuilt from the plan's steps (as the compiled replay does)."""
    plan.uses += 1
    if plan.uses >= _COMPILE_AFTER:
        plan.replay = compile_plan(plan.steps, plan.token)
    values = []
    for make, whole, absent, groups in plan.makes:
        if make is None:
            values.append(text[whole])
        elif not absent:
            values.append(make(text[whole]))
        else:
            args = [text[whole], *absent]
            for k, group in groups:
                args[k] = text[group]
            values.append(make(*args))
    if not values:
        return []
    codes, starts, ends, names = plan.fields
    return list(map(plan.token, codes, starts, ends, values, names))


def unsafe_pattern(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern of the widened forms of the patterns that are not digit-neutral
    (``None`` when all are); a shape it finds anything in is never memoized."""
    widened = [widen(p) for p in patterns if not digit_neutral(p)]
    if not widened:
        return None
    return re.compile("|".join(f"(?:{w})" for w in widened))


def widen(pattern: str) -> str:
    """A digit-neutral pattern that matches at least wherever ``pattern`` does, on
    every text that differs from the text only in its digits.

    Sets and literals that split a class of digits take all ten; a positive
    lookaround is widened too, a negative one is kept when it is neutral and dropped
    otherwise, anchors are dropped (dropping only allows more); a back-reference
    becomes the pattern of its group, atomic groups and possessive repeats become
    plain ones (so that the search is complete).

    >>> widen(r"(?<![0-9])(?:2[0-4]|[0-9])时"), widen("[^0-5x]")
    ('(?<![0-9])(?:[0-9][0-40-9]|[0-9])时', '[^x]')
    """
    groups: dict[int, Any] = {}
    return _sequence(_sre_parser.parse(pattern), groups)


_ALL_DIGITS = "[0-9]"


def _sequence(items: Any, groups: dict[int, Any]) -> str:
    return "".join(_item(str(op), av, groups) for op, av in items)


def _literal(code: int) -> str:
    return re.escape(chr(code))


def _set(items: Any) -> str:
    if [str(kind) for kind, _ in items] == ["NEGATE"]:
        return "(?s:.)"  # a negated set left empty: any character
    out = []
    for kind, value in items:
        kind = str(kind)
        if kind == "NEGATE":
            out.append("^")
        elif kind == "LITERAL":
            out.append(_set_char(value))
        elif kind == "RANGE":
            out.append(f"{_set_char(value[0])}-{_set_char(value[1])}")
        elif kind == "CATEGORY":
            out.append(_CATEGORIES[str(value)])
        else:  # pragma: no cover - not made by the parser
            raise ValueError(f"cannot widen a set item {kind}")
    return "[" + "".join(out) + "]"


def _set_is_neutral(items: Any) -> bool:
    return digit_neutral(_set(items))


_ZERO, _NINE = ord("0"), ord("9")


def _with_all_digits(items: Any) -> list[Any]:
    """The items of a set that also matches every digit: ``0-9`` added to a set,
    the digits taken out of a negated one (whose categories then hold none)."""
    kinds = [str(kind) for kind, _ in items]
    if "NEGATE" not in kinds:
        return [*items, ("RANGE", (_ZERO, _NINE))]
    out: list[Any] = []
    for kind, value in items:
        name = str(kind)
        if name == "LITERAL" and _ZERO <= value <= _NINE:
            continue
        if name == "RANGE":
            low, high = value
            if low < _ZERO:
                out.append(("RANGE", (low, min(high, _ZERO - 1))))
            if high > _NINE:
                out.append(("RANGE", (max(low, _NINE + 1), high)))
            continue
        out.append((kind, value))
    return out


def _set_char(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else ch


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
}


def _item(op: str, av: Any, groups: dict[int, Any]) -> str:
    if op == "LITERAL":
        return _ALL_DIGITS if chr(av) in DIGITS and chr(av) != "0" else _literal(av)
    if op == "NOT_LITERAL":
        return "(?s:.)" if chr(av) in DIGITS and chr(av) != "0" else f"[^{_set_char(av)}]"
    if op == "IN":
        return _set(av) if _set_is_neutral(av) else _set(_with_all_digits(av))
    if op == "ANY":
        return "(?s:.)"
    if op == "CATEGORY":
        return _CATEGORIES[str(av)]
    if op == "AT":
        return ""
    if op in ("ASSERT", "ASSERT_NOT"):
        # a positive assertion widens with its pattern; a negative one is kept only
        # when it is neutral (a wider pattern would forbid more), else it is dropped
        direction, sub = av
        if op == "ASSERT_NOT" and not neutral_items(sub):
            return ""
        opening = (
            ("(?=" if op == "ASSERT" else "(?!")
            if direction == 1
            else ("(?<=" if op == "ASSERT" else "(?<!")
        )
        return f"{opening}{_sequence(sub, groups)})"
    if op == "SUBPATTERN":
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise ValueError("cannot widen a pattern with inline flags")
        if group is not None:
            groups[group] = sub
        return f"(?:{_sequence(sub, groups)})"
    if op == "ATOMIC_GROUP":
        return f"(?:{_sequence(av, groups)})"
    if op == "BRANCH":
        return "(?:" + "|".join(_sequence(b, groups) for b in av[1]) + ")"
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        top = "" if high == _sre_parser.MAXREPEAT else str(high)
        return f"(?:{_sequence(sub, groups)}){{{low},{top}}}"
    if op == "GROUPREF":
        return f"(?:{_sequence(groups[av], {})})"
    if op == "GROUPREF_EXISTS":
        _group, yes, no = av
        return f"(?:{_sequence(yes, groups)}|{'' if no is None else _sequence(no, groups)})"
    raise ValueError(f"cannot widen {op}")


def compile_plan(steps: list[Step], token: Callable[..., Any]) -> Callable[[str], list[Any]]:
    """One function that rebuilds the tokens of a text of the plan's shape: it slices
    the text at the recorded places and calls each ``make`` with the arguments a full
    scan passes it, in the same order (a list display evaluates left to right)."""
    namespace: dict[str, Any] = {"Token": token}
    items = []
    for k, (code, start, end, name, make, spans) in enumerate(steps):
        if make is None:
            value = f"t[{start}:{end}]"
        else:
            namespace[f"m{k}"] = make
            args = [f"t[{start}:{end}]"]
            args += ["None" if s is None else f"t[{s[0]}:{s[1]}]" for s in spans]
            value = f"m{k}({', '.join(args)})"
        items.append(f"Token({code!r}, {start}, {end}, {value}, {name!r})")
    source = "def replay(t):\n    return [" + ", ".join(items) + "]\n"
    exec(source, namespace)  # generated from the recorded steps only
    replay: Callable[[str], list[Any]] = namespace["replay"]
    return replay
