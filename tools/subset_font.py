"""Make the CJK font shipped with shixian: a subset of Noto Sans CJK SC (SIL OFL 1.1).

The timeline picture (``shixian timeline -o plan.png``) must show Chinese text on a
machine with no CJK font (a fresh CI machine), so shixian ships a subset of an
open font: every character of GB 2312 (6,763 hanzi and its symbols), ASCII, CJK
and full-width punctuation, and every character of the example tables and the
corpus. The family is renamed (OFL: a modified font does not take the original's
name), the outlines are Noto's own.

Run from the repository, with Debian's fonts-noto-cjk installed and fontTools:

    apt-get install -y fonts-noto-cjk && pip install fonttools
    python tools/subset_font.py

It writes ``shixian/io/fonts/ShixianSansSC-Regular.otf`` and ``OFL.txt`` (read by
``shixian/io/cjkfont.py``).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
OUT = ROOT / "shixian" / "io" / "fonts"
FAMILY = "Shixian Sans SC"
POSTSCRIPT = "ShixianSansSC-Regular"


def gb2312() -> set[str]:
    """Every character GB 2312 encodes (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([high, low]).decode("gb2312"))
    return chars


def wanted() -> set[str]:
    chars = gb2312()
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF66)}  # full-width forms
    chars |= {chr(c) for c in range(0x2010, 0x2028)}  # dashes, quotes, …
    chars |= set("→←↑↓×÷±·•◆◇■□▲△●○★☆√≤≥≠∞°℃№〇")
    for folder in ("examples", "corpus"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".csv", ".tsv", ".md", ".txt"):
                chars |= set(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() or c == " "}


def ofl_text() -> str:
    """The OFL 1.1 text, from Debian's copyright file (its ' .' lines are blank lines)."""
    text = COPYRIGHT.read_text(encoding="utf-8")
    start = text.index("License: SIL-1.1\n -----")
    body = []
    for line in text[start:].splitlines()[1:]:
        if line and not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    header = (
        "ShixianSansSC-Regular.otf is a subset of Noto Sans CJK SC Regular 2.004\n"
        "(https://github.com/googlefonts/noto-cjk), renamed as the licence asks of a\n"
        "modified version. © 2014-2021 Adobe (http://www.adobe.com/), with Reserved\n"
        "Font Name 'Source'. Noto is a trademark of Google Inc.\n\n"
    )
    return header + "\n".join(body).strip() + "\n"


def main() -> int:
    font = TTFont(SOURCE, fontNumber=2)  # 0 JP, 1 KR, 2 SC
    family = font["name"].getDebugName(1)
    if family != "Noto Sans CJK SC":
        print(f"font 2 of {SOURCE} is {family!r}, not Noto Sans CJK SC", file=sys.stderr)
        return 1
    options = subset.Options()
    options.layout_features = ["kern", "vert", "palt"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in wanted()))
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(
                f"2.004;shixian;{POSTSCRIPT}",
                3,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 6:
            names.setName(POSTSCRIPT, 6, record.platformID, record.platEncID, record.langID)
    font["CFF "].cff.fontNames = [POSTSCRIPT]
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"{POSTSCRIPT}.otf"
    font.save(target)
    (OUT / "OFL.txt").write_text(ofl_text(), encoding="utf-8")
    print(f"{target}: {target.stat().st_size:,} bytes, {len(font.getGlyphOrder()):,} glyphs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
