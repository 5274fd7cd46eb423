"""The README's Python examples run as written."""

from __future__ import annotations

import doctest

from .conftest import ROOT


def test_readme_examples() -> None:
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert tried > 5
    assert failures == 0
