"""Work done in a forked child process while this one goes on: a build's second core.

A build renders the pages of both languages; the English ones are made in a child process (a
fork: it has the loaded data already) while this process makes the German ones and the open data
files, and the child hands its pages back through a pipe. Where forking is not safe or not
there (not Linux, other threads running, which a fork would leave holding locks) or the child
fails in any way, the caller does the work itself: the result is the same either way, only later.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


class Forked(Generic[T]):
    """`function()` run in a child process from now on; `result(fallback)` waits for its value,
    or returns `fallback()` where there is no child or it failed."""

    def __init__(self, function: Callable[[], T]):
        self._child: tuple[int, int] | None = None
        if not can_fork():
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child process; its outcome is tested through result()
            os.close(read)
            try:
                data = pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # noqa: BLE001 - any failure: the parent does the work
                data = pickle.dumps((False, repr(error)))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            os._exit(0)  # no exit handlers, no flushing of the parent's buffers a second time
        os.close(write)
        self._child = (pid, read)

    def result(self, fallback: Callable[[], T]) -> T:
        if self._child is None:
            return fallback()
        pid, read = self._child
        self._child = None
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            done, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a child that died before it wrote
            done, value = False, None
        return value if done else fallback()
