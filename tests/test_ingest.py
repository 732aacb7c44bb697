"""Loading versions: formats, encodings, normalisation, errors, boilerplate."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scocompare.core import ingest
from scocompare.core.boilerplate import date_line_value, find_boilerplate, is_furniture_line
from scocompare.core.errors import InputError
from scocompare.core.ingest import load_bytes, load_path, load_text, normalise_text
from tests.conftest import seed_paths

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def content(doc):
    return [s.text for s in doc.content_segments()]


def furniture(doc):
    return [s.text for s in doc.segments if s.boilerplate]


def test_plain_text_fields():
    path = DATA / "plain.txt"
    doc = load_path(path, doc_id="d2")
    raw = path.read_bytes()
    assert doc.id == "d2" and doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest() and doc.raw == raw
    assert doc.title == "Harbour council agrees new ferry timetable"
    assert doc.meta["format"] == "text" and doc.meta["encoding"] == "utf-8"
    assert all(doc.text[s.start : s.end] == s.text for s in doc.segments)
    assert all(s.id.startswith("d2.s") for s in doc.segments)
    assert furniture(doc) == ["Also read: Fishing quotas cut for 2025", "Share this article"]
    assert content(doc)[1].startswith("PORTVALE, 12 March 2024 (Coast Wire) -- The harbour")


def test_bom_crlf_and_utf16_give_the_same_text():
    plain = load_path(DATA / "plain.txt")
    for name, encoding in (("bom_crlf.txt", "utf-8-sig"), ("utf16.txt", "utf-16")):
        doc = load_path(DATA / name)
        assert doc.text == plain.text, name
        assert doc.meta["encoding"] == encoding
        assert doc.sha256 != plain.sha256  # hash of the bytes as loaded
        assert "\r" not in doc.text and "\ufeff" not in doc.text


def test_latin1_detected():
    doc = load_path(DATA / "latin1.txt")
    assert doc.meta["encoding"] in ("latin_1", "iso8859_1", "cp1252", "iso8859_15")
    assert "approuvé" in doc.text and "traversées" in doc.text
    assert doc.title == "Le conseil portuaire adopte de nouveaux horaires"


def test_markdown():
    doc = load_path(DATA / "notes.md")
    assert doc.meta["format"] == "markdown"
    assert doc.title == "Ferry timetable: what changes"
    assert "First crossing at 19:00." in content(doc)  # list markers are markup, not text
    assert not any("#" in t or t.startswith("- ") for t in content(doc))
    assert not furniture(doc)


def test_html_main_text_title_date():
    doc = load_path(DATA / "article.html")
    assert doc.meta["format"] == "html"
    assert doc.meta["title"] == doc.title == "Harbour council agrees new ferry timetable"
    assert doc.meta["date"] == "2024-03-12"
    for noise in ("Log in", "Sport", "All rights reserved", "Follow us"):
        assert noise not in doc.text
    assert "1.2 million euros" in doc.text  # &nbsp; became a plain space
    assert "\n\n" in doc.text  # extracted blocks are paragraphs
    assert furniture(doc) == ["Also read: Fishing quotas cut for 2025"]
    assert any(s.startswith("PORTVALE, 12 March 2024") for s in content(doc))
    assert len({s.paragraph for s in doc.segments}) >= 4


def test_html_by_content_sniffing():
    data = (DATA / "article.html").read_bytes()
    doc = load_bytes(data, "https://example.org/story", doc_id="d3")
    assert doc.meta["format"] == "html" and doc.source == "https://example.org/story"


def _docx_bytes(paragraphs, title="Ferry plan"):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        f' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", xml)
        zf.writestr("docProps/core.xml", core)
    return buf.getvalue()


def test_docx():
    data = _docx_bytes(["The council met.", "It approved the plan. Crossings start in April."])
    doc = load_bytes(data, "plan.docx")
    assert doc.meta["format"] == "docx" and doc.title == "Ferry plan"
    assert content(doc) == ["The council met.", "It approved the plan.", "Crossings start in April."]
    assert [s.paragraph for s in doc.segments] == [1, 2, 2]


def _pdf_bytes(line):
    """A one-page PDF with a text layer, written by hand (no PDF writer needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pdf():
    doc = load_bytes(_pdf_bytes("The council approved the timetable."), "minutes.pdf")
    assert doc.meta["format"] == "pdf"
    assert content(doc) == ["The council approved the timetable."]


def test_load_text_paste():
    doc = load_text("Leaders met.\r\n\r\n\r\n\r\nThey\tagreed.  \n", doc_id="d4", title="Clipboard")
    assert doc.text == "Leaders met.\n\nThey agreed."
    assert doc.title == "Clipboard" and doc.source == "pasted"
    assert doc.sha256 == hashlib.sha256(b"Leaders met.\r\n\r\n\r\n\r\nThey\tagreed.  \n").hexdigest()
    assert [s.id for s in doc.segments] == ["d4.s1", "d4.s2"]


def test_normalise_text():
    raw = "Cafe\u0301\u00a0bar\t end   \r\nnext\rline\n\n\n\n\nlast"
    assert normalise_text(raw) == "Caf\u00e9 bar  end\nnext\nline\n\nlast"


@pytest.mark.parametrize(
    "name, problem",
    [
        ("missing.txt", "no such file"),
        ("empty.txt", "is empty"),
        ("blank.txt", "is empty"),
        ("binary.txt", "looks like a binary file"),
        ("data.xyz", "unsupported format .xyz"),
        ("nav_only.html", "no readable text found in the HTML"),
    ],
)
def test_bad_files_give_one_line(name, problem):
    path = DATA / name
    with pytest.raises(InputError) as err:
        load_path(path)
    assert err.value.problem == problem
    assert str(err.value) == f"{path}: {problem}" and "\n" not in str(err.value)


def test_directory_and_bad_containers(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load_path(tmp_path)
    with pytest.raises(InputError, match="is not a valid DOCX file"):
        load_bytes(b"PK\x03\x04 not really a zip", "x.docx")
    with pytest.raises(InputError, match="cannot read the PDF"):
        load_bytes(b"%PDF-1.4 garbage", "x.pdf")
    with pytest.raises(InputError, match="cannot decode text|binary"):
        load_bytes(b"\xff\xfe\x00", "odd.txt")


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"Word. " * 400_000)
    with pytest.raises(InputError) as err:
        load_path(big)
    assert err.value.problem == "too large (2 MB; limit 1 MB)"


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip()))
def test_any_text_loads_or_fails_cleanly(text):
    try:
        doc = load_text(text)
    except InputError as err:
        assert "\n" not in str(err)
        return
    for s in doc.segments:
        assert doc.text[s.start : s.end] == s.text
    assert doc.text == normalise_text(doc.text)  # normalising is idempotent


