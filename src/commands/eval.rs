//! `newsdex eval`: score TREC runs against relevance judgements.

use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use super::{EXIT_OK, exit};
use crate::cli::{EvalArgs, EvalFormat};
use crate::eval::{self, Format, Gain, Relevance};

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let relevance: Relevance = args
        .relevant
        .parse()
        .map_err(|e| anyhow!("--relevant: {e}"))?;
    let gain: Gain = args.gain.parse().map_err(|e| anyhow!("--gain: {e}"))?;
    let qrels_text = std::fs::read_to_string(&args.qrels)
        .with_context(|| format!("cannot read judgements {}", args.qrels.display()))?;
    let qrels = eval::parse_qrels(&qrels_text, &args.qrels.display().to_string())?;
    if qrels.duplicates() > 0 {
        eprintln!(
            "warning: {}: {} repeated judgements; the first of each was kept",
            args.qrels.display(),
            qrels.duplicates()
        );
    }
    let mut evals = Vec::new();
    for path in &args.runs {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read run {}", path.display()))?;
        let run = eval::parse_run(&text, &path.display().to_string())?;
        if run.duplicates() > 0 {
            eprintln!(
                "warning: {}: {} repeated documents for a query; the first of each was kept",
                path.display(),
                run.duplicates()
            );
        }
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        evals.push((name, eval::evaluate(&qrels, &run, &relevance, &gain)));
    }
    let format = match args.format {
        EvalFormat::Text => Format::Text,
        EvalFormat::Markdown => Format::Markdown,
        EvalFormat::Json => Format::Json,
    };
    print!("{}", eval::render(&evals, args.per_query, format));
    Ok(exit(EXIT_OK))
}
