#!/usr/bin/env python3
"""Write the results of benches/compare.sh into BENCHMARKS.md.

Usage: report.py RESULTS_DIR BENCHMARKS.md

Only the text between the markers <!-- compare.sh:begin --> and <!-- compare.sh:end -->
is replaced (it is appended when they are missing), so sections written by hand or by
other scripts stay. Every figure comes from RESULTS_DIR; nothing is typed in.
Standard library only.
"""

import json
import re
import statistics
import sys
from pathlib import Path

BEGIN = "<!-- compare.sh:begin -->"
END = "<!-- compare.sh:end -->"
# Fields newsdex has and the tantivy-cli schema has not (their index bytes are "extra").
SHARED = {"id": "id", "title": "title", "text": "body", "date": "date"}


def load(path: Path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def env(results: Path) -> dict:
    out = {}
    for line in (results / "env.txt").read_text().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    return out


def kind(query: str) -> str:
    if query.startswith('"'):
        return "phrase"
    if query.startswith("+"):
        return "intersection"
    if " " in query:
        return "union"
    return "single term"


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    rank = p / 100 * (len(s) - 1)
    lo, hi = int(rank), min(int(rank) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (rank - lo)


def times_of(results) -> list:
    return [t for r in results for t in r.get("times", [])]


def run_only(results) -> list:
    """newsdex results with the query-building part taken out of each time."""
    out = []
    for r in results:
        builds = r.get("build_times") or [0.0] * len(r["times"])
        out.append(dict(r, times=[t - b for t, b in zip(r["times"], builds)]))
    return out


def ms(x):
    return f"{x * 1000:.3f}"


def mb(x):
    return f"{x / 1e6:.1f}"


def ratio(a, b):
    return a / b if b else float("nan")


def verdict(ok):
    return "**met**" if ok else "**not met**"


def index_runs(results: Path, engine: str, scale: str) -> list:
    runs = []
    for p in sorted(results.glob(f"index_{engine}_{scale}_*.json")):
        d = load(p)
        if d and d.get("exit_status", 1) in (0, 1):
            runs.append(d)
    return runs


def runs_list(runs) -> str:
    return ", ".join("%.2f" % r["wall_seconds"] for r in runs)


def scale_section(results: Path, s: str, e: dict, facts: dict) -> list:
    lines = [f"### Reuters-21578 ×{s}", ""]
    nd_runs = index_runs(results, "newsdex", s)
    tv_runs = index_runs(results, "tantivy", s)
    bench_index = load(results / f"bench_index_{s}.json") or {"results": []}
    fts_build = load(results / f"fts5_build_{s}.json") or {}
    du = {}
    for line in (results / f"du_{s}.txt").read_text().splitlines():
        size, path = line.split("\t")
        du[Path(path).name] = int(size)
    nd_last = bench_index["results"][-1]["median_run"] if bench_index["results"] else None

    nd_wall = statistics.median(r["wall_seconds"] for r in nd_runs) if nd_runs else float("nan")
    tv_wall = statistics.median(r["wall_seconds"] for r in tv_runs) if tv_runs else float("nan")
    nd_rss = max((r["max_rss_bytes"] for r in nd_runs), default=0)
    tv_rss = max((r["max_rss_bytes"] for r in tv_runs), default=0)
    passages_nd = nd_last["passages"] if nd_last else 0
    fts_rows = fts_build.get("rows", 0)
    facts[s] = {"nd_wall": nd_wall, "tv_wall": tv_wall, "nd_rss": nd_rss,
                "nd_size": du.get(f"nd{s}", 0), "tv_size": du.get(f"tv{s}", 0)}

    lines += [
        f"newsdex indexes the article JSONL ({mb(nd_last['input_bytes']) if nd_last else '?'} MB, "
        f"{nd_last['articles'] if nd_last else '?'} articles → {passages_nd} passages); "
        f"tantivy-cli and FTS5 index the prepared passages ({fts_rows} lines, one paragraph each: "
        "newsdex's sharder merges and drops a few, hence the different counts).",
        "",
        "**Indexing** (wall time from `/usr/bin/time -v`, median of "
        f"{len(nd_runs)} interleaved runs; {e.get('threads')} threads, {e.get('memory_mb')} MB writer budget each)",
        "",
        "| engine | input | wall s (median) | runs | max RSS MB | index on disk MB | vs tantivy-cli |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: |",
        f"| newsdex `index` | raw articles (read, shard, extract, index) | {nd_wall:.2f} | "
        f"{runs_list(nd_runs)} | {mb(nd_rss)} | "
        f"{mb(du.get(f'nd{s}', 0))} | {ratio(nd_wall, tv_wall):.2f}× time |",
        f"| tantivy-cli `index` | prepared passages | {tv_wall:.2f} | "
        f"{runs_list(tv_runs)} | {mb(tv_rss)} | "
        f"{mb(du.get(f'tv{s}', 0))} | 1 |",
        f"| SQLite FTS5 (Python) | prepared passages | {fts_build.get('seconds', float('nan')):.2f} | 1 | – | "
        f"{mb(fts_build.get('db_bytes', 0))} | {ratio(fts_build.get('seconds', 0), tv_wall):.2f}× time |",
        "",
    ]
    rerun = load(results / f"rerun_newsdex_{s}.json")
    if rerun:
        lines += [
            f"**Incremental re-run**: the same `newsdex index` command again over the unchanged "
            f"corpus (every article skipped by its content hash, nothing parsed): "
            f"{rerun['wall_seconds']:.2f} s, {ratio(rerun['wall_seconds'], nd_wall) * 100:.1f}% of the "
            f"first run's median; max RSS {mb(rerun['max_rss_bytes'])} MB.",
            "",
        ]
    if bench_index["results"]:
        lines += [
            "`newsdex bench index` (one process per thread count, so peak RSS is each one's own):",
            "",
            "| threads | seconds | articles/s | passages/s | MB/s of input | peak RSS MB |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for t in bench_index["results"]:
            m = t["median_run"]
            lines.append(
                f"| {t['threads']} | {t['median']:.2f} | {m['articles_per_s']:.0f} | "
                f"{m['passages_per_s']:.0f} | {m['mb_per_s']:.2f} | "
                f"{(m.get('peak_rss_bytes') or 0) / 1048576:.0f} |")
        lines.append("")

    # Size per field.
    insp = load(results / f"inspect_tantivy_{s}.json") or {"fields": {}, "store": 0}
    if nd_last:
        space = nd_last["space"]
        nd_fields = {f["field"]: f for f in space["fields"]}
        lines += [
            "**Index size per field** (MB; tantivy's space accounting: term dictionary + postings "
            "+ positions + fast + field norms; tantivy-cli's `inspect` does not count field norms)",
            "",
            "| field (newsdex / tantivy-cli) | newsdex | tantivy-cli | ratio |",
            "| --- | ---: | ---: | ---: |",
        ]
        core_nd = core_tv = 0
        for nd_name, tv_name in SHARED.items():
            a = nd_fields.get(nd_name, {}).get("total", 0)
            b = insp["fields"].get(tv_name, {}).get("total", 0)
            core_nd += a
            core_tv += b
            lines.append(f"| {nd_name} / {tv_name} | {mb(a)} | {mb(b)} | {ratio(a, b):.2f} |")
        lines.append(f"| shared fields together | {mb(core_nd)} | {mb(core_tv)} | {ratio(core_nd, core_tv):.2f} |")
        extra = 0
        for f in space["fields"]:
            if f["field"] not in SHARED:
                extra += f["total"]
                lines.append(f"| {f['field']} (newsdex only) | {mb(f['total'])} | – | |")
        lines.append(f"| document store (newsdex stores {len(nd_fields)}+ fields, tantivy-cli 4) | "
                     f"{mb(space['store'])} | {mb(insp['store'])} | {ratio(space['store'], insp['store']):.2f} |")
        lines.append("")
        facts[s].update({"core_nd": core_nd, "core_tv": core_tv, "extra": extra,
                         "store_nd": space["store"], "store_tv": insp["store"]})

    # In-process search.
    nd = load(results / f"search_newsdex_top10_count_{s}.json")
    nd10 = load(results / f"search_newsdex_top10_{s}.json")
    tv = load(results / f"search_tantivy_{s}.json")
    fts = load(results / f"search_fts5_{s}.json")
    rows = []
    engines = [
        ("newsdex `bench search` top10+count (build + run)", nd["results"] if nd else []),
        ("newsdex `bench search` top10 (build + run)", nd10["results"] if nd10 else []),
        ("tantivy-cli `bench` (top 10 + count)", tv["results"] if tv else []),
        ("SQLite FTS5 top 10 `ORDER BY rank`", fts["results"] if fts else []),
    ]
    lines += [
        f"**In-process search**, {len(nd['results']) if nd else '?'} queries "
        "(benches/queries.txt), every timed execution pooled, no output timed. newsdex times "
        "each query as *build* (parsing and filters) + *run* (one pass for the top candidates "
        "and the exact count, then the proximity re-ranking of the best 20; the default "
        "ranking, without `--feedback`); `tantivy bench` times the run only. ms:",
        "",
        "| engine | p50 | p90 | p99 | mean | QPS (1 thread) | p50 vs newsdex top10+count |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    nd_p50 = pct(times_of(engines[0][1]), 50)
    engines.insert(1, ("newsdex top10+count, run only (timed like tantivy bench)",
                       run_only(engines[0][1])))
    for name, res in engines:
        t = times_of(res)
        if not t:
            continue
        rows.append((name, t))
        qps = len(t) / sum(t)
        lines.append(f"| {name} | {ms(pct(t, 50))} | {ms(pct(t, 90))} | {ms(pct(t, 99))} | "
                     f"{ms(statistics.mean(t))} | {qps:.0f} | {ratio(pct(t, 50), nd_p50):.2f}× |")
    if nd and nd["summary"].get("concurrent"):
        c = nd["summary"]["concurrent"]
        lines.append(f"| newsdex top10+count, {c['threads']} searcher threads | {ms(c['p50'])} | "
                     f"{ms(c['p90'])} | {ms(c['p99'])} | {ms(c['mean'])} | {c['qps']:.0f} (all threads) | |")
    lines.append("")
    lines += ["p50 by query kind, ms:", "",
              "| kind | queries | newsdex top10+count (build + run) | tantivy-cli | FTS5 |", "| --- | ---: | ---: | ---: | ---: |"]
    for k in ["single term", "union", "intersection", "phrase"]:
        cells = []
        n = 0
        for _, res in [engines[0], engines[3], engines[4]]:
            sel = [r for r in res if kind(r["command"]) == k]
            n = max(n, len(sel))
            cells.append(ms(pct(times_of(sel), 50)) if sel else "–")
        lines.append(f"| {k} | {n} | {' | '.join(cells)} |")
    lines.append("")
    # Hit counts agree? (different passage splits, so only roughly)
    if nd and tv:
        tv_hits = {r["command"]: r["hits"] for r in tv["results"]}
        diffs = [abs(r["hits"] - tv_hits[r["command"]]) / max(1, tv_hits[r["command"]])
                 for r in nd["results"] if r["command"] in tv_hits]
        if diffs:
            lines.append(f"Total hits, newsdex against tantivy-cli: median difference "
                         f"{statistics.median(diffs) * 100:.1f}% per query (different passage "
                         "splits, three default fields against three, ASCII folding in newsdex).")
            lines.append("")

    # Whole processes.
    pn = load(results / f"process_newsdex_{s}.json")
    pr = load(results / f"process_rg_{s}.json")
    if pn:
        med = [r["median"] for r in pn["results"]]
        lines += [
            f"**Whole process** (hyperfine, {e.get('process_runs')} runs after warm-up, per query median): "
            f"`newsdex search` starts, opens the index, searches, prints 10 hits with snippets.",
            "",
            "| command | queries | median of medians ms | p90 of medians ms | slowest median ms |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| newsdex search | {len(med)} | {ms(statistics.median(med))} | {ms(pct(med, 90))} | {ms(max(med))} |",
        ]
        facts[s]["proc_median"] = statistics.median(med)
        if pr:
            rg = {re.sub(r"^rg -c -i -F '(.*)' .*$", r"\1", r["command"]): r["median"] for r in pr["results"]}
            nd_phr = {}
            for r in pn["results"]:
                m = re.search(r"'\"(.*)\"'$", r["command"])
                if m:
                    nd_phr[m.group(1)] = r["median"]
            ratios = [rg[p] / nd_phr[p] for p in rg if p in nd_phr]
            rgm = list(rg.values())
            lines.append(f"| rg -c -i -F PHRASE (raw JSONL) | {len(rgm)} | {ms(statistics.median(rgm))} | "
                         f"{ms(pct(rgm, 90))} | {ms(max(rgm))} |")
            lines.append("")
            if ratios:
                lines.append(f"Same phrase, ripgrep time ÷ newsdex time: median {statistics.median(ratios):.1f}×, "
                             f"smallest {min(ratios):.1f}× ({len(ratios)} phrases).")
                facts[s]["rg_ratio_median"] = statistics.median(ratios)
                facts[s]["rg_ratio_min"] = min(ratios)
        lines.append("")
    # Per query: FTS5's median time over newsdex top 10's (both run every query several
    # times), a view of the speed-up that pooling all executions into one p50 hides.
    if nd10 and fts:
        fts_by_query = {r["command"]: statistics.median(r["times"]) for r in fts["results"]}
        per_query = [fts_by_query[r["command"]] / r["median"] for r in nd10["results"]
                     if r["command"] in fts_by_query and r["median"] > 0]
        if per_query:
            facts[s]["fts_per_query_median"] = statistics.median(per_query)
            facts[s]["fts_per_query_50x"] = sum(x >= 50 for x in per_query) / len(per_query)
    facts[s].update({
        "nd_p50": nd_p50,
        "nd_p99": pct(times_of(engines[0][1]), 99),
        "nd_run_p50": pct(times_of(engines[1][1]), 50),
        "nd_run_p99": pct(times_of(engines[1][1]), 99),
        "tv_p50": pct(times_of(engines[3][1]), 50),
        "fts_p50": pct(times_of(engines[4][1]), 50),
        "nd_top_p50": pct(times_of(engines[2][1]), 50),
    })
    return lines


def targets(e: dict, facts: dict) -> list:
    big = max(facts, key=int)
    f = facts[big]
    mem = int(e.get("memory_mb", 256))
    lines = [f"### Targets (Reuters ×{big}, this run)", "",
             "| target | measured | |", "| --- | --- | --- |"]

    def row(name, measured, ok):
        lines.append(f"| {name} | {measured} | {verdict(ok)} |")

    row("indexing wall time ≤ tantivy-cli's",
        f"newsdex {f['nd_wall']:.2f} s, tantivy-cli {f['tv_wall']:.2f} s ({ratio(f['nd_wall'], f['tv_wall']):.2f}×)",
        f["nd_wall"] <= f["tv_wall"])
    row(f"peak RSS ≤ --memory-mb + 150 MB = {mem + 150} MB",
        f"{mb(f['nd_rss'])} MB", f["nd_rss"] <= (mem + 150) * 1e6)
    row("in-process p50 (top 10 + exact total, build + run) ≤ tantivy bench p50",
        f"{ms(f['nd_p50'])} ms vs {ms(f['tv_p50'])} ms ({ratio(f['nd_p50'], f['tv_p50']):.2f}×)",
        f["nd_p50"] <= f["tv_p50"])
    row("… the same, run only (timed as tantivy bench times)",
        f"{ms(f['nd_run_p50'])} ms vs {ms(f['tv_p50'])} ms ({ratio(f['nd_run_p50'], f['tv_p50']):.2f}×)",
        f["nd_run_p50"] <= f["tv_p50"])
    row("in-process p99 < 5 ms (build + run)", f"{ms(f['nd_p99'])} ms (run only {ms(f['nd_run_p99'])} ms)",
        f["nd_p99"] < 0.005)
    if "proc_median" in f:
        row("`newsdex search` whole process median < 15 ms", f"{ms(f['proc_median'])} ms",
            f["proc_median"] < 0.015)
    if "rg_ratio_min" in f:
        row("≥ 5× faster than ripgrep on the same phrase",
            f"median {f['rg_ratio_median']:.1f}×, smallest {f['rg_ratio_min']:.1f}×",
            f["rg_ratio_min"] >= 5)
    # FTS5's `ORDER BY rank LIMIT 10` finds the best ten and counts nothing: it is held
    # against newsdex's top 10 without a count (the same work); the ratio with the count
    # is shown too.
    fts_ratio = ratio(f["fts_p50"], f["nd_top_p50"])
    row("≥ 50× faster than FTS5 top 10 at p50 (newsdex top 10, build + run)",
        f"{fts_ratio:.0f}× (FTS5 {ms(f['fts_p50'])} ms, newsdex {ms(f['nd_top_p50'])} ms); "
        f"with the exact total as well {ratio(f['fts_p50'], f['nd_p50']):.0f}×"
        + (f"; per query, the median speed-up is {f['fts_per_query_median']:.0f}× and "
           f"{100 * f['fts_per_query_50x']:.0f}% of queries are 50× faster or more"
           if "fts_per_query_median" in f else ""),
        fts_ratio >= 50)
    if "core_nd" in f:
        row("index size ≤ 1.2× tantivy-cli's + extra fields (shared fields' index)",
            f"{ratio(f['core_nd'], f['core_tv']):.2f}× on id/title/text/date; extra fields {mb(f['extra'])} MB; "
            f"store {ratio(f['store_nd'], f['store_tv']):.2f}× (more stored fields)",
            f["core_nd"] <= 1.2 * f["core_tv"])
        allowed = 1.2 * f["tv_size"] + f["extra"] + max(0, f["store_nd"] - f["store_tv"])
        row("whole index on disk ≤ 1.2× tantivy-cli's + extra fields' index + extra stored bytes",
            f"{mb(f['nd_size'])} MB vs allowed {mb(allowed)} MB (tantivy-cli {mb(f['tv_size'])} MB)",
            f["nd_size"] <= allowed)
    if "1" in facts and big != "1":
        a, k = facts["1"], int(big)
        t = ratio(f["nd_wall"], a["nd_wall"]) / k
        z = ratio(f["nd_size"], a["nd_size"]) / k
        q = ratio(f["nd_p50"], a["nd_p50"])
        tt = ratio(f["tv_wall"], a["tv_wall"]) / k
        tz = ratio(f["tv_size"], a["tv_size"]) / k
        # The target guards against growth worse than linear; below linear (fixed start-up
        # costs weigh more at x1, repeated articles compress) passes, and says so.
        row(f"growth ×1→×{k}: indexing time at most linear + 15%",
            f"{t:.2f} of linear (tantivy-cli {tt:.2f}){'; below linear: start-up costs weigh more at ×1' if t < 0.85 else ''}",
            t <= 1.15)
        row(f"growth ×1→×{k}: index size at most linear + 15%",
            f"{z:.2f} of linear (tantivy-cli {tz:.2f}: the ×{k} corpus repeats each article, "
            "and repeated postings compress)", z <= 1.15)
        row(f"growth ×1→×{k}: query p50 sublinear", f"p50 grew {q:.1f}× for {k}× data", q < k)
    lines.append("")
    return lines


def main() -> None:
    results, target = Path(sys.argv[1]), Path(sys.argv[2])
    e = env(results)
    scales = e.get("scales", "1 10").split()
    facts = {}
    body = []
    for s in scales:
        body += scale_section(results, s, e, facts)
    mem_gb = int(e.get("mem_kb", 0)) / 1048576
    head = [
        BEGIN,
        "## Speed: newsdex against tantivy-cli, SQLite FTS5 and ripgrep",
        "",
        "Generated by `bash benches/compare.sh` (benches/compare/report.py); do not edit by hand.",
        "All engines ran side by side in one session on one machine; absolute times on a "
        "shared machine are noise, the ratios are what counts.",
        "",
        f"* Machine: {e.get('nproc')} cores, {e.get('cpu')}, {mem_gb:.0f} GiB RAM, Linux {e.get('kernel')}; "
        f"load average at start {e.get('load')}; run {e.get('date')}",
        f"* Versions: newsdex {e.get('newsdex_rev')} (tantivy {e.get('newsdex_tantivy')}), {e.get('rustc')}, "
        f"{e.get('tantivy_cli')}, SQLite {e.get('sqlite')} ({e.get('python')}), {e.get('ripgrep')}, {e.get('hyperfine')}",
        f"* Settings: {e.get('threads')} threads, {e.get('memory_mb')} MB writer budget, "
        f"{e.get('index_runs')} index runs per engine, {e.get('search_runs')} timed search passes "
        f"(+1 warm-up), FTS5 {e.get('fts_runs')} passes, {e.get('process_runs')} runs per process",
        "* Schemas: newsdex's own (index-schema/schema.toml: title, section, text stemmed with "
        "positions; raw ids; fast date; speakers, topics, mentioned dates); tantivy-cli "
        "benches/compare/tantivy_meta.json (id raw, title and body `en_stem` with positions, "
        "date fast and stored but not indexed, so not a default query field); FTS5 "
        "`porter unicode61` over title and body.",
        "",
    ]
    text = "\n".join(head + targets(e, facts) + body + [END]) + "\n"
    old = target.read_text() if target.exists() else "# newsdex benchmarks\n\n"
    if BEGIN in old and END in old:
        pre, rest = old.split(BEGIN, 1)
        post = rest.split(END, 1)[1].lstrip("\n")
        new = pre + text + ("\n" + post if post else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    target.write_text(new)
    print(f"report.py: wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
