"""Static checks run with the tests: mypy --strict and ruff, when installed (the test extra)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    proc = _run("mypy", "--strict", "shixian")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_check() -> None:
    if shutil.which("ruff") is None and not _has_module("ruff"):
        pytest.skip("ruff is not installed")
    proc = _run("ruff", "check", "shixian", "tests", "benchmarks", "examples")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
