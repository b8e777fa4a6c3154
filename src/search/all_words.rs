//! Queries whose every word is required (`+trade +deficit`), each word in any of the
//! default fields, collected for the best passages with block-max pruning.
//!
//! tantivy's intersection visits and scores every passage that has all the words, even
//! when only the best ten are wanted. Here each posting list's blocks carry the highest
//! score any of their passages can reach (block-max), so a stretch of passages where the
//! words' block maxima add up to no more than the score to beat is skipped unread (the
//! conjunction form of block-max WAND, as in Lucene's `BlockMaxConjunctionScorer`).
//! Counting, facets and explanations still use tantivy's own weight ([`Pruned`]): only
//! the top-passages path and scoring every match are replaced.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;

use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, BooleanQuery, BoostQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader, TERMINATED, Term};

use super::pruned::{Pruned, TopK};

/// A parsed query made only of required words, each a term in one or more fields (with
/// that field's boost), with tantivy's form kept for everything but top-k pruning.
pub(crate) type AllWords = Pruned<RequiredWords>;

/// The shape of [`AllWords`]: per required word, its term and boost in each field.
#[derive(Clone)]
pub(crate) struct RequiredWords {
    words: Vec<Vec<(Term, Score)>>,
}

impl AllWords {
    /// `parsed` as an [`AllWords`] when it has that shape: at least two clauses, all
    /// required, each one word searched in the default fields (`boosts`). Anything else
    /// (phrases, optional or excluded words, ranges) is given back unchanged.
    pub(crate) fn wrap(parsed: Box<dyn Query>, boosts: &[(Field, Score)]) -> Box<dyn Query> {
        match required_words(&*parsed, boosts) {
            Some(words) => Box::new(Pruned {
                base: parsed,
                shape: RequiredWords { words },
            }),
            None => parsed,
        }
    }
}

fn required_words(
    parsed: &dyn Query,
    boosts: &[(Field, Score)],
) -> Option<Vec<Vec<(Term, Score)>>> {
    let all = parsed.downcast_ref::<BooleanQuery>()?;
    let clauses = all.clauses();
    if clauses.len() < 2 || clauses.iter().any(|(occur, _)| *occur != Occur::Must) {
        return None;
    }
    clauses
        .iter()
        .map(|(_, clause)| {
            let per_field: Vec<&dyn Query> = match clause.downcast_ref::<BooleanQuery>() {
                Some(any) => {
                    if any
                        .clauses()
                        .iter()
                        .any(|(occur, _)| *occur != Occur::Should)
                    {
                        return None;
                    }
                    any.clauses().iter().map(|(_, q)| q.as_ref()).collect()
                }
                None => vec![clause.as_ref()],
            };
            let terms = per_field
                .into_iter()
                .map(|q| field_term(q, boosts))
                .collect::<Option<Vec<_>>>()?;
            (!terms.is_empty()).then_some(terms)
        })
        .collect()
}

/// One word in one field: a `TermQuery`, boosted (a `BoostQuery` around it) exactly when
/// its field has a boost other than 1, as the query parser builds it.
fn field_term(q: &dyn Query, boosts: &[(Field, Score)]) -> Option<(Term, Score)> {
    let boosted = q.is::<BoostQuery>();
    if !boosted && !q.is::<TermQuery>() {
        return None;
    }
    let mut terms = Vec::new();
    let mut positions = false;
    q.query_terms(&mut |term, needs_positions| {
        terms.push(term.clone());
        positions |= needs_positions;
    });
    if terms.len() != 1 || positions {
        return None;
    }
    let term = terms.pop()?;
    let boost = boosts.iter().find(|(f, _)| *f == term.field())?.1;
    (boosted == (boost != 1.0)).then_some((term, boost))
}

impl TopK for RequiredWords {
    /// Per word, its term and BM25 weight in each field.
    type Plan = Vec<Vec<(Term, Bm25Weight)>>;

    const NAME: &'static str = "AllWords";

