//! Criterion benches of the hot paths.
//!
//! * `pipeline`: reading + sharding, extraction alone, adding ready passages to an index,
//!   and the whole of indexing into a RAM index, all on one thread and in MB/s of input,
//!   so that the share of each step is visible (extraction should be well under a fifth).
//!   `extract-speakers`, `extract-dates` and `extract-topics` time the three extractors
//!   on their own. At the end the group prints the medians of this run and the share of
//!   extraction in read + shard + extract + add (the figure BENCHMARKS.md reports).
//!   `index-all-no-extract` is `index-all` with passages that carry no extracted field.
//! * `pipeline-cpu`: extraction and the whole of indexing timed in process CPU time
//!   (every thread, the index writer's included), and extraction's share of it, timed
//!   alone and as the difference between indexing with and without extraction.
//! * `query`: latency of query kinds on a small index built from the same corpus, the
//!   lean benchmark path (top 10 + exact count) and the full search with snippets.
//!
//! Corpus: `NEWSDEX_BENCH_CORPUS` (a file or directory) if set; else the BBC News set
//! from `../shared/data/bbc_news` (unpacked once into `target/bench-data/`); else the
//! small sample corpus in `corpus/`.
//!
//!   cargo bench --bench speed                     # every group
//!   cargo bench --bench speed -- query            # one group
//!   cargo bench --bench speed -- 'pipeline/'      # `pipeline` without `pipeline-cpu`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use criterion::measurement::Measurement;
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main,
};

use newsdex::article::{Article, ReadOptions};
use newsdex::extract::{self, ExtractOptions, date, speaker};
use newsdex::index::NewsIndex;
use newsdex::ingest;
use newsdex::passage::Passage;

/// The allocator the `newsdex` binary runs with (src/main.rs), so that these timings are
/// the binary's. (The binary also returns freed memory at once, which changed peak RSS,
/// not speed: BENCHMARKS.md, item 10.)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use newsdex::search::{Collect, Engine, SearchRequest};
use newsdex::shard::{self, Boilerplate, Shard};

const BBC_ARCHIVE: &str = "../shared/data/bbc_news/bbc-fulltext.tar.gz";

/// The corpus to bench on, and a name for it.
fn corpus() -> (PathBuf, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Some(p) = std::env::var_os("NEWSDEX_BENCH_CORPUS") {
        let p = PathBuf::from(p);
        let name = p.display().to_string();
        return (p, name);
    }
    let archive = root.join(BBC_ARCHIVE);
    let data = root.join("target/bench-data");
    let bbc = data.join("bbc_news");
    if !bbc.is_dir() && archive.is_file() {
        let _ = std::fs::create_dir_all(&data);
        let ok = Command::new("tar")
            .arg("-xzf")
            .arg(&archive)
            .arg("-C")
            .arg(&data)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("could not unpack {}; using corpus/", archive.display());
        }
    }
    if bbc.is_dir() {
        return (bbc, "BBC News (2,225 articles)".into());
    }
    eprintln!("{BBC_ARCHIVE} is absent: benching on the small sample corpus in corpus/");
    (root.join("corpus"), "corpus/ (sample)".into())
}

fn options() -> ExtractOptions {
    ExtractOptions::new(jiff::civil::date(2005, 6, 30))
}

/// Every file under `path`, read into memory once (so the benches time parsing, not disk).
struct Loaded {
    files: Vec<ingest::InputFile>,
    bytes: u64,
}

fn load(path: &Path) -> Loaded {
    let inputs = ingest::collect_inputs(&[path.to_path_buf()]);
    let bytes = inputs.total_bytes();
    Loaded {
        files: inputs.files,
        bytes,
    }
}

fn read_articles(files: &[ingest::InputFile]) -> Vec<Article> {
    let opts = ReadOptions::default();
    files
        .iter()
        .filter_map(|f| ingest::read_input(f, &opts).ok())
        .flat_map(|r| r.articles)
        .collect()
}

/// Each article's id and passages, as `newsdex index` would add them.
fn all_passages(articles: &[Article], opts: &ExtractOptions) -> Vec<(String, Vec<Passage>)> {
    let boilerplate = Boilerplate::embedded();
    articles
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                ingest::article_passages(a, boilerplate, opts).0,
            )
        })
        .collect()
}

/// Every article's passages from its shards (the `extract` step); their number.
fn extract_all(articles: &[Article], shards: Vec<Vec<Shard>>, opts: &ExtractOptions) -> usize {
    articles
        .iter()
        .zip(shards)
        .map(|(a, s)| extract::passages(a, s, opts).0.len())
        .sum()
}

