//! The indexing pipeline shared by `newsdex index` and `newsdex bench index`:
//! incremental and crash-safe.
//!
//! Input is streamed as records (a whole file, or one line of a JSON Lines file) in
//! rounds: each round's records are read, sharded and extracted in parallel and added to
//! the writer, then committed, so a killed run loses at most one round
//! (`--commit-every`) and never leaves half an article. Every article is stored with
//! the content hash of its record; a re-run skips records whose hash the index already
//! holds without parsing them, re-indexes changed ones (replacing by article id), and
//! with `prune` deletes articles whose source is gone.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use rayon::prelude::*;

use crate::article::{self, Article, ReadOptions};
use crate::content_hash::{ContentHash, Fingerprint};
use crate::error::IndexError;
use crate::extract::ExtractOptions;
use crate::index::{NewsIndex, Writer};
use crate::ingest::{self, CommitEvery, Feeder, Inputs, Record, RecordBody, Skipped};
use crate::progress::Progress;
use crate::schema::Provenance;
use crate::shard::Boilerplate;

/// How to index.
pub struct Options {
    pub read: ReadOptions,
    pub extract: ExtractOptions,
    pub fingerprint: Fingerprint,
    pub threads: usize,
    pub memory_mb: usize,
    pub commit_every: CommitEvery,
    pub prune: bool,
    /// Print warnings as they come (above the progress bar).
    pub show_warnings: bool,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub articles: u64,
    pub passages: u64,
    /// Articles whose record was already indexed, skipped without reading them again.
    pub unchanged: u64,
    pub pruned: u64,
    pub commits: u64,
    pub warnings: u64,
    /// Inputs or parts of inputs that were not indexed, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Indexing stopped on an error; the index keeps its last commit (`commits` of this run).
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Stopped {
    pub error: IndexError,
    pub commits: u64,
}

/// What the index held before this run: content hash → ids of its articles.
type Committed = HashMap<ContentHash, Vec<String>>;

/// Who holds an article id in this run: the record that comes first in input order.
struct FirstRead {
    seq: u64,
    source: std::sync::Arc<ingest::Source>,
    hash: ContentHash,
    /// Passages counted in this run's totals (`None`: not added yet, or unchanged).
    counted: Option<u64>,
}

/// Everything the worker threads share.
struct Run<'a> {
    read_opts: ReadOptions,
    extract_opts: ExtractOptions,
    fingerprint: Fingerprint,
    boilerplate: &'static Boilerplate,
    committed: Committed,
    /// Every article id in the index before this run: only these need a delete first.
    committed_ids: HashSet<String>,
    /// Workers add under the read lock; commits take the write lock between rounds.
    writer: RwLock<Writer<'a>>,
    progress: &'a Progress,
    quiet: bool,
    /// Article id → (record seq, where it was read, added by this run) for duplicate
    /// detection: the record that comes first in input order wins, whatever order the
    /// threads finish in.
    ids: Mutex<HashMap<String, FirstRead>>,
    /// Hashes of every record seen in this run (indexed or unchanged), for `--prune`.
    seen: Mutex<HashSet<ContentHash>>,
    skipped: Mutex<Vec<Skipped>>,
    fatal: Mutex<Option<IndexError>>,
    articles: AtomicU64,
    passages: AtomicU64,
    unchanged: AtomicU64,
    warnings: AtomicU64,
    done_articles: AtomicU64,
}

