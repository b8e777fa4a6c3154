//! A query that is one exact phrase (`"foreign exchange"`), searched in each default
//! field, collected for the best passages without reading the positions of passages
//! that cannot make the top.
//!
//! tantivy's phrase scorer reads the positions of every passage that has all the
//! phrase's words, to count the phrase, and a union of phrases cannot prune: every
//! such passage is scored. Reading positions is most of that work (callgrind: 62% of
//! three phrase queries on Reuters ×10). But a phrase occurs in a passage at most as
//! often as its rarest word does there, and its BM25 score grows with that count: the
//! score with the rarest word's frequency is a bound that needs no positions. Here a
//! passage's positions are read only when that bound, summed over the fields that have
//! all the words, beats the score to beat.
//!
//! The score of a passage that is read is tantivy's: the phrase's BM25 weight (for all
//! its words, with the field's boost) at the phrase's count, added up over the fields.
//! Counting, facets, snippets and explanations use tantivy's own query ([`Pruned`]):
//! only the top-passages path is replaced.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight, Query};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Index, Score, SegmentReader, TERMINATED, Term};

use super::pruned::{Pruned, TopK};

/// Per field that has the phrase: its words with their positions in the phrase, and the
/// field's boost.
type PhraseFields = Vec<(Vec<(usize, Term)>, Score)>;

/// A parsed query that is one phrase in several fields, with tantivy's form kept for
/// everything but top-k pruning.
pub(crate) type AnyFieldPhrase = Pruned<FieldPhrases>;

/// The shape of [`AnyFieldPhrase`].
#[derive(Clone)]
pub(crate) struct FieldPhrases {
    fields: PhraseFields,
}

impl AnyFieldPhrase {
    /// `parsed` as an [`AnyFieldPhrase`] when `query` (the text it was parsed from) is
    /// one quoted phrase without slop or field, of two words or more in every field
    /// of `boosts` where it has any, and `parsed` asks for exactly those words. Anything
    /// else is given back unchanged.
    pub(crate) fn wrap(
        parsed: Box<dyn Query>,
        query: &str,
        index: &Index,
        boosts: &[(Field, Score)],
    ) -> Box<dyn Query> {
        match phrase_fields(&*parsed, query, index, boosts) {
            Some(fields) => Box::new(Pruned {
                base: parsed,
                shape: FieldPhrases { fields },
            }),
            None => parsed,
        }
    }
}

fn phrase_fields(
    parsed: &dyn Query,
    query: &str,
    index: &Index,
    boosts: &[(Field, Score)],
) -> Option<PhraseFields> {
    let ast = tantivy::query_grammar::parse_query(query).ok()?;
    let UserInputAst::Leaf(leaf) = &ast else {
        return None;
    };
    let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
        return None;
    };
    if lit.field_name.is_some()
        || lit.delimiter != Delimiter::DoubleQuotes
        || lit.slop != 0
        || lit.prefix
    {
        return None;
    }
    let mut fields = Vec::new();
    for &(field, boost) in boosts {
        let mut analyzer = index.tokenizer_for_field(field).ok()?;
        let mut stream = analyzer.token_stream(&lit.phrase);
        let mut terms = Vec::new();
        while let Some(tok) = stream.next() {
            terms.push((tok.position, Term::from_field_text(field, &tok.text)));
        }
        match terms.len() {
            0 => {}
            // One word: the parser makes it a term query, no phrase.
            1 => return None,
            _ => fields.push((terms, boost)),
        }
    }
    if fields.is_empty() {
        return None;
    }
    // The parsed query must ask for these words and no others, all with positions.
    let mut asked: Vec<Term> = Vec::new();
    let mut positions = true;
    parsed.query_terms(&mut |term, with_positions| {
        asked.push(term.clone());
        positions &= with_positions;
    });
    let mut ours: Vec<Term> = fields
        .iter()
        .flat_map(|(terms, _)| terms.iter().map(|(_, t)| t.clone()))
        .collect();
    asked.sort();
    asked.dedup();
    ours.sort();
    ours.dedup();
    (positions && asked == ours).then_some(fields)
}

impl TopK for FieldPhrases {
    /// Per field: the phrase's words with their positions, and its BM25 weight there.
    type Plan = Vec<(Vec<(usize, Term)>, Bm25Weight)>;

    const NAME: &'static str = "AnyFieldPhrase";

    fn plan(&self, stats: &dyn Bm25StatisticsProvider) -> tantivy::Result<Self::Plan> {
        self.fields
            .iter()
            .map(|(terms, boost)| {
                let words: Vec<Term> = terms.iter().map(|(_, t)| t.clone()).collect();
                // As a `PhraseQuery` weighs it, with the field's boost folded in.
                let bm25 = Bm25Weight::for_terms(stats, &words)?.boost_by(*boost);
                Ok((terms.clone(), bm25))
            })
            .collect()
    }

