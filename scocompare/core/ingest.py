"""Load a version of a statement: path, bytes or pasted text -> ``Document``.

Formats: plain text and Markdown (any encoding; UTF-8 first, then
charset-normalizer), HTML (main text extracted by trafilatura, title and date
kept as metadata), PDF (pypdf text layer) and DOCX (its XML read directly).
The text is normalised (line ends, NFC, odd spaces) but nothing is removed:
site furniture stays in the text and is only marked, so every highlight maps
back to what was loaded. Every failure becomes ``InputError(source, problem)``
with a short problem a journalist can act on.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from scocompare.core.boilerplate import find_boilerplate
from scocompare.core.errors import InputError
from scocompare.core.model import Document
from scocompare.core.segment import segment_text

MAX_BYTES = 20 * 1024 * 1024
TEXT_KINDS = {"txt": "text", "text": "text", "md": "markdown", "markdown": "markdown", "": "text"}
HTML_KINDS = {"html", "htm", "xhtml", "shtml"}
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ \f\v]+$", re.MULTILINE)
_MANY_NEWLINES = re.compile(r"\n{3,}")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_URL = re.compile(r"^https?://", re.IGNORECASE)
_USER_AGENT = "scocompare (news statement comparison)"
_KIND_OF_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def load_path(path: str | Path, doc_id: str = "d1") -> Document:
    """Load a file from disk (or an http(s) URL); ``source`` is the path as given."""
    source = str(path)
    if _URL.match(source):
        return load_url(source, doc_id=doc_id)
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(source, "no such file")
        if p.is_dir():
            raise InputError(source, "is a directory")
        size = p.stat().st_size
        _check_size(source, size)
        data = p.read_bytes()
    except PermissionError:
        raise InputError(source, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    return load_bytes(data, source, doc_id=doc_id, kind=p.suffix)


def load_url(url: str, doc_id: str = "d1", timeout: float = 20.0) -> Document:
    """Download a web page (or a text/PDF file) and load it; ``source`` is the URL."""
    import urllib.error
    import urllib.request

    if not _URL.match(url):
        raise InputError(url, "not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            data = response.read(MAX_BYTES + 1)
            ctype = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"cannot download (HTTP {exc.code})") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(url, f"cannot download ({reason})") from None
    _check_size(url, len(data))
    kind = _KIND_OF_TYPE.get(ctype)
    if kind is None:
        suffix = Path(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
        known = suffix.lstrip(".") in TEXT_KINDS or suffix.lstrip(".") in HTML_KINDS
        kind = suffix if known else ""  # no usable hint: sniff the bytes
    return load_bytes(data, url, doc_id=doc_id, kind=kind)


def load_text(text: str, source: str = "pasted", doc_id: str = "d1", title: str | None = None) -> Document:
    """Make a document from text already in memory (clipboard, paste box)."""
    data = text.encode("utf-8")
    if not text.strip():
        raise InputError(source, "is empty")
    return _build(data, source, doc_id, text, {"format": "text", "encoding": "utf-8"}, title)


def load_bytes(
    data: bytes, source: str, doc_id: str = "d1", kind: str | None = None, title: str | None = None
) -> Document:
    """Load raw bytes; ``kind`` is an extension (".html", "txt") or None to guess.

    Raises ``InputError`` for empty, binary, oversized, undecodable or
    unsupported input.
    """
    _check_size(source, len(data))
    if not data.strip():
        raise InputError(source, "is empty")
    fmt = _format_of(data, source, kind)
    if fmt == "html":
        text, meta = _read_html(data, source)
    elif fmt == "pdf":
        text, meta = _read_pdf(data, source)
    elif fmt == "docx":
        text, meta = _read_docx(data, source)
    else:
        text, encoding = decode_text(data, source)
        meta = {"format": fmt, "encoding": encoding}
        if fmt == "markdown":
            text = markdown_to_text(text)
    return _build(data, source, doc_id, text, meta, title)


_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rule
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # heading
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quote
    (re.compile(r"^([ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]+", re.M), r"\1"),  # list marker
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link: its text
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
]


def markdown_to_text(text: str) -> str:
    """The words of a Markdown file without its markup: heading hashes, emphasis stars,
    list markers, link targets and rules go, so they neither show in the panes and
    reports nor count as differences ("# Title" against a plain "Title")."""
    for rx, repl in _MD_RULES:
        text = rx.sub(repl, text)
    return text


def normalise_text(text: str) -> str:
    """CRLF to LF, NFC, tabs and odd spaces to spaces, trailing spaces and
    runs of blank lines trimmed; no words are removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _TRAILING.sub("", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip("\n ")


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding name); binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", source), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", source), "utf-16"
    if b"\x00" in data[:8192]:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise InputError(source, "looks like a binary file")
        text = _decode(data, encoding, source)
    else:
        text, encoding = _decode_8bit(data, source)
    controls = sum(1 for c in text[:8192] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v")
    if controls > max(2, len(text[:8192]) // 100):
        raise InputError(source, "looks like a binary file")
    return text, encoding


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by where the zero bytes of Latin text fall."""
    sample = data[: 8192 - (8192 % 2)]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, source: str) -> tuple[str, str]:
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes  # lazy: only for legacy encodings

        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "cannot decode text") from None
        text, encoding = str(best), best.encoding
    return text, encoding


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(source, "cannot decode text") from None


def _check_size(source: str, size: int) -> None:
    if size > MAX_BYTES:
        raise InputError(source, f"too large ({size / 1024 / 1024:.0f} MB; limit {MAX_BYTES // 1024 // 1024} MB)")
    if size == 0:
        raise InputError(source, "is empty")


def _format_of(data: bytes, source: str, kind: str | None) -> str:
    """Pick a reader from the extension, checked against the leading bytes."""
    ext = (kind if kind is not None else Path(source.split("?", 1)[0]).suffix).lower().lstrip(".")
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if ext in ("docx", "") or b"word/" in data[:4096]:
            return "docx"
        raise InputError(source, f"unsupported format .{ext or 'zip'}")
    if ext in HTML_KINDS:
        return "html"
    if ext in TEXT_KINDS:
        if ext == "" and head.startswith((b"<!doctype html", b"<html")):
            return "html"
        return TEXT_KINDS[ext]
    if ext in ("pdf", "docx"):
        raise InputError(source, f"is not a valid {ext.upper()} file")
    raise InputError(source, f"unsupported format .{ext}")


def _build(data: bytes, source: str, doc_id: str, text: str, meta: dict, title: str | None) -> Document:
    text = normalise_text(text)
    if not text.strip():
        raise InputError(source, "no readable text found")
    furniture = find_boilerplate(text)
    segments = segment_text(text, doc_id, furniture.spans)
    if meta.get("format") == "html" and all(s.boilerplate for s in segments):
        raise InputError(source, "no readable text found in the HTML")
    meta = dict(meta)
    if not meta.get("date") and furniture.date:
        meta["date"] = furniture.date
    title = title or meta.get("title") or _title_from_text(segments) or _stem(source)
    meta.setdefault("title", None)
    meta.setdefault("date", None)
    return Document(
        id=doc_id,
        title=title,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        segments=segments,
        meta=meta,
        raw=data,
    )


def _title_from_text(segments) -> str | None:
    """The first content line, when it is short and reads like a headline."""
    first = next((s for s in segments if not s.boilerplate), None)
    if first is None or "\n" in first.text:
        return None
    line = first.text.lstrip("#*_> ").rstrip("*_ ")
    if len(line) <= 150 and len(line.split()) <= 20 and line[-1:] not in ".;,:":
        return line
    return None


def _stem(source: str) -> str:
    name = source.rstrip("/").rsplit("/", 1)[-1]
    return Path(name).stem or name or source


@contextlib.contextmanager
def _quiet(logger_name: str):
    """Silence a library's warnings ("empty HTML tree") on the user's stderr."""
    logger = logging.getLogger(logger_name)
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(old)


def _read_html(data: bytes, source: str) -> tuple[str, dict]:
    import trafilatura  # lazy: heavy import, only needed for web pages

    encoding = _html_encoding(data)
    with _quiet("trafilatura"):
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True)
        if doc is None or not (doc.text or "").strip():
            doc = trafilatura.bare_extraction(data, with_metadata=True, favor_recall=True, include_comments=False)
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        raise InputError(source, "no readable text found in the HTML")
    # trafilatura puts one block per line; blank lines make them paragraphs.
    text = "\n\n".join(line for line in text.split("\n") if line.strip())
    meta = {
        "format": "html",
        "encoding": encoding,
        "title": (doc.title or None) if doc is not None else None,
        "date": (doc.date or None) if doc is not None else None,
    }
    return text, meta


def _html_encoding(data: bytes) -> str:
    m = re.search(rb"""charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.IGNORECASE)
    if m:
        return m.group(1).decode("ascii", "replace").lower()
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return best.encoding if best else "unknown"


def _read_pdf(data: bytes, source: str) -> tuple[str, dict]:
    from pypdf import PdfReader  # lazy
    from pypdf.errors import PdfReadError

    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError(source, "is an encrypted PDF")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata or {}
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(source, f"cannot read the PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise InputError(source, "no readable text found in the PDF (scanned images?)")
    title = str(info.get("/Title") or "").strip() or None
    return text, {"format": "pdf", "encoding": None, "title": title, "date": None, "pages": len(pages)}


def _read_docx(data: bytes, source: str) -> tuple[str, dict]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            body = ElementTree.fromstring(zf.read("word/document.xml"))
            core = zf.read("docProps/core.xml") if "docProps/core.xml" in zf.namelist() else None
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise InputError(source, "is not a valid DOCX file") from None
    paragraphs = []
    for para in body.iter(f"{_W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append(" ")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    text = "\n\n".join(p for p in paragraphs if p.strip())
    if not text.strip():
        raise InputError(source, "no readable text found in the DOCX")
    title = None
    if core is not None:
        with contextlib.suppress(ElementTree.ParseError):
            node = ElementTree.fromstring(core).find("{http://purl.org/dc/elements/1.1/}title")
            title = (node.text or "").strip() or None if node is not None else None
    return text, {"format": "docx", "encoding": None, "title": title, "date": None}
