//! Retrieval effectiveness evaluation, computed the way `trec_eval` computes it.
//!
//! Reads relevance judgements ([`parse_qrels`]) and TREC run files
//! ([`parse_run`]), scores each run ([`evaluate`]) with MAP, nDCG@10, P@10,
//! R@100 and MRR, and renders one or more runs side by side as text,
//! Markdown or JSON ([`render`]).
//!
//! The module depends only on std, serde, serde_json and thiserror, so it can
//! be compiled on its own.
//!
//! # Conventions (checked against usnistgov/trec_eval 9.x)
//!
//! * **Order.** A run's rank column is ignored. Documents are ranked by score,
//!   highest first; equal scores are ordered by docid *descending* in byte
//!   order (`form_res_rels.c`, `comp_sim_docno`: `strcmp(p2->docno,
//!   p1->docno)`). So with equal scores `d3` ranks before `d2` before `d10`
//!   before `d1`.
//! * **Duplicates.** trec_eval refuses a run that lists a document twice for a
//!   query. Here the first line wins and later ones are counted
//!   ([`Run::duplicates`]) so the caller can warn. Duplicate judgements in the
//!   qrels are handled the same way ([`Qrels::duplicates`]).
//! * **Which queries count.** Like `trec_eval -c`: every query of the qrels
//!   that has at least one relevant document is averaged, and a query the run
//!   has no results for scores 0 on every measure. Queries of the run that are
//!   not in the qrels are ignored ([`Evaluation::unjudged_queries`]). One
//!   deliberate difference: trec_eval `-c` also averages in qrels queries with
//!   no relevant document (scoring 0); here they are left out and listed in
//!   [`Evaluation::no_relevant`], since no ranking can do anything for them.
//! * **Relevant.** A document is relevant when it is judged with a grade that
//!   [`Relevance`] accepts (default: grade >= 1, trec_eval's `-l 1`).
//!   Unjudged documents and judged non-relevant ones are equally not relevant.
//! * **MAP** (`map`): sum of precision at the rank of each relevant retrieved
//!   document, divided by the number of relevant documents in the qrels.
//! * **nDCG@10** (`ndcg_cut_10`): DCG = sum over ranks r <= 10 of gain /
//!   log2(r + 1), only positive gains counting (`m_ndcg_cut.c`). The ideal DCG
//!   ranks the query's judged documents by gain. See [`Gain`] for the gains.
//! * **P@10** (`P_10`): relevant documents in the top 10, divided by 10 even
//!   when fewer than 10 were retrieved.
//! * **R@100** (`recall_100`): relevant documents in the top 100 divided by
//!   all relevant documents.
//! * **MRR** (`recip_rank`): 1 / rank of the first relevant document, 0 if
//!   none was retrieved.
//! * The whole ranking is used (trec_eval's default cut-off is unlimited):
//!   `num_rel_ret` and MAP see every retrieved document.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::{Value, json};
use thiserror::Error;

/// Rank cut-off for nDCG and precision.
const TOP_10: usize = 10;
/// Rank cut-off for recall.
const TOP_100: usize = 100;

/// What can go wrong reading judgements, runs or evaluation settings.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvalError {
    /// A line of a qrels or run file does not have the expected shape.
    #[error("{file}:{line}: expected {expected}, found {found}")]
    Parse {
        file: String,
        line: usize,
        expected: &'static str,
        found: String,
    },
    /// A qrels file without a single judgement cannot evaluate anything.
    #[error(
        "{file}: no relevance judgements found; expected lines `qid iter docid grade` (TREC) or `qid docid grade` (Cranfield)"
    )]
    EmptyQrels { file: String },
    /// A relevance specification that [`Relevance::from_str`] cannot read.
    #[error(
        "invalid relevance {spec:?}: expected `N` (grade >= N), `A..B` (A to B inclusive) or a list such as `1,2,3,4`"
    )]
    InvalidRelevance { spec: String },
    /// A gain specification that [`Gain::from_str`] cannot read.
    #[error(
        "invalid gain {spec:?}: expected `binary`, `grade` or `map:GRADE=GAIN,...` such as `map:1=4,2=3,3=2,4=1`"
    )]
    InvalidGain { spec: String },
    /// An output format name that [`Format::from_str`] does not know.
    #[error("invalid format {spec:?}: expected `text`, `markdown` or `json`")]
    InvalidFormat { spec: String },
}

/// Relevance judgements: query id -> document id -> grade.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Qrels {
    judgements: BTreeMap<String, HashMap<String, i32>>,
    duplicates: usize,
}

impl Qrels {
    /// An empty set of judgements.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a judgement. Returns false, keeping the first grade, when the
    /// pair was already judged.
    pub fn insert(&mut self, qid: &str, docid: &str, grade: i32) -> bool {
        let docs = self.judgements.entry(qid.to_owned()).or_default();
        if docs.contains_key(docid) {
            self.duplicates += 1;
            return false;
        }
        docs.insert(docid.to_owned(), grade);
        true
    }

    /// The grade of a judged document, `None` when unjudged.
    pub fn grade(&self, qid: &str, docid: &str) -> Option<i32> {
        self.judgements.get(qid)?.get(docid).copied()
    }

    /// Judged query ids, in byte order.
    pub fn queries(&self) -> impl Iterator<Item = &str> {
        self.judgements.keys().map(String::as_str)
    }

    /// Number of judged queries.
    pub fn num_queries(&self) -> usize {
        self.judgements.len()
    }

    /// Number of (query, document) judgements kept.
    pub fn num_judgements(&self) -> usize {
        self.judgements.values().map(HashMap::len).sum()
    }

    /// Judgements dropped because the pair was already judged.
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }
}

/// A system's ranked results: query id -> documents in trec_eval order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// The run tag (6th column of the first line); empty for an empty file.
    pub tag: String,
    rankings: BTreeMap<String, Vec<(String, f64)>>,
    duplicates: usize,
}

