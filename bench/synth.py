"""Synthetic news-like statement and coverage versions for benchmarks.

The base is a statement of news-length sentences (20-35 words). Versions are made the
way coverage is made: about 60% of sentences near-verbatim (a word or two changed),
25% rewritten (clauses reordered, synonyms), 10% dropped, 5% added, and the first
paragraphs reordered. Deterministic for a given seed.
"""

from __future__ import annotations

import random

SUBJECTS = ["The member states", "The leaders", "The ministers", "The council", "The delegations",
            "The heads of government", "The secretariat", "The participants", "The partners",
            "The regional bank", "The host country", "The working group"]
VERBS = ["agreed to", "decided to", "pledged to", "resolved to", "undertook to", "called for efforts to",
         "committed to", "expressed readiness to", "stressed the need to", "welcomed plans to"]
ACTIONS = ["strengthen", "expand", "deepen", "coordinate", "modernise", "finance", "review",
           "accelerate", "support", "protect", "develop", "harmonise", "monitor", "simplify"]
OBJECTS = ["cooperation on river management", "the regional power grid", "digital customs procedures",
           "flood forecasting networks", "trade in agricultural goods", "vocational training programmes",
           "cross-border rail links", "public health surveillance", "data protection rules",
           "investment in renewable energy", "joint research on climate adaptation",
           "the exchange of students and teachers", "mobile roaming tariffs", "port infrastructure",
           "small business export credit", "water quality standards", "emergency relief stocks",
           "cultural heritage sites", "transport corridors", "financial market supervision"]
TAILS = ["in the coming five years", "before the next annual meeting", "with support from international partners",
         "in line with national legislation", "through a dedicated working group", "by the end of the decade",
         "while respecting the interests of each member", "with particular attention to rural areas",
         "on the basis of equality and mutual benefit", "as a matter of priority",
         "according to a plan to be approved by the ministers", "with a budget of {n} million euros",
         "covering some {n} thousand households", "so that at least {p} per cent of citizens benefit"]
SYNONYMS = {"strengthen": "reinforce", "expand": "broaden", "deepen": "intensify", "support": "back",
            "agreed to": "consented to", "decided to": "chose to", "The leaders": "The presidents",
            "develop": "build up", "review": "reassess", "protect": "safeguard", "finance": "fund",
            "The member states": "The countries", "The council": "The body", "cooperation": "collaboration"}


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(ACTIONS), rng.choice(OBJECTS),
             "and", rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(TAILS)]
    s = " ".join(parts).format(n=rng.randint(2, 900), p=rng.randint(5, 95))
    if rng.random() < 0.5:
        s += ", " + rng.choice(TAILS).format(n=rng.randint(2, 900), p=rng.randint(5, 95))
    return s + "."


def make_base(n_sentences: int = 200, seed: int = 1, distinct: bool = False) -> list[list[str]]:
    """Paragraphs of 4-6 sentences; ``distinct`` adds a unique token to every sentence."""
    rng = random.Random(seed)
    sents = [_sentence(rng) for _ in range(n_sentences)]
    if distinct:
        sents = [s[:-1] + f", item {k} of the plan." for k, s in enumerate(sents)]
    paras, k = [], 0
    while k < len(sents):
        size = rng.randint(4, 6)
        paras.append(sents[k:k + size])
        k += size
    return paras


def _near(s: str, rng: random.Random) -> str:
    words = s.split()
    k = rng.randrange(len(words))
    words[k] = rng.choice(["also", "further", "jointly", "fully", "again"]) + " " + words[k]
    return " ".join(words)


def _rewrite(s: str, rng: random.Random) -> str:
    for a, b in SYNONYMS.items():
        if a in s and rng.random() < 0.7:
            s = s.replace(a, b, 1)
    body = s.rstrip(".")
    if " and " in body:
        head, tail = body.split(" and ", 1)
        body = f"{tail[0].upper() + tail[1:]}, as well as {head[0].lower() + head[1:]}"
    return body + ", the statement said."


def make_version(base: list[list[str]], seed: int) -> list[list[str]]:
    """One coverage version of ``base`` (see module docstring for the mix)."""
    rng = random.Random(seed)
    paras = [list(p) for p in base]
    if len(paras) > 3:
        paras[0], paras[1], paras[2] = paras[2], paras[0], paras[1]
    out = []
    for p in paras:
        q = []
        for s in p:
            r = rng.random()
            if r < 0.60:
                q.append(_near(s, rng))
            elif r < 0.85:
                q.append(_rewrite(s, rng))
            elif r < 0.95:
                continue
            else:
                q.append(s)
            if rng.random() < 0.05:
                q.append(_sentence(rng))
        if q:
            out.append(q)
    return out


def to_text(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
