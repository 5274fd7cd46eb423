"""``python -m shixian``: the command line (see :mod:`shixian.cli`)."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