impl Run {
    /// Builds a run from `(qid, docid, score)` triples in file order.
    ///
    /// A document repeated for a query keeps its first score. Each query's
    /// results are then put in trec_eval order: score descending, ties by
    /// docid descending.
    pub fn from_results<I, Q, D>(tag: &str, results: I) -> Self
    where
        I: IntoIterator<Item = (Q, D, f64)>,
        Q: Into<String>,
        D: Into<String>,
    {
        let mut rankings: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut duplicates = 0;
        for (qid, docid, score) in results {
            let (qid, docid) = (qid.into(), docid.into());
            if !seen.insert((qid.clone(), docid.clone())) {
                duplicates += 1;
                continue;
            }
            rankings.entry(qid).or_default().push((docid, score));
        }
        for ranking in rankings.values_mut() {
            ranking.sort_by(trec_order);
        }
        Self {
            tag: tag.to_owned(),
            rankings,
            duplicates,
        }
    }

    /// The ranking for a query; empty when the run has nothing for it.
    pub fn ranking(&self, qid: &str) -> &[(String, f64)] {
        self.rankings.get(qid).map_or(&[], Vec::as_slice)
    }

    /// Query ids the run has results for, in byte order.
    pub fn queries(&self) -> impl Iterator<Item = &str> {
        self.rankings.keys().map(String::as_str)
    }

    /// Result lines dropped because the document was already listed.
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }
}

/// trec_eval's result order: score descending, then docid descending
/// (byte order, as `strcmp`). `total_cmp` keeps the sort total even for NaN,
/// which [`parse_run`] rejects anyway.
fn trec_order(a: &(String, f64), b: &(String, f64)) -> Ordering {
    b.1.total_cmp(&a.1).then_with(|| b.0.cmp(&a.0))
}

/// Shortens a line for an error message so a huge line cannot flood stderr.
fn quote_line(line: &str) -> String {
    const MAX: usize = 80;
    let line = line.trim();
    match line.char_indices().nth(MAX) {
        Some((cut, _)) => format!("`{}…`", &line[..cut]),
        None => format!("`{line}`"),
    }
}

/// Lines worth parsing: trec_eval skips blank lines and `#` comments.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let fields: Vec<&str> = line.split_ascii_whitespace().collect();
        match fields.first() {
            None => None,
            Some(first) if first.starts_with('#') => None,
            Some(_) => Some((i + 1, line, fields)),
        }
    })
}

/// Parses relevance judgements.
///
/// Each line is either TREC's `qid iter docid grade` (the iteration column is
/// ignored) or Cranfield's `qid docid grade`; grades are integers and may be
/// negative. Blank lines, `#` comments, CRLF endings, trailing spaces and a
/// missing final newline are accepted. `source` names the input in errors.
pub fn parse_qrels(text: &str, source: &str) -> Result<Qrels, EvalError> {
    const EXPECTED: &str = "`qid iter docid grade` (4 columns) or `qid docid grade` (3 columns)";
    let mut qrels = Qrels::new();
    for (line_no, line, fields) in content_lines(text) {
        let (qid, docid, grade) = match fields.as_slice() {
            [qid, _, docid, grade] | [qid, docid, grade] => (*qid, *docid, *grade),
            _ => {
                return Err(EvalError::Parse {
                    file: source.to_owned(),
                    line: line_no,
                    expected: EXPECTED,
                    found: format!("{} columns in {}", fields.len(), quote_line(line)),
                });
            }
        };
        let grade: i32 = grade.parse().map_err(|_| EvalError::Parse {
            file: source.to_owned(),
            line: line_no,
            expected: "an integer grade in the last column",
            found: format!("`{grade}`"),
        })?;
        qrels.insert(qid, docid, grade);
    }
    if qrels.num_judgements() == 0 {
        return Err(EvalError::EmptyQrels {
            file: source.to_owned(),
        });
    }
    Ok(qrels)
}

/// Parses a TREC run: `qid Q0 docid rank score tag`, whitespace separated.
///
/// As in trec_eval, the second and rank columns are not interpreted (the
/// order comes from the scores) and blank lines and `#` comments are skipped.
/// The tag of the first line becomes [`Run::tag`]. An empty file is a valid
/// run that retrieved nothing. `source` names the input in errors.
pub fn parse_run(text: &str, source: &str) -> Result<Run, EvalError> {
    let mut tag: Option<&str> = None;
    let mut results = Vec::new();
    for (line_no, line, fields) in content_lines(text) {
        let [qid, _q0, docid, _rank, score, run_tag] = fields.as_slice() else {
            return Err(EvalError::Parse {
                file: source.to_owned(),
                line: line_no,
                expected: "`qid Q0 docid rank score tag` (6 columns)",
                found: format!("{} columns in {}", fields.len(), quote_line(line)),
            });
        };
        let score: f64 = match score.parse::<f64>() {
            Ok(s) if !s.is_nan() => s,
            _ => {
                return Err(EvalError::Parse {
                    file: source.to_owned(),
                    line: line_no,
                    expected: "a number as the score (5th column)",
                    found: format!("`{score}`"),
                });
            }
        };
        tag.get_or_insert(run_tag);
        results.push((*qid, *docid, score));
    }
    Ok(Run::from_results(tag.unwrap_or_default(), results))
}

/// Which grades count as relevant.
///
/// With `grades` set, exactly those grades are relevant and the bounds are
/// ignored; otherwise a grade is relevant when `min_grade <= grade` and, if
/// given, `grade <= max_grade`. The default, grade >= 1, is trec_eval's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relevance {
    pub min_grade: i32,
    pub max_grade: Option<i32>,
    pub grades: Option<BTreeSet<i32>>,
}

impl Default for Relevance {
    fn default() -> Self {
        Self::at_least(1)
    }
}

impl Relevance {
    /// Grades `min` and above (trec_eval `-l min`).
    pub fn at_least(min: i32) -> Self {
        Self {
            min_grade: min,
            max_grade: None,
            grades: None,
        }
    }

    /// Grades from `min` to `max`, both included.
    pub fn between(min: i32, max: i32) -> Self {
        Self {
            min_grade: min,
            max_grade: Some(max),
            grades: None,
        }
    }

    /// Exactly the listed grades.
    pub fn one_of(grades: impl IntoIterator<Item = i32>) -> Self {
        Self {
            min_grade: i32::MIN,
            max_grade: None,
            grades: Some(grades.into_iter().collect()),
        }
    }

    /// Whether a judged grade counts as relevant.
    pub fn is_relevant(&self, grade: i32) -> bool {
        match &self.grades {
            Some(grades) => grades.contains(&grade),
            None => grade >= self.min_grade && self.max_grade.is_none_or(|max| grade <= max),
        }
    }
}