/// Indexes `inputs` into `index`, committing every `opts.commit_every`.
pub fn index_inputs(
    index: &NewsIndex,
    inputs: &Inputs,
    opts: Options,
    progress: &Progress,
) -> Result<Outcome, Stopped> {
    // When a write fails deep inside tantivy's threads its message is generic: probe
    // the directory to name the cause (a full disk, a size limit, permissions).
    let stop = |error: IndexError, commits: u64| {
        let error = match (&error, index.write_probe()) {
            (IndexError::NotWritable { .. } | IndexError::Locked { .. }, _) | (_, Ok(())) => error,
            (_, Err(cause)) => IndexError::NotWritable {
                path: index.path.clone(),
                cause,
            },
        };
        Stopped { error, commits }
    };
    let threads = opts.threads.max(1);
    if let Err(cause) = index.write_probe() {
        return Err(Stopped {
            error: IndexError::NotWritable {
                path: index.path.clone(),
                cause,
            },
            commits: 0,
        });
    }
    let writer = index
        .writer(threads, opts.memory_mb)
        .map_err(|e| stop(e, 0))?;
    let mut committed: Committed = HashMap::new();
    let mut committed_ids = HashSet::new();
    for r in index.passage_records().map_err(|e| stop(e, 0))? {
        if !committed_ids.contains(&r.article_id) {
            committed_ids.insert(r.article_id.clone());
        }
        if r.para == 0
            && let Some(h) = r.content_hash
        {
            committed.entry(h).or_default().push(r.article_id);
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| {
            stop(
                IndexError::Tantivy {
                    path: index.path.clone(),
                    message: format!("cannot start the indexing threads: {e}"),
                },
                0,
            )
        })?;
    let run = Run {
        read_opts: opts.read,
        extract_opts: opts.extract,
        fingerprint: opts.fingerprint,
        boilerplate: Boilerplate::embedded(),
        committed,
        committed_ids,
        writer: RwLock::new(writer),
        progress,
        quiet: !opts.show_warnings,
        ids: Mutex::new(HashMap::new()),
        seen: Mutex::new(HashSet::new()),
        skipped: Mutex::new(Vec::new()),
        fatal: Mutex::new(None),
        articles: AtomicU64::new(0),
        passages: AtomicU64::new(0),
        unchanged: AtomicU64::new(0),
        warnings: AtomicU64::new(0),
        done_articles: AtomicU64::new(0),
    };

    let mut feeder = Feeder::new(inputs.files.clone());
    let mut sources = Vec::new();
    let mut commits = 0u64;
    loop {
        let mut round = Round {
            feeder: &mut feeder,
            budget: opts.commit_every,
            used: 0,
            exhausted: false,
            sources: &mut sources,
        };
        pool.install(|| (&mut round).par_bridge().for_each(|r| run.process(r)));
        let exhausted = round.exhausted;
        if let Some(e) = lock(&run.fatal).take() {
            return Err(stop(e, commits));
        }
        if exhausted {
            break;
        }
        commit(&run.writer).map_err(|e| stop(e, commits))?;
        commits += 1;
    }
    let pruned = if opts.prune {
        let seen = lock(&run.seen);
        prune(index, &run.writer, &run.committed, &seen, &sources).map_err(|e| stop(e, commits))?
    } else {
        0
    };
    commit(&run.writer).map_err(|e| stop(e, commits))?;
    commits += 1;
    let writer = run.writer.into_inner().unwrap_or_else(|p| p.into_inner());
    writer.finish().map_err(|e| stop(e, commits))?;
    let mut skipped = inputs.skipped.clone();
    skipped.extend(run.skipped.into_inner().unwrap_or_else(|p| p.into_inner()));
    Ok(Outcome {
        articles: run.articles.into_inner(),
        passages: run.passages.into_inner(),
        unchanged: run.unchanged.into_inner(),
        pruned,
        commits,
        warnings: run.warnings.into_inner(),
        skipped,
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn commit(writer: &RwLock<Writer<'_>>) -> Result<(), IndexError> {
    writer.write().unwrap_or_else(|p| p.into_inner()).commit()
}

/// The records of one round: up to the commit budget, at least one.
struct Round<'f> {
    feeder: &'f mut Feeder,
    budget: CommitEvery,
    used: u64,
    exhausted: bool,
    sources: &'f mut Vec<std::sync::Arc<ingest::Source>>,
}

impl Iterator for Round<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let limit = match self.budget {
            CommitEvery::Articles(n) | CommitEvery::Bytes(n) => n,
        };
        if self.used >= limit {
            return None;
        }
        let Some(record) = self.feeder.next() else {
            self.exhausted = true;
            return None;
        };
        self.used += match self.budget {
            CommitEvery::Articles(_) => 1,
            CommitEvery::Bytes(_) => record.size().max(1),
        };
        if self
            .sources
            .last()
            .is_none_or(|s| !std::sync::Arc::ptr_eq(s, &record.source))
        {
            self.sources.push(record.source.clone());
        }
        Some(record)
    }
}

impl Run<'_> {
    fn skip(&self, record: &Record, reason: String) {
        record.source.problems.store(true, Ordering::Relaxed);
        lock(&self.skipped).push(Skipped {
            what: ingest::display(&record.source.input.path),
            reason,
        });
    }

    fn warn(&self, what: &str, warning: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            self.progress
                .println(&format!("warning: {what}: {warning}"));
        }
    }

    /// Reads, shards, extracts and adds one record, unless it is unchanged.
    fn process(&self, record: Record) {
        if lock(&self.fatal).is_some() {
            return;
        }
        let size = record.size();
        let what = ingest::display(&record.source.input.path);
        let source = &record.source;
        let (hash, read) = match &record.body {
            RecordBody::Failed(e) => {
                self.skip(&record, e.to_string());
                return;
            }
            RecordBody::File => {
                let bytes = match std::fs::read(&source.input.path) {
                    Ok(b) => b,
                    Err(e) => {
                        self.skip(
                            &record,
                            crate::error::ReadError::Io { source: e }.to_string(),
                        );
                        self.progress.advance(size, 0);
                        return;
                    }
                };
                let hash = self.fingerprint.hash(&source.base.path, 0, &bytes);
                if self.unchanged(&record, hash, size) {
                    return;
                }
                let read = article::read_bytes(
                    &bytes,
                    &source.input.path,
                    &source.input.root,
                    source.format,
                    &self.read_opts,
                );
                match read {
                    Ok(r) => {
                        for w in &r.warnings {
                            self.warn(&what, w);
                        }
                        for e in &r.skipped {
                            self.skip(&record, e.to_string());
                        }
                        (hash, r.articles)
                    }
                    Err(e) => {
                        self.skip(&record, e.to_string());
                        self.progress.advance(size, 0);
                        return;
                    }
                }
            }
            RecordBody::Line { line_no, bytes } => {
                let hash = self
                    .fingerprint
                    .hash(&source.base.path, *line_no as u64, bytes);
                if self.unchanged(&record, hash, size) {
                    return;
                }
                let (result, lossy) =
                    article::read_json_line(bytes, *line_no, &source.base, &self.read_opts);
                if lossy && !source.warned_lossy.swap(true, Ordering::Relaxed) {
                    self.warn(
                        &what,
                        &format!(
                            "invalid UTF-8 on line {line_no}; decoded lossily (bad bytes became U+FFFD)"
                        ),
                    );
                }
                match result {
                    Ok(Some(a)) => (hash, vec![a]),
                    Ok(None) => (hash, Vec::new()),
                    Err(e) => {
                        self.skip(&record, e.to_string());
                        self.progress.advance(size, 0);
                        return;
                    }
                }
            }
        };
        lock(&self.seen).insert(hash);
        let mut added = 0;
        for article in &read {
            if self.add(&record, &what, hash, article) {
                added += 1;
            }
        }
        let n = self.done_articles.fetch_add(added, Ordering::Relaxed) + added;
        self.progress.advance(size, n);
    }

    /// Skips a record whose hash is already in the index; registers its articles' ids.
    fn unchanged(&self, record: &Record, hash: ContentHash, size: u64) -> bool {
        let Some(ids) = self.committed.get(&hash) else {
            return false;
        };
        lock(&self.seen).insert(hash);
        {
            let mut seen_ids = lock(&self.ids);
            for id in ids {
                seen_ids.entry(id.clone()).or_insert_with(|| FirstRead {
                    seq: record.seq,
                    source: record.source.clone(),
                    hash,
                    counted: None,
                });
            }
        }
        let n = ids.len() as u64;
        self.unchanged.fetch_add(n, Ordering::Relaxed);
        let done = self.done_articles.fetch_add(n, Ordering::Relaxed) + n;
        self.progress.advance(size, done);
        true
    }

    /// Shards, extracts and adds one article; `false` when it was skipped.
    ///
    /// Duplicate ids: the record first in input order wins whatever order the threads run
    /// in. A winner that arrives late deletes the loser's version (by id and hash); a
    /// loser that finds it lost after adding deletes its own. Both happen after the
    /// loser's passages were added, so no interleaving leaves a duplicate.
    fn add(&self, record: &Record, what: &str, hash: ContentHash, article: &Article) -> bool {
        let mine = || FirstRead {
            seq: record.seq,
            source: record.source.clone(),
            hash,
            counted: None,
        };
        let displaced = {
            let mut ids = lock(&self.ids);
            match ids.get_mut(&article.id) {
                Some(first) if first.seq <= record.seq => {
                    let reason = format!(
                        "article id {:?} was already read from {} in this run; give each article a unique id",
                        article.id,
                        ingest::display(&first.source.input.path)
                    );
                    drop(ids);
                    self.skip(record, reason);
                    return false;
                }
                Some(later) => {
                    // The same report as the branch above gives, so that what the user
                    // reads does not depend on which thread got there first.
                    let old = std::mem::replace(later, mine());
                    drop(ids);
                    old.source.problems.store(true, Ordering::Relaxed);
                    lock(&self.skipped).push(Skipped {
                        what: ingest::display(&old.source.input.path),
                        reason: format!(
                            "article id {:?} was already read from {what} in this run; give each article a unique id",
                            article.id
                        ),
                    });
                    if let Some(n) = old.counted {
                        self.articles.fetch_sub(1, Ordering::Relaxed);
                        self.passages.fetch_sub(n, Ordering::Relaxed);
                    }
                    Some(old.hash)
                }
                None => {
                    ids.insert(article.id.clone(), mine());
                    None
                }
            }
        };
        let (passages, warnings) =
            ingest::article_passages(article, self.boilerplate, &self.extract_opts);
        for w in &warnings {
            self.warn(what, w);
        }
        let provenance = Provenance {
            content_hash: Some(hash),
            file: record.source.absolute.clone(),
            passages: passages.len() as u64,
        };
        let result = {
            let writer = self.writer.read().unwrap_or_else(|p| p.into_inner());
            if let Some(old) = displaced {
                writer.delete_article_version(&article.id, old);
            }
            if self.committed_ids.contains(&article.id) {
                writer.replace_article_from(&article.id, &passages, &provenance)
            } else {
                writer.add_article(&passages, &provenance)
            }
        };
        if let Err(e) = result {
            let mut f = lock(&self.fatal);
            if f.is_none() {
                *f = Some(e);
            }
            return false;
        }
        let n = passages.len() as u64;
        let mut ids = lock(&self.ids);
        match ids.get_mut(&article.id) {
            Some(first) if first.seq == record.seq => {
                first.counted = Some(n);
                self.articles.fetch_add(1, Ordering::Relaxed);
                self.passages.fetch_add(n, Ordering::Relaxed);
                true
            }
            _ => {
                // An earlier record took the id while these passages were being added.
                drop(ids);
                self.writer
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .delete_article_version(&article.id, hash);
                false
            }
        }
    }
}

/// Deletes the articles of the last commit that this run did not see and whose source is
/// gone: the file no longer exists, or it was read in full, without problems, and no
/// longer holds them. Files that exist but were not part of this run are left alone.
fn prune(
    index: &NewsIndex,
    writer: &RwLock<Writer<'_>>,
    committed: &Committed,
    seen: &HashSet<ContentHash>,
    sources: &[std::sync::Arc<ingest::Source>],
) -> Result<u64, IndexError> {
    let read_in_full: HashSet<&str> = sources
        .iter()
        .filter(|s| !s.problems.load(Ordering::Relaxed))
        .map(|s| s.absolute.as_str())
        .collect();
    let searcher = index.last_commit()?;
    let writer = writer.read().unwrap_or_else(|p| p.into_inner());
    let mut pruned = 0;
    for (hash, ids) in committed {
        if seen.contains(hash) {
            continue;
        }
        let Some(file) = index.file_of(&searcher, *hash)? else {
            continue;
        };
        let gone = read_in_full.contains(file.as_str())
            || matches!(std::fs::symlink_metadata(&file), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
        if gone {
            writer.delete_content(*hash);
            pruned += ids.len() as u64;
        }
    }
    Ok(pruned)
}
