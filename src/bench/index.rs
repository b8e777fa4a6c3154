//! The indexing benchmark: build an index of the given paths into a throw-away
//! directory exactly as `newsdex index` does (find files, read, shard, extract, add,
//! commit, wait for merges), and measure throughput, peak memory and the size of every
//! field (tantivy's own space accounting).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::{BenchError, median, rate};
use crate::article::ReadOptions;
use crate::content_hash::Fingerprint;
use crate::error::IndexError;
use crate::extract::ExtractOptions;
use crate::index::{NewsIndex, tantivy_err};
use crate::indexer;
use crate::ingest::{self, CommitEvery};
use crate::progress::Progress;

/// How to build.
#[derive(Debug, Clone)]
pub struct Config {
    pub threads: usize,
    pub memory_mb: usize,
    pub read: ReadOptions,
    pub extract: ExtractOptions,
}

/// Bytes one field takes in the index, by part, summed over segments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpace {
    pub field: String,
    pub termdict: u64,
    pub postings: u64,
    pub positions: u64,
    pub fast: u64,
    pub fieldnorms: u64,
    pub total: u64,
}

/// The size of an index: per field, the document store, and the files on disk.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexSpace {
    pub fields: Vec<FieldSpace>,
    /// Stored documents (compressed), all fields together.
    pub store: u64,
    pub deletes: u64,
    pub segments: usize,
    /// Every file in the index directory, as the file system counts bytes.
    pub on_disk: u64,
}

/// One timed build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexRun {
    pub threads: usize,
    pub seconds: f64,
    pub files: usize,
    pub input_bytes: u64,
    pub articles: u64,
    pub passages: u64,
    /// Inputs (files, lines, duplicate ids) that were not indexed.
    pub skipped: usize,
    pub articles_per_s: f64,
    pub passages_per_s: f64,
    pub mb_per_s: f64,
    /// Peak resident memory of this process so far (VmHWM), when the system reports it.
    pub peak_rss_bytes: Option<u64>,
    pub space: IndexSpace,
}

/// The builds of one thread count.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadResult {
    pub threads: usize,
    /// Seconds of every build.
    pub times: Vec<f64>,
    #[serde(rename = "median")]
    pub median_seconds: f64,
    /// The build with the median time (the lower one of an even count).
    pub median_run: IndexRun,
}

/// What `bench index` measured, one entry per thread count. Its JSON export (see
/// [`super::report::index_json`]) reads back into this.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexReport {
    pub results: Vec<ThreadResult>,
}

impl ThreadResult {
    /// Summarises the builds of one thread count; `None` when there are none.
    pub fn of(mut runs: Vec<IndexRun>) -> Option<ThreadResult> {
        let times: Vec<f64> = runs.iter().map(|r| r.seconds).collect();
        let median_seconds = median(&times)?;
        runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        let median_run = runs.swap_remove((runs.len() - 1) / 2);
        Some(ThreadResult {
            threads: median_run.threads,
            times,
            median_seconds,
            median_run,
        })
    }
}

/// Builds an index of `paths` into `dir` (which must not hold an index yet) and measures it.
pub fn build(paths: &[PathBuf], dir: &Path, cfg: &Config) -> Result<IndexRun, BenchError> {
    let threads = cfg.threads.max(1);
    let start = Instant::now();
    let inputs = ingest::collect_inputs(paths);
    if inputs.files.is_empty() {
        return Err(BenchError::NoInputs);
    }
    let index = NewsIndex::open_or_create(dir, false)?;
    // The same pipeline as `newsdex index`, so the figures are what users get.
    let opts = indexer::Options {
        read: cfg.read.clone(),
        extract: cfg.extract.clone(),
        fingerprint: Fingerprint::new(&cfg.read, &cfg.extract, true),
        threads,
        memory_mb: cfg.memory_mb,
        commit_every: CommitEvery::Bytes(u64::MAX),
        prune: false,
        show_warnings: false,
    };
    let out = indexer::index_inputs(&index, &inputs, opts, &Progress::new(0, true))
        .map_err(|s| BenchError::Index(s.error))?;
    let (articles, passages) = (out.articles, out.passages);
    let seconds = start.elapsed().as_secs_f64();
    let peak_rss_bytes = peak_rss_bytes();
    let space = index_space(&index)?;

    let input_bytes = inputs.total_bytes();
    Ok(IndexRun {
        threads,
        seconds,
        files: inputs.files.len(),
        input_bytes,
        articles,
        passages,
        skipped: out.skipped.len(),
        articles_per_s: rate(articles as f64, seconds),
        passages_per_s: rate(passages as f64, seconds),
        mb_per_s: rate(input_bytes as f64 / 1e6, seconds),
        peak_rss_bytes,
        space,
    })
}

/// Which counter of a [`FieldSpace`] a part of the index adds to.
type Slot = fn(&mut FieldSpace) -> &mut u64;

