#!/usr/bin/env python3
"""R-precision of TREC run files, as trec_eval's `Rprec` computes it.

Usage: rprec.py QRELS RUN...

For each query with R > 0 relevant documents (grade >= 1, as `newsdex eval
--relevant 1..`), the fraction of the first R documents of the run that are
relevant; a query the run does not answer counts 0 (trec_eval -c). Prints
one `name<TAB>Rprec` line per run, in the order given. `newsdex eval` does
not compute R-precision, hence this script. Standard library only.
"""

import sys
from collections import defaultdict
from pathlib import Path


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    relevant = defaultdict(set)
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and int(parts[3]) >= 1:
                relevant[parts[0]].add(parts[2])
    for path in sys.argv[2:]:
        ranked = defaultdict(list)
        with open(path, encoding="utf-8") as f:
            for line in f:
                qid, _, docid, rank, score, _tag = line.split()
                ranked[qid].append((float(score), docid))
        total = 0.0
        for qid, rel in relevant.items():
            # trec_eval orders by score, then by docid, both descending.
            docs = sorted(ranked.get(qid, []), key=lambda x: x[1], reverse=True)
            docs.sort(key=lambda x: x[0], reverse=True)
            top = [d for _, d in docs[: len(rel)]]
            total += sum(d in rel for d in top) / len(rel)
        print(f"{Path(path).stem}\t{total / len(relevant):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
