#!/usr/bin/env python3
"""Baseline TREC runs for the Cranfield benchmark, to compare newsdex against.

Usage: baselines.py OUT_DIR

OUT_DIR is prepare.py's output (articles.jsonl, queries.tsv). Writes the top
100 results per query, as TREC run files tagged after the system:

  fts5.run   SQLite FTS5 through Python's sqlite3: columns title and body,
             tokenizer 'porter unicode61', ranked by bm25(docs) (k1 = 1.2,
             b = 0.75, both columns weighted 1). FTS5's query syntax chokes on
             punctuation, so each query becomes an OR of its quoted
             alphanumeric tokens.
  bm25s.run  bm25s (defaults: Lucene BM25, k1 = 1.5, b = 0.75) over
             title + " " + body, English stop words, PyStemmer's English
             (Porter 2) stemmer. Installed from PyPI into OUT_DIR/.venv-bm25s;
             if that install fails the baseline is skipped with a message.

Progress and warnings go to stderr.
"""

import json
import re
import sqlite3
import subprocess
import sys
import venv
from pathlib import Path

TOP_K = 100
VENV_DIR = ".venv-bm25s"
PACKAGES = ["bm25s", "PyStemmer"]
PIP_TIMEOUT_S = 900


def log(message: str) -> None:
    print(f"baselines: {message}", file=sys.stderr, flush=True)


def load(out: Path):
    articles = []
    with open(out / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            articles.append((a["id"], a["title"], a["body"]))
    queries = []
    with open(out / "queries.tsv", encoding="utf-8") as f:
        for line in f:
            qid, _, text = line.rstrip("\n").partition("\t")
            queries.append((qid, text))
    return articles, queries


def write_run(path: Path, tag: str, results) -> None:
    """results: iterable of (qid, [(docid, score), ...]) best first."""
    with open(path, "w", encoding="utf-8") as f:
        for qid, hits in results:
            for rank, (docid, score) in enumerate(hits, start=1):
                # repr keeps every digit, so the evaluator sees the same ties.
                f.write(f"{qid} Q0 {docid} {rank} {float(score)!r} {tag}\n")
    log(f"wrote {path}")


def fts5_match(text: str) -> str:
    return " OR ".join(f'"{t}"' for t in re.findall(r"[A-Za-z0-9]+", text))


def run_fts5(out: Path, articles, queries) -> None:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
        "tokenize = 'porter unicode61')"
    )
    db.executemany("INSERT INTO docs (id, title, body) VALUES (?, ?, ?)", articles)
    results = []
    for qid, text in queries:
        match = fts5_match(text)
        hits = []
        if match:
            rows = db.execute(
                "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? "
                "ORDER BY bm25(docs) LIMIT ?",
                (match, TOP_K),
            )
            # FTS5's bm25() is lower-is-better; TREC scores are higher-is-better.
            hits = [(docid, -score) for docid, score in rows]
        results.append((qid, hits))
    write_run(out / "fts5.run", "fts5", results)


def run_bm25s(out: Path) -> None:
    """Runs inside the virtual environment that has bm25s."""
    import bm25s
    import Stemmer

    import importlib.metadata as md

    log(f"bm25s {md.version('bm25s')}, PyStemmer {md.version('PyStemmer')}")
    articles, queries = load(out)
    stemmer = Stemmer.Stemmer("english")
    corpus = [f"{title} {body}" for _, title, body in articles]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )
    # Token strings rather than ids: the retriever maps them to its own
    # vocabulary and drops words it never saw.
    query_tokens = bm25s.tokenize(
        [text for _, text in queries],
        stopwords="en",
        stemmer=stemmer,
        return_ids=False,
        show_progress=False,
    )
    docs, scores = retriever.retrieve(query_tokens, k=TOP_K, show_progress=False)
    results = []
    for (qid, _), row_docs, row_scores in zip(queries, docs, scores):
        # A query with no known word comes back with zero scores: not a match.
        hits = [(articles[d][0], s) for d, s in zip(row_docs, row_scores) if s > 0]
        results.append((qid, hits))
    write_run(out / "bm25s.run", "bm25s", results)


def venv_python(out: Path) -> Path | None:
    """A Python with bm25s and PyStemmer, installing them on first use."""
    env_dir = out / VENV_DIR
    python = env_dir / "bin" / "python"
    probe = [str(python), "-c", "import bm25s, Stemmer"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    log(f"creating {env_dir} and installing {' '.join(PACKAGES)} from PyPI")
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        install = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PACKAGES],
            stdout=sys.stderr,
            timeout=PIP_TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError) as err:
        log(f"SKIPPING bm25s: could not set up {env_dir}: {err}")
        return None
    if install.returncode != 0:
        log(f"SKIPPING bm25s: 'pip install {' '.join(PACKAGES)}' failed (exit {install.returncode}); see pip's output above")
        return None
    return python


def main(argv) -> int:
    if len(argv) == 3 and argv[1] == "--bm25s-only":
        run_bm25s(Path(argv[2]))
        return 0
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = Path(argv[1])
    if not (out / "articles.jsonl").is_file() or not (out / "queries.tsv").is_file():
        log(f"{out} lacks articles.jsonl or queries.tsv; run prepare.py first")
        return 2
    articles, queries = load(out)
    run_fts5(out, articles, queries)

    python = venv_python(out)
    if python is not None:
        done = subprocess.run([str(python), str(Path(__file__).resolve()), "--bm25s-only", str(out)])
        if done.returncode != 0:
            log(f"SKIPPING bm25s: it failed with exit {done.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
