//! `newsdex bench search` and `newsdex bench index`: run the benchmark runners of
//! [`crate::bench`] and print their reports (results on stdout, progress on stderr).
//!
//! Peak RSS is process-wide, so `bench index` with several thread counts runs each one in
//! a child process of its own (this binary again, with `--format json`) and merges them.

use std::io::{BufWriter, Write};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, anyhow};

use super::{EXIT_OK, EXIT_PARTIAL, exit, extract_options};
use crate::article::ReadOptions;
use crate::bench::index::{self as bench_index, IndexReport, TempIndexDir, ThreadResult};
use crate::bench::{BenchError, report, search as bench_search};
use crate::cli::{BenchCommand, BenchFormat, BenchIndexArgs, BenchMode, BenchSearchArgs};
use crate::index::NewsIndex;
use crate::search::Engine;

pub fn run(cmd: BenchCommand) -> Result<ExitCode> {
    match cmd {
        BenchCommand::Search(a) => search(a),
        BenchCommand::Index(a) => index(a),
    }
}

fn search(args: BenchSearchArgs) -> Result<ExitCode> {
    if args.runs == 0 {
        return Err(BenchError::Zero { flag: "runs" }.into());
    }
    if args.concurrency == 0 {
        return Err(BenchError::Zero {
            flag: "concurrency",
        }
        .into());
    }
    let path = args.queries.display().to_string();
    let text = std::fs::read_to_string(&args.queries)
        .with_context(|| format!("cannot read query file {path}"))?;
    let lines = bench_search::parse_query_lines(&text);
    if lines.is_empty() {
        return Err(BenchError::NoQueries { path }.into());
    }
    let index = NewsIndex::open(&args.location.index)?;
    let engine = Engine::new(&index)?;
    let (queries, skipped) = bench_search::prepare(&engine, &lines);
    for s in &skipped {
        eprintln!("{path}:{}: query skipped: {}", s.line, s.reason);
    }
    if queries.is_empty() {
        return Err(BenchError::AllQueriesSkipped {
            path,
            skipped: skipped.len(),
        }
        .into());
    }
    let cfg = bench_search::Config {
        runs: args.runs,
        warmup: args.warmup,
        concurrency: args.concurrency,
        mode: match args.mode {
            BenchMode::Top10 => bench_search::Mode::Top10,
            BenchMode::Top100 => bench_search::Mode::Top100,
            BenchMode::Count => bench_search::Mode::Count,
            BenchMode::Top10Count => bench_search::Mode::Top10Count,
        },
        feedback: args.feedback,
    };
    eprintln!(
        "timing {} queries on {}: {} warm-up + {} timed passes{}",
        queries.len(),
        index.path.display(),
        cfg.warmup,
        cfg.runs,
        if cfg.concurrency > 1 {
            format!(", then {} concurrent searchers", cfg.concurrency)
        } else {
            String::new()
        }
    );
    let partial = !skipped.is_empty();
    let report = bench_search::run(&engine, &queries, skipped, &cfg)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        BenchFormat::Text => report::write_search_text(&mut out, &report)?,
        BenchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report::search_json(&report))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit(if partial { EXIT_PARTIAL } else { EXIT_OK }))
}

fn index(args: BenchIndexArgs) -> Result<ExitCode> {
    if args.runs == 0 {
        return Err(BenchError::Zero { flag: "runs" }.into());
    }
    if args.threads.contains(&0) {
        return Err(anyhow!("--threads: thread counts must be at least 1"));
    }
    let threads: Vec<usize> = if args.threads.is_empty() {
        (1..=std::thread::available_parallelism().map_or(1, |n| n.get())).collect()
    } else {
        args.threads.clone()
    };
    let report = if let [t] = threads[..] {
        IndexReport {
            results: vec![index_in_process(&args, t)?],
        }
    } else {
        let mut report = IndexReport::default();
        for &t in &threads {
            report.results.push(index_in_child(&args, t)?);
        }
        report
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        BenchFormat::Text => report::write_index_text(&mut out, &report)?,
        BenchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report::index_json(&report))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    let skipped = report.results.iter().any(|r| r.median_run.skipped > 0);
    if skipped {
        eprintln!("some inputs were skipped; `newsdex index` names them and the reasons");
    }
    Ok(exit(if skipped { EXIT_PARTIAL } else { EXIT_OK }))
}

/// Every build of one thread count, in this process.
fn index_in_process(args: &BenchIndexArgs, threads: usize) -> Result<ThreadResult> {
    let cfg = bench_index::Config {
        threads,
        memory_mb: args.memory_mb,
        read: ReadOptions::with_field_mappings(&args.read.fields).map_err(|e| anyhow!(e))?,
        extract: extract_options(&args.read)?,
    };
    let mut runs = Vec::with_capacity(args.runs);
    for i in 0..args.runs {
        let dir = TempIndexDir::new(&format!("t{threads}"))?;
        eprintln!(
            "building with {threads} thread{} (run {}/{}) in {}",
            if threads == 1 { "" } else { "s" },
            i + 1,
            args.runs,
            dir.path().display()
        );
        let run = bench_index::build(&args.paths, dir.path(), &cfg)?;
        eprintln!("  {:.2} s", run.seconds);
        runs.push(run);
    }
    ThreadResult::of(runs).ok_or_else(|| anyhow!("no build was run"))
}

/// One thread count in a child process, so that its peak RSS is its own.
fn index_in_child(args: &BenchIndexArgs, threads: usize) -> Result<ThreadResult> {
    let exe = std::env::current_exe().context("cannot find the newsdex executable to re-run")?;
    let mut cmd = Command::new(exe);
    cmd.args(["bench", "index"])
        .args(&args.paths)
        .args(["--threads", &threads.to_string()])
        .args(["--memory-mb", &args.memory_mb.to_string()])
        .args(["--runs", &args.runs.to_string()])
        .args(["--format", "json"]);
    for f in &args.read.fields {
        cmd.args(["--field", f]);
    }
    if let Some(d) = &args.read.reference_date {
        cmd.args(["--reference-date", d]);
    }
    if args.read.topic_from_dir {
        cmd.arg("--topic-from-dir");
    }
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run newsdex bench index for one thread count")?;
    // Exit status 1 only says that some inputs were skipped; the report is complete.
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(anyhow!(
            "newsdex bench index --threads {threads} failed ({})",
            output.status
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&output.stdout)
        .context("newsdex bench index --threads N printed no JSON report")?;
    let mut results: Vec<ThreadResult> = serde_json::from_value(v["results"].clone())
        .context("newsdex bench index --threads N printed an unexpected report")?;
    results
        .pop()
        .ok_or_else(|| anyhow!("newsdex bench index --threads {threads} reported nothing"))
}
