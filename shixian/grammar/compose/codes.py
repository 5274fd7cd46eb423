"""Token codes and tables the passes of the composition stage share."""

from __future__ import annotations

from ..engine import GAP, LIST

__all__ = ["TIME_LIKE_RULES"]

#: Token rules whose words are time even when no part explains them: a time of
#: day or a hyphen left over is reported as unparsed.
TIME_LIKE_RULES = frozenset({"<time of day>", "<hyphen>", "<minimum length>", "去年同期"})

_RANGE = frozenset("Rh")
_SEPARATORS = frozenset((LIST, "j"))
_CLAUSE_COMMAS = frozenset(",")
_GRAIN_FIELD = {"day": "day", "month": "month", "quarter": "quarter", "year": "year"}
_LIMITS = {"day": 31, "month": 12, "quarter": 4, "year": 9999}
#: the smallest number a bare list item of that unit may be: 一、2023年度 numbers a heading
_LOWEST = {"year": 1000}
_DISTRIBUTED = frozenset("P")  # relations that apply to every item of a list
_DROPPED = "\0"  # a token merged into the list item after it
_LISTING = frozenset("nj/")  # codes a list needs
_HELPERS = frozenset("njhTmyzw")  # helper codes that become plain text when left over
#: a U token that opens with its number may have a lower end before it (3-5个工作日)
_LENGTH_START = frozenset("0123456789一二两三四五六七八九十")
_LENGTH_JOIN = frozenset((GAP, "n", "h", "R"))  # what a lower end and its connector lexed as
