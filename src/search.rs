//! Searching: a user query plus filters becomes a tantivy query; BM25 ranks passages;
//! hits come back as [`Hit`]s with snippets, optional facet counts and neighbouring
//! passages. One of the few modules that speak tantivy.

use std::collections::HashMap;
use std::ops::Bound;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, FacetCounts, MultiCollector, TopDocs};
use tantivy::postings::{Postings, TermInfo};
use tantivy::query::{
    AllQuery, Bm25Weight, BooleanQuery, ConstScoreQuery, EnableScoring, Occur, PhraseQuery, Query,
    QueryParser, QueryParserError, RangeQuery, TermQuery, Weight,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SeekDangerResult, TERMINATED, TantivyDocument, Term,
};

use crate::error::QueryError;
use crate::extract::date::parse_filter_period;
use crate::index::NewsIndex;
use crate::passage::{Hit, Passage};
use crate::schema::day_to_datetime;
use crate::suggest;

mod all_words;
mod phrase;
mod pruned;
mod top_scores;
use all_words::AllWords;
use phrase::AnyFieldPhrase;
use top_scores::TopScores;

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
    /// Also re-rank by pseudo-relevance feedback (`--feedback`): better ranking (Cranfield
    /// MAP +7%), about 1.7x the time per query. Which passages match, and how many, is
    /// the same either way.
    pub feedback: bool,
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

