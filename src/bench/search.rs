//! The search benchmark: check a query set once (malformed queries are set aside), warm
//! up, then time every query `runs` times on one thread, and optionally the same work
//! spread over N searcher threads.
//!
//! Each query is ranked exactly as `newsdex search` ranks it (proximity re-ranking, and
//! feedback with `--feedback`), and each execution is timed in two parts:
//! building the query ([`Engine::build_query`]: parsing, date shorthands, proximity
//! pairs) and running it (the pass over the matches, then the re-ranking of the best
//! candidates, which reads the stored passages feedback learns from). The total is what
//! newsdex spends on a query in process; the second part alone is what `tantivy bench`
//! times (it excludes parsing). Snippets and output are never timed.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde::Serialize;

use super::{BenchError, Summary, rate};
use crate::search::{Collect, Engine, SearchRequest};

/// What each query computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Mode {
    #[serde(rename = "top10")]
    Top10,
    #[serde(rename = "top100")]
    Top100,
    #[serde(rename = "count")]
    Count,
    #[serde(rename = "top10+count")]
    Top10Count,
}

impl Mode {
    pub fn collect(self) -> Collect {
        match self {
            Mode::Top10 => Collect::Top(10),
            Mode::Top100 => Collect::Top(100),
            Mode::Count => Collect::Count,
            Mode::Top10Count => Collect::TopAndCount(10),
        }
    }
}

/// How to run the benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub runs: usize,
    pub warmup: usize,
    /// Searcher threads for the concurrent measurement; 1 measures single-threaded only.
    pub concurrency: usize,
    pub mode: Mode,
    /// Re-rank by pseudo-relevance feedback too, as `newsdex search --feedback`.
    pub feedback: bool,
}

/// One line of a query file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryLine {
    /// 1-based line number in the file.
    pub line: usize,
    pub query: String,
}

/// The queries of a query file: one per line; blank lines and lines starting with `#`
/// are ignored.
pub fn parse_query_lines(text: &str) -> Vec<QueryLine> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(line, query)| QueryLine {
            line,
            query: query.to_string(),
        })
        .collect()
}

/// A query that could not be parsed, with the reason.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedQuery {
    pub line: usize,
    pub query: String,
    pub reason: String,
}

/// The single-threaded timings of one query.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTimes {
    pub line: usize,
    pub query: String,
    /// Matching passages (counting modes), else passages returned.
    pub hits: u64,
    /// Seconds, one per timed run: building the query and running it.
    pub times: Vec<f64>,
    /// The part of each of `times` spent building the query.
    pub build_times: Vec<f64>,
}

/// Statistics over every timed execution of the whole set, with `threads` searchers.
#[derive(Debug, Clone, Serialize)]
pub struct SetStats {
    pub threads: usize,
    pub summary: Summary,
    /// Queries per second: executions / wall time of the timed passes.
    pub qps: f64,
    pub wall_seconds: f64,
}

/// Everything `bench search` measured.
#[derive(Debug, Clone, Serialize)]
pub struct SearchReport {
    pub mode: Mode,
    pub runs: usize,
    pub warmup: usize,
    pub passages: u64,
    pub queries: Vec<QueryTimes>,
    pub skipped: Vec<SkippedQuery>,
    /// Whole query path (build + run), one thread.
    pub single: SetStats,
    /// Running the built query only, one thread (comparable with `tantivy bench`).
    pub run_only: SetStats,
    /// Whole query path with `concurrency` searcher threads.
    pub concurrent: Option<SetStats>,
}

/// Checks each query as `newsdex search` would (same fields, boosts, date shorthands);
/// the malformed ones are returned apart, never fatal.
pub fn prepare(engine: &Engine<'_>, lines: &[QueryLine]) -> (Vec<QueryLine>, Vec<SkippedQuery>) {
    let mut ok = Vec::new();
    let mut skipped = Vec::new();
    for l in lines {
        match engine.build_query(&request(&l.query, false)) {
            Ok(_) => ok.push(l.clone()),
            Err(e) => skipped.push(SkippedQuery {
                line: l.line,
                query: l.query.clone(),
                reason: e.to_string(),
            }),
        }
    }
    (ok, skipped)
}

fn request(query: &str, feedback: bool) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        feedback,
        ..SearchRequest::default()
    }
}

