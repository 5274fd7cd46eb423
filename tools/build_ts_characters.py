"""Write ``shixian/grammar/data/ts_characters.tsv`` from OpenCC's ``TSCharacters.txt``.

    python tools/build_ts_characters.py PATH/TO/TSCharacters.txt

OpenCC (https://github.com/BYVoid/OpenCC, Apache License 2.0) keeps the one-character
map from traditional to simplified characters; its ``dictionary/TSCharacters.txt`` ships
in the ``opencc-python-reimplemented`` wheel too. The cleaner needs one character for one
(offsets into the original text must not move), so each traditional character keeps its
first simplified candidate, as OpenCC's own character-level conversion does (於 → 于 於
keeps 于, 乾 → 干 乾 keeps 干); a character whose first candidate is itself changes nothing
and is left out. The cleaner's hand-picked table in ``clean.py`` wins where they differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "shixian" / "grammar" / "data" / "ts_characters.tsv"
HEADER = (
    "# Traditional -> simplified, one character for one: the first candidate of each entry of\n"
    "# OpenCC's dictionary/TSCharacters.txt (https://github.com/BYVoid/OpenCC, Apache License\n"
    "# 2.0, Copyright (c) BYVoid and the OpenCC contributors). Written by\n"
    "# tools/build_ts_characters.py; read by shixian.grammar.clean. License: OPENCC_LICENSE.txt\n"
    "# beside it.\n"
)


def main(source: str) -> int:
    """Write the table; the number of pairs written."""
    pairs: list[str] = []
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, values = line.split("\t", 1)
        first = values.split()[0]
        if len(key) == 1 and len(first) == 1 and key != first:
            pairs.append(f"{key}\t{first}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(sorted(pairs)) + "\n", encoding="utf-8")
    return len(pairs)


if __name__ == "__main__":
    print(main(sys.argv[1]), "pairs written to", OUT)
