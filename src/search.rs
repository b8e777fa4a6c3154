//! Searching: a user query plus filters becomes a tantivy query; BM25 ranks passages;
//! hits come back as [`Hit`]s with snippets, optional facet counts and neighbouring
//! passages. One of the few modules that speak tantivy.

use std::collections::HashMap;
use std::ops::Bound;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, Query, QueryParser, QueryParserError, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::QueryError;
use crate::extract::date::parse_filter_period;
use crate::index::NewsIndex;
use crate::passage::{Hit, Passage};
use crate::schema::day_to_datetime;

/// What to search for and how much to return.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub filters: Filters,
    pub facets: Vec<FacetKind>,
    /// At most this many hits per article (`--per-article`); `--group article` is 1.
    pub per_article: Option<usize>,
    /// Neighbouring passages to return around each hit, on each side.
    pub context: usize,
    /// Snippet length in characters.
    pub snippet_chars: usize,
}

/// Restrictions on which passages can match, on top of the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Any of these speakers (a full name or any name token).
    pub speakers: Vec<String>,
    /// Inclusive lower bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Inclusive upper bound, same forms.
    pub until: Option<String>,
    /// Any of these topics; `/conflict` matches `/conflict/military`.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    Speaker,
    Topic,
    Date,
}

impl FacetKind {
    pub fn parse_list(s: &str) -> Result<Vec<FacetKind>, String> {
        s.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|k| match k {
                "speaker" | "speakers" => Ok(FacetKind::Speaker),
                "topic" | "topics" => Ok(FacetKind::Topic),
                "date" | "month" => Ok(FacetKind::Date),
                other => Err(format!(
                    "unknown facet '{other}'; use speaker, topic or date"
                )),
            })
            .collect()
    }
}

/// One facet value and how many matching passages carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// A hit with the passages around it.
#[derive(Debug, Clone, Serialize)]
pub struct RankedHit {
    #[serde(flatten)]
    pub hit: Hit,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<Passage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub query: String,
    pub total_hits: u64,
    pub took_ms: f64,
    pub hits: Vec<RankedHit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<(FacetKind, Vec<FacetCount>)>,
}

/// How many values each facet lists.
const FACET_TOP: usize = 10;

/// A searcher over one opened index; reusable for many queries.
pub struct Engine<'a> {
    index: &'a NewsIndex,
    searcher: Searcher,
    parser: QueryParser,
}

