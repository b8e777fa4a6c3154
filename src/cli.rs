//! The command line: the only module that knows clap. Doc comments become `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::ingest::CommitEvery;

/// Full-text search for news: who said what about X, and when?
///
/// newsdex shards articles into paragraph passages, extracts each passage's speakers,
/// date and topics, and searches them with BM25.
#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  newsdex index corpus/\n  newsdex search 'peace plan' --speaker Kallas\n  newsdex search Donbas --format json\n\nExit status: 0 found / done, 1 nothing found / some inputs skipped, 2 error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Index(IndexArgs),
    Search(SearchArgs),
    Shard(ShardArgs),
    Check(CheckArgs),
    Eval(EvalArgs),
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index directory.
    #[arg(
        long,
        env = "NEWSDEX_INDEX",
        default_value = ".newsdex",
        value_name = "DIR"
    )]
    pub index: PathBuf,
}

/// Options shared by `index` and `shard`: how articles are read and what is extracted.
#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// Take a JSON article field from another name, e.g. --field body=story_html
    /// (repeatable; fields: id, title, date, url, topics, body). Common names (headline,
    /// published_at, pubDate, tags, content, articleBody, …) are read without it.
    #[arg(long = "field", value_name = "FIELD=NAME")]
    pub fields: Vec<String>,

    /// Resolve dates written without a year ("Thursday, November 20") to the year nearest
    /// this day. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<String>,

    /// Add the name of the directory each file sits in as a topic.
    #[arg(long)]
    pub topic_from_dir: bool,
}

/// Index articles: files or directories of .txt, .md, .json and .jsonl articles.
///
/// Directories are walked recursively (hidden files skipped). Re-indexing an article
/// replaces its passages. Files that cannot be read are skipped, named with the reason,
/// and make the exit status 1; everything else is still indexed.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex index corpus/\n  newsdex index feed.jsonl --field body=story_html --index /data/news.idx"
)]
pub struct IndexArgs {
    /// Files or directories to index.
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub location: IndexLocation,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Threads for reading, extraction and indexing. Default: all cores.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Memory budget of the index writer, in MB (at least 15 per thread).
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory_mb: usize,

    /// Delete the index at --index and build it again (needed after a schema change).
    #[arg(long)]
    pub rebuild: bool,

    /// Commit after this many articles (5000) or this much input (64MB, 1GB): a killed
    /// run loses at most the work since the last commit, and the next run finishes it.
    #[arg(long, value_name = "N|SIZE", default_value = "100MB")]
    pub commit_every: CommitEvery,

    /// Delete articles whose source is gone: files that no longer exist, and articles no
    /// longer in a file read in full by this run. Other indexed files are left alone.
    #[arg(long)]
    pub prune: bool,

    /// No progress bar and no per-file warnings; the summary still prints.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Search the passages: BM25 ranking, snippets, filters and facet counts.
///
/// Query syntax (tantivy's): words (any may match; more matches rank higher),
/// "exact phrases", +required, -excluded, AND / OR / NOT, (grouping), field:value for
/// title, section, text, speaker, topic, date (date:2025-11,
/// date:[2025-11-01 TO 2025-11-30]).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsdex search Donbas\n  newsdex search '\"heavily tilted towards Russia\"'\n  newsdex search 'peace +plan -loan' --since 2025-11 --facets speaker,topic\n  newsdex search peace --speaker Kallas --context 1\n  newsdex search --queries topics.tsv --format trec --run-tag bm25 > run.txt\n\nExit status: 0 something matched, 1 nothing matched, 2 error."
)]
pub struct SearchArgs {
    /// The query. Omit it with --queries, or to list passages matching only the filters.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Run every query of FILE (one per line, or QID<TAB>QUERY; # comments) in one process.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,

    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    /// Skip this many hits first (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Colour highlights: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Only passages by this speaker: a full name or any name token (repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only passages published on or after this day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only passages published on or before this day (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Only passages with this topic; /conflict matches /conflict/military (repeatable: any).
    #[arg(long, value_name = "PATH")]
    pub topic: Vec<String>,

    /// Count values over all matching passages: any of speaker,topic,date (date by month).
    #[arg(long, value_name = "LIST")]
    pub facets: Option<String>,

    /// At most N hits from one article.
    #[arg(long, value_name = "N")]
    pub per_article: Option<usize>,

