"""The installed package holds every subpackage of the source tree (a non-editable
``pip install .`` once missed a new one, ``shixian.grammar.compose``, because the
packages were listed by hand)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packages_are_found_not_listed() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # tomllib is 3.11+
    assert "[tool.setuptools.packages.find]" in pyproject
    section = pyproject.split("[tool.setuptools.packages.find]", 1)[1].split("\n[", 1)[0]
    assert re.findall(r'"([^"]+)"', section) == ["shixian*"]
    assert not re.search(r"^packages\s*=", pyproject, flags=re.M)


def test_every_directory_of_modules_is_a_package() -> None:
    """setuptools' find leaves out a directory without ``__init__.py``."""
    for directory in [ROOT / "shixian", *(ROOT / "shixian").rglob("*")]:
        if directory.is_dir() and any(directory.glob("*.py")):
            assert (directory / "__init__.py").is_file(), directory
    assert (ROOT / "shixian" / "grammar" / "compose" / "__init__.py").is_file()