/// An article's passages as `extract::passages` builds them, but with no field that
/// extraction fills (speakers, roles, topics, date, mentioned dates).
fn bare_passages(article: &Article, shards: Vec<Shard>) -> Vec<Passage> {
    shards
        .into_iter()
        .map(|shard| Passage {
            id: format!("{}#{}", article.id, shard.para),
            article_id: article.id.clone(),
            title: article.title.clone(),
            para: shard.para,
            section: shard.section,
            text: shard.text,
            date: None,
            speakers: Vec::new(),
            speaker_role: Vec::new(),
            topics: Vec::new(),
            mentioned_dates: Vec::new(),
            source: article.source().to_string(),
        })
        .collect()
}

/// Everything `newsdex index` does to the files, into a RAM index with one indexing
/// thread: read, shard, extract (unless `opts` is `None`: then the passages carry no
/// extracted field, see [`bare_passages`]) and add, then commit. The writer indexes on
/// a thread of its own, beside the one reading and extracting.
fn index_all(files: &[ingest::InputFile], opts: Option<&ExtractOptions>) -> NewsIndex {
    let boilerplate = Boilerplate::embedded();
    let idx = ram_index();
    let opts_read = ReadOptions::default();
    {
        let mut w = idx.writer(1, 64).expect("RAM index writer");
        for f in files {
            if let Ok(read) = ingest::read_input(f, &opts_read) {
                for a in &read.articles {
                    let ps = match opts {
                        Some(opts) => ingest::article_passages(a, boilerplate, opts).0,
                        None => bare_passages(a, shard::shard(a, boilerplate)),
                    };
                    w.replace_article(&a.id, &ps).expect("add passages");
                }
            }
        }
        w.commit().expect("commit");
    }
    idx
}

fn ram_index() -> NewsIndex {
    NewsIndex::in_ram()
}

fn index_passages(articles: &[(String, Vec<Passage>)]) -> NewsIndex {
    let idx = ram_index();
    {
        let mut w = idx.writer(1, 64).expect("RAM index writer");
        for (id, ps) in articles {
            w.replace_article(id, ps).expect("add passages");
        }
        w.commit().expect("commit");
    }
    idx
}

/// What the `pipeline` groups start from: the corpus read into memory, its articles
/// and their shards.
struct Setup {
    name: String,
    loaded: Loaded,
    opts: ExtractOptions,
    articles: Vec<Article>,
    shards: Vec<Vec<Shard>>,
}

fn setup() -> Setup {
    let (path, name) = corpus();
    let loaded = load(&path);
    let boilerplate = Boilerplate::embedded();
    let articles = read_articles(&loaded.files);
    let shards = articles
        .iter()
        .map(|a| shard::shard(a, boilerplate))
        .collect();
    Setup {
        name,
        loaded,
        opts: options(),
        articles,
        shards,
    }
}

/// The settings both `pipeline` groups run with: throughput in bytes of input, 10
/// samples of 8 s after 1 s of warm-up.
fn pipeline_settings<M: Measurement>(g: &mut BenchmarkGroup<'_, M>, bytes: u64) {
    g.throughput(Throughput::Bytes(bytes))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
}

/// The `extract` step of both `pipeline` groups: every article's passages from a fresh
/// copy of its shards (the copy made outside the timing).
fn bench_extract<M: Measurement>(
    g: &mut BenchmarkGroup<'_, M>,
    articles: &[Article],
    shards: &[Vec<Shard>],
    opts: &ExtractOptions,
) {
    g.bench_function("extract", |b| {
        b.iter_batched(
            || shards.to_vec(),
            |shards| black_box(extract_all(articles, shards, opts)),
            BatchSize::LargeInput,
        )
    });
}

