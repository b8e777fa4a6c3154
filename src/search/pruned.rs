//! A parsed query whose top-passages path is our own, everything else tantivy's.
//!
//! Some shapes of query can be collected for their best passages much faster than
//! tantivy's own weight does ([`super::all_words`]: required words; [`super::phrase`]:
//! one phrase). [`Pruned`] wraps tantivy's query (`base`) with such a shape: counting,
//! facets, snippets and explanations use `base`; only [`Weight::for_each_pruning`]
//! (and, where the shape has a faster one, [`Weight::for_each`]) is the shape's.

use std::cell::{Cell, RefCell};

use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentReader, Term};

/// A shape of query with its own top-k collection.
pub(crate) trait TopK: Clone + Send + Sync + 'static {
    /// What collecting needs for one search: the BM25 weights of its terms.
    type Plan: Send + Sync + 'static;

    /// The name the wrapped query shows in debug output.
    const NAME: &'static str;

    /// The plan, from statistics shared with tantivy's own weight.
    fn plan(&self, stats: &dyn Bm25StatisticsProvider) -> tantivy::Result<Self::Plan>;

    /// [`Weight::for_each_pruning`] of one segment.
    fn for_each_pruning(
        plan: &Self::Plan,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()>;

    /// [`Weight::for_each`] of one segment, when the shape has its own; `None` leaves it
    /// to tantivy's weight.
    fn for_each(
        _plan: &Self::Plan,
        _reader: &SegmentReader,
        _callback: &mut dyn FnMut(DocId, Score),
    ) -> Option<tantivy::Result<()>> {
        None
    }
}

/// tantivy's parsed query (`base`) with the top-k collection of `shape`.
pub(crate) struct Pruned<T> {
    pub(super) base: Box<dyn Query>,
    pub(super) shape: T,
}

impl<T: TopK> Clone for Pruned<T> {
    fn clone(&self) -> Pruned<T> {
        Pruned {
            base: self.base.box_clone(),
            shape: self.shape.clone(),
        }
    }
}

impl<T: TopK> std::fmt::Debug for Pruned<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({:?})", T::NAME, self.base)
    }
}

impl<T: TopK> Query for Pruned<T> {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            statistics_provider,
            searcher,
        } = scoring
        else {
            return self.base.weight(scoring);
        };
        // tantivy's weight and ours need the same statistics: look each up once.
        let stats = MemoStats::new(statistics_provider);
        let base = self
            .base
            .weight(EnableScoring::enabled_from_statistics_provider(
                &stats, searcher,
            ))?;
        let plan = self.shape.plan(&stats)?;
        Ok(Box::new(PrunedWeight::<T> { base, plan }))
    }

    fn count(&self, searcher: &tantivy::Searcher) -> tantivy::Result<usize> {
        self.base.count(searcher)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.base.query_terms(visitor);
    }
}

struct PrunedWeight<T: TopK> {
    base: Box<dyn Weight>,
    plan: T::Plan,
}

impl<T: TopK> Weight for PrunedWeight<T> {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.base.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.base.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.base.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        match T::for_each(&self.plan, reader, callback) {
            Some(done) => done,
            None => self.base.for_each(reader, callback),
        }
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.base.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        T::for_each_pruning(&self.plan, threshold, reader, callback)
    }
}

/// BM25 statistics, each looked up once per query (a term's document frequency costs a
/// term-dictionary lookup in every segment).
pub(super) struct MemoStats<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    docs: Cell<Option<u64>>,
    tokens: RefCell<Vec<(Field, u64)>>,
    freqs: RefCell<Vec<(Term, u64)>>,
}

impl<'a> MemoStats<'a> {
    fn new(inner: &'a dyn Bm25StatisticsProvider) -> MemoStats<'a> {
        MemoStats {
            inner,
            docs: Cell::new(None),
            tokens: RefCell::new(Vec::new()),
            freqs: RefCell::new(Vec::new()),
        }
    }
}

impl Bm25StatisticsProvider for MemoStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&(_, n)) = self.tokens.borrow().iter().find(|(f, _)| *f == field) {
            return Ok(n);
        }
        let n = self.inner.total_num_tokens(field)?;
        self.tokens.borrow_mut().push((field, n));
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(n) = self.docs.get() {
            return Ok(n);
        }
        let n = self.inner.total_num_docs()?;
        self.docs.set(Some(n));
        Ok(n)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some((_, n)) = self.freqs.borrow().iter().find(|(t, _)| t == term) {
            return Ok(*n);
        }
        let n = self.inner.doc_freq(term)?;
        self.freqs.borrow_mut().push((term.clone(), n));
        Ok(n)
    }
}