/// Reads `N` or `>=N` (grade >= N), `A..B` or `A..=B` (A to B inclusive),
/// `A..` (grade >= A) or a comma-separated list `1,2,3,4`.
impl FromStr for Relevance {
    type Err = EvalError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let bad = || EvalError::InvalidRelevance {
            spec: spec.to_owned(),
        };
        let int = |s: &str| s.trim().parse::<i32>().map_err(|_| bad());
        let s = spec.trim();
        if s.contains(',') {
            let grades = s.split(',').map(int).collect::<Result<Vec<_>, _>>()?;
            return Ok(Self::one_of(grades));
        }
        if let Some((lo, hi)) = s.split_once("..") {
            let hi = hi.strip_prefix('=').unwrap_or(hi);
            let lo = int(lo)?;
            if hi.trim().is_empty() {
                return Ok(Self::at_least(lo));
            }
            let hi = int(hi)?;
            return if lo <= hi {
                Ok(Self::between(lo, hi))
            } else {
                Err(bad())
            };
        }
        Ok(Self::at_least(int(s.strip_prefix(">=").unwrap_or(s))?))
    }
}

impl fmt::Display for Relevance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.grades, self.max_grade) {
            (Some(grades), _) => {
                let list: Vec<String> = grades.iter().map(i32::to_string).collect();
                write!(f, "grade in {{{}}}", list.join(", "))
            }
            (None, Some(max)) => write!(f, "{} <= grade <= {max}", self.min_grade),
            (None, None) => write!(f, "grade >= {}", self.min_grade),
        }
    }
}

/// The gain a judged document contributes to nDCG.
///
/// Only positive gains count, in the ranking and in the ideal ranking, as in
/// trec_eval's `ndcg_cut`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Gain {
    /// 1 for a relevant document (per [`Relevance`]), 0 otherwise.
    #[default]
    Binary,
    /// The raw grade, as trec_eval does; [`Relevance`] plays no part, just as
    /// trec_eval's `-l` does not change `ndcg_cut`.
    Grade,
    /// An explicit grade -> gain table; grades not listed gain 0. Cranfield's
    /// scale (1 = best) is usually mapped with `map:1=4,2=3,3=2,4=1`.
    Map(BTreeMap<i32, f64>),
}

impl Gain {
    /// The gain of a document judged `grade`.
    pub fn value(&self, grade: i32, relevance: &Relevance) -> f64 {
        match self {
            Gain::Binary => {
                if relevance.is_relevant(grade) {
                    1.0
                } else {
                    0.0
                }
            }
            Gain::Grade => f64::from(grade),
            Gain::Map(table) => table.get(&grade).copied().unwrap_or(0.0),
        }
    }
}

/// Reads `binary`, `grade` or `map:GRADE=GAIN,...`.
impl FromStr for Gain {
    type Err = EvalError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let bad = || EvalError::InvalidGain {
            spec: spec.to_owned(),
        };
        let s = spec.trim();
        match s.to_ascii_lowercase().as_str() {
            "binary" => return Ok(Gain::Binary),
            "grade" => return Ok(Gain::Grade),
            _ => {}
        }
        let pairs = s.strip_prefix("map:").ok_or_else(bad)?;
        let mut table = BTreeMap::new();
        for pair in pairs.split(',') {
            let (grade, gain) = pair.split_once('=').ok_or_else(bad)?;
            let grade: i32 = grade.trim().parse().map_err(|_| bad())?;
            let gain: f64 = gain.trim().parse().map_err(|_| bad())?;
            if !gain.is_finite() {
                return Err(bad());
            }
            table.insert(grade, gain);
        }
        Ok(Gain::Map(table))
    }
}

impl fmt::Display for Gain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gain::Binary => f.write_str("binary"),
            Gain::Grade => f.write_str("grade"),
            Gain::Map(table) => {
                let pairs: Vec<String> = table.iter().map(|(g, v)| format!("{g}={v}")).collect();
                write!(f, "map:{}", pairs.join(","))
            }
        }
    }
}

/// Effectiveness of one query, or the mean over queries.
///
/// For a mean, the ratios are averaged over `num_q` queries while `num_rel`
/// and `num_rel_ret` are summed, as trec_eval reports them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Measures {
    pub map: f64,
    pub ndcg_10: f64,
    pub p_10: f64,
    pub r_100: f64,
    pub mrr: f64,
    pub num_q: usize,
    pub num_rel: usize,
    pub num_rel_ret: usize,
}

/// The measures of one query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryMeasures {
    pub qid: String,
    #[serde(flatten)]
    pub measures: Measures,
}

/// One run scored against one qrels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The run's tag.
    pub tag: String,
    /// [`Relevance`] used, in words.
    pub relevance: String,
    /// [`Gain`] used for nDCG.
    pub gain: String,
    /// Mean over the evaluated queries.
    pub mean: Measures,
    /// Each evaluated query, numeric ids in numeric order.
    pub per_query: Vec<QueryMeasures>,
    /// Qrels queries left out because none of their documents is relevant.
    pub no_relevant: Vec<String>,
    /// Run queries ignored because the qrels do not judge them.
    pub unjudged_queries: Vec<String>,
}

/// Scores `run` against `qrels` (see the module doc for the conventions).
pub fn evaluate(qrels: &Qrels, run: &Run, relevance: &Relevance, gain: &Gain) -> Evaluation {
    let mut per_query = Vec::new();
    let mut no_relevant = Vec::new();
    for (qid, judged) in &qrels.judgements {
        match query_measures(judged, run.ranking(qid), relevance, gain) {
            Some(measures) => per_query.push(QueryMeasures {
                qid: qid.clone(),
                measures,
            }),
            None => no_relevant.push(qid.clone()),
        }
    }
    let mut unjudged_queries: Vec<String> = run
        .queries()
        .filter(|qid| !qrels.judgements.contains_key(*qid))
        .map(str::to_owned)
        .collect();
    per_query.sort_by(|a, b| natural_order(&a.qid, &b.qid));
    no_relevant.sort_by(|a, b| natural_order(a, b));
    unjudged_queries.sort_by(|a, b| natural_order(a, b));
    Evaluation {
        tag: run.tag.clone(),
        relevance: relevance.to_string(),
        gain: gain.to_string(),
        mean: mean(&per_query),
        per_query,
        no_relevant,
        unjudged_queries,
    }
}