/// A filter value that no passage of the index has ([`Engine::filter_misses`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FilterMiss {
    /// `--speaker` or `--topic`.
    pub flag: &'static str,
    pub value: String,
    /// Values close to it that passages have, with their numbers of passages; closest
    /// first.
    pub near: Vec<(String, u64)>,
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
        let mut pairs = Vec::new();
        if !req.query.trim().is_empty() {
            lint_query(&req.query)?;
            let rewritten = rewrite_dates(&req.query)?;
            let parsed = self
                .parser
                .parse_query(&rewritten)
                .map_err(|e| explain_parse_error(&req.query, e))?;
            pairs = self.adjacent_pairs(&rewritten);
            let parsed = AllWords::wrap(parsed, &self.index.schema.default_fields);
            let parsed = AnyFieldPhrase::wrap(
                parsed,
                &rewritten,
                &self.index.index,
                &self.index.schema.default_fields,
            );
            clauses.push((Occur::Must, parsed));
        }
        let f = &req.filters;
        if !f.speakers.is_empty() {
            let mut any = Vec::new();
            for name in &f.speakers {
                any.push((Occur::Should, self.speaker_query(name)?));
            }
            clauses.push((Occur::Must, filter(BooleanQuery::new(any))));
        }
        if f.since.is_some() || f.until.is_some() {
            let bound = |flag: &str, s: &str| {
                parse_filter_period(s).map_err(|e| QueryError::Invalid {
                    message: format!("{flag} {s:?}: {e}"),
                })
            };
            // Days in the wrong order match nothing: say so rather than find nothing.
            if let (Some(since), Some(until)) = (&f.since, &f.until)
                && bound("--since", since)?.0 > bound("--until", until)?.1
            {
                return Err(QueryError::Invalid {
                    message: format!(
                        "--since {since} is after --until {until}: no day is in both; swap them"
                    ),
                });
            }
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
            clauses.push((Occur::Must, filter(RangeQuery::new(lower, upper))));
        }
        if !f.topics.is_empty() {
            let mut any = Vec::new();
            for t in &f.topics {
                any.push((Occur::Should, self.topic_query(t)?));
            }
            clauses.push((Occur::Must, filter(BooleanQuery::new(any))));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if req.filters.is_empty() => {
                clauses.pop().map(|(_, q)| q).unwrap_or(Box::new(AllQuery))
            }
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        let feedback = req.feedback && FEEDBACK_PASSAGES > 0 && FEEDBACK_TERMS > 0;
        if req.query.trim().is_empty() || (pairs.is_empty() && !feedback) {
            return Ok(query);
        }
        Ok(Box::new(Ranked {
            base: query,
            pairs,
            feedback,
        }))
    }

    /// The passages `--speaker NAME` keeps: NAME's words in a row in a speaker's name
    /// (one word: anywhere in it).
    fn speaker_query(&self, name: &str) -> Result<Box<dyn Query>, QueryError> {
        let field = self.index.schema.fields.speaker;
        let mut terms: Vec<Term> = self
            .name_words(name)
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        Ok(match terms.len() {
            0 => {
                return Err(QueryError::Invalid {
                    message: format!("--speaker {name:?} has no letters or digits to match"),
                });
            }
            1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(terms)),
        })
    }

    /// The words of a name as the speaker field indexes them (lowercase, accents
    /// folded).
    fn name_words(&self, name: &str) -> Vec<String> {
        let Some(mut analyzer) = self.index.index.tokenizers().get("newsdex_name") else {
            return Vec::new();
        };
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(name);
        while let Some(tok) = stream.next() {
            words.push(tok.text.clone());
        }
        words
    }

    /// The passages `--topic PATH` keeps: PATH's and its subtopics'.
    fn topic_query(&self, t: &str) -> Result<Box<dyn Query>, QueryError> {
        let path =
            crate::extract::topic::metadata_topic_path(t).ok_or_else(|| QueryError::Invalid {
                message: format!("--topic {t:?} is not a topic path like /economy/markets"),
            })?;
        let facet = Facet::from_text(&path).map_err(|e| QueryError::Invalid {
            message: format!("--topic {t:?}: {e}"),
        })?;
        Ok(Box::new(TermQuery::new(
            Term::from_facet(self.index.schema.fields.topic, &facet),
            IndexRecordOption::Basic,
        )))
    }

    /// Each `--speaker` and `--topic` value of `filters` that no passage of the whole
    /// index has (whatever the query), with the values close to it that some passages
    /// have ([`crate::suggest`]): "Zelensky" when the index knows "Volodymyr
    /// Zelenskyy". Reads every speaker name in the index, so it is meant for a search
    /// that found nothing, not for every search.
    pub fn filter_misses(&self, filters: &Filters) -> Result<Vec<FilterMiss>, QueryError> {
        let fields = &self.index.schema.fields;
        let count = |q: &dyn Query| {
            self.searcher
                .search(q, &Count)
                .map(|n| n as u64)
                .map_err(|e| QueryError::Engine(e.to_string()))
        };
        let facet_count = |field, facet: &Facet| {
            count(&TermQuery::new(
                Term::from_facet(field, facet),
                IndexRecordOption::Basic,
            ))
        };
        let mut misses = Vec::new();
        let mut speakers: Option<Vec<(String, u64)>> = None;
        for name in &filters.speakers {
            if count(&*self.speaker_query(name)?)? > 0 {
                continue;
            }
            let known = match &mut speakers {
                Some(known) => known,
                None => speakers.insert(self.facet_values(fields.speaker_facet)?),
            };
            let candidates = known
                .iter()
                .map(|(n, c)| (n.as_str(), self.name_words(n), *c));
            let mut near = Vec::new();
            for (n, _) in suggest::close_names(&self.name_words(name), candidates) {
                let c = facet_count(fields.speaker_facet, &Facet::from_path([n.as_str()]))?;
                near.push((n, c));
            }
            misses.push(FilterMiss {
                flag: "--speaker",
                value: name.clone(),
                near,
            });
        }
        for t in &filters.topics {
            if count(&*self.topic_query(t)?)? > 0 {
                continue;
            }
            let wanted = crate::extract::topic::metadata_topic_path(t).unwrap_or_default();
            let known = self.facet_values(fields.topic)?;
            let mut near = Vec::new();
            for (p, _) in suggest::close_paths(&wanted, known.iter().map(|(p, c)| (p.as_str(), *c)))
            {
                match Facet::from_text(&p) {
                    Ok(facet) => near.push((p, facet_count(fields.topic, &facet)?)),
                    Err(_) => continue,
                }
            }
            misses.push(FilterMiss {
                flag: "--topic",
                value: t.clone(),
                near,
            });
        }
        Ok(misses)
    }

    /// Every value of a facet field in the index, as a path (`/conflict/military`)
    /// for topics and as the bare value for the one-level speaker facets, with its
    /// number of passages as the term dictionaries count them (deleted passages not
    /// yet merged away included).
    fn facet_values(
        &self,
        field: tantivy::schema::Field,
    ) -> Result<Vec<(String, u64)>, QueryError> {
        let err = |e: String| QueryError::Engine(e);
        let topic = field == self.index.schema.fields.topic;
        let mut counts: HashMap<String, u64> = HashMap::new();
        for reader in self.searcher.segment_readers() {
            let inverted = reader
                .inverted_index(field)
                .map_err(|e| err(e.to_string()))?;
            let mut stream = inverted.terms().stream().map_err(|e| err(e.to_string()))?;
            while stream.advance() {
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                let value = if topic {
                    facet.to_path_string()
                } else {
                    facet.to_path().join("/")
                };
                *counts.entry(value).or_default() += u64::from(stream.value().doc_freq);
            }
        }
        Ok(counts.into_iter().collect())
    }

    /// Runs a request: ranked hits with snippets, the exact total, facets, context.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResult, QueryError> {
        let start = Instant::now();
        let query = self.build_query(req)?;
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let wanted = req.offset.saturating_add(req.limit);
        let facet_plans = self.facet_plans(&req.facets, &req.filters);
        let mut facet_collector = MultiCollector::new();
        let facet_handles: Vec<_> = facet_plans
            .iter()
            .map(|plan| facet_collector.add_collector(plan.collector()))
            .collect();
        let collectors = (!facet_plans.is_empty()).then_some(facet_collector);
        let pass = self.ranked(&*query, wanted, req.per_article, true, collectors)?;
        let total_hits = pass.total.unwrap_or(0);
        let facets = match pass.facets {
            Some(mut fruit) => facet_plans
                .iter()
                .zip(facet_handles)
                .map(|(plan, handle)| (plan.kind, plan.values(handle.extract(&mut fruit))))
                .collect(),
            None => Vec::new(),
        };
        let page: Vec<(f32, DocAddress)> = pass
            .hits
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
        Ok(SearchResult {
            query: req.query.clone(),
            total_hits,
            took_ms: start.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
        })
    }

    /// One pass over the matches of `query` that collects, together, the best candidates,
    /// the exact total (when `count`) and the facet counts (when given); then the
    /// re-ranking of a [`Ranked`] query's best candidates; then the top `wanted` (score,
    /// doc), at most `per_article` per article. With a cap, asks the engine for more
    /// candidates (without counting again) until enough survive or none are left.
    fn ranked(
        &self,
        query: &dyn Query,
        wanted: usize,
        per_article: Option<usize>,
        count: bool,
        facets: Option<MultiCollector<'_>>,
    ) -> Result<FirstPass, QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let ranking = query.downcast_ref::<Ranked>();
        // tantivy allocates the whole limit up front: never ask for more than there are.
        let docs = self.searcher.num_docs().max(1) as usize;
        let first = match per_article {
            None => wanted,
            Some(_) => wanted.saturating_mul(4).max(16),
        };
        let window = ranking.map_or(0, Ranked::window);
        let mut fetch = first.max(window).clamp(1, docs);
        let top = TopDocs::with_limit(fetch).order_by_score();
        let (mut hits, total, facets) = match (count, facets) {
            // The common case, as `tantivy bench` collects it: no per-document
            // dispatch on optional collectors.
            (true, None) => {
                let (hits, total) = self
                    .searcher
                    .search(query, &(top, Count))
                    .map_err(engine_err)?;
                (hits, Some(total), None)
            }
            // Top passages only: a top collector alone lets tantivy skip blocks whose
            // best score cannot enter the top (block-max WAND); inside a tuple it
            // cannot. `TopScores` also carries that score from segment to segment.
            (false, None) => (
                self.searcher
                    .search(query, &TopScores::with_limit(fetch))
                    .map_err(engine_err)?,
                None,
                None,
            ),
            (count, facets) => self
                .searcher
                .search(query, &(top, count.then_some(Count), facets))
                .map_err(engine_err)?,
        };
        let total = total.map(|n| n as u64);
        let boosts = match ranking {
            Some(r) => self.rerank(r, &mut hits)?,
            None => Vec::new(),
        };
        let Some(cap) = per_article else {
            hits.truncate(wanted);
            return Ok(FirstPass {
                hits,
                total,
                facets,
            });
        };
        if wanted == 0 {
            hits.clear();
            return Ok(FirstPass {
                hits,
                total,
                facets,
            });
        }
        let cap = cap.max(1);
        loop {
            let exhausted = hits.len() < fetch || fetch >= docs;
            let mut per: HashMap<String, usize> = HashMap::new();
            let mut kept = Vec::new();
            for (score, addr) in hits {
                let id = self.article_id(addr)?;
                let n = per.entry(id).or_insert(0);
                if *n < cap {
                    *n += 1;
                    kept.push((score, addr));
                    if kept.len() == wanted {
                        break;
                    }
                }
            }
            if kept.len() == wanted || exhausted {
                return Ok(FirstPass {
                    hits: kept,
                    total,
                    facets,
                });
            }
            fetch = fetch.saturating_mul(4).min(docs);
            hits = self
                .searcher
                .search(query, &TopScores::with_limit(fetch))
                .map_err(engine_err)?;
            self.rescore(&boosts, window, &mut hits)?;
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

    /// What to count for each requested facet: the field and the roots to count under.
    fn facet_plans(&self, kinds: &[FacetKind], filters: &Filters) -> Vec<FacetPlan> {
        let fields = &self.index.schema.fields;
        kinds
            .iter()
            .map(|kind| {
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
                FacetPlan {
                    kind: *kind,
                    field: self.index.schema.schema.get_field_name(field).to_string(),
                    outer,
                }
            })
            .collect()
    }

    pub fn num_passages(&self) -> u64 {
        self.searcher.num_docs()
    }
}

