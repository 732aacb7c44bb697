"""Builders for the store tests: small fictional news versions and real comparisons.

The texts are written for these tests (a fictional river-port announcement and its
coverage); no test in this module, only helpers the test_store_* modules import.
"""

from __future__ import annotations

import hashlib

from scocompare.core.model import Anchor, Comparison, Constraint, Document
from scocompare.core.segment import segment_text

STATEMENT = """Harbour authority statement, Kessling, 12 March 2024

The Kessling River Port Authority will reopen the northern grain terminal on 2 April after six weeks of repairs.
The repairs cost 4.2 million euros and were paid from the regional resilience fund.
Barges of up to 3,000 tonnes will again be able to load at night.

The authority thanks the dock workers' union for its cooperation during the closure.
A public meeting on digital payments for berth fees will be held on 18 April."""

WIRE = """KESSLING, March 12 (Riverwire) - The northern grain terminal of Kessling's river port reopens on April 2 after six weeks of repairs, the port authority said on Tuesday.

The repairs cost 4.2 million euros, paid from the regional resilience fund, it said.
Barges of up to 3,000 tonnes will once more load at night.
A public meeting on digital payments for berth fees is planned for April 18."""

LOCAL = """Kessling port terminal to reopen

The grain terminal in the north of Kessling's port will reopen on 9 April, officials said.
Repairs cost about 4 million euros.
Dock workers were thanked for their cooperation.
Residents are invited to comment on the plans online."""

TEXTS = (("statement.txt", STATEMENT), ("wire.txt", WIRE), ("local.html", LOCAL))


def make_document(doc_id: str, source: str, text: str, raw: bytes | None = None,
                  title: str | None = None) -> Document:
    """A segmented Document whose sha256 is that of its original bytes."""
    raw = text.encode("utf-8") if raw is None else raw
    return Document(id=doc_id, title=title or text.splitlines()[0][:60], source=source,
                    sha256=hashlib.sha256(raw).hexdigest(), text=text,
                    segments=segment_text(text, doc_id), meta={"kind": source.rsplit(".", 1)[-1]},
                    raw=raw)


def make_documents(n: int = 3) -> list[Document]:
    """``n`` versions (cycling through the three texts, later copies made distinct)."""
    docs = []
    for k in range(n):
        source, text = TEXTS[k % len(TEXTS)]
        if k >= len(TEXTS):
            text = f"{text}\n\nUpdate {k}: the report was revised at {k}:00."
        docs.append(make_document(f"d{k + 1}", f"/news/{k}-{source}", text))
    return docs


def lexical():
    from scocompare.core.similarity import get_scorer

    return get_scorer("lexical")


def make_comparison(n: int = 3, constraints=(), threshold: float | None = None) -> Comparison:
    """A real comparison of the fixture versions (lexical scorer: fast, no model)."""
    from scocompare.core.compare import compare_documents

    return compare_documents(make_documents(n), base=0, scorer=lexical(),
                             constraints=tuple(constraints), threshold=threshold)


def an_unlink(comparison: Comparison) -> Constraint:
    """An 'unlink' constraint for the first automatic link of a comparison."""
    lk = comparison.links[0]
    da = comparison.document(lk.a.split(".")[0])
    db = comparison.document(lk.b.split(".")[0])
    return Constraint("unlink", Anchor.of(da, comparison.segment(lk.a)),
                      Anchor.of(db, comparison.segment(lk.b)), note="not the same claim")