/// Measures for one query; `None` when the query has no relevant document.
fn query_measures(
    judged: &HashMap<String, i32>,
    ranking: &[(String, f64)],
    relevance: &Relevance,
    gain: &Gain,
) -> Option<Measures> {
    let num_rel = judged
        .values()
        .filter(|g| relevance.is_relevant(**g))
        .count();
    if num_rel == 0 {
        return None;
    }
    let mut precision_sum = 0.0;
    let mut rel_ret = 0usize;
    let mut rel_ret_10 = 0usize;
    let mut rel_ret_100 = 0usize;
    let mut first_rel_rank: Option<usize> = None;
    let mut dcg = 0.0;
    for (i, (docid, _)) in ranking.iter().enumerate() {
        let rank = i + 1;
        let Some(grade) = judged.get(docid).copied() else {
            continue;
        };
        if rank <= TOP_10 {
            let g = gain.value(grade, relevance);
            if g > 0.0 {
                dcg += g / discount(rank);
            }
        }
        if relevance.is_relevant(grade) {
            rel_ret += 1;
            precision_sum += rel_ret as f64 / rank as f64;
            first_rel_rank.get_or_insert(rank);
            if rank <= TOP_10 {
                rel_ret_10 += 1;
            }
            if rank <= TOP_100 {
                rel_ret_100 += 1;
            }
        }
    }
    let mut ideal: Vec<f64> = judged
        .values()
        .map(|g| gain.value(*g, relevance))
        .filter(|g| *g > 0.0)
        .collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let ideal_dcg: f64 = ideal
        .iter()
        .take(TOP_10)
        .enumerate()
        .map(|(i, g)| g / discount(i + 1))
        .sum();
    Some(Measures {
        map: precision_sum / num_rel as f64,
        ndcg_10: if ideal_dcg > 0.0 {
            dcg / ideal_dcg
        } else {
            0.0
        },
        p_10: rel_ret_10 as f64 / TOP_10 as f64,
        r_100: rel_ret_100 as f64 / num_rel as f64,
        mrr: first_rel_rank.map_or(0.0, |r| 1.0 / r as f64),
        num_q: 1,
        num_rel,
        num_rel_ret: rel_ret,
    })
}

/// nDCG's discount for a 1-based rank: log2(rank + 1), as current trec_eval.
/// (Older trec_eval releases divided by log2(rank) from rank 2 on.)
fn discount(rank: usize) -> f64 {
    (rank as f64 + 1.0).log2()
}

fn mean(queries: &[QueryMeasures]) -> Measures {
    let n = queries.len();
    if n == 0 {
        return Measures::default();
    }
    let avg =
        |f: fn(&Measures) -> f64| queries.iter().map(|q| f(&q.measures)).sum::<f64>() / n as f64;
    Measures {
        map: avg(|m| m.map),
        ndcg_10: avg(|m| m.ndcg_10),
        p_10: avg(|m| m.p_10),
        r_100: avg(|m| m.r_100),
        mrr: avg(|m| m.mrr),
        num_q: n,
        num_rel: queries.iter().map(|q| q.measures.num_rel).sum(),
        num_rel_ret: queries.iter().map(|q| q.measures.num_rel_ret).sum(),
    }
}

/// Numeric ids in numeric order before other ids in byte order, so query
/// tables read 1, 2, 10 rather than 1, 10, 2.
fn natural_order(a: &str, b: &str) -> Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// How [`render`] prints evaluations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns, trec_eval's measure names.
    #[default]
    Text,
    /// A GitHub Markdown table, one row per run, for BENCHMARKS.md.
    Markdown,
    /// Pretty-printed JSON (see [`to_json`]).
    Json,
}

impl FromStr for Format {
    type Err = EvalError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        match spec.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            _ => Err(EvalError::InvalidFormat {
                spec: spec.to_owned(),
            }),
        }
    }
}

/// Renders named evaluations in `format`; `per_query` adds each query.
pub fn render(evals: &[(String, Evaluation)], per_query: bool, format: Format) -> String {
    match format {
        Format::Text => render_table(evals, per_query),
        Format::Markdown => render_markdown(evals, per_query),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(evals, per_query))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            s.push('\n');
            s
        }
    }
}

/// A measure as a row: trec_eval name, Markdown header, value getter, and
/// whether it is a count (printed as an integer).
struct Column {
    trec_name: &'static str,
    header: &'static str,
    value: fn(&Measures) -> f64,
    count: bool,
}

const COLUMNS: [Column; 8] = [
    Column {
        trec_name: "num_q",
        header: "queries",
        value: |m| m.num_q as f64,
        count: true,
    },
    Column {
        trec_name: "num_rel",
        header: "relevant",
        value: |m| m.num_rel as f64,
        count: true,
    },
    Column {
        trec_name: "num_rel_ret",
        header: "rel. retrieved",
        value: |m| m.num_rel_ret as f64,
        count: true,
    },
    Column {
        trec_name: "map",
        header: "MAP",
        value: |m| m.map,
        count: false,
    },
    Column {
        trec_name: "ndcg_cut_10",
        header: "nDCG@10",
        value: |m| m.ndcg_10,
        count: false,
    },
    Column {
        trec_name: "P_10",
        header: "P@10",
        value: |m| m.p_10,
        count: false,
    },
    Column {
        trec_name: "recall_100",
        header: "R@100",
        value: |m| m.r_100,
        count: false,
    },
    Column {
        trec_name: "recip_rank",
        header: "MRR",
        value: |m| m.mrr,
        count: false,
    },
];

fn cell(column: &Column, measures: Option<&Measures>) -> String {
    match measures {
        None => "-".to_owned(),
        Some(m) if column.count => format!("{}", (column.value)(m)),
        Some(m) => format!("{:.4}", (column.value)(m)),
    }
}

