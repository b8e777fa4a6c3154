//! `newsdex index`: read, shard and extract articles in parallel and add them to the index.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use rayon::prelude::*;

use super::{EXIT_OK, EXIT_PARTIAL, exit, extract_options};
use crate::article::ReadOptions;
use crate::cli::IndexArgs;
use crate::index::NewsIndex;
use crate::ingest::{self, InputFile, Skipped};
use crate::progress::Progress;
use crate::shard::Boilerplate;

/// What happened to one file.
#[derive(Default)]
struct FileOutcome {
    articles: u64,
    passages: u64,
    skipped: Vec<Skipped>,
    warnings: Vec<String>,
}

pub fn run(args: IndexArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let read_opts = ReadOptions::with_field_mappings(&args.read.fields).map_err(|e| anyhow!(e))?;
    let extract_opts = extract_options(&args.read)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let inputs = ingest::collect_inputs(&args.paths);
    let index = NewsIndex::open_or_create(&args.location.index, args.rebuild)?;
    let mut writer = index.writer(threads, args.memory_mb)?;

    let progress = Progress::new(inputs.total_bytes(), args.quiet);
    let articles_done = AtomicU64::new(0);
    let seen_ids: Mutex<HashMap<String, String>> = Mutex::new(HashMap::new());
    let fatal: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let boilerplate = Boilerplate::embedded();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the indexing threads")?;
    let outcomes: Vec<FileOutcome> = pool.install(|| {
        inputs
            .files
            .par_iter()
            .map(|file| {
                if fatal.lock().map(|f| f.is_some()).unwrap_or(true) {
                    return FileOutcome::default();
                }
                let outcome = index_file(
                    file,
                    &read_opts,
                    &extract_opts,
                    boilerplate,
                    &seen_ids,
                    |id, passages| {
                        writer.replace_article(id, passages).map_err(|e| {
                            let mut f = fatal.lock().unwrap_or_else(|p| p.into_inner());
                            if f.is_none() {
                                *f = Some(anyhow!(e));
                            }
                        })
                    },
                );
                let n =
                    articles_done.fetch_add(outcome.articles, Ordering::Relaxed) + outcome.articles;
                progress.advance(file.size, n);
                if !args.quiet {
                    for w in &outcome.warnings {
                        progress.println(&format!("warning: {w}"));
                    }
                }
                outcome
            })
            .collect()
    });
    progress.finish();

    if let Some(e) = fatal.into_inner().unwrap_or_else(|p| p.into_inner()) {
        // Nothing of this run is committed: the index keeps its previous state.
        return Err(e.context(format!(
            "indexing stopped; the index at {} keeps its last committed state",
            index.path.display()
        )));
    }
    writer.commit().context("could not commit the index")?;
    writer.finish()?;

    let mut skipped = inputs.skipped.clone();
    let (mut articles, mut passages, mut warnings) = (0u64, 0u64, 0usize);
    for o in outcomes {
        articles += o.articles;
        passages += o.passages;
        warnings += o.warnings.len();
        skipped.extend(o.skipped);
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = inputs.total_bytes() as f64 / 1e6;
    eprintln!(
        "indexed {articles} articles ({passages} passages) from {} files: {mb:.2} MB in {secs:.2} s ({:.2} MB/s)",
        inputs.files.len(),
        if secs > 0.0 { mb / secs } else { 0.0 }
    );
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
    if warnings > 0 && args.quiet {
        eprintln!("{warnings} warnings (run without --quiet to see them)");
    }
    let total = index.num_passages().unwrap_or(passages);
    eprintln!("index {}: {total} passages in total", index.path.display());
    if skipped.is_empty() {
        return Ok(exit(EXIT_OK));
    }
    eprintln!("skipped {} inputs:", skipped.len());
    for s in &skipped {
        eprintln!("  {}: {}", s.what, s.reason);
    }
    Ok(exit(EXIT_PARTIAL))
}

/// Reads one file and hands each article's passages to `add`.
fn index_file(
    file: &InputFile,
    read_opts: &ReadOptions,
    extract_opts: &crate::extract::ExtractOptions,
    boilerplate: &Boilerplate,
    seen_ids: &Mutex<HashMap<String, String>>,
    add: impl Fn(&str, &[crate::passage::Passage]) -> Result<(), ()>,
) -> FileOutcome {
    let what = ingest::display(&file.path);
    let mut outcome = FileOutcome::default();
    let read = match ingest::read_input(file, read_opts) {
        Ok(r) => r,
        Err(e) => {
            outcome.skipped.push(Skipped {
                what,
                reason: e.to_string(),
            });
            return outcome;
        }
    };
    outcome
        .warnings
        .extend(read.warnings.iter().map(|w| format!("{what}: {w}")));
    outcome.skipped.extend(read.skipped.iter().map(|e| Skipped {
        what: what.clone(),
        reason: e.to_string(),
    }));
    for article in &read.articles {
        {
            let mut seen = seen_ids.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(first) = seen.get(&article.id) {
                outcome.skipped.push(Skipped {
                    what: what.clone(),
                    reason: format!(
                        "article id {:?} was already read from {first} in this run; give each article a unique id",
                        article.id
                    ),
                });
                continue;
            }
            seen.insert(article.id.clone(), what.clone());
        }
        let (passages, warnings) = ingest::article_passages(article, boilerplate, extract_opts);
        outcome
            .warnings
            .extend(warnings.into_iter().map(|w| format!("{what}: {w}")));
        if add(&article.id, &passages).is_err() {
            return outcome;
        }
        outcome.articles += 1;
        outcome.passages += passages.len() as u64;
    }
    outcome
}