    fn plan(&self, stats: &dyn Bm25StatisticsProvider) -> tantivy::Result<Self::Plan> {
        self.words
            .iter()
            .map(|fields| {
                fields
                    .iter()
                    .map(|(term, boost)| {
                        // As a `TermQuery` weighs it, with the field's boost folded in.
                        let bm25 = Bm25Weight::for_terms(stats, std::slice::from_ref(term))?;
                        Ok((term.clone(), bm25.boost_by(*boost)))
                    })
                    .collect::<tantivy::Result<Vec<_>>>()
            })
            .collect()
    }

    /// Every match with its score (the top passages and the exact count in one pass):
    /// the same intersection without pruning, which also spares tantivy's union of each
    /// word's fields its buffered refills on every seek.
    fn for_each(
        plan: &Self::Plan,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> Option<tantivy::Result<()>> {
        Some(words(plan, reader).map(|words| {
            if let Some(mut words) = words {
                every_match(&mut words, callback);
            }
        }))
    }

    fn for_each_pruning(
        plan: &Self::Plan,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if let Some(mut words) = words(plan, reader)? {
            block_max_and(&mut words, threshold, callback);
        }
        Ok(())
    }
}

/// Each word's scorers in this segment, rarest word first; `None` when a word does not
/// occur in the segment at all (nothing can match).
fn words(
    plan: &[Vec<(Term, Bm25Weight)>],
    reader: &SegmentReader,
) -> tantivy::Result<Option<Vec<Word>>> {
    let mut words = Vec::with_capacity(plan.len());
    for fields in plan {
        let mut scorers = Vec::with_capacity(fields.len());
        for (term, bm25) in fields {
            let inverted = reader.inverted_index(term.field())?;
            let Some(info) = inverted.get_term_info(term)? else {
                continue;
            };
            let block =
                inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
            let norms = reader.get_fieldnorms_reader(term.field())?;
            scorers.push(FieldCursor::new(block, norms, bm25.clone()));
        }
        if scorers.is_empty() {
            return Ok(None);
        }
        words.push(Word::new(scorers));
    }
    words.sort_by_key(Word::cost);
    Ok(Some(words))
}

/// A cursor over one word's postings in one field, block by block, so that the block's
/// highest possible score and last passage are at hand (tantivy keeps its own term
/// scorer's block accessors to itself).
struct FieldCursor {
    block: BlockSegmentPostings,
    /// Index of the current passage in the loaded block. Blocks are padded with
    /// `TERMINATED`, so every index below the block size reads a document.
    cur: usize,
    norms: FieldNormReader,
    bm25: Bm25Weight,
}

/// Passages per posting block (tantivy's `COMPRESSION_BLOCK_SIZE`).
const BLOCK: usize = 128;

impl FieldCursor {
    fn new(block: BlockSegmentPostings, norms: FieldNormReader, bm25: Bm25Weight) -> FieldCursor {
        FieldCursor {
            block,
            cur: 0,
            norms,
            bm25,
        }
    }

    fn doc(&self) -> DocId {
        self.block.doc(self.cur)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.doc();
        if doc >= target {
            return doc;
        }
        if self.cur + 1 < BLOCK && self.block.doc(self.cur + 1) >= target {
            self.cur += 1;
        } else {
            self.cur = self.block.seek(target);
        }
        self.doc()
    }

    fn score(&self) -> Score {
        let doc = self.doc();
        self.bm25
            .score(self.norms.fieldnorm_id(doc), self.block.freq(self.cur))
    }

    fn last_doc_in_block(&self) -> DocId {
        match self.block.block_len() {
            0 => TERMINATED,
            n => self.block.doc(n - 1),
        }
    }

    fn block_max_score(&mut self) -> Score {
        self.block.block_max_score(&self.norms, &self.bm25)
    }
}

/// One required word: its postings in each field where it occurs.
struct Word {
    fields: Vec<FieldCursor>,
    /// The lowest current document of `fields`.
    doc: DocId,
}

impl Word {
    fn new(fields: Vec<FieldCursor>) -> Word {
        let doc = fields
            .iter()
            .map(FieldCursor::doc)
            .min()
            .unwrap_or(TERMINATED);
        Word { fields, doc }
    }

    fn cost(&self) -> u32 {
        self.fields.iter().map(|f| f.block.doc_freq()).sum()
    }

