"""Run slow work on a QThreadPool and deliver progress and results on the UI thread.

Modelled on MusicBrainz Picard's ``picard/util/thread.py``: the work function runs in
a pool thread; everything it reports reaches the caller through queued signals, so
callbacks always run on the UI thread and may touch widgets. The work function gets
``progress(fraction, message)`` and ``cancelled() -> bool`` keyword arguments, the
same contract as ``scocompare.core.compare.compare_documents``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from scocompare.core.errors import Cancelled

# Progress is throttled: a fast engine may report thousands of steps, and every
# queued signal costs the UI thread a little.
_PROGRESS_INTERVAL = 0.05


class _Relay(QObject):
    """Lives on the UI thread; its signals carry the pool thread's reports across.

    The signals are connected to this object's own slots (not to bare Python
    callables) so that Qt sees a receiver on the UI thread and queues the calls.
    """

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.callbacks: dict[str, Callable] = {}
        self.progress.connect(self._on_progress)
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)
        self.was_cancelled.connect(self._on_cancelled)

    def _call(self, name: str, *args: Any) -> None:
        cb = self.callbacks.get(name)
        if cb is not None:
            cb(*args)

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self._call("progress", fraction, message)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._call("finished", result)

    @Slot(object)
    def _on_failed(self, err: Any) -> None:
        self._call("failed", err)

    @Slot()
    def _on_cancelled(self) -> None:
        self._call("cancelled")


# Tasks whose results are still on their way; keeps each relay alive until it has
# delivered (nothing else holds the Task once the runnable has finished).
_ACTIVE: set[Task] = set()


class Task:
    """Handle on one piece of background work: ``cancel()`` and ``done``."""

    def __init__(self, name: str):
        self.name = name
        self._cancel = threading.Event()
        self.done = False
        self.relay = _Relay()

    def cancel(self) -> None:
        """Ask the work function to stop at its next ``cancelled()`` check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[..., Any]):
        super().__init__()
        self.task = task
        self.fn = fn
        self._last = 0.0
        self.setAutoDelete(True)

    def _progress(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last >= _PROGRESS_INTERVAL or fraction >= 1.0:
            self._last = now
            self.task.relay.progress.emit(float(fraction), str(message))

    def run(self) -> None:  # runs in a pool thread
        relay = self.task.relay
        try:
            result = self.fn(progress=self._progress, cancelled=self.task.is_cancelled)
            if self.task.is_cancelled():
                raise Cancelled()
        except Cancelled:
            relay.was_cancelled.emit()
        except Exception as err:  # delivered to the UI, which shows one line
            relay.failed.emit(err)
        else:
            relay.finished.emit(result)


def pool() -> QThreadPool:
    """The pool all background work of the window goes through."""
    return QThreadPool.globalInstance()


def run_task(
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    name: str = "",
) -> Task:
    """Start ``fn(progress=..., cancelled=...)`` in the pool; callbacks run on the UI thread.

    Returns a ``Task``; a cancelled task calls ``on_cancelled`` (never ``on_done``).
    Call it from the UI thread so that the relay's signals are queued to it.
    """
    task = Task(name)

    def finish(result: Any) -> None:
        _ACTIVE.discard(task)
        task.done = True
        if task.is_cancelled():
            if on_cancelled:
                on_cancelled()
            return
        on_done(result)

    def fail(err: BaseException) -> None:
        _ACTIVE.discard(task)
        task.done = True
        if on_error:
            on_error(err)

    def cancelled() -> None:
        _ACTIVE.discard(task)
        task.done = True
        if on_cancelled:
            on_cancelled()

    def progress(fraction: float, message: str) -> None:
        if on_progress and not task.is_cancelled():
            on_progress(fraction, message)

    task.relay.callbacks.update(finished=finish, failed=fail, cancelled=cancelled, progress=progress)
    _ACTIVE.add(task)
    pool().start(_Runnable(task, fn))
    return task