impl<'a> Engine<'a> {
    pub fn new(index: &'a NewsIndex) -> Result<Engine<'a>, QueryError> {
        let reader = index
            .index
            .reader()
            .map_err(|e| QueryError::Engine(e.to_string()))?;
        let schema = index.schema;
        let mut parser = QueryParser::for_index(
            &index.index,
            schema.default_fields.iter().map(|(f, _)| *f).collect(),
        );
        for (field, boost) in &schema.default_fields {
            parser.set_field_boost(*field, *boost);
        }
        Ok(Engine {
            index,
            searcher: reader.searcher(),
            parser,
        })
    }

    /// Parses the user's query and the filters into one tantivy query.
    pub fn build_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>, QueryError> {
        let fields = &self.index.schema.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !req.query.trim().is_empty() {
            lint_query(&req.query)?;
            let rewritten = rewrite_dates(&req.query)?;
            let parsed = self
                .parser
                .parse_query(&rewritten)
                .map_err(|e| explain_parse_error(&req.query, e))?;
            let parsed = match self.adjacent_pairs(&rewritten) {
                Some(pairs) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, parsed),
                    (Occur::Should, pairs),
                ])),
                None => parsed,
            };
            clauses.push((Occur::Must, parsed));
        }
        let f = &req.filters;
        if !f.speakers.is_empty() {
            let mut any = Vec::new();
            for name in &f.speakers {
                let terms = self.name_terms(name);
                if terms.is_empty() {
                    return Err(QueryError::Invalid {
                        message: format!("--speaker {name:?} has no letters or digits to match"),
                    });
                }
                let q: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic))
                } else {
                    Box::new(PhraseQuery::new(terms))
                };
                any.push((Occur::Should, q));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if f.since.is_some() || f.until.is_some() {
            let bound = |flag: &str, s: &str| {
                parse_filter_period(s).map_err(|e| QueryError::Invalid {
                    message: format!("{flag} {s:?}: {e}"),
                })
            };
            let lower = match &f.since {
                Some(s) => Bound::Included(date_term(fields.date, bound("--since", s)?.0)?),
                None => Bound::Unbounded,
            };
            let upper = match &f.until {
                Some(s) => {
                    let last = bound("--until", s)?.1;
                    let next = last.tomorrow().map_err(|e| QueryError::Invalid {
                        message: format!("--until {s:?}: {e}"),
                    })?;
                    Bound::Excluded(date_term(fields.date, next)?)
                }
                None => Bound::Unbounded,
            };
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        if !f.topics.is_empty() {
            let mut any = Vec::new();
            for t in &f.topics {
                let path = crate::extract::topic::metadata_topic_path(t).ok_or_else(|| {
                    QueryError::Invalid {
                        message: format!("--topic {t:?} is not a topic path like /economy/markets"),
                    }
                })?;
                let facet = Facet::from_text(&path).map_err(|e| QueryError::Invalid {
                    message: format!("--topic {t:?}: {e}"),
                })?;
                any.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_facet(fields.topic, &facet),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                ));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if req.filters.is_empty() => {
                clauses.pop().map(|(_, q)| q).unwrap_or(Box::new(AllQuery))
            }
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        if req.query.trim().is_empty() {
            return Ok(query);
        }
        self.with_feedback(query)
    }

    fn name_terms(&self, name: &str) -> Vec<Term> {
        let field = self.index.schema.fields.speaker;
        let Some(mut analyzer) = self.index.index.tokenizers().get("newsdex_name") else {
            return Vec::new();
        };
        let mut terms = Vec::new();
        let mut stream = analyzer.token_stream(name);
        while let Some(tok) = stream.next() {
            terms.push(Term::from_field_text(field, &tok.text));
        }
        terms
    }

    /// Runs a request: ranked hits with snippets, the exact total, facets, context.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResult, QueryError> {
        let start = Instant::now();
        let query = self.build_query(req)?;
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let total_hits = self.searcher.search(&query, &Count).map_err(engine_err)? as u64;
        let wanted = req.offset.saturating_add(req.limit);
        let ranked = self.ranked(&*query, wanted, req.per_article, total_hits)?;
        let page: Vec<(f32, DocAddress)> = ranked
            .into_iter()
            .skip(req.offset)
            .take(req.limit)
            .collect();

        let mut snippets =
            SnippetGenerator::create(&self.searcher, &*query, self.index.schema.fields.text)
                .map_err(engine_err)?;
        snippets.set_max_num_chars(req.snippet_chars.max(20));
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = self.searcher.doc(addr).map_err(engine_err)?;
            let passage = self.index.schema.to_passage(&doc);
            let snippet = snippets.snippet(&passage.text);
            let (snippet, highlights) = if snippet.fragment().is_empty() {
                (lead(&passage.text, req.snippet_chars), Vec::new())
            } else {
                // Mark where the fragment cuts the passage, shifting highlights to match.
                let range = snippet.fragment_range();
                let prefix = if range.start > 0 { "…" } else { "" };
                let suffix = if range.end < passage.text.len() {
                    "…"
                } else {
                    ""
                };
                let h = snippet
                    .highlighted()
                    .iter()
                    .map(|r| (r.start + prefix.len(), r.end + prefix.len()))
                    .collect();
                (format!("{prefix}{}{suffix}", snippet.fragment()), h)
            };
            let context = if req.context > 0 {
                self.neighbours(&passage, req.context)?
            } else {
                Vec::new()
            };
            hits.push(RankedHit {
                hit: Hit {
                    passage,
                    score,
                    snippet,
                    highlights,
                },
                context,
            });
        }
        let facets = self.facets(&*query, &req.facets, &req.filters)?;
        Ok(SearchResult {
            query: req.query.clone(),
            total_hits,
            took_ms: start.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
        })
    }

    /// Top `wanted` (score, doc), at most `per_article` per article. With a cap, asks the
    /// engine for more candidates until enough survive or none are left.
    fn ranked(
        &self,
        query: &dyn Query,
        wanted: usize,
        per_article: Option<usize>,
        total: u64,
    ) -> Result<Vec<(f32, DocAddress)>, QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        if wanted == 0 {
            return Ok(Vec::new());
        }
        let Some(cap) = per_article else {
            let limit = wanted.min(total.max(1) as usize);
            return self
                .searcher
                .search(query, &TopDocs::with_limit(limit).order_by_score())
                .map_err(engine_err);
        };
        let cap = cap.max(1);
        let mut fetch = wanted.saturating_mul(4).max(16);
        loop {
            let limit = fetch.min(total.max(1) as usize);
            let candidates = self
                .searcher
                .search(query, &TopDocs::with_limit(limit).order_by_score())
                .map_err(engine_err)?;
            let exhausted = candidates.len() < limit || limit as u64 >= total;
            let mut per: HashMap<String, usize> = HashMap::new();
            let mut kept = Vec::new();
            for (score, addr) in candidates {
                let id = self.article_id(addr)?;
                let n = per.entry(id).or_insert(0);
                if *n < cap {
                    *n += 1;
                    kept.push((score, addr));
                    if kept.len() == wanted {
                        return Ok(kept);
                    }
                }
            }
            if exhausted {
                return Ok(kept);
            }
            fetch = fetch.saturating_mul(4);
        }
    }

    fn article_id(&self, addr: DocAddress) -> Result<String, QueryError> {
        let segment = self.searcher.segment_reader(addr.segment_ord);
        let column = segment
            .fast_fields()
            .str("article_id")
            .map_err(|e| QueryError::Engine(e.to_string()))?
            .ok_or_else(|| QueryError::Engine("article_id is not a fast field".into()))?;
        let mut ord = column.term_ords(addr.doc_id);
        let mut out = String::new();
        if let Some(o) = ord.next() {
            column
                .ord_to_str(o, &mut out)
                .map_err(|e| QueryError::Engine(e.to_string()))?;
        }
        Ok(out)
    }

    /// The passages of the same article within `n` of `passage`, in order, without it.
    fn neighbours(&self, passage: &Passage, n: usize) -> Result<Vec<Passage>, QueryError> {
        let fields = &self.index.schema.fields;
        let lo = passage.para.saturating_sub(n as u64);
        let hi = passage.para.saturating_add(n as u64);
        let q = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.article_id, &passage.article_id),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_u64(fields.para, lo)),
                    Bound::Included(Term::from_field_u64(fields.para, hi)),
                )),
            ),
        ]);
        // tantivy allocates the whole limit up front: clamp a huge `--context` to the index.
        let limit = n
            .saturating_mul(2)
            .saturating_add(1)
            .min(self.searcher.num_docs().max(1) as usize);
        let docs = self
            .searcher
            .search(&q, &TopDocs::with_limit(limit).order_by_score())
            .map_err(|e| QueryError::Engine(e.to_string()))?;
        let mut out = Vec::new();
        for (_, addr) in docs {
            let doc: TantivyDocument = self
                .searcher
                .doc(addr)
                .map_err(|e| QueryError::Engine(e.to_string()))?;
            let p = self.index.schema.to_passage(&doc);
            if p.para != passage.para {
                out.push(p);
            }
        }
        out.sort_by_key(|p| p.para);
        Ok(out)
    }

    fn facets(
        &self,
        query: &dyn Query,
        kinds: &[FacetKind],
        filters: &Filters,
    ) -> Result<Vec<(FacetKind, Vec<FacetCount>)>, QueryError> {
        let fields = &self.index.schema.fields;
        let mut out = Vec::new();
        for kind in kinds {
            let (field, roots): (_, Vec<String>) = match kind {
                FacetKind::Speaker => (fields.speaker_facet, vec!["/".into()]),
                FacetKind::Date => (fields.date_month, vec!["/".into()]),
                FacetKind::Topic => {
                    // Under a topic filter, count its subtopics; else the top level.
                    let roots: Vec<String> = filters
                        .topics
                        .iter()
                        .filter_map(|t| crate::extract::topic::metadata_topic_path(t))
                        .collect();
                    (
                        fields.topic,
                        if roots.is_empty() {
                            vec!["/".into()]
                        } else {
                            roots
                        },
                    )
                }
            };
            let name = self.index.schema.schema.get_field_name(field).to_string();
            let mut collector = FacetCollector::for_field(name);
            // tantivy panics on a root that is an ancestor of another (`--topic economy
            // --topic economy/markets`): keep only the outermost, once each.
            let mut facets: Vec<Facet> = roots
                .iter()
                .map(|r| Facet::from_text(r).unwrap_or_else(|_| Facet::root()))
                .collect();
            facets.sort();
            facets.dedup();
            let outer: Vec<Facet> = facets
                .iter()
                .filter(|f| !facets.iter().any(|o| o.is_prefix_of(f)))
                .cloned()
                .collect();
            for facet in &outer {
                collector.add_facet(facet.clone());
            }
            let counts = self
                .searcher
                .search(query, &collector)
                .map_err(|e| QueryError::Engine(e.to_string()))?;
            let mut values: Vec<FacetCount> = Vec::new();
            for facet in outer {
                for (f, count) in counts.get(facet) {
                    let value = match kind {
                        FacetKind::Topic => f.to_path_string(),
                        _ => f.to_path().join("/"),
                    };
                    values.push(FacetCount { value, count });
                }
            }
            match kind {
                FacetKind::Date => values.sort_by(|a, b| a.value.cmp(&b.value)),
                _ => values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value))),
            }
            if *kind != FacetKind::Date {
                values.truncate(FACET_TOP);
            }
            out.push((*kind, values));
        }
        Ok(out)
    }

    pub fn num_passages(&self) -> u64 {
        self.searcher.num_docs()
    }
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty()
            && self.since.is_none()
            && self.until.is_none()
            && self.topics.is_empty()
    }
}

