""".scocompare export/import: round trip, and hostile files refused with one clean line."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from scocompare.store import archive
from scocompare.store.errors import StoreError
from scocompare.store.sessions import SessionStore
from tests.test_store_support import an_unlink, make_comparison


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as s:
        c = make_comparison(3)
        s.save_comparison("Port reopening", c, params={"scorer": "lexical"},
                          view_state={"panes": ["d1", "d2"], "filters": ["conflict"]})
        unlink = an_unlink(c)
        s.add_constraint("Port reopening", unlink)
        s.add_review("Port reopening", unlink.a, note="called the authority")
        s.load("Port reopening")  # re-align with the unlink so the cache is current
        yield s


@pytest.fixture
def exported(store, tmp_path) -> Path:
    return store.export_archive("Port reopening", tmp_path / "port.scocompare")


def _contents(path: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    return json.loads(members.pop("manifest.json")), members


def _write(path: Path, manifest: dict, members: dict[str, bytes], extra=()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            zf.writestr(name, data)
        for name, data in extra:
            zf.writestr(name, data)
    return path


def test_round_trip_to_a_colleagues_database(store, exported, tmp_path):
    assert zipfile.is_zipfile(exported)
    mine = store.load("Port reopening")
    with SessionStore(tmp_path / "colleague.db") as other:
        name = other.import_archive(exported)
        assert name == "Port reopening"
        theirs = other.load(name)
    assert not theirs.realigned, theirs.reason
    assert theirs.comparison == mine.comparison
    assert theirs.documents == mine.documents
    assert [d.raw for d in theirs.documents] == [d.raw for d in mine.documents]
    assert theirs.constraints == mine.constraints and theirs.reviews == mine.reviews
    assert theirs.view_state == mine.view_state and theirs.base == mine.base
    assert theirs.params == mine.params


def test_import_beside_an_existing_name_numbers_it(store, exported):
    assert store.import_archive(exported) == "Port reopening (2)"
    assert store.import_archive(exported) == "Port reopening (3)"


def _refused(store, path: Path, match: str) -> None:
    before = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    with pytest.raises(StoreError, match=match) as err:
        store.import_archive(path)
    msg = str(err.value)
    assert "\n" not in msg and str(path) in msg and "refused" in msg
    assert store.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == before


def test_not_a_zip_is_refused(store, tmp_path):
    path = tmp_path / "x.scocompare"
    path.write_text('{"format": "scocompare.session/1"}')
    _refused(store, path, "not a zip")


def test_wrong_format_or_schema_is_refused(store, exported, tmp_path):
    m, members = _contents(exported)
    m["format"] = "scocompare.session/9"
    _refused(store, _write(tmp_path / "a.scocompare", m, members), "unsupported format")
    m, members = _contents(exported)
    m["versions"][0]["segments"] = "DROP TABLE versions"
    _refused(store, _write(tmp_path / "b.scocompare", m, members), r"versions\[0\].segments")
    m, members = _contents(exported)
    m["constraints"][0]["kind"] = "exec"
    _refused(store, _write(tmp_path / "c.scocompare", m, members), "link or unlink")
    m, members = _contents(exported)
    m["session"]["base"] = 7
    _refused(store, _write(tmp_path / "d.scocompare", m, members), "session.base")


def test_huge_field_is_refused(store, exported, tmp_path):
    m, members = _contents(exported)
    m["versions"][1]["title"] = "A" * 3_000_000
    _refused(store, _write(tmp_path / "t.scocompare", m, members), "title is too long")
    m, members = _contents(exported)
    nested: list = []
    for _ in range(200):
        nested = [nested]
    m["session"]["view_state"] = {"deep": nested}
    _refused(store, _write(tmp_path / "n.scocompare", m, members), "nested too deeply")


def test_sql_in_the_name_is_stored_as_plain_text(store, exported, tmp_path):
    m, members = _contents(exported)
    evil = "x'); DROP TABLE sessions; --\x00\u202e"
    m["session"]["name"] = evil
    name = store.import_archive(_write(tmp_path / "s.scocompare", m, members))
    assert name == "x'); DROP TABLE sessions; --"
    assert store.load(name).comparison is not None
    assert "sessions" in store.db.table_names()


def test_path_traversal_and_unlisted_members_are_refused(store, exported, tmp_path):
    m, members = _contents(exported)
    for bad in ("../../etc/passwd", "/abs/path", "versions/../../x.bin", "run.py"):
        _refused(store, _write(tmp_path / "p.scocompare", m, members, extra=[(bad, b"x")]),
                 "unexpected member")
    _refused(store, _write(tmp_path / "u.scocompare", m, members,
                           extra=[("versions/99.bin", b"x")]), "not listed")
    m["versions"][0]["text"]["member"] = "../versions/1.txt"
    _refused(store, _write(tmp_path / "q.scocompare", m, members), "missing member")


def test_tampered_bytes_and_sizes_are_refused(store, exported, tmp_path):
    m, members = _contents(exported)
    members["versions/2.bin"] = members["versions/2.bin"] + b" edited"
    m["versions"][1]["raw"]["size"] += 7
    _refused(store, _write(tmp_path / "h.scocompare", m, members), "sha256 differs")
    m, members = _contents(exported)
    m["versions"][0]["text"]["size"] += 1
    _refused(store, _write(tmp_path / "z.scocompare", m, members), "size differs")
    m, members = _contents(exported)
    members["comparison.json"] = members["comparison.json"].replace(b'"d2"', b'"d9"')
    m["comparison"]["sha256"] = hashlib.sha256(members["comparison.json"]).hexdigest()
    m["comparison"]["size"] = len(members["comparison.json"])
    _refused(store, _write(tmp_path / "c.scocompare", m, members), "comparison")


def test_zip_bomb_stops_at_the_size_limit(store, exported, tmp_path, monkeypatch):
    m, members = _contents(exported)
    bomb = b"\0" * (4 << 20)  # compresses ~1000:1
    _write(tmp_path / "b.scocompare", m, members, extra=[("versions/9.bin", bomb)])
    monkeypatch.setattr(archive, "MAX_MEMBER", 1 << 20)
    _refused(store, tmp_path / "b.scocompare", "too large")


def test_lying_size_header_is_refused(store, exported, tmp_path):
    m, members = _contents(exported)
    path = _write(tmp_path / "l.scocompare", m, members)
    data = bytearray(path.read_bytes())
    # Central directory entry of versions/1.txt: claim 5 bytes instead of the real size.
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at + 1)
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if bytes(data[at + 46:at + 46 + name_len]) == b"versions/1.txt":
            break
    data[at + 24:at + 28] = (5).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    _refused(store, path, "damaged archive|size")


def test_pickle_or_code_inside_is_never_run(store, exported, tmp_path):
    import pickle

    m, members = _contents(exported)
    members["comparison.json"] = pickle.dumps({"format": "x"})
    m["comparison"]["sha256"] = hashlib.sha256(members["comparison.json"]).hexdigest()
    m["comparison"]["size"] = len(members["comparison.json"])
    _refused(store, _write(tmp_path / "k.scocompare", m, members), "not a valid comparison")
