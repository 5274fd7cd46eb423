"""Outputs that cannot hurt their reader: formula-like text neutralised, files never destroyed.

**Formula neutralisation** (OWASP, "CSV Injection"). A spreadsheet program
reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return before one) as a formula, which can run commands or send data
away (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). :func:`neutralize` puts a
single quote ``'`` in front of such a cell — the spreadsheet then shows the
text as typed, and the quote tells a human it was added. The exact rule:

* a cell is neutralised when its first character is ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return, or the full-width ``＝``, ``＋``, ``－``, ``＠``;
* except a cell that is only a number (``-3``, ``+86``, ``-1.5``, ``-1,000``,
  ``-5%``, ``1e-3``) or a single ``-`` or ``+`` (a placeholder): they cannot be
  a formula and stay readable.

``shixian table --raw-formulas`` (``write_table(..., raw_formulas=True)``)
keeps every cell exactly as read. xlsx output writes every text as a text cell
(never a formula), so it needs no quote; JSON lines are not spreadsheet-bound
and are never changed.

**Writing files.** :func:`write_atomic` refuses to write over an input file and
over an existing file unless forced, and writes to a temporary file in the
same folder that is renamed into place, so an interrupted run leaves the old
file intact.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import attrs

from ..errors import ShixianError

__all__ = [
    "FORMULA_STARTS",
    "OutputError",
    "WriteReport",
    "atomic_file",
    "neutralize",
    "same_file",
    "write_atomic",
]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
_NUMBER = re.compile(
    r"[+\-－＋]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?%?"
    r"|[+\-－＋]?\.\d+(?:[eE][+-]?\d+)?%?"
)


class OutputError(ShixianError):
    """An output file is refused: it is an input, or it exists and ``--force`` was not given."""


def neutralize(cell: str) -> str:
    """``cell`` with a ``'`` in front when a spreadsheet would read it as a formula.

    >>> neutralize("=HYPERLINK(\\"http://x\\")"), neutralize("@SUM(A1)"), neutralize("+1+2")
    ('\\'=HYPERLINK("http://x")', "'@SUM(A1)", "'+1+2")
    >>> neutralize("-3"), neutralize("-"), neutralize("-1,000.5"), neutralize("2016年7月底前")
    ('-3', '-', '-1,000.5', '2016年7月底前')
    >>> neutralize("-3个工作日"), neutralize("\\t=1")
    ("'-3个工作日", "'\\t=1")
    """
    if not cell or cell[0] not in FORMULA_STARTS:
        return cell
    if cell in ("-", "+") or _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (through links and ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to ``path`` without ever leaving it half-written.

    The bytes go to a temporary file in the same folder, flushed to disk, then
    renamed over ``path`` (``os.replace``: atomic on POSIX and Windows). A file
    that is replaced keeps its permission bits.

    Raises:
        OutputError: ``path`` is one of ``inputs``, or it exists and ``force``
            is false, or it cannot be written.
    """
    target = Path(path)
    for source in inputs:
        if os.fspath(source) != "-" and target.exists() and same_file(target, source):
            raise OutputError(f"{path}: refusing to write over the input file; choose another -o")
    if target.exists() and not force:
        raise OutputError(f"{path}: the file exists; give --force to replace it")
    with atomic_file(path) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary file to write ``path`` through: a temporary file in the same folder,
    flushed to disk and renamed over ``path`` when the block ends without an error
    (a replaced file keeps its permission bits); on an error it is removed and
    ``path`` is left as it was.

    Raises:
        OutputError: ``path`` is a folder, or it cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            mode = target.stat().st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        with contextlib.suppress(OSError):
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


@attrs.define
class WriteReport:
    """What writing a table changed to keep the file safe and valid (counts of cells).

    ``neutralized``: formula-like cells given a leading ``'`` (csv/tsv);
    ``cleaned``: xlsx cells whose characters the format cannot hold were escaped;
    ``cut``: xlsx cells longer than 32,767 characters were cut. Each cleaned or cut
    xlsx cell is also named in its row's ``error`` column.
    """

    neutralized: int = 0
    cleaned: int = 0
    cut: int = 0

    def lines(self) -> list[str]:
        """One line per kind of change, for the command's summary (none when nothing changed)."""
        out = []
        if self.neutralized:
            out.append(
                f"{self.neutralized} formula-like cells neutralised with a leading ' "
                "(--raw-formulas keeps them as read)"
            )
        if self.cleaned:
            out.append(f"{self.cleaned} cells held characters .xlsx cannot store: escaped as \\xNN")
        if self.cut:
            out.append(f"{self.cut} cells were longer than .xlsx allows (32,767): cut")
        return out