/// Every query id evaluated by any of the runs, in natural order.
fn all_qids(evals: &[(String, Evaluation)]) -> Vec<&str> {
    let mut qids: Vec<&str> = evals
        .iter()
        .flat_map(|(_, e)| e.per_query.iter().map(|q| q.qid.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    qids.sort_by(|a, b| natural_order(a, b));
    qids
}

fn query_lookup(eval: &Evaluation) -> HashMap<&str, &Measures> {
    eval.per_query
        .iter()
        .map(|q| (q.qid.as_str(), &q.measures))
        .collect()
}

/// trec_eval-like text: one row per measure (and query, with `per_query`,
/// before the `all` rows), one column per run.
pub fn render_table(evals: &[(String, Evaluation)], per_query: bool) -> String {
    let mut rows: Vec<Vec<String>> = vec![
        ["measure", "qid"]
            .into_iter()
            .map(str::to_owned)
            .chain(evals.iter().map(|(name, _)| name.clone()))
            .collect(),
    ];
    if per_query {
        let lookups: Vec<_> = evals.iter().map(|(_, e)| query_lookup(e)).collect();
        for qid in all_qids(evals) {
            for column in COLUMNS.iter().filter(|c| c.trec_name != "num_q") {
                let mut row = vec![column.trec_name.to_owned(), qid.to_owned()];
                row.extend(lookups.iter().map(|l| cell(column, l.get(qid).copied())));
                rows.push(row);
            }
        }
    }
    for column in &COLUMNS {
        let mut row = vec![column.trec_name.to_owned(), "all".to_owned()];
        row.extend(evals.iter().map(|(_, e)| cell(column, Some(&e.mean))));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, text) in row.iter().enumerate() {
            let pad = widths[c] - text.chars().count();
            if c < 2 {
                line.push_str(text);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str(&" ".repeat(pad));
                line.push_str(text);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Escapes what would break a Markdown table cell.
fn md_escape(text: &str) -> String {
    text.replace('|', "\\|")
}

/// A Markdown table with one row per run and one column per measure, plus a
/// line saying what counted as relevant; with `per_query`, a second table of
/// each query's measures.
pub fn render_markdown(evals: &[(String, Evaluation)], per_query: bool) -> String {
    let mut out = String::new();
    let ratios: Vec<&Column> = COLUMNS.iter().filter(|c| !c.count).collect();
    let counts: Vec<&Column> = COLUMNS.iter().filter(|c| c.count).collect();
    let headers: Vec<&str> = ratios.iter().chain(&counts).map(|c| c.header).collect();
    out.push_str(&format!("| run | {} |\n", headers.join(" | ")));
    out.push_str(&format!("| --- |{}\n", " ---: |".repeat(headers.len())));
    for (name, eval) in evals {
        let cells: Vec<String> = ratios
            .iter()
            .chain(&counts)
            .map(|c| cell(c, Some(&eval.mean)))
            .collect();
        out.push_str(&format!(
            "| {} | {} |\n",
            md_escape(name),
            cells.join(" | ")
        ));
    }
    let settings: BTreeSet<String> = evals
        .iter()
        .map(|(_, e)| format!("relevant: {}; nDCG gain: {}", e.relevance, e.gain))
        .collect();
    if !settings.is_empty() {
        let settings: Vec<String> = settings.into_iter().collect();
        out.push_str(&format!(
            "\n{}.\n",
            md_escape(&settings.join(" / "))
                .replace(">=", "≥")
                .replace("<=", "≤")
        ));
    }
    if per_query {
        let lookups: Vec<_> = evals.iter().map(|(_, e)| query_lookup(e)).collect();
        let mut header = String::from("| qid |");
        let mut rule = String::from("| --- |");
        for (name, _) in evals {
            for column in &ratios {
                header.push_str(&format!(" {} {} |", md_escape(name), column.header));
                rule.push_str(" ---: |");
            }
        }
        out.push_str(&format!("\n{header}\n{rule}\n"));
        for qid in all_qids(evals) {
            out.push_str(&format!("| {} |", md_escape(qid)));
            for lookup in &lookups {
                for column in &ratios {
                    out.push_str(&format!(" {} |", cell(column, lookup.get(qid).copied())));
                }
            }
            out.push('\n');
        }
    }
    out
}

/// JSON: `{"runs": [{"name", "tag", "relevance", "gain", "mean": {...},
/// "no_relevant": [...], "unjudged_queries": [...], "per_query": [...]}]}`,
/// `per_query` present only when asked for. Measure keys are the
/// [`Measures`] field names.
pub fn to_json(evals: &[(String, Evaluation)], per_query: bool) -> Value {
    let runs: Vec<Value> = evals
        .iter()
        .map(|(name, e)| {
            let mut run = json!({
                "name": name,
                "tag": e.tag,
                "relevance": e.relevance,
                "gain": e.gain,
                "mean": e.mean,
                "no_relevant": e.no_relevant,
                "unjudged_queries": e.unjudged_queries,
            });
            if per_query {
                run["per_query"] = json!(e.per_query);
            }
            run
        })
        .collect();
    json!({ "runs": runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPS: f64 = 1e-12;

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < EPS,
            "expected {expected}, got {actual}"
        );
    }

    fn run_line(qid: &str, docid: &str, score: f64) -> String {
        format!("{qid} Q0 {docid} 0 {score} test\n")
    }

    fn one_query(qrels: &str, run: &str, rel: &Relevance, gain: &Gain) -> Measures {
        let qrels = parse_qrels(qrels, "qrels").expect("test qrels parse");
        let run = parse_run(run, "run").expect("test run parses");
        let eval = evaluate(&qrels, &run, rel, gain);
        assert_eq!(eval.per_query.len(), 1);
        eval.per_query[0].measures.clone()
    }

    // Judged: d1, d3, d4 relevant (grade 1), d2 judged non-relevant (grade 0).
    // Ranking: 1 d1 (rel), 2 d2 (judged non-rel), 3 d9 (unjudged), 4 d3 (rel);
    // d4 is never retrieved.
    // AP     = (1/1 + 2/4) / 3                          = 0.5
    // P@10   = 2 / 10                                   = 0.2
    // R@100  = 2 / 3
    // RR     = 1 / 1
    // DCG@10 = 1/log2(2) + 1/log2(5)                    = 1.4306766
    // IDCG   = 1/log2(2) + 1/log2(3) + 1/log2(4)        = 2.1309298
    // nDCG   = 0.6713861
    #[test]
    fn binary_measures_on_one_query() {
        let qrels = "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 1\nq1 0 d4 1\n";
        let run = [("d1", 5.0), ("d2", 4.0), ("d9", 3.0), ("d3", 2.0)]
            .iter()
            .map(|(d, s)| run_line("q1", d, *s))
            .collect::<String>();
        let m = one_query(qrels, &run, &Relevance::default(), &Gain::Binary);
        close(m.map, 0.5);
        close(m.p_10, 0.2);
        close(m.r_100, 2.0 / 3.0);
        close(m.mrr, 1.0);
        let dcg = 1.0 + 1.0 / 5f64.log2();
        let idcg = 1.0 + 1.0 / 3f64.log2() + 0.5;
        close(m.ndcg_10, dcg / idcg);
        assert!((m.ndcg_10 - 0.6713861).abs() < 1e-6);
        assert_eq!((m.num_rel, m.num_rel_ret, m.num_q), (3, 2, 1));
    }

    // All four documents score 1.0, so trec_eval orders them by docid
    // descending in byte order: d3, d2, d10, d1 (a numeric sort would give
    // d10 first). The rank column says the opposite and must be ignored.
    // Only d10 is relevant, at rank 3: RR = 1/3, AP = (1/3)/1,
    // nDCG = (1/log2(4)) / (1/log2(2)) = 0.5, P@10 = 0.1.
    #[test]
    fn ties_are_broken_by_docid_descending_in_byte_order() {
        let run = "q1 Q0 d1 1 1.0 t\nq1 Q0 d10 2 1.0 t\nq1 Q0 d2 3 1.0 t\nq1 Q0 d3 4 1.0 t\n";
        let parsed = parse_run(run, "run").expect("parses");
        let order: Vec<&str> = parsed
            .ranking("q1")
            .iter()
            .map(|(d, _)| d.as_str())
            .collect();
        assert_eq!(order, ["d3", "d2", "d10", "d1"]);
        let m = one_query("q1 0 d10 1", run, &Relevance::default(), &Gain::Binary);
        close(m.mrr, 1.0 / 3.0);
        close(m.map, 1.0 / 3.0);
        close(m.ndcg_10, 0.5);
        close(m.p_10, 0.1);
    }

    // Scores decide the order, not the rank column or the line order:
    // lines list b (score 1) before a (score 2), so a ranks first.
    #[test]
    fn order_comes_from_scores_not_from_rank_column() {
        let run = "q1 Q0 b 1 1 t\nq1 Q0 a 2 2 t\n";
        let parsed = parse_run(run, "run").expect("parses");
        let order: Vec<&str> = parsed
            .ranking("q1")
            .iter()
            .map(|(d, _)| d.as_str())
            .collect();
        assert_eq!(order, ["a", "b"]);
        let m = one_query(
            "q1 0 a 1\nq1 0 b 0",
            run,
            &Relevance::default(),
            &Gain::Binary,
        );
        close(m.mrr, 1.0);
    }

    // Judged: a=3, b=1, c=0, d=2; Cranfield-style x=-1. Ranking: b, a, c, y.
    // Grade gain (trec_eval): DCG = 1/log2(2) + 3/log2(3) = 2.8927893;
    //   ideal gains 3, 2, 1: 3 + 2/log2(3) + 1/log2(4)    = 4.7618595;
    //   nDCG = 0.6074915. The -1 judgement gains nothing.
    // Binary (grade >= 1 relevant: a, b, d): DCG = 1 + 1/log2(3) = 1.6309298,
    //   IDCG = 1 + 1/log2(3) + 1/2 = 2.1309298, nDCG = 0.7653606.
    // Map {1:4, 2:3, 3:2}: b -> 4, a -> 2: DCG = 4 + 2/log2(3) = 5.2618595;
    //   ideal 4, 3, 2: 4 + 3/log2(3) + 2/2 = 6.8927893; nDCG = 0.7633861.
    #[test]
    fn graded_gains_for_ndcg() {
        let qrels = "q1 0 a 3\nq1 0 b 1\nq1 0 c 0\nq1 0 d 2\nq1 0 x -1\n";
        let run = "q1 Q0 b 1 4 t\nq1 Q0 a 2 3 t\nq1 Q0 c 3 2 t\nq1 Q0 y 4 1 t\n";
        let rel = Relevance::default();
        let l3 = 3f64.log2();

        let m = one_query(qrels, run, &rel, &Gain::Grade);
        close(m.ndcg_10, (1.0 + 3.0 / l3) / (3.0 + 2.0 / l3 + 0.5));
        assert!((m.ndcg_10 - 0.6074915).abs() < 1e-6);

        let m = one_query(qrels, run, &rel, &Gain::Binary);
        close(m.ndcg_10, (1.0 + 1.0 / l3) / (1.0 + 1.0 / l3 + 0.5));
        assert!((m.ndcg_10 - 0.7653606).abs() < 1e-6);

        let gain: Gain = "map:1=4,2=3,3=2".parse().expect("gain parses");
        let m = one_query(qrels, run, &rel, &gain);
        close(m.ndcg_10, (4.0 + 2.0 / l3) / (4.0 + 3.0 / l3 + 1.0));
        assert!((m.ndcg_10 - 0.7633861).abs() < 1e-6);
    }

    // Binary gain follows Relevance: with 1..4 relevant, a grade-5 document
    // at rank 1 gains nothing and is not part of the ideal ranking.
    // Ranking: e (5), a (1). DCG = 1/log2(3); IDCG = 1. nDCG = 0.6309298.
    #[test]
    fn binary_gain_follows_relevance_bounds() {
        let qrels = "q1 0 a 1\nq1 0 e 5\n";
        let run = "q1 Q0 e 1 2 t\nq1 Q0 a 2 1 t\n";
        let m = one_query(qrels, run, &Relevance::between(1, 4), &Gain::Binary);
        close(m.ndcg_10, 1.0 / 3f64.log2());
        close(m.mrr, 0.5);
        assert_eq!(m.num_rel, 1);
    }

    // Qrels: q1 (a relevant), q2 (b relevant), q3 (only c, judged 0), q10.
    // Run: q1 retrieves a at rank 1; q2 and q10 have no lines at all; q9 is
    // not in the qrels.
    // -c semantics: q1 = 1 on everything; q2 and q10 = 0; q3 is left out
    // (no relevant doc); q9 ignored. Means over 3 queries: MAP = 1/3,
    // P@10 = 0.1/3, num_rel = 3, num_rel_ret = 1.
    #[test]
    fn queries_without_results_score_zero_and_unjudged_ones_are_ignored() {
        let qrels = "q1 0 a 1\nq2 0 b 1\nq3 0 c 0\n10 0 z 2\n";
        let run = "q1 Q0 a 1 1 t\nq9 Q0 a 1 1 t\n";
        let qrels = parse_qrels(qrels, "qrels").expect("parses");
        let run = parse_run(run, "run").expect("parses");
        let eval = evaluate(&qrels, &run, &Relevance::default(), &Gain::Binary);
        let qids: Vec<&str> = eval.per_query.iter().map(|q| q.qid.as_str()).collect();
        assert_eq!(qids, ["10", "q1", "q2"]);
        assert_eq!(eval.no_relevant, ["q3"]);
        assert_eq!(eval.unjudged_queries, ["q9"]);
        let empty = &eval.per_query[2].measures;
        assert_eq!(
            (empty.map, empty.ndcg_10, empty.p_10, empty.r_100, empty.mrr),
            (0.0, 0.0, 0.0, 0.0, 0.0)
        );
        assert_eq!((empty.num_rel, empty.num_rel_ret), (1, 0));
        close(eval.mean.map, 1.0 / 3.0);
        close(eval.mean.ndcg_10, 1.0 / 3.0);
        close(eval.mean.p_10, 0.1 / 3.0);
        close(eval.mean.r_100, 1.0 / 3.0);
        close(eval.mean.mrr, 1.0 / 3.0);
        assert_eq!(
            (eval.mean.num_q, eval.mean.num_rel, eval.mean.num_rel_ret),
            (3, 3, 1)
        );
    }

    // A run that is empty altogether still scores every qrels query as 0.
    #[test]
    fn empty_run_scores_zero() {
        let qrels = parse_qrels("1 5 1\n2 6 1", "qrels").expect("parses");
        let run = parse_run("", "run").expect("empty run is valid");
        let eval = evaluate(&qrels, &run, &Relevance::default(), &Gain::Binary);
        assert_eq!(eval.mean.num_q, 2);
        assert_eq!(eval.mean.map, 0.0);
        assert_eq!(eval.tag, "");
    }

    // With grade >= 2 relevant, a query judged only with grade 1 has no
    // relevant document and is left out.
    #[test]
    fn relevance_threshold_can_empty_a_query() {
        let qrels = parse_qrels("1 a 1\n2 b 2\n", "qrels").expect("parses");
        let run = parse_run("1 Q0 a 1 1 t\n2 Q0 b 1 1 t\n", "run").expect("parses");
        let eval = evaluate(&qrels, &run, &Relevance::at_least(2), &Gain::Binary);
        assert_eq!(eval.no_relevant, ["1"]);
        assert_eq!(eval.mean.num_q, 1);
        close(eval.mean.map, 1.0);
    }

    // d1 is listed twice; the first line (score 1) wins over the later
    // score 9, so d2 (score 5) ranks first and relevant d1 second: RR = 1/2.
    #[test]
    fn duplicate_run_lines_keep_the_first() {
        let run = "q Q0 d1 1 1 t\nq Q0 d2 2 5 t\nq Q0 d1 3 9 t\n";
        let parsed = parse_run(run, "run").expect("parses");
        assert_eq!(parsed.duplicates(), 1);
        assert_eq!(parsed.ranking("q").len(), 2);
        let m = one_query("q 0 d1 1", run, &Relevance::default(), &Gain::Binary);
        close(m.mrr, 0.5);
        assert_eq!(m.num_rel_ret, 1);
    }

    #[test]
    fn duplicate_judgements_keep_the_first() {
        let qrels = parse_qrels("q 0 d 1\nq 0 d 0\n", "qrels").expect("parses");
        assert_eq!(qrels.duplicates(), 1);
        assert_eq!(qrels.grade("q", "d"), Some(1));
    }

    // One relevant document retrieved alone at rank 1: P@10 = 1/10, not 1/1.
    #[test]
    fn precision_at_10_divides_by_10_for_short_rankings() {
        let m = one_query(
            "q 0 a 1",
            "q Q0 a 1 1 t",
            &Relevance::default(),
            &Gain::Binary,
        );
        close(m.p_10, 0.1);
        close(m.map, 1.0);
    }

    // 101 documents, scores 101 down to 1; relevant r at rank 101, relevant
    // s at rank 11. R@100 = 1/2 (only s); P@10 = 0; nDCG@10 = 0;
    // AP = (1/11 + 2/101) / 2; RR = 1/11; num_rel_ret = 2.
    #[test]
    fn cutoffs_at_10_and_100() {
        let mut run = String::new();
        for rank in 1..=101 {
            let doc = match rank {
                11 => "s".to_owned(),
                101 => "r".to_owned(),
                _ => format!("n{rank}"),
            };
            run.push_str(&run_line("q", &doc, (102 - rank) as f64));
        }
        let m = one_query(
            "q 0 r 1\nq 0 s 1",
            &run,
            &Relevance::default(),
            &Gain::Binary,
        );
        close(m.r_100, 0.5);
        close(m.p_10, 0.0);
        close(m.ndcg_10, 0.0);
        close(m.map, (1.0 / 11.0 + 2.0 / 101.0) / 2.0);
        close(m.mrr, 1.0 / 11.0);
        assert_eq!(m.num_rel_ret, 2);
    }

    // A judged non-relevant document at rank 1 does not count; the first
    // relevant one is at rank 3: RR = 1/3, AP = (1/3)/1.
    #[test]
    fn reciprocal_rank_skips_judged_non_relevant() {
        let run = "q Q0 n 1 3 t\nq Q0 u 2 2 t\nq Q0 r 3 1 t\n";
        let m = one_query(
            "q 0 n 0\nq 0 r 2",
            run,
            &Relevance::default(),
            &Gain::Binary,
        );
        close(m.mrr, 1.0 / 3.0);
        close(m.map, 1.0 / 3.0);
    }

    // Cranfield's cranqrel: 3 columns, trailing space, no final newline,
    // grade -1. Also CRLF, blank lines and comments.
    #[test]
    fn parses_cranfield_and_trec_qrels() {
        let qrels = parse_qrels("1 184 2 \n1 29 -1 \n2 12 3 ", "cranqrel").expect("parses");
        assert_eq!(qrels.num_judgements(), 3);
        assert_eq!(qrels.grade("1", "29"), Some(-1));
        assert_eq!(qrels.grade("2", "12"), Some(3));
        let qrels = parse_qrels("# c\r\n1 0 d1 1\r\n\r\n1 0 d2 0\r\n", "q").expect("parses");
        assert_eq!(qrels.num_queries(), 1);
        assert_eq!(qrels.grade("1", "d2"), Some(0));
    }

    #[test]
    fn qrels_errors_name_file_line_and_expectation() {
        let err = parse_qrels("1 0 d 1\n1 d2 1\n1 0 d3 1 x\n", "a.qrels").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.qrels:3: expected `qid iter docid grade` (4 columns) or `qid docid grade` (3 columns), found 5 columns in `1 0 d3 1 x`"
        );
        let err = parse_qrels("1 0 d high", "a.qrels").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.qrels:1: expected an integer grade in the last column, found `high`"
        );
        assert_eq!(
            parse_qrels("\n\n", "e").unwrap_err(),
            EvalError::EmptyQrels { file: "e".into() }
        );
    }

    #[test]
    fn run_errors_name_file_line_and_expectation() {
        let err = parse_run("1 Q0 d 1 2.5 t\n1 Q0 d2 2 t\n", "x.run").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.run:2: expected `qid Q0 docid rank score tag` (6 columns), found 5 columns in `1 Q0 d2 2 t`"
        );
        let err = parse_run("1 Q0 d 1 NaN t", "x.run").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.run:1: expected a number as the score")
        );
        let err = parse_run("1 Q0 d 1 abc t", "x.run").unwrap_err();
        assert!(err.to_string().ends_with("found `abc`"));
    }

    #[test]
    fn run_tag_comes_from_first_line() {
        let run = parse_run("1 Q0 a 1 2 first\n1 Q0 b 2 1 second\n", "r").expect("parses");
        assert_eq!(run.tag, "first");
    }

    #[test]
    fn relevance_specs() {
        let list: Relevance = "1,2,3,4".parse().expect("list");
        assert!(list.is_relevant(1) && list.is_relevant(4));
        assert!(!list.is_relevant(-1) && !list.is_relevant(0) && !list.is_relevant(5));
        assert_eq!(list.to_string(), "grade in {1, 2, 3, 4}");
        let range: Relevance = "2..3".parse().expect("range");
        assert_eq!(range, Relevance::between(2, 3));
        assert_eq!("2..=3".parse::<Relevance>(), Ok(Relevance::between(2, 3)));
        assert_eq!("-1..4".parse::<Relevance>(), Ok(Relevance::between(-1, 4)));
        assert_eq!("2".parse::<Relevance>(), Ok(Relevance::at_least(2)));
        assert_eq!(">=2".parse::<Relevance>(), Ok(Relevance::at_least(2)));
        assert_eq!("2..".parse::<Relevance>(), Ok(Relevance::at_least(2)));
        assert_eq!(Relevance::default().to_string(), "grade >= 1");
        assert_eq!(range.to_string(), "2 <= grade <= 3");
        for bad in ["", "x", "3..1", "1,,2", "1..x"] {
            assert!(bad.parse::<Relevance>().is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn gain_specs_round_trip() {
        for spec in ["binary", "grade", "map:1=4,2=3,3=2,4=1", "map:-1=0,2=0.5"] {
            let gain: Gain = spec.parse().expect("valid gain");
            assert_eq!(gain.to_string(), spec);
        }
        for bad in ["", "map:", "map:1", "map:1=x", "map:1=inf", "linear"] {
            assert!(bad.parse::<Gain>().is_err(), "{bad:?} should fail");
        }
    }

    fn two_runs() -> Vec<(String, Evaluation)> {
        let qrels = parse_qrels("1 0 a 1\n2 0 b 1\n", "qrels").expect("parses");
        let good = parse_run("1 Q0 a 1 1 good\n2 Q0 b 1 1 good\n", "g").expect("parses");
        let bad = parse_run("1 Q0 x 1 1 bad\n", "b").expect("parses");
        let rel = Relevance::default();
        vec![
            ("good".into(), evaluate(&qrels, &good, &rel, &Gain::Binary)),
            ("bad".into(), evaluate(&qrels, &bad, &rel, &Gain::Binary)),
        ]
    }

    #[test]
    fn text_table_puts_runs_side_by_side() {
        let table = render_table(&two_runs(), false);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "measure      qid    good     bad");
        assert!(
            lines.contains(&"map          all  1.0000  0.0000"),
            "{table}"
        );
        assert!(
            lines.contains(&"num_q        all       2       2"),
            "{table}"
        );
        let per_query = render_table(&two_runs(), true);
        assert!(
            per_query.contains("recip_rank   2    1.0000  0.0000"),
            "{per_query}"
        );
    }

    #[test]
    fn markdown_has_one_row_per_run() {
        let md = render(&two_runs(), false, Format::Markdown);
        assert!(md.starts_with("| run | MAP | nDCG@10 | P@10 | R@100 | MRR | queries |"));
        assert!(md.contains("| good | 1.0000 | 1.0000 | 0.1000 | 1.0000 | 1.0000 | 2 | 2 | 2 |"));
        assert!(md.contains("relevant: grade ≥ 1; nDCG gain: binary."));
        let md = render_markdown(&two_runs(), true);
        assert!(md.contains("| 2 | 1.0000 |"), "{md}");
    }

    #[test]
    fn json_lists_runs_with_means() {
        let value = to_json(&two_runs(), true);
        assert_eq!(value["runs"][0]["name"], "good");
        assert_eq!(value["runs"][0]["mean"]["map"], 1.0);
        assert_eq!(value["runs"][1]["mean"]["num_rel_ret"], 0);
        assert_eq!(value["runs"][0]["per_query"][1]["qid"], "2");
        assert!(
            to_json(&two_runs(), false)["runs"][0]
                .get("per_query")
                .is_none()
        );
        assert_eq!("md".parse::<Format>(), Ok(Format::Markdown));
        assert!("html".parse::<Format>().is_err());
    }
}
