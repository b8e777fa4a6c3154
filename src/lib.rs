//! newsdex: full-text search for corpora of news articles.
//!
//! Data flows one way: path → [`article::Article`] → [`shard::Shard`]s →
//! [`extract`] fills speakers, date and topics → [`passage::Passage`] →
//! [`index`] (tantivy); and back: query + filters → [`search`] → [`passage::Hit`] →
//! [`output`] as text, JSON, JSONL or TREC.

pub mod article;
pub mod bench;
pub mod check;
pub mod cli;
pub mod commands;
pub mod content_hash;
pub mod error;
pub mod eval;
pub mod extract;
pub mod index;
pub mod indexer;
pub mod ingest;
pub mod output;
pub mod passage;
pub mod progress;
pub mod schema;
pub mod search;
pub mod shard;
pub mod suggest;
pub mod tokenizer;

use std::process::ExitCode;

/// Runs the command line; `main` only prints what this returns.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        cli::Command::Index(a) => commands::index::run(a),
        cli::Command::Search(a) => commands::search::run(a),
        cli::Command::Shard(a) => commands::shard::run(a),
        cli::Command::Check(a) => commands::check::run(a),
        cli::Command::Eval(a) => commands::eval::run(a),
        cli::Command::Bench(b) => commands::bench::run(b),
    }
}