fn date_term(field: tantivy::schema::Field, day: jiff::civil::Date) -> Result<Term, QueryError> {
    let dt = day_to_datetime(day).ok_or_else(|| QueryError::Invalid {
        message: format!("date {day} is out of range"),
    })?;
    Ok(Term::from_field_date(field, dt))
}

/// The first `chars` characters of `text`, cut at a word boundary.
fn lead(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars).collect();
    match cut.rfind(' ') {
        Some(i) if i > chars / 2 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

/// Deepest nesting a query may have, counting open parentheses plus chained `NOT`s:
/// tantivy's parser recurses once per level, and 10,000 levels overflow the stack.
pub const MAX_QUERY_NESTING: usize = 100;

/// Catches the mistakes tantivy reports without a position: unbalanced parentheses,
/// an unclosed quote, a dangling operator; and nesting too deep to parse safely.
pub fn lint_query(query: &str) -> Result<(), QueryError> {
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<usize> = None;
    let mut bracket: Option<usize> = None;
    // `NOT`s in a row (`NOT NOT x`, `NOT (NOT x)`) and the letters of one still to pass.
    let mut nots = 0usize;
    let mut in_not = 0u8;
    let mut prev: Option<char> = None;
    let too_deep = |pos| {
        QueryError::syntax(
            query,
            pos,
            format!("parentheses and NOTs nest more than {MAX_QUERY_NESTING} deep"),
        )
    };
    for (pos, (byte, c)) in query.char_indices().enumerate() {
        let before = prev.replace(c);
        if quote.is_some() {
            if c == '"' {
                quote = None;
            }
            continue;
        }
        let word_start = before.is_none_or(|p| p.is_whitespace() || p == '(');
        if word_start
            && query[byte..].starts_with("NOT")
            && query[byte + 3..].starts_with(char::is_whitespace)
        {
            nots += 1;
            in_not = 2;
            if open.len() + nots > MAX_QUERY_NESTING {
                return Err(too_deep(pos));
            }
        } else if in_not > 0 {
            in_not -= 1;
        } else if !c.is_whitespace() && c != '(' {
            nots = 0;
        }
        match c {
            '"' => quote = Some(pos),
            '(' if open.len() + nots >= MAX_QUERY_NESTING => return Err(too_deep(pos)),
            '(' => open.push(pos),
            ')' if open.pop().is_none() => {
                return Err(QueryError::syntax(query, pos, "')' without a matching '('"));
            }
            '[' | '{' if bracket.is_none() => bracket = Some(pos),
            ']' | '}' => bracket = None,
            _ => {}
        }
    }
    if let Some(pos) = quote {
        return Err(QueryError::syntax(query, pos, "this quote is never closed"));
    }
    if let Some(pos) = open.last() {
        return Err(QueryError::syntax(query, *pos, "this '(' is never closed"));
    }
    if let Some(pos) = bracket {
        return Err(QueryError::syntax(
            query,
            pos,
            "this range is never closed with ']' or '}'",
        ));
    }
    let words: Vec<(usize, &str)> = word_positions(query);
    if let Some(&(pos, w)) = words.last()
        && matches!(w, "AND" | "OR" | "NOT" | "+" | "-")
    {
        return Err(QueryError::syntax(
            query,
            pos,
            format!("'{w}' needs something after it"),
        ));
    }
    if let Some(&(pos, w)) = words.first()
        && matches!(w, "AND" | "OR")
    {
        return Err(QueryError::syntax(
            query,
            pos,
            format!("'{w}' needs something before it"),
        ));
    }
    Ok(())
}

fn word_positions(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (ci, (bi, c)) in s.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((cs, bs)) = start.take() {
                out.push((cs, &s[bs..bi]));
            }
        } else if start.is_none() {
            start = Some((ci, bi));
        }
    }
    if let Some((cs, bs)) = start {
        out.push((cs, &s[bs..]));
    }
    out
}

