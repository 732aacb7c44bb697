"""SessionStore: save/reopen round trip, trash, names, manual links, reviews, re-alignment."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from scocompare.core.model import Anchor, EngineInfo
from scocompare.store import realign as realign_mod
from scocompare.store.errors import StoreError
from scocompare.store.sessions import SessionStore
from tests.test_store_support import an_unlink, make_comparison, make_documents


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as s:
        yield s


def test_default_path_is_in_the_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SCOCOMPARE_HOME", str(tmp_path))
    with SessionStore() as s:
        assert s.path == tmp_path / "data" / "sessions.db"
        assert s.path.exists()


def test_round_trip_is_equal(store):
    c = make_comparison(3)
    view = {"panes": ["d1", "d3"], "scroll": {"d1": 240}, "filters": ["dropped", "conflict"]}
    sid = store.save_comparison("Port reopening", c, params={"scorer": "lexical"}, view_state=view)
    s = store.load("Port reopening")
    assert s.id == sid and s.name == "Port reopening"
    assert not s.realigned and s.reason == ""
    assert s.comparison == c
    assert s.documents == c.documents
    assert [d.raw for d in s.documents] == [d.raw for d in c.documents]
    assert [d.meta["kind"] for d in s.documents] == ["txt", "txt", "html"]
    assert s.base == 0 and s.params["scorer"] == "lexical"
    assert s.params["engine_threshold"] == c.engine.threshold
    assert s.engine_version == c.engine.version
    assert dict(s.view_state) == view
    assert store.load(sid).name == "Port reopening"  # by id too


def test_view_state_reviews_and_constraints_survive_reopening(tmp_path):
    path = tmp_path / "s.db"
    c = make_comparison(2)
    unlink = an_unlink(c)
    with SessionStore(path) as st:
        st.save_comparison("port", c)
        st.set_view_state("port", {"panes": ["d2"], "scroll": {"d2": 7}})
        assert st.add_constraint("port", unlink)
        assert not st.add_constraint("port", unlink)  # already there
        st.add_review("port", unlink.a, reviewed=True, note="checked with the authority")
        st.add_review("port", unlink.a, reviewed=False, note="re-opened")  # replaces, not adds
    with SessionStore(path) as st:
        s = st.load("port")
    assert dict(s.view_state) == {"panes": ["d2"], "scroll": {"d2": 7}}
    assert s.constraints == (unlink,)
    assert len(s.reviews) == 1
    assert (s.reviews[0].anchor, s.reviews[0].reviewed, s.reviews[0].note) == (unlink.a, False, "re-opened")


def test_new_manual_link_makes_reopening_realign_with_it(store):
    c = make_comparison(2)
    unlink = an_unlink(c)
    lk = c.links[0]
    store.save_comparison("port", c, params={"scorer": "lexical"})
    store.add_constraint("port", unlink)
    s = store.load("port")
    assert s.realigned and "manual links" in s.reason
    assert (lk.a, lk.b) not in {(x.a, x.b) for x in s.comparison.links}
    assert s.comparison.constraints == (unlink,)
    again = store.load("port")  # the re-aligned comparison was saved: instant now
    assert not again.realigned and again.comparison == s.comparison
    # The opposite decision replaces the first one rather than contradicting it.
    store.add_constraint("port", replace(unlink, kind="link"))
    assert [k.kind for k in store.load("port").constraints] == ["link"]
    assert store.remove_constraint("port", replace(unlink, kind="link")) == 1
    assert store.load("port").constraints == ()


def test_engine_upgrade_realigns_and_says_so(store, monkeypatch):
    c = make_comparison(3)
    old = replace(c, engine=EngineInfo("0.0.1", c.engine.scorer, c.engine.threshold))
    store.save_comparison("port", old, params={"scorer": "lexical"})
    s = store.load("port")
    assert s.realigned and "0.0.1" in s.reason
    assert s.comparison.engine.version == realign_mod.__version__
    assert s.comparison.links == c.links  # same engine underneath: same result
    assert store.load("port").realigned is False
    assert store.load("port").engine_version == realign_mod.__version__


def test_unreadable_cache_realigns_instead_of_crashing(store):
    store.save_comparison("port", make_comparison(2), params={"scorer": "lexical"})
    store.db.execute("UPDATE caches SET comparison = '{\"format\": \"nope\"}'")
    s = store.load("port")
    assert s.realigned and "could not be read" in s.reason
    assert s.comparison is not None


def test_changed_stored_bytes_give_a_warning(store):
    store.save_comparison("port", make_comparison(2))
    store.db.execute("UPDATE versions SET raw = ? WHERE position = 1", [b"tampered"])
    s = store.load("port")
    assert len(s.warnings) == 1 and "sha256" in s.warnings[0]


def test_overwrite_adds_a_version_and_keeps_time_added(store):
    first = make_comparison(2)
    store.save_comparison("port", first)
    added = [d.meta["added"] for d in store.load("port").documents]
    with pytest.raises(StoreError, match="already exists"):
        store.save_comparison("port", make_comparison(3))
    store.save_comparison("port", make_comparison(3), overwrite=True)
    s = store.load("port")
    assert len(s.documents) == 3
    assert [d.meta["added"] for d in s.documents[:2]] == added
    assert s.documents[2].meta["added"] >= added[0]
    assert len(store.list()) == 1


def test_list_rename_duplicate_trash_restore_purge(store):
    store.save_comparison("a", make_comparison(2))
    store.save_comparison("b", make_comparison(3))
    assert [s.name for s in store.list()] == ["b", "a"]  # most recent first
    assert store.list()[0].versions == 3 and store.list()[0].base_title.startswith("Harbour")
    assert store.rename("a", "  Port\treopening  ") == "Port reopening"
    with pytest.raises(StoreError, match="already exists"):
        store.rename("b", "Port reopening")
    copy = store.duplicate("b")
    assert copy == "b (copy)"
    assert store.load(copy).comparison == store.load("b").comparison
    store.delete("b")
    assert "b" not in [s.name for s in store.list()]
    assert "b" in [s.name for s in store.list(include_trash=True)]
    with pytest.raises(StoreError, match="in the trash"):
        store.delete("b")
    assert store.restore("b") == "b"
    assert "b" in [s.name for s in store.list()]
    store.purge("b")
    assert "b" not in [s.name for s in store.list(include_trash=True)]
    assert store.db.execute("SELECT count(*) FROM versions v LEFT JOIN sessions s "
                            "ON s.id = v.session_id WHERE s.id IS NULL").fetchone()[0] == 0
    with pytest.raises(StoreError, match="no session named"):
        store.load("b")


def test_saving_over_a_trashed_name_keeps_the_trashed_session(store):
    store.save_comparison("port", make_comparison(2))
    store.delete("port")
    store.save_comparison("port", make_comparison(3))
    names = [s.name for s in store.list(include_trash=True)]
    assert "port" in names and any(n.startswith("port (trashed") for n in names)


@pytest.mark.parametrize("name", ["x'); DROP TABLE sessions; --", 'Robert"; DELETE FROM versions',
                                  "UNION SELECT * FROM versions --", "名前 — Ürümqi"])
def test_names_with_sql_are_plain_text(store, name):
    store.save_comparison(name, make_comparison(2))
    assert store.load(name).name == name
    assert [s.name for s in store.list()] == [name]
    assert store.db.execute("SELECT count(*) FROM versions").fetchone()[0] == 2


def test_bad_names_and_view_state_are_refused(store):
    c = make_comparison(2)
    with pytest.raises(StoreError, match="needs a name"):
        store.save_comparison(" \u200e\t ", c)
    assert store.save_comparison("a\u202eb", c) and store.list()[0].name == "a b"
    with pytest.raises(StoreError, match="larger than 1 MB"):
        store.set_view_state("a b", {"x": "y" * 1_100_000})
    with pytest.raises(StoreError, match="not plain JSON"):
        store.set_view_state("a b", {"x": object()})


def test_every_change_is_committed_at_once(tmp_path):
    """Autosave: another connection sees each change without any close or save step."""
    path = tmp_path / "s.db"
    st = SessionStore(path)
    c = make_comparison(2)
    st.save_comparison("port", c)
    st.add_review("port", Anchor.of(c.documents[0], c.documents[0].segments[0]), note="n")
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    assert not st.db.conn.in_transaction
    other.close()
    st.close()


def test_documents_of_the_stored_session_compare_again(store):
    """Stored documents are complete model.Documents: the engine takes them as they are."""
    from scocompare.core.compare import compare_documents
    from tests.test_store_support import lexical

    store.save_comparison("port", make_comparison(3))
    docs = store.load("port").documents
    assert docs == tuple(make_documents(3))
    assert compare_documents(docs, base=0, scorer=lexical()).links == make_comparison(3).links
