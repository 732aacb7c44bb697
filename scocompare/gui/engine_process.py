"""Heavy work (aligning, PDF export) in one persistent helper process, not a thread.

Why a process: the engine and the report writer spend long stretches in C code that
holds the GIL (onnxruntime session creation, the tokenizer, Qt's QTextDocument.setHtml
and layout of a long table). A worker *thread* doing that freezes the window's event
loop for up to half a second (bench/stall_bench.py, bench/export_stall_bench.py), and
no amount of chunking on the Python side releases a lock held inside one C call.
A separate process has its own interpreter and its own GIL, so the UI thread only
ever waits for the operating system.

One process serves every job, one job at a time, and stays alive between jobs, so
the sentence model and the embedding cache stay warm (like a language server). The
process runs at a lower priority (nice) so that on a busy machine the UI wins a core.

``call(fn, *args, progress=..., cancelled=..., **kwargs)`` runs a *top-level* function
(it is sent by reference: module and name) in that process and blocks the calling
pool thread -- never the UI thread -- until the result is back, relaying progress and
turning ``cancelled()`` into a cancel request. A job that does not stop within a
grace period is ended by terminating the process (the next job starts a fresh one).
Arguments and results travel pickled (frozen dataclasses of scocompare.core.model).

This module imports no Qt: the helper process only imports what the job needs.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from scocompare.core.errors import Cancelled, ScocompareError

log = logging.getLogger(__name__)

# "spawn": a fresh interpreter. Forking a process that runs Qt threads is unsafe.
_CTX = multiprocessing.get_context("spawn")
_PROGRESS_INTERVAL = 0.05  # seconds between progress messages from the helper
_POLL = 0.05  # how often the waiting pool thread looks at cancelled()
CANCEL_GRACE = 1.5  # seconds a job gets to reach its next cancelled() check
NICE = 5  # helper priority below the window's

# Set SCOCOMPARE_ENGINE_PROCESS=0 to run jobs in the calling thread (debugging, or a
# platform where a helper process cannot start).
ENV_SWITCH = "SCOCOMPARE_ENGINE_PROCESS"


class EngineStopped(ScocompareError):
    """The helper process ended without answering (crash, killed from outside)."""


def _send_error(conn, err: BaseException) -> None:
    """Send ``err``'s class, args and attributes, or a ScocompareError with its text.

    Exceptions whose constructor takes several arguments (InputError(source, problem))
    do not unpickle the usual way; ``_rebuild_error`` restores them without calling it.
    """
    payload = (type(err), err.args, dict(getattr(err, "__dict__", {})))
    try:
        pickle.loads(pickle.dumps(payload))
    except Exception:  # a class defined inside a function, an unpicklable attribute
        payload = (ScocompareError, (str(err) or type(err).__name__,), {})
    conn.send(("error", payload))


def _rebuild_error(payload) -> BaseException:
    cls, args, attrs = payload
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(attrs)
    return err


def _serve(conn, cancel_event, nice: int) -> None:  # runs in the helper process
    """Answer jobs until the pipe closes or a ``None`` job arrives."""
    # Ctrl+C in the terminal reaches the whole process group: the window decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Reports are drawn off screen: the helper never shows a window, and must not
    # open a second connection to the user's display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if nice:
        try:
            os.nice(nice)
        except OSError:
            pass
    last = [0.0]

    def progress(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_INTERVAL or fraction >= 1.0:
            last[0] = now
            conn.send(("progress", float(fraction), str(message)))

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args, kwargs = job
        try:
            result = fn(*args, progress=progress, cancelled=cancel_event.is_set, **kwargs)
            if cancel_event.is_set():
                raise Cancelled()
        except Cancelled:
            conn.send(("cancelled",))
        except BaseException as err:  # reported to the window as one line
            _send_error(conn, err)
        else:
            try:
                conn.send(("done", result))
            except Exception as err:  # an unpicklable result is a programming error
                _send_error(conn, err)


def _warm(progress, cancelled) -> str:  # runs in the helper process
    """Load the sentence model (and its imports) so the first alignment starts warm."""
    from scocompare.core.similarity import get_scorer

    return get_scorer("auto").name


class EngineProcess:
    """One helper process and the pipe to it; ``call`` runs one job at a time."""

    def __init__(self, nice: int = NICE):
        self.nice = nice
        self._proc = None
        self._conn = None
        self._cancel = None
        self._lock = threading.Lock()  # one job at a time through the pipe
        self._start_lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """Process id of the helper while it runs (tests, diagnostics)."""
        proc = self._proc
        return proc.pid if proc is not None and proc.is_alive() else None

    def _ensure(self) -> None:
        with self._start_lock:
            if self._proc is not None and self._proc.is_alive():
                return
            self._close()
            parent, child = _CTX.Pipe()
            self._cancel = _CTX.Event()
            proc = _CTX.Process(target=_serve, args=(child, self._cancel, self.nice),
                                name="scocompare-engine", daemon=True)
            proc.start()
            child.close()
            self._proc, self._conn = proc, parent

    def start(self) -> None:
        """Start the helper now (it costs a second of CPU, better spent before it is needed)."""
        self._ensure()

    def call(self, fn: Callable[..., Any], *args: Any, progress: Callable[[float, str], None] | None = None,
             cancelled: Callable[[], bool] | None = None, **kwargs: Any) -> Any:
        """Run ``fn(*args, progress=, cancelled=, **kwargs)`` in the helper; return its result.

        Raises Cancelled when ``cancelled()`` turned true, the job's own exception when
        it failed, EngineStopped when the helper died. Call it from a worker thread.
        """
        progress = progress or (lambda f, m: None)
        cancelled = cancelled or (lambda: False)
        # Wait for the pipe, but give up at once if this job is cancelled meanwhile.
        while not self._lock.acquire(timeout=_POLL):
            if cancelled():
                raise Cancelled()
        try:
            if cancelled():
                raise Cancelled()
            self._ensure()
            return self._run(fn, args, kwargs, progress, cancelled)
        finally:
            self._lock.release()

    def _run(self, fn, args, kwargs, progress, cancelled) -> Any:
        conn, proc = self._conn, self._proc
        self._cancel.clear()
        try:
            conn.send((fn, args, kwargs))
        except (OSError, EOFError) as err:
            self._close()
            raise EngineStopped(f"the engine process stopped ({err})") from None
        deadline = None
        while True:
            if conn.poll(_POLL):
                try:
                    msg = conn.recv()
                except (EOFError, OSError):
                    code = proc.exitcode
                    self._close()
                    if deadline is not None:
                        raise Cancelled() from None
                    raise EngineStopped(f"the engine process stopped unexpectedly (exit code {code})") from None
                kind = msg[0]
                if kind == "progress":
                    if deadline is None:
                        progress(msg[1], msg[2])
                    continue
                if kind == "done":
                    return msg[1]
                if kind == "cancelled":
                    raise Cancelled()
                raise _rebuild_error(msg[1])
            if deadline is None and cancelled():
                self._cancel.set()
                deadline = time.monotonic() + CANCEL_GRACE
            elif deadline is not None and time.monotonic() > deadline:
                # The job is inside one long call (embedding, page layout): end the process.
                log.info("engine job did not stop within %.1f s; terminating the helper", CANCEL_GRACE)
                self._close(kill=True)
                raise Cancelled()
            if not proc.is_alive() and not conn.poll():
                code = proc.exitcode
                self._close()
                raise EngineStopped(f"the engine process stopped unexpectedly (exit code {code})")

    def _close(self, kill: bool = False) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            try:
                if not kill and proc is not None and proc.is_alive():
                    conn.send(None)
            except (OSError, EOFError):
                pass
            conn.close()
        if proc is not None:
            if kill:
                proc.terminate()
            proc.join(1.0)
            if proc.is_alive():
                proc.kill()
                proc.join(1.0)

    def stop(self) -> None:
        """End the helper (it finishes nothing; a running job's caller gets EngineStopped)."""
        with self._start_lock:
            self._close(kill=self._lock.locked())


_engine: EngineProcess | None = None
_engine_lock = threading.Lock()


def enabled() -> bool:
    """Whether jobs go to the helper process (``SCOCOMPARE_ENGINE_PROCESS=0`` turns it off)."""
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "no", "false", "off")


