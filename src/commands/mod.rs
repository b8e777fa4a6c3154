//! One module per subcommand: each turns parsed arguments into calls on the library and
//! decides the exit status. Messages go to stderr, results to stdout.

pub mod bench;
pub mod check;
pub mod eval;
pub mod index;
pub mod search;
pub mod shard;

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::ReadArgs;
use crate::extract::ExtractOptions;

/// Exit statuses, like grep's and ripgrep's.
pub const EXIT_OK: u8 = 0;
/// Nothing matched (search), or some inputs were skipped (index, shard).
pub const EXIT_PARTIAL: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

/// Extraction settings from the shared read arguments.
pub(crate) fn extract_options(read: &ReadArgs) -> Result<ExtractOptions> {
    let reference = match &read.reference_date {
        Some(s) => s
            .trim()
            .parse::<jiff::civil::Date>()
            .with_context(|| format!("--reference-date {s:?}: expected YYYY-MM-DD"))?,
        None => jiff::Zoned::now().date(),
    };
    let mut opts = ExtractOptions::new(reference);
    opts.topic_from_dir = read.topic_from_dir;
    Ok(opts)
}
