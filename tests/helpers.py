"""Small builders shared by tests: documents from sentence lists, a deterministic scorer."""

from __future__ import annotations

import hashlib

import numpy as np
from rapidfuzz import fuzz, process

from scocompare.core.model import Document, Segment


def make_doc(doc_id: str, paragraphs: list[list[str]], title: str | None = None) -> Document:
    """A Document whose segments are the given sentences, paragraphs split by blank lines."""
    text = ""
    segs = []
    n = 0
    for p, sentences in enumerate(paragraphs, start=1):
        if text:
            text += "\n\n"
        for k, s in enumerate(sentences):
            if k:
                text += " "
            start = len(text)
            text += s
            n += 1
            segs.append(Segment(id=f"{doc_id}.s{n}", doc=doc_id, index=n - 1, paragraph=p,
                                start=start, end=len(text), text=s))
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=doc_id, title=title or doc_id, source=f"{doc_id}.txt", sha256=sha,
                    text=text, segments=tuple(segs), raw=text.encode())


class FuzzScorer:
    """Deterministic lexical scorer for engine tests (no model, no IDF)."""

    name = "test-fuzz"
    default_threshold = 0.5

    def matrix(self, a, b):
        return self.components(a, b)["score"]

    def components(self, a, b):
        if not a or not b:
            z = np.zeros((len(a), len(b)), dtype=np.float32)
            return {"score": z, "lexical": z}
        m = process.cdist(a, b, scorer=fuzz.token_sort_ratio, workers=1).astype(np.float32) / 100
        return {"score": m, "lexical": m}

    def prepare(self, texts):
        return None


def lexical_compare(documents, base, threshold, progress, cancelled, constraints=()):
    """The window's compare function with the lexical scorer: the real engine, no model
    start-up (GUI tests)."""
    from scocompare.core.compare import compare_documents
    from scocompare.core.similarity import get_scorer

    return compare_documents(documents, base=base, threshold=threshold, scorer=get_scorer("lexical"),
                             constraints=constraints, progress=progress, cancelled=cancelled)