    /// Rank articles by their best passage and show that passage (TREC doc ids become article ids).
    #[arg(long, value_enum, value_name = "UNIT")]
    pub group: Option<GroupBy>,

    /// Also print N neighbouring passages of the same article around each hit, like grep -C.
    #[arg(long, short = 'C', value_name = "N", default_value_t = 0)]
    pub context: usize,

    /// Run tag (last column) of --format trec lines.
    #[arg(long, default_value = "newsdex")]
    pub run_tag: String,

    /// Snippet length in characters.
    #[arg(long, default_value_t = 200, value_name = "CHARS")]
    pub snippet_chars: usize,

    /// Better ranking, slower: re-rank by words common in the best passages (pseudo-relevance
    /// feedback). The same passages match.
    #[arg(long)]
    pub feedback: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Jsonl,
    Trec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Article,
}

/// Verify an index: file checksums, schema version, and every article's passages against
/// what was stored when it was indexed. Says what to do about each problem.
#[derive(Debug, Args)]
#[command(after_help = "Exit status: 0 healthy, 1 problems found, 2 the index cannot be opened.")]
pub struct CheckArgs {
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Print the passages of articles exactly as `index` would store them, without indexing.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  newsdex shard corpus/seed/000_42fee1530c361fcc.txt --format text"
)]
pub struct ShardArgs {
    /// Files or directories.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ShardFormat::Jsonl)]
    pub format: ShardFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShardFormat {
    Jsonl,
    Text,
}

/// Score TREC run files against relevance judgements (trec_eval's definitions).
///
/// Measures: MAP, nDCG@10, P@10, R@100, MRR. Several runs are shown side by side.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  newsdex eval --qrels qrels.txt bm25.run fts5.run --per-query")]
pub struct EvalArgs {
    /// Relevance judgements: `qid 0 docid grade` (TREC) or `qid docid grade`.
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,

    /// Run files: `qid Q0 docid rank score tag`.
    #[arg(value_name = "RUN", required = true)]
    pub runs: Vec<PathBuf>,

    /// Show every query, not only the means.
    #[arg(long)]
    pub per_query: bool,

    /// Grades that count as relevant: N.. (at least N), A..B, or a list 1,2,3,4.
    #[arg(long, default_value = "1..", value_name = "GRADES")]
    pub relevant: String,

    /// nDCG gain: binary (1 when relevant), grade (the grade itself, as trec_eval), or a
    /// map such as map:1=4,2=3,3=2,4=1.
    #[arg(long, default_value = "binary", value_name = "GAIN")]
    pub gain: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Text,
    Markdown,
    Json,
}

/// Measure retrieval and indexing speed: warm-up, repeated runs, medians and percentiles.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    Search(BenchSearchArgs),
    Index(BenchIndexArgs),
}

/// Time a query set against an index: per query min and median, over the set p50, p90,
/// p99, mean and QPS, single-threaded and with concurrent searchers.
#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  newsdex bench search --queries benches/queries.txt --runs 5 --concurrency 2"
)]
pub struct BenchSearchArgs {
    #[command(flatten)]
    pub location: IndexLocation,

    /// Queries, one per line (# comments). Malformed queries are reported and skipped.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,

    /// Timed passes over the whole query set, after the warm-up.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub runs: usize,

    /// Untimed passes first, to warm caches.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub warmup: usize,

    /// Also measure with N searchers in parallel threads (1 = single-threaded only).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub concurrency: usize,

    /// What each query computes.
    #[arg(long, value_enum, default_value_t = BenchMode::Top10)]
    pub mode: BenchMode,

    /// Rank as `newsdex search --feedback` does.
    #[arg(long)]
    pub feedback: bool,

    /// Output format (json is a hyperfine-like export).
    #[arg(long, value_enum, default_value_t = BenchFormat::Text)]
    pub format: BenchFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchMode {
    Top10,
    Top100,
    Count,
    #[value(name = "top10+count")]
    Top10Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchFormat {
    Text,
    Json,
}

/// Index articles into a temporary directory and report articles/s, passages/s, MB/s,
/// peak RSS and index size per field, for each thread count.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  newsdex bench index corpus/ --threads 1,2")]
pub struct BenchIndexArgs {
    /// Files or directories to index.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Thread counts to measure, comma-separated. Default: 1 up to all cores.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub threads: Vec<usize>,

    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory_mb: usize,

    /// Timed builds per thread count (the median is reported).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub runs: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = BenchFormat::Text)]
    pub format: BenchFormat,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