def engine() -> EngineProcess:
    """The application's one helper process (created on first use, ended at exit)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = EngineProcess()
            atexit.register(_engine.stop)
        return _engine


def call(fn: Callable[..., Any], *args: Any, progress=None, cancelled=None, **kwargs: Any) -> Any:
    """Run the top-level function ``fn`` in the helper process (or here when disabled).

    Same contract as calling ``fn(*args, progress=progress, cancelled=cancelled, **kwargs)``.
    """
    if not enabled():
        return fn(*args, progress=progress or (lambda f, m: None), cancelled=cancelled or (lambda: False),
                  **kwargs)
    return engine().call(fn, *args, progress=progress, cancelled=cancelled, **kwargs)


def warm_up() -> None:
    """Start the helper and load the sentence model in it, without waiting (no-op when off).

    Called when versions are being loaded, so that the model is ready by the time
    they are aligned; a failure here is silent (the real job reports it)."""
    if not enabled():
        return

    def run() -> None:
        try:
            engine().call(_warm)
        except Exception as err:  # the alignment that follows reports real problems
            log.debug("engine warm-up failed: %s", err)

    threading.Thread(target=run, name="scocompare-engine-warm-up", daemon=True).start()


def compare_job(documents, base, threshold, constraints=(), *, progress, cancelled):
    """``compare_documents`` as a helper-process job (top-level, so it can be sent)."""
    from scocompare.core.compare import compare_documents

    return compare_documents(documents, base=base, threshold=threshold, constraints=constraints,
                             progress=progress, cancelled=cancelled)


def compare_in_process(documents, base, threshold, progress, cancelled, constraints=()):
    """The window's default compare function: the same signature, run in the helper."""
    return call(compare_job, list(documents), base, threshold, tuple(constraints),
                progress=progress, cancelled=cancelled)


def load_job(path, doc_id, *, progress, cancelled):
    """``ingest.load_path`` as a helper-process job."""
    from scocompare.core.ingest import load_path

    return load_path(path, doc_id=doc_id)


def load_in_process(path, doc_id):
    """The window's default loader: ``load_path`` run in the helper (InputError comes back)."""
    return call(load_job, str(path), doc_id)