    /// Moves to the first passage at or after `target` that has the word in any field.
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut lowest = TERMINATED;
        for field in &mut self.fields {
            lowest = lowest.min(field.seek(target));
        }
        self.doc = lowest;
        lowest
    }

    /// The word's score at the current passage: the sum over the fields that have it.
    fn score(&self) -> Score {
        let doc = self.doc;
        let mut sum = 0.0;
        for field in &self.fields {
            if field.doc() == doc {
                sum += field.score();
            }
        }
        sum
    }

    /// The most the word can add to any passage from its current one up to `upto`,
    /// which it lowers to the end of the shortest current block.
    fn block_bound(&mut self, upto: &mut DocId) -> Score {
        let mut bound = 0.0;
        for field in &mut self.fields {
            if field.doc() == TERMINATED {
                continue;
            }
            *upto = (*upto).min(field.last_doc_in_block());
            bound += field.block_max_score();
        }
        bound
    }
}

/// Calls `callback` for every passage that has all `words`, with its score.
fn every_match(words: &mut [Word], callback: &mut dyn FnMut(DocId, Score)) {
    let Some((lead, others)) = words.split_first_mut() else {
        return;
    };
    let mut doc = lead.doc;
    while doc != TERMINATED {
        match align(doc, others) {
            Some(ahead) => doc = lead.seek(ahead),
            None => {
                callback(doc, score(lead, others));
                doc = lead.seek(doc + 1);
            }
        }
    }
}

/// Moves `others` to `doc`; the first passage one of them is at beyond it, if any.
fn align(doc: DocId, others: &mut [Word]) -> Option<DocId> {
    for word in others.iter_mut() {
        let at = word.seek(doc);
        if at != doc {
            return Some(at);
        }
    }
    None
}

/// The score of the passage that `lead` and `others` are all at.
fn score(lead: &Word, others: &[Word]) -> Score {
    let mut score = lead.score();
    for word in others {
        score += word.score();
    }
    score
}

/// Calls `callback` for every passage with all `words` whose score beats the threshold,
/// which the callback raises as the top fills. Stretches of passages whose block maxima
/// cannot beat it are skipped.
fn block_max_and(
    words: &mut [Word],
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    let Some((lead, others)) = words.split_first_mut() else {
        return;
    };
    let mut doc = lead.doc;
    // Per word, its block maximum in the current window, and from each word on, the sum.
    let mut bounds: Vec<Score> = vec![0.0; others.len() + 1];
    let mut rest: Vec<Score> = vec![0.0; others.len() + 1];
    // Passages up to `window_end` lie in blocks whose maxima were checked against the
    // current threshold.
    let mut window_end: Option<DocId> = None;
    loop {
        if doc == TERMINATED {
            return;
        }
        if window_end.is_none_or(|end| doc > end) {
            let mut upto = TERMINATED;
            bounds[0] = lead.block_bound(&mut upto);
            for (k, word) in others.iter_mut().enumerate() {
                if word.seek(doc) == TERMINATED {
                    return;
                }
                bounds[k + 1] = word.block_bound(&mut upto);
            }
            // What the words from the k-th on can add, at most.
            for k in (0..bounds.len()).rev() {
                rest[k] = bounds[k] + rest.get(k + 1).copied().unwrap_or(0.0);
            }
            if rest[0] <= threshold {
                if upto == TERMINATED {
                    return;
                }
                doc = lead.seek(upto + 1);
                window_end = None;
                continue;
            }
            window_end = Some(upto);
        }
        if let Some(ahead) = align(doc, others) {
            doc = lead.seek(ahead);
            continue;
        }
        // Scored word by word, given up once what is left cannot lift it over the
        // threshold.
        let mut score = lead.score();
        let mut competitive = true;
        for (k, word) in others.iter().enumerate() {
            if score + rest[k + 1] <= threshold {
                competitive = false;
                break;
            }
            score += word.score();
        }
        if competitive && score > threshold {
            threshold = callback(doc, score);
            window_end = None;
        }
        doc = lead.seek(doc + 1);
    }
}