/// What [`Engine::ranked`] collected in its one pass over the matches.
struct FirstPass {
    /// Best first, after re-ranking.
    hits: Vec<(Score, DocAddress)>,
    /// The exact number of matches, when counted.
    total: Option<u64>,
    facets: Option<tantivy::collector::MultiFruit>,
}

/// One facet to count: its field and the outermost roots under which to count.
struct FacetPlan {
    kind: FacetKind,
    field: String,
    outer: Vec<Facet>,
}

impl FacetPlan {
    fn collector(&self) -> FacetCollector {
        let mut collector = FacetCollector::for_field(&self.field);
        for facet in &self.outer {
            collector.add_facet(facet.clone());
        }
        collector
    }

    /// The values to show, most frequent first (dates in order), from the counts.
    fn values(&self, counts: FacetCounts) -> Vec<FacetCount> {
        let mut values: Vec<FacetCount> = Vec::new();
        for facet in &self.outer {
            for (f, count) in counts.get(facet.clone()) {
                let value = match self.kind {
                    FacetKind::Topic => f.to_path_string(),
                    _ => f.to_path().join("/"),
                };
                values.push(FacetCount { value, count });
            }
        }
        match self.kind {
            FacetKind::Date => values.sort_by(|a, b| a.value.cmp(&b.value)),
            _ => values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value))),
        }
        if self.kind != FacetKind::Date {
            values.truncate(FACET_TOP);
        }
        values
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

