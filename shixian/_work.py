"""Work counters: how much the lexer, the composer and the productions do.

Tests of linear growth count work here instead of reading the clock, so they
cannot fail because the machine is busy. Every stage that could loop over more
than a bounded stretch of the input adds what it visited to :data:`WORK`, once
per call (never per character), so counting costs a few integer additions per
phrase:

* ``positions``: places the lexer tried a token at (tokens found + misses);
  each try is one match of a token pattern, whose length is bounded (checked by
  ``tests/test_linearity.py``);
* ``codes``: token codes the composer's rule scanner read (on a parse-table miss);
* ``walked``: tokens a production walked back over (the trigger of 及时, 后…内);
* ``scanned``: characters a production read around its tokens (a statute's topic);
* ``scoped``: part × condition pairs looked at when conditions are attached;
* ``matches``: parts turned into matches by :func:`shixian.extract`;
* ``reached``: characters :func:`shixian.extract` looked back over for the trigger
  words a match covers (bounded per match, see ``shixian.grammar.extent``).

The counters are process-wide and not locked; they are exact in one thread.
"""

from __future__ import annotations

__all__ = ["WORK", "Work"]

_FIELDS = ("positions", "codes", "walked", "scanned", "scoped", "matches", "reached")


class Work:
    """Counts of work units since the last :meth:`reset` (see the module docstring)."""

    __slots__ = _FIELDS

    def __init__(self) -> None:
        self.positions = 0
        self.codes = 0
        self.walked = 0
        self.scanned = 0
        self.scoped = 0
        self.matches = 0
        self.reached = 0

    def reset(self) -> None:
        """Set every counter to zero."""
        for name in _FIELDS:
            setattr(self, name, 0)

    def snapshot(self) -> dict[str, int]:
        """The counters by name."""
        return {name: getattr(self, name) for name in _FIELDS}

    def total(self) -> int:
        """All units added up."""
        return sum(getattr(self, name) for name in _FIELDS)


#: The process-wide counters.
WORK = Work()
