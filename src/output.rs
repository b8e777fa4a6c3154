//! Rendering results: human text (with ANSI highlights on a terminal), JSON, JSON Lines
//! and TREC run lines. Everything here writes to the given writer; callers pass stdout.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::passage::Passage;
use crate::search::{FacetKind, RankedHit, SearchResult};

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Trec,
}

/// How to write one result set.
#[derive(Debug, Clone)]
pub struct Style {
    pub color: bool,
    /// Query id for TREC lines.
    pub qid: String,
    pub run_tag: String,
    /// TREC document ids are article ids (ranking articles) instead of passage ids.
    pub article_docids: bool,
}

const HL_ON: &str = "\x1b[1;31m";
const HL_OFF: &str = "\x1b[0m";
const DIM_ON: &str = "\x1b[2m";
const BOLD_ON: &str = "\x1b[1m";

pub fn write_result(
    out: &mut dyn Write,
    r: &SearchResult,
    format: Format,
    style: &Style,
) -> io::Result<()> {
    match format {
        Format::Text => write_text(out, r, style),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &result_json(r))?;
            writeln!(out)
        }
        Format::Jsonl => {
            for h in &r.hits {
                serde_json::to_writer(&mut *out, h)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Trec => write_trec(out, r, style),
    }
}

/// The `--format json` object: query, total_hits, took_ms, hits, and facets by name.
pub fn result_json(r: &SearchResult) -> Value {
    let mut v = json!({
        "query": r.query,
        "total_hits": r.total_hits,
        "took_ms": (r.took_ms * 1000.0).round() / 1000.0,
        "hits": r.hits,
    });
    if !r.facets.is_empty() {
        let facets: serde_json::Map<String, Value> = r
            .facets
            .iter()
            .map(|(k, counts)| (facet_name(*k).to_string(), json!(counts)))
            .collect();
        v["facets"] = Value::Object(facets);
    }
    v
}

fn facet_name(k: FacetKind) -> &'static str {
    match k {
        FacetKind::Speaker => "speaker",
        FacetKind::Topic => "topic",
        FacetKind::Date => "date",
    }
}

fn write_trec(out: &mut dyn Write, r: &SearchResult, style: &Style) -> io::Result<()> {
    for (rank, h) in r.hits.iter().enumerate() {
        let p = &h.hit.passage;
        let docid = if style.article_docids {
            &p.article_id
        } else {
            &p.id
        };
        writeln!(
            out,
            "{} Q0 {} {} {:.6} {}",
            style.qid,
            docid.replace(char::is_whitespace, "_"),
            rank + 1,
            h.hit.score,
            style.run_tag
        )?;
    }
    Ok(())
}

fn write_text(out: &mut dyn Write, r: &SearchResult, style: &Style) -> io::Result<()> {
    let paint = |code: &str, s: &str| {
        if style.color {
            format!("{code}{s}{HL_OFF}")
        } else {
            s.to_string()
        }
    };
    for (i, h) in r.hits.iter().enumerate() {
        let p = &h.hit.passage;
        let date = p
            .date
            .as_deref()
            .map_or("no date", |d| d.get(..10).unwrap_or(d));
        writeln!(
            out,
            "{} {}  {}  {}",
            paint(BOLD_ON, &format!("{:>2}.", i + 1)),
            paint(DIM_ON, &format!("{:.3}", h.hit.score)),
            paint(BOLD_ON, &p.id),
            date
        )?;
        if let Some(t) = &p.title {
            writeln!(out, "    {} {t}", paint(DIM_ON, "title  "))?;
        }
        if let Some(s) = &p.section {
            writeln!(out, "    {} {s}", paint(DIM_ON, "section"))?;
        }
        if !p.speakers.is_empty() {
            writeln!(out, "    {} {}", paint(DIM_ON, "speaker"), speakers_line(p))?;
        }
        if !p.topics.is_empty() {
            writeln!(
                out,
                "    {} {}",
                paint(DIM_ON, "topics "),
                p.topics.join(", ")
            )?;
        }
        let before: Vec<&Passage> = h.context.iter().filter(|c| c.para < p.para).collect();
        let after: Vec<&Passage> = h.context.iter().filter(|c| c.para > p.para).collect();
        for c in before {
            writeln!(
                out,
                "    {} {}",
                paint(DIM_ON, &format!("#{:<3}-", c.para)),
                c.text
            )?;
        }
        let marker = if h.context.is_empty() {
            String::new()
        } else {
            format!("{} ", paint(BOLD_ON, &format!("#{:<3}:", p.para)))
        };
        writeln!(
            out,
            "    {marker}{}",
            highlight(&h.hit.snippet, &h.hit.highlights, style.color)
        )?;
        for c in after {
            writeln!(
                out,
                "    {} {}",
                paint(DIM_ON, &format!("#{:<3}-", c.para)),
                c.text
            )?;
        }
        writeln!(out)?;
    }
    for (kind, counts) in &r.facets {
        writeln!(
            out,
            "{}",
            paint(BOLD_ON, &format!("{} facet", facet_name(*kind)))
        )?;
        if counts.is_empty() {
            writeln!(out, "    (none)")?;
        }
        for c in counts {
            writeln!(out, "    {:>6}  {}", c.count, c.value)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn speakers_line(p: &Passage) -> String {
    p.speakers
        .iter()
        .enumerate()
        .map(|(i, s)| match p.speaker_role.get(i).cloned().flatten() {
            Some(role) => format!("{s} ({role})"),
            None => s.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The snippet with highlighted ranges painted (colour) or left plain.
pub fn highlight(snippet: &str, ranges: &[(usize, usize)], color: bool) -> String {
    if !color || ranges.is_empty() {
        return snippet.to_string();
    }
    let mut out = String::with_capacity(snippet.len() + ranges.len() * 12);
    let mut last = 0;
    for &(start, end) in ranges {
        if start < last
            || end > snippet.len()
            || !snippet.is_char_boundary(start)
            || !snippet.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&snippet[last..start]);
        out.push_str(HL_ON);
        out.push_str(&snippet[start..end]);
        out.push_str(HL_OFF);
        last = end;
    }
    out.push_str(&snippet[last..]);
    out
}

/// `shard --format text`: every field of every passage, readable.
pub fn write_passage_text(out: &mut dyn Write, p: &Passage) -> io::Result<()> {
    writeln!(out, "{}", p.id)?;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "  title            {}", opt(&p.title))?;
    writeln!(out, "  section          {}", opt(&p.section))?;
    writeln!(out, "  date             {}", opt(&p.date))?;
    writeln!(
        out,
        "  speakers         {}",
        if p.speakers.is_empty() {
            "-".into()
        } else {
            speakers_line(p)
        }
    )?;
    writeln!(out, "  topics           {}", dash_join(&p.topics))?;
    writeln!(out, "  mentioned_dates  {}", dash_join(&p.mentioned_dates))?;
    writeln!(out, "  source           {}", p.source)?;
    writeln!(out, "  text             {}", p.text)?;
    writeln!(out)
}

fn dash_join(v: &[String]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

/// Hits as JSON values (used by batch output).
pub fn hits_json(hits: &[RankedHit]) -> Value {
    json!(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_paints_ranges_and_skips_bad_ones() {
        assert_eq!(
            highlight("a peace plan", &[(2, 7)], true),
            "a \x1b[1;31mpeace\x1b[0m plan"
        );
        assert_eq!(highlight("a peace plan", &[(2, 7)], false), "a peace plan");
        assert_eq!(highlight("é", &[(1, 2)], true), "é");
    }
}
