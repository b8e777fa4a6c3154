//! `newsdex check`: verify an index and say what to do about any problem.

use std::process::ExitCode;

use anyhow::Result;

use super::{EXIT_OK, EXIT_PARTIAL, exit};
use crate::check::check_records;
use crate::cli::CheckArgs;
use crate::index::NewsIndex;

/// Problems listed one by one before the rest are only counted.
const SHOWN: usize = 20;

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let path = &args.location.index;
    // Opening checks the marker and the schema version, with advice when they are wrong.
    let index = NewsIndex::open(path)?;
    let rebuild = format!(
        "rebuild it with `newsdex index --rebuild PATH... --index {}`",
        path.display()
    );
    let mut healthy = true;

    let damaged = index.damaged_files()?;
    if damaged.is_empty() {
        eprintln!("checksums: every index file is intact");
    } else {
        healthy = false;
        eprintln!("checksums: {} damaged index files:", damaged.len());
        for f in &damaged {
            eprintln!("  {}", f.display());
        }
        eprintln!("  the disk or a copy damaged them; {rebuild}");
    }

    let summary = check_records(&index.passage_records()?);
    eprintln!(
        "schema version {}: {} articles, {} passages",
        index.schema.version, summary.articles, summary.passages
    );
    if summary.problems.is_empty() {
        eprintln!("articles: every article holds exactly the passages it was indexed with");
    } else {
        healthy = false;
        eprintln!(
            "articles: {} problems (a duplicated, missing or mixed passage):",
            summary.problems.len()
        );
        for p in summary.problems.iter().take(SHOWN) {
            eprintln!("  {p}");
        }
        if summary.problems.len() > SHOWN {
            eprintln!("  … and {} more", summary.problems.len() - SHOWN);
        }
        eprintln!("  {rebuild}");
    }
    if healthy {
        println!("ok: {} is healthy", path.display());
        Ok(exit(EXIT_OK))
    } else {
        println!("problems found in {}", path.display());
        Ok(exit(EXIT_PARTIAL))
    }
}
