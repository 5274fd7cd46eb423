"""The lazy exports of ``shixian/__init__.py`` are thread- and fork-safe.

Each check runs in a fresh interpreter (the exports must not be loaded yet) with
a timeout, so a hang fails the test instead of the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

#: A fork-based pool started while four threads make their first call. Before the
#: fix the pool's workers inherited a half-imported ``shixian.api`` and hung (10 of
#: 10 runs); the pool's own timeout turns a hang into exit status 1.
FORK_WHILE_IMPORTING = textwrap.dedent(
    """
    import multiprocessing, sys, threading, warnings
    warnings.simplefilter("ignore")  # Python 3.12+: fork() of a multi-threaded process
    import shixian

    def work(text):
        return str(shixian.normalize(text, 2016).due)

    if __name__ == "__main__":
        threads = [threading.Thread(target=work, args=("2016年7月底前",)) for _ in range(4)]
        for t in threads:
            t.start()
        with multiprocessing.get_context("fork").Pool(2) as pool:
            try:
                print(pool.map_async(work, ["2016年7月底前", "2017年底前"]).get(timeout=60))
            except multiprocessing.TimeoutError:
                print("hang")
                pool.terminate()
                sys.exit(1)
        for t in threads:
            t.join()
    """
)

#: Sixteen threads ask for every export at once, each its first use.
THREADS_FIRST_USE = textwrap.dedent(
    """
    import threading
    import shixian
    from shixian import _MODULE_OF
    import importlib

    barrier = threading.Barrier(16)
    seen = []

    def first_use():
        barrier.wait()
        seen.append({name: getattr(shixian, name) for name in _MODULE_OF})

    threads = [threading.Thread(target=first_use) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = {
        name: getattr(importlib.import_module("shixian." + module), name)
        for name, module in _MODULE_OF.items()
    }
    assert len(seen) == 16 and all(s == expected for s in seen), "different objects"
    print("ok")
    """
)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
@pytest.mark.parametrize("run", [1, 2])
def test_fork_pool_while_threads_make_their_first_call(run: int) -> None:
    done = _run(FORK_WHILE_IMPORTING)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "['2016-07-31', '2017-12-31']"


def test_threads_first_use_of_every_export() -> None:
    done = _run(THREADS_FIRST_USE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "ok"


def test_import_stays_lazy() -> None:
    code = "import sys, shixian; print('shixian.api' in sys.modules, 'cn2an' in sys.modules)"
    assert _run(code).stdout.strip() == "False False"
