#!/usr/bin/env python3
"""Build crates/annotate/data/lexicon.tsv from CoNLL-2003 eng.train (../shared/data/conll2003).

For every word (keyed lower-cased) it counts how often the training text writes it in lower case,
capitalised inside a sentence, capitalised at a sentence start, and inside each entity type, plus
how often it opens or closes a multi-word person name, and how often it opens a multi-word place
name (the "Saudi" of "Saudi Arabia", which is otherwise a nationality word). The annotator uses these counts to tell a
common word ("Authorities" at a sentence start) from a name, and a given name from a surname.
Only counts are shipped, never the text.

Run:  python3 scripts/build_lexicon.py [path/to/eng.train]
"""
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data", "conll2003", "eng.train")
OUT = os.path.join(HERE, "..", "crates", "annotate", "data", "lexicon.tsv")

COLS = ["lower", "cap_mid", "cap_init", "per", "org", "loc", "misc", "per_first", "per_last", "loc_head"]


def sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("-DOCSTART-"):
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split()
            sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


def spans(tags):
    """(start, end, type) of entities, IOB1 or IOB2."""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
                start, typ = None, None
            if t != "O":
                start, typ = i, t[2:]
    return out


def main():
    counts = collections.defaultdict(lambda: collections.Counter())
    n = 0
    for sent in sentences(SRC):
        words = [w for w, _ in sent]
        tags = [t for _, t in sent]
        n += 1
        for i, (w, t) in enumerate(sent):
            k = w.lower()
            c = counts[k]
            if w.islower():
                c["lower"] += 1
            elif w[:1].isupper():
                c["cap_init" if i == 0 else "cap_mid"] += 1
            if t != "O":
                c[t[2:].lower()] += 1
        for s, e, typ in spans(tags):
            if typ == "PER" and e - s >= 2:
                counts[words[s].lower()]["per_first"] += 1
                counts[words[e - 1].lower()]["per_last"] += 1
            if typ == "LOC" and e - s >= 2:
                counts[words[s].lower()]["loc_head"] += 1
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# word\t" + "\t".join(COLS) + f"  (built by scripts/build_lexicon.py from CoNLL-2003 eng.train, {n} sentences)\n")
        kept = 0
        for k in sorted(counts):
            c = counts[k]
            if sum(c.values()) < 2 or not any(ch.isalpha() for ch in k) or "\t" in k:
                continue
            f.write(k + "\t" + "\t".join(str(c[x]) for x in COLS) + "\n")
            kept += 1
    print(f"{kept} words -> {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
