"""Full-text search across every saved version of every session."""

from __future__ import annotations

import pytest

from scocompare.store.sessions import SessionStore
from tests.test_store_support import make_comparison


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as s:
        s.save_comparison("Port reopening", make_comparison(3))
        s.save_comparison("Port, two versions", make_comparison(2))
        yield s


def test_phrase_is_found_in_every_session_at_its_sentence(store):
    hits = store.search("digital payments")
    assert {(h.session, h.doc_id) for h in hits} == {
        ("Port reopening", "d1"), ("Port reopening", "d2"),
        ("Port, two versions", "d1"), ("Port, two versions", "d2")}
    for h in hits:
        doc = store.load(h.session).comparison.document(h.doc_id)
        seg = next(s for s in doc.segments if s.id == h.segment)
        assert seg.start <= h.start < h.end <= seg.end
        assert doc.text[h.start:h.end].lower() == "digital payments"
        assert "digital payments" in h.snippet


def test_case_accents_and_punctuation_do_not_matter(store):
    assert len(store.search("DIGITAL payments!")) == 4
    hits = store.search("Résilience   FUND")
    assert hits and all("resilience fund" in h.snippet.lower() for h in hits)


def test_words_not_in_that_order_find_the_sentence_holding_them_all(store):
    hits = store.search("payments digital")
    assert hits and all(h.segment for h in hits)
    assert all("digital payments" in h.snippet for h in hits)


def test_query_syntax_and_sql_are_plain_words(store):
    for q in ['"', "berth OR fees", "NEAR(a b)", "x'); DROP TABLE versions; --", "*", "fee*"]:
        store.search(q)  # never raises
    assert store.search("'; DROP TABLE versions; --") == []
    assert "versions" in store.db.table_names()
    assert store.search("") == [] and store.search("  ...  ") == []


def test_only_the_version_that_holds_it(store):
    hits = store.search("Residents are invited to comment")
    assert [(h.session, h.doc_id) for h in hits] == [("Port reopening", "d3")]


def test_trashed_sessions_are_left_out_and_edits_are_indexed(store):
    store.delete("Port reopening")
    assert {h.session for h in store.search("digital payments")} == {"Port, two versions"}
    store.purge("Port, two versions")
    assert store.search("digital payments") == []
    store.restore("Port reopening")
    assert {h.session for h in store.search("digital payments")} == {"Port reopening"}
    store.save_comparison("Port reopening", make_comparison(2), overwrite=True)
    assert store.search("Residents are invited") == []  # its version was removed


def test_real_articles_from_the_corpus_are_found_at_their_sentence(tmp_path):
    """Third-party articles (read from ../shared/corpus, never copied): a phrase taken
    from a sentence of one version is found at that sentence."""
    from scocompare.core.compare import compare_documents
    from scocompare.core.ingest import load_path
    from tests.conftest import seed_paths
    from tests.test_store_support import lexical

    docs = [load_path(p, doc_id=f"d{k + 1}") for k, p in enumerate(seed_paths()[:2])]
    with SessionStore(tmp_path / "corpus.db") as st:
        st.save_comparison("seeds", compare_documents(docs, scorer=lexical()))
        seg = next(s for s in docs[1].content_segments() if len(s.text.split()) >= 8)
        phrase = " ".join(seg.text.split()[2:6])
        hits = [h for h in st.search(phrase) if h.doc_id == "d2"]
        assert seg.id in {h.segment for h in hits}, (phrase, hits)
        assert st.load("seeds").documents == tuple(docs)
