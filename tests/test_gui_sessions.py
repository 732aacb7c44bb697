"""Sessions in the window: autosave, reopen, browser, start screen, search, `gui NAME`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from scocompare import cli, paths
from scocompare.core.demo import demo_paths
from scocompare.core.errors import InputError
from scocompare.gui.main_window import MainWindow
from scocompare.gui.session_controller import SessionController
from scocompare.gui.session_jobs import REVIEWED_KEY
from scocompare.store.sessions import SessionStore
from tests.helpers import lexical_compare

WAIT = 60_000  # ms; the machine is shared, alignment may queue behind other work



def settle(qtbot, w, ctrl) -> None:
    """Wait until alignment, rendering and every queued write are finished."""
    qtbot.waitUntil(lambda: not w.busy and not w.area.rendering and ctrl.idle, timeout=WAIT)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not w.busy and not w.area.rendering and ctrl.idle, timeout=WAIT)


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as s:
        yield s


@pytest.fixture
def make_window(qtbot, store):
    def make(st=store):
        w = MainWindow(compare=lexical_compare)
        qtbot.addWidget(w)
        w.resize(1500, 900)
        ctrl = SessionController(w, store=st)
        w.show()
        qtbot.waitExposed(w)
        return w, ctrl
    return make


@pytest.fixture
def demo_session(qtbot, make_window):
    """A window on the demo set, autosaved as a new session."""
    w, ctrl = make_window()
    with qtbot.waitSignal(ctrl.saved, timeout=WAIT):
        w.open_paths(demo_paths())
    settle(qtbot, w, ctrl)
    return w, ctrl


def a_link(comparison):
    """A link between the base and another version, to unlink by hand."""
    return next(lk for lk in comparison.links
                if comparison.segment(lk.a).doc == comparison.base)


# --- autosave -----------------------------------------------------------------------


def test_new_comparison_is_saved_under_the_base_title(demo_session, store):
    w, ctrl = demo_session
    sessions = store.list()
    assert len(sessions) == 1
    base_title = w.current_comparison().document(w.current_comparison().base).title
    name = sessions[0].name
    assert name == ctrl.session_name
    assert name.endswith("…") and len(name) <= 91  # a long headline is cut at a word
    assert base_title.startswith(name[:-1]) and base_title[len(name) - 1] == " "
    assert sessions[0].versions == 5
    assert w.windowTitle() == f"{name} — scocompare"
    assert not ctrl.start_screen.isVisible()


def test_untitled_names_count_up(store):
    from scocompare.gui.session_jobs import auto_name

    assert auto_name(store) == "Untitled comparison 1"
    assert auto_name(store, "Summit statement") == "Summit statement"


def test_edit_is_autosaved_and_undo_removes_it(qtbot, demo_session, store):
    w, ctrl = demo_session
    comp = w.current_comparison()
    lk = a_link(comp)
    w.mark_reviewed(lk.a, note="checked against the agency copy")
    settle(qtbot, w, ctrl)
    state = store.load(ctrl.session_id, realign_if_needed=False).view_state
    assert [m["note"] for m in state[REVIEWED_KEY]] == ["checked against the agency copy"]
    w.unlink_segments(lk.a, lk.b)  # re-aligns, then the comparison is saved again
    settle(qtbot, w, ctrl)
    saved = store.load(ctrl.session_id, realign_if_needed=False)
    assert [c.kind for c in saved.constraints] == ["unlink"]
    assert not saved.reason  # the saved alignment already honours the unlink
    w.undo_stack.undo()
    settle(qtbot, w, ctrl)
    assert store.load(ctrl.session_id, realign_if_needed=False).constraints == ()
    assert len(store.list()) == 1  # an edit never makes a second session


def test_reopen_shows_exactly_what_was_there(qtbot, demo_session, make_window, store):
    w, ctrl = demo_session
    comp = w.current_comparison()
    lk = a_link(comp)
    w.unlink_segments(lk.a, lk.b)
    settle(qtbot, w, ctrl)
    w.mark_reviewed(w.current_comparison().documents[1].segments[0].id, note="fine")
    w.set_kind_enabled("moved", False)
    w.select_segment(w.current_comparison().documents[2].segments[1].id)
    w.userEdited.emit("test: view changed")
    settle(qtbot, w, ctrl)
    before = (w.current_comparison(), w.constraints(), w.view_state())
    name = ctrl.session_name

    w2, ctrl2 = make_window()
    with qtbot.waitSignal(ctrl2.opened, timeout=WAIT):
        ctrl2.open_session(name)
    settle(qtbot, w2, ctrl2)
    after = (w2.current_comparison(), w2.constraints(), w2.view_state())
    assert after[0].documents == before[0].documents
    assert after[0].base == before[0].base
    assert after[0].links == before[0].links
    assert sorted(map(repr, after[1])) == sorted(map(repr, before[1]))
    state_before, state_after = dict(before[2]), dict(after[2])
    # None means "the scorer's default"; the reopened window names that value.
    state_before["threshold"] = state_before["threshold"] or before[0].engine.threshold
    assert state_after == state_before
    assert w2.windowTitle() == f"{name} — scocompare"
    assert len(store.list()) == 1  # reopening does not save a copy
    # Undo after reopening: nothing from the other window's history, and no crash.
    assert not w2.undo_stack.canUndo()
    w2.undo_stack.undo()
    w2.mark_reviewed(w2.current_comparison().documents[1].segments[1].id)
    w2.undo_stack.undo()
    settle(qtbot, w2, ctrl2)
    assert [m["note"] for m in store.load(name, realign_if_needed=False).view_state[REVIEWED_KEY]] == ["fine"]


def test_realigned_session_says_so(qtbot, demo_session, make_window, store):
    w, ctrl = demo_session
    store.db.execute("UPDATE caches SET engine_version = '0.0.1'")
    store.db.conn.commit()
    w2, ctrl2 = make_window()
    with qtbot.waitSignal(ctrl2.opened, timeout=WAIT):
        ctrl2.open_session(ctrl.session_name)
    assert ctrl2.info_bar.isVisible()
    assert "re-aligned" in ctrl2.info_bar.label.text()
    assert "0.0.1" in ctrl2.info_bar.label.text()


def test_damaged_database_is_moved_aside_and_a_fresh_one_used(qtbot, tmp_path):
    db = tmp_path / "sessions.db"
    db.write_bytes(b"this is not a database" * 100)
    w = MainWindow(compare=lexical_compare)
    qtbot.addWidget(w)
    ctrl = SessionController(w, store_path=db)
    text = ctrl.info_bar.label.text()
    assert "damaged" in text and "moved aside" in text and str(db) in text
    assert ctrl.store is not None and ctrl.store.list() == []
    kept = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")


# --- start screen and browser -------------------------------------------------------


def test_start_screen_lists_recent_sessions_and_opens_one(qtbot, demo_session, make_window):
    _w, ctrl = demo_session
    w2, ctrl2 = make_window()
    screen = ctrl2.start_screen
    assert screen.isVisible()
    assert screen.recent.count() == 1
    assert screen.recent.item(0).text().startswith(ctrl.session_name)
    screen.recent.setFocus()
    with qtbot.waitSignal(ctrl2.opened, timeout=WAIT):
        qtbot.keyClick(screen.recent, Qt.Key.Key_Return)
    settle(qtbot, w2, ctrl2)
    assert not screen.isVisible()
    assert len(w2.current_comparison().documents) == 5


def test_start_screen_empty_store_explains(make_window):
    _w, ctrl = make_window()
    screen = ctrl.start_screen
    assert screen.isVisible() and not screen.recent.isVisible()
    assert "No saved comparisons yet" in screen.empty_label.text()
    assert screen.demo_button.isVisible() and screen.open_button.isVisible()


def test_browser_rename_duplicate_delete_restore(qtbot, demo_session, store):
    w, ctrl = demo_session
    ctrl.actions["sessions"].trigger()
    b = ctrl.browser
    assert b.isVisible() and b.tree.topLevelItemCount() == 1
    b.tree.setCurrentItem(b.tree.topLevelItem(0))
    b.rename_selected("Velmora summit: wire vs paper")
    qtbot.waitUntil(lambda: ctrl.idle and b.selected_name() == "Velmora summit: wire vs paper", timeout=WAIT)
    assert ctrl.session_name == "Velmora summit: wire vs paper"
    assert w.windowTitle() == "Velmora summit: wire vs paper — scocompare"

    b.tree.setFocus()
    qtbot.keyClick(b.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ctrl.idle and b.tree.topLevelItemCount() == 2, timeout=WAIT)
    assert {s.name for s in store.list()} == {"Velmora summit: wire vs paper",
                                              "Velmora summit: wire vs paper (copy)"}

    b.filter.setFocus()
    qtbot.keyClicks(b.filter, "copy")
    visible = [b.tree.topLevelItem(i) for i in range(2) if not b.tree.topLevelItem(i).isHidden()]
    assert [i.text(0) for i in visible] == ["Velmora summit: wire vs paper (copy)"]
    b.tree.setFocus()
    qtbot.keyClick(b.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: ctrl.idle and len(store.list()) == 1, timeout=WAIT)
    assert store.list()[0].name == "Velmora summit: wire vs paper"
    assert ctrl.session_name == "Velmora summit: wire vs paper"  # the open one is untouched

    b.filter.clear()
    b.which.setCurrentText("Trash")
    assert [b.tree.topLevelItem(i).text(0) for i in range(b.tree.topLevelItemCount())] == \
        ["Velmora summit: wire vs paper (copy)"]
    assert b.buttons["restore"].isEnabled() and not b.buttons["open"].isEnabled()
    b.tree.setCurrentItem(b.tree.topLevelItem(0))
    b.buttons["restore"].click()
    qtbot.waitUntil(lambda: ctrl.idle and len(store.list()) == 2, timeout=WAIT)


def test_trashing_the_open_session_stops_saving_it(qtbot, demo_session, store):
    w, ctrl = demo_session
    ctrl.show_browser()
    b = ctrl.browser
    b.tree.setCurrentItem(b.tree.topLevelItem(0))
    b.delete_selected()
    qtbot.waitUntil(lambda: ctrl.idle and store.list() == [], timeout=WAIT)
    w.mark_reviewed(w.current_comparison().documents[1].segments[0].id)
    settle(qtbot, w, ctrl)
    assert store.list() == [] and len(store.list(include_trash=True)) == 1


def test_export_and_import_a_session_file(qtbot, demo_session, store, tmp_path):
    w, ctrl = demo_session
    out = tmp_path / "for-a-colleague.scocompare"
    ctrl.export_session(path=str(out))
    qtbot.waitUntil(lambda: ctrl.idle and out.exists(), timeout=WAIT)
    with qtbot.waitSignal(ctrl.opened, timeout=WAIT):
        ctrl.import_session(str(out))
    assert len(store.list()) == 2
    assert ctrl.session_name != store.list()[1].name or ctrl.session_name.endswith("(2)")


# --- full-text search ---------------------------------------------------------------


def test_search_opens_the_session_at_the_sentence(qtbot, demo_session, make_window):
    _w, ctrl = demo_session
    w2, ctrl2 = make_window()
    action = ctrl2.actions["search-sessions"]
    assert action.shortcut().toString() == "Ctrl+Shift+F" and action in w2.menus["File"].actions()
    action.trigger()
    d = ctrl2.search_dialog
    assert d is not None and d.isVisible()
    with qtbot.waitSignal(d.searched, timeout=WAIT) as got:
        qtbot.keyClicks(d.query, "trade among member states")
    assert got.args[0] >= 1
    first = d.results.topLevelItem(0)
    hit = first.data(0, Qt.ItemDataRole.UserRole)
    assert first.text(0) == ctrl.session_name
    assert "trade among member states" in first.text(2).lower()
    d.results.setFocus()
    d.results.setCurrentItem(first)
    with qtbot.waitSignal(ctrl2.opened, timeout=WAIT):
        qtbot.keyClick(d.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w2.area.selected == hit.segment, timeout=WAIT)
    seg = w2.current_comparison().segment(hit.segment)
    assert "trade among member states" in seg.text.lower()


def test_search_for_absent_words_says_so(qtbot, demo_session):
    _w, ctrl = demo_session
    ctrl.show_search()
    d = ctrl.search_dialog
    with qtbot.waitSignal(d.searched, timeout=WAIT) as got:
        d.query.setText("zeppelin quarantine")
    assert got.args[0] == 0 and "No saved version quotes" in d.status.text()


# --- command line -------------------------------------------------------------------


def test_gui_name_opens_the_session(qtbot, monkeypatch):
    from scocompare.commands import gui as gui_cmd

    with SessionStore() as st:  # the default database (SCOCOMPARE_HOME is a temp dir)
        from scocompare.core.compare import compare_paths
        from scocompare.core.similarity import get_scorer

        comp = compare_paths(demo_paths()[:3], scorer=get_scorer("lexical"))
        st.save_comparison("Velmora three", comp, params={"scorer": "lexical"})
    win, ctrl = gui_cmd.open_window(["Velmora three"], compare=lexical_compare)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: ctrl.session_name == "Velmora three" and win.current_comparison() is not None,
                    timeout=WAIT)
    assert len(win.current_comparison().documents) == 3
    assert paths.data_dir() / "sessions.db" == ctrl.store.path


def test_gui_unknown_name_is_one_line_naming_it(capsys):
    assert cli.main(["gui", "No such summit"]) == 2
    err = capsys.readouterr().err.strip()
    assert "No such summit" in err and "no saved session" in err and "\n" not in err


def test_gui_resolves_files_archives_and_names(tmp_path):
    from scocompare.commands.gui import resolve

    kind, what, _ = resolve([str(p) for p in demo_paths()[:2]])
    assert kind == "files" and len(what) == 2
    with pytest.raises(InputError, match="missing.scocompare: no such file"):
        resolve([str(tmp_path / "missing.scocompare")])
    bad = tmp_path / "bad.scocompare"
    bad.write_bytes(b"PK not really a zip")
    from scocompare.store.errors import StoreError

    with pytest.raises(StoreError):
        resolve([str(bad)])
    assert resolve([])[0] == "empty"


def test_gui_archive_is_imported_then_opened(qtbot, tmp_path):
    from scocompare.commands import gui as gui_cmd
    from scocompare.core.compare import compare_paths
    from scocompare.core.similarity import get_scorer

    archive = tmp_path / "sent.scocompare"
    with SessionStore(tmp_path / "colleague.db") as theirs:
        theirs.save_comparison("Their view", compare_paths(demo_paths()[:2], scorer=get_scorer("lexical")),
                               params={"scorer": "lexical"})
        theirs.export_archive("Their view", archive)
    win, ctrl = gui_cmd.open_window([str(archive)], compare=lexical_compare)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: ctrl.session_name is not None and win.current_comparison() is not None,
                    timeout=WAIT)
    assert ctrl.session_name.startswith("Their view")
    assert [s.name for s in ctrl.store.list()] == [ctrl.session_name]


def test_gui_damaged_default_database_is_one_line(capsys):
    db = paths.data_dir() / "sessions.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"garbage" * 50)
    assert cli.main(["gui", "Anything"]) == 2
    err = capsys.readouterr().err.strip()
    assert "damaged" in err and "moved aside" in err and "\n" not in err
    assert not db.exists()  # the next start creates a fresh one
    assert [p.read_bytes()[:7] for p in db.parent.glob("sessions.db.corrupt-*")] == [b"garbage"]


def test_result_passage_starts_near_the_searched_words():
    from scocompare.gui.search_dialog import passage

    snip = "…gramme adopted at the 11th meeting in 2022. They noted that trade among member states grew…"
    shown = passage(snip, "Trade among")
    assert shown.startswith("…") and "trade among member states grew…" in shown
    assert shown.index("trade") <= 45  # about 30 characters of context, cut at a word
    assert passage("trade among states", "trade") == "trade among states"
