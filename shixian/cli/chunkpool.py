"""Worker processes for ``shixian table --jobs N``: chunks in, small results out.

The parent does the first chunk itself, so the grammar's alternations are
compiled, the optional modules a phrase needed are imported and the first
chunk's phrases are annotated *before* the workers are forked: every worker
inherits them instead of doing the same work again. Each worker then gets its
chunks over its own pipe and sends back the result without the output bytes
when the output is a regular file: it keeps them until the parent, which
knows every earlier chunk's size, tells it where they go, and writes them
there itself (``os.pwrite``). So the output never crosses a pipe and writing
it is shared by the workers. Other outputs (a pipe, a terminal) get the bytes
through the parent. Without ``fork`` (Windows, macOS by default) the workers
are spawned and set up on their own.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import multiprocessing
import os
import stat
import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from typing import IO, Any

from ..io.stream import Chunk
from ..io.tables import TableError
from .chunks import process_chunk
from .chunkstate import _STATE, ChunkResult, Job, _setup

__all__ = ["Workers", "positional", "rare_collections", "write_at"]

#: Chunks between two collections of young objects while a table streams.
COLLECT_EVERY = 16

#: ``posix_fadvise`` advice that starts write-back (Linux's ``DONTNEED``), or ``None``
_ADVISE: int | None = (
    getattr(os, "POSIX_FADV_DONTNEED", None) if sys.platform.startswith("linux") else None
)

try:
    _IOV_MAX = min(os.sysconf("SC_IOV_MAX"), 1024)
except (AttributeError, OSError, ValueError):  # pragma: no cover - no sysconf
    _IOV_MAX = 16


@contextlib.contextmanager
def rare_collections() -> Iterator[None]:
    """The cyclic garbage collector off while a table streams (a chunk's objects are freed
    by their reference counts; walking the phrase caches over and over cost about a sixth
    of the time); :func:`collect` collects the young objects every :data:`COLLECT_EVERY`
    chunks."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collect(chunks: int) -> None:
    """Collect the young objects when ``chunks`` (those done so far) says it is time."""
    if chunks % COLLECT_EVERY == 0:
        gc.collect(0)


def positional(out: IO[bytes]) -> int | None:
    """The file descriptor of ``out`` when workers can write into it at offsets
    (a regular file), else ``None``."""
    try:
        fd = out.fileno()
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):
        return None
    if not stat.S_ISREG(mode) or not out.seekable():
        return None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows, where workers are spawned
        return None
    if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND:  # >> appends whatever the offset
        return None
    return fd


class Workers:
    """``jobs`` worker processes, started at the first :meth:`submit` after the first
    (which the parent does itself, see the module docstring)."""

    def __init__(self, job: Job, jobs: int, fd: int | None) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._fork = "fork" in methods
        self._context: Any = multiprocessing.get_context("fork" if self._fork else "spawn")
        self._job = job
        self._jobs = jobs
        self._fd = fd if self._fork else None  # a spawned worker cannot inherit it
        self._conns: list[Connection] = []
        self._procs: list[Any] = []
        self._load: dict[Connection, int] = {}
        self._owner: dict[int, Connection] = {}
        self._done: dict[int, Any] = {}
        self._tasks = 0
        self.placed = 0  # the chunks workers were told to write

    @property
    def jobs(self) -> int:
        """The number of worker processes."""
        return self._jobs

    def _start(self) -> None:
        gc.collect()
        gc.freeze()  # the workers inherit the caches: no collection of theirs walks them
        try:
            self._spawn()
        finally:
            gc.unfreeze()

    def _spawn(self) -> None:
        for _ in range(self._jobs):
            mine, theirs = self._context.Pipe()
            proc = self._context.Process(
                target=_serve, args=(self._job, theirs, self._fd), daemon=True
            )
            proc.start()
            theirs.close()
            self._conns.append(mine)
            self._procs.append(proc)
            self._load[mine] = 0

    def submit(self, chunk: Chunk) -> int:
        """Start ``chunk``; the task number :meth:`wait` takes."""
        task = self._tasks
        self._tasks += 1
        if task == 0:  # the parent warms up on the first chunk
            self._done[task] = process_chunk(self._job, chunk)
            return task
        if not self._conns:
            self._start()
        conn = min(self._conns, key=self._load.__getitem__)
        conn.send(("chunk", task, chunk))
        self._load[conn] += 1
        self._owner[task] = conn
        return task

    def wait(self, task: int) -> ChunkResult:
        """The result of ``task`` (its output kept by the worker when ``kept`` is set)."""
        while task not in self._done:
            busy = [c for c in self._conns if self._load[c]]
            for conn in wait(busy):
                assert isinstance(conn, Connection)
                try:
                    number, result = conn.recv()
                except EOFError:
                    raise TableError("a worker process stopped unexpectedly") from None
                self._load[conn] -= 1
                self._done[number] = result
        result = self._done.pop(task)
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, ChunkResult)
        return result

    def place(self, result: ChunkResult, offset: int) -> None:
        """Tell the worker that keeps ``result``'s output to write it at ``offset``."""
        assert result.kept is not None
        self._owner[result.kept].send(("write", result.kept, offset))
        self.placed += 1

    def close(self) -> None:
        """Stop the workers; raise the first error a worker met writing its output."""
        error: BaseException | None = None
        for conn in self._conns:
            try:
                conn.send(("end", 0, None))
                while True:  # results of chunks that were merged away, then the end
                    number, answer = conn.recv()
                    if number == -1:
                        error = error or answer
                        break
            except (EOFError, OSError) as exc:
                error = error or exc
        self.terminate()
        if error is not None:
            raise error

    def terminate(self) -> None:
        """Stop the workers at once (after an error or an interruption)."""
        for conn in self._conns:
            conn.close()
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        self._conns.clear()
        self._procs.clear()


