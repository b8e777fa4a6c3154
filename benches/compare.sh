#!/usr/bin/env bash
# Reproducible speed comparison on one machine in one run: newsdex against tantivy-cli
# 0.24, SQLite FTS5 and ripgrep on Reuters-21578 at 1x and 10x, results written into
# BENCHMARKS.md (between the "compare" markers; other sections are left alone).
#
#   bash benches/compare.sh            # everything (about 30-60 minutes on 2 cores)
#   SCALES=1 bash benches/compare.sh   # the 1x corpus only (a few minutes)
#
# Settings (environment): SCALES ("1 10"), THREADS (nproc), MEMORY_MB (256),
# INDEX_RUNS (3 builds per engine, interleaved), SEARCH_RUNS (10 timed passes),
# FTS_RUNS (3), PROCESS_RUNS (10 runs per whole-process search), REUTERS (the
# reuters21578.tar.gz to read), NO_REPORT=1 (measure only, leave BENCHMARKS.md alone).
#
# What runs, in target/compare/ (large files stay under target/, never in git):
#   1. reuters_to_jsonl.py: article JSONL for newsdex, one passage per line for the peers;
#      at 10x every article ten times under distinct ids.
#   2. Indexing, interleaved run by run: `newsdex index` (from the raw articles: reading,
#      sharding, extraction included) and `tantivy index` (on the prepared passages, schema
#      benches/compare/tantivy_meta.json), both under /usr/bin/time -v; SQLite FTS5 build;
#      `newsdex bench index` for throughput per thread count and size per field.
#   3. Searching benches/queries.txt: `newsdex bench search` (top10+count and top10),
#      `tantivy bench` (top 10 + count), FTS5 top 10 ORDER BY rank; then whole processes
#      with hyperfine: `newsdex search` for every query, ripgrep for every phrase.
#   4. benches/compare/report.py writes the tables and the targets met or not.
# Not part of `cargo test`. Skips (exit 0) with a message when the data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

REUTERS=${REUTERS:-../shared/data/reuters21578/reuters21578.tar.gz}
SCALES=${SCALES:-"1 10"}
THREADS=${THREADS:-$(nproc)}
MEMORY_MB=${MEMORY_MB:-256}
INDEX_RUNS=${INDEX_RUNS:-3}
SEARCH_RUNS=${SEARCH_RUNS:-10}
FTS_RUNS=${FTS_RUNS:-3}
PROCESS_RUNS=${PROCESS_RUNS:-10}
REFERENCE_DATE=1987-10-20
WORK=target/compare
OUT=$WORK/results
QUERIES=benches/queries.txt

say() { printf '\n== %s\n' "$*" >&2; }

if [ ! -e "$REUTERS" ]; then
    echo "compare.sh: skipped: $REUTERS is absent (the shared data sets live in ../shared/data)" >&2
    exit 0
fi
for tool in python3 rg hyperfine /usr/bin/time cargo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "compare.sh: $tool is needed (apt-get install ripgrep hyperfine time python3)" >&2
        exit 2
    fi
done

mkdir -p "$WORK/bin" "$OUT"

say "building newsdex (release) and keeping a copy, so that a rebuild meanwhile cannot change it"
cargo build --release --quiet
cp target/release/newsdex "$WORK/bin/newsdex"
NEWSDEX=$WORK/bin/newsdex

TANTIVY=target/peers/bin/tantivy
if [ ! -x "$TANTIVY" ]; then
    say "installing tantivy-cli 0.24 into target/peers (several minutes)"
    cargo install tantivy-cli --version '~0.24' --root target/peers
fi

say "recording the machine and the versions"
{
    echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "mem_kb=$(grep MemTotal /proc/meminfo | awk '{print $2}')"
    echo "kernel=$(uname -r)"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc=$(rustc --version)"
    echo "newsdex_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src Cargo.toml 2>/dev/null || echo '+uncommitted')"
    echo "newsdex_tantivy=$(grep -A1 '^name = "tantivy"$' Cargo.lock | sed -n 's/version = "\(.*\)"/\1/p')"
    echo "tantivy_cli=$("$TANTIVY" --version 2>&1 | sed -n 1p) (library $(strings "$TANTIVY" | grep -o 'tantivy-0\.[0-9]*\.[0-9]*' | sort -u | sed -n 1p))"
    echo "sqlite=$(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')"
    echo "python=$(python3 --version 2>&1)"
    echo "ripgrep=$(rg --version | sed -n 1p)"
    echo "hyperfine=$(hyperfine --version)"
    echo "threads=$THREADS"
    echo "memory_mb=$MEMORY_MB"
    echo "index_runs=$INDEX_RUNS"
    echo "search_runs=$SEARCH_RUNS"
    echo "fts_runs=$FTS_RUNS"
    echo "process_runs=$PROCESS_RUNS"
    echo "scales=$SCALES"
} > "$OUT/env.txt"
cat "$OUT/env.txt" >&2

grep -v -e '^#' -e '^[[:space:]]*$' "$QUERIES" > "$WORK/queries.plain.txt"
grep '^"' "$WORK/queries.plain.txt" > "$WORK/queries.phrases.txt"