# --- boilerplate rules, general (not tuned to one site) -------------------


@pytest.mark.parametrize(
    "line",
    [
        "Also read: Markets rally after summit",
        "Read more",
        "Share this article",
        "Follow us on Twitter",
        "Subscribe to our newsletter",
        "Contact author",
        "Other posts by Agency",
        "blog comments powered by Disqus",
        "All rights reserved",
        "\u00a9 2024 Coast Daily",
        "/ Categories: News",
        "News Article",
        "Advertisement",
        "Home / World / Europe",
        "By Jane Doe and Li Wei, Coast Wire",
        "Tags: summit, trade",
        "(Reporting by Anna Example; Editing by Ben Sample)",
    ],
)
def test_furniture_lines(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Summit ends with a joint statement",
        "By then, the talks had failed.",
        "Share prices fell after the vote.",
        "Copyright law reform was approved by parliament.",
        "Updated figures show growth.",
        "The statement was published on Tuesday.",
        "Leaders read more than forty proposals.",
    ],
)
def test_content_lines_are_not_furniture(line):
    assert not is_furniture_line(line)


def test_repeated_headline_and_tail_credits():
    text = (
        "World\n\nSummit ends with a joint statement\n\nSummit ends with a joint statement\n\n"
        "Leaders signed the text on Tuesday. It has ten points.\n\nJane Doe\nEditor: Li Wei"
    )
    bp = find_boilerplate(text)
    marked = [text[a:b] for a, b in bp.spans]
    assert marked == ["World", "Summit ends with a joint statement", "Jane Doe", "Editor: Li Wei"]
    assert bp.spans[1][0] > text.index("Summit")  # the first headline stays content


def test_leading_date_token_split_off():
    doc = load_text(" date 2023-07-05 The summit opened in Geneva. It ended.")
    assert furniture(doc) == ["date 2023-07-05"]
    assert content(doc) == ["The summit opened in Geneva.", "It ended."]
    assert doc.meta["date"] == "2023-07-05"


@pytest.mark.parametrize(
    "line, value",
    [
        ("Published: 5 July 2023 10:30 GMT", "2023-07-05"),
        ("July 5, 2023", "2023-07-05"),
        ("Wednesday, 5th July 2023", "2023-07-05"),
        ("Updated 2024-03-12T09:30:00Z", "2024-03-12"),
        ("05/07/2023", "05/07/2023"),
        ("The summit was held on July 5, 2023.", None),
    ],
)
def test_date_lines(line, value):
    assert date_line_value(line) == value