def _serve(job: Job, conn: Connection, fd: int | None) -> None:
    """A worker: do chunks and write outputs where it is told, until told to end."""
    if _STATE.get("job") is not job:
        _setup(job)
    gc.disable()
    kept: dict[int, list[bytes]] = {}
    error: BaseException | None = None
    for kind, task, value in _messages(conn):
        if kind == "chunk":
            collect(task)
            try:
                result = process_chunk(job, value)
            except BaseException as exc:  # sent to the parent, which raises it
                conn.send((task, exc))
                continue
            if fd is not None:
                kept[task] = result.parts()
                result.size = sum(map(len, kept[task]))
                result.output, result.pieces = b"", None
                result.kept = task
            elif result.pieces is not None:
                result.output, result.pieces = result.joined(), None
            conn.send((task, result))
        elif kind == "write":
            data = kept.pop(task)
            if error is None:
                try:
                    write_at(fd, data, value)
                except OSError as exc:
                    error = exc
        else:
            conn.send((-1, error))
            return


def _messages(conn: Connection) -> Iterator[tuple[str, int, Any]]:
    """The parent's messages in order, but a write as soon as it arrives (it frees the
    output kept for it), ahead of the chunks waiting to be done."""
    waiting: collections.deque[tuple[str, int, Any]] = collections.deque()
    while True:
        try:
            while not waiting or conn.poll(0):
                message = conn.recv()
                if message[0] == "write":
                    yield message
                else:
                    waiting.append(message)
        except EOFError:  # the parent is gone
            return
        yield waiting.popleft()


def write_at(fd: int | None, pieces: list[bytes], offset: int) -> int:
    """Write ``pieces`` one after the other into the file ``fd`` from ``offset`` (as they
    are: the kernel gathers them, ``os.pwritev``); the offset after them."""
    assert fd is not None
    first = offset
    if not hasattr(os, "pwritev"):  # pragma: no cover - a platform without it
        pieces = [b"".join(pieces)]
    for start in range(0, len(pieces), _IOV_MAX):
        batch = pieces[start : start + _IOV_MAX]
        size = sum(map(len, batch))
        written = os.pwritev(fd, batch, offset) if len(batch) > 1 else 0
        if written < size:  # a short write: the rest in one piece
            view = memoryview(b"".join(batch))[written:]
            at = offset + written
            while view:
                done = os.pwrite(fd, view, at)
                view, at = view[done:], at + done
        offset += size
    _write_back(fd, first, offset - first)
    return offset


def _write_back(fd: int, offset: int, size: int) -> None:
    """Start writing ``size`` bytes of ``fd`` from ``offset`` to disk now (Linux: the
    advice starts the write-back of dirty pages and drops them once clean).

    The table's file is flushed to disk before it replaces the output
    (:func:`shixian.io.safety.atomic_file`); started chunk by chunk while the others
    are annotated, that flush no longer waits at the end for the whole file (0.29 s
    for 640 MB, measured)."""
    if _ADVISE is not None and size:
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, offset, size, _ADVISE)
