"""The CJK font shipped with shixian, so pictures show Chinese text on any machine.

``shixian/io/fonts/ShixianSansSC-Regular.otf`` is a subset of Noto Sans CJK SC (SIL Open Font
License 1.1, ``fonts/OFL.txt``): GB 2312, ASCII, CJK punctuation and every
character of the examples and the corpus; ``tools/subset_font.py`` makes it.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

__all__ = ["FAMILY", "font_path", "missing", "woff_data_url"]

#: The family name of the shipped font.
FAMILY = "Shixian Sans SC"

_FILE = "ShixianSansSC-Regular.otf"


def font_path() -> Path:
    """The shipped font's file."""
    return Path(__file__).resolve().parent / "fonts" / _FILE


@functools.lru_cache(maxsize=1)
def _cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(font_path(), lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing(text: str) -> set[str]:
    """The characters of ``text`` the shipped font has no glyph for (needs ``fontTools``)."""
    cmap = _cmap()
    return {c for c in text if not c.isspace() and ord(c) not in cmap}


def woff_data_url(text: str) -> str | None:
    """A ``data:`` URL of a WOFF font with just the glyphs ``text`` needs, for ``@font-face``.

    ``None`` when ``fontTools`` is not installed: a page then uses the reader's fonts.
    """
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["kern", "palt"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]
    with TTFont(font_path()) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text + " ")
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff"
        font.save(buffer)
    return "data:font/woff;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
