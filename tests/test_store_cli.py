"""`scocompare sessions ...` and `compare --save` end to end (through cli.main)."""

from __future__ import annotations

import json

import pytest

from scocompare.cli import main
from scocompare.core.demo import demo_paths
from scocompare.paths import data_dir


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def saved(capsys) -> str:
    files = [str(p) for p in demo_paths()[:3]]
    rc, out, err = run(capsys, "compare", *files, "--scorer", "lexical", "--save", "Summit; coverage")
    assert rc == 0, err
    return "Summit; coverage"


def test_list_and_show(capsys, saved):
    rc, out, _ = run(capsys, "sessions", "list")
    assert rc == 0 and saved in out and " 3 " in out
    rc, out, _ = run(capsys, "sessions", "show", saved)
    assert rc == 0
    assert f"Session: {saved}" in out and "Versions (3)" in out and "[base]" in out
    assert "covers" in out and "01-wire.txt" in out


def test_export_json_matches_the_saved_comparison(capsys, saved, tmp_path):
    from scocompare.core.report import loads
    from scocompare.store.sessions import SessionStore

    out_file = tmp_path / "s.json"
    rc, _, err = run(capsys, "sessions", "export", saved, "--json", str(out_file))
    assert rc == 0, err
    with SessionStore() as st:
        assert loads(out_file.read_text()) == st.load(saved).comparison
    rc, out, _ = run(capsys, "sessions", "export", saved, "--json", "-")
    assert rc == 0 and json.loads(out)["format"] == "scocompare.comparison/1"


def test_export_html_and_pdf(capsys, saved, tmp_path):
    rc, _, err = run(capsys, "sessions", "export", saved, "--html", str(tmp_path / "r.html"))
    assert rc == 0, err
    assert "<html" in (tmp_path / "r.html").read_text().lower()
    rc, _, err = run(capsys, "sessions", "export", saved, "--pdf", str(tmp_path / "r.pdf"))
    if rc == 0:
        assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    else:
        assert err.strip() == "scocompare: PDF export is not available yet"
        assert not (tmp_path / "r.pdf").exists()


def test_export_import_delete(capsys, saved, tmp_path):
    archive = tmp_path / "summit.scocompare"
    rc, _, err = run(capsys, "sessions", "export", saved, "--scocompare", str(archive))
    assert rc == 0 and archive.is_file(), err
    rc, out, _ = run(capsys, "sessions", "import", str(archive))
    assert rc == 0 and f"'{saved} (2)'" in out
    rc, out, _ = run(capsys, "sessions", "delete", saved)
    assert rc == 0 and "trash" in out
    rc, out, _ = run(capsys, "sessions", "list")
    assert f"{saved} (2)" in out and f"{saved} " not in out.replace(f"{saved} (2)", "")


@pytest.mark.parametrize("argv, needle", [
    (("sessions", "show", "no such session"), "no session named 'no such session'"),
    (("sessions", "delete", "no such session"), "no session named"),
    (("sessions", "import", "/nonexistent/x.scocompare"), "/nonexistent/x.scocompare: no such file"),
    (("sessions", "export", "x", "--json", "/nonexistent/dir/x.json"), "output folder does not exist"),
])
def test_bad_input_is_one_line(capsys, argv, needle):
    rc, out, err = run(capsys, *argv)
    assert rc == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_import_of_a_non_session_file(capsys, tmp_path):
    bad = tmp_path / "notes.scocompare"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    rc, _, err = run(capsys, "sessions", "import", str(bad))
    assert rc == 2 and str(bad) in err and "refused" in err and err.count("\n") == 1


def test_damaged_database_then_fresh_start(capsys):
    db = data_dir() / "sessions.db"
    db.write_bytes(b"\x00garbage" * 1000)
    rc, _, err = run(capsys, "sessions", "list")
    assert rc == 2 and "damaged" in err and "moved aside" in err and err.count("\n") == 1
    rc, out, _ = run(capsys, "sessions", "list")
    assert rc == 0 and "No saved sessions" in out
    assert len(list(data_dir().glob("sessions.db.corrupt-*"))) == 1