fn explain_parse_error(query: &str, e: QueryParserError) -> QueryError {
    match e {
        QueryParserError::FieldDoesNotExist(field) => {
            let pos = query
                .find(&format!("{field}:"))
                .map_or(0, |b| query[..b].chars().count());
            QueryError::syntax(
                query,
                pos,
                format!(
                    "there is no field '{field}'; searchable fields: title, section, text, speaker, \
                     topic, date, article_id, id, source"
                ),
            )
        }
        QueryParserError::FieldNotIndexed(field) => QueryError::Invalid {
            message: format!("field '{field}' is stored but not searchable"),
        },
        QueryParserError::AllButQueryForbidden => QueryError::Invalid {
            message: "the query only excludes terms; add a term to look for (e.g. peace -war)"
                .into(),
        },
        QueryParserError::DateFormatError(_) => QueryError::Invalid {
            message: "dates in queries are written YYYY, YYYY-MM or YYYY-MM-DD (e.g. date:2025-11)"
                .into(),
        },
        other => QueryError::Invalid {
            message: format!("{other} in {query:?}"),
        },
    }
}

/// Rewrites `date:2025-11` and `date:[2025-11-01 TO 2025-11-30]` (also for
/// `mentioned_dates`) into the half-open RFC 3339 ranges tantivy's parser expects.
/// Values already in RFC 3339 are left alone.
pub fn rewrite_dates(query: &str) -> Result<String, QueryError> {
    let mut out = String::with_capacity(query.len() + 32);
    let mut rest = query;
    while let Some(pos) = find_date_field(rest) {
        let (before, at) = rest.split_at(pos);
        out.push_str(before);
        let colon = at.find(':').unwrap_or(0);
        let field = &at[..colon];
        let value = &at[colon + 1..];
        let value_pos = query[..query.len() - value.len()].chars().count();
        let period = |v: &str| {
            parse_filter_period(v).map_err(|e| QueryError::syntax(query, value_pos, e.to_string()))
        };
        let after_day = |d: jiff::civil::Date| d.tomorrow().unwrap_or(d);
        if value.starts_with(['[', '{']) {
            let Some(end) = value.find([']', '}']) else {
                out.push_str(at);
                return Ok(out);
            };
            let inner = &value[1..end];
            let Some((lo, hi)) = inner
                .split_once(" TO ")
                .filter(|(lo, hi)| !lo.contains('T') && !hi.contains('T'))
            else {
                out.push_str(&at[..colon + 1 + end + 1]);
                rest = &value[end + 1..];
                continue;
            };
            let (lo, hi) = (lo.trim(), hi.trim());
            let lo = match lo {
                "*" => "*".to_string(),
                v if value.starts_with('{') => format!("{}T00:00:00Z", after_day(period(v)?.1)),
                v => format!("{}T00:00:00Z", period(v)?.0),
            };
            let hi = match hi {
                "*" => "*".to_string(),
                v if value[end..].starts_with('}') => format!("{}T00:00:00Z", period(v)?.0),
                v => format!("{}T00:00:00Z", after_day(period(v)?.1)),
            };
            out.push_str(&format!("{field}:[{lo} TO {hi}}}"));
            rest = &value[end + 1..];
        } else {
            let len = value
                .find(|c: char| c.is_whitespace() || c == ')')
                .unwrap_or(value.len());
            let v = &value[..len];
            if v.contains('T') || v.starts_with('"') || v.is_empty() {
                out.push_str(&at[..colon + 1 + len]);
            } else {
                let (first, last) = period(v)?;
                out.push_str(&format!(
                    "{field}:[{first}T00:00:00Z TO {}T00:00:00Z}}",
                    after_day(last)
                ));
            }
            rest = &value[len..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Byte offset of the first `date:` or `mentioned_dates:` that starts a word.
fn find_date_field(s: &str) -> Option<usize> {
    ["mentioned_dates:", "date:"]
        .iter()
        .filter_map(|f| {
            let mut from = 0;
            while let Some(i) = s[from..].find(f) {
                let p = from + i;
                if !s[..p].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    return Some(p);
                }
                from = p + f.len();
            }
            None
        })
        .min()
}

// ---------------------------------------------------------------------------------------
// Benchmark paths (`newsdex bench search`, issue 4): lean, no snippets and no stored
// documents. Kept together here so that ranking work above need not touch them.
// ---------------------------------------------------------------------------------------

/// What a benchmarked query computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collect {
    /// The best `n` passages by score; blocks that cannot enter the top `n` are skipped.
    Top(usize),
    /// The exact number of matching passages.
    Count,
    /// The best `n` and the exact total, as `newsdex search` reports them.
    TopAndCount(usize),
}

/// What a benchmarked query found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collected {
    /// Passages returned (at most the `n` asked for).
    pub top: usize,
    /// The exact number of matches, when counted.
    pub total: Option<u64>,
}

impl Engine<'_> {
    /// Runs an already-built query (see [`Engine::build_query`]) and only collects what
    /// `what` asks for.
    pub fn collect(&self, query: &dyn Query, what: Collect) -> Result<Collected, QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let top = |n: usize| {
            self.searcher
                .search(query, &TopDocs::with_limit(n.max(1)).order_by_score())
                .map(|docs| docs.len())
                .map_err(engine_err)
        };
        Ok(match what {
            Collect::Top(n) => Collected {
                top: top(n)?,
                total: None,
            },
            Collect::Count => Collected {
                top: 0,
                total: Some(self.searcher.search(query, &Count).map_err(engine_err)? as u64),
            },
            Collect::TopAndCount(n) => {
                // One pass with both collectors: measured 1.6x faster on Reuters than a
                // Count pass followed by a TopDocs pass (BENCHMARKS.md, "Profiling").
                let (docs, total) = self
                    .searcher
                    .search(
                        query,
                        &(TopDocs::with_limit(n.max(1)).order_by_score(), Count),
                    )
                    .map_err(engine_err)?;
                Collected {
                    top: docs.len(),
                    total: Some(total as u64),
                }
            }
        })
    }
}