/// One execution: seconds building the query, seconds running it, and its hit count.
fn execute(
    engine: &Engine<'_>,
    req: &SearchRequest,
    what: Collect,
) -> Result<(f64, f64, u64), BenchError> {
    let start = Instant::now();
    let query = engine.build_query(req)?;
    let built = start.elapsed().as_secs_f64();
    let c = engine.collect(query.as_ref(), what)?;
    let total = start.elapsed().as_secs_f64();
    Ok((built, total - built, c.total.unwrap_or(c.top as u64)))
}

/// Runs the benchmark over already-prepared queries.
pub fn run(
    engine: &Engine<'_>,
    queries: &[QueryLine],
    skipped: Vec<SkippedQuery>,
    cfg: &Config,
) -> Result<SearchReport, BenchError> {
    if cfg.runs == 0 {
        return Err(BenchError::Zero { flag: "runs" });
    }
    if cfg.concurrency == 0 {
        return Err(BenchError::Zero {
            flag: "concurrency",
        });
    }
    if queries.is_empty() {
        return Err(BenchError::NothingToTime);
    }
    let what = cfg.mode.collect();
    let requests: Vec<SearchRequest> = queries
        .iter()
        .map(|q| request(&q.query, cfg.feedback))
        .collect();
    let mut hits = vec![0u64; queries.len()];
    for _ in 0..cfg.warmup {
        for (i, req) in requests.iter().enumerate() {
            hits[i] = execute(engine, req, what)?.2;
        }
    }

    let mut times = vec![Vec::with_capacity(cfg.runs); queries.len()];
    let mut build_times = vec![Vec::with_capacity(cfg.runs); queries.len()];
    let mut run_times = Vec::with_capacity(cfg.runs * queries.len());
    let wall = Instant::now();
    let mut run_wall = 0.0;
    for _ in 0..cfg.runs {
        for (i, req) in requests.iter().enumerate() {
            let (built, ran, n) = execute(engine, req, what)?;
            times[i].push(built + ran);
            build_times[i].push(built);
            run_times.push(ran);
            run_wall += ran;
            hits[i] = n;
        }
    }
    let wall = wall.elapsed().as_secs_f64();
    let all: Vec<f64> = times.iter().flatten().copied().collect();
    let single = set_stats(1, &all, wall).ok_or(BenchError::NothingToTime)?;
    let run_only = set_stats(1, &run_times, run_wall).ok_or(BenchError::NothingToTime)?;

    let concurrent = if cfg.concurrency > 1 {
        Some(run_concurrent(engine, &requests, cfg)?)
    } else {
        None
    };

    Ok(SearchReport {
        mode: cfg.mode,
        runs: cfg.runs,
        warmup: cfg.warmup,
        passages: engine.num_passages(),
        queries: queries
            .iter()
            .zip(times.into_iter().zip(build_times))
            .zip(hits)
            .map(|((l, (times, build_times)), hits)| QueryTimes {
                line: l.line,
                query: l.query.clone(),
                hits,
                times,
                build_times,
            })
            .collect(),
        skipped,
        single,
        run_only,
        concurrent,
    })
}

