//! Rendering benchmark results: aligned text for people, and JSON shaped like hyperfine's
//! `--export-json` (a `results` array, one entry per query with `mean`, `stddev`,
//! `median`, `min`, `max` and every time in seconds) plus a `summary`. Search times are
//! build + run of each query; `run_only` is the running part alone.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Summary;
use super::index::{IndexReport, ThreadResult};
use super::search::{SearchReport, SetStats};

fn ms(seconds: f64) -> f64 {
    seconds * 1000.0
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// `bench search` as text: one line per query, then the statistics over the set.
pub fn write_search_text(out: &mut dyn Write, r: &SearchReport) -> io::Result<()> {
    writeln!(
        out,
        "{} queries over {} passages, mode {}, {} warm-up + {} timed passes{}",
        r.queries.len(),
        r.passages,
        mode_name(r),
        r.warmup,
        r.runs,
        if r.skipped.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", r.skipped.len())
        }
    )?;
    writeln!(
        out,
        "{:>9} {:>9} {:>9}  query",
        "min ms", "median ms", "hits"
    )?;
    for q in &r.queries {
        let s = Summary::of(&q.times);
        writeln!(
            out,
            "{:>9.3} {:>9.3} {:>9}  {}",
            s.map_or(0.0, |s| ms(s.min)),
            s.map_or(0.0, |s| ms(s.median)),
            q.hits,
            q.query
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:>8} {:<10} {:>9} {:>9} {:>9} {:>9} {:>10}",
        "threads", "timed", "p50 ms", "p90 ms", "p99 ms", "mean ms", "QPS"
    )?;
    let rows = [
        Some((&r.single, "build+run")),
        Some((&r.run_only, "run only")),
        r.concurrent.as_ref().map(|c| (c, "build+run")),
    ];
    for (s, part) in rows.into_iter().flatten() {
        writeln!(
            out,
            "{:>8} {:<10} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>10.0}",
            s.threads,
            part,
            ms(s.summary.median),
            ms(s.summary.p90),
            ms(s.summary.p99),
            ms(s.summary.mean),
            s.qps
        )?;
    }
    Ok(())
}

fn mode_name(r: &SearchReport) -> String {
    serde_json::to_value(r.mode)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn set_json(s: &SetStats) -> Value {
    json!({
        "threads": s.threads,
        "samples": s.summary.samples,
        "p50": s.summary.median,
        "p90": s.summary.p90,
        "p99": s.summary.p99,
        "mean": s.summary.mean,
        "stddev": s.summary.stddev,
        "min": s.summary.min,
        "max": s.summary.max,
        "qps": s.qps,
        "wall_seconds": s.wall_seconds,
    })
}

/// `bench search` as a hyperfine-like JSON export (times in seconds).
pub fn search_json(r: &SearchReport) -> Value {
    let results: Vec<Value> = r
        .queries
        .iter()
        .map(|q| {
            let s = Summary::of(&q.times);
            json!({
                "command": q.query,
                "line": q.line,
                "hits": q.hits,
                "mean": s.map(|s| s.mean),
                "stddev": s.map(|s| s.stddev),
                "median": s.map(|s| s.median),
                "min": s.map(|s| s.min),
                "max": s.map(|s| s.max),
                "times": q.times,
                "build_times": q.build_times,
            })
        })
        .collect();
    json!({
        "results": results,
        "skipped": r.skipped,
        "summary": {
            "mode": r.mode,
            "runs": r.runs,
            "warmup": r.warmup,
            "passages": r.passages,
            "queries": r.queries.len(),
            "single": set_json(&r.single),
            "run_only": set_json(&r.run_only),
            "concurrent": r.concurrent.as_ref().map(set_json),
        },
    })
}

/// `bench index` as text: throughput per thread count, then the size of each field of
/// the last thread count's median build.
pub fn write_index_text(out: &mut dyn Write, r: &IndexReport) -> io::Result<()> {
    let Some(first) = r.results.first() else {
        return Ok(());
    };
    let f = &first.median_run;
    writeln!(
        out,
        "{} files, {:.2} MB, {} articles, {} passages{}",
        f.files,
        mb(f.input_bytes),
        f.articles,
        f.passages,
        if f.skipped > 0 {
            format!(", {} inputs skipped", f.skipped)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "{:>7} {:>5} {:>9} {:>11} {:>11} {:>8} {:>12} {:>9}",
        "threads",
        "runs",
        "median s",
        "articles/s",
        "passages/s",
        "MB/s",
        "peak RSS MB",
        "index MB"
    )?;
    for t in &r.results {
        let m = &t.median_run;
        writeln!(
            out,
            "{:>7} {:>5} {:>9.2} {:>11.0} {:>11.0} {:>8.2} {:>12} {:>9.1}",
            t.threads,
            t.times.len(),
            t.median_seconds,
            m.articles_per_s,
            m.passages_per_s,
            m.mb_per_s,
            m.peak_rss_bytes.map_or_else(
                || "n/a".to_string(),
                |b| format!("{:.0}", b as f64 / 1_048_576.0)
            ),
            mb(m.space.on_disk)
        )?;
    }
    if let Some(last) = r.results.last() {
        writeln!(out)?;
        write_space_text(out, last)?;
    }
    Ok(())
}

fn write_space_text(out: &mut dyn Write, t: &ThreadResult) -> io::Result<()> {
    let s = &t.median_run.space;
    writeln!(
        out,
        "index size by field, MB ({} segments, build with {} threads):",
        s.segments, t.threads
    )?;
    writeln!(
        out,
        "{:<16} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9}",
        "field", "termdict", "postings", "positions", "fast", "fieldnorms", "total"
    )?;
    for f in &s.fields {
        writeln!(
            out,
            "{:<16} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>10.2} {:>9.2}",
            f.field,
            mb(f.termdict),
            mb(f.postings),
            mb(f.positions),
            mb(f.fast),
            mb(f.fieldnorms),
            mb(f.total)
        )?;
    }
    writeln!(out, "{:<16} {:>70.2}", "(document store)", mb(s.store))?;
    if s.deletes > 0 {
        writeln!(out, "{:<16} {:>70.2}", "(deletes)", mb(s.deletes))?;
    }
    writeln!(out, "{:<16} {:>70.2}", "on disk", mb(s.on_disk))
}

/// `bench index` as JSON: hyperfine-like `results`, one per thread count.
pub fn index_json(r: &IndexReport) -> Value {
    let results: Vec<Value> = r
        .results
        .iter()
        .map(|t| {
            let s = Summary::of(&t.times);
            json!({
                "command": format!("index --threads {}", t.threads),
                "threads": t.threads,
                "mean": s.map(|s| s.mean),
                "stddev": s.map(|s| s.stddev),
                "median": t.median_seconds,
                "min": s.map(|s| s.min),
                "max": s.map(|s| s.max),
                "times": t.times,
                "median_run": t.median_run,
            })
        })
        .collect();
    json!({ "results": results })
}
