//! `newsdex shard`: print passages exactly as `index` would store them, touching no index.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use super::{EXIT_OK, EXIT_PARTIAL, exit, extract_options};
use crate::article::ReadOptions;
use crate::cli::{ShardArgs, ShardFormat};
use crate::ingest::{self, Skipped};
use crate::output;
use crate::shard::Boilerplate;

pub fn run(args: ShardArgs) -> Result<ExitCode> {
    let read_opts = ReadOptions::with_field_mappings(&args.read.fields).map_err(|e| anyhow!(e))?;
    let extract_opts = extract_options(&args.read)?;
    let inputs = ingest::collect_inputs(&args.paths);
    let mut skipped: Vec<Skipped> = inputs.skipped.clone();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in &inputs.files {
        let what = ingest::display(&file.path);
        let read = match ingest::read_input(file, &read_opts) {
            Ok(r) => r,
            Err(e) => {
                skipped.push(Skipped {
                    what,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        for w in &read.warnings {
            eprintln!("warning: {what}: {w}");
        }
        skipped.extend(read.skipped.iter().map(|e| Skipped {
            what: what.clone(),
            reason: e.to_string(),
        }));
        for article in &read.articles {
            let (passages, warnings) =
                ingest::article_passages(article, Boilerplate::embedded(), &extract_opts);
            for w in warnings {
                eprintln!("warning: {what}: {w}");
            }
            for p in &passages {
                match args.format {
                    ShardFormat::Jsonl => {
                        serde_json::to_writer(&mut out, p)?;
                        writeln!(out)?;
                    }
                    ShardFormat::Text => output::write_passage_text(&mut out, p)?,
                }
            }
        }
    }
    out.flush()?;
    if skipped.is_empty() {
        return Ok(exit(EXIT_OK));
    }
    eprintln!("skipped {} inputs:", skipped.len());
    for s in &skipped {
        eprintln!("  {}: {}", s.what, s.reason);
    }
    Ok(exit(EXIT_PARTIAL))
}
