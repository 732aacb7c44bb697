"""Property tests: any text, any name and any search string survive the store."""

from __future__ import annotations

import hashlib
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scocompare.core.model import Comparison, Document, EngineInfo
from scocompare.core.segment import segment_text
from scocompare.store.errors import StoreError
from scocompare.store.names import MAX_NAME, clean_name
from scocompare.store.sessions import SessionStore
from tests.test_store_support import make_comparison

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with SessionStore(tmp_path_factory.mktemp("props") / "sessions.db") as s:
        yield s


def _hand_built(texts: list[str]) -> Comparison:
    """A comparison record built by hand (no engine): the store must keep any text exactly."""
    docs = []
    for k, text in enumerate(texts):
        raw = text.encode("utf-8", "surrogatepass")
        docs.append(Document(id=f"d{k + 1}", title=text[:20], source=f"v{k}.txt",
                             sha256=hashlib.sha256(raw).hexdigest(), text=text,
                             segments=segment_text(text, f"d{k + 1}"), raw=raw))
    return Comparison(documents=tuple(docs), base="d1", links=(), groups=(), conflicts=(),
                      coverage={}, engine=EngineInfo(_version(), "none", 0.5))


def _version() -> str:
    from scocompare import __version__

    return __version__


text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=400)


@SETTINGS
@given(texts=st.lists(text, min_size=2, max_size=4), name=st.text(max_size=200))
def test_any_text_and_name_round_trip(store, texts, name):
    c = _hand_built(texts)
    try:
        cleaned = clean_name(name)
    except StoreError:
        with pytest.raises(StoreError):
            store.save_comparison(name, c)
        return
    store.save_comparison(name, c, overwrite=True)
    s = store.load(cleaned)
    assert s.documents == c.documents and [d.raw for d in s.documents] == [d.raw for d in c.documents]
    assert s.comparison == c and not s.realigned
    assert len(cleaned) <= MAX_NAME and cleaned == clean_name(cleaned)


@SETTINGS
@given(query=st.text(max_size=80))
def test_any_search_string_is_safe(store, query):
    hits = store.search(query)
    assert isinstance(hits, list)
    for h in hits:
        assert 0 <= h.start <= h.end


def test_store_is_usable_from_worker_threads(tmp_path):
    """The window opens the store on the UI thread and saves from its worker pool."""
    c = make_comparison(2)
    errors = []
    with SessionStore(tmp_path / "s.db") as s:
        def work(k: int) -> None:
            try:
                s.save_comparison(f"t{k}", c)
                s.set_view_state(f"t{k}", {"k": k})
                assert s.load(f"t{k}").view_state == {"k": k}
            except Exception as err:  # collected: assertion below shows them
                errors.append(err)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(s.list()) == 6
