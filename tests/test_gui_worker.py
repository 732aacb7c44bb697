"""Background work: the pool-thread worker and the helper process (engine_process).

These tests check behaviour -- work delivered, progress relayed, errors as one line,
cancel honoured (also for a job stuck in one long call), the helper restarted after
that -- never timings; bench/stall_bench.py and bench/export_stall_bench.py measure.
"""

from __future__ import annotations

import os
import time

import pytest

from scocompare.core.errors import Cancelled, InputError, ScocompareError
from scocompare.core.ingest import load_text
from scocompare.gui import engine_process, worker

# Jobs are sent to the helper by reference, so they live at module level.


def job_pid(tag, *, progress, cancelled):
    progress(0.5, "half way")
    progress(1.0, "done")
    return tag, os.getpid()


def job_fail(*, progress, cancelled):
    raise InputError("statement.txt", "not UTF-8 text")


def job_polite(*, progress, cancelled):
    """Stops at its next check, as the engine does between steps."""
    while not cancelled():
        time.sleep(0.01)
    raise Cancelled()


def job_stuck(*, progress, cancelled):
    """Ignores cancel, like one long C call (embedding a big batch)."""
    time.sleep(60)
    return "never"


def job_unpicklable_error(*, progress, cancelled):
    class Odd(Exception):  # a local class cannot be pickled back
        pass

    raise Odd("odd failure in the helper")


@pytest.fixture()
def engine():
    eng = engine_process.EngineProcess(nice=0)
    yield eng
    eng.stop()


def test_job_runs_in_another_process_and_relays_progress(engine):
    seen = []
    tag, pid = engine.call(job_pid, "x", progress=lambda f, m: seen.append((f, m)))
    assert tag == "x" and pid != os.getpid()
    assert seen and seen[-1] == (1.0, "done")
    # The same process answers the next job: the model stays warm.
    assert engine.call(job_pid, "y")[1] == pid == engine.pid


def test_job_error_comes_back_as_one_line(engine):
    with pytest.raises(InputError) as err:
        engine.call(job_fail)
    assert str(err.value).startswith("statement.txt")
    with pytest.raises(ScocompareError, match="odd failure in the helper"):
        engine.call(job_unpicklable_error)
    assert engine.call(job_pid, "after")[0] == "after"  # the helper survived


def test_cancel_reaches_the_job(engine):
    start = time.monotonic()
    with pytest.raises(Cancelled):
        engine.call(job_polite, cancelled=lambda: time.monotonic() - start > 0.2)
    pid = engine.pid
    assert pid is not None  # a polite job keeps the helper
    assert engine.call(job_pid, "next")[1] == pid


def test_stuck_job_is_terminated_and_the_helper_restarts(engine, monkeypatch):
    monkeypatch.setattr(engine_process, "CANCEL_GRACE", 0.3)
    first = engine.call(job_pid, "a")[1]
    start = time.monotonic()
    with pytest.raises(Cancelled):
        engine.call(job_stuck, cancelled=lambda: time.monotonic() - start > 0.2)
    assert time.monotonic() - start < 30  # not the job's 60 s
    second = engine.call(job_pid, "b")[1]
    assert second != first


def test_disabled_runs_in_this_process(monkeypatch):
    monkeypatch.setenv(engine_process.ENV_SWITCH, "0")
    assert engine_process.call(job_pid, "here")[1] == os.getpid()


def _docs():
    base = load_text("The council met on Monday. It agreed to raise the fishing quota by 5 per cent. "
                     "Talks resume in May.", doc_id="d1", title="base")
    other = load_text("Talks will resume in May. The council, meeting on Monday, agreed to raise the "
                      "fishing quota by 7 per cent. Critics were not convinced.", doc_id="d2", title="wire")
    return [base, other]


def test_compare_in_process_matches_the_engine():
    from scocompare.core.compare import compare_documents

    docs = _docs()
    here = compare_documents(docs, base=0, threshold=None)
    there = engine_process.compare_in_process(docs, 0, None, None, None)
    assert there == here
    assert there.conflicts  # 5 vs 7 per cent travelled back too


def test_run_task_delivers_on_the_ui_thread(qtbot):
    got = {}
    task = worker.run_task(lambda progress, cancelled: (progress(1.0, "x"), 42)[1],
                           on_done=lambda r: got.setdefault("r", r),
                           on_progress=lambda f, m: got.setdefault("p", (f, m)))
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert got == {"r": 42, "p": (1.0, "x")}


def test_run_task_error_and_cancel(qtbot):
    errors, cancels, done = [], [], []
    t1 = worker.run_task(lambda progress, cancelled: job_fail(progress=progress, cancelled=cancelled),
                         on_done=done.append, on_error=errors.append)
    t2 = worker.run_task(lambda progress, cancelled: job_polite(progress=progress, cancelled=cancelled),
                         on_done=done.append, on_cancelled=lambda: cancels.append(1))
    t2.cancel()
    qtbot.waitUntil(lambda: t1.done and t2.done, timeout=5000)
    assert not done and cancels == [1]
    assert isinstance(errors[0], InputError)


def test_window_aligns_in_the_helper_and_cancel_works(qtbot, tmp_path):
    from scocompare.gui.main_window import MainWindow

    paths = []
    for doc in _docs():
        p = tmp_path / f"{doc.title}.txt"
        p.write_text(doc.text, encoding="utf-8")
        paths.append(p)
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_paths(paths)
    qtbot.waitUntil(lambda: w.comparison is not None and not w.busy, timeout=60_000)
    assert len(w.comparison.documents) == 2 and w.comparison.links
    assert engine_process.engine().pid not in (None, os.getpid())
    # A new alignment cancelled at once: the old comparison stays, the window goes idle.
    old = w.comparison
    w.threshold = 0.9
    w.recompute()
    w.cancel_task()
    qtbot.waitUntil(lambda: not w.busy, timeout=30_000)
    assert w.comparison is old


def test_load_in_process_returns_documents_and_one_line_errors(tmp_path):
    good = tmp_path / "wire.txt"
    good.write_text("The council met on Monday. Talks resume in May.", encoding="utf-8")
    doc = engine_process.load_in_process(good, "d7")
    assert doc.id == "d7" and len(doc.segments) == 2
    with pytest.raises(InputError) as err:
        engine_process.load_in_process(tmp_path / "missing.txt", "d8")
    assert "missing.txt" in str(err.value)