    fn for_each_pruning(
        plan: &Self::Plan,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut fields = Vec::with_capacity(plan.len());
        for (terms, bm25) in plan {
            if let Some(field) = FieldPhrase::open(reader, terms, bm25)? {
                fields.push(field);
            }
        }
        let mut left: Vec<u32> = Vec::new();
        let mut right: Vec<u32> = Vec::new();
        loop {
            let doc = fields.iter().map(|f| f.doc).min().unwrap_or(TERMINATED);
            if doc == TERMINATED {
                return Ok(());
            }
            let bound: Score = fields
                .iter()
                .filter(|f| f.doc == doc)
                .map(FieldPhrase::bound)
                .sum();
            if bound > threshold {
                // Added up field by field in the fields' order, as the union does.
                let mut score = 0.0;
                let mut found = false;
                for field in fields.iter_mut().filter(|f| f.doc == doc) {
                    let count = field.phrase_count(&mut left, &mut right);
                    if count > 0 {
                        found = true;
                        score += field.bm25.score(field.norms.fieldnorm_id(doc), count);
                    }
                }
                if found && score > threshold {
                    threshold = callback(doc, score);
                }
            }
            for field in fields.iter_mut().filter(|f| f.doc == doc) {
                field.advance();
            }
        }
    }
}

/// The phrase's words in one field of one segment, at the next passage that has all of
/// them (`doc`).
struct FieldPhrase<'w> {
    postings: Vec<SegmentPostings>,
    /// What each word's positions are shifted by so that a phrase's words all stand at
    /// one position: the last word's place in the phrase minus the word's own (as
    /// tantivy's phrase scorer shifts them, so that none goes below 0).
    offsets: Vec<u32>,
    bm25: &'w Bm25Weight,
    norms: FieldNormReader,
    doc: DocId,
}

impl<'w> FieldPhrase<'w> {
    /// `None` when a word does not occur in the field in this segment.
    fn open(
        reader: &SegmentReader,
        terms: &[(usize, Term)],
        bm25: &'w Bm25Weight,
    ) -> tantivy::Result<Option<FieldPhrase<'w>>> {
        let Some((_, first)) = terms.first() else {
            return Ok(None);
        };
        let field = first.field();
        let inverted = reader.inverted_index(field)?;
        let mut postings = Vec::with_capacity(terms.len());
        for (_, term) in terms {
            let Some(info) = inverted.get_term_info(term)? else {
                return Ok(None);
            };
            postings.push(
                inverted
                    .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)?,
            );
        }
        let last = terms.iter().map(|(at, _)| *at).max().unwrap_or(0);
        let mut phrase = FieldPhrase {
            postings,
            offsets: terms.iter().map(|(at, _)| (last - at) as u32).collect(),
            bm25,
            norms: reader.get_fieldnorms_reader(field)?,
            doc: 0,
        };
        let start = phrase.postings[0].doc();
        phrase.doc = phrase.align(start);
        Ok(Some(phrase))
    }

    /// The first passage at or after `target` that has every word.
    fn align(&mut self, mut target: DocId) -> DocId {
        'outer: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for p in &mut self.postings {
                let at = if p.doc() < target {
                    p.seek(target)
                } else {
                    p.doc()
                };
                if at != target {
                    target = at;
                    continue 'outer;
                }
            }
            return target;
        }
    }

    fn advance(&mut self) {
        let next = self.postings[0].advance();
        self.doc = self.align(next);
    }

    /// The most the phrase can score here: its score if it occurred as often as its
    /// rarest word does (it cannot occur more often, and the score grows with the count).
    fn bound(&self) -> Score {
        let least = self
            .postings
            .iter()
            .map(|p| p.term_freq())
            .min()
            .unwrap_or(0);
        self.bm25.score(self.norms.fieldnorm_id(self.doc), least)
    }

    /// How often the phrase occurs in the current passage: the positions where every
    /// word stands at its place in the phrase, as tantivy's phrase scorer counts them.
    fn phrase_count(&mut self, left: &mut Vec<u32>, right: &mut Vec<u32>) -> u32 {
        self.postings[0].positions_with_offset(self.offsets[0], left);
        for (p, &offset) in self.postings[1..].iter_mut().zip(&self.offsets[1..]) {
            p.positions_with_offset(offset, right);
            intersect(left, right);
            if left.is_empty() {
                return 0;
            }
        }
        left.len() as u32
    }
}

/// Keeps in `left` (sorted) the values that are also in `right` (sorted).
fn intersect(left: &mut Vec<u32>, right: &[u32]) {
    let mut kept = 0;
    let mut j = 0;
    for i in 0..left.len() {
        let v = left[i];
        while j < right.len() && right[j] < v {
            j += 1;
        }
        if j < right.len() && right[j] == v {
            left[kept] = v;
            kept += 1;
            j += 1;
        }
    }
    left.truncate(kept);
}
