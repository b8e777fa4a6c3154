#!/usr/bin/env python3
"""SQLite FTS5 peer for benches/compare.sh: build a passage table, time top-10 queries.

Usage:
  fts5.py build DB PASSAGES.ndjson         -> JSON {seconds, rows, db_bytes} on stdout
  fts5.py query DB QUERIES --runs N [--warmup N] -> JSON {results: [...], sqlite} on stdout

The table holds the same passages tantivy-cli indexes (one paragraph per line from
reuters_to_jsonl.py --passages-ndjson): id and date unindexed, title and body with
tokenize='porter unicode61' (Porter stemming, like the English stemmer of the others).

Queries use newsdex syntax and are translated: a "phrase" stays a phrase, +a +b becomes
a AND b, plain words a b become a OR b. Each query runs
  SELECT id FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT 10
and only that statement (execute + fetchall) is timed, in seconds. Standard library only.
"""

import argparse
import json
import os
import re
import sqlite3
import sys
import time

TOKEN = re.compile(r'"[^"]*"|\S+')


def translate(query: str) -> str:
    """newsdex query syntax (words, +required, "phrases") to an FTS5 MATCH expression."""
    parts = TOKEN.findall(query)
    required = all(p.startswith("+") for p in parts)
    terms = []
    for p in parts:
        p = p.lstrip("+")
        if p.startswith('"'):
            words = re.findall(r"\w+", p)
            terms.append('"' + " ".join(words) + '"')
        else:
            terms.append('"' + "".join(re.findall(r"\w+", p)) + '"')
    return (" AND " if required else " OR ").join(terms)


def read_queries(path: str) -> list:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def build(db: str, passages: str) -> dict:
    if os.path.exists(db):
        os.remove(db)
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE passages USING fts5("
        "id UNINDEXED, title, body, date UNINDEXED, tokenize='porter unicode61')")
    rows = 0
    batch = []
    with open(passages, encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            batch.append((p["id"], p.get("title", ""), p["body"], p.get("date")))
            if len(batch) == 10000:
                con.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)", batch)
                rows += len(batch)
                batch.clear()
    con.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)", batch)
    rows += len(batch)
    con.execute("INSERT INTO passages(passages) VALUES ('optimize')")
    con.commit()
    con.close()
    return {"seconds": time.perf_counter() - start, "rows": rows,
            "db_bytes": os.path.getsize(db), "sqlite": sqlite3.sqlite_version}


def query(db: str, queries_path: str, runs: int, warmup: int) -> dict:
    con = sqlite3.connect(db)
    sql = "SELECT id FROM passages WHERE passages MATCH ? ORDER BY rank LIMIT 10"
    queries = read_queries(queries_path)
    results = []
    for q in queries:
        results.append({"command": q, "match": translate(q), "times": [], "hits": 0})
    for r in range(warmup + runs):
        for res in results:
            start = time.perf_counter()
            try:
                rows = con.execute(sql, (res["match"],)).fetchall()
            except sqlite3.Error as err:
                res["error"] = str(err)
                continue
            elapsed = time.perf_counter() - start
            res["hits"] = len(rows)
            if r >= warmup:
                res["times"].append(elapsed)
    con.close()
    return {"results": results, "sqlite": sqlite3.sqlite_version}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("db")
    b.add_argument("passages")
    q = sub.add_parser("query")
    q.add_argument("db")
    q.add_argument("queries")
    q.add_argument("--runs", type=int, default=3)
    q.add_argument("--warmup", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "build":
        out = build(args.db, args.passages)
    else:
        out = query(args.db, args.queries, args.runs, args.warmup)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
