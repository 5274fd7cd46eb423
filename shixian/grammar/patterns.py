"""What the engine proves about its regular expressions before it relies on it.

* :func:`first_chars`: the characters a match can start with (the lexer looks only
  there);
* :func:`digit_neutral`: whether a pattern treats every ASCII digit alike, so that
  two texts that differ only in their digits are matched at the same places with
  groups of the same spans. The lexer's shape memo (:mod:`shixian.grammar.shapes`)
  is used only when every pattern it depends on is digit-neutral.

Both read the parsed pattern (``re._parser``), not its text.
"""

from __future__ import annotations

import functools
from typing import Any

try:  # Python 3.11+
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

__all__ = ["DIGITS", "DIGIT_CLASSES", "digit_neutral", "first_chars", "neutral_items"]

#: The characters the shape memo abstracts: ASCII digits.
DIGITS = frozenset("0123456789")
#: The digits the shape memo does not tell apart: zero (which some rules single out, as
#: the 0 written for 〇 in 二0一六年), and the nine others.
DIGIT_CLASSES = (frozenset("0"), frozenset("123456789"))
_DIGIT_CODES = frozenset(ord(ch) for ch in DIGITS)
_CLASS_CODES = tuple(frozenset(ord(ch) for ch in c) for c in DIGIT_CLASSES)


def _whole_classes(codes: frozenset[int] | set[int]) -> bool:
    """Whether a set of digits holds each class of :data:`DIGIT_CLASSES` whole or not at all."""
    return all(c <= codes or not (c & codes) for c in _CLASS_CODES)


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with (``None``: any).

    Computed from the parsed pattern; zero-width assertions are skipped.

    >>> sorted(first_chars(r"(?<!月)(?:以|之)?前|底"))
    ['之', '以', '前', '底']
    """
    chars, _ = _first_of_sequence(_sre_parser.parse(pattern))
    return None if chars is None else frozenset(chars)


def _first_of_sequence(items: Any) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of_item(str(op), av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op: str, av: Any) -> tuple[set[str] | None, bool]:
    if op == "LITERAL":
        return {chr(av)}, False
    if op == "IN":
        chars: set[str] = set()
        for kind, value in av:
            kind = str(kind)
            if kind == "LITERAL":
                chars.add(chr(value))
            elif kind == "RANGE":
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None, False
        return chars, False
    if op == "SUBPATTERN":
        return _first_of_sequence(av[-1])
    if op == "ATOMIC_GROUP":
        return _first_of_sequence(av)
    if op == "BRANCH":
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars_b, null_b = _first_of_sequence(branch)
            if chars_b is None:
                return None, False
            out |= chars_b
            nullable = nullable or null_b
        return out, nullable
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, sub = av
        chars_r, null_r = _first_of_sequence(sub)
        return chars_r, null_r or low == 0
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), True
    return None, False


# -- digit neutrality ---------------------------------------------------------------

#: categories (\d, \w, \s and their negations) and the ASCII digits each matches
_CATEGORY_DIGITS = {
    "CATEGORY_DIGIT": True,
    "CATEGORY_NOT_DIGIT": False,
    "CATEGORY_WORD": True,
    "CATEGORY_NOT_WORD": False,
    "CATEGORY_SPACE": False,
    "CATEGORY_NOT_SPACE": True,
    "CATEGORY_LINEBREAK": False,
    "CATEGORY_NOT_LINEBREAK": True,
}


@functools.lru_cache(maxsize=1024)
def digit_neutral(pattern: str) -> bool:
    """True when ``pattern`` cannot tell apart two ASCII digits of one class of
    :data:`DIGIT_CLASSES` (zero; the nine others).

    Every literal, character set and category must match each class whole or not at
    all, and a back-reference may only repeat a group that cannot hold a digit
    (``2016-2016`` and ``2016-2017`` would differ). Then two texts equal but for their
    digits, each replaced by one of its class, are matched alike: same outcome, same
    span, same group spans.

    >>> digit_neutral(r"(?P<y>[0-9]{4})年"), digit_neutral(r"1[0-2]月"), digit_neutral(r"\\d+")
    (True, False, True)
    >>> digit_neutral(r"(?![0-9]{4}|0)[〇一二0]{4}"), digit_neutral(r"[1-9][0-9]?")
    (True, True)
    >>> digit_neutral(r"(?P<s>[-/])[0-9](?P=s)"), digit_neutral(r"(?P<n>[0-9])(?P=n)")
    (True, False)
    """
    parsed = _sre_parser.parse(pattern)
    groups: dict[int, Any] = {}
    return _neutral_sequence(parsed, groups)


def neutral_items(items: Any) -> bool:
    """:func:`digit_neutral` of an already parsed (sub)pattern."""
    return _neutral_sequence(items, {})


def _neutral_sequence(items: Any, groups: dict[int, Any]) -> bool:
    return all(_neutral_item(str(op), av, groups) for op, av in items)


def _neutral_item(op: str, av: Any, groups: dict[int, Any]) -> bool:
    if op in ("LITERAL", "NOT_LITERAL"):
        return av not in _DIGIT_CODES or _whole_classes({av})
    if op == "IN":
        digits = _set_digits(av)
        return digits is not None and _whole_classes(digits)
    if op == "CATEGORY":
        return str(av) in _CATEGORY_DIGITS
    if op in ("ANY", "AT"):
        return True
    if op == "SUBPATTERN":
        group, _add, _del, sub = av
        if group is not None:
            groups[group] = sub
        return _neutral_sequence(sub, groups)
    if op == "ATOMIC_GROUP":
        return _neutral_sequence(av, groups)
    if op == "BRANCH":
        return all(_neutral_sequence(branch, groups) for branch in av[1])
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _neutral_sequence(av[2], groups)
    if op in ("ASSERT", "ASSERT_NOT"):
        return _neutral_sequence(av[1], groups)
    if op == "GROUPREF":
        sub = groups.get(av)
        return sub is not None and not _may_hold_digit(sub)
    if op == "GROUPREF_EXISTS":
        _group, yes, no = av
        return _neutral_sequence(yes, groups) and (no is None or _neutral_sequence(no, groups))
    return False  # an operator not known here: no claim


def _set_digits(items: Any) -> frozenset[int] | None:
    """The ASCII digits a character set ``[...]`` matches (``None``: not known here)."""
    digits: set[int] = set()
    negate = False
    for kind, value in items:
        kind = str(kind)
        if kind == "NEGATE":
            negate = True
        elif kind == "LITERAL":
            if value in _DIGIT_CODES:
                digits.add(value)
        elif kind == "RANGE":
            digits.update(c for c in _DIGIT_CODES if value[0] <= c <= value[1])
        elif kind == "CATEGORY":
            holds = _CATEGORY_DIGITS.get(str(value))
            if holds is None:
                return None
            if holds:
                digits.update(_DIGIT_CODES)
        else:
            return None
    return _DIGIT_CODES - digits if negate else frozenset(digits)


def _may_hold_digit(items: Any) -> bool:
    """Whether a group's pattern could match a digit (conservatively: yes when unsure)."""
    for op, av in items:
        op = str(op)
        if op == "LITERAL":
            if av in _DIGIT_CODES:
                return True
        elif op == "IN":
            if _set_digits(av) != frozenset():
                return True
        elif op == "SUBPATTERN":
            if _may_hold_digit(av[-1]):
                return True
        elif op == "BRANCH":
            if any(_may_hold_digit(branch) for branch in av[1]):
                return True
        elif op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if _may_hold_digit(av[2]):
                return True
        elif op not in ("AT", "ASSERT", "ASSERT_NOT"):
            return True
    return False
