#!/usr/bin/env bash
# Cranfield effectiveness benchmark: newsdex against SQLite FTS5 and bm25s.
#
# Usage: benches/cranfield/run.sh   (from anywhere; works in the repo root)
#
# Data: ../shared/data/cranfield/cranfield.tar.gz relative to the repository,
# or the tarball / unpacked directory named by $CRANFIELD_DATA. Without it the
# script says so and exits 0, so CI without the data does not fail.
# Output: target/cranfield/ (articles, queries, qrels, the *.run files, the
# index); the tables go to stdout: text, then Markdown for BENCHMARKS.md.
# Relevant = Cranfield grades 1..4 (grade -1 is not relevant), binary gain.
#
# Each abstract is one article (id = its .I number) and may be split into
# several passages; newsdex searches with `--group article` (best passage per
# article, MaxP), so its run lists article ids like the qrels. newsdex runs
# twice: as configured by default (newsdex.run) and with `--feedback`
# (newsdex-feedback.run, pseudo-relevance feedback, opt-in because slower).
# R-precision, which `newsdex eval` lacks, comes from rprec.py. Queries reach
# all three systems as plain words: prepare.py replaces every character that
# tantivy's query syntax would read as an operator (' " ( ) : + - / ? ...)
# with a space, since newsdex has no lenient query mode.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
here="benches/cranfield"
out="target/cranfield"
data="${CRANFIELD_DATA:-$repo/../shared/data/cranfield/cranfield.tar.gz}"

if [[ ! -e "$data" ]]; then
    echo "cranfield: skipped: no data at $data (set CRANFIELD_DATA to cranfield.tar.gz or its unpacked directory)" >&2
    exit 0
fi

echo "cranfield: building newsdex (release)" >&2
cargo build --release --quiet
newsdex="target/release/newsdex"

python3 "$here/prepare.py" "$data" "$out"

# A fresh index each time: indexing into a stale one would mix in old data.
rm -rf "$out/index"
rm -f "$out"/*.run
echo "cranfield: indexing" >&2
"$newsdex" index --index "$out/index" "$out/articles.jsonl"
echo "cranfield: searching" >&2
# Exit 1 only means no query matched anything; 2 is an error (a query failed).
for variant in "" feedback; do
    status=0
    "$newsdex" search --index "$out/index" --queries "$out/queries.tsv" \
        --group article --format trec --limit 100 --run-tag "newsdex${variant:+-$variant}" \
        ${variant:+--$variant} > "$out/newsdex${variant:+-$variant}.run" || status=$?
    if (( status > 1 )); then
        echo "cranfield: newsdex search ${variant:+--$variant }failed (exit $status)" >&2
        exit "$status"
    fi
done

python3 "$here/baselines.py" "$out"

echo "cranfield: $("$newsdex" --version), $(python3 -c 'import sqlite3; print("SQLite", sqlite3.sqlite_version)'), $(uname -srm), $(nproc) cores" >&2

"$newsdex" eval --qrels "$out/qrels.txt" "$out"/*.run
echo
"$newsdex" eval --qrels "$out/qrels.txt" --format markdown "$out"/*.run
echo
echo "R-precision (trec_eval Rprec):"
python3 "$here/rprec.py" "$out/qrels.txt" "$out"/*.run
