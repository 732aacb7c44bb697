"""A new user's journeys through the product (docs/user-check.md), end to end.

Each test reproduces one problem found by using the product as a journalist would. Tests
of problems that are not fixed yet are xfail(strict=True): they start passing (and so
fail the suite) the day the fix lands, and the marker is then removed.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from scocompare.cli import main
from scocompare.core.demo import demo_paths

FR = ("Déclaration commune de la réunion du Conseil à Vélmora\n\n"
      "Les chefs d'État se sont réunis à Vélmora le 14 mars 2024. Ils ont décidé de créer "
      "une autorité commune du bassin fluvial.\n\n"
      "Les États membres verseront 340 millions d'euros au fonds pour l'eau.\n")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The bundled demo set compared once, as `scocompare demo` does."""
    from scocompare.core.compare import compare_paths

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCOCOMPARE_HOME", str(tmp_path_factory.mktemp("home")))
        return compare_paths(demo_paths())


def _by_file(c, stem):
    """The demo version read from the file whose name starts with ``stem`` (e.g. "01-wire")."""
    return next(d for d in c.documents if Path(d.source).name.startswith(stem))


def _seg(doc, start):
    return next(s for s in doc.segments if s.text.lstrip("“\"").startswith(start))


def _one_error_line(capsys, name):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert name in err[0] and "internal error" not in err[0], err[0]
    return err[0]


# --- input files -------------------------------------------------------------------


def test_latin1_and_utf16_with_bom_read_like_utf8(tmp_path, capsys):
    """Encodings that work today: the same French text in three encodings is identical."""
    files = []
    for enc in ("utf-8", "latin-1", "utf-16"):
        p = tmp_path / f"fr-{enc}.txt"
        p.write_bytes(FR.encode(enc))
        files.append(p)
    out = tmp_path / "fr.json"
    assert main(["compare", *map(str, files), "--json", str(out)]) == 0
    d = json.loads(out.read_text())
    assert len({doc["text"] for doc in d["documents"]}) == 1
    assert "Vélmora" in d["documents"][1]["text"]


def test_utf16_without_bom_is_read(tmp_path):
    from scocompare.core.ingest import load_path

    p = tmp_path / "statement-utf16le.txt"
    p.write_bytes(FR.encode("utf-16-le"))
    doc = load_path(p)
    assert "Vélmora" in doc.text


def test_bad_inputs_give_one_line_naming_the_file(tmp_path, capsys):
    base = str(demo_paths()[0])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "folder"
    folder.mkdir()
    for bad in (empty, folder, tmp_path / "missing.txt"):
        assert main(["compare", base, str(bad)]) == 2
        _one_error_line(capsys, bad.name)


def test_two_outputs_to_one_path_are_refused(tmp_path, capsys):
    out = tmp_path / "out.json"
    a, b = map(str, demo_paths()[:2])
    rc = main(["compare", a, b, "--json", str(out), "--csv", str(out)])
    assert rc == 2
    _one_error_line(capsys, out.name)


def test_compare_help_lists_every_input_format(capsys):
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    help_text = capsys.readouterr().out
    assert "pdf" in help_text and "docx" in help_text


# --- sessions ----------------------------------------------------------------------


def _damaged_archive(path):
    """A .scocompare whose manifest's deflate stream is garbage (a bit-rotted download)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{" + '"pad": "' + "x" * 4000 + '"}')
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("manifest.json")
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    # 0xff opens a deflate block of the reserved type 3: zlib refuses it at once.
    data[start:start + info.compress_size] = b"\xff" * info.compress_size
    path.write_bytes(bytes(data))


def test_damaged_session_file_gives_one_line(tmp_path, capsys):
    bad = tmp_path / "from-colleague.scocompare"
    _damaged_archive(bad)
    rc = main(["sessions", "import", str(bad)])
    assert rc == 2
    _one_error_line(capsys, bad.name)


def test_truncated_session_file_gives_one_line(tmp_path, capsys):
    a, b = map(str, demo_paths()[:2])
    assert main(["compare", a, b, "--save", "journey"]) == 0
    out = tmp_path / "journey.scocompare"
    assert main(["sessions", "export", "journey", "--scocompare", str(out)]) == 0
    capsys.readouterr()
    cut = tmp_path / "cut.scocompare"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 3])
    assert main(["sessions", "import", str(cut)]) == 2
    _one_error_line(capsys, cut.name)
    # the good file still imports, under a new name
    assert main(["sessions", "import", str(out)]) == 0
    assert "journey (2)" in capsys.readouterr().out


# --- what the demo comparison tells a journalist -------------------------------------


def test_conflict_count_per_version_counts_only_disagreement(demo):
    from scocompare.export.layout import version_stats

    got = {stem: version_stats(demo, _by_file(demo, stem).id).conflicts
           for stem in ("01-wire", "02-paraphrase", "03-conflict", "04-commentary")}
    # wire agrees on everything; the paraphrase says "Thursday" (14 March 2024 was a
    # Thursday); the analysis gives the date as the base does and only misnames the speaker.
    assert got["01-wire"] == 0
    assert got["02-paraphrase"] == 0
    assert got["04-commentary"] == 1


def test_report_flags_conflict_only_where_this_version_disagrees(demo):
    from scocompare.export.layout import aligned_rows

    wire = _by_file(demo, "01-wire")
    conflicted = {v.segment for cf in demo.conflicts for v in cf.values}
    for row in aligned_rows(demo, [wire.id]):
        if row.conflict:
            assert any(s.id in conflicted for cell in row.cells for s in cell.segments), (
                [s.text[:60] for s in row.base])


def test_no_sub_threshold_link_beside_a_strong_one(demo):
    base = demo.document(demo.base)
    analysis = _by_file(demo, "04-commentary")
    host = _seg(analysis, "Kessmark will host the 13th meeting")
    chair = _seg(base, "The chairmanship of the Council passed")
    offer = _seg(base, "The heads of state accepted the offer of Kessmark")
    pairs = {(lk.a, lk.b) for lk in demo.links} | {(lk.b, lk.a) for lk in demo.links}
    assert (offer.id, host.id) in pairs  # the right counterpart is found ...
    assert (chair.id, host.id) not in pairs  # ... and the neighbour is not dragged in


def test_report_flags_conflict_rows_of_the_version_that_disagrees(demo):
    from scocompare.export.layout import aligned_rows

    wire, wrong = _by_file(demo, "01-wire"), _by_file(demo, "03-conflict")
    assert not any(row.conflict for row in aligned_rows(demo, [wire.id]))
    flagged = [row for row in aligned_rows(demo, [wrong.id]) if row.conflict]
    assert flagged and any("15 March 2024" in s.text for row in flagged for cell in row.cells
                           for s in cell.segments)


def test_pair_pages_mark_the_base_fact_only_beside_a_version_that_disagrees(demo):
    from scocompare.export.layout import aligned_rows
    from scocompare.export.markup import cell_text, pair_spans

    def marked_facts(version):
        out = set()
        for row in aligned_rows(demo, [version.id]):
            if not row.base or not row.cells:
                continue
            a_spans, _ = pair_spans(demo, row.base, row.cells[0])
            text = cell_text(row.base)
            out |= {text[a:b] for a, b, tag in a_spans if tag == "fact"}
        return out

    assert "14 March 2024" not in marked_facts(_by_file(demo, "01-wire"))
    assert "14 March 2024" in marked_facts(_by_file(demo, "03-conflict"))
