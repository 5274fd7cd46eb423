"""The lexer's vetoes: words and patterns that are not time (目前, 提前, 国办发〔2021〕30号),
inside which no token is read (the words are listed in :mod:`shixian.grammar.vocabulary`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # Python 3.11+
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

from .patterns import first_chars

__all__ = ["VetoWords", "guarded", "index_words", "veto_end"]

#: for a character, the words holding it at each offset: ``(offset, pattern of the words)``
VetoWords = dict[str, tuple[tuple[int, "re.Pattern[str]"], ...]]


def index_words(words: Iterable[str]) -> VetoWords:
    """The not-time words by character: a word is looked for only where a token matched,
    by the character there, so for each character the words holding it at each offset."""
    by_char: dict[str, dict[int, list[str]]] = {}
    for word in words:
        for k, ch in enumerate(word):
            by_char.setdefault(ch, {}).setdefault(k, []).append(word)
    return {
        ch: tuple(
            (k, re.compile("|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))))
            for k, ws in offsets.items()
        )
        for ch, offsets in by_char.items()
    }


def veto_end(checks: tuple[tuple[int, re.Pattern[str]], ...], text: str, at: int, last: int) -> int:
    """The end of a not-time word that covers ``at`` and starts after ``last``; 0 if none."""
    for k, words in checks:
        begin = at - k
        if begin >= last:
            found = words.match(text, begin)
            if found is not None and found.end() > at:
                return found.end()
    return 0


def guarded(pattern: str) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters its matches start with, so that
    a search skips other places after one test instead of trying every alternative
    there (the not-time patterns open with lookbehinds, which leave the regex engine no
    prefix to scan for: a scan of a document was 3-4x slower). The same matches: a match
    starts with one of those characters; a pattern that may start with any, or match
    nothing, is left as it is.

    >>> guarded(r"(?<=.)共[0-9]天|第[0-9]号").pattern
    '(?=[共第])(?:(?<=.)共[0-9]天|第[0-9]号)'
    """
    first = first_chars(pattern)
    if first is None or _sre_parser.parse(pattern).getwidth()[0] == 0:
        return re.compile(pattern)
    return re.compile(f"(?=[{''.join(re.escape(ch) for ch in sorted(first))}])(?:{pattern})")
