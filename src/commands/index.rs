//! `newsdex index`: index articles incrementally and crash-safely (the pipeline is in
//! [`crate::indexer`]) and report what happened.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, anyhow};

use super::{EXIT_OK, EXIT_PARTIAL, exit, extract_options};
use crate::article::ReadOptions;
use crate::cli::IndexArgs;
use crate::content_hash::Fingerprint;
use crate::index::NewsIndex;
use crate::indexer::{self, Options};
use crate::ingest;
use crate::progress::Progress;

pub fn run(args: IndexArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let read = ReadOptions::with_field_mappings(&args.read.fields).map_err(|e| anyhow!(e))?;
    let extract = extract_options(&args.read)?;
    let fingerprint = Fingerprint::new(&read, &extract, args.read.reference_date.is_some());
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let inputs = ingest::collect_inputs(&args.paths);
    let index = NewsIndex::open_or_create(&args.location.index, args.rebuild)?;
    let progress = Progress::new(inputs.total_bytes(), args.quiet);
    let opts = Options {
        read,
        extract,
        fingerprint,
        threads,
        memory_mb: args.memory_mb,
        commit_every: args.commit_every,
        prune: args.prune,
        show_warnings: !args.quiet,
    };
    let result = indexer::index_inputs(&index, &inputs, opts, &progress);
    progress.finish();
    let out = result.map_err(|stopped| {
        let kept = if stopped.commits == 0 {
            "its state from before this run".to_string()
        } else {
            format!("the {} commits of this run", stopped.commits)
        };
        anyhow!(stopped.error).context(format!(
            "indexing stopped; the index at {} keeps {kept}; fix the cause and run the same \
             command again to finish",
            index.path.display()
        ))
    })?;

    let secs = start.elapsed().as_secs_f64();
    let mb = inputs.total_bytes() as f64 / 1e6;
    eprintln!(
        "indexed {} articles ({} passages) from {} files: {mb:.2} MB in {secs:.2} s ({:.2} MB/s)",
        out.articles,
        out.passages,
        inputs.files.len(),
        if secs > 0.0 { mb / secs } else { 0.0 }
    );
    if out.unchanged > 0 {
        eprintln!(
            "{} articles unchanged since they were indexed (not read again)",
            out.unchanged
        );
    }
    if args.prune {
        eprintln!("pruned {} articles whose source is gone", out.pruned);
    }
    if out.commits > 1 {
        eprintln!(
            "{} commits (--commit-every {})",
            out.commits,
            commit_every_text(&args)
        );
    }
    if !inputs.ignored.is_empty() {
        let list: Vec<String> = inputs
            .ignored
            .iter()
            .map(|(ext, n)| format!("{} ×{n}", if ext.is_empty() { "(none)" } else { ext }))
            .collect();
        eprintln!(
            "ignored {} files that are not articles by extension: {}",
            inputs.ignored.values().sum::<usize>(),
            list.join(", ")
        );
    }
    if out.warnings > 0 && args.quiet {
        eprintln!(
            "{} warnings (run without --quiet to see them)",
            out.warnings
        );
    }
    let total = index.num_passages().unwrap_or(out.passages);
    eprintln!("index {}: {total} passages in total", index.path.display());
    if out.skipped.is_empty() {
        return Ok(exit(EXIT_OK));
    }
    eprintln!("skipped {} inputs:", out.skipped.len());
    for s in &out.skipped {
        eprintln!("  {}: {}", s.what, s.reason);
    }
    Ok(exit(EXIT_PARTIAL))
}

fn commit_every_text(args: &IndexArgs) -> String {
    match args.commit_every {
        ingest::CommitEvery::Articles(n) => format!("{n} articles"),
        ingest::CommitEvery::Bytes(n) => format!("{} MB", n as f64 / 1e6),
    }
}