def test_date_lines_are_metadata_only_at_the_edges():
    body = "\n\n".join(f"Sentence number {i} of the body is here." for i in range(10))
    text = f"July 5, 2023\n\n{body}\n\nMarch 3, 2024\n\n{body.replace('is here', 'follows')}"
    bp = find_boilerplate(text)
    assert [text[a:b] for a, b in bp.spans] == ["July 5, 2023"]
    assert bp.date == "2023-07-05"


def test_repeated_full_sentence_is_kept():
    text = "The council approved the plan on Tuesday.\n\nIt costs little.\n\nThe council approved the plan on Tuesday."
    assert find_boilerplate(text).spans == ()


def test_short_unpunctuated_text_is_not_all_furniture():
    doc = load_text("Summit opens\nLeaders arrive\nTalks begin")
    assert len(content(doc)) == 3


# --- the two seed articles (third-party, read in place) ---------------------


def test_seed_articles():
    first, second = (load_path(p) for p in seed_paths()[:2])
    tail = furniture(first)[-5:]
    assert tail[0] == "XinhuaGu Yetao" and tail[-1] == "Contact author"
    assert "blog comments powered by Disqus" in tail
    assert first.segments[0].boilerplate  # "News Article"
    assert first.title.startswith("SCO issues statements")
    assert second.segments[0].boilerplate and second.segments[0].text == "date 2023-07-05"
    assert second.segments[1].text.startswith("The recently concluded virtual summit")
    assert second.meta["date"] == "2023-07-05"
    for doc in (first, second):
        for s in doc.segments:
            # Every real sentence (ends in a full stop, several words) is content.
            if s.text.endswith(".") and len(s.text.split()) > 6:
                assert not s.boilerplate, s.text
        assert len(doc.content_segments()) >= 10


# --- URLs, served from a local HTTP server (no network needed) --------------


@pytest.fixture()
def local_site():
    import http.server
    import threading

    pages = {
        "/story": ("text/html; charset=utf-8", (DATA / "article.html").read_bytes()),
        "/plain": ("text/plain", (DATA / "plain.txt").read_bytes()),
        "/blob": ("application/octet-stream", bytes(range(256)) * 4),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            if self.path not in pages:
                self.send_error(404)
                return
            ctype, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urls(local_site):
    doc = load_path(f"{local_site}/story", doc_id="d2")
    assert doc.source == f"{local_site}/story" and doc.meta["format"] == "html"
    assert doc.title == "Harbour council agrees new ferry timetable"
    assert doc.sha256 == hashlib.sha256((DATA / "article.html").read_bytes()).hexdigest()
    plain = ingest.load_url(f"{local_site}/plain")
    assert plain.text == load_path(DATA / "plain.txt").text
    with pytest.raises(InputError, match=r"/missing: cannot download \(HTTP 404\)$"):
        ingest.load_url(f"{local_site}/missing")
    with pytest.raises(InputError, match="looks like a binary file"):
        ingest.load_url(f"{local_site}/blob")
    with pytest.raises(InputError, match="cannot download"):
        ingest.load_url("http://127.0.0.1:9/closed", timeout=2)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.md", "x.html", "x", "x.pdf", "x.docx"]))
def test_any_bytes_load_or_fail_with_one_line(data, name):
    try:
        doc = load_bytes(data, name)
    except InputError as err:
        assert str(err).startswith(f"{name}: ") and "\n" not in str(err)
        return
    assert all(doc.text[s.start : s.end] == s.text for s in doc.segments)


def test_markdown_markup_is_not_text(tmp_path):
    p = tmp_path / "story.md"
    p.write_text("# Dockers end strike\n\n*Halvik Post, 2 May 2027*\n\n"
                 "**Dockers** will return to work on [Thursday](https://example.org/x), the union said.\n\n"
                 "- Wages rise by 4.5 per cent.\n- The snake_case_name stays.\n", encoding="utf-8")
    doc = load_path(p)
    texts = [s.text for s in doc.segments]
    assert "Dockers end strike" in texts and "Halvik Post, 2 May 2027" in texts
    assert "Dockers will return to work on Thursday, the union said." in texts
    assert "Wages rise by 4.5 per cent." in texts
    assert not any(c in doc.text for c in "#*[]") and "snake_case_name" in doc.text
    assert doc.raw == p.read_bytes()  # the original bytes are kept as they were