/// The space every field of `index` takes, from tantivy's accounting, plus the bytes of
/// the files on disk.
pub fn index_space(index: &NewsIndex) -> Result<IndexSpace, IndexError> {
    let reader = index
        .index
        .reader()
        .map_err(|e| tantivy_err(&index.path, e))?;
    let usage = reader
        .searcher()
        .space_usage()
        .map_err(|source| IndexError::Io {
            path: index.path.clone(),
            source,
        })?;
    let mut fields: BTreeMap<String, FieldSpace> = BTreeMap::new();
    let mut space = IndexSpace {
        segments: usage.segments().len(),
        ..IndexSpace::default()
    };
    for seg in usage.segments() {
        let parts: [(_, Slot); 5] = [
            (seg.termdict(), |f| &mut f.termdict),
            (seg.postings(), |f| &mut f.postings),
            (seg.positions(), |f| &mut f.positions),
            (seg.fast_fields(), |f| &mut f.fast),
            (seg.fieldnorms(), |f| &mut f.fieldnorms),
        ];
        for (per_field, slot) in parts {
            for usage in per_field.fields() {
                let entry = fields
                    .entry(usage.field_name().to_string())
                    .or_insert_with(|| FieldSpace {
                        field: usage.field_name().to_string(),
                        ..FieldSpace::default()
                    });
                let bytes = usage.total().get_bytes();
                *slot(entry) += bytes;
                entry.total += bytes;
            }
        }
        space.store += seg.store().total().get_bytes();
        space.deletes += seg.deletes().get_bytes();
    }
    let mut fields: Vec<FieldSpace> = fields.into_values().collect();
    fields.sort_by(|a, b| b.total.cmp(&a.total).then(a.field.cmp(&b.field)));
    space.fields = fields;
    space.on_disk = dir_bytes(&index.path);
    Ok(space)
}

/// The bytes of the regular files directly in `dir` (tantivy keeps no subdirectories).
pub fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// The peak resident set size of this process (Linux `VmHWM`), in bytes. It covers the
/// whole process so far, which is why `bench index` measures each thread count in a
/// process of its own.
pub fn peak_rss_bytes() -> Option<u64> {
    parse_vmhwm(&std::fs::read_to_string("/proc/self/status").ok()?)
}

/// `VmHWM:   123456 kB` from a `/proc/PID/status` text, in bytes.
pub fn parse_vmhwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut parts = line["VmHWM:".len()..].split_whitespace();
    let n: u64 = parts.next()?.parse().ok()?;
    match parts.next() {
        Some("kB") | None => Some(n * 1024),
        Some(_) => None,
    }
}

/// A directory for a throw-away index under the system temporary directory, deleted on drop.
pub struct TempIndexDir {
    path: PathBuf,
}

impl TempIndexDir {
    pub fn new(label: &str) -> Result<TempIndexDir, BenchError> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("newsdex-bench-{}-{label}-{n}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|source| BenchError::TempDir {
                path: path.display().to_string(),
                source,
            })?;
        }
        Ok(TempIndexDir { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempIndexDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vmhwm_is_read_in_bytes() {
        let status = "Name:\tnewsdex\nVmPeak:\t  900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vmhwm(status), Some(123456 * 1024));
        assert_eq!(parse_vmhwm("Name: x\n"), None);
        assert_eq!(parse_vmhwm("VmHWM: lots kB\n"), None);
    }

    #[test]
    fn builds_the_sample_corpus_and_accounts_for_every_field() {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let tmp = TempIndexDir::new("test").unwrap();
        let cfg = Config {
            threads: 2,
            memory_mb: 40,
            read: ReadOptions::default(),
            extract: ExtractOptions::new(jiff::civil::date(2025, 11, 30)),
        };
        let run = build(&[corpus], tmp.path(), &cfg).unwrap();
        assert!(run.articles >= 5 && run.passages > run.articles, "{run:?}");
        assert!(run.input_bytes > 0 && run.mb_per_s > 0.0);
        let text = run.space.fields.iter().find(|f| f.field == "text").unwrap();
        assert!(text.postings > 0 && text.positions > 0 && text.termdict > 0);
        assert_eq!(
            text.total,
            text.termdict + text.postings + text.positions + text.fast + text.fieldnorms
        );
        let fields_total: u64 = run.space.fields.iter().map(|f| f.total).sum();
        assert!(run.space.store > 0);
        assert!(run.space.on_disk >= fields_total + run.space.store);
        let path = tmp.path().to_path_buf();
        drop(tmp);
        assert!(!path.exists(), "the temporary index is removed");
    }

    #[test]
    fn no_inputs_is_an_error() {
        let tmp = TempIndexDir::new("empty").unwrap();
        let cfg = Config {
            threads: 1,
            memory_mb: 20,
            read: ReadOptions::default(),
            extract: ExtractOptions::new(jiff::civil::date(2025, 11, 30)),
        };
        let err = build(&[PathBuf::from("/nonexistent/newsdex")], tmp.path(), &cfg).unwrap_err();
        assert!(matches!(err, BenchError::NoInputs));
    }
}
