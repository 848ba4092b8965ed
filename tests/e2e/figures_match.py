#!/usr/bin/env python3
"""How many of a text version's figures another version of the same
documents yields: each indicator as (value, unit, metric), counted as a
multiset per document, documents paired by the first number in their names
(000_b6db7edfdf7e32f2.txt and seed_000.docx). Only documents present in
OTHER count.
  figures_match.py TEXT.jsonl OTHER.jsonl
prints "MATCHED TOTAL PERCENT" and, on stderr, each document's share."""
import collections
import json
import re
import sys


def load(path):
    docs = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            key = int(re.search(r"\d+", r["doc"]).group(0))
            docs[key][(round(r["value"], 6), r["unit"] or "", r["metric"] or "")] += 1
    return docs


def main():
    text, other = load(sys.argv[1]), load(sys.argv[2])
    matched = total = 0
    for key in sorted(other):
        want, got = text.get(key, collections.Counter()), other[key]
        m, n = sum((want & got).values()), sum(want.values())
        print(f"  document {key}: {m} of {n}", file=sys.stderr)
        matched += m
        total += n
    percent = 100.0 * matched / total if total else 0.0
    print(matched, total, f"{percent:.1f}")


if __name__ == "__main__":
    main()