fn pipeline(c: &mut Criterion) {
    let Setup {
        name,
        loaded,
        opts,
        articles,
        shards,
    } = setup();
    let boilerplate = Boilerplate::embedded();
    let passages = all_passages(&articles, &opts);
    eprintln!(
        "pipeline corpus: {name}: {} files, {:.2} MB, {} articles, {} passages",
        loaded.files.len(),
        loaded.bytes as f64 / 1e6,
        articles.len(),
        passages.iter().map(|(_, p)| p.len()).sum::<usize>()
    );

    let started = SystemTime::now();
    let mut g = c.benchmark_group("pipeline");
    pipeline_settings(&mut g, loaded.bytes);
    g.bench_function("read+shard", |b| {
        b.iter(|| {
            let opts = ReadOptions::default();
            let mut n = 0;
            for f in &loaded.files {
                if let Ok(read) = ingest::read_input(f, &opts) {
                    for a in &read.articles {
                        n += shard::shard(a, boilerplate).len();
                    }
                }
            }
            black_box(n)
        })
    });
    bench_extract(&mut g, &articles, &shards, &opts);
    // The three extractors alone, on the texts `extract::passages` gives them.
    let texts: Vec<Vec<&str>> = shards
        .iter()
        .map(|s| s.iter().map(|s| s.text.as_str()).collect())
        .collect();
    g.bench_function("extract-speakers", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| speaker::attribute_speakers(t).len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract-dates", |b| {
        // As `extract::passages` does it: one `ArticleDates` per article.
        b.iter(|| {
            let mut n = 0;
            for (a, t) in articles.iter().zip(&texts) {
                let mut dates = date::ArticleDates::new(t);
                let published = match a.date.as_deref() {
                    Some(raw) => date::parse_date(raw),
                    None => dates.infer_date(opts.reference_date),
                };
                if let Some(d) = published {
                    n += (0..t.len())
                        .map(|i| dates.mentioned_dates(i, d).len())
                        .sum::<usize>();
                }
            }
            black_box(n)
        })
    });
    g.bench_function("extract-topics", |b| {
        b.iter(|| {
            let lex = opts.lexicon;
            let mut n = 0;
            for (a, t) in articles.iter().zip(&texts) {
                let title = a.title.as_deref().map(|t| lex.words(t));
                let words: Vec<_> = t.iter().map(|p| lex.words(p)).collect();
                let whole: Vec<_> = title.iter().chain(&words).collect();
                n += usize::from(lex.top_level_words(&whole).is_some());
                n += words
                    .iter()
                    .map(|w| lex.classify_words(w).len())
                    .sum::<usize>();
            }
            black_box(n)
        })
    });
    g.bench_function("add-to-index", |b| {
        b.iter(|| black_box(index_passages(&passages)))
    });
    g.bench_function("index-all", |b| {
        b.iter(|| black_box(index_all(&loaded.files, Some(&opts))))
    });
    // The same run with passages that carry no extracted field: what indexing would
    // take without extraction (see `index_all`).
    g.bench_function("index-all-no-extract", |b| {
        b.iter(|| black_box(index_all(&loaded.files, None)))
    });
    g.finish();
    report_share(&name, started);
}

/// The median criterion has just written for `group/step`, in ms (in CPU ms for a
/// group timed in [`CpuTime`]); `None` when that step did not run in this process.
fn fresh_median_ms(group: &str, step: &str, started: SystemTime) -> Option<f64> {
    let dir = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion"));
    let file = dir.join(group).join(step).join("new/estimates.json");
    let fresh = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= started);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).ok()?).ok()?;
    let ns = json["median"]["point_estimate"].as_f64()?;
    fresh.then_some(ns / 1e6)
}

/// Prints the medians criterion has just written for the steps of indexing and the
/// share of extraction in their sum, when all of them ran in this process.
fn report_share(corpus: &str, started: SystemTime) {
    let median_ms = |step: &str| fresh_median_ms("pipeline", step, started);
    let steps = ["read+shard", "extract", "add-to-index"];
    let Some(ms) = steps
        .iter()
        .map(|s| median_ms(s))
        .collect::<Option<Vec<f64>>>()
    else {
        eprintln!(
            "pipeline share: run read+shard, extract and add-to-index together \
             (`cargo bench --bench speed -- pipeline`) to see the share of extraction"
        );
        return;
    };
    let total: f64 = ms.iter().sum();
    eprintln!("pipeline share on {corpus} (criterion medians of this run):");
    for (step, t) in steps.iter().zip(&ms) {
        eprintln!("  {step:<14} {t:>9.1} ms  {:>5.1}%", 100.0 * t / total);
    }
    for part in ["extract-speakers", "extract-dates", "extract-topics"] {
        if let Some(t) = median_ms(part) {
            eprintln!(
                "    {part:<18} {t:>9.1} ms  ({:.0}% of extract)",
                100.0 * t / ms[1]
            );
        }
    }
    eprintln!(
        "  extraction share: {:.1}% of read+shard+extract+add (target: well under 20%)",
        100.0 * ms[1] / total
    );
    if let (Some(all), Some(bare)) = (median_ms("index-all"), median_ms("index-all-no-extract")) {
        eprintln!(
            "  index-all {all:.1} ms, without extraction {bare:.1} ms: extraction adds {:.1} ms \
             of wall time, {:.1}% of index-all's",
            all - bare,
            100.0 * (all - bare) / all
        );
    }
}