for S in $SCALES; do
    say "scale ${S}x: converting Reuters-21578"
    if [ ! -s "$WORK/r$S.jsonl" ] || [ ! -s "$WORK/r$S.ndjson" ]; then
        python3 benches/reuters_to_jsonl.py "$REUTERS" -o "$WORK/r$S.jsonl" \
            --copies "$S" --passages-ndjson "$WORK/r$S.ndjson"
    fi
    ls -l "$WORK/r$S.jsonl" "$WORK/r$S.ndjson" >&2

    say "scale ${S}x: indexing, newsdex and tantivy-cli interleaved, $INDEX_RUNS runs each"
    for i in $(seq 1 "$INDEX_RUNS"); do
        rm -rf "$WORK/nd$S"
        /usr/bin/time -v -o "$OUT/index_newsdex_${S}_$i.time" \
            "$NEWSDEX" index "$WORK/r$S.jsonl" --index "$WORK/nd$S" --threads "$THREADS" \
            --memory-mb "$MEMORY_MB" --reference-date "$REFERENCE_DATE" --quiet \
            2> "$OUT/index_newsdex_${S}_$i.log" || true
        python3 benches/compare/peers.py time-v "$OUT/index_newsdex_${S}_$i.time" \
            > "$OUT/index_newsdex_${S}_$i.json"
        rm -rf "$WORK/tv$S" && mkdir -p "$WORK/tv$S"
        cp benches/compare/tantivy_meta.json "$WORK/tv$S/meta.json"
        # tantivy-cli divides -m by the thread count and passes the quotient as the whole
        # budget: multiply, so that both writers get MEMORY_MB in total.
        /usr/bin/time -v -o "$OUT/index_tantivy_${S}_$i.time" \
            "$TANTIVY" index -i "$WORK/tv$S" -f "$WORK/r$S.ndjson" -t "$THREADS" \
            -m $((MEMORY_MB * THREADS * 1000000)) > "$OUT/index_tantivy_${S}_$i.log" 2>&1
        python3 benches/compare/peers.py time-v "$OUT/index_tantivy_${S}_$i.time" \
            > "$OUT/index_tantivy_${S}_$i.json"
        echo "  run $i: newsdex $(grep -o '"wall_seconds": [0-9.]*' "$OUT/index_newsdex_${S}_$i.json"), tantivy $(grep -o '"wall_seconds": [0-9.]*' "$OUT/index_tantivy_${S}_$i.json")" >&2
    done
    # Incremental: the same command again over the unchanged corpus (nothing to re-index).
    /usr/bin/time -v -o "$OUT/rerun_newsdex_$S.time" \
        "$NEWSDEX" index "$WORK/r$S.jsonl" --index "$WORK/nd$S" --threads "$THREADS" \
        --memory-mb "$MEMORY_MB" --reference-date "$REFERENCE_DATE" --quiet \
        2> "$OUT/rerun_newsdex_$S.log" || true
    python3 benches/compare/peers.py time-v "$OUT/rerun_newsdex_$S.time" \
        > "$OUT/rerun_newsdex_$S.json"
    du -sb "$WORK/nd$S" "$WORK/tv$S" > "$OUT/du_$S.txt"
    "$TANTIVY" inspect -i "$WORK/tv$S" > "$OUT/inspect_tantivy_$S.txt"
    python3 benches/compare/peers.py tantivy-inspect "$OUT/inspect_tantivy_$S.txt" \
        > "$OUT/inspect_tantivy_$S.json"

    say "scale ${S}x: newsdex bench index (throughput per thread count, size per field)"
    "$NEWSDEX" bench index "$WORK/r$S.jsonl" --threads "$(seq -s, 1 "$THREADS")" \
        --memory-mb "$MEMORY_MB" --reference-date "$REFERENCE_DATE" --format json \
        > "$OUT/bench_index_$S.json"

    say "scale ${S}x: SQLite FTS5 build"
    python3 benches/compare/fts5.py build "$WORK/fts$S.db" "$WORK/r$S.ndjson" > "$OUT/fts5_build_$S.json"
    cat "$OUT/fts5_build_$S.json" >&2

    say "scale ${S}x: in-process search, $SEARCH_RUNS timed passes after a warm-up"
    for mode in top10+count top10; do
        "$NEWSDEX" bench search --index "$WORK/nd$S" --queries "$QUERIES" --mode "$mode" \
            --runs "$SEARCH_RUNS" --warmup 1 --concurrency "$THREADS" --format json \
            > "$OUT/search_newsdex_${mode/+/_}_$S.json"
    done
    "$TANTIVY" bench -i "$WORK/tv$S" -q "$WORK/queries.plain.txt" -n $((SEARCH_RUNS + 1)) \
        > "$OUT/search_tantivy_$S.txt"
    python3 benches/compare/peers.py tantivy-bench "$OUT/search_tantivy_$S.txt" --warmup 1 \
        > "$OUT/search_tantivy_$S.json"
    python3 benches/compare/fts5.py query "$WORK/fts$S.db" "$QUERIES" --runs "$FTS_RUNS" \
        --warmup 1 > "$OUT/search_fts5_$S.json"

    say "scale ${S}x: whole processes: newsdex search (every query) and ripgrep (phrases)"
    cmds=()
    while IFS= read -r q; do
        cmds+=("$NEWSDEX search --index $WORK/nd$S --color never '$q'")
    done < "$WORK/queries.plain.txt"
    hyperfine -N -i --style none --warmup 2 --runs "$PROCESS_RUNS" \
        --export-json "$OUT/process_newsdex_$S.json" "${cmds[@]}" > "$OUT/process_newsdex_$S.log" 2>&1
    cmds=()
    while IFS= read -r q; do
        phrase=${q//\"/}
        cmds+=("rg -c -i -F '$phrase' $WORK/r$S.jsonl")
    done < "$WORK/queries.phrases.txt"
    hyperfine -N -i --style none --warmup 1 --runs "$PROCESS_RUNS" \
        --export-json "$OUT/process_rg_$S.json" "${cmds[@]}" > "$OUT/process_rg_$S.log" 2>&1
done

if [ "${NO_REPORT:-}" = 1 ]; then
    say "measured; BENCHMARKS.md left alone (NO_REPORT=1)"
    exit 0
fi
say "writing BENCHMARKS.md"
python3 benches/compare/report.py "$OUT" BENCHMARKS.md
