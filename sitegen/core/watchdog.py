"""A time limit for a piece of Python code: past it, an exception is raised in the thread.

Python has no way to stop another thread, but it can make one raise an exception at its next
bytecode (PyThreadState_SetAsyncExc, the C API's tool for this). One daemon thread keeps the
deadlines of every running `Deadline` block and raises each one's exception in its thread when
its time is up. A single C call (a huge power, a huge string) is not interrupted: it holds the
interpreter until it returns, so such calls must be refused before they start (body_limits).

The exception can only arrive inside the block: on leaving it, a deadline that fired while the
block was finishing has its exception taken back, and is raised there.
"""

from __future__ import annotations

import contextlib
import ctypes
import queue
import threading
import time
from types import TracebackType

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.py_object]
_set_async_exc.restype = ctypes.c_int


class _Watchdog:
    """The thread that raises the exception of each block whose deadline has passed.

    A thread inside a block may receive its exception at any bytecode, even while it arms or
    disarms, so it touches only what cannot be left half-done: a plain lock taken by `with`
    (released however the block ends) and a SimpleQueue, whose put() is one C call. A
    Condition would not do: its methods are Python code, and an exception arriving inside
    one can leave its lock held for good.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: dict[int, tuple[float, type[BaseException]]] = {}  # by thread id
        self._wake: queue.SimpleQueue[None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="sitegen-watchdog", daemon=True)

    def arm(self, seconds: float, exception: type[BaseException]) -> None:
        with self._lock:
            if not self._thread.is_alive():
                self._thread.start()
            self._deadlines[threading.get_ident()] = (time.monotonic() + seconds, exception)
        self._wake.put(None)

    def disarm(self) -> bool:
        """Forget the calling thread's deadline; False when it has fired already."""
        with self._lock:
            return self._deadlines.pop(threading.get_ident(), None) is not None

    def _run(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                for thread, (end, exception) in list(self._deadlines.items()):
                    if end <= now:
                        del self._deadlines[thread]
                        _set_async_exc(thread, exception)
                ends = [end for end, _ in self._deadlines.values()]
            with contextlib.suppress(queue.Empty):
                self._wake.get(timeout=min(ends) - now if ends else None)


_WATCHDOG = _Watchdog()


class Deadline:
    """`with Deadline(1.0, TooSlow):` raises TooSlow inside the block after 1 s.

    The exception is raised without arguments, as a class; blocks do not nest within a thread.
    """

    def __init__(self, seconds: float, exception: type[BaseException]) -> None:
        self.seconds = seconds
        self.exception = exception

    def __enter__(self) -> None:
        _WATCHDOG.arm(self.seconds, self.exception)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if _WATCHDOG.disarm():
            return
        # Fired: its exception is either what is leaving the block or still on its way.
        _set_async_exc(threading.get_ident(), ctypes.py_object())  # NULL: take it back
        if kind is None:
            raise self.exception
