#!/usr/bin/env python3
"""Turn the text the peers print into JSON for benches/compare/report.py.

Usage:
  peers.py tantivy-bench OUT.txt --warmup N   `tantivy bench` output -> per-query times
  peers.py tantivy-inspect OUT.txt            `tantivy inspect` output -> bytes per field
  peers.py time-v OUT.txt                     GNU `/usr/bin/time -v` -> wall s, max RSS

`tantivy bench -n R` prints one `query<TAB>hits<TAB>microseconds` line per query and
pass, with no warm-up of its own; the first N passes are dropped here as warm-up.
Standard library only; JSON goes to stdout.
"""

import argparse
import json
import re
import sys

UNITS = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}


def tantivy_bench(path: str, warmup: int) -> dict:
    rows = []
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("SEARCH"):
                section = "search"
                continue
            if line.startswith("FETCH STORE"):
                break
            if section != "search" or line.startswith("query\t") or not line:
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                continue
            rows.append((parts[0], int(parts[1]), int(parts[2]) / 1e6))
    order = []
    seen = {}
    for q, hits, secs in rows:
        if q not in seen:
            seen[q] = {"command": q, "hits": hits, "times": [], "passes": 0}
            order.append(q)
        entry = seen[q]
        entry["passes"] += 1
        if entry["passes"] > warmup:
            entry["times"].append(secs)
    results = [seen[q] for q in order]
    for r in results:
        del r["passes"]
    return {"results": results}


def parse_bytes(text: str) -> float:
    m = re.match(r"([\d.]+)\s*([KMGT]?B)", text.strip())
    if not m:
        return 0.0
    return float(m.group(1)) * UNITS[m.group(2)]


def tantivy_inspect(path: str) -> dict:
    """Sums, over segments, each field's bytes per component, and the store."""
    fields = {}
    store = 0.0
    component = None
    in_store = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Store space usage"):
                in_store = True
                continue
            m = re.match(r"\d+\.\d+ (.+) space usage", line)
            if m:
                component = m.group(1).lower()
                in_store = False
                continue
            if in_store and line.startswith("Total bytes:"):
                store += parse_bytes(line.split(":", 1)[1])
                in_store = False
                continue
            m = re.match(r"Field `([^`]+)` bytes: (.+)", line)
            if m and component:
                entry = fields.setdefault(m.group(1), {})
                entry[component] = entry.get(component, 0.0) + parse_bytes(m.group(2))
    for entry in fields.values():
        entry["total"] = sum(v for k, v in entry.items() if k != "total")
    return {"fields": fields, "store": store}


def time_v(path: str) -> dict:
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                value = line.rsplit(" ", 1)[1]
                secs = 0.0
                for part in value.split(":"):
                    secs = secs * 60 + float(part)
                out["wall_seconds"] = secs
            elif line.startswith("Maximum resident set size"):
                out["max_rss_bytes"] = int(line.rsplit(" ", 1)[1]) * 1024
            elif line.startswith("User time"):
                out["user_seconds"] = float(line.rsplit(" ", 1)[1])
            elif line.startswith("System time"):
                out["system_seconds"] = float(line.rsplit(" ", 1)[1])
            elif line.startswith("Exit status"):
                out["exit_status"] = int(line.rsplit(" ", 1)[1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("tantivy-bench")
    b.add_argument("path")
    b.add_argument("--warmup", type=int, default=1)
    i = sub.add_parser("tantivy-inspect")
    i.add_argument("path")
    t = sub.add_parser("time-v")
    t.add_argument("path")
    args = ap.parse_args()
    if args.cmd == "tantivy-bench":
        out = tantivy_bench(args.path, args.warmup)
    elif args.cmd == "tantivy-inspect":
        out = tantivy_inspect(args.path)
    else:
        out = time_v(args.path)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