/// `runs` passes over the set, shared out query by query to `concurrency` threads that
/// search the same index at once: the latencies under load, and the throughput.
fn run_concurrent(
    engine: &Engine<'_>,
    queries: &[SearchRequest],
    cfg: &Config,
) -> Result<SetStats, BenchError> {
    let what = cfg.mode.collect();
    let total = queries.len() * cfg.runs;
    let next = AtomicUsize::new(0);
    let failure: Mutex<Option<BenchError>> = Mutex::new(None);
    let start = Instant::now();
    let per_thread: Vec<Vec<f64>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..cfg.concurrency)
            .map(|_| {
                s.spawn(|| {
                    let mut times = Vec::with_capacity(total / cfg.concurrency + 1);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        match execute(engine, &queries[i % queries.len()], what) {
                            Ok((built, ran, _)) => times.push(built + ran),
                            Err(e) => {
                                let mut f = failure.lock().unwrap_or_else(|p| p.into_inner());
                                f.get_or_insert(e);
                                next.store(total, Ordering::Relaxed);
                                break;
                            }
                        }
                    }
                    times
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let wall = start.elapsed().as_secs_f64();
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let all: Vec<f64> = per_thread.into_iter().flatten().collect();
    set_stats(cfg.concurrency, &all, wall).ok_or(BenchError::NothingToTime)
}

fn set_stats(threads: usize, times: &[f64], wall: f64) -> Option<SetStats> {
    Some(SetStats {
        threads,
        summary: Summary::of(times)?,
        qps: rate(times.len() as f64, wall),
        wall_seconds: wall,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::NewsIndex;
    use crate::passage::Passage;

    fn passage(id: usize, text: &str) -> Passage {
        Passage {
            id: format!("a{id}#0"),
            article_id: format!("a{id}"),
            title: Some(format!("Story {id}")),
            para: 0,
            section: None,
            text: text.into(),
            date: Some("1987-03-02T00:00:00Z".into()),
            speakers: vec![],
            speaker_role: vec![],
            topics: vec![],
            mentioned_dates: vec![],
            source: "test".into(),
        }
    }

    fn ram_index(texts: &[&str]) -> NewsIndex {
        let news = NewsIndex::in_ram();
        {
            let mut w = news.writer(1, 20).unwrap();
            for (i, t) in texts.iter().enumerate() {
                w.replace_article(&format!("a{i}"), &[passage(i, t)])
                    .unwrap();
            }
            w.commit().unwrap();
        }
        news
    }

    #[test]
    fn query_files_skip_blank_lines_and_comments() {
        let lines =
            parse_query_lines("# header\noil\n\n  +crude +prices  \n#x\n\"trade deficit\"\n");
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.line, l.query.as_str())).collect();
        assert_eq!(
            got,
            [(2, "oil"), (4, "+crude +prices"), (6, "\"trade deficit\"")]
        );
    }

    #[test]
    fn malformed_queries_are_skipped_with_their_line_not_fatal() {
        let idx = ram_index(&["Crude oil prices rose.", "The trade deficit widened."]);
        let engine = Engine::new(&idx).unwrap();
        let lines = parse_query_lines("oil\n(unclosed\n\"trade deficit\"\nfoo:bar\nAND\n");
        let (ok, skipped) = prepare(&engine, &lines);
        assert_eq!(ok.len(), 2);
        let bad: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(bad, [2, 4, 5]);
        assert!(skipped.iter().all(|s| !s.reason.is_empty()));
    }

    #[test]
    fn every_mode_times_every_query_each_run() {
        let idx = ram_index(&[
            "Crude oil prices rose.",
            "Oil output fell.",
            "The trade deficit widened.",
        ]);
        let engine = Engine::new(&idx).unwrap();
        let (ok, _) = prepare(&engine, &parse_query_lines("oil\n\"trade deficit\"\n"));
        for (mode, oil_hits) in [
            (Mode::Top10, 2),
            (Mode::Top100, 2),
            (Mode::Count, 2),
            (Mode::Top10Count, 2),
        ] {
            let cfg = Config {
                runs: 3,
                warmup: 1,
                concurrency: 2,
                mode,
                feedback: mode == Mode::Top10Count,
            };
            let r = run(&engine, &ok, Vec::new(), &cfg).unwrap();
            assert_eq!(r.queries.len(), 2);
            assert!(r.queries.iter().all(|q| q.times.len() == 3));
            assert_eq!(r.queries[0].hits, oil_hits, "{mode:?}");
            assert_eq!(r.queries[1].hits, 1, "{mode:?}");
            assert_eq!(r.single.summary.samples, 6);
            assert_eq!(r.run_only.summary.samples, 6);
            assert!(r.queries.iter().all(|q| q.build_times.len() == 3));
            assert!(r.run_only.summary.median <= r.single.summary.max);
            let c = r.concurrent.unwrap();
            assert_eq!((c.threads, c.summary.samples), (2, 6));
            assert_eq!(r.passages, 3);
        }
    }

    #[test]
    fn zero_runs_is_an_error_not_a_panic() {
        let idx = ram_index(&["Oil."]);
        let engine = Engine::new(&idx).unwrap();
        let (ok, _) = prepare(&engine, &parse_query_lines("oil"));
        let cfg = Config {
            runs: 0,
            warmup: 0,
            concurrency: 1,
            mode: Mode::Top10,
            feedback: false,
        };
        assert!(matches!(
            run(&engine, &ok, Vec::new(), &cfg),
            Err(BenchError::Zero { flag: "runs" })
        ));
    }
}