/// Proximity: each pair of neighbouring words of a plain query that also stand side by
/// side in a passage (at most one word apart, which spans a dropped stop word) adds this
/// much, relative to a text match. Ranks "heat transfer" in a passage above "heat" and
/// "transfer" in different sentences without requiring the phrase.
const PAIR_BOOST: f32 = 0.25;
const PAIR_SLOP: u32 = 1;
/// Pseudo-relevance feedback (RM3-like, re-ranking only): the words that dominate the
/// best passages of a first pass lift, within the same matches, the passages that share
/// them. How many first-pass passages are read (0 turns feedback off), how many words
/// are taken from them, and the weight of the strongest word relative to a text match.
/// It costs a second pass: about 0.3 ms more per query at p50 on Reuters (BENCHMARKS.md).
const FEEDBACK_PASSAGES: usize = 10;
const FEEDBACK_TERMS: usize = 10;
const FEEDBACK_WEIGHT: f32 = 0.5;

impl Engine<'_> {
    /// The boost of the `text` field (1 unless the schema says otherwise).
    fn text_boost(&self) -> f32 {
        let text = self.index.schema.fields.text;
        self.index
            .schema
            .default_fields
            .iter()
            .find(|(f, _)| *f == text)
            .map_or(1.0, |(_, b)| *b)
    }

    /// A SHOULD-only query over the `text` field matching neighbouring words of `query`
    /// near each other, or `None` when the query is not a plain list of words (with
    /// quotes, fields or operators the user already said how words combine) or has
    /// fewer than two words left after analysis.
    fn adjacent_pairs(&self, query: &str) -> Option<Box<dyn Query>> {
        use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
        let ast = tantivy::query_grammar::parse_query(query).ok()?;
        let leaves: Vec<&UserInputAst> = match &ast {
            UserInputAst::Clause(items) => items
                .iter()
                .map(|(occur, leaf)| occur.is_none().then_some(leaf))
                .collect::<Option<_>>()?,
            leaf => vec![leaf],
        };
        let field = self.index.schema.fields.text;
        let mut analyzer = self.index.index.tokenizer_for_field(field).ok()?;
        let mut words: Vec<String> = Vec::new();
        for leaf in leaves {
            let UserInputAst::Leaf(leaf) = leaf else {
                return None;
            };
            let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
                return None;
            };
            if lit.field_name.is_some() || lit.delimiter != Delimiter::None || lit.prefix {
                return None;
            }
            let mut stream = analyzer.token_stream(&lit.phrase);
            while let Some(tok) = stream.next() {
                words.push(tok.text.clone());
            }
        }
        let boost = PAIR_BOOST * self.text_boost();
        let pairs: Vec<(Occur, Box<dyn Query>)> = words
            .windows(2)
            .filter(|w| w[0] != w[1])
            .map(|w| {
                let mut phrase = PhraseQuery::new(vec![
                    Term::from_field_text(field, &w[0]),
                    Term::from_field_text(field, &w[1]),
                ]);
                phrase.set_slop(PAIR_SLOP);
                let q: Box<dyn Query> =
                    Box::new(tantivy::query::BoostQuery::new(Box::new(phrase), boost));
                (Occur::Should, q)
            })
            .collect();
        (!pairs.is_empty()).then(|| Box::new(BooleanQuery::new(pairs)) as Box<dyn Query>)
    }

    /// `query` re-ranked by pseudo-relevance feedback: the same matches, scored also by
    /// the words that are frequent in the first pass's best passages. Query words are
    /// not repeated; one-letter and all-digit words are left out.
    fn with_feedback(&self, query: Box<dyn Query>) -> Result<Box<dyn Query>, QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        if FEEDBACK_PASSAGES == 0 || FEEDBACK_TERMS == 0 {
            return Ok(query);
        }
        let top = self
            .searcher
            .search(
                &query,
                &TopDocs::with_limit(FEEDBACK_PASSAGES).order_by_score(),
            )
            .map_err(engine_err)?;
        let Some(&(best, _)) = top.first() else {
            return Ok(query);
        };
        if best <= 0.0 {
            return Ok(query);
        }
        let field = self.index.schema.fields.text;
        let mut asked = std::collections::HashSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field
                && let Some(word) = term.value().as_str()
            {
                asked.insert(word.to_string());
            }
        });
        let mut analyzer = self
            .index
            .index
            .tokenizer_for_field(field)
            .map_err(engine_err)?;
        let mut weights: HashMap<String, f32> = HashMap::new();
        for (score, addr) in &top {
            let doc: TantivyDocument = self.searcher.doc(*addr).map_err(engine_err)?;
            let passage = self.index.schema.to_passage(&doc);
            let mut counts: HashMap<String, f32> = HashMap::new();
            let mut len = 0.0f32;
            for text in [passage.title.as_deref().unwrap_or(""), &passage.text] {
                let mut stream = analyzer.token_stream(text);
                while let Some(tok) = stream.next() {
                    len += 1.0;
                    *counts.entry(tok.text.clone()).or_default() += 1.0;
                }
            }
            let doc_weight = score / best / len.max(1.0);
            for (word, n) in counts {
                *weights.entry(word).or_default() += doc_weight * n;
            }
        }
        let mut ranked: Vec<(String, f32)> = weights
            .into_iter()
            .filter(|(w, _)| {
                w.chars().nth(1).is_some()
                    && !w.chars().all(|c| c.is_ascii_digit())
                    && !asked.contains(w)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(FEEDBACK_TERMS);
        let Some(&(_, strongest)) = ranked.first() else {
            return Ok(query);
        };
        let scale = FEEDBACK_WEIGHT * self.text_boost() / strongest;
        let extra: Vec<(Occur, Box<dyn Query>)> = ranked
            .into_iter()
            .map(|(word, w)| {
                let term = TermQuery::new(
                    Term::from_field_text(field, &word),
                    IndexRecordOption::WithFreqs,
                );
                let q: Box<dyn Query> =
                    Box::new(tantivy::query::BoostQuery::new(Box::new(term), w * scale));
                (Occur::Should, q)
            })
            .collect();
        Ok(Box::new(Reranked::new(query, BooleanQuery::new(extra))))
    }
}

