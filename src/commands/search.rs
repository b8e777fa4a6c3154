//! `newsdex search`: one query, or a whole query file in one process.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use serde_json::json;

use super::{EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, exit};
use crate::cli::{ColorChoice, GroupBy, OutputFormat, SearchArgs};
use crate::index::NewsIndex;
use crate::output::{self, Format, Style};
use crate::search::{Engine, FacetKind, Filters, SearchRequest};

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let index = NewsIndex::open(&args.location.index)?;
    let engine = Engine::new(&index)?;
    let format = match args.format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Json => Format::Json,
        OutputFormat::Jsonl => Format::Jsonl,
        OutputFormat::Trec => Format::Trec,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let facets = match &args.facets {
        Some(list) => FacetKind::parse_list(list).map_err(|e| anyhow!("--facets: {e}"))?,
        None => Vec::new(),
    };
    let grouped = args.group == Some(GroupBy::Article);
    let base = SearchRequest {
        query: String::new(),
        limit: args.limit,
        offset: args.offset,
        filters: Filters {
            speakers: args.speaker.clone(),
            since: args.since.clone(),
            until: args.until.clone(),
            topics: args.topic.clone(),
        },
        facets,
        per_article: if grouped { Some(1) } else { args.per_article },
        context: args.context,
        snippet_chars: args.snippet_chars,
        feedback: args.feedback,
    };
    let style = Style {
        color,
        qid: "1".into(),
        run_tag: args.run_tag.clone(),
        article_docids: grouped,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());

    let Some(path) = &args.queries else {
        let query = args.query.clone().unwrap_or_default();
        // Facet counts alone count over every passage ("who speaks in this corpus?").
        if query.trim().is_empty() && base.filters.is_empty() && base.facets.is_empty() {
            return Err(anyhow!(
                "no query: give one (newsdex search 'peace plan'), a filter such as --speaker, \
                 --facets speaker to count over every passage, or --queries FILE"
            ));
        }
        let req = SearchRequest { query, ..base };
        let result = engine.search(&req)?;
        output::write_result(&mut out, &result, format, &style)?;
        out.flush()?;
        warn_filter_misses(&engine, &req.filters)?;
        if format == Format::Text {
            let shown = result.hits.len();
            eprintln!(
                "{} of {} passages matched; showing {}{} ({:.1} ms)",
                result.total_hits,
                engine.num_passages(),
                if shown == 0 {
                    "none".to_string()
                } else {
                    format!("{}–{}", args.offset + 1, args.offset + shown)
                },
                if grouped {
                    ", best passage per article"
                } else {
                    ""
                },
                result.took_ms
            );
        }
        return Ok(exit(if result.total_hits > 0 {
            EXIT_OK
        } else {
            EXIT_PARTIAL
        }));
    };

    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read query file {}", path.display()))?;
    let queries = parse_query_file(&text);
    if queries.is_empty() {
        return Err(anyhow!(
            "{}: no queries (one per line, or QID<TAB>QUERY)",
            path.display()
        ));
    }
    warn_filter_misses(&engine, &base.filters)?;
    let (mut matched, mut failed) = (false, 0usize);
    let mut all_json = Vec::new();
    for (qid, query) in queries {
        let req = SearchRequest {
            query: query.clone(),
            ..base.clone()
        };
        let result = match engine.search(&req) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}: query {qid} skipped: {e}", path.display());
                failed += 1;
                continue;
            }
        };
        matched |= result.total_hits > 0;
        let style = Style {
            qid: qid.clone(),
            ..style.clone()
        };
        match format {
            Format::Json => {
                let mut v = output::result_json(&result);
                v["qid"] = json!(qid);
                all_json.push(v);
            }
            Format::Jsonl => {
                for h in &result.hits {
                    let mut v = json!(h);
                    v["qid"] = json!(qid);
                    serde_json::to_writer(&mut out, &v)?;
                    writeln!(out)?;
                }
            }
            Format::Text => {
                writeln!(out, "# {qid}: {query}  ({} matched)", result.total_hits)?;
                output::write_result(&mut out, &result, format, &style)?;
            }
            Format::Trec => output::write_result(&mut out, &result, format, &style)?,
        }
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &all_json)?;
        writeln!(out)?;
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("{failed} queries failed (see above)");
        return Ok(exit(EXIT_ERROR));
    }
    Ok(exit(if matched { EXIT_OK } else { EXIT_PARTIAL }))
}

/// Query file lines: `QUERY` (numbered from 1) or `QID<TAB>QUERY`; blank lines and `#`
/// comments are skipped.
pub fn parse_query_file(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut n = 0;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        n += 1;
        match line.split_once('\t') {
            Some((qid, q)) if !qid.trim().is_empty() => {
                out.push((qid.trim().to_string(), q.trim().to_string()))
            }
            _ => out.push((n.to_string(), line.trim().to_string())),
        }
    }
    out
}

/// Names on stderr each `--speaker` or `--topic` value that no passage of the index
/// has, with the closest values that passages do have: a filter that matches nothing
/// at all is more often a spelling ("Zelensky" for "Zelenskyy") than a real absence.
/// (One count per value; the index's names are read only for a value that misses.)
fn warn_filter_misses(engine: &Engine, filters: &Filters) -> Result<()> {
    if filters.speakers.is_empty() && filters.topics.is_empty() {
        return Ok(());
    }
    for miss in engine.filter_misses(filters)? {
        let what = if miss.flag == "--speaker" {
            "speaker"
        } else {
            "topic"
        };
        let near: Vec<String> = miss
            .near
            .iter()
            .map(|(value, n)| format!("{value} ({n} passage{})", if *n == 1 { "" } else { "s" }))
            .collect();
        if near.is_empty() {
            eprintln!(
                "{} {:?}: no passage in the index has this {what}, and none has one close to it",
                miss.flag, miss.value
            );
        } else {
            eprintln!(
                "{} {:?}: no passage in the index has this {what}; did you mean {}?",
                miss.flag,
                miss.value,
                near.join(", ")
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_files_take_plain_and_tabbed_lines() {
        let q = parse_query_file("# topics\nfirst query\n\nq7\tsecond query\r\n\tthird\n");
        assert_eq!(
            q,
            vec![
                ("1".to_string(), "first query".to_string()),
                ("q7".to_string(), "second query".to_string()),
                ("3".to_string(), "third".to_string()),
            ]
        );
    }
}