/// A filter as a clause that decides what matches but adds nothing to a score: a
/// speaker's, topic's or date's own BM25 would reorder the hits of the same query by
/// how long each passage's speaker list is.
fn filter(q: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(q), 0.0))
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
// documents except those feedback reads. They rank exactly as `Engine::search` does.
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
    /// `what` asks for. Ranking (re-ranking and feedback included) is that of
    /// [`Engine::search`]; a limit larger than the index is clamped to it.
    pub fn collect(&self, query: &dyn Query, what: Collect) -> Result<Collected, QueryError> {
        Ok(match what {
            Collect::Top(n) => Collected {
                top: self.ranked(query, n, None, false, None)?.hits.len(),
                total: None,
            },
            Collect::Count => Collected {
                top: 0,
                total: Some(
                    self.searcher
                        .search(query, &Count)
                        .map_err(|e| QueryError::Engine(e.to_string()))? as u64,
                ),
            },
            Collect::TopAndCount(n) => {
                // One pass with both collectors: measured 1.6x faster on Reuters than a
                // Count pass followed by a TopDocs pass (BENCHMARKS.md, "Profiling").
                let pass = self.ranked(query, n, None, true, None)?;
                Collected {
                    top: pass.hits.len(),
                    total: pass.total,
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
/// Pseudo-relevance feedback (RM3-like, re-ranking only; opt-in, `--feedback`): the words
/// that dominate the best passages of the first pass lift, among the best candidates, the
/// passages that share them. How many first-pass passages are read, how many words are
/// taken from them, and the weight of the strongest word relative to a text match.
///
/// Off by default because it cannot be made cheap enough: reading and analysing the 10
/// stored passages and scoring 10 more words costs ~0.3 ms at p50 on Reuters x10, 1.7x
/// `tantivy bench` for the whole query against the target of 1x (BENCHMARKS.md).
const FEEDBACK_PASSAGES: usize = 10;
const FEEDBACK_TERMS: usize = 10;
const FEEDBACK_WEIGHT: f32 = 0.5;
/// How many of the first pass's best passages are re-ranked: by proximity alone, and
/// by proximity and feedback. Both only add to a score, and are scored on the window
/// alone (probing posting lists at those documents) rather than on every match, so
/// their cost does not grow with the matches. The window does not depend on the page
/// asked for, so paging is consistent. Cranfield (BENCHMARKS.md): proximity over the
/// best 20 gets MAP 0.3110 (0.3119 over every match) and costs no more than the
/// difference between collecting the top 10 and the top 20; feedback needs a deeper
/// window (MAP 0.3288 at 50, 0.3325 at 200, 0.3328 over every match), as its words
/// lift passages from further down.
const PROXIMITY_WINDOW: usize = 20;
const FEEDBACK_WINDOW: usize = 200;

/// A user's query as [`Engine::build_query`] makes it: `base` (the query and the filters)
/// decides what matches and how many, and ranks a first pass; `pairs` (proximity) and,
/// when asked, pseudo-relevance feedback then re-rank the best [`Ranked::window`] of
/// that pass. As a plain tantivy [`Query`] it is `base`: only [`Engine`]'s collecting
/// re-ranks, and snippets highlight only what was asked.
#[derive(Debug)]
struct Ranked {
    base: Box<dyn Query>,
    /// Phrase queries on `text` and the boost of each.
    pairs: Vec<(PhraseQuery, Score)>,
    feedback: bool,
}

impl Ranked {
    /// How many of the first pass's best passages are re-ranked.
    fn window(&self) -> usize {
        if self.feedback {
            FEEDBACK_WINDOW
        } else {
            PROXIMITY_WINDOW
        }
    }
}

impl Clone for Ranked {
    fn clone(&self) -> Ranked {
        Ranked {
            base: self.base.box_clone(),
            pairs: self.pairs.clone(),
            feedback: self.feedback,
        }
    }
}

impl Query for Ranked {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.base.weight(enable_scoring)
    }

    fn count(&self, searcher: &Searcher) -> tantivy::Result<usize> {
        self.base.count(searcher)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.base.query_terms(visitor);
    }
}

/// What re-ranking adds to a candidate's score; see [`Engine::rescore`].
enum Boost {
    /// A query tantivy scores (a proximity pair), with its boost.
    Query(Box<dyn Weight>, Score),
    /// A feedback word on `text`: its BM25 weight (boost included) and where its postings
    /// are in each segment, looked up once for both the statistics and the scoring.
    Word(Bm25Weight, Vec<Option<TermInfo>>),
}

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

    /// Phrase queries over the `text` field matching neighbouring words of `query` near
    /// each other, with their boost; none when the query is not a plain list of words
    /// (with quotes, fields or operators the user already said how words combine) or has
    /// fewer than two words left after analysis.
    fn adjacent_pairs(&self, query: &str) -> Vec<(PhraseQuery, Score)> {
        use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
        let Ok(ast) = tantivy::query_grammar::parse_query(query) else {
            return Vec::new();
        };
        let leaves: Option<Vec<&UserInputAst>> = match &ast {
            UserInputAst::Clause(items) => items
                .iter()
                .map(|(occur, leaf)| occur.is_none().then_some(leaf))
                .collect(),
            leaf => Some(vec![leaf]),
        };
        let field = self.index.schema.fields.text;
        let (Some(leaves), Ok(mut analyzer)) =
            (leaves, self.index.index.tokenizer_for_field(field))
        else {
            return Vec::new();
        };
        let mut words: Vec<String> = Vec::new();
        for leaf in leaves {
            let UserInputAst::Leaf(leaf) = leaf else {
                return Vec::new();
            };
            let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
                return Vec::new();
            };
            if lit.field_name.is_some() || lit.delimiter != Delimiter::None || lit.prefix {
                return Vec::new();
            }
            let mut stream = analyzer.token_stream(&lit.phrase);
            while let Some(tok) = stream.next() {
                words.push(tok.text.clone());
            }
        }
        let boost = PAIR_BOOST * self.text_boost();
        words
            .windows(2)
            .filter(|w| w[0] != w[1])
            .map(|w| {
                let mut phrase = PhraseQuery::new(vec![
                    Term::from_field_text(field, &w[0]),
                    Term::from_field_text(field, &w[1]),
                ]);
                phrase.set_slop(PAIR_SLOP);
                (phrase, boost)
            })
            .collect()
    }

    /// Re-ranks the best [`Ranked::window`] of `hits` (a first pass of `ranked.base`, best
    /// first): adds the proximity pairs' scores, then feedback's, computed on those
    /// passages only. Returns what was added, for [`Engine::rescore`] on a later fetch.
    fn rerank(
        &self,
        ranked: &Ranked,
        hits: &mut [(Score, DocAddress)],
    ) -> Result<Vec<Boost>, QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let scoring = EnableScoring::enabled_from_searcher(&self.searcher);
        let mut boosts = Vec::with_capacity(ranked.pairs.len() + FEEDBACK_TERMS);
        for (phrase, boost) in &ranked.pairs {
            boosts.push(Boost::Query(
                phrase.weight(scoring).map_err(engine_err)?,
                *boost,
            ));
        }
        let window = ranked.window();
        self.rescore(&boosts, window, hits)?;
        if ranked.feedback {
            let top = &hits[..hits.len().min(FEEDBACK_PASSAGES)];
            let terms = self.feedback_terms(&*ranked.base, top)?;
            let extra = self.word_boosts(&terms).map_err(engine_err)?;
            self.rescore(&extra, window, hits)?;
            boosts.extend(extra);
        }
        Ok(boosts)
    }

    /// BM25 weights of feedback words on `text`, as a `TermQuery` would score them.
    fn word_boosts(&self, terms: &[(Term, Score)]) -> tantivy::Result<Vec<Boost>> {
        use tantivy::query::Bm25StatisticsProvider;
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let field = self.index.schema.fields.text;
        let docs = self.searcher.total_num_docs()?;
        let average = self.searcher.total_num_tokens(field)? as Score / docs.max(1) as Score;
        let segments: Vec<_> = self
            .searcher
            .segment_readers()
            .iter()
            .map(|r| r.inverted_index(field))
            .collect::<tantivy::Result<_>>()?;
        terms
            .iter()
            .map(|(term, boost)| {
                let infos = segments
                    .iter()
                    .map(|inverted| inverted.get_term_info(term))
                    .collect::<std::io::Result<Vec<_>>>()?;
                let freq = infos.iter().flatten().map(|i| u64::from(i.doc_freq)).sum();
                let bm25 = Bm25Weight::for_one_term_without_explain(freq, docs, average);
                Ok(Boost::Word(bm25.boost_by(*boost), infos))
            })
            .collect()
    }

    /// Adds to each of the best `window` `hits` the scores that `boosts` give
    /// that passage, then sorts those again. Posting lists are only probed at the
    /// window's documents, in order (a phrase with [`tantivy::DocSet::seek_danger`],
    /// which never runs past a document that does not match), so the cost does not grow
    /// with the number of matches.
    fn rescore(
        &self,
        boosts: &[Boost],
        window: usize,
        hits: &mut [(Score, DocAddress)],
    ) -> Result<(), QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let n = hits.len().min(window);
        if boosts.is_empty() || n < 2 {
            return Ok(());
        }
        let text = self.index.schema.fields.text;
        let window = &mut hits[..n];
        let addrs: Vec<DocAddress> = window.iter().map(|h| h.1).collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_unstable_by_key(|&i| addrs[i]);
        for segment in order.chunk_by(|&a, &b| addrs[a].segment_ord == addrs[b].segment_ord) {
            let ord = addrs[segment[0]].segment_ord;
            let reader = self.searcher.segment_reader(ord);
            let mut norms = None;
            for boost in boosts {
                match boost {
                    Boost::Query(weight, boost) => {
                        // Started at the window's first document: `scorer` would first
                        // look for the phrase's first match in the whole segment.
                        let (found, mut scorer) = weight
                            .scorer_danger(reader, addrs[segment[0]].doc_id, *boost)
                            .map_err(engine_err)?;
                        // The lowest document the scorer could still match.
                        let mut next: DocId = match found {
                            SeekDangerResult::Found => {
                                window[segment[0]].0 += scorer.score();
                                addrs[segment[0]].doc_id + 1
                            }
                            SeekDangerResult::SeekLowerBound(bound) => bound,
                        };
                        for &i in &segment[1..] {
                            let doc = addrs[i].doc_id;
                            if next == TERMINATED {
                                break;
                            }
                            if doc < next {
                                continue;
                            }
                            match scorer.seek_danger(doc) {
                                SeekDangerResult::Found => {
                                    window[i].0 += scorer.score();
                                    next = doc + 1;
                                }
                                SeekDangerResult::SeekLowerBound(bound) => next = bound,
                            }
                        }
                    }
                    Boost::Word(bm25, infos) => {
                        let Some(info) = &infos[ord as usize] else {
                            continue;
                        };
                        let mut postings = reader
                            .inverted_index(text)
                            .and_then(|inv| {
                                inv.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)
                                    .map_err(Into::into)
                            })
                            .map_err(engine_err)?;
                        let norms = match &mut norms {
                            Some(n) => n,
                            None => norms
                                .insert(reader.get_fieldnorms_reader(text).map_err(engine_err)?),
                        };
                        for &i in segment {
                            let doc = addrs[i].doc_id;
                            let mut at = postings.doc();
                            if at < doc {
                                at = postings.seek(doc);
                            }
                            if at == TERMINATED {
                                break;
                            }
                            if at == doc {
                                window[i].0 +=
                                    bm25.score(norms.fieldnorm_id(doc), postings.term_freq());
                            }
                        }
                    }
                }
            }
        }
        window.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        Ok(())
    }

    /// Pseudo-relevance feedback: the words frequent in the best passages `top` (of a
    /// query whose terms are those of `query`), each with the boost it adds to a `text`
    /// match. Query words are not repeated; one-letter and all-digit words are left out.
    fn feedback_terms(
        &self,
        query: &dyn Query,
        top: &[(Score, DocAddress)],
    ) -> Result<Vec<(Term, Score)>, QueryError> {
        let engine_err = |e: tantivy::TantivyError| QueryError::Engine(e.to_string());
        let Some(&(best, _)) = top.first() else {
            return Ok(Vec::new());
        };
        if best <= 0.0 {
            return Ok(Vec::new());
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
        let fields = &self.index.schema.fields;
        // Every distinct word once: its id, its weight so far, its count in this passage.
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut weights: Vec<f32> = Vec::new();
        let mut counts: Vec<f32> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for (score, addr) in top {
            let doc: TantivyDocument = self.searcher.doc(*addr).map_err(engine_err)?;
            let mut len = 0.0f32;
            for f in [fields.title, fields.text] {
                let Some(text) = doc.get_first(f).and_then(|v| v.as_str()) else {
                    continue;
                };
                let mut stream = analyzer.token_stream(text);
                while let Some(tok) = stream.next() {
                    len += 1.0;
                    let id = match ids.get(tok.text.as_str()) {
                        Some(&id) => id,
                        None => {
                            ids.insert(tok.text.clone(), weights.len());
                            weights.push(0.0);
                            counts.push(0.0);
                            weights.len() - 1
                        }
                    };
                    if counts[id] == 0.0 {
                        seen.push(id);
                    }
                    counts[id] += 1.0;
                }
            }
            let doc_weight = score / best / len.max(1.0);
            for id in seen.drain(..) {
                weights[id] += doc_weight * counts[id];
                counts[id] = 0.0;
            }
        }
        let weights = ids.into_iter().map(|(w, id)| (w, weights[id]));
        let mut ranked: Vec<(String, f32)> = weights
            .filter(|(w, _)| {
                w.chars().nth(1).is_some()
                    && !w.chars().all(|c| c.is_ascii_digit())
                    && !asked.contains(w)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(FEEDBACK_TERMS);
        let Some(&(_, strongest)) = ranked.first() else {
            return Ok(Vec::new());
        };
        let scale = FEEDBACK_WEIGHT * self.text_boost() / strongest;
        Ok(ranked
            .into_iter()
            .map(|(word, w)| (Term::from_field_text(field, &word), w * scale))
            .collect())
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

    /// Article `a{i}`'s only passage.
    fn test_passage(i: usize, text: &str, title: Option<String>) -> Passage {
        Passage {
            id: format!("a{i}#0"),
            article_id: format!("a{i}"),
            title,
            para: 0,
            section: None,
            text: text.into(),
            date: None,
            speakers: vec![],
            speaker_role: vec![],
            topics: vec![],
            mentioned_dates: vec![],
            source: "test".into(),
        }
    }

    fn ram_index(texts: &[&str]) -> NewsIndex {
        let news = NewsIndex::in_ram();
        {
            let mut w = news.writer(1, 20).unwrap();
            for (i, t) in texts.iter().enumerate() {
                let p = test_passage(i, t, Some(format!("Story {i}")));
                w.replace_article(&format!("a{i}"), &[p]).unwrap();
                // Several segments, so that the re-ranking and the pruning cross segment
                // boundaries; fewer than tantivy's merge policy merges (8), so that none
                // is merged away in the background while a test runs.
                if i % 12 == 11 {
                    w.commit().unwrap();
                }
            }
            w.commit().unwrap();
        }
        news
    }

    const OIL: [&str; 16] = [
        "Crude oil prices rose as OPEC output fell.",
        "Oil prices fell; crude stocks rose in Rotterdam.",
        "The price of crude was steady while oil refiners waited.",
        "OPEC ministers met about output quotas and crude oil.",
        "Heating oil and gasoline futures rose with crude prices.",
        "Wheat prices rose on export demand.",
        "Oil company shares fell as prices of crude oil dropped.",
        "Prices rose for coffee, cocoa and sugar.",
        "Refiners said crude oil prices would rise, OPEC said output holds.",
        "Crude output in the North Sea rose; oil prices eased.",
        "Oil.",
        "Prices.",
        "The oil minister said prices of oil and crude reflect OPEC output.",
        "Gasoline stocks fell; crude oil prices rose sharply.",
        "Natural gas prices, not oil, led the energy index.",
        "Oil prices oil prices oil prices.",
    ];

    /// `got` is the top `want` is, up to float rounding: a union sums its words' scores
    /// in the order its pruning visits them, so the same passage's score may differ in
    /// the last bit. Equal scores within rounding, position by position, and the same
    /// passages above the last one's score (below it, ties may fall either way).
    #[track_caller]
    fn assert_same_top(got: &[(Score, DocAddress)], want: &[(Score, DocAddress)], what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (g, w) in got.iter().zip(want) {
            assert!((g.0 - w.0).abs() <= 1e-5, "{what}: {got:?} {want:?}");
        }
        let last = want.last().map_or(0.0, |w| w.0) + 1e-5;
        let above = |hits: &[(Score, DocAddress)]| {
            let mut a: Vec<DocAddress> = hits.iter().filter(|h| h.0 > last).map(|h| h.1).collect();
            a.sort();
            a
        };
        assert_eq!(above(got), above(want), "{what}");
    }

    /// The query `engine` builds for `query` (no filters).
    fn build(engine: &Engine, query: &str) -> Box<dyn Query> {
        engine
            .build_query(&SearchRequest {
                query: query.into(),
                ..SearchRequest::default()
            })
            .unwrap()
    }

    /// `q` without the proximity re-ranking around it, if any.
    fn unranked(q: &dyn Query) -> &dyn Query {
        q.downcast_ref::<Ranked>().map_or(q, |r| &*r.base)
    }

    /// A pruned query (`wrapped`) finds the count and, for several k, the top k that
    /// tantivy's own query (`base`) finds; nothing when `empty`.
    #[track_caller]
    fn assert_pruned_like(
        engine: &Engine,
        wrapped: &dyn Query,
        base: &dyn Query,
        what: &str,
        empty: bool,
    ) {
        let count = engine.searcher.search(wrapped, &Count).unwrap();
        assert_eq!(
            count,
            engine.searcher.search(base, &Count).unwrap(),
            "{what}"
        );
        for k in [1, 2, 3, 5, 10, 100] {
            let want = engine
                .searcher
                .search(base, &TopDocs::with_limit(k).order_by_score())
                .unwrap();
            let got = engine
                .searcher
                .search(wrapped, &TopScores::with_limit(k))
                .unwrap();
            assert_eq!(got.len(), want.len().min(k), "{what}, top {k}");
            assert_eq!(want.is_empty(), empty, "{what}");
            assert_same_top(&got, &want, &format!("{what}, top {k}"));
        }
    }

    /// `TopScores` carries the score to beat from segment to segment; it must return
    /// what `TopDocs` returns, order and ties included. Every text here is in
    /// the index three times (in different segments, so with equal scores), and some
    /// articles are replaced, so that segments hold deleted passages.
    #[test]
    fn top_scores_equal_top_docs_across_segments() {
        let texts: Vec<&str> = OIL.iter().chain(&OIL).chain(&OIL).copied().collect();
        let idx = ram_index(&texts);
        {
            let mut w = idx.writer(1, 20).unwrap();
            for i in [0, 9, 20, 33] {
                let p = test_passage(i, "Oil prices, crude oil and OPEC: replaced.", None);
                w.replace_article(&format!("a{i}"), &[p]).unwrap();
            }
            w.commit().unwrap();
        }
        let engine = Engine::new(&idx).unwrap();
        assert!(engine.searcher.segment_readers().len() >= 4);
        assert!(
            engine
                .searcher
                .segment_readers()
                .iter()
                .any(|r| r.alive_bitset().is_some())
        );
        for query in [
            "text:oil",
            "text:prices",
            "oil",
            "crude oil prices",
            "+crude +oil",
            "\"oil prices\"",
            "wheat OR gasoline",
            "story",
        ] {
            let req = SearchRequest {
                query: query.into(),
                ..SearchRequest::default()
            };
            let built = engine.build_query(&req).unwrap();
            for k in [1, 2, 3, 5, 10, 40, 100] {
                let want = engine
                    .searcher
                    .search(built.as_ref(), &TopDocs::with_limit(k).order_by_score())
                    .unwrap();
                let got = engine
                    .searcher
                    .search(built.as_ref(), &TopScores::with_limit(k))
                    .unwrap();
                assert!(!want.is_empty(), "{query}");
                if query.starts_with("text:") {
                    // One term in one field: nothing to add up, so the scores are
                    // bit-identical and the ties must go to the same (lower) addresses.
                    assert_eq!(got, want, "{query}, top {k}");
                }
                assert_same_top(&got, &want, &format!("{query}, top {k}"));
            }
        }
    }

    /// Only queries of required plain words get block-max pruning.
    #[test]
    fn all_words_wraps_required_words_only() {
        let idx = ram_index(&OIL);
        let engine = Engine::new(&idx).unwrap();
        let built = |q: &str| build(&engine, q);
        for q in ["+crude +oil", "+crude +oil +opec", "+Oil +PRICES"] {
            assert!(built(q).is::<AllWords>(), "{q}");
        }
        for q in [
            "crude oil",
            "+crude -oil",
            "+crude oil",
            "+\"crude oil\" +opec",
            "oil",
            "+oil",
        ] {
            let b = built(q);
            assert!(!unranked(&*b).is::<AllWords>(), "{q}");
        }
    }

    /// Block-max pruning of required words must find the passages and scores that
    /// tantivy's own intersection finds, over segments that repeat each passage (ties).
    #[test]
    fn all_words_find_what_the_intersection_finds() {
        let texts: Vec<&str> = OIL.iter().chain(&OIL).chain(&OIL).copied().collect();
        let idx = ram_index(&texts);
        let engine = Engine::new(&idx).unwrap();
        for query in [
            "+crude +oil",
            "+prices +oil",
            "+oil +prices +crude",
            "+story +oil",
            "+opec +output",
            "+wheat +oil",
        ] {
            let built = build(&engine, query);
            let wrapped = unranked(&*built);
            let words = wrapped.downcast_ref::<AllWords>().expect(query);
            assert_pruned_like(
                &engine,
                wrapped,
                &*words.base,
                query,
                query == "+wheat +oil",
            );
            let count = engine.searcher.search(wrapped, &Count).unwrap();
            // Scoring every match (top passages and count in one pass) goes through
            // `AllWords`' own intersection.
            let all = (TopDocs::with_limit(200).order_by_score(), Count);
            let (mut got, n) = engine.searcher.search(wrapped, &all).unwrap();
            let (mut want, m) = engine.searcher.search(&*words.base, &all).unwrap();
            assert_eq!((n, got.len()), (m, want.len()), "{query}");
            assert_eq!(n, count, "{query}");
            got.sort_by_key(|h| h.1);
            want.sort_by_key(|h| h.1);
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(g.1, w.1, "{query}");
                assert!((g.0 - w.0).abs() <= 1e-5, "{query}: {g:?} {w:?}");
            }
        }
    }

    /// Only a query that is one plain phrase is pruned as a phrase.
    #[test]
    fn any_field_phrase_wraps_plain_phrases_only() {
        let idx = ram_index(&OIL);
        let engine = Engine::new(&idx).unwrap();
        let base = |q: &str| {
            let b = engine
                .build_query(&SearchRequest {
                    query: q.into(),
                    ..SearchRequest::default()
                })
                .unwrap();
            match b.downcast::<Ranked>() {
                Ok(r) => r.base,
                Err(b) => b,
            }
        };
        for q in [
            "\"crude oil\"",
            "\"Crude Oil Prices\"",
            "\"price of crude\"",
        ] {
            assert!(base(q).is::<AnyFieldPhrase>(), "{q}");
        }
        for q in [
            "\"crude oil\"~2",
            "text:\"crude oil\"",
            "\"oil\"",
            "\"the oil\"",
            "\"crude oil\" opec",
            "+\"crude oil\" +opec",
            "crude oil",
        ] {
            assert!(!base(q).is::<AnyFieldPhrase>(), "{q}");
        }
    }

    /// A phrase is pruned without reading the positions of passages that cannot make the
    /// top; what it finds must be what tantivy's union of phrase queries finds, ties,
    /// stop-word gaps, repeated words and phrases in the title included.
    #[test]
    fn any_field_phrase_finds_what_the_phrase_union_finds() {
        let news = NewsIndex::in_ram();
        {
            let mut w = news.writer(1, 20).unwrap();
            let titles = [
                "Crude oil prices",
                "Oil prices oil prices",
                "OPEC and crude",
                "Story",
            ];
            for copy in 0..3 {
                for (i, t) in OIL.iter().enumerate() {
                    let n = copy * 100 + i;
                    let p = test_passage(n, t, Some(titles[i % titles.len()].to_string()));
                    w.replace_article(&format!("a{n}"), &[p]).unwrap();
                    // Two segments a copy: six, fewer than the merge policy merges.
                    if i == 7 {
                        w.commit().unwrap();
                    }
                }
                w.commit().unwrap();
            }
        }
        let engine = Engine::new(&news).unwrap();
        assert!(engine.searcher.segment_readers().len() >= 4);
        for query in [
            "\"crude oil\"",
            "\"oil prices\"",
            "\"crude oil prices\"",
            "\"price of crude\"",
            "\"prices of crude oil\"",
            "\"oil prices oil\"",
            "\"OPEC output\"",
            "\"wheat oil\"",
        ] {
            let built = build(&engine, query);
            let wrapped = unranked(&*built);
            let phrase = wrapped.downcast_ref::<AnyFieldPhrase>().expect(query);
            let empty = query == "\"wheat oil\"";
            assert_pruned_like(&engine, wrapped, &*phrase.base, query, empty);
        }
    }

    /// Re-ranking scores a window of candidates by probing posting lists at those
    /// documents only; it must give exactly the scores (and so the order) of the same
    /// boosts scored over every match by a tantivy BooleanQuery (MUST base, SHOULD boosts).
    /// Filters decide what matches, not how it ranks: a passage's score under
    /// `--speaker`, `--topic` or a date range is its score without them, however many
    /// speakers or topics it has.
    #[test]
    fn filters_leave_scores_as_they_are() {
        let news = NewsIndex::in_ram();
        {
            let mut w = news.writer(1, 20).unwrap();
            let people: [&[&str]; 3] = [
                &["Jane Smith"],
                &["Jane Smith", "John Doe", "Acme Corp", "the ministry"],
                &["Jane Smith", "Bob Jones"],
            ];
            for (i, speakers) in people.iter().enumerate() {
                let mut p = test_passage(i, OIL[i], None);
                p.speakers = speakers.iter().map(|s| s.to_string()).collect();
                p.speaker_role = vec![None; speakers.len()];
                p.topics = vec!["/energy".into(), "/economy/markets".into()][..=i % 2].to_vec();
                p.date = Some("2025-11-20T00:00:00Z".into());
                w.replace_article(&format!("a{i}"), &[p]).unwrap();
            }
            w.commit().unwrap();
        }
        let engine = Engine::new(&news).unwrap();
        let scores = |filters: Filters| {
            let req = SearchRequest {
                query: "crude oil prices".into(),
                filters,
                limit: 10,
                ..SearchRequest::default()
            };
            let mut hits: Vec<(String, Score)> = engine
                .search(&req)
                .unwrap()
                .hits
                .into_iter()
                .map(|h| (h.hit.passage.id, h.hit.score))
                .collect();
            hits.sort_by(|a, b| a.0.cmp(&b.0));
            hits
        };
        let plain = scores(Filters::default());
        assert_eq!(plain.len(), 3);
        for filters in [
            Filters {
                speakers: vec!["Smith".into()],
                ..Filters::default()
            },
            Filters {
                topics: vec!["/energy".into()],
                ..Filters::default()
            },
            Filters {
                since: Some("2025-11".into()),
                until: Some("2025".into()),
                ..Filters::default()
            },
        ] {
            assert_eq!(scores(filters.clone()), plain, "{filters:?}");
        }
    }

    #[test]
    fn window_rescoring_equals_a_full_boolean_pass() {
        let idx = ram_index(&OIL);
        let engine = Engine::new(&idx).unwrap();
        let req = SearchRequest {
            query: "crude oil prices".into(),
            feedback: true,
            ..SearchRequest::default()
        };
        let built = engine.build_query(&req).unwrap();
        let ranked = built.downcast_ref::<Ranked>().expect("a re-ranked query");
        assert_eq!(ranked.pairs.len(), 2);
        let all = TopDocs::with_limit(100).order_by_score();
        let mut hits = engine.searcher.search(&ranked.base, &all).unwrap();
        let first: Vec<DocAddress> = hits.iter().map(|h| h.1).collect();
        engine.rerank(ranked, &mut hits).unwrap();

        let top = engine
            .searcher
            .search(&ranked.base, &TopDocs::with_limit(100).order_by_score())
            .unwrap();
        let mut paired = hits.clone();
        paired.sort_by_key(|h| h.1);
        let feedback = {
            // The feedback passages are the best after the pairs, as in `rerank`.
            let mut after_pairs = top.clone();
            let scoring = EnableScoring::enabled_from_searcher(&engine.searcher);
            let boosts: Vec<Boost> = ranked
                .pairs
                .iter()
                .map(|(p, b)| Boost::Query(p.weight(scoring).unwrap(), *b))
                .collect();
            engine
                .rescore(&boosts, FEEDBACK_WINDOW, &mut after_pairs)
                .unwrap();
            let n = after_pairs.len().min(FEEDBACK_PASSAGES);
            engine
                .feedback_terms(&*ranked.base, &after_pairs[..n])
                .unwrap()
        };
        assert!(!feedback.is_empty());
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, ranked.base.box_clone())];
        for (p, b) in &ranked.pairs {
            clauses.push((
                Occur::Should,
                Box::new(tantivy::query::BoostQuery::new(Box::new(p.clone()), *b)),
            ));
        }
        for (t, b) in &feedback {
            let q = TermQuery::new(t.clone(), IndexRecordOption::WithFreqs);
            clauses.push((
                Occur::Should,
                Box::new(tantivy::query::BoostQuery::new(Box::new(q), *b)),
            ));
        }
        let full = engine
            .searcher
            .search(&BooleanQuery::new(clauses), &all)
            .unwrap();
        assert_eq!(full.len(), hits.len());
        for ((s1, a1), (s2, a2)) in hits.iter().zip(&full) {
            assert_eq!(a1, a2, "{hits:?}\n{full:?}");
            assert!((s1 - s2).abs() < 1e-4, "{s1} vs {s2}");
        }
        assert_ne!(first, hits.iter().map(|h| h.1).collect::<Vec<_>>());
    }

    /// Feedback and proximity only re-rank: the same passages match and are counted.
    #[test]
    fn reranking_keeps_the_matches_and_the_count() {
        let idx = ram_index(&OIL);
        let engine = Engine::new(&idx).unwrap();
        for q in [
            "crude oil prices",
            "oil",
            "prices OR wheat",
            "+oil -gasoline",
        ] {
            let mut sets = Vec::new();
            for feedback in [true, false] {
                let req = SearchRequest {
                    query: q.into(),
                    limit: 100,
                    feedback,
                    ..SearchRequest::default()
                };
                let r = engine.search(&req).unwrap();
                let plain = engine
                    .searcher
                    .search(&engine.build_query(&req).unwrap(), &Count)
                    .unwrap();
                assert_eq!(r.total_hits, plain as u64, "{q}");
                assert_eq!(r.hits.len() as u64, r.total_hits, "{q}");
                let c = engine
                    .collect(&*engine.build_query(&req).unwrap(), Collect::TopAndCount(3))
                    .unwrap();
                assert_eq!(
                    (c.top as u64, c.total),
                    (r.total_hits.min(3), Some(r.total_hits))
                );
                let mut ids: Vec<String> =
                    r.hits.iter().map(|h| h.hit.passage.id.clone()).collect();
                ids.sort();
                sets.push(ids);
            }
            assert_eq!(sets[0], sets[1], "{q}");
        }
    }

    /// A limit far beyond the index must not make tantivy allocate it up front.
    #[test]
    fn huge_collect_limits_are_clamped() {
        let idx = ram_index(&OIL);
        let engine = Engine::new(&idx).unwrap();
        let q = engine
            .build_query(&SearchRequest {
                query: "oil".into(),
                ..SearchRequest::default()
            })
            .unwrap();
        for what in [
            Collect::Top(usize::MAX),
            Collect::TopAndCount(usize::MAX / 2 + 1),
        ] {
            let c = engine.collect(&*q, what).unwrap();
            assert!(c.top > 0 && c.top <= OIL.len());
        }
    }
}