/// The CPU time of this process so far, every thread's (the index writer's
/// included, and those of threads that have ended).
fn process_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// A criterion measurement of process CPU time instead of wall time: what a step
/// costs in processor time across all threads. Wall time hides the index writer's
/// thread, which works beside the thread that reads and extracts; on a machine whose
/// cores are all busy (as `newsdex index` keeps them), indexing time follows CPU time.
struct CpuTime;

impl criterion::measurement::Measurement for CpuTime {
    type Intermediate = Duration;
    type Value = Duration;
    fn start(&self) -> Duration {
        process_cpu_time()
    }
    fn end(&self, started: Duration) -> Duration {
        process_cpu_time().saturating_sub(started)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn criterion::measurement::ValueFormatter {
        // Nanoseconds either way: criterion's own formatter for durations.
        static WALL: criterion::measurement::WallTime = criterion::measurement::WallTime;
        WALL.formatter()
    }
}

/// `pipeline-cpu`: extraction and the whole of indexing (as `index-all` in
/// `pipeline`) timed in process CPU time, and the share of extraction in it.
fn pipeline_cpu(c: &mut Criterion<CpuTime>) {
    let Setup {
        name,
        loaded,
        opts,
        articles,
        shards,
    } = setup();

    let started = SystemTime::now();
    let mut g = c.benchmark_group("pipeline-cpu");
    pipeline_settings(&mut g, loaded.bytes);
    bench_extract(&mut g, &articles, &shards, &opts);
    g.bench_function("index-all", |b| {
        b.iter(|| black_box(index_all(&loaded.files, Some(&opts))))
    });
    g.bench_function("index-all-no-extract", |b| {
        b.iter(|| black_box(index_all(&loaded.files, None)))
    });
    g.finish();

    let median_ms = |step: &str| fresh_median_ms("pipeline-cpu", step, started);
    if let (Some(ext), Some(all), Some(bare)) = (
        median_ms("extract"),
        median_ms("index-all"),
        median_ms("index-all-no-extract"),
    ) {
        eprintln!("pipeline-cpu share on {name} (criterion medians of CPU time, all threads):");
        eprintln!("  extract              {ext:>9.1} CPU ms");
        eprintln!("  index-all            {all:>9.1} CPU ms");
        eprintln!("  index-all-no-extract {bare:>9.1} CPU ms");
        eprintln!(
            "  extraction share of indexing CPU time: {:.1}% timed alone, {:.1}% as the \
             difference with and without it (target: well under 20%)",
            100.0 * ext / all,
            100.0 * (all - bare) / all
        );
    }
}

/// A few queries of each kind, in words the BBC and sample corpora use.
const QUERIES: &[(&str, &str)] = &[
    ("single", "government"),
    ("single", "election"),
    ("union", "economy growth rates"),
    ("union", "music film award"),
    ("intersection", "+prime +minister"),
    ("intersection", "+mobile +phone"),
    ("phrase", "\"prime minister\""),
    ("phrase", "\"interest rates\""),
];

fn query(c: &mut Criterion) {
    let (path, name) = corpus();
    let loaded = load(&path);
    let passages = all_passages(&read_articles(&loaded.files), &options());
    let idx = index_passages(&passages);
    let engine = Engine::new(&idx).expect("engine");
    eprintln!(
        "query corpus: {name}: {} passages indexed",
        engine.num_passages()
    );

    let mut g = c.benchmark_group("query");
    g.sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (kind, q) in QUERIES {
        let req = SearchRequest {
            query: (*q).to_string(),
            limit: 10,
            snippet_chars: 200,
            ..SearchRequest::default()
        };
        let Ok(parsed) = engine.build_query(&req) else {
            eprintln!("query {q:?} does not parse; skipped");
            continue;
        };
        g.bench_function(format!("top10+count/{kind}/{q}"), |b| {
            b.iter(|| black_box(engine.collect(parsed.as_ref(), Collect::TopAndCount(10))))
        });
        g.bench_function(format!("search+snippets/{kind}/{q}"), |b| {
            b.iter(|| black_box(engine.search(&req).map(|r| r.total_hits)))
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline, query);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = pipeline_cpu
}
criterion_main!(benches, cpu);
