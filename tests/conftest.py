"""Shared test fixtures: where the corpus files are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

# No test may depend on machine speed: Hypothesis's per-example deadline (200 ms by
# default) fails examples on a loaded 2-core machine, so it is off for every test.
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("shixian", deadline=None)
_settings.load_profile("shixian")