/// A query whose matches are `base`'s and whose score adds `extra`'s. Only `base`'s
/// terms are reported ([`Query::query_terms`]), so snippets highlight what was asked.
#[derive(Debug)]
struct Reranked {
    base: Box<dyn Query>,
    scored: BooleanQuery,
}

impl Reranked {
    fn new(base: Box<dyn Query>, extra: BooleanQuery) -> Reranked {
        let scored = BooleanQuery::new(vec![
            (Occur::Must, base.box_clone()),
            (Occur::Should, Box::new(extra)),
        ]);
        Reranked { base, scored }
    }
}

impl Clone for Reranked {
    fn clone(&self) -> Reranked {
        Reranked {
            base: self.base.box_clone(),
            scored: self.scored.clone(),
        }
    }
}

impl Query for Reranked {
    fn weight(
        &self,
        enable_scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        if enable_scoring.is_scoring_enabled() {
            self.scored.weight(enable_scoring)
        } else {
            self.base.weight(enable_scoring)
        }
    }

    fn count(&self, searcher: &Searcher) -> tantivy::Result<usize> {
        self.base.count(searcher)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.base.query_terms(visitor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_points_at_the_problem() {
        let QueryError::Syntax {
            position, message, ..
        } = lint_query("peace AND (").unwrap_err()
        else {
            panic!()
        };
        assert_eq!(position, 10);
        assert!(message.contains("never closed"));
        let QueryError::Syntax { position, .. } = lint_query("a \"b c").unwrap_err() else {
            panic!()
        };
        assert_eq!(position, 2);
        let QueryError::Syntax { position, .. } = lint_query("a) b").unwrap_err() else {
            panic!()
        };
        assert_eq!(position, 1);
        let QueryError::Syntax { position, .. } = lint_query("peace AND").unwrap_err() else {
            panic!()
        };
        assert_eq!(position, 6);
        assert!(lint_query("OR war").is_err());
        assert!(lint_query("\"a (quoted\" +b -c (d OR e)").is_ok());
    }

    #[test]
    fn date_shorthands_become_rfc3339_ranges() {
        assert_eq!(
            rewrite_dates("peace date:2025-11").unwrap(),
            "peace date:[2025-11-01T00:00:00Z TO 2025-12-01T00:00:00Z}"
        );
        assert_eq!(
            rewrite_dates("date:[2025-11-01 TO 2025-11-30] war").unwrap(),
            "date:[2025-11-01T00:00:00Z TO 2025-12-01T00:00:00Z} war"
        );
        assert_eq!(
            rewrite_dates("mentioned_dates:2025").unwrap(),
            "mentioned_dates:[2025-01-01T00:00:00Z TO 2026-01-01T00:00:00Z}"
        );
        assert_eq!(rewrite_dates("update: dates").unwrap(), "update: dates");
        assert!(rewrite_dates("date:2025-13").is_err());
    }

    #[test]
    fn facet_lists_parse() {
        assert_eq!(
            FacetKind::parse_list("speaker, topic,date").unwrap(),
            vec![FacetKind::Speaker, FacetKind::Topic, FacetKind::Date]
        );
        assert!(FacetKind::parse_list("colour").is_err());
    }

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("short", 10), "short");
        assert_eq!(lead("one two three four five", 12), "one two…");
    }
}
